"""Backups that restore: a drill during writes, refusals before writing, restored copies
that keep syncing (a laptop's, and the office's), the app's daily rotation, the CLI."""

from __future__ import annotations

import datetime as dt
import os
import stat
import threading
import zipfile

import pytest
from sqlalchemy import func, select
from test_sync_support import (
    deliver,
    dump,
    file_sync,
    join,
    make_node,
    make_office,
    pull_bundle,
    push_bundle,
)

from inspector_app.cli.main import main
from inspector_app.core import backups, demo
from inspector_app.core.errors import UserError
from inspector_app.core.settings import set_setting
from inspector_app.rules.enums import VenueType
from inspector_app.store import audit
from inspector_app.store.limits import RESTORE_GAP
from inspector_app.store.models import AuditLog, Blob, ChangeLog, LocalState, Unit


def _unit(node, name: str) -> str:
    with node.db.write() as s:
        unit = Unit(name=name, uscc="91350600MA00000009", venue_type=VenueType.SCHOOL)
        s.add(unit)
        s.flush()
        return unit.id


def test_drill_backup_during_writes_restore_check_every_blob(tmp_path, capsys):
    lap = make_node(tmp_path, "lap")
    lap.keys()  # its device key file exists
    demo.generate(lap.db, lap.blobs, equipment=40, seed=9)
    with lap.db.read() as s:
        units_before = s.scalar(select(func.count()).select_from(Unit))
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            _unit(lap, f"写入中{n}")
            n += 1
        written.append(n)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        report = backups.create_backup(lap.folder, tmp_path / "b.backup")
    finally:
        stop.set()
        writer.join(30)
    assert written and written[0] > 0
    assert not report.missing and report.blobs > 0
    assert stat.S_IMODE(os.stat(report.path).st_mode) == 0o600  # it holds the device key
    restored = tmp_path / "restored"
    assert main(["restore", str(report.path), "--data-dir", str(restored)]) == 0
    assert main(["--data-dir", str(restored), "db", "check"]) == 0
    out = capsys.readouterr().out
    assert "all present and intact" in out and "audit log:" in out
    copy = make_node(tmp_path, "restored")
    with copy.db.read() as s:
        units = s.scalar(select(func.count()).select_from(Unit))
        shas = list(s.scalars(select(Blob.sha256)))
    assert units_before <= units <= units_before + written[0]  # a consistent snapshot
    assert shas and all(copy.blobs.verified(sha) for sha in shas)
    assert (restored / "device_key.pem").read_bytes() == (
        lap.folder / "device_key.pem"
    ).read_bytes()


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path):
    lap = make_node(tmp_path, "lap")
    demo.generate(lap.db, lap.blobs, equipment=12, seed=3)
    path = backups.create_backup(lap.folder, tmp_path / "b.backup").path
    with zipfile.ZipFile(path) as zf:
        blob = next(i for i in zf.infolist() if i.filename.startswith("blobs/"))
        start = blob.header_offset + 30 + len(blob.filename.encode()) + len(blob.extra)
    data = bytearray(path.read_bytes())
    data[start + 10] ^= 0xFF
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(bytes(data))
    target = tmp_path / "new"
    with pytest.raises(UserError, match="damaged"):
        backups.restore_backup(damaged, target)
    assert not (target / "inspector.sqlite3").exists() and not (target / "blobs").exists()
    (tmp_path / "junk.backup").write_bytes(b"not a zip")
    with pytest.raises(UserError, match="not an inspector backup"):
        backups.restore_backup(tmp_path / "junk.backup", target)
    with pytest.raises(UserError, match="already has a database"):
        backups.restore_backup(path, lap.folder)


def test_restored_laptop_gets_back_what_it_sent_and_collides_with_nothing(tmp_path):
    office = make_office(tmp_path)
    lap = make_node(tmp_path, "lap")
    join(lap, office, "01")
    demo.generate(office.db, office.blobs, equipment=6, seed=2)
    file_sync(lap, office)
    backup = backups.create_backup(lap.folder, tmp_path / "lap.backup").path
    after = _unit(lap, "备份之后，已同步")  # made after the backup, synced, then the disk dies
    file_sync(lap, office)
    lap.db.dispose()

    restored = backups.restore_backup(backup, tmp_path / "lap2")
    copy = make_node(tmp_path, "lap2")
    assert copy.db.device_id() == lap.db.device_id() == restored.device_id
    with copy.db.read() as s:
        assert s.get(Unit, after) is None  # not in the backup
        state = s.get(LocalState, 1)
        restored_row = s.scalars(
            select(AuditLog).where(AuditLog.action == "database_restored")
        ).one()
        assert restored_row.chain == state.audit_chain and restored_row.chain_seq == 1
        top = s.scalar(select(func.max(ChangeLog.seq)))
    assert top > RESTORE_GAP  # new entries sit far above anything the office acknowledged
    offline = _unit(copy, "恢复后离线新建")  # before its first sync
    with copy.db.read() as s:
        new_clock = s.get(Unit, offline).clock
    with office.db.read() as s:
        assert new_clock > s.get(Unit, after).clock  # no (clock, device) collision
    # first sync after the restore: pulls bring back its own changes, its new one goes out
    deliver(push_bundle(copy).data, office)
    deliver(_own_pull(office, copy), copy)
    file_sync(copy, office)
    with copy.db.read() as s:
        assert s.get(Unit, after) is not None
    with office.db.read() as s:
        assert s.get(Unit, offline) is not None
    assert dump(copy.db) == dump(office.db)
    with copy.db.read() as s:
        assert audit.verify(s).ok


