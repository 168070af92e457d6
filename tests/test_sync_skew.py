"""Schema skew: the office upgrades first, laptops on the previous release keep syncing.

Older laptops are real databases at the older revision (``skew_support.old_laptop``).
Migration 0011 adds a whole synced table (``form_publications``), so the production
window (0006 → head) is played as it is; 0006 added columns to tables every laptop edits
(``equipment.maintenance_unit_id``, the findings' citations…), so a laptop at 0005 with
the window opened to 0005 is the real case of missing columns.
"""

from __future__ import annotations

import pytest
from alembic import command
from skew_support import downgrade, old_laptop, upgraded
from sqlalchemy import MetaData, select
from test_sync_support import (
    deliver,
    dump,
    everything,
    file_sync,
    join,
    make_node,
    make_office,
    pull_bundle,
    push_bundle,
)

from inspector_app.core import demo, maintenance
from inspector_app.store import migrate
from inspector_app.store.db import make_engine
from inspector_app.store.models import (
    ChangeLog,
    Equipment,
    Finding,
    SyncCursor,
    SyncEnrolment,
    Unit,
    synced_models,
)
from inspector_app.store.revisions import revision_chain
from inspector_app.sync import bundle, envelope, incoming, keys, outgoing, skew
from inspector_app.sync.columns import table_specs
from inspector_app.sync.errors import SyncError


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


@pytest.fixture
def office(tmp_path, office_url):
    node = make_office(tmp_path, office_url)
    demo.generate(node.db, node.blobs, equipment=8, seed=3)
    yield node
    node.db.dispose()


@pytest.fixture
def window_0005(monkeypatch):
    """Laptops back to 0005 are supported (and a bundle without a revision is from 0005)."""
    monkeypatch.setattr(skew, "OLDEST_SUPPORTED", "0005")
    monkeypatch.setattr(skew, "LEGACY", "0005")
    skew._changed_since_oldest.cache_clear()
    yield
    skew._changed_since_oldest.cache_clear()


# -- the registry against real databases --------------------------------------------------


def test_added_matches_databases_migrated_to_each_revision(db_url):
    """``skew.ADDED`` says exactly what each migration added to the synced tables."""
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    chain = revision_chain()
    window = chain[chain.index("0004") :]
    cfg = migrate.alembic_config(engine)
    specs = table_specs()
    for revision in reversed(window):
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
        meta = MetaData()
        meta.reflect(engine)
        expected = skew.columns_at(revision)
        for model in synced_models():
            name = model.__tablename__
            table = meta.tables.get(name)
            if table is None:
                assert name not in expected, f"{name} is not in a database at {revision}"
                continue
            there = {c.name for c in table.columns} & (
                specs[name].keys | {c.name for c in model.__table__.columns}
            )
            there -= set(model.__sync_exclude__)
            assert there == expected[name], (revision, name, there ^ expected[name])
    engine.dispose()


def test_every_added_column_can_be_left_out():
    """A column an older laptop does not send gets a default or NULL."""
    specs = table_specs()
    chain = revision_chain()
    for revision, tables in skew.ADDED.items():
        if chain.index(revision) <= chain.index(skew.OLDEST_SUPPORTED):
            continue
        for table, columns in tables.items():
            for name in columns or ():
                column = specs[table].table.c[name]
                assert column.nullable or column.default is not None, (table, name)


# -- the production window: a laptop on 0006 -------------------------------------------------


