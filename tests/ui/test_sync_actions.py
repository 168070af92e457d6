"""同步 in the desktop app: a real uvicorn office server, progress stages, errors in Chinese."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from test_server import Server
from test_sync_support import everything

from inspector_app.store.models import Inspection
from inspector_app.ui import settings
from inspector_app.ui.sync.progress import SyncProgressDialog

from .builders import concluded_inspection
from .sync_builders import enrolled_office


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


@pytest.mark.postgres
def test_sync_sends_the_inspection_to_the_office_server(window, ctx, qtbot, tmp_path,
                                                        make_pg_url):
    office = enrolled_office(ctx, tmp_path / "office", make_pg_url())
    server = Server(office.folder, office.db.url).start()
    try:
        iid = concluded_inspection(ctx, fail=1)
        window.sync_status.refresh()
        assert window.sync_status.pending > 0
        assert "从未" in window.sync_status.text() or "never" in window.sync_status.text()
        settings.put(settings.SYNC_SERVER, server.base)
        phases: list[str] = []
        window.sync.runner.sig_progress.connect(lambda p, *_a: phases.append(p))
        with qtbot.waitSignal(window.sync.sig_finished, timeout=60000) as done:
            window.sync.sync_action.trigger()
            assert isinstance(window.sync.progress, SyncProgressDialog)
            assert window.sync.progress.isVisible()
            assert not window.sync.sync_action.isEnabled()  # one sync at a time
        assert done.args == [True], window.sync.last_error
        assert window.sync.progress is None  # closed
        stages = list(dict.fromkeys(p for p in phases if p in ("export", "push", "pull",
                                                                "import", "done")))
        assert stages == ["export", "push", "pull", "import", "done"]
        with office.db.read() as s:
            assert s.get(Inspection, iid) is not None
        assert window.sync_status.pending == 0
        assert window.sync_status.status.last_sync is not None
        assert "0" in window.sync_status.text()
        assert window.sync.sync_action.isEnabled()
        message = window.statusBar().currentMessage()
        assert "同步完成" in message or "Sync done" in message
    finally:
        server.stop()
        office.db.dispose()


def test_unreachable_server_reports_in_chinese_and_changes_nothing(window, ctx, qtbot, tmp_path):
    office = enrolled_office(ctx, tmp_path / "office")
    concluded_inspection(ctx, fail=1)
    window.sync_status.refresh()
    pending = window.sync_status.pending
    before = everything(ctx.db)
    window.sync.attempts, window.sync.base_delay = 3, 0.01
    settings.put(settings.SYNC_SERVER, f"http://127.0.0.1:{_closed_port()}")
    with qtbot.waitSignal(window.sync.sig_finished, timeout=30000) as done:
        window.sync.sync_now()
    assert done.args == [False]
    assert window.sync.last_error.startswith("无法连接同步服务器（已重试 3 次）")
    assert window.sync.error_box is not None and window.sync.error_box.isVisible()
    assert "无法连接同步服务器" in window.sync.error_box.text()
    assert everything(ctx.db) == before
    assert window.sync_status.pending == pending
    assert "无法连接同步服务器" in window.statusBar().currentMessage()
    office.db.dispose()


def test_cancel_stops_the_retries(window, ctx, qtbot, tmp_path):
    office = enrolled_office(ctx, tmp_path / "office")
    before = everything(ctx.db)
    window.sync.attempts, window.sync.base_delay = 6, 0.3
    with qtbot.waitSignal(window.sync.sig_finished, timeout=30000) as done:
        window.sync.sync_now(f"http://127.0.0.1:{_closed_port()}")
        dialog = window.sync.progress
        qtbot.waitUntil(lambda: "重试" in dialog.line.text() or "retry" in dialog.line.text(),
                        timeout=10000)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert not dialog.cancel_button.isEnabled()
    assert done.args == [False]
    assert window.sync.last_error.startswith("已取消同步")
    assert everything(ctx.db) == before
    office.db.dispose()


def test_no_server_set_says_where_to_set_it(window, qtbot):
    settings.put(settings.SYNC_SERVER, "")
    with qtbot.waitSignal(window.sync.sig_finished, timeout=10000):
        window.sync.sync_now()
    assert "设置" in window.sync.last_error


def test_waiting_count_follows_every_write(window, ctx, qtbot, tmp_path):
    from inspector_app.store.models import Unit

    office = enrolled_office(ctx, tmp_path / "office")  # the laptop now trusts an office
    window.sync_status.refresh()
    before = window.sync_status.pending

    def rename(s):
        unit = s.scalars(select(Unit).order_by(Unit.id)).first()
        unit.notes = "同步测试"

    ctx.writer.submit(rename)
    qtbot.waitUntil(lambda: window.sync_status.pending == before + 1, timeout=3000)
    assert f"{before + 1}" in window.sync_status.text()
    office.db.dispose()


def test_settings_dialog_keeps_the_server_address(qtbot):
    from inspector_app.ui.settings import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.server.setText("  https://sync.example.gov.cn  ")
    dialog.accept()
    assert settings.get(settings.SYNC_SERVER) == "https://sync.example.gov.cn"
    assert SettingsDialog().server.text() == "https://sync.example.gov.cn"


def test_a_refused_form_publication_is_said_after_the_sync(window, ctx, qtbot, tmp_path):
    """An unsigned publication in the office's pull: the sync succeeds, the rest arrives, and
    a message box says which publication was refused and why."""
    from test_forms_publish import _forge

    from inspector_app.store.models import FormPublication, Unit

    office = enrolled_office(ctx, tmp_path / "office")
    forged = _forge(office, "unsigned")
    server = Server(office.folder, office.db.url).start()
    try:
        settings.put(settings.SYNC_SERVER, server.base)
        with qtbot.waitSignal(window.sync.sig_finished, timeout=60000) as done:
            window.sync.sync_now()
        assert done.args == [True], window.sync.last_error
        box = window.sync.info_box
        assert box is not None and box.isVisible()
        assert "elevator" in box.text() and "未签名" in box.text(), box.text()
        with ctx.db.read() as s:
            assert s.get(FormPublication, forged) is None
            assert s.scalar(select(Unit.id).where(Unit.name == "同批次的单位")) is not None
        box.close()
    finally:
        server.stop()
        office.db.dispose()


@pytest.mark.postgres
def test_changes_the_office_left_out_are_said_after_the_sync(window, ctx, qtbot, tmp_path,
                                                             make_pg_url):  # fmt: skip
    """A photo the office added whose file is missing there: its change is withheld from
    the pull, and the app says so after the sync (not only the command line)."""
    from inspector_app.core.photos import add_photo
    from inspector_app.store.models import Finding

    from .builders import png_bytes

    office = enrolled_office(ctx, tmp_path / "office", make_pg_url())
    server = Server(office.folder, office.db.url).start()
    try:
        settings.put(settings.SYNC_SERVER, server.base)
        iid = concluded_inspection(ctx, fail=1)
        with qtbot.waitSignal(window.sync.sig_finished, timeout=60000) as done:
            window.sync.sync_action.trigger()
        assert done.args == [True], window.sync.last_error
        assert window.sync.info_box is None  # nothing to say
        with office.db.write() as s:  # the office adds a photo; its file is lost there
            finding = s.scalars(select(Finding).where(Finding.inspection_id == iid)).first()
            photo = add_photo(s, office.blobs, inspection_id=iid, finding_id=finding.id,
                              data=png_bytes((60, 60, 200)), caption="局端补充照片")  # fmt: skip
            office.blobs.path(photo.original_sha256).unlink()
        with qtbot.waitSignal(window.sync.sig_finished, timeout=60000) as done:
            window.sync.sync_action.trigger()
        assert done.args == [True], window.sync.last_error
        box = window.sync.info_box
        assert box is not None and box.isVisible()
        assert "缺失或损坏" in box.text() or "missing or damaged" in box.text()
    finally:
        server.stop()
        office.db.dispose()
