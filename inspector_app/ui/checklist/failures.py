"""What a failed item is put down as: the typical failures to pick, and each finding's text.

The inspector ticks one or several of the form's typical failures (or writes
the fact when none fits) and sees, per finding, exactly what the directive
will print: the fact, the provision violated, for a serious hazard the
provision it is judged by, and the measure ordered, each editable. A blank the
form leaves for the inspector (＿＿) is shown in red until it is filled in.

Widgets only show state and emit what the person did; ``wire_findings`` connects
them to the checklist screen's writer (the core does the writing).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.checklists import BLANK, Item, join_citations
from inspector_app.core.inspection_view import FindingView, RowState
from inspector_app.rules.enums import HAZARD_CLASS_ZH, HazardClass

from ..common import TOUCH_MIN, touch_button

SAVE_DELAY_MS = 800
FAILURE_ROLE = Qt.ItemDataRole.UserRole + 1


def _template_text(fact: str) -> str:
    """A failure's fact as the picker lists it: placeholders shown as blanks to fill."""
    words = {"{equipment}": "（设备）", "{value}": "（实测值）", "{limit}": "（要求）",
             "{due_date}": "（有效期）", "{report_no}": "（报告编号）",
             "{report_date}": "（报告日期）", "{blank}": BLANK}  # fmt: skip
    for key, word in words.items():
        fact = fact.replace(key, word)
    return fact


