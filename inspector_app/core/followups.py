"""Follow-up inspections (整改复查): verify each open finding, close or escalate it.

A finding verified as rectified is closed (with photo evidence where taken);
one not rectified stays open, or is escalated to a penalty case when its
deadline has passed. When every finding of a directive is closed the directive
is closed too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import FindingStatus, HazardClass
from inspector_app.store.models import (
    AuditLog,
    Directive,
    Equipment,
    Finding,
    FollowUp,
    FollowUpFinding,
    Inspection,
    InspectionEquipment,
    Photo,
    Unit,
    utcnow,
)

from . import clock
from .errors import NotFound, UserError

OPEN_STATES = (FindingStatus.OPEN, FindingStatus.RECTIFIED, FindingStatus.ESCALATED)


@dataclass(frozen=True)
class OpenFinding:
    id: str
    inspection_id: str
    item_id: str
    hazard: HazardClass
    description: str
    deadline: dt.date
    status: FindingStatus
    directive_id: str | None
    directive_number: str | None
    equipment_name: str
    registration_code: str


def open_findings_of_unit(session: Session, unit_id: str) -> list[OpenFinding]:
    rows = session.execute(
        select(Finding, Directive.number, Equipment.name, Equipment.registration_code)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(InspectionEquipment, InspectionEquipment.id == Finding.inspection_equipment_id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .outerjoin(Directive, Directive.id == Finding.directive_id)
        .where(
            Inspection.unit_id == unit_id,
            Inspection.status == "concluded",
            Finding.deleted.is_(False),
            Finding.status.in_([s.value for s in OPEN_STATES]),
        )
        .order_by(Finding.deadline, Finding.item_id)
    ).all()
    return [
        OpenFinding(
            id=f.id,
            inspection_id=f.inspection_id,
            item_id=f.item_id,
            hazard=HazardClass(f.hazard),
            description=f.description,
            deadline=f.deadline,
            status=FindingStatus(f.status),
            directive_id=f.directive_id,
            directive_number=number,
            equipment_name=name,
            registration_code=code,
        )
        for f, number, name, code in rows
    ]


def start_follow_up(
    session: Session,
    *,
    unit_id: str,
    officer_id: str,
    performed_on: dt.date | None = None,
    note: str = "",
) -> FollowUp:
    unit = session.get(Unit, unit_id)
    if unit is None or unit.deleted:
        raise NotFound(f"unit {unit_id} not found", message_zh="未找到该使用单位")
    findings = open_findings_of_unit(session, unit_id)
    if not findings:
        raise UserError(
            "this unit has no open finding to follow up", message_zh="该单位没有待复查的问题"
        )
    follow_up = FollowUp(
        inspection_id=findings[0].inspection_id,
        directive_id=findings[0].directive_id,
        officer_id=officer_id,
        performed_on=performed_on or clock.today(clock.office_zone(session)),
        note=note,
    )
    session.add(follow_up)
    session.flush()
    return follow_up


def record_follow_up_result(
    session: Session,
    *,
    follow_up_id: str,
    finding_id: str,
    rectified: bool,
    note: str = "",
    evidence_photo_id: str | None = None,
    today: dt.date | None = None,
) -> Finding:
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound(f"follow-up {follow_up_id} not found", message_zh="未找到该复查")
    finding = session.get(Finding, finding_id)
    if finding is None or finding.deleted:
        raise NotFound(f"finding {finding_id} not found", message_zh="未找到该问题")
    if evidence_photo_id is not None:
        photo = session.get(Photo, evidence_photo_id)
        if photo is None or photo.finding_id != finding_id:
            raise UserError("the evidence photo does not belong to this finding")
    if rectified and evidence_photo_id is None and finding.hazard == HazardClass.SERIOUS:
        raise UserError(
            "closing a serious hazard needs photo evidence of the rectification",
            message_zh="重大事故隐患整改完成须附整改后照片",
            field="photo",
        )
    today = today or follow_up.performed_on
    entry = session.scalar(
        select(FollowUpFinding).where(
            FollowUpFinding.follow_up_id == follow_up_id, FollowUpFinding.finding_id == finding_id
        )
    )
    if entry is None:
        entry = FollowUpFinding(follow_up_id=follow_up_id, finding_id=finding_id)
        session.add(entry)
    entry.rectified, entry.note, entry.evidence_photo_id = rectified, note, evidence_photo_id
    now = utcnow()
    if rectified:
        finding.status = FindingStatus.CLOSED
        finding.rectified_at = finding.rectified_at or now
        finding.closed_at = now
    else:
        finding.status = FindingStatus.ESCALATED if today > finding.deadline else FindingStatus.OPEN
        finding.closed_at = None
    session.flush()
    _update_directive(session, finding.directive_id)
    session.add(
        AuditLog(
            officer_id=follow_up.officer_id,
            action="follow_up_result",
            entity="finding",
            entity_id=finding_id,
            reason=note,
            details={"rectified": rectified, "status": str(finding.status)},
        )
    )
    session.flush()
    return finding


def _update_directive(session: Session, directive_id: str | None) -> None:
    if directive_id is None:
        return
    directive = session.get(Directive, directive_id)
    if directive is None or directive.status == "superseded":
        return
    statuses = set(
        session.scalars(
            select(Finding.status).where(
                Finding.directive_id == directive_id, Finding.deleted.is_(False)
            )
        )
    )
    directive.status = "closed" if statuses <= {FindingStatus.CLOSED.value} else "issued"