def test_laptop_on_the_previous_release_keeps_syncing(tmp_path, office):
    """0011 adds form_publications: a 0006 laptop never receives it, and its pushes (no
    revision in the manifest) apply; a laptop on the head converges with the office."""
    from inspector_app.store.models import FormPublication

    old = old_laptop(tmp_path, "old", office, "0006")
    assert old.columns("form_publications") is None
    fresh = make_node(tmp_path, "fresh")
    join(fresh, office)
    _publish(office)
    with office.db.read() as s:
        assert s.scalar(select(FormPublication.id)) is not None
    pulled = pull_bundle(office, old.node, since=0)  # the enrolment says nothing: legacy
    assert pulled.manifest["schema"] == "0006"
    changes = _changes(old, pulled.data)
    assert changes and "form_publications" not in {c["table"] for c in changes}
    assert old.apply_pull(pulled.data) > 0
    with old.db.read() as s:
        units = sorted(s.scalars(select(Unit.__table__.c.id)))
    old.edit("units", units[0], name="旧版本改名的单位", address="芗城区旧版路1号")
    new_unit = old.add(
        "units", name="旧版本新单位", uscc="91350600MA00000009", address="", district="",
        venue_type="school", legal_representative="", contact_name="", contact_phone="",
        priority=False, notes="",
    )  # fmt: skip
    push = old.push()
    assert "schema" not in push.manifest
    report = deliver(push.data, office)
    assert report.result.applied == 2
    old.acknowledged(report)
    with office.db.read() as s:
        assert s.get(Unit, units[0]).name == "旧版本改名的单位"
        assert s.get(Unit, new_unit).name == "旧版本新单位"
        enrolment = s.get(SyncEnrolment, old.db.device_id())
        assert (enrolment.schema_revision, enrolment.data_revision) == ("0006", "0006")
    file_sync(fresh, office)
    assert dump(fresh.db) == dump(office.db)
    with fresh.db.read() as s:
        assert s.scalar(select(FormPublication.id)) is not None
    # A second round: the office's pull (the enrolment now says 0006) still fits.
    with office.db.write() as s:
        s.get(Unit, units[1]).notes = "局端备注"
    assert old.apply_pull(pull_bundle(office, old.node, since=0).data) > 0


def test_upgraded_laptop_catches_up_on_what_it_missed(tmp_path, office):
    """The publication went out while the laptop ran 0006; after the upgrade its first
    pull (a catch-up) brings it, and then its data is in the head revision."""
    from inspector_app.store.models import FormPublication

    old = old_laptop(tmp_path, "old", office, "0006")
    old.apply_pull(pull_bundle(office, old.node, since=0).data)
    _publish(office)
    old.apply_pull(pull_bundle(office, old.node, since=0).data)  # no publication in it
    lap = upgraded(old)
    with lap.db.read() as s:
        cursor = s.get(SyncCursor, office.db.device_id())
        assert skew.data_revision(cursor) == "0006"
        assert s.scalar(select(FormPublication.id)) is None
    _catch_up_by_file(lap, office)
    with lap.db.read() as s:
        assert s.scalar(select(FormPublication.id)) is not None
        assert s.get(SyncCursor, office.db.device_id()).pulled_schema == skew.head()
    assert dump(lap.db) == dump(office.db)


def test_who_must_upgrade(tmp_path, office):
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    file_sync(lap, office)
    with lap.db.write() as s:
        s.scalars(select(Unit)).first().notes = "新版本"
    before = everything(office.db)
    for schema, who in (("0099", "upgrade the office first"), ("0004", "upgrade the laptop")):
        ex = _push_claiming(lap, schema)
        with pytest.raises(skew.SkewError, match=who) as err:
            deliver(ex.data, office)
        assert ("请先升级局端" if who.endswith("first") else "请升级本机") in err.value.message_zh
        assert everything(office.db) == before
    with pytest.raises(skew.SkewError, match="upgrade the office first"):
        outgoing.export_pull(
            office.db, office.blobs, keys=office.keys(), device_id=lap.db.device_id(),
            since=0, schema="0099",
        )  # fmt: skip
    with pytest.raises(skew.SkewError, match="older than the oldest"):
        outgoing.export_pull(
            office.db, office.blobs, keys=office.keys(), device_id=lap.db.device_id(),
            since=0, schema="0005",
        )  # fmt: skip
    # The laptop learns the office runs an older revision: it says so before sending.
    with lap.db.write() as s:
        s.get(SyncCursor, office.db.device_id()).peer_schema = "0006"
    with pytest.raises(skew.SkewError, match="the office must be upgraded first"):
        push_bundle(lap)
    # A pull built for a revision this laptop does not know is refused there.
    with lap.db.write() as s:
        s.get(SyncCursor, office.db.device_id()).peer_schema = skew.head()
    lap_before = everything(lap.db)
    bogus = _pull_claiming(office, lap, "0099")
    with pytest.raises(skew.SkewError, match="upgrade this laptop"):
        deliver(bogus, lap)
    assert everything(lap.db) == lap_before


