"""What the supervisor's planning dialogs add to the core: a pasted list of units resolved by
credit code or id (mutated input is refused with its line, never a crash), and a plan
verification said in Chinese. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planning_support import make_city
from sqlalchemy import select

from inspector_app.core import campaigns, plans
from inspector_app.core.errors import UserError
from inspector_app.rules import draw as rules
from inspector_app.store.models import Task


@pytest.fixture
def city(db):
    return make_city(db, per_district=4)


def test_units_by_reference_takes_credit_codes_and_ids_and_names_the_bad_line(db, city):
    first, second = city["units"][0], city["units"][1]
    with db.read() as s:
        got = campaigns.units_by_reference(
            s, [f"  {first['uscc'].lower()} ", "", second["id"], first["uscc"]]
        )
        assert got == [first["id"], second["id"], first["id"]]
        with pytest.raises(UserError) as refused:
            campaigns.units_by_reference(s, [first["uscc"], "91350600NOSUCHUNIT00"])
        assert refused.value.field == "units" and "第2行" in refused.value.message_zh


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_unit_lists_are_resolved_or_refused_never_crash(db, city, data):
    codes = [u["uscc"] for u in city["units"][:5]]
    lines = data.draw(st.lists(st.one_of(
        st.sampled_from(codes),
        st.sampled_from(codes).map(lambda c: c[: len(c) // 2]),
        st.text(max_size=60),
        st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
    ), max_size=6))  # fmt: skip
    with db.read() as s:
        try:
            ids = campaigns.units_by_reference(s, lines)
        except UserError as exc:
            assert exc.message_zh.startswith("单位名单第")
        else:
            assert len(ids) == sum(1 for line in lines if line.strip())


def test_verification_says_in_chinese_what_matches_and_what_differs(db, blobs, city):
    with db.write() as s:
        plan = plans.draw_plan(s, blobs, year=2026, seed="核验", officer_id=city["supervisor"],
                               ratios={rules.KEY: 10000, rules.GENERAL: 5000})  # fmt: skip
        plan_id = plan.id
    with db.read() as s:
        ok = plans.verify_plan(s, blobs, plan_id=plan_id, against_registry=True)
    assert ok.ok and not ok.problems_zh and len(ok.matches_zh) == 3
    assert any("逐字一致" in m for m in ok.matches_zh)
    with db.write() as s:  # a task lost after the draw
        s.scalars(select(Task).where(Task.plan_id == plan_id)).first().deleted = True
    with db.read() as s:
        bad = plans.verify_plan(s, blobs, plan_id=plan_id, expected_hash="0" * 64)
    assert not bad.ok
    assert bad.problems_zh == ["存档对象库的哈希值与事先公布的不一致",
                               "任务与抽中名单不符1处（抽中未生成任务，或有任务而未被抽中）"]  # fmt: skip
    assert any("逐字一致" in m for m in bad.matches_zh)  # the list itself still matches
    # every line is Chinese: no English words from the English report leak in
    assert not any(word in line for line in bad.problems_zh + bad.matches_zh
                   for word in ("pool", "list", "tasks", "hash"))  # fmt: skip


def test_a_plan_whose_files_stay_at_the_office_says_so_in_chinese(db, blobs, city):
    from sqlalchemy import update

    from inspector_app.store.models import Blob

    with db.write() as s:
        plan = plans.draw_plan(s, blobs, year=2026, seed="局端", officer_id=city["supervisor"])
        pool_sha = plan.pool_sha256
        plan_id = plan.id
        s.execute(update(Blob.__table__).where(Blob.sha256 == pool_sha).values(remote=True))
    with db.read() as s, pytest.raises(UserError) as kept:
        plans.verify_plan(s, blobs, plan_id=plan_id)
    assert kept.value.message_zh == "抽查对象库文件存于局端，请联网获取后再试"
