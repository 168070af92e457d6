"""Start-up: the first window is on screen before the data layer is loaded.

``app.main`` creates the QApplication and the translators, then ``Startup``:

1. shows the first window at once: the login dialog ("正在打开数据库…", button
   disabled), or with ``--smoke`` the main-window shell ("正在载入…"). Nothing
   under SQLAlchemy, Alembic, pydantic, ``inspector_app.store`` or
   ``inspector_app.core`` is imported yet (``tests/ui/test_startup.py`` checks);
2. once that window is exposed, opens the workspace on a background thread
   (``open_data``: SQLAlchemy import, migration check, ``--demo`` data, shipped
   forms, the officers) and warms the home screen's imports there;
3. back on the UI thread, creates the writer and the context and hands them to
   the window: the login dialog becomes usable (or the first-officer setup opens
   over it), the shell gets its home screen.

Only ``open_data`` touches the database before step 3, and nothing else runs on
the database until it has returned, so the thread shares nothing with the UI.

``--smoke`` (and ``INSPECTOR_STARTUP_TRACE=1`` in any mode) prints ``shown <ms>``
when the first window is exposed and ``ready <ms>`` when the home screen has read
its first page (the login dialog is usable, without ``--smoke``): milliseconds
since the entry module started. The trace also prints ``loaded-at-shown <names>``:
which of the data-layer packages were imported when the window first showed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:
    import argparse

    from inspector_app.cli.context import Workspace

    from .context import AppContext
    from .login.dialogs import LoginDialog
    from .mainwindow import MainWindow
    from .writer import Writer

log = logging.getLogger(__name__)

TRACE_ENV = "INSPECTOR_STARTUP_TRACE"
SMOKE_TIMEOUT_MS = 20000
OPEN_JOIN_TIMEOUT_S = 60.0  # at exit, wait this long for a database still being opened
DATA_LAYER = ("sqlalchemy", "alembic", "pydantic", "yaml", "inspector_app.store",
              "inspector_app.core", "inspector_app.cli")
HEAVY = ("sqlalchemy", "alembic", "pydantic", "yaml")  # what costs most of a cold start


# -- the work of the loader thread -----------------------------------------------
def fill_demo_if_empty(ws: Workspace) -> bool:
    from inspector_app.core import demo
    from inspector_app.store.models import Unit

    with ws.db.read() as s:
        if s.query(Unit.id).first() is not None:
            return False
    demo.generate(ws.db, ws.blobs, equipment=300)
    return True


def first_officer(ws: Workspace) -> tuple[str, str] | None:
    from inspector_app.store.models import Officer

    with ws.db.read() as s:
        officer = s.query(Officer).filter(Officer.deleted.is_(False)).order_by(Officer.cert_no).first()
        return (officer.id, officer.name) if officer else None


def ensure_forms(ws: Workspace) -> None:
    """A new inspection needs the shipped checklists registered; parsed only when changed."""
    from inspector_app.core.shipped_forms import ensure_shipped_forms

    ensure_shipped_forms(ws.db, ws.folder)


@dataclass
class Opened:
    workspace: Workspace
    has_officers: bool
    first_officer: tuple[str, str] | None  # (id, name): who --smoke runs as
    zone: Any = None  # the office's time zone (core/clock.py)


def open_data(data_dir: str | None, db_url: str | None, *, demo: bool = False) -> Opened:
    """Everything start-up needs from the database; runs on the loader thread."""
    from inspector_app.cli.context import open_workspace
    from inspector_app.core.clock import office_zone
    from inspector_app.core.officers import officer_count

    ws = open_workspace(data_dir, db_url)
    try:
        if demo:
            fill_demo_if_empty(ws)
        ensure_forms(ws)
        from inspector_app.core.backups import start_daily_backup

        start_daily_backup(ws.folder, ws.db)  # today's backup, on its own thread
        with ws.db.read() as s:
            has_officers = officer_count(s) > 0
            zone = office_zone(s)
        officer = first_officer(ws)
        # Load the home screen's modules here rather than on the UI thread.
        from . import writer  # noqa: F401
        from .home import screen  # noqa: F401
        from .sync import actions, status  # noqa: F401
    except BaseException:
        ws.db.dispose()
        raise
    return Opened(workspace=ws, has_officers=has_officers, first_officer=officer, zone=zone)


class Loader(QObject):
    """Runs one function on a Python thread; its result or error comes back by signal."""

    sig_done = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result: Any = None
        self._thread: threading.Thread | None = None

    def start(self, fn: Callable[[], Any]) -> None:
        self._thread = threading.Thread(target=self._run, args=(fn,), name="inspector-open",
                                        daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self.result = fn()
        except BaseException as exc:  # noqa: BLE001 - reported on the UI thread
            self.sig_failed.emit(exc)
            return
        self.sig_done.emit(self.result)

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)


class FirstExposed(QObject):
    """Calls back once, right after the widget's window is first exposed and painted."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.winId()  # create the platform window now: the expose may come during show()
        self._handle = widget.windowHandle()
        self._handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Expose and self._callback is not None
                and self._handle.isExposed()):
            callback, self._callback = self._callback, None
            self._handle.removeEventFilter(self)
            QTimer.singleShot(0, callback)  # the widget paints while handling this expose
        return False


