"""The 双随机 draw as pure rules: deterministic, documented, checkable by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector_app.rules import draw as rules
from inspector_app.rules.draw import Pool, PoolOfficer, PoolUnit
from inspector_app.rules.enums import InspectionType, VenueType


def _pool(units: int = 200, officers: int = 6, districts=("芗城区", "龙文区"), seed: int = 1,
          key_share: float = 0.3, recusals=()) -> Pool:  # fmt: skip
    rng = random.Random(seed)
    us = [
        PoolUnit(
            f"u{n:05d}",
            f"单位{n}",
            districts[n % len(districts)],
            rules.KEY if rng.random() < key_share else rules.GENERAL,
        )
        for n in range(units)
    ]
    os_ = [PoolOfficer(f"o{n:03d}", f"执法人员{n} 350600{n:02d}") for n in range(officers)]
    return Pool.of(us, os_, recusals)


RATIOS = {rules.KEY: 2000, rules.GENERAL: 500}


def test_same_seed_and_pool_give_the_same_bytes_another_seed_another_list():
    pool = _pool()
    a = rules.draw(pool, seed="2026年1月15日 体彩 12345", ratios=RATIOS)
    b = rules.draw(Pool.from_csv(pool.to_csv()), seed="2026年1月15日 体彩 12345", ratios=RATIOS)
    assert a.to_csv() == b.to_csv() and a.sha256() == b.sha256()
    c = rules.draw(pool, seed="2026年1月15日 体彩 12346", ratios=RATIOS)
    assert {d.unit.id for d in a.rows} != {d.unit.id for d in c.rows}


def test_keys_are_the_documented_sha256_so_an_auditor_can_recompute_them():
    seed, unit, officer = "种子 1", "u00001", "o002"
    assert (
        rules.unit_key(seed, unit)
        == hashlib.sha256(f"inspector draw v1\nunit\n{seed}\n{unit}".encode()).hexdigest()
    )
    assert (
        rules.officer_key(seed, unit, officer)
        == hashlib.sha256(
            f"inspector draw v1\nofficer\n{seed}\n{unit}\n{officer}".encode()
        ).hexdigest()
    )


def test_each_stratum_gets_ceil_of_its_ratio_and_the_smallest_keys():
    pool = _pool(units=333, key_share=0.25)
    result = rules.draw(pool, seed="s", ratios=RATIOS)
    counts = rules.strata_of(pool.units)
    by = {s.stratum: s for s in result.strata}
    assert by[rules.KEY].drawn == -(-counts[rules.KEY] * 20 // 100)
    assert by[rules.GENERAL].drawn == -(-counts[rules.GENERAL] * 5 // 100)
    drawn = {d.unit.id for d in result.rows}
    for stratum, n in ((rules.KEY, by[rules.KEY].drawn), (rules.GENERAL, by[rules.GENERAL].drawn)):
        ranked = sorted(
            (rules.unit_key("s", u.id), u.id) for u in pool.units if u.stratum == stratum
        )
        assert {uid for _k, uid in ranked[:n]} <= drawn
        assert not {uid for _k, uid in ranked[n:]} & drawn
    # 重点 units are drawn at their higher ratio
    key_share = by[rules.KEY].drawn / counts[rules.KEY]
    general_share = by[rules.GENERAL].drawn / counts[rules.GENERAL]
    assert key_share >= 0.2 > general_share >= 0.05
    assert [d.order for d in result.rows] == list(range(1, len(result.rows) + 1))
    assert [d.key for d in result.rows] == sorted(d.key for d in result.rows)


def test_two_different_officers_per_unit_balanced_and_never_a_recused_one():
    pool = _pool(units=300, officers=7)
    recused = {("o000", d.unit.id) for d in rules.draw(pool, seed="r", ratios=RATIOS).rows[:10]}
    pool = Pool.of(pool.units, pool.officers, recused)
    result = rules.draw(pool, seed="r", ratios=RATIOS)
    load: dict[str, int] = {}
    for d in result.rows:
        assert d.lead.id != d.second.id
        assert (d.lead.id, d.unit.id) not in recused and (d.second.id, d.unit.id) not in recused
        for o in (d.lead, d.second):
            load[o.id] = load.get(o.id, 0) + 1
    assert max(load.values()) - min(load.values()) <= 2


def test_officers_only_in_their_districts_and_too_few_is_refused_naming_the_unit():
    units = [
        PoolUnit("u1", "甲小学", "芗城区", rules.KEY),
        PoolUnit("u2", "乙医院", "龙文区", rules.KEY),
    ]
    officers = [
        PoolOfficer("o1", "张伟", ("芗城区",)),
        PoolOfficer("o2", "李娜", ("芗城区",)),
        PoolOfficer("o3", "王强", ("龙文区",)),
        PoolOfficer("o4", "赵敏", ()),
    ]
    result = rules.draw(Pool.of(units, officers), seed="x", ratios={rules.KEY: 10000})
    pairs = {d.unit.id: {d.lead.id, d.second.id} for d in result.rows}
    assert pairs["u1"] <= {"o1", "o2", "o4"} and pairs["u2"] == {"o3", "o4"}
    with pytest.raises(rules.DrawError, match="乙医院.*1 eligible officer.*1 recused"):
        rules.draw(Pool.of(units, officers, [("o4", "u2")]), seed="x", ratios={rules.KEY: 10000})


def test_pool_file_round_trip_and_malformed_files_are_refused_with_the_line():
    pool = _pool(units=20, recusals=[("o001", "u00003")])
    data = pool.to_csv()
    assert data.startswith(b"\xef\xbb\xbfkind,id,name,district,stratum,detail\n")
    assert Pool.from_csv(data) == pool and pool.sha256() == hashlib.sha256(data).hexdigest()
    text = data.decode("utf-8")
    cases = {
        "header": text.replace("kind,id", "kind,identity", 1),
        "line 3": text.replace("\nunit,u00001,", "\nunit,", 1),
        "kind": text.replace("\nofficer,", "\nperson,", 1),
        "twice": text + text.splitlines()[1] + "\n",
        "not in the pool": text.replace("recusal,o001,,,,u00003", "recusal,o001,,,,u99999"),
    }
    for why, bad in cases.items():
        with pytest.raises(rules.DrawError) as err:
            Pool.from_csv(bad.encode("utf-8"))
        assert why.split()[0] in str(err.value) or why in str(err.value), (why, str(err.value))
    with pytest.raises(rules.DrawError, match="UTF-8"):
        Pool.from_csv(b"\xff\xfe")


def test_a_different_pool_or_list_is_named():
    pool = _pool(units=120)
    stored = rules.draw(pool, seed="v", ratios=RATIOS)
    smaller = Pool.of(pool.units[1:], pool.officers, pool.recusals)
    assert rules.compare_pools(pool, smaller) == [
        f"unit {pool.units[0].name} ({pool.units[0].stratum}) is missing"
    ]
    redrawn = rules.draw(pool, seed="w", ratios=RATIOS)
    problems = rules.compare_results(stored.to_csv(), redrawn)
    assert problems and any("not drawn" in p or "but not on the stored list" in p for p in problems)
    assert rules.compare_results(stored.to_csv(), rules.draw(pool, seed="v", ratios=RATIOS)) == []


def test_priority_reasons_follow_article_9_and_the_settings():
    on = dt.date(2026, 1, 15)
    r = rules.PriorityRules(venue_types=("school",), accident_years=2, complaints=2)
    plain = rules.UnitFacts("residential")
    assert rules.priority_reasons(plain, r, on) == []
    assert rules.stratum_key(rules.UnitFacts("school"), r, on) == rules.KEY
    two_years = rules.UnitFacts("residential", accidents=(dt.date(2024, 1, 15),))
    assert rules.priority_reasons(two_years, r, on) == ["2年内发生事故（2024-01-15）"]
    older = rules.UnitFacts("residential", accidents=(dt.date(2024, 1, 14),))
    assert rules.priority_reasons(older, r, on) == []
    one = rules.UnitFacts("residential", complaints=(dt.date(2025, 6, 1),))
    two = rules.UnitFacts("residential", complaints=(dt.date(2025, 6, 1), dt.date(2025, 12, 1)))
    assert rules.stratum_key(one, r, on) == rules.GENERAL
    assert rules.priority_reasons(two, r, on) == ["投诉举报查实2次"]
    assert rules.stratum_key(rules.UnitFacts("residential", listed=True), r, on) == rules.KEY
    assert rules.years_before(dt.date(2028, 2, 29), 2) == dt.date(2026, 2, 28)


def test_ratios_and_seeds_are_checked():
    assert rules.parse_ratio("5.2") == 520 and rules.parse_ratio("15%") == 1500
    assert rules.percent(520) == "5.2%" and rules.percent(2000) == "20%"
    for bad in ("", "abc", "5.123", "101", "-1"):
        with pytest.raises(rules.DrawError):
            rules.parse_ratio(bad)
    for bad in ("", "  ", "two\nlines", "x" * 201):
        with pytest.raises(rules.DrawError):
            rules.check_seed(bad)
    assert rules.check_seed("  種子 1 ") == "種子 1"
    with pytest.raises(rules.DrawError, match="no ratio for stratum key"):
        rules.draw(_pool(units=10, key_share=1), seed="s", ratios={rules.GENERAL: 500})


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 60), st.integers(2, 6), st.integers(0, 10_000), st.randoms())
def test_the_order_of_the_inputs_never_matters(units, officers, ratio, rnd):
    pool = _pool(units=units, officers=officers, seed=units)
    shuffled_units, shuffled_officers = list(pool.units), list(pool.officers)
    rnd.shuffle(shuffled_units)
    rnd.shuffle(shuffled_officers)
    again = Pool.of(shuffled_units, shuffled_officers)
    ratios = {rules.KEY: ratio, rules.GENERAL: ratio // 2}
    assert again.to_csv() == pool.to_csv()
    assert (
        rules.draw(again, seed="p", ratios=ratios).to_csv()
        == rules.draw(pool, seed="p", ratios=ratios).to_csv()
    )
    assert len(rules.draw(pool, seed="p", ratios=ratios).rows) == rules.expected_total(pool, ratios)


def _writer_bytes(header, rows) -> bytes:
    """What the files were before the fast path: csv.writer, LF line ends, after a BOM."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (rules.BOM + out.getvalue()).encode("utf-8")


