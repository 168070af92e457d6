"""Screenshots of sync and the supervisor's workspace at 1366x768 (run under Xvfb).

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 openbox &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/ui_screenshots_sync.py OUT_DIR
Makes its own demo data in a temporary folder; logs in as the demo supervisor (35060010).
Writes supervisor-inspections.png, supervisor-findings.png, supervisor-detail.png,
sync-progress.png and sync-retry.png.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]


def settle(app: QApplication, ms: int = 400) -> None:
    """Run the event loop for ``ms`` (QTest.qWait keeps the GIL from the sync thread)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def shoot(app: QApplication, path: Path) -> None:
    """The whole screen, so that dialogs over the window are in the picture."""
    app.primaryScreen().grabWindow(0).save(str(path))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ["INSPECTOR_DATA_DIR"] = tempfile.mkdtemp(prefix="inspector-shots-")
    from inspector_app.cli.context import open_workspace
    from inspector_app.core import demo
    from inspector_app.core.sync_status import IMPORT, STAGES
    from inspector_app.store.models import Finding, Officer
    from inspector_app.ui.app import ensure_forms, prepare
    from inspector_app.ui.context import AppContext
    from inspector_app.ui.mainwindow import MainWindow
    from inspector_app.ui.sync.progress import SyncProgressDialog
    from inspector_app.ui.writer import Writer

    app = QApplication(sys.argv[:1])
    prepare(app, "zh_CN")  # bundled font, translations, as the app does
    ws = open_workspace(None)
    demo.generate(ws.db, ws.blobs, equipment=300, seed=3)
    ensure_forms(ws)
    today = dt.date.today()
    with ws.db.write() as s:  # a few findings past their deadline, as an office sees them
        for i, f in enumerate(s.scalars(select(Finding).where(Finding.status == "open")
                                        .order_by(Finding.deadline).limit(3))):
            f.deadline = today - dt.timedelta(days=5 + i)
    with ws.db.read() as s:
        boss = s.scalars(select(Officer).where(Officer.cert_no == "35060010")).one()
    ctx = AppContext(workspace=ws, writer=Writer(ws.db, inline=True), officer_id=boss.id,
                     officer_name=boss.name)
    window = MainWindow(ctx)
    window.show_placed()
    settle(app)
    screen = window.home
    shoot(app, out / "supervisor-inspections.png")
    screen.tabs.setCurrentIndex(1)
    settle(app)
    shoot(app, out / "supervisor-findings.png")
    screen.tabs.setCurrentIndex(0)
    view = screen.table("inspections")
    source = view.model().sourceModel()
    row = next(r for r in range(source.rowCount()) if source.row_object(r).directive_number)
    window.open_received(source.row_object(row).id)
    settle(app, 1000)
    shoot(app, out / "supervisor-detail.png")
    window.show_home()
    settle(app)

    dialog = SyncProgressDialog(window.sync.tr("Sync with the office"), STAGES, window)
    dialog.open()
    dialog.update_progress(IMPORT, 1240, 2000, "")
    settle(app)
    shoot(app, out / "sync-progress.png")
    dialog.done(0)

    # trust an office key (its server is not running) so the sync gets to the network
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from inspector_app.sync import enrol, keys

    office_dir = Path(tempfile.mkdtemp(prefix="inspector-office-"))
    office_box = keys.create_office_key(office_dir).public_key().public_bytes_raw()
    office_sign = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    enrol.trust_office(ws.db, keys.OfficeKey(office_box, office_sign, str(uuid.uuid4())))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    window.sync.attempts, window.sync.base_delay = 3, 1.5
    window.sync.sync_now(f"http://127.0.0.1:{port}")  # nothing listens: retried with backoff
    deadline = dt.datetime.now() + dt.timedelta(seconds=10)
    while "重试" not in window.sync.progress.line.text() and dt.datetime.now() < deadline:
        settle(app, 50)
    shoot(app, out / "sync-retry.png")
    window.sync.runner.cancel()
    window.sync.runner.join(30)
    settle(app)
    ctx.writer.shutdown()


if __name__ == "__main__":
    main()
