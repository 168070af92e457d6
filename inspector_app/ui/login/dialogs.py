"""First-run setup (create the first officer) and the login dialog.

The login dialog is the app's first window: it is shown before the database is
open (``LoginDialog(None)``: a "正在打开数据库…" line, the button disabled) and
becomes usable when the start-up hands it the writer (``set_writer``). The core
is imported inside the jobs, so this module loads without SQLAlchemy.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.rules.enums import OfficerRole

from .. import settings
from ..common import MessageLabel, error_text, touch_button

if TYPE_CHECKING:
    from ..writer import Writer


class SetupDialog(QDialog):
    """Shown once, when the database has no officer: creates the first account."""

    def __init__(self, writer: Writer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writer = writer
        self.officer_id: str | None = None
        self.setWindowTitle(self.tr("First start: create an officer account"))
        self.name = QLineEdit()
        self.cert_no = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.tr("Inspector"), OfficerRole.INSPECTOR.value)
        self.role.addItem(self.tr("Supervisor"), OfficerRole.SUPERVISOR.value)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = MessageLabel()
        self.create = touch_button(self.tr("Create account"))
        self.create.setDefault(True)
        self.create.clicked.connect(self._create)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Law-enforcement certificate no."), self.cert_no)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("No officer account exists yet. Create the first one."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.create)
        self.setMinimumWidth(420)

    def _create(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.show_error(self.tr("The two passwords differ."))
            return
        self.create.setEnabled(False)
        job = partial(_add, name=self.name.text(), cert_no=self.cert_no.text(),
                      role=self.role.currentData(), password=self.password.text())
        self.writer.submit(job, on_done=self._created, on_error=self._failed)

    def _created(self, officer_id: str) -> None:
        self.officer_id = officer_id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.create.setEnabled(True)
        self.message.show_error(error_text(exc))


def _add(session, **kwargs) -> str:
    from inspector_app.core.officers import add_officer

    return add_officer(session, **kwargs).id


class LoginDialog(QDialog):
    """执法证号 and password; wrong passwords count towards the core's lock-out."""

    def __init__(self, writer: Writer | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writer = writer
        self.officer: tuple[str, str] | None = None  # (id, name)
        self.setWindowTitle(self.tr("Log in"))
        self.cert_no = QLineEdit(settings.get(settings.LAST_CERT_NO))  # who logged in last here
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._login)
        self.message = MessageLabel()
        self.button = touch_button(self.tr("Log in"))
        self.button.setDefault(True)
        self.button.clicked.connect(self._login)
        form = QFormLayout()
        form.addRow(self.tr("Law-enforcement certificate no."), self.cert_no)
        form.addRow(self.tr("Password"), self.password)
        title = QLabel(self.tr("Special equipment field inspection"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.button)
        self.setMinimumWidth(420)
        if writer is None:  # the database is still opening: type ahead, log in once it is open
            self.button.setEnabled(False)
            self.message.show_info(self.tr("Opening the database…"))

    def set_writer(self, writer: Writer) -> None:
        """The database is open: logging in works from now on."""
        self.writer = writer
        self.message.clear_message()
        self.button.setEnabled(True)
        (self.password if self.cert_no.text() else self.cert_no).setFocus()

    def _login(self) -> None:
        if not self.button.isEnabled() or self.writer is None:
            return
        self.button.setEnabled(False)
        self.message.clear_message()
        cert_no, password = self.cert_no.text(), self.password.text()

        def job(db):
            from inspector_app.core.officers import login

            officer = login(db, cert_no=cert_no, password=password)
            return officer.id, officer.name

        self.writer.submit(job, raw=True, on_done=self._logged_in, on_error=self._failed)

    def _logged_in(self, officer: tuple[str, str]) -> None:
        self.officer = officer
        settings.put(settings.LAST_CERT_NO, self.cert_no.text().strip())
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.show_error(error_text(exc))
