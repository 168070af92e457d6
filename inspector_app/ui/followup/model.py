"""The findings under follow-up as a table: status and directive state per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from inspector_app.core.followup_view import FollowUpRow
from inspector_app.rules.enums import HAZARD_CLASS_ZH, FindingStatus, HazardClass

_Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLOURS = {FindingStatus.CLOSED.value: "#1b5e20", FindingStatus.ESCALATED.value: "#b00020"}


class FollowUpModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[FollowUpRow] = []
        self._headers = [self.tr("Deadline"), self.tr("Equipment"), self.tr("Item"),
                         self.tr("Hazard"), self.tr("Finding"), self.tr("Status"),
                         self.tr("Directive")]
        self.finding_statuses = {
            FindingStatus.OPEN.value: self.tr("Open"),
            FindingStatus.RECTIFIED.value: self.tr("Rectified, to verify"),
            FindingStatus.CLOSED.value: self.tr("Rectified (closed)"),
            FindingStatus.ESCALATED.value: self.tr("Not rectified, past deadline (case)"),
        }
        self.directive_statuses = {"issued": self.tr("in force"), "closed": self.tr("closed"),
                                   "superseded": self.tr("superseded")}

    def finding_status_text(self, status: str) -> str:
        return self.finding_statuses.get(status, status)

    def directive_text(self, r: FollowUpRow) -> str:
        if not r.directive_number:
            return ""
        return f"{r.directive_number}（{self.directive_statuses.get(r.directive_status, r.directive_status)}）"

    def set_rows(self, rows: list[FollowUpRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> FollowUpRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[FollowUpRow]:
        return list(self._rows)

    def find(self, finding_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == finding_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return f"{r.equipment_name} {r.registration_code}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (r.deadline.isoformat(), r.equipment_name or r.registration_code, r.item_id,
                    HAZARD_CLASS_ZH.get(HazardClass(r.hazard), r.hazard), r.description,
                    self.finding_status_text(r.status), self.directive_text(r))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == 5 and r.status in STATUS_COLOURS:
                return QBrush(QColor(STATUS_COLOURS[r.status]))
            if index.column() == 3 and r.hazard == HazardClass.SERIOUS.value:
                return QBrush(QColor("#b00020"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
