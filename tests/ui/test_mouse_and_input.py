"""An inspection by mouse clicks, and bad input refused with a visible message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from inspector_app.rules.enums import Conclusion, InspectionStatus, Outcome
from inspector_app.store.models import Inspection, Photo, Unit
from inspector_app.ui.checklist.screen import ChecklistScreen
from inspector_app.ui.signoff.screen import SignoffScreen

from .helpers import draw_signature, in_range_value


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _start_from_due_list(window, qtbot) -> ChecklistScreen:
    home = window.home
    home.tabs.setCurrentWidget(home.table("due"))
    view = home.table("due")
    rect = view.visualRect(view.model().index(0, 1))
    # QTest's double click lacks the press a real one starts with; an item view needs it.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = window.start_dialog
    assert dialog is not None and len(dialog.checked_equipment()) == 1
    _click(qtbot, dialog.start)
    assert isinstance(window.screen, ChecklistScreen)
    return window.screen


def test_inspection_by_mouse_with_refusal(window, workspace, qtbot):
    screen = _start_from_due_list(window, qtbot)
    total = screen.model.counts().total
    for _ in range(total):
        state = screen.current_state()
        if state is None or state.outcome is not None:
            break
        if state.item.measurement is not None:
            screen.panel.value.clear()
            qtbot.keyClicks(screen.panel.value, in_range_value(state.item.measurement))
            screen.panel.findChild(type(screen.panel.value))  # value field exists
            _click(qtbot, [b for b in screen.panel.measure_box.findChildren(
                type(screen.panel.buttons["pass"])) if b.text() != ""][-1])
        else:
            _click(qtbot, screen.panel.buttons["pass"])
    assert screen.model.counts().answered == total
    assert all(b.minimumHeight() >= 44 for b in screen.panel.buttons.values())

    signoff_button = [b for b in screen.findChildren(type(screen.panel.buttons["pass"]))
                      if "签" in b.text() or "Sign" in b.text()][0]
    _click(qtbot, signoff_button)
    signoff = window.screen
    assert isinstance(signoff, SignoffScreen)
    _click(qtbot, signoff.conclude)  # nobody has signed yet: refused, with a reason
    assert signoff.message.isVisible() and "签名" in signoff.message.text()
    for role in ("lead_officer", "second_officer"):
        draw_signature(signoff.boxes[role].pad)
        _click(qtbot, signoff.boxes[role].save)
    signoff.refusal_note.insert("拒绝在记录上签字")  # an input method, not key clicks
    _click(qtbot, signoff.refuse)
    _click(qtbot, signoff.conclude)
    assert not signoff.conclude.isEnabled()
    with workspace.db.read() as s:
        inspection = s.get(Inspection, signoff.inspection_id)
        assert inspection.status == InspectionStatus.CONCLUDED
        assert inspection.conclusion == Conclusion.PASS
        assert inspection.representative_refused
        assert inspection.refusal_note == "拒绝在记录上签字"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QDragEnterEvent(QPoint, …)
def test_non_image_dropped_as_photo_is_refused(window, workspace, qtbot, tmp_path):
    screen = _start_from_due_list(window, qtbot)
    state = screen.current_state()
    if state.item.measurement is not None:
        screen.go_to(screen.model.next_item(screen.current_row()))
    screen.answer(Outcome.FAIL)
    assert screen.current_state().result_id is not None
    text_file = tmp_path / "notes.txt"
    text_file.write_text("这不是图片")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text_file))])
    strip = screen.panel.photos
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(strip, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    strip.dropEvent(drop)  # Qt delivers a Drop only inside a real drag; call the handler
    assert drop.isAccepted()
    assert strip.message.isVisible()
    assert "不是可识别的图片文件" in strip.message.text()
    assert strip.count() == 0
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Photo).where(
            Photo.inspection_id == screen.inspection_id)) == 0


def test_invalid_credit_code_shows_message_and_saves_nothing(window, workspace, qtbot):
    with workspace.db.read() as s:
        before = s.scalar(select(func.count()).select_from(Unit))
    window.home.sig_new_unit.emit()  # the home screen's "New unit…" button
    dialog = window.unit_dialog
    dialog.edits["name"].insert("漳州市实验幼儿园")
    with workspace.db.read() as s:
        good = s.scalars(select(Unit.uscc).order_by(Unit.id)).first()  # a real, valid code
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    qtbot.keyClicks(dialog.edits["uscc"], bad)
    _click(qtbot, dialog.save)
    label = dialog.errors["uscc"]
    assert label.isVisible() and "第18位校验码" in label.text()
    assert dialog.isVisible()
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == before
    dialog.edits["uscc"].clear()
    qtbot.keyClicks(dialog.edits["uscc"], good)
    _click(qtbot, dialog.save)
    assert not dialog.isVisible()
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == before + 1
        assert s.scalars(select(Unit).where(Unit.name == "漳州市实验幼儿园")).one().uscc == good

