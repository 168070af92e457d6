"""Making bundles: a laptop's own changes for the office, the office's changes for a laptop.

A push attests the exporting device's own changes (``origin.py``); with
``include_forwarded`` a relay adds other devices' changes that came to it with
their origin's attestation. A pull is the office's change log after the
device's cursor. The change log is commit-ordered (``store.changes.lock_log``),
so reading it needs no lock and a cursor never skips an entry.

An entry whose blob (photo, signature, PDF) is missing or damaged here is
**withheld**: left out of the bundle while the cursor moves on, recorded in
``sync_withheld``, logged, and named in the manifest (``withheld``), so one bad
file never stops anyone's sync and never goes unnoticed. Once the file is back
(an import brings it, or ``inspector blobs check --requeue``), the entry is
queued again (``withheld.requeue``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, cast, func, select, tuple_
from sqlalchemy.orm import Session

from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database
from inspector_app.store.models import (
    AppliedBundle,
    Blob,
    ChangeLog,
    LocalState,
    OriginBatch,
    SyncCursor,
)

from . import bundle, envelope, origin, scope, skew, withheld
from .columns import table_specs
from .errors import SyncError
from .incoming_checks import active_enrolment
from .keys import DeviceKeys

CHUNK = 500
MAX_LISTED_WITHHELD = 100  # named one by one in a manifest; the count is always there
log = logging.getLogger(__name__)


@dataclass
class Exported:
    data: bytes
    manifest: dict[str, Any]
    withheld: list[withheld.Item] = field(default_factory=list)

    @property
    def bundle_id(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def catching_up(self) -> bool:
        """A push from a laptop whose data is older than its release: worth sending even
        empty, so the office makes its next pull bundle a catch-up (docs/sync.md)."""
        m = self.manifest
        return m.get("kind") == "push" and m.get("data_schema", m.get("schema")) != m.get("schema")


def cursor(session: Session, peer: str) -> SyncCursor:
    row = session.get(SyncCursor, peer)
    return row if row is not None else SyncCursor(peer=peer, acked_seq=0, pulled_seq=0)


def save_cursor(
    session: Session, peer: str, *, acked: int | None = None, pulled: int | None = None
) -> None:
    row = session.get(SyncCursor, peer)
    if row is None:
        row = SyncCursor(peer=peer, acked_seq=0, pulled_seq=0, include_own=False)
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
            c.origin_batch,
            c.origin_index,
        )
        .where(c.seq > since)
        .order_by(c.seq)
    )
    if limit:
        stmt = stmt.limit(limit)
    return list(session.execute(stmt))


def _bases(session: Session, since: int, upto: int, versions: dict[int, tuple[int, str]]):
    """For each entry, the version of its row it was written on (the previous log entry).

    ``versions``: seq -> (clock, device) of the entries being exported."""
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
    bases: dict[int, list[Any] | None] = {}
    for seq, prev_clock, prev_dev in session.execute(select(inner).where(inner.c.seq > since)):
        if prev_clock is not None and versions.get(seq) == (prev_clock, prev_dev):
            # a copy queued again (withheld.requeue): its base is the version before that
            prev_clock, prev_dev = _distinct_base(session, seq, prev_clock, prev_dev)
        bases[seq] = [prev_clock, prev_dev] if prev_clock is not None else None
    return bases


def _bases_at(session: Session, seqs: list[int]) -> dict[int, list[Any] | None]:
    """The previous log entry of each entry's row, for entries anywhere in the log."""
    c = _LOG.c
    window = {"partition_by": (c.table_name, c.row_id), "order_by": c.seq}
    bases: dict[int, list[Any] | None] = {}
    for i in range(0, len(seqs), CHUNK):
        part = seqs[i : i + CHUNK]
        touched = select(c.table_name, c.row_id).where(c.seq.in_(part))
        inner = (
            select(
                c.seq,
                func.lag(c.clock).over(**window).label("prev_clock"),
                func.lag(c.device_id).over(**window).label("prev_device"),
            )
            .where(tuple_(c.table_name, c.row_id).in_(touched), c.seq <= max(part))
            .subquery()
        )
        for seq, clock, dev in session.execute(select(inner).where(inner.c.seq.in_(part))):
            bases[seq] = [clock, dev] if clock is not None else None
    return bases


