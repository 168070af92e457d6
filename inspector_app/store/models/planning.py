"""Deciding the work: campaigns, the annual plan, tasks, and what makes a unit 重点.

* ``campaigns``: a 专项监督检查 (总局令第57号 Art 10–11) with its 任务来源, scope and period.
* ``plans``: an annual 常规 plan drawn by 双随机 (Art 6–9, 17). The pool it was drawn from
  and the list it drew are stored as content-addressed files (``blobs``): their SHA-256
  is the hash printed on the draw record, so nobody can change either unnoticed.
* ``tasks``: one unit to inspect, by two officers (Art 19), by a date, for a plan or a
  campaign. Done when an inspection started from it is concluded (``inspections.task_id``).
* ``unit_events``: accidents and confirmed complaints on a unit, with date and source
  (Art 9 (二) and (三)).
* ``recusals``: an officer who may not be drawn for a unit (回避).

Every table syncs; which laptop gets which rows is decided by the office (sync/scope.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced


class Campaign(Synced, Base):
    __tablename__ = "campaigns"

    name: Mapped[str] = mapped_column(String(200))
    # 任务来源: the document that ordered it, e.g. 漳市监特〔2026〕12号
    doc_no: Mapped[str] = mapped_column(String(100), default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    # Scope: kinds × venue types × districts (empty list = all), or an explicit unit list.
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    venue_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    districts: Mapped[list[str]] = mapped_column(JSON, default=list)
    unit_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    # Target coverage per scope cell, percent: {"kind|venue|district": 30, "*|*|*": 100}
    targets: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    owner_id: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | closed
    closed_at: Mapped[dt.datetime | None] = mapped_column()
    notes: Mapped[str] = mapped_column(Text, default="")


class Plan(Synced, Base):
    __tablename__ = "plans"

    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    doc_no: Mapped[str] = mapped_column(String(100), default="")
    districts: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: the whole city
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: every kind
    algorithm: Mapped[str] = mapped_column(String(20))  # rules.draw.ALGORITHM
    seed: Mapped[str] = mapped_column(String(200))
    ratios: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # stratum -> basis points
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the 重点 rules applied
    pool_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    result_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    pool_units: Mapped[int] = mapped_column(Integer, default=0)
    pool_officers: Mapped[int] = mapped_column(Integer, default=0)
    excluded_units: Mapped[int] = mapped_column(Integer, default=0)  # Art 17
    drawn: Mapped[int] = mapped_column(Integer, default=0)
    drawn_at: Mapped[dt.datetime] = mapped_column()
    drawn_by: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    due_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="drawn")  # drawn|published|cancelled
    published_at: Mapped[dt.datetime | None] = mapped_column()
    notes: Mapped[str] = mapped_column(Text, default="")


class Task(Synced, Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_lead_officer", "lead_officer_id"),
        Index("ix_tasks_second_officer", "second_officer_id"),
    )

    plan_id: Mapped[str | None] = mapped_column(ForeignKey("plans.id"), index=True)
    campaign_id: Mapped[str | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    # The equipment to inspect: the unit's equipment of these kinds ("" = every kind),
    # comma-separated EquipmentKind values.
    kinds: Mapped[str] = mapped_column(String(200), default="")
    lead_officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    second_officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    due_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | cancelled
    stratum: Mapped[str] = mapped_column(String(60), default="")  # the draw's stratum or cell
    draw_order: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class UnitEvent(Synced, Base):
    """An accident or a complaint recorded on a unit (57号令 Art 9 (二)(三))."""

    __tablename__ = "unit_events"

    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # accident | complaint
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200))  # 事故调查报告 / 12345 工单号 …
    confirmed: Mapped[bool] = mapped_column(default=True)  # a complaint found true (查实)
    description: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str | None] = mapped_column(ForeignKey("officers.id"))


class Recusal(Synced, Base):
    """An officer who must not be drawn for a unit (回避: kin, former employer …)."""

    __tablename__ = "recusals"

    officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
