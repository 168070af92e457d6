"""Reads too slow for the UI thread (rendering a record PDF) run in Qt's thread pool.

``fn(session)`` runs inside ``db.read()`` on a pool thread; its result or error
comes back on the UI thread. Writes never come here: they go through the writer.
When the writer runs inline (tests), reads run inline too, so tests stay deterministic.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from .context import AppContext

log = logging.getLogger(__name__)
_live: set[_Relay] = set()  # relays waiting for their task; kept alive until it reports


class _Relay(QObject):
    sig_done = Signal(object)
    sig_failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, ctx: AppContext, fn: Callable[[Any], Any], relay: _Relay) -> None:
        super().__init__()
        self.ctx, self.fn, self.relay = ctx, fn, relay

    def run(self) -> None:
        try:
            with self.ctx.db.read() as session:
                result = self.fn(session)
        except Exception as exc:  # noqa: BLE001 - reported to the UI
            self.relay.sig_failed.emit(exc)
        else:
            self.relay.sig_done.emit(result)


def run_read(ctx: AppContext, fn: Callable[[Any], Any], *,
             on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
    if ctx.writer.inline:
        try:
            with ctx.db.read() as session:
                result = fn(session)
        except Exception as exc:  # noqa: BLE001
            on_error(exc)
        else:
            on_done(result)
        return
    relay = _Relay()
    _live.add(relay)

    def finish(callback, value) -> None:
        _live.discard(relay)
        try:
            callback(value)
        except RuntimeError:  # the screen that asked was closed meanwhile
            log.debug("background read finished after its screen closed")

    relay.sig_done.connect(lambda r: finish(on_done, r))
    relay.sig_failed.connect(lambda e: finish(on_error, e))
    QThreadPool.globalInstance().start(_Task(ctx, fn, relay))
