"""Resuming an unfinished inspection, first start and login, the writer thread, speed, smoke."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from inspector_app.core.inspections import start_inspection
from inspector_app.rules.enums import EquipmentKind, Outcome
from inspector_app.store.models import Equipment, ItemResult, Officer, Unit
from inspector_app.ui.checklist.screen import ChecklistScreen
from inspector_app.ui.writer import Writer


def _start(ctx, equipment_ids=None) -> str:
    with ctx.db.read() as s:
        eq = s.scalars(select(Equipment).where(Equipment.kind == "elevator")
                       .order_by(Equipment.id)).first()
        second = s.scalars(select(Officer).where(Officer.cert_no == "35060002")).one().id
    with ctx.db.write() as s:
        return start_inspection(s, unit_id=eq.unit_id, equipment_ids=equipment_ids or [eq.id],
                                lead_officer_id=ctx.officer_id, second_officer_id=second).id


def test_resume_goes_to_first_unanswered(window, ctx, qtbot):
    inspection_id = _start(ctx)
    window.open_checklist(inspection_id)
    screen = window.screen
    first_rows = screen.model.item_rows()[:6]
    for _ in range(5):
        screen.answer(Outcome.NOT_APPLICABLE)
    window.show_home()
    home = window.home
    view = home.table("unfinished")
    model = view.model()
    row = next(r for r in range(model.rowCount())
               if model.sourceModel().row_object(r).id == inspection_id)
    assert model.sourceModel().row_object(row).answered == 5
    home.tabs.setCurrentWidget(view)
    view.setCurrentIndex(model.index(row, 0))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    resumed = window.screen
    assert isinstance(resumed, ChecklistScreen) and resumed is not screen
    assert resumed.current_row() == first_rows[5]
    assert resumed.model.counts().answered == 5


def test_opening_a_300_item_checklist_is_fast(ctx, qtbot):
    with ctx.db.write() as s:
        unit_id = s.scalars(select(Unit.id).order_by(Unit.id)).first()
        for i in range(7):
            s.add(Equipment(unit_id=unit_id, kind=EquipmentKind.ELEVATOR, category_code="3110",
                            registration_code=f"311035060220200{i:05d}", name=f"{i + 1}号测试梯",
                            attributes={"drive": "traction", "usage": "passenger"}))
    with ctx.db.read() as s:
        ids = s.scalars(select(Equipment.id).where(Equipment.name.like("%测试梯"))).all()
    inspection_id = _start(ctx, list(ids))
    ChecklistScreen(ctx, inspection_id).deleteLater()  # warm caches (form parsing)
    started = time.perf_counter()
    screen = ChecklistScreen(ctx, inspection_id)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    elapsed = time.perf_counter() - started
    assert screen.model.counts().total >= 300
    assert elapsed < 0.3, f"opening took {elapsed * 1000:.0f} ms"


def test_first_start_setup_then_login_and_lockout(tmp_path, qtbot, qapp):
    from inspector_app.cli.context import open_workspace
    from inspector_app.ui.login.dialogs import LoginDialog, SetupDialog

    ws = open_workspace(str(tmp_path / "fresh"))
    writer = Writer(ws.db, inline=True)
    setup = SetupDialog(writer)
    qtbot.addWidget(setup)
    setup.name.insert("陈静")
    qtbot.keyClicks(setup.cert_no, "35069999")
    qtbot.keyClicks(setup.password, "short")
    qtbot.keyClicks(setup.repeat, "short")
    qtbot.mouseClick(setup.create, Qt.MouseButton.LeftButton)
    assert "密码至少8位" in setup.message.text()
    for edit in (setup.password, setup.repeat):
        edit.clear()
        qtbot.keyClicks(edit, "field-pass-2026")
    qtbot.mouseClick(setup.create, Qt.MouseButton.LeftButton)
    assert setup.officer_id is not None

    login = LoginDialog(writer)
    qtbot.addWidget(login)
    qtbot.keyClicks(login.cert_no, "35069999")
    for _ in range(5):
        qtbot.keyClicks(login.password, "wrong-password")
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
        assert "执法证号或密码错误" in login.message.text()
    qtbot.keyClicks(login.password, "field-pass-2026")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert "锁定" in login.message.text() and login.officer is None
    ws.db.dispose()


def test_writer_thread_runs_jobs_in_order_and_reports_errors(workspace, qtbot):
    from inspector_app.core.errors import UserError

    writer = Writer(workspace.db)
    seen: list[int] = []
    errors: list[BaseException] = []

    def job(n):
        def run(session):
            session.add(Unit(name=f"顺序单位{n}", uscc="91350600MA0000000X", venue_type="mall"))
            return n
        return run

    def fail(_session):
        raise UserError("nope", message_zh="不行")

    for n in range(20):
        writer.submit(job(n), on_done=seen.append)
    writer.submit(fail, on_error=errors.append)
    assert writer.wait_idle(10000)
    writer.shutdown()
    assert seen == list(range(20))
    assert [e.message_zh for e in errors] == ["不行"]
    with workspace.db.read() as s:
        assert s.query(Unit).filter(Unit.name.like("顺序单位%")).count() == 20


@pytest.mark.parametrize("extra", [["--demo"]])
def test_smoke_starts_and_exits(tmp_path, extra):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INSPECTOR_DATA_DIR=str(tmp_path / "d"))
    proc = subprocess.run([sys.executable, "-m", "inspector_app.ui.app", "--smoke", *extra],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert [line.split()[0] for line in proc.stdout.splitlines()] == ["shown", "ready"]
    from inspector_app.cli.context import open_workspace

    ws = open_workspace(str(tmp_path / "d"))
    with ws.db.read() as s:
        assert s.query(Unit).count() > 0
    ws.db.dispose()


def test_item_results_are_committed_per_answer(window, ctx):
    inspection_id = _start(ctx)
    window.open_checklist(inspection_id)
    window.screen.answer(Outcome.PASS)
    with ctx.db.read() as s:
        assert s.query(ItemResult).filter(ItemResult.outcome == Outcome.PASS).count() >= 1
