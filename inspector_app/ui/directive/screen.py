"""Directive and on-site record of a concluded inspection: issue, preview, print, save, amend.

Issuing goes through the writer (the core renders and stores the PDF inside
that job, off the UI thread); the preview then shows the stored bytes. The
on-site record is rendered in the thread pool. Printing sends both copies of
a 一式两份 document in one go.
"""

from __future__ import annotations

from functools import partial

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import directives as core
from inspector_app.core.documents_view import inspection_documents
from inspector_app.core.errors import UserError
from inspector_app.core.inspection_view import load_rows
from inspector_app.core.inspections import amend_answer
from inspector_app.core.records import ensure_record_number
from inspector_app.rules.enums import Conclusion

from ..checklist.model import ChecklistModel
from ..common import MessageLabel, error_text, touch_button
from ..context import AppContext
from ..sync.fetch import FetchBar
from ..tasks import run_read
from .amend import AmendDialog
from .confirm import IssueConfirmation
from .pdf import COPIES, PdfPreview, print_pdf, save_pdf

DIRECTIVE, RECORD = "directive", "record"


class DirectiveScreen(QWidget):
    sig_home = Signal()
    sig_issued = Signal(str, str)  # directive id, number

    def __init__(self, ctx: AppContext, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = inspection_id
        self.kind = DIRECTIVE
        self.conclusions = {
            Conclusion.STOP_USE.value: self.tr("Serious hazard: stop using the equipment at once"),
            Conclusion.RECTIFY.value: self.tr("General hazards: rectify by the deadline"),
            Conclusion.PASS.value: self.tr("No hazard found"),
        }
        self.statuses = {"issued": self.tr("in force"), "superseded": self.tr("superseded"),
                         "closed": self.tr("closed (all rectified)")}
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.number = QLabel()
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1a4f8b;")
        self.number.setWordWrap(True)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.issue = touch_button(self.tr("Issue directive"))
        self.issue.setStyleSheet("font-weight: bold;")
        self.issue.clicked.connect(lambda: self.issue_directive())
        self.supersede = touch_button(self.tr("Issue corrected directive"))
        self.supersede.clicked.connect(lambda: self.issue_directive(supersede=True))
        self.message = MessageLabel()
        self.confirmation: IssueConfirmation | None = None

        self.answers = ChecklistModel([], english=ctx.english, parent=self)
        self.answer_view = QListView()
        self.answer_view.setModel(self.answers)
        self.answer_view.setUniformItemSizes(True)
        self.answer_view.setStyleSheet("QListView::item { min-height: 28px; }")
        self.answer_view.doubleClicked.connect(lambda _i: self.amend_current())
        self.amend = touch_button(self.tr("Amend answer…"))
        self.amend.clicked.connect(lambda: self.amend_current())

        directive_box = QGroupBox(self.tr("Directive (特种设备安全监察指令书)"))
        box = QVBoxLayout(directive_box)
        box.addWidget(self.number)
        box.addWidget(self.history)
        issue_row = QHBoxLayout()
        issue_row.addWidget(self.issue)
        issue_row.addWidget(self.supersede)
        box.addLayout(issue_row)
        answers_box = QGroupBox(self.tr("Answers (locked; amendments are audited)"))
        alayout = QVBoxLayout(answers_box)
        alayout.addWidget(self.answer_view, 1)
        alayout.addWidget(self.amend, 0, Qt.AlignmentFlag.AlignRight)
        left = QWidget()
        llayout = QVBoxLayout(left)
        llayout.setContentsMargins(0, 0, 0, 0)
        llayout.addWidget(directive_box)
        llayout.addWidget(self.message)
        llayout.addWidget(answers_box, 1)

        self.preview = PdfPreview()
        self.switch = QButtonGroup(self)
        self.doc_buttons: dict[str, QPushButton] = {}
        doc_row = QHBoxLayout()
        for kind, label in ((DIRECTIVE, self.tr("Directive")), (RECORD, self.tr("On-site record"))):
            button = touch_button(label)
            button.setCheckable(True)
            button.clicked.connect(partial(self.show_document, kind))
            self.switch.addButton(button)
            self.doc_buttons[kind] = button
            doc_row.addWidget(button)
        doc_row.addStretch(1)
        self.print_button = touch_button(self.tr("Print (2 copies)…"))
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button = touch_button(self.tr("Save as PDF…"))
        self.save_button.clicked.connect(lambda: self.save_document())
        doc_row.addWidget(self.print_button)
        doc_row.addWidget(self.save_button)
        right = QWidget()
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(0, 0, 0, 0)
        rlayout.addLayout(doc_row)
        rlayout.addWidget(self.preview, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([460, 880])
        home = touch_button(self.tr("Home"))
        home.clicked.connect(self.sig_home)
        bar = QHBoxLayout()
        bar.addWidget(home)
        bar.addWidget(self.title, 1)
        # a scoped laptop: the record's photos and signatures or the directive's PDF may be
        # kept at the office; the bar fetches them on demand and the document is shown again
        self.fetch_bar = FetchBar(ctx)
        self.fetch_bar.sig_fetched.connect(lambda _n: self.show_document(self.kind))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.fetch_bar)
        layout.addWidget(splitter, 1)
        self.refresh()
        self.fetch_bar.set_inspection(inspection_id)
        self.show_document(DIRECTIVE if self.docs.current else RECORD)

    # -- state -------------------------------------------------------------------
    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            self.docs = inspection_documents(s, self.inspection_id, officer_id=self.ctx.officer_id)
            rows = load_rows(s, self.inspection_id)
        self.answers.set_states(rows)
        docs = self.docs
        conclusion = self.conclusions.get(docs.conclusion or "", docs.conclusion or "")
        self.title.setText(f"<b style='font-size:14pt'>{docs.unit_name}</b>　" + self.tr(
            "Conclusion: %1 · findings: %2").replace("%1", conclusion)
            .replace("%2", str(docs.findings)))
        current = docs.current
        self.number.setText("\n".join(d.number for d in docs.in_force)
                            or self.tr("No directive issued yet"))
        self.history.setText("<br>".join(
            self.tr("%1 — %2, deadline %3").replace("%1", d.number)
            .replace("%2", self.statuses.get(d.status, d.status))
            .replace("%3", d.deadline.isoformat())
            for d in docs.directives))
        self.issue.setVisible(current is None or bool(docs.pending))
        if len(docs.pending) > 1 or (docs.pending and current is not None):
            self.issue.setText(self.tr("Issue directive to %1").replace("%1", docs.pending[0]))
        else:
            self.issue.setText(self.tr("Issue directive"))
        self.supersede.setVisible(current is not None and current.status == "issued")
        allowed = docs.may_issue is not False
        why = "" if allowed else self.tr(
            "Only the inspection's two officers or a supervisor may issue its directive.")
        for button in (self.issue, self.supersede):
            button.setEnabled(allowed)
            button.setToolTip(why)
        self.amend.setEnabled(docs.concluded)

    # -- issuing -------------------------------------------------------------------
    def issue_directive(self, *, supersede: bool = False) -> IssueConfirmation | None:
        """Show the number issuing would take and ask (it is used for good once issued);
        the core refuses in Chinese, without asking, what may not be issued."""
        old = self.docs.current if supersede and self.docs.current else None
        try:
            with self.ctx.db.read() as s:
                number = core.number_to_issue(s, inspection_id=self.inspection_id,
                                              supersedes_id=old.id if old else None)
        except UserError as exc:
            self.message.show_error(error_text(exc))
            return None
        dialog = IssueConfirmation(number, superseding=old.number if old else None, parent=self)
        dialog.finished.connect(
            lambda _r: self._issue(supersede=supersede) if dialog.accepted_issue() else None)
        self.confirmation = dialog
        dialog.open()
        return dialog

    def _issue(self, *, supersede: bool) -> None:
        """Issue through the writer (numbering, rendering and storing in that job)."""
        iid, officer, blobs = self.inspection_id, self.ctx.officer_id, self.ctx.blobs
        old = self.docs.current.id if supersede and self.docs.current else None
        self.issue.setEnabled(False)
        self.supersede.setEnabled(False)
        self.message.show_info(self.tr("Issuing the directive…"))

        def job(s):
            d = core.issue_directive(s, blobs, inspection_id=iid, officer_id=officer,
                                     supersedes_id=old)
            return d.id, d.number

        self.ctx.writer.submit(job, on_done=self._issued, on_error=self._failed)

    def _issued(self, result: tuple[str, str]) -> None:
        if not shiboken6.isValid(self.message):
            return
        self.issue.setEnabled(True)
        self.supersede.setEnabled(True)
        self.refresh()
        self.message.show_info(self.tr("Directive %1 issued.").replace("%1", result[1]))
        self.show_document(DIRECTIVE)
        self.sig_issued.emit(*result)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self.message):
            return
        self.issue.setEnabled(self.docs.may_issue is not False)
        self.supersede.setEnabled(self.docs.may_issue is not False)
        self.message.show_error(error_text(exc))

    # -- documents -----------------------------------------------------------------
    def show_document(self, kind: str) -> None:
        self.kind = kind
        self.doc_buttons[kind].setChecked(True)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        iid, blobs = self.inspection_id, self.ctx.blobs
        if kind == DIRECTIVE:
            current = self.docs.current
            if current is None:
                self.preview.show_text(self.tr("No directive issued yet."))
                return
            fn = partial(_directive_bytes, blobs=blobs, directive_id=current.id)
        else:
            fn = partial(_record_bytes, blobs=blobs, inspection_id=iid)
        self.preview.show_text(self.tr("Preparing the document…"))
        if kind == RECORD and not self.docs.record_number:  # numbered on its first print
            self.ctx.writer.submit(
                lambda s: ensure_record_number(s, inspection_id=iid),
                on_done=lambda _n: run_read(self.ctx, fn, on_done=partial(self._show_pdf, kind),
                                            on_error=self._pdf_failed),
                on_error=self._pdf_failed)
            return
        run_read(self.ctx, fn, on_done=partial(self._show_pdf, kind), on_error=self._pdf_failed)

    def _show_pdf(self, kind: str, data: bytes) -> None:
        if not shiboken6.isValid(self.preview) or kind != self.kind:
            return
        self.preview.set_pdf(data)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _pdf_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self.preview):
            self.preview.show_text(error_text(exc))

    def default_file_name(self) -> str:
        current = self.docs.current
        if self.kind == DIRECTIVE and current is not None:
            return f"{current.number}.pdf"
        return self.tr("On-site record %1.pdf").replace("%1", self.docs.unit_name)

    def print_document(self, printer: QPrinter | None = None) -> int:
        """Print the shown document, two copies; without ``printer`` the print dialog asks."""
        data = self.preview.data
        if data is None:
            return 0
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setCopyCount(COPIES)
            printer.setDocName(self.default_file_name())
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return 0
        else:
            printer.setCopyCount(COPIES)
        try:
            sheets = print_pdf(data, printer)
        except (OSError, ValueError) as exc:
            self.message.show_error(self.tr("Printing failed: %1").replace("%1", str(exc)))
            return 0
        self.message.show_info(self.tr("Sent to the printer: %1 copies.").replace("%1", str(COPIES)))
        return sheets

    def save_document(self, path: str | None = None) -> str | None:
        data = self.preview.data
        if data is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save as PDF"), self.default_file_name(), self.tr("PDF (*.pdf)"))
            if not path:
                return None
        try:
            saved = save_pdf(data, path)
        except OSError as exc:
            self.message.show_error(f"{path}: {exc.strerror}")
            return None
        self.message.show_info(self.tr("Saved to %1").replace("%1", str(saved)))
        return str(saved)

    # -- amendment -------------------------------------------------------------------
    def amend_current(self, values: dict | None = None) -> None:
        """补正 the selected answer; ``values`` skips the dialog (tests, scripts)."""
        state = self.answers.state(self.answer_view.currentIndex().row())
        if state is None or state.result_id is None:
            self.message.show_error(self.tr("Choose an answered item first."))
            return
        if values is None:
            dialog = AmendDialog(state, self)
            if not dialog.exec():
                return
            values = dialog.values()
        rid, officer = state.result_id, self.ctx.officer_id
        self.ctx.writer.submit(
            lambda s: str(amend_answer(s, item_result_id=rid, officer_id=officer, **values)),
            on_done=self._amended, on_error=self._failed)

    def _amended(self, _conclusion: str) -> None:
        if not shiboken6.isValid(self.message):
            return
        row = self.answer_view.currentIndex().row()
        self.refresh()
        self.answer_view.setCurrentIndex(self.answers.index(row))
        text = self.tr("Answer amended (recorded in the audit log).")
        if self.docs.current is not None and self.docs.current.status == "issued":
            text += " " + self.tr("The directive already issued is unchanged; issue a corrected "
                                  "directive if it must change.")
        self.message.show_info(text)
        if self.kind == RECORD:
            self.show_document(RECORD)


def _directive_bytes(session, *, blobs, directive_id: str) -> bytes:
    return core.directive_pdf(session, blobs, directive_id=directive_id)


def _record_bytes(session, *, blobs, inspection_id: str) -> bytes:
    return core.record_pdf(session, blobs, inspection_id=inspection_id)
