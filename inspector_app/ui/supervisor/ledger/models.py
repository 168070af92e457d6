"""Table models of the ledger wizard: the column mapping, the file's rows, the problems.

The file's rows and the problems are lists already in memory (the import reads
the file once); the models hand them to the view a page at a time
(canFetchMore/fetchMore), so a 150,000-row ledger never becomes 150,000 rows
of widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from inspector_app.core.ledger import ERROR
from inspector_app.core.ledger.parse import Problem
from inspector_app.rules.ledger import FIELD_BY_KEY, FIELDS, REQUIRED_FIELDS, cell_text

PAGE = 200
IGNORED = ""  # field key of a column that is not imported
_Index = QModelIndex | QPersistentModelIndex
MAPPED = QColor("#1a4f8b")
REQUIRED_MISSING = QColor("#b00020")
REFUSED = QColor("#fde2e1")


class _Paged(QAbstractTableModel):
    """Rows from a list, ``PAGE`` at a time."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: Sequence[Any] = []
        self._shown = 0

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._all, self._shown = rows, min(PAGE, len(rows))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self._all) - self._shown)
        if more > 0:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
            self._shown += more
            self.endInsertRows()

    def total(self) -> int:
        return len(self._all)


class MappingModel(QAbstractTableModel):
    """One row per column of the file: its header and the field it is imported as (editable)."""

    sig_changed = Signal(int, str)  # column, new field key ("" = not imported)
    FIELD_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.fields: dict[int, str] = {}

    def set_columns(self, headers: list[str], fields: dict[int, str]) -> None:
        self.beginResetModel()
        self.headers, self.fields = list(headers), dict(fields)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Column in the file"), self.tr("Imported as"))[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def label(self, key: str) -> str:
        return FIELD_BY_KEY[key].label_zh if key else self.tr("(not imported)")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.fields.get(index.row(), IGNORED)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return self.headers[index.row()] or self.tr("(blank)")
            return self.label(key)
        if role == self.FIELD_ROLE:
            return key
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QBrush(MAPPED if key else QColor("#888"))
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        key = str(value or "")
        if key and key not in FIELD_BY_KEY:
            return False
        if self.fields.get(index.row(), IGNORED) == key:
            return False
        self.sig_changed.emit(index.row(), key)
        return True

    def missing(self) -> list[str]:
        present = set(self.fields.values())
        return [FIELD_BY_KEY[k].label_zh for k in REQUIRED_FIELDS if k not in present]

    @staticmethod
    def choices() -> list[tuple[str, str]]:
        return [(IGNORED, "")] + [(f.key, f.label_zh) for f in FIELDS]


class RowsModel(_Paged):
    """The file's data rows as they are, under their headers and the fields they map to."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.fields: dict[int, str] = {}

    def set_preview(self, headers: list[str], fields: dict[int, str], rows: Sequence) -> None:
        self.headers, self.fields = list(headers), dict(fields)
        self.set_rows(rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Row")
            key = self.fields.get(section - 1)
            target = FIELD_BY_KEY[key].label_zh if key else self.tr("(not imported)")
            return f"{self.headers[section - 1]}\n→ {target}"
        if role == Qt.ItemDataRole.ForegroundRole and section > 0:
            return QBrush(MAPPED if section - 1 in self.fields else QColor("#888"))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        number, cells = self._all[index.row()]
        if index.column() == 0:
            return number
        column = index.column() - 1
        return cell_text(cells[column]) if column < len(cells) else ""


class ProblemsModel(_Paged):
    """Row, column, value, problem and what was done: refused rows first."""

    def set_problems(self, problems: Sequence[Problem]) -> None:
        ordered = sorted(problems, key=lambda p: (p.severity != ERROR, p.row))
        self.set_rows(ordered)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Row"),
                self.tr("Column"),
                self.tr("Value"),
                self.tr("Problem"),
                self.tr("Done"),
            )[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p: Problem = self._all[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and p.severity == ERROR:
            return QBrush(REFUSED)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == 4:
            return self.tr("Not imported") if p.severity == ERROR else self.tr("Imported (note)")
        return (p.row or self.tr("whole file"), p.column, p.value, p.message)[index.column()]
