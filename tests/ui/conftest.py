"""Fixtures for the desktop app: a small demo database copied per test, writer inline."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image

DEMO_EQUIPMENT = 24


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """Demo data generated once per session; each test gets its own copy."""
    from inspector_app.cli.context import open_workspace
    from inspector_app.core import demo

    folder = tmp_path_factory.mktemp("demo-template")
    ws = open_workspace(str(folder))
    demo.generate(ws.db, ws.blobs, equipment=DEMO_EQUIPMENT, seed=7)
    ws.db.dispose()
    return folder


@pytest.fixture
def workspace(demo_template, _isolated_data_dir):
    from inspector_app.cli.context import open_workspace

    shutil.copytree(demo_template, _isolated_data_dir, dirs_exist_ok=True)
    ws = open_workspace(None)  # INSPECTOR_DATA_DIR, as the app reads it
    yield ws
    ws.db.dispose()


@pytest.fixture
def ctx(workspace, qapp):
    from sqlalchemy import select

    from inspector_app.store.models import Officer
    from inspector_app.ui.context import AppContext
    from inspector_app.ui.writer import Writer

    with workspace.db.read() as s:
        officer = s.scalars(select(Officer).where(Officer.cert_no == "35060001")).one()
        officer_id, name = officer.id, officer.name
    writer = Writer(workspace.db, inline=True)
    return AppContext(workspace=workspace, writer=writer, officer_id=officer_id, officer_name=name)


@pytest.fixture
def window(ctx, qtbot):
    from inspector_app.ui.mainwindow import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


@pytest.fixture
def png_file(tmp_path):
    path = tmp_path / "door-gap.png"
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buf, format="PNG")
    path.write_bytes(buf.getvalue())
    return path
