"""Run the real app (threaded writer) in a subprocess, answer N items by key, then hang.

Used by test_crash_recovery: the test kills this process with SIGKILL once it
prints ANSWERED, then checks that every answer survived.
Usage: python crash_driver.py N   (INSPECTOR_DATA_DIR names the data folder)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from inspector_app.cli.context import open_workspace
from inspector_app.store.models import Equipment, Officer
from inspector_app.ui.context import AppContext
from inspector_app.ui.mainwindow import MainWindow
from inspector_app.ui.writer import Writer


def main() -> None:
    answers = int(sys.argv[1])
    app = QApplication(sys.argv[:1])
    ws = open_workspace(None)
    with ws.db.read() as s:
        officer = s.scalars(select(Officer).where(Officer.cert_no == "35060001")).one()
        eq = s.scalars(select(Equipment).where(Equipment.kind == "elevator")
                       .order_by(Equipment.id)).first()
        ctx = AppContext(workspace=ws, writer=Writer(ws.db), officer_id=officer.id,
                         officer_name=officer.name)
    window = MainWindow(ctx)
    window.show()
    window.open_unit(eq.unit_id, eq.id)
    dialog = window.start_dialog
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    while window.screen is None:  # the writer thread creates the inspection
        app.processEvents()
    screen = window.screen
    for _ in range(answers):
        QTest.keyClick(screen.view, Qt.Key.Key_3)  # 3 = not applicable
    ctx.writer.wait_idle()
    print("ANSWERED", screen.inspection_id, flush=True)
    app.exec()  # wait here until killed


if __name__ == "__main__":
    main()
