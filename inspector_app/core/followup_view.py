"""What the follow-up screen shows: the findings being verified, with their directive's state.

The screen keeps the findings it opened with, so one closed a minute ago stays
in the list showing 已整改 (and its directive 已结案) instead of vanishing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.store.models import (
    Directive,
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
)

from .followups import OPEN_STATES


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    inspection_id: str
    item_id: str
    hazard: str
    description: str
    deadline: dt.date
    status: str
    directive_id: str | None
    directive_number: str
    directive_status: str
    equipment_name: str
    registration_code: str


def follow_up_rows(session: Session, finding_ids: Sequence[str]) -> list[FollowUpRow]:
    """The given findings as they stand now, earliest deadline first."""
    if not finding_ids:
        return []
    rows = session.execute(
        select(
            Finding.id,
            Finding.inspection_id,
            Finding.item_id,
            Finding.hazard,
            Finding.description,
            Finding.deadline,
            Finding.status,
            Finding.directive_id,
            Directive.number,
            Directive.status,
            Equipment.name,
            Equipment.registration_code,
        )
        .join(InspectionEquipment, InspectionEquipment.id == Finding.inspection_equipment_id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .outerjoin(Directive, Directive.id == Finding.directive_id)
        .where(Finding.id.in_(list(finding_ids)))
        .order_by(Finding.deadline, Finding.item_id, Finding.id)
    ).all()
    return [
        FollowUpRow(
            fid, iid, item, str(hazard), desc, deadline, str(status), did,
            number or "", str(dstatus) if dstatus else "", name or "", code,
        )
        for fid, iid, item, hazard, desc, deadline, status, did, number, dstatus, name, code
        in rows
    ]


def open_finding_count(session: Session, unit_id: str) -> int:
    """How many findings of the unit's concluded inspections still wait for a follow-up."""
    stmt = (
        select(func.count(Finding.id))
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .where(
            Inspection.unit_id == unit_id,
            Inspection.status == "concluded",
            Finding.deleted.is_(False),
            Finding.status.in_([s.value for s in OPEN_STATES]),
        )
    )
    return session.scalar(stmt) or 0
