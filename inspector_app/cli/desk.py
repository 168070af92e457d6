"""The supervisor's desk on the command line (docs/supervisor.md).

inspector board [--from D] [--to D] [filters]          # the oversight board's counts
inspector stats --from D --to D -o F.xlsx [filters]    # the statistics workbook
inspector summary --from D --to D -o F.pdf [filters]   # the leaders' one-page summary
inspector credit check [PATH ...]                      # validate policy files (file:line)
inspector credit grade [--full]                        # bring the grades up to date
inspector credit show USCC                             # a unit's credit file and grade
inspector cases list [--all] | proposals               # 挂牌督办
inspector cases pdf NUMBER --doc report|notice|police -o F.pdf
inspector cases show NUMBER                                  # the case, its steps and history
inspector cases five|step|extend|decide|accept|withdraw|police NUMBER --officer CERT ...
inspector blacklist candidates | list | export -o F.xlsx|F.csv
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from inspector_app.core.errors import UserError

from .context import open_workspace


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _filters(p: argparse.ArgumentParser, *, period_required: bool = False) -> None:
    p.add_argument("--from", dest="date_from", type=_date, required=period_required,
                   metavar="YYYY-MM-DD", help="first day of the period (office dates)")  # fmt: skip
    p.add_argument("--to", dest="date_to", type=_date, required=period_required,
                   metavar="YYYY-MM-DD", help="last day of the period")  # fmt: skip
    p.add_argument("--district", help="only this district, e.g. 芗城区")
    p.add_argument("--venue", help="venue type: school, kindergarten, hospital, station, mall, "
                   "scenic_site, amusement_park, residential")  # fmt: skip
    p.add_argument("--kind", help="equipment kind: elevator, escalator, boiler, ropeway, "
                   "amusement_ride")  # fmt: skip
    p.add_argument("--type", dest="inspection_type",
                   help="inspection type: routine, special, post_licence, other")  # fmt: skip
    p.add_argument("--source", help="a part of the 任务来源 (the campaign's name)")
    p.add_argument("--campaign", metavar="ID|NAME",
                   help="a campaign record (`inspector campaign list`): the inspections started "
                   "from its tasks")  # fmt: skip


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("board", help="the oversight board: what is open, overdue or refused")
    _filters(p)
    p.set_defaults(func=cmd_board)

    p = sub.add_parser("stats", help="write the statistics workbook (.xlsx) of a period")
    _filters(p, period_required=True)
    p.add_argument("-o", "--output", required=True, help=".xlsx file to write")
    p.add_argument("--no-items", action="store_true",
                   help="leave out the raw answers (检查结果明细)")  # fmt: skip
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("summary", help="write the leaders' one-page summary (PDF) of a period")
    _filters(p, period_required=True)
    p.add_argument("-o", "--output", required=True, help="PDF file to write")
    p.set_defaults(func=cmd_summary)

    credit = sub.add_parser("credit", help="unit credit files and grades").add_subparsers(
        dest="credit_command", required=True, metavar="SUBCOMMAND")  # fmt: skip
    p = credit.add_parser("check", help="validate policy files; exit 1 with file:line messages")
    p.add_argument("paths", nargs="*", help="files or folders (default: the policy in force)")
    p.set_defaults(func=cmd_credit_check)
    p = credit.add_parser("grade", help="bring every unit's grade up to date")
    p.add_argument("--full", action="store_true", help="regrade every unit")
    p.set_defaults(func=cmd_credit_grade)
    p = credit.add_parser("show", help="a unit's credit file, grade and reasons")
    p.add_argument("uscc", help="统一社会信用代码")
    p.add_argument("--limit", type=int, default=30, help="lines of the file to print")
    p.set_defaults(func=cmd_credit_show)

    cases = sub.add_parser("cases", help="挂牌督办 cases").add_subparsers(
        dest="cases_command", required=True, metavar="SUBCOMMAND")  # fmt: skip
    p = cases.add_parser("list", help="cases under 督办 (--all: every case)")
    p.add_argument("--all", action="store_true")
    p.set_defaults(func=cmd_cases_list)
    p = cases.add_parser("proposals", help="what the rules propose for 督办 today")
    p.set_defaults(func=cmd_cases_proposals)
    p = cases.add_parser("pdf", help="an escalation document of a case")
    p.add_argument("number", help="督办编号, e.g. 漳市监特督〔2026〕第000003号")
    p.add_argument("--doc", required=True, choices=["report", "notice", "police"],
                   help="report: to the next level (57号令 Art 30); notice: to the local "
                   "government (Art 31); police: 移送公安机关")  # fmt: skip
    p.add_argument("-o", "--output", required=True, help="PDF file to write")
    p.add_argument("--date", type=_date, help="date of the document (default: today)")
    p.set_defaults(func=cmd_cases_pdf)
    _case_steps(cases)

    bl = sub.add_parser("blacklist", help="the 严重违法失信名单").add_subparsers(
        dest="blacklist_command", required=True, metavar="SUBCOMMAND")  # fmt: skip
    p = bl.add_parser("candidates", help="units the rules make candidates (nothing is listed)")
    p.set_defaults(func=cmd_blacklist_candidates)
    p = bl.add_parser("list", help="units on the list")
    p.set_defaults(func=cmd_blacklist_list)
    p = bl.add_parser("export", help="the list for publication (.xlsx or .csv)")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_blacklist_export)


def _case_steps(cases: argparse._SubParsersAction) -> None:
    """The steps of a case; each names the supervisor (--officer) and asks the password."""

    def step(name: str, help_text: str, func) -> argparse.ArgumentParser:
        p = cases.add_parser(name, help=help_text)
        p.add_argument("number", help="督办编号")
        p.add_argument("--officer", required=True, metavar="CERT",
                       help="the supervisor's 执法证号 (the password is asked for, or read "
                       "from one line of standard input)")  # fmt: skip
        p.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="date (default: today)")
        p.set_defaults(func=func)
        return p

    p = cases.add_parser("show", help="a case: 五到位, steps due, history, evidence")
    p.add_argument("number", help="督办编号")
    p.set_defaults(func=cmd_cases_show)
    p = step("five", "record the 五到位 (措施、资金、责任人、应急预案; 时限 is the case's)",
             cmd_cases_five)  # fmt: skip
    p.add_argument("--measures", required=True, help="整改措施")
    p.add_argument("--funds", required=True, help="整改资金")
    p.add_argument("--responsible", required=True, help="整改责任人")
    p.add_argument("--plan", required=True, help="应急预案")
    p = step("step", "record a dated step: filed (备案), published (公告), reported (上报), "
             "notified (报告政府), acceptance_requested (单位申请验收)", cmd_cases_step)  # fmt: skip
    p.add_argument("kind", choices=["filed", "published", "reported", "notified",
                                    "acceptance_requested"])  # fmt: skip
    p.add_argument("--note", default="")
    p = step("extend", "the unit's extension request (asked on --on)", cmd_cases_extend)
    p.add_argument("--to", dest="new_deadline", type=_date, required=True,
                   metavar="YYYY-MM-DD", help="the deadline asked for")  # fmt: skip
    p.add_argument("--reason", required=True, help="延期理由")
    p = step("decide", "grant or refuse the pending extension request", cmd_cases_decide)
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--grant", action="store_true")
    choice.add_argument("--refuse", action="store_true")
    p.add_argument("--note", default="", help="意见 (required when refusing)")
    p = step("accept", "验收销号 with evidence files (PDF, images, Word/Excel)", cmd_cases_accept)
    p.add_argument("--note", required=True, help="验收意见")
    p.add_argument("--evidence", required=True, nargs="+", metavar="FILE")
    p = step("withdraw", "撤销督办", cmd_cases_withdraw)
    p.add_argument("--reason", required=True, help="撤销理由")
    p = step("police", "移送公安机关 (a crime is suspected)", cmd_cases_police)
    p.add_argument("--offence", required=True, help="涉嫌罪名, e.g. 危险作业罪")
    p.add_argument("--facts", required=True, help="涉嫌犯罪的事实")


# ------------------------------------------------------------------------ helpers
def _desk_filter(args: argparse.Namespace, session):
    from inspector_app.core import board, clock
    from inspector_app.rules.enums import EquipmentKind, InspectionType, VenueType

    for value, enum, name in ((args.venue, VenueType, "--venue"), (args.kind, EquipmentKind,
                              "--kind"), (args.inspection_type, InspectionType, "--type")):  # fmt: skip
        if value and value not in {e.value for e in enum}:
            allowed = ", ".join(e.value for e in enum)
            raise UserError(f"{name} {value!r} is not one of {allowed}")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UserError("--from is after --to", message_zh="开始日期晚于结束日期")
    return board.DeskFilter(
        date_from=args.date_from, date_to=args.date_to, district=args.district or None,
        venue_type=args.venue or None, kind=args.kind or None,
        inspection_type=args.inspection_type or None, task_source=args.source or None,
        campaign_id=_campaign_id(session, args.campaign) if args.campaign else None,
        zone=clock.office_zone(session),
    )  # fmt: skip


def _campaign_id(session, text: str) -> str:
    """A campaign by its id (or an unambiguous id prefix) or its exact name."""
    from sqlalchemy import select

    from inspector_app.core import campaigns
    from inspector_app.core.errors import NotFound
    from inspector_app.store.models import Campaign

    try:
        return campaigns.get_campaign(session, text).id
    except NotFound:
        named = session.scalars(
            select(Campaign.id).where(Campaign.name == text.strip(), Campaign.deleted.is_(False))
        ).all()
        if len(named) == 1:
            return named[0]
        if named:
            raise UserError(f"{len(named)} campaigns are named {text!r}: give the id",
                            message_zh=f"有{len(named)}个专项检查名为“{text}”，请给出编号") from None  # fmt: skip
        raise


def _policy(args: argparse.Namespace, name: str):
    from inspector_app import paths
    from inspector_app.policy import PolicyError, load_case_rules, load_credit_rules, policy_path

    path = policy_path(name, paths.data_dir(args.data_dir))
    try:
        return (load_credit_rules if name == "credit.yaml" else load_case_rules)(path)
    except PolicyError as exc:
        raise UserError(f"the policy file is not valid: {exc.problems[0]} "
                        "(inspector credit check)") from None  # fmt: skip


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None


# ------------------------------------------------------------------------ commands
def cmd_board(args: argparse.Namespace) -> int:
    from inspector_app.core import board, clock

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        f = _desk_filter(args, s)
        today = clock.today(f.zone)
        numbers = board.counts(s, f, today=today)
    from inspector_app.core.stats import period_label

    print(f"监管看板 {period_label(f.date_from, f.date_to)}（{today.isoformat()}）")
    if f.campaign_id:
        with ws.db.read() as s:
            print(f"  专项检查：{board.campaign_label(s, f.campaign_id)}")
    for key, zh in board.TILES.items():
        print(f"  {zh:<24} {numbers[key]}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from inspector_app.core import clock, stats_export

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        f = _desk_filter(args, s)
        today = clock.today(f.zone)
    task = stats_export.ExportTask()
    shown: dict[str, int] = {}

    def progress(t: stats_export.ExportTask) -> None:
        if not t.total:
            if t.phase not in shown:
                shown[t.phase] = 0
                print(f"  {t.message}", file=sys.stderr, flush=True)
            return
        if shown.get(t.phase) is None or t.done - shown[t.phase] >= max(t.total // 10, 1):
            shown[t.phase] = t.done
            print(f"  {t.message} {t.done}/{t.total}", file=sys.stderr, flush=True)

    task.on_progress = progress
    report = stats_export.write_workbook(ws.db, args.output, f=f, today=today, task=task,
                                         item_rows=not args.no_items)  # fmt: skip
    print(f"workbook -> {report.path}: {report.findings} findings, {report.item_results} "
          f"item results; sheets: {'、'.join(report.sheets)}")  # fmt: skip
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from inspector_app.core import clock, stats

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        f = _desk_filter(args, s)
        pdf = stats.summary_pdf(s, f, today=clock.today(f.zone))
    _write(args.output, pdf)
    print(f"summary -> {args.output} ({len(pdf)} bytes)")
    return 0


def cmd_credit_check(args: argparse.Namespace) -> int:
    from inspector_app import paths
    from inspector_app.policy import CASE_FILE, CREDIT_FILE, check_policy_files, policy_path

    folder = paths.data_dir(args.data_dir)
    files = [Path(p) for p in args.paths] or [policy_path(CREDIT_FILE, folder),
                                             policy_path(CASE_FILE, folder)]  # fmt: skip
    problems = check_policy_files(files)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"ok: {', '.join(str(f) for f in files)}")
    return 0


def cmd_credit_grade(args: argparse.Namespace) -> int:
    from inspector_app.core import credit

    rules = _policy(args, "credit.yaml")
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as s:
        report = credit.refresh_grades(s, rules=rules, full=args.full)
    with ws.db.read() as s:
        counts = credit.grade_counts(s)
    kind = "all units" if report.full else "changed units"
    print(f"graded {report.units} unit rows ({kind}) with rules {report.rules_version} "
          f"in {report.seconds:.2f} s")  # fmt: skip
    print("  " + "  ".join(f"{g}: {counts.get(g, 0)}" for g in "ABCD"))
    return 0


def cmd_credit_show(args: argparse.Namespace) -> int:
    from inspector_app.core import credit
    from inspector_app.rules.enums import VENUE_TYPE_ZH

    rules = _policy(args, "credit.yaml")
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as s:
        credit.refresh_grades(s, rules=rules)
    with ws.db.read() as s:
        file = credit.credit_file(s, uscc=args.uscc.strip().upper())
    print(f"{'、'.join(file.names)}  {file.uscc}")
    print(f"  {file.district} · {VENUE_TYPE_ZH.get(file.venue_type, file.venue_type)} · "
          f"{file.address}")  # fmt: skip
    if file.grade is not None:
        g = file.grade
        print(f"信用等级 {g.grade}（{rules.band(g.grade).label}，{g.score}分；规则 "
              f"{g.rules_version}）")  # fmt: skip
        for reason in g.reasons:
            print(f"  · {reason}")
    for line in file.lines[: args.limit]:
        day = line.day.isoformat() if line.day else "—"
        print(f"  {day}  {line.kind:<4} {line.text}  [{line.state}]")
    if len(file.lines) > args.limit:
        print(f"  … {len(file.lines) - args.limit} more (--limit)")
    return 0


def cmd_cases_list(args: argparse.Namespace) -> int:
    from inspector_app.core import cases, clock

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        today = clock.today(clock.office_zone(s))
        lines = cases.case_lines(s, today=today, status=None if args.all else "open",
                                 limit=10_000)  # fmt: skip
    for c in lines:
        late = "（已逾期）" if c.overdue else ""
        print(f"{c.number}  {cases.STATUS_ZH.get(c.status, c.status)}  时限{c.deadline}{late}  "
              f"{c.unit_name}  {c.title}")  # fmt: skip
    print(f"{len(lines)} case(s)")
    return 0


def cmd_cases_proposals(args: argparse.Namespace) -> int:
    from inspector_app.core import cases, clock

    rules = _policy(args, "cases.yaml")
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        found = cases.proposals(s, today=clock.today(clock.office_zone(s)), case_rules=rules)
    for p in found:
        print(f"{p.proposal.since}  {p.basis_zh}  {p.unit_name}  {p.directive_number}")
        for line in p.lines:
            print(f"    {line}")
    print(f"{len(found)} proposal(s)")
    return 0


def cmd_cases_pdf(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from inspector_app.core import case_documents, clock
    from inspector_app.store.models import SupervisionCase

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        case_id = s.scalar(select(SupervisionCase.id).where(
            SupervisionCase.number == args.number.strip()))  # fmt: skip
        if case_id is None:
            raise UserError(f"no case numbered {args.number}", message_zh="未找到该督办编号")
        dated = args.date or clock.today(clock.office_zone(s))
        pdf = case_documents.escalation_pdf(s, case_id=case_id, kind=args.doc, dated=dated)
    _write(args.output, pdf)
    print(f"{args.doc} -> {args.output} ({len(pdf)} bytes)")
    return 0


def cmd_blacklist_candidates(args: argparse.Namespace) -> int:
    from inspector_app.core import blacklist, clock

    rules = _policy(args, "credit.yaml")
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        found = blacklist.candidates(s, today=clock.today(clock.office_zone(s)), rules=rules)
    for c in found:
        mark = "" if c.verified else "（待核实）"
        print(f"{c.uscc}  {c.unit_name}  [{c.rule_id}]{mark}  {c.basis}")
    print(f"{len(found)} candidate(s); listing needs a supervisor's confirmation in the app")
    return 0


def cmd_blacklist_list(args: argparse.Namespace) -> int:
    from inspector_app.core import blacklist

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        rows = blacklist.entries(s, status=None, limit=100_000)
    for e in rows:
        state = "列入" if e.status == "listed" else f"{e.removed_on}移出"
        print(f"{e.listed_on}  {e.uscc}  {e.unit_name}  {state}  届满{e.removal_due}")
    print(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'}")
    return 0


def cmd_blacklist_export(args: argparse.Namespace) -> int:
    from inspector_app.core import blacklist

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        try:
            n = blacklist.export_publication(s, Path(args.output))
        except OSError as exc:
            raise UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"{n} listed unit(s) -> {args.output}")
    return 0


# ------------------------------------------------------------------------ case steps
def _password() -> str:
    import getpass

    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    line = sys.stdin.readline()
    if not line:
        raise UserError("no password given on standard input")
    return line.rstrip("\n")


def _case_step(args: argparse.Namespace, write) -> None:
    """Log the supervisor in, then ``write(session, case, officer_id, on)`` in one transaction."""
    from inspector_app.core import cases, clock, officers

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        cases.case_by_number(s, args.number)  # a wrong number before the password
    officer = officers.login(ws.db, cert_no=args.officer, password=_password())
    with ws.db.write() as s:
        case = cases.case_by_number(s, args.number)
        on = args.on or clock.today(clock.office_zone(s))
        write(s, ws, case, officer.id, on)
        number, status, deadline = case.number, case.status, case.deadline
    print(f"{number}: {cases.STATUS_ZH.get(status, status)}，时限{deadline.isoformat()}")


def cmd_cases_five(args: argparse.Namespace) -> int:
    from inspector_app.core import cases

    def write(s, _ws, case, officer_id, on):
        cases.set_five(s, case_id=case.id, officer_id=officer_id, today=on,
                       measures=args.measures, funds=args.funds, responsible=args.responsible,
                       emergency_plan=args.plan)  # fmt: skip

    _case_step(args, write)
    return 0


def cmd_cases_step(args: argparse.Namespace) -> int:
    from inspector_app.core import cases

    def write(s, _ws, case, officer_id, on):
        cases.record_step(s, case_id=case.id, kind=args.kind, on=on, officer_id=officer_id,
                          note=args.note)  # fmt: skip

    _case_step(args, write)
    return 0


def cmd_cases_extend(args: argparse.Namespace) -> int:
    from inspector_app.core import cases

    rules = _policy(args, "cases.yaml")

    def write(s, _ws, case, officer_id, on):
        cases.request_extension(s, case_id=case.id, requested_on=on,
                                new_deadline=args.new_deadline, reason=args.reason,
                                officer_id=officer_id, case_rules=rules)  # fmt: skip

    _case_step(args, write)
    return 0


def cmd_cases_decide(args: argparse.Namespace) -> int:
    from inspector_app.core import cases

    def write(s, _ws, case, officer_id, on):
        cases.decide_extension(s, case_id=case.id, granted=args.grant, on=on,
                               officer_id=officer_id, note=args.note)  # fmt: skip

    _case_step(args, write)
    return 0


def cmd_cases_accept(args: argparse.Namespace) -> int:
    from inspector_app.core import cases

    evidence = cases.read_evidence(args.evidence)

    def write(s, ws, case, officer_id, on):
        cases.accept_case(s, ws.blobs, case_id=case.id, on=on, officer_id=officer_id,
                          note=args.note, evidence=evidence)  # fmt: skip

    _case_step(args, write)
    return 0


def cmd_cases_withdraw(args: argparse.Namespace) -> int:
    from inspector_app.core import cases

    def write(s, _ws, case, officer_id, on):
        cases.withdraw(s, case_id=case.id, on=on, officer_id=officer_id, reason=args.reason)

    _case_step(args, write)
    return 0


def cmd_cases_police(args: argparse.Namespace) -> int:
    from inspector_app.core import cases

    def write(s, _ws, case, officer_id, on):
        cases.refer_to_police(s, case_id=case.id, on=on, officer_id=officer_id,
                              note=args.facts, offence=args.offence)  # fmt: skip

    _case_step(args, write)
    return 0


def cmd_cases_show(args: argparse.Namespace) -> int:
    from inspector_app.core import cases, clock
    from inspector_app.rules.enums import FINDING_STATUS_ZH, HAZARD_CLASS_ZH

    rules = _policy(args, "cases.yaml")
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as s:
        today = clock.today(clock.office_zone(s))
        v = cases.case_view(s, cases.case_by_number(s, args.number).id, case_rules=rules)
        c = v.case
        print(f"{c.number}  {cases.STATUS_ZH.get(c.status, c.status)}  {v.unit.name}")
        print(f"  {c.title}")
        print(f"  挂牌{c.listed_on}  时限{c.deadline}（原{c.original_deadline}）  "
              f"责任领导 {c.leader}  指令书 {v.directive_number or '—'}")  # fmt: skip
        if c.police_referral:
            print("  已移送公安机关")
        print(f"五到位：{'已落实' if v.five_in_place else '未落实'}")
        for label, value in (("措施", c.measures), ("资金", c.funds), ("时限", c.deadline),
                             ("责任人", c.responsible), ("应急预案", c.emergency_plan)):  # fmt: skip
            print(f"  {label}：{value or '—'}")
        print("隐患：")
        for hazard, equipment, text, deadline, status in v.findings:
            print(f"  〔{HAZARD_CLASS_ZH.get(hazard, hazard)}〕{equipment}：{text}"
                  f"（期限{deadline}，{FINDING_STATUS_ZH.get(status, status)}）")  # fmt: skip
        print(f"步骤（延期申请最迟{v.extension_by}）：")
        for st in v.steps:
            if st.due is None and st.done_on is None:
                continue
            late = "（逾期）" if st.late(today) else ""
            print(f"  {st.label}  应于{st.due or '—'}  办理{st.done_on or '—'}{late}")
        if v.pending_extension:
            p = v.pending_extension
            print(f"待审批延期：{p['on']}申请延至{p['new_deadline']}（{p['note']}）")
        print("经过：")
        for e in v.events:
            files = f"  附件：{'、'.join(name for _id, name, _sha in e.files)}" if e.files else ""
            note = f"：{e.note}" if e.note else ""
            print(f"  {e.on}  {e.label}（{e.officer}）{note}{files}")
    return 0
