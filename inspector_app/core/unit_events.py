"""Accidents and confirmed complaints recorded on a unit: what makes it 重点 (57号令 Art 9).

Each record has its date and its source (the accident investigation report, the 12345
hotline ticket …), so the draw record can say why a unit was drawn at the higher ratio.
Supervisors keep them; they sync with the unit.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import OfficerRole
from inspector_app.store.models import AuditLog, Officer, Recusal, Unit, UnitEvent

from .errors import NotFound, UserError

KINDS = {"accident": "事故", "complaint": "投诉举报"}


def _unit(session: Session, unit_id: str) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None or unit.deleted:
        raise NotFound(f"unit {unit_id} not found", message_zh="未找到该使用单位")
    return unit


def _supervisor(session: Session, officer_id: str) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted or officer.role != OfficerRole.SUPERVISOR.value:
        raise UserError(
            "only a supervisor keeps these records", message_zh="仅科室负责人可维护此项记录"
        )
    return officer


def add_event(
    session: Session,
    *,
    unit_id: str,
    kind: str,
    occurred_on: dt.date,
    source: str,
    officer_id: str,
    confirmed: bool = True,
    description: str = "",
    today: dt.date | None = None,
) -> UnitEvent:
    _unit(session, unit_id)
    _supervisor(session, officer_id)
    if kind not in KINDS:
        raise UserError(
            f"kind must be accident or complaint, not {kind!r}",
            message_zh="记录类别应为事故或投诉举报",
            field="kind",
        )
    source = source.strip()
    if not source or len(source) > 200:
        raise UserError(
            "say where the record comes from (report, ticket number), at most 200 characters",
            message_zh="请填写来源（事故报告、工单号等），不超过200字",
            field="source",
        )
    if occurred_on > (today or dt.date.today()):
        raise UserError("the date is in the future", message_zh="日期不能晚于今天", field="date")
    event = UnitEvent(
        unit_id=unit_id,
        kind=kind,
        occurred_on=occurred_on,
        source=source,
        confirmed=confirmed,
        description=description.strip(),
        recorded_by=officer_id,
    )
    session.add(event)
    session.flush()
    return event


def events_of(session: Session, unit_id: str) -> list[UnitEvent]:
    return list(
        session.scalars(
            select(UnitEvent)
            .where(UnitEvent.unit_id == unit_id, UnitEvent.deleted.is_(False))
            .order_by(UnitEvent.occurred_on.desc(), UnitEvent.id)
        )
    )


def remove_event(session: Session, *, event_id: str, officer_id: str, reason: str) -> None:
    """A record entered by mistake: tombstoned, with the reason in the audit log."""
    _supervisor(session, officer_id)
    event = session.get(UnitEvent, event_id)
    if event is None or event.deleted:
        raise NotFound(f"record {event_id} not found", message_zh="未找到该记录")
    if not reason.strip():
        raise UserError("say why the record is removed", message_zh="请填写删除原因")
    event.deleted = True
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="unit_event_removed",
            entity="unit_event",
            entity_id=event_id,
            reason=reason.strip(),
            details={"kind": event.kind, "occurred_on": event.occurred_on.isoformat()},
        )
    )
    session.flush()


def add_recusal(
    session: Session, *, officer_id: str, unit_id: str, reason: str, by: str
) -> Recusal:
    """An officer who must not be drawn for a unit (回避)."""
    _unit(session, unit_id)
    _supervisor(session, by)
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted:
        raise NotFound(f"officer {officer_id} not found", message_zh="未找到该执法人员")
    existing = session.scalar(
        select(Recusal).where(
            Recusal.officer_id == officer_id,
            Recusal.unit_id == unit_id,
            Recusal.deleted.is_(False),
        )
    )
    if existing is not None:
        return existing
    row = Recusal(officer_id=officer_id, unit_id=unit_id, reason=reason.strip())
    session.add(row)
    session.flush()
    return row


def recusals(session: Session) -> list[Recusal]:
    return list(session.scalars(select(Recusal).where(Recusal.deleted.is_(False))))


def set_officer_districts(
    session: Session, *, officer_id: str, districts: list[str], by: str
) -> Officer:
    """The districts an officer may be drawn for (empty: every district)."""
    _supervisor(session, by)
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted:
        raise NotFound(f"officer {officer_id} not found", message_zh="未找到该执法人员")
    clean = sorted({d.strip() for d in districts if d.strip()})
    if any(len(d) > 50 for d in clean):
        raise UserError("a district name is too long", message_zh="区县名称过长")
    officer.districts = clean
    session.flush()
    return officer
