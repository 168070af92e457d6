"""The supervisor's ledger import wizard, driven as a person would (keyboard, buttons)."""

from __future__ import annotations

import pytest
from ledger_files import GOOD, write_xlsx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QComboBox
from sqlalchemy import func, select

from inspector_app.core.ledger import SAVED_MAPPING_FILE, load_mapping
from inspector_app.core.ledger.sample import write_sample_ledger
from inspector_app.store.models import ChangeLog, Equipment, Officer, Unit
from inspector_app.ui.supervisor.ledger.wizard import CHOOSE, COLUMNS, RESULT, RUNNING
from inspector_app.ui.supervisor.screen import SupervisorScreen

WAIT_MS = 60_000


@pytest.fixture
def supervisor(ctx, qtbot):
    with ctx.db.read() as s:
        boss = s.scalars(select(Officer).where(Officer.cert_no == "35060010")).one()
    ctx.officer_id, ctx.officer_name, ctx.officer_role = boss.id, boss.name, "supervisor"
    screen = SupervisorScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _count(ctx, model) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _open(qtbot, screen):
    qtbot.mouseClick(screen.ledger_button, Qt.MouseButton.LeftButton)
    dialog = screen.ledger_dialog
    qtbot.waitExposed(dialog)
    return dialog


def _read(qtbot, dialog, path) -> None:
    dialog.path.setFocus()
    dialog.path.setText(str(path))  # pasted: QTest types ASCII only, the names are Chinese
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.current_page() != RUNNING and not dialog.busy, timeout=WAIT_MS)


def test_import_a_ledger_from_the_supervisor_screen(supervisor, ctx, qtbot, tmp_path):
    units, equipment = _count(ctx, Unit), _count(ctx, Equipment)
    dialog = _open(qtbot, supervisor)
    _read(qtbot, dialog, write_xlsx(tmp_path / "台账.xlsx", GOOD))
    assert dialog.current_page() == COLUMNS
    assert "台账.xlsx" in dialog.file_label.text() and "3" in dialog.file_label.text()
    mapped = {dialog.mapping_model.headers[c]: k for c, k in dialog.mapping_model.fields.items()}
    assert mapped["设备注册代码"] == "registration_code" and mapped["场所类型"] == "venue_type"
    assert dialog.rows_model.rowCount() == 3
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current_page() == RESULT, timeout=WAIT_MS)
    assert (_count(ctx, Unit), _count(ctx, Equipment)) == (units + 2, equipment + 3)
    assert dialog.result.equipment_new == 3 and dialog.result.refused_rows == 0
    assert "3" in dialog.summary.text()
    # the ledger names one maintenance company per row that has one: said on its own line
    assert dialog.result.maintainers_new >= 1
    said = dialog.summary.text().splitlines()
    assert any("维保单位" in line and f"{dialog.result.maintainers_new}" in line for line in said)
    qtbot.mouseClick(dialog.result_close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_check_only_then_import_the_good_rows_and_save_the_report(supervisor, ctx, qtbot, tmp_path):
    sample = write_sample_ledger(tmp_path / "l.csv", rows=60, units=20, faults=10, encoding="gbk")
    before = _count(ctx, ChangeLog)
    dialog = _open(qtbot, supervisor)
    _read(qtbot, dialog, sample.path)
    assert "GBK" in dialog.file_label.text()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current_page() == RESULT, timeout=WAIT_MS)
    assert _count(ctx, ChangeLog) == before  # a check writes nothing
    refused = dialog.result.refused_rows
    assert refused >= len(sample.faults)
    assert dialog.problems_model.total() >= refused
    first = dialog.problems_model.index(0, 0).data()
    assert first in sample.faults
    assert dialog.result_import_button.isVisible()
    qtbot.mouseClick(dialog.result_import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.current_page() == RESULT and not dialog.result.dry_run, timeout=WAIT_MS
    )
    assert dialog.result.equipment_new == 60 - refused
    assert dialog.result.report.is_file()
    target = tmp_path / "给单位的报告.xlsx"
    assert dialog.save_report_to(target) and target.stat().st_size > 0


def test_change_what_a_column_is_and_save_the_mapping(supervisor, ctx, qtbot, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[0][6] = "电梯注册码"  # a header the usual names do not know
    dialog = _open(qtbot, supervisor)
    _read(qtbot, dialog, write_xlsx(tmp_path / "a.xlsx", rows))
    assert dialog.current_page() == COLUMNS
    assert not dialog.import_button.isEnabled()
    assert "设备注册代码" in dialog.columns_message.text()
    column = dialog.mapping_model.headers.index("电梯注册码")
    view = dialog.mapping_view
    index = dialog.mapping_index(column)
    view.setCurrentIndex(index)
    view.edit(index)  # what a double-click does: the list of fields opens
    combo = next(w for w in view.viewport().findChildren(QComboBox) if w.isVisible())
    combo.hidePopup()
    combo.setCurrentIndex(combo.findData("registration_code"))
    view.commitData(combo)
    view.closeEditor(combo, QAbstractItemDelegate.EndEditHint.NoHint)
    assert dialog.preview.match.fields[column] == "registration_code"
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.save_mapping_button, Qt.MouseButton.LeftButton)
    saved = load_mapping(ctx.workspace.folder / SAVED_MAPPING_FILE)
    assert saved.columns["电梯注册码"] == "registration_code"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current_page() == RESULT, timeout=WAIT_MS)
    assert dialog.result.equipment_new == 3
    # Next time the wizard starts with the saved mapping.
    dialog.close()
    again = _open(qtbot, supervisor)
    assert str(ctx.workspace.folder / SAVED_MAPPING_FILE) in again.mapping_label.text()


def test_an_unreadable_file_says_why_and_stays_on_the_first_page(supervisor, qtbot, tmp_path):
    bad = tmp_path / "台账.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = _open(qtbot, supervisor)
    _read(qtbot, dialog, bad)
    assert dialog.current_page() == CHOOSE
    assert "不是可读取的" in dialog.choose_message.text()


def test_cancel_leaves_the_database_as_it_was(supervisor, ctx, qtbot, tmp_path):
    sample = write_sample_ledger(tmp_path / "big.csv", rows=6000, units=2000)
    before = (_count(ctx, Unit), _count(ctx, ChangeLog))
    dialog = _open(qtbot, supervisor)
    _read(qtbot, dialog, sample.path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.current_page() == RUNNING
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc while it runs is Cancel
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: dialog.current_page() == COLUMNS, timeout=WAIT_MS)
    assert "已取消导入" in dialog.columns_message.text()
    assert (_count(ctx, Unit), _count(ctx, ChangeLog)) == before
