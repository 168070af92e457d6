"""The checklist pane: answer buttons show the stored answer, long texts elide, search,
filters, sections, answers from the measured-value field, earlier findings on the item
(issue 9, points 3, 12 and 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from inspector_app.core.inspections import start_inspection
from inspector_app.rules.enums import Outcome
from inspector_app.store.models import Equipment, Finding, Inspection, InspectionEquipment, Officer
from inspector_app.ui.checklist.navigator import FAILED, FOUND_BEFORE, MISSING_PHOTO, UNANSWERED
from inspector_app.ui.checklist.screen import ChecklistScreen

from .builders import concluded_inspection
from .helpers import focused, press, type_text


def _checklist(window, ctx, equipment_id: str | None = None) -> ChecklistScreen:
    with ctx.db.read() as s:
        if equipment_id is None:
            equipment_id = s.scalars(
                select(Equipment.id).where(Equipment.kind == "elevator").order_by(Equipment.id)
            ).first()
        eq = s.get(Equipment, equipment_id)
        second = s.scalars(select(Officer).where(Officer.cert_no == "35060002")).one().id
    with ctx.db.write() as s:
        iid = start_inspection(
            s,
            unit_id=eq.unit_id,
            equipment_ids=[eq.id],
            lead_officer_id=ctx.officer_id,
            second_officer_id=second,
        ).id
    window.open_checklist(iid)
    screen = window.screen
    assert isinstance(screen, ChecklistScreen)
    return screen


def _checked(screen) -> list[str]:
    return [o for o, b in screen.panel.buttons.items() if b.isChecked()]


def _to_plain_item(qtbot, screen) -> None:
    """Answer measurement items until the current one is a plain (P/F/N) item."""
    while screen.current_state().item.measurement is not None:
        press(qtbot, Qt.Key.Key_N)


def test_buttons_show_exactly_the_stored_answer_after_j(window, ctx, qtbot):
    screen = _checklist(window, ctx)
    screen.view.setFocus()
    for _ in range(3):  # C03, C04, E09 in the report: every time
        _to_plain_item(qtbot, screen)
        failed_row = screen.current_row()
        press(qtbot, Qt.Key.Key_F)
        assert _checked(screen) == [Outcome.FAIL.value]
        press(qtbot, Qt.Key.Key_J)
        assert screen.current_row() != failed_row
        assert screen.current_state().outcome is None
        assert _checked(screen) == [], "an unanswered item shows an answer"
        press(qtbot, Qt.Key.Key_Up)  # back to the failed one: its answer is lit
        while screen.current_row() != failed_row:
            press(qtbot, Qt.Key.Key_Up)
        assert _checked(screen) == [Outcome.FAIL.value]
        press(qtbot, Qt.Key.Key_J)


def test_long_item_texts_are_elided_and_the_tooltip_has_all_of_it(window, ctx, qtbot):
    screen = _checklist(window, ctx)
    window.resize(1000, 700)
    qtbot.wait(50)
    view = screen.view
    assert view.horizontalScrollBar().maximum() == 0
    longest = max(screen.model.item_rows(), key=lambda r: len(screen.model.state(r).item.text_zh))
    assert view.visualRect(screen.model.index(longest)).width() <= view.viewport().width()
    tip = screen.model.index(longest).data(Qt.ItemDataRole.ToolTipRole)
    assert screen.model.state(longest).item.text_zh in tip


def test_search_filters_sections_and_progress(window, ctx, qtbot):
    screen = _checklist(window, ctx)
    model, view, nav = screen.model, screen.view, screen.navigator
    total = len(model.item_rows())
    visible = lambda: [r for r in model.item_rows() if not view.isRowHidden(r)]  # noqa: E731

    # "/" puts the cursor in the checklist's own search; words narrow the list
    screen.view.setFocus()
    press(qtbot, Qt.Key.Key_Slash)
    assert focused() is nav.search
    target = model.state(model.item_rows()[5]).item
    type_text(qtbot, target.id)
    nav._timer.timeout.emit()
    assert model.item_rows()[5] in visible() and len(visible()) < total
    press(qtbot, Qt.Key.Key_Escape)  # clears, back to the list
    assert len(visible()) == total and focused() is view

    # answer a few, fail one: the filters show exactly those
    _to_plain_item(qtbot, screen)
    press(qtbot, Qt.Key.Key_F)
    failed_row = screen.current_row()
    press(qtbot, Qt.Key.Key_J)
    press(qtbot, Qt.Key.Key_P)
    nav.set_mode(FAILED)
    assert visible() == [failed_row]
    nav.set_mode(MISSING_PHOTO)
    needs = [r for r in model.item_rows() if model.state(r).needs_photo]
    assert visible() == needs
    nav.set_mode(UNANSWERED)
    assert all(model.state(r).outcome is None for r in visible())
    assert len(visible()) == sum(1 for r in model.item_rows() if model.state(r).outcome is None)
    nav.set_mode("all")
    assert len(visible()) == total

    # each section header shows its progress; a click folds it, another unfolds it
    header, title = model.headers()[0]
    answered = sum(1 for r in model.section_items(header) if model.state(r).outcome)
    assert f"{answered}/{len(model.section_items(header))}" in model.index(header).data()
    rect = view.visualRect(model.index(header))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert all(view.isRowHidden(r) for r in model.section_items(header))
    assert model.index(header).data().startswith("▶")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not any(view.isRowHidden(r) for r in model.section_items(header))

    # jump to the last section from the list of sections
    last, _ = model.headers()[-1]
    nav.sections.setCurrentIndex(nav.sections.count() - 1)
    nav.sections.activated.emit(nav.sections.count() - 1)
    assert model.header_of(screen.current_row()) == last


def test_measured_value_field_answers_p_f_n_and_says_how(window, ctx, qtbot):
    screen = _checklist(window, ctx)
    rows = [r for r in screen.model.item_rows() if screen.model.state(r).item.measurement]
    assert rows
    screen.go_to(rows[0])
    assert focused() is screen.panel.value
    assert screen.panel.measure_hint.isVisible()
    assert "P" in screen.panel.measure_hint.text() and "Enter" in screen.panel.measure_hint.text()
    press(qtbot, Qt.Key.Key_P)
    assert screen.model.state(rows[0]).outcome == Outcome.PASS.value
    assert screen.current_row() != rows[0]  # moved on, as Enter with a value does
    with ctx.db.read() as s:
        assert s.scalar(select(Inspection.id).where(Inspection.id == screen.inspection_id))


def test_what_the_last_inspection_found_is_shown_on_the_item(window, ctx, qtbot):
    earlier = concluded_inspection(ctx, fail=1, serious=True)
    with ctx.db.read() as s:
        serious = s.scalars(
            select(Finding).where(Finding.inspection_id == earlier, Finding.hazard == "serious")
        ).one()
        equipment_id = s.get(InspectionEquipment, serious.inspection_equipment_id).equipment_id
    screen = _checklist(window, ctx, equipment_id)
    row = next(
        r for r in screen.model.item_rows() if screen.model.state(r).item.id == serious.item_id
    )
    assert screen.model.tr("found last time") in screen.model.index(row).data()
    screen.go_to(row)
    banner = screen.prior_banner
    assert banner.isVisible()
    assert serious.description in banner.text()
    assert "重大事故隐患" in banner.text()
    assert serious.deadline.isoformat() in banner.text()
    assert "#b00020" in banner.styleSheet()  # an open stop-use order is red
    other = next(r for r in screen.model.item_rows() if not screen.model.prior(r))
    screen.go_to(other)
    assert not banner.isVisible()
    screen.navigator.set_mode(FOUND_BEFORE)
    shown = [r for r in screen.model.item_rows() if not screen.view.isRowHidden(r)]
    assert row in shown and len(shown) == len(
        [r for r in screen.model.item_rows() if screen.model.prior(r)]
    )
