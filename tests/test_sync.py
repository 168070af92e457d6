"""Sync on files (the USB-stick route): keys, enrolment, export, import, convergence."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import func, select
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

from inspector_app.core import demo
from inspector_app.rules.enums import FindingStatus, VenueType
from inspector_app.store.models import (
    AppliedBundle,
    ChangeLog,
    Device,
    Equipment,
    Finding,
    LocalState,
    SyncConflict,
    Unit,
)
from inspector_app.sync import enrol, keys
from inspector_app.sync.errors import SyncError


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


@pytest.fixture
def trio(tmp_path, office_url):
    office = make_office(tmp_path, office_url)
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office, "01")
    join(b, office, "02")
    demo.generate(office.db, office.blobs, equipment=12, seed=5)
    file_sync(a, office)
    file_sync(b, office)
    yield office, a, b
    for node in (office, a, b):
        node.db.dispose()


def test_device_keys_private_file_and_devices_row(tmp_path):
    node = make_node(tmp_path, "laptop")
    k = enrol.ensure_device(node.db, node.folder, name="laptop")
    path = node.folder / keys.DEVICE_KEY_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert keys.load_or_create_device_keys(node.folder).sign_public == k.sign_public
    with node.db.read() as s:
        row = s.get(Device, node.db.device_id())
        assert row.public_key == k.sign_public
        assert b"PRIVATE" not in repr(everything(node.db)).encode()
    req = enrol.enrol_request(node.db, node.folder, name="laptop")
    assert req["fingerprint"] == keys.fingerprint(k.sign_public)
    assert len(req["fingerprint"]) == 24


def test_pull_brings_registry_and_segment(trio):
    office, a, b = trio
    assert dump(a.db) == dump(office.db) == dump(b.db)
    from inspector_app.core.settings import get_setting

    with a.db.read() as s:
        assert get_setting(s, "directive_segment") == "01"
        assert s.scalar(select(func.count()).select_from(Equipment)) == 12


def _offline_edits(office, a, b):
    with a.db.read() as s:
        unit_ids = sorted(s.scalars(select(Unit.id)))
        finding_id = s.scalars(select(Finding.id).order_by(Finding.id)).first()
        equipment_id = s.scalars(select(Equipment.id).order_by(Equipment.id)).first()
    with a.db.write() as s:
        s.get(Unit, unit_ids[0]).name = "甲单位（A改）"
        s.get(Equipment, equipment_id).location = "A: 3号楼"
        s.get(Finding, finding_id).status = FindingStatus.RECTIFIED
        s.add(Unit(name="A新单位", uscc="91350600MA00000001", venue_type=VenueType.SCHOOL))
    with b.db.write() as s:
        s.get(Unit, unit_ids[0]).name = "甲单位（B改）"
        s.get(Unit, unit_ids[1]).deleted = True
        s.get(Finding, finding_id).status = FindingStatus.ESCALATED
        s.add(Unit(name="B新单位", uscc="91350600MA00000002", venue_type=VenueType.HOSPITAL))
    with office.db.write() as s:
        s.get(Unit, unit_ids[2]).district = "芗城区"
    return unit_ids


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_offline_edits_converge_and_losers_are_kept(trio, order):
    office, a, b = trio
    unit_ids = _offline_edits(office, a, b)
    nodes = {"a": a, "b": b}
    for name in order + order:
        file_sync(nodes[name], office)
    assert dump(a.db) == dump(office.db) == dump(b.db)
    with office.db.read() as s:
        unit = s.get(Unit, unit_ids[0])
        assert unit.name in ("甲单位（A改）", "甲单位（B改）")
        assert s.get(Unit, unit_ids[1]).deleted
        conflicts = list(s.scalars(select(SyncConflict)))
        tables = {c.table_name for c in conflicts}
        assert {"units", "findings"} <= tables
        unit_conflict = next(c for c in conflicts if c.table_name == "units")
        assert {unit_conflict.loser_payload["name"], unit_conflict.winner_payload["name"]} == {
            "甲单位（A改）",
            "甲单位（B改）",
        }
        assert not unit_conflict.resolved
        # Lamport clocks moved forward past everything seen
        clock = s.get(LocalState, 1).clock
        assert clock >= max(s.scalars(select(ChangeLog.clock)))
    from inspector_app.cli.main import main

    url = office.db.engine.url.render_as_string(hide_password=False)
    assert main(["--data-dir", str(office.folder), "--db", url, "bundle", "conflicts"]) == 0


def test_winner_is_highest_clock_then_device(trio):
    office, a, b = trio
    unit_ids = _offline_edits(office, a, b)
    versions = {}
    for node in (a, b):
        with node.db.read() as s:
            u = s.get(Unit, unit_ids[0])
            versions[node.name] = (u.clock, u.origin_device, u.name)
    file_sync(a, office)
    file_sync(b, office)
    with office.db.read() as s:
        assert s.get(Unit, unit_ids[0]).name == max(versions.values())[2]


def test_same_bundle_twice_and_same_changes_twice_are_noops(trio):
    office, a, _b = trio
    _offline_edits(office, a, _b)
    first = push_bundle(a)
    again = push_bundle(a)  # not acknowledged yet: the same changes, another file
    assert first.bundle_id != again.bundle_id
    deliver(first.data, office)
    before = dump(office.db)
    report = deliver(first.data, office)
    assert report.already
    report = deliver(again.data, office)
    assert not report.already and report.result.applied == 0
    assert dump(office.db) == before
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AppliedBundle)) >= 2


def test_ack_cursor_limits_the_next_export(trio):
    office, a, _b = trio
    with a.db.write() as s:
        s.add(Unit(name="一", uscc="91350600MA00000003", venue_type=VenueType.SCHOOL))
    ex = push_bundle(a)
    assert ex.manifest["change_count"] == 1
    deliver(ex.data, office)
    deliver(pull_bundle(office, a).data, a)  # carries the office's ack
    assert push_bundle(a).manifest["change_count"] == 0
    assert push_bundle(a, since=0).manifest["change_count"] >= 1


def test_revoked_device_is_refused(trio):
    office, a, _b = trio
    with a.db.write() as s:
        s.add(Unit(name="二", uscc="91350600MA00000004", venue_type=VenueType.SCHOOL))
    ex = push_bundle(a)
    enrol.revoke(office.db, a.db.device_id())
    before = everything(office.db)
    with pytest.raises(SyncError, match="revoked"):
        deliver(ex.data, office)
    assert everything(office.db) == before


def test_cli_round_trip(tmp_path, capsys):
    from inspector_app.cli.main import main

    o, lap = str(tmp_path / "o"), str(tmp_path / "l")
    assert main(["--data-dir", o, "office", "init"]) == 0
    assert main(["--data-dir", o, "office", "public-key"]) == 0
    office_key = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--data-dir", lap, "office", "trust", office_key]) == 0
    req = str(tmp_path / "req.json")
    assert main(["--data-dir", lap, "device", "enrol-request", "-o", req]) == 0
    assert main(["--data-dir", o, "device", "enrol", req, "--segment", "07"]) == 0
    assert main(["--data-dir", lap, "demo", "--scale", "5"]) == 0
    bundle = str(tmp_path / "b.bundle")
    assert main(["--data-dir", lap, "bundle", "export", "-o", bundle]) == 0
    assert main(["--data-dir", o, "bundle", "import", bundle]) == 0
    assert main(["--data-dir", o, "bundle", "import", bundle]) == 0
    out = capsys.readouterr().out
    assert "already imported" in out
    (tmp_path / "junk").write_bytes(b"nonsense")
    assert main(["--data-dir", o, "bundle", "import", str(tmp_path / "junk")]) == 1
    assert "not an inspector bundle" in capsys.readouterr().err
    assert main(["--data-dir", o, "device", "list"]) == 0
    assert "enrolled" in capsys.readouterr().out


def test_imported_rows_are_stored_exactly_as_orm_writes(tmp_path):
    """The SQLite fast path stores the same bytes SQLAlchemy would (dates, JSON, booleans)."""
    import sqlite3

    office = make_office(tmp_path)
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    demo.generate(lap.db, lap.blobs, equipment=10, seed=3)
    deliver(push_bundle(lap).data, office)

    def raw(node, table):
        con = sqlite3.connect(node.folder / "inspector.sqlite3")
        try:
            cols = sorted(table_specs()[table].keys)
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id").fetchall()
            return [tuple((type(v).__name__, v) for v in row) for row in rows]
        finally:
            con.close()

    from inspector_app.sync.columns import table_specs

    for table in ("units", "equipment", "inspections", "item_results", "signatures", "officers"):
        assert raw(lap, table) == raw(office, table), table


def test_apply_changes_is_a_plain_function_with_progress_and_cancel(tmp_path):
    from inspector_app.sync import bundle, envelope
    from inspector_app.sync.apply import SyncTask, apply_changes
    from inspector_app.sync.errors import SyncCancelled

    office = make_office(tmp_path)
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    demo.generate(lap.db, lap.blobs, equipment=10, seed=3)
    ex = push_bundle(lap)
    payload = envelope.open_sealed(ex.data, private=keys.load_office_key(office.folder))[1]
    contents = bundle.unpack(payload, signer_key=lambda _m: keys.verify_key(lap.keys().sign_public))
    for data in contents.blobs.values():
        office.blobs.put(data)
    before = everything(office.db)
    seen = []

    def progress(task):
        seen.append(task.done)
        if task.done > 50:
            task.cancel()

    with pytest.raises(SyncCancelled), office.db.write() as s:
        apply_changes(
            s, contents.changes, contents.manifest["blobs"], task=SyncTask(on_progress=progress)
        )
    assert everything(office.db) == before and seen
    task = SyncTask()
    with office.db.write() as s:
        result = apply_changes(s, contents.changes, contents.manifest["blobs"], task=task)
    assert task.done == task.total == len(contents.changes)
    assert result.applied + result.older + result.identical == len(contents.changes)


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def test_sync_task_cancel_during_a_backoff_wait_returns_within_a_second(tmp_path):
    """The public hook: stages, retries and Cancel through a SyncTask, no private classes."""
    import threading
    import time

    from inspector_app.sync import client
    from inspector_app.sync.errors import SyncCancelled
    from inspector_app.sync.task import SyncTask

    office = make_office(tmp_path)
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    demo.generate(lap.db, lap.blobs, equipment=3, seed=5)
    phases: list[str] = []
    retries: list[tuple[int, int, float, str]] = []
    cancelled_at: list[float] = []

    class Task(SyncTask):
        def retrying(self, attempt, attempts, delay, problem):
            retries.append((attempt, attempts, delay, problem))
            super().retrying(attempt, attempts, delay, problem)

            def cancel():  # from another thread, a while into the (≥ 20 s) wait
                time.sleep(0.2)
                cancelled_at.append(time.monotonic())
                self.cancel()

            threading.Thread(target=cancel, daemon=True).start()

    task = Task(on_progress=lambda t: phases.append(t.phase))
    started = time.monotonic()
    with pytest.raises(SyncCancelled):
        client.sync(lap.db, lap.blobs, folder=lap.folder, attempts=6, base_delay=20.0,
                    server=f"http://127.0.0.1:{_closed_port()}", task=task)
    ended = time.monotonic()
    assert cancelled_at and ended - cancelled_at[0] < 1.0, ended - cancelled_at[0]
    assert ended - started < 5
    assert len(retries) == 1 and retries[0][:2] == (1, 6) and retries[0][2] >= 20.0
    assert "ConnectError" in retries[0][3]
    assert phases[:2] == ["export", "export"] and "push" in phases
    assert list((lap.folder / client.OUTBOX).glob("*.bundle")), "the bundle waits for next time"


def test_sync_task_cancelled_before_the_first_request_sends_nothing(tmp_path):
    from inspector_app.sync import client
    from inspector_app.sync.errors import SyncCancelled
    from inspector_app.sync.task import SyncTask

    office = make_office(tmp_path)
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    task = SyncTask()
    task.cancel()
    before = everything(lap.db)
    with pytest.raises(SyncCancelled):
        client.sync(lap.db, lap.blobs, folder=lap.folder, server="http://127.0.0.1:9", task=task)
    assert everything(lap.db) == before
