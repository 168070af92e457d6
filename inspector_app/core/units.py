"""Registering and editing user units (使用单位) from the desktop app."""

from __future__ import annotations

from sqlalchemy.orm import Session

from inspector_app.rules.enums import VenueType
from inspector_app.rules.identifiers import IdentifierError, validate_uscc
from inspector_app.store.models import Unit, utcnow

from .errors import NotFound, UserError


def save_unit(
    session: Session,
    *,
    unit_id: str | None = None,
    name: str,
    uscc: str,
    venue_type: VenueType | str,
    address: str = "",
    district: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    priority: bool = False,
) -> Unit:
    """Create a unit (``unit_id`` None) or update one; the credit code must be valid."""
    name = name.strip()
    if not name:
        raise UserError("the unit needs a name", message_zh="单位名称不能为空", field="name")
    try:
        uscc = validate_uscc(uscc)
    except IdentifierError as exc:
        raise UserError(str(exc), message_zh=exc.message_zh, field="uscc") from exc
    try:
        venue = VenueType(venue_type)
    except ValueError:
        raise UserError(
            f"unknown venue type {venue_type!r}", message_zh="场所类型无效", field="venue_type"
        ) from None
    if unit_id is None:
        unit = Unit(name=name, uscc=uscc, venue_type=venue)
        session.add(unit)
    else:
        unit = session.get(Unit, unit_id)
        if unit is None or unit.deleted:
            raise NotFound(f"unit {unit_id} not found", message_zh="未找到该使用单位")
        unit.name, unit.uscc, unit.venue_type = name, uscc, venue
        unit.updated_at = utcnow()
    unit.address = address.strip()
    unit.district = district.strip()
    unit.contact_name = contact_name.strip()
    unit.contact_phone = contact_phone.strip()
    unit.priority = priority
    session.flush()
    return unit
