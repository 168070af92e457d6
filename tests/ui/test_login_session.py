"""Login remembers the last 执法证号, offers to continue an unfinished inspection, and an
officer can log out and hand over (issue 9, point 13)."""

from __future__ import annotations

import argparse
import time

from PySide6.QtCore import Qt
from sqlalchemy import select

from inspector_app.core.demo import DEMO_PASSWORD
from inspector_app.core.inspection_view import load_rows
from inspector_app.core.inspections import record_answer, start_inspection
from inspector_app.rules.enums import Outcome
from inspector_app.store.models import Equipment, Officer, Unit
from inspector_app.ui import settings
from inspector_app.ui.checklist.screen import ChecklistScreen
from inspector_app.ui.context import AppContext
from inspector_app.ui.login.dialogs import LoginDialog
from inspector_app.ui.mainwindow import MainWindow
from inspector_app.ui.startup import Startup
from inspector_app.ui.supervisor.screen import SupervisorScreen


def _log_in(qtbot, dialog: LoginDialog, cert_no: str) -> None:
    dialog.cert_no.setText(cert_no)
    dialog.password.setText(DEMO_PASSWORD)
    qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)


def test_the_last_certificate_number_is_remembered(ctx, qtbot):
    first = LoginDialog(ctx.writer)
    qtbot.addWidget(first)
    assert first.cert_no.text() == ""
    _log_in(qtbot, first, "35060002")
    assert first.officer is not None
    assert settings.get(settings.LAST_CERT_NO) == "35060002"
    again = LoginDialog(None)  # next start, database still opening
    qtbot.addWidget(again)
    again.show()
    assert again.cert_no.text() == "35060002"
    again.set_writer(ctx.writer)
    assert again.password.hasFocus() or not again.isActiveWindow()


def _unfinished(ctx) -> tuple[str, str]:
    with ctx.db.read() as s:
        eq = s.scalars(
            select(Equipment).where(Equipment.kind == "elevator").order_by(Equipment.id)
        ).first()
        unit = s.get(Unit, eq.unit_id).name
    with ctx.db.write() as s:
        iid = start_inspection(
            s, unit_id=eq.unit_id, equipment_ids=[eq.id], lead_officer_id=ctx.officer_id
        ).id
    with ctx.db.write() as s:
        for row in [r for r in load_rows(s, iid) if r.item.measurement is None][:3]:
            record_answer(
                s,
                inspection_equipment_id=row.ie_id,
                item_id=row.item.id,
                officer_id=ctx.officer_id,
                outcome=Outcome.PASS,
            )
    return iid, unit


def test_login_offers_to_continue_the_unfinished_inspection(ctx, qtbot):
    with ctx.db.read() as s:
        boss = s.scalars(select(Officer).where(Officer.cert_no == "35060010")).one()
    nobody = AppContext(
        workspace=ctx.workspace, writer=ctx.writer, officer_id=boss.id, officer_name=boss.name
    )
    other = MainWindow(nobody)
    qtbot.addWidget(other)
    assert other.offer_resume() is None  # nothing left open by this officer

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    iid, unit = _unfinished(ctx)  # the newest one this officer leads
    prompt = window.offer_resume()
    assert prompt is not None and prompt.isVisible()
    assert unit in prompt.informativeText() and "3" in prompt.informativeText()
    qtbot.mouseClick(prompt.continue_button, Qt.MouseButton.LeftButton)
    screen = window.screen
    assert isinstance(screen, ChecklistScreen) and screen.inspection_id == iid
    assert screen.current_state().outcome is None  # at the first unanswered item
    again = window.offer_resume()
    qtbot.mouseClick(again.later_button, Qt.MouseButton.LeftButton)
    assert window.screen is screen  # "later" changes nothing


def test_log_out_and_another_officer_logs_in(workspace, qapp, qtbot):
    folder = workspace.folder
    workspace.db.dispose()
    args = argparse.Namespace(smoke=False, data_dir=str(folder), db=None, demo=False)
    startup = Startup(qapp, args, "zh_CN", time.perf_counter())
    try:
        startup.start()
        qtbot.waitUntil(
            lambda: startup.login is not None and startup.login.writer is not None, timeout=30000
        )
        _log_in(qtbot, startup.login, "35060001")
        qtbot.waitUntil(lambda: startup.window is not None, timeout=30000)
        first = startup.window
        assert first.ctx.officer_name and not first.ctx.supervisor
        assert first.logout_action.isEnabled()
        first.logout_action.trigger()
        assert startup.window is None and not first.isVisible()
        login = startup.login
        assert login is not None and login.isVisible() and login.button.isEnabled()
        assert login.cert_no.text() == "35060001"  # the last one, ready to be replaced
        _log_in(qtbot, login, "35060010")
        qtbot.waitUntil(lambda: startup.window is not None, timeout=30000)
        second = startup.window
        assert second is not first and second.ctx.supervisor
        assert isinstance(second.home, SupervisorScreen)
        assert "王强" in second.officer_label.text()
    finally:
        if startup.window is not None:
            startup.window.close()
        startup.finish()
        qapp.setQuitOnLastWindowClosed(True)
