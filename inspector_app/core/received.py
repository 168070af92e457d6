"""What a supervisor reads: inspections received from the laptops, open findings, one inspection.

Reads only, no Qt; every list is paged (``limit``/``offset``) and runs the same
on the laptop's SQLite and on the central PostgreSQL database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from inspector_app.rules.enums import (
    EQUIPMENT_KIND_ZH,
    FindingStatus,
    HazardClass,
    InspectionStatus,
)
from inspector_app.store.models import (
    Directive,
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Officer,
    Photo,
    Unit,
)

IN_PROGRESS = "in_progress"  # conclusion filter: inspections not concluded yet


@dataclass(frozen=True)
class ReceivedInspection:
    id: str
    unit_name: str
    equipment: str  # "1号客梯 · 3110…" or "1号客梯 等3台"
    officers: str  # lead、second
    conclusion: str | None
    status: str
    date: dt.datetime | None  # concluded, else started
    findings: int
    directive_number: str


@dataclass(frozen=True)
class OpenFinding:
    id: str
    inspection_id: str
    unit_name: str
    equipment: str
    hazard: str
    description: str
    deadline: dt.date
    overdue: bool
    directive_number: str


@dataclass(frozen=True)
class FindingLine:
    item_id: str
    hazard: str
    description: str
    deadline: dt.date
    status: str


@dataclass(frozen=True)
class InspectionDetail:
    id: str
    unit_name: str
    unit_address: str
    officers: str
    representative: str
    status: str
    conclusion: str | None
    started_at: dt.datetime | None
    concluded_at: dt.datetime | None
    equipment: tuple[str, ...]
    answers: dict[str, int]  # outcome -> count
    findings: tuple[FindingLine, ...]
    photos: tuple[tuple[str, str], ...]  # (print copy sha256, caption)


def _label(kind: str, name: str, code: str) -> str:
    return f"{name or EQUIPMENT_KIND_ZH.get(kind, kind)} · {code}"


def _directive_of_inspection():
    """The finding's inspection's directive in force (when the finding names none itself)."""
    d = aliased(Directive)
    return (
        select(d.number)
        .where(d.inspection_id == Finding.inspection_id, d.status != "superseded")
        .order_by(d.issued_at.desc())
        .limit(1)
        .scalar_subquery()
    )


def _inspection_filter(conclusion: str | None) -> list:
    where = [Inspection.deleted.is_(False), Inspection.status != InspectionStatus.CANCELLED]
    if conclusion == IN_PROGRESS:
        where.append(Inspection.status == InspectionStatus.IN_PROGRESS)
    elif conclusion:
        where.append(Inspection.conclusion == conclusion)
    return where


def received_inspections(session: Session, *, conclusion: str | None = None, limit: int = 50,
                         offset: int = 0) -> list[ReceivedInspection]:
    """Inspections newest first (concluded, else started); ``conclusion`` filters."""
    lead, second = aliased(Officer), aliased(Officer)
    findings = (select(func.count(Finding.id))
                .where(Finding.inspection_id == Inspection.id, Finding.deleted.is_(False))
                .scalar_subquery())
    directive = (select(Directive.number)
                 .where(Directive.inspection_id == Inspection.id, Directive.status != "superseded")
                 .order_by(Directive.issued_at.desc()).limit(1).scalar_subquery())
    stmt = (
        select(Inspection.id, Unit.name, lead.name, second.name, Inspection.conclusion,
               Inspection.status, Inspection.concluded_at, Inspection.started_at, findings,
               directive)
        .join(Unit, Unit.id == Inspection.unit_id)
        .join(lead, lead.id == Inspection.lead_officer_id)
        .outerjoin(second, second.id == Inspection.second_officer_id)
        .where(*_inspection_filter(conclusion))
        .order_by(func.coalesce(Inspection.concluded_at, Inspection.started_at).desc(),
                  Inspection.id)
        .limit(limit)
        .offset(offset)
    )
    rows = session.execute(stmt).all()
    labels = equipment_summaries(session, [r[0] for r in rows])
    return [
        ReceivedInspection(iid, unit, labels.get(iid, ""), "、".join(n for n in (a, b) if n),
                           str(c) if c else None, str(st), done or started, n or 0, number or "")
        for iid, unit, a, b, c, st, done, started, n, number in rows
    ]


def count_received_inspections(session: Session, *, conclusion: str | None = None) -> int:
    stmt = select(func.count()).select_from(Inspection).where(*_inspection_filter(conclusion))
    return session.scalar(stmt) or 0


def equipment_summaries(session: Session, inspection_ids: Sequence[str]) -> dict[str, str]:
    """One short line per inspection: the equipment, or the first and how many."""
    found: dict[str, list[str]] = defaultdict(list)
    if inspection_ids:
        stmt = (
            select(InspectionEquipment.inspection_id, Equipment.kind, Equipment.name,
                   Equipment.registration_code)
            .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
            .where(InspectionEquipment.inspection_id.in_(list(inspection_ids)),
                   InspectionEquipment.deleted.is_(False))
            .order_by(InspectionEquipment.inspection_id, InspectionEquipment.position)
        )
        for iid, kind, name, code in session.execute(stmt):
            found[iid].append(_label(kind, name, code))
    return {iid: labels[0] if len(labels) == 1 else f"{labels[0]} 等{len(labels)}台"
            for iid, labels in found.items()}


def _finding_filter(today: dt.date, overdue_only: bool) -> list:
    where = [Finding.deleted.is_(False), Finding.status == FindingStatus.OPEN]
    if overdue_only:
        where.append(Finding.deadline < today)
    return where


def open_findings(session: Session, *, today: dt.date, overdue_only: bool = False,
                  limit: int = 50, offset: int = 0) -> list[OpenFinding]:
    """Open findings by deadline (the most urgent first), with the directive that orders them."""
    stmt = (
        select(Finding.id, Finding.inspection_id, Unit.name, Equipment.kind, Equipment.name,
               Equipment.registration_code, Finding.hazard, Finding.description,
               Finding.deadline, func.coalesce(Directive.number, _directive_of_inspection()))
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Unit, Unit.id == Inspection.unit_id)
        .join(InspectionEquipment, InspectionEquipment.id == Finding.inspection_equipment_id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .outerjoin(Directive, Directive.id == Finding.directive_id)
        .where(*_finding_filter(today, overdue_only))
        .order_by(Finding.deadline, Finding.id)
        .limit(limit)
        .offset(offset)
    )
    return [
        OpenFinding(fid, iid, unit, _label(kind, name, code), str(hazard), description,
                    deadline, deadline < today, number or "")
        for fid, iid, unit, kind, name, code, hazard, description, deadline, number
        in session.execute(stmt)
    ]


def count_open_findings(session: Session, *, today: dt.date, overdue_only: bool = False) -> int:
    stmt = select(func.count()).select_from(Finding).where(*_finding_filter(today, overdue_only))
    return session.scalar(stmt) or 0


def inspection_detail(session: Session, inspection_id: str) -> InspectionDetail:
    insp = session.get(Inspection, inspection_id)
    if insp is None:
        raise LookupError(f"inspection {inspection_id} not found")
    unit = session.get(Unit, insp.unit_id)
    names = [o.name for o in (session.get(Officer, insp.lead_officer_id),
                              session.get(Officer, insp.second_officer_id)
                              if insp.second_officer_id else None) if o is not None]
    equipment = session.execute(
        select(Equipment.kind, Equipment.name, Equipment.registration_code)
        .join(InspectionEquipment, InspectionEquipment.equipment_id == Equipment.id)
        .where(InspectionEquipment.inspection_id == inspection_id,
               InspectionEquipment.deleted.is_(False))
        .order_by(InspectionEquipment.position)).all()
    answers = Counter(dict(session.execute(
        select(ItemResult.outcome, func.count(ItemResult.id))
        .join(InspectionEquipment, InspectionEquipment.id == ItemResult.inspection_equipment_id)
        .where(InspectionEquipment.inspection_id == inspection_id, ItemResult.deleted.is_(False))
        .group_by(ItemResult.outcome)).all()))
    findings = session.execute(
        select(Finding.item_id, Finding.hazard, Finding.description, Finding.deadline,
               Finding.status)
        .where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False))
        # serious hazards first: what the supervisor must act on today
        .order_by(case((Finding.hazard == HazardClass.SERIOUS.value, 0), else_=1),
                  Finding.deadline, Finding.item_id)).all()
    photos = session.execute(
        select(Photo.print_sha256, Photo.caption)
        .where(Photo.inspection_id == inspection_id, Photo.deleted.is_(False))
        .order_by(Photo.taken_at, Photo.id)).all()
    representative = insp.representative_name + (
        f"（{insp.representative_position}）" if insp.representative_position else "")
    return InspectionDetail(
        id=insp.id, unit_name=unit.name if unit else "", unit_address=unit.address if unit else "",
        officers="、".join(names), representative=representative, status=str(insp.status),
        conclusion=str(insp.conclusion) if insp.conclusion else None,
        started_at=insp.started_at, concluded_at=insp.concluded_at,
        equipment=tuple(_label(k, n, c) for k, n, c in equipment),
        answers={str(k): v for k, v in answers.items()},
        findings=tuple(FindingLine(i, str(h), d, dl, str(st)) for i, h, d, dl, st in findings),
        photos=tuple((sha, caption or "") for sha, caption in photos),
    )
