"""docs/planning.md's auditor script, run as printed, re-draws a real plan from its pool
file and seed alone (no code of this program), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from planning_support import make_city
from sqlalchemy import select

from inspector_app.core import plans, unit_events
from inspector_app.rules import draw as rules
from inspector_app.store.models import Officer, Task, Unit

DOC = Path(__file__).resolve().parent.parent / "docs" / "planning.md"
SEED = "  2026年1月15日 抽签 8 3 1 "  # blanks around it: the documented NFC-and-strip


def auditor_script() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "docs/planning.md has one python block: the auditor's script"
    return blocks[0]


def test_the_documented_script_redraws_the_plan_with_recusals_and_districts(db, blobs, tmp_path):
    city = make_city(db, per_district=20, seed=11)
    o, sup = city["officers"], city["supervisor"]
    with db.write() as s:
        # 龙文区 has three officers: recuse one of them from every other unit there
        for n, u in enumerate(x for x in city["units"] if x["district"] == "龙文区"):
            cert = "35061001" if n % 2 else "35061003"
            unit_events.add_recusal(s, officer_id=o[cert], unit_id=u["id"], reason="亲属", by=sup)
        unit_events.add_event(s, unit_id=city["units"][1]["id"], kind="accident",
                              occurred_on=dt.date(2025, 6, 1), source="事故报告",
                              officer_id=sup, today=dt.date(2026, 1, 15))  # fmt: skip
        plan = plans.draw_plan(s, blobs, year=2026, seed=SEED, officer_id=sup,
                               ratios={rules.KEY: 3750, rules.GENERAL: 1525})  # fmt: skip
        plan_id, pool_sha = plan.id, plan.pool_sha256
    with db.read() as s:
        (tmp_path / "pool.csv").write_bytes(plans.read_blob(s, blobs, pool_sha, "pool"))
        names = {x.id: f"{x.name} {x.cert_no}" for x in s.scalars(select(Officer))}
        expected = [
            f"{t.draw_order}\t{u.name}\t{u.district}\t{t.stratum}\t"
            f"{names[t.lead_officer_id]}\t{names[t.second_officer_id]}"
            for t, u in s.execute(
                select(Task, Unit)
                .join(Unit, Unit.id == Task.unit_id)
                .where(Task.plan_id == plan_id)
                .order_by(Task.draw_order)
            )
        ]
    assert len(expected) > 10
    (tmp_path / "audit_draw.py").write_text(auditor_script(), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-I", str(tmp_path / "audit_draw.py"), str(tmp_path / "pool.csv"),
         SEED, "key=37.5", "general=15.25"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"pool sha256 {pool_sha}"
    assert lines[1:] == expected
