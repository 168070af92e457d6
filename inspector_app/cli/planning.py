"""``inspector campaign|plan|tasks|coverage|unit-events|recusal``: deciding the work.

    inspector campaign create --name N --from D --to D [--doc-no] [--kind K]… [--target …]
    inspector campaign list | show C | close C | tasks C --seed S
    inspector plan draw --year Y --seed S [--ratio key=20] [--district D]… [--expect-pool H]
    inspector plan list | show P | verify P [--pool F] [--hash H] [--registry]
    inspector plan record P -o R.pdf | publish P -o F.xlsx|F.csv | pool P -o pool.csv
    inspector plan cancel P --reason R
    inspector tasks list [--plan P|--campaign C] [--officer CERT] [--show open|overdue|done]
    inspector tasks reassign TASK --lead CERT --second CERT --reason R | cancel TASK --reason R
    inspector coverage --campaign C | --plan P
    inspector unit-events add UNIT --kind accident|complaint --date D --source S | list UNIT
    inspector recusal add --officer CERT --unit UNIT --reason R | list

``--by CERT`` names the supervisor acting (default: the only supervisor, if there is one).
Plans and campaigns may be named by the first 8+ characters of their id.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sqlalchemy import select

from inspector_app.core.errors import UserError
from inspector_app.rules.enums import EquipmentKind, VenueType

from .context import open_workspace


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{what} {text!r}: write the date as YYYY-MM-DD") from None


def _officer(session, cert_no: str):
    from inspector_app.store.models import Officer

    officer = session.scalar(
        select(Officer).where(Officer.cert_no == cert_no.strip(), Officer.deleted.is_(False))
    )
    if officer is None:
        raise UserError(f"no officer with 执法证号 {cert_no}")
    return officer


def _acting(session, cert_no: str | None):
    """The supervisor doing this (``--by``), or the only supervisor there is."""
    from inspector_app.rules.enums import OfficerRole
    from inspector_app.store.models import Officer

    if cert_no:
        return _officer(session, cert_no)
    found = list(
        session.scalars(
            select(Officer).where(
                Officer.role == OfficerRole.SUPERVISOR.value,
                Officer.deleted.is_(False),
                Officer.active.is_(True),
            )
        )
    )
    if len(found) != 1:
        raise UserError("say who acts: --by CERT_NO (the supervisor's 执法证号)")
    return found[0]


def _unit(session, ref: str):
    """A unit by its id or its 统一社会信用代码 (when only one unit has it)."""
    from inspector_app.store.models import Unit

    unit = session.get(Unit, ref)
    if unit is not None and not unit.deleted:
        return unit
    found = list(
        session.scalars(
            select(Unit).where(Unit.uscc == ref.strip().upper(), Unit.deleted.is_(False)).limit(2)
        )
    )
    if len(found) == 1:
        return found[0]
    if found:
        raise UserError(f"several units have the credit code {ref}; give the unit id")
    raise UserError(f"no unit {ref} (give its id or 统一社会信用代码)")


# -- campaigns ---------------------------------------------------------------------------


def cmd_campaign_create(args: argparse.Namespace) -> int:
    from inspector_app.core import campaigns

    ws = open_workspace(args.data_dir, args.db, create=False)
    targets = dict(campaigns.parse_target(t) for t in args.target or [])
    with ws.db.write() as session:
        owner = _acting(session, args.by)
        units = [_unit(session, u).id for u in args.unit or []]
        campaign = campaigns.create_campaign(
            session,
            name=args.name,
            doc_no=args.doc_no or "",
            legal_basis=args.basis or "",
            kinds=args.kind or [],
            venue_types=args.venue or [],
            districts=args.district or [],
            unit_ids=units,
            starts_on=_date(args.starts, "--from"),
            ends_on=_date(args.ends, "--to"),
            targets=targets,
            owner_id=owner.id,
        )
        print(f"专项检查已建立：{campaign.name}  {campaign.id}")
    return 0


def cmd_campaign_list(args: argparse.Namespace) -> int:
    from inspector_app.core import campaigns

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        rows = campaigns.campaigns(session)
        for c in rows:
            n = campaigns.count_tasks(session, c.id)
            state = "进行中" if c.status == "open" else "已结束"
            print(f"{c.id}  {state}  {c.starts_on}~{c.ends_on}  任务{n}项  {c.name}")
    print(f"{len(rows)} campaign(s)")
    return 0


def _coverage_lines(cov) -> list[str]:
    from inspector_app.rules.draw import percent
    from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, VENUE_TYPE_ZH

    lines = ["区县  场所  种类  登记  计划  已检  覆盖率  目标  有隐患  隐患  已销号"]
    for r in cov.rows:
        target = percent(r.target) if r.target is not None else "-"
        lines.append(
            f"{r.district}  {VENUE_TYPE_ZH.get(r.venue_type, r.venue_type)}  "
            f"{EQUIPMENT_KIND_ZH.get(r.kind, r.kind)}  {r.registered}  {r.planned}  "
            f"{r.inspected}  {r.coverage:.0%}  {target}  {r.with_hazards}  {r.hazards}  {r.closed}"
        )
    t = cov.total
    lines.append(
        f"合计：任务{t.tasks}项，已完成{t.tasks_done}项；设备计划{t.planned}台，已检{t.inspected}台，"
        f"有隐患{t.with_hazards}台；隐患{t.hazards}项，已销号{t.closed}项"
    )
    return lines


def cmd_campaign_show(args: argparse.Namespace) -> int:
    from inspector_app.core import campaigns, coverage

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        c = campaigns.get_campaign(session, args.campaign)
        print(f"{c.name}（{c.doc_no or '无文号'}）  {c.id}")
        print(
            f"期间：{c.starts_on} 至 {c.ends_on}；状态：{'进行中' if c.status == 'open' else '已结束'}"
        )
        print(f"依据：{c.legal_basis or '—'}")
        scope = (
            "、".join(c.kinds or ["全部种类"]) + " × " + "、".join(c.venue_types or ["全部场所"])
        )
        scope += " × " + "、".join(c.districts or ["全部区县"])
        print(f"范围：{scope}" + (f"；名单{len(c.unit_ids)}家" if c.unit_ids else ""))
        for line in _coverage_lines(coverage.coverage(session, campaign_id=c.id)):
            print(line)
    return 0


def cmd_campaign_close(args: argparse.Namespace) -> int:
    from inspector_app.core import campaigns

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        c = campaigns.close_campaign(
            session, campaign_id=args.campaign, officer_id=_acting(session, args.by).id
        )
        print(f"专项检查已结束：{c.name}")
    return 0


def cmd_campaign_tasks(args: argparse.Namespace) -> int:
    from inspector_app.core import campaigns

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        n = campaigns.generate_tasks(
            session,
            ws.blobs,
            campaign_id=args.campaign,
            seed=args.seed,
            officer_id=_acting(session, args.by).id,
            due_on=_date(args.due, "--due") if args.due else None,
        )
    print(f"已生成任务{n}项")
    return 0


# -- plans ---------------------------------------------------------------------------------


def cmd_plan_draw(args: argparse.Namespace) -> int:
    from inspector_app.core import plans
    from inspector_app.rules.draw import percent

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        ratios = plans.parse_ratios(args.ratio or [], plans.default_ratios(session))
        plan = plans.draw_plan(
            session,
            ws.blobs,
            year=args.year,
            seed=args.seed,
            officer_id=_acting(session, args.by).id,
            ratios=ratios,
            districts=args.district or [],
            kinds=args.kind or [],
            name=args.name or "",
            doc_no=args.doc_no or "",
            due_on=_date(args.due, "--due") if args.due else None,
            expect_pool=args.expect_pool,
        )
        print(f"计划：{plan.name}  {plan.id}")
        print(f"随机种子：{plan.seed}")
        print(
            f"对象库：{plan.pool_units}家单位，{plan.pool_officers}名执法人员；"
            f"第十七条排除{plan.excluded_units}家"
        )
        print(f"对象库哈希：{plan.pool_sha256}")
        print(f"结果哈希：{plan.result_sha256}")
        ratios_text = "，".join(f"{k} {percent(int(v))}" for k, v in plan.ratios.items())
        print(f"抽取比例：{ratios_text}；抽中{plan.drawn}家，已生成任务")
    return 0


def cmd_plan_list(args: argparse.Namespace) -> int:
    from inspector_app.core import plans

    states = {"drawn": "已抽取", "published": "已公开", "cancelled": "已撤销"}
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        rows = plans.plans(session, year=args.year)
        for p in rows:
            print(
                f"{p.id}  {p.year}  {states.get(p.status, p.status)}  "
                f"抽中{p.drawn}/{p.pool_units}  {p.name}"
            )
    print(f"{len(rows)} plan(s)")
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    from inspector_app.core import coverage, plans

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        p = plans.get_plan(session, args.plan)
        print(f"{p.name}  {p.id}  ({p.year})")
        print(f"算法 {p.algorithm}；随机种子：{p.seed}")
        print(f"对象库哈希：{p.pool_sha256}\n结果哈希：{p.result_sha256}")
        art17 = plans.post_licence_units(session, p.year)
        drawn_art17 = plans.drawn_units_with_post_licence(session, p.id, art17)
        if drawn_art17:
            print(
                f"注意：{len(drawn_art17)}家抽中单位本年度已实施证后检查，依第十七条不再实施常规检查"
            )
        for line in _coverage_lines(coverage.coverage(session, plan_id=p.id)):
            print(line)
    return 0


def cmd_plan_verify(args: argparse.Namespace) -> int:
    from inspector_app.core import plans

    pool_file = None
    if args.pool:
        try:
            pool_file = Path(args.pool).read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {args.pool}: {exc.strerror}") from None
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        report = plans.verify_plan(
            session,
            ws.blobs,
            plan_id=args.plan,
            pool_file=pool_file,
            expected_hash=args.hash,
            against_registry=args.registry,
        )
    print(f"对象库哈希：{report.pool_sha256}")
    print(f"重新抽取结果哈希：{report.result_sha256}")
    for note in report.notes[:20]:
        print(f"说明：{note}")
    if report.ok:
        print("核验通过：重新抽取的结果与存档一致（VERIFIED）")
        return 0
    for problem in report.problems:
        print(f"不一致：{problem}")
    raise UserError(f"verification failed: {report.problems[0]}")


def cmd_plan_record(args: argparse.Namespace) -> int:
    from inspector_app.core import plan_documents

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        pdf = plan_documents.draw_record_pdf(session, ws.blobs, plan_id=args.plan)
    _write(args.output, pdf)
    print(f"抽查记录 -> {args.output} ({len(pdf)} bytes)")
    return 0


def cmd_plan_pool(args: argparse.Namespace) -> int:
    from inspector_app.core import plans

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        plan = plans.get_plan(session, args.plan)
        data = plans.read_blob(session, ws.blobs, plan.pool_sha256, "pool")
    _write(args.output, data)
    print(f"检查对象库 -> {args.output} (sha256 {plan.pool_sha256})")
    return 0


def cmd_plan_publish(args: argparse.Namespace) -> int:
    from inspector_app.core import plan_documents

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        n = plan_documents.publish(
            session,
            plan_id=args.plan,
            path=Path(args.output),
            officer_id=_acting(session, args.by).id,
        )
    print(f"公开名单{n}家 -> {args.output}")
    return 0


def cmd_plan_cancel(args: argparse.Namespace) -> int:
    from inspector_app.core import plans

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        plan = plans.cancel_plan(
            session, plan_id=args.plan, officer_id=_acting(session, args.by).id,
            reason=args.reason,
        )  # fmt: skip
        print(f"计划已撤销：{plan.name}")
    return 0


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None


# -- tasks, coverage -------------------------------------------------------------------------


def cmd_tasks_list(args: argparse.Namespace) -> int:
    from inspector_app.core import campaigns, plans, tasks
    from inspector_app.core.clock import office_zone, today

    states = {"open": "待检查", "overdue": "已逾期", "in_progress": "检查中", "done": "已完成",
              "cancelled": "已撤销"}  # fmt: skip
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        now = today(office_zone(session))
        plan_id = plans.get_plan(session, args.plan).id if args.plan else None
        campaign_id = campaigns.get_campaign(session, args.campaign).id if args.campaign else None
        officer = _officer(session, args.officer).id if args.officer else None
        rows = tasks.task_list(
            session, today=now, plan_id=plan_id, campaign_id=campaign_id, show=args.show,
            officer_id=officer, limit=args.limit, district=args.district,
            venue_type=args.venue, kind=args.kind,
        )  # fmt: skip
        for t in rows:
            print(
                f"{t.id}  {states.get(t.state, t.state)}  {t.due_on}  {t.unit_name}  "
                f"{t.district}  {t.lead}、{t.second}"
            )
    print(f"{len(rows)} task(s)")
    return 0


def cmd_tasks_reassign(args: argparse.Namespace) -> int:
    from inspector_app.core import tasks

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        task = tasks.reassign_task(
            session,
            task_id=args.task,
            lead_officer_id=_officer(session, args.lead).id,
            second_officer_id=_officer(session, args.second).id,
            officer_id=_acting(session, args.by).id,
            reason=args.reason,
        )
        print(f"任务已调整：{task.id} -> {args.lead}、{args.second}")
    return 0


def cmd_tasks_cancel(args: argparse.Namespace) -> int:
    from inspector_app.core import tasks

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        tasks.cancel_task(
            session, task_id=args.task, officer_id=_acting(session, args.by).id, reason=args.reason
        )
    print(f"任务已撤销：{args.task}")
    return 0


def cmd_tasks_add(args: argparse.Namespace) -> int:
    from inspector_app.core import campaigns, plans, tasks

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        task = tasks.add_task(
            session,
            unit_id=_unit(session, args.unit).id,
            lead_officer_id=_officer(session, args.lead).id,
            second_officer_id=_officer(session, args.second).id,
            due_on=_date(args.due, "--due"),
            officer_id=_acting(session, args.by).id,
            campaign_id=campaigns.get_campaign(session, args.campaign).id
            if args.campaign
            else None,
            plan_id=plans.get_plan(session, args.plan).id if args.plan else None,
            kinds=args.kind or [],
        )
        print(f"任务已添加：{task.id}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from inspector_app.core import coverage

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        cov = coverage.coverage(session, campaign_id=args.campaign, plan_id=args.plan)
    for line in _coverage_lines(cov):
        print(line)
    return 0


# -- 重点 records, recusals, officers' districts ----------------------------------------------


def cmd_events_add(args: argparse.Namespace) -> int:
    from inspector_app.core import unit_events

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        event = unit_events.add_event(
            session,
            unit_id=_unit(session, args.unit).id,
            kind=args.kind,
            occurred_on=_date(args.date, "--date"),
            source=args.source,
            confirmed=not args.unconfirmed,
            description=args.description or "",
            officer_id=_acting(session, args.by).id,
        )
        print(f"已记录：{unit_events.KINDS[event.kind]} {event.occurred_on} {event.source}")
    return 0


def cmd_events_list(args: argparse.Namespace) -> int:
    from inspector_app.core import unit_events

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        unit = _unit(session, args.unit)
        rows = unit_events.events_of(session, unit.id)
        print(unit.name)
        for e in rows:
            confirmed = (
                "" if e.kind == "accident" else ("（查实）" if e.confirmed else "（未查实）")
            )
            print(f"{e.id}  {e.occurred_on}  {unit_events.KINDS[e.kind]}{confirmed}  {e.source}")
    print(f"{len(rows)} record(s)")
    return 0


def cmd_recusal_add(args: argparse.Namespace) -> int:
    from inspector_app.core import unit_events

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        officer = _officer(session, args.officer)
        unit = _unit(session, args.unit)
        unit_events.add_recusal(
            session, officer_id=officer.id, unit_id=unit.id, reason=args.reason,
            by=_acting(session, args.by).id,
        )  # fmt: skip
        print(f"回避：{officer.name} ↔ {unit.name}")
    return 0


def cmd_recusal_list(args: argparse.Namespace) -> int:
    from inspector_app.core import unit_events
    from inspector_app.store.models import Officer, Unit

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        rows = unit_events.recusals(session)
        for r in rows:
            officer, unit = session.get(Officer, r.officer_id), session.get(Unit, r.unit_id)
            print(f"{officer.name} {officer.cert_no} ↔ {unit.name}  {r.reason}")
    print(f"{len(rows)} recusal(s)")
    return 0


def cmd_officer_districts(args: argparse.Namespace) -> int:
    from inspector_app.core import unit_events

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        officer = unit_events.set_officer_districts(
            session,
            officer_id=_officer(session, args.cert_no).id,
            districts=args.district or [],
            by=_acting(session, args.by).id,
        )
        print(f"{officer.name}：{'、'.join(officer.districts) or '全部区县'}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    def by(p: argparse.ArgumentParser) -> None:
        p.add_argument("--by", metavar="CERT_NO", help="the supervisor acting (执法证号)")

    camp = sub.add_parser("campaign", help="专项监督检查: campaigns").add_subparsers(
        dest="campaign_command", required=True, metavar="SUBCOMMAND"
    )
    p = camp.add_parser("create", help="create a campaign")
    p.add_argument("--name", required=True)
    p.add_argument("--doc-no", help="任务来源: the document number that ordered it")
    p.add_argument("--basis", help="legal basis")
    p.add_argument("--from", dest="starts", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="ends", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--kind", action="append", help="equipment kind in scope (repeat; none: all)")
    p.add_argument("--venue", action="append", help="venue type in scope (repeat; none: all)")
    p.add_argument("--district", action="append", help="district in scope (repeat; none: all)")
    p.add_argument("--unit", action="append", help="an explicit unit (id or credit code)")
    p.add_argument("--target", action="append", metavar="KIND/VENUE/DISTRICT=PCT",
                   help="target coverage of a scope cell, * for any (default 100)")  # fmt: skip
    by(p)
    p.set_defaults(func=cmd_campaign_create)
    p = camp.add_parser("list", help="list campaigns")
    p.set_defaults(func=cmd_campaign_list)
    p = camp.add_parser("show", help="a campaign and its coverage")
    p.add_argument("campaign")
    p.set_defaults(func=cmd_campaign_show)
    p = camp.add_parser("close", help="close a campaign")
    p.add_argument("campaign")
    by(p)
    p.set_defaults(func=cmd_campaign_close)
    p = camp.add_parser("tasks", help="make the campaign's tasks (units drawn per cell target)")
    p.add_argument("campaign")
    p.add_argument("--seed", required=True, help="random seed (one line of text)")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="due date (default: the campaign's end)")
    by(p)
    p.set_defaults(func=cmd_campaign_tasks)

    plan = sub.add_parser("plan", help="the annual 双随机 plan").add_subparsers(
        dest="plan_command", required=True, metavar="SUBCOMMAND"
    )
    p = plan.add_parser("draw", help="draw the year's units and officers; make the tasks")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--seed", required=True, help="random seed chosen at the draw meeting")
    p.add_argument("--ratio", action="append", metavar="STRATUM=PCT",
                   help="e.g. key=20 general=5 (default: the office settings)")  # fmt: skip
    p.add_argument("--district", action="append", help="draw in these districts only (repeat)")
    p.add_argument("--kind", action="append", help="only units with this kind (repeat)")
    p.add_argument("--name", help="plan name (default: <year>年度特种设备安全监督检查计划)")
    p.add_argument("--doc-no", help="the plan's document number")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="tasks due (default: 15 December)")
    p.add_argument(
        "--expect-pool",
        metavar="SHA256",
        help="refuse unless the pool has this hash (announced before the meeting)",
    )
    by(p)
    p.set_defaults(func=cmd_plan_draw)
    p = plan.add_parser("list", help="list plans")
    p.add_argument("--year", type=int)
    p.set_defaults(func=cmd_plan_list)
    p = plan.add_parser("show", help="a plan and its coverage")
    p.add_argument("plan")
    p.set_defaults(func=cmd_plan_show)
    p = plan.add_parser("verify", help="draw again and compare with the stored list")
    p.add_argument("plan")
    p.add_argument("--pool", metavar="FILE", help="draw from this pool file (plan pool -o)")
    p.add_argument("--hash", metavar="SHA256", help="the pool hash printed on the record")
    p.add_argument(
        "--registry",
        action="store_true",
        help="also compare the stored pool with what the registry gives now",
    )
    p.set_defaults(func=cmd_plan_verify)
    p = plan.add_parser("record", help="the 抽查记录 PDF for the draw meeting")
    p.add_argument("plan")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_plan_record)
    p = plan.add_parser("pool", help="write the plan's pool file (what its hash covers)")
    p.add_argument("plan")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_plan_pool)
    p = plan.add_parser("publish", help="write the 公开 list (.xlsx or .csv)")
    p.add_argument("plan")
    p.add_argument("-o", "--output", required=True)
    by(p)
    p.set_defaults(func=cmd_plan_publish)
    p = plan.add_parser("cancel", help="withdraw a plan and its open tasks (audited)")
    p.add_argument("plan")
    p.add_argument("--reason", required=True)
    by(p)
    p.set_defaults(func=cmd_plan_cancel)

    tasks = sub.add_parser("tasks", help="tasks of plans and campaigns").add_subparsers(
        dest="tasks_command", required=True, metavar="SUBCOMMAND"
    )
    p = tasks.add_parser("list", help="list tasks")
    p.add_argument("--plan")
    p.add_argument("--campaign")
    p.add_argument("--officer", metavar="CERT_NO", help="one officer's tasks")
    p.add_argument("--district", help="drill down: one coverage cell's district")
    p.add_argument(
        "--venue", choices=[v.value for v in VenueType], help="drill down: one venue type"
    )
    p.add_argument(
        "--kind", choices=[k.value for k in EquipmentKind], help="drill down: one equipment kind"
    )
    p.add_argument("--show", choices=["open", "overdue", "done", "all"], default="all")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_tasks_list)
    p = tasks.add_parser("reassign", help="give a task to another pair of officers")
    p.add_argument("task")
    p.add_argument("--lead", required=True, metavar="CERT_NO")
    p.add_argument("--second", required=True, metavar="CERT_NO")
    p.add_argument("--reason", required=True)
    by(p)
    p.set_defaults(func=cmd_tasks_reassign)
    p = tasks.add_parser("cancel", help="cancel a task")
    p.add_argument("task")
    p.add_argument("--reason", required=True)
    by(p)
    p.set_defaults(func=cmd_tasks_cancel)
    p = tasks.add_parser("add", help="add one task by hand")
    p.add_argument("--unit", required=True, help="unit id or credit code")
    p.add_argument("--lead", required=True, metavar="CERT_NO")
    p.add_argument("--second", required=True, metavar="CERT_NO")
    p.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--campaign")
    p.add_argument("--plan")
    p.add_argument("--kind", action="append")
    by(p)
    p.set_defaults(func=cmd_tasks_add)

    p = sub.add_parser("coverage", help="planned / inspected / hazards of a campaign or plan")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--campaign")
    group.add_argument("--plan")
    p.set_defaults(func=cmd_coverage)

    events = sub.add_parser("unit-events", help="accidents and complaints on units (重点)")
    ev = events.add_subparsers(dest="events_command", required=True, metavar="SUBCOMMAND")
    p = ev.add_parser("add", help="record an accident or a complaint on a unit")
    p.add_argument("unit", help="unit id or credit code")
    p.add_argument("--kind", required=True, choices=["accident", "complaint"])
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--source", required=True, help="report or ticket it comes from")
    p.add_argument("--unconfirmed", action="store_true", help="a complaint not found true")
    p.add_argument("--description")
    by(p)
    p.set_defaults(func=cmd_events_add)
    p = ev.add_parser("list", help="a unit's records")
    p.add_argument("unit")
    p.set_defaults(func=cmd_events_list)

    rec = sub.add_parser("recusal", help="officers who must not be drawn for a unit (回避)")
    rc = rec.add_subparsers(dest="recusal_command", required=True, metavar="SUBCOMMAND")
    p = rc.add_parser("add")
    p.add_argument("--officer", required=True, metavar="CERT_NO")
    p.add_argument("--unit", required=True)
    p.add_argument("--reason", required=True)
    by(p)
    p.set_defaults(func=cmd_recusal_add)
    p = rc.add_parser("list")
    p.set_defaults(func=cmd_recusal_list)

    p = sub.add_parser("officer-districts", help="the districts an officer may be drawn for")
    p.add_argument("cert_no")
    p.add_argument("--district", action="append", help="repeat; none: every district")
    by(p)
    p.set_defaults(func=cmd_officer_districts)
