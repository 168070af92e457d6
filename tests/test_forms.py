"""Checklist forms: the shipped YAML, the loader's error reports, versioning and judging."""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from inspector_app.checklists import (
    Form,
    FormError,
    FormProblem,
    Item,
    Measurement,
    applicable_items,
    check_form_files,
    cn_number,
    default_forms_dir,
    join_citations,
    judge_measurement,
    load_form,
    load_forms_dir,
    measured_hazard,
)
from inspector_app.rules.enums import EquipmentKind, HazardClass, Outcome

FORMS = Path(__file__).resolve().parents[1] / "forms"
COMMON_IDS = [f"C{n:02d}" for n in range(1, 19)]


@pytest.fixture(scope="module")
def forms() -> dict[EquipmentKind, Form]:
    return load_forms_dir(FORMS)


# --- the shipped forms -------------------------------------------------------------------------


def test_shipped_forms_have_no_problems():
    assert check_form_files([FORMS]) == []


def test_one_form_per_kind(forms):
    assert set(forms) == set(EquipmentKind)
    for kind, form in forms.items():
        assert form.kind is kind
        assert form.version


def test_default_dir_is_repo_forms_and_env_overrides(tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECTOR_FORMS_DIR", raising=False)
    assert default_forms_dir() == FORMS
    for name in ("common.yaml", "boiler.yaml", "sources.yaml"):
        shutil.copy(FORMS / name, tmp_path)
    monkeypatch.setenv("INSPECTOR_FORMS_DIR", str(tmp_path))
    assert default_forms_dir() == tmp_path
    assert set(load_forms_dir()) == {EquipmentKind.BOILER}


def test_fragment_is_not_a_form():
    with pytest.raises(FormError, match="fragment"):
        load_form(FORMS / "common.yaml")


@pytest.mark.parametrize("kind", list(EquipmentKind))
def test_common_block_then_at_least_20_specific_items(forms, kind):
    ids = [item.id for item in forms[kind].items]
    assert ids[: len(COMMON_IDS)] == COMMON_IDS
    specific = [i for i in ids if i not in COMMON_IDS]
    assert len(specific) >= 20
    assert len(set(ids)) == len(ids)


def test_common_block_is_written_once():
    common = (FORMS / "common.yaml").read_text(encoding="utf-8")
    for item_id in COMMON_IDS:
        assert re.search(rf"\bid: {item_id}\b", common)
    for path in FORMS.glob("*.yaml"):
        if path.name in ("common.yaml", "sources.yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bid: C\d\d\b", text), path.name
        assert "common.yaml" in text, f"{path.name} does not include the common block"


def test_common_serious_items(forms):
    serious = {i.id for i in forms[EquipmentKind.ELEVATOR].items if i.hazard is HazardClass.SERIOUS}
    assert {"C02", "C12", "C13", "C14", "C15"} <= serious
    c02 = forms[EquipmentKind.ELEVATOR].item("C02")
    assert "超期未检" in c02.text_zh and "检验不合格" in c02.text_zh


def test_c02_separates_the_missing_sign_from_overdue_or_failed_inspection(forms):
    """LEGAL-REVIEW §4: a missing sticker is corrected by a deadline, it never stops use."""
    c02 = forms[EquipmentKind.ELEVATOR].item("C02")
    by_id = {f.id: f for f in c02.failures}
    assert by_id["C02-1"].hazard is HazardClass.SERIOUS and "超期未检验" in by_id["C02-1"].fact_zh
    assert by_id["C02-2"].hazard is HazardClass.SERIOUS and "不合格" in by_id["C02-2"].fact_zh
    sign = by_id["C02-3"]
    assert sign.hazard is HazardClass.GENERAL and "标志" in sign.fact_zh and not sign.judged_by
    assert [c.text() for c in sign.violates] == ["《中华人民共和国特种设备安全法》第四十条第二款"]
    assert c02.default_failure().id == "C02-1"  # F without a choice: the conservative reading
    # ... but never "expired" for equipment the registry shows valid (a nonsense fact)
    assert c02.default_failure("ok").id == "C02-2"
    assert c02.default_failure("overdue").id == "C02-1"
    c03 = forms[EquipmentKind.ELEVATOR].item("C03")
    assert c03.default_failure("ok").id == "C03-1"  # its only failure: kept, not dropped
    assert by_id["C02-1"].reinspection and not sign.reinspection


def test_measured_serious_limit_decides_the_class(forms):
    rope = forms[EquipmentKind.ELEVATOR].item("E09")
    assert measured_hazard(rope, 95) is None
    assert measured_hazard(rope, 88) is HazardClass.GENERAL
    assert rope.measured_failure(88).id == "E09-1"
    assert measured_hazard(rope, 63) is HazardClass.SERIOUS  # LEGAL-REVIEW §10
    assert rope.measured_failure(63).id == "E09-2" and rope.measured_failure(63).judged_by


INSPECTION_BODY_WORK = {
    EquipmentKind.ELEVATOR: ["E10", "E19", "E23"],
    EquipmentKind.ESCALATOR: ["ES20", "ES22", "ES23", "ES24"],
    EquipmentKind.BOILER: ["B04", "B05"],
    EquipmentKind.AMUSEMENT_RIDE: ["A19", "A20", "A21", "A22", "A23", "A24", "A25", "A26"],
}


@pytest.mark.parametrize("kind", list(INSPECTION_BODY_WORK))
def test_inspection_body_measurements_come_from_the_report(forms, kind):
    """LEGAL-REVIEW §5: balance factor, resistances, water quality, wear, stopping distance."""
    for item_id in INSPECTION_BODY_WORK[kind]:
        item = forms[kind].item(item_id)
        assert item.source == "inspection_report", item_id
        fact = item.failures[0].fact_zh
        assert "{report_no}" in fact and "{report_date}" in fact and "{value}" in fact, item_id


def test_escalators_cite_the_in_use_rules_not_the_manufacturing_standard(forms):
    cited = {c.code for i in forms[EquipmentKind.ESCALATOR].items for f in i.failures
             for c in (*f.violates, *f.judged_by)}  # fmt: skip
    assert "TSG T7001-2023" in cited and not any("16899" in c for c in cited)


def test_missing_items_of_the_review_are_there(forms):
    """LEGAL-REVIEW §6: self-testing, triangular key, safety director, ride weather stop, 96333."""
    lift = forms[EquipmentKind.ELEVATOR]
    assert "TSG T7008-2023" in lift.item("E29").text_zh
    assert "三角钥匙" in lift.item("E30").text_zh and lift.item("E30").scope == "unit"
    assert "96333" in lift.item("E31").text_zh and "sources.yaml" in lift.item("E31").guidance_zh
    assert "96333" not in lift.item("E06").text_zh
    director = lift.item("C18")
    assert "安全总监" in director.text_zh and "第74号" in director.guidance_zh
    assert "安全总监" not in lift.item("C07").text_zh
    assert "TSG T7008-2023" in forms[EquipmentKind.ESCALATOR].item("ES25").text_zh
    weather = forms[EquipmentKind.AMUSEMENT_RIDE].item("A28")
    assert "恶劣天气" in weather.text_zh and {f.hazard for f in weather.failures} == {
        HazardClass.GENERAL,
        HazardClass.SERIOUS,
    }


def test_maintenance_duties_are_addressed_to_the_maintenance_unit(forms):
    lift = forms[EquipmentKind.ELEVATOR]
    for failure_id in ("E02-1", "E05-2", "E13-1"):
        item = lift.item(failure_id.split("-")[0])
        assert item.failure(failure_id).addressee == "maintenance", failure_id
    assert lift.item("E05").failure("E05-1").addressee == "user"


# Every GB 45067 serious hazard DOMAIN.md §4 lists per kind, as keywords that must all appear in
# the Chinese text of one serious item. "Failed inspection" is the common item C02.
SERIOUS_KEYWORDS = {
    EquipmentKind.ELEVATOR: [
        ["门锁", "短接"],
        ["限速器", "安全钳", "联动"],
    ],
    EquipmentKind.ESCALATOR: [
        ["紧急停止"],
        ["扶手带", "400mm", "防碰撞"],
    ],
    EquipmentKind.BOILER: [
        ["检验不合格"],
        ["仪表", "电源"],
        ["安全阀"],
        ["报警"],
        ["低水位联锁"],
        ["超压联锁"],
        ["熄火保护"],
        ["主蒸汽管道", "主给水管道", "泄漏"],
        ["超压或者超温运行"],
    ],
    EquipmentKind.ROPEWAY: [
        ["检验不合格"],
        ["紧急停车"],
        ["门", "闭锁"],
        ["辅助驱动", "备用电源"],
        ["安全回路", "短接"],
        ["风速"],
    ],
    EquipmentKind.AMUSEMENT_RIDE: [
        ["检验不合格"],
        ["安全带", "安全压杠", "肩式压杠"],
        ["门锁"],
        ["制动"],
        ["限位"],
        ["防碰撞", "缓冲"],
        ["止逆"],
        ["限速"],
        ["裂纹", "变形", "焊缝", "螺栓"],
    ],
}


@pytest.mark.parametrize("kind", list(EquipmentKind))
def test_every_listed_serious_hazard_is_a_serious_item(forms, kind):
    serious = [i for i in forms[kind].items if i.hazard is HazardClass.SERIOUS]
    for words in SERIOUS_KEYWORDS[kind]:
        hits = [i.id for i in serious if all(w in i.text_zh for w in words)]
        assert hits, f"{kind}: no serious item mentions {words}"


# (item id, min, max) of the measurement items DOMAIN.md §4 lists.
MEASUREMENTS = {
    EquipmentKind.ELEVATOR: [
        ("E08", 5, 40),
        ("E09", 90, None),
        ("E10", 0.40, 0.50),
        ("E15", None, 6),
        ("E16", None, 10),
        ("E17", None, 30),
        ("E18", None, 45),
        ("E19", 7, None),
        ("E20", 5, None),
        ("E23", None, 110),
        ("E24", -10, 10),
    ],
    EquipmentKind.BOILER: [("B11", 1.5, 3.0)],
    EquipmentKind.ESCALATOR: [("ES16", None, 4), ("ES17", None, 7), ("ES18", None, 6)],
    EquipmentKind.ROPEWAY: [("R19", 90, None)],
    EquipmentKind.AMUSEMENT_RIDE: [
        ("A16", 30, None),
        ("A17", 1100, None),
        ("A18", None, 120),
        ("A19", None, 10),
        ("A20", 1, None),
        ("A21", None, 50),
        ("A22", None, 15),
        ("A23", None, 0.8),
        ("A24", None, 1),
        ("A25", None, 2.5),
        ("A26", None, 1),
        ("A27", 90, None),
    ],
}


@pytest.mark.parametrize("kind", list(EquipmentKind))
def test_listed_measurements(forms, kind):
    for item_id, low, high in MEASUREMENTS[kind]:
        m = forms[kind].item(item_id).measurement
        assert m is not None, item_id
        assert (m.min, m.max) == (low, high), item_id
        assert m.unit is not None


PENALTY_FROM = {"安全法": 74, "条例": 72, "57号令": 35}


@pytest.mark.parametrize("kind", list(EquipmentKind))
def test_item_policies(forms, kind):
    for item in forms[kind].items:
        assert re.search(r"[\u4e00-\u9fff]", item.text_zh)
        assert item.failures and not item.basis, item.id
        if item.hazard is HazardClass.SERIOUS:
            assert item.photo_required, item.id
            assert "重大事故隐患" in item.text_zh or item.id == "C13" or item.id == "C15", item.id
            assert item.deadline_days > 0
        else:
            assert item.deadline_days in (15, 30), item.id
        for failure in item.failures:
            where = failure.id
            assert failure.violates, where
            assert not failure.fact_zh.rstrip("。").endswith("不符合要求"), where
            assert "停止使用" not in failure.measure_zh, where
            for c in failure.violates:  # a duty, never a penalty article
                assert c.article is None or c.article < PENALTY_FROM.get(c.doc, 999), where
            for c in failure.penalty:
                assert c.article >= PENALTY_FROM[c.doc], where
            if failure.hazard is HazardClass.SERIOUS:
                assert any(c.is_statute for c in failure.violates), where
                assert failure.judged_by and failure.judged_by[0].code == "GB 45067-2024", where
                assert item.photo_required, where
            else:
                assert not failure.judged_by and not failure.reinspection, where
            for c in (*failure.violates, *failure.judged_by):
                if c.type in ("spec", "standard"):
                    assert c.clause and c.text().startswith("《"), where


# References DOMAIN.md marks [R] (or leaves unmarked) must never be presented as verified.
UNVERIFIED_SOURCES = (
    "TSG 08",
    "总局令第74号",
    "TSG 11",
    "GB 12352",
    "TSG S7001",
    "GB 16899",
    "GB/T 1576",
)
UNVERIFIED_LAW_ARTICLES = {"第五十七条", "第六十一条", "第六十二条", "第六十三条", "第六十五条",
                           "第六十六条", "第六十九条", "第八十三条", "第八十六条", "第八十七条",
                           "第八十八条", "第九十五条"}  # fmt: skip


def test_unverified_references_are_marked_r(forms):
    for form in forms.values():
        for item in form.items:
            for failure in item.failures:
                for c in (*failure.violates, *failure.judged_by, *failure.penalty):
                    text = c.text()
                    if any(s in (c.code or c.title) for s in UNVERIFIED_SOURCES) or c.doc in (
                        "74号令",
                        "TSG 08",
                        "TSG 11",
                        "GB 12352",
                        "GB/T 1576",
                        "TSG T7008",
                    ):
                        assert c.status == "R", (failure.id, text)
                    article = text.split("》")[1]
                    if c.doc == "安全法" and any(
                        article.startswith(a) for a in UNVERIFIED_LAW_ARTICLES
                    ):
                        assert c.status == "R", (failure.id, text)
                    if c.doc == "GB 45067":  # LEGAL-REVIEW §6: clause numbers not verified
                        assert c.status == "R", (failure.id, text)


# --- broken forms: file, line and message -------------------------------------------------------

BASE = """\
id: t
kind: elevator
title_zh: 测试表
title_en: Test form
version: "1"
include: [common.yaml]
sections:
  - id: T
    title_zh: 测试
    title_en: Test
    items:
      - id: T01
        text_zh: 检查门锁
        text_en: Check the lock
        basis: [{source: 特种设备安全法, clause: 第四十条, status: V}]
        hazard: general
        deadline_days: 15
        measurement: {unit: mm, min: 1, max: 6}
        failures:
          - id: T01-1
            when: out_of_range
            fact_zh: 门锁实测啮合长度为{value}，不符合{limit}的要求
            hazard: general
            violates: [{doc: 安全法, article: 39, paragraph: 1, status: V}]
            penalty: [{doc: 安全法, article: 83, item: 3, status: R}]
            measure_zh: 调整门锁
"""

SECOND_ITEM = """\
      - id: T01
        text_zh: 再次检查
        text_en: Again
        hazard: general
        failures:
          - {id: T01-2, fact_zh: 门锁损坏, hazard: general, measure_zh: 修复,
             violates: [{doc: 安全法, article: 39, status: V}]}
"""
_VIOLATES = "violates: [{doc: 安全法, article: 39, paragraph: 1, status: V}]"

BROKEN = [
    ("unknown key", "deadline_days: 15", "deadlines: 15", 17, "item 'T01': unknown key 'deadlines'"),
    ("missing zh", "        text_zh: 检查门锁\n", "", 12, "item 'T01': missing key 'text_zh'"),
    ("empty zh", "text_zh: 检查门锁", 'text_zh: ""', 13, "item 'T01': 'text_zh' must not be empty"),
    ("blank zh", "text_zh: 检查门锁", 'text_zh: "   "', 13, "item 'T01': 'text_zh' must not be empty"),
    ("zh not chinese", "text_zh: 检查门锁", "text_zh: check", 13,
     "item 'T01': 'text_zh' must be Chinese text (no Chinese characters found)"),
    ("inverted range", "min: 1, max: 6", "min: 9, max: 6", 18,
     "item 'T01': measurement range is inverted: min 9 is greater than max 6"),
    ("empty range", "{unit: mm, min: 1, max: 6}", "{unit: mm}", 18,
     "item 'T01': measurement range is empty: give 'min', 'max' or both"),
    ("unknown hazard", "hazard: general", "hazard: major", 16,
     "item 'T01': unknown hazard class 'major' (allowed: serious, general)"),
    ("negative deadline", "deadline_days: 15", "deadline_days: -1", 17,
     "item 'T01': 'deadline_days' must not be negative, got -1"),
    ("unknown kind", "kind: elevator", "kind: lift", 2, "unknown kind 'lift'"),
    ("missing kind", "kind: elevator\n", "", 1, "missing key 'kind'"),
    ("bad item id", "- id: T01", "- id: t01", 12, "item 't01': 'id' must start with a capital letter"),
    ("missing include", "include: [common.yaml]", "include: [nothere.yaml]", 6,
     "included file 'nothere.yaml' does not exist"),
    ("yaml syntax", "title_en: Test form", "title_en: [Test form", 5, "YAML syntax error"),
    ("bad indentation", "        hazard: general", "       hazard: general", 16, "YAML syntax error"),
    ("duplicate yaml key", "        hazard: general\n", "        hazard: general\n        hazard: serious\n",
     17, "duplicate key 'hazard'"),
    ("version not text", 'version: "1"', "version: 2026.1", 5, "'version' must be text"),
    ("bad status", "status: V}", "status: verified}", 15,
     "item 'T01': 'basis[0].status' must be 'V' or 'R', got 'verified'"),
    ("duplicate id in file", BASE.splitlines()[-1] + "\n", BASE.splitlines()[-1] + "\n" + SECOND_ITEM,
     len(BASE.splitlines()) + 1, "item 'T01': duplicate id (first at "),
    ("duplicate id from include", "- id: T01", "- id: C05", 12, "item 'C05': duplicate id (first at "),
    # legal checks (LEGAL-REVIEW §1, §2, §8)
    ("penalty article as a duty", "article: 39, paragraph: 1", "article: 84", 24,
     "item 'T01': failure 'T01-1': 《中华人民共和国特种设备安全法》第八十四条 is a penalty article"),
    ("duty under penalty", "article: 83, item: 3", "article: 40, item: 3", 25,
     "item 'T01': failure 'T01-1': 《中华人民共和国特种设备安全法》第四十条第（三）项 is not in the 法律责任"),
    ("serious with only the standard", "hazard: general\n            " + _VIOLATES,
     'hazard: serious\n            violates: [{doc: GB 45067, clause: "4.6", status: R}]', 24,
     "item 'T01': failure 'T01-1': a serious failure must name a duty of a law or regulation"),
    ("serious without judged_by", "hazard: general\n            " + _VIOLATES,
     "hazard: serious\n            " + _VIOLATES, 20,
     "item 'T01': failure 'T01-1': a serious failure needs 'judged_by'"),
    ("judged_by on a general failure", "penalty: [{doc: 安全法, article: 83, item: 3, status: R}]",
     'judged_by: [{doc: GB 45067, clause: "4.6", status: R}]', 25,
     "item 'T01': failure 'T01-1': 'judged_by' is for serious failures only"),
    ("standard without clause", _VIOLATES, "violates: [{doc: TSG T7001, status: R}]", 24,
     "item 'T01': failure 'T01-1': standard TSG T7001-2023 《电梯监督检验和定期检验规则》 cited without a clause"),
    ("law without article", _VIOLATES, "violates: [{doc: 安全法, status: V}]", 24,
     "item 'T01': failure 'T01-1': 《中华人民共和国特种设备安全法》 cited without an article"),
    ("unknown source", "doc: 安全法, article: 39", "doc: 安检法, article: 39", 24,
     "item 'T01': failure 'T01-1': unknown source '安检法'"),
    ("V citation of an R document", _VIOLATES, "violates: [{doc: 74号令, status: V}]", 24,
     "item 'T01': failure 'T01-1': '74号令' is marked R in the registry"),
    ("rule negated, no fact", "fact_zh: 门锁实测啮合长度为{value}，不符合{limit}的要求",
     "fact_zh: 门锁啮合长度不符合要求", 22,
     "item 'T01': failure 'T01-1': state what was found, not the rule followed by 不符合要求"),
    ("unknown placeholder", "为{value}", "为{floor}", 22,
     "item 'T01': failure 'T01-1': unknown placeholder '{floor}'"),
    ("report placeholder on an on-site item", "为{value}", "为{value}（{report_no}）", 22,
     "item 'T01': failure 'T01-1': '{report_no}' is only for items read from the inspection report"),
    ("stop-use written as a measure", "measure_zh: 调整门锁", "measure_zh: 立即停止使用并调整门锁", 26,
     "item 'T01': failure 'T01-1': stop-use is printed in its own block"),
    ("reinspection written as a measure", "measure_zh: 调整门锁", "measure_zh: 调整门锁，经检验合格后方可使用", 26,
     "item 'T01': failure 'T01-1': write 'reinspection: true'"),
    ("standard without 《》 in a free-text basis", "source: 特种设备安全法, clause: 第四十条",
     "source: GB 8408-2018 大型游乐设施安全规范, clause: 安全栅栏", 15,
     "item 'T01': standard cited without 《》: 'GB 8408-2018 大型游乐设施安全规范'"),
    ("failure id of another item", "- id: T01-1", "- id: X01-1", 20,
     "item 'T01': failure id 'X01-1' must start with 'T01-'"),
    ("serious limit without its failure", "{unit: mm, min: 1, max: 6}",
     "{unit: mm, min: 1, max: 6, serious_min: 0.5}", 18,
     "item 'T01': serious_min/serious_max given but no failure has 'when: serious_limit'"),
    ("serious limit inside the range", "{unit: mm, min: 1, max: 6}",
     "{unit: mm, min: 1, max: 6, serious_max: 5}", 18,
     "item 'T01': 'serious_max' must lie above 'max'"),
    ("no failures", BASE[BASE.index("        failures:"):], "", 12, "item 'T01': missing key 'failures'"),
]  # fmt: skip


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    shutil.copy(FORMS / "common.yaml", tmp_path / "common.yaml")
    shutil.copy(FORMS / "sources.yaml", tmp_path / "sources.yaml")
    return tmp_path


@pytest.mark.parametrize(("old", "new", "line", "message"), [c[1:] for c in BROKEN],
                         ids=[c[0] for c in BROKEN])  # fmt: skip
def test_broken_form_reports_file_line_message(sandbox, old, new, line, message):
    assert old in BASE
    path = _write(sandbox, "t.yaml", BASE.replace(old, new, 1))
    problems = check_form_files([path])
    expected = f"{path}:{line}: {message}"
    assert any(str(p).startswith(expected) for p in problems), "\n".join(map(str, problems))
    with pytest.raises(FormError) as raised:
        load_form(path)
    assert any(str(p).startswith(expected) for p in raised.value.problems)
    assert str(raised.value) == "\n".join(str(p) for p in raised.value.problems)


def test_base_sample_is_valid(sandbox):
    form = load_form(_write(sandbox, "t.yaml", BASE))
    assert [i.id for i in form.items] == [*COMMON_IDS, "T01"]


def test_duplicate_from_include_points_at_common(sandbox):
    path = _write(
        sandbox, "t.yaml", BASE.replace("- id: T01", "- id: C05").replace("T01-1", "C05-9")
    )
    (problem,) = check_form_files([path])
    common_line = (sandbox / "common.yaml").read_text(encoding="utf-8").splitlines().index(
        "      - id: C05"
    ) + 1
    assert problem.message.endswith(f"common.yaml:{common_line})")


def test_include_cycle(sandbox):
    fragment = "fragment: true\ninclude: [{other}]\nsections:\n  - id: {sid}\n    title_zh: 片段\n    title_en: F\n    items:\n      - {{id: {sid}1, text_zh: 检查, text_en: c, hazard: general, failures: [{{id: {sid}1-1, fact_zh: 损坏, hazard: general, measure_zh: 修复, violates: [{{doc: 安全法, article: 39, status: V}}]}}]}}\n"
    _write(sandbox, "a.yaml", fragment.format(other="b.yaml", sid="FA"))
    _write(sandbox, "b.yaml", fragment.format(other="a.yaml", sid="FB"))
    path = _write(sandbox, "t.yaml", BASE.replace("[common.yaml]", "[a.yaml]"))
    problems = check_form_files([path])
    assert any(p.line == 2 and p.message.startswith("include cycle:") and p.file.endswith("b.yaml")
               for p in problems), problems  # fmt: skip


def test_include_of_a_form_is_refused(sandbox):
    _write(sandbox, "other.yaml", BASE.replace("id: t", "id: other").replace("T01", "O01"))
    path = _write(sandbox, "t.yaml", BASE.replace("[common.yaml]", "[common.yaml, other.yaml]"))
    problems = check_form_files([path])
    assert [(p.line, p.message) for p in problems] == [
        (6, "included file 'other.yaml' is a form; only 'fragment: true' files can be included")
    ]


def test_broken_common_block_reported_once_per_run(sandbox):
    common = sandbox / "common.yaml"
    common.write_text(common.read_text(encoding="utf-8").replace("hazard: general", "hazard: minor", 1),
                      encoding="utf-8")  # fmt: skip
    _write(sandbox, "t.yaml", BASE)
    _write(
        sandbox, "u.yaml", BASE.replace("id: t", "id: u").replace("kind: elevator", "kind: boiler")
    )
    problems = check_form_files([sandbox])
    assert len(problems) == 1
    assert (
        problems[0].file.endswith("common.yaml")
        and "unknown hazard class 'minor'" in problems[0].message
    )


def test_sources_registry_is_checked_and_never_a_form(sandbox):
    sources = sandbox / "sources.yaml"
    assert check_form_files([sources]) == []
    with pytest.raises(FormError, match="sources registry"):
        load_form(sources)
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("penalty_articles: [74, 96]",
                                                    "penalty_articles: [96, 74]"),
        encoding="utf-8",
    )  # fmt: skip
    problems = check_form_files([sandbox])
    assert any(p.file.endswith("sources.yaml") and "penalty_articles" in p.message
               for p in problems), problems  # fmt: skip


