"""同步 / 导出到U盘… / 导入同步包…: the actions, their background runs and what they report.

The work itself is ``core.sync_jobs`` (no Qt); this controller asks for the
server, folder or files, runs the job on a thread with a progress dialog and
Cancel, and reports the outcome. Nobody holds the main window: it adds the
actions to its toolbar and listens to ``sig_data_changed`` and ``sig_message``.
Dialogs that report are opened window-modal (``open``), never ``exec``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from inspector_app.core.sync_status import EXPORT, IMPORT, STAGES

from .. import settings
from ..context import AppContext
from .progress import SyncProgressDialog
from .report import ImportReportDialog
from .runner import JobRunner

if TYPE_CHECKING:  # the sync code (httpx, cryptography) loads when a job first runs
    from inspector_app.core import sync_jobs


class SyncController(QObject):
    sig_data_changed = Signal()  # rows came in or the acknowledged cursor moved
    sig_message = Signal(str)  # one line for the status bar
    sig_finished = Signal(bool)  # the last job ended; True when it succeeded

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.attempts = 6
        self.base_delay = 0.5
        self.runner = JobRunner(self)
        self.runner.sig_done.connect(self._done)
        self.runner.sig_failed.connect(self._failed)
        self.runner.sig_finished.connect(self._finished)
        self.progress: SyncProgressDialog | None = None
        self.error_box: QMessageBox | None = None
        self.info_box: QMessageBox | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.last_error = ""
        self.last_result: object = None
        self._ok = False
        self.sync_action = QAction(self.tr("Sync"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setToolTip(self.tr("Send this laptop's changes to the office and fetch "
                                            "the office's changes"))
        self.sync_action.triggered.connect(lambda: self.sync_now())
        self.export_action = QAction(self.tr("Export to USB stick…"), self)
        self.export_action.triggered.connect(lambda: self.export_to_folder())
        self.import_action = QAction(self.tr("Import sync bundles…"), self)
        self.import_action.triggered.connect(lambda: self.import_bundles())
        # in the 同步 menu only (not the toolbar), usable while a sync runs
        self.enrol_action = QAction(self.tr("Device enrolment…"), self)
        self.enrol_action.setToolTip(self.tr("This device's id and fingerprint, its enrolment "
                                             "request and the office key"))
        self.enrol_action.triggered.connect(lambda: self.open_enrolment())
        self.enrol_dialog = None

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.sync_action, self.export_action, self.import_action)

    @property
    def busy(self) -> bool:
        return self.runner.running

    # -- starting a job -------------------------------------------------------------
    def _start(self, title: str, stages: tuple[str, ...], fn, on_done) -> None:
        for action in self.actions:
            action.setEnabled(False)
        self.last_error, self.last_result, self._ok = "", None, False
        self._on_done = on_done
        dialog = SyncProgressDialog(title, stages, self.window)
        dialog.sig_cancel.connect(self.runner.cancel)
        self.runner.sig_progress.connect(dialog.update_progress)
        self.progress = dialog
        dialog.open()
        from inspector_app.core.sync_jobs import SyncJob

        self.runner.start(fn, SyncJob())

    def _finished(self) -> None:
        """Runs on the UI thread after sig_done / sig_failed of the runner."""
        if self.progress is not None:
            self.runner.sig_progress.disconnect(self.progress.update_progress)
            self.progress.done(0)
            self.progress.deleteLater()
            self.progress = None
        for action in self.actions:
            action.setEnabled(True)
        self.sig_data_changed.emit()
        self.sig_finished.emit(self._ok)

    def _done(self, result: object) -> None:
        self._ok, self.last_result = True, result
        self._on_done(result)

    def _failed(self, exc: BaseException) -> None:
        from inspector_app.core.sync_jobs import explain

        self.last_error = explain(exc)
        self.sig_message.emit(self.last_error.splitlines()[0])
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Sync"), self.last_error,
                          QMessageBox.StandardButton.Ok, self.window)
        self.error_box = box
        box.open()

    def _inform(self, text: str) -> None:
        self.sig_message.emit(text)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Sync"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        self.info_box = box
        box.open()

    # -- the three actions ---------------------------------------------------------
    def sync_now(self, server: str | None = None) -> bool:
        """Sync with the server in the settings; False when nothing was started."""
        if self.busy:
            return False
        server = server if server is not None else settings.get(settings.SYNC_SERVER)
        ws = self.ctx.workspace
        fn = partial(_sync, ws.db, ws.blobs, ws.folder, server, self.attempts, self.base_delay)
        self._start(self.tr("Sync with the office"), STAGES, fn, self._synced)
        return True

    def _synced(self, report) -> None:
        self.sig_message.emit(
            self.tr("Sync done: %1 bundle(s) sent, %2 change(s) received, %3 conflict(s).")
            .replace("%1", str(report.pushed)).replace("%2", str(report.pulled_changes))
            .replace("%3", str(report.conflicts)))
        said = []
        if report.refused_forms:
            from inspector_app.core.sync_jobs import refused_forms_text

            said.append(self.tr(
                "The sync is done, but these checklist form publications were refused and are "
                "not used (new inspections keep the current form; tell the office):\n%1")
                .replace("%1", refused_forms_text(report.refused_forms)))
        if report.withheld:
            said.append(self.tr(
                "The office left out %1 change(s) because a photo, signature or PDF is missing "
                "or damaged there. The office has them on record; they follow in a later sync "
                "once the files are restored. Tell the office if this lasts.")
                .replace("%1", str(report.withheld)))
        if said:
            self._inform("\n\n".join(said))

    def export_to_folder(self, folder: str | None = None) -> bool:
        if self.busy:
            return False
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self.window, self.tr("Export to USB stick"))
            if not folder:
                return False
        ws, officer = self.ctx.workspace, self.ctx.officer_id
        fn = partial(_export, ws.db, ws.blobs, ws.folder, Path(folder), officer)
        self._start(self.tr("Export to USB stick"), (EXPORT,), fn, self._exported)
        return True

    def _exported(self, result: sync_jobs.ExportResult) -> None:
        if result.path is None:
            self._inform(self.tr("Nothing to export: the office has every change of this laptop."))
            return
        self._inform(self.tr("%1 changes (%2 files attached) written to\n%3\nImport it at the "
                             "office with 导入同步包….")
                     .replace("%1", str(result.changes)).replace("%2", str(result.blobs))
                     .replace("%3", str(result.path)))

    def import_bundles(self, paths: list[str] | None = None) -> bool:
        if self.busy:
            return False
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(
                self.window, self.tr("Import sync bundles"), "",
                self.tr("Sync bundles (*.bundle);;All files (*)"))
            if not paths:
                return False
        ws = self.ctx.workspace
        fn = partial(_import, ws.db, ws.blobs, ws.folder, list(paths))
        self._start(self.tr("Import sync bundles"), (IMPORT,), fn, self._imported)
        return True

    def open_enrolment(self):
        """The 设备登记 dialog, window-modal; it is returned (tests drive it directly)."""
        from .enrol_dialog import EnrolDialog

        dialog = EnrolDialog(self.ctx, self.window)
        dialog.sig_changed.connect(self.sig_data_changed)
        self.enrol_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, summary: sync_jobs.ImportSummary) -> None:
        applied = sum(f.status == "applied" for f in summary.files)
        self.sig_message.emit(self.tr("%1 of %2 bundle(s) imported.")
                              .replace("%1", str(applied)).replace("%2", str(len(summary.files))))
        dialog = ImportReportDialog(summary, self.window)
        self.report_dialog = dialog
        dialog.open()


def _sync(db, blobs, folder, server, attempts, base_delay, job):
    from inspector_app.core import sync_jobs

    return sync_jobs.run_sync(db, blobs, folder=folder, server=server, job=job,
                              attempts=attempts, base_delay=base_delay)


def _export(db, blobs, folder, target, officer_id, job):
    from inspector_app.core import sync_jobs

    return sync_jobs.export_to_folder(db, blobs, folder=folder, target=target,
                                      officer_id=officer_id, job=job)


def _import(db, blobs, folder, paths, job):
    from inspector_app.core import sync_jobs

    return sync_jobs.import_files(db, blobs, folder=folder, paths=paths, job=job)
