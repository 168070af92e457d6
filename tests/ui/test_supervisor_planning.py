"""The supervisor's plans and tasks: coverage by cell, drill-down to the cell's tasks, and a
reassignment that is audited and refused without a reason."""

from __future__ import annotations

from sqlalchemy import select

from inspector_app.core import plans
from inspector_app.rules import draw as rules
from inspector_app.store.models import AuditLog, Officer, Task


def test_plan_coverage_drill_down_and_reassignment(workspace, ctx, qtbot):
    from inspector_app.ui.supervisor.screen import SupervisorScreen

    with workspace.db.write() as s:
        sup = s.scalars(select(Officer).where(Officer.role == "supervisor")).first()
        plan = plans.draw_plan(s, workspace.blobs, year=2026, seed="督查", officer_id=sup.id,
                               ratios={rules.KEY: 10000, rules.GENERAL: 10000})  # fmt: skip
        drawn = plan.drawn
        people = {o.cert_no: o.id for o in s.scalars(select(Officer))}
    ctx.officer_id, ctx.officer_role = sup.id, "supervisor"
    screen = SupervisorScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    page = screen.planning
    screen.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.cells.rowCount() > 0)
    assert page.which.count() == 1 and "2026" in page.which.currentText()
    assert page.summary.text().startswith(f"Tasks {drawn}, done 0")
    assert page.tasks.rowCount() == drawn
    # drill down: one cell's tasks only
    page.cells.selectRow(0)
    district = page.cells.item(0, 0).text()
    assert 0 < page.tasks.rowCount() <= drawn
    assert {page.tasks.row_object(r).district for r in range(page.tasks.rowCount())} == {district}
    row = page.tasks.row_object(0)
    dialog = page.open_reassign(row)
    dialog.lead.setCurrentIndex(dialog.lead.findData(people["35060002"]))
    dialog.second.setCurrentIndex(dialog.second.findData(people["35060001"]))
    dialog.ok.click()  # no reason: refused, nothing changed
    assert dialog.message.text() and dialog.isVisible()
    dialog.reason.setText("张伟休假")
    dialog.ok.click()
    with workspace.db.read() as s:
        task = s.get(Task, row.id)
        assert (task.lead_officer_id, task.second_officer_id) == (
            people["35060002"], people["35060001"])  # fmt: skip
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "task_reassigned")).one()
        assert audit.reason == "张伟休假" and audit.officer_id == sup.id
    assert "Reassigned" in page.message.text()
