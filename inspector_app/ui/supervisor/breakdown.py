"""The board's breakdown (分组统计): a count by two of district × venue type × kind.

The third dimension and the period follow the board's filter. The table is a pivot of a
few dozen cells (``core.board.breakdown``), read on a pool thread like the counts; a newer
read makes an older answer stale. Totals close each row and column.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import board
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, VENUE_TYPE_ZH

from ..context import AppContext
from ..tasks import run_read

_Index = QModelIndex | QPersistentModelIndex
_NAMES = {"venue_type": VENUE_TYPE_ZH, "kind": EQUIPMENT_KIND_ZH}


def _label(dimension: str, value: str) -> str:
    return _NAMES.get(dimension, {}).get(value, value) or "—"


class PivotModel(QAbstractTableModel):
    """Rows × columns of one measure, with a 合计 row and column."""

    def __init__(self, total: str, parent=None) -> None:
        super().__init__(parent)
        self.total_label = total
        self.pivot: board.Pivot | None = None
        self.row_dim = self.column_dim = ""

    def set_pivot(self, pivot: board.Pivot, rows: str, columns: str) -> None:
        self.beginResetModel()
        self.pivot, self.row_dim, self.column_dim = pivot, rows, columns
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.pivot is None else len(self.pivot.rows) + 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.pivot is None else len(self.pivot.columns) + 1

    def value(self, row: int, column: int) -> int:
        p = self.pivot
        assert p is not None
        last_row, last_column = row == len(p.rows), column == len(p.columns)
        if last_row and last_column:
            return sum(p.cells.values())
        if last_row:
            return p.column_total(p.columns[column])
        if last_column:
            return p.total(p.rows[row])
        return p.cells.get((p.rows[row], p.columns[column]), 0)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.pivot is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.value(index.row(), index.column()))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (
            index.row() == len(self.pivot.rows) or index.column() == len(self.pivot.columns)
        ):
            bold = QFont()
            bold.setBold(True)
            return bold
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != Qt.ItemDataRole.DisplayRole or self.pivot is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            names, dim = self.pivot.columns, self.column_dim
        else:
            names, dim = self.pivot.rows, self.row_dim
        return self.total_label if section == len(names) else _label(dim, names[section])


class BreakdownView(QWidget):
    sig_read = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._filter: board.DeskFilter | None = None
        dimensions = {"district": self.tr("District"), "venue_type": self.tr("Venue type"),
                      "kind": self.tr("Kind")}  # fmt: skip
        measures = {"serious": self.tr("Serious hazards"), "general": self.tr("General hazards"),
                    "open": self.tr("Hazards still open"),
                    "inspections": self.tr("Inspections made")}  # fmt: skip
        self.rows_by, self.columns_by, self.measure = QComboBox(), QComboBox(), QComboBox()
        for combo, choices in ((self.rows_by, dimensions), (self.columns_by, dimensions),
                               (self.measure, measures)):  # fmt: skip
            for key, label in choices.items():
                combo.addItem(label, key)
        self.rows_by.setCurrentIndex(self.rows_by.findData("district"))
        self.columns_by.setCurrentIndex(self.columns_by.findData("kind"))
        for combo in (self.rows_by, self.columns_by, self.measure):
            combo.currentIndexChanged.connect(lambda _i: self.read())
        self.model = PivotModel(self.tr("Total"), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setMinimumSectionSize(56)
        self.status = QLabel("")
        self.status.setStyleSheet("color: #555;")
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.rows_by)
        bar.addWidget(QLabel("×"))
        bar.addWidget(self.columns_by)
        bar.addWidget(self.measure, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def refresh(self, f: board.DeskFilter) -> None:
        self._filter = f
        self.read()

    def read(self) -> None:
        if self._filter is None:
            return
        rows, columns = self.rows_by.currentData(), self.columns_by.currentData()
        if rows == columns:
            self.status.setText(self.tr("Choose two different dimensions."))
            return
        self._generation += 1
        generation, f, measure = self._generation, self._filter, self.measure.currentData()
        self.status.setText(self.tr("Counting…"))

        def done(pivot: board.Pivot) -> None:
            if generation != self._generation:
                return
            self.model.set_pivot(pivot, rows, columns)
            self.table.resizeColumnsToContents()
            self.status.setText(self.tr("The period and the other filters are the board's.")
                                if pivot.cells else self.tr("Nothing in the period."))  # fmt: skip
            self.sig_read.emit()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.status.setText(self.tr("Could not count: %1").replace("%1", str(error)))

        run_read(self.ctx, lambda s: board.breakdown(s, f, rows=rows, columns=columns,
                                                     measure=measure),
                 on_done=done, on_error=failed)  # fmt: skip
