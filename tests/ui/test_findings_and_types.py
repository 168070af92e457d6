"""Issue 8 on screen: the inspection type at start, typical failures and their texts in the
checklist, report numbers for inspection-body readings, the unit's opinion at sign-off,
and a directive to the maintenance unit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from inspector_app.core import inspections as core
from inspector_app.core.directives import pending_addressees
from inspector_app.rules.enums import InspectionType, Outcome
from inspector_app.store.models import (
    Directive,
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    MaintenanceUnit,
    Officer,
)
from inspector_app.ui.checklist.screen import ChecklistScreen
from inspector_app.ui.directive.screen import DirectiveScreen
from inspector_app.ui.signoff.screen import SignoffScreen
from inspector_app.ui.start.dialog import StartInspectionDialog

from .builders import png_bytes
from .helpers import draw_signature


def _elevator(ctx) -> Equipment:
    with ctx.db.read() as s:
        return s.scalars(
            select(Equipment).where(Equipment.kind == "elevator").order_by(Equipment.id)
        ).first()


def _start(ctx, eq) -> str:
    with ctx.db.read() as s:
        second = s.scalars(select(Officer).where(Officer.cert_no == "35060002")).one().id
    with ctx.db.write() as s:
        return core.start_inspection(
            s, unit_id=eq.unit_id, equipment_ids=[eq.id], lead_officer_id=ctx.officer_id,
            second_officer_id=second, representative_name="林志强",
            representative_position="物业经理", inspection_type=InspectionType.OTHER,
            task_source="市民投诉（12345热线）",
        ).id  # fmt: skip


def _go(screen: ChecklistScreen, item_id: str) -> None:
    row = next(r for r in screen.model.item_rows() if screen.model.state(r).item.id == item_id)
    screen.go_to(row)


def _result(s, iid: str, item_id: str) -> ItemResult:
    return s.scalars(
        select(ItemResult)
        .join(InspectionEquipment, InspectionEquipment.id == ItemResult.inspection_equipment_id)
        .where(InspectionEquipment.inspection_id == iid, ItemResult.item_id == item_id)
    ).one()


def _tick(editor, failure_id: str, on: bool) -> None:
    """Click a failure's check box (the list is rebuilt after every write)."""
    for i in range(editor.choices.count()):
        entry = editor.choices.item(i)
        if entry.data(Qt.ItemDataRole.UserRole + 1) == failure_id:
            entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            return
    raise AssertionError(failure_id)


def test_start_dialog_asks_the_type_and_its_source(ctx, qtbot):
    eq = _elevator(ctx)
    dialog = StartInspectionDialog(ctx, eq.unit_id, eq.id)
    qtbot.addWidget(dialog)
    kinds = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert [k[:2] for k in kinds] == ["常规", "专项", "证后", "其他"]
    dialog.kind.setCurrentIndex(dialog.kind.findData(InspectionType.SPECIAL.value))
    dialog.source.clear()
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.inspection_id is None and "任务来源" in dialog.message.text()
    dialog.source.setText("2026年国庆节前电梯安全专项检查")  # typed with an input method
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.inspection_id is not None
    with ctx.db.read() as s:
        row = s.get(Inspection, dialog.inspection_id)
        assert (row.inspection_type, row.task_source) == (
            "special",
            "2026年国庆节前电梯安全专项检查",
        )
    again = StartInspectionDialog(ctx, eq.unit_id, eq.id)  # a campaign lasts: remembered
    qtbot.addWidget(again)
    assert again.kind.currentData() == "special" and again.source.text().startswith("2026年国庆")


def test_picking_failures_editing_texts_and_own_fact(ctx, qtbot):
    eq = _elevator(ctx)
    with ctx.db.write() as s:  # the registry shows the periodic inspection valid
        s.get(Equipment, eq.id).next_inspection_due = dt.date.today() + dt.timedelta(days=200)
    iid = _start(ctx, eq)
    screen = ChecklistScreen(ctx, iid)
    qtbot.addWidget(screen)
    _go(screen, "C02")
    screen.answer(Outcome.FAIL)
    editor = screen.panel.findings
    # Serious by default, but not "expired" for equipment the registry shows valid.
    assert editor.chosen() == ["C02-2"]
    assert "重大事故隐患" in screen.panel.hazard_label.text()
    # Unticking the only failure is refused: a failed item keeps a finding.
    _tick(editor, "C02-2", False)
    assert editor.chosen() == ["C02-2"] and "至少" in screen.panel.message.text()
    # The inspector saw only a missing sticker: tick C02-3, then untick C02-2.
    _tick(editor, "C02-3", True)
    _tick(editor, "C02-2", False)
    assert editor.chosen() == ["C02-3"]
    assert "一般隐患" in screen.panel.hazard_label.text()
    (card,) = editor.cards.values()
    assert "定期检验合格标志" in card.fact.toPlainText()
    assert card.provision.text() == "《中华人民共和国特种设备安全法》第四十条第二款"
    assert card.judged_by.isHidden()
    # Edit the fact and the measure as the paper must read.
    card.fact.setFocus()
    card.fact.setPlainText("3号楼1号客梯轿厢内未张贴定期检验合格标志。")
    card.fact.flush()
    card.measure.setPlainText("将有效的定期检验合格标志张贴于轿厢内显著位置")
    card.measure.flush()
    # And a fact no typical failure covers.
    editor.own.setText("检验合格标志张贴于机房门上，乘客无法看到")
    editor.own.returnPressed.emit()
    assert len(editor.cards) == 2
    with ctx.db.read() as s:
        result = _result(s, iid, "C02")
        assert result.hazard == "general"
        rows = s.scalars(select(Finding).where(Finding.item_result_id == result.id,
                                               Finding.deleted.is_(False))).all()  # fmt: skip
        by_failure = {f.failure_id: f for f in rows}
        assert set(by_failure) == {"C02-3", None}
        assert by_failure["C02-3"].description == "3号楼1号客梯轿厢内未张贴定期检验合格标志。"
        assert by_failure["C02-3"].measure == "将有效的定期检验合格标志张贴于轿厢内显著位置"
        assert by_failure[None].description == "检验合格标志张贴于机房门上，乘客无法看到"
    own = next(c for c in editor.cards.values() if "机房门" in c.fact.toPlainText())
    own.remove.click()
    assert len(editor.cards) == 1


