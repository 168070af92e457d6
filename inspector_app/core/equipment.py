"""Registering and editing equipment on site, with identifier checks per field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import EquipmentKind, EquipmentStatus
from inspector_app.rules.identifiers import (
    IdentifierError,
    validate_category_code,
    validate_certificate_number,
    validate_equipment_code,
)
from inspector_app.rules.judgement import next_inspection_due
from inspector_app.store.models import Equipment, Unit

from .errors import NotFound, UserError


def _checked(field: str, fn, *args) -> str:
    try:
        return fn(*args)
    except IdentifierError as exc:
        raise UserError(str(exc), message_zh=exc.message_zh, field=field) from exc


def save_equipment(
    session: Session,
    *,
    equipment_id: str | None = None,
    unit_id: str,
    kind: EquipmentKind | str,
    category_code: str,
    registration_code: str,
    certificate_no: str = "",
    name: str = "",
    location: str = "",
    manufacturer: str = "",
    model: str = "",
    commissioned_on: dt.date | None = None,
    last_inspected_on: dt.date | None = None,
    status: EquipmentStatus | str = EquipmentStatus.IN_USE,
    attributes: dict[str, Any] | None = None,
    maintenance_unit_name: str | None = None,
    maintenance_unit_uscc: str = "",
) -> Equipment:
    """Create (``equipment_id`` None) or update equipment; every identifier is checked.

    A problem raises ``UserError`` whose ``field`` names the input it belongs to,
    so the form shows the Chinese message next to it, and nothing is saved.
    """
    try:
        kind = EquipmentKind(kind)
    except ValueError:
        raise UserError(
            f"unknown equipment kind {kind!r}", message_zh="设备种类无效", field="kind"
        ) from None
    unit = session.get(Unit, unit_id)
    if unit is None or unit.deleted:
        raise NotFound(f"unit {unit_id} not found", message_zh="未找到该使用单位")
    category_code = _checked("category_code", validate_category_code, category_code, kind)
    registration_code = _checked(
        "registration_code", validate_equipment_code, registration_code, kind
    )
    if not registration_code.startswith(category_code[:2]):
        raise UserError(
            f"registration code {registration_code} does not start with category {category_code}",
            message_zh="注册代码的类别与所选设备类别不一致",
            field="registration_code",
        )
    if certificate_no.strip():
        certificate_no = _checked(
            "certificate_no", validate_certificate_number, certificate_no, kind
        )
    if last_inspected_on and commissioned_on and last_inspected_on < commissioned_on:
        raise UserError(
            "last inspection is before commissioning",
            message_zh="上次检验日期早于投入使用日期",
            field="last_inspected_on",
        )
    clash = session.scalar(
        select(Equipment.id).where(
            Equipment.registration_code == registration_code,
            Equipment.deleted.is_(False),
            Equipment.id != (equipment_id or ""),
        )
    )
    if clash:
        raise UserError(
            f"registration code {registration_code} is already registered",
            message_zh="该注册代码已登记",
            field="registration_code",
        )
    if equipment_id is None:
        equipment = Equipment(
            unit_id=unit_id,
            kind=kind,
            category_code=category_code,
            registration_code=registration_code,
        )
        session.add(equipment)
    else:
        equipment = session.get(Equipment, equipment_id)
        if equipment is None or equipment.deleted:
            raise NotFound(f"equipment {equipment_id} not found", message_zh="未找到该设备")
        equipment.unit_id, equipment.kind = unit_id, kind
        equipment.category_code, equipment.registration_code = category_code, registration_code
    equipment.certificate_no = certificate_no.strip()
    equipment.name, equipment.location = name.strip(), location.strip()
    equipment.manufacturer, equipment.model = manufacturer.strip(), model.strip()
    equipment.commissioned_on = commissioned_on
    equipment.last_inspected_on = last_inspected_on
    equipment.next_inspection_due = (
        next_inspection_due(kind, last_inspected_on) if last_inspected_on else None
    )
    equipment.status = EquipmentStatus(status)
    equipment.attributes = dict(attributes or {})
    if maintenance_unit_name is not None:  # None: leave it as it is; "": none
        from .maintenance import find_or_add

        equipment.maintenance_unit_id = (
            find_or_add(session, name=maintenance_unit_name, uscc=maintenance_unit_uscc).id
            if maintenance_unit_name.strip()
            else None
        )
    session.flush()
    return equipment