class SavingText(QPlainTextEdit):
    """A text box that reports its text when the person pauses or leaves it."""

    sig_done = Signal(str)

    def __init__(self, height: int = 60, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(height)
        self._loading = False
        self._last = ""
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(lambda: None if self._loading else self._timer.start())

    def set_text(self, text: str) -> None:
        if self.toPlainText() != self._last:
            return  # an edit not saved yet: a reload never overwrites what was typed
        self._loading = True
        try:
            self.setPlainText(text)
            self._last = text
        finally:
            self._loading = False

    def flush(self) -> None:
        self._timer.stop()
        text = self.toPlainText()
        if text != self._last:
            self._last = text
            self.sig_done.emit(text)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.flush()
        super().focusOutEvent(event)


class FindingCard(QFrame):
    """One finding: its class, the fact, the citations and the measure, all editable."""

    sig_edit = Signal(str, dict)  # finding id, {field: new text}
    sig_remove = Signal(str)

    def __init__(self, finding_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding_id = finding_id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setMinimumHeight(TOUCH_MIN)
        self.remove.clicked.connect(lambda: self.sig_remove.emit(self.finding_id))
        self.fact = SavingText(64)
        self.fact.sig_done.connect(partial(self._edited, "description"))
        self.blank_warning = QLabel(self.tr("Fill in the blanks (＿＿) before the directive "
                                            "can be issued."))  # fmt: skip
        self.blank_warning.setStyleSheet("color: #b00020;")
        self.provision = QLineEdit()
        self.provision.setMinimumHeight(TOUCH_MIN)
        self.provision.editingFinished.connect(lambda: self._line_done(self.provision, "provision"))
        self.judged_by = QLineEdit()
        self.judged_by.setMinimumHeight(TOUCH_MIN)
        self.judged_by.editingFinished.connect(lambda: self._line_done(self.judged_by, "judged_by"))
        self.measure = SavingText(48)
        self.measure.sig_done.connect(partial(self._edited, "measure"))
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setMinimumHeight(TOUCH_MIN)
        self.deadline.dateChanged.connect(self._deadline_changed)
        self.addressee = QLabel()
        self._view: FindingView | None = None
        self._loading = False
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.remove)
        form = QFormLayout()
        form.addRow(self.tr("Fact found"), self.fact)
        form.addRow("", self.blank_warning)
        form.addRow(self.tr("Violates"), self.provision)
        self.judged_label = QLabel(self.tr("Judged serious by"))
        form.addRow(self.judged_label, self.judged_by)
        form.addRow(self.tr("Measure ordered"), self.measure)
        form.addRow(self.tr("Deadline"), self.deadline)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(self.addressee)

    def show_view(self, view: FindingView, *, removable: bool, locked: bool) -> None:
        self._view = view
        self._loading = True
        try:
            serious = view.hazard == HazardClass.SERIOUS.value
            tag = HAZARD_CLASS_ZH[HazardClass(view.hazard)]
            colour = "#b00020" if serious else "#8a5a00"
            source = view.failure_id or self.tr("own fact")
            self.title.setText(f"<b style='color:{colour}'>〔{tag}〕</b> {source}")
            self.fact.set_text(view.description)
            self.blank_warning.setVisible(BLANK in view.description)
            if not self.provision.hasFocus():
                self.provision.setText(view.provision)
            if not self.judged_by.hasFocus():
                self.judged_by.setText(view.judged_by)
            self.judged_by.setVisible(serious)
            self.judged_label.setVisible(serious)
            self.measure.set_text(view.measure)
            d = view.deadline
            self.deadline.setDate(QDate(d.year, d.month, d.day))
            self.addressee.setText(
                self.tr("Directed to the maintenance unit (TSG T5002)")
                if view.addressee == "maintenance" else "")  # fmt: skip
            self.addressee.setVisible(view.addressee == "maintenance")
            self.remove.setVisible(removable)
            for widget in (self.fact, self.provision, self.judged_by, self.measure,
                           self.deadline, self.remove):  # fmt: skip
                widget.setEnabled(not locked)
        finally:
            self._loading = False

    def _edited(self, field: str, text: str) -> None:
        if not self._loading and self._view is not None:
            self.sig_edit.emit(self.finding_id, {field: text})

    def _line_done(self, edit: QLineEdit, field: str) -> None:
        if self._view is not None and edit.text() != getattr(self._view, field):
            self._edited(field, edit.text())

    def _deadline_changed(self, date: QDate) -> None:
        if self._loading or self._view is None:
            return
        day = dt.date(date.year(), date.month(), date.day())
        if day != self._view.deadline:
            self.sig_edit.emit(self.finding_id, {"deadline": day})

    def flush(self) -> None:
        self.fact.flush()
        self.measure.flush()


class FindingsEditor(QWidget):
    """The failures to choose from, an own fact, and one card per finding."""

    sig_choose = Signal(list)  # failure ids
    sig_own = Signal(str)  # the inspector's own fact
    sig_edit = Signal(str, dict)
    sig_remove = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: RowState | None = None
        self._loading = False
        self.hint = QLabel(self.tr("What was found (tick one or several):"))
        self.choices = QListWidget()
        self.choices.setWordWrap(True)
        # Ticking keeps the keyboard with the checklist (P/F/N/J/S), like the answer buttons.
        self.choices.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choices.setStyleSheet("QListWidget::item { padding: 6px; }")
        self.choices.itemChanged.connect(self._ticked)
        self.own = QLineEdit()
        self.own.setMinimumHeight(TOUCH_MIN)
        self.own.setPlaceholderText(self.tr("None fits? Write what you found…"))
        self.own.returnPressed.connect(self._add_own)
        add = touch_button(self.tr("Add fact"))
        add.clicked.connect(self._add_own)
        own_row = QHBoxLayout()
        own_row.addWidget(self.own, 1)
        own_row.addWidget(add)
        self.cards_box = QVBoxLayout()
        self.cards: dict[str, FindingCard] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.choices)
        layout.addLayout(own_row)
        layout.addLayout(self.cards_box)

    def show_state(self, state: RowState, *, locked: bool = False) -> None:
        item_changed = self.state is None or (self.state.ie_id, self.state.item.id) != (
            state.ie_id, state.item.id)  # fmt: skip
        if item_changed:
            self.flush()
        self.state = state
        self._show_choices(state.item, state, locked)
        self._show_cards(state, locked)
        self.own.setEnabled(not locked and state.result_id is not None)

    def _show_choices(self, item: Item, state: RowState, locked: bool) -> None:
        chosen = {f.failure_id for f in state.findings if f.failure_id}
        self._loading = True
        try:
            self.choices.clear()
            for failure in item.failures:
                tag = HAZARD_CLASS_ZH[HazardClass(failure.hazard)]
                text = f"〔{tag}〕{_template_text(failure.fact_zh)}"
                entry = QListWidgetItem(text)
                entry.setData(FAILURE_ROLE, failure.id)
                entry.setToolTip(
                    self.tr("Violates: %1").replace("%1", join_citations(failure.violates))
                )
                flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                entry.setFlags(flags if not locked else Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(
                    Qt.CheckState.Checked if failure.id in chosen else Qt.CheckState.Unchecked
                )
                if failure.hazard == HazardClass.SERIOUS.value:
                    entry.setForeground(Qt.GlobalColor.darkRed)
                self.choices.addItem(entry)
        finally:
            self._loading = False
        visible = bool(item.failures)
        self.hint.setVisible(visible)
        self.choices.setVisible(visible)
        rows = max(1, self.choices.count())
        self.choices.setFixedHeight(min(220, 12 + rows * 46))

    def _show_cards(self, state: RowState, locked: bool) -> None:
        wanted = [f.id for f in state.findings]
        for fid in list(self.cards):
            if fid not in wanted:
                card = self.cards.pop(fid)
                card.flush()
                card.setParent(None)
                card.deleteLater()
        for position, view in enumerate(state.findings):
            card = self.cards.get(view.id)
            if card is None:
                card = FindingCard(view.id)
                card.sig_edit.connect(self.sig_edit)
                card.sig_remove.connect(self.sig_remove)
                self.cards[view.id] = card
            self.cards_box.insertWidget(position, card)
            card.show_view(view, removable=len(state.findings) > 1, locked=locked)

    def chosen(self) -> list[str]:
        return [
            self.choices.item(i).data(FAILURE_ROLE)
            for i in range(self.choices.count())
            if self.choices.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _ticked(self, _entry) -> None:
        if self._loading or self.state is None:
            return
        self.sig_choose.emit(self.chosen())

    def _add_own(self) -> None:
        text = self.own.text().strip()
        if text:
            self.own.clear()
            self.sig_own.emit(text)

    def flush(self) -> None:
        for card in self.cards.values():
            card.flush()


class ReportFields(QWidget):
    """Number and date of the inspection report a value is read from (57号令 Art 19)."""

    sig_changed = Signal(str, object)  # report number, date or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.number = QLineEdit()
        self.number.setMinimumHeight(TOUCH_MIN)
        self.number.setPlaceholderText(self.tr("Report number"))
        self.number.editingFinished.connect(self._changed)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumHeight(TOUCH_MIN)
        self.date.setSpecialValueText(self.tr("(date)"))
        self.date.setMinimumDate(QDate(2000, 1, 1))
        self.date.dateChanged.connect(lambda _d: self._changed())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("From inspection report")))
        row.addWidget(self.number, 1)
        row.addWidget(self.date)

    def show_state(self, state: RowState) -> None:
        self._loading = True
        try:
            if not self.number.hasFocus():
                self.number.setText(state.report_no)
            d = state.report_date
            self.date.setDate(QDate(d.year, d.month, d.day) if d else self.date.minimumDate())
        finally:
            self._loading = False

    def values(self) -> tuple[str, dt.date | None]:
        q = self.date.date()
        day = None if q == self.date.minimumDate() else dt.date(q.year(), q.month(), q.day())
        return self.number.text().strip(), day

    def _changed(self) -> None:
        if not self._loading:
            self.sig_changed.emit(*self.values())


