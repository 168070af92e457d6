"""Client-generated, time-sortable identifiers (UUIDv7, RFC 9562).

Laptops create rows offline, so ids cannot come from a central sequence. UUIDv7
sorts by creation time, which keeps B-tree inserts local and makes ids readable
in logs. Python 3.11 has no ``uuid.uuid7``; the layout is small enough to build
here: 48-bit Unix milliseconds, version 7, 12 bits of a per-process counter that
keeps ids monotonic within one millisecond, variant bits, 62 random bits.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7() -> uuid.UUID:
    return uuid.UUID(int=_uuid7_int())


def _uuid7_int() -> int:
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF  # room to grow
        counter = _counter
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand
    return value


def new_id() -> str:
    """``str(uuid7())``, formatted here: bulk loads make ids by the ten thousand and
    ``uuid.UUID`` checks and converts more than a fresh id needs."""
    h = f"{_uuid7_int():032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def content_id(digest_hex: str) -> str:
    """A stable UUID-shaped id derived from a content hash.

    Used for rows that are the same thing wherever they are created (a checklist
    form version): two laptops registering the same form produce the same id, so
    merging them is idempotent instead of a conflict.
    """
    raw = bytearray(hashlib.sha256(bytes.fromhex(digest_hex)).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x80  # version 8: custom
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


def uuid7_time_ms(value: str | uuid.UUID) -> int:
    u = value if isinstance(value, uuid.UUID) else uuid.UUID(value)
    return u.int >> 80
