"""导入设备台账: the supervisor's ledger import wizard.

Four pages: choose the file (and a saved column mapping); check the columns
against the file's first rows and change what a column is imported as (the
mapping is saved in the data folder and used again next time, also by
``inspector ledger import``); the import (or a check that writes nothing)
with progress and Cancel; the outcome with the problems and the report the
office fixes and imports again. Reading and importing run on a thread
(``core.ledger`` with a ``LedgerTask``); the dialog only shows what they report.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core.ledger import (
    SAVED_MAPPING_FILE,
    LedgerFileError,
    LedgerMapping,
    LedgerPreview,
    LedgerResult,
    LedgerTask,
    import_ledger,
    load_mapping,
    preview_ledger,
    save_mapping,
)
from inspector_app.core.ledger.importer import rematch
from inspector_app.core.ledger.task import PHASES_ZH

from ...common import TOUCH_MIN, MessageLabel, error_text, touch_button
from ...context import AppContext
from ...sync.runner import JobRunner
from .models import MappingModel, ProblemsModel, RowsModel

FILE_FILTER = "Excel / CSV (*.xlsx *.xls *.csv *.txt);;All files (*)"
REPORTS_FOLDER = "ledger-reports"
CHOOSE, COLUMNS, RUNNING, RESULT = range(4)


class _FieldDelegate(QStyledItemDelegate):
    """A list of the fields (and “not imported”) to pick what a column is imported as.

    Picking an entry applies it at once (the preview follows)."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        combo = QComboBox(parent)
        for key, label in MappingModel.choices():
            combo.addItem(label or index.model().label(""), key)
        combo.setMaxVisibleItems(len(MappingModel.choices()))

        def picked(_row: int) -> None:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

        combo.activated.connect(picked)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(MappingModel.FIELD_ROLE))))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData())


