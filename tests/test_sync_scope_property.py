"""Property: whatever the office does between a scoped laptop's pulls — new tasks,
reassignments, units moving district, edits, a wider or narrower scope — and however the
pulls are paged, every pull applies (no row arrives without what it references) and after
a last full pull the laptop has every row of its scope exactly as the office has it
(SQLite office; the PostgreSQL cases are in test_sync_scope.py)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from hypothesis import HealthCheck, Phase, example, given, note, settings
from hypothesis import strategies as st
from planning_support import DISTRICTS, make_city
from sqlalchemy import select
from test_sync_scope import _rows
from test_sync_support import deliver, join, make_node, make_office

from inspector_app.core import campaigns, tasks
from inspector_app.store.models import Equipment, Task, Unit
from inspector_app.sync import outgoing, scope

PAIRS = (("35061001", "35061002"), ("35061003", "35061004"), ("35061002", "35061003"))
OPS = st.one_of(
    st.tuples(st.just("task"), st.integers(0, 35), st.integers(0, 2)),
    st.tuples(st.just("reassign"), st.integers(0, 20), st.integers(0, 2)),
    st.tuples(st.just("move"), st.integers(0, 35), st.integers(0, 2)),
    st.tuples(st.just("edit"), st.integers(0, 35)),
    st.tuples(st.just("scope"), st.sets(st.integers(0, 2), max_size=2), st.booleans()),
    st.tuples(st.just("page"), st.integers(1, 9)),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    root = tmp_path_factory.mktemp("scope-prop")
    office = make_office(root)
    city = make_city(office.db, per_district=12)
    with office.db.write() as s:
        c = campaigns.create_campaign(
            s, name="属性测试专项", owner_id=city["supervisor"], starts_on=dt.date(2026, 4, 1),
            ends_on=dt.date(2026, 5, 31),
        )  # fmt: skip
        city["campaign"] = c.id
    office.db.dispose()
    return root / "office", {k: v for k, v in city.items() if k != "equipment"}


def _pull(office, lap, limit: int | None) -> None:
    """One page (``limit``) or the whole rest (None) of the office's log for the laptop."""
    while True:
        with lap.db.read() as s:
            since = outgoing.cursor(s, office.db.device_id()).pulled_seq
        ex = outgoing.export_pull(office.db, office.blobs, keys=office.keys(),
                                  device_id=lap.db.device_id(), since=since,
                                  limit=limit or 5)  # fmt: skip
        deliver(ex.data, lap)
        # a scoped pull says whether the pages it scanned reach the end of the log
        more = not ex.manifest["log_end"]
        if limit or not more:
            return


@settings(max_examples=20, deadline=None,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no minutes of shrinking in CI
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(ops=st.lists(OPS, min_size=3, max_size=12))
# what it found: a task's unit, or a unit that moved in, whose rows lie behind the cursor
# while its equipment lies ahead of it (the unit row must come first)
@example(ops=[("task", 0, 0), ("page", 6), ("page", 6), ("page", 9), ("task", 28, 0)])
@example(ops=[("page", 6), ("page", 6), ("page", 9), ("move", 28, 0)])
def test_scoped_pulls_converge_on_the_scope(template, tmp_path_factory, ops):
    folder, city = template
    note(repr(ops))
    root = tmp_path_factory.mktemp("run")
    shutil.copytree(folder, root / "office")
    office, lap = make_node(root, "office"), make_node(root, "lap")  # office: keys copied
    o, units = city["officers"], [u["id"] for u in city["units"]]
    try:
        join(lap, office, "05")
        officers = {o["35061001"]}
        scope.set_scope(office.db, lap.db.device_id(), districts=[DISTRICTS[0]], officers=officers)
        made: list[str] = []
        for op in ops:
            with office.db.write() as s:
                if op[0] == "task":
                    lead, second = (o[c] for c in PAIRS[op[2]])
                    made.append(tasks.add_task(
                        s, unit_id=units[op[1]], lead_officer_id=lead, second_officer_id=second,
                        due_on=dt.date(2026, 5, 31), officer_id=city["supervisor"],
                        campaign_id=city["campaign"]).id)  # fmt: skip
                elif op[0] == "reassign" and made:
                    lead, second = (o[c] for c in PAIRS[op[2]])
                    tasks.reassign_task(s, task_id=made[op[1] % len(made)], lead_officer_id=lead,
                                        second_officer_id=second, officer_id=city["supervisor"],
                                        reason="调整")  # fmt: skip
                elif op[0] == "move":
                    s.get(Unit, units[op[1]]).district = DISTRICTS[op[2]]
                elif op[0] == "edit":
                    s.get(Unit, units[op[1]]).name += "·改"
            if op[0] == "scope":
                districts = [DISTRICTS[d] for d in sorted(op[1])]
                officers = {o["35061001"]} | ({o["35061003"]} if op[2] else set())
                scope.set_scope(office.db, lap.db.device_id(), districts=districts,
                                officers=officers)  # fmt: skip
            elif op[0] == "page":
                _pull(office, lap, op[1])
        _pull(office, lap, None)
        here, there = _rows(lap.db), _rows(office.db)
        with office.db.read() as s:  # completeness: the scope as the office has it now
            final = scope.scope_at(s, lap.db.device_id(), 10**12)
            wanted = scope.units_in(s, final)
            wanted_eq = set(s.scalars(select(Equipment.id).where(Equipment.unit_id.in_(wanted))))
            wanted_tasks = set(s.scalars(select(Task.id).where(
                Task.lead_officer_id.in_(final.officers)
                | Task.second_officer_id.in_(final.officers))))  # fmt: skip
        # everything of the scope is there and agrees, column for column; rows that left the
        # scope stay on the laptop as they were (nothing is removed), so they are not compared
        for table, ids in (("units", wanted), ("equipment", wanted_eq), ("tasks", wanted_tasks)):
            for rid in ids:
                assert here[table].get(rid) == there[table][rid], (table, rid)
        for table in ("officers", "campaigns", "form_versions"):
            assert here[table] == there[table], table
    finally:
        office.db.dispose()
        lap.db.dispose()
