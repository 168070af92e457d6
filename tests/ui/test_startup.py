"""Start-up: the first window shows before the data layer loads; the data arrives after.

The subprocess tests run the real entry point with ``INSPECTOR_STARTUP_TRACE=1``,
which prints ``shown <ms>``, ``loaded-at-shown <modules>`` and ``ready <ms>``.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time

from PySide6.QtCore import Qt

APP = [sys.executable, "-m", "inspector_app.ui.app"]


def _env(data_dir) -> dict:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", INSPECTOR_DATA_DIR=str(data_dir),
                INSPECTOR_STARTUP_TRACE="1")


def _read_until(proc: subprocess.Popen, word: str, timeout: float = 60.0) -> dict[str, str]:
    """Lines of the trace by first word, read until ``word`` appears (or the process ends)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    seen: dict[str, str] = {}
    order: list[str] = []
    deadline = time.monotonic() + timeout
    while word not in seen and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if proc.poll() is not None and lines.empty():
                break
            continue
        key, _, value = line.strip().partition(" ")
        seen[key] = value
        order.append(key)
    seen["_order"] = " ".join(order)
    return seen


def test_smoke_prints_shown_then_ready_and_exits_0(workspace):
    folder = workspace.folder
    workspace.db.dispose()
    proc = subprocess.run([*APP, "--smoke"], env=_env(folder), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = [line.split() for line in proc.stdout.splitlines()]
    words = [line[0] for line in lines]
    assert words == ["shown", "loaded-at-shown", "font", "ready", "loaded-at-ready", "geometry",
                     "loaded"], proc.stdout
    shown, ready, loaded = int(lines[0][1]), int(lines[3][1]), int(lines[6][1])
    assert 0 < shown <= ready <= loaded
    assert lines[1][1] == "-", f"data layer imported before the first window: {lines[1][1]}"
    # the home's first page is on screen before SQLAlchemy is even imported
    assert lines[4][1] == "-", f"loaded before the first page showed: {lines[4][1]}"


def test_smoke_with_a_database_url_takes_the_ordinary_path(workspace):
    """No first page without the data layer for --db (PostgreSQL at the office)."""
    folder = workspace.folder
    url = workspace.db.url
    workspace.db.dispose()
    proc = subprocess.run([*APP, "--smoke", "--db", url], env=_env(folder),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    words = [line.split()[0] for line in lines]
    assert words[:5] == ["shown", "loaded-at-shown", "font", "ready", "loaded-at-ready"]
    assert "loaded" not in words  # ready came with the database itself
    assert "sqlalchemy" in lines[4]


def test_smoke_exits_non_zero_when_the_database_cannot_open(tmp_path):
    proc = subprocess.run([*APP, "--smoke", "--db", "sqlite:////nonexistent/folder/x.sqlite3"],
                          env=_env(tmp_path / "d"), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "shown" in proc.stdout and "ready" not in proc.stdout
    assert "unable to open database file" in proc.stderr


def test_login_dialog_shows_before_sqlalchemy_is_imported(tmp_path):
    """A fresh data folder: login shows first, then migration/forms run behind it."""
    proc = subprocess.Popen(APP, env=_env(tmp_path / "fresh"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        lines = _read_until(proc, "loaded-at-ready")
    finally:
        proc.terminate()  # the login dialog waits for a person
        proc.wait(10)
    assert lines["_order"] == "shown loaded-at-shown font ready loaded-at-ready", (
        lines, proc.stderr.read())
    assert lines["loaded-at-shown"] == "-"
    assert (tmp_path / "fresh" / "inspector.sqlite3").exists()


def test_login_dialog_waits_for_the_database(ctx, qtbot):
    from inspector_app.ui.login.dialogs import LoginDialog

    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.button.isEnabled()
    assert dialog.message.isVisibleTo(dialog) and dialog.message.text() == "Opening the database…"
    qtbot.keyClicks(dialog.cert_no, "35060001")  # typing ahead works
    qtbot.keyClicks(dialog.password, "demo-pass-2026")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # nothing to log in with yet
    assert dialog.officer is None and dialog.result() == 0
    dialog.set_writer(ctx.writer)
    assert dialog.button.isEnabled() and not dialog.message.isVisibleTo(dialog)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.officer is not None and dialog.officer[0] == ctx.officer_id


def test_main_window_shell_gets_its_home_screen(ctx, qtbot):
    from inspector_app.ui.mainwindow import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.home is None and window.stack.currentWidget() is window.loading
    window.show_home()  # Ctrl+H while loading does nothing
    with qtbot.waitSignal(window.sig_ready, timeout=5000):
        window.attach_context(ctx)
    assert window.stack.currentWidget() is window.home
    assert window.home.table("due").model().rowCount() > 0
    window.show_home()
    assert window.stack.currentWidget() is window.home


def test_login_then_main_window_through_the_startup(workspace, qtbot, qapp):
    """The real hand-over, threads and all: login shows, the data opens, logging in opens home."""
    from inspector_app.ui.app import build_parser
    from inspector_app.ui.startup import Startup

    workspace.db.dispose()
    startup = Startup(qapp, build_parser().parse_args([]), "en", time.perf_counter())
    try:
        startup.start()
        login = startup.login
        assert login is not None and login.isVisible() and not login.button.isEnabled()
        qtbot.waitUntil(login.button.isEnabled, timeout=30000)
        qtbot.keyClicks(login.cert_no, "35060002")
        qtbot.keyClicks(login.password, "demo-pass-2026")
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: startup.window is not None, timeout=30000)
        window = startup.window
        qtbot.addWidget(window)
        assert window.isVisible() and window.home is not None
        assert window.ctx.officer_name and window.ctx.officer_id
        assert window.ctx.writer.inline is False  # the real writer thread
    finally:
        startup.finish()
        qapp.setQuitOnLastWindowClosed(True)


def test_first_page_is_usable_before_the_database_is_attached(ctx, qtbot):
    """Typing a search or opening a row while the data layer loads is done once it is in."""
    import datetime as dt

    from inspector_app import paths
    from inspector_app.core import clock
    from inspector_app.store.quickread import first_page, open_readonly
    from inspector_app.ui.mainwindow import MainWindow

    conn = open_readonly(paths.database_path(ctx.workspace.folder))
    today = clock.today(ctx.zone)
    first = first_page(conn, today=today, since=dt.datetime(today.year, 1, 1, tzinfo=ctx.zone))
    conn.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_first_page(first, ctx.zone)
    home = window.home
    assert home.due.rowCount() == len(first.due) > 0
    assert home.tabs.tabText(1).endswith(f"({first.counts[1]})")
    due = home.table("due")
    home.tabs.setCurrentWidget(due)
    due.setCurrentIndex(due.model().index(0, 0))
    due.setFocus()
    qtbot.keyClick(due, Qt.Key.Key_Return)  # opens once the database is there
    assert window.start_dialog is None
    home.search.setText("漳州市")
    home.run_search()
    assert home.results.rowCount() == 0  # waits for the database
    window.attach_context(ctx)
    assert window.start_dialog is not None and window.start_dialog.isVisible()
    assert window.start_dialog.unit_id == first.due[0].unit_id
    assert home.results.rowCount() > 0
