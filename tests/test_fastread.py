"""store.fastread.driver_rows: the rows Core would give, on both databases."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select

from inspector_app.rules.enums import VenueType
from inspector_app.store.fastread import driver_rows
from inspector_app.store.models import Equipment, Unit, UnitEvent


def _units(s) -> list[Unit]:
    units = [
        Unit(name=f"单位{n}", uscc=f"91440300715267{n:02d}XG", district=district,
             venue_type=VenueType.SCHOOL, priority=n % 2 == 0)
        for n, district in enumerate(["芗城区", "龙文区", "龙海区", "芗城区"])
    ]  # fmt: skip
    s.add_all(units)
    s.flush()
    return units


def test_rows_with_expanded_lists_match_core_and_see_pending_changes(db):
    with db.write() as s:
        units = _units(s)
        s.add(Equipment(unit_id=units[0].id, kind="elevator", category_code="3110",
                        registration_code="31103506002016053337", name="1号"))  # fmt: skip
        s.flush()
        units[3].deleted = True  # pending: the read must flush it first, as autoflush would
        in_use = exists().where(Equipment.unit_id == Unit.id, Equipment.deleted.is_(False))
        stmt = select(Unit.id, Unit.name, Unit.priority).where(
            Unit.deleted.is_(False), Unit.district.in_(["芗城区", "龙文区"])
        )
        rows = sorted(driver_rows(s, stmt))
        assert rows == sorted(tuple(r) for r in s.execute(stmt))
        assert [r[1] for r in rows] == sorted(["单位0", "单位1"])
        assert [bool(r[2]) for r in rows] == [True, False]  # SQLite gives 0/1: truth only
        assert list(driver_rows(s, stmt.where(in_use))) == [(units[0].id, "单位0", rows[0][2])]
        assert list(driver_rows(s, stmt.where(Unit.district.in_([])))) == []


def test_parameters_that_need_converting_give_the_same_rows(db):
    # a date is converted by its column type before the driver sees it (Core does it)
    with db.write() as s:
        units = _units(s)
        s.add(UnitEvent(unit_id=units[1].id, kind="accident", occurred_on=dt.date(2025, 6, 1),
                        source="事故调查报告"))  # fmt: skip
        s.flush()
        stmt = select(UnitEvent.unit_id).where(UnitEvent.occurred_on >= dt.date(2025, 1, 1))
        assert [tuple(r) for r in driver_rows(s, stmt)] == [(units[1].id,)]
        assert list(driver_rows(s, stmt.where(UnitEvent.occurred_on > dt.date(2025, 6, 1)))) == []
