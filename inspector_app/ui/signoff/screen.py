"""Conclusion and sign-off: summary, conclusion from the rules, three signatures, lock."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import inspections as core
from inspector_app.core import worklist
from inspector_app.core.inspection_view import load_header, load_rows
from inspector_app.rules.enums import Conclusion, InspectionStatus
from inspector_app.rules.judgement import conclude, summarise
from inspector_app.store.blobs import store_blob

from ..checklist.failures import SavingText
from ..common import MessageLabel, error_text, touch_button
from ..context import AppContext
from .pad import SignaturePad
from .review import ReviewDialog

ROLES = ("lead_officer", "second_officer", "representative")


class SignerBox(QGroupBox):
    """One signer: name, pad, clear and save."""

    sig_save = Signal(str, str, bytes)  # role, signer name, PNG

    def __init__(self, role: str, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.role = role
        self.unsaved = False  # drawn since the last save: conclude saves it
        self.name = QLineEdit(name)
        self.name.setMinimumHeight(40)
        self.pad = SignaturePad()
        self.pad.sig_changed.connect(self._drawn)
        self.state = QLabel()
        self.clear = touch_button(self.tr("Clear"))
        self.clear.clicked.connect(self.pad.clear)
        self.save = touch_button(self.tr("Save signature"))
        self.save.clicked.connect(self._save)
        self.message = MessageLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.clear)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.pad)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def _drawn(self) -> None:
        self.unsaved = not self.pad.is_empty()

    def _save(self) -> None:
        if self.pad.is_empty():
            self.message.show_error(self.tr("Sign on the pad first."))
            return
        if not self.name.text().strip():
            self.message.show_error(self.tr("Type the signer's name."))
            return
        self.message.clear_message()
        self.sig_save.emit(self.role, self.name.text().strip(), self.pad.png_bytes())

    def saved(self) -> None:
        self.unsaved = False

    def use_review(self, open_review) -> None:
        """Sign on the review page (the findings first), not on a pad of this screen."""
        self.pad.hide()
        self.clear.hide()
        self.save.setText(self.tr("Review findings and sign…"))
        self.save.clicked.disconnect()
        self.save.clicked.connect(open_review)

    def set_signed(self, signer: str | None) -> None:
        self.state.setText(self.tr("Signed: %1").replace("%1", signer) if signer else "")
        self.state.setStyleSheet("color: #1b5e20; font-weight: bold;")


class SignoffScreen(QWidget):
    sig_home = Signal()
    sig_checklist = Signal(str)
    sig_concluded = Signal(str, str)  # inspection id, conclusion
    sig_documents = Signal(str)  # inspection id: directive and on-site record

    def __init__(self, ctx: AppContext, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = inspection_id
        self.conclusion_names = {
            Conclusion.STOP_USE.value: self.tr("Serious hazard: stop using the equipment at once"),
            Conclusion.RECTIFY.value: self.tr("General hazards: rectify by the deadline"),
            Conclusion.PASS.value: self.tr("No hazard found"),
        }
        with ctx.db.read() as s:
            header = load_header(s, inspection_id)
            officers = [(o.id, o.name, o.cert_no) for o in worklist.active_officers(s)]
        self.title = QLabel(f"<b style='font-size:15pt'>{header.unit_name}</b>")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.second = QComboBox()
        self.second.setMinimumHeight(40)
        self.second.addItem(self.tr("(choose)"), None)
        for oid, name, cert in officers:
            if oid != header.lead_officer_id:
                self.second.addItem(f"{name}  {cert}", oid)
        self.second.setCurrentIndex(max(0, self.second.findData(header.second_officer_id)))
        self.second.activated.connect(self._second_chosen)

        self.boxes = {
            "lead_officer": SignerBox("lead_officer", self.tr("Lead officer"),
                                      header.lead_officer_name),
            "second_officer": SignerBox("second_officer", self.tr("Second officer"),
                                        header.second_officer_name),
            "representative": SignerBox("representative", self.tr("Unit representative"),
                                        header.representative_name),
        }
        self.boxes["representative"].use_review(self.open_review)
        self.review: ReviewDialog | None = None
        self.na_warning: QMessageBox | None = None
        self._summary = None
        self._conclusion_text = ""
        pads = QGridLayout()
        for column, role in enumerate(ROLES):
            self.boxes[role].sig_save.connect(self.save_signature)
            pads.addWidget(self.boxes[role], 0, column)
        self.refusal_note = QLineEdit()
        self.refusal_note.setPlaceholderText(self.tr("Note on the refusal (optional)"))
        self.refuse = touch_button(self.tr("Representative refuses to sign"))
        self.refuse.clicked.connect(self.record_refusal)
        refusal = QHBoxLayout()
        refusal.addWidget(self.refusal_note, 1)
        refusal.addWidget(self.refuse)
        pads.addLayout(refusal, 1, 2)

        self.opinion = SavingText(52)
        self.opinion.setPlaceholderText(self.tr(
            "The unit's opinion in its own words, e.g. 对检查发现的问题无异议，将按要求整改"))
        self.opinion.sig_done.connect(self.save_opinion)
        opinion_row = QHBoxLayout()
        opinion_row.addWidget(QLabel(self.tr("Unit's opinion")))
        opinion_row.addWidget(self.opinion, 1)
        self.message = MessageLabel()
        self.locked_label = QLabel()
        self.locked_label.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1a4f8b;")
        back = touch_button(self.tr("Back to checklist"))
        back.clicked.connect(lambda: self.sig_checklist.emit(self.inspection_id))
        home = touch_button(self.tr("Home"))
        home.clicked.connect(self.sig_home)
        self.conclude = touch_button(self.tr("Conclude and lock"))
        self.conclude.setStyleSheet("font-weight: bold;")
        self.conclude.clicked.connect(self.conclude_inspection)
        self.documents = touch_button(self.tr("Directive and record…"))
        self.documents.setStyleSheet("font-weight: bold;")
        self.documents.clicked.connect(lambda: self.sig_documents.emit(self.inspection_id))
        self.documents.hide()
        second_row = QHBoxLayout()
        second_row.addWidget(QLabel(self.tr("Second officer")))
        second_row.addWidget(self.second, 1)
        second_row.addStretch(2)
        bottom = QHBoxLayout()
        bottom.addWidget(home)
        bottom.addWidget(back)
        bottom.addWidget(self.locked_label, 1)
        bottom.addWidget(self.conclude)
        bottom.addWidget(self.documents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(second_row)
        layout.addLayout(pads)
        layout.addLayout(opinion_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            header = load_header(s, self.inspection_id)
            rows = load_rows(s, self.inspection_id)
        summary = summarise(rows)
        answered = [r for r in rows if r.outcome is not None]
        concluded = header.status != InspectionStatus.IN_PROGRESS.value
        conclusion = header.conclusion if concluded else conclude(answered).value
        lines = [
            self.tr("Answered %1 of %2: %3 passed, %4 failed, %5 not applicable.")
            .replace("%1", str(summary.answered)).replace("%2", str(summary.total))
            .replace("%3", str(summary.passed)).replace("%4", str(summary.failed))
            .replace("%5", str(summary.not_applicable)),
            self.tr("Serious hazards: %1 · General hazards: %2")
            .replace("%1", str(summary.serious)).replace("%2", str(summary.general)),
            "<b>" + self.tr("Conclusion: %1").replace(
                "%1", self.conclusion_names.get(conclusion, conclusion or "")) + "</b>",
        ]
        if summary.unanswered:
            lines.append("<span style='color:#b00020'>" + self.tr(
                "%1 items are still unanswered.").replace("%1", str(summary.unanswered)) + "</span>")
        self.summary.setText("<br>".join(lines))
        self._summary, self._rows = summary, rows
        self._conclusion_text = self.conclusion_names.get(conclusion, conclusion or "")
        self.opinion.set_text(header.unit_opinion)
        for role, box in self.boxes.items():
            box.set_signed(header.signed_roles.get(role))
        if header.representative_refused:
            self.boxes["representative"].state.setText(
                self.tr("Refused to sign: %1").replace("%1", header.refusal_note))
        if concluded:
            self.locked_label.setText(self.tr("Concluded and locked"))
            for widget in (*self.boxes.values(), self.conclude, self.refuse, self.refusal_note,
                           self.second, self.opinion):
                widget.setEnabled(False)
            self.conclude.hide()
            self.documents.show()

    # -- writes ------------------------------------------------------------------
    def _write(self, job, on_done=None) -> None:
        def done(result):
            if not shiboken6.isValid(self.message):  # screen closed meanwhile
                return
            self.message.clear_message()
            self.refresh()
            if on_done:
                on_done(result)

        self.ctx.writer.submit(job, on_done=done,
                               on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _second_chosen(self, _index: int) -> None:
        oid = self.second.currentData()
        if oid:
            name = self.second.currentText().split()[0]
            self.boxes["second_officer"].name.setText(name)
            self._write(lambda s: core.set_second_officer(
                s, inspection_id=self.inspection_id, officer_id=oid))

    def save_signature(self, role: str, signer: str, png: bytes) -> None:
        blobs, iid = self.ctx.blobs, self.inspection_id

        def job(s):
            sha = store_blob(s, blobs, png, media_type="image/png")
            core.add_signature(s, inspection_id=iid, role=role, signer_name=signer,
                               blob_sha256=sha)

        self._write(job, on_done=lambda _r: self.boxes[role].saved())

    def open_review(self) -> ReviewDialog:
        """The findings for the unit's representative to read, then their signature."""
        box = self.boxes["representative"]
        dialog = ReviewDialog(self._rows, self._conclusion_text, box.name.text(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_save.connect(self._reviewed_and_signed)
        self.review = dialog
        dialog.open()
        return dialog

    def _reviewed_and_signed(self, role: str, signer: str, png: bytes) -> None:
        self.boxes[role].name.setText(signer)
        self.save_signature(role, signer, png)

    def save_opinion(self, text: str) -> None:
        iid = self.inspection_id
        self._write(lambda s: core.set_unit_opinion(s, inspection_id=iid, opinion=text))

    def record_refusal(self) -> None:
        note = self.refusal_note.text()
        self._write(lambda s: core.record_refusal(s, inspection_id=self.inspection_id, note=note))

    def conclude_inspection(self, *, confirmed: bool = False) -> None:
        """Save signatures drawn but not saved, warn when most items are N/A, then conclude."""
        drawn = [box for box in self.boxes.values() if box.unsaved and not box.pad.isHidden()]
        for box in drawn:
            if not box.name.text().strip():
                box.message.show_error(self.tr("Type the signer's name."))
                self.message.show_error(self.tr("A drawn signature has no name."))
                return
        summary = self._summary
        if not confirmed and summary and summary.not_applicable * 2 > summary.answered > 0:
            self._warn_not_applicable(summary)
            return
        for box in drawn:
            self.save_signature(box.role, box.name.text().strip(), box.pad.png_bytes())
        self.opinion.flush()  # typed but not yet saved: it belongs on the record
        iid, officer = self.inspection_id, self.ctx.officer_id
        self._write(
            lambda s: str(core.conclude_inspection(s, inspection_id=iid, officer_id=officer)),
            on_done=lambda c: self.sig_concluded.emit(iid, c))

    def _warn_not_applicable(self, summary) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Most items are not applicable"),
                          self.tr("%1 of the %2 answered items are marked not applicable. Check "
                                  "that they really do not apply before concluding.")
                          .replace("%1", str(summary.not_applicable))
                          .replace("%2", str(summary.answered)), parent=self)
        go = box.addButton(self.tr("Conclude anyway"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Back to checklist"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.buttonClicked.connect(
            lambda b: self.conclude_inspection(confirmed=True) if b is go
            else self.sig_checklist.emit(self.inspection_id))
        self.na_warning = box
        box.open()
