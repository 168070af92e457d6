"""Screenshots of the main screens at 1366x768, taken from a real X11 screen.

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 openbox &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/ui_screenshots.py OUT_DIR
Uses the data folder named by INSPECTOR_DATA_DIR (fill it with `inspector demo` first).
Each picture is the X server's whole screen (window manager frame included), so what
does not fit the screen does not show.
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
from inspector_app.ui.app import ensure_forms, prepare
from inspector_app.ui.context import AppContext
from inspector_app.ui.mainwindow import MainWindow
from inspector_app.ui.writer import Writer


def settle(app: QApplication, ms: int = 300) -> None:
    QTest.qWait(ms)
    app.processEvents()


def shoot(app: QApplication, path: Path) -> None:
    """The whole X screen, as a person sees it."""
    settle(app, 200)
    app.primaryScreen().grabWindow(0).save(str(path))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    prepare(app, "zh_CN")  # bundled font, translations, Qt's own dialogs, as the app does
    ws = open_workspace(None)
    ensure_forms(ws)
    with ws.db.read() as s:
        officer = s.scalars(select(Officer).order_by(Officer.cert_no)).first()
        eq = found_before(s) or s.scalars(
            select(Equipment).where(Equipment.kind == "elevator")
            .order_by(Equipment.next_inspection_due)).first()
    ctx = AppContext(workspace=ws, writer=Writer(ws.db, inline=True), officer_id=officer.id,
                     officer_name=officer.name)
    window = MainWindow(ctx)
    window.show_placed()  # fits the screen as the app does (maximized at 1366x768)
    settle(app)
    shoot(app, out / "home.png")
    window.home.search.setText(eq.registration_code[4:12])
    window.home.run_search()
    shoot(app, out / "home-search.png")
    window.home.search.clear()
    window.open_unit(eq.unit_id, eq.id)
    shoot(app, out / "start-dialog.png")
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
    shoot(app, out / "checklist.png")
    earlier = next((r for r in screen.model.item_rows() if screen.model.prior(r)), None)
    if earlier is not None:  # what the last inspection found on this equipment
        screen.go_to(earlier)
        shoot(app, out / "checklist-found-before.png")
    screen.navigator.set_mode("failed")
    screen.navigator.search.setText("")
    shoot(app, out / "checklist-filter.png")
    screen.navigator.set_mode("all")
    window.open_signoff(screen.inspection_id)
    signoff = window.screen
    shoot(app, out / "signoff.png")
    signoff.open_review()
    shoot(app, out / "signoff-review.png")
    signoff.review.reject()
    documents_and_follow_up(app, window, ctx, out, photo)
    ctx.writer.shutdown()


def found_before(session):
    """An elevator whose last inspection found something (its items show it)."""
    from inspector_app.store.models import Finding, InspectionEquipment

    return session.scalars(
        select(Equipment)
        .join(InspectionEquipment, InspectionEquipment.equipment_id == Equipment.id)
        .join(Finding, Finding.inspection_equipment_id == InspectionEquipment.id)
        .where(Equipment.kind == "elevator", Finding.status == "open")
        .order_by(Equipment.id)).first()


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
    shoot(app, out / "directive-preview.png")
    # issuing asks first, with the number it takes (here: a corrected directive)
    pending = next((i for i in concluded_without_directive(ctx)), None)
    if pending is not None:
        window.open_documents(pending)
        settle(app, 600)
    window.screen.issue_directive(supersede=pending is None)
    shoot(app, out / "directive-confirm.png")
    window.screen.confirmation.reject()
    window.open_follow_up(unit_id)
    screen = window.screen
    screen.add_evidence_files([str(photo)])
    screen.note.setText("已整改，现场核实")
    screen.mark(True)
    shoot(app, out / "follow-up.png")


def concluded_without_directive(ctx):
    from inspector_app.store.models import Directive, Finding, Inspection

    with ctx.db.read() as s:
        return list(s.scalars(
            select(Inspection.id).where(
                Inspection.status == "concluded",
                Inspection.id.in_(select(Finding.inspection_id)),
                Inspection.id.not_in(select(Directive.inspection_id)))))


if __name__ == "__main__":
    main()