def test_citations_print_as_drafted(forms):
    c02 = forms[EquipmentKind.ELEVATOR].item("C02").failure("C02-1")
    assert join_citations(c02.violates) == "《中华人民共和国特种设备安全法》第四十条第三款"
    assert (
        join_citations(c02.judged_by) == "《特种设备重大事故隐患判定准则》（GB 45067-2024）第4.1条"
    )
    assert join_citations(c02.penalty) == "《中华人民共和国特种设备安全法》第八十四条第（一）项"
    e02 = forms[EquipmentKind.ELEVATOR].item("E02").failure("E02-1")
    assert join_citations(e02.violates) == (
        "《特种设备安全监察条例》第三十一条第二款和《中华人民共和国特种设备安全法》第四十五条第二款"
    )
    assert [cn_number(n) for n in (1, 10, 14, 40, 84, 100, 101, 110, 999)] == [
        "一",
        "十",
        "十四",
        "四十",
        "八十四",
        "一百",
        "一百零一",
        "一百一十",
        "九百九十九",
    ]


def test_same_kind_twice_in_a_folder(sandbox):
    _write(sandbox, "t.yaml", BASE)
    _write(sandbox, "u.yaml", BASE.replace("id: t", "id: u"))
    problems = check_form_files([sandbox])
    assert len(problems) == 1 and "kind 'elevator' is already provided" in problems[0].message
    with pytest.raises(FormError):
        load_forms_dir(sandbox)


