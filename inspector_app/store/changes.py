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
import json
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Integer,
    LargeBinary,
    String,
    bindparam,
    event,
    insert,
    inspect,
    text,
)
from sqlalchemy.orm import Session

from . import audit
from .ids import new_id
from .limits import check_minted
from .models import AuditLog, ChangeLog, Synced, UTCDateTime, utcnow

_PENDING = "inspector_pending_changes"
_CLOCK = text("UPDATE local_state SET clock = clock + :n WHERE id = 1 RETURNING clock, device_id")
_LOCK_LOG = text("SELECT clock FROM local_state WHERE id = 1 FOR UPDATE")


class HardDeleteError(RuntimeError):
    pass


def attach(target: Any) -> None:
    """Capture changes on a Session or on every session of a sessionmaker."""
    event.listen(target, "before_flush", _before_flush)
    event.listen(target, "after_flush", _after_flush)


class ReadOnlySessionError(RuntimeError):
    pass


def forbid_writes(target: Any) -> None:
    """Reading sessions must not write: a write there would bypass the change log."""

    def _refuse(session: Session, _ctx: Any, _instances: Any) -> None:
        if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
            raise ReadOnlySessionError("this session only reads; write through Database.write()")

    event.listen(target, "before_flush", _refuse)


def lock_log(session: Session) -> None:
    """Hold the change log until this transaction ends: call before the first append.

    Every transaction that appends to ``change_log`` holds the ``local_state`` row
    locked from before its first entry until it commits (minting clock values locks
    it; an import without minting calls this), so log entries commit in ``seq`` order
    and a reader never sees a later entry without every earlier one: the pull cursor
    can skip nothing (docs/sync.md, "Pull without gaps"). SQLite has one writer at a
    time already (``BEGIN IMMEDIATE``)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK_LOG)


def next_clock_values(session: Session, count: int) -> tuple[str, int]:
    """Reserve ``count`` clock values; returns (device id, first value)."""
    row = session.connection().execute(_CLOCK, {"n": count}).one()
    check_minted(row.clock)
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
    audit.seal(session, [o for o in changed if isinstance(o, AuditLog) and o in session.new])
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
    keys = [attr.key for attr in inspect(model).column_attrs]
    for offset, row in enumerate(rows):
        if "id" not in row:  # not setdefault: that would mint an id for every row
            row["id"] = new_id()
        row.setdefault("created_at", now)
        row.setdefault("deleted", False)
        row["updated_at"] = now
        row["clock"] = first + offset
        row["origin_device"] = device_id
    table = model.__table__
    for row in rows:  # complete the rows so the stored row and the logged payload agree
        for key in keys:
            if key not in row:
                row[key] = _column_default(table, key)
    _write_many(session, model, rows, update=False, device_id=device_id, now=now)


def bulk_update(session: Session, model: type[Synced], rows: list[dict[str, Any]]) -> None:
    """Update many existing synced rows fast, logging each like a normal change.

    Each row holds every column (the current row with its changes applied: it
    becomes the change's payload) and is written whole, by ``id``. The clock,
    device and ``updated_at`` are filled in here, as ``bulk_insert`` does. For
    imports that diff against the database first, so an unchanged row is never
    passed here and never logged.
    """
    if not rows:
        return
    device_id, first = next_clock_values(session, len(rows))
    now = utcnow()
    keys = [attr.key for attr in inspect(model).column_attrs]
    for offset, row in enumerate(rows):
        missing = [key for key in keys if key not in row]
        if missing:
            raise ValueError(f"bulk_update of {model.__name__} needs whole rows; missing {missing}")
        row["updated_at"] = now
        row["clock"] = first + offset
        row["origin_device"] = device_id
    _write_many(session, model, rows, update=True, device_id=device_id, now=now)


def _write_many(
    session: Session,
    model: type[Synced],
    rows: list[dict[str, Any]],
    *,
    update: bool,
    device_id: str,
    now: dt.datetime,
) -> None:
    """The rows and their change-log entries, as one executemany each.

    On SQLite through the driver cursor of the session's connection (inside its
    transaction) with every value converted by the column type's own bind
    processor, as SQLAlchemy would store it; Core's per-value machinery costs
    more than SQLite itself for big loads. Other databases get Core executemany.
    """
    table = model.__table__
    keys = [attr.key for attr in inspect(model).column_attrs]
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        _driver_executemany(conn, table, keys, rows, update=update)
    elif conn.dialect.driver == "psycopg" and not update:
        _copy_rows(conn, table, keys, rows)
    elif update:
        # Bind names differ from the column names, which SQLAlchemy keeps for itself.
        stmt = (
            table.update()
            .where(table.c.id == bindparam("p_id"))
            .values({key: bindparam("p_" + key) for key in keys if key != "id"})
        )
        conn.execute(stmt, [{"p_" + k: v for k, v in row.items()} for row in rows])
    else:
        conn.execute(insert(table), rows)
    converters = _payload_converters(model)
    logged = [key for key, _conv in converters]
    values_of = _getter(logged)
    converted = [(key, conv) for key, conv in converters if conv is not None]
    log = []
    for row in rows:
        # the logged columns in their order, then the few that need converting in place
        # (assigning to a key keeps its position, so the payload's JSON text is unchanged)
        payload = dict(zip(logged, values_of(row), strict=True))
        for key, conv in converted:
            value = payload[key]
            if value is not None:
                payload[key] = conv(value)
        log.append(
            {
                "table_name": table.name,
                "row_id": row["id"],
                "op": "delete" if row.get("deleted") else "upsert",
                "clock": row["clock"],
                "device_id": device_id,
                "payload": payload,
                "recorded_at": now,
            }
        )
    if sqlite:
        _driver_executemany(conn, _LOG, list(_LOG_COLUMNS), log, update=False)
    elif conn.dialect.driver == "psycopg":
        _copy_rows(conn, _LOG, list(_LOG_COLUMNS), log)
    else:
        conn.execute(insert(_LOG), log)


def _getter(keys: Sequence[str]) -> Any:
    """``row -> tuple of row[key] for key in keys`` at C speed (a tuple for one key too)."""
    if len(keys) == 1:
        key = keys[0]
        return lambda row: (row[key],)
    return itemgetter(*keys)


def _memo(fn: Any) -> Any:
    """``fn`` remembered per value: a load repeats a few timestamps and dates many times."""
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = result = fn(value)
            return result

    return convert


def _payload_converters(model: type[Synced]) -> list[tuple[str, Any]]:
    """(key, converter or None) per logged column: ``to_json_value`` where it matters."""
    table = model.__table__
    out = []
    for attr in inspect(model).column_attrs:
        if attr.key in model.__sync_exclude__:
            continue
        column_type = table.c[attr.key].type
        plain = isinstance(column_type, String | Integer | Boolean | JSON) and not isinstance(
            column_type, LargeBinary
        )
        out.append((attr.key, None if plain else _memo(to_json_value)))
    return out


def _copy_rows(conn: Any, table: Any, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: the rows through COPY on the session's own connection (its transaction).

    psycopg adapts dates, aware datetimes, booleans and text as it does for an
    INSERT; JSON columns get the text SQLAlchemy's JSON type would send.
    """
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    pairs = []
    for name in columns:
        column_type = table.c[name].type
        if isinstance(column_type, JSON):
            pairs.append((name, json.dumps))
        elif isinstance(column_type, UTCDateTime):  # refuses naive datetimes, as the ORM does
            pairs.append((name, _memo(lambda v, t=column_type: t.process_bind_param(v, dialect))))
        else:
            pairs.append((name, None))
    names = ", ".join(quote(name) for name in columns)
    raw = conn.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [v if conv is None or v is None else conv(v) for name, conv in pairs for v in (row[name],)]
            )


