"""The oversight board (监管看板): what is open, overdue or refused, with drill-down.

Reads only; every count is one aggregate query, the same on the laptop's SQLite
and the central PostgreSQL. ``DeskFilter`` scopes all of them: the period is the
office's dates of the inspection an item came from (cases: the day they were
listed; seizures: the day of the seal), plus district, venue type, kind, type of
inspection and 任务来源, or a campaign record: the inspections started from its tasks
(``campaign_inspections``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from inspector_app.rules.enums import (
    EQUIPMENT_KIND_ZH,
    HAZARD_CLASS_ZH,
    FindingStatus,
    InspectionStatus,
)
from inspector_app.rules.judgement import add_months
from inspector_app.store.models import (
    Campaign,
    Directive,
    Equipment,
    Finding,
    FollowUp,
    Inspection,
    InspectionEquipment,
    Seizure,
    SupervisionCase,
    Task,
    Unit,
)

from .errors import UserError

OPEN_STATES = (FindingStatus.OPEN.value, FindingStatus.RECTIFIED.value,
               FindingStatus.ESCALATED.value)  # fmt: skip
DIMENSIONS = {"district": Unit.district, "venue_type": Unit.venue_type, "kind": Equipment.kind}


def campaign_inspections(campaign_id: str) -> Any:
    """The SQL condition on ``Inspection`` of a campaign: started from one of its tasks (a
    campaign task starts a 专项 inspection that names it on its record)."""
    return Inspection.task_id.in_(select(Task.id).where(Task.campaign_id == campaign_id))


@dataclass(frozen=True)
class DeskFilter:
    date_from: dt.date | None = None  # office dates, inclusive; None: open-ended
    date_to: dt.date | None = None
    district: str | None = None
    venue_type: str | None = None
    kind: str | None = None
    inspection_type: str | None = None
    task_source: str | None = None  # a part of the 任务来源 (the campaign's name)
    campaign_id: str | None = None
    zone: dt.tzinfo = field(default=dt.UTC, compare=False)

    def bounds(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The period as UTC instants: [first day 00:00, day after the last 00:00)."""

        def at(day: dt.date | None) -> dt.datetime | None:
            if day is None:
                return None
            return dt.datetime.combine(day, dt.time(), tzinfo=self.zone).astimezone(dt.UTC)

        end = self.date_to + dt.timedelta(days=1) if self.date_to else None
        return at(self.date_from), at(end)

    def with_period(self, date_from: dt.date | None, date_to: dt.date | None) -> DeskFilter:
        return replace(self, date_from=date_from, date_to=date_to)


def last_months(today: dt.date, months: int = 12) -> tuple[dt.date, dt.date]:
    """The default period: the ``months`` months up to today."""
    return add_months(today, -months) + dt.timedelta(days=1), today


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def inspection_where(f: DeskFilter, *, period: bool = True) -> list:
    """Concluded inspections in scope (the query joins ``Unit`` on the inspection)."""
    where = [
        Inspection.deleted.is_(False),
        Inspection.status == InspectionStatus.CONCLUDED.value,
    ]
    start, end = f.bounds()
    if period and start is not None:
        where.append(Inspection.concluded_at >= start)
    if period and end is not None:
        where.append(Inspection.concluded_at < end)
    where += unit_where(f)
    if f.inspection_type:
        where.append(Inspection.inspection_type == f.inspection_type)
    if f.task_source:
        where.append(Inspection.task_source.like(_like(f.task_source), escape="\\"))
    if f.campaign_id:
        where.append(campaign_inspections(f.campaign_id))
    return where


def unit_where(f: DeskFilter) -> list:
    where = []
    if f.district:
        where.append(Unit.district == f.district)
    if f.venue_type:
        where.append(Unit.venue_type == f.venue_type)
    return where


def _kind_of_inspection(f: DeskFilter) -> list:
    """An inspection counts for a kind when it covered equipment of that kind."""
    if not f.kind:
        return []
    ie, eq = aliased(InspectionEquipment), aliased(Equipment)
    return [
        exists()
        .where(ie.inspection_id == Inspection.id, ie.deleted.is_(False))
        .where(eq.id == ie.equipment_id, eq.kind == f.kind)
    ]


