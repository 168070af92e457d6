"""挂牌督办 cases: proposals, opening, the 五到位, extensions, acceptance, referral.

Each step is one use case that writes the case, a ``CaseEvent`` (synced: the
office and the laptops see the same history) and an ``AuditLog`` row through
the ORM, in one transaction. Periods and step labels are office data
(policy/cases.yaml, rules/cases.py); only a supervisor opens, decides or closes.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.policy import load_case_rules
from inspector_app.rules import cases as rules
from inspector_app.rules.cases import CaseRules, FindingFact, Proposal
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, HAZARD_CLASS_ZH, OfficerRole
from inspector_app.store.blobs import BlobStore
from inspector_app.store.models import (
    Attachment,
    AuditLog,
    CaseEvent,
    Directive,
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    Officer,
    SupervisionCase,
    Unit,
)

from . import clock, numbering
from .attachments import MAX_BYTES, attach, attachments_of
from .errors import NotFound, UserError
from .workdays import load_calendar

CASE_KIND = "市监特督"
STATUS_ZH = {"open": "督办中", "accepted": "已验收销号", "withdrawn": "已撤销"}


def case_rules() -> CaseRules:
    return load_case_rules()


# ----------------------------------------------------------------------------- proposals
@dataclass(frozen=True)
class CaseProposal:
    proposal: Proposal
    unit_name: str
    district: str
    directive_number: str
    lines: tuple[str, ...]  # the findings concerned, one line each

    @property
    def basis_zh(self) -> str:
        return rules.BASES[self.proposal.basis]

    def title(self) -> str:
        return f"{self.unit_name}{self.basis_zh}"


def _under_open_case(session: Session) -> frozenset[str]:
    ids: set[str] = set()
    for (found,) in session.execute(
        select(SupervisionCase.finding_ids).where(
            SupervisionCase.status == "open", SupervisionCase.deleted.is_(False)
        )
    ):
        ids.update(found or ())
    return frozenset(ids)


def proposals(
    session: Session, *, today: dt.date, case_rules: CaseRules | None = None,
    district: str | None = None,
) -> list[CaseProposal]:  # fmt: skip
    """What the rules propose for 挂牌督办 today, the longest overdue first."""
    cr = case_rules or load_case_rules()
    limit = today - dt.timedelta(days=cr.serious_overdue_days)
    wanted = (Finding.hazard == "serious") & (Finding.deadline < limit)
    if cr.propose_not_corrected:
        wanted = wanted | (Finding.status == "escalated")
    stmt = (
        select(Finding.id, Inspection.unit_id, Finding.directive_id, Finding.hazard,
               Finding.status, Finding.deadline)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Unit, Unit.id == Inspection.unit_id)
        .where(Finding.deleted.is_(False), Inspection.status == "concluded",
               Finding.status.in_(rules.OPEN_FINDING_STATES), wanted)
    )  # fmt: skip
    if district:
        stmt = stmt.where(Unit.district == district)
    facts = [FindingFact(*row) for row in session.execute(stmt)]
    found = rules.proposals(facts, today=today, rules=cr, under_case=_under_open_case(session))
    return [_describe(session, p) for p in found]


def _describe(session: Session, p: Proposal) -> CaseProposal:
    unit = session.get(Unit, p.unit_id)
    number = session.scalar(select(Directive.number).where(Directive.id == p.directive_id)) or ""
    lines = []
    for eq_kind, eq_name, code, hazard, text, deadline in session.execute(
        select(Equipment.kind, Equipment.name, Equipment.registration_code, Finding.hazard,
               Finding.description, Finding.deadline)
        .join(InspectionEquipment, InspectionEquipment.id == Finding.inspection_equipment_id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .where(Finding.id.in_(p.finding_ids)).order_by(Finding.deadline, Finding.item_id)
    ):  # fmt: skip
        label = eq_name or EQUIPMENT_KIND_ZH.get(eq_kind, eq_kind)
        lines.append(f"〔{HAZARD_CLASS_ZH.get(hazard, hazard)}〕{label}（{code}）：{text}"
                     f"（期限{deadline.isoformat()}）")  # fmt: skip
    return CaseProposal(p, unit.name, unit.district, number, tuple(lines))


# ----------------------------------------------------------------------------- steps
def _supervisor(session: Session, officer_id: str) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted or not officer.active:
        raise NotFound(f"officer {officer_id} not found", message_zh="未找到该执法人员")
    if officer.role != OfficerRole.SUPERVISOR:
        raise UserError(
            "only a supervisor may decide on 挂牌督办 cases",
            message_zh="只有科室负责人可以决定挂牌督办事项",
        )
    return officer


def _case(session: Session, case_id: str, *, open_only: bool = True) -> SupervisionCase:
    case = session.get(SupervisionCase, case_id)
    if case is None or case.deleted:
        raise NotFound(f"case {case_id} not found", message_zh="未找到该督办案件")
    if open_only and case.status != "open":
        raise UserError(
            f"case {case.number} is {case.status}; it can no longer change",
            message_zh=f"该案件{STATUS_ZH.get(case.status, case.status)}，不能再变更",
        )
    return case


def _step(
    session: Session, case: SupervisionCase, kind: str, *, on: dt.date, officer_id: str,
    note: str = "", details: dict[str, Any] | None = None,
) -> CaseEvent:  # fmt: skip
    """The event and its audit row: every step of a case goes through here."""
    event = CaseEvent(case_id=case.id, kind=kind, on=on, officer_id=officer_id,
                      note=note.strip(), details=details or {})  # fmt: skip
    session.add(event)
    session.flush()
    session.add(
        AuditLog(
            officer_id=officer_id,
            action=f"case_{kind}",
            entity="supervision_case",
            entity_id=case.id,
            reason=note.strip(),
            details={
                "number": case.number,
                "event": event.id,
                "on": on.isoformat(),
                **(details or {}),
            },
        )  # fmt: skip
    )
    session.flush()
    return event


def _need(text: str, field: str, zh: str) -> str:
    if not text or not text.strip():
        raise UserError(f"{field} is required", message_zh=f"请填写{zh}", field=field)
    return text.strip()


def open_case(
    session: Session, *, unit_id: str, finding_ids: list[str], basis: str,
    directive_id: str | None, deadline: dt.date, leader: str, officer_id: str,
    today: dt.date, title: str = "", note: str = "", case_rules: CaseRules | None = None,
) -> SupervisionCase:  # fmt: skip
    """Put a proposal under 督办: numbered, its 时限 and the bureau's responsible leader."""
    cr = case_rules or load_case_rules()
    _supervisor(session, officer_id)
    if basis not in rules.BASES:
        raise UserError(f"unknown basis {basis!r}")
    if not finding_ids:
        raise UserError("a case concerns at least one finding", message_zh="请选择督办的隐患")
    findings = session.scalars(select(Finding).where(Finding.id.in_(finding_ids))).all()
    if len(findings) != len(set(finding_ids)):
        raise NotFound("a finding of the case was not found", message_zh="未找到督办的隐患")
    for f in findings:
        if session.get(Inspection, f.inspection_id).unit_id != unit_id:
            raise UserError("the findings belong to another unit", message_zh="隐患不属于该单位")
    taken = _under_open_case(session) & set(finding_ids)
    if taken:
        raise UserError("a finding is already under an open case", message_zh="该隐患已在督办中")
    leader = _need(leader, "leader", "督办责任领导")
    if deadline <= today:
        raise UserError("the deadline must be after today", message_zh="整改时限应晚于今天",
                        field="deadline")  # fmt: skip
    if (deadline - today).days > cr.max_deadline_days:
        raise UserError(
            f"the deadline may be at most {cr.max_deadline_days} days away",
            message_zh=f"整改时限不得超过{cr.max_deadline_days}天",
            field="deadline",
        )
    unit = session.get(Unit, unit_id)
    case = SupervisionCase(
        unit_id=unit_id, directive_id=directive_id, finding_ids=sorted(finding_ids),
        basis=basis, title=title.strip() or f"{unit.name}{rules.BASES[basis]}",
        status="open", listed_on=today, deadline=deadline, original_deadline=deadline,
        leader=leader, police_referral=False,
    )  # fmt: skip
    case.number = numbering.next_number(
        session, kind=CASE_KIND, sequence="case", year=today.year,
        taken=lambda n: session.scalar(
            select(SupervisionCase.id).where(SupervisionCase.number == n)) is not None,
    )  # fmt: skip
    session.add(case)
    session.flush()
    _step(session, case, "listed", on=today, officer_id=officer_id, note=note,
          details={"deadline": deadline.isoformat(), "leader": leader, "basis": basis,
                   "findings": sorted(finding_ids)})  # fmt: skip
    return case


