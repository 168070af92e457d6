"""The rows of the home screen's lists, plain dataclasses (no SQLAlchemy import).

``core.worklist`` and ``core.documents_view`` fill them through the ORM;
``store.quickread`` fills the first page of each straight from SQLite while the
ORM is still loading at start-up (``ui/startup.py``). Both make the same rows
(``tests/test_quickread.py`` compares them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DUE_WINDOW_DAYS = 30


@dataclass(frozen=True)
class DueEquipment:
    id: str
    unit_id: str
    kind: str
    registration_code: str
    name: str
    unit_name: str
    next_inspection_due: dt.date | None
    unit_address: str = ""

    def overdue_days(self, today: dt.date) -> int:
        """Days past the periodic inspection date (0 when not yet due)."""
        due = self.next_inspection_due
        return (today - due).days if due is not None and due < today else 0


@dataclass(frozen=True)
class UnitRow:
    id: str
    name: str
    district: str
    venue_type: str
    priority: bool


@dataclass(frozen=True)
class OverdueFinding:
    id: str
    inspection_id: str
    unit_id: str
    unit_name: str
    item_id: str
    hazard: str
    description: str
    deadline: dt.date


@dataclass(frozen=True)
class UnfinishedInspection:
    id: str
    unit_id: str
    unit_name: str
    started_at: dt.datetime
    lead_officer: str
    answered: int


@dataclass(frozen=True)
class ConcludedInspection:
    id: str
    unit_id: str
    unit_name: str
    concluded_at: dt.datetime | None
    conclusion: str | None
    findings: int
    directive_number: str  # the directive in force ("" when none)


@dataclass(frozen=True)
class Totals:
    inspected: int  # equipment with a concluded inspection this year
    equipment: int  # equipment on the register (not scrapped, not deleted)


@dataclass(frozen=True)
class MyTask:
    """A task of the logged-in officer (我的任务): a unit to inspect for a plan or campaign."""

    id: str
    unit_id: str
    unit_name: str
    district: str
    address: str
    kinds: str  # comma-separated kinds ("" = every kind)
    source: str  # the plan's or the campaign's name
    due_on: dt.date
    partner: str  # the other officer of the pair
    state: str  # open | overdue | in_progress | done | cancelled
    inspection_id: str  # the inspection in progress, or the concluded one ("" if none)


def task_state(
    status: str, due_on: dt.date, today: dt.date, in_progress: str | None, done: str | None
) -> tuple[str, str]:
    """(state, inspection id) of a task from its row and its inspections."""
    if done:
        return "done", done
    if status == "cancelled":
        return "cancelled", ""
    if in_progress:
        return "in_progress", in_progress
    return ("overdue" if due_on < today else "open"), ""