def findings_base(f: DeskFilter, *columns: Any, period: bool = True):
    """Live findings of concluded inspections in scope, joined to unit and equipment."""
    stmt = (
        select(*columns)
        .select_from(Finding)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Unit, Unit.id == Inspection.unit_id)
        .join(InspectionEquipment, InspectionEquipment.id == Finding.inspection_equipment_id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .where(Finding.deleted.is_(False), *inspection_where(f, period=period))
    )
    if f.kind:
        stmt = stmt.where(Equipment.kind == f.kind)
    return stmt


def directives_base(f: DeskFilter, *columns: Any):
    """Directives in force (issued, not closed or superseded) of inspections in scope."""
    return (
        select(*columns)
        .select_from(Directive)
        .join(Inspection, Inspection.id == Directive.inspection_id)
        .join(Unit, Unit.id == Inspection.unit_id)
        .where(
            Directive.deleted.is_(False),
            Directive.status == "issued",
            *inspection_where(f),
            *_kind_of_inspection(f),
        )  # fmt: skip
    )


def _not_reinspected():
    """No follow-up of the unit on or after the day its 整改报告 came in."""
    fu, other = aliased(FollowUp), aliased(Inspection)
    return ~exists().where(
        fu.inspection_id == other.id,
        other.unit_id == Inspection.unit_id,
        fu.deleted.is_(False),
        fu.performed_on >= Directive.report_received_on,
    )


def _through_inspection(f: DeskFilter, inspection_id: Any) -> list:
    """Scope a case or a seizure by the inspection it came from, when the filter names
    what only inspections have (type, 任务来源, campaign, kind)."""
    if not (f.inspection_type or f.task_source or f.campaign_id or f.kind):
        return []
    only = DeskFilter(inspection_type=f.inspection_type, task_source=f.task_source,
                      campaign_id=f.campaign_id, kind=f.kind)  # fmt: skip
    return [
        select(Inspection.id)
        .where(Inspection.id == inspection_id, *inspection_where(only, period=False),
               *_kind_of_inspection(only))
        .exists()
    ]  # fmt: skip


def cases_base(f: DeskFilter, *columns: Any):
    origin = (
        select(Directive.inspection_id)
        .where(Directive.id == SupervisionCase.directive_id)
        .scalar_subquery()
    )
    stmt = (
        select(*columns)
        .select_from(SupervisionCase)
        .join(Unit, Unit.id == SupervisionCase.unit_id)
        .where(SupervisionCase.deleted.is_(False), *unit_where(f),
               *_through_inspection(f, origin))
    )  # fmt: skip
    if f.date_from:
        stmt = stmt.where(SupervisionCase.listed_on >= f.date_from)
    if f.date_to:
        stmt = stmt.where(SupervisionCase.listed_on <= f.date_to)
    return stmt


def seizures_base(f: DeskFilter, *columns: Any):
    stmt = (
        select(*columns)
        .select_from(Seizure)
        .join(Equipment, Equipment.id == Seizure.equipment_id)
        .join(Unit, Unit.id == Equipment.unit_id)
        .where(Seizure.deleted.is_(False), *unit_where(f))
    )
    if f.kind:
        stmt = stmt.where(Equipment.kind == f.kind)
    if f.inspection_type or f.task_source or f.campaign_id:
        stmt = stmt.where(*_through_inspection(replace(f, kind=None), Seizure.inspection_id))
    if f.date_from:
        stmt = stmt.where(Seizure.on >= f.date_from)
    if f.date_to:
        stmt = stmt.where(Seizure.on <= f.date_to)
    return stmt


# ------------------------------------------------------------------------ the counts
#: The board's tiles, in order: key -> Chinese label (the UI translates its own copy).
TILES = {
    "stop_use": "停止使用未解除的设备（台）",
    "serious_open": "重大事故隐患未整改（项）",
    "directives_overdue": "指令书逾期未完成整改（份）",
    "reinspections_due": "收到整改报告待复查（份）",
    "reinspections_overdue": "复查已超过10个工作日（份）",
    "not_corrected": "复查仍未整改（项）",
    "refusals": "拒绝签字（次）",
    "cases_open": "挂牌督办中（件）",
    "seizures": "查封、扣押未解除（台）",
}


