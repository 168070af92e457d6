"""从局端获取: a scoped laptop opens an inspection outside its scope; the screen says its
files are kept at the office, fetches them from a real office server on demand (offline:
says so and changes nothing), then shows them. SQLite and PostgreSQL offices."""

from __future__ import annotations

import socket

import pytest
from planning_support import conclude_from_task, make_city
from sqlalchemy import select
from test_server import Server
from test_sync_support import join, make_node, make_office

from inspector_app.cli.context import Workspace
from inspector_app.core import plans
from inspector_app.rules import draw as rules
from inspector_app.rules.enums import FindingStatus
from inspector_app.store.models import Finding, Task, Unit
from inspector_app.sync import client, scope
from inspector_app.ui import settings
from inspector_app.ui.context import AppContext
from inspector_app.ui.writer import Writer

LI, CHEN, LIN = "35061002", "35061003", "35061004"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def scoped(tmp_path, office_url, qapp):
    """An office with a concluded inspection in 龙海区 by 陈明 and 林华 (findings closed), its
    server, and a laptop scoped to 龙海区 for 李娜 that has synced: the inspection's rows are
    here, its signatures and PDFs only by hash."""
    office = make_office(tmp_path, office_url)
    city = make_city(office.db, per_district=4)
    o = city["officers"]
    with office.db.write() as s:
        plans.draw_plan(s, office.blobs, year=2026, seed="fetch", officer_id=city["supervisor"],
                        ratios={rules.KEY: 10000, rules.GENERAL: 10000})  # fmt: skip
    with office.db.read() as s:
        task = s.scalars(
            select(Task).join(Unit, Unit.id == Task.unit_id).where(
                Unit.district == "龙海区", Task.lead_officer_id.in_([o[CHEN], o[LIN]]),
                Task.second_officer_id.in_([o[CHEN], o[LIN]]))
        ).first()  # fmt: skip
    done = conclude_from_task(office.db, office.blobs, task_id=task.id,
                              lead=task.lead_officer_id, second=task.second_officer_id)  # fmt: skip
    with office.db.write() as s:
        for f in s.scalars(select(Finding).where(Finding.inspection_id == done)):
            f.status = FindingStatus.CLOSED.value
    laptop = make_node(tmp_path, "laptop")
    join(laptop, office, "03")
    scope.set_scope(office.db, laptop.db.device_id(), districts=["龙海区"], officers=[o[LI]])
    srv = Server(office.folder, office.db.url).start()
    try:
        client.sync(laptop.db, laptop.blobs, folder=laptop.folder, server=srv.base,
                    base_delay=0.05)  # fmt: skip
        ws = Workspace(folder=laptop.folder, db=laptop.db, blobs=laptop.blobs)
        ctx = AppContext(workspace=ws, writer=Writer(laptop.db, inline=True),
                         officer_id=o[LI], officer_name="李娜", officer_role="inspector")  # fmt: skip
        yield ctx, done, srv
    finally:
        srv.stop()
        for node in (office, laptop):
            node.db.dispose()


def test_the_record_screen_fetches_files_kept_at_the_office(scoped, qtbot):
    from inspector_app.ui.directive.screen import DirectiveScreen

    ctx, done, srv = scoped
    with ctx.db.read() as s:
        wanted = client.remote_blobs_of(s, inspection_id=done)
    assert len(wanted) >= 3 and not any(ctx.blobs.verified(sha) for sha in wanted)
    screen = DirectiveScreen(ctx, done)
    qtbot.addWidget(screen)
    screen.show()
    bar = screen.fetch_bar
    assert bar.isVisible() and str(len(wanted)) in bar.label.text()
    assert not screen.issue.isEnabled()  # another team's inspection: not hers to issue
    screen.show_document("record")
    assert screen.preview.data is None  # the record needs the signatures: not here yet

    # offline: said in words, nothing fetched, the bar stays
    settings.put(settings.SYNC_SERVER, f"http://127.0.0.1:{_closed_port()}")
    assert bar.fetch()
    qtbot.waitUntil(lambda: not bar.busy and bool(bar.last_error), timeout=30000)
    assert "Offline" in bar.last_error or "离线" in bar.last_error
    assert bar.isVisible() and bar.button.isEnabled() and len(bar.shas) == len(wanted)
    assert not any(ctx.blobs.verified(sha) for sha in wanted)

    # online: fetched (each file checked against its hash), the record is shown
    settings.put(settings.SYNC_SERVER, srv.base)
    progress: list[tuple[int, int]] = []
    bar.runner.sig_progress.connect(lambda _p, d, t, _m: progress.append((d, t)))
    with qtbot.waitSignal(bar.sig_fetched, timeout=60000) as fetched:
        assert bar.fetch()
    assert fetched.args == [len(wanted)]
    assert (len(wanted), len(wanted)) in progress
    assert all(ctx.blobs.verified(sha) for sha in wanted)
    with ctx.db.read() as s:
        assert client.remote_blobs_of(s, inspection_id=done) == []
    assert not bar.isVisible()
    qtbot.waitUntil(lambda: screen.preview.data is not None, timeout=10000)
    assert screen.preview.data.startswith(b"%PDF")


def test_the_supervisor_detail_offers_the_fetch_and_no_server_is_said(scoped, qtbot):
    from inspector_app.ui.supervisor.detail import InspectionDetailScreen

    ctx, done, _srv = scoped
    settings.put(settings.SYNC_SERVER, "")
    screen = InspectionDetailScreen(ctx, done)
    qtbot.addWidget(screen)
    screen.show()
    bar = screen.fetch_bar
    assert bar.isVisible()
    assert "No sync server" in bar.label.text() or "同步服务器" in bar.label.text()
    assert bar.fetch()
    qtbot.waitUntil(lambda: not bar.busy and bool(bar.last_error), timeout=10000)
    assert "同步服务器" in bar.last_error