def _say(line: str) -> None:
    if sys.stdout is not None:  # None under pythonw (the Windows gui-script)
        print(line, flush=True)


class Startup(QObject):
    """Shows the first window, opens the data behind it, then hands over."""

    def __init__(self, app: QApplication, args: argparse.Namespace, language: str,
                 started: float) -> None:
        super().__init__()
        self.app = app
        self.args = args
        self.language = language
        self.started = started
        self.smoke = bool(args.smoke)
        self.trace = bool(os.environ.get(TRACE_ENV))
        self.report = self.smoke or self.trace
        self.first_page_shown = False  # --smoke: home's first page came before the database
        self.ctx: AppContext | None = None
        self.writer: Writer | None = None
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.loader = Loader(self)
        self.loader.sig_done.connect(self._opened)
        self.loader.sig_failed.connect(self._failed)

    def ms(self) -> int:
        return round((time.perf_counter() - self.started) * 1000)

    # -- 1. the first window ---------------------------------------------------
    def start(self) -> None:
        first: QWidget
        if self.smoke:
            from .mainwindow import MainWindow

            self.window = first = MainWindow()
            QTimer.singleShot(SMOKE_TIMEOUT_MS, self._timed_out)
        else:
            from .login.dialogs import LoginDialog

            self.login = first = LoginDialog(None)
            self.login.accepted.connect(self._logged_in)
            self.login.rejected.connect(lambda: self.app.exit(0))
            self.app.setQuitOnLastWindowClosed(False)  # login hides before the main window shows
        self._probe = FirstExposed(first, self._shown)
        if self.window is not None:
            self.window.show_placed()
        else:
            first.show()

    def _shown(self) -> None:
        if self.report:
            _say(f"shown {self.ms()}")
        if self.trace:
            loaded = [name for name in DATA_LAYER if name in sys.modules]
            _say("loaded-at-shown " + (",".join(loaded) or "-"))
            _say("font " + ",".join(self.app.font().families()))
        if self.smoke and self._show_first_page():
            self.first_page_shown = True
            self._ready()
        # 2. the data layer, off the UI thread
        self.loader.start(partial(open_data, self.args.data_dir, self.args.db,
                                  demo=self.args.demo))

    def _show_first_page(self) -> bool:
        """The home's first page straight from the SQLite file (``store.quickread``), so the
        window is usable while SQLAlchemy loads; False when that cannot be done here
        (another database, one to migrate, demo data to add, a supervisor's home)."""
        if self.args.db or self.args.demo or self.window is None:
            return False
        from inspector_app import paths
        from inspector_app.core import clock
        from inspector_app.store import quickread

        conn = quickread.open_readonly(paths.database_path(paths.data_dir(self.args.data_dir)))
        if conn is None:
            return False
        try:
            try:
                zone = clock.zone(self._zone_name(conn))
            except ValueError:
                zone = clock.zone()
            today = clock.today(zone)
            first = quickread.first_page(
                conn, today=today, since=dt.datetime(today.year, 1, 1, tzinfo=zone))
        except Exception:  # noqa: BLE001 - the ordinary path will say what is wrong
            log.debug("first page without the data layer failed", exc_info=True)
            return False
        finally:
            conn.close()
        if first.officer is None or first.officer[2] == "supervisor":
            return False
        self.window.show_first_page(first, zone)
        return True

    @staticmethod
    def _zone_name(conn) -> str:
        row = conn.execute("SELECT value FROM settings WHERE key = 'time_zone'").fetchone()
        from inspector_app.core.clock import DEFAULT_ZONE

        return row[0] if row else DEFAULT_ZONE

    # -- 3. hand over ----------------------------------------------------------
    @Slot(object)
    def _opened(self, opened: Opened) -> None:
        from .context import AppContext
        from .writer import Writer

        self.writer = Writer(opened.workspace.db)
        self.ctx = AppContext(workspace=opened.workspace, writer=self.writer,
                              language=self.language, zone=opened.zone)
        if self.smoke:
            if opened.first_officer:
                self.ctx.officer_id, self.ctx.officer_name = opened.first_officer
            assert self.window is not None
            self.window.attach_context(self.ctx)  # the home screen reads its first pages
            if self.first_page_shown:
                if self.report:
                    _say(f"loaded {self.ms()}")  # the data layer is in, behind the shown page
            else:
                self._ready()
            QTimer.singleShot(0, lambda: self.app.exit(0))
            return
        assert self.login is not None
        self.login.set_writer(self.writer)
        if not opened.has_officers:
            self._setup_first_officer()
        self._ready()

    def _ready(self) -> None:
        if self.report:
            _say(f"ready {self.ms()}")
        if self.trace:
            heavy = [name for name in HEAVY if name in sys.modules]
            _say("loaded-at-ready " + (",".join(heavy) or "-"))
        if self.trace and self.window is not None:
            self._say_geometry(self.window)

    @staticmethod
    def _say_geometry(window: QWidget) -> None:
        """Where the window and its status bar are, against the screen's available area."""
        def box(r) -> str:
            return f"{r.x()},{r.y()},{r.width()},{r.height()}"

        bar = window.statusBar()
        corner = bar.mapToGlobal(bar.rect().topLeft())
        bar_rect = bar.rect().translated(corner)
        available = QWidget.screen(window).availableGeometry()  # MainWindow.screen: its page
        _say(f"geometry frame={box(window.frameGeometry())} statusbar={box(bar_rect)} "
             f"available={box(available)} maximized={int(window.isMaximized())}")

    def _setup_first_officer(self) -> None:
        from .login.dialogs import SetupDialog

        assert self.login is not None and self.writer is not None
        setup = SetupDialog(self.writer, self.login)
        setup.accepted.connect(partial(self._set_up, setup))
        setup.rejected.connect(lambda: self.app.exit(0))
        setup.open()

    def _set_up(self, setup) -> None:
        if self.login is not None:  # log in with the account just created
            self.login.cert_no.setText(setup.cert_no.text())
            self.login.password.setFocus()
        setup.deleteLater()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        store_db = sys.modules.get("inspector_app.store.db")
        expected = (store_db is not None and isinstance(exc, store_db.DatabaseError)) or (
            hasattr(exc, "message_zh"))  # a UserError: e.g. the data folder is a file
        if not expected:
            log.error("opening the database failed", exc_info=exc)
        text = getattr(exc, "message_zh", None) or str(exc) or exc.__class__.__name__
        title = QApplication.translate("main", "Cannot open the database")
        if self.report and sys.stderr is not None:
            print(f"{title}: {text}", file=sys.stderr, flush=True)
        if not self.smoke:
            QMessageBox.critical(self.login, title, text)
        self.app.exit(1)

    def _logged_in(self) -> None:
        from .mainwindow import MainWindow

        assert self.login is not None and self.ctx is not None and self.login.officer
        self.ctx.officer_id, self.ctx.officer_name = self.login.officer
        self.ctx.officer_role = ""  # read again: the next officer may be a supervisor
        self.window = MainWindow(self.ctx)
        self.window.sig_logout.connect(self._log_out)
        self.window.show_placed()
        self.app.setQuitOnLastWindowClosed(True)
        self.login.deleteLater()
        self.login = None
        self.window.offer_resume()

    def _log_out(self) -> None:
        """Close the officer's window (answers are already saved) and ask who is next."""
        from .login.dialogs import LoginDialog

        window, self.window = self.window, None
        self.app.setQuitOnLastWindowClosed(False)  # between the window and the next login
        if window is not None:
            window.close()
            window.deleteLater()
        assert self.ctx is not None
        self.ctx.officer_id, self.ctx.officer_name, self.ctx.officer_role = None, "", ""
        self.login = LoginDialog(self.writer)
        self.login.set_writer(self.writer)
        self.login.accepted.connect(self._logged_in)
        self.login.rejected.connect(lambda: self.app.exit(0))
        self.login.show()

    def _timed_out(self) -> None:
        if sys.stderr is not None:
            print(f"--smoke: not ready after {SMOKE_TIMEOUT_MS} ms", file=sys.stderr, flush=True)
        self.app.exit(3)

    # -- exit ------------------------------------------------------------------
    def finish(self) -> None:
        """After the event loop: stop the writer, close the database (even one still opening)."""
        if self.writer is not None:
            self.writer.shutdown()
        self.loader.join(OPEN_JOIN_TIMEOUT_S)
        opened = self.loader.result
        if opened is not None:
            opened.workspace.db.dispose()
