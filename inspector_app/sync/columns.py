"""Turning a change's JSON payload back into column values, strictly.

A payload is refused (never half-applied) when a column is missing or unknown,
a value has the wrong type, a required value is null, a string is longer
than its column allows or holds a NUL or invalid Unicode, a number is out of
its column's range or not finite, or a JSON value is nested too deeply
(PostgreSQL would refuse some of these and SQLite not: both refuse them here).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    Integer,
    LargeBinary,
    String,
    inspect,
)

from inspector_app.store.limits import CLOCK_MAX, INT32_MAX
from inspector_app.store.models import Synced, UTCDateTime, synced_models

from . import safejson
from .errors import SyncError

MAX_INT = INT32_MAX
_SURROGATE = re.compile("[\ud800-\udfff]")
META = frozenset({"clock", "origin_device", "updated_at"})


def _datetime(v: Any) -> dt.datetime:
    if type(v) is not str or len(v) > 40:
        raise ValueError("not an ISO date-time")
    value = dt.datetime.fromisoformat(v)
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    if value.year in (1, 9999):
        value.astimezone(dt.UTC)  # refuses offsets that leave the representable range
    return value


def _date(v: Any) -> dt.date:
    if not isinstance(v, str) or len(v) != 10:
        raise ValueError("not a YYYY-MM-DD date")
    return dt.date.fromisoformat(v)


def _bytes(v: Any) -> bytes:
    if not isinstance(v, dict) or set(v) != {"b64"}:
        raise ValueError("bytes must be {'b64': ...}")
    return base64.b64decode(v["b64"], validate=True)


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or abs(v) > MAX_INT:
        raise ValueError("not a 32-bit integer")
    return v


def _bigint(v: Any) -> int:
    """Clocks: 0..CLOCK_MAX (store/limits.py)."""
    if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= CLOCK_MAX:
        raise ValueError(f"not an integer in 0..{CLOCK_MAX}")
    return v


def _float(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValueError("not a number")
    value = float(v)  # OverflowError for a huge integer: a ValueError to the caller
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _json(v: Any) -> Any:
    try:
        return safejson.check_value(v, "JSON value")
    except SyncError as exc:
        raise ValueError(str(exc)) from None


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError("not a boolean")
    return v


def _string(length: int | None) -> Callable[[Any], str]:
    def check(v: Any) -> str:
        if type(v) is not str:
            raise ValueError("not a string")
        if length is not None and len(v) > length:
            raise ValueError(f"longer than {length} characters")
        if "\x00" in v or (not v.isascii() and _SURROGATE.search(v)):
            raise ValueError("holds a NUL character or invalid Unicode")
        return v

    return check


def _decoder(column: Any) -> Callable[[Any], Any]:
    t = column.type
    if isinstance(t, UTCDateTime):
        return _datetime
    if isinstance(t, Date):
        return _date
    if isinstance(t, LargeBinary):
        return _bytes
    if isinstance(t, Boolean):
        return _bool
    if isinstance(t, BigInteger):
        return _bigint
    if isinstance(t, Integer):
        return _int
    if isinstance(t, Float):
        return _float
    if isinstance(t, JSON):
        return _json
    if isinstance(t, String):  # Text included
        return _string(t.length)
    raise TypeError(f"no sync decoder for {column}")


class TableSpec:
    def __init__(self, model: type[Synced], order: int) -> None:
        self.model = model
        self.order = order
        self.table = model.__table__
        self.name = model.__tablename__
        exclude = model.__sync_exclude__
        attrs = [a for a in inspect(model).column_attrs if a.key not in exclude]
        self.keys = frozenset(a.key for a in attrs)
        self.decoders: dict[str, tuple[Callable[[Any], Any], bool]] = {}
        for attr in attrs:
            column = attr.columns[0]
            if column.name != attr.key:
                raise TypeError(f"{self.name}.{attr.key}: attribute and column names differ")
            self.decoders[attr.key] = (_decoder(column), bool(column.nullable))
        # machine-local columns a new row needs (never overwritten by an update)
        self.local_defaults = {
            c.name: (c.default.arg if c.default is not None and c.default.is_scalar else None)
            for c in self.table.columns
            if c.name in exclude
        }
        self.self_refs = [
            fk.parent.name for fk in self.table.foreign_keys if fk.column.table is self.table
        ]
        self.blob_refs = [
            fk.parent.name for fk in self.table.foreign_keys if fk.column.table.name == "blobs"
        ]

    def decode(self, payload: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
        """The row's values; ``partial``: the payload may lack columns (an older revision's,
        checked by ``skew.read_payload``), never have unknown ones."""
        if set(payload) != self.keys and not (partial and set(payload) <= self.keys):
            unknown = sorted(set(payload) - self.keys)
            missing = sorted(self.keys - set(payload))
            raise SyncError(f"{self.name} change has unknown {unknown} / missing {missing} columns")
        row = {}
        for key, value in payload.items():
            decode, nullable = self.decoders[key]
            if value is None:
                if not nullable:
                    raise SyncError(f"{self.name}.{key} may not be null")
                row[key] = None
                continue
            try:
                row[key] = decode(value)
            except (ValueError, TypeError, OverflowError, binascii.Error) as exc:
                raise SyncError(f"{self.name}.{key}: bad value {_shown(value)}: {exc}") from None
        return row


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return type(value).__name__
    try:
        return repr(value)[:60]
    except ValueError:  # an integer too long to print
        return "a huge number"


@cache
def table_specs() -> dict[str, TableSpec]:
    return {m.__tablename__: TableSpec(m, i) for i, m in enumerate(synced_models())}


def data_part(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload without the columns every write changes (clock, device, time)."""
    return {k: v for k, v in payload.items() if k not in META}
