"""Statistics for reporting upwards (seed §(十二)): period tables and the hazard table.

``period_table`` counts, for the inspections concluded in a period and in scope
(``DeskFilter``), per group of district × venue type × kind (any of the three):
units and equipment inspected, inspections, hazards found and closed by class,
the rectification rate, directives, 查封/扣押, refusals and 挂牌督办 cases. Each
measure is one GROUP BY with its own distinct counts (a unit inspected for its
elevator and its boiler is one unit in the district's row), so no row is a sum of
finer rows. ``hazard_table`` gives the columns local safety offices ask for each
quarter (domain/PLANNING.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from inspector_app.rules.cases import five_in_place
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, VENUE_TYPE_ZH
from inspector_app.store.models import (
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    Seizure,
    SupervisionCase,
    Unit,
)

from .board import DeskFilter, inspection_where, unit_where

DIMENSIONS = ("district", "venue_type", "kind")
DIMENSION_ZH = {"district": "区县", "venue_type": "场所类型", "kind": "设备种类"}
#: The measures, in the order tables print them: key -> header.
MEASURES = {
    "units": "检查单位数",
    "equipment": "检查设备台数",
    "inspections": "检查次数",
    "serious": "重大事故隐患",
    "serious_closed": "重大隐患已整改",
    "general": "一般隐患",
    "general_closed": "一般隐患已整改",
    "rate": "整改率",
    "directives": "指令书",
    "seizures": "查封扣押",
    "refusals": "拒绝签字",
    "cases": "挂牌督办",
    "cases_accepted": "督办已销号",
}


def label(dimension: str, value: str) -> str:
    if dimension == "venue_type":
        return VENUE_TYPE_ZH.get(value, value)
    if dimension == "kind":
        return EQUIPMENT_KIND_ZH.get(value, value)
    return value or "（未填）"


@dataclass
class StatsRow:
    key: tuple[str, ...]
    values: dict[str, int] = field(default_factory=dict)

    def get(self, measure: str) -> int:
        return self.values.get(measure, 0)

    @property
    def rate(self) -> float | None:
        found = self.get("serious") + self.get("general")
        if not found:
            return None
        return (self.get("serious_closed") + self.get("general_closed")) / found


def _dims(by: Sequence[str], *, equipment: Any = Equipment) -> list[Any]:
    columns = {"district": Unit.district, "venue_type": Unit.venue_type, "kind": equipment.kind}
    return [columns[d] for d in by]


def _inspected(f: DeskFilter):
    """Inspections in scope joined to the equipment they covered (for kind and counts)."""
    stmt = (
        select()
        .select_from(Inspection)
        .join(Unit, Unit.id == Inspection.unit_id)
        .join(InspectionEquipment, and_(InspectionEquipment.inspection_id == Inspection.id,
                                        InspectionEquipment.deleted.is_(False)))
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .where(*inspection_where(f))
    )  # fmt: skip
    return stmt.where(Equipment.kind == f.kind) if f.kind else stmt


def _findings(f: DeskFilter):
    stmt = (
        select()
        .select_from(Finding)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Unit, Unit.id == Inspection.unit_id)
        .join(InspectionEquipment, InspectionEquipment.id == Finding.inspection_equipment_id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .where(Finding.deleted.is_(False), *inspection_where(f))
    )
    return stmt.where(Equipment.kind == f.kind) if f.kind else stmt


def _one(cond: Any) -> Any:
    return func.sum(case((cond, 1), else_=0))


def period_table(session: Session, f: DeskFilter, by: Sequence[str] = ()) -> list[StatsRow]:
    """One row per group of ``by`` (empty: one row, the total), largest first."""
    for d in by:
        if d not in DIMENSIONS:
            raise ValueError(f"unknown dimension {d!r}")
    dims = _dims(by)
    rows: dict[tuple[str, ...], StatsRow] = {}

    def add(stmt: Any, names: Sequence[str]) -> None:
        for values in session.execute(stmt.group_by(*dims) if dims else stmt):
            key = tuple(str(v) if v is not None else "" for v in values[: len(dims)])
            row = rows.setdefault(key, StatsRow(key))
            for name, value in zip(names, values[len(dims) :], strict=True):
                row.values[name] = int(value or 0)

    add(_inspected(f).add_columns(
        *dims, func.count(func.distinct(Inspection.unit_id)),
        func.count(func.distinct(InspectionEquipment.equipment_id)),
        func.count(func.distinct(Inspection.id)),
        func.count(func.distinct(case((Inspection.representative_refused.is_(True),
                                       Inspection.id))))),
        ("units", "equipment", "inspections", "refusals"))  # fmt: skip
    closed = Finding.status == "closed"
    serious = Finding.hazard == "serious"
    add(_findings(f).add_columns(
        *dims, _one(serious), _one(serious & closed), _one(~serious), _one(~serious & closed),
        func.count(func.distinct(Finding.directive_id))),
        ("serious", "serious_closed", "general", "general_closed", "directives"))  # fmt: skip
    seizures = (
        select(*dims, func.count(Seizure.id)).select_from(Seizure)
        .join(Equipment, Equipment.id == Seizure.equipment_id)
        .join(Unit, Unit.id == Equipment.unit_id)
        .where(Seizure.deleted.is_(False), *unit_where(f))
    )  # fmt: skip
    if f.kind:
        seizures = seizures.where(Equipment.kind == f.kind)
    if f.date_from:
        seizures = seizures.where(Seizure.on >= f.date_from)
    if f.date_to:
        seizures = seizures.where(Seizure.on <= f.date_to)
    add(seizures, ("seizures",))
    cases = (
        select(*dims, func.count(func.distinct(SupervisionCase.id)),
               func.count(func.distinct(case((SupervisionCase.status == "accepted",
                                              SupervisionCase.id)))))
        .select_from(SupervisionCase)
        .join(Unit, Unit.id == SupervisionCase.unit_id)
        .outerjoin(Finding, Finding.directive_id == SupervisionCase.directive_id)
        .outerjoin(InspectionEquipment,
                   InspectionEquipment.id == Finding.inspection_equipment_id)
        .outerjoin(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .where(SupervisionCase.deleted.is_(False), SupervisionCase.status != "withdrawn",
               *unit_where(f))
    )  # fmt: skip
    if f.kind:
        cases = cases.where(Equipment.kind == f.kind)
    if f.date_from:
        cases = cases.where(SupervisionCase.listed_on >= f.date_from)
    if f.date_to:
        cases = cases.where(SupervisionCase.listed_on <= f.date_to)
    add(cases, ("cases", "cases_accepted"))
    if not dims and not rows:
        rows[()] = StatsRow(())
    out = list(rows.values())
    out.sort(key=lambda r: (-r.get("inspections"), r.key))
    return out


def total(rows: Sequence[StatsRow]) -> StatsRow:
    """The sum of rows that do not overlap (a breakdown by one dimension: never for
    distinct counts across two; use ``period_table(by=())`` for a true total)."""
    out = StatsRow(("合计",))
    for row in rows:
        for k, v in row.values.items():
            out.values[k] = out.values.get(k, 0) + v
    return out


# ------------------------------------------------------------------------- hazard table
HAZARD_COLUMNS = (
    ("general_found", "一般隐患排查数"),
    ("general_closed", "一般隐患已整改数"),
    ("general_rate", "一般隐患整改率"),
    ("serious_found", "重大隐患排查数"),
    ("serious_closed", "重大隐患已整改销号数"),
    ("serious_rate", "重大隐患整改率"),
    ("serious_planned", "列入治理计划数"),
    ("five_in_place", "“五到位”数"),
    ("supervised", "挂牌督办数"),
)


def hazard_table(session: Session, f: DeskFilter, by: str = "district") -> list[tuple[str, dict]]:
    """The quarterly hazard statistics by ``by`` (PLANNING.md's typical columns).

    列入治理计划: serious hazards with a directive (the dated order to eliminate them);
    五到位 / 挂牌督办: serious hazards under a case, with its five in place / at all.
    """
    dim = _dims([by])[0]
    rows: dict[str, dict[str, Any]] = {}
    stmt = _findings(f).add_columns(dim, Finding.id, Finding.hazard, Finding.status,
                                    Finding.directive_id)  # fmt: skip
    findings = session.execute(stmt).all()
    supervised: dict[str, bool] = {}
    for c in session.scalars(select(SupervisionCase).where(
            SupervisionCase.deleted.is_(False), SupervisionCase.status != "withdrawn")):  # fmt: skip
        in_place = five_in_place(c.measures, c.funds, c.deadline, c.responsible, c.emergency_plan)
        for fid in c.finding_ids or ():
            supervised[fid] = supervised.get(fid, False) or in_place
    for group, fid, hazard, status, directive in findings:
        row = rows.setdefault(str(group or ""), dict.fromkeys(k for k, _ in HAZARD_COLUMNS))
        for k in row:
            row[k] = row[k] or 0
        if hazard == "serious":
            row["serious_found"] += 1
            row["serious_closed"] += status == "closed"
            row["serious_planned"] += directive is not None
            if fid in supervised:
                row["supervised"] += 1
                row["five_in_place"] += supervised[fid]
        else:
            row["general_found"] += 1
            row["general_closed"] += status == "closed"
    for row in rows.values():
        row["general_rate"] = _rate(row["general_closed"], row["general_found"])
        row["serious_rate"] = _rate(row["serious_closed"], row["serious_found"])
    return sorted(rows.items(), key=lambda kv: (-kv[1]["serious_found"], kv[0]))


def _rate(done: int, found: int) -> float | None:
    return done / found if found else None


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def period_label(date_from: dt.date | None, date_to: dt.date | None) -> str:
    from inspector_app.rules.zh import zh_date as date_zh

    if date_from and date_to:
        return f"{date_zh(date_from)}至{date_zh(date_to)}"
    if date_from:
        return f"{date_zh(date_from)}以来"
    if date_to:
        return f"截至{date_zh(date_to)}"
    return "全部时间"


# ------------------------------------------------------------------------- leaders' page
def summary_doc(session: Session, f: DeskFilter, *, today: dt.date):
    """The one-page summary for leaders (reports/summary.py) of the filter's period."""
    from inspector_app.reports.summary import DistrictLine, MonthLine, SummaryDoc

    from . import board
    from .settings import get_setting

    whole = period_table(session, f, ())
    t = whole[0] if whole else StatsRow(())
    open_now = board.counts(session, f, today=today)
    figures = (
        ("检查单位（家）", str(t.get("units"))),
        ("检查设备（台）", str(t.get("equipment"))),
        ("监督检查（次）", str(t.get("inspections"))),
        ("出具指令书（份）", str(t.get("directives"))),
        ("重大事故隐患（项）", str(t.get("serious"))),
        ("一般隐患（项）", str(t.get("general"))),
        ("隐患整改率", percent(t.rate)),
        ("挂牌督办（件）", str(t.get("cases"))),
    )
    items = [
        f"停止使用未解除的设备{open_now['stop_use']}台",
        f"重大事故隐患未整改{open_now['serious_open']}项",
        f"指令书逾期未完成整改{open_now['directives_overdue']}份",
        f"收到整改报告待复查{open_now['reinspections_due']}份"
        f"（其中超过10个工作日{open_now['reinspections_overdue']}份）",
        f"挂牌督办中{open_now['cases_open']}件",
    ]
    districts = tuple(
        DistrictLine(
            label("district", r.key[0]),
            r.get("inspections"),
            r.get("units"),
            r.get("serious"),
            r.get("general"),
            percent(r.rate),
            r.get("directives"),
            r.get("cases"),
        )  # fmt: skip
        for r in period_table(session, f, ("district",))
    )
    months = tuple(
        MonthLine(m.month, m.inspections, m.serious, m.general)
        for m in board.monthly_trend(session, f, today=today)
    )
    scope = "、".join(
        x for x in (f.district, label("venue_type", f.venue_type) if f.venue_type else "",
                    label("kind", f.kind) if f.kind else "",
                    board.campaign_label(session, f.campaign_id), f.task_source or "") if x
    )  # fmt: skip
    return SummaryDoc(
        authority_name=get_setting(session, "authority_name"),
        period=period_label(f.date_from, f.date_to),
        dated=today,
        figures=figures,
        open_items=tuple(items),
        districts=districts,
        months=months,
        scope=scope,
    )


def summary_pdf(session: Session, f: DeskFilter, *, today: dt.date) -> bytes:
    from inspector_app.reports.summary import render_summary

    return render_summary(summary_doc(session, f, today=today))
