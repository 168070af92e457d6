"""Home: search the registry, see today's work, resume unfinished inspections.

A keyboard-wedge barcode scanner "types" a registration code and Enter; when
the text is exactly a registered code, Enter opens that equipment's unit.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, QTimer, Signal
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

from inspector_app.core import clock, worklist
from inspector_app.core.documents_view import concluded_inspections, count_concluded_inspections
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, HAZARD_CLASS_ZH, VENUE_TYPE_ZH
from inspector_app.store.search import count_equipment_matches, search_equipment

from ..common import MessageLabel, touch_button
from ..context import AppContext
from ..paged_model import ROW_ROLE, PagedTableModel, make_table

SEARCH_DELAY_MS = 250


def _date(value) -> str:
    return value.isoformat() if value else ""


class HomeScreen(QWidget):
    sig_open_unit = Signal(str, str)  # unit id, equipment id ("" for none)
    sig_resume = Signal(str)  # inspection id
    sig_new_unit = Signal()
    sig_documents = Signal(str)  # inspection id: its directive and on-site record

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
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
        new_unit = touch_button(self.tr("New unit…"))
        new_unit.clicked.connect(self.sig_new_unit)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)

        kind = lambda r: EQUIPMENT_KIND_ZH.get(r.kind, r.kind)  # noqa: E731
        self.results = PagedTableModel(ctx.db, [
            (self.tr("Registration code"), lambda r: r.registration_code),
            (self.tr("Kind"), kind),
            (self.tr("Equipment"), lambda r: r.name),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Next inspection"), lambda r: _date(r.next_inspection_due)),
            (self.tr("Address"), lambda r: r.unit_address),
        ])
        self.results_view = make_table(self.results, (200, 90, 130, 300, 110))
        self.results_view.activated.connect(self._open_result)

        today = clock.today(ctx.zone)
        self.due = PagedTableModel(ctx.db, [
            (self.tr("Next inspection"), lambda r: _date(r.next_inspection_due)),
            (self.tr("Registration code"), lambda r: r.registration_code),
            (self.tr("Kind"), kind),
            (self.tr("Equipment"), lambda r: r.name),
            (self.tr("Unit"), lambda r: r.unit_name),
        ], lambda s, n, o: worklist.due_equipment(s, today=today, limit=n, offset=o))
        self.never = PagedTableModel(ctx.db, [
            (self.tr("Unit"), lambda r: r.name),
            (self.tr("District"), lambda r: r.district),
            (self.tr("Venue"), lambda r: VENUE_TYPE_ZH.get(r.venue_type, r.venue_type)),
            (self.tr("Priority"), lambda r: "★" if r.priority else ""),
        ], lambda s, n, o: worklist.never_inspected_units(s, limit=n, offset=o))
        self.overdue = PagedTableModel(ctx.db, [
            (self.tr("Deadline"), lambda r: _date(r.deadline)),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Hazard"), lambda r: HAZARD_CLASS_ZH.get(r.hazard, r.hazard)),
            (self.tr("Finding"), lambda r: r.description),
        ], lambda s, n, o: worklist.overdue_findings(s, today=today, limit=n, offset=o))
        self.unfinished = PagedTableModel(ctx.db, [
            (self.tr("Started"), lambda r: clock.format_datetime(r.started_at, ctx.zone)),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Lead officer"), lambda r: r.lead_officer),
            (self.tr("Answered"), lambda r: r.answered),
        ], lambda s, n, o: worklist.unfinished_inspections(s, limit=n, offset=o))

        conclusions = {"stop_use": self.tr("Stop use"), "rectify": self.tr("Rectify"),
                       "pass": self.tr("Passed")}
        self.concluded = PagedTableModel(ctx.db, [
            (self.tr("Concluded"), lambda r: clock.format_datetime(r.concluded_at, ctx.zone)),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Conclusion"), lambda r: conclusions.get(r.conclusion, r.conclusion)),
            (self.tr("Findings"), lambda r: r.findings),
            (self.tr("Directive"), lambda r: r.directive_number or (
                self.tr("not issued") if r.findings else "")),
        ], lambda s, n, o: concluded_inspections(s, limit=n, offset=o))

        self.tabs = QTabWidget()
        self._tables: dict[str, QTableView] = {}
        widths = {"unfinished": (150, 320, 120), "due": (110, 200, 90, 130),
                  "never": (320, 100, 100), "overdue": (110, 300, 120),
                  "concluded": (150, 320, 90, 70)}
        for key, model in (("unfinished", self.unfinished), ("due", self.due),
                           ("never", self.never), ("overdue", self.overdue),
                           ("concluded", self.concluded)):
            view = make_table(model, widths[key])
            view.activated.connect(partial(self._open_work, key))
            self._tables[key] = view
            self.tabs.addTab(view, "")

        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.results_view)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(new_unit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self.refresh()

    # -- today's work --------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the work lists (after an inspection starts or concludes)."""
        today = clock.today(self.ctx.zone)
        for model in (self.unfinished, self.due, self.never, self.overdue, self.concluded):
            model.refresh()
        with self.ctx.db.read() as s:
            counts = (
                worklist.count_unfinished_inspections(s),
                worklist.count_due_equipment(s, today=today),
                worklist.count_never_inspected_units(s),
                worklist.count_overdue_findings(s, today=today),
                count_concluded_inspections(s),
            )
        titles = (self.tr("Unfinished inspections (%1)"), self.tr("Due or overdue (%1)"),
                  self.tr("Never inspected (%1)"), self.tr("Findings past deadline (%1)"),
                  self.tr("Concluded inspections (%1)"))
        for i, (title, n) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(i, title.replace("%1", str(n)))
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
            self.stack.setCurrentIndex(0)
            return
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        query = self.search.text().strip()
        if not query:
            return
        self.results.set_query(
            lambda s, n, o: search_equipment(s, query, limit=n, offset=o))
        with self.ctx.db.read() as s:
            total = count_equipment_matches(s, query)
        self.count_label.setText(self.tr("%1 matching pieces of equipment").replace("%1", str(total)))
        self.stack.setCurrentIndex(1)
        if self.results.rowCount():
            self.results_view.selectRow(0)

    def _enter(self) -> None:
        text = self.search.text()
        with self.ctx.db.read() as s:
            exact = worklist.equipment_by_code(s, text)
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
