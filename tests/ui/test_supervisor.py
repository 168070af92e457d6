"""The supervisor's workspace: received inspections, open findings, drill-down (SQLite and PG)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from sqlalchemy import select
from test_sync_support import deliver, push_bundle

from inspector_app.core import clock
from inspector_app.store.models import Finding, Inspection, Officer
from inspector_app.ui.home.screen import HomeScreen
from inspector_app.ui.mainwindow import MainWindow
from inspector_app.ui.supervisor.detail import DIRECTIVE, InspectionDetailScreen
from inspector_app.ui.supervisor.screen import OVERDUE_BACKGROUND, SupervisorScreen

from .builders import concluded_inspection
from .sync_builders import (
    enrolled_office,
    inspection_with_directive,
    laptop_node,
    office_context,
)


def _window(qtbot, ctx) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _row_of(view, pred) -> int:
    model = view.model()
    source = model.sourceModel()
    while source.canFetchMore(model.index(-1, -1).parent()) and not any(
            pred(source.row_object(r)) for r in range(source.rowCount())):
        source.fetchMore(model.index(-1, -1).parent())
    return next(r for r in range(source.rowCount()) if pred(source.row_object(r)))


def _double_click(qtbot, view, row: int) -> None:
    index = view.model().index(row, 1)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


def test_supervisor_sees_what_a_laptop_bundle_brought(ctx, qtbot, tmp_path, office_url):
    office = enrolled_office(ctx, tmp_path / "office", office_url)
    iid, number = inspection_with_directive(ctx)
    deliver(push_bundle(laptop_node(ctx)).data, office)  # as 导入同步包… does
    octx = office_context(office)
    win = _window(qtbot, octx)
    screen = win.home
    assert isinstance(screen, SupervisorScreen) and octx.supervisor
    assert win.sync.import_action.isVisible()

    view = screen.table("inspections")
    with office.db.read() as s:
        total = len(s.scalars(select(Inspection)).all())
        unit_name = s.get(Inspection, iid).unit_id
    assert screen.tabs.tabText(0).endswith(f"({total})")
    row = _row_of(view, lambda r: r.id == iid)
    got = view.model().sourceModel().row_object(row)
    assert got.directive_number == number and got.findings == 2 and got.conclusion == "rectify"
    assert "、" in got.officers and "·" in got.equipment and unit_name
    dates = [view.model().sourceModel().row_object(r).date
             for r in range(view.model().rowCount())]
    assert dates == sorted(dates, reverse=True)  # newest first

    screen.conclusion.setCurrentIndex(screen.conclusion.findData("pass"))
    source = view.model().sourceModel()
    assert all(source.row_object(r).conclusion == "pass" for r in range(source.rowCount()))
    screen.conclusion.setCurrentIndex(0)

    findings = screen.table("findings")
    frow = _row_of(findings, lambda r: r.inspection_id == iid)
    assert findings.model().sourceModel().row_object(frow).directive_number == number

    _double_click(qtbot, view, _row_of(view, lambda r: r.id == iid))
    detail = win.screen
    assert isinstance(detail, InspectionDetailScreen) and detail.inspection_id == iid
    assert detail.kind == DIRECTIVE
    qtbot.waitUntil(lambda: detail.preview.data is not None, timeout=10000)
    assert detail.preview.document.status() == QPdfDocument.Status.Ready
    assert detail.preview.data[:5] == b"%PDF-"
    assert detail.photos.count() == 1 and not detail.photos.item(0).icon().isNull()
    assert detail.photos.item(0).text() == "门锁啮合"
    assert detail.detail.answers["fail"] == 2 and "2 failed" in detail.summary.text()
    win.show_home()
    assert win.screen is None and win.stack.currentWidget() is screen
    octx.writer.shutdown()
    office.db.dispose()


def test_overdue_findings_are_highlighted_and_filtered(ctx, qtbot):
    iid = concluded_inspection(ctx, fail=2)  # on the demo database
    today = clock.today(ctx.zone)  # the office's day decides what is overdue
    with ctx.db.write() as s:
        late = s.scalars(select(Finding).where(Finding.inspection_id == iid)).first()
        late.deadline = today - dt.timedelta(days=3)
    with ctx.db.read() as s:
        boss = s.scalars(select(Officer).where(Officer.cert_no == "35060010")).one()
        overdue = s.scalars(select(Finding).where(Finding.status == "open",
                                                  Finding.deadline < today)).all()
        open_total = len(s.scalars(select(Finding).where(Finding.status == "open")).all())
    ctx.officer_id, ctx.officer_name = boss.id, boss.name
    win = _window(qtbot, ctx)
    screen = win.home
    assert isinstance(screen, SupervisorScreen)
    assert screen.inspections.rowCount() > 0  # the demo's own inspections
    assert screen.tabs.tabText(1).endswith(f"({open_total})")
    assert late.id in {f.id for f in overdue}
    screen.tabs.setCurrentIndex(1)
    screen.overdue_only.setChecked(True)
    model = screen.findings
    assert screen.tabs.tabText(1).endswith(f"({len(overdue)})")
    assert model.rowCount() == min(len(overdue), model.page_size)
    cell = model.index(0, 0)
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color() == QColor(OVERDUE_BACKGROUND)
    assert model.row_object(0).overdue
    _double_click(qtbot, screen.table("findings"), 0)
    assert isinstance(win.screen, InspectionDetailScreen)
    assert win.screen.inspection_id == model.row_object(0).inspection_id


def test_inspectors_keep_the_ordinary_home(window):
    assert isinstance(window.home, HomeScreen)
    assert not window.sync.import_action.isVisible()
    assert window.sync.sync_action.isVisible()
