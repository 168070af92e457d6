"""Migration 0006 on a database holding data written before it, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import MetaData, insert, select

from inspector_app.store import migrate
from inspector_app.store.db import make_engine, open_database
from inspector_app.store.ids import new_id


def test_upgrade_keeps_rows_and_maps_the_2006_type(db_url):
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    cfg = migrate.alembic_config(engine)
    with engine.begin() as conn:  # back to the schema the previous release ran
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    meta = MetaData()
    meta.reflect(engine)
    assert "maintenance_units" not in meta.tables
    now = dt.datetime(2026, 9, 1, 1, tzinfo=dt.UTC)
    base = {"origin_device": "", "clock": 0, "created_at": now, "updated_at": now, "deleted": False}
    unit, eq, officer, insp = new_id(), new_id(), new_id(), new_id()
    with engine.begin() as conn:
        conn.execute(insert(meta.tables["units"]).values(
            id=unit, name="漳州市迁移测试小区", uscc="9144030071526726XG", address="芗城区测试路1号",
            district="芗城区", venue_type="residential", legal_representative="", contact_name="",
            contact_phone="", priority=False, notes="", **base))  # fmt: skip
        conn.execute(insert(meta.tables["equipment"]).values(
            id=eq, unit_id=unit, kind="elevator", category_code="3110",
            registration_code="31103506022016053337", certificate_no="", name="1号客梯",
            location="", manufacturer="", model="", status="in_use", attributes={}, **base))  # fmt: skip
        conn.execute(insert(meta.tables["officers"]).values(
            id=officer, name="张伟", cert_no="35069001", role="inspector", password_hash="x",
            active=True, failed_logins=0, **base))  # fmt: skip
        conn.execute(insert(meta.tables["inspections"]).values(
            id=insp, unit_id=unit, inspection_type="full", status="in_progress", started_at=now,
            lead_officer_id=officer, representative_name="", representative_position="",
            representative_refused=False, refusal_note="", notes="单位意见（旧）", **base))  # fmt: skip
    engine.dispose()
    database = open_database(db_url)  # upgrades to head, as the app does at start
    try:
        from inspector_app.store.models import Equipment, Inspection
        from inspector_app.store.search import search_equipment

        with database.read() as s:
            row = s.get(Inspection, insp)
            assert (row.inspection_type, row.task_source, row.unit_opinion) == ("routine", "", "")
            assert row.record_number is None and row.notes == "单位意见（旧）"
            lift = s.get(Equipment, eq)
            assert lift.name == "1号客梯" and lift.maintenance_unit_id is None
            hits = search_equipment(s, "迁移测试", limit=5)  # the search index survived
            assert [h.registration_code for h in hits] == ["31103506022016053337"]
            assert s.scalar(select(Inspection.id).where(Inspection.id == insp)) == insp
        assert migrate.current_revision(database.engine) == migrate.declared_head()
    finally:
        database.dispose()
