"""Checklist form versions, inspections, answers, findings, photos, signatures."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspector_app.rules.enums import (
    Conclusion,
    EquipmentKind,
    FindingStatus,
    HazardClass,
    InspectionStatus,
    Outcome,
)

from .base import Base, Synced, utcnow


class FormVersion(Synced, Base):
    """A checklist exactly as it was used: the resolved form, frozen.

    The id is derived from the content hash (``ids.content_id``), so the same
    form registered on two laptops is one row, and editing forms/ later never
    changes what a past inspection pinned.
    """

    __tablename__ = "form_versions"

    form_id: Mapped[str] = mapped_column(String(50))
    kind: Mapped[EquipmentKind] = mapped_column(String(20))
    version: Mapped[str] = mapped_column(String(30))
    title_zh: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    content_json: Mapped[str] = mapped_column(Text)


class Inspection(Synced, Base):
    __tablename__ = "inspections"
    __table_args__ = (
        Index("ix_inspections_unit_started", "unit_id", "started_at"),
        Index("ix_inspections_concluded_at", "concluded_at"),  # the board's periods
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"))
    # 常规 routine | 专项 special | 证后 post_licence | 其他 other (总局令第57号 Art 5)
    inspection_type: Mapped[str] = mapped_column(String(20), default="routine")
    # 任务来源: the campaign of a 专项 inspection, the complaint or referral of 其他, the plan.
    task_source: Mapped[str] = mapped_column(Text, default="")
    # The task it was started from (plan or campaign). No foreign key: a laptop holds the
    # inspections of its whole district but only its own officers' tasks (sync/scope.py).
    task_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # 被检查单位意见, captured at sign-off and printed on the record.
    unit_opinion: Mapped[str] = mapped_column(Text, default="")
    # <简称>市监特记〔YYYY〕第SSNNNN号, given when the record is made (core/records.py).
    record_number: Mapped[str | None] = mapped_column(String(60), unique=True, index=True)
    status: Mapped[InspectionStatus] = mapped_column(
        String(20), default=InspectionStatus.IN_PROGRESS, index=True
    )
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column()
    lead_officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    second_officer_id: Mapped[str | None] = mapped_column(ForeignKey("officers.id"))
    representative_name: Mapped[str] = mapped_column(String(50), default="")
    representative_position: Mapped[str] = mapped_column(String(50), default="")
    representative_refused: Mapped[bool] = mapped_column(default=False)
    refusal_note: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[Conclusion | None] = mapped_column(String(20))
    concluded_at: Mapped[dt.datetime | None] = mapped_column()
    follow_up_of_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"))
    notes: Mapped[str] = mapped_column(Text, default="")

    equipment: Mapped[list[InspectionEquipment]] = relationship(back_populates="inspection")
    findings: Mapped[list[Finding]] = relationship(back_populates="inspection")


class InspectionEquipment(Synced, Base):
    """One piece of equipment inside an inspection, with the form version it used."""

    __tablename__ = "inspection_equipment"
    __table_args__ = (UniqueConstraint("inspection_id", "equipment_id"),)

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"))
    equipment_id: Mapped[str] = mapped_column(ForeignKey("equipment.id"), index=True)
    form_version_id: Mapped[str] = mapped_column(ForeignKey("form_versions.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    inspection: Mapped[Inspection] = relationship(back_populates="equipment")


class ItemResult(Synced, Base):
    """One answer. Unique per (inspected equipment, item): answering again updates it."""

    __tablename__ = "item_results"
    __table_args__ = (UniqueConstraint("inspection_equipment_id", "item_id"),)

    inspection_equipment_id: Mapped[str] = mapped_column(ForeignKey("inspection_equipment.id"))
    item_id: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[Outcome] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    # Effective hazard class of a failed item; differs from the form only with a reason.
    hazard: Mapped[HazardClass | None] = mapped_column(String(10))
    hazard_override_reason: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    answered_by: Mapped[str | None] = mapped_column(ForeignKey("officers.id"))
    # Items read from the periodic-inspection report: which report the value comes from.
    report_no: Mapped[str] = mapped_column(String(60), default="")
    report_date: Mapped[dt.date | None] = mapped_column(Date)


class Finding(Synced, Base):
    __tablename__ = "findings"
    __table_args__ = (
        Index("ix_findings_status_deadline", "status", "deadline"),
        Index("ix_findings_hazard_status", "hazard", "status"),  # the board's counts
    )

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), index=True)
    inspection_equipment_id: Mapped[str] = mapped_column(
        ForeignKey("inspection_equipment.id"), index=True
    )
    item_result_id: Mapped[str | None] = mapped_column(ForeignKey("item_results.id"))
    item_id: Mapped[str] = mapped_column(String(20))
    hazard: Mapped[HazardClass] = mapped_column(String(10))
    # The form's failure this finding was picked from; None = the inspector's own fact
    # (and every finding of an inspection made with a form before failures existed).
    failure_id: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)  # the fact as observed
    provision: Mapped[str] = mapped_column(Text, default="")  # the duty violated (违反了…的规定)
    judged_by: Mapped[str] = mapped_column(Text, default="")  # 依据…判定为重大事故隐患
    penalty: Mapped[str] = mapped_column(Text, default="")  # consequence sentence only
    measure: Mapped[str] = mapped_column(Text, default="")  # the measure required
    addressee: Mapped[str] = mapped_column(String(20), default="user")  # user | maintenance
    reinspection: Mapped[bool] = mapped_column(default=False)  # inspection before use again
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[FindingStatus] = mapped_column(String(20), default=FindingStatus.OPEN)
    rectified_at: Mapped[dt.datetime | None] = mapped_column()
    closed_at: Mapped[dt.datetime | None] = mapped_column()
    directive_id: Mapped[str | None] = mapped_column(ForeignKey("directives.id"), index=True)

    inspection: Mapped[Inspection] = relationship(back_populates="findings")


class Blob(Base):
    """Metadata of a content-addressed file under <data>/blobs/ (photo, signature, PDF).

    The key is the SHA-256 of the bytes, so the same photo is stored once and two
    devices that hold it agree on its name without talking to each other.
    """

    __tablename__ = "blobs"
    __sync__: ClassVar[bool] = False  # travels as a bundle member, not as a change

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(50))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Known but kept at the office: a scoped laptop gets the row, not the file, of photos
    # outside its own inspections and open findings; it fetches the file when online.
    remote: Mapped[bool] = mapped_column(default=False, server_default=sa_false())


class Photo(Synced, Base):
    __tablename__ = "photos"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), index=True)
    item_result_id: Mapped[str | None] = mapped_column(ForeignKey("item_results.id"))
    finding_id: Mapped[str | None] = mapped_column(ForeignKey("findings.id"), index=True)
    original_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    print_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))  # downscaled copy
    caption: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Signature(Synced, Base):
    __tablename__ = "signatures"
    __table_args__ = (UniqueConstraint("inspection_id", "role"),)

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"))
    role: Mapped[str] = mapped_column(String(20))  # lead_officer | second_officer | representative
    signer_name: Mapped[str] = mapped_column(String(50))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    signed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
