"""The 严重违法失信名单 (总局令第44号): candidates, listing by confirmation, removal, export.

Candidates come from the rule file (policy/credit.yaml ``blacklist_candidates``,
articles marked 待核实 until verified) and are proposals only: nothing is listed
until a supervisor confirms one with a reason and names the heavier
administrative penalty decision it rests on (谁处罚、谁列入). The table's check
constraint refuses any row without that confirmation, whatever writes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.policy import load_credit_rules
from inspector_app.rules.credit import CreditRules, blacklist_candidates
from inspector_app.rules.judgement import add_years
from inspector_app.store.models import AuditLog, BlacklistEntry, Officer, Unit

from . import clock
from .credit import unit_inputs
from .errors import NotFound, UserError
from .settings import get_setting


@dataclass(frozen=True)
class Candidate:
    uscc: str
    unit_id: str
    unit_name: str
    district: str
    rule_id: str
    article: str
    basis: str  # the facts, as the rule states them
    verified: bool
    listing_years: int


def _listed(session: Session) -> set[str]:
    return set(session.scalars(
        select(BlacklistEntry.uscc).where(BlacklistEntry.status == "listed",
                                          BlacklistEntry.deleted.is_(False))))  # fmt: skip


def candidates(
    session: Session, *, today: dt.date, rules: CreditRules | None = None,
    usccs: list[str] | None = None,
) -> list[Candidate]:  # fmt: skip
    """Units the rules make candidates today (those already listed left out). Reads only."""
    rules = rules or load_credit_rules()
    inputs = unit_inputs(session, as_of=today, rules=rules, usccs=usccs)
    listed = _listed(session)
    found = []
    for uscc, counts in inputs.items():
        if uscc in listed:
            continue
        met = blacklist_candidates(counts, rules)
        if not met:
            continue
        unit = session.scalars(
            select(Unit).where(Unit.uscc == uscc, Unit.deleted.is_(False)).order_by(Unit.id)
        ).first()
        for rule, basis in met:
            found.append(Candidate(uscc, unit.id, unit.name, unit.district, rule.id,
                                   rule.article, basis, rule.verified, rule.listing_years))  # fmt: skip
    return sorted(found, key=lambda c: (c.district, c.unit_name, c.rule_id))


def confirm_listing(
    session: Session, *, uscc: str, rule_id: str, officer_id: str, reason: str,
    penalty_decision_no: str, penalty_decided_on: dt.date, today: dt.date,
    rules: CreditRules | None = None,
) -> BlacklistEntry:  # fmt: skip
    """List a candidate: a supervisor, a reason, the penalty decision; audited."""
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted or officer.role != "supervisor":
        raise UserError("only a supervisor may confirm a listing",
                        message_zh="只有科室负责人可以确认列入严重违法失信名单")  # fmt: skip
    if not reason.strip():
        raise UserError("the confirmation needs a reason", message_zh="请填写列入理由",
                        field="reason")  # fmt: skip
    if not penalty_decision_no.strip():
        raise UserError("name the administrative penalty decision the listing rests on",
                        message_zh="请填写作为列入依据的行政处罚决定书文号",
                        field="penalty_decision_no")  # fmt: skip
    if penalty_decided_on > today:
        raise UserError("the penalty decision cannot be in the future",
                        message_zh="行政处罚决定日期不能晚于今天")  # fmt: skip
    found = [c for c in candidates(session, today=today, rules=rules, usccs=[uscc])
             if c.rule_id == rule_id]  # fmt: skip
    if not found:
        raise UserError(
            f"{uscc} is not a candidate under rule {rule_id} (any more)",
            message_zh="该单位（已）不符合该列入情形，不能列入",
        )
    c = found[0]
    entry = BlacklistEntry(
        unit_id=c.unit_id, uscc=uscc, unit_name=c.unit_name, rule_id=rule_id, basis=c.basis,
        penalty_decision_no=penalty_decision_no.strip(), penalty_decided_on=penalty_decided_on,
        confirmed_by=officer_id, confirmation_reason=reason.strip(), listed_on=today,
        removal_due=add_years(today, c.listing_years), status="listed", removal_reason="",
    )  # fmt: skip
    session.add(entry)
    session.flush()
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="blacklist_listed",
            entity="blacklist_entry",
            entity_id=entry.id,
            reason=reason.strip(),
            details={
                "uscc": uscc,
                "rule": rule_id,
                "basis": c.basis,
                "penalty_decision_no": entry.penalty_decision_no,
                "removal_due": entry.removal_due.isoformat(),
            },
        )  # fmt: skip
    )
    session.flush()
    return entry


def remove_listing(
    session: Session, *, entry_id: str, officer_id: str, reason: str, on: dt.date
) -> BlacklistEntry:
    """移出 (the period ran out, early removal after 信用修复, the penalty was annulled)."""
    officer = session.get(Officer, officer_id)
    if officer is None or officer.role != "supervisor":
        raise UserError("only a supervisor may remove a listing",
                        message_zh="只有科室负责人可以移出严重违法失信名单")  # fmt: skip
    entry = session.get(BlacklistEntry, entry_id)
    if entry is None or entry.deleted:
        raise NotFound(f"entry {entry_id} not found", message_zh="未找到该名单记录")
    if entry.status != "listed":
        raise UserError("already removed", message_zh="已移出")
    if not reason.strip():
        raise UserError("say why it is removed", message_zh="请填写移出理由", field="reason")
    entry.status, entry.removed_on = "removed", on
    entry.removed_by, entry.removal_reason = officer_id, reason.strip()
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="blacklist_removed",
            entity="blacklist_entry",
            entity_id=entry.id,
            reason=reason.strip(),
            details={"uscc": entry.uscc, "on": on.isoformat()},
        )  # fmt: skip
    )
    session.flush()
    return entry


def entries(session: Session, *, status: str | None = "listed", limit: int = 50,
            offset: int = 0) -> list[BlacklistEntry]:  # fmt: skip
    stmt = select(BlacklistEntry).where(BlacklistEntry.deleted.is_(False))
    if status:
        stmt = stmt.where(BlacklistEntry.status == status)
    stmt = stmt.order_by(BlacklistEntry.listed_on.desc(), BlacklistEntry.id)
    return list(session.scalars(stmt.limit(limit).offset(offset)))


def count_entries(session: Session, *, status: str | None = "listed") -> int:
    stmt = select(func.count()).select_from(BlacklistEntry).where(
        BlacklistEntry.deleted.is_(False))  # fmt: skip
    if status:
        stmt = stmt.where(BlacklistEntry.status == status)
    return session.scalar(stmt) or 0


def due_for_removal(session: Session, *, today: dt.date) -> list[BlacklistEntry]:
    """Listings whose period has run out (届满): to be removed by a supervisor."""
    return list(session.scalars(
        select(BlacklistEntry).where(BlacklistEntry.status == "listed",
                                     BlacklistEntry.deleted.is_(False),
                                     BlacklistEntry.removal_due <= today)
        .order_by(BlacklistEntry.removal_due)))  # fmt: skip


PUBLICATION_HEADERS = ("序号", "当事人名称", "统一社会信用代码", "列入事由", "作出列入决定的机关",
                       "行政处罚决定书文号", "列入日期", "届满移出日期")  # fmt: skip


def publication_rows(session: Session) -> list[list[str]]:
    """The list as published (国家企业信用信息公示系统 / the bureau's site): listed only."""
    authority = get_setting(session, "authority_name")
    rows = []
    for n, e in enumerate(
        session.scalars(select(BlacklistEntry).where(
            BlacklistEntry.status == "listed", BlacklistEntry.deleted.is_(False))
            .order_by(BlacklistEntry.listed_on, BlacklistEntry.uscc)), start=1):  # fmt: skip
        reason = e.basis.split("：", 1)[0].replace("（规则待核实）", "")
        rows.append([str(n), e.unit_name, e.uscc, reason, authority, e.penalty_decision_no,
                     e.listed_on.isoformat(), e.removal_due.isoformat()])  # fmt: skip
    return rows


def export_publication(session: Session, path: Path) -> int:
    """The public list as .csv (UTF-8 with BOM, opens in Excel) or .xlsx; returns rows."""
    rows = publication_rows(session)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(PUBLICATION_HEADERS)
        writer.writerows(rows)
        path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    elif suffix == ".xlsx":
        import xlsxwriter

        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("严重违法失信名单")
        head = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        sheet.write_row(0, 0, PUBLICATION_HEADERS, head)
        for r, row in enumerate(rows, start=1):
            sheet.write_row(r, 0, row)
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 1, 36)
        sheet.set_column(2, 2, 22)
        sheet.set_column(3, 3, 40)
        sheet.set_column(4, 7, 20)
        book.close()
    else:
        raise UserError("export to .csv or .xlsx", message_zh="请导出为 .csv 或 .xlsx 文件")
    return len(rows)


def office_today(session: Session) -> dt.date:
    return clock.today(clock.office_zone(session))
