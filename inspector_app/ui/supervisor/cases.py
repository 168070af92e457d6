"""挂牌督办 in the supervisor's workspace: what the rules propose, the cases, their documents.

Proposals (``core.cases.proposals``) are read on a pool thread when the tab is first shown
and on 刷新; the cases are a lazily paged list (``core.cases.case_lines``). 挂牌督办… opens
a case from the chosen proposal (``OpenCaseDialog``: 时限 and the responsible leader; the
write goes through the writer, a refusal is shown in the dialog and nothing is written).
办理… (or Enter on a case) opens the case's file with its steps (``case_steps.CaseDialog``:
五到位, dated steps, extension, acceptance with evidence, withdrawal, police referral).
文书… saves an escalation document of the chosen case as a PDF (rendered off the UI thread).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import case_documents, cases, clock
from inspector_app.core.errors import UserError

from ..context import AppContext
from ..paged_model import ROW_ROLE, PagedTableModel, make_table
from ..tasks import run_read
from .board import OVERDUE_BACKGROUND, SERIOUS
from .case_steps import CaseDialog

DEADLINE = 4  # column of the cases list
DOCUMENTS = ("report", "notice", "police")
FILE_NAMES = {"report": "报告上级", "notice": "报告政府", "police": "移送书"}


def case_style(row: cases.CaseLine, column: int, role: int) -> Any:
    if column == DEADLINE and row.overdue:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SERIOUS)
    return None


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class OpenCaseDialog(QDialog):
    """The 时限 and the bureau's responsible leader of a new case."""

    sig_opened = Signal(object)  # the SupervisionCase's number

    def __init__(self, ctx: AppContext, proposal: cases.CaseProposal, today: dt.date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.proposal, self.today = ctx, proposal, today
        self.setWindowTitle(self.tr("List for 督办"))
        self.setMinimumWidth(640)
        what = QLabel("\n".join((proposal.title(), *proposal.lines)))
        what.setWordWrap(True)
        start = today + dt.timedelta(days=90)
        self.deadline = QDateEdit(QDate(start.year, start.month, start.day))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.leader = QLineEdit()
        self.leader.setPlaceholderText(self.tr("e.g. 陈副局长"))
        self.note = QLineEdit()
        self.error = QLabel("")
        self.error.setStyleSheet(f"color: {SERIOUS.name()};")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Rectification deadline (时限)"), self.deadline)
        form.addRow(self.tr("Responsible leader"), self.leader)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("List for 督办"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        p = self.proposal.proposal
        deadline, leader, note = _pydate(self.deadline.date()), self.leader.text(), self.note.text()
        officer_id, today = self.ctx.officer_id or "", self.today

        def write(session):
            return cases.open_case(
                session, unit_id=p.unit_id, finding_ids=list(p.finding_ids), basis=p.basis,
                directive_id=p.directive_id, deadline=deadline, leader=leader,
                officer_id=officer_id, today=today, note=note,
            ).number  # fmt: skip

        self.buttons.setEnabled(False)
        self.ctx.writer.submit(write, on_done=self._done, on_error=self._failed)

    def _done(self, number: str) -> None:
        self.sig_opened.emit(number)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error.message_zh if isinstance(error, UserError) else str(error))


class CasesTab(QWidget):
    sig_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = clock.today(ctx.zone)
        self._generation = 0
        self.loaded = False
        self._notice = ""
        self.dialog: OpenCaseDialog | None = None
        self.case_dialog: CaseDialog | None = None
        self.proposals = PagedTableModel(None, [
            (self.tr("Unit"), lambda p: p.unit_name),
            (self.tr("District"), lambda p: p.district),
            (self.tr("Why"), lambda p: p.basis_zh),
            (self.tr("Directive"), lambda p: p.directive_number),
            (self.tr("Hazards"), lambda p: "；".join(p.lines)),
        ], page_size=1_000_000)  # fmt: skip
        self.proposals_view = make_table(self.proposals, (200, 80, 190, 230))
        self.proposals_view.activated.connect(lambda _i: self.open_case())
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Under 督办"), "open")
        self.status_filter.addItem(self.tr("All cases"), "")
        self.status_filter.currentIndexChanged.connect(lambda _i: self.show_cases())
        self.cases = PagedTableModel(ctx.db, [
            (self.tr("Number"), lambda c: c.number),
            (self.tr("Unit"), lambda c: c.unit_name),
            (self.tr("Why"), lambda c: cases.rules.BASES.get(c.basis, c.basis)),
            (self.tr("Listed"), lambda c: c.listed_on.isoformat()),
            (self.tr("Deadline"), lambda c: c.deadline.isoformat()),
            (self.tr("Leader"), lambda c: c.leader),
            (self.tr("Five in place"), lambda c: "✔" if c.five_in_place else "—"),
            (self.tr("Status"), lambda c: cases.STATUS_ZH.get(c.status, c.status)),
        ], styler=case_style)  # fmt: skip
        self.cases_view = make_table(self.cases, (230, 200, 190, 90, 90, 90, 60))
        self.cases_view.activated.connect(lambda _i: self.open_steps())
        self.steps_button = QPushButton(self.tr("Handle…"))
        self.steps_button.setToolTip(self.tr("The chosen case: 五到位, steps, extension, "
                                             "acceptance, withdrawal, police referral"))  # fmt: skip
        self.steps_button.clicked.connect(lambda: self.open_steps())
        self.open_button = QPushButton(self.tr("List for 督办…"))
        self.open_button.setToolTip(self.tr("Open a 挂牌督办 case for the chosen proposal"))
        self.open_button.clicked.connect(lambda: self.open_case())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.documents_button = QPushButton(self.tr("Documents…"))
        menu = QMenu(self.documents_button)
        self.document_names = {
            "report": self.tr("Report to the next level (Art 30)…"),
            "notice": self.tr("Written report to the local government (Art 31)…"),
            "police": self.tr("Transfer to the police (移送书)…"),
        }
        for kind in DOCUMENTS:
            menu.addAction(self.document_names[kind], lambda k=kind: self.choose_document(k))
        self.documents_button.setMenu(menu)
        self.status = QLabel("")
        self.status.setStyleSheet("color: #555;")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Proposed by the rules (policy/cases.yaml):")))
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.refresh_button)
        top.addWidget(self.open_button)
        upper = QWidget()
        box = QVBoxLayout(upper)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.proposals_view, 1)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Cases:")))
        bar.addWidget(self.status_filter)
        bar.addStretch(1)
        bar.addWidget(self.steps_button)
        bar.addWidget(self.documents_button)
        lower = QWidget()
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(bar)
        box.addWidget(self.cases_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        self.loaded = True
        self._generation += 1
        generation, today = self._generation, self.today
        self.status.setText(self.tr("Counting…"))
        run_read(self.ctx, lambda s: cases.proposals(s, today=today),
                 on_done=lambda rows: self._proposed(generation, rows),
                 on_error=lambda e: self.status.setText(str(e)))  # fmt: skip
        self.show_cases()

    def _proposed(self, generation: int, rows: list) -> None:
        if generation != self._generation:
            return
        self.proposals.preload(rows)
        counted = self.tr("%1 proposed").replace("%1", str(len(rows)))
        self.status.setText(f"{self._notice} · {counted}" if self._notice else counted)
        self._notice = ""

    def show_cases(self) -> None:
        status, today = self.status_filter.currentData() or None, self.today
        self.cases.set_query(lambda s, n, o: cases.case_lines(
            s, today=today, status=status, limit=n, offset=o))  # fmt: skip

    def _chosen(self, view) -> Any:
        index = view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def open_case(self) -> OpenCaseDialog | None:
        proposal = self._chosen(self.proposals_view)
        if proposal is None:
            self.status.setText(self.tr("Choose a proposal first."))
            return None
        dialog = OpenCaseDialog(self.ctx, proposal, self.today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_opened.connect(self._opened)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _opened(self, number: str) -> None:
        self._notice = self.tr("Listed for 督办: %1").replace("%1", number)  # kept by the recount
        self.status_filter.setCurrentIndex(0)
        self.refresh()
        self.sig_changed.emit()

    def open_steps(self) -> CaseDialog | None:
        case = self._chosen(self.cases_view)
        if case is None:
            self.status.setText(self.tr("Choose a case first."))
            return None
        dialog = CaseDialog(self.ctx, case.id, self.today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_changed.connect(self._stepped)
        self.case_dialog = dialog
        dialog.open()
        return dialog

    def _stepped(self, what: str) -> None:
        self._notice = what  # kept by the recount
        self.refresh()
        self.sig_changed.emit()

    def choose_document(self, kind: str) -> None:
        case = self._chosen(self.cases_view)
        if case is None:
            self.status.setText(self.tr("Choose a case first."))
            return
        name = f"{case.number}_{FILE_NAMES[kind]}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.document_names[kind], name,
                                              self.tr("PDF (*.pdf)"))  # fmt: skip
        if path:
            self.save_document(case.id, kind, path)

    def save_document(self, case_id: str, kind: str, path: str) -> None:
        """Render off the UI thread, then write the file."""
        today = self.today

        def done(pdf: bytes) -> None:
            try:
                Path(path).write_bytes(pdf)
            except OSError as exc:
                self.status.setText(self.tr("Cannot save: %1").replace("%1", str(exc)))
                return
            self.status.setText(self.tr("Saved to %1").replace("%1", Path(path).name))

        def failed(error: BaseException) -> None:
            text = error.message_zh if isinstance(error, UserError) else str(error)
            self.status.setText(self.tr("Cannot print: %1").replace("%1", text))

        run_read(self.ctx, lambda s: case_documents.escalation_pdf(
            s, case_id=case_id, kind=kind, dated=today), on_done=done, on_error=failed)  # fmt: skip
