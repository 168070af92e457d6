"""Start an inspection at one unit: which equipment, the second officer, who represents the unit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import worklist
from inspector_app.core.followup_view import open_finding_count
from inspector_app.core.inspections import start_inspection
from inspector_app.rules.enums import (
    EQUIPMENT_KIND_ZH,
    INSPECTION_TYPE_ZH,
    VENUE_TYPE_ZH,
    InspectionType,
)
from inspector_app.store.models import Unit

from .. import settings as ui_settings
from ..common import MessageLabel, error_text, touch_button
from ..context import AppContext

EQUIPMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# A campaign lasts weeks: the next inspection starts as the last one did.
LAST_TYPE = ui_settings.Option("start/inspection_type", str, InspectionType.ROUTINE.value)
LAST_SOURCE = ui_settings.Option("start/task_source", str, "")


class StartInspectionDialog(QDialog):
    sig_started = Signal(str)  # inspection id
    sig_edit_unit = Signal(str)
    sig_follow_up = Signal(str)  # unit id: verify its open findings (复查)

    def __init__(self, ctx: AppContext, unit_id: str, preselect: str = "",
                 parent: QWidget | None = None, *, task_id: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_id = unit_id
        self.task_id = task_id  # started from a task (我的任务): type and source are its
        self.inspection_id: str | None = None
        self.setWindowTitle(self.tr("Start inspection"))
        self.setMinimumSize(640, 520)
        with ctx.db.read() as s:
            unit = s.get(Unit, unit_id)
            equipment = worklist.unit_equipment(s, unit_id)
            officers = [(o.id, o.name, o.cert_no) for o in worklist.active_officers(s)]
            credit = self.tr("Credit code")
            unit_text = (f"<b style='font-size:15pt'>{unit.name}</b><br>"
                         f"{VENUE_TYPE_ZH.get(unit.venue_type, unit.venue_type)} · {unit.district} · "
                         f"{unit.address}<br>{credit}: {unit.uscc}")
            contact = unit.contact_name
            open_findings = open_finding_count(s, unit_id)
            task = None
            if task_id:
                from inspector_app.core import tasks

                task = tasks.task_start(s, task_id=task_id, officer_id=ctx.officer_id)
                task_text = tasks.task_label(s, task_id)

        header = QLabel(unit_text)
        header.setTextFormat(Qt.TextFormat.RichText)
        header.setWordWrap(True)
        edit_unit = touch_button(self.tr("Edit unit…"))
        edit_unit.clicked.connect(lambda: self.sig_edit_unit.emit(self.unit_id))

        self.model = QStandardItemModel(self)
        self.reload_equipment(preselect, equipment)
        if task is not None:  # the task's equipment ticked, the others left for the officer
            wanted = set(task.equipment_ids)
            for i in range(self.model.rowCount()):
                self.set_checked(i, self.model.item(i).data(EQUIPMENT_ID_ROLE) in wanted)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setStyleSheet("QListView::item { min-height: 40px; }")
        self.list.setSpacing(2)

        self.second = QComboBox()
        self.second.setMinimumHeight(40)
        self.second.addItem(self.tr("(choose later)"), None)
        for oid, name, cert in officers:
            if oid != ctx.officer_id:
                self.second.addItem(f"{name}  {cert}", oid)
        if self.second.count() > 1:
            self.second.setCurrentIndex(1)
        self.kind = QComboBox()
        self.kind.setMinimumHeight(40)
        for kind in InspectionType:
            self.kind.addItem(INSPECTION_TYPE_ZH[kind] + self.tr(" inspection"), kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(ui_settings.get(LAST_TYPE))))
        self.source = QLineEdit(ui_settings.get(LAST_SOURCE))
        self.source.setMinimumHeight(40)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        if task is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(task.inspection_type.value)))
            self.source.setText(task.task_source)
            self.kind.setEnabled(False)
            self.source.setReadOnly(True)
            partner = self.second.findData(task.second_officer_id)
            if partner >= 0:
                self.second.setCurrentIndex(partner)
        self.rep_name = QLineEdit(contact)
        self.rep_position = QLineEdit()
        self.rep_position.setPlaceholderText(self.tr("e.g. safety manager"))
        self.message = MessageLabel()
        self.start = touch_button(self.tr("Start inspection"))
        self.start.setDefault(True)
        self.start.clicked.connect(self._start)
        cancel = touch_button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.follow_up = touch_button(
            self.tr("Follow-up (%1 open findings)…").replace("%1", str(open_findings)))
        self.follow_up.setStyleSheet("font-weight: bold; color: #c25e00;")
        self.follow_up.setVisible(open_findings > 0)
        self.follow_up.clicked.connect(self._follow_up)
        self.new_equipment = touch_button(self.tr("New equipment…"))
        self.new_equipment.clicked.connect(lambda: self.edit_equipment(None))
        self.edit_equipment_button = touch_button(self.tr("Edit equipment…"))
        self.edit_equipment_button.clicked.connect(self._edit_selected)
        self.equipment_dialog = None

        form = QFormLayout()
        form.addRow(self.tr("Type of inspection"), self.kind)
        form.addRow(self.tr("Task source"), self.source)
        form.addRow(self.tr("Second officer"), self.second)
        form.addRow(self.tr("Unit representative"), self.rep_name)
        form.addRow(self.tr("Position"), self.rep_position)
        buttons = QHBoxLayout()
        buttons.addWidget(edit_unit)
        buttons.addWidget(self.follow_up)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        if task is not None:
            label = QLabel(self.tr("Task: %1").replace("%1", task_text))
            label.setWordWrap(True)
            label.setStyleSheet("font-weight: bold; color: #1a2f55;")
            layout.addWidget(label)
        equipment_row = QHBoxLayout()
        equipment_row.addWidget(QLabel(self.tr("Equipment to inspect")), 1)
        equipment_row.addWidget(self.new_equipment)
        equipment_row.addWidget(self.edit_equipment_button)
        layout.addLayout(equipment_row)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.start.setFocus()

    def reload_equipment(self, preselect: str = "", equipment=None) -> None:
        """(Re)fill the list; ticks kept, ``preselect`` (a scanned or new piece) ticked."""
        if equipment is None:
            with self.ctx.db.read() as s:
                equipment = worklist.unit_equipment(s, self.unit_id)
        keep = set(self.checked_equipment())
        self.model.clear()
        for eq in equipment:
            kind = EQUIPMENT_KIND_ZH.get(eq.kind, eq.kind)
            text = f"{eq.registration_code}  {kind}  {eq.name}  {eq.location}"
            row = QStandardItem(text)
            row.setCheckable(True)
            row.setEditable(False)
            row.setData(eq.id, EQUIPMENT_ID_ROLE)
            checked = eq.id == preselect or eq.id in keep or (
                not preselect and not keep and len(equipment) == 1)
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.model.appendRow(row)

    def equipment_ids(self) -> list[str]:
        return [self.model.item(i).data(EQUIPMENT_ID_ROLE) for i in range(self.model.rowCount())]

    def edit_equipment(self, equipment_id: str | None) -> None:
        from ..registry.equipment_dialog import EquipmentDialog

        dialog = EquipmentDialog(self.ctx, self.unit_id, equipment_id, self)
        dialog.sig_saved.connect(lambda eid: self.reload_equipment(eid))
        self.equipment_dialog = dialog
        dialog.open()

    def _edit_selected(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            self.message.show_error(self.tr("Choose the equipment to edit in the list."))
            return
        self.edit_equipment(index.data(EQUIPMENT_ID_ROLE))

    def _follow_up(self) -> None:
        self.accept()
        self.sig_follow_up.emit(self.unit_id)

    def _kind_changed(self, _index: int = 0) -> None:
        hints = {
            InspectionType.ROUTINE.value: self.tr("Annual plan (optional)"),
            InspectionType.SPECIAL.value: self.tr("Name of the campaign (required)"),
            InspectionType.POST_LICENCE.value: self.tr("Licence concerned (optional)"),
            InspectionType.OTHER.value: self.tr("Complaint, referral or lead (required)"),
        }
        self.source.setPlaceholderText(hints[self.kind.currentData()])

    def checked_equipment(self) -> list[str]:
        return [
            self.model.item(i).data(EQUIPMENT_ID_ROLE)
            for i in range(self.model.rowCount())
            if self.model.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, row: int, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.model.item(row).setCheckState(state)

    def _start(self) -> None:
        if self.ctx.officer_id is None:
            self.message.show_error(self.tr("Log in first."))
            return
        self.start.setEnabled(False)
        self.message.clear_message()
        kwargs = dict(
            unit_id=self.unit_id, equipment_ids=self.checked_equipment(),
            lead_officer_id=self.ctx.officer_id, second_officer_id=self.second.currentData(),
            representative_name=self.rep_name.text(),
            representative_position=self.rep_position.text(),
            inspection_type=self.kind.currentData(), task_source=self.source.text(),
            task_id=self.task_id or None,
        )
        self.ctx.writer.submit(lambda s: start_inspection(s, **kwargs).id,
                               on_done=self._started, on_error=self._failed)

    def _started(self, inspection_id: str) -> None:
        self.inspection_id = inspection_id
        if not self.task_id:  # a task's type and source are not the officer's last choice
            ui_settings.put(LAST_TYPE, self.kind.currentData())
            ui_settings.put(LAST_SOURCE, self.source.text().strip())
        self.sig_started.emit(inspection_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.start.setEnabled(True)
        self.message.show_error(error_text(exc))
        if getattr(exc, "field", None) == "task_source":
            self.source.setFocus()
