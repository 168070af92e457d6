"""Change capture: every change to a synced row is logged in its own transaction.

Attached to each writing session by ``Database.write``. Before a flush, the
changed rows get this device's id, fresh Lamport clock values and
``updated_at``; after the flush, their full new state is appended to
``change_log`` on the same connection, so a change and its log entry commit or
roll back together. Hard deletes of synced rows are refused: a deletion is a
tombstone (``deleted = True``), which syncs like any other change.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
from typing import Any

from sqlalchemy import event, insert, inspect, text
from sqlalchemy.orm import Session

from .ids import new_id
from .models import ChangeLog, Synced, utcnow

_PENDING = "inspector_pending_changes"


class HardDeleteError(RuntimeError):
    pass


def attach(session: Session) -> None:
    event.listen(session, "before_flush", _before_flush)
    event.listen(session, "after_flush", _after_flush)


def next_clock_values(session: Session, count: int) -> tuple[str, int]:
    """Reserve ``count`` clock values; returns (device id, first value)."""
    row = (
        session.connection()
        .execute(
            text(
                "UPDATE local_state SET clock = clock + :n WHERE id = 1 RETURNING clock, device_id"
            ),
            {"n": count},
        )
        .one()
    )
    return row.device_id, row.clock - count + 1


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise HardDeleteError(
                f"{type(obj).__name__} {obj.id}: synced rows are tombstoned, never deleted"
            )
    changed = [o for o in session.new if isinstance(o, Synced)]
    changed += [o for o in session.dirty if isinstance(o, Synced) and _syncable_change(o)]
    if not changed:
        return
    device_id, first = next_clock_values(session, len(changed))
    now = utcnow()
    for offset, obj in enumerate(changed):
        obj.clock = first + offset
        obj.origin_device = device_id
        obj.updated_at = now
        if obj.created_at is None:
            obj.created_at = now
    session.info.setdefault(_PENDING, []).extend(changed)


def _syncable_change(obj: Synced) -> bool:
    """True when a column that travels changed (not only machine-local ones)."""
    exclude = type(obj).__sync_exclude__
    state = inspect(obj)
    return any(
        attr.key not in exclude and attr.history.has_changes()
        for attr in state.attrs
        if attr.key in state.mapper.column_attrs
    )


def _after_flush(session: Session, _ctx: Any) -> None:
    changed: list[Synced] = session.info.pop(_PENDING, [])
    if not changed:
        return
    rows = [
        {
            "table_name": obj.__tablename__,
            "row_id": obj.id,
            "op": "delete" if obj.deleted else "upsert",
            "clock": obj.clock,
            "device_id": obj.origin_device,
            "payload": row_payload(obj),
            "recorded_at": obj.updated_at,
        }
        for obj in changed
    ]
    session.connection().execute(insert(ChangeLog.__table__), rows)


def row_payload(obj: Synced) -> dict[str, Any]:
    """The row's columns as JSON-safe values, without machine-local columns."""
    exclude = type(obj).__sync_exclude__
    mapper = inspect(type(obj))
    return {
        attr.key: to_json_value(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in exclude
    }


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return {"b64": base64.b64encode(value).decode("ascii")}
    return value


def bulk_insert(session: Session, model: type[Synced], rows: list[dict[str, Any]]) -> None:
    """Insert many new synced rows fast, logging each like a normal change.

    For registry loads and demo data (hundreds of thousands of rows) where the
    unit of work would be too slow; every row still gets its clock, device,
    timestamps and change-log entry in this transaction.
    """
    if not rows:
        return
    device_id, first = next_clock_values(session, len(rows))
    now = utcnow()
    exclude = model.__sync_exclude__
    keys = [attr.key for attr in inspect(model).column_attrs]
    for offset, row in enumerate(rows):
        row.setdefault("id", new_id())
        row.setdefault("created_at", now)
        row.setdefault("deleted", False)
        row["updated_at"] = now
        row["clock"] = first + offset
        row["origin_device"] = device_id
    table = model.__table__
    session.execute(insert(table), rows)
    log = [
        {
            "table_name": model.__tablename__,
            "row_id": row["id"],
            "op": "upsert",
            "clock": row["clock"],
            "device_id": device_id,
            "payload": {
                k: to_json_value(row.get(k, _column_default(table, k)))
                for k in keys
                if k not in exclude
            },
            "recorded_at": now,
        }
        for row in rows
    ]
    session.execute(insert(ChangeLog.__table__), log)


def _column_default(table: Any, key: str) -> Any:
    default = table.c[key].default
    if default is None or not default.is_scalar:
        return None
    return default.arg
