"""Signed HTTP requests: every push and pull says which device sends it, provably.

Headers: ``X-Device-Id``, ``X-Timestamp`` (Unix seconds) and ``X-Signature``,
the base64 Ed25519 signature of ``METHOD\\nPATH?QUERY\\nTIMESTAMP\\nSHA256(body)``.
The server accepts a timestamp within five minutes of its clock and only
enrolled, unrevoked devices. A replayed push re-applies nothing (bundles are
idempotent); a replayed pull returns data only to the holder of the device key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import time
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from sqlalchemy.orm import Session

from . import keys
from .errors import SyncError
from .incoming_checks import active_enrolment

WINDOW_SECONDS = 300
_DEVICE_ID = re.compile(r"^[0-9A-Za-z-]{1,36}$")
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")


class AuthError(SyncError):
    """The request does not prove who sent it (HTTP 401/403)."""


def _message(method: str, target: str, timestamp: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{target}\n{timestamp}\n{digest}".encode()


def sign_request(
    k: keys.DeviceKeys,
    *,
    device_id: str,
    method: str,
    target: str,
    body: bytes = b"",
    now: float | None = None,
) -> dict[str, str]:
    ts = str(int(now if now is not None else time.time()))
    signature = k.sign.sign(_message(method, target, ts, body))
    return {
        "X-Device-Id": device_id,
        "X-Timestamp": ts,
        "X-Signature": base64.b64encode(signature).decode("ascii"),
    }


def verify_request(
    session: Session,
    headers: Mapping[str, str],
    *,
    method: str,
    target: str,
    body: bytes,
    now: float | None = None,
) -> str:
    """The sending device's id, or AuthError."""
    device_id, ts, sig = (headers.get(h) for h in ("x-device-id", "x-timestamp", "x-signature"))
    if not (device_id and ts and sig):
        raise AuthError("request is not signed (X-Device-Id, X-Timestamp, X-Signature)")
    # Bounded before use: a 400-digit timestamp or a megabyte signature is malformed.
    if not (_DEVICE_ID.match(device_id) and _TIMESTAMP.match(ts) and len(sig) <= 128):
        raise AuthError("request signature headers are malformed")
    try:
        when = int(ts)
        signature = base64.b64decode(sig, validate=True)
    except (ValueError, binascii.Error):
        raise AuthError("request signature headers are malformed") from None
    if len(signature) != 64:
        raise AuthError("request signature headers are malformed")
    if abs((now if now is not None else time.time()) - when) > WINDOW_SECONDS:
        raise AuthError("request timestamp is outside the 5-minute window (check the clock)")
    try:
        enrolment = active_enrolment(session, device_id)
    except SyncError as exc:
        raise AuthError(str(exc)) from None
    try:
        keys.verify_key(enrolment.sign_key).verify(signature, _message(method, target, ts, body))
    except InvalidSignature:
        raise AuthError("request signature is invalid") from None
    return device_id
