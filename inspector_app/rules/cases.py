"""挂牌督办: which hazards are proposed, and when each step of a case is due. Pure.

No SAMR rule specific to special equipment was found (domain/PLANNING.md): the
periods come from local work-safety practice and live in policy/cases.yaml as
office data, marked 待核实 there. Callers pass ``today`` and the working-day
calendar (rules/workdays.py); nothing here reads a clock or a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .workdays import WorkCalendar, add_working_days

SERIOUS_OVERDUE = "serious_overdue"  # a serious hazard open past its deadline
NOT_CORRECTED = "not_corrected"  # a directive the follow-up found not carried out
BASES = {SERIOUS_OVERDUE: "重大事故隐患逾期未整改", NOT_CORRECTED: "拒不执行指令书（复查仍未整改）"}
OPEN_FINDING_STATES = ("open", "rectified", "escalated")


@dataclass(frozen=True)
class StepRule:
    """One step of a case, due ``days`` (working or calendar) after ``after``."""

    kind: str
    label: str
    after: str = ""  # listed | deadline | requested | "" (no due date)
    days: int = 0
    working_days: bool = True


@dataclass(frozen=True)
class DocumentTexts:
    """What the escalation documents cite (office data; ``verified`` False: 待核实)."""

    report_basis: str
    notice_basis: str
    notice_copy_to: tuple[str, ...]
    police_basis: str
    police_offences: tuple[str, ...]
    police_attachments: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class CaseRules:
    version: str
    serious_overdue_days: int  # days past the deadline before a serious hazard is proposed
    propose_not_corrected: bool
    max_deadline_days: int  # a case's 时限 at most this far from listing
    extension_request_working_days: int  # an extension is asked at least this long before
    steps: tuple[StepRule, ...]
    documents: DocumentTexts | None = None
    verified: bool = False
    content_hash: str = ""

    def step(self, kind: str) -> StepRule | None:
        return next((s for s in self.steps if s.kind == kind), None)

    def label(self, kind: str) -> str:
        step = self.step(kind)
        return step.label if step is not None else kind


@dataclass(frozen=True)
class FindingFact:
    """What a proposal needs to know of a finding (read by core/cases.py)."""

    finding_id: str
    unit_id: str
    directive_id: str | None
    hazard: str
    status: str
    deadline: dt.date


@dataclass(frozen=True)
class Proposal:
    basis: str  # SERIOUS_OVERDUE | NOT_CORRECTED
    unit_id: str
    directive_id: str | None
    finding_ids: tuple[str, ...]
    since: dt.date  # the earliest deadline concerned

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.basis, self.unit_id, self.directive_id)


def proposals(
    facts: Iterable[FindingFact],
    *,
    today: dt.date,
    rules: CaseRules,
    under_case: frozenset[str] = frozenset(),
) -> list[Proposal]:
    """Findings that should go under 督办, grouped by directive (one case each).

    A serious hazard still open more than ``serious_overdue_days`` after its
    deadline, or any finding a follow-up found not corrected (escalated) when
    ``propose_not_corrected``. Findings already under an open case are left out.
    """
    groups: dict[tuple[str, str, str | None], list[FindingFact]] = {}
    limit = dt.timedelta(days=rules.serious_overdue_days)
    for f in facts:
        if f.finding_id in under_case or f.status not in OPEN_FINDING_STATES:
            continue
        if f.status == "escalated" and rules.propose_not_corrected:
            basis = NOT_CORRECTED
        elif f.hazard == "serious" and today - f.deadline > limit:
            basis = SERIOUS_OVERDUE
        else:
            continue
        groups.setdefault((basis, f.unit_id, f.directive_id), []).append(f)
    out = [
        Proposal(
            basis,
            unit,
            directive,
            tuple(sorted(x.finding_id for x in found)),
            min(x.deadline for x in found),
        )  # fmt: skip
        for (basis, unit, directive), found in groups.items()
    ]
    return sorted(out, key=lambda p: (p.since, p.basis, p.unit_id, p.directive_id or ""))


def step_due(
    step: StepRule,
    *,
    listed_on: dt.date,
    deadline: dt.date,
    requested_on: dt.date | None,
    calendar: WorkCalendar,
) -> dt.date | None:
    """The last day for ``step`` of a case, or None when it has no due date (yet)."""
    start = {"listed": listed_on, "deadline": deadline, "requested": requested_on}.get(step.after)
    if start is None:
        return None
    if step.working_days:
        return add_working_days(start, step.days, calendar).day
    return start + dt.timedelta(days=step.days)


def extension_request_by(deadline: dt.date, rules: CaseRules, calendar: WorkCalendar) -> dt.date:
    """The last day the unit may ask for more time: so many working days before the
    deadline (counted back over the same calendar)."""
    day, counted = deadline, 0
    while counted < rules.extension_request_working_days:
        day -= dt.timedelta(days=1)
        if calendar.is_workday(day):
            counted += 1
    return day


def five_in_place(measures: str, funds: str, deadline: dt.date | None, responsible: str,
                  emergency_plan: str) -> bool:  # fmt: skip
    """五到位: 措施、资金、时限、责任人、应急预案 all stated."""
    return all(x.strip() for x in (measures, funds, responsible, emergency_plan)) and bool(deadline)
