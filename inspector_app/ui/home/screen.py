"""Home: search the registry, see today's work, resume unfinished inspections.

A keyboard-wedge barcode scanner "types" a registration code and Enter; when
the text is exactly a registered code, Enter opens that equipment's unit.

At start-up the screen can show a first page read without SQLAlchemy
(``store.quickread``; ``HomeScreen(None, first=…)``) and get the database with
``attach(ctx)`` once the data layer is loaded; the queries below import the
core only when they run.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import clock
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, HAZARD_CLASS_ZH, VENUE_TYPE_ZH

from ..common import MessageLabel, touch_button
from ..context import AppContext
from ..paged_model import ROW_ROLE, PagedTableModel, make_table

if TYPE_CHECKING:
    from inspector_app.store.quickread import FirstPage

SEARCH_DELAY_MS = 250
MIN_SUBSTRING = 3  # store.search.MIN_SUBSTRING (not imported: it loads SQLAlchemy)


def _worklist():
    from inspector_app.core import worklist

    return worklist


def _documents():
    from inspector_app.core import documents_view

    return documents_view


def _search():
    from inspector_app.store import search

    return search


def _tasks():
    from inspector_app.core import tasks

    return tasks


OVERDUE_TEXT = QColor("#b00020")
OVERDUE_BACKGROUND = QColor("#fde2e1")


def _date(value) -> str:
    return value.isoformat() if value else ""


def _overdue_style(row, column: int, role: int, today: dt.date):
    """Past its periodic inspection date: the date cell in red on pink, bold."""
    if column != 0 or not row.overdue_days(today):
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(OVERDUE_TEXT)
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(OVERDUE_BACKGROUND)
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


def _kinds_text(kinds: str, every: str) -> str:
    names = [EQUIPMENT_KIND_ZH.get(k, k) for k in kinds.split(",") if k]
    return "、".join(names) if names else every


def _task_style(row, column: int, role: int):
    """An overdue task: its due date in red on pink, as in the due list."""
    if column != 0 or row.state != "overdue":
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(OVERDUE_TEXT)
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(OVERDUE_BACKGROUND)
    return None


class HomeScreen(QWidget):
    sig_open_unit = Signal(str, str)  # unit id, equipment id ("" for none)
    sig_resume = Signal(str)  # inspection id
    sig_new_unit = Signal()
    sig_documents = Signal(str)  # inspection id: its directive and on-site record
    sig_start_task = Signal(str, str)  # task id, unit id: start the task's inspection

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None, *,
                 first: FirstPage | None = None, zone: dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.zone = ctx.zone if ctx is not None else zone or clock.zone()
        db = ctx.db if ctx is not None else None
        self._waiting: list = []  # what was asked before the database was attached
        self._tasks_shown = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search: registration code, unit name, address (scanner works too)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(44)
        self.search.setStyleSheet("font-size: 14pt;")
        self.search.textChanged.connect(self._schedule_search)
        self.search.returnPressed.connect(self._enter)
        self.message = MessageLabel()
        self.count_label = QLabel()
        self.count_label.hide()  # shown with search results
        new_unit = touch_button(self.tr("New unit…"))
        new_unit.clicked.connect(self.sig_new_unit)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)

        kind = lambda r: EQUIPMENT_KIND_ZH.get(r.kind, r.kind)  # noqa: E731
        self.results = PagedTableModel(db, [
            (self.tr("Registration code"), lambda r: r.registration_code),
            (self.tr("Kind"), kind),
            (self.tr("Equipment"), lambda r: r.name),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Next inspection"), lambda r: _date(r.next_inspection_due)),
            (self.tr("Address"), lambda r: r.unit_address),
        ])
        self.results_view = make_table(self.results, (200, 90, 130, 300, 110))
        self.results_view.activated.connect(self._open_result)

        today = clock.today(self.zone)
        overdue = self.tr("%1 days overdue")

        def due_text(r) -> str:
            late = r.overdue_days(today)
            return _date(r.next_inspection_due) + (
                "  " + overdue.replace("%1", str(late)) if late else "")

        self.due = PagedTableModel(db, [
            (self.tr("Next inspection"), due_text),
            (self.tr("Registration code"), lambda r: r.registration_code),
            (self.tr("Kind"), kind),
            (self.tr("Equipment"), lambda r: r.name),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Address"), lambda r: r.unit_address),
        ], lambda s, n, o: _worklist().due_equipment(
            s, today=today, limit=n, offset=o, order=self.due.order[0],
            descending=self.due.order[1]),
            styler=lambda r, column, role: _overdue_style(r, column, role, today),
            sort_keys={0: "due", 1: "code", 2: "kind", 3: "name", 4: "unit", 5: "address"},
            order=("due", False))
        self.totals = QLabel()
        self.totals.setStyleSheet("font-size: 12pt; color: #1a2f55;")
        self.never = PagedTableModel(db, [
            (self.tr("Unit"), lambda r: r.name),
            (self.tr("District"), lambda r: r.district),
            (self.tr("Venue"), lambda r: VENUE_TYPE_ZH.get(r.venue_type, r.venue_type)),
            (self.tr("Priority"), lambda r: "★" if r.priority else ""),
        ], lambda s, n, o: _worklist().never_inspected_units(s, limit=n, offset=o))
        self.overdue = PagedTableModel(db, [
            (self.tr("Deadline"), lambda r: _date(r.deadline)),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Hazard"), lambda r: HAZARD_CLASS_ZH.get(r.hazard, r.hazard)),
            (self.tr("Finding"), lambda r: r.description),
        ], lambda s, n, o: _worklist().overdue_findings(s, today=today, limit=n, offset=o))
        self.unfinished = PagedTableModel(db, [
            (self.tr("Started"), lambda r: clock.format_datetime(r.started_at, self.zone)),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Lead officer"), lambda r: r.lead_officer),
            (self.tr("Answered"), lambda r: r.answered),
        ], lambda s, n, o: _worklist().unfinished_inspections(s, limit=n, offset=o))

        conclusions = {"stop_use": self.tr("Stop use"), "rectify": self.tr("Rectify"),
                       "pass": self.tr("Passed")}
        self.concluded = PagedTableModel(db, [
            (self.tr("Concluded"), lambda r: clock.format_datetime(r.concluded_at, self.zone)),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Conclusion"), lambda r: conclusions.get(r.conclusion, r.conclusion)),
            (self.tr("Findings"), lambda r: r.findings),
            (self.tr("Directive"), lambda r: r.directive_number or (
                self.tr("not issued") if r.findings else "")),
        ], lambda s, n, o: _documents().concluded_inspections(s, limit=n, offset=o))

        states = {"open": self.tr("To do"), "overdue": self.tr("Overdue"),
                  "in_progress": self.tr("In progress")}
        self.my_tasks = PagedTableModel(db, [
            (self.tr("Due"), lambda r: _date(r.due_on)),
            (self.tr("State"), lambda r: states.get(r.state, r.state)),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("District"), lambda r: r.district),
            (self.tr("Equipment"), lambda r: _kinds_text(r.kinds, self.tr("all equipment"))),
            (self.tr("With"), lambda r: r.partner),
            (self.tr("Plan or campaign"), lambda r: r.source),
        ], self._fetch_tasks, styler=lambda r, column, role: _task_style(r, column, role))

        self.tabs = QTabWidget()
        self._tables: dict[str, QTableView] = {}
        widths = {"unfinished": (150, 320, 120), "due": (170, 200, 90, 130, 260),
                  "never": (320, 100, 100), "overdue": (110, 300, 120),
                  "concluded": (150, 320, 90, 70)}
        for key, model in (("unfinished", self.unfinished), ("due", self.due),
                           ("never", self.never), ("overdue", self.overdue),
                           ("concluded", self.concluded)):
            view = make_table(model, widths[key])
            view.activated.connect(partial(self._open_work, key))
            self._tables[key] = view
            self.tabs.addTab(view, "")
        # 我的任务 last, so the other tabs keep their places; chosen at start when it has work
        view = make_table(self.my_tasks, (100, 70, 300, 90, 110, 80))
        view.activated.connect(self._open_task)
        self._tables["tasks"] = view
        self.tabs.addTab(view, self.tr("My tasks"))

        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.results_view)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(new_unit)
        layout_totals = QHBoxLayout()
        layout_totals.addWidget(self.totals)
        layout_totals.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(layout_totals)
        layout.addWidget(self.count_label)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        if first is not None:
            self._show_first(first)
        else:
            self.refresh()

    def _models(self) -> tuple[PagedTableModel, ...]:
        return (self.unfinished, self.due, self.never, self.overdue, self.concluded)

    def _show_first(self, first: FirstPage) -> None:
        for model, rows in zip(self._models(), (first.unfinished, first.due, first.never,
                                                first.overdue, first.concluded), strict=True):
            model.preload(rows)
        self._show_counts(first.counts, first.totals)

    def attach(self, ctx: AppContext) -> None:
        """The database is open: what was asked meanwhile runs now."""
        self.ctx = ctx
        for model in (*self._models(), self.results, self.my_tasks):
            model.attach(ctx.db)
        self._refresh_tasks()
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    # -- today's work --------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the work lists (after an inspection starts or concludes)."""
        if self.ctx is None:
            return
        worklist = _worklist()
        today = clock.today(self.zone)
        for model in self._models():
            model.refresh()
        year_start = dt.datetime(today.year, 1, 1, tzinfo=self.zone)
        with self.ctx.db.read() as s:
            totals = worklist.inspection_totals(s, since=year_start)
            counts = (
                worklist.count_unfinished_inspections(s),
                worklist.count_due_equipment(s, today=today),
                worklist.count_never_inspected_units(s),
                worklist.count_overdue_findings(s, today=today),
                _documents().count_concluded_inspections(s),
            )
        self._show_counts(counts, totals)
        self._refresh_tasks()

    def _fetch_tasks(self, session, limit: int, offset: int) -> list:
        officer = self.ctx.officer_id if self.ctx is not None else None
        if not officer:
            return []
        return _tasks().my_tasks(session, officer_id=officer, today=clock.today(self.zone),
                                 show="open", limit=limit, offset=offset)

    def _refresh_tasks(self) -> None:
        """我的任务: the logged-in officer's open tasks, overdue ones counted apart."""
        if self.ctx is None:
            return
        self.my_tasks.refresh()
        pending = overdue = 0
        if self.ctx.officer_id:
            with self.ctx.db.read() as s:
                pending, overdue, _done = _tasks().count_my_tasks(
                    s, officer_id=self.ctx.officer_id, today=clock.today(self.zone))
        index = self.tabs.indexOf(self._tables["tasks"])
        title = self.tr("My tasks (%1)").replace("%1", str(pending))
        if overdue:
            title = self.tr("My tasks (%1, %2 overdue)").replace("%1", str(pending)).replace(
                "%2", str(overdue))
        self.tabs.setTabText(index, title)
        if pending and not self._tasks_shown and not self.unfinished.rowCount():
            self.tabs.setCurrentIndex(index)  # once: later the officer's choice stays
        self._tasks_shown = self._tasks_shown or bool(pending)

    def _open_task(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row.state == "in_progress" and row.inspection_id:
            self.sig_resume.emit(row.inspection_id)
        else:
            self.sig_start_task.emit(row.id, row.unit_id)

    def _show_counts(self, counts: tuple[int, ...], totals) -> None:
        titles = (self.tr("Unfinished inspections (%1)"), self.tr("Due or overdue (%1)"),
                  self.tr("Never inspected (%1)"), self.tr("Findings past deadline (%1)"),
                  self.tr("Concluded inspections (%1)"))
        for i, (title, n) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(i, title.replace("%1", str(n)))
        self.totals.setText(self.tr("Inspected this year: %1 / %2 pieces of equipment")
                            .replace("%1", f"{totals.inspected:,}")
                            .replace("%2", f"{totals.equipment:,}"))
        if counts[0] == 0:
            self.tabs.setCurrentIndex(1)

    def table(self, key: str) -> QTableView:
        return self._tables[key]

    def _open_work(self, key: str, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if key == "unfinished":
            self.sig_resume.emit(row.id)
        elif key == "due":
            self.sig_open_unit.emit(row.unit_id, row.id)
        elif key == "never":
            self.sig_open_unit.emit(row.id, "")
        elif key == "concluded":
            self.sig_documents.emit(row.id)
        else:
            self.sig_open_unit.emit(row.unit_id, "")

    # -- search --------------------------------------------------------------
    def _schedule_search(self, text: str) -> None:
        self.message.clear_message()
        if not text.strip():
            self._timer.stop()
            self.results.set_query(None)
            self.count_label.clear()
            self.count_label.hide()
            self.stack.setCurrentIndex(0)
            return
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        query = self.search.text().strip()
        if not query:
            return
        if self.ctx is None:  # typed while the database opens: search once it is there
            self._waiting.append(self.run_search)
            return
        search = _search()
        self.results.set_query(
            lambda s, n, o: search.search_equipment(s, query, limit=n, offset=o))
        with self.ctx.db.read() as s:
            total = search.count_equipment_matches(s, query)
        self.count_label.show()
        self.count_label.setText(self.tr("%1 matching pieces of equipment").replace("%1", str(total)))
        if not total and len(query) < MIN_SUBSTRING:
            self.count_label.setText(self.tr(
                "Unit names and addresses need at least 3 characters; 1 or 2 match only the "
                "start of a registration or credit code."))
        self.stack.setCurrentIndex(1)
        if self.results.rowCount():
            self.results_view.selectRow(0)

    def _enter(self) -> None:
        if self.ctx is None:
            self._waiting.append(self._enter)
            return
        text = self.search.text()
        with self.ctx.db.read() as s:
            exact = _worklist().equipment_by_code(s, text)
        if exact is not None:
            equipment_id, unit_id = exact
            self.sig_open_unit.emit(unit_id, equipment_id)
            return
        self.run_search()
        index = self.results_view.currentIndex()
        if not index.isValid() and self.results.rowCount():
            index = self.results_view.model().index(0, 0)
        if index.isValid():
            self._open_result(index)
        else:
            self.message.show_error(self.tr("Nothing found."))

    def _open_result(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        self.sig_open_unit.emit(row.unit_id, row.id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
