"""The policy files (policy/credit.yaml, policy/cases.yaml): the grading rule at its edges,
validation with file:line problems, and mutated files that are refused, never crash."""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from inspector_app.policy import PolicyError, load_case_rules, load_credit_rules
from inspector_app.policy.loader import check_policy_files, shipped_dir
from inspector_app.rules.credit import GRADES, grade_unit

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rules():
    return load_credit_rules(shipped_dir() / "credit.yaml")


def test_shipped_files_are_valid():
    assert check_policy_files([shipped_dir() / "credit.yaml", shipped_dir() / "cases.yaml"]) == []
    credit, cases = load_credit_rules(shipped_dir() / "credit.yaml"), load_case_rules(
        shipped_dir() / "cases.yaml")  # fmt: skip
    assert credit.version and len(credit.content_hash) == 64
    assert [b.grade for b in credit.bands] == list(GRADES)
    assert cases.version and cases.step("listed") is not None


# ------------------------------------------------------------------------ the rule's edges
def test_a_clean_unit_gets_the_best_grade_and_the_score_stays_at_most_100(rules):
    g = grade_unit({"inspections": 5, "clean_inspections": 5}, rules)
    assert (g.grade, g.score) == ("A", 100)
    assert g.reasons[0].startswith("加")  # the bonus is a reason even when clamped


def test_band_boundaries_are_inclusive(rules):
    # one rule with every band reachable by whole deductions of one point
    one = replace(rules, bonuses=(), caps=(), deductions=(
        replace(rules.deductions[1], points=1, max_points=100),))  # fmt: skip
    general = one.deductions[0].input
    for band in rules.bands:
        at = 100 - band.min_score
        assert grade_unit({"inspections": 1, general: at}, one).grade == band.grade, band
        if band.min_score > 0:
            below = grade_unit({"inspections": 1, general: at + 1}, one).grade
            assert GRADES.index(below) == GRADES.index(band.grade) + 1, band


def test_deductions_are_capped_and_the_score_never_below_zero(rules):
    serious = next(t for t in rules.deductions if t.input == "serious_findings")
    g = grade_unit({"inspections": 1, "serious_findings": 1000}, rules)
    assert f"扣{serious.max_points}分" in g.reasons[0]
    everything = {name: 1000 for name in ("serious_findings", "general_findings",
                  "overdue_rectifications", "not_corrected", "refusals", "cases", "seizures")}  # fmt: skip
    worst = grade_unit({"inspections": 1, **everything}, rules)
    assert (worst.score, worst.grade) == (0, "D")


def test_caps_override_the_score(rules):
    listed = grade_unit({"inspections": 3, "clean_inspections": 3, "blacklisted": 1}, rules)
    assert listed.score == 100 and listed.grade == "D"
    assert any("严重违法失信名单" in r for r in listed.reasons)
    open_case = grade_unit({"inspections": 3, "clean_inspections": 3, "open_cases": 1}, rules)
    assert open_case.grade == "C"
    # a cap never makes a grade better
    bad = grade_unit({"inspections": 1, "serious_findings": 10, "not_corrected": 10,
                      "open_cases": 1}, rules)  # fmt: skip
    assert bad.grade == "D"


def test_a_unit_without_inspections_gets_the_no_record_grade(rules):
    g = grade_unit({}, rules)
    assert g.grade == rules.no_record_grade and "无监督检查记录" in g.reasons[-1]


def test_unknown_inputs_are_a_programming_error(rules):
    broken = replace(rules, deductions=(replace(rules.deductions[0], input="nonsense"),))
    with pytest.raises(KeyError):
        grade_unit({"inspections": 1}, broken)


# ------------------------------------------------------------------------ validation
BROKEN = [
    ('version: "2026.1"', 'version: ""', "version"),
    ("  - {grade: B, min_score: 75", "  - {grade: B, min_score: 95", "min_score"),
    ("    input: serious_findings", "    input: serious_things", "serious_things"),
    ("    points: 6", "    points: -6", "points"),
    ("window_months: 24", "window_months: many", "window_months"),
]


@pytest.mark.parametrize(("old", "new", "named"), BROKEN)
def test_a_broken_credit_file_is_refused_with_file_and_line(tmp_path, old, new, named):
    text = (shipped_dir() / "credit.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "credit.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = check_policy_files([path])
    assert problems, (old, new)
    shown = "\n".join(str(p) for p in problems)
    assert "credit.yaml:" in shown and named in shown, shown
    with pytest.raises(PolicyError):
        load_credit_rules(path)


def test_credit_check_on_the_command_line(tmp_path):
    good = subprocess.run([sys.executable, "-m", "inspector_app.cli.main", "credit", "check"],
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert good.returncode == 0, good.stderr
    bad = tmp_path / "credit.yaml"
    bad.write_text("kind: credit_rules\nversion: 1\ngrades: nonsense\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "inspector_app.cli.main", "credit", "check",
                          str(bad)], capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert run.returncode == 1 and "credit.yaml:" in run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr


# ------------------------------------------------------------------------ fuzz
def _mutations(text: str, rng: random.Random, n: int):
    lines = text.splitlines(keepends=True)
    for _ in range(n):
        out = list(lines)
        for _step in range(rng.randint(1, 3)):
            i = rng.randrange(len(out))
            op = rng.randrange(5)
            if op == 0:
                del out[i]
            elif op == 1:
                out.insert(i, out[rng.randrange(len(out))])
            elif op == 2 and out[i].strip():
                j = rng.randrange(len(out[i]))
                out[i] = out[i][:j] + rng.choice(":-{}[]#'\"\t 0x9é") + out[i][j + 1 :]
            elif op == 3:
                out[i] = out[i].replace("  ", " ", 1)
            else:
                out[i] = out[i].replace(": ", ": 99999999999999999999", 1)
        yield "".join(out)


@pytest.mark.parametrize("name", ["credit.yaml", "cases.yaml"])
def test_mutated_policy_files_are_refused_never_crash(tmp_path, name):
    load = load_credit_rules if name == "credit.yaml" else load_case_rules
    text = (shipped_dir() / name).read_text(encoding="utf-8")
    rng = random.Random(11)
    path = tmp_path / name
    refused = 0
    for mutated in _mutations(text, rng, 150):
        path.write_text(mutated, encoding="utf-8")
        try:
            load(path)
        except PolicyError as exc:
            refused += 1
            assert exc.problems and all(name in str(p) for p in exc.problems)
    assert refused > 20  # the mutations do break files; each was said where
