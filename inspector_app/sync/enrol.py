"""Enrolment: a laptop asks, the office checks the fingerprint and enrols (or revokes).

The office's ``sync_enrolments`` table is the authority on who may push and
pull; the synced ``devices`` rows mirror it for display.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.store.changes import row_payload
from inspector_app.store.db import Database
from inspector_app.store.models import Device, SyncEnrolment, SyncTrust, utcnow

from . import keys
from .apply import apply_changes
from .errors import SyncError


def ensure_device(db: Database, folder: Path, *, name: str = "") -> keys.DeviceKeys:
    """This installation's keys, and its own ``devices`` row carrying the Ed25519 public key."""
    k = keys.load_or_create_device_keys(folder)
    device_id = db.device_id()
    with db.read() as session:
        row = session.get(Device, device_id)
        up_to_date = (
            row is not None and row.public_key == k.sign_public and (not name or row.name == name)
        )
    if not up_to_date:
        with db.write() as session:
            row = session.get(Device, device_id)
            if row is None:
                session.add(Device(id=device_id, name=name or "device", public_key=k.sign_public))
            else:
                row.public_key = k.sign_public
                row.name = name or row.name
    return k


def enrol_request(db: Database, folder: Path, *, name: str) -> dict[str, Any]:
    k = ensure_device(db, folder, name=name)
    device_id = db.device_id()
    with db.read() as session:
        row = session.get(Device, device_id)
        device_row = {"clock": row.clock, "payload": row_payload(row)}
    return {
        "format": 1,
        "device_id": device_id,
        "name": name,
        "sign_key": base64.b64encode(k.sign_public).decode("ascii"),
        "box_key": base64.b64encode(k.box_public).decode("ascii"),
        "fingerprint": keys.fingerprint(k.sign_public),
        "device_row": device_row,
    }


def encode_request(req: dict[str, Any]) -> bytes:
    """The request file's bytes (``inspector device enrol-request -o`` and the app write these)."""
    return json.dumps(req, ensure_ascii=False, indent=1).encode("utf-8")


def _key(req: dict[str, Any], field: str) -> bytes:
    try:
        raw = base64.b64decode(str(req.get(field, "")), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise SyncError(f"enrolment request: {field} is not a 32-byte base64 key")
    return raw


def record_request(session: Session, req: Any) -> SyncEnrolment:
    """Store a pending request (or return the existing one with the same key)."""
    if not isinstance(req, dict) or req.get("format") != 1:
        raise SyncError("not an enrolment request (format 1)")
    device_id, name = req.get("device_id"), req.get("name")
    if not (isinstance(device_id, str) and 0 < len(device_id) <= 36):
        raise SyncError("enrolment request: bad device_id")
    if not (isinstance(name, str) and 0 < len(name) <= 100):
        raise SyncError("enrolment request: name must be 1-100 characters")
    sign, box = _key(req, "sign_key"), _key(req, "box_key")
    if req.get("fingerprint") != keys.fingerprint(sign):
        raise SyncError("enrolment request: fingerprint does not match the key")
    row = session.get(SyncEnrolment, device_id)
    if row is not None:
        if row.sign_key != sign:
            raise SyncError(f"device {device_id} is already known with a different key")
        return row
    row = SyncEnrolment(
        device_id=device_id,
        name=name,
        sign_key=sign,
        box_key=box,
        fingerprint=keys.fingerprint(sign),
        segment="",
        device_row=req.get("device_row") if isinstance(req.get("device_row"), dict) else {},
    )
    session.add(row)
    session.flush()
    return row


def enrol(db: Database, req: dict[str, Any] | str, *, segment: str = "") -> SyncEnrolment:
    """Enrol from a request (dict) or a pending request's device id."""
    if segment and not (segment.isdigit() and len(segment) == 2 and segment != "00"):
        raise SyncError("--segment must be two digits 01-99")
    with db.write() as session:
        if isinstance(req, str):
            row = session.get(SyncEnrolment, req)
            if row is None:
                raise SyncError(f"no pending enrolment request from device {req}")
        else:
            row = record_request(session, req)
        change = row.device_row or {}
        payload = change.get("payload")
        if isinstance(payload, dict) and payload.get("id") == row.device_id:
            apply_changes(
                session,
                [
                    {
                        "table": "devices",
                        "row_id": row.device_id,
                        "op": "upsert",
                        "clock": change.get("clock"),
                        "device_id": payload.get("origin_device"),
                        "payload": payload,
                    }
                ],
                {},
            )
        row.enrolled_at = row.enrolled_at or utcnow()
        row.revoked_at = None
        row.segment = segment or row.segment
        _mirror(session, row)
        return row


def revoke(db: Database, device_id: str) -> SyncEnrolment:
    with db.write() as session:
        row = session.get(SyncEnrolment, device_id)
        if row is None:
            raise SyncError(f"device {device_id} is not known at this office")
        row.revoked_at = row.revoked_at or utcnow()
        _mirror(session, row)
        return row


def _mirror(session: Session, row: SyncEnrolment) -> None:
    device = session.get(Device, row.device_id)
    if device is None:
        device = Device(id=row.device_id, name=row.name, public_key=row.sign_key)
        session.add(device)
    device.enrolled_at, device.revoked_at = row.enrolled_at, row.revoked_at
    session.flush()


def pending_and_enrolled(db: Database) -> list[SyncEnrolment]:
    with db.read() as session:
        return list(session.scalars(select(SyncEnrolment).order_by(SyncEnrolment.requested_at)))


def trust_office(db: Database, office: keys.OfficeKey) -> None:
    with db.write() as session:
        if session.get(SyncTrust, office.key_id) is None:
            session.add(
                SyncTrust(
                    key_id=office.key_id,
                    office_device=office.device_id,
                    box_key=office.box_public,
                    sign_key=office.sign_public,
                )
            )


def trusted_office(db: Database) -> keys.OfficeKey:
    with db.read() as session:
        row = session.scalars(select(SyncTrust).order_by(SyncTrust.added_at.desc())).first()
    if row is None:
        raise SyncError("no office key is trusted: run 'inspector office trust KEY' first")
    return keys.OfficeKey(row.box_key, row.sign_key, row.office_device)
