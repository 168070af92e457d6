"""The store on both databases: schema, pragmas, change capture, tombstones, search."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select, text

from inspector_app.rules.enums import EquipmentKind, VenueType
from inspector_app.rules.identifiers import make_registration_code
from inspector_app.store import migrate
from inspector_app.store.changes import HardDeleteError, bulk_insert
from inspector_app.store.db import DatabaseError, open_database
from inspector_app.store.ids import content_id, uuid7, uuid7_time_ms
from inspector_app.store.models import ChangeLog, Equipment, Unit
from inspector_app.store.search import count_equipment_matches, search_equipment, search_units

USCC = "9144030071526726XG"


def add_unit(session, name="漳州市芗城区阳光幼儿园", address="漳州市芗城区胜利西路12号", **kw):
    unit = Unit(
        name=name,
        uscc=kw.pop("uscc", USCC),
        address=address,
        district="芗城区",
        venue_type=VenueType.KINDERGARTEN,
        **kw,
    )
    session.add(unit)
    session.flush()
    return unit


def add_equipment(session, unit, serial=53337, **kw):
    eq = Equipment(
        unit_id=unit.id,
        kind=EquipmentKind.ELEVATOR,
        category_code="3110",
        registration_code=make_registration_code("3110", "350602", 2016, serial),
        certificate_no=f"梯11闽E{serial % 10000:04d}(16)",
        name="1号客梯",
        location="主楼电梯厅",
        attributes={"drive": "traction", "usage": "passenger"},
        **kw,
    )
    session.add(eq)
    session.flush()
    return eq


def test_migrated_to_head(db):
    assert migrate.current_revision(db.engine) == migrate.head_revision() == "0012"


def test_clocks_are_64_bit_on_every_synced_table(db):
    """Migration 0005 widened the clocks; tables added after it must be born wide."""
    from sqlalchemy import BigInteger, inspect

    from inspector_app.store.models import CreditState, synced_models

    columns = inspect(db.engine)
    wide = [(m.__tablename__, "clock") for m in synced_models()]
    for table, column in [*wide, (CreditState.__tablename__, "seq")]:
        (found,) = [c for c in columns.get_columns(table) if c["name"] == column]
        if db.engine.dialect.name == "postgresql":
            assert isinstance(found["type"], BigInteger), (table, found["type"])


def test_reopening_is_idempotent(db):
    device = db.device_id()
    again = open_database(db.url)
    assert again.device_id() == device
    again.dispose()


def test_sqlite_pragmas(sqlite_db):
    with sqlite_db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_foreign_keys_enforced(db):
    with pytest.raises(Exception), db.write() as s:  # noqa: B017 - driver-specific class
        s.add(
            Equipment(
                unit_id=str(uuid7()),
                kind="elevator",
                category_code="3110",
                registration_code="31103506022016053337",
            )
        )


def test_every_change_is_logged_in_the_same_transaction(db):
    with db.write() as s:
        unit = add_unit(s)
        eq = add_equipment(s, unit)
    with db.write() as s:
        s.get(Unit, unit.id).address = "漳州市芗城区新华北路1号"
    with db.read() as s:
        log = s.scalars(select(ChangeLog).order_by(ChangeLog.seq)).all()
        assert [(c.table_name, c.row_id) for c in log] == [
            ("units", unit.id),
            ("equipment", eq.id),
            ("units", unit.id),
        ]
        assert log[-1].payload["address"] == "漳州市芗城区新华北路1号"
        assert log[-1].payload["name"] == "漳州市芗城区阳光幼儿园"
        assert [c.clock for c in log] == sorted({c.clock for c in log})  # strictly increasing
        assert all(c.device_id == db.device_id() for c in log)
        row = s.get(Unit, unit.id)
        assert row.clock == log[-1].clock and row.origin_device == db.device_id()
        assert row.updated_at.tzinfo is not None


def test_failed_transaction_leaves_no_change_and_no_log(db):
    with pytest.raises(RuntimeError), db.write() as s:
        add_unit(s)
        raise RuntimeError("battery died")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 0
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == 0


def test_hard_delete_refused_tombstone_logged(db):
    with db.write() as s:
        unit = add_unit(s)
    with pytest.raises(HardDeleteError), db.write() as s:
        s.delete(s.get(Unit, unit.id))
    with db.write() as s:
        s.get(Unit, unit.id).deleted = True
    with db.read() as s:
        last = s.scalars(select(ChangeLog).order_by(ChangeLog.seq.desc())).first()
        assert last.op == "delete" and last.row_id == unit.id
        assert s.get(Unit, unit.id) is not None


def test_machine_local_columns_do_not_make_a_change(db):
    from inspector_app.core.officers import add_officer
    from inspector_app.store.models import Officer

    with db.write() as s:
        officer = add_officer(
            s, name="张伟", cert_no="35060001", role="inspector", password="x" * 10
        )
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(ChangeLog))
    with db.write() as s:
        s.get(Officer, officer.id).failed_logins = 3
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == before
        payload = s.scalars(select(ChangeLog.payload)).first()
        assert "failed_logins" not in payload and "password_hash" in payload


def test_bulk_insert_logs_each_row(db):
    with db.write() as s:
        unit = add_unit(s)
        rows = [
            dict(
                unit_id=unit.id,
                kind="elevator",
                category_code="3110",
                registration_code=make_registration_code("3110", "350602", 2018, n),
                attributes={},
            )
            for n in range(1, 51)
        ]
        bulk_insert(s, Equipment, rows)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Equipment)) == 50
        logged = s.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.table_name == "equipment")
        )
        assert logged == 50
        clocks = s.scalars(select(Equipment.clock)).all()
        assert len(set(clocks)) == 50


def test_search_by_any_substring(db):
    with db.write() as s:
        k = add_unit(s)
        add_equipment(s, k, serial=53337)
        mall = add_unit(
            s,
            name="漳州万达广场商业管理有限公司",
            address="漳州市龙文区水仙大街33号",
            uscc="91350600MA2XN8Q12W",
        )
        add_equipment(s, mall, serial=99001)
    with db.read() as s:
        assert [h.unit_name for h in search_equipment(s, "阳光幼")] == ["漳州市芗城区阳光幼儿园"]
        assert [h.unit_name for h in search_equipment(s, "水仙大街")] == [
            "漳州万达广场商业管理有限公司"
        ]
        assert len(search_equipment(s, "3110350602")) == 2
        assert [h.registration_code for h in search_equipment(s, "053337")] == [
            "31103506022016053337"
        ]
        assert count_equipment_matches(s, "漳州市") == 2
        assert search_equipment(s, "不存在的单位") == []
        # FTS syntax typed by a person is only text
        assert search_equipment(s, 'a" OR "b') == []
        assert len(search_equipment(s, "31")) == 2  # short: prefix of the code
        assert [u.name for u in search_units(s, "万达广")] == ["漳州万达广场商业管理有限公司"]


def test_search_follows_edits_and_tombstones(db):
    with db.write() as s:
        unit = add_unit(s)
        eq = add_equipment(s, unit)
    with db.write() as s:
        s.get(Unit, unit.id).name = "漳州市芗城区星光幼儿园"
    with db.read() as s:
        assert search_equipment(s, "阳光幼") == []
        assert len(search_equipment(s, "星光幼")) == 1
    with db.write() as s:
        s.get(Equipment, eq.id).deleted = True
    with db.read() as s:
        assert search_equipment(s, "星光幼") == []


def test_bad_url_is_one_clear_error():
    with pytest.raises(DatabaseError, match="cannot open database"):
        open_database("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(DatabaseError) as info:
        open_database("not a url")
    assert "secret" not in str(info.value)


def test_uuid7_is_time_ordered_and_versioned():
    ids = [uuid7() for _ in range(2000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 2000
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in ids)
    assert abs(uuid7_time_ms(ids[0]) - dt.datetime.now().timestamp() * 1000) < 5000


def test_content_id_is_stable():
    digest = "ab" * 32
    assert content_id(digest) == content_id(digest)
    assert content_id(digest) != content_id("cd" * 32)


def test_models_and_migrations_agree(db):
    """A model change without a migration fails here, on both databases."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from inspector_app.store.migrations.env_helpers import include_object
    from inspector_app.store.models import Base

    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": False, "include_object": include_object}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_declared_head_matches_alembic():
    assert migrate.declared_head() == migrate.head_revision()


def test_bulk_insert_fills_callable_defaults_in_row_and_log(db):
    from inspector_app.core.officers import add_officer
    from inspector_app.store.models import Inspection

    with db.write() as s:
        unit = add_unit(s)
        officer = add_officer(s, name="张伟", cert_no="35060001", role="inspector",
                              password="x" * 10)
        bulk_insert(s, Inspection, [dict(unit_id=unit.id, lead_officer_id=officer.id)])
    with db.read() as s:
        row = s.scalars(select(Inspection)).one()
        assert row.started_at is not None and row.status == "in_progress"
        payload = s.scalars(select(ChangeLog.payload).where(ChangeLog.row_id == row.id)).one()
        assert payload["started_at"] is not None and payload["status"] == "in_progress"
