"""Plans and coverage at city scale, scoped pulls (issue 10).

    .venv/bin/python -m bench.bench_planning [--units 50000 --equipment 150000]
        [--inspections 50000 --items 20] [--pg URL] [--only draw|coverage|pull]
        [--runs 5] [--dump-coverage FILE]

Each figure is the median of ``--runs`` runs.

* **draw**: ``plans.draw_plan`` (pool from the registry, the draw, pool and result files,
  one task per drawn unit) and ``plans.verify_plan`` on a fresh SQLite database with 20
  districts; baseline: one bare SQL query reading the pool's rows (units with equipment in
  use) in the same run. Target ≤ 1 s each.
* **coverage**: ``coverage.coverage`` for a campaign whose tasks cover every unit, on
  PostgreSQL (``--pg`` or ``INSPECTOR_TEST_PG_URL``) with the registry above,
  ``--inspections`` concluded inspections (half from the campaign's tasks) of one piece of
  equipment each with ``--items`` item results (1,000,000 by default) and a finding in
  one of ten; baseline: the bare SQL aggregate (planned and inspected equipment per
  district × venue × kind) in the same run. Target ≤ 1 s. The inspections are inserted with
  plain INSERTs (no change log): they are the query's data, not what is measured.
* **pull**: an office with a 20-district city (``--pull-units``, three pieces of equipment
  each) and two years of inspections (``--history`` a district, with signatures, photos of
  findings and directives; findings older than 90 days closed); bytes and time of a new
  laptop's first pull scoped to one district against the unscoped first pull, in pages of
  5,000 as ``inspector sync`` asks. Target ≤ 10 % of the bytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, text  # noqa: E402

from inspector_app.core import campaigns, coverage, plan_documents, plans  # noqa: E402
from inspector_app.core.forms import register_shipped_forms  # noqa: E402
from inspector_app.core.officers import add_officer  # noqa: E402
from inspector_app.rules import draw as rules  # noqa: E402
from inspector_app.rules.identifiers import make_registration_code, make_uscc  # noqa: E402
from inspector_app.store.blobs import BlobStore  # noqa: E402
from inspector_app.store.changes import _column_default, bulk_insert  # noqa: E402
from inspector_app.store.db import open_database  # noqa: E402
from inspector_app.store.ids import new_id  # noqa: E402
from inspector_app.store.models import (  # noqa: E402
    Equipment,
    Finding,
    FormVersion,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Task,
    Unit,
    utcnow,
)

DISTRICTS = [f"第{n:02d}区" for n in range(1, 21)]
VENUES = ["residential"] * 6 + ["school", "mall", "hospital", "station"]
KINDS = (("elevator", "3110"), ("escalator", "3310"), ("boiler", "1000"))


RUNS = 5  # --runs: medians of this many runs


def _median(fn, runs: int | None = None, cpu: list[float] | None = None) -> tuple[float, object]:
    """Median wall time of ``runs`` calls (default ``RUNS``) and the last result; with
    ``cpu``, the median CPU time of this process is appended to it (on a shared machine
    the wall time also counts the time spent waiting for a core)."""
    samples, cpus, out = [], [], None
    runs = runs or RUNS
    for _ in range(runs):
        cpu_start, start = time.process_time(), time.perf_counter()
        out = fn()
        samples.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
    if cpu is not None:
        cpu.append(statistics.median(cpus))
    return statistics.median(samples), out


def make_city(db, *, units: int, equipment: int, seed: int = 7) -> dict:
    """Units over 20 districts, equipment spread over them, 40 inspectors (two districts
    each) and a supervisor; ids of the people."""
    rng = random.Random(seed)
    unit_rows, eq_rows = [], []
    for n in range(units):
        d = n % len(DISTRICTS)
        unit_rows.append(
            dict(id=new_id(), name=f"{DISTRICTS[d]}单位{n:06d}", district=DISTRICTS[d],
                 venue_type=VENUES[rng.randrange(len(VENUES))],
                 uscc=make_uscc(f"913506{n:010d}"), address=f"{DISTRICTS[d]}测试路{n}号")
        )  # fmt: skip
    for n in range(equipment):
        unit = unit_rows[n % units] if n < units else unit_rows[rng.randrange(units)]
        kind, code = KINDS[0] if n < units else KINDS[rng.randrange(len(KINDS))]
        eq_rows.append(
            dict(id=new_id(), unit_id=unit["id"], kind=kind, category_code=code,
                 registration_code=make_registration_code(code, "350602", 2015, n + 1),
                 name=f"{n}号", status="in_use", attributes={})
        )  # fmt: skip
    with db.write() as s:
        register_shipped_forms(s)
        bulk_insert(s, Unit, unit_rows)
        bulk_insert(s, Equipment, eq_rows)
        people = []
        for n in range(40):
            o = add_officer(s, name=f"检查员{n:02d}", cert_no=f"350610{n:02d}", role="inspector",
                            password="x" * 10)  # fmt: skip
            o.districts = [DISTRICTS[n % 20], DISTRICTS[(n + 7) % 20]]
            people.append(o.id)
        sup = add_officer(s, name="科长", cert_no="35061099", role="supervisor", password="x" * 10)
        return {"units": unit_rows, "equipment": eq_rows, "officers": people, "sup": sup.id}


def bench_draw(args) -> None:
    print("== draw (SQLite)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/draw.sqlite3")
        blobs = BlobStore(Path(tmp) / "blobs")
        start = time.perf_counter()
        city = make_city(db, units=args.units, equipment=args.equipment)
        print(f"city: {args.units} units, {args.equipment} equipment in "
              f"{time.perf_counter() - start:.1f} s", flush=True)  # fmt: skip

        def bare():
            with db.read() as s:
                return s.execute(text(
                    "SELECT u.id, u.name, u.district, u.venue_type FROM units u WHERE u.deleted = 0 "
                    "AND EXISTS (SELECT 1 FROM equipment e WHERE e.unit_id = u.id "
                    "AND e.deleted = 0 AND e.status <> 'scrapped')"
                )).all()  # fmt: skip

        cpu: list[float] = []
        base, rows = _median(bare, cpu=cpu)
        print(f"baseline: bare pool query, {len(rows)} rows   {base * 1000:8.1f} ms", flush=True)
        seed = "2026年1月15日 抽签 8 3 1"

        def pool_only():
            with db.read() as s:
                return plans.build_pool(s, year=2026, on=dt.date(2026, 1, 15))

        t_pool, built = _median(pool_only)
        t_rules, result = _median(
            lambda: rules.draw(built.pool, seed=seed, ratios={rules.KEY: 2000, rules.GENERAL: 500})
        )
        with db.write() as s:
            cpu_start, start = time.process_time(), time.perf_counter()
            plan = plans.draw_plan(s, blobs, year=2026, seed=seed, officer_id=city["sup"],
                                   ratios={rules.KEY: 2000, rules.GENERAL: 500},
                                   now=dt.datetime(2026, 1, 15, 2, tzinfo=dt.UTC))  # fmt: skip
            plan_id, drawn = plan.id, plan.drawn
        t_draw = time.perf_counter() - start
        cpu.append(time.process_time() - cpu_start)
        # the plan's files are the pool built above and the list rules.draw gave for it
        assert (plan.pool_sha256, plan.result_sha256) == (built.pool.sha256(), result.sha256())

        def verify():
            with db.read() as s:
                return plans.verify_plan(s, blobs, plan_id=plan_id)

        t_verify, report = _median(verify, cpu=cpu)
        assert report.ok, report.problems

        def summary():  # what the 抽取年度计划 dialog reads after the draw (strata counts)
            with db.read() as s:
                return plan_documents.draw_record_doc(s, blobs, plan_id=plan_id)

        def record():  # the 抽查记录 PDF the dialog shows
            with db.read() as s:
                return plan_documents.draw_record_pdf(s, blobs, plan_id=plan_id)

        t_summary, _doc = _median(summary)
        t_record, pdf = _median(record, runs=1)
        print(f"pool from the registry       {t_pool * 1000:8.1f} ms   ratio {t_pool / base:6.1f}")
        print(f"rules.draw alone ({len(result.rows)} drawn)  {t_rules * 1000:8.1f} ms")
        print(f"plan draw (pool, draw, files, {drawn} tasks, committed) {t_draw * 1000:8.1f} ms"
              f"   ratio {t_draw / base:6.1f}   target <= 1000 ms")  # fmt: skip
        print(f"plan verify                  {t_verify * 1000:8.1f} ms   ratio "
              f"{t_verify / base:6.1f}   target <= 1000 ms", flush=True)  # fmt: skip
        print(f"dialog's result summary      {t_summary * 1000:8.1f} ms   ratio "
              f"{t_summary / base:6.1f}")  # fmt: skip
        print(f"抽查记录 PDF ({len(pdf):,} bytes)  {t_record * 1000:8.1f} ms   ratio "
              f"{t_record / base:6.1f}", flush=True)  # fmt: skip
        print(f"CPU time of this process: bare pool query {cpu[0] * 1000:.1f} ms, plan draw "
              f"{cpu[1] * 1000:.1f} ms (ratio {cpu[1] / cpu[0]:.1f}), plan verify "
              f"{cpu[2] * 1000:.1f} ms (ratio {cpu[2] / cpu[0]:.1f})")  # fmt: skip
        print(f"pool sha256 {plan.pool_sha256}  result sha256 {plan.result_sha256}")
        db.dispose()


def _complete(model, rows: list[dict], device: str) -> list[dict]:
    table, now = model.__table__, utcnow()
    for n, row in enumerate(rows):
        row.setdefault("id", new_id())
        row.update(origin_device=device, clock=n + 1, created_at=now, updated_at=now,
                   deleted=False)  # fmt: skip
        for c in table.c:
            if c.key not in row:
                row[c.key] = _column_default(table, c.key)
    return rows


def _insert(db, model, rows: list[dict], device: str) -> None:
    rows = _complete(model, rows, device)
    with db.write() as s:
        for i in range(0, len(rows), 20000):
            s.execute(insert(model.__table__), rows[i : i + 20000])


BARE_COVERAGE = """
WITH planned AS (
  SELECT u.district, u.venue_type, e.kind, count(e.id) AS planned
  FROM tasks t JOIN units u ON u.id = t.unit_id JOIN equipment e ON e.unit_id = t.unit_id
  WHERE t.campaign_id = :c AND NOT t.deleted AND NOT e.deleted
  GROUP BY u.district, u.venue_type, e.kind),