def set_five(
    session: Session, *, case_id: str, officer_id: str, today: dt.date, measures: str,
    funds: str, responsible: str, emergency_plan: str,
) -> SupervisionCase:  # fmt: skip
    """The 五到位 of the unit's rectification (措施、资金、时限、责任人、应急预案)."""
    case = _case(session, case_id)
    before = {"measures": case.measures, "funds": case.funds, "responsible": case.responsible,
              "emergency_plan": case.emergency_plan}  # fmt: skip
    case.measures, case.funds = measures.strip(), funds.strip()
    case.responsible, case.emergency_plan = responsible.strip(), emergency_plan.strip()
    after = {"measures": case.measures, "funds": case.funds, "responsible": case.responsible,
             "emergency_plan": case.emergency_plan}  # fmt: skip
    changed = [k for k in after if after[k] != before[k]]
    if not changed:
        raise UserError("nothing changed", message_zh="“五到位”内容没有变化")
    in_place = rules.five_in_place(case.measures, case.funds, case.deadline, case.responsible,
                                   case.emergency_plan)  # fmt: skip
    _step(session, case, "five_set", on=today, officer_id=officer_id,
          details={"changed": changed, "in_place": in_place})  # fmt: skip
    return case


#: Steps that record a fact and a date, with nothing else to check.
SIMPLE_STEPS = ("filed", "published", "reported", "notified", "acceptance_requested")


