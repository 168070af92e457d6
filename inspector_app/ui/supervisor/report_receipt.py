"""The unit's 整改报告 came in: its date and pages recorded on the directive (登记整改报告…).

The re-inspection is then due within 10 working days (57号令 Art 29), which the board
counts. The write (``core.attachments.record_report_with_files``, audited) goes through
the writer and the files are read on its thread; a refusal (no such directive, a date
before the directive, a file of a kind an office does not receive) is said in the dialog
and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import attachments, cases
from inspector_app.core.errors import UserError

from ..context import AppContext
from .board import SERIOUS


class ReportReceiptDialog(QDialog):
    sig_recorded = Signal(str)  # what was recorded, for the board's status line

    def __init__(self, ctx: AppContext, number: str, today: dt.date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Record the unit's rectification report"))
        self.setMinimumWidth(620)
        self.number = QLineEdit(number)
        self.number.setPlaceholderText(self.tr("e.g. 漳市监特令〔2026〕第010007号"))
        self.received = QDateEdit(QDate(today.year, today.month, today.day))
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.files = QListWidget()
        self.files.setMaximumHeight(120)
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(lambda: self.choose_files())
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.files.takeItem(self.files.currentRow()))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Directive number"), self.number)
        form.addRow(self.tr("Received on"), self.received)
        form.addRow(self.tr("Pages of the report"), self.files)
        form.addRow("", row)
        hint = QLabel(self.tr("The re-inspection is due within 10 working days of the day the "
                              "report is received (57号令 Art 29)."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.error = QLabel("")
        self.error.setStyleSheet(f"color: {SERIOUS.name()};")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Record the report")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Pages of the report"), "",
            self.tr("Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.docx *.xlsx *.doc "
                    "*.xls *.txt);;All files (*)"))  # fmt: skip
        self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        for path in paths:
            self.files.addItem(Path(path).name)
            self.files.item(self.files.count() - 1).setData(Qt.ItemDataRole.UserRole, path)

    def submit(self) -> None:
        number = self.number.text().strip()
        received = self.received.date()
        on = dt.date(received.year(), received.month(), received.day())
        paths = [self.files.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.files.count())]  # fmt: skip
        officer, blobs = self.ctx.officer_id or "", self.ctx.blobs
        if not number:
            self.error.setText(self.tr("Enter the directive's number."))
            return

        def write(session) -> tuple[str, dt.date, str, int]:
            directive = attachments.directive_by_number(session, number)
            files = cases.read_evidence(paths)
            directive, warning = attachments.record_report_with_files(
                session, blobs, directive_id=directive.id, received_on=on, officer_id=officer,
                files=files)  # fmt: skip
            return directive.number, directive.reinspection_due, warning, len(files)

        self.buttons.setEnabled(False)
        self.ctx.writer.submit(write, on_done=self._done, on_error=self._failed)

    def _done(self, result: tuple[str, dt.date, str, int]) -> None:
        number, due, warning, files = result
        text = (self.tr("%1: report recorded with %2 file(s); re-inspection due %3")
                .replace("%1", number).replace("%2", str(files))
                .replace("%3", due.isoformat()))  # fmt: skip
        self.sig_recorded.emit(f"{text}（{warning}）" if warning else text)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error.message_zh if isinstance(error, UserError) else str(error))
