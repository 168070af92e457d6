"""Applying changes: deterministic last-writer-wins, losers kept, idempotent.

``apply_changes`` is a plain function on a writing session; the caller owns
the transaction (one per bundle). Order of work: validate and decode every
change (no writes), check blob references (each must be sent along, or be here
with its verified file), lock the change log (see ``lock_log``), read the local
versions, then write rows table by table in foreign-key order, append the
accepted changes to ``change_log`` with their original clock and device (and
payload text, byte for byte), store losing versions in ``sync_conflicts`` and
move the Lamport clock to the highest clock seen.

The winner between two versions of a row is the higher ``(clock, device id)``
pair, so every database reaches the same state whatever order changes arrive
in. A version already present (same clock and device) is a no-op.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from inspector_app.store.blobs import BlobStore
from inspector_app.store.changes import lock_log, to_json_value
from inspector_app.store.limits import CLOCK_MAX
from inspector_app.store.models import Blob, ChangeLog, SyncConflict, utcnow

from . import skew
from .bundle import RAW_PAYLOAD
from .columns import TableSpec, data_part, table_specs
from .errors import SyncError
from .fastwrite import RawJSON, insert_rows
from .task import ApplyResult, SyncTask

__all__ = ["ORIGIN", "ApplyResult", "SyncTask", "apply_changes"]
ORIGIN = "_origin"  # set by the importer on a change whose origin attestation it verified

CHUNK = 500
PG_APPLY_LOCK = 0x1A5C_0001  # serialises imports across workers on one PostgreSQL


@dataclass
class _Version:
    clock: int
    device: str
    payload: dict[str, Any] | None  # None: the local row, read only when needed
    row: dict[str, Any] | None = None
    base: tuple[int, str] | None = None
    change: dict[str, Any] | None = None
    # A version of an older schema revision (sync/skew.py): the columns it may set on a
    # row this database has; None when it says every column.
    partial: frozenset[str] | None = None

    @property
    def key(self) -> tuple[int, str]:
        return (self.clock, self.device)


def _is_clock(value: Any, limit: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= limit


def _validate(
    change: Any,
    specs: Mapping[str, TableSpec],
    clock_limit: int = CLOCK_MAX,
    shape: skew.Shape | None = None,
) -> tuple[TableSpec, _Version]:
    if not isinstance(change, dict):
        raise SyncError("a change is not an object")
    table = change.get("table")
    spec = specs.get(table) if isinstance(table, str) else None
    if spec is None:
        raise SyncError(f"change for unknown table {str(table)[:60]!r}")
    clock, device, payload = change.get("clock"), change.get("device_id"), change.get("payload")
    if not _is_clock(clock, clock_limit):
        if _is_clock(clock, CLOCK_MAX):
            raise SyncError(
                f"{spec.name} change has clock {clock}, too far ahead of this database's "
                f"clock (limit {clock_limit}; docs/sync.md)"
            )
        raise SyncError(f"{spec.name} change has a bad clock (1..{CLOCK_MAX})")
    if not (isinstance(device, str) and 0 < len(device) <= 36):
        raise SyncError(f"{spec.name} change has a bad device id")
    if change.get("op") not in ("upsert", "delete") or not isinstance(payload, dict):
        raise SyncError(f"{spec.name} change has a bad op or payload")
    row, partial = skew.read_payload(spec, payload, shape)
    if row["id"] != change.get("row_id") or row["clock"] != clock or row["origin_device"] != device:
        raise SyncError(
            f"{spec.name} change {str(change.get('row_id'))[:40]!r}: id/clock/device disagree"
        )
    if (change["op"] == "delete") != row["deleted"]:
        raise SyncError(f"{spec.name} change {row['id']}: op and tombstone disagree")
    base = change.get("base")
    if base is not None:
        if not (
            isinstance(base, list)
            and len(base) == 2
            and _is_clock(base[0], CLOCK_MAX)
            and isinstance(base[1], str)
            and len(base[1]) <= 36
        ):
            raise SyncError(f"{spec.name} change {row['id']}: bad base version")
        base = (base[0], base[1])
    return spec, _Version(
        clock, device, payload, row=row, base=base, change=change, partial=partial
    )


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _local_versions(session: Session, spec: TableSpec, ids: list[str]) -> dict[str, _Version]:
    t = spec.table
    found: dict[str, _Version] = {}
    for part in _chunks(ids):
        for rid, clock, dev in session.execute(
            select(t.c.id, t.c.clock, t.c.origin_device).where(t.c.id.in_(part))
        ):
            found[rid] = _Version(clock, dev, None)
    return found


def _local_payload(session: Session, spec: TableSpec, row_id: str) -> dict[str, Any]:
    t = spec.table
    row = session.execute(select(t).where(t.c.id == row_id)).mappings().one()
    return {k: to_json_value(row[k]) for k in spec.keys}


def _seen(session: Session, spec: TableSpec, v: _Version, row_id: str) -> bool:
    """A losing version that this database has logged or kept as a conflict before."""
    log, conflict = ChangeLog, SyncConflict
    in_log = session.scalar(
        select(log.seq).where(
            log.table_name == spec.name,
            log.row_id == row_id,
            log.clock == v.clock,
            log.device_id == v.device,
        )
    )
    if in_log is not None:
        return True
    return (
        session.scalar(
            select(conflict.id).where(
                conflict.table_name == spec.name,
                conflict.row_id == row_id,
                conflict.loser_clock == v.clock,
                conflict.loser_device == v.device,
            )
        )
        is not None
    )


def _self_ref_order(spec: TableSpec, versions: list[_Version]) -> list[_Version]:
    """Rows referencing another new row of the same table go after it."""
    if not spec.self_refs or len(versions) < 2:
        return versions
    pending = {v.row["id"]: v for v in versions}
    ordered: list[_Version] = []
    while pending:
        ready = [
            v
            for v in pending.values()
            if not any(
                v.row.get(c) in pending and v.row.get(c) != v.row["id"] for c in spec.self_refs
            )
        ]
        if not ready:  # a cycle cannot come from real data; let the database refuse it
            ready = list(pending.values())
        for v in ready:
            ordered.append(pending.pop(v.row["id"]))
    return ordered


def _check_blobs(
    session: Session,
    groups: dict[str, Any],
    blobs: Mapping[str, Any],
    store: BlobStore | None,
    remote: Mapping[str, Any] | None = None,
) -> None:
    """Every referenced blob is sent along or is here: its row and, given ``store``, its file
    with the right bytes. A blob row is never written without its verified file, except
    for a blob the office says it keeps (``remote``, a scoped pull): its row is marked
    ``remote`` and its file is fetched when needed."""
    wanted: set[str] = set()
    for spec, versions in groups.values():
        for column in spec.blob_refs:
            wanted.update(
                v.row[column] for vs in versions.values() for v in vs if v.row.get(column)
            )
    missing = sorted(wanted - set(blobs) - set(remote or {}))
    for part in _chunks(missing):
        rows = dict(
            session.execute(select(Blob.sha256, Blob.remote).where(Blob.sha256.in_(part))).all()
        )
        lacking = [sha for sha in part if sha not in rows]
        if store is not None:
            lacking += [
                sha for sha in part if sha in rows and not rows[sha] and not store.verified(sha)
            ]
        if lacking:
            raise SyncError(f"changes reference blob {lacking[0]} that is neither sent nor here")


def _insert_blob_rows(
    session: Session, blobs: Mapping[str, Mapping[str, Any]], *, remote: bool = False
) -> None:
    """Rows for new blobs; a blob known only remotely until now becomes local when sent."""
    shas = sorted(blobs)
    have: set[str] = set()
    for part in _chunks(shas):
        have.update(session.scalars(select(Blob.sha256).where(Blob.sha256.in_(part))))
        if not remote:
            session.execute(
                update(Blob.__table__)
                .where(Blob.sha256.in_(part), Blob.remote.is_(True))
                .values(remote=False)
            )
    rows = [
        {
            "sha256": sha,
            "size": int(blobs[sha]["size"]),
            "media_type": str(blobs[sha].get("media_type") or "application/octet-stream")[:50],
            "width": blobs[sha].get("width"),
            "height": blobs[sha].get("height"),
            "created_at": utcnow(),
            "remote": remote,
        }
        for sha in shas
        if sha not in have
    ]
    if rows:
        session.execute(insert(Blob.__table__), rows)


def _worth_reporting(
    session: Session, spec: TableSpec, row_id: str, old: _Version, new: _Version
) -> bool:
    """Concurrent edits worth a supervisor's look: different devices, neither built on the
    other, and different data. Two versions that differ only in when they were created are
    the same row made twice (a content-addressed id: the shipped checklist forms that both
    a laptop and the office register), not a disagreement."""
    if old.device == new.device or new.base == old.key:
        return False
    for v in (old, new):
        if v.payload is None:
            v.payload = _local_payload(session, spec, row_id)
    mine, theirs = data_part(old.payload or {}), data_part(new.payload or {})
    mine.pop("created_at", None)
    theirs.pop("created_at", None)
    return mine != theirs


def apply_changes(
    session: Session,
    changes: list[dict[str, Any]],
    blobs: Mapping[str, Mapping[str, Any]],
    *,
    task: SyncTask | None = None,
    store: BlobStore | None = None,
    clock_limit: int = CLOCK_MAX,
    remote_blobs: Mapping[str, Mapping[str, Any]] | None = None,
    shape: skew.Shape | None = None,
) -> ApplyResult:
    """Merge ``changes`` into the session's database.

    ``blobs``: metadata of the blobs sent along (sha256 -> size, media_type, width,
    height), whose verified files the caller writes before it commits. A referenced
    blob not among them must be here already (with its file, checked when ``store`` is
    given). ``clock_limit``: the highest clock accepted (``limits.untrusted_clock_limit``
    for a device's push, ``CLOCK_MAX`` for the trusted office's pull). ``remote_blobs``
    (a scoped pull): blobs the office keeps; their rows are recorded as remote. ``shape``:
    the schema revision the changes are written in (``skew.Shape``; None: exactly ours)."""
    task = task or SyncTask()
    task.total = len(changes)
    specs = table_specs()
    groups: dict[str, tuple[TableSpec, dict[str, list[_Version]]]] = {}
    result = ApplyResult()
    task.step("checking")
    for change in changes:
        spec, version = _validate(change, specs, clock_limit, shape)
        groups.setdefault(spec.name, (spec, {}))[1].setdefault(version.row["id"], []).append(
            version
        )
        result.max_clock = max(result.max_clock, version.clock)
    _check_blobs(session, groups, blobs, store, remote_blobs)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_APPLY_LOCK})
    lock_log(session)
    try:
        _insert_blob_rows(session, blobs)
        if remote_blobs:
            _insert_blob_rows(session, remote_blobs, remote=True)
        for spec, versions in sorted(groups.values(), key=lambda g: g[0].order):
            _apply_table(session, spec, versions, result, task, shape)
        session.execute(
            text("UPDATE local_state SET clock = CASE WHEN clock < :c THEN :c ELSE clock END"),
            {"c": result.max_clock},
        )
        session.flush()
    except (IntegrityError, DataError, sqlite3.IntegrityError) as exc:
        orig = getattr(exc, "orig", None) or exc
        reason = (str(orig).splitlines() or [type(orig).__name__])[0][:200]
        raise SyncError(f"changes clash with this database ({reason}); nothing applied") from None
    return result


def _apply_table(
    session: Session,
    spec: TableSpec,
    versions: dict[str, list[_Version]],
    result: ApplyResult,
    task: SyncTask,
    shape: skew.Shape | None = None,
) -> None:
    local = _local_versions(session, spec, list(versions))
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    refreshes: list[dict[str, Any]] = []
    log: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    now = utcnow()
    refresh = shape.refresh_columns(spec.name) if shape is not None else frozenset()
    for row_id, incoming in versions.items():
        current = local.get(row_id)
        changed = False
        for v in incoming if len(incoming) == 1 else sorted(incoming, key=lambda x: x.key):
            if current is not None and v.key == current.key:
                result.identical += 1
                if refresh and current is local.get(row_id):
                    values = {c: v.row[c] for c in refresh if c in v.row}
                    if values:  # a catch-up: the office's values of columns new here
                        refreshes.append(values | {"_row_id": row_id})
                continue
            if v.partial is not None:
                if current is not None and current.payload is None:
                    current.payload = _local_payload(session, spec, row_id)
                _complete(spec, v, current.payload if current is not None else None)
            if current is None or v.key > current.key:
                if current is not None and _worth_reporting(session, spec, row_id, current, v):
                    conflicts.append(_conflict(spec, row_id, winner=v, loser=current, now=now))
                current, changed = v, True
                log.append(_log_entry(spec, v, now))
                result.applied += 1
                continue
            result.older += 1
            if not _seen(session, spec, v, row_id) and _worth_reporting(
                session, spec, row_id, v, current
            ):
                conflicts.append(_conflict(spec, row_id, winner=current, loser=v, now=now))
        if changed:
            (updates if row_id in local else inserts).append(current)
        task.step("applying", len(incoming))
    table = spec.table
    ordered = _self_ref_order(spec, inserts)
    rows = [v.row for v in ordered]
    if spec.local_defaults:
        rows = [spec.local_defaults | row for row in rows]
    insert_rows(session, table, rows, [v.payload for v in ordered])
    for keys in {frozenset(r) for r in refreshes}:
        stmt = update(table).where(table.c.id == bindparam("_row_id"))
        part = [r for r in refreshes if frozenset(r) == keys]
        session.connection().execute(stmt, part)
    if updates:
        stmt = update(table).where(table.c.id == bindparam("_row_id"))
        for part in _chunks([v.row for v in updates]):
            params = [
                {k: v for k, v in r.items() if k != "id"} | {"_row_id": r["id"]} for r in part
            ]
            session.connection().execute(stmt, params)
    insert_rows(session, ChangeLog.__table__, log)
    if conflicts:
        session.execute(insert(SyncConflict.__table__), conflicts)
    result.conflicts += len(conflicts)
    result.tables[spec.name] = len(inserts) + len(updates)


def _complete(spec: TableSpec, v: _Version, base: dict[str, Any] | None) -> None:
    """A version of an older revision made whole (``skew.complete``) before it is compared
    or written: logged as stored here, without the sender's text or attestation."""
    v.payload = skew.complete(spec, v.payload, v.partial, base)
    v.row = spec.decode(v.payload)
    v.partial = None
    if v.change is not None:
        v.change = {k: x for k, x in v.change.items() if k not in (RAW_PAYLOAD, ORIGIN)}


def _log_entry(spec: TableSpec, v: _Version, now: Any) -> dict[str, Any]:
    """The change as it came: its payload text byte for byte (what origin digests cover)."""
    change = v.change or {}
    text = change.get(RAW_PAYLOAD)
    origin = change.get(ORIGIN) or (None, None)
    return {
        "table_name": spec.name,
        "row_id": v.row["id"],
        "op": "delete" if v.row["deleted"] else "upsert",
        "clock": v.clock,
        "device_id": v.device,
        "payload": RawJSON(text) if isinstance(text, str) else v.payload,
        "recorded_at": now,
        "origin_batch": origin[0],
        "origin_index": origin[1],
    }


def _conflict(
    spec: TableSpec, row_id: str, *, winner: _Version, loser: _Version, now: Any
) -> dict[str, Any]:
    return {
        "table_name": spec.name,
        "row_id": row_id,
        "winner_clock": winner.clock,
        "winner_device": winner.device,
        "winner_payload": winner.payload,
        "loser_clock": loser.clock,
        "loser_device": loser.device,
        "loser_payload": loser.payload,
        "detected_at": now,
        "resolved": False,
    }
