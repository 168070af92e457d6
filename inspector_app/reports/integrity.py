"""Content digest and QR payload: lets anyone holding a printed directive check it
against the issuing office's records (``verify`` command).

The digest is SHA-256 over a canonical JSON of the view model. Images enter as
their own SHA-256, never as bytes, so the JSON stays small and the digest does
not depend on how an image is embedded in the PDF.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

DIRECTIVE_QR_PREFIX = "SEDIR1"
DIGEST_VERSION = 1

# The follow-up (复查) is written on the file weeks after the paper was handed
# over; leaving it out keeps the paper the unit holds verifiable afterwards.
_EXCLUDED = {"DirectiveDoc": frozenset({"follow_up"})}

_HEX64 = re.compile(r"[0-9a-f]{64}")


def _canon(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        skip = _EXCLUDED.get(type(value).__name__, frozenset())
        return {f.name: _canon(getattr(value, f.name)) for f in fields(value) if f.name not in skip}
    if isinstance(value, bytes | bytearray):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):  # datetime first: it is a date subclass
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot canonicalise {type(value).__name__}")


def canonical_json(doc: Any) -> bytes:
    """UTF-8 JSON with sorted keys and no whitespace, tagged with type and version."""
    payload = {"type": type(doc).__name__, "v": DIGEST_VERSION, "data": _canon(doc)}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def content_digest(doc: Any) -> str:
    """SHA-256 hex of :func:`canonical_json` (for DirectiveDoc the follow-up is excluded)."""
    return hashlib.sha256(canonical_json(doc)).hexdigest()


def qr_payload(number: str, digest: str) -> str:
    """``SEDIR1|<number>|<sha256>``; the number stays readable (UTF-8 in byte mode)."""
    if "|" in number or not number.strip():
        raise ValueError(f"directive number cannot go in a QR payload: {number!r}")
    if not _HEX64.fullmatch(digest):
        raise ValueError("digest must be 64 lowercase hex characters")
    return f"{DIRECTIVE_QR_PREFIX}|{number}|{digest}"


def directive_qr_payload(doc: Any) -> str:
    return qr_payload(doc.number, content_digest(doc))


def parse_qr_payload(text: str) -> tuple[str, str]:
    """Return ``(number, digest)`` from a scanned payload, or raise ValueError."""
    parts = text.strip().split("|")
    if len(parts) != 3 or parts[0] != DIRECTIVE_QR_PREFIX:
        raise ValueError(f"not a directive QR payload: {text!r}")
    _, number, digest = parts
    digest = digest.lower()
    if not number or not _HEX64.fullmatch(digest):
        raise ValueError(f"malformed directive QR payload: {text!r}")
    return number, digest