def test_malformed_revision_fields_are_refused(tmp_path, office):
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    with lap.db.write() as s:
        s.add(Unit(name="新单位", uscc="91350600MA00000009", venue_type="school"))
    before = everything(office.db)
    for schema in ("", "../0006", "x" * 40, 6, ["0006"]):
        with pytest.raises(SyncError, match="revision is malformed|manifest"):
            deliver(_push_claiming(lap, schema).data, office)
    with pytest.raises(SyncError, match="data_schema"):
        deliver(_push_claiming(lap, skew.head(), data_schema="0011x").data, office)
    assert everything(office.db) == before


# -- missing columns: a laptop on 0005 (window opened to 0005) ---------------------------------


def test_missing_columns_keep_the_office_values(tmp_path, office, window_0005):
    """0006 added ``equipment.maintenance_unit_id`` and the findings' citations. A 0005
    laptop's full-row payloads lack them: the office keeps its values for rows it has,
    new rows get the defaults, and a head laptop receives what the office stored."""
    with office.db.write() as s:
        eq = s.scalars(select(Equipment).order_by(Equipment.id)).first()
        unit_m = maintenance.find_or_add(s, name="漳州市安达电梯维保有限公司")
        maintenance.assign(s, equipment_id=eq.id, maintenance_unit_id=unit_m.id)
        finding = s.scalars(
            select(Finding).where(Finding.failure_id.is_not(None), Finding.deleted.is_(False))
        ).first()
        assert finding is not None and finding.judged_by is not None
        finding_id, failure_id, eq_id, mu_id = finding.id, finding.failure_id, eq.id, unit_m.id
    old = old_laptop(tmp_path, "old", office, "0005")
    assert "maintenance_unit_id" not in old.columns("equipment")
    assert old.columns("maintenance_units") is None
    pulled = pull_bundle(office, old.node, since=0)
    assert pulled.manifest["schema"] == "0005"
    assert old.apply_pull(pulled.data) > 0  # every payload fits the 0005 tables exactly
    old.edit("equipment", eq_id, location="旧版本：3号楼")
    old.edit("findings", finding_id, status="rectified")
    new_eq = old.add(
        "equipment", unit_id=_unit_of(office, eq_id), kind="elevator", category_code="3110",
        registration_code="31103506022016099999", certificate_no="", name="旧版本新设备",
        location="", manufacturer="", model="", status="in_use", attributes={},
    )  # fmt: skip
    report = deliver(old.push().data, office)
    assert report.result.applied == 3 and report.result.conflicts == 0
    old.acknowledged(report)
    with office.db.read() as s:
        eq = s.get(Equipment, eq_id)
        assert (eq.location, eq.maintenance_unit_id) == ("旧版本：3号楼", mu_id)
        f = s.get(Finding, finding_id)
        assert (f.status, f.failure_id) == ("rectified", failure_id)
        assert s.get(Equipment, new_eq).maintenance_unit_id is None
        logged = s.scalars(
            select(ChangeLog.payload)
            .where(ChangeLog.row_id == eq_id)
            .order_by(ChangeLog.seq.desc())
        ).first()
        assert logged["maintenance_unit_id"] == mu_id  # logged as stored, whole
    head = make_node(tmp_path, "head")
    join(head, office)
    file_sync(head, office)
    assert dump(head.db) == dump(office.db)
    # The head laptop edits the row; the old laptop's next pull still fits its tables.
    with head.db.write() as s:
        s.get(Equipment, eq_id).name = "1号客梯（新）"
    file_sync(head, office)
    assert old.apply_pull(pull_bundle(office, old.node, since=0).data) > 0


