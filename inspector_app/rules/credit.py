"""Credit grading of user units and the 失信 list's candidates: pure, from inputs alone.

The seed's §(八) asks for graded, classified supervision "by risk and by how the
unit meets its duties". The rule is data (policy/credit.yaml, validated and
versioned by inspector_app/policy); this module only evaluates it, so an auditor
given a unit's inputs (stored with its grade) and the rule file re-runs the grade
by hand:

1. ``score = start_score + Σ bonuses − Σ deductions``, each term
   ``min(points × count, max_points)``, then clamped to 0–100;
2. the grade is the first band (best first) whose ``min_score`` the score reaches;
3. every cap whose input count reaches ``at_least`` makes the grade no better than
   the cap's grade (a listed unit is D whatever its score);
4. a unit with no inspection in the window gets ``no_record_grade``.

Every step that moved the score or the grade is a reason, in Chinese, in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: The inputs a rule may use, with what they count (the window is the rule's).
INPUTS: dict[str, str] = {
    "inspections": "监督检查次数",
    "clean_inspections": "未发现问题的检查次数",
    "serious_findings": "发现重大事故隐患项数",
    "general_findings": "发现一般隐患项数",
    "overdue_rectifications": "逾期整改项数（逾期后才整改或至今逾期未整改）",
    "not_corrected": "复查仍未整改项数（逾期未整改）",
    "serious_not_corrected": "复查仍未整改的重大事故隐患项数",
    "refusals": "拒绝在检查记录上签字次数",
    "cases": "挂牌督办案件数",
    "open_cases": "未销号的挂牌督办案件数",
    "seizures": "设备被查封、扣押台次",
    "police_referrals": "移送公安机关案件数",
    "blacklisted": "在严重违法失信名单上（1/0）",
}
GRADES = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Term:
    """A deduction or a bonus: ``points`` per counted thing, at most ``max_points``."""

    id: str
    input: str
    points: int
    max_points: int
    reason: str  # "{n}" the count, "{points}" the points taken or given

    def points_for(self, count: int) -> int:
        return min(self.points * max(count, 0), self.max_points)


@dataclass(frozen=True)
class Band:
    grade: str
    min_score: int
    label: str
    sampling_weight: float  # relative draw weight in the annual plan (issue 10)


@dataclass(frozen=True)
class Cap:
    id: str
    input: str
    at_least: int
    grade: str  # the best grade allowed when the input reaches ``at_least``
    reason: str


@dataclass(frozen=True)
class CandidateRule:
    """When a unit is a candidate for the 严重违法失信名单 (总局令第44号)."""

    id: str
    article: str  # the article relied on, e.g. 第十条
    text: str  # what the candidate is listed for, shown to the supervisor
    requires: tuple[tuple[str, int], ...]  # every (input, at least) must hold
    verified: bool  # False: marked 待核实 wherever shown
    listing_years: int  # the listing period (届满移出)


@dataclass(frozen=True)
class CreditRules:
    version: str
    title: str
    window_months: int
    start_score: int
    deductions: tuple[Term, ...]
    bonuses: tuple[Term, ...]
    bands: tuple[Band, ...]  # best first
    caps: tuple[Cap, ...]
    no_record_grade: str
    candidates: tuple[CandidateRule, ...]
    content_hash: str = ""  # SHA-256 of the rule file's bytes (recorded with each grade)

    def band(self, grade: str) -> Band:
        return next(b for b in self.bands if b.grade == grade)


@dataclass(frozen=True)
class Grade:
    grade: str
    score: int
    label: str
    reasons: tuple[str, ...]


def _count(inputs: Mapping[str, int], name: str) -> int:
    if name not in INPUTS:
        raise KeyError(f"unknown credit input {name!r}")
    return int(inputs.get(name, 0) or 0)


def _worse(a: str, b: str) -> str:
    return a if GRADES.index(a) >= GRADES.index(b) else b


def grade_unit(inputs: Mapping[str, int], rules: CreditRules) -> Grade:
    """The grade ``rules`` give a unit with these counts, and why."""
    reasons: list[str] = []
    score = rules.start_score
    for term in rules.bonuses:
        n = _count(inputs, term.input)
        if n > 0 and (points := term.points_for(n)):
            score += points
            reasons.append(f"加{points}分：" + term.reason.format(n=n, points=points))
    for term in rules.deductions:
        n = _count(inputs, term.input)
        if n > 0 and (points := term.points_for(n)):
            score -= points
            reasons.append(f"扣{points}分：" + term.reason.format(n=n, points=points))
    score = max(0, min(100, score))
    band = next((b for b in rules.bands if score >= b.min_score), rules.bands[-1])
    grade = band.grade
    reasons.append(f"得分{score}，对应{band.grade}级（{band.label}，不低于{band.min_score}分）")
    for cap in rules.caps:
        n = _count(inputs, cap.input)
        if n >= cap.at_least and _worse(grade, cap.grade) != grade:
            grade = cap.grade
            reasons.append(f"定为{grade}级：" + cap.reason.format(n=n))
    if _count(inputs, "inspections") == 0 and _worse(grade, rules.no_record_grade) != grade:
        grade = rules.no_record_grade
        reasons.append(f"定为{grade}级：近{rules.window_months}个月无监督检查记录，信用状况待评估")
    return Grade(grade, score, rules.band(grade).label, tuple(reasons))


def sampling_weight(grade: str, rules: CreditRules) -> float:
    """How much more (or less) often a unit of this grade is drawn in the annual plan."""
    return rules.band(grade).sampling_weight


def blacklist_candidates(
    inputs: Mapping[str, int], rules: CreditRules
) -> list[tuple[CandidateRule, str]]:
    """The candidate rules a unit meets, each with the facts stated in Chinese.

    A candidate is only a proposal: listing needs a supervisor's confirmation with
    a reason and the heavier penalty decision it rests on (core/blacklist.py).
    """
    found = []
    for rule in rules.candidates:
        counts = [(name, _count(inputs, name), least) for name, least in rule.requires]
        if all(n >= least for _name, n, least in counts):
            facts = "；".join(f"{INPUTS[name]}{n}" for name, n, _least in counts)
            mark = "" if rule.verified else "（规则待核实）"
            found.append((rule, f"{rule.text}{mark}：{facts}"))
    return found
