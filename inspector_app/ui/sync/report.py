"""After importing bundles: what each file did (applied / already there / refused, why)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from inspector_app.core.sync_jobs import ImportSummary


class ImportReportDialog(QDialog):
    """A handful of rows, one per chosen file: a QTableWidget is enough here."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        self.resize(900, 360)
        statuses = {"applied": self.tr("Applied"), "already": self.tr("Already imported"),
                    "refused": self.tr("Refused"), "skipped": self.tr("Not imported")}
        colours = {"applied": "#1b5e20", "already": "#555555", "refused": "#b00020",
                   "skipped": "#b26a00"}
        headers = [self.tr("File"), self.tr("Result"), self.tr("Inspections"),
                   self.tr("Findings"), self.tr("Conflicts"), self.tr("Reason / changes")]
        self.table = QTableWidget(len(summary.files), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 300)
        for row, f in enumerate(summary.files):
            detail = f.reason or self.tr("%1 changes applied").replace("%1", str(f.applied))
            cells = [f.path.name, statuses.get(f.status, f.status), str(f.inspections),
                     str(f.findings), str(f.conflicts), detail]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(f.path) if column == 0 else text)
                if column == 1:
                    item.setForeground(QColor(colours.get(f.status, "#000000")))
                self.table.setItem(row, column, item)
        self.totals = QLabel(self.tr(
            "%1 of %2 files applied · inspections %3 · findings %4 · conflicts %5").replace(
            "%1", str(sum(f.status == "applied" for f in summary.files)))
            .replace("%2", str(len(summary.files))).replace("%3", str(summary.total("inspections")))
            .replace("%4", str(summary.total("findings")))
            .replace("%5", str(summary.total("conflicts"))))
        self.totals.setStyleSheet("font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def row_texts(self, row: int) -> list[str]:
        return [self.table.item(row, c).text() for c in range(self.table.columnCount())]