def _distinct_base(session: Session, seq: int, clock: int, dev: str) -> tuple[Any, Any]:
    c = _LOG.c
    this = session.execute(select(c.table_name, c.row_id).where(c.seq == seq)).one()
    row = session.execute(
        select(c.clock, c.device_id)
        .where(
            c.table_name == this.table_name,
            c.row_id == this.row_id,
            c.seq < seq,
            tuple_(c.clock, c.device_id) != tuple_(clock, dev),
        )
        .order_by(c.seq.desc())
        .limit(1)
    ).first()
    return (row.clock, row.device_id) if row is not None else (None, None)


def _line(e: Any, base: list[Any] | None, ref: list[Any] | None = None) -> str:
    head_fields = {
        "seq": e.seq,
        "table": e.table_name,
        "row_id": e.row_id,
        "op": e.op,
        "clock": e.clock,
        "device_id": e.device_id,
        "base": base,
    }
    if ref is not None:
        head_fields["origin"] = ref
    head = json.dumps(head_fields, ensure_ascii=False)
    return head[:-1] + ', "payload": ' + e.raw + "}"


def _blob_refs(entries: Iterable[Any]) -> dict[int, list[str]]:
    specs = table_specs()
    refs: dict[int, list[str]] = {}
    for e in entries:
        columns = specs[e.table_name].blob_refs
        if columns:
            payload = json.loads(e.raw)
            shas = [payload[column] for column in columns if payload.get(column)]
            if shas:
                refs[e.seq] = shas
    return refs


