"""What an inspection concludes, when findings fall due and when equipment needs inspecting.

These rules are shared by the desktop app, the CLI and the sync server so that a
supervisor's dashboard and the inspector's laptop never disagree about whether a
unit must stop using its equipment or whether a directive is overdue. Nothing here
reads the clock: callers pass ``today``, which keeps the rules testable and lets a
laptop with a wrong clock be corrected in one place.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from inspector_app.rules.enums import (
    Conclusion,
    EquipmentKind,
    FindingStatus,
    HazardClass,
    Outcome,
)

# ------------------------------------------------------------------ conclusion


def _outcome_and_hazard(result: Any) -> tuple[Outcome | None, HazardClass | None]:
    """Accept ORM rows, dataclasses or plain ``(outcome, hazard)`` tuples alike."""
    if hasattr(result, "outcome"):
        outcome, hazard = result.outcome, getattr(result, "hazard", None)
    else:
        outcome, hazard = result
    return (
        None if outcome is None else Outcome(outcome),
        None if hazard is None else HazardClass(hazard),
    )


def _failed_hazard(outcome: Outcome | None, hazard: HazardClass | None) -> HazardClass | None:
    if outcome is not Outcome.FAIL:
        return None
    if hazard is None:
        # Guessing GENERAL could let a serious hazard through without a stop order,
        # so a failed item must carry its class (every checklist item has a default).
        raise ValueError("a failed item needs a hazard class (serious or general)")
    return hazard


def conclude(results: Iterable[Any]) -> Conclusion:
    """STOP_USE if any failed item is serious, RECTIFY if any is general, else PASS.

    ``hazard`` is the *effective* class: the officer may re-class an item on site, and
    it is that decision the directive and the conclusion must follow (办法 Art 23).
    Unanswered items (outcome None) do not change the conclusion; whether an
    inspection may be concluded with gaps is the caller's rule, not this one.
    """
    failed = {_failed_hazard(*_outcome_and_hazard(r)) for r in results}
    if HazardClass.SERIOUS in failed:
        return Conclusion.STOP_USE
    if HazardClass.GENERAL in failed:
        return Conclusion.RECTIFY
    return Conclusion.PASS


@dataclass(frozen=True, slots=True)
class Summary:
    total: int = 0
    answered: int = 0
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0
    serious: int = 0  # failed items whose effective class is serious
    general: int = 0

    @property
    def unanswered(self) -> int:
        return self.total - self.answered


def summarise(results: Iterable[Any]) -> Summary:
    """Counts shown on the record and the supervisor's statistics."""
    counts = dict.fromkeys(("total", "answered", "passed", "failed", "not_applicable"), 0)
    counts |= {"serious": 0, "general": 0}
    for result in results:
        outcome, hazard = _outcome_and_hazard(result)
        counts["total"] += 1
        if outcome is None:
            continue
        counts["answered"] += 1
        if outcome is Outcome.PASS:
            counts["passed"] += 1
        elif outcome is Outcome.NOT_APPLICABLE:
            counts["not_applicable"] += 1
        else:
            counts["failed"] += 1
            counts[_failed_hazard(outcome, hazard).value] += 1
    return Summary(**counts)


# ------------------------------------------------------------------ findings


def finding_deadline(*, found_on: date, hazard: HazardClass, default_days: int) -> date:
    """Date by which the unit must have corrected a finding.

    General hazards: the item's editable default (practice is 15 days, 30 where works or
    a re-inspection are needed). Serious hazards get the same kind of dated deadline:
    the stop order takes effect at once and is not a deadline, but the directive still
    needs a date by which the hazard is eliminated and the follow-up (复查) is due; the
    equipment stays out of use until then.
    """
    HazardClass(hazard)  # reject anything that is not a hazard class
    if default_days < 0:
        raise ValueError(f"default_days must not be negative, got {default_days}")
    return found_on + timedelta(days=default_days)