def _statements(f: DeskFilter, today: dt.date) -> dict[str, Any]:
    serious_open = findings_base(f, Finding.id).where(
        Finding.hazard == "serious", Finding.status.in_(OPEN_STATES)
    )
    stop_use = (
        findings_base(f, InspectionEquipment.equipment_id)
        .where(Finding.hazard == "serious", Finding.status.in_(OPEN_STATES))
        .distinct()
    )
    reported = directives_base(f, Directive.id).where(
        Directive.report_received_on.is_not(None), _not_reinspected()
    )
    return {
        "stop_use": stop_use,
        "serious_open": serious_open,
        "directives_overdue": directives_base(f, Directive.id).where(Directive.deadline < today),
        "reinspections_due": reported,
        "reinspections_overdue": reported.where(Directive.reinspection_due < today),
        "not_corrected": findings_base(f, Finding.id).where(
            Finding.status == FindingStatus.ESCALATED.value),
        "refusals": select(Inspection.id).join(Unit, Unit.id == Inspection.unit_id).where(
            Inspection.representative_refused.is_(True), *inspection_where(f),
            *_kind_of_inspection(f)),
        "cases_open": cases_base(f, SupervisionCase.id).where(SupervisionCase.status == "open"),
        "seizures": seizures_base(f, Seizure.equipment_id).where(
            Seizure.lifted_on.is_(None)).distinct(),
    }  # fmt: skip


def counts(session: Session, f: DeskFilter, *, today: dt.date) -> dict[str, int]:
    """Every tile's number: one round trip of scalar subqueries."""
    stmts = _statements(f, today)
    columns = [
        select(func.count()).select_from(stmt.subquery()).scalar_subquery().label(key)
        for key, stmt in stmts.items()
    ]
    row = session.execute(select(*columns)).one()
    return {key: int(row._mapping[key] or 0) for key in stmts}


# ------------------------------------------------------------------------ drill-down
@dataclass(frozen=True)
class DrillRow:
    """One line behind a count; ``inspection_id`` opens the inspection it came from."""

    inspection_id: str | None
    day: dt.date | None
    unit_name: str
    what: str  # equipment, directive number or case title
    detail: str
    due: dt.date | None
    overdue: bool
    ref_id: str  # the finding, directive, inspection, case or seizure


def _local_day(moment: dt.datetime | None, zone: dt.tzinfo) -> dt.date | None:
    return moment.astimezone(zone).date() if moment is not None else None


def _equipment_label(kind: str, name: str, code: str) -> str:
    return f"{name or EQUIPMENT_KIND_ZH.get(kind, kind)} · {code}"


