"""The supervisor's 数据冲突 tab: two laptops edit the same unit offline, the office settles it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from test_sync_support import deliver, file_sync, join, make_node, push_bundle

from inspector_app.core.conflicts import count_open_conflicts
from inspector_app.store.models import AuditLog, SyncConflict, Unit
from inspector_app.ui.mainwindow import MainWindow
from inspector_app.ui.supervisor.conflicts import DIFF_BACKGROUND, ConflictDialog
from inspector_app.ui.supervisor.screen import SupervisorScreen

from .sync_builders import enrolled_office, laptop_node, office_context
from .test_supervisor import _double_click, _row_of


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


def _ime_type(widget, text: str) -> None:
    """Chinese arrives as an input method's commit (QTest only types Latin-1 keys)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _conflicting_unit(ctx, tmp_path, office_url):
    """The ctx's laptop and a second one rename the same unit offline; both push."""
    office = enrolled_office(ctx, tmp_path / "office", office_url)
    laptop = laptop_node(ctx)
    deliver(push_bundle(laptop).data, office)
    other = make_node(tmp_path, "laptop-b")
    join(other, office, "08")
    file_sync(other, office)
    with ctx.db.read() as s:
        unit_id = s.scalars(select(Unit.id).order_by(Unit.id)).first()
    with ctx.db.write() as s:
        s.get(Unit, unit_id).name = "漳州一中（甲改）"
        s.get(Unit, unit_id).contact_phone = "0596-2222222"
    with other.db.write() as s:
        s.get(Unit, unit_id).name = "漳州一中（乙改）"
    deliver(push_bundle(laptop).data, office)
    deliver(push_bundle(other).data, office)
    other.db.dispose()
    return office, unit_id


def test_conflicts_tab_lists_and_resolves_with_the_other_version(ctx, qtbot, tmp_path,
                                                                 office_url):
    office, unit_id = _conflicting_unit(ctx, tmp_path, office_url)
    with office.db.read() as s:
        conflict = s.scalars(select(SyncConflict).where(SyncConflict.row_id == unit_id)).one()
        loser_name, winner_name = conflict.loser_payload["name"], conflict.winner_payload["name"]
        assert s.get(Unit, unit_id).name == winner_name
        before = count_open_conflicts(s)
    octx = office_context(office)
    win = MainWindow(octx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    screen = win.home
    assert isinstance(screen, SupervisorScreen)
    assert screen.tabs.tabText(2).endswith(f"({before})") and before >= 1
    screen.tabs.setCurrentIndex(2)
    view = screen.table("conflicts")
    row = _row_of(view, lambda r: r.row_id == unit_id)
    listed = view.model().sourceModel().row_object(row)
    assert listed.label == winner_name and "name" in listed.fields
    assert view.model().index(row, 1).data() == "使用单位"

    _double_click(qtbot, view, row)
    dialog = screen.conflict_dialog
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    assert dialog.conflict_id == conflict.id
    table = dialog.table
    name_row = next(i for i in range(table.rowCount())
                    if table.item(i, 1).text() == winner_name)
    assert table.item(name_row, 2).text() == loser_name
    assert name_row in dialog.differing_rows()
    assert table.item(name_row, 2).background().color() == DIFF_BACKGROUND
    same = [i for i in range(table.rowCount()) if i not in dialog.differing_rows()]
    assert same and table.item(same[0], 1).background().style() == Qt.BrushStyle.NoBrush

    waiting = win.sync_status.pending
    _ime_type(dialog.note, "与使用单位电话核实")
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    with office.db.read() as s:
        unit = s.get(Unit, unit_id)
        assert unit.name == loser_name and unit.origin_device == office.db.device_id()
        assert s.get(SyncConflict, conflict.id).resolved
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "conflict_resolved")).one()
        assert audit.reason == "与使用单位电话核实" and audit.details["keep"] == "loser"
        assert audit.officer_id == octx.officer_id
    assert screen.tabs.tabText(2).endswith(f"({before - 1})")
    # the choice is a new change of this database, waiting to sync onwards (status bar)
    qtbot.waitUntil(lambda: win.sync_status.pending == waiting + 2, timeout=3000)  # unit, audit
    source = view.model().sourceModel()
    assert all(source.row_object(r).id != conflict.id for r in range(source.rowCount()))
    octx.writer.shutdown()
    office.db.dispose()


def test_keeping_the_current_version_only_closes_it(ctx, qtbot, tmp_path):
    office, unit_id = _conflicting_unit(ctx, tmp_path, None)
    octx = office_context(office)
    screen = SupervisorScreen(octx)
    qtbot.addWidget(screen)
    with office.db.read() as s:
        conflict = s.scalars(select(SyncConflict).where(SyncConflict.row_id == unit_id)).one()
        before = (s.get(Unit, unit_id).clock, count_open_conflicts(s))
    dialog = screen.open_conflict(conflict.id)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    with office.db.read() as s:
        assert s.get(Unit, unit_id).clock == before[0]
        assert s.get(SyncConflict, conflict.id).resolved
    assert screen.tabs.tabText(2).endswith(f"({before[1] - 1})")
    # a second dialog on the same (now resolved) conflict says so instead of writing
    again = screen.open_conflict(conflict.id)
    qtbot.mouseClick(again.take_button, Qt.MouseButton.LeftButton)
    assert again.isVisible() and "已经处理" in again.message.text()
    again.reject()
    octx.writer.shutdown()
    office.db.dispose()
