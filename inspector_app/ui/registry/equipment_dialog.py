"""Register or edit a piece of equipment of one unit; errors appear next to their field.

The category list follows the kind (Chinese names from the catalogue); the
attributes offered are the ones the kind's checklist uses to pick its items.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import maintenance
from inspector_app.core.equipment import save_equipment
from inspector_app.core.equipment_options import ATTRIBUTES, categories_of
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, EquipmentKind, EquipmentStatus
from inspector_app.store.models import Equipment

from ..common import MessageLabel, dialog_buttons, error_text
from ..context import AppContext

TEXT_FIELDS = ("registration_code", "certificate_no", "name", "location", "manufacturer", "model")
DATE_FIELDS = ("commissioned_on", "last_inspected_on")
NO_DATE = QDate(1900, 1, 1)  # shown as "(not set)"


class EquipmentDialog(QDialog):
    sig_saved = Signal(str)  # equipment id

    def __init__(
        self,
        ctx: AppContext,
        unit_id: str,
        equipment_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.unit_id, self.equipment_id = ctx, unit_id, equipment_id
        self.setWindowTitle(self.tr("Edit equipment") if equipment_id else self.tr("New equipment"))
        self.setMinimumWidth(620)
        self.kind = QComboBox()
        for kind in EquipmentKind:
            self.kind.addItem(EQUIPMENT_KIND_ZH[kind], kind.value)
        self.category = QComboBox()
        self.edits = {f: QLineEdit() for f in TEXT_FIELDS}
        self.edits["registration_code"].setMaxLength(20)
        self.edits["registration_code"].setPlaceholderText(self.tr("20 digits, e.g. 3110 3506 …"))
        self.dates = {f: self._date_edit() for f in DATE_FIELDS}
        self.status = QComboBox()
        for status, label in (
            (EquipmentStatus.IN_USE, self.tr("In use")),
            (EquipmentStatus.SUSPENDED, self.tr("Suspended")),
            (EquipmentStatus.SEALED, self.tr("Sealed")),
            (EquipmentStatus.SCRAPPED, self.tr("Scrapped")),
        ):
            self.status.addItem(label, status.value)
        # 维保单位: duties of the maintenance unit are directed to it (TSG T5002).
        self.maintenance = QLineEdit()
        self.maintenance.setPlaceholderText(self.tr("Maintenance company (维保单位)"))
        self.maintenance_uscc = QLineEdit()
        self.maintenance_uscc.setMaxLength(18)
        self.maintenance_uscc.setPlaceholderText(self.tr("Its credit code, if known"))
        with ctx.db.read() as s:
            names = [m.name for m in maintenance.search(s, "", limit=2000)]
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.maintenance.setCompleter(completer)
        fields = ("kind", "category_code", *TEXT_FIELDS, *DATE_FIELDS, "status",
                  "maintenance_unit", "maintenance_uscc")  # fmt: skip
        self.errors: dict[str, MessageLabel] = {f: MessageLabel() for f in fields}
        self.attribute_box = QGroupBox(self.tr("Attributes (decide which checklist items apply)"))
        self.attribute_form = QFormLayout(self.attribute_box)
        self.attributes: dict[str, QComboBox] = {}
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())

        labels = {
            "kind": self.tr("Equipment kind"),
            "category_code": self.tr("Category (code)"),
            "registration_code": self.tr("Registration code"),
            "certificate_no": self.tr("Use registration certificate no."),
            "name": self.tr("Equipment name"),
            "location": self.tr("Location"),
            "manufacturer": self.tr("Manufacturer"),
            "model": self.tr("Model"),
            "commissioned_on": self.tr("In use since"),
            "last_inspected_on": self.tr("Last periodic inspection"),
            "status": self.tr("Status"),
            "maintenance_unit": self.tr("Maintenance unit"),
            "maintenance_uscc": self.tr("Maintenance unit credit code"),
        }
        widgets = {
            "kind": self.kind,
            "category_code": self.category,
            "status": self.status,
            **self.edits,
            **self.dates,
            "maintenance_unit": self.maintenance,
            "maintenance_uscc": self.maintenance_uscc,
        }
        form = QFormLayout()
        for f in fields:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widgets[f])
            column.addWidget(self.errors[f])
            form.addRow(labels[f], column)
        self.message = MessageLabel()
        buttons, self.save = dialog_buttons(self, self.tr("Save"), self.tr("Cancel"), self._save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.attribute_box)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._kind_changed()
        if equipment_id:
            self._load(equipment_id)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("(not set)"))
        edit.setDate(NO_DATE)
        return edit

    def _kind_changed(self, category: str = "", attributes: dict | None = None) -> None:
        kind = EquipmentKind(self.kind.currentData())
        self.category.clear()
        for code, name in categories_of(kind):
            self.category.addItem(f"{code}  {name}", code)
        if category:
            self.category.setCurrentIndex(max(0, self.category.findData(category)))
        while self.attribute_form.rowCount():
            self.attribute_form.removeRow(0)
        self.attributes = {}
        for key, label, choices in ATTRIBUTES.get(kind, ()):
            combo = QComboBox()
            combo.addItem(self.tr("(not known)"), None)
            for value, text in choices:
                combo.addItem(text, value)
            if attributes and key in attributes:
                combo.setCurrentIndex(max(0, combo.findData(attributes[key])))
            self.attributes[key] = combo
            self.attribute_form.addRow(label, combo)
        self.attribute_box.setVisible(bool(self.attributes))

    def _load(self, equipment_id: str) -> None:
        with self.ctx.db.read() as s:
            eq = s.get(Equipment, equipment_id)
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(str(eq.kind)))
            self.kind.blockSignals(False)
            self._kind_changed(eq.category_code, eq.attributes or {})
            for f, edit in self.edits.items():
                edit.setText(getattr(eq, f) or "")
            for f, edit in self.dates.items():
                value = getattr(eq, f)
                edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
            self.status.setCurrentIndex(max(0, self.status.findData(str(eq.status))))
            mu = maintenance.maintenance_unit_of(s, eq)
            self.maintenance.setText(mu.name if mu else "")
            self.maintenance_uscc.setText(mu.uscc if mu else "")

    def values(self) -> dict:
        """Keyword arguments for ``core.equipment.save_equipment``."""

        def date(edit: QDateEdit) -> dt.date | None:
            d = edit.date()
            return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

        values: dict = {f: e.text() for f, e in self.edits.items()}
        values |= {f: date(e) for f, e in self.dates.items()}
        values["kind"] = self.kind.currentData()
        values["category_code"] = self.category.currentData() or ""
        values["status"] = self.status.currentData()
        values["attributes"] = {
            k: c.currentData() for k, c in self.attributes.items() if c.currentData() is not None
        }
        values["maintenance_unit_name"] = self.maintenance.text()
        values["maintenance_unit_uscc"] = self.maintenance_uscc.text()
        return values

    def _save(self) -> None:
        for label in self.errors.values():
            label.clear_message()
        self.message.clear_message()
        values, unit_id, equipment_id = self.values(), self.unit_id, self.equipment_id
        self.save.setEnabled(False)
        self.ctx.writer.submit(
            lambda s: save_equipment(s, equipment_id=equipment_id, unit_id=unit_id, **values).id,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, equipment_id: str) -> None:
        self.equipment_id = equipment_id
        self.sig_saved.emit(equipment_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save.setEnabled(True)
        field = getattr(exc, "field", None)
        if field in self.errors:
            self.errors[field].show_error(error_text(exc))
            target = {
                "kind": self.kind,
                "category_code": self.category,
                "status": self.status,
                **self.edits,
                **self.dates,
                "maintenance_unit": self.maintenance,
                "maintenance_uscc": self.maintenance_uscc,
            }[field]
            target.setFocus()
        else:
            self.message.show_error(error_text(exc))
