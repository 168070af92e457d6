"""store.changes bulk paths: what they store and log is what the ORM would (both databases)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from inspector_app.rules.enums import EquipmentKind, VenueType
from inspector_app.store.changes import bulk_insert, bulk_update, row_payload
from inspector_app.store.models import ChangeLog, Equipment, Unit

SKIP = {"id", "clock", "created_at", "updated_at", "registration_code", "name"}


def _raw(db, table: str, row_id: str) -> dict:
    with db.engine.connect() as conn:
        row = (
            conn.exec_driver_sql(
                f'SELECT * FROM "{table}" WHERE id = ?'
                if db.is_sqlite
                else f'SELECT * FROM "{table}" WHERE id = %s',
                (row_id,),
            )
            .mappings()
            .one()
        )
    return dict(row)


def _values(code: str, unit_id: str) -> dict:
    return dict(
        unit_id=unit_id,
        kind=EquipmentKind.ELEVATOR,
        category_code="3110",
        registration_code=code,
        name=code[-4:],
        commissioned_on=dt.date(2016, 5, 3),
        next_inspection_due=dt.date(2026, 9, 1),
        attributes={"drive": "traction"},
    )


def test_bulk_rows_are_stored_and_logged_as_the_orm_does(db):
    with db.write() as s:
        unit = Unit(name="实验小学", uscc="9144030071526726XG", venue_type=VenueType.SCHOOL)
        s.add(unit)
        s.flush()
        s.add(Equipment(**_values("31103506002016053337", unit.id)))
        s.flush()
        bulk_insert(s, Equipment, [_values("31103506002016053338", unit.id)])
    with db.read() as s:
        orm, bulk = s.scalars(select(Equipment).order_by(Equipment.registration_code)).all()
        logs = {c.row_id: c.payload for c in s.scalars(select(ChangeLog))}
    raw_orm, raw_bulk = _raw(db, "equipment", orm.id), _raw(db, "equipment", bulk.id)
    for key in raw_orm:
        if key not in SKIP:
            assert raw_bulk[key] == raw_orm[key], key
    # Timestamps are stored in the same shape (SQLite keeps them as text).
    assert type(raw_bulk["created_at"]) is type(raw_orm["created_at"])
    if db.is_sqlite:
        assert len(raw_bulk["updated_at"]) == len(raw_orm["updated_at"])
    for key in logs[orm.id]:
        if key not in SKIP:
            assert logs[bulk.id][key] == logs[orm.id][key], key
    assert logs[bulk.id] == row_payload(bulk)


def test_bulk_update_writes_whole_rows_and_logs_each(db):
    with db.write() as s:
        unit = Unit(name="实验小学", uscc="9144030071526726XG", venue_type=VenueType.SCHOOL)
        s.add(unit)
        s.flush()
        bulk_insert(s, Equipment, [_values(f"3110350600201605333{n}", unit.id) for n in range(3)])
    with db.read() as s:
        rows = [dict(r) for r in s.execute(select(Equipment.__table__)).mappings()]
        clocks = {r["id"]: r["clock"] for r in rows}
    rows[0]["location"] = "新教学楼"
    rows[1]["deleted"] = True
    with db.write() as s:
        bulk_update(s, Equipment, rows[:2])
    with db.read() as s:
        stored = {e.id: e for e in s.scalars(select(Equipment))}
        logged = s.scalars(select(ChangeLog).order_by(ChangeLog.seq.desc()).limit(2)).all()
        assert stored[rows[0]["id"]].location == "新教学楼"
        assert stored[rows[0]["id"]].attributes == {"drive": "traction"}
        assert stored[rows[1]["id"]].deleted
        assert stored[rows[2]["id"]].clock == clocks[rows[2]["id"]]  # untouched
        assert {c.row_id: c.op for c in logged} == {
            rows[0]["id"]: "upsert",
            rows[1]["id"]: "delete",
        }
        for change in logged:
            assert change.payload == row_payload(stored[change.row_id])
            assert change.clock == stored[change.row_id].clock > clocks[change.row_id]


def test_bulk_update_needs_whole_rows(db):
    with db.write() as s, pytest.raises(ValueError, match="needs whole rows"):
        bulk_update(s, Equipment, [{"id": "x", "name": "y"}])
