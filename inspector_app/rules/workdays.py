"""Counting working days (工作日) for deadlines the law sets in working days.

总局令第57号 Art 29: the bureau re-inspects within 10 working days of receiving
the unit's rectification report. Working days follow the State Council's
holiday arrangement: weekends are off except the make-up working Saturdays and
Sundays (调休), public holidays are off. The calendar is data (core/workdays.py
fills it from the ``chinese_calendar`` package and the office's override file);
this module only counts, and says when it had to guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

REINSPECTION_WORKING_DAYS = 10  # 总局令第57号 第二十九条


@dataclass(frozen=True)
class WorkCalendar:
    """Holidays and make-up working days for the years it knows.

    A day of an unknown year is judged by weekends alone, and the caller is
    told so: a public holiday there would otherwise be counted as a working day.
    """

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()  # weekend days that are worked (调休)
    known_years: frozenset[int] = frozenset()

    def knows(self, year: int) -> bool:
        return year in self.known_years

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def with_overrides(
        self, *, holidays: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()
    ) -> WorkCalendar:
        """The office's local adjustments win over the national calendar."""
        holidays, workdays = frozenset(holidays), frozenset(workdays)
        return WorkCalendar(
            holidays=(self.holidays - workdays) | holidays,
            workdays=(self.workdays - holidays) | workdays,
            known_years=self.known_years,
        )


@dataclass(frozen=True)
class WorkdayResult:
    day: dt.date
    #: Years whose holidays were unknown, so only weekends were skipped there.
    guessed_years: tuple[int, ...] = field(default=())

    @property
    def warning(self) -> str:
        if not self.guessed_years:
            return ""
        years = "、".join(str(y) for y in self.guessed_years)
        return f"{years}年的节假日安排未知，按仅排除周末计算，请核对"


def add_working_days(start: dt.date, days: int, calendar: WorkCalendar) -> WorkdayResult:
    """The ``days``-th working day after ``start`` (the start day itself is not counted).

    "Within 10 working days of receipt": receipt on Friday → counting starts on
    the next working day, and the 10th working day is the last permitted day.
    """
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    guessed: set[int] = set()
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if not calendar.knows(day.year):
            guessed.add(day.year)
        if calendar.is_workday(day):
            counted += 1
    return WorkdayResult(day, tuple(sorted(guessed)))


def reinspection_due(report_received: dt.date, calendar: WorkCalendar) -> WorkdayResult:
    """Last day for the re-inspection after the unit's rectification report (57号令 Art 29)."""
    return add_working_days(report_received, REINSPECTION_WORKING_DAYS, calendar)
