"""How far a campaign or a plan has come: planned / inspected / with hazards / closed.

Counted per cell (district × venue type × kind) in pieces of equipment, from the tasks
and the concluded inspections started from them (``inspections.task_id``), with the
tasks (units) planned and done beside. Three grouped queries, the same SQL on a laptop's
SQLite and on the central PostgreSQL; ``tasks.task_list`` drills down into a cell. The
pieces a unit has in use come from ``equipment_in_use`` (kept by triggers, migration 0012),
so a city's equipment table is not grouped on every call.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import case, func, or_, select, text
from sqlalchemy.orm import Session

from inspector_app.rules.enums import FindingStatus, InspectionStatus
from inspector_app.store.models import (
    Campaign,
    Equipment,
    EquipmentInUse,
    Finding,
    Inspection,
    InspectionEquipment,
    Task,
    Unit,
)

from .campaigns import get_campaign, target_for
from .errors import UserError
from .plans import get_plan


@dataclass(frozen=True)
class CoverageRow:
    district: str
    venue_type: str
    kind: str
    registered: int = 0  # equipment in the campaign's scope (0 for a plan)
    planned: int = 0  # equipment the tasks cover
    inspected: int = 0  # of those, inspected from the task and concluded
    with_hazards: int = 0  # inspected pieces with at least one finding
    hazards: int = 0  # findings
    closed: int = 0  # findings closed (销号)
    tasks: int = 0  # units planned
    tasks_done: int = 0  # units inspected
    target: int | None = None  # basis points (campaigns)

    @property
    def coverage(self) -> float:
        """Inspected share of what is registered (campaigns) or planned (plans)."""
        base = self.registered or self.planned
        return self.inspected / base if base else 0.0


@dataclass
class Coverage:
    rows: list[CoverageRow] = field(default_factory=list)
    total: CoverageRow = field(default_factory=lambda: CoverageRow("", "", ""))


_COUNTS = ("registered", "planned", "inspected", "with_hazards", "hazards", "closed", "tasks",
           "tasks_done")  # fmt: skip


def _kinds_match(kind=Equipment.kind):
    return or_(Task.kinds == "", Task.kinds.contains(kind))


def coverage(
    session: Session, *, campaign_id: str | None = None, plan_id: str | None = None
) -> Coverage:
    if bool(campaign_id) == bool(plan_id):
        raise UserError("name one campaign or one plan", message_zh="请选择一项专项检查或一个计划")
    campaign = get_campaign(session, campaign_id) if campaign_id else None
    which = (
        Task.campaign_id == campaign.id
        if campaign
        else Task.plan_id == get_plan(session, plan_id).id
    )
    if session.get_bind().dialect.name == "postgresql":
        # the aggregates sort ~150,000 rows: in memory, not in temporary files (this
        # transaction only; the server's default of 4 MB is for many small queries)
        session.execute(text("SET LOCAL work_mem = '64MB'"))
    cell = (Unit.district, Unit.venue_type, Equipment.kind)
    live = (Task.deleted.is_(False), Task.status != "cancelled", which)
    # pieces in use per unit and kind come from equipment_in_use (~100,000 rows on a city,
    # kept by triggers; store/migrations 0012) instead of grouping 150,000 equipment rows;
    # per task and cell then: a task has one unit, so a (task, unit kind) pair is one task
    # of the cell and count(*) counts the cell's tasks without a DISTINCT
    in_use = EquipmentInUse
    planned = (
        select(Unit.district, Unit.venue_type, in_use.kind, func.sum(in_use.pieces), func.count())
        .select_from(Task)
        .join(in_use, in_use.unit_id == Task.unit_id)
        .join(Unit, Unit.id == Task.unit_id)
        .where(*live, _kinds_match(in_use.kind))
        .group_by(Unit.district, Unit.venue_type, in_use.kind)
    )
    found = Finding.id
    # one row per inspected piece and finding (every join but the findings' is many-to-one
    # from inspection_equipment), so findings are counted without a DISTINCT: each
    # DISTINCT is a sort of the rows
    inspected = (
        select(
            *cell,
            func.count(func.distinct(InspectionEquipment.equipment_id)),
            func.count(func.distinct(Task.id)),
            func.count(func.distinct(case((found.is_not(None), InspectionEquipment.equipment_id)))),
            func.count(found),
            func.count(case((Finding.status == FindingStatus.CLOSED.value, found))),
        )
        .select_from(Task)
        .join(Inspection, Inspection.task_id == Task.id)
        .join(InspectionEquipment, InspectionEquipment.inspection_id == Inspection.id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .join(Unit, Unit.id == Task.unit_id)
        .outerjoin(Finding, (Finding.inspection_equipment_id == InspectionEquipment.id)
                   & Finding.deleted.is_(False))
        .where(*live, Inspection.deleted.is_(False),
               Inspection.status == InspectionStatus.CONCLUDED.value,
               InspectionEquipment.deleted.is_(False), _kinds_match())
        .group_by(*cell)
    )  # fmt: skip
    cells: dict[tuple[str, str, str], CoverageRow] = {}

    def row(key: tuple[str, str, str]) -> CoverageRow:
        return cells.setdefault(key, CoverageRow(*key))

    for district, venue, kind, n, tasks in session.execute(planned):
        key = (district, venue, kind)
        cells[key] = replace(row(key), planned=int(n), tasks=tasks)
    for district, venue, kind, n, done, hazardous, hazards, closed in session.execute(inspected):
        key = (district, venue, kind)
        cells[key] = replace(row(key), inspected=n, tasks_done=done, with_hazards=hazardous,
                             hazards=hazards, closed=closed)  # fmt: skip
    if campaign is not None:
        for district, venue, kind, n in session.execute(_registered(campaign)):
            key = (district, venue, kind)
            target = target_for({k: int(v) for k, v in (campaign.targets or {}).items()},
                                kind, venue, district)  # fmt: skip
            cells[key] = replace(row(key), registered=int(n), target=target)
    result = Coverage(rows=[cells[k] for k in sorted(cells)])
    totals = {name: sum(getattr(r, name) for r in result.rows) for name in _COUNTS}
    # a unit spans several kind cells: its task is counted once in the totals
    done = (
        select(Inspection.task_id)
        .where(Inspection.task_id.is_not(None), Inspection.deleted.is_(False),
               Inspection.status == InspectionStatus.CONCLUDED.value)
        .distinct()
        .subquery()
    )  # fmt: skip
    all_tasks, done_tasks = session.execute(
        select(func.count(Task.id), func.count(done.c.task_id))
        .select_from(Task)
        .outerjoin(done, done.c.task_id == Task.id)
        .where(*live)
    ).one()
    totals["tasks"], totals["tasks_done"] = all_tasks or 0, done_tasks or 0
    result.total = CoverageRow("", "", "", **totals)
    return result


def _registered(campaign: Campaign):
    in_use = EquipmentInUse
    stmt = (
        select(Unit.district, Unit.venue_type, in_use.kind, func.sum(in_use.pieces))
        .join(Unit, Unit.id == in_use.unit_id)
        .where(Unit.deleted.is_(False))
        .group_by(Unit.district, Unit.venue_type, in_use.kind)
    )
    if campaign.unit_ids:
        stmt = stmt.where(Unit.id.in_(list(campaign.unit_ids)))
    if campaign.kinds:
        stmt = stmt.where(in_use.kind.in_(list(campaign.kinds)))
    if campaign.venue_types:
        stmt = stmt.where(Unit.venue_type.in_(list(campaign.venue_types)))
    if campaign.districts:
        stmt = stmt.where(Unit.district.in_(list(campaign.districts)))
    return stmt
