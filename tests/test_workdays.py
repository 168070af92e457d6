"""Working days for the re-inspection deadline (总局令第57号 Art 29): the State Council
holiday calendar, a weekends-only fallback that says so, and the office's override file."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector_app.core import workdays as core
from inspector_app.core.errors import UserError
from inspector_app.rules.workdays import WorkCalendar, add_working_days, reinspection_due

D = dt.date


def test_national_calendar_knows_holidays_and_makeup_days():
    cal = core.national_calendar()
    assert cal.knows(2026) and not cal.is_workday(D(2026, 10, 1))
    assert cal.is_workday(D(2026, 10, 10))  # Saturday worked (调休)
    assert not cal.is_workday(D(2026, 10, 11))


def test_ten_working_days_across_national_day():
    result = reinspection_due(D(2026, 9, 28), core.national_calendar())
    assert result.day == D(2026, 10, 16) and result.warning == ""


def test_unknown_year_falls_back_to_weekends_and_warns():
    cal = core.national_calendar()
    year = max(cal.known_years) + 1
    start = D(year, 1, 5)
    result = add_working_days(start, 10, cal)
    assert result.guessed_years == (year,) and f"{year}年" in result.warning
    assert all(cal.is_workday(start + dt.timedelta(days=k)) or (start + dt.timedelta(days=k)).weekday() >= 5
               for k in range(1, 15))  # fmt: skip
    assert result.day.weekday() < 5


def test_counting_never_starts_on_the_day_itself_and_zero_is_the_day():
    cal = WorkCalendar()
    assert add_working_days(D(2030, 1, 4), 0, cal).day == D(2030, 1, 4)  # a Friday
    assert add_working_days(D(2030, 1, 4), 1, cal).day == D(2030, 1, 7)  # → Monday
    with pytest.raises(ValueError):
        add_working_days(D(2030, 1, 4), -1, cal)


def test_office_override_file(tmp_path, monkeypatch):
    path = tmp_path / "workdays.yaml"
    path.write_text("holidays: [2026-10-08, 2026-10-09]\nworkdays: [2026-10-11]\n"
                    "known_years: [2031]\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setenv(core.OVERRIDE_ENV, str(path))
    cal = core.load_calendar()
    assert not cal.is_workday(D(2026, 10, 8)) and cal.is_workday(D(2026, 10, 11))
    assert cal.knows(2031)
    # 29, 30 Sep; 10, 11 (local working Sunday), 12-16 Oct: the 9th is the 16th, the 10th the 19th.
    assert core.reinspection_deadline(D(2026, 9, 28)).day == D(2026, 10, 19)


@pytest.mark.parametrize(
    "content",
    ["holidays: 2026-10-08\n", "workdays: [tomorrow]\n", "known_years: [x]\n", "- a\n",
     "colours: [red]\n", "holidays: [2026-10-08\n", "\x00\x01"],
)  # fmt: skip
def test_bad_override_file_is_refused_with_its_name(tmp_path, content):
    path = tmp_path / "workdays.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match="workdays.yaml"):
        core.load_calendar(path)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_override_file_fuzz_never_crashes(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "workdays.yaml"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(UserError):  # a clear refusal is fine; anything else is not
        core.load_calendar(path)


@given(st.dates(min_value=D(2005, 1, 1), max_value=D(2030, 12, 31)), st.integers(0, 40))
def test_result_is_a_working_day_after_the_start(start, days):
    cal = core.national_calendar()
    result = add_working_days(start, days, cal)
    assert result.day >= start
    if days:
        assert cal.is_workday(result.day) and result.day > start
