"""抽取年度计划… (双随机, 57号令 Art 7–9, 17, 19), 核验… and the 抽查记录 from the supervisor's tab.

The draw is ``core.plans.draw_plan``, exactly as ``inspector plan draw`` runs it, submitted
to the writer so it runs off the UI thread while the dialog shows it is working; a refusal
(a year that has a plan, a seed that is no line of text, a pool whose hash is not the one
announced) is said in the dialog and writes nothing. The result page gives the pool's size
and hash, the counts per stratum, and the next steps of the draw meeting: the 抽查记录 PDF
(shown here, saved where the supervisor says), the 公开 list (.xlsx or .csv) and a
verification that draws again (``core.plans.verify_plan``) and says in Chinese what matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from html import escape

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import board, clock, plan_documents, plans
from inspector_app.rules import draw as rules
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH

from ..common import MessageLabel, error_text, touch_button
from ..context import AppContext
from ..directive.pdf import PdfPreview, print_pdf, save_pdf
from ..tasks import run_read
from .campaign_dialog import basis_points, check_list, checked

FORM, RUNNING, RESULT = 0, 1, 2


@dataclass(frozen=True)
class DrawSummary:
    plan_id: str
    name: str
    year: int
    seed: str
    pool_units: int
    pool_officers: int
    excluded: int
    drawn: int
    pool_sha256: str
    result_sha256: str
    strata: tuple  # reports.draw_record.StratumLine


def _draw(session, *, blobs, **kwargs) -> DrawSummary:
    plan = plans.draw_plan(session, blobs, **kwargs)
    doc = plan_documents.draw_record_doc(session, blobs, plan_id=plan.id)
    return DrawSummary(plan.id, plan.name, plan.year, plan.seed, plan.pool_units,
                       plan.pool_officers, plan.excluded_units, plan.drawn, plan.pool_sha256,
                       plan.result_sha256, doc.strata)  # fmt: skip


class DrawPlanDialog(QDialog):
    sig_drawn = Signal(str)  # the plan's id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary: DrawSummary | None = None
        self.record: RecordDialog | None = None
        self.verify_dialog: VerifyDialog | None = None
        self.setWindowTitle(self.tr("Draw the annual plan (双随机)"))
        self.setMinimumWidth(900)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._running_page())
        self.pages.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- the inputs ------------------------------------------------------------------------
    def _form_page(self) -> QWidget:
        today = clock.today(self.ctx.zone)
        with self.ctx.db.read() as s:
            defaults = plans.default_ratios(s)
            districts = board.districts(s)
            taken = {p.year for p in plans.plans(s) if p.status != "cancelled"}
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year + (today.year in taken))  # this year's plan drawn: next
        self.seed = QLineEdit()
        self.seed.setPlaceholderText(self.tr("chosen at the draw meeting, e.g. the numbers of "
                                             "two dice throws"))  # fmt: skip
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("default: <year>年度特种设备安全监督检查计划"))
        self.doc_no = QLineEdit()
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.year.valueChanged.connect(lambda y: self.due.setDate(QDate(y, 12, 15)))
        self.due.setDate(QDate(today.year, 12, 15))
        self.expect_pool = QLineEdit()
        self.expect_pool.setPlaceholderText(self.tr("optional: the pool hash announced before "
                                                    "the meeting (SHA-256)"))  # fmt: skip
        self.ratios: dict[str, QDoubleSpinBox] = {}
        ratio_grid = QGridLayout()  # 重点, 一般 and one per weighted credit grade, three a row
        for n, (stratum, bp) in enumerate(defaults.items()):
            box = QDoubleSpinBox()
            box.setRange(0, 100)
            box.setDecimals(2)
            box.setSuffix(" %")
            box.setValue(bp / 100)
            self.ratios[stratum] = box
            row, column = divmod(n, 3)
            ratio_grid.addWidget(QLabel(rules.stratum_zh(stratum)), row, 2 * column)
            ratio_grid.addWidget(box, row, 2 * column + 1)
        ratio_grid.setColumnStretch(6, 1)
        form = QFormLayout()
        form.addRow(self.tr("Plan year"), self.year)
        form.addRow(self.tr("Random seed"), self.seed)
        form.addRow(self.tr("Ratios"), ratio_grid)
        form.addRow(self.tr("Plan name"), self.name)
        form.addRow(self.tr("Document no."), self.doc_no)
        form.addRow(self.tr("Tasks due"), self.due)
        form.addRow(self.tr("Announced pool hash"), self.expect_pool)
        self.districts = check_list([(d, d) for d in districts])
        self.kinds = check_list([(k.value, t) for k, t in EQUIPMENT_KIND_ZH.items()])
        for box in (self.districts, self.kinds):
            box.setMinimumHeight(90)
            box.setMaximumHeight(130)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Districts (none ticked: the whole city)")), 0, 0)
        grid.addWidget(QLabel(self.tr("Equipment kinds (none ticked: all)")), 0, 1)
        grid.addWidget(self.districts, 1, 0)
        grid.addWidget(self.kinds, 1, 1)
        note = QLabel(self.tr(
            "The ratios are the office settings (设置 → plan_ratio_key, plan_ratio_general; "
            "credit grades from policy/credit.yaml). The draw is deterministic from the seed "
            "and the pool: anyone can repeat it (docs/planning.md)."))  # fmt: skip
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.message = MessageLabel()
        self.ok = touch_button(self.tr("Draw"))
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.draw)
        cancel = touch_button(self.tr("Cancel"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        return page

    def ratio_values(self) -> dict[str, int]:
        return {stratum: basis_points(box) for stratum, box in self.ratios.items()}

    def draw(self) -> None:
        self.message.clear_message()
        if not self.ctx.supervisor:
            self.message.show_error(self.tr("Only a supervisor (科室负责人) may draw the plan."))
            return
        kwargs = dict(
            year=self.year.value(), seed=self.seed.text(), officer_id=self.ctx.officer_id,
            ratios=self.ratio_values(), districts=checked(self.districts),
            kinds=checked(self.kinds), name=self.name.text(), doc_no=self.doc_no.text(),
            due_on=self.due.date().toPython(), expect_pool=self.expect_pool.text() or None,
        )  # fmt: skip
        self.ok.setEnabled(False)
        self.pages.setCurrentIndex(RUNNING)
        self.ctx.writer.submit(partial(_draw, blobs=self.ctx.blobs, **kwargs),
                               on_done=self._drawn, on_error=self._failed)  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.pages.setCurrentIndex(FORM)
        self.ok.setEnabled(True)
        self.message.show_error(error_text(exc))

    # -- working -----------------------------------------------------------------------------
    def _running_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Drawing: building the pool from the registry, drawing units "
                               "and officers, making the tasks…"))  # fmt: skip
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 13pt;")
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setMinimumHeight(28)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(bar)
        layout.addStretch(1)
        return page

    # -- the result --------------------------------------------------------------------------
    def _result_page(self) -> QWidget:
        page = QWidget()
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextFormat(Qt.TextFormat.RichText)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.strata = QTableWidget(0, 4)
        self.strata.setHorizontalHeaderLabels(
            [self.tr("Stratum"), self.tr("Units in the pool"), self.tr("Ratio"),
             self.tr("Drawn")])  # fmt: skip
        self.strata.verticalHeader().hide()
        self.strata.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.strata.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.result_message = MessageLabel()
        self.record_button = touch_button(self.tr("抽查记录 (PDF)…"))
        self.record_button.clicked.connect(lambda: self.open_record())
        self.publish_button = touch_button(self.tr("Publish (公开)…"))
        self.publish_button.clicked.connect(lambda: self.choose_publication())
        self.verify_button = touch_button(self.tr("Verify…"))
        self.verify_button.clicked.connect(lambda: self.open_verify())
        done = touch_button(self.tr("Close"))
        done.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.publish_button, self.verify_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(done)
        hint = QLabel(self.tr("Next at the meeting: print the 抽查记录 for signing, publish the "
                              "list (公开), and anyone may verify the draw again."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_text)
        layout.addWidget(self.strata, 1)
        layout.addWidget(hint)
        layout.addWidget(self.result_message)
        layout.addLayout(buttons)
        return page

    def _drawn(self, summary: DrawSummary) -> None:
        self.summary = summary
        self.sig_drawn.emit(summary.plan_id)
        if not shiboken6.isValid(self):
            return
        s = summary
        rows = [
            (self.tr("Plan"), f"{s.name}（{s.year}）"),
            (self.tr("Random seed"), s.seed),
            (self.tr("Pool"), self.tr("%1 units, %2 officers; %3 excluded (Art 17: a 证后 "
                                      "inspection this year)")
             .replace("%1", str(s.pool_units)).replace("%2", str(s.pool_officers))
             .replace("%3", str(s.excluded))),
            (self.tr("Pool hash"), s.pool_sha256),
            (self.tr("Result hash"), s.result_sha256),
            (self.tr("Drawn"), self.tr("%1 units; each has its task and two officers")
             .replace("%1", str(s.drawn))),
        ]  # fmt: skip
        cells = "".join(f"<tr><td style='color:#555;padding-right:12px'>{k}</td>"
                        f"<td><b>{escape(v)}</b></td></tr>" for k, v in rows)  # fmt: skip
        self.result_text.setText(f"<table>{cells}</table>")
        self.strata.setRowCount(len(s.strata))
        for n, line in enumerate(s.strata):
            for column, value in enumerate((line.name, line.pool, line.ratio, line.drawn)):
                item = QTableWidgetItem(str(value))
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.strata.setItem(n, column, item)
        self.pages.setCurrentIndex(RESULT)

    # -- the next steps of the meeting --------------------------------------------------------
    def open_record(self) -> RecordDialog | None:
        if self.summary is None:
            return None
        self.record = open_record(self.ctx, self.summary.plan_id, self)
        return self.record

    def open_verify(self) -> VerifyDialog | None:
        if self.summary is None:
            return None
        self.verify_dialog = open_verify(self.ctx, self.summary.plan_id, self)
        return self.verify_dialog

    def choose_publication(self) -> None:
        if self.summary is None:
            return
        path = ask_publication_path(self, self.summary.name)
        if path:
            self.publish_to(path)

    def publish_to(self, path: str) -> None:
        assert self.summary is not None
        publish(self.ctx, self.summary.plan_id, path, self.result_message)


# -- shared by the dialog and the tab ---------------------------------------------------------
def ask_publication_path(parent: QWidget, plan_name: str) -> str:
    title = QCoreApplication.translate("PlanPublication", "Publish (公开)")
    kinds = QCoreApplication.translate("PlanPublication", "Excel workbook (*.xlsx);;CSV (*.csv)")
    path, chosen = QFileDialog.getSaveFileName(parent, title, f"{plan_name}抽查结果公示.xlsx",
                                               kinds)  # fmt: skip
    if path and not path.lower().endswith((".xlsx", ".csv")):
        path += ".csv" if "csv" in chosen.lower() else ".xlsx"
    return path


def publish(ctx: AppContext, plan_id: str, path: str, message: MessageLabel) -> None:
    """Write the 公开 list through the writer (the plan is marked published, audited)."""
    from pathlib import Path

    officer = ctx.officer_id or ""
    message.show_info(QCoreApplication.translate("PlanPublication", "Writing the list…"))

    def done(n: int) -> None:
        if shiboken6.isValid(message):
            text = QCoreApplication.translate("PlanPublication",
                                              "公开 list of %1 units saved to %2")  # fmt: skip
            message.show_info(text.replace("%1", str(n)).replace("%2", path))

    def failed(exc: BaseException) -> None:
        if shiboken6.isValid(message):
            message.show_error(error_text(exc))

    ctx.writer.submit(lambda s: plan_documents.publish(s, plan_id=plan_id, path=Path(path),
                                                       officer_id=officer),
                      on_done=done, on_error=failed)  # fmt: skip


def open_record(ctx: AppContext, plan_id: str, parent: QWidget) -> RecordDialog:
    dialog = RecordDialog(ctx, plan_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_verify(ctx: AppContext, plan_id: str, parent: QWidget) -> VerifyDialog:
    dialog = VerifyDialog(ctx, plan_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.run()
    return dialog


class RecordDialog(QDialog):
    """The 抽查记录 as printed for the draw meeting, with 另存为 PDF…."""

    sig_ready = Signal()

    def __init__(self, ctx: AppContext, plan_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.data: bytes | None = None
        self.setWindowTitle(self.tr("抽查记录"))
        self.resize(900, 680)
        self.preview = PdfPreview()
        self.message = MessageLabel()
        self.save = touch_button(self.tr("Save as PDF…"))
        self.save.setEnabled(False)
        self.save.clicked.connect(lambda: self.save_as())
        self.print_button = touch_button(self.tr("Print…"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(lambda: self.print_record())
        close = touch_button(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.preview.show_text(self.tr("Preparing the document…"))
        blobs = ctx.blobs
        run_read(ctx, lambda s: plan_documents.draw_record_pdf(s, blobs, plan_id=plan_id),
                 on_done=self._ready, on_error=self._failed)  # fmt: skip

    def _ready(self, data: bytes) -> None:
        if not shiboken6.isValid(self):
            return
        self.data = data
        self.preview.set_pdf(data)
        self.save.setEnabled(True)
        self.print_button.setEnabled(True)
        self.sig_ready.emit()

    def print_record(self, printer: QPrinter | None = None) -> int:
        """Print the record for the meeting (one copy, signed there); the dialog asks where."""
        if self.data is None:
            return 0
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(f"抽查记录-{self.plan_id[:8]}")
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return 0
        try:
            sheets = print_pdf(self.data, printer)
        except (OSError, ValueError) as exc:
            self.message.show_error(self.tr("Printing failed: %1").replace("%1", str(exc)))
            return 0
        self.message.show_info(self.tr("Sent to the printer."))
        return sheets

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.preview.show_text(error_text(exc))

    def save_as(self, path: str | None = None) -> str | None:
        if self.data is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"),
                                                  f"抽查记录-{self.plan_id[:8]}.pdf",
                                                  self.tr("PDF (*.pdf)"))  # fmt: skip
            if not path:
                return None
        try:
            saved = save_pdf(self.data, path)
        except OSError as exc:
            self.message.show_error(f"{path}: {exc.strerror}")
            return None
        self.message.show_info(self.tr("Saved to %1").replace("%1", str(saved)))
        return str(saved)


class VerifyDialog(QDialog):
    """Draw the plan again from its stored pool and say what matches and what differs."""

    sig_verified = Signal(object)  # plans.Verification, or the error

    def __init__(self, ctx: AppContext, plan_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.report: plans.Verification | None = None
        with ctx.db.read() as s:
            plan = plans.get_plan(s, plan_id)
            title = f"{plan.name}（{plan.year}）"
        self.setWindowTitle(self.tr("Verify the plan"))
        self.resize(760, 460)
        self.registry = QCheckBox(self.tr("Also compare with the registry as it is now "
                                          "(changes since the draw are listed)"))  # fmt: skip
        self.hash = QLineEdit()
        self.hash.setPlaceholderText(self.tr("optional: the pool hash printed on the record"))
        self.verdict = QLabel()
        self.verdict.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.verdict.setWordWrap(True)
        self.text = QTextBrowser()
        again = touch_button(self.tr("Verify again"))
        again.clicked.connect(lambda: self.run())
        close = touch_button(self.tr("Close"))
        close.clicked.connect(self.accept)
        form = QFormLayout()
        form.addRow(QLabel(f"<b>{escape(title)}</b>"))
        form.addRow(self.tr("Announced pool hash"), self.hash)
        form.addRow(self.registry)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(again)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

    def run(self) -> None:
        self.verdict.setStyleSheet("font-size: 13pt; font-weight: bold; color: #333;")
        self.verdict.setText(self.tr("Drawing again…"))
        self.text.clear()
        blobs, plan_id = self.ctx.blobs, self.plan_id
        expected, registry = self.hash.text().strip() or None, self.registry.isChecked()
        run_read(self.ctx, lambda s: plans.verify_plan(
            s, blobs, plan_id=plan_id, expected_hash=expected, against_registry=registry),
            on_done=self._verified, on_error=self._failed)  # fmt: skip

    def _verified(self, report: plans.Verification) -> None:
        self.report = report
        if shiboken6.isValid(self):
            if report.ok:
                self.verdict.setStyleSheet("font-size: 13pt; font-weight: bold; color: #1b5e20;")
                self.verdict.setText(self.tr("Verified: the draw repeated gives the stored list."))
            else:
                self.verdict.setStyleSheet("font-size: 13pt; font-weight: bold; color: #b00020;")
                self.verdict.setText(self.tr("Not verified: what differs is marked ✘ below."))
            lines = [f"<p style='color:#b00020'>✘ {escape(p)}</p>" for p in report.problems_zh]
            lines += [f"<p style='color:#1b5e20'>✔ {escape(m)}</p>" for m in report.matches_zh]
            lines.append("<p style='color:#555'>" + self.tr("Pool hash: %1<br>Result hash of "
                         "the repeated draw: %2").replace("%1", report.pool_sha256)
                         .replace("%2", report.result_sha256) + "</p>")  # fmt: skip
            if report.notes:
                lines.append("<p style='color:#555'>" + self.tr("%1 task(s) reassigned or "
                             "cancelled after the draw (allowed; audited).")
                             .replace("%1", str(len(report.notes))) + "</p>")  # fmt: skip
            self.text.setHtml("".join(lines))
        self.sig_verified.emit(report)

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.verdict.setStyleSheet("font-size: 13pt; font-weight: bold; color: #b00020;")
            self.verdict.setText(error_text(exc))
        self.sig_verified.emit(exc)
