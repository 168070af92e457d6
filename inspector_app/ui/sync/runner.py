"""Runs one ``fn(job)`` from ``core.sync_jobs`` on a Python thread and relays it by signal.

The job object is shared: the worker thread updates it and calls ``on_progress``,
which only emits a signal (queued to the UI thread); Cancel sets its flag from
the UI thread and the work stops at its next step.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class JobRunner(QObject):
    sig_progress = Signal(str, int, int, str)  # phase, done, total, message
    sig_done = Signal(object)
    sig_failed = Signal(object)
    sig_finished = Signal()  # after done or failed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: Any = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, fn: Callable[[Any], Any], job: Any) -> None:
        self.job = job
        job.on_progress = lambda j: self.sig_progress.emit(j.phase, j.done, j.total, j.message)
        self._thread = threading.Thread(target=self._run, args=(fn, job), name="inspector-sync",
                                        daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[Any], Any], job: Any) -> None:
        try:
            result = fn(job)
        except Exception as exc:  # noqa: BLE001 - reported on the UI thread
            if not hasattr(exc, "message_zh"):
                log.warning("background sync job failed", exc_info=exc)
            self.sig_failed.emit(exc)
        else:
            self.sig_done.emit(result)
        self.sig_finished.emit()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def join(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