def _driver_executemany(
    conn: Any, table: Any, columns: list[str], rows: list[dict[str, Any]], *, update: bool
) -> None:
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    names = [c for c in columns if c != "id"] if update else columns
    pairs = []
    for name in names:
        column_type = table.c[name].type
        proc = column_type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None and isinstance(column_type, UTCDateTime | Date):
            proc = _memo(proc)
        pairs.append((name, proc))
    # each row's values in column order, then the few columns with a processor (dates,
    # booleans, JSON) converted in place: most columns are passed to the driver as they are
    values_of = _getter(names)
    processed = [(n, proc) for n, (_name, proc) in enumerate(pairs) if proc is not None]
    values = []
    for row in rows:
        value = list(values_of(row))
        for n, proc in processed:
            v = value[n]
            if v is not None:
                value[n] = proc(v)
        values.append(value)
    if update:
        sets = ", ".join(f"{quote(name)} = ?" for name in names)
        sql = f"UPDATE {quote(table.name)} SET {sets} WHERE id = ?"
        for value, row in zip(values, rows, strict=True):
            value.append(row["id"])
    else:
        marks = ", ".join("?" for _ in names)
        sql = f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) VALUES ({marks})"
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, values)
    finally:
        cursor.close()


def _column_default(table: Any, key: str) -> Any:
    """The value SQLAlchemy would give a column left out (scalar or callable default)."""
    default = table.c[key].default
    if default is None:
        return None
    if default.is_scalar:
        return default.arg
    if default.is_callable:
        return default.arg(None)  # SQLAlchemy wraps plain callables to take a context
    return None


