"""Concurrent edits kept aside by sync, for the supervisor to settle.

When two devices change the same row without seeing each other's version, sync
keeps the higher ``(clock, device)`` version and stores the other one in
``sync_conflicts`` (``sync/apply.py``). This module lists the open ones (paged,
with a readable label for the row and the fields the two versions disagree on)
and resolves one: keeping the winner only closes the conflict; keeping the
loser writes the losing version's differing fields onto the row as a new local
change (ORM write, fresh clock, change-log entry: it syncs onwards like any
edit) and closes it. Both are audited (``conflict_resolved``).

No Qt; the same queries on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import EQUIPMENT_KIND_ZH
from inspector_app.store.models import (
    AuditLog,
    Device,
    Equipment,
    Finding,
    Inspection,
    SyncConflict,
    SyncEnrolment,
    Unit,
)
from inspector_app.sync.columns import META, table_specs

from .errors import NotFound, UserError

Keep = Literal["winner", "loser"]
# Columns never compared or copied: identity and the bookkeeping every write changes.
SKIPPED = META | {"id", "created_at"}
TABLE_ZH = {"units": "使用单位", "equipment": "设备", "findings": "问题（隐患）"}


@dataclass(frozen=True)
class ConflictVersion:
    device_id: str
    device_name: str
    clock: int
    updated_at: dt.datetime | None  # when that device wrote it (its own clock time)


@dataclass(frozen=True)
class ConflictRow:
    id: int
    table: str
    table_label: str  # 使用单位 / 设备 / 问题（隐患）, else the table name
    row_id: str
    label: str  # unit name, equipment name · registration code, finding description
    winner: ConflictVersion  # the version sync kept (in the row unless changed since)
    loser: ConflictVersion  # the version set aside
    fields: tuple[str, ...]  # columns the two versions disagree on
    detected_at: dt.datetime
    changed_since: bool  # the row has moved on from the kept version


@dataclass(frozen=True)
class FieldVersions:
    field: str
    winner: Any  # JSON values as carried in the change
    loser: Any
    current: Any  # the row as it is now
    differs: bool


@dataclass(frozen=True)
class ConflictDetail:
    row: ConflictRow
    fields: tuple[FieldVersions, ...]  # every data column; differing ones first


def differing_fields(winner: dict[str, Any], loser: dict[str, Any]) -> tuple[str, ...]:
    keys = sorted((set(winner) | set(loser)) - SKIPPED)
    return tuple(k for k in keys if winner.get(k) != loser.get(k))


def _open_filter() -> list:
    return [SyncConflict.resolved.is_(False)]


def count_open_conflicts(session: Session) -> int:
    stmt = select(func.count()).select_from(SyncConflict).where(*_open_filter())
    return session.scalar(stmt) or 0


def open_conflicts(session: Session, *, limit: int = 50, offset: int = 0) -> list[ConflictRow]:
    """Unresolved conflicts, newest first."""
    stmt = (
        select(SyncConflict)
        .where(*_open_filter())
        .order_by(SyncConflict.detected_at.desc(), SyncConflict.id.desc())
        .limit(limit)
        .offset(offset)
    )
    conflicts = list(session.scalars(stmt))
    return _rows(session, conflicts)


def conflict_detail(session: Session, conflict_id: int) -> ConflictDetail:
    c = session.get(SyncConflict, conflict_id)
    if c is None:
        raise NotFound(f"conflict {conflict_id} not found", message_zh="找不到该数据冲突。")
    row = _rows(session, [c])[0]
    current = _current_payloads(session, c.table_name, [c.row_id]).get(c.row_id, {})
    keys = sorted((set(c.winner_payload) | set(c.loser_payload)) - SKIPPED)
    fields = [
        FieldVersions(k, c.winner_payload.get(k), c.loser_payload.get(k), current.get(k),
                      k in row.fields)
        for k in keys
    ]
    fields.sort(key=lambda f: not f.differs)  # stable: differing first, each group by name
    return ConflictDetail(row, tuple(fields))


def resolve_conflict(
    session: Session, *, conflict_id: int, officer_id: str | None, keep: Keep, note: str = ""
) -> SyncConflict:
    """Settle one conflict on a writing session (``Database.write``)."""
    if keep not in ("winner", "loser"):
        raise ValueError(f"keep must be 'winner' or 'loser', not {keep!r}")
    c = session.get(SyncConflict, conflict_id)
    if c is None:
        raise NotFound(f"conflict {conflict_id} not found", message_zh="找不到该数据冲突。")
    if c.resolved:
        raise UserError(f"conflict {conflict_id} is already resolved",
                        message_zh="该数据冲突已经处理过了。")
    fields = differing_fields(c.winner_payload, c.loser_payload)
    written: list[str] = []
    if keep == "loser":
        spec = table_specs().get(c.table_name)
        obj = session.get(spec.model, c.row_id) if spec is not None else None
        if obj is None:
            raise NotFound(f"{c.table_name} {c.row_id} not found",
                           message_zh="冲突涉及的记录在本机不存在。")
        loser = spec.decode(c.loser_payload)  # typed values, checked as an import checks them
        for key in fields:
            if getattr(obj, key) != loser[key]:
                setattr(obj, key, loser[key])
                written.append(key)
        session.flush()  # change capture: fresh clock, this device, change-log entry
    c.resolved = True
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="conflict_resolved",
            entity=c.table_name,
            entity_id=c.row_id,
            reason=note,
            details={
                "conflict_id": c.id,
                "keep": keep,
                "fields": list(fields),
                "written": written,
                "winner": [c.winner_clock, c.winner_device],
                "loser": [c.loser_clock, c.loser_device],
            },
        )
    )
    session.flush()
    return c


# -- labels -------------------------------------------------------------------------
def _rows(session: Session, conflicts: list[SyncConflict]) -> list[ConflictRow]:
    by_table: dict[str, list[str]] = defaultdict(list)
    for c in conflicts:
        by_table[c.table_name].append(c.row_id)
    labels: dict[tuple[str, str], str] = {}
    versions: dict[tuple[str, str], tuple[int, str]] = {}
    for table, ids in by_table.items():
        labels.update({(table, rid): text for rid, text in _labels(session, table, ids).items()})
        spec = table_specs().get(table)
        if spec is not None:
            t = spec.table
            for rid, clock, dev in session.execute(
                select(t.c.id, t.c.clock, t.c.origin_device).where(t.c.id.in_(set(ids)))
            ):
                versions[(table, rid)] = (clock, dev)
    names = _device_names(session, {d for c in conflicts
                                     for d in (c.winner_device, c.loser_device)})
    out = []
    for c in conflicts:
        key = (c.table_name, c.row_id)
        out.append(ConflictRow(
            id=c.id, table=c.table_name, table_label=TABLE_ZH.get(c.table_name, c.table_name),
            row_id=c.row_id,
            label=labels.get(key) or _fallback_label(c.winner_payload, c.row_id),
            winner=_version(c.winner_device, c.winner_clock, c.winner_payload, names),
            loser=_version(c.loser_device, c.loser_clock, c.loser_payload, names),
            fields=differing_fields(c.winner_payload, c.loser_payload),
            detected_at=c.detected_at,
            changed_since=versions.get(key, (c.winner_clock, c.winner_device))
            != (c.winner_clock, c.winner_device),
        ))
    return out


def _version(device: str, clock: int, payload: dict[str, Any], names: dict[str, str]
             ) -> ConflictVersion:
    updated = payload.get("updated_at")
    try:
        when = dt.datetime.fromisoformat(updated) if isinstance(updated, str) else None
    except ValueError:
        when = None
    return ConflictVersion(device, names.get(device) or device[:8], clock, when)


def _device_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    ids = list(ids)
    if not ids:
        return {}
    names = dict(session.execute(
        select(SyncEnrolment.device_id, SyncEnrolment.name)
        .where(SyncEnrolment.device_id.in_(ids))).all())
    names.update({i: n for i, n in session.execute(
        select(Device.id, Device.name).where(Device.id.in_(ids))).all() if n})
    return names


def _fallback_label(payload: dict[str, Any], row_id: str) -> str:
    for key in ("name", "description", "registration_code", "title"):
        if isinstance(payload.get(key), str) and payload[key]:
            return payload[key]
    return row_id[:8]


def _labels(session: Session, table: str, ids: list[str]) -> dict[str, str]:
    ids = sorted(set(ids))
    if table == "units":
        return dict(session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all())
    if table == "equipment":
        stmt = (select(Equipment.id, Unit.name, Equipment.kind, Equipment.name,
                       Equipment.registration_code)
                .join(Unit, Unit.id == Equipment.unit_id).where(Equipment.id.in_(ids)))
        return {eid: f"{unit} · {name or EQUIPMENT_KIND_ZH.get(kind, kind)} · {code}"
                for eid, unit, kind, name, code in session.execute(stmt)}
    if table == "findings":
        stmt = (select(Finding.id, Unit.name, Finding.description)
                .join(Inspection, Inspection.id == Finding.inspection_id)
                .join(Unit, Unit.id == Inspection.unit_id).where(Finding.id.in_(ids)))
        return {fid: f"{unit} · {description}" for fid, unit, description
                in session.execute(stmt)}
    return {}


def _current_payloads(session: Session, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    from inspector_app.store.changes import to_json_value

    spec = table_specs().get(table)
    if spec is None:
        return {}
    t = spec.table
    return {
        r["id"]: {k: to_json_value(r[k]) for k in spec.keys}
        for r in session.execute(select(t).where(t.c.id.in_(ids))).mappings()
    }