def finding_overdue(deadline: date, status: FindingStatus, today: date) -> bool:
    """Open past its deadline: the trigger for escalation to a penalty case.

    The deadline day itself still belongs to the unit ("于　年　月　日前"). A finding the
    unit reports RECTIFIED is waiting for verification, not overdue.
    """
    return FindingStatus(status) is FindingStatus.OPEN and today > deadline


# ------------------------------------------------------------------ periodic inspections


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's end (Jan 31 + 1 → Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """Same date ``years`` later; Feb 29 becomes Feb 28 in a common year."""
    return add_months(day, 12 * years)


# Months between periodic inspections (DOMAIN.md §7). Boiler internal inspections are
# every two years; the yearly one is the external (operating-state) inspection.
INSPECTION_INTERVAL_MONTHS = {
    EquipmentKind.ELEVATOR: 12,
    EquipmentKind.ESCALATOR: 12,
    EquipmentKind.BOILER: 12,
    EquipmentKind.ROPEWAY: 12,
    EquipmentKind.AMUSEMENT_RIDE: 12,
}
BOILER_INTERNAL_INTERVAL_MONTHS = 24
ROPEWAY_FULL_INTERVAL_MONTHS = 36
BRAKE_TEST_INTERVAL_MONTHS = 72  # 125% rated-load brake test, traction passenger lifts
APPLICATION_LEAD_MONTHS = 1  # 特种设备安全法 Art 40


def next_inspection_due(
    kind: EquipmentKind, last_inspection: date, *, internal: bool = False
) -> date:
    """Due date of the next periodic inspection after ``last_inspection``.

    ``internal`` asks for a boiler's internal inspection; other kinds have no such
    split, and asking for one is a programming error rather than a silent default.
    """
    kind = EquipmentKind(kind)
    if internal:
        if kind is not EquipmentKind.BOILER:
            raise ValueError(f"only boilers have internal inspections, not {kind.value}")
        return add_months(last_inspection, BOILER_INTERNAL_INTERVAL_MONTHS)
    return add_months(last_inspection, INSPECTION_INTERVAL_MONTHS[kind])


def next_full_ropeway_inspection(last_full: date) -> date:
    """Ropeways: annual inspection yearly, full (全面) inspection every three years."""
    return add_months(last_full, ROPEWAY_FULL_INTERVAL_MONTHS)


def brake_test_due(last_test: date) -> date:
    """125% brake test of traction passenger lifts every six years."""
    return add_months(last_test, BRAKE_TEST_INTERVAL_MONTHS)


def application_due(next_due: date) -> date:
    """Last day to apply for the periodic inspection: one month before expiry (Art 40)."""
    return add_months(next_due, -APPLICATION_LEAD_MONTHS)


class InspectionDueStatus(StrEnum):
    NEVER_INSPECTED = "never_inspected"
    OK = "ok"
    DUE_SOON = "due_soon"  # the application deadline has come: apply now
    OVERDUE = "overdue"  # expired: using it counts as using uninspected equipment


INSPECTION_DUE_STATUS_ZH = {
    InspectionDueStatus.NEVER_INSPECTED: "无检验记录",
    InspectionDueStatus.OK: "检验有效",
    InspectionDueStatus.DUE_SOON: "即将到期",
    InspectionDueStatus.OVERDUE: "超期未检",
}


def inspection_status(next_due: date | None, today: date) -> InspectionDueStatus:
    """Where a piece of equipment stands against its periodic inspection.

    DUE_SOON from the application deadline (one month before, which is what the unit is
    held to under Art 40) through the due date itself; OVERDUE from the day after.
    """
    if next_due is None:
        return InspectionDueStatus.NEVER_INSPECTED
    if today > next_due:
        return InspectionDueStatus.OVERDUE
    if today >= application_due(next_due):
        return InspectionDueStatus.DUE_SOON
    return InspectionDueStatus.OK


OVERDUE_IS_SERIOUS = True


def overdue_hazard() -> HazardClass:
    """Using equipment past its inspection date is using uninspected equipment, a
    serious hazard that stops use (特种设备安全法 Art 40, 84; GB 45067 §4.1)."""
    return HazardClass.SERIOUS