def test_upgrade_then_catch_up_never_wipes_what_the_office_has(tmp_path, office, window_0005):
    """After the upgrade the laptop's new columns hold defaults: an edit before its first
    sync must not wipe the office's value, and the catch-up brings the office's values."""
    with office.db.write() as s:
        eq = s.scalars(select(Equipment).order_by(Equipment.id)).first()
        unit_m = maintenance.find_or_add(s, name="漳州市安达电梯维保有限公司")
        maintenance.assign(s, equipment_id=eq.id, maintenance_unit_id=unit_m.id)
        eq_id, mu_id = eq.id, unit_m.id
    old = old_laptop(tmp_path, "old", office, "0005")
    old.apply_pull(pull_bundle(office, old.node, since=0).data)
    lap = upgraded(old)
    with lap.db.read() as s:
        assert s.get(Equipment, eq_id).maintenance_unit_id is None  # the migration's default
    with lap.db.write() as s:  # edited before the first sync after the upgrade
        s.get(Equipment, eq_id).location = "升级后：5号楼"
    ex = push_bundle(lap)
    assert (ex.manifest["schema"], ex.manifest["data_schema"]) == (skew.head(), "0005")
    payload = next(c["payload"] for c in _push_changes(ex, office, lap) if c["row_id"] == eq_id)
    assert payload["maintenance_unit_id"] is None  # sent, but not the laptop's to say
    report = deliver(ex.data, office)
    with office.db.read() as s:
        eq = s.get(Equipment, eq_id)
        assert (eq.location, eq.maintenance_unit_id) == ("升级后：5号楼", mu_id)
    with lap.db.write() as s:
        outgoing.save_cursor(s, office.db.device_id(), acked=report.acked_seq)
    _catch_up_by_file(lap, office)
    with lap.db.read() as s:
        assert s.get(Equipment, eq_id).maintenance_unit_id == mu_id
        assert s.get(SyncCursor, office.db.device_id()).pulled_schema == skew.head()
    assert dump(lap.db) == dump(office.db)
    with lap.db.write() as s:  # from now on the laptop's values are its own to send
        s.get(Equipment, eq_id).maintenance_unit_id = None
    file_sync(lap, office)
    with office.db.read() as s:
        assert s.get(Equipment, eq_id).maintenance_unit_id is None
    assert dump(lap.db) == dump(office.db)


def test_catch_up_over_http_pages(tmp_path, office, window_0005):
    """The client's catch-up: from the start, in pages, the tables that gained columns
    (the laptop's own rows too) and the rest after the old cursor; the real server app."""
    from fastapi.testclient import TestClient

    from inspector_app.server.app import create_app
    from inspector_app.sync import client, enrol

    with office.db.write() as s:
        eqs = s.scalars(select(Equipment).order_by(Equipment.id)).all()
        unit_m = maintenance.find_or_add(s, name="漳州市安达电梯维保有限公司")
        for eq in eqs:
            maintenance.assign(s, equipment_id=eq.id, maintenance_unit_id=unit_m.id)
    old = old_laptop(tmp_path, "old", office, "0005")
    old.apply_pull(pull_bundle(office, old.node, since=0).data)
    lap = upgraded(old)
    app = create_app(db=office.db, folder=office.folder)
    http = client.Connection(
        "http://testserver", keys=lap.keys(), device_id=lap.db.device_id(), attempts=1
    )
    http.client = TestClient(app)
    trusted = enrol.trusted_office(lap.db)
    report = client.SyncReport()
    original = outgoing.export_pull
    limits = []

    def paged(*args, **kwargs):
        kwargs["limit"] = 7  # small pages
        limits.append(kwargs.get("catchup"))
        return original(*args, **kwargs)

    outgoing.export_pull = paged
    try:
        client.push(lap.db, lap.blobs, folder=lap.folder, http=http, office=trusted,
                    batch=100, log=lambda _m: None)  # fmt: skip
        client.pull(lap.db, lap.blobs, folder=lap.folder, http=http, office=trusted,
                    report=report)  # fmt: skip
    finally:
        outgoing.export_pull = original
    assert len(limits) > 2 and set(limits) == {"0005"}
    with lap.db.read() as s:
        assert {e.maintenance_unit_id for e in s.scalars(select(Equipment))} == {unit_m.id}
        assert s.get(SyncCursor, office.db.device_id()).pulled_schema == skew.head()
    assert dump(lap.db) == dump(office.db)
    # A newer laptop's request is refused with 426 and both messages.
    answer = http.client.get("/v1/health").json()
    assert answer["schema"] == skew.head()
    with pytest.raises(skew.SkewError, match="upgrade the office first") as err:
        http.request("GET", "/v1/changes?since=0&schema=0099")
    assert "请先升级局端" in err.value.message_zh


