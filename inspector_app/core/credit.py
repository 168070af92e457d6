"""Unit credit files and grades (seed §(七)(八)), kept current as the data changes.

A credit file belongs to a legal entity: every unit row with the same 统一社会信用代码
(two laptops may register one unit twice) shares one file and one grade. The grade
is the pure rule of rules/credit.py applied to counts read here (``unit_inputs``)
with the rule file in force (policy/credit.yaml); each stored grade keeps its inputs,
the rule version and the file's hash, so an auditor can re-run it by hand.

"Recomputed on change": ``refresh_grades`` reads the change log since the last
refresh and regrades the units whose inspections, findings, directives, cases,
seizures or list entries changed (any device's: sync applies incoming changes
through the same log), everything when the rule file or the day changed (a finding
becomes overdue with the calendar, not with a write).

For the annual plan (issue 10): ``grades_by_unit`` and ``sampling_weights`` read the
stored grades; ``grade_of_inputs`` is the pure function. docs/supervisor.md.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.orm import Session

from inspector_app.policy import load_credit_rules
from inspector_app.rules.credit import INPUTS, CreditRules, Grade, grade_unit
from inspector_app.rules.enums import (
    CONCLUSION_ZH,
    FINDING_STATUS_ZH,
    HAZARD_CLASS_ZH,
    INSPECTION_TYPE_ZH,
)
from inspector_app.rules.judgement import add_months
from inspector_app.store.fastread import driver_rows
from inspector_app.store.models import (
    BlacklistEntry,
    CaseEvent,
    ChangeLog,
    CreditGrade,
    CreditState,
    Directive,
    Equipment,
    Finding,
    Inspection,
    Seizure,
    SupervisionCase,
    Unit,
    utcnow,
)

from . import clock
from .errors import NotFound

CHUNK = 500
#: Above this many changed units a full recompute is cheaper than a targeted one.
FULL_ABOVE = 5000


def rules() -> CreditRules:
    return load_credit_rules()


def window_start(as_of: dt.date, rules: CreditRules) -> dt.date:
    return add_months(as_of, -rules.window_months)


def _utc(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield list(items[i : i + CHUNK])


def unit_inputs(
    session: Session,
    *,
    as_of: dt.date,
    rules: CreditRules,
    usccs: Sequence[str] | None = None,
) -> dict[str, dict[str, int]]:
    """Per credit code, the counts the rule reads, over the rule's window up to ``as_of``.

    ``usccs``: only these (None: every unit). Units with nothing recorded get zeros.
    """
    zone = clock.office_zone(session)
    start = _utc(window_start(as_of, rules), zone)
    end = _utc(as_of + dt.timedelta(days=1), zone)
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(INPUTS, 0))
    scopes = [None] if usccs is None else list(_chunks(sorted(set(usccs))))

    for scope in scopes:

        def scoped(stmt, column=Unit.uscc, scope=scope):
            return stmt if scope is None else stmt.where(column.in_(scope))

        units = scoped(select(Unit.uscc).where(Unit.deleted.is_(False)).distinct())
        for (uscc,) in session.execute(units):
            out[uscc]  # noqa: B018 - every unit has a file, with or without records
        in_window = (
            Inspection.deleted.is_(False),
            Inspection.status == "concluded",
            Inspection.concluded_at >= start,
            Inspection.concluded_at < end,
        )
        stmt = scoped(
            select(Unit.uscc, func.count(Inspection.id),
                   func.sum(_flag(Inspection.conclusion == "pass")),
                   func.sum(_flag(Inspection.representative_refused.is_(True))))
            .join(Unit, Unit.id == Inspection.unit_id).where(*in_window).group_by(Unit.uscc)
        )  # fmt: skip
        for uscc, n, clean, refused in session.execute(stmt):
            row = out[uscc]
            row["inspections"], row["clean_inspections"] = int(n), int(clean or 0)
            row["refusals"] = int(refused or 0)
        stmt = scoped(
            select(Unit.uscc, Finding.hazard, Finding.status, Finding.deadline,
                   Finding.closed_at, Directive.report_received_on)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .join(Unit, Unit.id == Inspection.unit_id)
            .outerjoin(Directive, Directive.id == Finding.directive_id)
            .where(Finding.deleted.is_(False), *in_window)
        )  # fmt: skip
        for uscc, hazard, status, deadline, closed_at, reported in session.execute(stmt):
            row = out[uscc]
            row["serious_findings" if hazard == "serious" else "general_findings"] += 1
            if status == "escalated":
                row["not_corrected"] += 1
                row["serious_not_corrected"] += hazard == "serious"
            if rectified_late(deadline, status, closed_at, reported, as_of, zone):
                row["overdue_rectifications"] += 1
        stmt = scoped(
            select(Unit.uscc, SupervisionCase.status, SupervisionCase.listed_on,
                   SupervisionCase.police_referral)
            .join(Unit, Unit.id == SupervisionCase.unit_id)
            .where(SupervisionCase.deleted.is_(False), SupervisionCase.status != "withdrawn")
        )  # fmt: skip
        first = window_start(as_of, rules)
        for uscc, status, listed_on, police in session.execute(stmt):
            row = out[uscc]
            row["open_cases"] += status == "open"
            if first <= listed_on <= as_of:
                row["cases"] += 1
                row["police_referrals"] += bool(police)
        stmt = scoped(
            select(Unit.uscc, func.count(Seizure.id))
            .join(Equipment, Equipment.id == Seizure.equipment_id)
            .join(Unit, Unit.id == Equipment.unit_id)
            .where(Seizure.deleted.is_(False), Seizure.on >= first, Seizure.on <= as_of)
            .group_by(Unit.uscc)
        )  # fmt: skip
        for uscc, n in session.execute(stmt):
            out[uscc]["seizures"] = int(n)
        stmt = scoped(
            select(BlacklistEntry.uscc).where(BlacklistEntry.deleted.is_(False),
                                              BlacklistEntry.status == "listed").distinct(),
            BlacklistEntry.uscc,
        )  # fmt: skip
        for (uscc,) in session.execute(stmt):
            out[uscc]["blacklisted"] = 1
    return dict(out)


def rectified_late(deadline: dt.date, status: str, closed_at: dt.datetime | None,
                   reported_on: dt.date | None, as_of: dt.date, zone: dt.tzinfo) -> bool:  # fmt: skip
    """逾期整改: rectified after the deadline, or still not rectified past it.

    The unit rectified when it reported (整改报告) or, without a report, when the
    follow-up found it done; the bureau's re-inspection days are not the unit's delay.
    """
    if status == "closed" and closed_at is not None:
        done = clock.local_date(closed_at, zone)
        if reported_on is not None:
            done = min(done, reported_on)
        return done > deadline
    return deadline < as_of


def _flag(condition):
    return case((condition, 1), else_=0)


def grade_of_inputs(inputs: dict[str, int], rules: CreditRules) -> Grade:
    """The pure rule (rules/credit.py), for callers that hold the inputs themselves."""
    return grade_unit(inputs, rules)


# ----------------------------------------------------------------------------- refresh
@dataclass(frozen=True)
class RefreshReport:
    units: int  # unit rows regraded
    full: bool
    seconds: float
    rules_version: str


def _changed_usccs(session: Session, since: int) -> set[str] | None:
    """Credit codes whose inputs may have changed since change-log ``since``; None: too
    many to be worth a targeted recompute."""
    changed = select(ChangeLog.table_name, ChangeLog.row_id).where(ChangeLog.seq > since).subquery()

    def rows(table: str):
        return select(changed.c.row_id).where(changed.c.table_name == table)

    queries = [
        select(Unit.uscc).where(Unit.id.in_(rows("units"))),
        select(Unit.uscc).join(Inspection, Inspection.unit_id == Unit.id)
        .where(Inspection.id.in_(rows("inspections"))),
        select(Unit.uscc).join(Inspection, Inspection.unit_id == Unit.id)
        .join(Finding, Finding.inspection_id == Inspection.id)
        .where(Finding.id.in_(rows("findings"))),
        select(Unit.uscc).join(Inspection, Inspection.unit_id == Unit.id)
        .join(Directive, Directive.inspection_id == Inspection.id)
        .where(Directive.id.in_(rows("directives"))),
        select(Unit.uscc).join(SupervisionCase, SupervisionCase.unit_id == Unit.id)
        .where(SupervisionCase.id.in_(rows("supervision_cases"))),
        select(Unit.uscc).join(SupervisionCase, SupervisionCase.unit_id == Unit.id)
        .join(CaseEvent, CaseEvent.case_id == SupervisionCase.id)
        .where(CaseEvent.id.in_(rows("case_events"))),
        select(Unit.uscc).join(Equipment, Equipment.unit_id == Unit.id)
        .join(Seizure, Seizure.equipment_id == Equipment.id)
        .where(Seizure.id.in_(rows("seizures"))),
        select(BlacklistEntry.uscc).where(BlacklistEntry.id.in_(rows("blacklist_entries"))),
    ]  # fmt: skip
    found: set[str] = set()
    for query in queries:
        found.update(session.scalars(query.distinct()))
        if len(found) > FULL_ABOVE:
            return None
    return found


def refresh_grades(
    session: Session, *, today: dt.date | None = None, rules: CreditRules | None = None,
    full: bool = False,
) -> RefreshReport:  # fmt: skip
    """Bring the stored grades up to date (a writing session). Returns what was done."""
    started = time.perf_counter()
    rules = rules or load_credit_rules()
    today = today or clock.today(clock.office_zone(session))
    state = session.get(CreditState, 1)
    if state is None:
        state = CreditState(id=1, seq=0, rules_hash="", as_of=None)
        session.add(state)
        session.flush()
    head = session.scalar(select(func.max(ChangeLog.seq))) or 0
    targets: set[str] | None = None
    if not full and state.rules_hash == rules.content_hash and state.as_of == today:
        targets = _changed_usccs(session, state.seq)
        if targets is not None and not targets:
            state.seq = head
            return RefreshReport(0, False, time.perf_counter() - started, rules.version)
    inputs = unit_inputs(session, as_of=today, rules=rules,
                         usccs=None if targets is None else sorted(targets))  # fmt: skip
    units = session.execute(
        select(Unit.id, Unit.uscc).where(Unit.deleted.is_(False))
        if targets is None
        else select(Unit.id, Unit.uscc).where(Unit.deleted.is_(False), Unit.uscc.in_(targets))
    ).all()
    now = utcnow()
    graded: dict[str, Grade] = {}
    rows = []
    for unit_id, uscc in units:
        counts = inputs.get(uscc) or dict.fromkeys(INPUTS, 0)
        if uscc not in graded:
            graded[uscc] = grade_unit(counts, rules)
        g = graded[uscc]
        rows.append({
            "unit_id": unit_id, "uscc": uscc, "grade": g.grade, "score": g.score,
            "reasons": list(g.reasons), "inputs": counts, "rules_version": rules.version,
            "rules_hash": rules.content_hash, "computed_at": now,
        })  # fmt: skip
    table = CreditGrade.__table__
    if targets is None:
        session.execute(delete(table))
    else:
        for chunk in _chunks([r["unit_id"] for r in rows]):
            session.execute(delete(table).where(table.c.unit_id.in_(chunk)))
    for i in range(0, len(rows), 5000):
        session.execute(insert(table), rows[i : i + 5000])
    state.seq, state.rules_hash, state.as_of = head, rules.content_hash, today
    session.flush()
    return RefreshReport(len(rows), targets is None, time.perf_counter() - started,
                         rules.version)  # fmt: skip


# ----------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class StoredGrade:
    unit_id: str
    uscc: str
    grade: str
    score: int
    reasons: tuple[str, ...]
    inputs: dict[str, int]
    rules_version: str
    rules_hash: str
    computed_at: dt.datetime


def _stored(row: CreditGrade) -> StoredGrade:
    return StoredGrade(row.unit_id, row.uscc, row.grade, row.score, tuple(row.reasons or ()),
                       dict(row.inputs or {}), row.rules_version, row.rules_hash,
                       row.computed_at)  # fmt: skip


def grade_of(session: Session, unit_id: str) -> StoredGrade | None:
    row = session.get(CreditGrade, unit_id)
    return _stored(row) if row is not None else None


def grades_by_unit(session: Session, unit_ids: Sequence[str] | None = None) -> dict[str, str]:
    """unit id -> grade (A–D) as last refreshed; units not graded yet are absent."""
    stmt = select(CreditGrade.unit_id, CreditGrade.grade)
    if unit_ids is None:  # a plan draw's pool: every graded unit of the city
        return dict(driver_rows(session, stmt))
    out: dict[str, str] = {}
    for chunk in _chunks(list(unit_ids)):
        out.update(session.execute(stmt.where(CreditGrade.unit_id.in_(chunk))).all())
    return out


def sampling_weights(
    session: Session, rules: CreditRules | None = None, unit_ids: Sequence[str] | None = None
) -> dict[str, float]:
    """unit id -> relative draw weight of its grade (policy/credit.yaml ``sampling_weight``);
    an ungraded unit weighs as its ``no_record_grade``."""
    rules = rules or load_credit_rules()
    grades = grades_by_unit(session, unit_ids)
    default = rules.band(rules.no_record_grade).sampling_weight
    ids = unit_ids if unit_ids is not None else list(grades)
    return {u: rules.band(grades[u]).sampling_weight if u in grades else default for u in ids}


def grade_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(CreditGrade.grade, func.count()).group_by(CreditGrade.grade)).all()  # fmt: skip
    return {g: int(n) for g, n in rows}


@dataclass(frozen=True)
class UnitLine:
    unit_id: str
    name: str
    uscc: str
    district: str
    venue_type: str
    grade: str
    score: int | None
    first_reason: str


def unit_lines(
    session: Session, *, grade: str | None = None, district: str | None = None,
    text: str | None = None, limit: int = 50, offset: int = 0,
) -> list[UnitLine]:  # fmt: skip
    """Units with their grade, the worst first (the credit screen's list)."""
    stmt = _unit_query(grade, district, text, (
        Unit.id, Unit.name, Unit.uscc, Unit.district, Unit.venue_type, CreditGrade.grade,
        CreditGrade.score, CreditGrade.reasons))  # fmt: skip
    stmt = stmt.order_by(CreditGrade.grade.desc(), CreditGrade.score, Unit.name, Unit.id)
    out = []
    for uid, name, uscc, district_, venue, g, score, reasons in session.execute(
        stmt.limit(limit).offset(offset)
    ):
        first = next((r for r in reasons or () if not r.startswith("得分")), "") if g else ""
        out.append(UnitLine(uid, name, uscc, district_, str(venue), g or "", score, first))
    return out


def count_units(session: Session, *, grade: str | None = None, district: str | None = None,
                text: str | None = None) -> int:  # fmt: skip
    stmt = _unit_query(grade, district, text, (func.count(),))
    return session.scalar(stmt) or 0


def _unit_query(grade, district, text, columns):
    stmt = (
        select(*columns).select_from(Unit)
        .outerjoin(CreditGrade, CreditGrade.unit_id == Unit.id)
        .where(Unit.deleted.is_(False))
    )  # fmt: skip
    if grade:
        stmt = stmt.where(CreditGrade.grade == grade)
    if district:
        stmt = stmt.where(Unit.district == district)
    if text and text.strip():
        like = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like += "%"
        stmt = stmt.where((Unit.name.like(like, escape="\\")) | (Unit.uscc.like(like, escape="\\")))
    return stmt


# ----------------------------------------------------------------------------- the file
@dataclass(frozen=True)
class FileLine:
    day: dt.date | None
    kind: str  # 检查 / 隐患 / 指令书 / 督办 / 查封扣押 / 失信名单
    text: str
    state: str
    inspection_id: str | None = None


@dataclass(frozen=True)
class CreditFile:
    uscc: str
    names: tuple[str, ...]  # every unit row registered under the code
    unit_ids: tuple[str, ...]
    district: str
    address: str
    venue_type: str
    grade: StoredGrade | None
    lines: tuple[FileLine, ...]  # newest first


def credit_file(session: Session, *, uscc: str) -> CreditFile:
    """Everything recorded against one credit code, newest first, with its grade."""
    units = session.scalars(
        select(Unit).where(Unit.uscc == uscc, Unit.deleted.is_(False)).order_by(Unit.id)
    ).all()
    if not units:
        raise NotFound(
            f"no unit with credit code {uscc}", message_zh="未找到该统一社会信用代码的单位"
        )
    zone = clock.office_zone(session)
    ids = [u.id for u in units]
    lines: list[FileLine] = []
    for iid, done, kind, conclusion, refused, number in session.execute(
        select(Inspection.id, Inspection.concluded_at, Inspection.inspection_type,
               Inspection.conclusion, Inspection.representative_refused,
               Inspection.record_number)
        .where(Inspection.unit_id.in_(ids), Inspection.deleted.is_(False),
               Inspection.status == "concluded")
    ):  # fmt: skip
        text = f"{INSPECTION_TYPE_ZH.get(kind, kind)}监督检查 {number or ''}".strip()
        state = CONCLUSION_ZH.get(conclusion, conclusion or "")
        if refused:
            state += "；拒绝签字"
        lines.append(FileLine(clock.local_date(done, zone) if done else None, "检查", text,
                              state, iid))  # fmt: skip
    for iid, done, hazard, text, deadline, status in session.execute(
        select(Finding.inspection_id, Inspection.concluded_at, Finding.hazard,
               Finding.description, Finding.deadline, Finding.status)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .where(Inspection.unit_id.in_(ids), Finding.deleted.is_(False),
               Inspection.status == "concluded")
    ):  # fmt: skip
        lines.append(FileLine(
            clock.local_date(done, zone) if done else None, "隐患",
            f"〔{HAZARD_CLASS_ZH.get(hazard, hazard)}〕{text}（期限{deadline.isoformat()}）",
            FINDING_STATUS_ZH.get(status, status), iid))  # fmt: skip
    for iid, issued, number, deadline, status, received in session.execute(
        select(Directive.inspection_id, Directive.issued_at, Directive.number,
               Directive.deadline, Directive.status, Directive.report_received_on)
        .join(Inspection, Inspection.id == Directive.inspection_id)
        .where(Inspection.unit_id.in_(ids), Directive.deleted.is_(False))
    ):  # fmt: skip
        state = {"issued": "执行中", "closed": "已结案", "superseded": "已被更正"}.get(
            status, status
        )
        if received:
            state += f"；{received.isoformat()}收到整改报告"
        lines.append(FileLine(clock.local_date(issued, zone), "指令书",
                              f"{number}（整改期限{deadline.isoformat()}）", state, iid))  # fmt: skip
    for listed, number, title, status in session.execute(
        select(SupervisionCase.listed_on, SupervisionCase.number, SupervisionCase.title,
               SupervisionCase.status)
        .where(SupervisionCase.unit_id.in_(ids), SupervisionCase.deleted.is_(False))
    ):  # fmt: skip
        state = {"open": "督办中", "accepted": "已验收销号", "withdrawn": "已撤销"}.get(
            status, status
        )
        lines.append(FileLine(listed, "挂牌督办", f"{number or ''} {title}".strip(), state))
    for on, what, doc, lifted in session.execute(
        select(Seizure.on, Seizure.kind, Seizure.document_no, Seizure.lifted_on)
        .join(Equipment, Equipment.id == Seizure.equipment_id)
        .where(Equipment.unit_id.in_(ids), Seizure.deleted.is_(False))
    ):  # fmt: skip
        text = f"{'查封' if what == 'seal' else '扣押'} {doc}".strip()
        state = f"{lifted.isoformat()}解除" if lifted else "未解除"
        lines.append(FileLine(on, "查封扣押", text, state))
    for listed, basis, status, due in session.execute(
        select(BlacklistEntry.listed_on, BlacklistEntry.basis, BlacklistEntry.status,
               BlacklistEntry.removal_due)
        .where(BlacklistEntry.uscc == uscc, BlacklistEntry.deleted.is_(False))
    ):  # fmt: skip
        state = f"列入（届满{due.isoformat()}）" if status == "listed" else "已移出"
        lines.append(FileLine(listed, "失信名单", basis, state))
    lines.sort(key=lambda line: (line.day or dt.date.min, line.kind), reverse=True)
    graded = session.get(CreditGrade, ids[0])
    first = units[0]
    return CreditFile(
        uscc=uscc, names=tuple(dict.fromkeys(u.name for u in units)), unit_ids=tuple(ids),
        district=first.district, address=first.address, venue_type=str(first.venue_type),
        grade=_stored(graded) if graded is not None else None, lines=tuple(lines),
    )  # fmt: skip
