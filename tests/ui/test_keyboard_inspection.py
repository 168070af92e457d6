"""A whole inspection by keyboard: search, start, answer, fail with a photo, sign, conclude."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from inspector_app.rules.enums import Conclusion, InspectionStatus, Outcome
from inspector_app.store.models import (
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Photo,
    Signature,
)
from inspector_app.ui.checklist.screen import ChecklistScreen
from inspector_app.ui.signoff.screen import SignoffScreen

from .helpers import draw_signature, focused, in_range_value, press, type_text


def _elevator(workspace) -> Equipment:
    with workspace.db.read() as s:
        return s.scalars(
            select(Equipment).where(Equipment.kind == "elevator").order_by(Equipment.id)).first()


def test_whole_inspection_by_keyboard(window, workspace, qtbot, png_file):
    elevator = _elevator(workspace)
    # Part of the registration code: region + year + serial, unique in the register.
    window.home.focus_search()
    type_text(qtbot, elevator.registration_code[4:])
    press(qtbot, Qt.Key.Key_Return)
    dialog = window.start_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.checked_equipment() == [elevator.id]
    assert dialog.second.currentData() is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    screen = window.screen
    assert isinstance(screen, ChecklistScreen)
    total = screen.model.counts().total
    assert total > 20

    failed_item = None
    for _ in range(total):
        state = screen.current_state()
        if state is None or state.outcome is not None:
            break
        if state.item.measurement is not None:
            assert focused() is screen.panel.value
            type_text(qtbot, in_range_value(state.item.measurement))
            press(qtbot, Qt.Key.Key_Return)
        elif failed_item is None and state.item.hazard == "general":
            failed_item = state.item.id
            press(qtbot, Qt.Key.Key_F)
            assert screen.panel.finding_box.isVisible()
            # The item's typical failure is ticked and its fact shown, ready to edit.
            default = state.item.default_failure()
            assert screen.panel.findings.chosen() == [default.id]
            (card,) = screen.panel.findings.cards.values()
            assert card.fact.toPlainText() and "不符合要求" not in card.fact.toPlainText()
            assert card.provision.text().startswith("《")
            screen.add_photo_files([str(png_file)])  # what the drop handler calls
            assert screen.panel.photos.count() == 1
            press(qtbot, Qt.Key.Key_J)
        else:
            press(qtbot, Qt.Key.Key_P)
    counts = screen.model.counts()
    assert (counts.answered, counts.total, counts.general, counts.serious) == (total, total, 1, 0)
    assert screen.progress.value() == total
    assert "1" in screen.failures.text()

    press(qtbot, Qt.Key.Key_S)
    signoff = window.screen
    assert isinstance(signoff, SignoffScreen)
    assert "限期整改" in signoff.summary.text() or "rectify" in signoff.summary.text()
    for role in ("lead_officer", "second_officer"):
        box = signoff.boxes[role]
        draw_signature(box.pad)
        assert not box.pad.is_empty()
        box.save.setFocus()
        qtbot.keyClick(box.save, Qt.Key.Key_Space)
        assert box.state.text()
    # The unit's representative signs on the review page, after the findings.
    rep = signoff.boxes["representative"]
    rep.save.setFocus()
    qtbot.keyClick(rep.save, Qt.Key.Key_Space)
    review = signoff.review
    assert review is not None and review.isVisible() and review.list.count() == 1
    draw_signature(review.pad)
    review.sign.setFocus()
    qtbot.keyClick(review.sign, Qt.Key.Key_Space)
    assert rep.state.text()
    signoff.conclude.setFocus()
    qtbot.keyClick(signoff.conclude, Qt.Key.Key_Space)
    assert signoff.locked_label.text()
    assert not signoff.conclude.isEnabled()

    with workspace.db.read() as s:
        inspection = s.scalars(select(Inspection).where(
            Inspection.id == signoff.inspection_id)).one()
        assert inspection.status == InspectionStatus.CONCLUDED
        assert inspection.conclusion == Conclusion.RECTIFY
        answers = s.scalars(select(ItemResult).join(
            InspectionEquipment, InspectionEquipment.id == ItemResult.inspection_equipment_id
        ).where(InspectionEquipment.inspection_id == inspection.id)).all()
        assert len(answers) == total
        assert [r.item_id for r in answers if r.outcome == Outcome.FAIL] == [failed_item]
        finding = s.scalars(select(Finding).where(Finding.inspection_id == inspection.id)).one()
        assert finding.item_id == failed_item
        photo = s.scalars(select(Photo).where(Photo.inspection_id == inspection.id)).one()
        assert photo.finding_id == finding.id
        roles = set(s.scalars(select(Signature.role).where(
            Signature.inspection_id == inspection.id)))
        assert roles == {"lead_officer", "second_officer", "representative"}