def test_missing_paths_and_empty_files(sandbox):
    empty = _write(sandbox, "empty.yaml", "")
    listing = _write(sandbox, "list.yaml", "- a\n- b\n")
    problems = check_form_files([sandbox / "nope.yaml", empty, listing])
    assert [p.message for p in problems] == [
        "no such file or directory",
        "file is empty",
        "top level must be a mapping of keys",
    ]


def test_form_problem_str():
    assert str(FormProblem("forms/x.yaml", 3, "boom")) == "forms/x.yaml:3: boom"
    assert str(FormProblem("forms/x.yaml", None, "boom")) == "forms/x.yaml: boom"


# --- versioning ---------------------------------------------------------------------------------


def test_hash_is_sha256_of_canonical_json(forms):
    for form in forms.values():
        text = form.to_canonical_json()
        assert form.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert text == json.dumps(
            json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        assert (
            "电梯" in text or "锅炉" in text or "索道" in text or "游乐" in text or "扶梯" in text
        )


def test_hash_stable_across_loads(forms):
    again = load_forms_dir(FORMS)
    assert {k: f.content_hash for k, f in again.items()} == {
        k: f.content_hash for k, f in forms.items()
    }


def test_round_trip(forms):
    for form in forms.values():
        copy = Form.from_canonical_json(form.to_canonical_json())
        assert copy == form
        assert copy.content_hash == form.content_hash
        assert [i.id for i in copy.items] == [i.id for i in form.items]
        assert copy.item("C01") == form.item("C01")


def test_hash_follows_content_not_layout(tmp_path):
    shutil.copytree(FORMS, tmp_path / "forms")
    before = load_forms_dir(tmp_path / "forms")
    boiler = tmp_path / "forms" / "boiler.yaml"
    boiler.write_text(
        "# a comment changes nothing\n" + boiler.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert load_form(boiler).content_hash == before[EquipmentKind.BOILER].content_hash

    common = tmp_path / "forms" / "common.yaml"
    common.write_text(
        common.read_text(encoding="utf-8").replace("显著位置", "醒目位置", 1), encoding="utf-8"
    )
    after = load_forms_dir(tmp_path / "forms")
    for kind in EquipmentKind:
        assert after[kind].content_hash != before[kind].content_hash


def test_pinned_json_survives_file_edits(tmp_path):
    shutil.copytree(FORMS, tmp_path / "forms")
    path = tmp_path / "forms" / "elevator.yaml"
    pinned = load_form(path).to_canonical_json()
    path.write_text(
        path.read_text(encoding="utf-8").replace("不大于6mm", "不大于5mm"), encoding="utf-8"
    )
    edited = load_form(path)
    old = Form.from_canonical_json(pinned)
    assert old.content_hash != edited.content_hash
    assert "不大于6mm" in old.item("E15").text_zh


def test_forms_are_immutable(forms):
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError on frozen models
        forms[EquipmentKind.BOILER].item("B08").hazard = HazardClass.GENERAL


def test_item_lookup(forms):
    form = forms[EquipmentKind.ROPEWAY]
    assert form.item("R08").section_id == "R-SAFE"
    with pytest.raises(KeyError):
        form.item("NOPE")


# --- judging measurements -----------------------------------------------------------------------


def _item(low, high) -> Item:
    return Item(
        id="X01", section_id="X", text_zh="测量", text_en="measure",
        basis=[{"source": "s", "status": "R"}], hazard=HazardClass.GENERAL, deadline_days=15,
        measurement=Measurement(unit="mm", min=low, max=high),
    )  # fmt: skip


def test_judge_boundaries(forms):
    lift = forms[EquipmentKind.ELEVATOR]
    assert judge_measurement(lift.item("E15"), 6) is Outcome.PASS
    assert judge_measurement(lift.item("E15"), 6.01) is Outcome.FAIL
    assert judge_measurement(lift.item("E19"), 7) is Outcome.PASS
    assert judge_measurement(lift.item("E19"), 6.9) is Outcome.FAIL
    assert judge_measurement(lift.item("E10"), 0.40) is Outcome.PASS
    assert judge_measurement(lift.item("E10"), 0.50) is Outcome.PASS
    assert judge_measurement(lift.item("E10"), 0.39) is Outcome.FAIL
    assert judge_measurement(lift.item("E10"), 0.51) is Outcome.FAIL
    assert judge_measurement(lift.item("E24"), -10) is Outcome.PASS
    assert judge_measurement(lift.item("E24"), -11) is Outcome.FAIL
    ride = forms[EquipmentKind.AMUSEMENT_RIDE]
    assert judge_measurement(ride.item("A17"), 1100) is Outcome.PASS
    assert judge_measurement(ride.item("A17"), 1099) is Outcome.FAIL
    assert judge_measurement(ride.item("A19"), 10) is Outcome.PASS
    assert judge_measurement(ride.item("A19"), 10.5) is Outcome.FAIL


def test_judge_refuses_nonsense(forms):
    lift = forms[EquipmentKind.ELEVATOR]
    with pytest.raises(ValueError):
        judge_measurement(lift.item("E12"), 1.0)
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            judge_measurement(lift.item("E15"), bad)


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)


@given(low=st.none() | finite, high=st.none() | finite, value=finite)
def test_judge_matches_inclusive_range(low, high, value):
    assume(low is not None or high is not None)
    assume(low is None or high is None or low <= high)
    expected = (low is None or value >= low) and (high is None or value <= high)
    assert (judge_measurement(_item(low, high), value) is Outcome.PASS) == expected


def test_measurement_rejects_bad_ranges():
    with pytest.raises(ValueError):
        Measurement(unit="mm")
    with pytest.raises(ValueError):
        Measurement(unit="mm", min=2, max=1)
    with pytest.raises(ValueError):
        Measurement(unit="mm", max=math.nan)


# --- applicability ------------------------------------------------------------------------------


def test_applicability_by_attributes(forms):
    lift = forms[EquipmentKind.ELEVATOR]
    ids = {i.id for i in applicable_items(lift, {"drive": "hydraulic", "usage": "goods"})}
    assert {"E14", "E16"} <= ids
    assert not {"E04", "E09", "E10", "E13", "E15"} & ids
    assert set(COMMON_IDS) <= ids
    traction = {i.id for i in applicable_items(lift, {"drive": "traction", "usage": "passenger",
                                                       "door_opening": "centre", "machine_room": "absent"})}  # fmt: skip
    assert {"E04", "E10", "E15", "E18"} <= traction
    assert not {"E08", "E14", "E16", "E17"} & traction


def test_missing_attributes_mean_applicable(forms):
    for form in forms.values():
        assert applicable_items(form, {}) == form.items
        assert applicable_items(form, {"drive": None}) == form.items


def test_list_and_bool_attributes(forms):
    ride = forms[EquipmentKind.AMUSEMENT_RIDE]
    belt = ride.item("A16")
    assert belt.applies_to({"restraint": ["lap_bar", "belt"]})
    assert not belt.applies_to({"restraint": ["lap_bar"]})
    flag = _item(0, 1).model_copy(update={"applies_when": {"heated": ["true"]}})
    assert flag.applies_to({"heated": True}) and not flag.applies_to({"heated": False})


def test_boiler_medium_and_fuel(forms):
    boiler = forms[EquipmentKind.BOILER]
    hot_water_coal = {
        i.id for i in applicable_items(boiler, {"medium": "hot_water", "fuel": "coal"})
    }
    assert not {"B04", "B05", "B13", "B15", "B17", "B23"} & hot_water_coal
    assert {"B08", "B14", "B16", "B19", "B20"} <= hot_water_coal
    steam_gas = {i.id for i in applicable_items(boiler, {"medium": "steam", "fuel": "gas"})}
    assert {"B04", "B13", "B15", "B17", "B23"} <= steam_gas


# --- layering -----------------------------------------------------------------------------------


def test_checklists_import_no_qt_or_sqlalchemy():
    code = (
        "import sys, inspector_app.checklists\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
