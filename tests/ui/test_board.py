"""The oversight board in a real window, on the hand-counted office (tests/desk_fixture.py):
tiles show the counts, a tile lists its rows, a row opens its inspection, the district
filter narrows, the trend chart has the months, 导出 writes a workbook read back with
openpyxl, and 取消 leaves no file (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import desk_fixture
import openpyxl
import pytest
from argon2 import PasswordHasher
from desk_fixture import TODAY
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from inspector_app.cli.context import Workspace
from inspector_app.core import board, campaigns, officers
from inspector_app.ui.context import AppContext
from inspector_app.ui.supervisor.board import OVERDUE_BACKGROUND, BoardTab
from inspector_app.ui.supervisor.screen import SupervisorScreen
from inspector_app.ui.writer import Writer

EVERYTHING = {"stop_use": 2, "serious_open": 2, "directives_overdue": 2, "reinspections_due": 1,
              "reinspections_overdue": 0, "not_corrected": 2, "refusals": 1, "cases_open": 0,
              "seizures": 0}  # fmt: skip


@pytest.fixture
def screen(db, blobs, tmp_path, qapp, qtbot, monkeypatch):
    monkeypatch.setattr(officers, "_hasher", PasswordHasher(time_cost=1, memory_cost=64))
    ids = desk_fixture.build(db, blobs)
    ws = Workspace(folder=tmp_path, db=db, blobs=blobs)
    ctx = AppContext(workspace=ws, writer=Writer(db, inline=True), officer_id=ids["boss"],
                     officer_name=desk_fixture.SUPERVISOR[0])  # fmt: skip
    widget = SupervisorScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    tab = widget.board
    tab.today = TODAY  # the office's hand-counted day
    tab.date_from.setDate(QDate(2025, 7, 1))
    tab.date_to.setDate(QDate(2026, 6, 15))
    return widget


def _numbers(tab: BoardTab) -> dict[str, int]:
    return {k: int(tile.text().split("\n")[0]) for k, tile in tab.tiles.items()}


def test_board_shows_the_hand_counts_and_drills_down(screen, qtbot):
    tab = screen.board
    assert tab.numbers == {}  # nothing counted before the board is looked at
    with qtbot.waitSignal(tab.sig_refreshed):
        screen.tabs.setCurrentWidget(tab)
    assert _numbers(tab) == EVERYTHING
    assert tab.tiles["serious_open"].isChecked()
    assert tab.rows_title.text().endswith("（2）")
    rows = [tab.rows.row_object(r) for r in range(tab.rows.rowCount())]
    assert [r.due for r in rows] == [dt.date(2026, 2, 14), dt.date(2026, 4, 9)]
    due_cell = tab.rows.index(0, 4)
    assert tab.rows.data(due_cell, Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND

    # A tile, clicked, lists its rows; a row, double-clicked, opens its inspection.
    qtbot.mouseClick(tab.tiles["reinspections_due"], Qt.MouseButton.LeftButton)
    assert tab.tiles["reinspections_due"].isChecked() and tab.rows.rowCount() == 1
    row = tab.rows.row_object(0)
    assert "2026-06-08收到整改报告" in row.detail
    view = tab.rows_view
    rect = view.visualRect(view.model().index(0, 1))
    with qtbot.waitSignal(screen.sig_open_inspection) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [row.inspection_id]

    # The trend chart: one bar per month of the period, three sets.
    [series] = tab.chart.series()
    assert isinstance(series, QBarSeries)
    sets = {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}
    assert len(next(iter(sets.values()))) == 12
    assert sum(sets[tab.tr("Inspections made")]) == 4  # I1–I4; I5 is before the period

    # The district filter narrows every count.
    tab.district.setCurrentIndex(tab.district.findData("龙文区"))
    with qtbot.waitSignal(tab.sig_refreshed):
        qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    with screen.ctx.db.read() as s:
        expected = board.counts(s, tab.desk_filter(), today=TODAY)
    assert _numbers(tab) == expected and expected["not_corrected"] == 2
    assert expected["refusals"] == 0 and expected["serious_open"] == 1


def test_export_writes_the_workbook_and_cancel_leaves_nothing(screen, qtbot, tmp_path,
                                                               monkeypatch):  # fmt: skip
    tab = screen.board
    screen.tabs.setCurrentWidget(tab)
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(tab.sig_exported) as done:
        tab.export_to(str(out / "统计.xlsx"))
    report = done.args[0]
    assert not isinstance(report, BaseException), report
    assert tab.export_button.isEnabled() and "统计.xlsx" in tab.status.text()
    book = openpyxl.load_workbook(out / "统计.xlsx", read_only=True)
    assert {"说明", "按区县", "隐患明细", "检查结果明细"} <= set(book.sheetnames)
    # findings: I1 2, I2 1, I3 2; I5's is before the period
    assert book["隐患明细"].max_row - 1 == report.findings == 5

    # 取消 pressed while it writes: no file, the button back, the reason shown.
    original = BoardTab._progressed

    def press_cancel(self, done, total, message):
        original(self, done, total, message)
        if self.progress is not None and message == "写入检查结果明细":
            qtbot.mouseClick(self.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)

    monkeypatch.setattr(BoardTab, "_progressed", press_cancel)
    (out / "统计.xlsx").unlink()
    with qtbot.waitSignal(tab.sig_exported) as done:
        tab.export_to(str(out / "统计.xlsx"))
    assert isinstance(done.args[0], Exception)
    assert list(out.iterdir()) == []
    assert tab.export_button.isEnabled() and tab.progress is None


def test_cases_tab_lists_proposals_opens_a_case_and_prints(screen, qtbot, tmp_path):
    from pypdf import PdfReader
    from sqlalchemy import select

    from inspector_app.store.models import AuditLog, SupervisionCase

    tab = screen.cases
    tab.today = TODAY
    screen.tabs.setCurrentWidget(tab)
    proposed = [tab.proposals.row_object(r) for r in range(tab.proposals.rowCount())]
    assert {p.unit_name for p in proposed} == {"漳州市芗城区第一实验小学", "龙文区碧湖花园"}
    assert tab.cases.rowCount() == 0

    row = next(r for r, p in enumerate(proposed) if p.unit_name == "漳州市芗城区第一实验小学")
    tab.proposals_view.setCurrentIndex(tab.proposals_view.model().index(row, 0))
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    # No leader: refused in the dialog, nothing written.
    dialog.submit()
    assert dialog.isVisible() and "督办责任领导" in dialog.error.text()
    with screen.ctx.db.read() as s:
        assert s.scalars(select(SupervisionCase)).all() == []
    dialog.leader.insert("陈副局长")  # an input method types Chinese; QTest cannot
    dialog.deadline.setDate(QDate(2026, 9, 30))
    dialog.submit()
    assert not dialog.isVisible()
    with screen.ctx.db.read() as s:
        [case] = s.scalars(select(SupervisionCase)).all()
        assert (case.leader, case.deadline, case.status) == ("陈副局长", dt.date(2026, 9, 30),
                                                              "open")  # fmt: skip
        assert s.scalars(select(AuditLog).where(AuditLog.entity_id == case.id)).first()
    assert tab.cases.rowCount() == 1 and tab.cases.row_object(0).number == case.number
    assert case.number in tab.status.text()
    assert [p.unit_name for p in (tab.proposals.row_object(r)
                                  for r in range(tab.proposals.rowCount()))] == ["龙文区碧湖花园"]  # fmt: skip

    # The report to the next level, saved and read back.
    out = tmp_path / "report.pdf"
    tab.save_document(case.id, "report", str(out))
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "福建省市场监督管理局" in text and case.number in text


def test_credit_tab_grades_files_and_lists_only_on_confirmation(screen, qtbot, tmp_path):
    from sqlalchemy import select

    from inspector_app.core import blacklist
    from inspector_app.store.models import BlacklistEntry

    tab = screen.credit
    tab.today = TODAY
    screen.tabs.setCurrentWidget(tab)
    assert tab.loaded and tab.units.rowCount() == 3
    qtbot.mouseClick(tab.regrade_button, Qt.MouseButton.LeftButton)
    units = {tab.units.row_object(r).name: tab.units.row_object(r)
             for r in range(tab.units.rowCount())}  # fmt: skip
    assert all(u.grade in "ABCD" and u.grade for u in units.values())
    worst = tab.units.row_object(0)
    assert worst.name == "龙文区碧湖花园"  # two hazards not corrected: the worst grade
    tab.units_view.setCurrentIndex(tab.units_view.model().index(0, 2))
    assert tab.file is not None and tab.file.uscc == worst.uscc
    assert worst.uscc in tab.file_title.text() and tab.file_lines.rowCount() >= 3

    [candidate] = [tab.candidates.row_object(r) for r in range(tab.candidates.rowCount())]
    assert candidate.unit_name == "龙文区碧湖花园"
    tab.candidates_view.setCurrentIndex(tab.candidates_view.model().index(0, 0))
    qtbot.mouseClick(tab.list_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    dialog.submit()  # no reason, no decision: refused, nothing listed
    assert dialog.isVisible() and "理由" in dialog.error.text()
    dialog.reason.insert("重大事故隐患经责令改正拒不改正")
    dialog.submit()
    assert dialog.isVisible() and "行政处罚决定书" in dialog.error.text()
    with screen.ctx.db.read() as s:
        assert s.scalars(select(BlacklistEntry)).all() == []
    dialog.decision_no.insert("漳市监处罚〔2026〕18号")
    dialog.decided_on.setDate(QDate(2026, 5, 28))
    dialog.submit()
    assert not dialog.isVisible()
    with screen.ctx.db.read() as s:
        [entry] = s.scalars(select(BlacklistEntry)).all()
        assert (
            entry.uscc == candidate.uscc and entry.penalty_decision_no == "漳市监处罚〔2026〕18号"
        )
        assert blacklist.candidates(s, today=TODAY) == []
    assert tab.candidates.rowCount() == 0 and tab.listed.text().startswith("1")
    listed = tab.units.row_object(0)
    assert (listed.name, listed.grade) == ("龙文区碧湖花园", "D")  # the cap: listed → D

    out = tmp_path / "名单.csv"
    tab.export_to(str(out))
    text = out.read_text(encoding="utf-8-sig")
    assert "龙文区碧湖花园" in text and "漳市监处罚〔2026〕18号" in text


def _open_case_in_core(screen) -> str:
    from inspector_app.core import cases

    ids_boss = screen.ctx.officer_id
    with screen.ctx.db.write() as s:
        p = next(x for x in cases.proposals(s, today=TODAY)
                 if x.unit_name == "漳州市芗城区第一实验小学")  # fmt: skip
        return cases.open_case(
            s, unit_id=p.proposal.unit_id, finding_ids=list(p.proposal.finding_ids),
            basis=p.proposal.basis, directive_id=p.proposal.directive_id,
            deadline=dt.date(2026, 9, 30), leader="陈副局长", officer_id=ids_boss, today=TODAY,
        ).id  # fmt: skip


def test_case_steps_dialog_records_each_step_and_refusals_write_nothing(screen, qtbot, tmp_path):
    from sqlalchemy import func, select

    from inspector_app.store.models import Attachment, AuditLog, CaseEvent, Finding, SupervisionCase

    case_id = _open_case_in_core(screen)
    tab = screen.cases
    tab.today = TODAY
    screen.tabs.setCurrentWidget(tab)
    assert tab.cases.rowCount() == 1
    tab.cases_view.setCurrentIndex(tab.cases_view.model().index(0, 0))
    qtbot.mouseClick(tab.steps_button, Qt.MouseButton.LeftButton)
    d = tab.case_dialog
    assert d is not None and d.isVisible()
    assert "漳州市芗城区第一实验小学" in d.header.text() and "陈副局长" in d.header.text()
    assert [d.events.row_object(r).kind for r in range(d.events.rowCount())] == ["listed"]

    def events() -> list[str]:
        with screen.ctx.db.read() as s:
            return list(s.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case_id)
                                  .order_by(CaseEvent.on, CaseEvent.created_at)))  # fmt: skip

    # 五到位: nothing typed is refused in the dialog; then saved.
    qtbot.mouseClick(d.five_button, Qt.MouseButton.LeftButton)
    assert "没有变化" in d.error.text() and events() == ["listed"]
    d.measures.insert("更换层门门锁并全面检修安全回路")
    d.funds.insert("8万元（已到位）")
    d.responsible.insert("总务处主任 林某")
    d.plan.insert("停梯期间设专人值守")
    qtbot.mouseClick(d.five_button, Qt.MouseButton.LeftButton)
    assert d.error.text() == "" and d.view.five_in_place
    assert events() == ["listed", "five_set"]
    five_note = d.events.data(d.events.index(1, 3))
    assert len(five_note.split("、")) == 4  # the four that changed, named in the history
    assert tab.cases.row_object(0).five_in_place  # the list was read again

    # A dated step.
    d.step_kind.setCurrentIndex(d.step_kind.findData("filed"))
    d.step_on.setDate(QDate(2026, 6, 16))
    qtbot.mouseClick(d.step_button, Qt.MouseButton.LeftButton)
    assert events() == ["listed", "five_set", "filed"]

    # Extension: too late is refused; on time it waits for a decision; granted.
    d.ext_on.setDate(QDate(2026, 9, 20))
    d.ext_to.setDate(QDate(2026, 11, 30))
    d.ext_reason.insert("配件订货周期长")
    qtbot.mouseClick(d.ext_button, Qt.MouseButton.LeftButton)
    assert "延期申请应在整改时限前" in d.error.text() and len(events()) == 3
    d.ext_on.setDate(QDate(2026, 8, 10))
    qtbot.mouseClick(d.ext_button, Qt.MouseButton.LeftButton)
    assert d.error.text() == "" and not d.decide_box.isHidden() and d.request_box.isHidden()
    assert "2026-11-30" in d.pending.text()
    qtbot.mouseClick(d.refuse_button, Qt.MouseButton.LeftButton)  # refusing needs a reason
    assert "不予延期的理由" in d.error.text()
    d.decide_on.setDate(QDate(2026, 8, 17))
    qtbot.mouseClick(d.grant_button, Qt.MouseButton.LeftButton)
    assert "2026-11-30" in d.header.text() and "2026-09-30" in d.header.text()  # (was …)
    assert d.decide_box.isHidden() and not d.request_box.isHidden()

    # Acceptance: evidence is needed, and the hazard closed by a follow-up.
    d.accept_on.setDate(QDate(2026, 11, 20))
    d.accept_note.insert("隐患已消除，验收合格")
    qtbot.mouseClick(d.accept_button, Qt.MouseButton.LeftButton)
    assert "验收材料" in d.error.text()
    report = tmp_path / "验收报告.pdf"
    report.write_bytes(b"%PDF-1.4 acceptance")
    d.add_evidence([str(report)])
    qtbot.mouseClick(d.accept_button, Qt.MouseButton.LeftButton)
    assert "未经复查销号" in d.error.text()
    with screen.ctx.db.write() as s:
        f = s.get(Finding, s.get(SupervisionCase, case_id).finding_ids[0])
        f.status, f.closed_at = "closed", dt.datetime(2026, 11, 18, 2, tzinfo=dt.UTC)
    qtbot.mouseClick(d.accept_button, Qt.MouseButton.LeftButton)
    assert d.error.text() == "" and "已验收销号" in d.header.text()
    assert not d.actions.widget(0).isEnabled() and not d.withdraw_button.isEnabled()
    assert d.events.row_object(d.events.rowCount() - 1).files[0][1] == "验收报告.pdf"

    # Referral to the police remains possible on a closed case.
    d.close_on.setDate(QDate(2026, 11, 25))
    d.facts.insert("责令停止使用后仍继续使用")
    qtbot.mouseClick(d.police_button, Qt.MouseButton.LeftButton)
    assert d.error.text() == "" and not d.police_button.isEnabled()
    with screen.ctx.db.read() as s:
        case = s.get(SupervisionCase, case_id)
        assert (case.status, case.deadline, case.police_referral) == (
            "accepted", dt.date(2026, 11, 30), True)  # fmt: skip
        assert case.responsible == "总务处主任 林某"
        audited = s.scalars(select(AuditLog.action).where(AuditLog.entity_id == case_id)).all()
        assert sorted(audited) == sorted(f"case_{k}" for k in events())
        assert s.scalar(select(func.count()).select_from(Attachment)) == 1
    assert events()[-2:] == ["accepted", "police_referral"]
    d.close()
    assert "移送" in tab.status.text()


def test_board_records_the_rectification_report_and_counts_it(screen, qtbot, tmp_path):
    from sqlalchemy import func, select

    from inspector_app.store.models import Attachment, Directive

    tab = screen.board
    with qtbot.waitSignal(tab.sig_refreshed):
        screen.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.tiles["directives_overdue"], Qt.MouseButton.LeftButton)
    with screen.ctx.db.read() as s:
        waiting = {d.number for d in s.scalars(select(Directive).where(
            Directive.report_received_on.is_(None)))}  # fmt: skip
    row = next(r for r in range(tab.rows.rowCount()) if tab.rows.row_object(r).what in waiting)
    number = tab.rows.row_object(row).what
    tab.rows_view.setCurrentIndex(tab.rows_view.model().index(row, 0))
    qtbot.mouseClick(tab.report_button, Qt.MouseButton.LeftButton)
    dialog = tab.report_dialog
    assert dialog is not None and dialog.isVisible() and dialog.number.text() == number

    # A file of a kind an office does not receive: refused in the dialog, nothing written.
    bad = tmp_path / "报告.exe"
    bad.write_bytes(b"MZ\x90\x00")
    page = tmp_path / "整改报告.pdf"
    page.write_bytes(b"%PDF-1.4 the unit's report")
    dialog.received.setDate(QDate(2026, 6, 12))
    dialog.add_files([str(page), str(bad)])
    dialog.submit()
    assert dialog.isVisible() and "报告.exe" in dialog.error.text()
    with screen.ctx.db.read() as s:
        assert s.scalar(select(Directive.report_received_on).where(
            Directive.number == number)) is None  # fmt: skip
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0
    dialog.files.takeItem(1)
    with qtbot.waitSignal(tab.sig_refreshed):
        dialog.submit()
    assert not dialog.isVisible()
    with screen.ctx.db.read() as s:
        d = s.scalar(select(Directive).where(Directive.number == number))
        assert d.report_received_on == dt.date(2026, 6, 12)
        [kept] = s.scalars(select(Attachment).where(Attachment.owner_id == d.id)).all()
        assert kept.name == "整改报告.pdf"
        expected = board.counts(s, tab.desk_filter(), today=TODAY)
    assert _numbers(tab)["reinspections_due"] == expected["reinspections_due"] == 2
    assert number in tab.notice.text() and d.reinspection_due.isoformat() in tab.notice.text()
    qtbot.mouseClick(tab.tiles["reinspections_due"], Qt.MouseButton.LeftButton)
    assert number in {tab.rows.row_object(r).what for r in range(tab.rows.rowCount())}


def test_breakdown_and_campaign_filter_on_screen(screen, qtbot):
    tab = screen.board
    with qtbot.waitSignal(tab.sig_refreshed):
        screen.tabs.setCurrentWidget(tab)
    view = tab.breakdown
    tab.right.setCurrentWidget(view)
    model = view.model

    def shown() -> dict[tuple[str, str], int]:
        p = model.pivot
        return {(r, c): model.value(i, j) for i, r in enumerate(p.rows)
                for j, c in enumerate(p.columns) if model.value(i, j)}  # fmt: skip

    with screen.ctx.db.read() as s:
        expected = board.breakdown(s, tab.desk_filter(), rows="district", columns="kind",
                                   measure="serious")  # fmt: skip
    assert expected.cells and shown() == expected.cells
    last = model.rowCount() - 1, model.columnCount() - 1
    assert model.value(*last) == sum(expected.cells.values())
    assert model.headerData(0, Qt.Orientation.Horizontal) in {"电梯", "锅炉", "自动扶梯"}
    assert model.headerData(last[1], Qt.Orientation.Horizontal) == model.total_label
    with qtbot.waitSignal(view.sig_read):
        view.rows_by.setCurrentIndex(view.rows_by.findData("venue_type"))
    with qtbot.waitSignal(view.sig_read):
        view.measure.setCurrentIndex(view.measure.findData("inspections"))
    with screen.ctx.db.read() as s:
        visits = board.breakdown(s, tab.desk_filter(), rows="venue_type", columns="kind",
                                 measure="inspections")  # fmt: skip
    assert shown() == visits.cells and model.row_dim == "venue_type"

    # The campaign: the 任务来源 of the inspections, the board counted again with it.
    sources = [tab.source.itemData(i) for i in range(1, tab.source.count())]
    choice = next(x for x in sources if "两节" in x)
    campaign = choice.removeprefix("source:")
    tab.source.setCurrentIndex(tab.source.findData(choice))
    with qtbot.waitSignal(tab.sig_refreshed):
        qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    with screen.ctx.db.read() as s:
        expected_counts = board.counts(s, tab.desk_filter(), today=TODAY)
    assert tab.desk_filter().task_source == campaign
    assert _numbers(tab) == expected_counts and expected_counts["refusals"] == 1
    assert expected_counts["serious_open"] < EVERYTHING["serious_open"]
    assert sum(model.pivot.cells.values()) == 1  # one inspection in that campaign


def test_campaign_record_in_the_filter(screen, qtbot):
    """A campaign record is a choice of its own, before the 任务来源 texts; choosing it
    counts the inspections started from its tasks (none yet: every count is 0)."""
    tab = screen.board
    with screen.ctx.db.write() as s:
        c = campaigns.create_campaign(s, name="电梯专项", doc_no="漳市监特〔2026〕12号",
                                      owner_id=screen.ctx.officer_id, starts_on=dt.date(2026, 6, 1),
                                      ends_on=dt.date(2026, 6, 30))  # fmt: skip
        campaign_id = c.id
    with qtbot.waitSignal(tab.sig_refreshed):
        screen.tabs.setCurrentWidget(tab)
    labels = [tab.source.itemText(i) for i in range(1, tab.source.count())]
    assert labels[0] == "电梯专项（漳市监特〔2026〕12号）" and any("两节" in x for x in labels[1:])
    tab.source.setCurrentIndex(tab.source.findData(f"campaign:{campaign_id}"))
    with qtbot.waitSignal(tab.sig_refreshed):
        qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    f = tab.desk_filter()
    assert f.campaign_id == campaign_id and f.task_source is None
    assert set(_numbers(tab).values()) == {0}
