"""Enrolment: a laptop asks, the office checks the fingerprint and enrols (or revokes).

The office's ``sync_enrolments`` table is the authority on who may push and
pull. A device's synced ``devices`` row has one writer, the device itself
(name, public key): the office applies the version sent in the request and
never edits it, so enrolling never makes a conflict with the device's own
edits. A laptop knows it is enrolled once a pull from its office has been
applied (``core.sync_jobs.device_state``). Enrolments, revocations and relay
grants are written to the office's audit log.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.store.changes import row_payload
from inspector_app.store.db import Database
from inspector_app.store.limits import CLOCK_MAX, untrusted_clock_limit
from inspector_app.store.models import (
    AuditLog,
    Device,
    LocalState,
    SyncEnrolment,
    SyncTrust,
    utcnow,
)

from . import keys, skew
from .apply import apply_changes
from .columns import table_specs
from .errors import SyncError
from .safejson import clean_text

_DEVICE_ID = re.compile(r"^[0-9A-Za-z-]{1,36}$")


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
        "schema": skew.head(),  # the office builds this laptop's pull bundles in it
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
    if not (isinstance(device_id, str) and _DEVICE_ID.match(device_id)):
        raise SyncError("enrolment request: bad device_id")
    if not (isinstance(name, str) and name.strip() and len(name) <= 100):
        raise SyncError("enrolment request: name must be 1-100 characters")
    if not clean_text(name):
        raise SyncError("enrolment request: name holds a NUL character or invalid Unicode")
    sign, box = _key(req, "sign_key"), _key(req, "box_key")
    if req.get("fingerprint") != keys.fingerprint(sign):
        raise SyncError("enrolment request: fingerprint does not match the key")
    device_row = _device_row(req.get("device_row"), device_id, sign)
    schema = skew.check_laptop(req.get("schema"))  # absent: the release before 0011
    row = session.get(SyncEnrolment, device_id)
    if row is not None:
        if row.sign_key != sign:
            raise SyncError(f"device {device_id} is already known with a different key")
        if row.enrolled_at is None and device_row:  # a pending request sent again, newer
            row.name, row.device_row = name, device_row
            row.schema_revision = row.data_revision = schema
            session.flush()
        return row
    row = SyncEnrolment(
        device_id=device_id,
        name=name,
        sign_key=sign,
        box_key=box,
        fingerprint=keys.fingerprint(sign),
        segment="",
        device_row=device_row,
        schema_revision=schema,
        data_revision=schema,
    )
    session.add(row)
    session.flush()
    return row


def _device_row(value: Any, device_id: str, sign: bytes) -> dict[str, Any]:
    """The device's own ``devices`` row from the request: its version, checked like an
    import checks a change (or ``{}`` when the request carries none)."""
    if value is None or value == {}:
        return {}
    payload = value.get("payload") if isinstance(value, dict) else None
    if not isinstance(payload, dict):
        raise SyncError("enrolment request: device_row is malformed")
    try:
        row = table_specs()["devices"].decode(payload)
    except SyncError as exc:
        raise SyncError(f"enrolment request: device_row: {exc}") from None
    if not (
        row["id"] == device_id
        and row["origin_device"] == device_id
        and row["public_key"] == sign
        and value.get("clock") == row["clock"]
        and 0 < row["clock"] <= CLOCK_MAX
    ):
        raise SyncError("enrolment request: device_row does not belong to this device")
    return {"clock": row["clock"], "payload": payload}


def enrol(db: Database, req: dict[str, Any] | str, *, segment: str = "") -> SyncEnrolment:
    """Enrol from a request (dict) or a pending request's device id."""
    if segment and not (segment.isdigit() and len(segment) == 2 and segment != "00"):
        raise SyncError("--segment must be two digits 01-99")
    with db.write() as session:
        if isinstance(req, str):
            row = session.get(SyncEnrolment, req)
            if row is None:
                raise SyncError(f"no pending enrolment request from device {req:.40}")
        else:
            row = record_request(session, req)
        change = row.device_row or {}
        if change:  # the device's own row, as the device wrote it
            payload = change["payload"]
            apply_changes(
                session,
                [
                    {
                        "table": "devices",
                        "row_id": row.device_id,
                        "op": "upsert",
                        "clock": change["clock"],
                        "device_id": row.device_id,
                        "payload": payload,
                    }
                ],
                {},
                clock_limit=untrusted_clock_limit(session.get(LocalState, 1).clock),
            )
        row.enrolled_at = row.enrolled_at or utcnow()
        was_revoked, row.revoked_at = row.revoked_at, None
        row.segment = segment or row.segment
        _audit(session, "device_enrolled", row, reenrolled=was_revoked is not None)
        return row


def revoke(db: Database, device_id: str) -> SyncEnrolment:
    with db.write() as session:
        row = session.get(SyncEnrolment, device_id)
        if row is None:
            raise SyncError(f"device {device_id:.40} is not known at this office")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            _audit(session, "device_revoked", row)
        return row


def set_relay(db: Database, device_id: str, *, relay: bool) -> SyncEnrolment:
    """Let an enrolled device (a supervisor's machine) forward other devices' attested
    changes, or stop it (docs/sync.md, "Forwarding")."""
    with db.write() as session:
        row = session.get(SyncEnrolment, device_id)
        if row is None or row.enrolled_at is None:
            raise SyncError(f"device {device_id:.40} is not enrolled at this office")
        if row.relay != relay:
            row.relay = relay
            _audit(session, "relay_granted" if relay else "relay_withdrawn", row)
        return row


def _audit(session: Session, action: str, row: SyncEnrolment, **extra: Any) -> None:
    session.add(
        AuditLog(
            officer_id=None,
            action=action,
            entity="device",
            entity_id=row.device_id,
            details={
                "name": row.name,
                "fingerprint": row.fingerprint,
                "segment": row.segment,
                "relay": row.relay,
                **extra,
            },
        )
    )
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
