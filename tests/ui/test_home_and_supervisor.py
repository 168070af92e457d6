"""Home: totals, overdue dates marked and sortable, the address column. Supervisor: colour
that means one thing each, serious first, whole codes, a plain sync status and an
online/offline indicator (issue 9, points 14 and 15)."""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from sqlalchemy import func, select

from inspector_app import paths
from inspector_app.core import clock
from inspector_app.rules.enums import InspectionStatus
from inspector_app.store.models import Equipment, Finding, Inspection, InspectionEquipment, Officer
from inspector_app.ui import settings
from inspector_app.ui.mainwindow import MainWindow
from inspector_app.ui.supervisor.detail import InspectionDetailScreen
from inspector_app.ui.supervisor.screen import (
    GENERAL,
    OVERDUE_BACKGROUND,
    PASSED,
    SERIOUS,
    SupervisorScreen,
)
from inspector_app.ui.sync.online import NO_SERVER, OFFLINE, ONLINE

from .builders import concluded_inspection

FG, BG = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole


def _colour(model, row, column, role):
    value = model.index(row, column).data(role)
    return value.color() if value is not None else None


def _click_header(qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


# -- home -----------------------------------------------------------------------
def test_home_shows_how_much_of_the_register_is_inspected_this_year(window, ctx):
    today = clock.today(ctx.zone)
    iid = concluded_inspection(ctx, fail=0)
    window.home.refresh()
    with ctx.db.read() as s:
        total = s.scalar(
            select(func.count())
            .select_from(Equipment)
            .where(Equipment.deleted.is_(False), Equipment.status != "scrapped")
        )
        since = dt.datetime(today.year, 1, 1, tzinfo=ctx.zone)
        done = s.scalar(
            select(func.count(func.distinct(InspectionEquipment.equipment_id)))
            .join(Inspection, Inspection.id == InspectionEquipment.inspection_id)
            .where(Inspection.status == InspectionStatus.CONCLUDED, Inspection.started_at >= since)
        )
        assert s.get(Inspection, iid).status == InspectionStatus.CONCLUDED
    text = window.home.totals.text()
    assert done >= 1 and f"{done:,}" in text and f"{total:,}" in text
    assert text.index(f"{done:,}") < text.index(f"{total:,}")


def test_due_list_marks_overdue_dates_sorts_and_shows_the_address(window, ctx, qtbot):
    today = clock.today(ctx.zone)
    with ctx.db.write() as s:
        late = s.scalars(
            select(Equipment).where(Equipment.status == "in_use").order_by(Equipment.id)
        ).first()
        late.next_inspection_due = today - dt.timedelta(days=3650)  # the most overdue
        late_id = late.id
        address = late.unit.address
    home = window.home
    home.refresh()
    view, model = home.table("due"), home.due
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[-1] == home.tr("Address")
    rows = [model.row_object(r) for r in range(model.rowCount())]
    row = next(i for i, r in enumerate(rows) if r.id == late_id)
    assert model.index(row, model.columnCount() - 1).data() == address
    assert home.tr("%1 days overdue").replace("%1", "3650") in model.index(row, 0).data()
    assert _colour(model, row, 0, FG) == QColor("#b00020")
    assert _colour(model, row, 0, BG) is not None
    not_late = next(i for i, r in enumerate(rows) if not r.overdue_days(today))
    assert _colour(model, not_late, 0, FG) is None

    window.resize(1300, 700)
    home.tabs.setCurrentWidget(view)
    _click_header(qtbot, view, 4)  # by unit
    names = [model.row_object(r).unit_name for r in range(model.rowCount())]
    assert model.order == ("unit", False) and names == sorted(names)
    _click_header(qtbot, view, 4)  # again: the other way round
    names = [model.row_object(r).unit_name for r in range(model.rowCount())]
    assert model.order == ("unit", True) and names == sorted(names, reverse=True)
    assert view.horizontalHeader().sortIndicatorSection() == 4
    _click_header(qtbot, view, 0)  # by date: most overdue first
    dates = [model.row_object(r).next_inspection_due for r in range(model.rowCount())]
    assert model.order == ("due", False) and dates == sorted(dates)
    assert model.row_object(0).id == late_id


# -- supervisor ---------------------------------------------------------------------
def _supervisor(ctx, qtbot) -> MainWindow:
    with ctx.db.read() as s:
        boss = s.scalars(select(Officer).where(Officer.cert_no == "35060010")).one()
    ctx.officer_id, ctx.officer_name = boss.id, boss.name
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window.home, SupervisorScreen)
    return window