def record_step(
    session: Session, *, case_id: str, kind: str, on: dt.date, officer_id: str, note: str = ""
) -> CaseEvent:
    """备案, 公告, 上报, 书面报告政府, the unit's request for acceptance."""
    if kind not in SIMPLE_STEPS:
        raise UserError(f"step {kind!r} has its own use case")
    case = _case(session, case_id)
    if on < case.listed_on:
        raise UserError("a step cannot come before the listing", message_zh="日期不能早于挂牌日期")
    return _step(session, case, kind, on=on, officer_id=officer_id, note=note)


def request_extension(
    session: Session, *, case_id: str, requested_on: dt.date, new_deadline: dt.date,
    reason: str, officer_id: str, case_rules: CaseRules | None = None,
) -> CaseEvent:  # fmt: skip
    """The unit asks for more time; on time only so many working days before the 时限."""
    cr = case_rules or load_case_rules()
    case = _case(session, case_id)
    reason = _need(reason, "reason", "延期理由")
    if _pending_extension(session, case) is not None:
        raise UserError("an extension request is already waiting for a decision",
                        message_zh="已有延期申请待审批")  # fmt: skip
    last = rules.extension_request_by(case.deadline, cr, load_calendar())
    if requested_on > last:
        raise UserError(
            f"an extension must be asked by {last} ({cr.extension_request_working_days} "
            "working days before the deadline)",
            message_zh=f"延期申请应在整改时限前{cr.extension_request_working_days}个工作日"
            f"（{last.isoformat()}前）提出",
        )
    if new_deadline <= case.deadline:
        raise UserError("the new deadline must be later", message_zh="延期后的时限应晚于原时限")
    if (new_deadline - case.listed_on).days > cr.max_deadline_days:
        raise UserError(
            f"the deadline may be at most {cr.max_deadline_days} days after listing",
            message_zh=f"整改时限自挂牌起不得超过{cr.max_deadline_days}天",
        )
    return _step(session, case, "extension_requested", on=requested_on, officer_id=officer_id,
                 note=reason, details={"new_deadline": new_deadline.isoformat()})  # fmt: skip


def _pending_extension(session: Session, case: SupervisionCase) -> CaseEvent | None:
    events = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.deleted.is_(False),
                                CaseEvent.kind.in_(("extension_requested",
                                                    "extension_decided")))
        .order_by(CaseEvent.on, CaseEvent.created_at)
    ).all()  # fmt: skip
    if events and events[-1].kind == "extension_requested":
        return events[-1]
    return None


def decide_extension(
    session: Session, *, case_id: str, granted: bool, on: dt.date, officer_id: str,
    note: str = "",
) -> SupervisionCase:  # fmt: skip
    case = _case(session, case_id)
    _supervisor(session, officer_id)
    request = _pending_extension(session, case)
    if request is None:
        raise UserError(
            "there is no extension request to decide", message_zh="没有待审批的延期申请"
        )
    if not granted:
        _need(note, "note", "不予延期的理由")
    old = case.deadline
    if granted:
        case.deadline = dt.date.fromisoformat(request.details["new_deadline"])
    _step(session, case, "extension_decided", on=on, officer_id=officer_id, note=note,
          details={"granted": granted, "from": old.isoformat(),
                   "deadline": case.deadline.isoformat()})  # fmt: skip
    return case