# -- helpers ---------------------------------------------------------------------------------


def _publish(office) -> None:
    from inspector_app.checklists import default_forms_dir
    from inspector_app.core import form_publishing

    form_publishing.publish(
        office.db, folder=office.folder, paths=[default_forms_dir() / "elevator.yaml"],
        officer_id=None, note="测试发布", force=True,
    )  # fmt: skip


def _catch_up_by_file(lap, office) -> None:
    """The USB route: the push (written even when empty, since the laptop is catching up)
    tells the office the revisions; its pull (since 0, as ``bundle export --for-device``
    writes it) is the catch-up."""
    ex = push_bundle(lap)
    assert ex.catching_up
    report = deliver(ex.data, office)
    with lap.db.write() as s:
        outgoing.save_cursor(s, office.db.device_id(), acked=report.acked_seq)
    pulled = pull_bundle(office, lap, since=0)
    assert pulled.manifest.get("catchup") == ex.manifest["data_schema"]
    deliver(pulled.data, lap)


def _unit_of(office, eq_id: str) -> str:
    with office.db.read() as s:
        return s.get(Equipment, eq_id).unit_id


def _changes(old, data: bytes) -> list[dict]:
    return incoming.verify(old.db, data, folder=old.node.folder).changes


def _push_changes(ex, office, lap) -> list[dict]:
    """The changes of a push, opened with the office key."""
    _h, payload = envelope.open_sealed(ex.data, private=keys.load_office_key(office.folder))
    signer = keys.verify_key(lap.keys().sign_public)
    return bundle.unpack(payload, signer_key=lambda _m: signer).changes


def _push_claiming(lap, schema, **extra):
    """A push signed by the laptop whose manifest names ``schema``."""
    from inspector_app.sync import enrol

    office = enrol.trusted_office(lap.db)
    with lap.db.read() as session:
        return outgoing.build(
            session, lap.blobs, keys=lap.keys(), device_id=lap.db.device_id(),
            recipient=office.box_public, kind="push", since=0, only_device=lap.db.device_id(),
            extra={"officer_id": None, "schema": schema, **extra},
        )  # fmt: skip


def _pull_claiming(office, lap, schema) -> bytes:
    with office.db.read() as session:
        row = session.get(SyncEnrolment, lap.db.device_id())
        return outgoing.build(
            session, office.blobs, keys=office.keys(), device_id=office.db.device_id(),
            recipient=row.box_key, kind="pull", since=0, skip_device=lap.db.device_id(),
            extra={"recipient": lap.db.device_id(), "acked_seq": 0, "settings": {},
                   "schema": schema, "office_schema": schema},
        ).data  # fmt: skip


def test_downgrade_helper_really_drops_the_columns(tmp_path):
    node = make_node(tmp_path, "x")
    url = node.db.url
    node.db.dispose()
    downgrade(url, "0005")
    meta = MetaData()
    engine = make_engine(url)
    meta.reflect(engine)
    assert "maintenance_unit_id" not in meta.tables["equipment"].c
    assert "form_publications" not in meta.tables
    engine.dispose()