def _blobs_of(
    session: Session, store: BlobStore, entries: list[Any], remote_rows: set[int] | None = None
):
    """The blobs the entries need, and the entries withheld because one is missing or damaged.

    ``remote_rows``: entries (seqs) whose files stay at the office (a scoped pull); their
    blobs' metadata goes to ``remote`` unless another entry needs the file itself. A blob
    this installation knows only by its hash (``blobs.remote``) is at the office already:
    a push references it without sending it."""
    refs = _blob_refs(entries)
    remote_rows = remote_rows or set()
    needed = {sha for seq, shas in refs.items() if seq not in remote_rows for sha in shas}
    ordered = sorted({sha for shas in refs.values() for sha in shas})
    meta: dict[str, dict[str, Any]] = {}
    at_office: set[str] = set()
    for i in range(0, len(ordered), CHUNK):
        for b in session.scalars(select(Blob).where(Blob.sha256.in_(ordered[i : i + CHUNK]))):
            meta[b.sha256] = {
                "size": b.size,
                "media_type": b.media_type,
                "width": b.width,
                "height": b.height,
            }
            if b.remote:
                at_office.add(b.sha256)
    remote = {sha: meta[sha] for sha in ordered if sha not in needed and sha in meta}
    ordered = [sha for sha in ordered if sha in needed and sha not in at_office]
    refs = {
        seq: [sha for sha in shas if sha in needed and sha not in at_office]
        for seq, shas in refs.items()
    }
    data: dict[str, bytes] = {}
    problems: dict[str, str] = {}
    for sha in ordered:
        if sha not in meta:
            problems[sha] = "no blob row"
            continue
        try:
            data[sha] = store.get(sha)
        except Exception as exc:  # noqa: BLE001 - missing, damaged or unreadable: withheld
            problems[sha] = store.problem(sha) or f"unreadable ({type(exc).__name__})"
    held: list[withheld.Item] = []
    if problems:
        by_seq = {e.seq: e for e in entries}
        for seq, shas in refs.items():
            bad = next((sha for sha in shas if sha in problems), None)
            if bad is not None:
                e = by_seq[seq]
                held.append(
                    withheld.Item(seq, e.table_name, e.row_id, e.device_id, bad, problems[bad])
                )
        held_seqs = {h.seq for h in held}
        keep = {sha for seq, shas in refs.items() if seq not in held_seqs for sha in shas}
        data = {sha: b for sha, b in data.items() if sha in keep}
        meta = {sha: m for sha, m in meta.items() if sha in keep}
    else:
        meta = {sha: meta[sha] for sha in ordered}
    return data, meta, held, remote


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
    forwarded: bool = False,
    extra: dict[str, Any] | None = None,
    selected: tuple[list[Any], int, set[int], list[int]] | None = None,
    log_end: bool | None = None,
    schema: str | None = None,
    catchup: frozenset[str] = frozenset(),
    upto: int = 0,
) -> Exported:
    """A sealed bundle of the change log after ``since`` (filtered by device).

    Pushes attest the exporter's own changes; ``forwarded`` adds other devices' changes
    that carry their origin's attestation (a relay's ``--all``). ``selected`` (a scoped
    pull, ``_scoped``): the entries already chosen, the page's end, the entries whose
    files stay at the office, and the backfilled ones (from before ``since``), with
    ``log_end`` saying whether the log ends there. A pull is built in the laptop's schema
    revision ``schema`` (``skew.translate``); a catch-up pull also brings every entry of
    the ``catchup`` tables (the laptop's own too), and of the other tables only those
    after ``upto`` (what the laptop had before the catch-up began)."""
    remote_rows: set[int] = set()
    backfilled: list[int] = []
    if selected is not None:
        chosen, seq_to, remote_rows, backfilled = selected
    else:
        entries = _entries(session, since=since, limit=limit)
        seq_to = entries[-1].seq if entries else since
        log_end = not limit or len(entries) < limit
        chosen = [
            e
            for e in entries
            if e.table_name in catchup
            or (
                e.seq > upto
                and (only_device is None or e.device_id == only_device)
                and (skip_device is None or e.device_id != skip_device)
                and (not forwarded or e.device_id == device_id or e.origin_batch is not None)
            )
        ]
    if schema is not None:
        chosen = skew.translate(chosen, schema)
    blob_bytes, blob_meta, held, remote = _blobs_of(session, store, chosen, remote_rows)
    if held:
        skip = {h.seq for h in held}
        chosen = [e for e in chosen if e.seq not in skip]
    versions = {e.seq: (e.clock, e.device_id) for e in chosen if e.seq > since}
    bases = _bases(session, since, seq_to, versions) if versions else {}
    if backfilled:
        bases.update(_bases_at(session, [e.seq for e in chosen if e.seq <= since]))
    refs: dict[int, list[Any]] = {}
    batches: dict[str, origin.Batch] = {}
    if kind == "push":
        refs, batches = _attest(session, keys, device_id, chosen)
        if forwarded:
            chosen = [e for e in chosen if e.device_id == device_id or e.seq in refs]
    lines = [_line(e, bases.get(e.seq), refs.get(e.seq)) for e in chosen]
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
    if kind == "pull":
        manifest["log_end"] = bool(log_end)
    if batches:
        manifest["origins"] = {bid: b.manifest_entry() for bid, b in batches.items()}
    if remote:
        manifest["remote_blobs"] = remote
    if held:
        manifest["withheld"] = {
            "count": len(held),
            "items": [h.as_manifest() for h in held[:MAX_LISTED_WITHHELD]],
        }
    payload, manifest = bundle.pack(
        manifest=manifest,
        lines=lines,
        blobs=blob_bytes,
        signer=keys.sign,
        origins={bid: b.digests for bid, b in batches.items()},
    )
    return Exported(envelope.seal(payload, recipient=recipient, kind=kind), manifest, held)


