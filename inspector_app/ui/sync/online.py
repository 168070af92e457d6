"""Is the office's sync server reachable from here? A dot in the status bar.

Asked off the UI thread (``GET /v1/health``, a few seconds at most) when the
window opens, every minute, and after each sync; the answer comes back by
signal. No server set says so instead.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from .. import settings

CHECK_EVERY_MS = 60_000
TIMEOUT_S = 4.0
ONLINE, OFFLINE, NO_SERVER, CHECKING = "online", "offline", "no_server", "checking"


def probe(server: str, timeout: float = TIMEOUT_S) -> bool:
    """True when the server answers its health check (plain function: no Qt)."""
    import httpx

    from inspector_app.sync import tls

    url = server.rstrip("/") + "/v1/health"
    try:
        return httpx.get(url, timeout=timeout, verify=tls.context()).status_code == 200
    except (httpx.HTTPError, ValueError):
        return False


class _Relay(QObject):
    sig_result = Signal(str, bool)  # server, reachable


class OnlineIndicator(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = CHECKING
        self._relay = _Relay(self)
        self._relay.sig_result.connect(self._answered)
        self._busy = False
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self.check()

    def check(self) -> None:
        server = settings.get(settings.SYNC_SERVER).strip()
        if not server:
            self._show(NO_SERVER)
            return
        if self._busy:
            return
        self._busy = True
        if self.state == NO_SERVER:
            self._show(CHECKING)
        relay = self._relay
        threading.Thread(
            target=lambda: relay.sig_result.emit(server, probe(server)),
            name="inspector-online",
            daemon=True,
        ).start()

    def _answered(self, _server: str, reachable: bool) -> None:
        self._busy = False
        self._show(ONLINE if reachable else OFFLINE)

    def _show(self, state: str) -> None:
        self.state = state
        text, colour = {
            ONLINE: (self.tr("● Online"), "#1b5e20"),
            OFFLINE: (self.tr("● Offline (the sync server does not answer)"), "#8a4b00"),
            NO_SERVER: (self.tr("○ No sync server set"), "#666666"),
            CHECKING: (self.tr("○ Checking the connection…"), "#666666"),
        }[state]
        self.setText(text)
        self.setStyleSheet(f"color: {colour};")
