"""What the status bar tells about sync: the last successful sync and what still waits.

Reads only, no Qt. "Waiting" means this device's own change-log entries the
office has not acknowledged yet (``sync_cursors.acked_seq`` for the trusted
office; everything when no office is trusted). The last successful sync is the
newest pull bundle applied here: ``inspector sync`` ends every run with a pull.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.store.models import AppliedBundle, ChangeLog, Officer, SyncCursor, SyncTrust

# The stages of a sync as the app shows them (``core.sync_jobs`` reports them).
EXPORT, PUSH, PULL, IMPORT, DONE = "export", "push", "pull", "import", "done"
STAGES = (EXPORT, PUSH, PULL, IMPORT)


@dataclass(frozen=True)
class SyncStatus:
    last_sync: dt.datetime | None
    pending: int  # own changes not acknowledged by the office
    office_trusted: bool
    last_received: dt.datetime | None = None  # newest laptop bundle applied here (the office)


def sync_status(session: Session, *, device_id: str) -> SyncStatus:
    trust = session.scalars(select(SyncTrust).order_by(SyncTrust.added_at.desc())).first()
    acked = 0
    if trust is not None:
        cursor = session.get(SyncCursor, trust.office_device)
        acked = cursor.acked_seq if cursor is not None else 0
    pending = session.scalar(
        select(func.count())
        .select_from(ChangeLog)
        .where(ChangeLog.seq > acked, ChangeLog.device_id == device_id)
    )
    last = session.scalar(
        select(func.max(AppliedBundle.applied_at)).where(AppliedBundle.kind == "pull")
    )
    received = session.scalar(
        select(func.max(AppliedBundle.applied_at)).where(AppliedBundle.kind == "push")
    )
    return SyncStatus(
        last_sync=last,
        pending=pending or 0,
        office_trusted=trust is not None,
        last_received=received,
    )


def officer_role(session: Session, officer_id: str | None) -> str:
    """The logged-in officer's role (``inspector`` when unknown)."""
    if not officer_id:
        return "inspector"
    officer = session.get(Officer, officer_id)
    return str(officer.role) if officer is not None else "inspector"
