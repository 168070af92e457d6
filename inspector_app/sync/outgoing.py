"""Making bundles: a laptop's own changes for the office, the office's changes for a laptop."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, cast, func, select, tuple_
from sqlalchemy.orm import Session

from inspector_app.store.blobs import BlobError, BlobStore
from inspector_app.store.db import Database
from inspector_app.store.models import AppliedBundle, Blob, ChangeLog, SyncCursor

from . import bundle, envelope
from .columns import table_specs
from .errors import SyncError
from .keys import DeviceKeys

CHUNK = 500


@dataclass
class Exported:
    data: bytes
    manifest: dict[str, Any]

    @property
    def bundle_id(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def cursor(session: Session, peer: str) -> SyncCursor:
    row = session.get(SyncCursor, peer)
    return row if row is not None else SyncCursor(peer=peer, acked_seq=0, pulled_seq=0)


def save_cursor(
    session: Session, peer: str, *, acked: int | None = None, pulled: int | None = None
) -> None:
    row = session.get(SyncCursor, peer)
    if row is None:
        row = SyncCursor(peer=peer, acked_seq=0, pulled_seq=0)
        session.add(row)
    if acked is not None:
        row.acked_seq = max(row.acked_seq, acked)
    if pulled is not None:
        row.pulled_seq = max(row.pulled_seq, pulled)
    session.flush()


_LOG = ChangeLog.__table__


def _entries(session: Session, *, since: int, limit: int | None) -> list[Any]:
    """Log entries after ``since`` with their raw JSON payload text (not decoded)."""
    c = _LOG.c
    stmt = (
        select(
            c.seq,
            c.table_name,
            c.row_id,
            c.op,
            c.clock,
            c.device_id,
            cast(c.payload, Text).label("raw"),
        )
        .where(c.seq > since)
        .order_by(c.seq)
    )
    if limit:
        stmt = stmt.limit(limit)
    return list(session.execute(stmt))


def _bases(session: Session, since: int, upto: int) -> dict[int, list[Any] | None]:
    """For each entry, the version of its row it was written on (the previous log entry)."""
    c = _LOG.c
    window = {"partition_by": (c.table_name, c.row_id), "order_by": c.seq}
    touched = select(c.table_name, c.row_id).where(c.seq > since, c.seq <= upto)
    inner = (
        select(
            c.seq,
            func.lag(c.clock).over(**window).label("prev_clock"),
            func.lag(c.device_id).over(**window).label("prev_device"),
        )
        .where(tuple_(c.table_name, c.row_id).in_(touched), c.seq <= upto)
        .subquery()
    )
    rows = session.execute(select(inner).where(inner.c.seq > since))
    return {seq: [clock, dev] if clock is not None else None for seq, clock, dev in rows}


def _line(e: Any, base: list[Any] | None) -> str:
    head = json.dumps(
        {
            "seq": e.seq,
            "table": e.table_name,
            "row_id": e.row_id,
            "op": e.op,
            "clock": e.clock,
            "device_id": e.device_id,
            "base": base,
        },
        ensure_ascii=False,
    )
    return head[:-1] + ', "payload": ' + e.raw + "}"


def _blobs_of(session: Session, store: BlobStore, entries: Iterable[Any]):
    specs = table_specs()
    shas: set[str] = set()
    for e in entries:
        refs = specs[e.table_name].blob_refs
        if refs:
            payload = json.loads(e.raw)
            shas.update(payload[column] for column in refs if payload.get(column))
    meta: dict[str, dict[str, Any]] = {}
    ordered = sorted(shas)
    for i in range(0, len(ordered), CHUNK):
        for b in session.scalars(select(Blob).where(Blob.sha256.in_(ordered[i : i + CHUNK]))):
            meta[b.sha256] = {
                "size": b.size,
                "media_type": b.media_type,
                "width": b.width,
                "height": b.height,
            }
    try:
        return {sha: store.get(sha) for sha in ordered}, meta
    except BlobError as exc:
        raise SyncError(f"cannot export: {exc}") from None


def build(
    session: Session,
    store: BlobStore,
    *,
    keys: DeviceKeys,
    device_id: str,
    recipient: bytes,
    kind: str,
    since: int,
    limit: int | None = None,
    only_device: str | None = None,
    skip_device: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Exported:
    """A sealed bundle of the change log after ``since`` (filtered by device)."""
    entries = _entries(session, since=since, limit=limit)
    seq_to = entries[-1].seq if entries else since
    chosen = [
        e
        for e in entries
        if (only_device is None or e.device_id == only_device)
        and (skip_device is None or e.device_id != skip_device)
    ]
    bases = _bases(session, since, seq_to) if chosen else {}
    lines = [_line(e, bases.get(e.seq)) for e in chosen]
    blob_bytes, blob_meta = _blobs_of(session, store, chosen)
    manifest = {
        "bundle_uuid": str(uuid.uuid4()),
        "kind": kind,
        "device_id": device_id,
        "seq_from": since + 1,
        "seq_to": seq_to,
        "created_at": bundle.now_iso(),
        "blobs": blob_meta,
        **(extra or {}),
    }
    payload, manifest = bundle.pack(
        manifest=manifest, lines=lines, blobs=blob_bytes, signer=keys.sign
    )
    return Exported(envelope.seal(payload, recipient=recipient, kind=kind), manifest)


def acked_seq(session: Session, device_id: str) -> int:
    """How far a device's log is covered by contiguous applied push bundles."""
    covered = 0
    rows = session.execute(
        select(AppliedBundle.seq_from, AppliedBundle.seq_to)
        .where(AppliedBundle.device_id == device_id, AppliedBundle.kind == "push")
        .order_by(AppliedBundle.seq_from)
    )
    for seq_from, seq_to in rows:
        if seq_from <= covered + 1:
            covered = max(covered, seq_to)
    return covered


def export_push(
    db: Database,
    store: BlobStore,
    *,
    keys: DeviceKeys,
    office: Any,
    since: int | None = None,
    limit: int | None = None,
    include_forwarded: bool = False,
    officer_id: str | None = None,
) -> Exported:
    """This laptop's changes the office has not acknowledged (or those after ``since``)."""
    device_id = db.device_id()
    with db.read() as session:
        start = cursor(session, office.device_id).acked_seq if since is None else since
        return build(
            session,
            store,
            keys=keys,
            device_id=device_id,
            recipient=office.box_public,
            kind="push",
            since=start,
            limit=limit,
            only_device=None if include_forwarded else device_id,
            skip_device=office.device_id if include_forwarded else None,
            extra={"officer_id": officer_id},
        )


def export_pull(
    db: Database,
    store: BlobStore,
    *,
    keys: DeviceKeys,
    device_id: str,
    since: int,
    limit: int | None = 5000,
) -> Exported:
    """What the office has for an enrolled device after its cursor (not its own changes)."""
    from sqlalchemy import text

    from .apply import PG_APPLY_LOCK
    from .errors import SyncError
    from .incoming_checks import active_enrolment

    with db.read() as session:
        if db.engine.dialect.name == "postgresql":  # never read past an import in progress
            session.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": PG_APPLY_LOCK})
        row = active_enrolment(session, device_id)
        if since < 0:
            raise SyncError("cursor must not be negative")
        settings = {"directive_segment": row.segment} if row.segment else {}
        return build(
            session,
            store,
            keys=keys,
            device_id=db.device_id(),
            recipient=row.box_key,
            kind="pull",
            since=since,
            limit=limit,
            skip_device=device_id,
            extra={
                "recipient": device_id,
                "acked_seq": acked_seq(session, device_id),
                "settings": settings,
            },
        )