class LedgerImportDialog(QDialog):
    sig_imported = Signal(object)  # LedgerResult of an import that wrote something

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Import equipment ledger"))
        self.resize(1180, 680)
        self.mapping_file = ctx.workspace.folder / SAVED_MAPPING_FILE
        self.mapping = LedgerMapping()
        self.mapping_note = ""
        self.preview: LedgerPreview | None = None
        self.result: LedgerResult | None = None
        self.task: LedgerTask | None = None
        self.runner = JobRunner(self)
        self.runner.sig_progress.connect(self._progress)
        self.runner.sig_done.connect(self._finished)
        self.runner.sig_failed.connect(self._failed)
        self._on_done, self._back = (lambda _value: None), CHOOSE
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._running_page())
        self.pages.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._load_saved_mapping()
        self._show(CHOOSE)

    # -- page 1: the file ------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Choose the equipment ledger exported from the registration system: Excel (.xlsx, "
                "old .xls) or CSV (UTF-8 or GBK). Columns are recognised by their usual Chinese "
                "headers (使用单位名称、统一社会信用代码、设备注册代码……); you can check and change "
                "them on the next page. Equipment is matched by registration code, units by credit "
                "code: importing a file again only changes what changed."
            )
        )
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Ledger file (.xlsx, .xls, .csv)"))
        self.path.setMinimumHeight(TOUCH_MIN)
        browse = touch_button(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.mapping_label = QLabel()
        self.mapping_label.setWordWrap(True)
        load = QPushButton(self.tr("Load mapping…"))
        load.clicked.connect(self._load_mapping_file)
        reset = QPushButton(self.tr("Usual headers"))
        reset.setToolTip(
            self.tr("Forget the saved mapping for this import and use the usual Chinese headers")
        )
        reset.clicked.connect(self._reset_mapping)
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 10_000)
        self.header_row.setSpecialValueText(self.tr("find it"))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Column mapping:")), 0, 0)
        grid.addWidget(self.mapping_label, 0, 1)
        grid.addWidget(load, 0, 2)
        grid.addWidget(reset, 0, 3)
        grid.addWidget(QLabel(self.tr("Header row:")), 1, 0)
        grid.addWidget(self.header_row, 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        self.choose_message = MessageLabel()
        self.next_button = touch_button(self.tr("Next: check the columns"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.read_file)
        close = touch_button(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addLayout(grid)
        layout.addWidget(self.choose_message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _load_saved_mapping(self) -> None:
        if self.mapping_file.is_file():
            try:
                self.mapping = load_mapping(self.mapping_file)
                self.mapping_note = self.tr("saved mapping (%1)").replace(
                    "%1", str(self.mapping_file)
                )
            except LedgerFileError as exc:
                self.mapping = LedgerMapping()
                self.mapping_note = self.tr(
                    "usual headers; the saved mapping is unusable: %1"
                ).replace("%1", error_text(exc))
        else:
            self.mapping_note = self.tr("usual Chinese headers")
        self.header_row.setValue(self.mapping.header_row or 0)
        self.mapping_label.setText(self.mapping_note)

    def _reset_mapping(self) -> None:
        self.mapping = LedgerMapping()
        self.mapping_note = self.tr("usual Chinese headers")
        self.header_row.setValue(0)
        self.mapping_label.setText(self.mapping_note)

    def _load_mapping_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load mapping"), "", "YAML (*.yaml *.yml);;All files (*)"
        )
        if name:
            self.load_mapping(Path(name))

    def load_mapping(self, path: Path) -> bool:
        try:
            self.mapping = load_mapping(path)
        except LedgerFileError as exc:
            self.choose_message.show_error_from(exc)
            return False
        self.mapping_note = self.tr("mapping from %1").replace("%1", str(path))
        self.mapping_label.setText(self.mapping_note)
        self.header_row.setValue(self.mapping.header_row or 0)
        self.choose_message.clear_message()
        return True

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the ledger"), "", FILE_FILTER)
        if name:
            self.path.setText(name)
            self.read_file()

    def read_file(self) -> None:
        """Read the file on a thread and find its columns; then the columns page."""
        text = self.path.text().strip()
        if not text:
            self.choose_message.show_error(self.tr("Choose a ledger file first."))
            return
        self.choose_message.clear_message()
        self.mapping.header_row = self.header_row.value() or None
        mapping, path = self.mapping, Path(text)
        self._run(
            self.tr("Reading %1…").replace("%1", path.name),
            lambda task: preview_ledger(path, mapping=mapping, task=task),
            self._previewed,
            back=CHOOSE,
        )

    # -- page 2: the columns ---------------------------------------------------------
    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_label.setStyleSheet("font-weight: bold;")
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #8a5300;")
        self.mapping_model = MappingModel(self)
        self.mapping_model.sig_changed.connect(self.set_field)
        self.mapping_view = QTableView()
        self.mapping_view.setModel(self.mapping_model)
        self.mapping_view.setItemDelegateForColumn(1, _FieldDelegate(self.mapping_view))
        triggers = QAbstractItemView.EditTrigger
        self.mapping_view.setEditTriggers(
            triggers.DoubleClicked
            | triggers.SelectedClicked
            | triggers.EditKeyPressed
            | triggers.AnyKeyPressed
        )
        self.mapping_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mapping_view.verticalHeader().hide()
        self.mapping_view.verticalHeader().setDefaultSectionSize(32)
        self.mapping_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rows_model = RowsModel(self)
        self.rows_view = QTableView()
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.verticalHeader().hide()
        self.rows_view.setWordWrap(False)
        self.rows_view.horizontalHeader().setDefaultSectionSize(130)
        self.rows_view.setAlternatingRowColors(True)
        self.rows_model.modelReset.connect(lambda: self.rows_view.setColumnWidth(0, 64))
        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Columns (double-click to change):")))
        left_layout.addWidget(self.mapping_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_label = QLabel()
        right_layout.addWidget(self.rows_label)
        right_layout.addWidget(self.rows_view)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([360, 800])
        self.columns_message = MessageLabel()
        back = touch_button(self.tr("Back"))
        back.clicked.connect(lambda: self._show(CHOOSE))
        self.save_mapping_button = touch_button(self.tr("Save mapping"))
        self.save_mapping_button.setToolTip(
            self.tr("Use these columns again next time (also for “inspector ledger import”)")
        )
        self.save_mapping_button.clicked.connect(self.save_mapping)
        self.check_button = touch_button(self.tr("Check only"))
        self.check_button.setToolTip(
            self.tr("Check every row and compare with the database; write nothing")
        )
        self.check_button.clicked.connect(lambda: self.start_import(dry_run=True))
        self.import_button = touch_button(self.tr("Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(lambda: self.start_import(dry_run=False))
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.save_mapping_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.file_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.columns_message)
        layout.addLayout(buttons)
        return page

    def _previewed(self, preview: LedgerPreview) -> None:
        self.preview = preview
        self._show_preview()
        self._show(COLUMNS)
        self.import_button.setFocus()

    def _show_preview(self) -> None:
        preview = self.preview
        m = preview.match
        encoding = f"，{preview.file.encoding}" if preview.file.encoding else ""
        self.file_label.setText(
            self.tr("%1 (%2%3): sheet “%4”, headers in row %5, %6 data rows")
            .replace("%1", preview.file.path.name)
            .replace("%2", preview.file.format)
            .replace("%3", encoding)
            .replace("%4", m.sheet.name)
            .replace("%5", str(m.header_row))
            .replace("%6", f"{len(m.data_rows):,}")
        )
        self.notes_label.setText("\n".join(preview.notes))
        self.notes_label.setVisible(bool(preview.notes))
        self.mapping_model.set_columns(m.headers, m.fields)
        self.rows_model.set_preview(m.headers, m.fields, m.data_rows)
        self.rows_label.setText(self.tr("The file's rows as read (scroll for more):"))
        missing = self.mapping_model.missing()
        if missing:
            self.columns_message.show_error(
                self.tr(
                    "Required columns are not mapped: %1. Double-click a column on the "
                    "left and choose what it holds."
                ).replace("%1", "、".join(missing))
            )
        else:
            self.columns_message.clear_message()
        self.import_button.setEnabled(not missing and bool(m.data_rows))
        self.check_button.setEnabled(not missing and bool(m.data_rows))

    def set_field(self, column: int, key: str) -> None:
        """Import file column ``column`` as ``key`` ("" = not at all); others give it up."""
        m = self.preview.match
        for other, field_key in m.fields.items():
            if key and field_key == key and other != column and m.headers[other]:
                self.mapping.columns[m.headers[other]] = ""
        if m.headers[column]:
            self.mapping.columns[m.headers[column]] = key
        self.mapping.header_row = m.header_row
        self.mapping.sheet = m.sheet.name if len(self.preview.file.sheets) > 1 else None
        try:
            self.preview = rematch(self.preview.file, self.mapping)
        except LedgerFileError as exc:
            self.columns_message.show_error_from(exc)
            return
        self._show_preview()

    def save_mapping(self) -> None:
        if self.preview is not None:
            self.mapping.header_row = self.preview.match.header_row
        try:
            save_mapping(self.mapping, self.mapping_file)
        except LedgerFileError as exc:
            self.columns_message.show_error_from(exc)
            return
        self.mapping_note = self.tr("saved mapping (%1)").replace("%1", str(self.mapping_file))
        self.mapping_label.setText(self.mapping_note)
        self.columns_message.show_info(
            self.tr("Mapping saved to %1; it is used for the next imports too.").replace(
                "%1", str(self.mapping_file)
            )
        )

    # -- page 3: running --------------------------------------------------------------
    def _running_page(self) -> QWidget:
        page = QWidget()
        self.running_title = QLabel()
        self.running_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.phase_label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMinimumHeight(28)
        self.cancel_button = touch_button(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)  # Enter never cancels; Esc or a click does
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.running_title)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.bar)
        hint = QLabel(
            self.tr(
                "Cancel stops at the next step; an import that is cancelled or "
                "fails changes nothing in the database."
            )
        )
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _run(self, title: str, fn, on_done, *, back: int) -> None:
        self._on_done, self._back = on_done, back
        self.running_title.setText(title)
        self.phase_label.setText("")
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._show(RUNNING)
        self.task = LedgerTask()
        self.runner.start(fn, self.task)

    def _progress(self, phase: str, done: int, total: int, message: str) -> None:
        name = PHASES_ZH.get(phase, phase)
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.phase_label.setText(f"{name}：{done:,} / {total:,}")
        else:
            self.bar.setRange(0, 0)
            self.phase_label.setText(name)

    def _finished(self, value) -> None:
        self._on_done(value)

    def _failed(self, exc: BaseException) -> None:
        target = self.choose_message if self._back == CHOOSE else self.columns_message
        self._show(self._back)
        target.show_error(error_text(exc))

    def cancel(self) -> None:
        if self.runner.running:
            self.cancel_button.setEnabled(False)
            self.phase_label.setText(self.tr("Cancelling…"))
            self.runner.cancel()

    @property
    def busy(self) -> bool:
        return self.runner.running

    # -- page 4: the outcome ----------------------------------------------------------
    def start_import(self, *, dry_run: bool) -> None:
        if self.preview is None:
            return
        path, mapping = self.preview.file.path, self.mapping
        folder = self.ctx.workspace.folder / REPORTS_FOLDER
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        report = folder / f"{path.stem}-问题报告-{stamp}.xlsx"
        db = self.ctx.db

        def work(task: LedgerTask) -> LedgerResult:
            folder.mkdir(parents=True, exist_ok=True)
            return import_ledger(
                db, path=path, mapping=mapping, dry_run=dry_run, report_path=report, task=task
            )

        title = self.tr("Checking %1…") if dry_run else self.tr("Importing %1…")
        self._run(title.replace("%1", path.name), work, self._imported, back=COLUMNS)

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_model = ProblemsModel(self)
        self.problems_view = QTableView()
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.verticalHeader().hide()
        self.problems_view.setWordWrap(False)
        header = self.problems_view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((70, 170, 190, 560, 110)):
            self.problems_view.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_report_button = touch_button(self.tr("Open report"))
        self.open_report_button.clicked.connect(self._open_report)
        self.save_report_button = touch_button(self.tr("Save report as…"))
        self.save_report_button.clicked.connect(self._save_report_as)
        again = touch_button(self.tr("Import another file"))
        again.clicked.connect(self._again)
        self.result_import_button = touch_button(self.tr("Import now"))
        self.result_import_button.clicked.connect(lambda: self.start_import(dry_run=False))
        done = touch_button(self.tr("Close"))
        done.setDefault(True)
        done.clicked.connect(self.accept)
        self.result_close_button = done
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_report_button)
        buttons.addWidget(self.save_report_button)
        buttons.addStretch(1)
        buttons.addWidget(again)
        buttons.addWidget(self.result_import_button)
        buttons.addWidget(done)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_view, 1)
        layout.addWidget(self.report_label)
        layout.addLayout(buttons)
        return page

    def _imported(self, result: LedgerResult) -> None:
        self.result = result
        r = result
        head = (
            self.tr("Checked, nothing written: %1 rows, %2 would be imported, %3 refused.")
            if r.dry_run
            else self.tr("Imported: %1 rows, %2 good, %3 refused.")
        )
        lines = [
            head.replace("%1", f"{r.rows:,}")
            .replace("%2", f"{r.good_rows:,}")
            .replace("%3", f"{r.refused_rows:,}")
        ]
        lines.append(
            self.tr(
                "Units: %1 new, %2 updated, %3 unchanged. Equipment: %4 new, %5 "
                "updated, %6 unchanged."
            )
            .replace("%1", f"{r.units_new:,}")
            .replace("%2", f"{r.units_updated:,}")
            .replace("%3", f"{r.units_unchanged:,}")
            .replace("%4", f"{r.equipment_new:,}")
            .replace("%5", f"{r.equipment_updated:,}")
            .replace("%6", f"{r.equipment_unchanged:,}")
        )
        if r.maintainers_new or r.maintainers_updated:
            lines.append(
                self.tr("Maintenance units (维保单位): %1 new, %2 updated.")
                .replace("%1", f"{r.maintainers_new:,}")
                .replace("%2", f"{r.maintainers_updated:,}")
            )
        lines += r.notes
        self.summary.setText("\n".join(lines))
        self.summary.setStyleSheet("color: #b00020;" if r.refused_rows else "color: #1b5e20;")
        self.problems_model.set_problems(r.problems)
        self.problems_view.setVisible(bool(r.problems))
        if r.report is not None:
            self.report_label.setText(
                self.tr(
                    "Report (the refused rows to fix and import again, and every problem): %1"
                ).replace("%1", str(r.report))
            )
        else:
            self.report_label.setText(self.tr("No problems: no report was needed."))
        self.open_report_button.setEnabled(r.report is not None)
        self.save_report_button.setEnabled(r.report is not None)
        self.result_import_button.setVisible(r.dry_run and r.changes > 0)
        self._show(RESULT)
        self.result_close_button.setFocus()
        if not r.dry_run and r.changes:
            self.sig_imported.emit(r)

    def _open_report(self) -> None:
        if self.result is not None and self.result.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.report)))

    def _save_report_as(self) -> None:
        if self.result is None or self.result.report is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report as"), self.result.report.name, "Excel (*.xlsx)"
        )
        if name:
            self.save_report_to(Path(name))

    def save_report_to(self, target: Path) -> bool:
        try:
            shutil.copyfile(self.result.report, target)
        except OSError as exc:
            self.report_label.setText(
                self.tr("Cannot save the report: %1").replace("%1", exc.strerror or str(exc))
            )
            return False
        self.report_label.setText(self.tr("Report saved to %1").replace("%1", str(target)))
        return True

    def _again(self) -> None:
        self.preview = self.result = None
        self.path.clear()
        self._show(CHOOSE)

    # -- common -------------------------------------------------------------------------
    def _show(self, page: int) -> None:
        """Show ``page`` with its own default button for Enter (none while running)."""
        defaults = {
            CHOOSE: self.next_button,
            COLUMNS: self.import_button,
            RESULT: self.result_close_button,
        }
        for button in defaults.values():
            button.setDefault(False)
            button.setAutoDefault(False)
        self.pages.setCurrentIndex(page)
        if page in defaults:
            defaults[page].setDefault(True)
        if page == CHOOSE:
            self.path.setFocus()

    def reject(self) -> None:  # Esc and the close box: cancel a run first, never leave it
        if self.runner.running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.runner.running:
            self.cancel()
            self.runner.join(30)
        super().closeEvent(event)

    def current_page(self) -> int:
        return self.pages.currentIndex()

    def mapping_index(self, column: int) -> QModelIndex:
        return self.mapping_model.index(column, 1)
