"""Tasks: which unit two officers inspect, by when, for which plan or campaign.

A task is done when an inspection started from it (``inspections.task_id``) is concluded;
nobody ticks it by hand, so the laptop and the office never disagree about it. A
supervisor reassigns a task (an officer on leave) or cancels it; both are audited and
reach the laptops of the old and the new officers (sync/scope.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from inspector_app.rules.enums import (
    EQUIPMENT_KIND_ZH,
    EquipmentKind,
    EquipmentStatus,
    InspectionStatus,
    InspectionType,
    OfficerRole,
)
from inspector_app.store.home_rows import MyTask, task_state
from inspector_app.store.models import (
    AuditLog,
    Campaign,
    Equipment,
    Inspection,
    Officer,
    Plan,
    Task,
    Unit,
)

from .errors import NotFound, UserError

SHOWS = ("open", "overdue", "done", "all")


def kinds_text(kinds: str) -> str:
    """电梯、锅炉 (or 全部设备) for a task's comma-separated kinds."""
    names = [EQUIPMENT_KIND_ZH.get(k, k) for k in kinds.split(",") if k]
    return "、".join(names) if names else "全部设备"


def source_of(plan: Plan | None, campaign: Campaign | None) -> str:
    """What the record prints as 任务来源 for an inspection started from the task."""
    if campaign is not None:
        return f"{campaign.name}（{campaign.doc_no}）" if campaign.doc_no else campaign.name
    if plan is not None:
        doc = f"，{plan.doc_no}" if plan.doc_no else ""
        return f"{plan.name}（“双随机、一公开”抽查{doc}）"
    return ""


def type_of(task: Task) -> InspectionType:
    """A campaign task is a 专项 inspection, a plan task a 常规 one (57号令 Art 5)."""
    return InspectionType.SPECIAL if task.campaign_id else InspectionType.ROUTINE


def get_task(session: Session, task_id: str) -> Task:
    task = session.get(Task, task_id)
    if task is None or task.deleted:
        raise NotFound(f"task {task_id} not found", message_zh="未找到该任务")
    return task


@dataclass(frozen=True)
class TaskStart:
    """What starting an inspection from a task fills in."""

    task_id: str
    unit_id: str
    inspection_type: InspectionType
    task_source: str
    equipment_ids: list[str]
    second_officer_id: str | None


def task_equipment(session: Session, task: Task) -> list[str]:
    """The unit's equipment the task covers (its kinds; not scrapped)."""
    stmt = select(Equipment.id).where(
        Equipment.unit_id == task.unit_id,
        Equipment.deleted.is_(False),
        Equipment.status != EquipmentStatus.SCRAPPED.value,
    )
    kinds = [k for k in task.kinds.split(",") if k]
    if kinds:
        stmt = stmt.where(Equipment.kind.in_(kinds))
    return list(session.scalars(stmt.order_by(Equipment.kind, Equipment.name, Equipment.id)))


def task_start(session: Session, *, task_id: str, officer_id: str | None = None) -> TaskStart:
    task = get_task(session, task_id)
    if task.status == "cancelled":
        raise UserError("the task was cancelled", message_zh="该任务已撤销")
    plan = session.get(Plan, task.plan_id) if task.plan_id else None
    campaign = session.get(Campaign, task.campaign_id) if task.campaign_id else None
    second = task.second_officer_id if officer_id == task.lead_officer_id else task.lead_officer_id
    if officer_id not in (task.lead_officer_id, task.second_officer_id):
        second = None
    return TaskStart(
        task_id=task.id,
        unit_id=task.unit_id,
        inspection_type=type_of(task),
        task_source=source_of(plan, campaign),
        equipment_ids=task_equipment(session, task),
        second_officer_id=second,
    )


def _latest(status: InspectionStatus, newest_first):
    """The task's most recent inspection in ``status`` (a scalar subquery on ``Task``)."""
    return (
        select(Inspection.id)
        .where(
            Inspection.task_id == Task.id,
            Inspection.deleted.is_(False),
            Inspection.status == status.value,
        )
        .order_by(newest_first.desc(), Inspection.id)
        .limit(1)
        .scalar_subquery()
    )


