"""Mutated bundles never crash the importer (sync_fuzz.py; bench/fuzz_sync.py runs thousands).

Each mutation is refused (one line; database and blob folder unchanged) or accepted
(and then both laptops still push and pull). Counts are kept small here so the suite
stays fast; ``INSPECTOR_FUZZ_COUNT`` raises them.
"""

from __future__ import annotations

import os
import random

import pytest
import sync_fuzz

from inspector_app.cli.main import main

COUNT = int(os.environ.get("INSPECTOR_FUZZ_COUNT", "250"))


def _run(world, seed: int, count: int):
    sync_fuzz.fuzz(world, seed=seed, count=count)
    assert not world.crashes, "\n".join(world.crashes[:20])
    c = world.counts
    assert c["refused"] + c["accepted"] == count
    # every family was tried, and some mutations were harmless enough to be accepted
    assert all(c[f"refused:{f}"] for f in ("sealed", "zip", "member", "stream")), c
    assert c["accepted"] > 0, c
    return c


def test_mutated_bundles_sqlite_office(tmp_path):
    world = sync_fuzz.build_world(tmp_path)
    _run(world, seed=20261204, count=COUNT)


@pytest.mark.postgres
def test_mutated_bundles_postgres_office(tmp_path, make_pg_url):
    world = sync_fuzz.build_world(tmp_path, make_pg_url())
    try:
        _run(world, seed=4242, count=max(60, COUNT // 3))
    finally:
        world.office.db.dispose()


def test_cli_refuses_mutations_in_one_line(tmp_path, capsys):
    """``inspector bundle import`` on mutated files: exit 1, one line, never a traceback."""
    world = sync_fuzz.build_world(tmp_path)
    rng = random.Random(7)
    office = str(world.office.folder)
    seen = 0
    while seen < 12:
        family, name, data = sync_fuzz.mutation(rng, world)
        path = tmp_path / f"m{seen}.bundle"
        path.write_bytes(data)
        code = main(["--data-dir", office, "bundle", "import", str(path)])
        out = capsys.readouterr()
        if code == 0:
            continue  # accepted: harmless mutation
        seen += 1
        assert code == 1, (family, name)
        lines = out.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in out.err, (family, name, out.err)
        assert lines[0].startswith(f"inspector: error: {path}: refused, nothing changed:"), lines
