"""Maintenance units (维保单位): who maintains a piece of equipment.

Duties of the maintenance unit (安全法 Art 45, 条例 Art 31, TSG T5002) are
directed to it, so equipment names its maintenance unit. The ledger import
(one row per piece of equipment, with the 维保单位 name and, when known, its
统一社会信用代码) calls ``find_or_add`` and ``assign``; the equipment dialog
does the same by hand. See docs/data.md.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.rules.identifiers import IdentifierError, validate_uscc
from inspector_app.store.models import Equipment, MaintenanceUnit

from .errors import NotFound, UserError


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise UserError("a maintenance unit needs a name", message_zh="请填写维保单位名称",
                        field="maintenance_unit")  # fmt: skip
    if len(name) > 200:
        raise UserError("the maintenance unit's name is too long", message_zh="维保单位名称过长")
    return name


def find_or_add(
    session: Session,
    *,
    name: str,
    uscc: str = "",
    licence_no: str = "",
    address: str = "",
    contact_name: str = "",
    contact_phone: str = "",
) -> MaintenanceUnit:
    """The maintenance unit with this credit code (or, without one, this exact name); new if none.

    A credit code, when given, must be valid (GB 32100) and identifies the unit:
    a renamed company is found by its code and takes the new name. Without a
    code the name must match exactly. Empty details never erase known ones.
    """
    name = _clean_name(name)
    if uscc.strip():
        try:
            uscc = validate_uscc(uscc)
        except IdentifierError as exc:
            raise UserError(f"maintenance unit credit code {uscc.strip()}: {exc.message_en}",
                            message_zh=f"维保单位统一社会信用代码有误：{exc.message_zh}",
                            field="maintenance_uscc") from None  # fmt: skip
    else:
        uscc = ""
    unit = find(session, name=name, uscc=uscc)
    if unit is None:
        unit = MaintenanceUnit(name=name, uscc=uscc)
        session.add(unit)
    unit.name = name
    unit.uscc = uscc or unit.uscc
    for field, value in (("licence_no", licence_no), ("address", address),
                         ("contact_name", contact_name), ("contact_phone", contact_phone)):  # fmt: skip
        if value.strip():
            setattr(unit, field, value.strip())
    session.flush()
    return unit


def find(session: Session, *, name: str, uscc: str = "") -> MaintenanceUnit | None:
    """The live unit ``find_or_add`` would take for this name and credit code; None if none.

    Reads only (the ledger import's dry run and its comparison use it). ``uscc`` must
    already be valid and normalised; ``name`` is compared with its spaces collapsed.
    """
    name = " ".join(name.split())
    live = MaintenanceUnit.deleted.is_(False)
    if uscc:
        unit = session.scalar(
            select(MaintenanceUnit)
            .where(live, MaintenanceUnit.uscc == uscc)
            .order_by(MaintenanceUnit.id)
            .limit(1)
        )
        if unit is not None:
            return unit
    if not name:
        return None
    candidates = session.scalars(
        select(MaintenanceUnit)
        .where(live, MaintenanceUnit.name == name)
        .order_by(MaintenanceUnit.id)
    ).all()
    return next((u for u in candidates if not u.uscc or not uscc or u.uscc == uscc), None)


def assign(session: Session, *, equipment_id: str, maintenance_unit_id: str | None) -> Equipment:
    """Name (or clear, with None) the maintenance unit of one piece of equipment."""
    equipment = session.get(Equipment, equipment_id)
    if equipment is None or equipment.deleted:
        raise NotFound(f"equipment {equipment_id} not found", message_zh="未找到该设备")
    if maintenance_unit_id is not None:
        unit = session.get(MaintenanceUnit, maintenance_unit_id)
        if unit is None or unit.deleted:
            raise NotFound(f"maintenance unit {maintenance_unit_id} not found",
                           message_zh="未找到该维保单位")  # fmt: skip
    equipment.maintenance_unit_id = maintenance_unit_id
    session.flush()
    return equipment


def maintenance_unit_of(session: Session, equipment: Equipment) -> MaintenanceUnit | None:
    if equipment.maintenance_unit_id is None:
        return None
    unit = session.get(MaintenanceUnit, equipment.maintenance_unit_id)
    return None if unit is None or unit.deleted else unit


def search(session: Session, text: str, limit: int = 20) -> list[MaintenanceUnit]:
    """Maintenance units whose name contains ``text`` (for the equipment dialog's completer)."""
    like = f"%{text.strip()}%"
    return list(
        session.scalars(
            select(MaintenanceUnit)
            .where(MaintenanceUnit.deleted.is_(False), MaintenanceUnit.name.like(like))
            .order_by(MaintenanceUnit.name)
            .limit(limit)
        )
    )
