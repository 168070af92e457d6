"""Plans and campaigns for the supervisor: coverage by district × venue × kind, the tasks of a
cell (drill-down), and reassigning a task to another pair of officers (an officer on leave).

Coverage is computed off the UI thread (``tasks.run_read``: a second on PostgreSQL at city
scale); the task list is a lazy ``PagedTableModel``; the reassignment goes through the
writer. Drawing a plan stays a CLI step for the draw meeting (docs/planning.md).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import campaigns, clock, coverage, plans, tasks, worklist
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, VENUE_TYPE_ZH

from ..common import MessageLabel, error_text, touch_button
from ..context import AppContext
from ..paged_model import ROW_ROLE, PagedTableModel, make_table
from ..tasks import run_read

CELL_ROLE = Qt.ItemDataRole.UserRole + 7


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


class PlanningPage(QWidget):
    sig_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.which = QComboBox()
        self.which.setMinimumWidth(420)
        self.which.currentIndexChanged.connect(lambda _i: self.show_selected())
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size: 12pt; color: #1a2f55;")
        self.message = MessageLabel()
        self.cells = QTableWidget(0, 9)
        self.cells.setHorizontalHeaderLabels([
            self.tr("District"), self.tr("Venue"), self.tr("Kind"), self.tr("Planned"),
            self.tr("Inspected"), self.tr("Coverage"), self.tr("With hazards"),
            self.tr("Hazards"), self.tr("Closed"),
        ])  # fmt: skip
        self.cells.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cells.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cells.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cells.verticalHeader().hide()
        header = self.cells.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(72)
        header.setStretchLastSection(True)
        self.cells.itemSelectionChanged.connect(self._cell_chosen)
        states = {"open": self.tr("To do"), "overdue": self.tr("Overdue"),
                  "in_progress": self.tr("In progress"), "done": self.tr("Done"),
                  "cancelled": self.tr("Cancelled")}  # fmt: skip
        self.tasks = PagedTableModel(ctx.db, [
            (self.tr("No."), lambda r: r.draw_order or ""),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("District"), lambda r: r.district),
            (self.tr("Venue"), lambda r: VENUE_TYPE_ZH.get(r.venue_type, r.venue_type)),
            (self.tr("Officers"), lambda r: f"{r.lead}、{r.second}"),
            (self.tr("Due"), lambda r: r.due_on.isoformat()),
            (self.tr("State"), lambda r: states.get(r.state, r.state)),
        ])  # fmt: skip
        self.tasks_view = make_table(self.tasks, (50, 300, 90, 90, 130, 100))
        self.tasks_view.activated.connect(self._reassign_row)
        self.tasks_label = QLabel()
        self.reassign = QPushButton(self.tr("Reassign task…"))
        self.reassign.setMinimumHeight(36)
        self.reassign.clicked.connect(self._reassign_selected)
        self.dialog: ReassignDialog | None = None
        self._cell: tuple[str, str, str] | None = None
        self.stale = True  # read again when shown
        self._note = ""

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Plan or campaign")))
        top.addWidget(self.which)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.tasks_label, 1)
        bottom.addWidget(self.reassign)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.cells, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.tasks_view, 1)

    # -- what to show --------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.reload()

    def reload(self) -> None:
        """The plans and campaigns (a handful a year: read at once)."""
        self.stale = False
        current = self.which.currentData()
        with self.ctx.db.read() as s:
            choices = [(("plan", p.id), f"{p.name}（{p.year}）") for p in plans.plans(s)
                       if p.status != "cancelled"]  # fmt: skip
            choices += [(("campaign", c.id), c.name) for c in campaigns.campaigns(s)]
        self.which.blockSignals(True)
        self.which.clear()
        for data, text in choices:
            self.which.addItem(text, data)
        if current is not None and self.which.findData(current) >= 0:
            self.which.setCurrentIndex(self.which.findData(current))
        self.which.blockSignals(False)
        if not choices:
            self.summary.setText(self.tr("No plan or campaign yet (inspector plan draw)."))
        self.show_selected()

    def selected(self) -> tuple[str, str] | None:
        return self.which.currentData()

    def _filters(self) -> dict:
        kind, ident = self.selected()
        return {"plan_id": ident} if kind == "plan" else {"campaign_id": ident}

    def show_selected(self) -> None:
        self.cells.setRowCount(0)
        self._cell = None
        if self.selected() is None:
            self.tasks.set_query(None)
            return
        self.summary.setText(self.tr("Computing coverage…"))
        filters = self._filters()
        run_read(self.ctx, lambda s: coverage.coverage(s, **filters),
                 on_done=self._show_coverage, on_error=self._failed)  # fmt: skip
        self._show_tasks()

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText("")
        self.message.show_error(error_text(exc))

    def _show_coverage(self, cov: coverage.Coverage) -> None:
        self.message.clear_message()
        if self._note:  # what the last action did, kept over the refresh it caused
            self.message.show_info(self._note)
            self._note = ""
        t = cov.total
        self.summary.setText(
            self.tr("Tasks %1, done %2; equipment planned %3, inspected %4 (%5); with "
                    "hazards %6; hazards %7, closed %8")
            .replace("%1", str(t.tasks)).replace("%2", str(t.tasks_done))
            .replace("%3", str(t.planned)).replace("%4", str(t.inspected))
            .replace("%5", _percent(t.inspected, t.planned))
            .replace("%6", str(t.with_hazards)).replace("%7", str(t.hazards))
            .replace("%8", str(t.closed))
        )  # fmt: skip
        self.cells.setRowCount(len(cov.rows))
        for n, r in enumerate(cov.rows):
            values = (r.district, VENUE_TYPE_ZH.get(r.venue_type, r.venue_type),
                      EQUIPMENT_KIND_ZH.get(r.kind, r.kind), r.planned, r.inspected,
                      _percent(r.inspected, r.planned), r.with_hazards, r.hazards, r.closed)  # fmt: skip
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(CELL_ROLE, (r.district, r.venue_type, r.kind))
                self.cells.setItem(n, column, item)

    def _cell_chosen(self) -> None:
        items = self.cells.selectedItems()
        self._cell = items[0].data(CELL_ROLE) if items else None
        self._show_tasks()

    def _show_tasks(self) -> None:
        if self.selected() is None:
            return
        filters = self._filters()
        if self._cell is not None:
            filters.update(zip(("district", "venue_type", "kind"), self._cell, strict=True))
        today = clock.today(self.ctx.zone)
        self.tasks.set_query(lambda s, n, o: tasks.task_list(s, today=today, limit=n, offset=o,
                                                             **filters))  # fmt: skip
        with self.ctx.db.read() as s:
            count = tasks.count_tasks(s, today=today, **filters)
        text = self.tr("Tasks: %1").replace("%1", str(count))
        if self._cell is not None:
            district, venue, kind = self._cell
            text += f"（{district} · {VENUE_TYPE_ZH.get(venue, venue)} · " \
                    f"{EQUIPMENT_KIND_ZH.get(kind, kind)}）"  # fmt: skip
        self.tasks_label.setText(text)

    # -- reassignment ------------------------------------------------------------
    def _reassign_selected(self) -> None:
        index = self.tasks_view.currentIndex()
        if not index.isValid():
            self.message.show_error(self.tr("Choose the task to reassign in the list."))
            return
        self._reassign_row(index)

    def _reassign_row(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row.state in ("done", "cancelled"):
            self.message.show_error(self.tr("That task is done or cancelled."))
            return
        self.open_reassign(row)

    def open_reassign(self, row: tasks.TaskView) -> ReassignDialog:
        dialog = ReassignDialog(self.ctx, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_done.connect(self._reassigned)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _reassigned(self) -> None:
        self._note = self.tr("Reassigned: both officers' laptops get it at their next sync.")
        self.stale = True
        self.sig_changed.emit()  # the screen refreshes, this page with it
        if self.stale:
            self.reload()


class ReassignDialog(QDialog):
    """Another pair for one task, with the reason (audited; 57号令 Art 19: two officers)."""

    sig_done = Signal()

    def __init__(self, ctx: AppContext, row: tasks.TaskView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.setWindowTitle(self.tr("Reassign task"))
        self.setMinimumWidth(520)
        with ctx.db.read() as s:
            people = [(o.id, f"{o.name}  {o.cert_no}") for o in worklist.active_officers(s)
                      if o.role == "inspector"]  # fmt: skip
        self.lead, self.second = QComboBox(), QComboBox()
        for box in (self.lead, self.second):
            box.setMinimumHeight(36)
            for oid, text in people:
                box.addItem(text, oid)
        for box, name in ((self.lead, row.lead), (self.second, row.second)):  # the pair now
            found = next((i for i in range(box.count())
                          if box.itemText(i).split("  ")[0] == name), -1)  # fmt: skip
            box.setCurrentIndex(max(found, 0))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. on leave"))
        self.message = MessageLabel()
        ok = touch_button(self.tr("Reassign"))
        ok.setDefault(True)
        ok.clicked.connect(self._save)
        self.ok = ok
        cancel = touch_button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(QLabel(f"<b>{row.unit_name}</b>（{row.district}）"))
        form.addRow(self.tr("Now"), QLabel(f"{row.lead}、{row.second}"))
        form.addRow(self.tr("Lead officer"), self.lead)
        form.addRow(self.tr("Second officer"), self.second)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _save(self) -> None:
        kwargs = dict(task_id=self.row.id, lead_officer_id=self.lead.currentData(),
                      second_officer_id=self.second.currentData(),
                      officer_id=self.ctx.officer_id, reason=self.reason.text())  # fmt: skip
        self.ok.setEnabled(False)
        self.ctx.writer.submit(lambda s: tasks.reassign_task(s, **kwargs).id,
                               on_done=self._saved, on_error=self._failed)  # fmt: skip

    def _saved(self, _task_id: str) -> None:
        self.sig_done.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.show_error(error_text(exc))
