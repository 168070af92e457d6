"""One 挂牌督办 case and its steps (办理…): the 五到位, the dated steps, an extension request and
its decision, acceptance (销号) with evidence, withdrawal and referral to the police.

The case is read off the UI thread (``core.cases.case_view``); each step is one use case of
``core.cases`` sent through the writer (which audits it and change-logs it for sync). A
refusal is said in the dialog and nothing is written; after a step the case is read again.
Evidence files are read on the writer's thread, not the UI's.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import cases
from inspector_app.core.errors import UserError
from inspector_app.policy import load_case_rules
from inspector_app.rules.enums import FINDING_STATUS_ZH, HAZARD_CLASS_ZH

from ..context import AppContext
from ..paged_model import PagedTableModel, make_table
from ..tasks import run_read
from .board import OVERDUE_BACKGROUND, QUIET, SERIOUS


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _form_page() -> tuple[QWidget, QFormLayout]:
    """A page of the steps: the form at the top, the rest of the page empty."""
    page = QWidget()
    box = QVBoxLayout(page)
    form = QFormLayout()
    box.addLayout(form)
    box.addStretch(1)
    return page, form


def _late_style(today: dt.date):
    """A step past its due date: the due cell pink, as the lists show an overdue 期限."""

    def style(row: cases.StepDue, column: int, role: int) -> Any:
        if column == 1 and row.late(today):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(OVERDUE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(SERIOUS)
        return None

    return style


class CaseDialog(QDialog):
    """A case's file and the steps a supervisor records on it."""

    sig_changed = Signal(str)  # what was done, for the tab's status line

    def __init__(self, ctx: AppContext, case_id: str, today: dt.date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.case_id, self.today = ctx, case_id, today
        self.view: cases.CaseView | None = None
        self.rules = load_case_rules()
        self.setWindowTitle(self.tr("挂牌督办 case"))
        self.resize(1180, 700)
        self.header = QLabel(self.tr("Reading…"))
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.steps = PagedTableModel(None, [
            (self.tr("Step"), lambda s: s.label),
            (self.tr("Due"), lambda s: s.due.isoformat() if s.due else ""),
            (self.tr("Done on"), lambda s: s.done_on.isoformat() if s.done_on else ""),
        ], page_size=1_000, parent=self, styler=_late_style(today))  # fmt: skip
        self.steps_view = make_table(self.steps, (330, 90))
        self.events = PagedTableModel(None, [
            (self.tr("Date"), lambda e: e.on.isoformat()),
            (self.tr("Step"), lambda e: e.label),
            (self.tr("By"), lambda e: e.officer),
            (self.tr("Note"), self._event_note),
            (self.tr("Files"), lambda e: "、".join(name for _id, name, _sha in e.files)),
        ], page_size=1_000, parent=self)  # fmt: skip
        self.events_view = make_table(self.events, (86, 150, 56, 150))

        self.actions = QTabWidget()
        self.actions.addTab(self._five_page(), self.tr("五到位"))
        self.actions.addTab(self._step_page(), self.tr("Steps"))
        self.actions.addTab(self._extension_page(), self.tr("Extension"))
        self.actions.addTab(self._accept_page(), self.tr("Acceptance (销号)"))
        self.actions.addTab(self._close_page(), self.tr("Withdraw / police"))
        self.error = QLabel("")
        self.error.setStyleSheet(f"color: {SERIOUS.name()};")
        self.error.setWordWrap(True)
        self.notice = QLabel("")
        self.notice.setStyleSheet(f"color: {QUIET.name()};")
        self.notice.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(self.tr("Steps and when they are due (policy/cases.yaml):")))
        box.addWidget(self.steps_view, 2)
        box.addWidget(QLabel(self.tr("History:")))
        box.addWidget(self.events_view, 3)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.actions, 1)
        box.addWidget(self.error)
        box.addWidget(self.notice)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)
        layout.addWidget(close)
        for button in self.findChildren(QPushButton):  # Enter in a field presses nothing
            button.setAutoDefault(False)
        self.reload()

    # ------------------------------------------------------------------ pages
    def _five_page(self) -> QWidget:
        page, form = _form_page()
        self.measures, self.funds = QLineEdit(), QLineEdit()
        self.responsible, self.plan = QLineEdit(), QLineEdit()
        self.measures.setPlaceholderText(self.tr("e.g. 更换层门门锁并全面检修安全回路"))
        self.funds.setPlaceholderText(self.tr("e.g. 8万元（已到位）"))
        self.responsible.setPlaceholderText(self.tr("e.g. 总务处主任 林某"))
        self.plan.setPlaceholderText(self.tr("e.g. 停梯期间设专人值守"))
        self.five_deadline = QLabel("")
        form.addRow(self.tr("Measures"), self.measures)
        form.addRow(self.tr("Funds"), self.funds)
        form.addRow(self.tr("Deadline"), self.five_deadline)
        form.addRow(self.tr("Person responsible"), self.responsible)
        form.addRow(self.tr("Emergency plan"), self.plan)
        self.five_button = QPushButton(self.tr("Save the 五到位"))
        self.five_button.clicked.connect(lambda: self.save_five())
        form.addRow("", self.five_button)
        return page

    def _step_page(self) -> QWidget:
        page, form = _form_page()
        self.step_kind = QComboBox()
        for kind in cases.SIMPLE_STEPS:
            self.step_kind.addItem(self.rules.label(kind), kind)
        self.step_on = _date_edit(self.today)
        self.step_note = QLineEdit()
        form.addRow(self.tr("Step"), self.step_kind)
        form.addRow(self.tr("Date"), self.step_on)
        form.addRow(self.tr("Note"), self.step_note)
        self.step_button = QPushButton(self.tr("Record the step"))
        self.step_button.clicked.connect(lambda: self.record_step())
        form.addRow("", self.step_button)
        return page

    def _extension_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.pending = QLabel("")
        self.pending.setWordWrap(True)
        box.addWidget(self.pending)
        self.request_box = QWidget()
        form = QFormLayout(self.request_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.ext_on = _date_edit(self.today)
        self.ext_to = _date_edit(self.today + dt.timedelta(days=60))
        self.ext_reason = QLineEdit()
        form.addRow(self.tr("Asked on"), self.ext_on)
        form.addRow(self.tr("New deadline"), self.ext_to)
        form.addRow(self.tr("Reason"), self.ext_reason)
        self.ext_button = QPushButton(self.tr("Record the request"))
        self.ext_button.clicked.connect(lambda: self.request_extension())
        form.addRow("", self.ext_button)
        box.addWidget(self.request_box)
        self.decide_box = QWidget()
        form = QFormLayout(self.decide_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.decide_on = _date_edit(self.today)
        self.decide_note = QLineEdit()
        self.decide_note.setPlaceholderText(self.tr("required when refusing"))
        form.addRow(self.tr("Decision date"), self.decide_on)
        form.addRow(self.tr("Opinion"), self.decide_note)
        row = QHBoxLayout()
        self.grant_button = QPushButton(self.tr("Grant"))
        self.grant_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button = QPushButton(self.tr("Refuse"))
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        row.addWidget(self.grant_button)
        row.addWidget(self.refuse_button)
        row.addStretch(1)
        form.addRow("", row)
        box.addWidget(self.decide_box)
        box.addStretch(1)
        return page

    def _accept_page(self) -> QWidget:
        page, form = _form_page()
        self.accept_on = _date_edit(self.today)
        self.accept_note = QLineEdit()
        self.accept_note.setPlaceholderText(self.tr("e.g. 隐患已消除，验收合格"))
        self.evidence = QListWidget()
        self.evidence.setMaximumHeight(110)
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(lambda: self.choose_evidence())
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.evidence.takeItem(self.evidence.currentRow()))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        form.addRow(self.tr("Accepted on"), self.accept_on)
        form.addRow(self.tr("Opinion"), self.accept_note)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow("", row)
        hint = QLabel(self.tr("Photos or the acceptance report (PDF, images, Word/Excel). Every "
                              "hazard of the case must be closed by a follow-up first."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form.addRow("", hint)
        self.accept_button = QPushButton(self.tr("Accept and close (销号)"))
        self.accept_button.clicked.connect(lambda: self.accept_case())
        form.addRow("", self.accept_button)
        return page

    def _close_page(self) -> QWidget:
        page, form = _form_page()
        self.close_on = _date_edit(self.today)
        form.addRow(self.tr("Date"), self.close_on)
        self.withdraw_reason = QLineEdit()
        form.addRow(self.tr("Reason for withdrawal"), self.withdraw_reason)
        self.withdraw_button = QPushButton(self.tr("Withdraw the case"))
        self.withdraw_button.clicked.connect(lambda: self.withdraw())
        form.addRow("", self.withdraw_button)
        self.offence = QComboBox()
        self.offence.setEditable(True)
        documents = self.rules.documents
        for offence in documents.police_offences if documents else ():
            self.offence.addItem(offence)
        self.facts = QLineEdit()
        self.facts.setPlaceholderText(self.tr("e.g. 责令停止使用后仍继续使用"))
        form.addRow(self.tr("Suspected offence"), self.offence)
        form.addRow(self.tr("Facts of the suspected crime"), self.facts)
        self.police_button = QPushButton(self.tr("Refer to the police (移送)"))
        self.police_button.clicked.connect(lambda: self.refer_to_police())
        form.addRow("", self.police_button)
        return page

    # ------------------------------------------------------------------ reading
    def _event_note(self, event: cases.EventLine) -> str:
        """The note, or for the 五到位 which of them changed."""
        if event.note or event.kind != "five_set":
            return event.note
        names = {"measures": self.tr("Measures"), "funds": self.tr("Funds"),
                 "responsible": self.tr("Person responsible"),
                 "emergency_plan": self.tr("Emergency plan")}  # fmt: skip
        return "、".join(names.get(k, k) for k in event.details.get("changed", ()))

    def reload(self) -> None:
        case_id = self.case_id
        run_read(self.ctx, lambda s: cases.case_view(s, case_id), on_done=self._show,
                 on_error=lambda e: self._refused(e))  # fmt: skip

    def _show(self, view: cases.CaseView) -> None:
        self.view = view
        c = view.case
        status = cases.STATUS_ZH.get(c.status, c.status)
        late = c.status == "open" and c.deadline < self.today
        deadline = escape(c.deadline.isoformat())
        if late:
            deadline = f"<b style='color:{SERIOUS.name()}'>{deadline}</b>"
        if c.deadline != c.original_deadline:
            deadline += escape(self.tr(" (was %1)").replace("%1", c.original_deadline.isoformat()))
        referred = self.tr("Referred to the police")
        police = (f" · <b style='color:{SERIOUS.name()}'>{escape(referred)}</b>"
                  if c.police_referral else "")  # fmt: skip
        five = self.tr("五到位 in place") if view.five_in_place else self.tr("五到位 not in place")
        due = self.tr("deadline %1")
        findings = "".join(
            f"<br>〔{escape(HAZARD_CLASS_ZH.get(h, h))}〕{escape(eq)}：{escape(text)}"
            f"<span style='color:#555'>（{escape(due.replace('%1', d.isoformat()))}"
            f"，{escape(FINDING_STATUS_ZH.get(st, st))}）</span>"
            for h, eq, text, d, st in view.findings
        )  # fmt: skip
        deadline_word = self.tr("Deadline")
        facts = " · ".join((
            self.tr("Listed %1").replace("%1", c.listed_on.isoformat()),
            self.tr("Leader %1").replace("%1", c.leader),
            self.tr("Directive %1").replace("%1", view.directive_number or "—"), five,
        ))  # fmt: skip
        self.header.setText(
            f"<b style='font-size:13pt'>{escape(c.number)}</b> · <b>{escape(status)}</b>{police}"
            f"<br><b>{escape(view.unit.name)}</b> {escape(c.title)}"
            f"<br>{escape(deadline_word)} {deadline} · {escape(facts)}{findings}"
        )  # fmt: skip
        self.steps.preload([s for s in view.steps if s.due is not None or s.done_on is not None])
        self.events.preload(list(view.events))
        self.five_deadline.setText(c.deadline.isoformat())
        for edit, value in ((self.measures, c.measures), (self.funds, c.funds),
                            (self.responsible, c.responsible), (self.plan, c.emergency_plan)):  # fmt: skip
            edit.setText(value)
        pending = view.pending_extension
        if pending:
            self.pending.setText(self.tr("Waiting for a decision: asked on %1 to move the deadline "
                                         "to %2 (%3).").replace("%1", pending["on"])
                                 .replace("%2", pending["new_deadline"]).replace("%3", pending["note"]))  # fmt: skip
        else:
            self.pending.setText(self.tr("An extension must be asked by %1.")
                                 .replace("%1", view.extension_by.isoformat()))  # fmt: skip
        if _pydate(self.ext_to.date()) <= c.deadline:  # a request asks for a later 时限
            self.ext_to.setDate(_qdate(c.deadline + dt.timedelta(days=60)))
        self.request_box.setVisible(pending is None)
        self.decide_box.setVisible(pending is not None)
        is_open = c.status == "open"
        for index in range(4):  # every page but withdrawal / police needs an open case
            self.actions.widget(index).setEnabled(is_open)
        self.withdraw_button.setEnabled(is_open)
        self.withdraw_reason.setEnabled(is_open)
        self.police_button.setEnabled(not c.police_referral)

    # ------------------------------------------------------------------ steps
    def _submit(self, write, what: str) -> None:
        """One step through the writer; a refusal stays here and nothing is written."""
        self.error.setText("")
        self.notice.setText("")
        self.actions.setEnabled(False)
        self.ctx.writer.submit(write, on_done=lambda _r: self._done(what),
                               on_error=self._refused)  # fmt: skip

    def _done(self, what: str) -> None:
        self.actions.setEnabled(True)
        self.notice.setText(what)
        self.sig_changed.emit(what)
        self.reload()

    def _refused(self, error: BaseException) -> None:
        self.actions.setEnabled(True)
        self.error.setText(error.message_zh if isinstance(error, UserError) else str(error))

    def _who(self) -> tuple[str, str]:
        return self.case_id, self.ctx.officer_id or ""

    def save_five(self) -> None:
        case_id, officer = self._who()
        values = (self.measures.text(), self.funds.text(), self.responsible.text(),
                  self.plan.text())  # fmt: skip
        today = self.today
        self._submit(lambda s: cases.set_five(
            s, case_id=case_id, officer_id=officer, today=today, measures=values[0],
            funds=values[1], responsible=values[2], emergency_plan=values[3]),
            self.tr("五到位 saved."))  # fmt: skip

    def record_step(self) -> None:
        case_id, officer = self._who()
        kind, on, note = self.step_kind.currentData(), _pydate(self.step_on.date()), \
            self.step_note.text()  # fmt: skip
        self._submit(lambda s: cases.record_step(s, case_id=case_id, kind=kind, on=on,
                                                 officer_id=officer, note=note),
                     self.tr("Recorded: %1").replace("%1", self.step_kind.currentText()))  # fmt: skip

    def request_extension(self) -> None:
        case_id, officer = self._who()
        on, to = _pydate(self.ext_on.date()), _pydate(self.ext_to.date())
        reason, rules = self.ext_reason.text(), self.rules
        self._submit(lambda s: cases.request_extension(
            s, case_id=case_id, requested_on=on, new_deadline=to, reason=reason,
            officer_id=officer, case_rules=rules),
            self.tr("Extension request recorded."))  # fmt: skip

    def decide(self, granted: bool) -> None:
        case_id, officer = self._who()
        on, note = _pydate(self.decide_on.date()), self.decide_note.text()
        self._submit(lambda s: cases.decide_extension(
            s, case_id=case_id, granted=granted, on=on, officer_id=officer, note=note),
            self.tr("Extension granted.") if granted else self.tr("Extension refused."))  # fmt: skip

    def choose_evidence(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Evidence of acceptance"), "",
            self.tr("Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.docx *.xlsx *.doc "
                    "*.xls *.txt);;All files (*)"))  # fmt: skip
        self.add_evidence(paths)

    def add_evidence(self, paths: list[str]) -> None:
        have = {self.evidence.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.evidence.count())}  # fmt: skip
        for path in paths:
            if path not in have:
                self.evidence.addItem(Path(path).name)
                self.evidence.item(self.evidence.count() - 1).setData(
                    Qt.ItemDataRole.UserRole, path)  # fmt: skip

    def accept_case(self) -> None:
        case_id, officer = self._who()
        on, note = _pydate(self.accept_on.date()), self.accept_note.text()
        paths = [self.evidence.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.evidence.count())]  # fmt: skip
        blobs = self.ctx.blobs

        def write(s):
            return cases.accept_case(s, blobs, case_id=case_id, on=on, officer_id=officer,
                                     note=note, evidence=cases.read_evidence(paths))  # fmt: skip

        self._submit(write, self.tr("Accepted and closed (销号)."))

    def withdraw(self) -> None:
        case_id, officer = self._who()
        on, reason = _pydate(self.close_on.date()), self.withdraw_reason.text()
        self._submit(lambda s: cases.withdraw(s, case_id=case_id, on=on, officer_id=officer,
                                              reason=reason), self.tr("Case withdrawn."))  # fmt: skip

    def refer_to_police(self) -> None:
        case_id, officer = self._who()
        on, offence, facts = _pydate(self.close_on.date()), self.offence.currentText(), \
            self.facts.text()  # fmt: skip
        self._submit(lambda s: cases.refer_to_police(
            s, case_id=case_id, on=on, officer_id=officer, note=facts, offence=offence),
            self.tr("Referred to the police; print the 移送书 from 文书…."))  # fmt: skip
