"""The CLI's commands: thin wrappers over core use cases."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sqlalchemy import func, select, text

from inspector_app.checklists import check_form_files, default_forms_dir, load_forms_dir
from inspector_app.core import clock, demo, officers
from inspector_app.core.forms import register_shipped_forms
from inspector_app.rules.enums import OfficerRole
from inspector_app.store import migrate
from inspector_app.store.db import safe_url
from inspector_app.store.models import Equipment, Finding, Inspection, Officer, Unit
from inspector_app.store.search import MIN_SUBSTRING, count_equipment_matches, search_equipment

from . import labels
from .context import open_workspace


def cmd_init(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db)
    with ws.db.write() as session:
        register_shipped_forms(session)
    print(f"database: {safe_url(ws.db.url)}")
    print(f"data folder: {ws.folder}")
    print(f"schema revision: {migrate.current_revision(ws.db.engine)}")
    print(f"device id: {ws.db.device_id()}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from inspector_app.core.errors import UserError

    if args.scale < 1:
        raise UserError("--scale must be at least 1")
    if args.history < 0:
        raise UserError("--history must not be negative")
    ws = open_workspace(args.data_dir, args.db)
    started = time.perf_counter()
    report = demo.generate(ws.db, ws.blobs, equipment=args.scale, seed=args.seed, units=args.units)
    took = time.perf_counter() - started
    print(
        f"demo data: {report.units} units, {report.equipment} equipment, "
        f"{report.inspections} inspections, {report.findings} findings in {took:.1f} s"
    )
    if args.history:
        from inspector_app.core import demo_history

        def progress(done: int, total: int) -> None:
            if done == total or done % (demo_history.BATCH * 25) == 0:
                print(f"  history {done}/{total}", flush=True)

        history = demo_history.generate_history(
            ws.db, ws.blobs, inspections=args.history, seed=args.seed, progress=progress
        )
        print(history.line())
    print(f"database: {safe_url(ws.db.url)}")
    print("demo officers (执法证号 / password):")
    for name, cert_no, role in demo.DEMO_OFFICERS:
        print(f"  {name}  {cert_no}  {role.value}  / {demo.DEMO_PASSWORD}")
    return 0


def cmd_forms_check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [default_forms_dir()]
    problems = check_form_files(paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found")
        return 1
    print("all forms are valid")
    return 0


def cmd_forms_list(args: argparse.Namespace) -> int:
    for kind, form in sorted(load_forms_dir().items()):
        print(
            f"{labels.width(labels.label(labels.KIND, kind), 14)} {form.id:20} {form.version:8} "
            f"{len(form.items):3} items  {form.content_hash[:16]}  {form.title_zh}"
        )
    return 0


def cmd_officers_add(args: argparse.Namespace) -> int:
    from .main import read_password

    password = read_password()
    ws = open_workspace(args.data_dir, args.db)
    with ws.db.write() as session:
        officer = officers.add_officer(
            session,
            name=args.name,
            cert_no=args.cert_no,
            role=OfficerRole(args.role),
            password=password,
        )
        print(f"added {officer.role} {officer.name} ({officer.cert_no}), id {officer.id}")
    return 0


def cmd_officers_list(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        for o in session.scalars(
            select(Officer).where(Officer.deleted.is_(False)).order_by(Officer.cert_no)
        ):
            state = "" if o.active else (" (inactive)" if labels.codes() else "（已停用）")
            print(
                f"{o.cert_no:12} {labels.width(o.name, 8)} {labels.label(labels.ROLE, o.role)}{state}"
            )
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    current = migrate.current_revision(ws.db.engine)
    head = migrate.head_revision()
    ok = current == head
    print(f"database: {safe_url(ws.db.url)}")
    print(f"schema revision: {current} (latest {head}){'' if ok else '  OUT OF DATE'}")
    with ws.db.read() as session:
        if ws.db.is_sqlite:
            integrity = session.execute(text("PRAGMA integrity_check")).scalars().all()
            fk = session.execute(text("PRAGMA foreign_key_check")).all()
            journal = session.execute(text("PRAGMA journal_mode")).scalar()
            print(
                f"integrity: {', '.join(integrity)}; foreign keys: "
                f"{'ok' if not fk else f'{len(fk)} broken'}; journal: {journal}"
            )
            ok = ok and integrity == ["ok"] and not fk
        for model in (Unit, Equipment, Officer, Inspection, Finding):
            n = session.scalar(select(func.count()).select_from(model))
            print(f"{model.__tablename__}: {n}")
        from inspector_app.core import health

        lines, sound = health.summary(session, ws.blobs)  # blobs, withheld changes, audit
        print("\n".join(lines))
        ok = ok and sound
    print("ok" if ok else "PROBLEMS FOUND")
    return 0 if ok else 1


def cmd_search(args: argparse.Namespace) -> int:
    from inspector_app.core.errors import UserError

    ws = open_workspace(args.data_dir, args.db, create=False)
    query = args.query.strip()
    with ws.db.read() as session:
        hits = search_equipment(session, query, limit=args.limit)
        total = count_equipment_matches(session, query)
    if not total and len(query) < MIN_SUBSTRING:
        raise UserError(
            f"{query!r} is shorter than {MIN_SUBSTRING} characters: names and addresses need "
            f"at least {MIN_SUBSTRING}; shorter text only matches the start of a registration "
            "or credit code",
            message_zh=f"搜索单位名称、地址至少需要{MIN_SUBSTRING}个字",
        )
    for h in hits:
        kind = labels.width(labels.label(labels.KIND, h.kind), 12)
        print(
            f"{h.registration_code}  {kind} {labels.width(h.name, 10)} {h.unit_name}  "
            f"{h.unit_address}"
        )
    print(f"{total} match(es)")
    return 0


def _write_file(path: str, data: bytes) -> None:
    from inspector_app.core.errors import UserError

    target = Path(path)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror}") from None


def cmd_inspections(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        rows = session.execute(
            select(
                Inspection.id,
                Inspection.started_at,
                Inspection.status,
                Inspection.conclusion,
                Unit.name,
            )
            .join(Unit, Unit.id == Inspection.unit_id)
            .where(Inspection.deleted.is_(False))
            .order_by(Inspection.started_at.desc())
            .limit(args.limit)
        ).all()
        zone = clock.office_zone(session)
    for row in rows:
        status = labels.width(labels.label(labels.STATUS, row.status), 12)
        conclusion = labels.width(labels.label(labels.CONCLUSION, row.conclusion), 10)
        print(
            f"{row.id}  {clock.format_date(row.started_at, zone)}  {status} {conclusion} {row.name}"
        )
    return 0


def _addressee_id(session, inspection_id: str, to: str) -> str | None:
    """None for the user unit, else the maintenance unit the directive goes to."""
    from inspector_app.core import directives
    from inspector_app.core.errors import UserError

    if to == "user":
        return None
    every = [a for a in directives.addressees(session, inspection_id) if a.kind == "maintenance"]
    if to == "maintenance":
        if len(every) == 1:
            return every[0].maintenance_unit_id
        if not every:
            raise UserError("no finding of this inspection is directed to a maintenance unit")
        listing = "; ".join(f"{a.maintenance_unit_id} {a.name}" for a in every)
        raise UserError(f"several maintenance units; give one with --to ID: {listing}")
    if any(a.maintenance_unit_id == to for a in every):
        return to
    raise UserError(f"--to {to!r}: not user, maintenance or a maintenance unit of this inspection")


def cmd_notice(args: argparse.Namespace) -> int:
    from inspector_app.core import directives
    from inspector_app.store.models import Inspection as Insp

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        inspection = session.get(Insp, args.inspection_id)
        target = _addressee_id(session, args.inspection_id, args.to) if inspection else None
        in_force = (
            [
                d
                for d in directives.directives_of(session, args.inspection_id)
                if d.status == "issued" and d.maintenance_unit_id == target
            ]
            if inspection
            else []
        )
        if in_force and not args.supersede:
            directive = in_force[-1]
            action = "printed again"
        else:
            directive = directives.issue_directive(
                session,
                ws.blobs,
                inspection_id=args.inspection_id,
                officer_id=inspection.lead_officer_id if inspection else "",
                supersedes_id=in_force[-1].id if in_force else None,
                maintenance_unit_id=target,
                to_user=target is None,
            )
            action = "issued"
        pdf = directives.directive_pdf(session, ws.blobs, directive_id=directive.id)
    _write_file(args.output, pdf)
    print(
        f"{action} {directive.number} -> {args.output} ({len(pdf)} bytes, "
        f"sha256 {directive.pdf_sha256[:16]}…)"
    )
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from inspector_app.core import records

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:  # the first print numbers a record concluded without one
        number = records.ensure_record_number(session, inspection_id=args.inspection_id)
        pdf = records.record_pdf(session, ws.blobs, inspection_id=args.inspection_id)
    _write_file(args.output, pdf)
    print(f"record {number} -> {args.output} ({len(pdf)} bytes)")
    return 0


def cmd_rectification_report(args: argparse.Namespace) -> int:
    import datetime as dt

    from inspector_app.core.attachments import record_report_with_files
    from inspector_app.core.cases import read_evidence
    from inspector_app.core.errors import UserError
    from inspector_app.rules.zh import zh_date
    from inspector_app.store.models import Directive

    try:
        received = dt.date.fromisoformat(args.received)
    except ValueError:
        raise UserError(f"--received {args.received!r}: write the date as YYYY-MM-DD") from None

    files = read_evidence(args.files)
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        directive = session.scalar(select(Directive).where(Directive.number == args.number))
        if directive is None:
            raise UserError(f"no directive numbered {args.number} in this database")
        inspection = session.get(Inspection, directive.inspection_id)
        directive, warning = record_report_with_files(
            session,
            ws.blobs,
            directive_id=directive.id,
            received_on=received,
            officer_id=inspection.lead_officer_id,
            files=files,
        )
        due = directive.reinspection_due
    kept = f"，附件{len(files)}份" if files else ""
    print(
        f"{args.number}: 整改报告收到 {zh_date(received)}，复查期限 {zh_date(due)}（10个工作日）{kept}"
    )
    if warning:
        print(f"注意：{warning}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from inspector_app.core import directives
    from inspector_app.core.errors import UserError
    from inspector_app.core.paper_facts import paper_facts

    pdf = None
    if args.file:
        try:
            pdf = Path(args.file).read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {args.file}: {exc.strerror}") from None
        if b"%PDF-" not in pdf[:1024]:
            raise UserError(f"{args.file} is not a PDF file")
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        result = directives.verify_directive(session, pdf=pdf, payload=args.payload)
        facts = paper_facts(session, result.number) if result.number else None
    word = result.status.upper()
    print(
        f"{word}: {result.message}"
        if labels.codes()
        else f"{word} {labels.VERIFICATION[result.status]}: {result.message}"
    )
    if args.payload and facts is not None and result.status in ("valid", "superseded"):
        print("compare with the paper (与纸面核对):")
        print("\n".join(facts.lines()))
    return 0 if result.status == "valid" else 1


def cmd_config_show(args: argparse.Namespace) -> int:
    from inspector_app.core.settings import SETTINGS, get_setting

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        for key, spec in SETTINGS.items():
            print(f"{key:18} = {get_setting(session, key)!r:28} # {spec.help}")
    return 0


def cmd_config_set(args: argparse.Namespace) -> int:
    from inspector_app.core.settings import set_setting

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.write() as session:
        set_setting(session, args.key, args.value)
    print(f"{args.key} = {args.value}")
    return 0
