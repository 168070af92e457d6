"""Screenshots of the main screens at 1366x768 (run under Xvfb for real fonts).

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 .venv/bin/python scripts/ui_screenshots.py OUT_DIR
Uses the data folder named by INSPECTOR_DATA_DIR (fill it with `inspector demo` first).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from inspector_app.cli.context import open_workspace
from inspector_app.rules.enums import Outcome
from inspector_app.store.models import Equipment, Officer
from inspector_app.ui.app import ensure_forms, install_translators
from inspector_app.ui.context import AppContext
from inspector_app.ui.mainwindow import MainWindow
from inspector_app.ui.writer import Writer


def settle(app: QApplication, ms: int = 300) -> None:
    QTest.qWait(ms)
    app.processEvents()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_translators(app, "zh_CN")
    ws = open_workspace(None)
    ensure_forms(ws)
    with ws.db.read() as s:
        officer = s.scalars(select(Officer).order_by(Officer.cert_no)).first()
        eq = s.scalars(select(Equipment).where(Equipment.kind == "elevator")
                       .order_by(Equipment.next_inspection_due)).first()
    ctx = AppContext(workspace=ws, writer=Writer(ws.db, inline=True), officer_id=officer.id,
                     officer_name=officer.name)
    window = MainWindow(ctx)
    window.showMaximized()
    settle(app)
    window.home.search.setText(eq.registration_code[4:12])
    window.home.run_search()
    settle(app)
    window.grab().save(str(out / "home-search.png"))
    window.home.search.clear()
    window.open_unit(eq.unit_id, eq.id)
    settle(app)
    window.start_dialog.grab().save(str(out / "start-dialog.png"))
    QTest.keyClick(window.start_dialog, Qt.Key.Key_Return)
    settle(app)
    screen = window.screen
    for _ in range(6):
        screen.answer(Outcome.PASS)
    screen.answer(Outcome.FAIL)
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 110, 140)).save(buf, format="JPEG")
    photo = Path(tempfile.mkdtemp()) / "photo.jpg"
    photo.write_bytes(buf.getvalue())
    screen.add_photo_files([str(photo)])
    settle(app)
    window.grab().save(str(out / "checklist.png"))
    window.open_signoff(screen.inspection_id)
    settle(app)
    window.grab().save(str(out / "signoff.png"))
    documents_and_follow_up(app, window, ctx, out, photo)
    ctx.writer.shutdown()


def documents_and_follow_up(app, window, ctx, out: Path, photo: Path) -> None:
    """The directive preview of a demo inspection, then the follow-up of its unit."""
    from inspector_app.core.followup_view import open_finding_count
    from inspector_app.store.models import Directive, Inspection

    with ctx.db.read() as s:
        directive = s.scalars(select(Directive).order_by(Directive.number)).first()
        units = s.scalars(select(Inspection.unit_id).where(Inspection.status == "concluded"))
        unit_id = max(units, key=lambda u: open_finding_count(s, u))  # the most to verify
    window.open_documents(directive.inspection_id)
    settle(app, 800)
    window.grab().save(str(out / "directive-preview.png"))
    window.open_follow_up(unit_id)
    screen = window.screen
    screen.add_evidence_files([str(photo)])
    screen.note.setText("已整改，现场核实")
    screen.mark(True)
    settle(app)
    window.grab().save(str(out / "follow-up.png"))


if __name__ == "__main__":
    main()
