"""The registry of user units (使用单位) and their equipment."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspector_app.rules.enums import EquipmentKind, EquipmentStatus, VenueType

from .base import Base, Synced


class Unit(Synced, Base):
    __tablename__ = "units"

    name: Mapped[str] = mapped_column(String(200))
    # 统一社会信用代码, validated by rules.identifiers before it is stored. Not a
    # unique constraint: two laptops may register the same unit offline, and
    # sync must be able to take in both before a supervisor merges them.
    uscc: Mapped[str] = mapped_column(String(18), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    district: Mapped[str] = mapped_column(String(50), default="", index=True)
    venue_type: Mapped[VenueType] = mapped_column(String(20))
    legal_representative: Mapped[str] = mapped_column(String(50), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    priority: Mapped[bool] = mapped_column(default=False)  # 重点单位
    notes: Mapped[str] = mapped_column(Text, default="")

    equipment: Mapped[list[Equipment]] = relationship(back_populates="unit")


class MaintenanceUnit(Synced, Base):
    """A maintenance unit (维保单位) that services equipment under contract.

    Named by the equipment it maintains, so that duties of the maintenance
    unit (安全法 Art 45, TSG T5002) can be directed to it. Several laptops and
    the ledger import may register the same company: ``uscc`` (optional, the
    统一社会信用代码 when known) and the name identify it, not a constraint.
    """

    __tablename__ = "maintenance_units"

    name: Mapped[str] = mapped_column(String(200), index=True)
    uscc: Mapped[str] = mapped_column(String(18), default="", index=True)
    licence_no: Mapped[str] = mapped_column(String(60), default="")  # 许可证编号
    address: Mapped[str] = mapped_column(String(300), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Equipment(Synced, Base):
    __tablename__ = "equipment"
    __table_args__ = (
        Index("ix_equipment_unit_kind", "unit_id", "kind"),
        Index("ix_equipment_next_due", "next_inspection_due"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[EquipmentKind] = mapped_column(String(20))
    category_code: Mapped[str] = mapped_column(String(4))
    registration_code: Mapped[str] = mapped_column(String(30), index=True)
    certificate_no: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(100), default="")  # e.g. 1号客梯
    location: Mapped[str] = mapped_column(String(200), default="")
    manufacturer: Mapped[str] = mapped_column(String(200), default="")
    model: Mapped[str] = mapped_column(String(100), default="")
    commissioned_on: Mapped[dt.date | None] = mapped_column(Date)
    last_inspected_on: Mapped[dt.date | None] = mapped_column(Date)
    next_inspection_due: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[EquipmentStatus] = mapped_column(String(20), default=EquipmentStatus.IN_USE)
    # Checklist applicability (drive: traction|hydraulic, usage: passenger|goods, ...).
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    maintenance_unit_id: Mapped[str | None] = mapped_column(ForeignKey("maintenance_units.id"))

    unit: Mapped[Unit] = relationship(back_populates="equipment")


class EquipmentInUse(Base):
    """Pieces of equipment in use (live and not scrapped) per unit and kind.

    Derived, never synced: the triggers of migration 0012 keep it equal to the
    ``equipment`` rows on every write, whichever path makes it (ORM, bulk import, sync),
    so campaign coverage (core/coverage.py) counts what a unit has without grouping a
    city's 150,000 rows each time. A unit and kind with nothing in use has no row.
    """

    __tablename__ = "equipment_in_use"
    __sync__: ClassVar[bool] = False

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[EquipmentKind] = mapped_column(String(20), primary_key=True)
    pieces: Mapped[int] = mapped_column(Integer)