_CLOCK_SQL = "UPDATE local_state SET clock = clock + 1 WHERE id = 1 RETURNING clock, device_id"
_LOG = ChangeLog.__table__
_LOG_COLUMNS = ("table_name", "row_id", "op", "clock", "device_id", "payload", "recorded_at")


class _DriverStatements:
    """INSERT/UPDATE of one table for the driver's cursor, typed by SQLAlchemy.

    The hottest write (one answer per tap) spends more time in SQLAlchemy's
    execution machinery than in SQLite itself. For SQLite these statements
    go straight to the sqlite3 cursor of the session's own connection (so they
    are inside the same transaction), with every value converted by the
    column type's own bind processor: the stored bytes are exactly what the
    ORM would have written. Column names come from our metadata, not input.
    """

    def __init__(self, table: Any, dialect: Any, columns: Sequence[str] | None = None) -> None:
        quote = dialect.identifier_preparer.quote
        self.columns = list(columns or [c.name for c in table.columns])
        self.processors = [
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in self.columns
        ]
        names = ", ".join(quote(name) for name in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.insert = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"
        sets = ", ".join(f"{quote(name)} = ?" for name in self.columns)
        self.update = f"UPDATE {quote(table.name)} SET {sets} WHERE id = ?"

    def values(self, row: dict[str, Any]) -> list[Any]:
        return [
            proc(row[name]) if proc is not None else row[name]
            for name, proc in zip(self.columns, self.processors, strict=True)
        ]


_driver: dict[tuple[str, str], _DriverStatements] = {}


def _statements_for(
    table: Any, dialect: Any, columns: Sequence[str] | None = None
) -> _DriverStatements:
    key = (table.name, dialect.name)
    if key not in _driver:
        _driver[key] = _DriverStatements(table, dialect, columns)
    return _driver[key]


def write_row(
    session: Session, table: Any, row: dict[str, Any], *, update: bool, now: Any = None
) -> None:
    """Insert or update one synced row and log it, for hot paths.

    ``row`` must hold every column (it becomes the change's payload); the
    clock, device and ``updated_at`` are filled in here.
    """
    conn = session.connection()
    row["updated_at"] = now or utcnow()
    log = {
        "table_name": table.name,
        "row_id": row["id"],
        "op": "delete" if row.get("deleted") else "upsert",
        "recorded_at": row["updated_at"],
    }
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.driver_connection.cursor()
        try:
            clock, device_id = cursor.execute(_CLOCK_SQL).fetchone()
            row["clock"], row["origin_device"] = check_minted(clock), device_id
            stmts = _statements_for(table, conn.dialect)
            if update:
                cursor.execute(stmts.update, [*stmts.values(row), row["id"]])
            else:
                cursor.execute(stmts.insert, stmts.values(row))
            log.update(
                clock=clock,
                device_id=device_id,
                payload={k: to_json_value(v) for k, v in row.items()},
            )
            log_stmts = _statements_for(_LOG, conn.dialect, _LOG_COLUMNS)
            cursor.execute(log_stmts.insert, log_stmts.values(log))
        finally:
            cursor.close()
        return
    clock, device_id = conn.execute(_CLOCK, {"n": 1}).one()
    row["clock"], row["origin_device"] = check_minted(clock), device_id
    if update:
        conn.execute(table.update().where(table.c.id == row["id"]).values(row))
    else:
        conn.execute(table.insert().values(row))
    log.update(
        clock=clock, device_id=device_id, payload={k: to_json_value(v) for k, v in row.items()}
    )
    conn.execute(insert(_LOG).values(log))


_selects: dict[tuple[int, str], tuple[str, list[str], list[Any], list[str]]] = {}


def select_one(session: Session, stmt: Any, params: dict[str, Any]) -> dict[str, Any] | None:
    """First row of a constant SELECT as a dict, through the driver on SQLite.

    The statement is compiled once by SQLAlchemy (so the SQL is its own) and
    every value goes through the column type's result processor, exactly as a
    Core query would return it.
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        row = conn.execute(stmt, params).mappings().first()
        return dict(row) if row is not None else None
    key = (id(stmt), conn.dialect.name)
    if key not in _selects:
        compiled = stmt.compile(dialect=conn.dialect)
        names = [c.name for c in stmt.selected_columns]
        procs = [
            c.type.dialect_impl(conn.dialect).result_processor(conn.dialect, None)
            for c in stmt.selected_columns
        ]
        _selects[key] = (compiled.string, names, procs, list(compiled.positiontup or []))
    sql, names, procs, order = _selects[key]
    cursor = conn.connection.driver_connection.cursor()
    try:
        raw = cursor.execute(sql, [params[name] for name in order]).fetchone()
    finally:
        cursor.close()
    if raw is None:
        return None
    return {
        name: proc(value) if proc is not None else value
        for name, proc, value in zip(names, procs, raw, strict=True)
    }
