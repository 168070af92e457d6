"""Read queries behind the home screen: today's work, scanner look-ups, pick lists.

Every list is paged (``limit``/``offset``) so a screen can fetch 50 rows at a
time from a 200k-row registry; nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from inspector_app.rules.enums import EquipmentStatus, FindingStatus, InspectionStatus
from inspector_app.store.home_rows import (  # noqa: F401 - part of this module's interface
    DUE_WINDOW_DAYS,
    DueEquipment,
    OverdueFinding,
    Totals,
    UnfinishedInspection,
    UnitRow,
)
from inspector_app.store.models import (
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Officer,
    Unit,
)

_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


# Orders the due list can be sorted by (the home screen's column headers).
DUE_ORDERS = {
    "due": (Equipment.next_inspection_due,),
    "code": (Equipment.registration_code,),
    "kind": (Equipment.kind, Equipment.next_inspection_due),
    "name": (Equipment.name, Equipment.next_inspection_due),
    "unit": (Unit.name, Equipment.next_inspection_due),
    "address": (Unit.address, Equipment.next_inspection_due),
}


def normalise_code(text: str) -> str:
    """What a scanner or a Chinese input method typed, as the register stores it."""
    return text.translate(_FULL_WIDTH).strip().upper()


def due_equipment(
    session: Session,
    *,
    today: dt.date,
    within_days: int = DUE_WINDOW_DAYS,
    limit: int = 50,
    offset: int = 0,
    order: str = "due",
    descending: bool = False,
) -> list[DueEquipment]:
    """Equipment in use whose periodic inspection is due within the window or overdue,
    most overdue first unless ``order`` (a key of ``DUE_ORDERS``) says otherwise."""
    keys = [k.desc() if descending else k.asc() for k in DUE_ORDERS[order]]
    stmt = (
        select(
            Equipment.id,
            Equipment.unit_id,
            Equipment.kind,
            Equipment.registration_code,
            Equipment.name,
            Unit.name,
            Equipment.next_inspection_due,
            Unit.address,
        )
        .join(Unit, Unit.id == Equipment.unit_id)
        .where(*_due_filter(today, within_days))
        .order_by(*keys, Equipment.id)
        .limit(limit)
        .offset(offset)
    )
    return [DueEquipment(*row) for row in session.execute(stmt)]


def count_due_equipment(
    session: Session, *, today: dt.date, within_days: int = DUE_WINDOW_DAYS
) -> int:
    stmt = select(func.count()).select_from(Equipment).where(*_due_filter(today, within_days))
    return session.scalar(stmt) or 0


def _due_filter(today: dt.date, within_days: int) -> tuple:
    return (
        Equipment.deleted.is_(False),
        Equipment.status == EquipmentStatus.IN_USE,
        Equipment.next_inspection_due.is_not(None),
        Equipment.next_inspection_due <= today + dt.timedelta(days=within_days),
    )


def _never_inspected():
    return and_(
        Unit.deleted.is_(False),
        ~exists().where(Inspection.unit_id == Unit.id, Inspection.deleted.is_(False)),
    )


def never_inspected_units(session: Session, *, limit: int = 50, offset: int = 0) -> list[UnitRow]:
    """Units nobody has inspected yet; priority units (重点单位) first."""
    stmt = (
        select(Unit.id, Unit.name, Unit.district, Unit.venue_type, Unit.priority)
        .where(_never_inspected())
        .order_by(Unit.priority.desc(), Unit.name, Unit.id)
        .limit(limit)
        .offset(offset)
    )
    return [UnitRow(*row) for row in session.execute(stmt)]


def count_never_inspected_units(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Unit).where(_never_inspected())) or 0


def _overdue_filter(today: dt.date) -> tuple:
    return (
        Finding.deleted.is_(False),
        Finding.status == FindingStatus.OPEN,
        Finding.deadline < today,
    )


def overdue_findings(
    session: Session, *, today: dt.date, limit: int = 50, offset: int = 0
) -> list[OverdueFinding]:
    """Open findings past their deadline (the day itself still belongs to the unit)."""
    stmt = (
        select(
            Finding.id,
            Finding.inspection_id,
            Unit.id,
            Unit.name,
            Finding.item_id,
            Finding.hazard,
            Finding.description,
            Finding.deadline,
        )
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Unit, Unit.id == Inspection.unit_id)
        .where(*_overdue_filter(today))
        .order_by(Finding.deadline, Finding.id)
        .limit(limit)
        .offset(offset)
    )
    return [OverdueFinding(*row) for row in session.execute(stmt)]


def count_overdue_findings(session: Session, *, today: dt.date) -> int:
    stmt = select(func.count()).select_from(Finding).where(*_overdue_filter(today))
    return session.scalar(stmt) or 0


def unfinished_inspections(
    session: Session, *, limit: int = 50, offset: int = 0
) -> list[UnfinishedInspection]:
    """Inspections still in progress, newest first, with how many answers they hold."""
    lead = aliased(Officer)
    answered = (
        select(func.count(ItemResult.id))
        .join(InspectionEquipment, InspectionEquipment.id == ItemResult.inspection_equipment_id)
        .where(InspectionEquipment.inspection_id == Inspection.id, ItemResult.deleted.is_(False))
        .scalar_subquery()
    )
    stmt = (
        select(Inspection.id, Unit.id, Unit.name, Inspection.started_at, lead.name, answered)
        .join(Unit, Unit.id == Inspection.unit_id)
        .join(lead, lead.id == Inspection.lead_officer_id)
        .where(Inspection.deleted.is_(False), Inspection.status == InspectionStatus.IN_PROGRESS)
        .order_by(Inspection.started_at.desc(), Inspection.id)
        .limit(limit)
        .offset(offset)
    )
    return [UnfinishedInspection(*row) for row in session.execute(stmt)]


def last_unfinished_inspection(session: Session, *, officer_id: str) -> UnfinishedInspection | None:
    """The newest inspection this officer leads that is still in progress (to offer resuming)."""
    lead = aliased(Officer)
    answered = (
        select(func.count(ItemResult.id))
        .join(InspectionEquipment, InspectionEquipment.id == ItemResult.inspection_equipment_id)
        .where(InspectionEquipment.inspection_id == Inspection.id, ItemResult.deleted.is_(False))
        .scalar_subquery()
    )
    row = session.execute(
        select(Inspection.id, Unit.id, Unit.name, Inspection.started_at, lead.name, answered)
        .join(Unit, Unit.id == Inspection.unit_id)
        .join(lead, lead.id == Inspection.lead_officer_id)
        .where(
            Inspection.deleted.is_(False),
            Inspection.status == InspectionStatus.IN_PROGRESS,
            Inspection.lead_officer_id == officer_id,
        )
        .order_by(Inspection.started_at.desc(), Inspection.id)
        .limit(1)
    ).first()
    return UnfinishedInspection(*row) if row else None


def inspection_totals(session: Session, *, since: dt.datetime) -> Totals:
    """How much of the register has been inspected since ``since`` (the start of the year)."""
    inspected = session.scalar(
        select(func.count(func.distinct(InspectionEquipment.equipment_id)))
        .join(Inspection, Inspection.id == InspectionEquipment.inspection_id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .where(
            Inspection.deleted.is_(False),
            Inspection.status == InspectionStatus.CONCLUDED,
            Inspection.started_at >= since,
            InspectionEquipment.deleted.is_(False),
            Equipment.deleted.is_(False),
        )
    )
    equipment = session.scalar(
        select(func.count())
        .select_from(Equipment)
        .where(Equipment.deleted.is_(False), Equipment.status != EquipmentStatus.SCRAPPED)
    )
    return Totals(inspected=inspected or 0, equipment=equipment or 0)


def count_unfinished_inspections(session: Session) -> int:
    stmt = (
        select(func.count())
        .select_from(Inspection)
        .where(Inspection.deleted.is_(False), Inspection.status == InspectionStatus.IN_PROGRESS)
    )
    return session.scalar(stmt) or 0


def equipment_by_code(session: Session, text: str) -> tuple[str, str] | None:
    """(equipment id, unit id) when ``text`` is exactly a registered code, else None.

    This is what a keyboard-wedge barcode scanner types before its Enter.
    """
    code = normalise_code(text)
    if len(code) < 10:
        return None
    row = session.execute(
        select(Equipment.id, Equipment.unit_id)
        .where(Equipment.registration_code == code, Equipment.deleted.is_(False))
        .order_by(Equipment.id)
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def unit_equipment(session: Session, unit_id: str) -> list[Equipment]:
    return list(
        session.scalars(
            select(Equipment)
            .where(Equipment.unit_id == unit_id, Equipment.deleted.is_(False))
            .order_by(Equipment.kind, Equipment.name, Equipment.registration_code)
        )
    )


def active_officers(session: Session) -> list[Officer]:
    return list(
        session.scalars(
            select(Officer)
            .where(Officer.deleted.is_(False), Officer.active.is_(True))
            .order_by(Officer.cert_no)
        )
    )
