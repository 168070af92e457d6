"""设备登记… in the desktop app: request file, sending it to a real server, the office key."""

from __future__ import annotations

import socket

import pytest
from test_server import Server
from test_sync_support import everything, make_office

from inspector_app.cli.main import main as cli_main
from inspector_app.sync import enrol, keys
from inspector_app.ui import settings
from inspector_app.ui.sync.enrol_dialog import EnrolDialog


@pytest.fixture
def dialog(ctx, qtbot):
    d = EnrolDialog(ctx)
    qtbot.addWidget(d)
    return d


def test_shows_the_device_id_fingerprint_and_state(ctx, dialog):
    k = keys.load_or_create_device_keys(ctx.workspace.folder)
    assert dialog.device_id.text() == ctx.db.device_id()
    assert dialog.fingerprint.text() == keys.fingerprint(k.sign_public)
    assert dialog.name.text() == socket.gethostname()[:100]  # what the CLI uses without --name
    assert dialog.state.office_key_id == "" and dialog.state.enrolment == "unknown"
    assert dialog.segment_state.text() == (dialog.state.segment or "尚未分配") or (
        dialog.segment_state.text() == "Not assigned yet")


def test_request_file_is_the_same_as_the_cli_writes(ctx, dialog, tmp_path):
    app_file, cli_file = tmp_path / "app.json", tmp_path / "cli.json"
    assert dialog.save_request(str(app_file))
    assert cli_main(["--data-dir", str(ctx.workspace.folder), "device", "enrol-request",
                     "-o", str(cli_file)]) == 0
    assert app_file.read_bytes() == cli_file.read_bytes()
    assert dialog.state.fingerprint in dialog.message.text()

    dialog.name.setText("笔记本3")
    assert dialog.save_request(str(app_file))
    assert cli_main(["--data-dir", str(ctx.workspace.folder), "device", "enrol-request",
                     "-o", str(cli_file), "--name", "笔记本3"]) == 0
    assert app_file.read_bytes() == cli_file.read_bytes()
    assert '"name": "笔记本3"' in app_file.read_text("utf-8")


def test_request_to_an_unwritable_place_says_so(dialog, tmp_path):
    assert not dialog.save_request(str(tmp_path / "no-such-folder" / "req.json"))
    assert "无法写入" in dialog.message.text()


@pytest.mark.parametrize("token", [
    "not a key",
    "QUJD",  # base64, but 3 bytes
    "A" * 107,  # one character short
])
def test_malformed_office_key_is_refused_and_nothing_stored(ctx, dialog, token):
    before = everything(ctx.db)
    assert not dialog.trust_key(token)
    assert "不是有效的局端密钥" in dialog.message.text()
    assert dialog.message.isVisibleTo(dialog)
    assert everything(ctx.db) == before
    assert dialog.state.office_key_id == ""


def test_valid_office_key_is_trusted_pasted_or_from_a_file(ctx, dialog, tmp_path, qtbot):
    office = make_office(tmp_path / "office")
    token = keys.office_public(office.folder, office.db.device_id()).encode()
    wrapped = token[:50] + "\n " + token[50:] + "\n"  # as an e-mail client may break it
    with qtbot.waitSignal(dialog.sig_changed):
        assert dialog.trust_key(wrapped)
    trusted = enrol.trusted_office(ctx.db)
    assert trusted.encode() == token
    assert trusted.key_id in dialog.office_state.text()
    assert trusted.key_id in dialog.message.text()

    second = make_office(tmp_path / "office2")
    key_file = tmp_path / "office2.key"
    key_file.write_text(keys.office_public(second.folder, second.db.device_id()).encode() + "\n")
    assert dialog.load_key_file(str(key_file))
    assert enrol.trusted_office(ctx.db).device_id == second.db.device_id()
    assert trusted.key_id in dialog.message.text()  # says which key it replaced
    office.db.dispose()
    second.db.dispose()


def test_sending_without_a_reachable_server_explains_in_chinese(dialog, qtbot):
    dialog.server.setText("")
    with qtbot.waitSignal(dialog.sig_sent, timeout=10000) as sent:
        dialog.send_request()
    assert sent.args == [False] and "同步服务器地址" in dialog.message.text()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dialog.server.setText(f"http://127.0.0.1:{port}")
    with qtbot.waitSignal(dialog.sig_sent, timeout=30000) as sent:
        assert dialog.send_request()
    assert sent.args == [False] and "无法连接同步服务器" in dialog.message.text()
    assert dialog.send_button.isEnabled()


@pytest.mark.postgres
def test_sending_records_a_pending_enrolment_at_the_office(ctx, dialog, qtbot, tmp_path,
                                                           make_pg_url):
    office = make_office(tmp_path / "office", make_pg_url())
    server = Server(office.folder, office.db.url).start()
    try:
        dialog.name.setText("笔记本5")
        dialog.server.setText(server.base + "/")
        with qtbot.waitSignal(dialog.sig_sent, timeout=30000) as sent:
            assert dialog.send_request()
        assert sent.args == [True], dialog.message.text()
        rows = {r.device_id: r for r in enrol.pending_and_enrolled(office.db)}
        row = rows[ctx.db.device_id()]
        assert row.enrolled_at is None and row.name == "笔记本5"
        assert row.fingerprint == dialog.fingerprint.text()
        assert dialog.fingerprint.text() in dialog.message.text()
        assert settings.get(settings.SYNC_SERVER) == server.base + "/"
        assert dialog.enrol_state.text() != ""
        assert dialog.last_answer["status"] == "pending"

        enrol.enrol(office.db, ctx.db.device_id(), segment="07")  # the officer enrols it
        with qtbot.waitSignal(dialog.sig_sent, timeout=30000) as sent:
            assert dialog.send_request()
        assert sent.args == [True] and dialog.last_answer["status"] == "enrolled"
    finally:
        server.stop()
        office.db.dispose()


def test_the_sync_menu_opens_the_dialog(window):
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert any(window.sync.enrol_action in m.actions() for m in menus)
    window.sync.enrol_action.trigger()
    assert isinstance(window.sync.enrol_dialog, EnrolDialog)
    assert window.sync.enrol_dialog.isVisible()
    assert window.sync.enrol_dialog.device_id.text() == window.ctx.db.device_id()
    window.sync.enrol_dialog.reject()
