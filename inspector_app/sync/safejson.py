"""JSON from outside, parsed and checked with bounds: never an exception but ``SyncError``.

``loads`` refuses what Python's parser would accept but the databases would
not store alike: ``NaN``/``Infinity``, nesting deeper than ``MAX_DEPTH`` (the
parser itself would raise ``RecursionError`` some thousand levels down), a NUL
character (PostgreSQL text cannot hold one) and lone surrogates (``"\\ud800"``:
not Unicode, so no database can encode them).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .errors import SyncError

MAX_DEPTH = 32
INT_LIMIT = 2**63


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> bool:
    """No NUL, no lone surrogate."""
    return "\x00" not in value and (value.isascii() or not _SURROGATE.search(value))


def check_value(value: Any, what: str, depth: int = 0) -> Any:
    """A parsed JSON value within bounds (depth, numbers, text); returns it."""
    if depth > MAX_DEPTH:
        raise SyncError(f"{what}: nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        if not clean_text(value):
            raise SyncError(f"{what}: text holds a NUL character or invalid Unicode")
    elif isinstance(value, bool) or value is None:
        pass
    elif isinstance(value, int):
        if abs(value) >= INT_LIMIT:
            raise SyncError(f"{what}: number out of range")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise SyncError(f"{what}: number is not finite")
    elif isinstance(value, list):
        for item in value:
            check_value(item, what, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_value(key, what, depth + 1)
            check_value(item, what, depth + 1)
    else:
        raise SyncError(f"{what}: unexpected value")
    return value


_DECODER = json.JSONDecoder(parse_constant=_constant)


def parse(text: str, what: str) -> Any:
    """Parse only (no walk over the value): for change lines, whose columns are
    checked one by one afterwards. ``NaN``/``Infinity`` and runaway nesting are refused."""
    try:
        return _DECODER.decode(text)
    except RecursionError:
        raise SyncError(f"{what} is nested too deeply") from None
    except (ValueError, TypeError) as exc:
        raise SyncError(f"{what} is not valid JSON: {str(exc)[:80]}") from None


def loads(data: str | bytes, what: str) -> Any:
    """Parse and check the whole value (``what`` names it in messages)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SyncError(f"{what} is not UTF-8 text") from None
    return check_value(parse(data, what), what)
