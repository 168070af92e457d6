"""A table model that fetches its rows a page at a time (canFetchMore/fetchMore).

The query is any ``fetch(session, limit, offset) -> list[row]``; the view asks
for more rows as the person scrolls, so a 200k-row result never loads at once.
Each page is a small read on the UI thread, which SQLite answers in
milliseconds from an index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

if TYPE_CHECKING:  # the start-up shows a first page before SQLAlchemy is loaded
    from inspector_app.store.db import Database

PAGE_SIZE = 50
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself

Fetch = Callable[[Any, int, int], list]
Column = tuple[str, Callable[[Any], Any]]
Styler = Callable[[Any, int, int], Any]  # (row, column, role) -> brush, font … or None

_Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel):
    def __init__(self, db: Database | None, columns: Sequence[Column], fetch: Fetch | None = None,
                 page_size: int = PAGE_SIZE, parent=None, *, styler: Styler | None = None,
                 sort_keys: dict[int, str] | None = None, order: tuple[str, bool] = ("", False),
                 ) -> None:
        super().__init__(parent)
        self._db = db
        self._columns = list(columns)
        self._fetch = fetch
        self._rows: list[Any] = []
        self._exhausted = fetch is None
        self.page_size = page_size
        self._styler = styler
        # Sorting is the query's (ORDER BY): the rows not fetched yet count too.
        self.sort_keys = sort_keys or {}
        self.order = order  # (key, descending); the fetch reads it

    def sort_by(self, column: int, descending: bool) -> bool:
        """Re-read from the first page in the column's order; False when it has none."""
        key = self.sort_keys.get(column)
        if key is None:
            return False
        self.order = (key, descending)
        self.refresh()
        return True

    def sort_column(self) -> int:
        return next((c for c, k in self.sort_keys.items() if k == self.order[0]), -1)

    def set_query(self, fetch: Fetch | None) -> None:
        """Start over with a new query; the first page is read at once."""
        self.beginResetModel()
        self._fetch = fetch
        self._rows = []
        self._exhausted = fetch is None
        self.endResetModel()
        if fetch is not None:
            self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_query(self._fetch)

    def preload(self, rows: list) -> None:
        """Show a first page read elsewhere (start-up, before the database is attached)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._exhausted = len(rows) < self.page_size
        self.endResetModel()

    def attach(self, db: Database) -> None:
        """The database is open: later pages come from it."""
        self._db = db

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    # -- Qt model interface -------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._exhausted and self._db is not None

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._exhausted or self._fetch is None or self._db is None:
            return
        with self._db.read() as session:
            page = self._fetch(session, self.page_size, len(self._rows))
        if len(page) < self.page_size:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._columns[index.column()][1](row)
            return "" if value is None else str(value)
        if self._styler is not None:
            return self._styler(row, index.column(), role)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None


def make_table(model: PagedTableModel, widths: tuple[int, ...] = ()) -> QTableView:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(36)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    if model.sort_keys:
        header = view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(model.sort_column(), Qt.SortOrder.DescendingOrder
                                if model.order[1] else Qt.SortOrder.AscendingOrder)

        def clicked(column: int) -> None:
            again = column == model.sort_column()
            descending = not model.order[1] if again else False
            if model.sort_by(column, descending):
                header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if descending
                                        else Qt.SortOrder.AscendingOrder)
            else:  # not sortable: keep showing the order in force
                header.setSortIndicator(model.sort_column(), Qt.SortOrder.DescendingOrder
                                        if model.order[1] else Qt.SortOrder.AscendingOrder)

        header.sectionClicked.connect(clicked)
    return view
