"""新建专项…, 结束专项…, 抽取年度计划…, 核验…, 抽查记录… and 公开… driven through the real
dialogs of the supervisor's 计划与任务 tab, checked against what the database then holds."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from inspector_app.store.models import AuditLog, Campaign, Plan, Task, Unit


@pytest.fixture
def page(ctx, qtbot):
    from sqlalchemy import select as sel

    from inspector_app.store.models import Officer
    from inspector_app.ui.supervisor.screen import SupervisorScreen

    with ctx.db.read() as s:
        sup = s.scalars(sel(Officer).where(Officer.role == "supervisor")).first()
        ctx.officer_id, ctx.officer_name, ctx.officer_role = sup.id, sup.name, "supervisor"
    screen = SupervisorScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.tabs.setCurrentWidget(screen.planning)
    return screen.planning


def _tick(box, values) -> None:
    for i in range(box.count()):
        if box.item(i).data(Qt.ItemDataRole.UserRole) in values:
            box.item(i).setCheckState(Qt.CheckState.Checked)


def _count(ctx, model) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_campaign_created_through_the_dialog_is_in_the_database(page, ctx, qtbot):
    dialog = page.open_new_campaign()
    assert dialog.isVisible() and dialog.owner.currentData() == ctx.officer_id
    dialog.name.setText("2026年校园特种设备安全专项检查")  # keyClicks types ASCII only
    dialog.doc_no.setText("漳市监特〔2026〕12号")
    _tick(dialog.kinds, {"elevator", "boiler"})
    _tick(dialog.venues, {"school", "kindergarten"})
    district = dialog.district_box.item(0).data(Qt.ItemDataRole.UserRole)
    _tick(dialog.district_box, {district})
    dialog.starts.setDate(QDate(2026, 3, 1))
    dialog.ends.setDate(QDate(2026, 6, 30))
    dialog.target.setValue(50)
    row = dialog.add_target_row()
    dialog.targets.cellWidget(row, 0).setCurrentIndex(
        dialog.targets.cellWidget(row, 0).findData("elevator")
    )
    dialog.targets.cellWidget(row, 1).setCurrentIndex(
        dialog.targets.cellWidget(row, 1).findData("school")
    )
    dialog.targets.cellWidget(row, 3).setValue(80)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with ctx.db.read() as s:
        c = s.scalars(select(Campaign)).one()
        assert (c.name, c.doc_no, c.status) == (
            "2026年校园特种设备安全专项检查",
            "漳市监特〔2026〕12号",
            "open",
        )
        assert c.kinds == ["boiler", "elevator"] and c.venue_types == ["kindergarten", "school"]
        assert c.districts == [district] and c.owner_id == ctx.officer_id
        assert (str(c.starts_on), str(c.ends_on)) == ("2026-03-01", "2026-06-30")
        assert c.targets == {"*|*|*": 5000, "elevator|school|*": 8000}
        assert s.scalars(select(AuditLog.action).where(AuditLog.entity_id == c.id)).all() == [
            "campaign_created"
        ]
        cid = c.id
    assert page.selected() == ("campaign", cid)  # the new campaign is shown
    assert page.actions["close"].isEnabled() and not page.actions["verify"].isEnabled()

    # 结束专项…: asks first; 取消 keeps it open, 结束 closes it (audited)
    box = page.ask_close_campaign()
    assert "2026年校园特种设备安全专项检查" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    with ctx.db.read() as s:
        assert s.get(Campaign, cid).status == "open"
    box = page.ask_close_campaign()
    box.button(QMessageBox.StandardButton.Yes).click()
    with ctx.db.read() as s:
        assert s.get(Campaign, cid).status == "closed"
        assert s.scalars(select(AuditLog).where(AuditLog.action == "campaign_closed")).one()
    assert not page.actions["close"].isEnabled()


def test_refused_campaigns_write_nothing_and_say_why(page, ctx, qtbot):
    dialog = page.open_new_campaign()
    dialog.ok.click()  # no name
    assert dialog.isVisible() and "名称" in dialog.message.text()
    dialog.name.setText("电梯专项")
    dialog.starts.setDate(QDate(2026, 6, 1))
    dialog.ends.setDate(QDate(2026, 5, 1))
    dialog.ok.click()
    assert "结束日期早于开始日期" in dialog.message.text()
    dialog.ends.setDate(QDate(2026, 7, 1))
    dialog.by_list.setChecked(True)
    with ctx.db.read() as s:
        uscc = s.scalars(select(Unit.uscc)).first()
    dialog.units.setPlainText(f"{uscc}\n91350600NOSUCHUNIT")
    dialog.ok.click()
    assert "第2行" in dialog.message.text() and "未找到" in dialog.message.text()
    assert dialog.ok.isEnabled() and dialog.isVisible()
    assert _count(ctx, Campaign) == 0
    with ctx.db.read() as s:
        assert not s.scalars(select(AuditLog).where(AuditLog.action == "campaign_created")).all()
    dialog.units.setPlainText(uscc)
    dialog.ok.click()
    with ctx.db.read() as s:
        c = s.scalars(select(Campaign)).one()
        assert len(c.unit_ids) == 1 and c.kinds == []

    # 生成任务…: a seed is needed; then the one unit of the list gets its task and two officers
    assert page.selected() == ("campaign", c.id) and page.actions["tasks"].isEnabled()
    make = page.open_campaign_tasks()
    make.ok.click()
    assert "随机种子" in make.message.text() and _count(ctx, Task) == 0
    make.seed.setText("3-5")
    make.ok.click()
    with ctx.db.read() as s:
        task = s.scalars(select(Task).where(Task.campaign_id == c.id)).one()
        assert task.unit_id == c.unit_ids[0] and task.lead_officer_id != task.second_officer_id
    assert not page.actions["tasks"].isEnabled()  # made once; single ones: inspector tasks add
    assert page.tasks.rowCount() == 1


def test_an_inspector_may_not_create_or_draw(page, ctx):
    ctx.officer_role = "inspector"
    assert page.open_new_campaign() is None and page.open_draw() is None
    assert "科室负责人" in page.message.text() or "supervisor" in page.message.text()


def test_draw_a_plan_through_the_dialog_then_record_publish_and_verify(page, ctx, qtbot, tmp_path):
    dialog = page.open_draw()
    assert set(dialog.ratios) >= {"key", "general"}
    assert dialog.ratios["key"].value() > dialog.ratios["general"].value()  # office defaults
    dialog.year.setValue(2026)
    assert dialog.due.date() == QDate(2026, 12, 15)
    dialog.ok.click()  # no seed: refused, nothing drawn
    assert "随机种子" in dialog.message.text() and _count(ctx, Plan) == 0
    qtbot.keyClicks(dialog.seed, "4-2 6-1")
    dialog.ratios["key"].setValue(100)
    dialog.ratios["general"].setValue(50)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    s = dialog.summary
    assert s is not None and dialog.pages.currentIndex() == 2
    with ctx.db.read() as db:
        plan = db.get(Plan, s.plan_id)
        assert (plan.seed, plan.year, plan.ratios["key"], plan.ratios["general"]) == (
            "4-2 6-1",
            2026,
            10000,
            5000,
        )
        assert db.scalar(select(func.count(Task.id)).where(Task.plan_id == plan.id)) == s.drawn
    assert s.pool_sha256 in dialog.result_text.text() and str(s.pool_units) in (
        dialog.result_text.text()
    )
    strata = {
        dialog.strata.item(r, 0).text(): int(dialog.strata.item(r, 3).text())
        for r in range(dialog.strata.rowCount())
    }
    assert sum(strata.values()) == s.drawn and strata.get("重点单位", 0) > 0
    assert page.selected() == ("plan", s.plan_id)

    # the 抽查记录 PDF: shown, saved, and read back
    record = dialog.open_record()
    assert record.data is not None
    saved = record.save_as(str(tmp_path / "record.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(saved).pages).replace(" ", "")
    assert "4-2" in text and s.pool_sha256[:8] in text and str(s.pool_units) in text
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert record.print_record(printer) == len(PdfReader(saved).pages)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == len(PdfReader(saved).pages)

    # 公开 to .csv: one row per drawn unit; the plan is published
    dialog.publish_to(str(tmp_path / "公开.csv"))
    assert "公开" in dialog.result_message.text() or "saved" in dialog.result_message.text()
    rows = list(csv.reader(io.StringIO((tmp_path / "公开.csv").read_text("utf-8-sig"))))
    assert len(rows) == 1 + s.drawn
    with ctx.db.read() as db:
        assert db.get(Plan, s.plan_id).status == "published"

    # 核验: the draw repeated matches; said in Chinese
    check = dialog.open_verify()
    assert check.report is not None and check.report.ok
    shown = check.text.toPlainText()
    assert "一致" in shown and "✘" not in shown

    # a task lost after the draw: 核验 from the tab says what differs
    dialog.accept()
    with ctx.db.write() as db:
        task = db.scalars(select(Task).where(Task.plan_id == s.plan_id)).first()
        task.deleted = True  # tombstoned, as a sync would
    check = page.open_verify()
    assert check.report is not None and not check.report.ok
    assert "任务与抽中名单不符1处" in check.text.toPlainText()
    assert "✔" in check.text.toPlainText()  # what still matches is said too

    # a campaign closed while a plan exists stays the one shown
    campaign = page.open_new_campaign()
    campaign.name.setText("电梯专项")
    campaign.ok.click()
    assert page.selected()[0] == "campaign"
    page.ask_close_campaign().button(QMessageBox.StandardButton.Yes).click()
    assert page.selected()[0] == "campaign" and "closed" in page.which.currentText()

    # the same year again is refused in the dialog and draws nothing
    again = page.open_draw()
    again.year.setValue(2026)
    qtbot.keyClicks(again.seed, "again")
    again.ok.click()
    assert again.pages.currentIndex() == 0 and "须先撤销" in again.message.text()
    assert _count(ctx, Plan) == 1


def test_a_pool_hash_that_is_not_the_announced_one_refuses_the_draw(page, ctx, qtbot):
    dialog = page.open_draw()
    qtbot.keyClicks(dialog.seed, "meeting")
    dialog.expect_pool.setText("0" * 64)
    dialog.ok.click()
    assert "哈希值" in dialog.message.text() and _count(ctx, Plan) == 0
    assert _count(ctx, Task) == 0
