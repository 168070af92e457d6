"""我的任务 on the home screen: the officer's drawn tasks, started from the list with the
task's type and source, linked to the inspection; a cancelled task is refused plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from inspector_app.core import plans, tasks
from inspector_app.rules import draw as rules
from inspector_app.store.models import Inspection, Officer, Task
from inspector_app.ui.checklist.screen import ChecklistScreen


def _draw(workspace) -> int:
    with workspace.db.write() as s:
        sup = s.scalars(select(Officer.id).where(Officer.role == "supervisor")).first()
        plan = plans.draw_plan(s, workspace.blobs, year=2026, seed="界面测试", officer_id=sup,
                               ratios={rules.KEY: 10000, rules.GENERAL: 5000})  # fmt: skip
        return plan.drawn


def _activate(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_my_tasks_start_a_linked_inspection_with_the_tasks_type(workspace, ctx, qtbot):
    drawn = _draw(workspace)
    from inspector_app.ui.mainwindow import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    home = window.home
    view = home.table("tasks")
    index = home.tabs.indexOf(view)
    assert home.tabs.tabText(index) == f"My tasks ({drawn})"  # both inspectors are on each
    assert view.model().rowCount() == drawn
    home.tabs.setCurrentWidget(view)
    row = home.my_tasks.row_object(0)
    assert view.model().index(0, 1).data() == "To do"
    _activate(qtbot, view, 0)
    dialog = window.start_dialog
    assert dialog is not None and dialog.task_id == row.id
    assert not dialog.kind.isEnabled() and dialog.kind.currentData() == "routine"
    assert "双随机" in dialog.source.text() and dialog.source.isReadOnly()
    assert dialog.checked_equipment()  # the task's equipment is ticked
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert isinstance(window.screen, ChecklistScreen)
    with workspace.db.read() as s:
        inspection = s.scalars(select(Inspection).where(Inspection.task_id == row.id)).one()
        assert inspection.inspection_type == "routine" and "双随机" in inspection.task_source
    window.show_home()
    home = window.home
    home.refresh()
    view = home.table("tasks")
    states = [view.model().index(r, 1).data() for r in range(view.model().rowCount())]
    assert states.count("In progress") == 1
    # a task cancelled at the office since the list was read: refused in one line
    other = next(home.my_tasks.row_object(r) for r in range(view.model().rowCount())
                 if home.my_tasks.row_object(r).state == "open")  # fmt: skip
    with workspace.db.write() as s:
        sup = s.scalars(select(Officer.id).where(Officer.role == "supervisor")).first()
        tasks.cancel_task(s, task_id=other.id, officer_id=sup, reason="单位已注销")
    window.open_task(other.id, other.unit_id)
    assert "撤销" in home.message.text()
    with workspace.db.read() as s:
        assert s.get(Task, other.id).status == "cancelled"
