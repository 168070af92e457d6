"""The status-bar line: time of the last successful sync and the changes still waiting."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from inspector_app import paths
from inspector_app.core import clock
from inspector_app.core.sync_status import SyncStatus, sync_status

from ..context import AppContext

REFRESH_DELAY_MS = 150  # answers come in bursts: count once after the burst


class SyncStatusLabel(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status: SyncStatus | None = None
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        ctx.writer.sig_done.connect(self._written)  # a bound method: dropped with the label
        self.refresh()

    def _written(self, *_args) -> None:
        self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        with self.ctx.db.read() as s:
            self.status = sync_status(s, device_id=self.ctx.db.device_id())
        st = self.status
        if self.office:  # the office's own database: laptops send to it, it waits for nobody
            got = clock.format_datetime(st.last_received, self.ctx.zone)
            self.setText(self.tr("Office database · last bundle received: %1").replace("%1", got)
                         if got else self.tr("Office database · no bundle received yet"))
            self.setStyleSheet("color: #1a2f55;")
            return
        if not st.office_trusted:  # a fresh laptop: nothing can be synced yet, nothing is wrong
            self.setText(self.tr("Not enrolled with the office yet: the data stays on this "
                                 "computer (Sync › Enrol device…)"))
            self.setStyleSheet("color: #555;")
            return
        last = clock.format_datetime(st.last_sync, self.ctx.zone, empty=self.tr("never"))
        self.setText(self.tr("Last sync: %1 · waiting: %2 changes")
                     .replace("%1", last).replace("%2", str(st.pending)))
        self.setStyleSheet("color: #b26a00;" if st.pending else "color: #1b5e20;")

    @property
    def office(self) -> bool:
        """This data folder holds the office key: it is the office's database."""
        return (self.ctx.workspace.folder / paths.OFFICE_KEY_FILE).exists()

    @property
    def pending(self) -> int:
        return self.status.pending if self.status is not None else 0
