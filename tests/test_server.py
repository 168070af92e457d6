"""The office server over real HTTP: uvicorn subprocesses on PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select, text
from test_sync_support import dump, everything, join, make_node, make_office, push_bundle

from inspector_app.core import demo
from inspector_app.rules.enums import VenueType
from inspector_app.store.changes import bulk_insert
from inspector_app.store.db import open_database
from inspector_app.store.models import AppliedBundle, Unit
from inspector_app.sync import client, enrol, keys
from inspector_app.sync.errors import SyncError
from inspector_app.sync.signing import sign_request

pytestmark = pytest.mark.postgres
# Slow tests (seconds to a minute each) run by default; INSPECTOR_FAST=1 skips them.
slow = pytest.mark.skipif(os.environ.get("INSPECTOR_FAST") == "1", reason="INSPECTOR_FAST=1")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, folder: Path, url: str, *, workers: int = 1, max_body: int = 0):
        self.folder, self.url, self.workers = folder, url, workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, INSPECTOR_DATA_DIR=str(folder))
        if max_body:
            self.env["INSPECTOR_MAX_BODY"] = str(max_body)
        self.proc: subprocess.Popen | None = None

    def start(self) -> Server:
        cmd = [
            sys.executable,
            "-m",
            "inspector_app.cli.main",
            "--data-dir",
            str(self.folder),
            "serve",
            "--db",
            self.url,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
        ]
        self.proc = subprocess.Popen(
            cmd,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server died: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(self.base + "/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def office_pg(tmp_path, make_pg_url):
    office = make_office(tmp_path, make_pg_url())
    yield office
    office.db.dispose()


@pytest.fixture
def server(office_pg):
    srv = Server(office_pg.folder, office_pg.db.url, workers=2, max_body=8 * 2**20).start()
    yield srv
    srv.stop()


def do_sync(node, srv, **kw):
    return client.sync(
        node.db, node.blobs, folder=node.folder, server=srv.base, base_delay=0.05, **kw
    )


def test_health_and_openapi(server):
    assert httpx.get(server.base + "/v1/health").json()["status"] == "ok"
    spec = httpx.get(server.base + "/openapi.json").json()
    assert {"/v1/bundles", "/v1/changes", "/v1/devices/enrol-request"} <= set(spec["paths"])


def test_enrol_over_http_then_sync(tmp_path, office_pg, server):
    lap = make_node(tmp_path, "lap")
    office_key = keys.office_public(office_pg.folder, office_pg.db.device_id())
    enrol.trust_office(lap.db, office_key)
    req = enrol.enrol_request(lap.db, lap.folder, name="笔记本1")
    r = httpx.post(server.base + "/v1/devices/enrol-request", content=json.dumps(req))
    assert r.status_code == 202 and r.json()["status"] == "pending"
    with pytest.raises(SyncError, match="not enrolled"):
        do_sync(lap, server, attempts=1)
    enrol.enrol(office_pg.db, req["device_id"], segment="05")
    demo.generate(office_pg.db, office_pg.blobs, equipment=6, seed=4)
    report = do_sync(lap, server)
    assert report.pulled_changes > 0
    assert dump(lap.db) == dump(office_pg.db)
    from inspector_app.cli.main import main

    with lap.db.write() as s:
        s.add(Unit(name="命令行", uscc="91350600MA00000009", venue_type=VenueType.SCHOOL))
    assert main(["--data-dir", str(lap.folder), "sync", "--server", server.base]) == 0
    assert dump(lap.db) == dump(office_pg.db)


def test_bundle_sealed_for_an_old_office_key_is_set_aside(tmp_path, office_pg, make_pg_url):
    """A laptop that trusts a new office key (a new office server) keeps no bundle in its
    outbox that only the old key can open: it is set aside, kept, and its changes reach
    the new office in a new bundle; later syncs are not stopped by it."""
    lap = make_node(tmp_path, "lap")
    join(lap, office_pg)
    with lap.db.write() as s:
        s.add(Unit(name="换钥前的单位", uscc="91350600MA00000009", venue_type=VenueType.SCHOOL))
    stale = push_bundle(lap)  # written for the old office, never sent
    outbox = lap.folder / client.OUTBOX
    outbox.mkdir()
    client._save(outbox / "000000000001-stale.bundle", stale.data)

    new_office = make_office(tmp_path / "new", make_pg_url())
    join(lap, new_office)
    srv = Server(new_office.folder, new_office.db.url).start()
    try:
        report = do_sync(lap, srv)
        assert report.pushed == 1
        assert do_sync(lap, srv).pushed == 0  # nothing left that stops the next sync
    finally:
        srv.stop()
        new_office.db.dispose()
    assert not list(outbox.glob("*.bundle"))
    assert [p.name for p in (outbox / client.SUPERSEDED).iterdir()] == ["000000000001-stale.bundle"]
    with open_database(new_office.db.url).read() as s:
        assert s.scalar(select(func.count()).where(Unit.name == "换钥前的单位")) == 1


@pytest.mark.parametrize("order", ["abab", "baab"])
def test_two_laptops_and_office_converge_over_http(tmp_path, office_pg, server, order):
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office_pg, "01")
    join(b, office_pg, "02")
    demo.generate(office_pg.db, office_pg.blobs, equipment=10, seed=6)
    do_sync(a, server)
    do_sync(b, server)
    with a.db.read() as s:
        ids = sorted(s.scalars(select(Unit.id)))
    for node, tag in ((a, "A"), (b, "B")):
        with node.db.write() as s:
            s.get(Unit, ids[0]).name = f"{tag} 改名"
            s.get(Unit, ids[1 if tag == "A" else 2]).address = f"{tag} 地址"
            s.add(
                Unit(name=f"{tag} 新单位", uscc="91350600MA00000009", venue_type=VenueType.SCHOOL)
            )
    for name in order:
        do_sync({"a": a, "b": b}[name], server)
    assert dump(a.db) == dump(office_pg.db) == dump(b.db)


def _signed(node, method, target, body=b""):
    return sign_request(
        node.keys(), device_id=node.db.device_id(), method=method, target=target, body=body
    )


def test_http_refusals_leave_the_office_unchanged(tmp_path, office_pg, server):
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office_pg)
    join(b, office_pg)
    with a.db.write() as s:
        s.add(Unit(name="单位", uscc="91350600MA00000009", venue_type=VenueType.SCHOOL))
    good = push_bundle(a).data
    before = everything(office_pg.db)
    url = server.base + "/v1/bundles"

    def post(body, headers, status, message):
        r = httpx.post(url, content=body, headers=headers)
        assert r.status_code == status, r.text
        assert message in r.json()["error"]

    post(good, {}, 401, "not signed")
    post(good, _signed(a, "POST", "/v1/bundles", b"other"), 401, "signature is invalid")
    stale = sign_request(
        a.keys(),
        device_id=a.db.device_id(),
        method="POST",
        target="/v1/bundles",
        body=good,
        now=time.time() - 3600,
    )
    post(good, stale, 401, "window")
    post(good, _signed(b, "POST", "/v1/bundles", good), 400, "another device")
    junk = b"INSPBNDL" + os.urandom(200)
    post(junk, _signed(a, "POST", "/v1/bundles", junk), 400, "bundle")
    post(good[:-5], _signed(a, "POST", "/v1/bundles", good[:-5]), 400, "decrypted")
    big = b"\0" * (9 * 2**20)
    r = httpx.post(url, content=big, headers=_signed(a, "POST", "/v1/bundles", big))
    assert r.status_code == 413 and "larger" in r.json()["error"]
    for since in ("-4", str(10**20), str(2**62 + 1)):
        target = f"/v1/changes?since={since}"
        r = httpx.get(server.base + target, headers=_signed(a, "GET", target))
        assert r.status_code == 422 and "since" in r.json()["error"], r.text
    r = httpx.get(
        server.base + "/v1/changes?since=abc", headers=_signed(a, "GET", "/v1/changes?since=abc")
    )
    assert r.status_code == 422 and "error" in r.json()
    r = httpx.post(server.base + "/v1/devices/enrol-request", content=b"{not json")
    assert r.status_code == 400 and "error" in r.json()
    assert everything(office_pg.db) == before
    enrol.revoke(office_pg.db, a.db.device_id())
    post(good, _signed(a, "POST", "/v1/bundles", good), 401, "revoked")
    r = httpx.post(url, content=good, headers=_signed(b, "POST", "/v1/bundles", good))
    assert r.status_code == 400


def _advisory_lock_held(admin_url: str) -> bool:
    engine = create_engine(admin_url)
    try:
        with engine.connect() as conn:
            return bool(
                conn.scalar(
                    text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
                )
            )
    finally:
        engine.dispose()


@slow
def test_server_killed_mid_push_nothing_half_applied_then_retry(tmp_path, office_pg):
    srv = Server(office_pg.folder, office_pg.db.url, workers=1).start()
    lap = make_node(tmp_path, "lap")
    join(lap, office_pg)
    rows = [
        {
            "name": f"单位{i}",
            "uscc": "91350600MA00000009",
            "venue_type": "school",
            "address": "x" * 200,
        }
        for i in range(40000)
    ]
    with lap.db.write() as s:
        bulk_insert(s, Unit, rows)
    with office_pg.db.read() as s:
        units_before = s.scalar(select(func.count()).select_from(Unit))
    errors: list[Exception] = []

    def run():
        try:
            do_sync(lap, srv, attempts=1)
        except SyncError as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 60
    while not (held := _advisory_lock_held(office_pg.db.url)) and time.monotonic() < deadline:
        time.sleep(0.02)
    srv.kill()
    assert held, "the import never started"
    thread.join(60)
    assert errors, "the push should have failed when the server died"
    assert list((lap.folder / client.OUTBOX).glob("*.bundle")), "the bundle waits in the outbox"
    time.sleep(0.5)  # PostgreSQL notices the dead connection and rolls back
    with office_pg.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == units_before
        assert s.scalar(select(func.count()).select_from(AppliedBundle)) == 0
    srv = Server(office_pg.folder, office_pg.db.url, workers=1).start()
    try:
        report = do_sync(lap, srv)
    finally:
        srv.stop()
    assert report.pushed >= 1
    with office_pg.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == units_before + 40000
    assert not list((lap.folder / client.OUTBOX).glob("*.bundle"))


@slow
def test_twenty_devices_fifty_bundles_concurrently_two_workers(tmp_path, office_pg):
    """Nothing lost, nothing duplicated, with two workers on one PostgreSQL."""
    srv = Server(office_pg.folder, office_pg.db.url, workers=2).start()
    devices = []
    for d in range(20):
        node = make_node(tmp_path, f"d{d:02}")
        join(node, office_pg)
        bundles = []
        for n in range(50):
            with node.db.write() as s:
                s.add(
                    Unit(
                        name=f"设备{d}单位{n}",
                        uscc="91350600MA00000009",
                        venue_type=VenueType.SCHOOL,
                    )
                )
            ex = push_bundle(node, since=n + 1)  # seq 1 is the device row itself
            assert ex.manifest["change_count"] == 1
            bundles.append(ex.data)
        devices.append((node, bundles))
        node.db.dispose()
    failures: list[str] = []

    def run(node, bundles):
        with httpx.Client(timeout=60) as http:
            # every bundle once, then the first five again (a retrying client)
            for data in bundles + bundles[:5]:
                headers = _signed(node, "POST", "/v1/bundles", data)
                r = http.post(srv.base + "/v1/bundles", content=data, headers=headers)
                if r.status_code != 200:
                    failures.append(r.text)

    threads = [threading.Thread(target=run, args=dev) for dev in devices]
    started = time.monotonic()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        srv.stop()
    took = time.monotonic() - started
    assert not failures, failures[:3]
    with office_pg.db.read() as s:
        names = list(s.scalars(select(Unit.name).where(Unit.name.like("设备%"))))
        applied = s.scalar(select(func.count()).select_from(AppliedBundle))
        from inspector_app.store.models import ChangeLog

        logged = s.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.table_name == "units")
        )
    assert len(names) == len(set(names)) == 1000
    assert applied == 1000
    assert logged == 1000
    assert took < 120


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_published_form_reaches_the_second_laptop_over_http(tmp_path, request, backend):
    """The office publishes an edited elevator form while two laptops sync with it: both
    start new inspections with it; the one started before keeps the version it pinned."""
    from test_forms_publish import SUPERVISOR, _current, _pinned, _start, edited_forms

    from inspector_app.core import form_publishing

    url = None if backend == "sqlite" else request.getfixturevalue("make_pg_url")()
    office = make_office(tmp_path, url)
    demo.generate(office.db, office.blobs, equipment=6, seed=4)
    srv = Server(office.folder, office.db.url, workers=1 if backend == "sqlite" else 2).start()
    try:
        a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
        join(a, office, "01")
        join(b, office, "02")
        do_sync(a, srv)
        do_sync(b, srv)
        started, old_version = _start(a)
        [published] = form_publishing.publish(
            office.db, folder=office.folder, paths=[edited_forms(tmp_path)], officer_id=SUPERVISOR
        )
        do_sync(a, srv)
        report = do_sync(b, srv)
        assert report.refused_forms == []
        for node in (a, b):
            assert _current(node).id == published.form_version_id
        assert _start(b)[1] == published.form_version_id
        assert _pinned(a, started) == old_version != published.form_version_id
        for node in (a, b, a):  # each laptop's new inspection reaches the other
            do_sync(node, srv)
        assert dump(a.db) == dump(office.db) == dump(b.db)
    finally:
        srv.stop()
        office.db.dispose()