def _done():
    return _latest(InspectionStatus.CONCLUDED, Inspection.concluded_at)


def _in_progress():
    return _latest(InspectionStatus.IN_PROGRESS, Inspection.started_at)


def _is_done():
    return exists().where(
        Inspection.task_id == Task.id,
        Inspection.deleted.is_(False),
        Inspection.status == InspectionStatus.CONCLUDED.value,
    )


def _show_filter(show: str, today: dt.date):
    if show not in SHOWS:
        raise UserError(f"unknown task filter {show!r}; known: {', '.join(SHOWS)}")
    if show == "done":
        return _is_done()
    if show == "all":
        return or_(Task.status == "open", _is_done())
    pending = and_(Task.status == "open", ~_is_done())
    return and_(pending, Task.due_on < today) if show == "overdue" else pending


def _mine(officer_id: str):
    return or_(Task.lead_officer_id == officer_id, Task.second_officer_id == officer_id)


def my_tasks(
    session: Session,
    *,
    officer_id: str,
    today: dt.date,
    show: str = "open",
    limit: int = 50,
    offset: int = 0,
) -> list[MyTask]:
    """The officer's tasks, the most urgent first (``show``: open, overdue, done, all)."""
    lead, second = aliased(Officer), aliased(Officer)
    partner = case((Task.lead_officer_id == officer_id, second.name), else_=lead.name).label(
        "partner"
    )
    done, progress = _done(), _in_progress()
    stmt = (
        select(
            Task.id,
            Task.unit_id,
            Unit.name,
            Unit.district,
            Unit.address,
            Task.kinds,
            func.coalesce(Campaign.name, Plan.name, ""),
            Task.due_on,
            partner,
            Task.status,
            progress,
            done,
        )
        .join(Unit, Unit.id == Task.unit_id)
        .join(lead, lead.id == Task.lead_officer_id)
        .join(second, second.id == Task.second_officer_id)
        .outerjoin(Plan, Plan.id == Task.plan_id)
        .outerjoin(Campaign, Campaign.id == Task.campaign_id)
        .where(Task.deleted.is_(False), _mine(officer_id), _show_filter(show, today))
    )
    order = (Task.due_on.desc(), Task.id) if show == "done" else (Task.due_on, Task.id)
    rows = session.execute(stmt.order_by(*order).limit(limit).offset(offset))
    out = []
    for tid, uid, name, district, address, kinds, source, due, mate, status, prog, fin in rows:
        state, inspection = task_state(status, due, today, prog, fin)
        out.append(
            MyTask(tid, uid, name, district, address, kinds, source, due, mate, state, inspection)
        )
    return out


def count_my_tasks(session: Session, *, officer_id: str, today: dt.date) -> tuple[int, int, int]:
    """(open, overdue, done) counts of the officer's tasks."""
    base = select(func.count(Task.id)).where(Task.deleted.is_(False), _mine(officer_id))
    return tuple(  # type: ignore[return-value]
        session.scalar(base.where(_show_filter(show, today))) or 0
        for show in ("open", "overdue", "done")
    )


# -- the supervisor's side -------------------------------------------------------------------


@dataclass(frozen=True)
class TaskView:
    id: str
    unit_id: str
    unit_name: str
    district: str
    venue_type: str
    kinds: str
    lead: str
    second: str
    due_on: dt.date
    state: str
    inspection_id: str
    stratum: str
    draw_order: int | None


