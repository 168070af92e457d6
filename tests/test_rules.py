from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.rules.enums import (
    Conclusion,
    EquipmentKind,
    FindingStatus,
    HazardClass,
    Outcome,
)
from inspector_app.rules.judgement import (
    OVERDUE_IS_SERIOUS,
    InspectionDueStatus,
    Summary,
    add_months,
    add_years,
    application_due,
    brake_test_due,
    conclude,
    finding_deadline,
    finding_overdue,
    inspection_status,
    next_full_ropeway_inspection,
    next_inspection_due,
    overdue_hazard,
    summarise,
)

P, F, NA = Outcome.PASS, Outcome.FAIL, Outcome.NOT_APPLICABLE
S, G = HazardClass.SERIOUS, HazardClass.GENERAL


@dataclass
class Row:  # stands in for an ORM result row
    outcome: Outcome | None
    hazard: HazardClass | None


# ----------------------------------------------------------------- conclude / summarise


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([], Conclusion.PASS),
        ([(P, S), (NA, S), (P, G)], Conclusion.PASS),
        ([(P, S), (F, G)], Conclusion.RECTIFY),
        ([(F, G), (F, S), (P, None)], Conclusion.STOP_USE),
        ([(None, S), (P, None)], Conclusion.PASS),  # unanswered does not decide
        ([("fail", "general")], Conclusion.RECTIFY),  # stored string tokens
    ],
)
def test_conclude(results, expected):
    assert conclude(results) is expected
    assert conclude(Row(*r) for r in results) is expected


def test_officer_reclassification_is_what_counts():
    # A default-serious item the officer downgrades to general does not stop use.
    assert conclude([Row(F, G)]) is Conclusion.RECTIFY
    assert conclude([Row(F, S)]) is Conclusion.STOP_USE


def test_failed_item_without_hazard_class_is_an_error():
    with pytest.raises(ValueError, match="hazard class"):
        conclude([(F, None)])
    with pytest.raises(ValueError):
        summarise([(F, None)])


outcomes = st.sampled_from([P, F, NA, None])
hazards = st.sampled_from([S, G])
result_lists = st.lists(st.tuples(outcomes, hazards), max_size=30)


@given(result_lists, st.randoms(use_true_random=False))
def test_conclude_is_order_independent(results, rnd):
    shuffled = list(results)
    rnd.shuffle(shuffled)
    assert conclude(shuffled) is conclude(results)
    assert summarise(shuffled) == summarise(results)


@given(result_lists)
def test_stop_use_iff_any_serious_fail(results):
    any_serious = any(o is F and h is S for o, h in results)
    any_general = any(o is F and h is G for o, h in results)
    conclusion = conclude(results)
    assert (conclusion is Conclusion.STOP_USE) == any_serious
    assert (conclusion is Conclusion.RECTIFY) == (any_general and not any_serious)
    assert (conclusion is Conclusion.PASS) == (not any_serious and not any_general)


@given(result_lists)
def test_summary_counts_add_up(results):
    s = summarise(results)
    assert s.total == len(results)
    assert s.answered == s.passed + s.failed + s.not_applicable
    assert s.failed == s.serious + s.general
    assert s.unanswered == sum(o is None for o, _ in results)


def test_summary_example():
    rows = [Row(P, S), Row(F, S), Row(F, G), Row(F, G), Row(NA, G), Row(None, G)]
    assert summarise(rows) == Summary(
        total=6, answered=5, passed=1, failed=3, not_applicable=1, serious=1, general=2
    )
    assert summarise([]) == Summary()


# ----------------------------------------------------------------- findings