def test_blank_is_flagged_and_report_number_recorded(ctx, qtbot):
    iid = _start(ctx, _elevator(ctx))
    screen = ChecklistScreen(ctx, iid)
    qtbot.addWidget(screen)
    _go(screen, "C04")
    screen.answer(Outcome.FAIL)
    editor = screen.panel.findings
    _tick(editor, "C04-2", True)
    card = next(c for c in editor.cards.values() if "缺少" in c.fact.toPlainText())
    assert "＿＿" in card.fact.toPlainText() and not card.blank_warning.isHidden()
    # The balance factor is read from the inspection report, with its number and date.
    _go(screen, "E10")
    panel = screen.panel
    assert not panel.report.isHidden()
    panel.report.number.setText("闽特检（梯）2026-1188")
    panel.value.setText("0.56")
    panel.value.returnPressed.emit()
    with ctx.db.read() as s:
        result = _result(s, iid, "E10")
        assert result.outcome == "fail" and result.report_no == "闽特检（梯）2026-1188"
        finding = s.scalars(select(Finding).where(Finding.item_result_id == result.id)).one()
        assert "编号闽特检（梯）2026-1188" in finding.description and "0.56" in finding.description


def test_opinion_at_sign_off_and_a_maintenance_directive(window, ctx, qtbot):
    eq = _elevator(ctx)
    with ctx.db.write() as s:
        unit = MaintenanceUnit(name="漳州市安顺电梯工程有限公司", uscc="")
        s.add(unit)
        s.flush()
        s.get(Equipment, eq.id).maintenance_unit_id = unit.id
    iid = _start(ctx, eq)
    screen = ChecklistScreen(ctx, iid)
    qtbot.addWidget(screen)
    with ctx.db.write() as s:  # answer everything; one maintenance duty fails
        from inspector_app.core.inspection_view import load_rows

        for r in load_rows(s, iid):
            kw = dict(inspection_equipment_id=r.ie_id, item_id=r.item.id, officer_id=ctx.officer_id)
            if r.item.id == "E13":
                core.record_answer(s, outcome=Outcome.FAIL, **kw)
            elif r.item.measurement is not None:
                m = r.item.measurement
                core.record_answer(s, value=m.min if m.min is not None else m.max, **kw)
            else:
                core.record_answer(s, outcome=Outcome.PASS, **kw)
    window.open_signoff(iid)
    signoff = window.screen
    assert isinstance(signoff, SignoffScreen)
    signoff.opinion.setPlainText("无异议，已通知维保单位整改。")
    for role, box in signoff.boxes.items():
        if role == "representative":  # signs on the review page, after seeing the findings
            box.save.click()
            draw_signature(signoff.review.pad)
            signoff.review.sign.click()
        else:
            box.sig_save.emit(role, box.name.text() or role, png_bytes())
    qtbot.waitUntil(lambda: not signoff.boxes["representative"].pad.isVisible())
    signoff.conclude.click()
    with ctx.db.read() as s:
        row = s.get(Inspection, iid)
        assert row.status == "concluded" and row.unit_opinion == "无异议，已通知维保单位整改。"
        assert row.record_number and "市监特记" in row.record_number
        assert [a.kind for a in pending_addressees(s, iid)] == ["maintenance"]
    signoff.documents.click()
    docs = window.screen
    assert isinstance(docs, DirectiveScreen)
    assert "漳州市安顺电梯工程有限公司" in docs.issue.text() or docs.issue.isVisible()
    docs.issue.click()
    assert docs.confirmation is not None  # the number is shown and confirmed first
    docs.confirmation.issue.click()
    with ctx.db.read() as s:
        directive = s.scalars(select(Directive).where(Directive.inspection_id == iid)).one()
        assert directive.maintenance_unit_id is not None
    assert not docs.issue.isVisible()
