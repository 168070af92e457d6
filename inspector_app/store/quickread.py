"""The first page of every home list, read with the standard ``sqlite3`` module.

Importing SQLAlchemy and the models takes about half a second, most of a cold
start. The home screen's first pages are a handful of indexed queries, so the
start-up reads them here, straight from the SQLite file (read-only, no
SQLAlchemy), shows them, and loads the ORM behind the shown screen. The
statements mirror ``core.worklist`` and ``core.documents_view`` row for row
(``tests/test_quickread.py`` compares both on the same database).

Only an up-to-date SQLite file qualifies: a database that needs migrating, a
PostgreSQL URL or anything unexpected returns None and the start-up takes the
ordinary path.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .home_rows import (
    DUE_WINDOW_DAYS,
    ConcludedInspection,
    DueEquipment,
    OverdueFinding,
    Totals,
    UnfinishedInspection,
    UnitRow,
)
from .revisions import declared_head


@dataclass
class FirstPage:
    officer: tuple[str, str, str] | None  # (id, name, role) of the first officer
    unfinished: list[UnfinishedInspection] = field(default_factory=list)
    due: list[DueEquipment] = field(default_factory=list)
    never: list[UnitRow] = field(default_factory=list)
    overdue: list[OverdueFinding] = field(default_factory=list)
    concluded: list[ConcludedInspection] = field(default_factory=list)
    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)  # the five tabs' totals
    totals: Totals = Totals(0, 0)
    time_zone: str = ""  # the office setting ("" for the default)


def _utc(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text is not None else None


def _moment(value: dt.datetime) -> str:
    """As the ORM binds a time on SQLite: naive UTC, microseconds always written."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def open_readonly(path: Path) -> sqlite3.Connection | None:
    """The database file opened read-only, if it is there and needs no migration."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    if revision is None or revision[0] != declared_head():
        conn.close()
        return None
    return conn


_UNFINISHED = """
    FROM inspections i JOIN units u ON u.id = i.unit_id
    WHERE i.deleted = 0 AND i.status = 'in_progress'"""
_DUE = """
    FROM equipment e JOIN units u ON u.id = e.unit_id
    WHERE e.deleted = 0 AND e.status = 'in_use' AND e.next_inspection_due IS NOT NULL
      AND e.next_inspection_due <= :due_by"""
_NEVER = """
    FROM units u
    WHERE u.deleted = 0
      AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.unit_id = u.id AND i.deleted = 0)"""
_OVERDUE = """
    FROM findings f
    WHERE f.deleted = 0 AND f.status = 'open' AND f.deadline < :today"""
_CONCLUDED = """
    FROM inspections i
    WHERE i.deleted = 0 AND i.status = 'concluded'"""


def first_page(
    conn: sqlite3.Connection, *, today: dt.date, since: dt.datetime, limit: int = 50
) -> FirstPage:
    """What the home screen shows before anything is scrolled (``since``: start of year)."""
    args = {
        "today": today.isoformat(),
        "limit": limit,
        "since": _moment(since),
        "due_by": (today + dt.timedelta(days=DUE_WINDOW_DAYS)).isoformat(),
    }

    def rows(sql: str) -> list[tuple]:
        return conn.execute(sql, args).fetchall()

    def count(where: str) -> int:
        return conn.execute("SELECT count(*) " + where, args).fetchone()[0]

    officer = conn.execute(
        "SELECT id, name, role FROM officers WHERE deleted = 0 ORDER BY cert_no LIMIT 1"
    ).fetchone()
    zone = conn.execute("SELECT value FROM settings WHERE key = 'time_zone'").fetchone()
    page = FirstPage(officer=tuple(officer) if officer else None, time_zone=zone[0] if zone else "")
    page.unfinished = [
        UnfinishedInspection(i, u, name, _utc(at), lead, n)
        for i, u, name, at, lead, n in rows(
            "SELECT i.id, u.id, u.name, i.started_at, o.name, (SELECT count(r.id) "
            " FROM item_results r JOIN inspection_equipment ie"
            " ON ie.id = r.inspection_equipment_id"
            " WHERE ie.inspection_id = i.id AND r.deleted = 0)"
            + _UNFINISHED.replace("WHERE", "JOIN officers o ON o.id = i.lead_officer_id WHERE")
            + " ORDER BY i.started_at DESC, i.id LIMIT :limit"
        )
    ]
    page.due = [
        DueEquipment(i, u, kind, code, name, unit, _date(due), address)
        for i, u, kind, code, name, unit, due, address in rows(
            "SELECT e.id, e.unit_id, e.kind, e.registration_code, e.name, u.name,"
            " e.next_inspection_due, u.address"
            + _DUE
            + " ORDER BY e.next_inspection_due, e.id LIMIT :limit"
        )
    ]
    page.never = [
        UnitRow(i, name, district, venue, bool(priority))
        for i, name, district, venue, priority in rows(
            "SELECT u.id, u.name, u.district, u.venue_type, u.priority"
            + _NEVER
            + " ORDER BY u.priority DESC, u.name, u.id LIMIT :limit"
        )
    ]
    page.overdue = [
        OverdueFinding(i, insp, u, unit, item, hazard, text, _date(deadline))
        for i, insp, u, unit, item, hazard, text, deadline in rows(
            "SELECT f.id, f.inspection_id, u.id, u.name, f.item_id, f.hazard, f.description,"
            " f.deadline"
            + _OVERDUE.replace(
                "WHERE",
                "JOIN inspections i ON i.id = f.inspection_id"
                " JOIN units u ON u.id = i.unit_id WHERE",
            )
            + " ORDER BY f.deadline, f.id LIMIT :limit"
        )
    ]
    page.concluded = [
        ConcludedInspection(i, u, name, _utc(at), conclusion, n or 0, number or "")
        for i, u, name, at, conclusion, n, number in rows(
            "SELECT i.id, u.id, u.name, i.concluded_at, i.conclusion,"
            " (SELECT count(f.id) FROM findings f WHERE f.inspection_id = i.id"
            "  AND f.deleted = 0),"
            " (SELECT d.number FROM directives d WHERE d.inspection_id = i.id"
            "  AND d.status != 'superseded' ORDER BY d.issued_at DESC LIMIT 1)"
            + _CONCLUDED.replace("WHERE", "JOIN units u ON u.id = i.unit_id WHERE")
            + " ORDER BY i.concluded_at DESC, i.id LIMIT :limit"
        )
    ]
    page.counts = (
        count(_UNFINISHED),
        count(_DUE),
        count(_NEVER),
        count(_OVERDUE),
        count(_CONCLUDED),
    )
    inspected = conn.execute(
        "SELECT count(DISTINCT ie.equipment_id) FROM inspection_equipment ie"
        " JOIN inspections i ON i.id = ie.inspection_id"
        " JOIN equipment e ON e.id = ie.equipment_id"
        " WHERE i.deleted = 0 AND i.status = 'concluded' AND i.started_at >= :since"
        " AND ie.deleted = 0 AND e.deleted = 0",
        args,
    ).fetchone()[0]
    registered = conn.execute(
        "SELECT count(*) FROM equipment WHERE deleted = 0 AND status != 'scrapped'"
    ).fetchone()[0]
    page.totals = Totals(inspected=inspected, equipment=registered)
    return page