def test_supervisor_colours_mean_one_thing_each(ctx, qtbot):
    iid = concluded_inspection(ctx, fail=2, serious=True)
    today = clock.today(ctx.zone)
    with ctx.db.write() as s:
        found = s.scalars(
            select(Finding).where(Finding.inspection_id == iid).order_by(Finding.item_id)
        ).all()
        general = next(f for f in found if f.hazard == "general")
        general.deadline = today - dt.timedelta(days=2)
    window = _supervisor(ctx, qtbot)
    screen = window.home
    model = screen.findings
    rows = {model.row_object(r).id: r for r in range(model.rowCount())}
    serious = next(f for f in found if f.hazard == "serious")
    rs, rg = rows[serious.id], rows[general.id]
    assert _colour(model, rs, 3, FG) == SERIOUS and _colour(model, rg, 3, FG) == GENERAL
    assert _colour(model, rg, 0, BG) == OVERDUE_BACKGROUND  # past its deadline
    assert _colour(model, rs, 0, BG) is None  # not late: no alarm
    for column in (1, 2, 4, 5):  # the rest of a row is not painted red
        assert _colour(model, rg, column, FG) is None and _colour(model, rg, column, BG) is None
    assert "2" in model.index(rg, 0).data()
    inspections = screen.inspections
    colours = {
        inspections.row_object(r).conclusion: _colour(inspections, r, 4, FG)
        for r in range(inspections.rowCount())
    }
    assert colours.get("stop_use") == SERIOUS
    if "pass" in colours:
        assert colours["pass"] == PASSED
    assert "<span" in screen.legend()


def test_detail_lists_serious_hazards_first(ctx, qtbot):
    iid = concluded_inspection(ctx, fail=3, serious=True)
    with ctx.db.write() as s:  # the serious one is the least urgent by date
        for f in s.scalars(select(Finding).where(Finding.inspection_id == iid)):
            f.deadline = dt.date(2031, 1, 1) if f.hazard == "serious" else dt.date(2030, 1, 1)
    window = _supervisor(ctx, qtbot)
    window.open_received(iid)
    detail = window.screen
    assert isinstance(detail, InspectionDetailScreen)
    hazards = [f.hazard for f in detail.detail.findings]
    assert hazards[0] == "serious" and set(hazards[1:]) == {"general"}
    html = detail.findings.text()
    assert html.index("重大事故隐患") < html.index("一般隐患")


def test_whole_registration_codes_are_visible(ctx, qtbot):
    concluded_inspection(ctx, fail=1)
    window = _supervisor(ctx, qtbot)
    for key, column in (("inspections", 2), ("findings", 2)):
        view = window.home.table(key)
        model = view.model()
        metrics = view.fontMetrics()
        for r in range(model.rowCount()):
            text = model.index(r, column).data()
            assert metrics.horizontalAdvance(text) + 8 <= view.columnWidth(column), (key, text)


# -- status bar ---------------------------------------------------------------------
def test_fresh_database_status_is_plain_not_alarming(window, ctx):
    status = window.sync_status
    assert status.pending > 100  # the demo data, never sent anywhere
    text = status.text()
    assert str(status.pending) not in text
    assert "Not enrolled" in text or "尚未登记" in text


def test_office_database_says_so(ctx, qtbot):
    (ctx.workspace.folder / paths.OFFICE_KEY_FILE).write_text("test placeholder")
    window = _supervisor(ctx, qtbot)
    assert "Office database" in window.sync_status.text() or "局端" in window.sync_status.text()
    assert window.online is None


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path == "/v1/health" else 404)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    def log_message(self, *_args):
        pass


@pytest.fixture
def health_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_online_offline_indicator(window, qtbot, health_server):
    online = window.online
    assert online is not None and online.state == NO_SERVER
    settings.put(settings.SYNC_SERVER, health_server)
    online.check()
    qtbot.waitUntil(lambda: online.state == ONLINE, timeout=10000)
    assert "Online" in online.text() or "在线" in online.text()
    settings.put(settings.SYNC_SERVER, f"http://127.0.0.1:{_closed_port()}")
    online.check()
    qtbot.waitUntil(lambda: online.state == OFFLINE, timeout=10000)
    assert "Offline" in online.text() or "离线" in online.text()