def drill(session: Session, key: str, f: DeskFilter, *, today: dt.date, limit: int = 50,
          offset: int = 0) -> list[DrillRow]:  # fmt: skip
    """The rows behind tile ``key``, the most urgent first."""
    if key not in TILES:
        raise UserError(f"unknown board count {key!r}")
    zone = f.zone
    if key in ("stop_use", "serious_open", "not_corrected"):
        stmt = findings_base(
            f, Finding.id, Finding.inspection_id, Inspection.concluded_at, Unit.name,
            Equipment.kind, Equipment.name, Equipment.registration_code, Finding.hazard,
            Finding.description, Finding.deadline,
        )  # fmt: skip
        if key == "not_corrected":
            stmt = stmt.where(Finding.status == FindingStatus.ESCALATED.value)
        else:
            stmt = stmt.where(Finding.hazard == "serious", Finding.status.in_(OPEN_STATES))
        rows = session.execute(
            stmt.order_by(Finding.deadline, Finding.id).limit(limit).offset(offset)
        )
        return [
            DrillRow(
                iid,
                _local_day(done, zone),
                unit,
                _equipment_label(kind, name, code),
                f"{HAZARD_CLASS_ZH.get(hazard, hazard)}：{text}",
                deadline,
                deadline < today,
                fid,
            )  # fmt: skip
            for fid, iid, done, unit, kind, name, code, hazard, text, deadline in rows
        ]
    if key in ("directives_overdue", "reinspections_due", "reinspections_overdue"):
        base = _statements(f, today)[key]
        ids = base.with_only_columns(Directive.id).subquery()
        stmt = (
            select(Directive.id, Directive.inspection_id, Directive.issued_at, Unit.name,
                   Directive.number, Directive.deadline, Directive.report_received_on,
                   Directive.reinspection_due)
            .join(Inspection, Inspection.id == Directive.inspection_id)
            .join(Unit, Unit.id == Inspection.unit_id)
            .where(Directive.id.in_(select(ids.c.id)))
        )  # fmt: skip
        if key == "directives_overdue":
            stmt = stmt.order_by(Directive.deadline, Directive.id)
        else:
            stmt = stmt.order_by(Directive.reinspection_due, Directive.id)
        out = []
        for did, iid, issued, unit, number, deadline, received, due in session.execute(
            stmt.limit(limit).offset(offset)
        ):
            if key == "directives_overdue":
                detail, when = f"整改期限{deadline.isoformat()}", deadline
            else:
                detail, when = f"{received.isoformat()}收到整改报告", due
            out.append(DrillRow(iid, _local_day(issued, zone), unit, number, detail, when,
                                when is not None and when < today, did))  # fmt: skip
        return out
    if key == "refusals":
        stmt = (
            select(Inspection.id, Inspection.concluded_at, Unit.name, Inspection.record_number,
                   Inspection.refusal_note)
            .join(Unit, Unit.id == Inspection.unit_id)
            .where(Inspection.representative_refused.is_(True), *inspection_where(f),
                   *_kind_of_inspection(f))
            .order_by(Inspection.concluded_at.desc(), Inspection.id)
            .limit(limit).offset(offset)
        )  # fmt: skip
        return [
            DrillRow(iid, _local_day(done, zone), unit, number or "", note, None, False, iid)
            for iid, done, unit, number, note in session.execute(stmt)
        ]
    if key == "cases_open":
        stmt = (
            cases_base(f, SupervisionCase.id, SupervisionCase.listed_on, Unit.name,
                       SupervisionCase.number, SupervisionCase.title, SupervisionCase.deadline)
            .where(SupervisionCase.status == "open")
            .order_by(SupervisionCase.deadline, SupervisionCase.id)
            .limit(limit).offset(offset)
        )  # fmt: skip
        return [
            DrillRow(None, listed, unit, number or "", title, deadline, deadline < today, cid)
            for cid, listed, unit, number, title, deadline in session.execute(stmt)
        ]
    stmt = (
        seizures_base(f, Seizure.id, Seizure.inspection_id, Seizure.on, Unit.name,
                      Equipment.kind, Equipment.name, Equipment.registration_code, Seizure.kind,
                      Seizure.document_no)
        .where(Seizure.lifted_on.is_(None))
        .order_by(Seizure.on, Seizure.id)
        .limit(limit).offset(offset)
    )  # fmt: skip
    return [
        DrillRow(
            iid,
            on,
            unit,
            _equipment_label(kind, name, code),
            f"{'查封' if what == 'seal' else '扣押'} {doc}".strip(),
            None,
            False,
            sid,
        )
        for sid, iid, on, unit, kind, name, code, what, doc in session.execute(stmt)
    ]


