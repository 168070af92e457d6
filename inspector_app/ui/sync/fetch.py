"""从局端获取: on a scoped laptop, the files of an inspection outside its sync scope (photos,
signatures, directive PDFs) are known only by their hash. A screen that shows them puts
this bar above its tiles or its PDF: it says how many are kept at the office, fetches them
on demand off the UI thread (``core.sync_jobs.fetch_files``, each file checked against its
hash) with progress and Cancel, says a failure in Chinese (offline: the server does not
answer), and tells the screen to show them once they are here (``sig_fetched``).
"""

from __future__ import annotations

from functools import partial

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from .. import settings
from ..context import AppContext
from .runner import JobRunner


class FetchBar(QFrame):
    sig_fetched = Signal(int)  # files fetched (the screen shows them again)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shas: list[str] = []
        self.last_error = ""
        self.setStyleSheet("FetchBar { background: #fff4e0; border: 1px solid #e0b060; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.hide()
        self.button = QPushButton(self.tr("Get the files from the office"))
        self.button.setMinimumHeight(36)
        self.button.clicked.connect(lambda: self.fetch())
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setMinimumHeight(36)
        self.cancel_button.hide()
        self.runner = JobRunner(self)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.runner.sig_progress.connect(self._progress)
        self.runner.sig_done.connect(self._done)
        self.runner.sig_failed.connect(self._failed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.button)
        self.hide()

    # -- what is missing here --------------------------------------------------------------
    def set_inspection(self, inspection_id: str | None, shas: list[str] | None = None) -> int:
        """Look up which files of the inspection (or of ``shas``) the office keeps; the bar
        shows itself when there are any. The number found."""
        from inspector_app.core.sync_jobs import remote_files

        if self.runner.running:
            return len(self.shas)
        with self.ctx.db.read() as s:
            self.shas = remote_files(s, inspection_id=inspection_id, shas=shas or ())
        self._describe()
        return len(self.shas)

    def _describe(self) -> None:
        self.bar.hide()
        self.cancel_button.hide()
        self.button.setEnabled(True)
        if not self.shas:
            self.hide()
            return
        text = self.tr("%1 file(s) of this inspection (photos, signatures or documents) are "
                       "kept at the office: this laptop's sync scope leaves them out.")  # fmt: skip
        text = text.replace("%1", str(len(self.shas)))
        if not settings.get(settings.SYNC_SERVER).strip():
            text += " " + self.tr("No sync server is set, so they cannot be fetched here.")
        self.label.setText(text)
        self.label.setStyleSheet("")
        self.show()

    # -- fetching --------------------------------------------------------------------------
    def fetch(self) -> bool:
        """Start fetching off the UI thread; False when nothing was started."""
        if self.runner.running or not self.shas:
            return False
        from inspector_app.core import sync_jobs

        server = settings.get(settings.SYNC_SERVER)
        ws = self.ctx.workspace
        fn = partial(_fetch, ws.db, ws.blobs, ws.folder, server, list(self.shas))
        self.last_error = ""
        self.button.setEnabled(False)
        self.cancel_button.show()
        self.bar.setRange(0, len(self.shas))
        self.bar.setValue(0)
        self.bar.show()
        self.label.setStyleSheet("")
        self.label.setText(self.tr("Fetching from the office…"))
        self.runner.start(fn, sync_jobs.SyncJob())
        return True

    @property
    def busy(self) -> bool:
        return self.runner.running

    def _progress(self, _phase: str, done: int, total: int, message: str) -> None:
        if not shiboken6.isValid(self.bar):
            return
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if message:
            self.label.setText(message)

    def _done(self, fetched: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.shas = []
        self._describe()
        self.sig_fetched.emit(fetched)

    def _failed(self, exc: BaseException) -> None:
        from inspector_app.core.sync_jobs import explain
        from inspector_app.sync.errors import SyncCancelled

        if not shiboken6.isValid(self):
            return
        if isinstance(exc, SyncCancelled):
            text = self.tr("Fetching cancelled; the files are still kept at the office.")
        elif "unreachable" in str(exc):
            text = self.tr("Offline: the office's sync server does not answer. The files stay "
                           "at the office; fetch them when this laptop is online.")  # fmt: skip
        else:
            text = explain(exc)
        self.last_error = text
        self.bar.hide()
        self.cancel_button.hide()
        self.button.setEnabled(True)
        self.label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.label.setText(text)
        # what was fetched before the failure is kept; the rest is still missing
        with self.ctx.db.read() as s:
            from inspector_app.core.sync_jobs import remote_files

            self.shas = remote_files(s, shas=self.shas)

    def join(self, timeout: float = 30.0) -> None:
        self.runner.join(timeout)


def _fetch(db, blobs, folder, server, shas, job):
    from inspector_app.core import sync_jobs

    return sync_jobs.fetch_files(db, blobs, folder=folder, server=server, shas=shas, job=job)