_FIELD = st.one_of(
    st.text(alphabet=st.sampled_from('a单位 ,"\n\r\t\x00|；-'), max_size=6),
    st.text(max_size=4),
    st.integers(-5, 99),
    st.none(),
    st.sampled_from([VenueType.SCHOOL, InspectionType.POST_LICENCE]),  # str subclasses
)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4), st.lists(st.lists(_FIELD, min_size=1, max_size=4), max_size=5))
def test_files_are_the_csv_writers_bytes_whatever_the_fields(width, rows):
    """Byte for byte what csv.writer writes, except that a field with a bare CR is quoted
    (the writer leaves it bare and the file would not read back); every file reads back
    to the fields as text."""
    import csv
    import io

    header = [f"h{n}" for n in range(width)]
    rows = [r[:width] + [""] * (width - len(r)) if n % 3 else r for n, r in enumerate(rows)]
    data = rules._csv(header, rows)
    if not any("\r" in str(v) for row in rows for v in row):
        assert data == _writer_bytes(header, rows)
    text = data.decode("utf-8").removeprefix(rules.BOM)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back == [header] + [["" if v is None else str(v) for v in row] for row in rows]


def test_a_unit_name_with_a_bare_cr_reads_back_and_verifies():
    """A name with an old Mac line break (a bare CR, from a pasted ledger cell) used to be
    written unquoted: the pool file split the row there and could not be verified."""
    units = [PoolUnit("u1", "某\r公司", "芗城区", rules.KEY),
             PoolUnit("u2", "单位二", "芗城区", rules.GENERAL)]  # fmt: skip
    pool = Pool.of(units, [PoolOfficer("o1", "甲"), PoolOfficer("o2", "乙")])
    assert Pool.from_csv(pool.to_csv()) == pool
    result = rules.draw(pool, seed="s", ratios={rules.KEY: 10_000, rules.GENERAL: 10_000})
    again = rules.draw(Pool.from_csv(pool.to_csv()), seed="s",
                       ratios={rules.KEY: 10_000, rules.GENERAL: 10_000})  # fmt: skip
    assert again.sha256() == result.sha256()
    assert rules.compare_results(result.to_csv(), again) == []


def test_names_with_commas_quotes_and_line_breaks_survive_the_files():
    units = [PoolUnit("u1", '某"公司",一部', "芗城区", rules.KEY, "人员密集场所；\n列入重点名录"),
             PoolUnit("u2", "单位 二\t", "芗城区", rules.GENERAL),
             PoolUnit("u3", "单位三", "芗城区", rules.GENERAL)]  # fmt: skip
    pool = Pool.of(units, [PoolOfficer("o1", "甲, 1"), PoolOfficer("o2", "乙")])
    data = pool.to_csv()
    assert data == _writer_bytes(rules.POOL_HEADER, [("unit", *u) for u in pool.units] + [
        ("officer", o.id, o.name, "", "", "") for o in pool.officers])  # fmt: skip
    assert Pool.from_csv(data) == pool
    result = rules.draw(pool, seed="s", ratios={rules.KEY: 10_000, rules.GENERAL: 10_000})
    assert [r.unit_name for r in rules.read_result(result.to_csv())] == [
        d.unit.name for d in result.rows
    ]
