"""kill -9 the app after some answers: every answer is there, and reopening resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from inspector_app.store.models import InspectionEquipment, ItemResult
from inspector_app.ui.checklist.screen import ChecklistScreen

ANSWERS = 7


def test_answers_survive_kill_and_resume(workspace, ctx, qtbot):
    workspace.db.dispose()  # let the subprocess have the file to itself
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    driver = Path(__file__).with_name("crash_driver.py")
    proc = subprocess.Popen([sys.executable, str(driver), str(ANSWERS)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("ANSWERED"), proc.stderr.read()
        inspection_id = line.split()[1]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    with workspace.db.read() as s:
        count = s.scalar(
            select(func.count()).select_from(ItemResult)
            .join(InspectionEquipment, InspectionEquipment.id == ItemResult.inspection_equipment_id)
            .where(InspectionEquipment.inspection_id == inspection_id))
    assert count == ANSWERS
    screen = ChecklistScreen(ctx, inspection_id)
    qtbot.addWidget(screen)
    assert screen.model.counts().answered == ANSWERS
    assert screen.current_row() == screen.model.item_rows()[ANSWERS]
