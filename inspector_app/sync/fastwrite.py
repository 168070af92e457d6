"""Many-row INSERTs for imports, fast on SQLite, byte-identical to SQLAlchemy's.

SQLAlchemy's per-value bind processing (UTC normalisation, then SQLite's
datetime formatting) costs more than SQLite's own work for a big import. On
SQLite the rows go through the driver cursor of the session's connection
(so inside its transaction) with each column converted once by a small
function producing exactly what SQLAlchemy stores: ``YYYY-MM-DD HH:MM:SS.ffffff``
UTC for datetimes, ISO dates, 0/1 booleans, ``json.dumps`` text for JSON.
Other databases get a Core executemany. ``tests/test_sync.py`` checks the
stored values match an ORM/Core write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, Integer, LargeBinary, String, insert
from sqlalchemy.orm import Session

from inspector_app.store.jsontext import RawJSON, dumps
from inspector_app.store.models import UTCDateTime

__all__ = ["RawJSON", "insert_rows"]

_UTC = dt.UTC
_cache: dict[str, tuple[str, list[str], list[Callable[[Any], Any] | None]]] = {}


def _datetime(d: dt.datetime) -> str:
    if d.utcoffset():
        d = d.astimezone(_UTC)
    return (
        f"{d.year:04d}-{d.month:02d}-{d.day:02d} "
        f"{d.hour:02d}:{d.minute:02d}:{d.second:02d}.{d.microsecond:06d}"
    )


_json = dumps


def _converter(column: Any) -> Callable[[Any], Any] | None:
    t = column.type
    if isinstance(t, UTCDateTime):
        return _datetime
    if isinstance(t, Date):
        return dt.date.isoformat
    if isinstance(t, Boolean):
        return int
    if isinstance(t, JSON):
        return _json
    if isinstance(t, LargeBinary | String | Integer | Float):
        return None
    raise TypeError(f"no fast writer for {column}")


def _statement(table: Any, columns: list[str]) -> tuple[str, list[str], list[Any]]:
    key = table.name + ":" + ",".join(columns)
    if key not in _cache:
        convs = [_converter(table.c[name]) for name in columns]
        names = ", ".join(f'"{name}"' for name in columns)
        marks = ", ".join("?" for _ in columns)
        _cache[key] = (f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', columns, convs)
    return _cache[key]


def _from_iso(iso: Any, value: dt.datetime) -> str:
    """The stored text straight from a canonical UTC ISO string (what sync payloads hold)."""
    if type(iso) is str and iso.endswith("+00:00") and iso[10:11] == "T":
        if len(iso) == 32:
            return iso[:10] + " " + iso[11:26]
        if len(iso) == 25:
            return iso[:10] + " " + iso[11:19] + ".000000"
    return _datetime(value)


def insert_rows(
    session: Session,
    table: Any,
    rows: list[dict[str, Any]],
    payloads: list[dict[str, Any]] | None = None,
) -> None:
    """INSERT ``rows`` (all with the same keys) in the session's transaction.

    ``payloads``: the JSON the rows were decoded from (same order), whose ISO
    datetimes are reused as they are instead of being formatted again."""
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        for i in range(0, len(rows), 1000):
            conn.execute(insert(table), rows[i : i + 1000])
        return
    sql, columns, convs = _statement(table, list(rows[0]))
    pairs = list(zip(columns, convs, strict=True))
    if payloads is not None:
        values = [
            [
                row[c]
                if conv is None or row[c] is None
                else _from_iso(raw.get(c), row[c])
                if conv is _datetime
                else conv(row[c])
                for c, conv in pairs
            ]
            for row, raw in zip(rows, payloads, strict=True)
        ]
    else:
        values = [
            [row[c] if conv is None or row[c] is None else conv(row[c]) for c, conv in pairs]
            for row in rows
        ]
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, values)
    finally:
        cursor.close()
