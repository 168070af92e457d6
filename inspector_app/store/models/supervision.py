"""The office's follow-through: 挂牌督办 cases, 查封/扣押, attachments, the 失信 list, grades.

Cases, their steps, seizures, attachments and list entries are synced like
every record (they are decisions someone is answerable for). A unit's credit
grade is derived data: each database computes its own from its rows and the
rule file in force (``credit_grades`` and ``credit_state`` never travel).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigInt, Synced, utcnow


class SupervisionCase(Synced, Base):
    """A hazard or a refusal put under 挂牌督办 (supervised rectification).

    Opened by a supervisor from a proposal (a serious hazard past its deadline, a
    directive not carried out); carries the 五到位 of the unit's rectification
    (措施、资金、时限 = ``deadline``、责任人、应急预案), the bureau's responsible
    leader, and ends accepted (验收销号) with evidence, or withdrawn. Every step is a
    ``CaseEvent`` and an audit row.
    """

    __tablename__ = "supervision_cases"
    __table_args__ = (Index("ix_supervision_cases_status_deadline", "status", "deadline"),)

    number: Mapped[str | None] = mapped_column(String(60), unique=True)  # 督办编号
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    directive_id: Mapped[str | None] = mapped_column(ForeignKey("directives.id"), index=True)
    finding_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    basis: Mapped[str] = mapped_column(String(30))  # serious_overdue | not_corrected
    title: Mapped[str] = mapped_column(Text)  # 督办事项
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|accepted|withdrawn
    listed_on: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date)  # 时限 (moved by an extension)
    original_deadline: Mapped[dt.date] = mapped_column(Date)
    leader: Mapped[str] = mapped_column(String(50), default="")  # 督办责任领导
    measures: Mapped[str] = mapped_column(Text, default="")  # 措施
    funds: Mapped[str] = mapped_column(String(200), default="")  # 资金
    responsible: Mapped[str] = mapped_column(String(100), default="")  # 单位责任人
    emergency_plan: Mapped[str] = mapped_column(Text, default="")  # 应急预案
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    police_referral: Mapped[bool] = mapped_column(default=False)  # 移送公安机关 recorded


class CaseEvent(Synced, Base):
    """One step of a case: listed, filed, published, 五到位 set, extension requested and
    decided, reported upwards, government notified, referred to the police, accepted."""

    __tablename__ = "case_events"

    case_id: Mapped[str] = mapped_column(ForeignKey("supervision_cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    on: Mapped[dt.date] = mapped_column(Date)  # the office's date it happened
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officers.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Attachment(Synced, Base):
    """A file kept with a record: the unit's 整改报告 on a directive, a case's evidence."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner", "owner_id"),)

    owner: Mapped[str] = mapped_column(String(30))  # directive | case_event
    owner_id: Mapped[str] = mapped_column(String(36))
    purpose: Mapped[str] = mapped_column(String(30))  # rectification_report | evidence | …
    name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))


class Seizure(Synced, Base):
    """查封 or 扣押 of a piece of equipment (总局令第57号 Art 26), until lifted."""

    __tablename__ = "seizures"

    equipment_id: Mapped[str] = mapped_column(ForeignKey("equipment.id"), index=True)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"))
    kind: Mapped[str] = mapped_column(String(10))  # seal (查封) | seize (扣押)
    on: Mapped[dt.date] = mapped_column(Date)
    document_no: Mapped[str] = mapped_column(String(60), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officers.id"))
    lifted_on: Mapped[dt.date | None] = mapped_column(Date)
    lift_note: Mapped[str] = mapped_column(Text, default="")


class BlacklistEntry(Synced, Base):
    """A unit on the 严重违法失信名单 (总局令第44号).

    Only ever written by a supervisor's confirmation with a reason: the check
    constraint refuses a row without one whatever path it takes (a use case, a
    sync bundle, a hand-written INSERT).
    """

    __tablename__ = "blacklist_entries"
    __table_args__ = (
        CheckConstraint("length(confirmation_reason) > 0", name="confirmed_with_reason"),
        CheckConstraint("length(confirmed_by) > 0", name="confirmed_by_someone"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    uscc: Mapped[str] = mapped_column(String(18), index=True)
    unit_name: Mapped[str] = mapped_column(String(200))
    rule_id: Mapped[str] = mapped_column(String(40))  # the candidate rule that found it
    basis: Mapped[str] = mapped_column(Text)  # the facts, as the rule stated them
    penalty_decision_no: Mapped[str] = mapped_column(String(100))  # 行政处罚决定书文号
    penalty_decided_on: Mapped[dt.date] = mapped_column(Date)
    confirmed_by: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    confirmation_reason: Mapped[str] = mapped_column(Text)
    listed_on: Mapped[dt.date] = mapped_column(Date)
    removal_due: Mapped[dt.date] = mapped_column(Date)  # 届满移出
    status: Mapped[str] = mapped_column(String(20), default="listed")  # listed | removed
    removed_on: Mapped[dt.date | None] = mapped_column(Date)
    removed_by: Mapped[str | None] = mapped_column(ForeignKey("officers.id"))
    removal_reason: Mapped[str] = mapped_column(Text, default="")


class CreditGrade(Base):
    """A unit's grade as the rule file in force gives it, with the inputs it was given.

    Derived: recomputed here from this database's rows, never synced. ``inputs`` and
    ``rules_hash`` let an auditor re-run the pure rule (rules/credit.py) by hand.
    """

    __tablename__ = "credit_grades"
    __sync__: ClassVar[bool] = False

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    uscc: Mapped[str] = mapped_column(String(18), index=True)
    grade: Mapped[str] = mapped_column(String(1), index=True)
    score: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    rules_version: Mapped[str] = mapped_column(String(30))
    rules_hash: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CreditState(Base):
    """How far the grades are current: the change-log position and rule file they reflect."""

    __tablename__ = "credit_state"
    __sync__: ClassVar[bool] = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInt, default=0)
    rules_hash: Mapped[str] = mapped_column(String(64), default="")
    as_of: Mapped[dt.date | None] = mapped_column(Date)  # the day "past deadline" was judged
