"""补正: correcting one answer of a locked inspection, always with a reason (audited by the core)."""

from __future__ import annotations

from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core.inspection_view import RowState
from inspector_app.rules.enums import Outcome

from ..common import MessageLabel, dialog_buttons


class AmendDialog(QDialog):
    """Asks for the corrected answer (or measured value), a note and the reason."""

    def __init__(self, state: RowState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Amend answer"))
        self.setMinimumWidth(560)
        item = QLabel(f"<b>{state.item.id}</b>  {state.item.text_zh}")
        item.setWordWrap(True)
        self.outcomes: dict[str, QRadioButton] = {}
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        for outcome, label in (
            (Outcome.PASS, self.tr("Pass")),
            (Outcome.FAIL, self.tr("Fail")),
            (Outcome.NOT_APPLICABLE, self.tr("Not applicable")),
        ):
            button = QRadioButton(label)
            button.setMinimumHeight(36)
            button.setChecked(state.outcome == outcome.value)
            self.group.addButton(button)
            self.outcomes[outcome.value] = button
            row.addWidget(button)
        self.value = QLineEdit("" if state.value is None else f"{state.value:g}")
        self.value.setValidator(QDoubleValidator())
        self.note = QLineEdit(state.note)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why is the recorded answer wrong? (required)"))
        self.reason.setFixedHeight(80)
        self.message = MessageLabel()
        form = QFormLayout()
        form.addRow(self.tr("Answer"), row)
        if state.item.measurement is not None:
            unit = state.item.measurement.unit
            form.addRow(self.tr("Measured (%1)").replace("%1", unit), self.value)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Reason"), self.reason)
        buttons, self.ok = dialog_buttons(self, self.tr("Amend"), self.tr("Cancel"), self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(item)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def values(self) -> dict:
        """Keyword arguments for ``core.inspections.amend_answer`` (without ids)."""
        kwargs: dict = {"reason": self.reason.toPlainText().strip(), "note": self.note.text()}
        text = self.value.text().strip().replace(",", ".")
        if self.state.item.measurement is not None and text:
            kwargs["value"] = float(text)
        else:
            chosen = [o for o, b in self.outcomes.items() if b.isChecked()]
            kwargs["outcome"] = Outcome(chosen[0]) if chosen else None
        return kwargs

    def _accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.message.show_error(self.tr("A reason is required."))
            self.reason.setFocus()
            return
        try:
            self.values()
        except ValueError:
            self.message.show_error(self.tr("Not a number."))
            return
        self.accept()
