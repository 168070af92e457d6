"""Credit files, grades and the 严重违法失信名单 in the supervisor's workspace.

Units with their grade, the worst first (a lazily paged list, ``core.credit.unit_lines``);
choosing one shows its credit file (grade, reasons, every record, read off the UI thread).
重新评级 brings the grades up to date through the writer (``credit.refresh_grades``). Below,
the candidates the rules name for the 失信名单 (``core.blacklist.candidates``, read off the
UI thread): 确认列入… asks for the reason and the penalty decision it rests on, and only
then lists (``blacklist.confirm_listing``; a refusal stays in the dialog). 导出名单… writes
the list for publication.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
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
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import blacklist, clock, credit
from inspector_app.core.errors import UserError

from ..context import AppContext
from ..paged_model import ROW_ROLE, PagedTableModel, make_table
from ..tasks import run_read
from .board import GENERAL, QUIET, SERIOUS

GRADE = 0  # column of the units list
GRADE_COLOURS = {"A": QUIET, "B": QColor("#333333"), "C": GENERAL, "D": SERIOUS}


def grade_style(row: credit.UnitLine, column: int, role: int) -> Any:
    if column == GRADE and role == Qt.ItemDataRole.ForegroundRole and row.grade:
        return QBrush(GRADE_COLOURS.get(row.grade, QUIET))
    return None


class ListingDialog(QDialog):
    """A supervisor's confirmation: the reason and the penalty decision (谁处罚、谁列入)."""

    sig_listed = Signal(str)  # the unit's name

    def __init__(self, ctx: AppContext, candidate: blacklist.Candidate, today: dt.date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.candidate, self.today = ctx, candidate, today
        self.setWindowTitle(self.tr("Confirm listing"))
        self.setMinimumWidth(620)
        pending = "" if candidate.verified else self.tr(" (article to be verified)")
        what = QLabel(f"{candidate.unit_name}（{candidate.uscc}）\n{candidate.basis}\n"
                      f"{candidate.article}{pending}")  # fmt: skip
        what.setWordWrap(True)
        self.reason = QLineEdit()
        self.decision_no = QLineEdit()
        self.decision_no.setPlaceholderText(self.tr("e.g. 漳市监罚〔2026〕12号"))
        self.decided_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.decided_on.setCalendarPopup(True)
        self.decided_on.setDisplayFormat("yyyy-MM-dd")
        self.error = QLabel("")
        self.error.setStyleSheet(f"color: {SERIOUS.name()};")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Reason for listing"), self.reason)
        form.addRow(self.tr("Penalty decision no."), self.decision_no)
        form.addRow(self.tr("Decided on"), self.decided_on)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("List"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        c, today, officer_id = self.candidate, self.today, self.ctx.officer_id or ""
        reason, number = self.reason.text(), self.decision_no.text()
        day = self.decided_on.date()
        decided = dt.date(day.year(), day.month(), day.day())

        def write(session):
            return blacklist.confirm_listing(
                session, uscc=c.uscc, rule_id=c.rule_id, officer_id=officer_id, reason=reason,
                penalty_decision_no=number, penalty_decided_on=decided, today=today,
            ).unit_name  # fmt: skip

        self.buttons.setEnabled(False)
        self.ctx.writer.submit(write, on_done=self._done, on_error=self._failed)

    def _done(self, name: str) -> None:
        self.sig_listed.emit(name)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error.message_zh if isinstance(error, UserError) else str(error))


class CreditTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = clock.today(ctx.zone)
        self.loaded = False
        self._generation = 0
        self.dialog: ListingDialog | None = None
        self.file: credit.CreditFile | None = None
        self.grade = QComboBox()
        self.grade.addItem(self.tr("All grades"), "")
        for g in "ABCD":
            self.grade.addItem(g, g)
        self.grade.currentIndexChanged.connect(lambda _i: self.show_units())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Unit name or credit code"))
        self.search.returnPressed.connect(lambda: self.show_units())
        self.regrade_button = QPushButton(self.tr("Regrade"))
        self.regrade_button.setToolTip(self.tr("Bring the grades up to date (policy/credit.yaml)"))
        self.regrade_button.clicked.connect(lambda: self.regrade())
        self.status = QLabel("")
        self.status.setStyleSheet("color: #555;")
        self.units = PagedTableModel(ctx.db, [
            (self.tr("Grade"), lambda u: u.grade or "—"),
            (self.tr("Score"), lambda u: "" if u.score is None else u.score),
            (self.tr("Unit"), lambda u: u.name),
            (self.tr("Credit code"), lambda u: u.uscc),
            (self.tr("District"), lambda u: u.district),
            (self.tr("Main reason"), lambda u: u.first_reason),
        ], styler=grade_style)  # fmt: skip
        self.units_view = make_table(self.units, (50, 50, 220, 160, 70))
        self.units_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._unit_chosen(current))  # fmt: skip
        self.file_title = QLabel(self.tr("Choose a unit to see its credit file."))
        self.file_title.setWordWrap(True)
        self.file_title.setTextFormat(Qt.TextFormat.PlainText)
        self.file_lines = PagedTableModel(None, [
            (self.tr("Date"), lambda f: f.day.isoformat() if f.day else ""),
            (self.tr("Record"), lambda f: f.kind),
            (self.tr("What"), lambda f: f.text),
            (self.tr("State"), lambda f: f.state),
        ], page_size=1_000_000)  # fmt: skip
        self.file_view = make_table(self.file_lines, (90, 70, 330))
        self.candidates = PagedTableModel(None, [
            (self.tr("Unit"), lambda c: c.unit_name),
            (self.tr("Credit code"), lambda c: c.uscc),
            (self.tr("District"), lambda c: c.district),
            (self.tr("Facts"), lambda c: c.basis),
            (self.tr("Article"), lambda c: c.article + ("" if c.verified else "（待核实）")),
        ], page_size=1_000_000)  # fmt: skip
        self.candidates_view = make_table(self.candidates, (220, 160, 70, 330))
        self.list_button = QPushButton(self.tr("Confirm listing…"))
        self.list_button.clicked.connect(lambda: self.confirm_listing())
        self.export_button = QPushButton(self.tr("Export the list…"))
        self.export_button.clicked.connect(lambda: self.choose_export())
        self.listed = QLabel("")

        bar = QHBoxLayout()
        for w in (QLabel(self.tr("Grade:")), self.grade, self.search):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.regrade_button)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.file_title)
        box.addWidget(self.file_view, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.units_view)
        top.addWidget(right)
        lower = QWidget()
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Candidates for the 严重违法失信名单 (nothing is listed "
                                     "without a confirmation):")))  # fmt: skip
        row.addStretch(1)
        row.addWidget(self.listed)
        row.addWidget(self.list_button)
        row.addWidget(self.export_button)
        box.addLayout(row)
        box.addWidget(self.candidates_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        self.loaded = True
        self._generation += 1
        generation, today = self._generation, self.today
        self.show_units()

        def read(session) -> tuple:
            return (blacklist.candidates(session, today=today), credit.grade_counts(session),
                    blacklist.count_entries(session))  # fmt: skip

        run_read(self.ctx, read, on_done=lambda r: self._read(generation, r),
                 on_error=lambda e: self.status.setText(str(e)))  # fmt: skip

    def _read(self, generation: int, result: tuple) -> None:
        if generation != self._generation:
            return
        found, grades, listed = result
        self.candidates.preload(found)
        self.status.setText("  ".join(f"{g}：{grades.get(g, 0)}" for g in "ABCD"))
        self.listed.setText(self.tr("%1 listed").replace("%1", str(listed)))

    def show_units(self) -> None:
        grade, text = self.grade.currentData() or None, self.search.text() or None
        self.units.set_query(lambda s, n, o: credit.unit_lines(
            s, grade=grade, text=text, limit=n, offset=o))  # fmt: skip

    def _unit_chosen(self, index) -> None:
        unit = index.data(ROW_ROLE) if index.isValid() else None
        if unit is None:
            return
        run_read(self.ctx, lambda s: credit.credit_file(s, uscc=unit.uscc),
                 on_done=self._show_file, on_error=lambda e: self.file_title.setText(str(e)))  # fmt: skip

    def _show_file(self, file: credit.CreditFile) -> None:
        self.file = file
        grade = file.grade
        head = f"{' / '.join(file.names)}（{file.uscc}）"
        if grade is None:
            self.file_title.setText(head + "\n" + self.tr("Not graded yet."))
        else:
            self.file_title.setText(f"{head}\n{grade.grade}（{grade.score}） "
                                    + "；".join(grade.reasons))  # fmt: skip
        self.file_lines.preload(list(file.lines))

    # ------------------------------------------------------------------ writing
    def regrade(self) -> None:
        today = self.today
        self.loaded = True
        self.regrade_button.setEnabled(False)
        self.status.setText(self.tr("Grading…"))

        def done(report) -> None:
            self.regrade_button.setEnabled(True)
            self.refresh()

        def failed(error: BaseException) -> None:
            self.regrade_button.setEnabled(True)
            self.status.setText(error.message_zh if isinstance(error, UserError) else str(error))

        self.ctx.writer.submit(lambda s: credit.refresh_grades(s, today=today),
                               on_done=done, on_error=failed)  # fmt: skip

    def confirm_listing(self) -> ListingDialog | None:
        index = self.candidates_view.currentIndex()
        candidate = index.data(ROW_ROLE) if index.isValid() else None
        if candidate is None:
            self.listed.setText(self.tr("Choose a candidate first."))
            return None
        dialog = ListingDialog(self.ctx, candidate, self.today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_listed.connect(lambda _name: self.regrade())
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the list"), "严重违法失信名单.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))  # fmt: skip
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        def done(n: int) -> None:
            self.listed.setText(self.tr("Saved %1 (%2 units)").replace("%1", Path(path).name)
                                .replace("%2", str(n)))  # fmt: skip

        def failed(error: BaseException) -> None:
            text = error.message_zh if isinstance(error, UserError) else str(error)
            self.listed.setText(text)

        run_read(self.ctx, lambda s: blacklist.export_publication(s, Path(path)),
                 on_done=done, on_error=failed)  # fmt: skip
