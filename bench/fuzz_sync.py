"""Fuzzing the bundle importer at length (the test suite runs a few hundred cases).

Seeded mutations of a valid push bundle (``tests/sync_fuzz.py``: flipped, cut and
padded files and archives, re-zipped members with altered JSON re-signed with an
enrolled laptop's key, damaged compressed members) delivered to a real office
database. Prints the outcome counts; exits 1 on any crash, any refusal that changed
something, or any accepted bundle after which a laptop could not sync.

    .venv/bin/python -m bench.fuzz_sync [--count 5000] [--seed 1] [--pg URL]
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
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import sync_fuzz  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402


def _pg_database(admin_url: str) -> str:
    name = f"fuzz_sync_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg", help="PostgreSQL admin URL: run the office on PostgreSQL")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="fuzz_sync_"))
    url = _pg_database(args.pg) if args.pg else None
    world = sync_fuzz.build_world(root, url)
    started = time.perf_counter()
    try:
        sync_fuzz.fuzz(world, seed=args.seed, count=args.count)
    finally:
        for node in (world.office, world.lap, world.other):
            node.db.dispose()
    took = time.perf_counter() - started
    c = world.counts
    print(
        f"office: {'PostgreSQL' if url else 'SQLite'}, seed {args.seed}, "
        f"{args.count} mutations in {took:.0f} s"
    )
    print(
        f"refused {c['refused']}, accepted {c['accepted']}, crashes {c['crash']}, "
        f"problems {len(world.crashes)}"
    )
    for family in ("sealed", "zip", "member", "stream"):
        print(
            f"  {family:7} refused {c[f'refused:{family}']:6}  accepted {c[f'accepted:{family}']:6}"
        )
    for line in world.crashes[:50]:
        print("  " + line)
    shutil.rmtree(root, ignore_errors=True)
    return 1 if world.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
