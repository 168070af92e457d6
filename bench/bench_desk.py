"""The supervisor's desk on a generated city: board counts, grade recompute, Excel export.

    .venv/bin/python -m bench.bench_desk --data DIR [--pg URL] [--runs 5] [--no-export]

DIR is a data folder made by ``inspector demo --scale N --history H`` (SQLite); with
--pg URL the same is measured on a PostgreSQL database made the same way
(``INSPECTOR_DATABASE_URL=URL inspector demo …``). Everything is measured in the same run:

- board: ``core.board.counts`` (every tile, whole history, and the default last twelve
  months) against the bare SQL aggregates — the same counts written by hand as plain
  ``count(*)`` queries on the tables alone, no joins for the filters — ratio of medians;
- grades: ``core.credit.refresh_grades(full=True)`` (every unit) once;
- export: ``core.stats_export.write_workbook`` with every item-result row, in a child
  process (peak RSS from the child's own ``getrusage``), against a bare xlsxwriter
  constant-memory loop writing the same item-result rows (same query, no formats).
Targets (issue 11): board <= 1 s on PostgreSQL at 150,000 equipment / 50,000
inspections; export of 1,000,000 rows <= 120 s and <= 300 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from bench.common import report, time_each  # noqa: E402
from inspector_app.core import board, clock, credit  # noqa: E402
from inspector_app.store.db import open_database  # noqa: E402

BARE = {  # the board's numbers as plain aggregates on the tables alone
    "serious_open": "SELECT count(*) FROM findings WHERE NOT deleted AND hazard = 'serious' "
    "AND status IN ('open', 'rectified', 'escalated')",
    "stop_use": "SELECT count(DISTINCT ie.equipment_id) FROM findings f JOIN "
    "inspection_equipment ie ON ie.id = f.inspection_equipment_id WHERE NOT f.deleted AND "
    "f.hazard = 'serious' AND f.status IN ('open', 'rectified', 'escalated')",
    "directives_overdue": "SELECT count(*) FROM directives WHERE NOT deleted AND "
    "status = 'issued' AND deadline < :today",
    "reinspections_due": "SELECT count(*) FROM directives WHERE NOT deleted AND "
    "status = 'issued' AND report_received_on IS NOT NULL",
    "not_corrected": "SELECT count(*) FROM findings WHERE NOT deleted AND status = 'escalated'",
    "refusals": "SELECT count(*) FROM inspections WHERE NOT deleted AND representative_refused",
    "cases_open": "SELECT count(*) FROM supervision_cases WHERE NOT deleted AND status = 'open'",
    "seizures": "SELECT count(DISTINCT equipment_id) FROM seizures WHERE NOT deleted AND "
    "lifted_on IS NULL",
}
CHILD = """
import json, resource, sys, time, datetime as dt
sys.path.insert(0, {root!r})
from inspector_app.store.db import open_database
from inspector_app.core import board, clock, stats_export
db = open_database({url!r})
with db.read() as s:
    zone = clock.office_zone(s)
f = board.DeskFilter(zone=zone)
today = clock.today(zone)
start = time.perf_counter()
if {bare!r}:
    import xlsxwriter
    book = xlsxwriter.Workbook({path!r}, {{"constant_memory": True}})
    sheet, r, n = book.add_worksheet("rows"), 1, 0
    with db.read() as s:
        for batch in s.execute(stats_export.item_rows_query(f).execution_options(
                yield_per=stats_export.STREAM)).partitions():
            for row in batch:
                if r >= stats_export.EXCEL_ROWS:
                    sheet, r = book.add_worksheet(), 1
                for c, v in enumerate(row):
                    if v is not None:
                        sheet.write(r, c, v)
                r += 1
                n += 1
    book.close()
else:
    n = stats_export.write_workbook(db, {path!r}, f=f, today=today).item_results
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "rows": n, "rss_mb": rss}}))
"""


def _url(data: str | None, pg: str | None) -> str:
    if pg:
        return pg
    return f"sqlite:///{Path(data, 'inspector.sqlite3').resolve()}"


def bench(url: str, runs: int, export: bool) -> None:
    db = open_database(url)
    with db.read() as s:
        zone = clock.office_zone(s)
        today = clock.today(zone)
        sizes = {t: s.scalar(text(f"SELECT count(*) FROM {t}")) for t in (
            "equipment", "units", "inspections", "item_results", "findings", "directives")}  # fmt: skip
    print(f"{url.split('@')[-1]}: {sizes}", flush=True)
    everything = board.DeskFilter(zone=zone)
    year = everything.with_period(*board.last_months(today))

    def bare(_i: int) -> None:
        with db.read() as s:
            for sql in BARE.values():
                s.execute(text(sql), {"today": today} if ":today" in sql else {}).scalar()

    def counts(f):
        def run(_i: int) -> None:
            with db.read() as s:
                board.counts(s, f, today=today)

        return run

    baseline = time_each(bare, runs)
    report("bare SQL aggregates (8 counts)", baseline)
    report("board.counts, whole history", time_each(counts(everything), runs), baseline)
    report("board.counts, last 12 months", time_each(counts(year), runs), baseline)

    def trend(_i: int) -> None:
        with db.read() as s:
            board.monthly_trend(s, year, today=today)

    report("board.monthly_trend, last 12 months", time_each(trend, runs), baseline)

    start = time.perf_counter()
    with db.write() as s:
        result = credit.refresh_grades(s, today=today, full=True)
    print(f"credit.refresh_grades(full=True): {time.perf_counter() - start:.2f} s  ({result})")
    db.dispose()
    if not export:
        return
    root = str(Path(__file__).resolve().parents[1])
    with tempfile.TemporaryDirectory() as tmp:
        out = {}
        for name, is_bare in (("bare xlsxwriter loop", True), ("write_workbook", False)):
            code = CHILD.format(root=root, url=url, bare=is_bare, path=f"{tmp}/{name}.xlsx")
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True)  # fmt: skip
            out[name] = json.loads(done.stdout.strip().splitlines()[-1])
            size = Path(f"{tmp}/{name}.xlsx").stat().st_size / 1e6
            print(f"{name:28} {out[name]['rows']:>9,} item rows  {out[name]['seconds']:7.1f} s  "
                  f"peak RSS {out[name]['rss_mb']:6.0f} MB  file {size:6.1f} MB", flush=True)  # fmt: skip
        ratio = out["write_workbook"]["seconds"] / out["bare xlsxwriter loop"]["seconds"]
        print(f"export ratio (write_workbook / bare loop): {ratio:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="data folder of a demo (SQLite)")
    parser.add_argument("--pg", help="PostgreSQL URL of a demo database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args()
    if not args.data and not args.pg:
        parser.error("give --data DIR or --pg URL")
    bench(_url(args.data, args.pg), args.runs, not args.no_export)
    return 0


if __name__ == "__main__":
    sys.exit(main())