def _attest(
    session: Session, keys: DeviceKeys, device_id: str, entries: list[Any]
) -> tuple[dict[int, list[Any]], dict[str, origin.Batch]]:
    """This device signs its own entries as one batch; others keep the batch they came with."""
    refs: dict[int, list[Any]] = {}
    batches: dict[str, origin.Batch] = {}
    own = [e for e in entries if e.device_id == device_id]
    if own:
        digest = origin.change_digest
        digests = b"".join([digest(e.table_name, e.raw) for e in own])
        batch = origin.sign_batch(keys.sign, device_id, digests)
        batches[batch.batch_id] = batch
        bid = batch.batch_id
        refs = {e.seq: [bid, i] for i, e in enumerate(own)}
    forwarded = [e for e in entries if e.device_id != device_id]
    wanted = sorted({e.origin_batch for e in forwarded})
    for i in range(0, len(wanted), CHUNK):
        for row in session.scalars(
            select(OriginBatch).where(OriginBatch.batch_id.in_(wanted[i : i + CHUNK]))
        ):
            batches[row.batch_id] = origin.Batch(
                row.batch_id, row.device_id, row.signature, row.digests
            )
    for e in forwarded:  # forward only what the origin's attestation still vouches for
        batch = batches.get(e.origin_batch)
        if (
            batch is not None
            and 0 <= e.origin_index < len(batch)
            and batch.device_id == e.device_id
            and origin.change_digest(e.table_name, e.raw) == batch.digest(e.origin_index)
        ):
            refs[e.seq] = [e.origin_batch, e.origin_index]
        else:
            log.warning(
                "change %s of %s left out: its attestation does not match", e.seq, e.device_id
            )
    return refs, batches


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


def _record(db: Database, ex: Exported, peer: str) -> Exported:
    """Withheld entries are recorded and logged, never passed over in silence."""
    if ex.withheld:
        withheld.record(db, ex.withheld)
        first = ex.withheld[0]
        log.warning(
            "bundle for %s withholds %d change(s): blob %s is %s here (%s %s, first of them)",
            peer,
            len(ex.withheld),
            first.blob_sha256,
            first.problem,
            first.table_name,
            first.row_id,
        )
    return ex


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
    check_office: bool = True,
) -> Exported:
    """This laptop's changes the office has not acknowledged (or those after ``since``).

    ``include_forwarded`` (``bundle export --all``, a relay): also other devices' changes
    that came here with their origin's attestation. ``check_office``: refuse when the
    office's revision as we last heard it is older than ours (``inspector sync`` asks the
    office itself instead)."""
    device_id = db.device_id()
    with db.read() as session:
        row = cursor(session, office.device_id)
        heard = skew.office_revision(row)
        if heard is not None and check_office:
            skew.check_office(heard)
        start = row.acked_seq if since is None else since
        ex = build(
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
            forwarded=include_forwarded,
            extra={
                "officer_id": officer_id,
                "schema": skew.head(),
                "data_schema": skew.data_revision(row),
            },
        )
    return _record(db, ex, office.device_id)


