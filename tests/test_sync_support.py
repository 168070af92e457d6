"""Helpers for the sync tests (no tests here): nodes, enrolment, canonical dumps."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from inspector_app.store.blobs import BlobStore
from inspector_app.store.changes import to_json_value
from inspector_app.store.db import Database, open_database
from inspector_app.store.models import synced_models
from inspector_app.sync import enrol, incoming, keys, outgoing
from inspector_app.sync.columns import table_specs


@dataclass
class Node:
    name: str
    folder: Path
    db: Database
    blobs: BlobStore

    def keys(self) -> keys.DeviceKeys:
        return keys.load_or_create_device_keys(self.folder)


def make_node(root: Path, name: str, url: str | None = None) -> Node:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(url or f"sqlite:///{folder / 'inspector.sqlite3'}")
    return Node(name, folder, db, BlobStore(folder / "blobs"))


def make_office(root: Path, url: str | None = None) -> Node:
    node = make_node(root, "office", url)
    keys.create_office_key(node.folder)
    enrol.ensure_device(node.db, node.folder, name="office")
    return node


def join(laptop: Node, office: Node, segment: str = "") -> None:
    office_key = keys.office_public(office.folder, office.db.device_id())
    enrol.trust_office(laptop.db, keys.parse_office_key(office_key.encode()))
    request = enrol.enrol_request(laptop.db, laptop.folder, name=laptop.name)
    enrol.enrol(office.db, json.loads(json.dumps(request)), segment=segment)


def push_bundle(laptop: Node, **kwargs) -> outgoing.Exported:
    return outgoing.export_push(
        laptop.db,
        laptop.blobs,
        keys=laptop.keys(),
        office=enrol.trusted_office(laptop.db),
        **kwargs,
    )


def pull_bundle(office: Node, laptop: Node, since: int | None = None) -> outgoing.Exported:
    if since is None:
        with laptop.db.read() as s:
            since = outgoing.cursor(s, office.db.device_id()).pulled_seq
    return outgoing.export_pull(
        office.db,
        office.blobs,
        keys=office.keys(),
        device_id=laptop.db.device_id(),
        since=since,
        limit=None,
    )


def deliver(data: bytes, node: Node) -> incoming.ImportReport:
    return incoming.import_bundle(node.db, node.blobs, data, folder=node.folder)


def file_sync(laptop: Node, office: Node) -> None:
    """The USB-stick round trip: laptop -> office, then office -> laptop."""
    ex = push_bundle(laptop)
    if ex.manifest["change_count"]:
        deliver(ex.data, office)
    deliver(pull_bundle(office, laptop).data, laptop)


def dump(db: Database) -> str:
    """Every synced row, canonically: equal dumps mean equal synced state."""
    out = {}
    with db.read() as s:
        for model in synced_models():
            spec = table_specs()[model.__tablename__]
            t = model.__table__
            rows = s.execute(select(t).order_by(t.c.id)).mappings()
            out[model.__tablename__] = [
                {k: to_json_value(r[k]) for k in sorted(spec.keys)} for r in rows
            ]
    return json.dumps(out, sort_keys=True, ensure_ascii=False)


def everything(db: Database) -> str:
    """All tables (sync bookkeeping included), to prove a refused import changed nothing."""
    from inspector_app.store.models import Base

    out = {}
    with db.read() as s:
        for t in Base.metadata.sorted_tables:
            rows = s.execute(select(t)).mappings()
            out[t.name] = sorted(
                json.dumps({k: to_json_value(v) for k, v in r.items()}, sort_keys=True, default=str)
                for r in rows
            )
    return json.dumps(out, sort_keys=True)


def attest(node: Node, lines: list[str]) -> tuple[list[str], dict, dict[str, bytes]]:
    """Change lines re-attested by ``node``, as an attacker holding its key would do after
    editing them: (lines with ``origin`` refs, the manifest's ``origins``, the members).

    The node's own lines get a fresh batch; lines of other devices or lines that do not
    parse are left as they are (without a reference)."""
    from inspector_app.sync import bundle, origin
    from inspector_app.sync.errors import SyncError

    device = node.db.device_id()
    digests, own = [], []
    for n, line in enumerate(lines):
        try:
            change = bundle._parse_line(line, "line")
            text = change[bundle.RAW_PAYLOAD]
            fields = [change["table"]]
        except (SyncError, KeyError):
            continue
        if change.get("device_id") != device:
            continue
        try:
            digests.append(origin.change_digest(*fields, text))
        except (TypeError, AttributeError):  # mutated head fields: nothing to attest
            continue
        own.append(n)
    if not own:
        return lines, {}, {}
    batch = origin.sign_batch(node.keys().sign, device, b"".join(digests))
    out = list(lines)
    for i, n in enumerate(own):
        out[n] = f'{{"origin": ["{batch.batch_id}", {i}], ' + lines[n][1:]
    return (
        out,
        {batch.batch_id: batch.manifest_entry()},
        {f"origins/{batch.batch_id}": batch.digests},
    )