# ------------------------------------------------------------------------ trends
def month_of(session: Session, column: Any, zone: dt.tzinfo) -> Any:
    """``YYYY-MM`` of a stored UTC time in the office's zone, in SQL."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(str(zone), column), "YYYY-MM")
    offset = dt.datetime(2000, 1, 1, tzinfo=zone).utcoffset() or dt.timedelta()
    hours = int(offset.total_seconds() // 3600)
    return func.strftime("%Y-%m", column, f"{hours:+d} hours")


@dataclass(frozen=True)
class MonthRow:
    month: str  # YYYY-MM
    inspections: int
    serious: int
    general: int
    closed: int  # of the findings of that month's inspections, closed since


def months_between(start: dt.date, end: dt.date) -> list[str]:
    out, day = [], start.replace(day=1)
    while day <= end:
        out.append(f"{day.year:04d}-{day.month:02d}")
        day = add_months(day, 1)
    return out


def monthly_trend(session: Session, f: DeskFilter, *, today: dt.date) -> list[MonthRow]:
    """Per month of the period (by default the last twelve): inspections, hazards found."""
    if f.date_from is None or f.date_to is None:
        f = f.with_period(*last_months(today))
    month = month_of(session, Inspection.concluded_at, f.zone)
    insp = dict(
        session.execute(
            select(month, func.count(Inspection.id))
            .join(Unit, Unit.id == Inspection.unit_id)
            .where(*inspection_where(f), *_kind_of_inspection(f))
            .group_by(month)
        ).all()
    )
    found: dict[str, dict[str, int]] = {}
    closed = func.sum(case_when(Finding.status == FindingStatus.CLOSED.value))
    for m, hazard, n, done in session.execute(
        findings_base(f, month, Finding.hazard, func.count(Finding.id), closed).group_by(
            month, Finding.hazard
        )
    ):
        found.setdefault(m, {})[str(hazard)] = int(n)
        found[m]["closed"] = found[m].get("closed", 0) + int(done or 0)
    return [
        MonthRow(m, int(insp.get(m, 0)), found.get(m, {}).get("serious", 0),
                 found.get(m, {}).get("general", 0), found.get(m, {}).get("closed", 0))
        for m in months_between(f.date_from, f.date_to)
    ]  # fmt: skip


def case_when(condition: Any) -> Any:
    return case((condition, 1), else_=0)


# ------------------------------------------------------------------------ breakdowns
MEASURES = {
    "inspections": "检查次数",
    "serious": "重大事故隐患",
    "general": "一般隐患",
    "open": "未整改隐患",
}


@dataclass(frozen=True)
class Pivot:
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int]
    measure: str

    def total(self, row: str) -> int:
        return sum(v for (r, _c), v in self.cells.items() if r == row)

    def column_total(self, column: str) -> int:
        return sum(v for (_r, c), v in self.cells.items() if c == column)


def breakdown(session: Session, f: DeskFilter, *, rows: str, columns: str,
              measure: str = "serious") -> Pivot:  # fmt: skip
    """Counts of ``measure`` by two of district × venue type × kind (the third a filter)."""
    if rows not in DIMENSIONS or columns not in DIMENSIONS or rows == columns:
        raise UserError(f"breakdown needs two different dimensions of {list(DIMENSIONS)}")
    if measure not in MEASURES:
        raise UserError(f"unknown measure {measure!r}")
    r, c = DIMENSIONS[rows], DIMENSIONS[columns]
    if measure == "inspections":
        count = func.count(func.distinct(Inspection.id))
        stmt = (
            select(r, c, count).select_from(Inspection)
            .join(Unit, Unit.id == Inspection.unit_id)
            .join(InspectionEquipment, and_(InspectionEquipment.inspection_id == Inspection.id,
                                            InspectionEquipment.deleted.is_(False)))
            .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
            .where(*inspection_where(f))
        )  # fmt: skip
        if f.kind:
            stmt = stmt.where(Equipment.kind == f.kind)
    else:
        stmt = findings_base(f, r, c, func.count(Finding.id))
        if measure == "open":
            stmt = stmt.where(Finding.status.in_(OPEN_STATES))
        else:
            stmt = stmt.where(Finding.hazard == measure)
    cells = {(str(a), str(b)): int(n) for a, b, n in session.execute(stmt.group_by(r, c))}
    return Pivot(
        rows=sorted({a for a, _b in cells}, key=lambda a: -sum(
            v for (x, _y), v in cells.items() if x == a)),
        columns=sorted({b for _a, b in cells}),
        cells=cells,
        measure=measure,
    )  # fmt: skip


def districts(session: Session) -> list[str]:
    """The districts of the registry (for the filter)."""
    return [
        d for d in session.scalars(
            select(Unit.district).where(Unit.deleted.is_(False), Unit.district != "")
            .distinct().order_by(Unit.district))
    ]  # fmt: skip


def campaign_choices(session: Session) -> list[tuple[str, str]]:
    """The campaigns for the filter, as (id, label): open ones first, newest first."""
    rows = session.execute(
        select(Campaign.id, Campaign.name, Campaign.doc_no, Campaign.status)
        .where(Campaign.deleted.is_(False))
        .order_by((Campaign.status == "open").desc(), Campaign.starts_on.desc(), Campaign.name)
    ).all()
    return [(cid, f"{name}（{doc}）" if doc else name) for cid, name, doc, _status in rows]


def campaign_label(session: Session, campaign_id: str | None) -> str:
    """The campaign a filter names, as the filter shows it ("" when none)."""
    if not campaign_id:
        return ""
    row = session.execute(
        select(Campaign.name, Campaign.doc_no).where(Campaign.id == campaign_id)
    ).first()
    if row is None:
        return campaign_id
    return f"{row.name}（{row.doc_no}）" if row.doc_no else row.name


def task_sources(session: Session, *, limit: int = 40) -> list[str]:
    """The 任务来源 of concluded inspections, the most used first: a campaign run without a
    campaign record (e.g. 2026年“两节”期间特种设备安全专项检查) is named only there."""
    n = func.count(Inspection.id)
    return [
        source for source, _n in session.execute(
            select(Inspection.task_source, n)
            .where(Inspection.deleted.is_(False), Inspection.task_source != "",
                   Inspection.status == InspectionStatus.CONCLUDED.value)
            .group_by(Inspection.task_source).order_by(n.desc(), Inspection.task_source)
            .limit(limit))
    ]  # fmt: skip
