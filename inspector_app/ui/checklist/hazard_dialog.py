"""Change a failed item's hazard class; the core audits it, so a reason is required."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.rules.enums import HAZARD_CLASS_ZH, HazardClass

from ..common import MessageLabel


class HazardDialog(QDialog):
    def __init__(self, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change hazard class"))
        self.hazard = QComboBox()
        for cls in HazardClass:
            self.hazard.addItem(HAZARD_CLASS_ZH[cls], cls.value)
        other = [c.value for c in HazardClass if c.value != current]
        self.hazard.setCurrentIndex(self.hazard.findData(other[0] if other else current))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why does this item differ from the checklist?"))
        self.message = MessageLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Hazard class"), self.hazard)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.message.show_error(self.tr("A reason is required."))
            return
        super().accept()

    def values(self) -> tuple[str, str]:
        return self.hazard.currentData(), self.reason.toPlainText().strip()
