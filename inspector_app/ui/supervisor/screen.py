"""The supervisor's workspace: inspections received, open findings, data conflicts,
the oversight board (board.py), 挂牌督办 (cases.py), credit and the 失信名单 (credit.py).

Three lazily paged lists (``core.received``, ``core.conflicts``). On the first
two Enter or a double-click opens the inspection (``sig_open_inspection``),
which the main window shows with ``InspectionDetailScreen``; on the third it
opens ``ConflictDialog``, where the supervisor keeps one of the two versions.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import clock, conflicts, received
from inspector_app.rules.enums import HAZARD_CLASS_ZH

from ..context import AppContext
from ..paged_model import ROW_ROLE, PagedTableModel, make_table
from .board import BoardTab
from .cases import CasesTab
from .conflicts import ConflictDialog, conflict_columns
from .credit import CreditTab

# Colour says one thing each: red a serious hazard (or stop use), amber a general one,
# a pink deadline cell a finding past its deadline, green nothing found.
SERIOUS = QColor("#b00020")
GENERAL = QColor("#a05a00")
PASSED = QColor("#1b5e20")
OVERDUE_BACKGROUND = QColor("#fde2e1")
OPEN_DEBOUNCE_S = 0.5
CONCLUSION_COLOURS = {"stop_use": SERIOUS, "rectify": GENERAL, "pass": PASSED}
HAZARD_COLOURS = {"serious": SERIOUS, "general": GENERAL}
DEADLINE, HAZARD = 0, 3  # columns of the findings list
CONCLUSION = 4  # column of the inspections list
EQUIPMENT_SAMPLE = "大型游乐设施 · 31103506022020000001 等3台"  # as wide as the longest


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def finding_style(row, column: int, role: int) -> Any:
    """The hazard class in its colour; the deadline cell of an overdue finding marked."""
    if column == HAZARD and role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(HAZARD_COLOURS.get(row.hazard, GENERAL))
    if column == DEADLINE and row.overdue:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SERIOUS)
        if role == Qt.ItemDataRole.FontRole:
            return _bold()
    return None


def inspection_style(row, column: int, role: int) -> Any:
    if column == CONCLUSION and role == Qt.ItemDataRole.ForegroundRole:
        colour = CONCLUSION_COLOURS.get(row.conclusion or "")
        return QBrush(colour) if colour is not None else None
    if column == CONCLUSION and role == Qt.ItemDataRole.FontRole and row.conclusion == "stop_use":
        return _bold()
    return None


class SupervisorScreen(QWidget):
    sig_open_inspection = Signal(str)  # inspection id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._last_open = ("", 0.0)
        self.conclusions = {"stop_use": self.tr("Stop use"), "rectify": self.tr("Rectify"),
                            "pass": self.tr("Passed")}
        self.conclusion = QComboBox()
        self.conclusion.addItem(self.tr("All conclusions"), "")
        for key, label in self.conclusions.items():
            self.conclusion.addItem(label, key)
        self.conclusion.addItem(self.tr("In progress"), received.IN_PROGRESS)
        self.conclusion.currentIndexChanged.connect(lambda _i: self.refresh())
        self.inspections = PagedTableModel(ctx.db, [
            (self.tr("Date"), lambda r: clock.format_datetime(r.date, ctx.zone)),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Equipment"), lambda r: r.equipment),
            (self.tr("Officers"), lambda r: r.officers),
            (self.tr("Conclusion"), self._conclusion_text),
            (self.tr("Findings"), lambda r: r.findings),
            (self.tr("Directive"), lambda r: r.directive_number),
        ], styler=inspection_style)
        wide = self.fontMetrics().horizontalAdvance(EQUIPMENT_SAMPLE) + 24
        self.inspections_view = make_table(self.inspections, (130, 230, wide, 120, 130, 60))
        self.inspections_view.activated.connect(self._open_inspection)
        self.inspections_view.doubleClicked.connect(self._open_inspection)

        today = clock.today(ctx.zone)
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self.overdue_only.toggled.connect(lambda _b: self.refresh())
        hazard = lambda r: HAZARD_CLASS_ZH.get(r.hazard, r.hazard)  # noqa: E731
        late = self.tr("%1 days overdue")
        self.findings = PagedTableModel(ctx.db, [
            (self.tr("Deadline"), lambda r: r.deadline.isoformat() + (
                "  " + late.replace("%1", str((today - r.deadline).days)) if r.overdue else "")),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Equipment"), lambda r: r.equipment),
            (self.tr("Hazard"), hazard),
            (self.tr("Description"), lambda r: r.description),
            (self.tr("Directive"), lambda r: r.directive_number),
        ], styler=finding_style)
        self.findings_view = make_table(self.findings, (170, 200, wide, 110, 330))
        self.findings_view.activated.connect(self._open_finding)
        self.findings_view.doubleClicked.connect(self._open_finding)

        self.tabs = QTabWidget()
        for view, bar in ((self.inspections_view, self.conclusion),
                          (self.findings_view, self.overdue_only)):
            page = QWidget()
            top = QHBoxLayout()
            top.addWidget(QLabel(self.tr("Filter:")))
            top.addWidget(bar)
            top.addStretch(1)
            hint = QLabel(self.tr("Double-click or Enter opens the inspection."))
            hint.setStyleSheet("color: #555;")
            top.addWidget(hint)
            legend = QLabel(self.legend())
            legend.setTextFormat(Qt.TextFormat.RichText)
            layout = QVBoxLayout(page)
            layout.addLayout(top)
            layout.addWidget(legend)
            layout.addWidget(view, 1)
            self.tabs.addTab(page, "")

        self.conflicts = PagedTableModel(ctx.db, conflict_columns(ctx.zone))
        self.conflicts_view = make_table(self.conflicts, (130, 90, 330, 170, 190))
        self.conflicts_view.activated.connect(self._open_conflict)
        self.conflicts_view.doubleClicked.connect(self._open_conflict)
        self.conflict_dialog: ConflictDialog | None = None
        page = QWidget()
        hint = QLabel(self.tr("Two devices changed the same record. Double-click or Enter to "
                              "compare the versions and choose one."))
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.conflicts_view, 1)
        self.tabs.addTab(page, "")
        self.board = BoardTab(ctx)
        self.board.sig_open_inspection.connect(self._open)
        self.tabs.addTab(self.board, self.tr("Oversight board"))
        self.cases = CasesTab(ctx)
        self.cases.sig_changed.connect(lambda: self.board.refresh() if self.board.numbers else None)
        self.tabs.addTab(self.cases, self.tr("挂牌督办 cases"))
        self.credit = CreditTab(ctx)
        self.tabs.addTab(self.credit, self.tr("Credit and 失信名单"))
        self.tabs.currentChanged.connect(self._tab_shown)
        from .planning import PlanningPage

        self.planning = PlanningPage(ctx)  # plans, campaigns, coverage, tasks (issue 10)
        self.tabs.addTab(self.planning, self.tr("Plans and tasks"))
        self.planning.sig_changed.connect(self.refresh)
        title = QLabel(self.tr("Supervision: results received from the inspectors"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.ledger_button = QPushButton(self.tr("Import equipment ledger…"))
        self.ledger_button.setMinimumHeight(36)
        self.ledger_button.setToolTip(self.tr("Units and equipment from the office's ledger "
                                              "(Excel or CSV)"))
        self.ledger_button.clicked.connect(lambda: self.open_ledger_import())
        self.ledger_dialog = None
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.ledger_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def legend(self) -> str:
        def swatch(colour: QColor, text: str, background: str = "") -> str:
            back = f"background:{background};" if background else ""
            return f"<span style='color:{colour.name()};{back}font-weight:bold'>{text}</span>"

        return "　".join((
            swatch(SERIOUS, self.tr("Serious hazard / stop use")),
            swatch(GENERAL, self.tr("General hazard / rectify")),
            swatch(SERIOUS, self.tr("Past the deadline"), OVERDUE_BACKGROUND.name()),
            swatch(PASSED, self.tr("No hazard found")),
        ))

    def _conclusion_text(self, row: received.ReceivedInspection) -> str:
        if row.conclusion:
            return self.conclusions.get(row.conclusion, row.conclusion)
        return self.tr("In progress") if row.status == "in_progress" else row.status

    def refresh(self) -> None:
        today = clock.today(self.ctx.zone)
        conclusion = self.conclusion.currentData() or None
        overdue = self.overdue_only.isChecked()
        self.inspections.set_query(lambda s, n, o: received.received_inspections(
            s, conclusion=conclusion, limit=n, offset=o))
        self.findings.set_query(lambda s, n, o: received.open_findings(
            s, today=today, overdue_only=overdue, limit=n, offset=o))
        self.conflicts.set_query(lambda s, n, o: conflicts.open_conflicts(s, limit=n, offset=o))
        with self.ctx.db.read() as s:
            counts = (received.count_received_inspections(s, conclusion=conclusion),
                      received.count_open_findings(s, today=today, overdue_only=overdue),
                      conflicts.count_open_conflicts(s))
        titles = (self.tr("Received inspections (%1)"), self.tr("Open findings (%1)"),
                  self.tr("Data conflicts (%1)"))
        for i, (title, n) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(i, title.replace("%1", str(n)))
        if self.planning.isVisible():
            self.planning.reload()
        else:  # coverage is read when the tab is shown
            self.planning.stale = True

    def _tab_shown(self, index: int) -> None:
        """The board counts when first looked at (and on its 刷新), not at start-up."""
        if self.tabs.widget(index) is self.board and self.board.numbers == {}:
            self.board.refresh()
        if self.tabs.widget(index) is self.cases and not self.cases.loaded:
            self.cases.refresh()
        if self.tabs.widget(index) is self.credit and not self.credit.loaded:
            self.credit.regrade()  # only what changed since the last grading, then the lists

    def table(self, key: str) -> QTableView:
        return {"inspections": self.inspections_view, "findings": self.findings_view,
                "conflicts": self.conflicts_view}[key]

    def focus_search(self) -> None:
        self.tabs.currentWidget().setFocus()

    def _open_inspection(self, index: QModelIndex) -> None:
        self._open(index.data(ROW_ROLE).id)

    def _open_finding(self, index: QModelIndex) -> None:
        self._open(index.data(ROW_ROLE).inspection_id)

    def _open_conflict(self, index: QModelIndex) -> None:
        conflict_id = index.data(ROW_ROLE).id
        now = time.monotonic()  # activated and doubleClicked may both come: open once
        if self._last_open[0] == f"conflict:{conflict_id}" and \
                now - self._last_open[1] < OPEN_DEBOUNCE_S:
            return
        self._last_open = (f"conflict:{conflict_id}", now)
        self.open_conflict(conflict_id)

    def open_conflict(self, conflict_id: int) -> ConflictDialog:
        """The conflict's dialog, window-modal (``open()``: tests see it without blocking)."""
        dialog = ConflictDialog(self.ctx, conflict_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_resolved.connect(lambda _id: self.refresh())
        self.conflict_dialog = dialog
        dialog.open()
        return dialog

    def open_ledger_import(self):
        """The ledger import wizard, window-modal (``open()``: tests drive it without blocking)."""
        from .ledger.wizard import LedgerImportDialog

        dialog = LedgerImportDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_imported.connect(lambda _result: self.refresh())
        self.ledger_dialog = dialog
        dialog.open()
        return dialog

    def _open(self, inspection_id: str) -> None:
        """Enter gives ``activated``; a double-click gives ``doubleClicked`` and, on some
        platforms, ``activated`` too: open once."""
        now = time.monotonic()
        if self._last_open[0] == inspection_id and now - self._last_open[1] < OPEN_DEBOUNCE_S:
            return
        self._last_open = (inspection_id, now)
        self.sig_open_inspection.emit(inspection_id)
