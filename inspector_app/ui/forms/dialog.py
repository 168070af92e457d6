"""The form versions the office published (newest first) and, for the one selected, what it
changed against the version it replaced: items added, removed, reworded, hazard class
changed, otherwise changed (``core.form_publishing.publication_view``).

Publications are few (a handful a year), read once when the dialog opens (bounded by
``LIMIT``); the diff of the selected one is computed from the two pinned forms.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector_app.checklists.diff import FormDiff
from inspector_app.core import clock
from inspector_app.core import form_publishing as core
from inspector_app.core.forms import current_form_versions
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, HAZARD_CLASS_ZH

from ..common import error_text
from ..context import AppContext

LIMIT = 200
_Index = QModelIndex | QPersistentModelIndex


class PublicationsModel(QAbstractTableModel):
    def __init__(self, rows: list[Any], current: set[str], tz, headers: list[str]) -> None:
        super().__init__()
        self.rows, self.current, self.zone, self.headers = rows, current, tz, headers

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            clock.format_datetime(r.published_at, self.zone, empty="—"),
            EQUIPMENT_KIND_ZH.get(r.kind, r.kind),
            r.form_id,
            r.version,
            "✓" if r.form_version_id in self.current else "",
            r.officer_name or "—",
            r.note,
        ][index.column()]


class FormVersionsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Checklist form versions"))
        self.resize(1100, 620)
        with ctx.db.read() as session:
            rows = core.publications(session, limit=LIMIT)
            current = {v.id for v in current_form_versions(session).values()}
        headers = [self.tr("Published"), self.tr("Kind"), self.tr("Form"), self.tr("Version"),
                   self.tr("In use"), self.tr("Published by"), self.tr("Note")]  # fmt: skip
        self.model = PublicationsModel(rows, current, ctx.zone, headers)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.diff = QTextBrowser()
        self.diff.setOpenLinks(False)
        self.empty = QLabel(
            self.tr(
                "The office has not published any form version yet: new inspections use the "
                "forms shipped with this release."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not rows)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.diff)
        split.setSizes([160, 460])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(split)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        if rows:
            self.table.selectRow(0)

    def _show(self, index: QModelIndex, _previous=None) -> None:
        if not index.isValid():
            self.diff.clear()
            return
        publication_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        try:
            with self.ctx.db.read() as session:
                view = core.publication_view(session, publication_id)
        except Exception as exc:  # noqa: BLE001 - shown, never a crash of the dialog
            self.diff.setPlainText(error_text(exc))
            return
        self.diff.setHtml(self.diff_html(view.diff, view.current))

    def diff_html(self, d: FormDiff, current: bool) -> str:
        hazard = lambda h: escape(HAZARD_CLASS_ZH.get(h, str(h)))  # noqa: E731
        none = self.tr("(none)")
        in_use = self.tr("New inspections of this kind use this version.")
        later = self.tr("A later version is in use; inspections started with this one keep it.")
        same = self.tr("Same content as the version it replaced.")
        old = escape(d.old_version or none)
        parts = [f"<h3>{old} → {escape(d.new_version)}</h3>"]
        parts.append(f"<p><b>{escape(in_use)}</b></p>" if current else f"<p>{escape(later)}</p>")
        if d.same_content:
            parts.append(f"<p>{escape(same)}</p>")
        sections = [
            (self.tr("Added items (%1)"), "#1b5e20",
             [f"<b>{escape(i.id)}</b> [{hazard(i.hazard)}] {escape(i.text_zh)}" for i in d.added]),
            (self.tr("Removed items (%1)"), "#b00020",
             [f"<b>{escape(i.id)}</b> [{hazard(i.hazard)}] <s>{escape(i.text_zh)}</s>"
              for i in d.removed]),
            (self.tr("Reworded items (%1)"), "#0d47a1",
             [f"<b>{escape(r.item_id)}</b> <s>{escape(r.old)}</s><br>→ {escape(r.new)}"
              for r in d.reworded]),
            (self.tr("Hazard class changed (%1)"), "#b26a00",
             [f"<b>{escape(h.item_id)}</b> {hazard(h.old)} → <b>{hazard(h.new)}</b>："
              f"{escape(h.text_zh)}" for h in d.hazard]),
            (self.tr("Otherwise changed (%1): deadline, failures, measurement or applicability"),
             "#555555", [f"<b>{escape(i.id)}</b> {escape(i.text_zh)}" for i in d.otherwise]),
        ]  # fmt: skip
        for title, colour, lines in sections:
            if not lines:
                continue
            items = "".join(f"<li>{line}</li>" for line in lines)
            parts.append(
                f"<h4 style='color:{colour}'>{escape(title.replace('%1', str(len(lines))))}</h4>"
                f"<ul>{items}</ul>"
            )
        return "".join(parts)