done AS (
  SELECT u.district, u.venue_type, e.kind, count(DISTINCT ie.equipment_id) AS inspected,
         count(DISTINCT f.id) AS hazards
  FROM tasks t JOIN inspections i ON i.task_id = t.id
  JOIN inspection_equipment ie ON ie.inspection_id = i.id
  JOIN equipment e ON e.id = ie.equipment_id JOIN units u ON u.id = t.unit_id
  LEFT JOIN findings f ON f.inspection_equipment_id = ie.id
  WHERE t.campaign_id = :c AND i.status = 'concluded'
  GROUP BY u.district, u.venue_type, e.kind)
SELECT p.*, d.inspected, d.hazards FROM planned p
LEFT JOIN done d USING (district, venue_type, kind)
"""


def bench_coverage(args) -> None:
    url = args.pg or os.environ.get("INSPECTOR_TEST_PG_URL")
    if not url:
        print("== coverage: skipped (no --pg and no INSPECTOR_TEST_PG_URL)")
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base_url = make_url(url)
    name = f"bench_cov_{os.getpid()}"
    admin = create_engine(base_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _coverage_on(base_url.set(database=name).render_as_string(hide_password=False), args)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _coverage_on(url: str, args) -> None:
    print("== coverage (PostgreSQL)", flush=True)
    db = open_database(url)
    start = time.perf_counter()
    city = make_city(db, units=args.units, equipment=args.equipment)
    device = db.device_id()
    with db.write() as s:
        c = campaigns.create_campaign(
            s, name="电梯安全专项检查", owner_id=city["sup"], starts_on=dt.date(2026, 4, 1),
            ends_on=dt.date(2026, 10, 31), doc_no="漳市监特〔2026〕12号",
        )  # fmt: skip
        campaign_id = c.id
        form = s.scalars(select(FormVersion.id).limit(1)).one()
    rng = random.Random(3)
    officers = city["officers"]
    tasks = [
        dict(campaign_id=campaign_id, unit_id=u["id"], lead_officer_id=officers[n % 40],
             second_officer_id=officers[(n + 1) % 40], due_on=dt.date(2026, 10, 31),
             stratum="cell", draw_order=n + 1)
        for n, u in enumerate(city["units"])
    ]  # fmt: skip
    _insert(db, Task, tasks, device)
    task_of = {t["unit_id"]: t["id"] for t in tasks}
    inspections, ies, items, findings = [], [], [], []
    when = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    for n in range(args.inspections):
        eq = city["equipment"][n % len(city["equipment"])]
        from_task = n % 2 == 0
        iid, ieid = new_id(), new_id()
        inspections.append(dict(
            id=iid, unit_id=eq["unit_id"], task_id=task_of[eq["unit_id"]] if from_task else None,
            inspection_type="special" if from_task else "routine", status="concluded",
            started_at=when, concluded_at=when, lead_officer_id=officers[n % 40],
            second_officer_id=officers[(n + 1) % 40], conclusion="pass",
        ))  # fmt: skip
        ies.append(dict(id=ieid, inspection_id=iid, equipment_id=eq["id"], form_version_id=form))
        for k in range(args.items):
            items.append(dict(inspection_equipment_id=ieid, item_id=f"G{k:02d}", outcome="pass",
                              answered_at=when))  # fmt: skip
        if rng.random() < 0.1:
            findings.append(dict(
                inspection_id=iid, inspection_equipment_id=ieid, item_id="G01", hazard="general",
                description="门锁失效", deadline=dt.date(2026, 6, 1),
                status=rng.choice(["open", "closed"]),
            ))  # fmt: skip
    for model, rows in ((Inspection, inspections), (InspectionEquipment, ies),
                        (ItemResult, items), (Finding, findings)):  # fmt: skip
        _insert(db, model, rows, device)
    with db.write() as s:
        s.execute(text("ANALYZE"))
    with db.read() as s:
        n_items = s.scalar(select(func.count()).select_from(ItemResult))
    print(f"data: {args.units} units, {args.equipment} equipment, {len(tasks)} tasks, "
          f"{len(inspections)} inspections, {n_items} item results, {len(findings)} findings "
          f"in {time.perf_counter() - start:.0f} s", flush=True)  # fmt: skip

    def bare():
        with db.read() as s:  # with the work_mem coverage() sets for itself
            s.execute(text("SET LOCAL work_mem = '64MB'"))
            return s.execute(text(BARE_COVERAGE), {"c": campaign_id}).all()

    def bare_default():
        with db.read() as s:
            return s.execute(text(BARE_COVERAGE), {"c": campaign_id}).all()

    def ours():
        with db.read() as s:
            return coverage.coverage(s, campaign_id=campaign_id)

    base_default, _rows = _median(bare_default)
    base, rows = _median(bare)
    took, cov = _median(ours)
    assert sum(r[3] for r in rows) == cov.total.planned
    assert sum(r[4] or 0 for r in rows) == cov.total.inspected
    print(f"bare SQL aggregate, server's work_mem {base_default * 1000:8.1f} ms")
    print(f"baseline: bare SQL aggregate ({len(rows)} cells) {base * 1000:8.1f} ms")
    print(f"coverage.coverage (campaign)     {took * 1000:8.1f} ms   ratio {took / base:5.2f}"
          f"   target <= 1000 ms   (planned {cov.total.planned}, inspected "
          f"{cov.total.inspected}, tasks done {cov.total.tasks_done})", flush=True)  # fmt: skip
    if args.dump_coverage:
        args.dump_coverage.write_text(json.dumps(
            [dataclasses.asdict(r) for r in [*cov.rows, cov.total]], ensure_ascii=False, indent=0
        ))  # fmt: skip
    db.dispose()


def bench_pull(args) -> None:
    print("== a new laptop's first pull: one district of 20 against everything", flush=True)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_sync_support import join, make_node, make_office

    from inspector_app.core import demo
    from inspector_app.rules.enums import FindingStatus
    from inspector_app.store.models import Officer
    from inspector_app.sync import outgoing, scope

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        office = make_office(root)
        start = time.perf_counter()
        city = make_city(office.db, units=args.pull_units, equipment=args.pull_units * 3)
        from inspector_app.core import demo_cases

        with office.db.write() as s:
            demo_cases.office_settings(s)  # issuing authority, review body, court
        for u in city["units"]:
            u.setdefault("contact_name", "刘军")
        with office.db.read() as s:
            pair = list(s.scalars(select(Officer).where(Officer.id.in_(city["officers"][:2]))))
            for o in pair:
                s.expunge(o)
        by_unit: dict[str, list[dict]] = {}
        for e in city["equipment"]:
            by_unit.setdefault(e["unit_id"], []).append(e)
        rng, extra = random.Random(5), random.Random(6)
        today = dt.date(2026, 11, 30)
        # two years of history: args.history inspections a district, findings closed once
        # their inspection is more than 90 days old (the usual rectification period)
        for n in range(args.history * len(DISTRICTS)):
            unit = city["units"][(n * 7919) % len(city["units"])]
            day = today - dt.timedelta(days=rng.randrange(0, 730))
            demo._past_inspection(office.db, office.blobs, rng, unit, by_unit[unit["id"]][:2],
                                  pair, day, True, extra=extra)  # fmt: skip
        with office.db.write() as s:
            old = dt.datetime.combine(today - dt.timedelta(days=90), dt.time(), tzinfo=dt.UTC)
            for f, started in s.execute(
                select(Finding, Inspection.started_at).join(
                    Inspection, Inspection.id == Finding.inspection_id)
            ):  # fmt: skip
                if started.replace(tzinfo=dt.UTC) < old:
                    f.status, f.closed_at = FindingStatus.CLOSED.value, started + dt.timedelta(60)
        with office.db.read() as s:
            counts = {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                      for m in (Unit, Equipment, Inspection, Finding)}  # fmt: skip
            open_f = s.scalar(select(func.count()).select_from(Finding).where(
                Finding.status != FindingStatus.CLOSED.value))  # fmt: skip
        print(f"office: {counts}, {open_f} findings open, built in "
              f"{time.perf_counter() - start:.0f} s", flush=True)  # fmt: skip
        lap_all, lap_one = make_node(root, "all"), make_node(root, "one")
        join(lap_all, office, "01")
        join(lap_one, office, "02")
        scope.set_scope(office.db, lap_one.db.device_id(), districts=[DISTRICTS[0]])

        def first_pull(node):
            total, seconds, since, files = 0, 0.0, 0, 0
            while True:
                t0 = time.perf_counter()
                ex = outgoing.export_pull(office.db, office.blobs, keys=office.keys(),
                                          device_id=node.db.device_id(), since=since,
                                          limit=5000)  # fmt: skip
                seconds += time.perf_counter() - t0
                total += len(ex.data)
                files += len(ex.manifest["blobs"])
                more = not ex.manifest["log_end"]
                since = ex.manifest["seq_to"]
                if not more:
                    return total, seconds, files

        b_all, t_all, f_all = first_pull(lap_all)
        b_one, t_one, f_one = first_pull(lap_one)
        print(f"unscoped first pull            {b_all / 2**20:8.2f} MiB  {t_all:6.2f} s  "
              f"{f_all} files")  # fmt: skip
        print(f"scoped to {DISTRICTS[0]} (1 of 20)       {b_one / 2**20:8.2f} MiB  {t_one:6.2f} s  "
              f"{f_one} files   bytes {100 * b_one / b_all:5.1f} %  time "
              f"{100 * t_one / t_all:5.1f} %   target <= 10 % of the bytes", flush=True)  # fmt: skip
        print(json.dumps({"bytes_all": b_all, "bytes_one": b_one, "files_all": f_all,
                          "files_one": f_one}))  # fmt: skip
        for node in (office, lap_all, lap_one):
            node.db.dispose()


def main() -> None:
    global RUNS
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--units", type=int, default=50_000)
    p.add_argument("--equipment", type=int, default=150_000)
    p.add_argument("--inspections", type=int, default=50_000)
    p.add_argument("--items", type=int, default=20, help="item results per inspection")
    p.add_argument("--pull-units", type=int, default=2000, help="the pull bench's city")
    p.add_argument("--history", type=int, default=8, help="pull: inspections per district")
    p.add_argument("--pg", help="PostgreSQL URL for the coverage bench")
    p.add_argument("--only", choices=["draw", "coverage", "pull"])
    p.add_argument("--runs", type=int, default=RUNS, help="timed runs per figure (median)")
    p.add_argument(
        "--dump-coverage",
        type=Path,
        metavar="FILE",
        help="coverage: write the campaign's coverage rows as JSON (to compare runs)",
    )
    args = p.parse_args()
    RUNS = args.runs
    for name, fn in (("draw", bench_draw), ("coverage", bench_coverage), ("pull", bench_pull)):
        if args.only in (None, name):
            fn(args)


if __name__ == "__main__":
    main()
