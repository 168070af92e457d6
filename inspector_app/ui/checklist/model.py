"""The checklist as a flat list model: section headers and item rows.

A model/view list (not one widget per item) is what keeps a 300-item
checklist opening in a few milliseconds.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from inspector_app.core.inspection_view import RowState
from inspector_app.rules.enums import HazardClass, Outcome

_Index = QModelIndex | QPersistentModelIndex
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
FONT, BACKGROUND = Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FAIL, SERIOUS = Outcome.FAIL.value, HazardClass.SERIOUS.value
HEADER_BACKGROUND, HEADER_TEXT = QBrush(QColor("#e3e8f0")), QBrush(QColor("#1a2f55"))
SERIOUS_TEXT, GENERAL_TEXT = QBrush(QColor("#b00020")), QBrush(QColor("#c25e00"))
ANSWERED_TEXT = QBrush(QColor("#555555"))
MARKS = {None: "○", Outcome.PASS.value: "✔", Outcome.FAIL.value: "✘",
         Outcome.NOT_APPLICABLE.value: "—"}


@dataclass(frozen=True)
class Counts:
    total: int
    answered: int
    failed: int
    serious: int
    general: int


class ChecklistModel(QAbstractListModel):
    """Section headers (equipment — section, with their progress; collapsible) and items."""

    def __init__(self, states: list[RowState], *, english: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.english = english
        self._rows: list[str | RowState] = self._with_headers(states)
        self._headers = self._header_rows()
        self._display: dict[int, str] = {}  # row -> its line (see data())
        self.collapsed: set[int] = set()  # header rows whose items are folded away
        self._prior: dict[int, list] = {}  # row -> what earlier inspections found there
        self._bold = QFont()
        self._bold.setBold(True)
        self._needs_photo = self.tr("needs a photo")
        self._found_before = self.tr("found last time")

    @staticmethod
    def _with_headers(states: list[RowState]) -> list[str | RowState]:
        rows: list[str | RowState] = []
        last = None
        for state in states:
            header = f"{state.equipment_label} — {state.section_title}"
            if header != last:
                rows.append(header)
                last = header
            rows.append(state)
        return rows

    def set_states(self, states: list[RowState]) -> None:
        """Show another set of rows (the answers re-read after an amendment)."""
        self.beginResetModel()
        self._rows = self._with_headers(states)
        self._headers = self._header_rows()
        self.collapsed.clear()
        self._prior.clear()
        self._display.clear()
        self.endResetModel()

    def _header_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if isinstance(r, str)]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        # Called some thousand times a second while the list repaints: constants and a
        # cache of the lines, so an answer costs a repaint, not a rebuild of every line.
        if not index.isValid():
            return None
        at = index.row()
        row = self._rows[at]
        if role == DISPLAY:
            text = self._display.get(at)
            if text is None:
                text = self._display[at] = self._line(at, row)
            return text
        if isinstance(row, str):
            if role == FONT:
                return self._bold
            if role == BACKGROUND:
                return HEADER_BACKGROUND
            if role == FOREGROUND:
                return HEADER_TEXT
            if role == TOOLTIP:
                return row
            return None
        if role == STATE_ROLE:
            return row
        if role == FOREGROUND:
            if row.outcome == FAIL:
                return SERIOUS_TEXT if row.hazard == SERIOUS else GENERAL_TEXT
            if row.outcome is not None:
                return ANSWERED_TEXT
            return None
        if role == TOOLTIP:  # the whole text of an elided line
            lines = [f"{row.item.id}  {row.item.text_zh}"]
            if self.english and row.item.text_en:
                lines.append(row.item.text_en)
            return "\n".join(lines)
        return None

    def _line(self, at: int, row: str | RowState) -> str:
        if isinstance(row, str):  # a section: folded or not, its progress and failures
            items = [self._rows[i] for i in self.section_items(at)]
            done = sum(1 for s in items if s.outcome is not None)
            failed = sum(1 for s in items if s.outcome == FAIL)
            arrow = "▶" if at in self.collapsed else "▼"
            tail = f" ✘{failed}" if failed else ""  # first: a long title is cut at its end
            return f"{arrow}  {done}/{len(items)}{tail}  {row}"
        text = row.item.text_en if self.english else row.item.text_zh
        value = f"  [{row.value:g}]" if row.value is not None else ""
        flag = f"  〔{self._needs_photo}〕" if row.needs_photo else ""
        if at in self._prior:
            flag += f"  〔{self._found_before}〕"
        return f"{MARKS.get(row.outcome, '?')}  {row.item.id}{flag}  {text}{value}"

    # -- rows ------------------------------------------------------------
    def state(self, row: int) -> RowState | None:
        if 0 <= row < len(self._rows):
            value = self._rows[row]
            return value if isinstance(value, RowState) else None
        return None

    def set_state(self, row: int, state: RowState) -> None:
        self._rows[row] = state
        self._display.pop(row, None)
        self._display.pop(self.header_of(row), None)
        index = self.index(row)
        self.dataChanged.emit(index, index)
        header = self.header_of(row)
        if header >= 0:  # its section's progress
            self.dataChanged.emit(self.index(header), self.index(header))

    # -- sections ----------------------------------------------------------
    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], str)

    def headers(self) -> list[tuple[int, str]]:
        return [(i, self._rows[i]) for i in self._headers]

    def header_of(self, row: int) -> int:
        """The header row of the section ``row`` belongs to (-1 before the first)."""
        at = bisect.bisect_right(self._headers, row) - 1
        return self._headers[at] if at >= 0 else -1

    def section_items(self, header: int) -> range:
        at = bisect.bisect_left(self._headers, header)
        end = self._headers[at + 1] if at + 1 < len(self._headers) else len(self._rows)
        return range(header + 1, end)

    def set_collapsed(self, header: int, collapsed: bool) -> None:
        (self.collapsed.add if collapsed else self.collapsed.discard)(header)
        self._display.pop(header, None)
        self.dataChanged.emit(self.index(header), self.index(header))

    # -- what earlier inspections found --------------------------------------
    def set_prior(self, prior: dict[tuple[str, str], list]) -> None:
        """Attach earlier findings to their rows (an item no longer in the form: the
        equipment's first row)."""
        self._prior.clear()
        self._display.clear()
        first_of: dict[str, int] = {}
        for i, r in enumerate(self._rows):
            if isinstance(r, RowState):
                first_of.setdefault(r.ie_id, i)
        for (ie_id, item_id), found in prior.items():
            row = self.find(ie_id, item_id)
            if row < 0:
                row = first_of.get(ie_id, -1)
            if row >= 0:
                self._prior.setdefault(row, []).extend(found)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def prior(self, row: int) -> list:
        return self._prior.get(row, [])

    def item_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if isinstance(r, RowState)]

    def find(self, ie_id: str, item_id: str) -> int:
        for i, r in enumerate(self._rows):
            if isinstance(r, RowState) and r.ie_id == ie_id and r.item.id == item_id:
                return i
        return -1

    def next_item(self, after: int) -> int:
        for i in range(after + 1, len(self._rows)):
            if isinstance(self._rows[i], RowState):
                return i
        return -1

    def next_unanswered(self, after: int = -1) -> int:
        """The first unanswered item after ``after``, wrapping round; -1 when all are answered."""
        n = len(self._rows)
        for step in range(1, n + 1):
            i = (after + step) % n if after >= 0 else step - 1
            r = self._rows[i]
            if isinstance(r, RowState) and r.outcome is None:
                return i
        return -1

    def counts(self) -> Counts:
        states = [r for r in self._rows if isinstance(r, RowState)]
        failed = [s for s in states if s.outcome == Outcome.FAIL.value]
        return Counts(
            total=len(states),
            answered=sum(1 for s in states if s.outcome is not None),
            failed=len(failed),
            serious=sum(1 for s in failed if s.hazard == HazardClass.SERIOUS.value),
            general=sum(1 for s in failed if s.hazard != HazardClass.SERIOUS.value),
        )
