"""Conflicts sync kept aside: listing them and settling them (SQLite and PostgreSQL office)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from test_sync_support import Node, deliver, dump, file_sync, join, make_node, push_bundle

from inspector_app.core import demo
from inspector_app.core.conflicts import (
    conflict_detail,
    count_open_conflicts,
    open_conflicts,
    resolve_conflict,
)
from inspector_app.core.errors import UserError
from inspector_app.rules.enums import FindingStatus
from inspector_app.store.blobs import BlobStore
from inspector_app.store.models import (
    AuditLog,
    ChangeLog,
    Equipment,
    Finding,
    Officer,
    SyncConflict,
    Unit,
)
from inspector_app.sync import enrol, keys


@pytest.fixture
def trio(db, tmp_path):
    """The office on the ``db`` fixture (SQLite or PostgreSQL), two laptops on SQLite."""
    folder = tmp_path / "office"
    folder.mkdir()
    office = Node("office", folder, db, BlobStore(folder / "blobs"))
    keys.create_office_key(office.folder)
    enrol.ensure_device(office.db, office.folder, name="office")
    a, b = make_node(tmp_path, "laptop-a"), make_node(tmp_path, "laptop-b")
    join(a, office, "01")
    join(b, office, "02")
    demo.generate(office.db, office.blobs, equipment=8, seed=5)
    file_sync(a, office)
    file_sync(b, office)
    yield office, a, b
    for node in (a, b):
        node.db.dispose()


def _concurrent_edits(office, a, b) -> dict[str, str]:
    """Both laptops edit the same unit, equipment and finding offline, then push."""
    with a.db.read() as s:
        unit_id = s.scalars(select(Unit.id).order_by(Unit.id)).first()
        equipment_id = s.scalars(select(Equipment.id).order_by(Equipment.id)).first()
        finding_id = s.scalars(select(Finding.id).order_by(Finding.id)).first()
    with a.db.write() as s:
        s.get(Unit, unit_id).name = "甲单位（A改）"
        s.get(Unit, unit_id).contact_phone = "0596-1111111"
        s.get(Equipment, equipment_id).location = "A: 3号楼"
        s.get(Finding, finding_id).status = FindingStatus.RECTIFIED
    with b.db.write() as s:
        s.get(Unit, unit_id).name = "甲单位（B改）"
        s.get(Equipment, equipment_id).location = "B: 5号楼"
        s.get(Finding, finding_id).status = FindingStatus.ESCALATED
    deliver(push_bundle(a).data, office)
    deliver(push_bundle(b).data, office)
    return {"units": unit_id, "equipment": equipment_id, "findings": finding_id}


def _supervisor(office) -> str:
    with office.db.read() as s:
        return s.scalars(select(Officer.id).where(Officer.cert_no == "35060010")).one()


def test_open_conflicts_are_listed_with_labels_devices_and_fields(trio):
    office, a, b = trio
    ids = _concurrent_edits(office, a, b)
    with office.db.read() as s:
        n = count_open_conflicts(s)
        rows = open_conflicts(s, limit=50, offset=0)
        assert n == len(rows) >= 3
        assert open_conflicts(s, limit=2, offset=0) == rows[:2]
        assert open_conflicts(s, limit=50, offset=2) == rows[2:]
        by_table = {r.table: r for r in rows}
        unit = by_table["units"]
        assert unit.row_id == ids["units"] and unit.table_label == "使用单位"
        current = s.get(Unit, ids["units"])
        assert unit.label == current.name  # the unit's name as it is now
        assert {unit.winner.device_name, unit.loser.device_name} == {"laptop-a", "laptop-b"}
        assert unit.winner.clock and unit.loser.clock and unit.winner.updated_at
        assert "name" in unit.fields and "clock" not in unit.fields
        assert not unit.changed_since
        equipment = by_table["equipment"]
        code = s.get(Equipment, ids["equipment"]).registration_code
        assert code in equipment.label and equipment.fields == ("location",)
        finding = by_table["findings"]
        assert s.get(Finding, ids["findings"]).description in finding.label
        assert finding.fields == ("status",)

        detail = conflict_detail(s, unit.id)
        first = detail.fields[0]
        assert first.differs and first.field in unit.fields
        assert {f.field for f in detail.fields if f.differs} == set(unit.fields)
        name = next(f for f in detail.fields if f.field == "name")
        assert name.current == current.name == name.winner != name.loser


def test_keeping_the_winner_only_closes_the_conflict(trio):
    office, a, b = trio
    ids = _concurrent_edits(office, a, b)
    boss = _supervisor(office)
    with office.db.read() as s:
        conflict = next(r for r in open_conflicts(s) if r.table == "units")
        before = s.get(Unit, ids["units"]).clock
        n = count_open_conflicts(s)
    with office.db.write() as s:
        resolve_conflict(s, conflict_id=conflict.id, officer_id=boss, keep="winner", note="核实无误")
    with office.db.read() as s:
        assert s.get(Unit, ids["units"]).clock == before
        assert s.get(SyncConflict, conflict.id).resolved
        assert count_open_conflicts(s) == n - 1
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "conflict_resolved")).one()
        assert audit.officer_id == boss and audit.reason == "核实无误"
        assert audit.details["keep"] == "winner" and audit.details["written"] == []
    with pytest.raises(UserError), office.db.write() as s:
        resolve_conflict(s, conflict_id=conflict.id, officer_id=boss, keep="loser")


def test_keeping_the_loser_is_a_new_change_that_syncs_onwards(trio):
    office, a, b = trio
    ids = _concurrent_edits(office, a, b)
    boss = _supervisor(office)
    with office.db.read() as s:
        conflict = next(r for r in open_conflicts(s) if r.table == "units")
        stored = s.get(SyncConflict, conflict.id)
        loser_name = stored.loser_payload["name"]
        loser_phone = stored.loser_payload["contact_phone"]
        winner_clock = stored.winner_clock
        log_before = s.scalar(select(func.count()).select_from(ChangeLog))
    with office.db.write() as s:
        resolve_conflict(s, conflict_id=conflict.id, officer_id=boss, keep="loser",
                         note="以现场核实为准")
    office_device = office.db.device_id()
    with office.db.read() as s:
        unit = s.get(Unit, ids["units"])
        assert unit.name == loser_name and unit.contact_phone == loser_phone
        assert unit.origin_device == office_device and unit.clock > winner_clock
        entry = s.scalars(select(ChangeLog).where(ChangeLog.table_name == "units",
                                                  ChangeLog.row_id == unit.id)
                          .order_by(ChangeLog.seq.desc())).first()
        assert entry.clock == unit.clock and entry.device_id == office_device
        assert entry.payload["name"] == loser_name
        assert s.scalar(select(func.count()).select_from(ChangeLog)) > log_before
        assert s.get(SyncConflict, conflict.id).resolved
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "conflict_resolved")).one()
        assert audit.details["keep"] == "loser" and "name" in audit.details["written"]
        assert audit.reason == "以现场核实为准" and audit.entity_id == unit.id
    # the choice reaches both laptops, and no new conflict comes of it
    n = _count(office)
    for node in (a, b, a, b):
        file_sync(node, office)
    assert dump(a.db) == dump(office.db) == dump(b.db)
    with a.db.read() as s:
        assert s.get(Unit, ids["units"]).name == loser_name
    assert _count(office) == n


def test_keeping_the_loser_of_a_finding_status(trio):
    office, a, b = trio
    ids = _concurrent_edits(office, a, b)
    with office.db.read() as s:
        conflict = next(r for r in open_conflicts(s) if r.table == "findings")
        loser_status = s.get(SyncConflict, conflict.id).loser_payload["status"]
    with office.db.write() as s:
        resolve_conflict(s, conflict_id=conflict.id, officer_id=_supervisor(office), keep="loser")
    with office.db.read() as s:
        assert s.get(Finding, ids["findings"]).status == loser_status
    with pytest.raises(ValueError), office.db.write() as s:
        resolve_conflict(s, conflict_id=conflict.id, officer_id=None, keep="both")  # type: ignore[arg-type]


def _count(office) -> int:
    with office.db.read() as s:
        return count_open_conflicts(s)


def test_forms_registered_on_both_sides_are_no_conflict(db, tmp_path):
    """A laptop and the office each register the shipped checklist forms (same content, so
    the same ids, made at different moments): the laptop's push records no conflict for a
    supervisor to resolve, and both keep one version of each form."""
    from inspector_app.core.forms import register_shipped_forms
    from inspector_app.store.models import FormVersion, SyncConflict

    folder = tmp_path / "office"
    folder.mkdir()
    office = Node("office", folder, db, BlobStore(folder / "blobs"))
    keys.create_office_key(office.folder)
    enrol.ensure_device(office.db, office.folder, name="office")
    with office.db.write() as s:
        register_shipped_forms(s)
    lap = make_node(tmp_path, "laptop")
    join(lap, office, "01")
    demo.generate(lap.db, lap.blobs, equipment=6, seed=4)  # registers the forms too
    deliver(push_bundle(lap).data, office)
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0
        forms = s.scalar(select(func.count()).select_from(FormVersion))
    with lap.db.read() as s:
        assert s.scalar(select(func.count()).select_from(FormVersion)) == forms
    lap.db.dispose()