def task_list(
    session: Session,
    *,
    today: dt.date,
    plan_id: str | None = None,
    campaign_id: str | None = None,
    district: str | None = None,
    venue_type: str | None = None,
    kind: str | None = None,
    show: str = "all",
    officer_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[TaskView]:
    """The tasks of a plan or campaign, optionally of one coverage cell (drill-down)."""
    lead, second = aliased(Officer), aliased(Officer)
    stmt = (
        select(
            Task.id,
            Task.unit_id,
            Unit.name,
            Unit.district,
            Unit.venue_type,
            Task.kinds,
            lead.name,
            second.name,
            Task.due_on,
            Task.status,
            _in_progress(),
            _done(),
            Task.stratum,
            Task.draw_order,
        )
        .join(Unit, Unit.id == Task.unit_id)
        .join(lead, lead.id == Task.lead_officer_id)
        .join(second, second.id == Task.second_officer_id)
        .where(Task.deleted.is_(False))
    )
    stmt = _cell_filter(stmt, plan_id, campaign_id, district, venue_type, kind)
    if show != "all":
        stmt = stmt.where(_show_filter(show, today))
    if officer_id:
        stmt = stmt.where(_mine(officer_id))
    stmt = stmt.order_by(Task.draw_order, Unit.district, Unit.name, Task.id)
    out = []
    for row in session.execute(stmt.limit(limit).offset(offset)):
        state, inspection = task_state(row[9], row[8], today, row[10], row[11])
        out.append(TaskView(*row[:8], row[8], state, inspection, row[12], row[13]))
    return out


def count_tasks(session: Session, **filters) -> int:
    today = filters.pop("today", dt.date.today())
    show = filters.pop("show", "all")
    stmt = (
        select(func.count(Task.id))
        .join(Unit, Unit.id == Task.unit_id)
        .where(Task.deleted.is_(False))
    )
    stmt = _cell_filter(
        stmt,
        filters.get("plan_id"),
        filters.get("campaign_id"),
        filters.get("district"),
        filters.get("venue_type"),
        filters.get("kind"),
    )
    if show != "all":
        stmt = stmt.where(_show_filter(show, today))
    return session.scalar(stmt) or 0


def _cell_filter(stmt, plan_id, campaign_id, district, venue_type, kind):
    if plan_id:
        stmt = stmt.where(Task.plan_id == plan_id)
    if campaign_id:
        stmt = stmt.where(Task.campaign_id == campaign_id)
    if district:
        stmt = stmt.where(Unit.district == district)
    if venue_type:
        stmt = stmt.where(Unit.venue_type == venue_type)
    if kind:
        stmt = stmt.where(
            or_(Task.kinds == "", Task.kinds.contains(kind, autoescape=True)),
            exists().where(
                Equipment.unit_id == Task.unit_id,
                Equipment.kind == kind,
                Equipment.deleted.is_(False),
            ),
        )
    return stmt


def _inspector(session: Session, officer_id: str, what: str) -> Officer:
    officer = session.get(Officer, officer_id) if officer_id else None
    if officer is None or officer.deleted or not officer.active:
        raise UserError(
            f"{what}: no active officer {officer_id}", message_zh="请选择在岗的执法人员"
        )
    if officer.role != OfficerRole.INSPECTOR.value:
        raise UserError(f"{what}: {officer.name} is not an inspector", message_zh="请选择监察员")
    return officer


def reassign_task(
    session: Session,
    *,
    task_id: str,
    lead_officer_id: str,
    second_officer_id: str,
    officer_id: str,
    reason: str,
) -> Task:
    """Give a task to another pair (≥ 2 officers, 57号令 Art 19); audited with the reason."""
    task = get_task(session, task_id)
    if task.status == "cancelled":
        raise UserError("the task was cancelled", message_zh="该任务已撤销")
    if not reason.strip():
        raise UserError("say why the task is reassigned", message_zh="请填写调整原因")
    if lead_officer_id == second_officer_id:
        raise UserError(
            "two different officers are needed (Art 19)",
            message_zh="每项任务须由两名不同的执法人员承担",
        )
    _inspector(session, lead_officer_id, "lead officer")
    _inspector(session, second_officer_id, "second officer")
    before = [task.lead_officer_id, task.second_officer_id]
    task.lead_officer_id, task.second_officer_id = lead_officer_id, second_officer_id
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="task_reassigned",
            entity="task",
            entity_id=task.id,
            reason=reason.strip(),
            details={"before": before, "after": [lead_officer_id, second_officer_id]},
        )
    )
    session.flush()
    return task


