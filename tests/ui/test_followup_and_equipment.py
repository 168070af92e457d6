"""Follow-up (复查) from the start dialog, and registering equipment from it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from inspector_app.core.directives import issue_directive
from inspector_app.rules.identifiers import make_registration_code
from inspector_app.store.models import Directive, Equipment, Finding, FollowUp, Inspection, Photo
from inspector_app.ui.followup.screen import FollowUpScreen

from .builders import concluded_inspection


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_follow_up_closes_findings_and_the_directive(window, ctx, qtbot, png_file):
    iid = concluded_inspection(ctx, fail=2, serious=True)
    with ctx.db.write() as s:
        issue_directive(s, ctx.blobs, inspection_id=iid, officer_id=ctx.officer_id)
    with ctx.db.read() as s:
        unit_id = s.get(Inspection, iid).unit_id
    window.open_unit(unit_id)
    dialog = window.start_dialog
    assert dialog.follow_up.isVisible() and "2" in dialog.follow_up.text()
    _click(qtbot, dialog.follow_up)
    screen = window.screen
    assert isinstance(screen, FollowUpScreen) and not dialog.isVisible()
    rows = screen.model.rows()
    assert len(rows) == 2 and {r.status for r in rows} == {"open"}
    assert all(r.directive_status == "issued" for r in rows)

    serious = next(i for i, r in enumerate(rows) if r.hazard == "serious")
    screen.select(serious)
    _click(qtbot, screen.rectified)  # no photo of the rectification yet: refused
    assert screen.photos.message.text() == "重大事故隐患整改完成须附整改后照片"
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(FollowUp)) == 0  # nothing written
    screen.photos.sig_files.emit([str(png_file)])  # what the picker or a drop emits
    assert screen.photos.count() == 1
    screen.note.insert("已更换门锁")  # an input method, not key clicks
    _click(qtbot, screen.rectified)
    assert screen.model.row(serious).status == "closed"
    general = 1 - serious
    assert screen.current_row_index() == general  # the next open finding is selected
    assert screen.model.row(general).directive_status == "issued"
    _click(qtbot, screen.rectified)

    rows = screen.model.rows()
    assert {r.status for r in rows} == {"closed"}
    assert {r.directive_status for r in rows} == {"closed"}
    assert "0" in screen.summary.text()
    with ctx.db.read() as s:
        statuses = s.scalars(select(Finding.status).where(Finding.inspection_id == iid)).all()
        assert set(statuses) == {"closed"}
        assert s.scalars(select(Directive.status).where(Directive.inspection_id == iid)).one() \
            == "closed"
        assert s.scalar(select(func.count()).select_from(FollowUp)) == 1
        assert s.scalar(select(func.count()).select_from(Photo).where(
            Photo.caption == "整改后照片")) == 1


def test_new_equipment_from_the_start_dialog(window, ctx, qtbot):
    with ctx.db.read() as s:
        unit_id = s.scalars(select(Equipment.unit_id).order_by(Equipment.id)).first()
        before = s.scalar(select(func.count()).select_from(Equipment))
    window.open_unit(unit_id)
    start = window.start_dialog
    assert not start.follow_up.isVisible()
    listed = len(start.equipment_ids())
    _click(qtbot, start.new_equipment)
    dialog = start.equipment_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("elevator"))
    dialog.category.setCurrentIndex(dialog.category.findData("3110"))
    assert "曳引驱动乘客电梯" in dialog.category.currentText()
    assert set(dialog.attributes) >= {"drive", "usage"}
    dialog.attributes["drive"].setCurrentIndex(dialog.attributes["drive"].findData("traction"))
    dialog.edits["name"].insert("9号客梯")
    qtbot.keyClicks(dialog.edits["registration_code"], "3110350602@2021")
    _click(qtbot, dialog.save)
    label = dialog.errors["registration_code"]
    assert label.isVisible() and "设备代码" in label.text()
    assert not dialog.errors["name"].isVisible()
    assert dialog.isVisible()
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Equipment)) == before

    code = make_registration_code("3110", "350602", 2021, 777)
    dialog.edits["registration_code"].clear()
    qtbot.keyClicks(dialog.edits["registration_code"], code)
    _click(qtbot, dialog.save)
    assert not dialog.isVisible()
    with ctx.db.read() as s:
        eq = s.scalars(select(Equipment).where(Equipment.registration_code == code)).one()
        assert eq.unit_id == unit_id and eq.name == "9号客梯"
        assert eq.attributes == {"drive": "traction"}
    assert len(start.equipment_ids()) == listed + 1
    assert eq.id in start.checked_equipment()  # the new piece is ticked for the inspection

    start.list.setCurrentIndex(start.model.index(start.equipment_ids().index(eq.id), 0))
    _click(qtbot, start.edit_equipment_button)
    edit = start.equipment_dialog
    assert edit.edits["registration_code"].text() == code
    assert edit.attributes["drive"].currentData() == "traction"
    edit.edits["location"].insert("门诊楼东侧")
    _click(qtbot, edit.save)
    with ctx.db.read() as s:
        assert s.get(Equipment, eq.id).location == "门诊楼东侧"
