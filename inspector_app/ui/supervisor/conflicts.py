"""Data conflicts for the supervisor: the list's columns and the dialog that settles one.

The list is a lazily paged ``PagedTableModel`` over ``core.conflicts.open_conflicts``.
The dialog shows the version sync kept and the one it set aside side by side,
differing fields highlighted; **Keep the current version** / **Use the other
version** (with an optional note) go through the writer
(``core.conflicts.resolve_conflict``) and ``sig_resolved`` tells the screen to
re-read its counts.
"""

from __future__ import annotations

import json
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import clock
from inspector_app.core import conflicts as core
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, HAZARD_CLASS_ZH, VENUE_TYPE_ZH

from ..common import MessageLabel, error_text, touch_button
from ..context import AppContext
from ..paged_model import Column

DIFF_BACKGROUND = QColor("#fff3c4")
KEEP, TAKE_OTHER = "winner", "loser"


def when(value, tz) -> str:
    return clock.format_datetime(value, tz, empty="—")


class ConflictTexts(QObject):
    """Every text of the conflicts tab and dialog, in one translation context."""

    def __init__(self, tz) -> None:
        super().__init__()
        self.zone = tz

    def columns(self) -> list[Column]:
        labels = self.field_labels()
        version = lambda v: f"{v.device_name} · {when(v.updated_at, self.zone)}"  # noqa: E731
        return [
            (self.tr("Detected"), lambda r: when(r.detected_at, self.zone)),
            (self.tr("Record"), lambda r: r.table_label),
            (self.tr("Which record"), lambda r: r.label),
            (self.tr("Differs in"), lambda r: "、".join(labels.get(f, f) for f in r.fields)),
            (self.tr("Kept version"), lambda r: version(r.winner)),
            (self.tr("Other version"), lambda r: version(r.loser)),
        ]

    def field_labels(self) -> dict[str, str]:
        return {
            "name": self.tr("Name of the record"),
            "uscc": self.tr("Credit code"),
            "address": self.tr("Address"),
            "district": self.tr("District"),
            "venue_type": self.tr("Venue type"),
            "legal_representative": self.tr("Legal representative"),
            "contact_name": self.tr("Contact person"),
            "contact_phone": self.tr("Contact phone"),
            "priority": self.tr("Priority unit"),
            "notes": self.tr("Notes"),
            "deleted": self.tr("Deleted"),
            "unit_id": self.tr("Unit"),
            "kind": self.tr("Kind"),
            "category_code": self.tr("Category"),
            "registration_code": self.tr("Registration code"),
            "certificate_no": self.tr("Certificate no."),
            "location": self.tr("Location"),
            "manufacturer": self.tr("Manufacturer"),
            "model": self.tr("Model"),
            "commissioned_on": self.tr("Commissioned on"),
            "last_inspected_on": self.tr("Last inspected on"),
            "next_inspection_due": self.tr("Next inspection due"),
            "status": self.tr("Status"),
            "attributes": self.tr("Attributes"),
            "hazard": self.tr("Hazard"),
            "description": self.tr("Description"),
            "provision": self.tr("Provision"),
            "measure": self.tr("Measure"),
            "deadline": self.tr("Deadline"),
            "rectified_at": self.tr("Rectified at"),
            "closed_at": self.tr("Closed at"),
            "directive_id": self.tr("Directive"),
            "item_id": self.tr("Item"),
        }

    def values(self) -> dict[str, str]:
        return {
            "yes": self.tr("yes"), "no": self.tr("no"),
            "open": self.tr("Open"), "rectified": self.tr("Rectified, to verify"),
            "closed": self.tr("Rectified (closed)"),
            "escalated": self.tr("Not rectified, past deadline (case)"),
            "in_use": self.tr("In use"), "suspended": self.tr("Suspended"),
            "sealed": self.tr("Sealed"), "scrapped": self.tr("Scrapped"),
        }


def conflict_columns(tz) -> list[Column]:
    """Columns of the conflicts tab (times in the office's zone ``tz``)."""
    return ConflictTexts(tz).columns()