def cancel_task(session: Session, *, task_id: str, officer_id: str, reason: str) -> Task:
    task = get_task(session, task_id)
    if not reason.strip():
        raise UserError("say why the task is cancelled", message_zh="请填写撤销原因")
    task.status = "cancelled"
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="task_cancelled",
            entity="task",
            entity_id=task.id,
            reason=reason.strip(),
        )
    )
    session.flush()
    return task


def add_task(
    session: Session,
    *,
    unit_id: str,
    lead_officer_id: str,
    second_officer_id: str,
    due_on: dt.date,
    officer_id: str,
    campaign_id: str | None = None,
    plan_id: str | None = None,
    kinds: list[str] | tuple[str, ...] = (),
    note: str = "",
) -> Task:
    """One task by hand (a campaign's explicit unit, a unit added late)."""
    if bool(campaign_id) == bool(plan_id):
        raise UserError(
            "a task belongs to one campaign or one plan",
            message_zh="任务须属于一项专项检查或一个年度计划",
        )
    unit = session.get(Unit, unit_id)
    if unit is None or unit.deleted:
        raise NotFound(f"unit {unit_id} not found", message_zh="未找到该使用单位")
    if campaign_id and (session.get(Campaign, campaign_id) is None):
        raise NotFound(f"campaign {campaign_id} not found", message_zh="未找到该专项检查")
    if plan_id and (session.get(Plan, plan_id) is None):
        raise NotFound(f"plan {plan_id} not found", message_zh="未找到该抽查计划")
    if lead_officer_id == second_officer_id:
        raise UserError(
            "two different officers are needed (Art 19)",
            message_zh="每项任务须由两名不同的执法人员承担",
        )
    _inspector(session, lead_officer_id, "lead officer")
    _inspector(session, second_officer_id, "second officer")
    known = {k.value for k in EquipmentKind}
    if any(k not in known for k in kinds):
        raise UserError(f"unknown kind in {list(kinds)}", message_zh="未知的设备种类")
    task = Task(
        unit_id=unit_id,
        campaign_id=campaign_id,
        plan_id=plan_id,
        kinds=",".join(sorted(set(kinds))),
        lead_officer_id=lead_officer_id,
        second_officer_id=second_officer_id,
        due_on=due_on,
        status="open",
        note=note.strip(),
    )
    session.add(task)
    session.flush()
    session.add(
        AuditLog(officer_id=officer_id, action="task_added", entity="task", entity_id=task.id)
    )
    session.flush()
    return task


def open_tasks_for_unit(session: Session, *, unit_id: str, today: dt.date) -> list[TaskView]:
    """The unit's tasks not done yet (the start dialog offers them)."""
    lead, second = aliased(Officer), aliased(Officer)
    stmt = (
        select(
            Task.id, Task.unit_id, Unit.name, Unit.district, Unit.venue_type, Task.kinds,
            lead.name, second.name, Task.due_on, Task.status, _in_progress(), _done(),
            Task.stratum, Task.draw_order,
        )
        .join(Unit, Unit.id == Task.unit_id)
        .join(lead, lead.id == Task.lead_officer_id)
        .join(second, second.id == Task.second_officer_id)
        .where(Task.deleted.is_(False), Task.unit_id == unit_id, _show_filter("open", today))
        .order_by(Task.due_on, Task.id)
    )  # fmt: skip
    out = []
    for row in session.execute(stmt):
        state, inspection = task_state(row[9], row[8], today, row[10], row[11])
        out.append(TaskView(*row[:8], row[8], state, inspection, row[12], row[13]))
    return out


def task_label(session: Session, task_id: str) -> str:
    """How the start dialog names a task: its source and due date."""
    task = get_task(session, task_id)
    plan = session.get(Plan, task.plan_id) if task.plan_id else None
    campaign = session.get(Campaign, task.campaign_id) if task.campaign_id else None
    return f"{source_of(plan, campaign)} · {task.due_on.isoformat()}"