def accept_case(
    session: Session, blobs: BlobStore, *, case_id: str, on: dt.date, officer_id: str,
    note: str, evidence: list[tuple[str, bytes]],
) -> SupervisionCase:  # fmt: skip
    """验收销号: the hazards are verified closed, with evidence (photos, the acceptance report)."""
    case = _case(session, case_id)
    _supervisor(session, officer_id)
    note = _need(note, "note", "验收意见")
    if not evidence:
        raise UserError("acceptance needs evidence (photos or the acceptance report)",
                        message_zh="验收销号须附验收材料（照片或验收报告）", field="evidence")  # fmt: skip
    still_open = session.scalars(
        select(Finding.description).where(Finding.id.in_(case.finding_ids),
                                          Finding.status != "closed")
    ).all()  # fmt: skip
    if still_open:
        raise UserError(
            f"{len(still_open)} hazard(s) of the case are not closed by a follow-up yet",
            message_zh=f"尚有{len(still_open)}项隐患未经复查销号，不能验收：{still_open[0]}",
        )
    event = _step(session, case, "accepted", on=on, officer_id=officer_id, note=note,
                  details={"files": [name for name, _data in evidence]})  # fmt: skip
    for name, data in evidence:
        attach(session, blobs, owner="case_event", owner_id=event.id, purpose="evidence",
               name=name, data=data)  # fmt: skip
    case.status, case.closed_on = "accepted", on
    session.flush()
    return case


def refer_to_police(
    session: Session, *, case_id: str, on: dt.date, officer_id: str, note: str,
    offence: str,
) -> SupervisionCase:  # fmt: skip
    """移送公安机关: a crime is suspected (行刑衔接, seed §(十五)); the record is printed."""
    case = _case(session, case_id, open_only=False)
    _supervisor(session, officer_id)
    note = _need(note, "note", "涉嫌犯罪的事实")
    offence = _need(offence, "offence", "涉嫌罪名")
    case.police_referral = True
    _step(session, case, "police_referral", on=on, officer_id=officer_id, note=note,
          details={"offence": offence})  # fmt: skip
    return case


def withdraw(session: Session, *, case_id: str, on: dt.date, officer_id: str,
             reason: str) -> SupervisionCase:  # fmt: skip
    case = _case(session, case_id)
    _supervisor(session, officer_id)
    reason = _need(reason, "reason", "撤销理由")
    _step(session, case, "withdrawn", on=on, officer_id=officer_id, note=reason)
    case.status, case.closed_on = "withdrawn", on
    session.flush()
    return case


# ----------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class CaseLine:
    id: str
    number: str
    unit_name: str
    district: str
    title: str
    basis: str
    status: str
    listed_on: dt.date
    deadline: dt.date
    leader: str
    five_in_place: bool
    overdue: bool


def _lines_query(status: str | None, text: str | None, columns):
    stmt = (
        select(*columns).select_from(SupervisionCase)
        .join(Unit, Unit.id == SupervisionCase.unit_id)
        .where(SupervisionCase.deleted.is_(False))
    )  # fmt: skip
    if status:
        stmt = stmt.where(SupervisionCase.status == status)
    if text and text.strip():
        like = "%" + text.strip().replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(Unit.name.like(like, escape="\\") |
                          SupervisionCase.number.like(like, escape="\\"))  # fmt: skip
    return stmt


def case_lines(session: Session, *, today: dt.date, status: str | None = "open",
               text: str | None = None, limit: int = 50, offset: int = 0) -> list[CaseLine]:  # fmt: skip
    stmt = _lines_query(status, text, (SupervisionCase, Unit.name, Unit.district))
    stmt = stmt.order_by(SupervisionCase.deadline, SupervisionCase.id).limit(limit).offset(offset)
    return [
        CaseLine(
            c.id,
            c.number or "",
            name,
            district,
            c.title,
            c.basis,
            c.status,
            c.listed_on,
            c.deadline,
            c.leader,
            rules.five_in_place(c.measures, c.funds, c.deadline, c.responsible, c.emergency_plan),
            c.status == "open" and c.deadline < today,
        )  # fmt: skip
        for c, name, district in session.execute(stmt)
    ]


def count_cases(session: Session, *, status: str | None = "open", text: str | None = None) -> int:
    return session.scalar(_lines_query(status, text, (func.count(),))) or 0


@dataclass(frozen=True)
class EventLine:
    id: str
    kind: str
    label: str
    on: dt.date
    officer: str
    note: str
    details: dict[str, Any]
    files: tuple[tuple[str, str, str], ...]  # (attachment id, name, blob sha256)


