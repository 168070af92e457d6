"""Review before signing: the unit's representative reads the findings, then signs.

The representative acknowledges the problems the officers found, so the page
lists them first (serious hazards on top, with what the unit must do and by
when) and only then offers the signature pad.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core.inspection_view import RowState
from inspector_app.rules.enums import HAZARD_CLASS_ZH, HazardClass, Outcome

from ..common import MessageLabel, touch_button
from .pad import SignaturePad

SERIOUS_COLOUR = "#b00020"
GENERAL_COLOUR = "#8a4b00"


def findings_for_review(rows: list[RowState]) -> list[RowState]:
    """The failed items, serious hazards first, otherwise in checklist order."""
    failed = [r for r in rows if r.outcome == Outcome.FAIL.value]
    return sorted(failed, key=lambda r: (r.hazard or r.item.hazard) != HazardClass.SERIOUS.value)


class ReviewDialog(QDialog):
    """The findings being acknowledged, then the representative's name and signature."""

    sig_save = Signal(str, str, bytes)  # role, signer name, PNG

    def __init__(
        self, rows: list[RowState], conclusion: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Findings to acknowledge"))
        self.findings = findings_for_review(rows)
        intro = QLabel(
            self.tr(
                "Show this page to the unit's representative: they sign to acknowledge the findings "
                "below."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("font-size: 12pt;")
        self.conclusion = QLabel("<b>" + escape(conclusion) + "</b>")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for row in self.findings:
            self.list.addItem(self._item(row))
        if not self.findings:
            self.list.addItem(QListWidgetItem(self.tr("No problem was found.")))
        self.name = QLineEdit(name)
        self.name.setMinimumHeight(40)
        self.pad = SignaturePad()
        self.message = MessageLabel()
        clear = touch_button(self.tr("Clear"))
        clear.clicked.connect(self.pad.clear)
        back = touch_button(self.tr("Back"))
        back.clicked.connect(self.reject)
        self.sign = touch_button(self.tr("Acknowledge and sign"))
        self.sign.setDefault(True)
        self.sign.setStyleSheet("font-weight: bold;")
        self.sign.clicked.connect(self._sign)
        form = QFormLayout()
        form.addRow(self.tr("Representative"), self.name)
        buttons = QHBoxLayout()
        buttons.addWidget(clear)
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(self.sign)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.conclusion)
        layout.addWidget(QLabel(self.tr("Findings (%1)").replace("%1", str(len(self.findings)))))
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.pad)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(820, 620)

    def _item(self, row: RowState) -> QListWidgetItem:
        hazard = HazardClass(row.hazard or row.item.hazard)
        deadline = row.finding_deadline.isoformat() if row.finding_deadline else ""
        text = (
            f"【{HAZARD_CLASS_ZH[hazard]}】{row.equipment_label}  {row.item.id}\n"
            f"{row.finding_description or row.item.text_zh}\n"
            + self.tr("Deadline: %1").replace("%1", deadline)
        )
        item = QListWidgetItem(text)
        serious = hazard is HazardClass.SERIOUS
        item.setForeground(QColor(SERIOUS_COLOUR if serious else GENERAL_COLOUR))
        return item

    def _sign(self) -> None:
        if self.pad.is_empty():
            self.message.show_error(self.tr("Sign on the pad first."))
            return
        if not self.name.text().strip():
            self.message.show_error(self.tr("Type the signer's name."))
            return
        self.sig_save.emit("representative", self.name.text().strip(), self.pad.png_bytes())
        self.accept()
