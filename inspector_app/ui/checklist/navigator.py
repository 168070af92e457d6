"""Finding your way in a long checklist: search, filters, jump to a section.

The rows stay in the model; what does not match is hidden in the view
(``QListView.setRowHidden``), so row numbers keep meaning the same item.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from inspector_app.core.inspection_view import RowState
from inspector_app.rules.enums import Outcome

from ..common import TOUCH_MIN

ALL, UNANSWERED, FAILED, MISSING_PHOTO, FOUND_BEFORE = (
    "all",
    "unanswered",
    "failed",
    "missing_photo",
    "found_before",
)
SEARCH_DELAY_MS = 150


class ChecklistNavigator(QWidget):
    sig_changed = Signal()  # the search text or the filter changed
    sig_section = Signal(int)  # header row chosen in the jump list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find in the checklist (/)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(TOUCH_MIN - 8)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.sig_changed)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.filter = QComboBox()
        self.filter.setMinimumHeight(TOUCH_MIN - 8)
        for key, label in (
            (ALL, self.tr("All items")),
            (UNANSWERED, self.tr("Unanswered")),
            (FAILED, self.tr("Failed")),
            (MISSING_PHOTO, self.tr("Missing photo")),
            (FOUND_BEFORE, self.tr("Found last time")),
        ):
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        self.sections = QComboBox()
        self.sections.setMinimumHeight(TOUCH_MIN - 8)
        self.sections.setMinimumContentsLength(12)
        self.sections.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sections.activated.connect(self._section_chosen)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        row.addWidget(self.filter, 1)
        row.addWidget(self.sections, 2)

    def set_sections(self, headers: list[tuple[int, str]]) -> None:
        self.sections.clear()
        self.sections.addItem(self.tr("Jump to section…"), -1)
        for row, title in headers:
            self.sections.addItem(title, row)
            self.sections.setItemData(self.sections.count() - 1, title, Qt.ItemDataRole.ToolTipRole)

    def _section_chosen(self, index: int) -> None:
        row = self.sections.itemData(index)
        self.sections.setCurrentIndex(0)
        if row is not None and row >= 0:
            self.sig_section.emit(row)

    def mode(self) -> str:
        return self.filter.currentData() or ALL

    def set_mode(self, mode: str) -> None:
        self.filter.setCurrentIndex(max(0, self.filter.findData(mode)))

    def active(self) -> bool:
        return bool(self.search.text().strip()) or self.mode() != ALL

    def accepts(self, state: RowState, *, found_before: bool = False) -> bool:
        """Does the item pass the search text and the filter?"""
        mode = self.mode()
        if mode == UNANSWERED and state.outcome is not None:
            return False
        if mode == FAILED and state.outcome != Outcome.FAIL.value:
            return False
        if mode == MISSING_PHOTO and not state.needs_photo:
            return False
        if mode == FOUND_BEFORE and not found_before:
            return False
        text = self.search.text().strip().casefold()
        if not text:
            return True
        haystack = " ".join(
            (
                state.item.id,
                state.item.text_zh,
                state.item.text_en or "",
                state.section_title,
                state.finding_description,
            )
        ).casefold()
        return all(word in haystack for word in text.split())