def wire_findings(screen) -> None:
    """Connect the panel's findings editor and report fields to the screen's writer."""
    from inspector_app.core import inspections as core

    panel = screen.panel

    def current():
        state, row = screen.current_state(), screen.current_row()
        return (state, row) if state is not None and state.result_id else (None, row)

    def choose(ids: list) -> None:
        state, row = current()
        if state is not None:
            rid = state.result_id
            screen._write(lambda s: core.choose_failures(s, item_result_id=rid,
                                                         failure_ids=ids), row)  # fmt: skip

    def own(text: str) -> None:
        state, row = current()
        if state is not None:
            rid = state.result_id
            screen._write(lambda s: core.add_own_finding(s, item_result_id=rid,
                                                         description=text), row)  # fmt: skip

    def edit(finding_id: str, values: dict) -> None:
        _state, row = current()
        screen._write(lambda s: core.update_finding(s, finding_id=finding_id, **values), row)

    def remove(finding_id: str) -> None:
        _state, row = current()
        screen._write(lambda s: core.remove_finding(s, finding_id=finding_id), row)

    def report(number: str, day) -> None:
        state, row = current()
        if state is not None and (number, day) != (state.report_no, state.report_date):
            rid = state.result_id
            screen._write(lambda s: core.set_report(s, item_result_id=rid, report_no=number,
                                                    report_date=day), row)  # fmt: skip

    panel.findings.sig_choose.connect(choose)
    panel.findings.sig_own.connect(own)
    panel.findings.sig_edit.connect(edit)
    panel.findings.sig_remove.connect(remove)
    panel.report.sig_changed.connect(report)
