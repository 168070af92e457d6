"""Store benchmarks (issue: core). Run: .venv/bin/python -m bench.bench_store [--equipment N]

1. Recording one checklist answer durably, as the app does (one transaction,
   change log included), against a bare sqlite3 INSERT + COMMIT with the same
   pragmas on the same disk. Target: median ratio <= 2.
2. Substring search over N equipment (default 200,000) by registration code,
   unit name and address (Chinese, 3+ characters): median <= 20 ms, reported
   against a plain LIKE '%...%' scan on the same database.

Both are measured in the same run, interleaved, so the ratios hold on a noisy
machine.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from bench.common import report, time_each
from inspector_app.core import demo
from inspector_app.core import inspections as insp
from inspector_app.rules.enums import Outcome
from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import SQLITE_PRAGMAS, open_database
from inspector_app.store.models import Equipment, InspectionEquipment, Unit
from inspector_app.store.search import search_equipment


def bench_answers(folder: Path, runs: int) -> None:
    db = open_database(f"sqlite:///{folder / 'answers.sqlite3'}")
    demo.generate(db, BlobStore(folder / "blobs"), equipment=30, seed=3)
    with db.write() as s:
        unit = s.scalars(select(Unit)).first()
        eq_ids = s.scalars(select(Equipment.id).where(Equipment.unit_id == unit.id)).all()
        officers = demo._officers(s)
        inspection = insp.start_inspection(
            s,
            unit_id=unit.id,
            equipment_ids=eq_ids[:1],
            lead_officer_id=officers[0].id,
            second_officer_id=officers[1].id,
        )
        ie = s.scalars(
            select(InspectionEquipment).where(InspectionEquipment.inspection_id == inspection.id)
        ).one()
        from inspector_app.core.forms import pinned_form

        items = [i for i in pinned_form(s, ie.form_version_id).items if i.measurement is None]
    officer_id = officers[0].id

    bare = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        bare.execute(pragma)
    bare.execute(
        "CREATE TABLE item_results (id TEXT PRIMARY KEY, ie TEXT, item_id TEXT, "
        "outcome TEXT, note TEXT, answered_at TEXT)"
    )

    def app_answer(i: int) -> None:
        item = items[i % len(items)]
        outcome = (Outcome.PASS, Outcome.NOT_APPLICABLE)[i % 2]
        with db.write() as s:
            insp.record_answer(
                s,
                inspection_equipment_id=ie.id,
                item_id=item.id,
                officer_id=officer_id,
                outcome=outcome,
            )

    def bare_answer(i: int) -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.execute(
            "INSERT OR REPLACE INTO item_results VALUES (?, ?, ?, ?, ?, ?)",
            (
                f"r{i % len(items)}",
                ie.id,
                items[i % len(items)].id,
                "pass",
                "",
                time.strftime("%Y-%m-%dT%H:%M:%S"),
            ),
        )
        bare.execute("COMMIT")

    app_answer(0), bare_answer(0)  # warm caches
    app, base = [], []
    for chunk in range(10):  # interleave so drift hits both alike
        app += time_each(lambda i, c=chunk: app_answer(c * 1000 + i), runs // 10)
        base += time_each(lambda i, c=chunk: bare_answer(c * 1000 + i), runs // 10)
    report("bare sqlite3 insert + commit (baseline)", base)
    ratio = report("record_answer, durable, with change log", app, base)
    print(f"  -> answer ratio {ratio:.2f} (target <= 2)")
    db.dispose()


def bench_search(folder: Path, equipment: int, runs: int, seed: int) -> None:
    path = folder / "search.sqlite3"
    db = open_database(f"sqlite:///{path}")
    started = time.perf_counter()
    demo.generate(db, BlobStore(folder / "blobs"), equipment=equipment, seed=seed)
    print(f"generated {equipment} equipment in {time.perf_counter() - started:.1f} s")
    with db.read() as s:
        codes = s.scalars(select(Equipment.registration_code).limit(2000)).all()
        names = s.scalars(select(Unit.name).limit(2000)).all()
        addresses = s.scalars(select(Unit.address).limit(2000)).all()
    rng = random.Random(seed)
    queries = []
    for _ in range(runs):
        source = rng.choice((codes, names, addresses))
        text = rng.choice(source)
        start = rng.randrange(0, max(1, len(text) - 6))
        queries.append(text[start : start + rng.randrange(3, 7)])

    raw = sqlite3.connect(path)
    like_sql = (
        "SELECT e.id FROM equipment e JOIN units u ON u.id = e.unit_id "
        "WHERE e.deleted = 0 AND (e.registration_code LIKE :q OR e.certificate_no LIKE :q "
        "OR e.name LIKE :q OR e.location LIKE :q OR u.name LIKE :q OR u.address LIKE :q "
        "OR u.uscc LIKE :q) LIMIT 50"
    )

    def fts(i: int) -> None:
        with db.read() as s:
            search_equipment(s, queries[i], limit=50)

    def like(i: int) -> None:
        raw.execute(like_sql, {"q": f"%{queries[i]}%"}).fetchall()

    fts(0), like(0)
    app = time_each(fts, runs)
    base = time_each(like, runs)
    report(f"LIKE '%q%' scan over {equipment} (baseline)", base)
    ratio = report("search_equipment (FTS5 trigram), first page", app, base)
    print(f"  -> search speed-up {1 / ratio:.1f}x; target median <= 20 ms")
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--equipment", type=int, default=200_000)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--dir", help="work folder on the disk to measure (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        bench_answers(folder, args.answers)
        bench_search(folder, args.equipment, args.searches, args.seed)


if __name__ == "__main__":
    main()
