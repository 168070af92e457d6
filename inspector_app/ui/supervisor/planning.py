"""Plans and campaigns for the supervisor: coverage by district × venue × kind, the tasks of a
cell (drill-down), and reassigning a task to another pair of officers (an officer on leave).

Coverage is computed off the UI thread (``tasks.run_read``: a second on PostgreSQL at city
scale); the task list is a lazy ``PagedTableModel``; the reassignment goes through the
writer. 新建专项… and 结束专项… (campaign_dialog.py), 抽取年度计划…, 核验…, 抽查记录… and
公开… (draw_dialog.py) do what ``inspector campaign`` and ``inspector plan`` do, through
the same core functions; only a supervisor may use them, as the CLI's ``--by`` asks.
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
    QMessageBox,
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
        self.summary.setWordWrap(True)
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
        self.campaign_dialog = None
        self.draw_dialog = None
        self.record_dialog = None
        self.verify_dialog = None
        self.confirm_box: QMessageBox | None = None
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("campaign", self.tr("New campaign…"), self.open_new_campaign),
            ("close", self.tr("Close campaign…"), self.ask_close_campaign),
            ("tasks", self.tr("Make tasks…"), self.open_campaign_tasks),
            ("draw", self.tr("Draw the annual plan…"), self.open_draw),
            ("verify", self.tr("Verify…"), self.open_verify),
            ("record", self.tr("抽查记录…"), self.open_record),
            ("publish", self.tr("Publish (公开)…"), self.choose_publication),
        ):
            button = QPushButton(text)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _checked=False, f=slot: f())
            self.actions[key] = button
        self.actions["verify"].setToolTip(self.tr("Draw the plan again from its stored pool and "
                                                  "compare with the stored list"))  # fmt: skip
        self._cell: tuple[str, str, str] | None = None
        self.stale = True  # read again when shown
        self._note = ""

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Plan or campaign")))
        top.addWidget(self.which)
        top.addStretch(1)
        for key in ("campaign", "close", "draw"):
            top.addWidget(self.actions[key])
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.summary, 1)
        for key in ("tasks", "verify", "record", "publish"):
            plan_row.addWidget(self.actions[key], 0, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.addWidget(self.tasks_label, 1)
        bottom.addWidget(self.reassign)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(plan_row)
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
        published, closed = self.tr("published"), self.tr("campaign closed")
        with self.ctx.db.read() as s:
            choices = [(f"plan:{p.id}", f"{p.name}（{p.year}" + (
                        f"，{published}）" if p.status == "published" else "）"))
                       for p in plans.plans(s) if p.status != "cancelled"]  # fmt: skip
            choices += [(f"campaign:{c.id}", c.name + (f"（{closed}）" if c.status == "closed"
                                                       else "")) for c in campaigns.campaigns(s)]  # fmt: skip
        # the item data is text: QComboBox.findData compares Python tuples by identity
        self.which.blockSignals(True)
        self.which.clear()
        for data, text in choices:
            self.which.addItem(text, data)
        if current is not None and self.which.findData(current) >= 0:
            self.which.setCurrentIndex(self.which.findData(current))
        self.which.blockSignals(False)
        if not choices:
            self.summary.setText(self.tr("No plan or campaign yet: draw the annual plan or "
                                         "create a campaign."))  # fmt: skip
        self.show_selected()

    def selected(self) -> tuple[str, str] | None:
        """("plan", id) or ("campaign", id) of the one shown."""
        data = self.which.currentData()
        if not data:
            return None
        kind, _sep, ident = data.partition(":")
        return kind, ident

    def _filters(self) -> dict:
        kind, ident = self.selected()
        return {"plan_id": ident} if kind == "plan" else {"campaign_id": ident}

    def _enable_actions(self) -> None:
        kind, ident = self.selected() or ("", "")
        for key in ("verify", "record", "publish"):
            self.actions[key].setEnabled(kind == "plan")
        open_campaign = without_tasks = False
        if kind == "campaign":
            with self.ctx.db.read() as s:
                open_campaign = campaigns.get_campaign(s, ident).status == "open"
                without_tasks = campaigns.count_tasks(s, ident) == 0
        self.actions["close"].setEnabled(open_campaign)
        self.actions["tasks"].setVisible(kind == "campaign")
        self.actions["tasks"].setEnabled(open_campaign and without_tasks)
        for key in ("verify", "record", "publish"):
            self.actions[key].setVisible(kind != "campaign")

    def show_selected(self) -> None:
        self.cells.setRowCount(0)
        self._cell = None
        self._enable_actions()
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

    # -- campaigns -------------------------------------------------------------------
    def _supervisor_only(self) -> bool:
        if not self.ctx.supervisor:
            self.message.show_error(self.tr("Only a supervisor (科室负责人) may do this."))
        return self.ctx.supervisor

    def open_new_campaign(self):
        if not self._supervisor_only():
            return None
        from .campaign_dialog import CampaignDialog

        dialog = CampaignDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_created.connect(lambda cid: self._changed(
            ("campaign", cid), self.tr("Campaign created. Make its tasks with 生成任务….")))  # fmt: skip
        self.campaign_dialog = dialog
        dialog.open()
        return dialog

    def ask_close_campaign(self) -> QMessageBox | None:
        kind, ident = self.selected() or ("", "")
        if kind != "campaign" or not self._supervisor_only():
            return None
        with self.ctx.db.read() as s:
            name = campaigns.get_campaign(s, ident).name
            open_tasks = tasks.count_tasks(s, today=clock.today(self.ctx.zone),
                                           campaign_id=ident, show="open")  # fmt: skip
        text = self.tr(
            "Close the campaign “%1”? It stays on record with its coverage; "
            "%2 of its tasks are still open."
        ).replace("%1", name)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close campaign"),
            text.replace("%2", str(open_tasks)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Close campaign"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self.close_campaign(ident))
        self.confirm_box = box
        box.open()
        return box

    def close_campaign(self, campaign_id: str) -> None:
        officer = self.ctx.officer_id or ""
        self.ctx.writer.submit(
            lambda s: campaigns.close_campaign(s, campaign_id=campaign_id,
                                               officer_id=officer).id,
            on_done=lambda cid: self._changed(("campaign", cid), self.tr("Campaign closed.")),
            on_error=self._failed)  # fmt: skip

    def open_campaign_tasks(self):
        kind, ident = self.selected() or ("", "")
        if kind != "campaign" or not self._supervisor_only():
            return None
        from .campaign_dialog import CampaignTasksDialog

        dialog = CampaignTasksDialog(self.ctx, ident, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_done.connect(lambda n: self._changed(("campaign", ident), self.tr(
            "%1 tasks made: they reach the officers' laptops at their next sync.")
            .replace("%1", str(n))))  # fmt: skip
        self.campaign_dialog = dialog
        dialog.open()
        return dialog

    # -- plans -------------------------------------------------------------------------
    def open_draw(self):
        if not self._supervisor_only():
            return None
        from .draw_dialog import DrawPlanDialog

        dialog = DrawPlanDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_drawn.connect(
            lambda pid: self._changed(
                ("plan", pid),
                self.tr("Plan drawn: its tasks reach the officers' laptops at their next sync."),
            )
        )
        self.draw_dialog = dialog
        dialog.open()
        return dialog

    def _plan(self) -> str | None:
        kind, ident = self.selected() or ("", "")
        return ident if kind == "plan" else None

    def open_verify(self):
        from .draw_dialog import open_verify

        if self._plan():
            self.verify_dialog = open_verify(self.ctx, self._plan(), self)
        return self.verify_dialog

    def open_record(self):
        from .draw_dialog import open_record

        if self._plan():
            self.record_dialog = open_record(self.ctx, self._plan(), self)
        return self.record_dialog

    def choose_publication(self) -> None:
        from .draw_dialog import ask_publication_path

        plan_id = self._plan()
        if plan_id is None or not self._supervisor_only():
            return
        path = ask_publication_path(self, self.which.currentText())
        if path:
            self.publish_to(path)

    def publish_to(self, path: str) -> None:
        from .draw_dialog import publish

        plan_id = self._plan()
        if plan_id is not None and self._supervisor_only():
            publish(self.ctx, plan_id, path, self.message)

    def _changed(self, select: tuple[str, str], note: str) -> None:
        """After a write: read the list again, show what was made, say what happened."""
        self._note = note
        self.stale = True
        self.sig_changed.emit()
        if self.stale:
            self.reload()
        index = self.which.findData(":".join(select))
        if index >= 0 and index != self.which.currentIndex():
            self._note = note
            self.which.setCurrentIndex(index)

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
