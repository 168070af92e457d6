"""Ledger import speed: a 150,000-row ledger (50,000 units) against a bare executemany.

    .venv/bin/python -m bench.bench_ledger [--rows 150000] [--units 50000] [--pg URL]

Writes a synthetic ledger (.xlsx, core.ledger.sample), imports it into a fresh
SQLite database (and PostgreSQL when --pg or INSPECTOR_TEST_PG_URL names a
server), then imports the same file again (which must change nothing). The
baseline inserts the very rows the import stored (units and equipment, read
back from the imported database) with one plain driver ``executemany`` per
table into another fresh database of the same schema, in one transaction.
Targets: import <= 60 s, re-import <= 30 s and 0 changes, on both databases.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from inspector_app.core.ledger import LedgerTask, import_ledger  # noqa: E402
from inspector_app.core.ledger.sample import write_sample_ledger  # noqa: E402
from inspector_app.store.db import open_database  # noqa: E402
from inspector_app.store.models import ChangeLog, Equipment, MaintenanceUnit, Unit  # noqa: E402


class PhaseClock(LedgerTask):
    """A task that remembers when each phase started."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, float]] = []
        self.on_progress = self._mark

    def _mark(self, task: LedgerTask) -> None:
        if not self.marks or self.marks[-1][0] != task.phase:
            self.marks.append((task.phase, time.perf_counter()))

    def summary(self, end: float) -> str:
        parts = []
        for (phase, start), nxt in zip(self.marks, self.marks[1:] + [("", end)], strict=True):
            if phase != "done":
                parts.append(f"{phase} {nxt[1] - start:.1f}")
        return ", ".join(parts)


def fresh_pg(admin_url: str, name: str) -> str:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_pg(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def stored_rows(db) -> dict[str, tuple[list[str], list[tuple]]]:
    """Units, maintenance units and equipment as stored: raw driver values, ready to insert."""
    out = {}
    with db.engine.connect() as conn:
        for table in (Unit.__table__, MaintenanceUnit.__table__, Equipment.__table__):
            names = [c.name for c in table.columns]
            quoted = ", ".join(f'"{n}"' for n in names)
            rows = conn.exec_driver_sql(f'SELECT {quoted} FROM "{table.name}"').fetchall()
            out[table.name] = (names, [tuple(r) for r in rows])
    return out


def baseline(url: str, rows: dict[str, tuple[list[str], list[tuple]]]) -> float:
    db = open_database(url)
    try:
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            is_sqlite = db.is_sqlite
            mark = "?" if is_sqlite else "%s"
            start = time.perf_counter()
            if is_sqlite:
                cursor.execute("BEGIN IMMEDIATE")
            for table in ("units", "maintenance_units", "equipment"):
                names, values = rows[table]
                if not is_sqlite:  # psycopg adapts dicts for JSON columns only when told
                    from psycopg.types.json import Json

                    index = names.index("attributes") if "attributes" in names else -1
                    if index >= 0:
                        values = [v[:index] + (Json(v[index]),) + v[index + 1 :] for v in values]
                cols = ", ".join(f'"{n}"' for n in names)
                marks = ", ".join(mark for _ in names)
                cursor.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', values)
            raw.commit() if not is_sqlite else cursor.execute("COMMIT")
            return time.perf_counter() - start
        finally:
            raw.close()
    finally:
        db.dispose()


def run(kind: str, url: str, base_url: str, ledger: Path) -> None:
    db = open_database(url)
    try:
        clock = PhaseClock()
        start = time.perf_counter()
        first = import_ledger(db, path=ledger, task=clock)
        took = time.perf_counter() - start
        print(f"{kind:10} import    {took:6.1f} s  ({clock.summary(start + took)})")
        print(
            f"{'':10}           units {first.units_new} new, equipment {first.equipment_new} "
            f"new, refused {first.refused_rows}"
        )
        with db.read() as s:
            logged = s.scalar(select(func.count()).select_from(ChangeLog))
        clock = PhaseClock()
        start = time.perf_counter()
        again = import_ledger(db, path=ledger, task=clock)
        took_again = time.perf_counter() - start
        with db.read() as s:
            logged_after = s.scalar(select(func.count()).select_from(ChangeLog))
        print(
            f"{kind:10} re-import {took_again:6.1f} s  ({clock.summary(start + took_again)}); "
            f"changes {again.changes}, new change-log entries {logged_after - logged}"
        )
        rows = stored_rows(db)
    finally:
        db.dispose()
    bare = baseline(base_url, rows)
    count = sum(len(v[1]) for v in rows.values())
    print(
        f"{kind:10} baseline  {bare:6.1f} s  (bare executemany of the same {count} rows)   "
        f"ratio import/baseline {took / bare:5.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--pg", default=os.environ.get("INSPECTOR_TEST_PG_URL"))
    parser.add_argument("--ledger", type=Path, help="use this ledger file instead of a sample")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench_ledger_"))
    try:
        ledger = args.ledger
        if ledger is None:
            start = time.perf_counter()
            ledger = write_sample_ledger(
                root / "台账.xlsx", rows=args.rows, units=args.units, seed=1
            ).path
            print(
                f"sample ledger: {args.rows} rows, {args.units} units, "
                f"{ledger.stat().st_size / 2**20:.1f} MB .xlsx, written in "
                f"{time.perf_counter() - start:.1f} s"
            )
        run("sqlite", f"sqlite:///{root / 'a.sqlite3'}", f"sqlite:///{root / 'b.sqlite3'}", ledger)
        if args.pg:
            names = (f"bench_ledger_{os.getpid()}_a", f"bench_ledger_{os.getpid()}_b")
            try:
                run(
                    "postgresql",
                    fresh_pg(args.pg, names[0]),
                    fresh_pg(args.pg, names[1]),
                    ledger,
                )
            finally:
                for name in names:
                    drop_pg(args.pg, name)
    finally:  # the databases of a run take hundreds of MB
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