class ConflictDialog(QDialog):
    """One conflict, both versions side by side; settle it through the writer."""

    sig_resolved = Signal(int)  # conflict id

    def __init__(self, ctx: AppContext, conflict_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.conflict_id = conflict_id
        with ctx.db.read() as s:
            self.detail = core.conflict_detail(s, conflict_id)
        row = self.detail.row
        self.setWindowTitle(self.tr("Data conflict"))
        self.resize(900, 560)
        texts = ConflictTexts(ctx.zone)
        self.labels = texts.field_labels()
        self.values = texts.values()

        title = QLabel(f"<b style='font-size:13pt'>{escape(row.table_label)}："
                       f"{escape(row.label)}</b>")
        title.setWordWrap(True)
        explain = QLabel(self.tr(
            "Two devices changed this record without seeing each other's change. Sync kept "
            "the version with the later clock; the other one was set aside and is shown here."))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #555;")
        self.versions = QLabel(self._versions_html())
        self.versions.setTextFormat(Qt.TextFormat.RichText)
        self.moved_on = QLabel(self.tr(
            "The record has been changed again since; its present values are shown too."))
        self.moved_on.setStyleSheet("color: #b26a00;")
        self.moved_on.setVisible(row.changed_since)

        self.table = QTableWidget()
        self._fill_table()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (why this version), optional"))
        self.message = MessageLabel()
        self.keep_button = touch_button(self.tr("Keep the current version"))
        self.take_button = touch_button(self.tr("Use the other version"))
        self.take_button.setStyleSheet("font-weight: bold;")
        close = touch_button(self.tr("Close"))
        self.keep_button.clicked.connect(partial(self.resolve, KEEP))
        self.take_button.clicked.connect(partial(self.resolve, TAKE_OTHER))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Note:")))
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addWidget(self.versions)
        layout.addWidget(self.moved_on)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _versions_html(self) -> str:
        row = self.detail.row
        clock = self.tr("clock %1")
        kept = self.tr("Current version (kept by sync)")
        other = self.tr("Other version (set aside)")
        cells = []
        for title, v in ((kept, row.winner), (other, row.loser)):
            line = (f"<b>{escape(v.device_name)}</b> · "
                    f"{escape(clock.replace('%1', str(v.clock)))} · "
                    f"{escape(when(v.updated_at, self.ctx.zone))}")
            cells.append(f"<tr><td style='color:#555;padding-right:12px'>{escape(title)}</td>"
                         f"<td>{line}</td></tr>")
        return f"<table>{''.join(cells)}</table>"

    def _fill_table(self) -> None:
        row = self.detail.row
        headers = [self.tr("Field"), self.tr("Current version"), self.tr("Other version")]
        if row.changed_since:
            headers.append(self.tr("In the record now"))
        t = self.table
        t.setColumnCount(len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setRowCount(len(self.detail.fields))
        t.verticalHeader().hide()
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setWordWrap(True)
        bold = QFont()
        bold.setBold(True)
        for i, f in enumerate(self.detail.fields):
            cells = [self.labels.get(f.field, f.field), self.value_text(f.field, f.winner),
                     self.value_text(f.field, f.loser)]
            if row.changed_since:
                cells.append(self.value_text(f.field, f.current))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if f.differs:
                    item.setBackground(QBrush(DIFF_BACKGROUND))
                    item.setFont(bold)
                t.setItem(i, j, item)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for j in range(1, len(headers)):
            t.horizontalHeader().setSectionResizeMode(j, QHeaderView.ResizeMode.Stretch)
        t.resizeRowsToContents()
        t.setCurrentItem(None)

    def differing_rows(self) -> list[int]:
        return [i for i, f in enumerate(self.detail.fields) if f.differs]

    def value_text(self, field: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return self.values["yes" if value else "no"]
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        text = str(value)
        if field == "status":
            return self.values.get(text, text)
        if field == "hazard":
            return HAZARD_CLASS_ZH.get(text, text)
        if field == "kind":
            return EQUIPMENT_KIND_ZH.get(text, text)
        if field == "venue_type":
            return VENUE_TYPE_ZH.get(text, text)
        if field.endswith("_at") and "T" in text:
            return text[:16].replace("T", " ")
        return text

    def resolve(self, keep: str) -> None:
        self.message.clear_message()
        for button in (self.keep_button, self.take_button):
            button.setEnabled(False)
        job = partial(_resolve, conflict_id=self.conflict_id, officer_id=self.ctx.officer_id,
                      keep=keep, note=self.note.text().strip())
        self.ctx.writer.submit(job, on_done=self._done, on_error=self._failed)

    def _done(self, _result: Any) -> None:
        self.sig_resolved.emit(self.conflict_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        for button in (self.keep_button, self.take_button):
            button.setEnabled(True)
        self.message.show_error(error_text(exc))


def _resolve(session, *, conflict_id: int, officer_id: str | None, keep: str, note: str) -> int:
    core.resolve_conflict(session, conflict_id=conflict_id, officer_id=officer_id,
                          keep=keep, note=note)  # type: ignore[arg-type]
    return conflict_id