def test_finding_deadline():
    found = date(2026, 3, 20)
    assert finding_deadline(found_on=found, hazard=G, default_days=15) == date(2026, 4, 4)
    assert finding_deadline(found_on=found, hazard=S, default_days=30) == date(2026, 4, 19)
    assert finding_deadline(found_on=found, hazard=G, default_days=0) == found
    # Crosses Feb 29 of a leap year.
    assert finding_deadline(found_on=date(2028, 2, 20), hazard=G, default_days=15) == date(
        2028, 3, 6
    )
    with pytest.raises(ValueError):
        finding_deadline(found_on=found, hazard=G, default_days=-1)
    with pytest.raises(ValueError):
        finding_deadline(found_on=found, hazard="minor", default_days=15)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "today", "expected"),
    [
        (FindingStatus.OPEN, date(2026, 4, 4), False),  # deadline day still allowed
        (FindingStatus.OPEN, date(2026, 4, 5), True),
        (FindingStatus.OPEN, date(2026, 3, 1), False),
        (FindingStatus.RECTIFIED, date(2026, 5, 1), False),
        (FindingStatus.CLOSED, date(2026, 5, 1), False),
        (FindingStatus.ESCALATED, date(2026, 5, 1), False),
        ("open", date(2026, 5, 1), True),
    ],
)
def test_finding_overdue(status, today, expected):
    assert finding_overdue(date(2026, 4, 4), status, today) is expected


# ----------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 31), 72, date(2032, 5, 31)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_add_years_from_feb_29():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "kind",
    [
        EquipmentKind.ELEVATOR,
        EquipmentKind.ESCALATOR,
        EquipmentKind.BOILER,
        EquipmentKind.ROPEWAY,
        EquipmentKind.AMUSEMENT_RIDE,
    ],
)
def test_yearly_periodic_inspection(kind):
    assert next_inspection_due(kind, date(2026, 6, 10)) == date(2027, 6, 10)
    assert next_inspection_due(kind, date(2024, 2, 29)) == date(2025, 2, 28)


def test_boiler_internal_every_two_years():
    assert next_inspection_due(EquipmentKind.BOILER, date(2026, 6, 10), internal=True) == date(
        2028, 6, 10
    )
    assert next_inspection_due("boiler", date(2026, 2, 28), internal=True) == date(2028, 2, 28)
    with pytest.raises(ValueError, match="only boilers"):
        next_inspection_due(EquipmentKind.ELEVATOR, date(2026, 6, 10), internal=True)


def test_ropeway_full_inspection_and_brake_test():
    assert next_full_ropeway_inspection(date(2026, 6, 10)) == date(2029, 6, 10)
    assert next_full_ropeway_inspection(date(2024, 2, 29)) == date(2027, 2, 28)
    assert brake_test_due(date(2020, 9, 1)) == date(2026, 9, 1)
    assert brake_test_due(date(2024, 2, 29)) == date(2030, 2, 28)


def test_application_due_one_month_before():
    assert application_due(date(2027, 6, 10)) == date(2027, 5, 10)
    assert application_due(date(2027, 3, 31)) == date(2027, 2, 28)
    assert application_due(date(2028, 3, 31)) == date(2028, 2, 29)
    assert application_due(date(2027, 1, 15)) == date(2026, 12, 15)


# ----------------------------------------------------------------- inspection status

DUE = date(2027, 6, 10)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 5, 9), InspectionDueStatus.OK),
        (date(2027, 5, 10), InspectionDueStatus.DUE_SOON),  # application day
        (DUE, InspectionDueStatus.DUE_SOON),  # last valid day
        (date(2027, 6, 11), InspectionDueStatus.OVERDUE),
        (date(2030, 1, 1), InspectionDueStatus.OVERDUE),
    ],
)
def test_inspection_status(today, expected):
    assert inspection_status(DUE, today) is expected


def test_never_inspected_and_overdue_is_serious():
    assert inspection_status(None, date(2027, 1, 1)) is InspectionDueStatus.NEVER_INSPECTED
    assert overdue_hazard() is HazardClass.SERIOUS
    assert OVERDUE_IS_SERIOUS is True


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(-400, 400))
def test_status_is_monotonic_in_time(due, offset):
    order = [InspectionDueStatus.OK, InspectionDueStatus.DUE_SOON, InspectionDueStatus.OVERDUE]
    today = date.fromordinal(due.toordinal() + offset)
    later = date.fromordinal(today.toordinal() + 1)
    assert order.index(inspection_status(due, today)) <= order.index(inspection_status(due, later))
