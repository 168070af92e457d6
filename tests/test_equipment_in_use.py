"""``equipment_in_use`` (migration 0012) stays equal to the equipment rows on every write path.

The table is derived: triggers keep it, so every test here writes through a real path
(migration, ledger import, the equipment form, sync imports on an office and on laptops,
demo data, raw SQL) and compares it with the ground truth grouped from ``equipment``,
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
from alembic import command
from ledger_files import GOOD, write_xlsx
from planning_support import make_city
from sqlalchemy import func, select, text
from test_sync_support import file_sync, join, make_node, make_office

from inspector_app.core import demo
from inspector_app.core.equipment import save_equipment
from inspector_app.core.ledger import import_ledger
from inspector_app.rules.enums import EquipmentKind, EquipmentStatus
from inspector_app.store import migrate
from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import make_engine, open_database
from inspector_app.store.models import Equipment, EquipmentInUse, InspectionEquipment, Unit


def truth(db) -> dict[tuple[str, str], int]:
    """Pieces live and not scrapped per unit and kind, grouped from the rows themselves."""
    with db.read() as s:
        rows = s.execute(
            select(Equipment.unit_id, Equipment.kind, func.count())
            .where(Equipment.deleted.is_(False), Equipment.status != EquipmentStatus.SCRAPPED)
            .group_by(Equipment.unit_id, Equipment.kind)
        ).all()
    return {(u, k): n for u, k, n in rows}


def counts(db) -> dict[tuple[str, str], int]:
    with db.read() as s:
        rows = s.execute(select(EquipmentInUse.unit_id, EquipmentInUse.kind,
                                EquipmentInUse.pieces)).all()  # fmt: skip
    return {(u, k): n for u, k, n in rows}


def assert_current(db) -> dict[tuple[str, str], int]:
    expected = truth(db)
    assert counts(db) == expected
    return expected


def _equipment(db, code: str) -> Equipment:
    with db.read() as s:
        eq = s.scalars(select(Equipment).where(Equipment.registration_code == code)).one()
        s.expunge(eq)
    return eq


def _resave(s, eq: Equipment, **changes) -> Equipment:
    """The equipment form saving ``eq`` again with ``changes``."""
    values = dict(
        equipment_id=eq.id, unit_id=eq.unit_id, kind=eq.kind, category_code=eq.category_code,
        registration_code=eq.registration_code, name=eq.name, status=eq.status,
        attributes=eq.attributes,
    )  # fmt: skip
    values.update(changes)
    return save_equipment(s, **values)


def test_the_migration_builds_the_counts_from_the_rows_there(db_url):
    """Rows written before 0012 (scrapped, tombstoned, several kinds a unit) are counted
    when the database is upgraded; downgrading drops the table and its triggers."""
    db = open_database(db_url)
    city = make_city(db, per_district=4)
    with db.write() as s:
        first, second = city["equipment"][0]["id"], city["equipment"][1]["id"]
        s.get(Equipment, first).status = EquipmentStatus.SCRAPPED
        s.get(Equipment, second).deleted = True
    expected = assert_current(db)
    db.dispose()
    engine = make_engine(db_url)
    cfg = migrate.alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    with engine.begin() as conn:
        assert "equipment_in_use" not in conn.dialect.get_table_names(conn)
        # a write the counts would miss if a trigger outlived its table
        conn.execute(text("UPDATE equipment SET status = 'in_use' WHERE id = :i"), {"i": first})
    engine.dispose()
    db = open_database(db_url)  # upgrades to head, as the app does at start
    try:
        rebuilt = assert_current(db)
        assert sum(rebuilt.values()) == sum(expected.values()) + 1
        assert len(rebuilt) > 0
    finally:
        db.dispose()


def test_the_equipment_form_create_scrap_move_tombstone_and_back(db):
    city = make_city(db, per_district=2)
    units = [u["id"] for u in city["units"]]
    with db.write() as s:
        new = save_equipment(s, unit_id=units[0], kind=EquipmentKind.BOILER, category_code="1200",
                             registration_code="12003506002020000013", name="1号锅炉")  # fmt: skip
        code = new.registration_code
    assert assert_current(db)[(units[0], "boiler")] == 1
    eq = _equipment(db, code)
    with db.write() as s:
        _resave(s, eq, status=EquipmentStatus.SCRAPPED)
    assert (units[0], "boiler") not in assert_current(db)  # no row for nothing in use
    with db.write() as s:
        _resave(s, eq, status=EquipmentStatus.SUSPENDED)  # 停用: still registered, counted
    assert assert_current(db)[(units[0], "boiler")] == 1
    with db.write() as s:
        _resave(s, eq, unit_id=units[1], status=EquipmentStatus.IN_USE)  # 移装 to another unit
    after = assert_current(db)
    assert (units[0], "boiler") not in after and after[(units[1], "boiler")] == 1
    with db.write() as s:
        s.get(Equipment, eq.id).deleted = True
    assert (units[1], "boiler") not in assert_current(db)
    with db.write() as s:
        s.get(Equipment, eq.id).deleted = False
    assert assert_current(db)[(units[1], "boiler")] == 1
    with db.write() as s:  # a change of other columns leaves the counts alone
        s.get(Equipment, eq.id).location = "锅炉房"
    assert assert_current(db)[(units[1], "boiler")] == 1


def _with_status(table: list[list[str]], statuses: list[str]) -> list[list[str]]:
    return [[*row, extra] for row, extra in zip(table, ["设备状态", *statuses], strict=True)]


def test_ledger_imports_new_scrapped_moved_and_revived_equipment(db, tmp_path):
    import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    first = assert_current(db)
    assert sum(first.values()) == 3
    # a second import: one piece scrapped, one moved to the other unit (same credit code
    # as the first row's unit)
    edited = _with_status([row[:] for row in GOOD], ["在用", "报废", "在用"])
    edited[3][:5] = GOOD[1][:5]
    result = import_ledger(db, path=write_xlsx(tmp_path / "b.xlsx", edited))
    assert result.equipment_updated == 2, result.problems
    second = assert_current(db)
    assert sum(second.values()) == 2 and len(second) == 2
    with db.write() as s:  # tombstoned in the app, then the ledger brings it back
        s.get(Equipment, _equipment(db, GOOD[1][6]).id).deleted = True
    assert sum(assert_current(db).values()) == 1
    import_ledger(db, path=write_xlsx(tmp_path / "c.xlsx", _with_status(GOOD, ["在用"] * 3)))
    assert sum(assert_current(db).values()) == 3


def test_demo_data_and_raw_sql_deletes(db, tmp_path):
    demo.generate(db, BlobStore(tmp_path / "blobs"), equipment=40, seed=3, showcase=False)
    expected = assert_current(db)
    assert sum(expected.values()) > 0
    with db.read() as s:
        victim = s.scalars(
            select(Equipment.id).where(
                Equipment.status != EquipmentStatus.SCRAPPED, Equipment.deleted.is_(False),
                Equipment.id.not_in(select(InspectionEquipment.equipment_id)),
            ).limit(1)
        ).one()  # fmt: skip
    with db.engine.begin() as conn:  # no path of the app hard-deletes; the trigger still counts
        conn.execute(text("DELETE FROM equipment WHERE id = :i"), {"i": victim})
    after = assert_current(db)
    assert sum(after.values()) == sum(expected.values()) - 1


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def dialect(request):
    return request.param


def test_sync_imports_on_the_office_and_on_laptops(tmp_path, dialect, request):
    """Rows arriving by sync (new, scrapped, moved, tombstoned, and concurrent edits of one
    piece) keep the counts of the office and of each laptop equal to their rows."""
    url = None
    if dialect == "postgres":
        url = request.getfixturevalue("make_pg_url")
    office = make_office(tmp_path, url() if url else None)
    a = make_node(tmp_path, "a")
    b = make_node(tmp_path, "b", url() if url else None)  # a second office-side database
    nodes = (office, a, b)
    try:
        join(a, office, "01")
        join(b, office, "02")
        demo.generate(office.db, office.blobs, equipment=12, seed=5)
        file_sync(a, office)
        file_sync(b, office)
        for node in nodes:
            assert_current(node.db)
        assert truth(a.db) == truth(office.db) == truth(b.db)
        with a.db.read() as s:
            units = sorted(s.scalars(select(Unit.id)))
            pieces = list(s.scalars(select(Equipment).order_by(Equipment.id).limit(3)))
            for eq in pieces:
                s.expunge(eq)
        with a.db.write() as s:
            save_equipment(s, unit_id=units[0], kind=EquipmentKind.BOILER, category_code="1200",
                           registration_code="12003506002020000013", name="A新锅炉")  # fmt: skip
            _resave(s, pieces[0], status=EquipmentStatus.SCRAPPED)
            s.get(Equipment, pieces[1].id).deleted = True
        other = next(u for u in units if u != pieces[2].unit_id)
        with b.db.write() as s:  # b moves the piece a scraps below: both edits travel
            _resave(s, pieces[2], unit_id=other)
        with a.db.write() as s:
            _resave(s, pieces[2], status=EquipmentStatus.SCRAPPED)
        for node in (a, b, a, b):
            file_sync(node, office)
            assert_current(office.db)
            assert_current(node.db)
        assert truth(a.db) == truth(office.db) == truth(b.db)
        assert counts(a.db) == counts(office.db) == counts(b.db)
        with office.db.write() as s:  # the office puts the scrapped piece back in use
            eq = s.get(Equipment, pieces[0].id)
            eq.status = EquipmentStatus.IN_USE
        file_sync(a, office)
        assert counts(a.db) == counts(office.db) == truth(office.db)
    finally:
        for node in nodes:
            node.db.dispose()
