"""设备登记…: this laptop's id and fingerprint, its enrolment request, the office key.

The same steps as ``inspector device enrol-request`` / ``inspector office trust``
(docs/sync.md), in the app: save the request file (for a USB stick or e-mail),
or send it to the sync server (``POST /v1/devices/enrol-request``, on a thread),
and paste or load the office key token. The state shows whether an office key
is trusted, whether the office's enrolment has reached this laptop (with a
pull) and the directive number segment it assigned. The work is in
``core.sync_jobs`` (no Qt); tests call ``save_request(path)``, ``send_request()``,
``trust_key(text)`` and ``load_key_file(path)`` to bypass the file dialogs.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import sync_jobs

from .. import settings
from ..common import TOUCH_MIN, MessageLabel, error_text
from ..context import AppContext
from .runner import JobRunner


def _selectable(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class EnrolDialog(QDialog):
    sig_changed = Signal()  # an office key was trusted or the devices row changed
    sig_sent = Signal(bool)  # the send finished; True when the server recorded the request

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Device enrolment"))
        self.setMinimumWidth(620)
        self.last_answer: dict | None = None
        self.runner = JobRunner(self)
        self.runner.sig_done.connect(self._sent)
        self.runner.sig_failed.connect(self._send_failed)

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.device_id = _selectable()
        self.device_id.setFont(mono)
        self.fingerprint = _selectable()
        fp_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fp_font.setPointSizeF(fp_font.pointSizeF() * 1.4)
        fp_font.setBold(True)
        self.fingerprint.setFont(fp_font)
        self.name = QLineEdit(sync_jobs.default_device_name(ctx.db, ctx.workspace.folder))
        self.name.setMaxLength(100)
        device_box = QGroupBox(self.tr("This device"))
        form = QFormLayout(device_box)
        form.addRow(self.tr("Device id"), self.device_id)
        form.addRow(self.tr("Fingerprint"), self.fingerprint)
        form.addRow(self.tr("Device name"), self.name)
        hint = QLabel(self.tr("Read the fingerprint to the office on the phone: they enrol the "
                              "device only when it matches."))
        hint.setWordWrap(True)
        form.addRow(hint)

        self.office_state = _selectable()
        self.office_state.setWordWrap(True)
        self.enrol_state = _selectable()
        self.enrol_state.setWordWrap(True)
        self.segment_state = _selectable()
        state_box = QGroupBox(self.tr("State"))
        form = QFormLayout(state_box)
        form.addRow(self.tr("Office key"), self.office_state)
        form.addRow(self.tr("Enrolment"), self.enrol_state)
        form.addRow(self.tr("Directive number segment"), self.segment_state)

        self.server = QLineEdit(settings.get(settings.SYNC_SERVER))
        self.server.setPlaceholderText("https://sync.example.gov.cn")
        self.save_button = QPushButton(self.tr("Save enrolment request…"))
        self.save_button.clicked.connect(lambda: self.save_request())
        self.send_button = QPushButton(self.tr("Send enrolment request"))
        self.send_button.clicked.connect(lambda: self.send_request())
        request_box = QGroupBox(self.tr("Enrolment request"))
        form = QFormLayout(request_box)
        form.addRow(self.tr("Sync server"), self.server)
        row = QHBoxLayout()
        for button in (self.save_button, self.send_button):
            button.setMinimumHeight(TOUCH_MIN)
            row.addWidget(button)
        form.addRow(row)

        self.key_text = QPlainTextEdit()
        self.key_text.setPlaceholderText(self.tr("Paste the office key here (the text that "
                                                 "“inspector office public-key” prints)"))
        self.key_text.setFixedHeight(self.key_text.fontMetrics().lineSpacing() * 3 + 12)
        self.load_key_button = QPushButton(self.tr("Load from file…"))
        self.load_key_button.clicked.connect(lambda: self.load_key_file())
        self.trust_button = QPushButton(self.tr("Trust office key"))
        self.trust_button.clicked.connect(lambda: self.trust_key())
        key_box = QGroupBox(self.tr("Trust office key…"))
        layout = QVBoxLayout(key_box)
        layout.addWidget(self.key_text)
        row = QHBoxLayout()
        for button in (self.load_key_button, self.trust_button):
            button.setMinimumHeight(TOUCH_MIN)
            row.addWidget(button)
        layout.addLayout(row)

        self.message = MessageLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (device_box, state_box, request_box, key_box):
            layout.addWidget(box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.refresh_state()

    # -- state -------------------------------------------------------------------------
    def refresh_state(self) -> sync_jobs.DeviceState:
        st = sync_jobs.device_state(self.ctx.db, self.ctx.workspace.folder)
        self.state = st
        self.device_id.setText(st.device_id)
        self.fingerprint.setText(st.fingerprint)
        if st.office_key_id:
            self.office_state.setText(self.tr("Trusted (key id %1, office device %2)")
                                      .replace("%1", st.office_key_id)
                                      .replace("%2", st.office_device[:8]))
            self.office_state.setStyleSheet("color: #1b5e20;")
        else:
            self.office_state.setText(self.tr("Not trusted yet: paste or load the office key "
                                              "below"))
            self.office_state.setStyleSheet("color: #b26a00;")
        texts = {"enrolled": self.tr("Enrolled"),
                 "revoked": self.tr("Revoked by the office: this device can no longer sync"),
                 "unknown": self.tr("Not confirmed yet (the office's enrolment arrives with the "
                                    "first sync after it)")}
        if st.enrolment == "unknown" and self.last_answer:
            status = self.last_answer.get("status")
            if status == "pending":
                texts["unknown"] = self.tr("Request received by the office, waiting for it to "
                                           "enrol this device")
            elif status == "enrolled":
                texts["unknown"] = self.tr("Enrolled at the office (confirmed here by the next "
                                           "sync)")
        self.enrol_state.setText(texts[st.enrolment])
        colours = {"enrolled": "#1b5e20", "revoked": "#b00020", "unknown": "#b26a00"}
        self.enrol_state.setStyleSheet(f"color: {colours[st.enrolment]};")
        self.segment_state.setText(st.segment or self.tr("Not assigned yet"))
        return st

    # -- the request ---------------------------------------------------------------------
    def save_request(self, path: str | None = None) -> bool:
        """Write the request file (the CLI's ``device enrol-request -o``); False if not."""
        if path is None:
            suggested = f"登记申请_{self.state.device_id[:8]}.json"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save enrolment request"),
                                                  suggested, self.tr("Enrolment request (*.json)"))
            if not path:
                return False
        try:
            req = sync_jobs.save_enrol_request(self.ctx.db, self.ctx.workspace.folder, path,
                                               name=self.name.text())
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self.message.show_error(sync_jobs.explain(exc))
            return False
        self.refresh_state()
        self.sig_changed.emit()
        self.message.show_info(self.tr("Enrolment request saved to %1. Fingerprint: %2")
                               .replace("%1", str(path)).replace("%2", req["fingerprint"]))
        return True

    def send_request(self) -> bool:
        """Post the request to the server in the field (on a thread); False if not started."""
        if self.runner.running:
            return False
        try:
            req = sync_jobs.build_enrol_request(self.ctx.db, self.ctx.workspace.folder,
                                                name=self.name.text())
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self.message.show_error(sync_jobs.explain(exc))
            self.sig_sent.emit(False)
            return False
        self.refresh_state()
        self.sig_changed.emit()
        server = self.server.text().strip()
        self.send_button.setEnabled(False)
        self.message.show_info(self.tr("Sending the enrolment request…"))
        self.runner.start(partial(_send, server, req), sync_jobs.SyncJob())
        return True

    def _sent(self, answer: dict) -> None:
        self.send_button.setEnabled(True)
        self.last_answer = answer
        if self.server.text().strip() != settings.get(settings.SYNC_SERVER):
            settings.put(settings.SYNC_SERVER, self.server.text().strip())
        self.refresh_state()
        status = (self.tr("enrolled") if answer.get("status") == "enrolled"
                  else self.tr("waiting for the office to enrol it"))
        self.message.show_info(self.tr("The office received the request (%1). Fingerprint: %2")
                               .replace("%1", status)
                               .replace("%2", str(answer.get("fingerprint", ""))))
        self.sig_sent.emit(True)

    def _send_failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.message.show_error(sync_jobs.explain(exc))
        self.sig_sent.emit(False)

    # -- the office key ------------------------------------------------------------------
    def trust_key(self, text: str | None = None) -> bool:
        """Trust the pasted (or given) office key; a malformed one is refused, nothing stored."""
        if text is None:
            text = self.key_text.toPlainText()
        else:
            self.key_text.setPlainText(text)
        if not text.strip():
            self.message.show_error(self.tr("Paste the office key first, or load it from a file."))
            return False
        previous = self.state.office_key_id
        try:
            office = sync_jobs.trust_office_key(self.ctx.db, text)
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self.message.show_error(error_text(exc))
            return False
        self.refresh_state()
        self.sig_changed.emit()
        line = self.tr("Trusting the office key %1 (office device %2).").replace(
            "%1", office.key_id).replace("%2", office.device_id[:8])
        if previous and previous != office.key_id:
            line += " " + self.tr("It replaces the key %1 trusted before.").replace("%1", previous)
        self.message.show_info(line)
        return True

    def load_key_file(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Load office key"), "",
                                                  self.tr("All files (*)"))
            if not path:
                return False
        try:
            text = sync_jobs.read_office_key_file(path)
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self.message.show_error(error_text(exc))
            return False
        return self.trust_key(text)


def _send(server: str, req: dict, _job: sync_jobs.SyncJob) -> dict:
    return sync_jobs.send_enrol_request(server, req)
