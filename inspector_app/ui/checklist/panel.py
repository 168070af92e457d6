"""The current checklist item: its text and legal basis, the answer, the finding, photos.

The panel only shows state and emits what the person did; the screen writes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core.inspection_view import RowState
from inspector_app.rules.enums import HAZARD_CLASS_ZH, HazardClass, Outcome

from ..common import TOUCH_MIN, MessageLabel, touch_button
from .failures import FindingsEditor, ReportFields
from .photos import PhotoStrip


def _range_text(m) -> str:
    if m.min is not None and m.max is not None:
        return f"{m.min:g} – {m.max:g} {m.unit}"
    if m.min is not None:
        return f"≥ {m.min:g} {m.unit}"
    return f"≤ {m.max:g} {m.unit}"


class ItemPanel(QWidget):
    sig_answer = Signal(str)  # Outcome value
    sig_measure = Signal(float)
    sig_note = Signal(str)
    sig_change_hazard = Signal()

    def __init__(self, *, english: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.english = english
        self.state: RowState | None = None
        self._loading = False
        self.where = QLabel()
        self.where.setStyleSheet("color: #555;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-size: 15pt;")
        self.text_en = QLabel()
        self.text_en.setWordWrap(True)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setTextFormat(Qt.TextFormat.RichText)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("color: #5d4037;")
        self.if_failed = QLabel()
        self.if_failed.setWordWrap(True)

        self.buttons: dict[str, QPushButton] = {}
        self.group = QButtonGroup(self)
        answer_row = QHBoxLayout()
        for outcome, label, color in (
            (Outcome.PASS, self.tr("Pass (P)"), "#2e7d32"),
            (Outcome.FAIL, self.tr("Fail (F)"), "#c62828"),
            (Outcome.NOT_APPLICABLE, self.tr("Not applicable (N)"), "#546e7a"),
        ):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setMinimumHeight(TOUCH_MIN + 12)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(
                f"QPushButton {{ font-size: 13pt; }} QPushButton:checked {{ background: {color};"
                " color: white; font-weight: bold; }")
            button.clicked.connect(lambda _=False, o=outcome: self.sig_answer.emit(o.value))
            self.group.addButton(button)
            self.buttons[outcome.value] = button
            answer_row.addWidget(button)

        self.measure_box = QWidget()
        self.value = QLineEdit()
        self.value.setMinimumHeight(TOUCH_MIN)
        validator = QDoubleValidator(-1e9, 1e9, 4, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.value.setValidator(validator)
        self.value.returnPressed.connect(self._measured)
        self.unit_label = QLabel()
        self.range_label = QLabel()
        judge = touch_button(self.tr("Record value"))
        judge.clicked.connect(self._measured)
        m_row = QHBoxLayout(self.measure_box)
        m_row.setContentsMargins(0, 0, 0, 0)
        m_row.addWidget(QLabel(self.tr("Measured")))
        m_row.addWidget(self.value, 1)
        m_row.addWidget(self.unit_label)
        m_row.addWidget(self.range_label)
        m_row.addWidget(judge)
        self.measure_hint = QLabel(self.tr(
            "Enter records the value and goes to the next item; P, F or N answer without one."))
        self.measure_hint.setWordWrap(True)
        self.measure_hint.setStyleSheet("color: #555;")
        self.report = ReportFields()

        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setMinimumHeight(TOUCH_MIN)
        self.note.editingFinished.connect(self._note_done)

        self.finding_box = QGroupBox(self.tr("Finding"))
        self.hazard_label = QLabel()
        change = touch_button(self.tr("Change hazard class…"))
        change.clicked.connect(self.sig_change_hazard)
        self.findings = FindingsEditor()
        hazard_row = QHBoxLayout()
        hazard_row.addWidget(self.hazard_label, 1)
        hazard_row.addWidget(change)
        f_form = QFormLayout(self.finding_box)
        f_form.addRow(self.tr("Hazard class"), hazard_row)
        f_form.addRow(self.findings)

        self.photos = PhotoStrip()
        self.message = MessageLabel()

        layout = QVBoxLayout(self)
        for widget in (self.where, self.text, self.text_en, self.basis, self.guidance,
                       self.if_failed):  # fmt: skip
            layout.addWidget(widget)
        layout.addLayout(answer_row)
        layout.addWidget(self.measure_box)
        layout.addWidget(self.measure_hint)
        layout.addWidget(self.report)
        layout.addWidget(self.note)
        layout.addWidget(self.finding_box)
        layout.addWidget(QLabel(self.tr("Photos")))
        layout.addWidget(self.photos)
        layout.addWidget(self.message)
        layout.addStretch(1)

    # -- showing ---------------------------------------------------------------
    def show_state(self, state: RowState, *, locked: bool = False) -> None:
        self._loading = True
        try:
            self._show(state, locked)
        finally:
            self._loading = False

    def _show(self, state: RowState, locked: bool) -> None:
        same_item = self.state is not None and (self.state.ie_id, self.state.item.id) == (
            state.ie_id, state.item.id)
        self.state = state
        item = state.item
        self.where.setText(f"{state.equipment_label}  ·  {state.section_title}")
        self.text.setText(f"<b>{item.id}</b>  {item.text_zh}")
        self.text_en.setText(item.text_en)
        self.text_en.setVisible(self.english)
        refs = "；".join(
            c.text() + ("" if c.status == "V" else self.tr(" (unverified)"))
            for c in item.citations()) or "；".join(
            f"{r.source}{r.clause}" + ("" if r.status == "V" else self.tr(" (unverified)"))
            for r in item.basis)  # forms pinned before citations were structured
        basis = self.tr("Legal basis")
        self.basis.setText(f"<span style='color:#1a4f8b'>{basis}: {refs}</span>")
        self.guidance.setText(item.guidance_zh)
        self.guidance.setVisible(bool(item.guidance_zh))
        default = item.default_failure()
        hazard, days = (default.hazard, default.deadline_days) if default else (
            item.hazard, item.deadline_days)
        self.if_failed.setText(
            self.tr("If it fails: %1, deadline %2 days")
            .replace("%1", HAZARD_CLASS_ZH[HazardClass(hazard)])
            .replace("%2", str(days))
            + (self.tr(" · photo required") if item.photo_required else ""))
        # An exclusive group refuses to uncheck its checked button: lift it first, or the
        # previous item's answer stays lit on an unanswered one.
        self.group.setExclusive(False)
        for outcome, button in self.buttons.items():
            button.setChecked(state.outcome == outcome)
            button.setEnabled(not locked)
        self.group.setExclusive(state.outcome is not None)
        self.measure_box.setVisible(item.measurement is not None)
        self.measure_hint.setVisible(item.measurement is not None and not locked)
        if item.measurement is not None:
            m = item.measurement
            self.unit_label.setText(m.unit)
            self.range_label.setText(self.tr("required: %1").replace("%1", _range_text(m)))
            if not same_item or not self.value.hasFocus():
                self.value.setText("" if state.value is None else f"{state.value:g}")
        self.value.setEnabled(not locked)
        self.report.setVisible(item.source == "inspection_report")
        self.report.show_state(state)
        self.report.setEnabled(not locked)
        if not same_item or not self.note.hasFocus():
            self.note.setText(state.note)
        self.note.setEnabled(not locked and state.result_id is not None)
        failed = state.outcome == Outcome.FAIL.value
        self.finding_box.setVisible(failed)
        if failed:
            hazard = HAZARD_CLASS_ZH.get(HazardClass(state.hazard or item.hazard), "")
            changed = self.tr("changed")
            reason = f"（{changed}：{state.override_reason}）" if state.override_reason else ""
            self.hazard_label.setText(f"<b>{hazard}</b>{reason}")
            self.findings.show_state(state, locked=locked)
        self.finding_box.setEnabled(not locked and state.finding_id is not None)
        self.photos.setEnabled(not locked and state.result_id is not None)
        if not same_item:
            self.message.clear_message()
            self.photos.message.clear_message()

    def focus_value(self) -> None:
        self.value.setFocus()
        self.value.selectAll()

    # -- edits -----------------------------------------------------------------
    def _measured(self) -> None:
        text = self.value.text().strip().replace(",", ".")
        if not text:
            self.message.show_error(self.tr("Type the measured value first."))
            return
        try:
            number = float(text)
        except ValueError:
            self.message.show_error(self.tr("Not a number."))
            return
        self.sig_measure.emit(number)

    def _note_done(self) -> None:
        if not self._loading and self.state and self.note.text() != self.state.note:
            self.sig_note.emit(self.note.text())