def export_pull(
    db: Database,
    store: BlobStore,
    *,
    keys: DeviceKeys,
    device_id: str,
    since: int,
    limit: int | None = 5000,
    include_own: bool = False,
    schema: str | None = None,
    catchup: str | None = None,
    upto: int = 0,
) -> Exported:
    """What the office has for an enrolled device after its cursor (not its own changes,
    unless ``include_own``: a restored laptop takes back what it had sent), in the
    device's schema revision: ``schema`` as its request names it, else the one it last
    told us (a USB pull). ``catchup``: the revision its data was pulled in, when older
    (a catch-up after an upgrade; docs/sync.md, "Schema versions"). A device with a scope
    gets only its share (sync/scope.py), in a catch-up too."""
    if since < 0:
        raise SyncError("cursor must not be negative")
    with db.read() as session:
        row = active_enrolment(session, device_id)
        settings: dict[str, Any] = {"directive_segment": row.segment} if row.segment else {}
        if schema is None:  # a USB pull: what the device said in its last push
            schema = row.schema_revision or None
            if catchup is None and row.data_revision and row.data_revision != schema:
                catchup = row.data_revision
        target = skew.check_laptop(schema, relay=skew.is_relay(session))
        if catchup is not None:
            catchup = skew.check_laptop(catchup)
            if not skew.older(catchup, target):
                catchup = None
        tables: frozenset[str] = frozenset()
        if catchup:
            tables = skew.catchup_tables(catchup) & frozenset(skew.columns_at(target))
        else:
            upto = 0
        scoped = scope.Scope.read(row.scope)
        settings["scope"] = scope.describe(session, scoped)
        selected, more = None, None
        if scoped is not None:
            selected, more = _scoped(
                session, device_id, scoped, since, limit, include_own or bool(tables)
            )
            if tables:  # the catch-up's rule within the device's share
                chosen, seq_to, remote_rows, backfilled = selected
                kept = [
                    e
                    for e in chosen
                    if e.table_name in tables
                    or (e.seq > upto and (include_own or e.device_id != device_id))
                ]
                seqs = {e.seq for e in kept}
                selected = (kept, seq_to, remote_rows, [s for s in backfilled if s in seqs])
        ex = build(
            session,
            store,
            keys=keys,
            device_id=db.device_id(),
            recipient=row.box_key,
            kind="pull",
            since=since,
            limit=limit,
            skip_device=None if include_own else device_id,
            schema=target,
            catchup=tables,
            upto=upto,
            extra={
                "schema": target,
                "office_schema": skew.head(),
                **({"catchup": catchup} if catchup else {}),
                "recipient": device_id,
                "acked_seq": acked_seq(session, device_id),
                "settings": settings,
                # this database's incarnation: a laptop that sees it change knows the office
                # was restored and sends again what it may have lost
                "epoch": session.scalar(select(LocalState.audit_chain)) or "",
            },
            selected=selected,
            log_end=None if more is None else not more,
        )
    return _record(db, ex, device_id)


SCAN_WINDOWS = 20  # a scoped pull looks at up to this many pages of the log at once


def _heads(session: Session, since: int, limit: int | None) -> list[Any]:
    c = _LOG.c
    stmt = select(c.seq, c.table_name, c.row_id, c.device_id).where(c.seq > since).order_by(c.seq)
    return list(session.execute(stmt.limit(limit) if limit else stmt))


def _entries_at(session: Session, seqs: list[int]) -> list[Any]:
    c = _LOG.c
    out: list[Any] = []
    for i in range(0, len(seqs), CHUNK):
        out += session.execute(
            select(
                c.seq,
                c.table_name,
                c.row_id,
                c.op,
                c.clock,
                c.device_id,
                cast(c.payload, Text).label("raw"),
                c.origin_batch,
                c.origin_index,
            ).where(c.seq.in_(seqs[i : i + CHUNK]))
        )
    return sorted(out, key=lambda e: e.seq)


def _scoped(
    session: Session,
    device_id: str,
    scoped: scope.Scope,
    since: int,
    limit: int | None,
    include_own: bool,
) -> tuple[tuple[list[Any], int, set[int], list[int]], bool]:
    """The entries a scoped device gets after ``since``: its share of up to ``SCAN_WINDOWS``
    pages of the log (fewer once ``limit`` entries are chosen), what came into scope, and
    which entries' files stay at the office. Entries are read before the scope, so a scope
    change visible in the entries is visible to the decision too."""
    chosen: set[int] = set()
    backfilled: set[int] = set()
    remote: set[int] = set()
    cursor, more = since, False
    for _window in range(SCAN_WINDOWS if limit else 1):
        heads = _heads(session, cursor, limit)
        if not heads:
            more = False
            break
        seq_to = heads[-1].seq
        sel = scope.select_page(
            session,
            device_id=device_id,
            scope=scoped,
            heads=heads,
            since=since,
            seq_to=seq_to,
            include_own=include_own,
        )
        chosen.update(sel.seqs)
        backfilled.update(s for s in sel.backfill if s <= since)
        remote.update(sel.remote_rows)
        cursor = seq_to
        more = bool(limit) and len(heads) >= limit
        if not more or len(chosen) + len(backfilled) >= (limit or 0):
            break
    seqs = sorted(backfilled | chosen)
    return (_entries_at(session, seqs), cursor, remote, sorted(backfilled)), more
