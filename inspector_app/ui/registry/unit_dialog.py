"""Register or edit a user unit; identifier errors appear next to their field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core.units import save_unit
from inspector_app.rules.enums import VENUE_TYPE_ZH, VenueType
from inspector_app.rules.identifiers import IdentifierError, validate_uscc
from inspector_app.store.models import Unit

from ..common import MessageLabel, dialog_buttons, error_text
from ..context import AppContext

FIELDS = ("name", "uscc", "venue_type", "address", "district", "contact_name", "contact_phone")


class UnitDialog(QDialog):
    sig_saved = Signal(str)  # unit id

    def __init__(
        self, ctx: AppContext, unit_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_id = unit_id
        self.setWindowTitle(self.tr("Edit unit") if unit_id else self.tr("New unit"))
        self.setMinimumWidth(560)
        self.edits: dict[str, QLineEdit] = {f: QLineEdit() for f in FIELDS if f != "venue_type"}
        self.venue = QComboBox()
        for venue in VenueType:
            self.venue.addItem(VENUE_TYPE_ZH[venue], venue.value)
        self.priority = QCheckBox(self.tr("Priority unit"))
        self.errors: dict[str, MessageLabel] = {f: MessageLabel() for f in FIELDS}
        if unit_id:
            with ctx.db.read() as s:
                unit = s.get(Unit, unit_id)
                for f, edit in self.edits.items():
                    edit.setText(getattr(unit, f) or "")
                self.venue.setCurrentIndex(self.venue.findData(unit.venue_type))
                self.priority.setChecked(unit.priority)
        self.edits["uscc"].setMaxLength(18)
        self.edits["uscc"].editingFinished.connect(self._check_uscc)
        labels = {
            "name": self.tr("Unit name"),
            "uscc": self.tr("Unified social credit code"),
            "venue_type": self.tr("Venue type"),
            "address": self.tr("Address"),
            "district": self.tr("District"),
            "contact_name": self.tr("Contact person"),
            "contact_phone": self.tr("Contact phone"),
        }
        form = QFormLayout()
        for f in FIELDS:
            field = self.venue if f == "venue_type" else self.edits[f]
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(self.errors[f])
            form.addRow(labels[f], column)
        form.addRow("", self.priority)
        self.message = MessageLabel()
        buttons, self.save = dialog_buttons(self, self.tr("Save"), self.tr("Cancel"), self._save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _check_uscc(self) -> bool:
        text = self.edits["uscc"].text()
        if not text.strip():
            self.errors["uscc"].clear_message()
            return False
        try:
            validate_uscc(text)
        except IdentifierError as exc:
            self.errors["uscc"].show_error(exc.message_zh)
            return False
        self.errors["uscc"].clear_message()
        return True

    def _save(self) -> None:
        for label in self.errors.values():
            label.clear_message()
        self.message.clear_message()
        values = {f: e.text() for f, e in self.edits.items()}
        values["venue_type"] = self.venue.currentData()
        values["priority"] = self.priority.isChecked()
        unit_id = self.unit_id
        self.save.setEnabled(False)
        self.ctx.writer.submit(
            lambda s: save_unit(s, unit_id=unit_id, **values).id,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, unit_id: str) -> None:
        self.unit_id = unit_id
        self.sig_saved.emit(unit_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save.setEnabled(True)
        field = getattr(exc, "field", None)
        if field in self.errors:
            self.errors[field].show_error(error_text(exc))
            target = self.venue if field == "venue_type" else self.edits[field]
            target.setFocus()
        else:
            self.message.show_error(error_text(exc))
