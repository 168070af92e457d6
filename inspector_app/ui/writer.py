"""The one serial path every database write takes (Anki's taskman, for SQLite).

A job is a callable ``fn(session) -> result`` run inside ``db.write()`` on a
single background thread, strictly in the order submitted, so two answers given
in quick succession can never interleave or race for SQLite's write lock.
Results and errors come back to the UI thread through signals. ``inline=True``
runs each job at once on the calling thread (Picard's FakeThreadPool) so GUI
tests are deterministic.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

if TYPE_CHECKING:  # the start-up creates the writer once the database is open
    from inspector_app.store.db import Database

log = logging.getLogger(__name__)

Job = Callable[[Any], Any]
Callback = Callable[[Any], None]


class _Worker(QObject):
    sig_finished = Signal(int, object, object)  # job id, result, error

    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db

    @Slot(int, object, bool)
    def run(self, job_id: int, fn: Job, raw: bool) -> None:
        result, error = _execute(self._db, fn, raw)
        self.sig_finished.emit(job_id, result, error)


def _execute(db: Database, fn: Job, raw: bool = False) -> tuple[Any, BaseException | None]:
    try:
        if raw:  # the job opens its own transaction (core.officers.login does)
            return fn(db), None
        with db.write() as session:
            return fn(session), None
    except Exception as exc:  # noqa: BLE001 - reported to the UI, never swallowed
        if not _is_user_error(exc):
            log.exception("database write failed")
        return None, exc


def _is_user_error(exc: BaseException) -> bool:
    from inspector_app.core.errors import UserError

    return isinstance(exc, UserError)


class Writer(QObject):
    """Runs database writes one after another, off the UI thread."""

    sig_submit = Signal(int, object, bool)
    sig_done = Signal(int, object)  # job id, result
    sig_failed = Signal(int, object)  # job id, exception
    sig_busy = Signal(bool)

    def __init__(self, db: Database, *, inline: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.inline = inline
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callback | None, Callback | None]] = {}
        self._pending = 0
        self._idle = threading.Event()
        self._idle.set()
        self._thread: QThread | None = None
        if not inline:
            self._thread = QThread()
            self._thread.setObjectName("inspector-writer")
            self._worker = _Worker(db)
            self._worker.moveToThread(self._thread)
            self.sig_submit.connect(self._worker.run)
            self._worker.sig_finished.connect(self._finished)
            self._thread.start()

    def submit(self, fn: Job, *, on_done: Callback | None = None,
               on_error: Callback | None = None, raw: bool = False) -> int:
        """Queue ``fn(session)``; ``on_done(result)`` or ``on_error(exc)`` follow on the UI thread.

        With ``raw=True`` the job gets the Database and opens its own transaction.
        """
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        self._pending += 1
        self._idle.clear()
        if self._pending == 1:
            self.sig_busy.emit(True)
        if self.inline:
            result, error = _execute(self.db, fn, raw)
            self._finished(job_id, result, error)
        else:
            self.sig_submit.emit(job_id, fn, raw)
        return job_id

    @property
    def pending(self) -> int:
        return self._pending

    @Slot(int, object, object)
    def _finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        self._pending -= 1
        try:
            if error is None:
                self.sig_done.emit(job_id, result)
                if on_done is not None:
                    on_done(result)
            else:
                self.sig_failed.emit(job_id, error)
                if on_error is not None:
                    on_error(error)
        except RuntimeError:  # a callback's widget was deleted; the write itself is done
            log.exception("writer callback failed")
        finally:
            if self._pending == 0:
                self._idle.set()
                self.sig_busy.emit(False)

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        """Process events until every submitted job has reported back (tests, shutdown)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(timeout_ms)
        while self._pending and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QThread.msleep(2)
        return self._pending == 0

    def shutdown(self) -> None:
        """Finish queued writes, then stop the thread."""
        self.wait_idle()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
            self._thread = None
