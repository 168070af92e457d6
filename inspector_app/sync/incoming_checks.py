"""Who may talk to the office: enrolled, unrevoked devices."""

from __future__ import annotations

from sqlalchemy.orm import Session

from inspector_app.store.models import SyncEnrolment

from .errors import SyncError


def active_enrolment(session: Session, device_id: str) -> SyncEnrolment:
    row = session.get(SyncEnrolment, device_id) if isinstance(device_id, str) else None
    if row is None or row.enrolled_at is None:
        raise SyncError(f"device {str(device_id):.40} is not enrolled at this office")
    if row.revoked_at is not None:
        raise SyncError(f"device {device_id} was revoked on {row.revoked_at:%Y-%m-%d}")
    return row
