"""The oversight board (监管看板): the desk's counts, what is behind each, the trend, export.

The counts, the monthly trend and the filter's districts are one read on a pool
thread (``tasks.run_read``); a newer refresh makes an older answer stale, so a slow
read never overwrites a newer one. A count's rows are a lazily paged list
(``core.board.drill``); Enter or a double-click opens the inspection they came from.
导出 writes the statistics workbook (``core.stats_export``) on a pool thread with a
progress dialog whose 取消 stops it and leaves no file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, QModelIndex, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import board, clock, stats_export
from inspector_app.core.errors import UserError
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH

from ..context import AppContext
from ..paged_model import ROW_ROLE, PagedTableModel, make_table
from ..tasks import run_read
from .breakdown import BreakdownView

SERIOUS = QColor("#b00020")
GENERAL = QColor("#a05a00")
QUIET = QColor("#1b5e20")
OVERDUE_BACKGROUND = QColor("#fde2e1")
DUE = 4  # column of the drill-down list
# tiles whose non-zero count is a matter for today (red); the others amber
DIRECTIVE_TILES = ("directives_overdue", "reinspections_due", "reinspections_overdue")
URGENT = {"stop_use", "serious_open", "directives_overdue", "reinspections_overdue",
          "cases_open"}  # fmt: skip


def drill_style(row: board.DrillRow, column: int, role: int) -> Any:
    if column == DUE and row.overdue:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SERIOUS)
    return None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _fill(combo: QComboBox, names: list[str] | list[tuple[str, str]]) -> None:
    """The choices after the first ("all"), the chosen one kept when it is still there.
    A choice is a name (shown and kept as it is) or a (data, label) pair."""
    pairs = [(n, n) if isinstance(n, str) else n for n in names]
    chosen = combo.currentData()
    if [combo.itemData(i) for i in range(1, combo.count())] == [d for d, _l in pairs]:
        return
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for data, label in pairs:
        combo.addItem(label, data)
        combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


def _campaign_choices(campaigns: list[tuple[str, str]], sources: list[str]) -> list:
    """Campaign records first ("campaign:" + id), then 任务来源 texts not tied to one
    ("source:" + text): a campaign run before campaigns were records is named only there."""
    return [(f"campaign:{cid}", label) for cid, label in campaigns] + [
        (f"source:{text}", text) for text in sources
    ]


class _Relay(QObject):
    sig_progress = Signal(int, int, str)
    sig_done = Signal(object)
    sig_failed = Signal(object)


class _Export(QRunnable):
    def __init__(self, fn, relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - reported to the UI
            self.relay.sig_failed.emit(exc)
        else:
            self.relay.sig_done.emit(result)


class BoardTab(QWidget):
    """The board as a page of the supervisor's workspace."""

    sig_open_inspection = Signal(str)
    sig_refreshed = Signal()
    sig_exported = Signal(object)  # ExportReport, or the error

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = clock.today(ctx.zone)
        self._generation = 0
        self.numbers: dict[str, int] = {}
        self.trend: list[board.MonthRow] = []
        self.key = "serious_open"
        self.export_task: stats_export.ExportTask | None = None
        self.progress: QProgressDialog | None = None
        self._relay: _Relay | None = None
        self.labels = {
            "stop_use": self.tr("Equipment under stop-use orders"),
            "serious_open": self.tr("Serious hazards open"),
            "directives_overdue": self.tr("Directives past deadline"),
            "reinspections_due": self.tr("Re-inspections due"),
            "reinspections_overdue": self.tr("Re-inspections late (10 working days)"),
            "not_corrected": self.tr("Not corrected at re-inspection"),
            "refusals": self.tr("Refusals to sign"),
            "cases_open": self.tr("Cases under 督办"),
            "seizures": self.tr("Sealed or seized"),
        }
        assert set(self.labels) == set(board.TILES)

        start, end = board.last_months(self.today)
        self.date_from, self.date_to = QDateEdit(_qdate(start)), QDateEdit(_qdate(end))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.district = QComboBox()
        self.district.addItem(self.tr("All districts"), "")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), "")
        for key, label in EQUIPMENT_KIND_ZH.items():
            self.kind.addItem(label, str(key))
        self.source = QComboBox()  # a campaign record, or a campaign named in the 任务来源
        self.source.addItem(self.tr("All campaigns"), "")
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)  # fmt: skip
        self.source.setMinimumContentsLength(12)
        self.source.setToolTip(
            self.tr(
                "Only inspections started from this campaign's tasks, or whose 任务来源 names it"
            )
        )
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setToolTip(self.tr("The period's tables, a chart and the raw rows"))
        self.export_button.clicked.connect(lambda: self.choose_export())
        self.status = QLabel("")
        self.status.setStyleSheet("color: #555;")
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Period:")), self.date_from, QLabel("—"), self.date_to,
                       QLabel(self.tr("District:")), self.district, QLabel(self.tr("Kind:")),
                       self.kind, QLabel(self.tr("Campaign:")), self.source,
                       self.refresh_button):  # fmt: skip
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.export_button)

        self.tiles: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, key in enumerate(board.TILES):
            tile = QPushButton()
            tile.setCheckable(True)
            tile.setAutoExclusive(True)
            tile.setMinimumHeight(54)
            tile.setToolTip(self.tr("Show what this count counts"))
            tile.clicked.connect(lambda _c=False, k=key: self.show_rows(k))
            self.tiles[key] = tile
            grid.addWidget(tile, i // 5, i % 5)
        self.tiles[self.key].setChecked(True)

        self.rows_title = QLabel("")
        self.rows_title.setStyleSheet("font-weight: bold;")
        self.rows = PagedTableModel(ctx.db, [
            (self.tr("Date"), lambda r: r.day.isoformat() if r.day else ""),
            (self.tr("Unit"), lambda r: r.unit_name),
            (self.tr("Equipment, directive or case"), lambda r: r.what),
            (self.tr("Details"), lambda r: r.detail),
            (self.tr("Due"), lambda r: r.due.isoformat() if r.due else ""),
        ], styler=drill_style)  # fmt: skip
        self.rows_view = make_table(self.rows, (90, 200, 260, 300, 90))
        self.rows_view.activated.connect(self._open)
        self.rows_view.doubleClicked.connect(self._open)
        self.report_button = QPushButton(self.tr("Record a rectification report…"))
        self.report_button.setToolTip(self.tr("The unit's 整改报告 came in: its date and pages, "
                                              "on the chosen directive"))  # fmt: skip
        self.report_button.clicked.connect(lambda: self.record_report())
        self.report_dialog = None
        self.notice = QLabel("")  # what was just recorded; wraps rather than widen the window
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {QUIET.name()};")
        title_row = QHBoxLayout()
        title_row.addWidget(self.rows_title)
        title_row.addWidget(self.notice, 1)
        title_row.addWidget(self.report_button)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(title_row)
        box.addWidget(self.rows_view, 1)

        self.chart = QChart()
        self.chart.setTitle(self.tr("Inspections and hazards found, by month"))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumWidth(380)
        self.breakdown = BreakdownView(ctx)
        self.right = QTabWidget()
        self.right.addTab(self.chart_view, self.tr("Trend"))
        self.right.addTab(self.breakdown, self.tr("Breakdown"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.right)
        split.setSizes([960, 390])  # the list gets the room; the chart stays readable
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid)
        layout.addWidget(split, 1)
        self._show_numbers()

    # ------------------------------------------------------------------ filter
    def desk_filter(self) -> board.DeskFilter:
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        if end < start:
            start, end = end, start
        what, _sep, value = (self.source.currentData() or "").partition(":")
        return board.DeskFilter(date_from=start, date_to=end,
                                district=self.district.currentData() or None,
                                kind=self.kind.currentData() or None,
                                task_source=value if what == "source" else None,
                                campaign_id=value if what == "campaign" else None,
                                zone=self.ctx.zone)  # fmt: skip

    # ------------------------------------------------------------------ refresh
    def refresh(self) -> None:
        """Read the counts and the trend off the UI thread; the list follows the filter."""
        self._generation += 1
        generation, f, today = self._generation, self.desk_filter(), self.today
        self.status.setText(self.tr("Counting…"))

        def read(session) -> tuple:
            return (board.counts(session, f, today=today),
                    board.monthly_trend(session, f, today=today), board.districts(session),
                    _campaign_choices(board.campaign_choices(session),
                                      board.task_sources(session)))  # fmt: skip

        run_read(self.ctx, read, on_done=lambda r: self._counted(generation, r),
                 on_error=lambda e: self._failed(generation, e))  # fmt: skip
        self.show_rows(self.key)
        self.breakdown.refresh(f)

    def _counted(self, generation: int, result: tuple) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        self.numbers, self.trend, districts, sources = result
        self._fill_districts(districts)
        _fill(self.source, sources)
        self._show_numbers()
        self._show_trend()
        self._show_title()
        self.status.setText(self.tr("As of %1").replace("%1", self.today.isoformat()))
        self.sig_refreshed.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.status.setText(self.tr("Could not count: %1").replace("%1", str(error)))

    def _fill_districts(self, districts: list[str]) -> None:
        _fill(self.district, districts)

    def _show_numbers(self) -> None:
        for key, tile in self.tiles.items():
            n = self.numbers.get(key)
            tile.setText(f"{'—' if n is None else n}\n{self.labels[key]}")
            colour = (SERIOUS if key in URGENT else GENERAL) if n else QUIET
            tile.setStyleSheet(
                f"QPushButton {{ color: {colour.name()}; font-weight: bold; text-align: center; }}"
                "QPushButton:checked { background: #dde6f3; border: 2px solid #3b5b8c; }"
            )

    def _show_trend(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QBarSeries()
        sets = ((self.tr("Inspections made"), "inspections", "#3b5b8c"),
                (self.tr("Serious hazards"), "serious", SERIOUS.name()),
                (self.tr("General hazards"), "general", GENERAL.name()))  # fmt: skip
        top = 0
        for label, attr, colour in sets:
            bars = QBarSet(label)
            bars.setColor(QColor(colour))
            for row in self.trend:
                bars.append(getattr(row, attr))
                top = max(top, getattr(row, attr))
            series.append(bars)
        self.chart.addSeries(series)
        months = QBarCategoryAxis()  # month numbers (the period is in the axis title)
        months.append([str(int(row.month[5:])) for row in self.trend])
        small = months.labelsFont()
        small.setPointSizeF(max(6.0, small.pointSizeF() - 2))
        months.setLabelsFont(small)  # thirteen months fit a narrow chart
        if self.trend:
            months.setTitleText(f"{self.trend[0].month} — {self.trend[-1].month}")
        self.chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(months)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setRange(0, max(top, 4))
        values.applyNiceNumbers()
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)

    # ------------------------------------------------------------------ drill-down
    def show_rows(self, key: str) -> None:
        self.key = key
        self.tiles[key].setChecked(True)
        f, today = self.desk_filter(), self.today
        self._show_title()
        self.rows.set_query(lambda s, limit, offset: board.drill(
            s, key, f, today=today, limit=limit, offset=offset))  # fmt: skip

    def _show_title(self) -> None:
        n = self.numbers.get(self.key)
        self.rows_title.setText(self.labels[self.key] + (f"（{n}）" if n is not None else ""))

    def _open(self, index: QModelIndex) -> None:
        row: board.DrillRow = index.data(ROW_ROLE)
        if row.inspection_id:
            self.sig_open_inspection.emit(row.inspection_id)

    def record_report(self):
        """登记整改报告… on the chosen directive (or one typed in); the board counts again."""
        from .report_receipt import ReportReceiptDialog  # it uses this module's colours

        index = self.rows_view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        number = row.what if row is not None and self.key in DIRECTIVE_TILES else ""
        dialog = ReportReceiptDialog(self.ctx, number, self.today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_recorded.connect(self._report_recorded)
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _report_recorded(self, text: str) -> None:
        self.notice.setText(text)
        self.refresh()

    # ------------------------------------------------------------------ export
    def choose_export(self) -> None:
        f = self.desk_filter()
        name = f"特种设备监督检查统计_{f.date_from:%Y%m%d}-{f.date_to:%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export statistics"), name,
                                              self.tr("Excel workbook (*.xlsx)"))  # fmt: skip
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the workbook on a pool thread; a progress dialog with 取消."""
        task = stats_export.ExportTask()
        self.export_task = task
        relay = _Relay()
        self._relay = relay
        progress = QProgressDialog(self.tr("Preparing…"), self.tr("Cancel"), 0, 100, self)
        progress.setWindowTitle(self.tr("Export statistics"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel)
        self.progress = progress
        self.export_button.setEnabled(False)
        relay.sig_progress.connect(self._progressed)
        relay.sig_done.connect(self._exported)
        relay.sig_failed.connect(self._exported)
        task.on_progress = lambda t: relay.sig_progress.emit(t.done, t.total, t.message)
        f, today, db = self.desk_filter(), self.today, self.ctx.db
        job = _Export(lambda: stats_export.write_workbook(db, path, f=f, today=today, task=task),
                      relay)  # fmt: skip
        progress.show()
        if self.ctx.writer.inline:  # tests: deterministic, no thread
            job.run()
        else:
            QThreadPool.globalInstance().start(job)

    def _progressed(self, done: int, total: int, message: str) -> None:
        if self.progress is None:
            return
        if self.progress.wasCanceled() and self.export_task is not None:
            self.export_task.cancel()  # the writer stops at its next step
        self.progress.setLabelText(message)
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)

    def _exported(self, result: Any) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.export_button.setEnabled(True)
        self._relay = None
        if isinstance(result, stats_export.ExportCancelled):
            self.status.setText(self.tr("Export cancelled; no file was written."))
        elif isinstance(result, BaseException):
            text = result.message_zh if isinstance(result, UserError) else str(result)
            self.status.setText(self.tr("Export failed."))
            if not self.ctx.writer.inline:
                QMessageBox.warning(self, self.tr("Export statistics"), text or str(result))
        else:
            self.status.setText(self.tr("Saved %1 (%2 finding rows, %3 item results)")
                                .replace("%1", result.path.name)
                                .replace("%2", str(result.findings))
                                .replace("%3", str(result.item_results)))  # fmt: skip
        self.sig_exported.emit(result)
