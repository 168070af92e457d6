"""Screenshot of the supervisor's 数据冲突 tab and dialog at 1366x768 (run under Xvfb).

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 .venv/bin/python scripts/ui_screenshots_conflicts.py OUT_DIR
Makes an office with demo data and two enrolled laptops in a temporary folder;
both laptops edit the same unit, equipment and finding offline and push their
bundles; the office is then opened as the demo supervisor (35060010).
Writes supervisor-conflicts.png (the tab with one conflict's dialog over it).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]


def settle(app: QApplication, ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def make_conflicts(root: Path):
    """The office workspace, after two laptops' concurrent edits were imported."""
    from inspector_app.cli.context import open_workspace
    from inspector_app.core import demo
    from inspector_app.rules.enums import FindingStatus
    from inspector_app.store.blobs import BlobStore
    from inspector_app.store.db import open_database
    from inspector_app.store.models import Equipment, Finding, Unit
    from inspector_app.sync import enrol, incoming, keys, outgoing

    os.environ["INSPECTOR_DATA_DIR"] = str(root / "office")
    office = open_workspace(None)
    keys.create_office_key(office.folder)
    enrol.ensure_device(office.db, office.folder, name="局端")
    demo.generate(office.db, office.blobs, equipment=60, seed=3)
    office_key = keys.parse_office_key(
        keys.office_public(office.folder, office.db.device_id()).encode())
    laptops = []
    for folder, name, segment in (("laptop-a", "张伟的笔记本", "01"), ("laptop-b", "李娜的笔记本", "02")):
        path = root / folder
        path.mkdir()
        db = open_database(f"sqlite:///{path / 'inspector.sqlite3'}")
        blobs = BlobStore(path / "blobs")
        enrol.trust_office(db, office_key)
        enrol.enrol(office.db, enrol.enrol_request(db, path, name=name), segment=segment)
        pull = outgoing.export_pull(office.db, office.blobs, keys=keys.load_or_create_device_keys(
            office.folder), device_id=db.device_id(), since=0, limit=None)
        incoming.import_bundle(db, blobs, pull.data, folder=path)
        laptops.append((path, db, blobs))
    with office.db.read() as s:
        units = s.scalars(select(Unit.id).order_by(Unit.name).limit(2)).all()
        equipment = s.scalars(select(Equipment.id).order_by(Equipment.id)).first()
        finding = s.scalars(select(Finding.id).where(Finding.status == "open")
                            .order_by(Finding.id)).first()
    edits = [
        {"name": "漳州市第一中学（新校区）", "contact_phone": "0596-2021188",
         "location": "教学楼A座东侧", "status": FindingStatus.RECTIFIED},
        {"name": "漳州市第一中学", "contact_phone": "0596-2021166",
         "location": "教学楼A座", "status": FindingStatus.ESCALATED},
    ]
    for (path, db, blobs), e in zip(laptops, edits, strict=True):
        with db.write() as s:
            unit = s.get(Unit, units[0])
            unit.name, unit.contact_phone = e["name"], e["contact_phone"]
            s.get(Unit, units[1]).address += "（已核实）" if path.name.endswith("a") else "（待核）"
            s.get(Equipment, equipment).location = e["location"]
            s.get(Finding, finding).status = e["status"]
        push = outgoing.export_push(db, blobs, keys=keys.load_or_create_device_keys(path),
                                    office=enrol.trusted_office(db))
        incoming.import_bundle(office.db, office.blobs, push.data, folder=office.folder)
        db.dispose()
    return office, units[0]


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    from inspector_app.store.models import Officer
    from inspector_app.ui.app import ensure_forms, prepare
    from inspector_app.ui.context import AppContext
    from inspector_app.ui.mainwindow import MainWindow
    from inspector_app.ui.writer import Writer

    app = QApplication(sys.argv[:1])
    prepare(app, "zh_CN")  # bundled font, translations, as the app does
    office, unit_id = make_conflicts(Path(tempfile.mkdtemp(prefix="inspector-conflicts-")))
    ensure_forms(office)
    with office.db.read() as s:
        boss = s.scalars(select(Officer).where(Officer.cert_no == "35060010")).one()
    ctx = AppContext(workspace=office, writer=Writer(office.db, inline=True),
                     officer_id=boss.id, officer_name=boss.name)
    window = MainWindow(ctx)
    window.show_placed()
    settle(app)
    screen = window.home
    screen.tabs.setCurrentIndex(2)
    settle(app)
    source = screen.conflicts
    row = next(r for r in range(source.rowCount()) if source.row_object(r).row_id == unit_id)
    screen.table("conflicts").selectRow(row)
    dialog = screen.open_conflict(source.row_object(row).id)
    dialog.note.setText("已与使用单位电话核实")
    dialog.resize(880, 540)
    dialog.move(460, 190)  # no window manager under Xvfb: keep the tab bar in sight
    settle(app, 600)
    app.primaryScreen().grabWindow(0).save(str(out / "supervisor-conflicts.png"))
    dialog.reject()
    settle(app)
    ctx.writer.shutdown()


if __name__ == "__main__":
    main()