@dataclass(frozen=True)
class StepDue:
    kind: str
    label: str
    due: dt.date | None
    done_on: dt.date | None

    def late(self, today: dt.date) -> bool:
        if self.due is None:
            return False
        return (self.done_on or today) > self.due


@dataclass(frozen=True)
class CaseView:
    case: SupervisionCase
    unit: Unit
    directive_number: str
    findings: tuple[
        tuple[str, str, str, dt.date, str], ...
    ]  # hazard, equipment, text, deadline, status
    events: tuple[EventLine, ...]
    steps: tuple[StepDue, ...]
    extension_by: dt.date
    pending_extension: dict[str, Any] | None
    five_in_place: bool
    rules_verified: bool


def case_view(session: Session, case_id: str, *, case_rules: CaseRules | None = None) -> CaseView:
    cr = case_rules or load_case_rules()
    case = _case(session, case_id, open_only=False)
    unit = session.get(Unit, case.unit_id)
    number = session.scalar(select(Directive.number).where(Directive.id == case.directive_id))
    findings = tuple(
        (h, f"{n or EQUIPMENT_KIND_ZH.get(k, k)}（{code}）", text, deadline, st)
        for h, k, n, code, text, deadline, st in session.execute(
            select(Finding.hazard, Equipment.kind, Equipment.name, Equipment.registration_code,
                   Finding.description, Finding.deadline, Finding.status)
            .join(InspectionEquipment, InspectionEquipment.id == Finding.inspection_equipment_id)
            .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
            .where(Finding.id.in_(case.finding_ids)).order_by(Finding.deadline))
    )  # fmt: skip
    names = dict(session.execute(select(Officer.id, Officer.name)).all())
    events = []
    for e in session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.deleted.is_(False))
        .order_by(CaseEvent.on, CaseEvent.created_at)
    ):  # fmt: skip
        files = tuple((a.id, a.name, a.blob_sha256)
                      for a in attachments_of(session, "case_event", e.id))  # fmt: skip
        events.append(EventLine(e.id, e.kind, cr.label(e.kind), e.on, names.get(e.officer_id, ""),
                                e.note, dict(e.details or {}), files))  # fmt: skip
    done: dict[str, dt.date] = {}
    requested = None
    for e in events:
        done.setdefault(e.kind, e.on)
        if e.kind == "extension_requested":
            requested = e.on
            done.pop("extension_decided", None)
    calendar = load_calendar()
    steps = tuple(
        StepDue(
            s.kind,
            s.label,
            rules.step_due(
                s,
                listed_on=case.listed_on,
                deadline=case.deadline,
                requested_on=requested,
                calendar=calendar,
            ),
            done.get(s.kind),
        )  # fmt: skip
        for s in cr.steps
    )
    pending = _pending_extension(session, case)
    return CaseView(
        case=case, unit=unit, directive_number=number or "", findings=findings,
        events=tuple(events), steps=steps,
        extension_by=rules.extension_request_by(case.deadline, cr, calendar),
        pending_extension=(dict(pending.details, on=pending.on.isoformat(), note=pending.note)
                           if pending is not None else None),
        five_in_place=rules.five_in_place(case.measures, case.funds, case.deadline,
                                          case.responsible, case.emergency_plan),
        rules_verified=False,
    )  # fmt: skip


def attachment_count(session: Session, case_id: str) -> int:
    ids = select(CaseEvent.id).where(CaseEvent.case_id == case_id)
    return session.scalar(
        select(func.count()).select_from(Attachment).where(
            Attachment.owner == "case_event", Attachment.owner_id.in_(ids))) or 0  # fmt: skip


def case_by_number(session: Session, number: str) -> SupervisionCase:
    """The case a supervisor names by its 督办编号 (the command line, the documents)."""
    case = session.scalar(
        select(SupervisionCase).where(SupervisionCase.number == number.strip(),
                                      SupervisionCase.deleted.is_(False))
    )  # fmt: skip
    if case is None:
        raise NotFound(f"no case numbered {number.strip()}", message_zh="未找到该督办编号")
    return case


def read_evidence(paths: list[str]) -> list[tuple[str, bytes]]:
    """The files a supervisor chose, read (on the writer's thread, not the UI's)."""
    files = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                files.append((os.path.basename(path), handle.read(MAX_BYTES + 1)))
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror or exc}",
                            message_zh=f"无法读取文件{path}：{exc.strerror or exc}") from None  # fmt: skip
    return files


def today_of(session: Session) -> dt.date:
    return clock.today(clock.office_zone(session))
