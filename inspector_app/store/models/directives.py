"""Directives (特种设备安全监察指令书) and follow-up inspections (整改复查)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced


class Directive(Synced, Base):
    """Immutable once issued: the PDF bytes and their hash are stored with it.

    A correction issues a new directive whose ``supersedes_id`` names this one;
    both are kept.
    """

    __tablename__ = "directives"
    __table_args__ = (Index("ix_directives_status_deadline", "status", "deadline"),)

    number: Mapped[str] = mapped_column(String(60), unique=True)
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), index=True)
    issued_at: Mapped[dt.datetime] = mapped_column()
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="issued")  # issued|superseded|closed
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("directives.id"))
    content_digest: Mapped[str] = mapped_column(String(64), default="")
    pdf_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    # None: addressed to the inspected user unit; else to this maintenance unit.
    maintenance_unit_id: Mapped[str | None] = mapped_column(ForeignKey("maintenance_units.id"))
    # The unit's 整改报告 and the re-inspection due 10 working days later (57号令 Art 29).
    report_received_on: Mapped[dt.date | None] = mapped_column(Date)
    reinspection_due: Mapped[dt.date | None] = mapped_column(Date)


class FollowUp(Synced, Base):
    __tablename__ = "follow_ups"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), index=True)
    directive_id: Mapped[str | None] = mapped_column(ForeignKey("directives.id"), index=True)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    performed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class FollowUpFinding(Synced, Base):
    __tablename__ = "follow_up_findings"

    follow_up_id: Mapped[str] = mapped_column(ForeignKey("follow_ups.id"), index=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("findings.id"), index=True)
    rectified: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_photo_id: Mapped[str | None] = mapped_column(ForeignKey("photos.id"))