def _own_pull(office, node) -> bytes:
    """The pull a restored laptop asks for first (client: ``?own=true``)."""
    from inspector_app.sync import outgoing

    with node.db.read() as s:
        cur = outgoing.cursor(s, office.db.device_id())
        since, own = cur.pulled_seq, cur.include_own
    assert own
    return outgoing.export_pull(
        office.db,
        office.blobs,
        keys=office.keys(),
        device_id=node.db.device_id(),
        since=since,
        limit=None,
        include_own=True,
    ).data


def test_restored_office_gets_back_what_laptops_had_sent(tmp_path):
    office = make_office(tmp_path)
    lap = make_node(tmp_path, "lap")
    join(lap, office, "01")
    file_sync(lap, office)
    backup = backups.create_backup(office.folder, tmp_path / "office.backup").path
    lost = _unit(lap, "局端备份之后送达")
    file_sync(lap, office)  # acknowledged by the office, which then dies
    office.db.dispose()
    backups.restore_backup(backup, tmp_path / "office2")
    office2 = make_node(tmp_path, "office2")
    with office2.db.read() as s:
        assert s.get(Unit, lost) is None
    deliver(pull_bundle(office2, lap).data, lap)  # names the office's new incarnation
    file_sync(lap, office2)  # so the laptop sends again what the office lost
    with office2.db.read() as s:
        assert s.get(Unit, lost) is not None
    assert dump(lap.db) == dump(office2.db)


def test_daily_backups_rotate_and_follow_the_setting(tmp_path):
    lap = make_node(tmp_path, "lap")
    with lap.db.write() as s:
        set_setting(s, "backups_keep", "2")
        with pytest.raises(UserError, match="0-365"):
            set_setting(s, "backups_keep", "-1")
    assert backups.backups_keep(lap.db) == 2
    day = dt.date(2026, 12, 1)
    for n in range(4):
        report = backups.daily_backup(lap.folder, keep=2, today=day + dt.timedelta(days=n))
        assert report is not None
    assert backups.daily_backup(lap.folder, keep=2, today=day + dt.timedelta(days=3)) is None
    names = sorted(p.name for p in (lap.folder / "backups").iterdir())
    assert names == ["inspector-20261203.backup", "inspector-20261204.backup"]
    assert backups.daily_backup(lap.folder, keep=0) is None
    thread = backups.start_daily_backup(lap.folder, lap.db)
    thread.join(60)
    assert len(list((lap.folder / "backups").glob("*.backup"))) == 2


def test_cli_backup_messages(tmp_path, capsys):
    lap = make_node(tmp_path, "lap")
    _unit(lap, "一")
    target = tmp_path / "no-keys.backup"
    assert main(["--data-dir", str(lap.folder), "backup", "-o", str(target), "--without-keys"]) == 0
    assert "keys: none" in capsys.readouterr().out
    assert main(["restore", str(target), "--data-dir", str(tmp_path / "r")]) == 0
    assert "enrolled again" in capsys.readouterr().out
    assert main(["restore", str(target)]) == 1
    assert "--data-dir" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path / "empty"), "backup", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("inspector: error: no database to back up") and err.count("\n") == 1


@pytest.mark.postgres
def test_office_restored_with_pg_restore_is_marked_and_recovers(
    tmp_path, make_pg_url, pg_template, capsys
):
    """A PostgreSQL office restored by its own tools, then ``inspector restore --in-place``."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    admin, _url, _template = pg_template
    office = make_office(tmp_path, make_pg_url())
    lap = make_node(tmp_path, "lap")
    join(lap, office, "01")
    file_sync(lap, office)
    office.db.dispose()  # pg_dump/pg_basebackup here: a copy of the database as it is now
    name = make_url(office.db.url).database
    snapshot = f"{name}_snap"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{snapshot}" TEMPLATE "{name}"'))
    try:
        lost = _unit(lap, "恢复前已送达")
        file_sync(lap, office)
        snap_url = (
            make_url(office.db.url).set(database=snapshot).render_as_string(hide_password=False)
        )
        assert (
            main(["--data-dir", str(office.folder), "--db", snap_url, "restore", "--in-place"]) == 0
        )
        assert "new incarnation" in capsys.readouterr().out
        restored = make_node(tmp_path, "office", snap_url)
        deliver(pull_bundle(restored, lap).data, lap)
        file_sync(lap, restored)
        with restored.db.read() as s:
            assert s.get(Unit, lost) is not None
            assert s.scalar(select(func.max(ChangeLog.seq))) > RESTORE_GAP
        assert dump(lap.db) == dump(restored.db)
        restored.db.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{snapshot}" WITH (FORCE)'))
