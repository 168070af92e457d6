"""The main window only assembles screens and wires their signals; it holds no logic.

``MainWindow()`` without a context is the start-up shell: toolbar, status bar and a
"正在载入…" placeholder, shown before the data layer is loaded; ``attach_context``
then puts the home screen in. Screens other than home are imported when first
opened: start-up shows home without loading the checklist, PDF or signature code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from . import window_state

if TYPE_CHECKING:
    from .context import AppContext
    from .home.screen import HomeScreen
    from .login.resume import ResumePrompt
    from .registry.unit_dialog import UnitDialog
    from .start.dialog import StartInspectionDialog
    from .supervisor.screen import SupervisorScreen
    from .sync.actions import SyncController
    from .sync.online import OnlineIndicator
    from .sync.status import SyncStatusLabel


class MainWindow(QMainWindow):
    sig_shown = Signal()
    sig_ready = Signal()  # the home screen is in and has read its first page
    sig_logout = Signal()  # the officer logs out (or hands over to another officer)

    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.home: HomeScreen | SupervisorScreen | None = None
        self.sync: SyncController | None = None
        self.sync_status: SyncStatusLabel | None = None
        self.online: OnlineIndicator | None = None
        self.resume_prompt: ResumePrompt | None = None
        self.setWindowTitle(self.tr("Special equipment field inspection"))
        self.maximize_on_show = window_state.place(self)  # fits the screen; as left last time
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.loading = QLabel(self.tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setStyleSheet("font-size: 16pt; color: #555;")
        self.stack.addWidget(self.loading)
        self.screen: QWidget | None = None
        self.start_dialog: StartInspectionDialog | None = None
        self.unit_dialog: UnitDialog | None = None

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setMovable(False)
        home = QAction(self.tr("Home"), self)
        home.setShortcut(QKeySequence("Ctrl+H"))
        home.triggered.connect(self.show_home)
        find = QAction(self.tr("Search"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._find)
        settings = QAction(self.tr("Settings…"), self)
        settings.triggered.connect(self._settings)
        self.logout_action = QAction(self.tr("Log out / switch officer"), self)
        self.logout_action.triggered.connect(self.log_out)
        for action in (home, find, settings, self.logout_action):
            toolbar.addAction(action)
        self.toolbar = toolbar
        self._data_actions = (home, find, self.logout_action)  # need the home screen
        for action in self._data_actions:
            action.setEnabled(False)
        self.officer_label = QLabel()
        self.statusBar().addPermanentWidget(self.officer_label)
        self.busy = QLabel()
        self.statusBar().addPermanentWidget(self.busy)
        self._deferred: list = []  # asked of the first page before the database was attached
        if ctx is not None:
            self.attach_context(ctx)

    def show_first_page(self, first, zone) -> None:
        """Start-up: an inspector's home with its first page, read without the data layer
        (``store.quickread``); ``attach_context`` hands it the database afterwards."""
        from .home.screen import HomeScreen

        self.home = HomeScreen(None, first=first, zone=zone)
        self._connect_home(self.home)
        self._put_home(self.home)
        self.officer_label.setText(self.tr("Officer: %1").replace("%1", first.officer[1]))

    def _later(self, fn):
        """``fn``, or queued until the database is attached (a row opened meanwhile)."""
        def run(*args) -> None:
            if self.ctx is None:
                self._deferred.append(lambda: fn(*args))
            else:
                fn(*args)
        return run

    def _connect_home(self, home: HomeScreen) -> None:
        home.sig_open_unit.connect(self._later(self.open_unit))
        home.sig_resume.connect(self._later(self.open_checklist))
        home.sig_start_task.connect(self._later(self.open_task))
        home.sig_new_unit.connect(self._later(lambda: self.edit_unit(None)))
        home.sig_documents.connect(self._later(self.open_documents))

    def _put_home(self, home: QWidget) -> None:
        self.stack.addWidget(home)
        self.stack.setCurrentWidget(home)
        if self.loading is not None:
            self.stack.removeWidget(self.loading)
            self.loading.deleteLater()
            self.loading = None

    def attach_context(self, ctx: AppContext) -> None:
        """The database is open: put the home screen in place of the placeholder (or give
        the first page shown meanwhile its database).

        A supervisor's home is the workspace of received inspections and open findings."""
        from inspector_app.core.sync_status import officer_role

        if not ctx.officer_role:
            with ctx.db.read() as s:
                ctx.officer_role = officer_role(s, ctx.officer_id)
        self.ctx = ctx
        if self.home is not None and not ctx.supervisor:  # the first page is already shown
            self.home.attach(ctx)
        elif ctx.supervisor:
            from .supervisor.screen import SupervisorScreen

            if self.home is not None:  # an inspector's first page: not this officer's home
                self.stack.removeWidget(self.home)
                self.home.deleteLater()
            self.home = SupervisorScreen(ctx)
            self.home.sig_open_inspection.connect(self.open_received)
            self._put_home(self.home)
        else:
            from .home.screen import HomeScreen

            self.home = HomeScreen(ctx)
            self._connect_home(self.home)
            self._put_home(self.home)
        self._attach_sync(ctx)
        for action in self._data_actions:
            action.setEnabled(True)
        who = ctx.officer_name or self.tr("not logged in")
        self.officer_label.setText(self.tr("Officer: %1").replace("%1", who))
        # Bound methods, not lambdas: Qt drops them with this window (logging out closes it
        # while the writer lives on for the next officer).
        ctx.writer.sig_busy.connect(self._busy_changed)
        ctx.writer.sig_failed.connect(self._write_failed)
        if self.isVisible():
            self.home.focus_search()
        self.sig_ready.emit()
        deferred, self._deferred = self._deferred, []
        for action in deferred:
            action()

    def _attach_sync(self, ctx: AppContext) -> None:
        from .sync.actions import SyncController
        from .sync.status import SyncStatusLabel

        self.sync = SyncController(ctx, self)
        self.sync_status = SyncStatusLabel(ctx)
        self.statusBar().insertPermanentWidget(0, self.sync_status)
        self.sync.sig_data_changed.connect(self.sync_status.refresh)
        if not self.sync_status.office:  # the office's own database has nowhere to sync to
            from .sync.online import OnlineIndicator

            self.online = OnlineIndicator()
            self.statusBar().insertPermanentWidget(1, self.online)
            self.sync.sig_data_changed.connect(self.online.check)
        self.sync.sig_data_changed.connect(self._data_arrived)
        self.sync.sig_message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.sync.import_action.setVisible(ctx.supervisor)
        self.toolbar.addSeparator()
        menu = self.menuBar().addMenu(self.tr("Sync"))
        for action in self.sync.actions:
            self.toolbar.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.sync.enrol_action)
        self.forms_action = menu.addAction(self.tr("Checklist form versions…"))
        self.forms_action.triggered.connect(self.show_form_versions)

    def show_form_versions(self) -> None:
        from .forms.dialog import FormVersionsDialog

        self.forms_dialog = FormVersionsDialog(self.ctx, self)
        self.forms_dialog.open()

    def _data_arrived(self) -> None:
        if self.screen is None and self.home is not None:
            self.home.refresh()

    def show_placed(self) -> None:
        """Show maximized on a small screen or when it was left so, else as placed."""
        window_state.show(self, self.maximize_on_show)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.sig_shown.emit)

    # -- screens -------------------------------------------------------------
    def _replace(self, screen: QWidget | None) -> None:
        if self.screen is not None:
            self.stack.removeWidget(self.screen)
            self.screen.deleteLater()
        self.screen = screen
        if screen is not None:
            self.stack.addWidget(screen)
            self.stack.setCurrentWidget(screen)

    def show_home(self) -> None:
        if self.home is None:  # still loading
            return
        self._replace(None)
        self.stack.setCurrentWidget(self.home)
        self.home.refresh()
        self.home.focus_search()

    def _find(self) -> None:
        self.show_home()

    def _settings(self) -> None:
        from .settings import SettingsDialog

        SettingsDialog(self, self.ctx).exec()
        if self.online is not None:  # the server may have changed
            self.online.check()

    def log_out(self) -> None:
        """Hand the laptop over: the start-up closes this window and shows the login."""
        if self.sync is not None and self.sync.busy:
            self.statusBar().showMessage(self.tr("Wait for the sync to finish first."), 8000)
            return
        self.sig_logout.emit()

    def offer_resume(self) -> ResumePrompt | None:
        """Right after login: "继续上次未完成的检查？" when this officer left one open."""
        from inspector_app.core.worklist import last_unfinished_inspection

        from .login.resume import ResumePrompt

        if self.ctx is None or not self.ctx.officer_id:
            return None
        with self.ctx.db.read() as s:
            last = last_unfinished_inspection(s, officer_id=self.ctx.officer_id)
        if last is None:
            return None
        prompt = ResumePrompt(last, self.ctx.zone, self)
        prompt.accepted.connect(lambda: self.open_checklist(last.id))
        self.resume_prompt = prompt
        prompt.open()
        return prompt

    def open_task(self, task_id: str, unit_id: str) -> None:
        """我的任务: start the task's inspection (type, source and equipment from the task)."""
        from inspector_app.core.errors import UserError

        from .common import error_text

        try:
            self.open_unit(unit_id, task_id=task_id)
        except UserError as exc:  # cancelled or gone since the list was read (a sync)
            self.home.message.show_error(error_text(exc))
            self.home.refresh()

    def open_unit(self, unit_id: str, equipment_id: str = "", *, task_id: str = "") -> None:
        from .start.dialog import StartInspectionDialog

        dialog = StartInspectionDialog(self.ctx, unit_id, equipment_id, self, task_id=task_id)
        dialog.sig_started.connect(self.open_checklist)
        dialog.sig_edit_unit.connect(self.edit_unit)
        dialog.sig_follow_up.connect(self.open_follow_up)
        self.start_dialog = dialog
        dialog.open()

    def edit_unit(self, unit_id: str | None) -> None:
        from .registry.unit_dialog import UnitDialog

        dialog = UnitDialog(self.ctx, unit_id, self)
        dialog.sig_saved.connect(lambda _id: self.home.refresh())
        self.unit_dialog = dialog
        dialog.open()

    def open_checklist(self, inspection_id: str) -> None:
        from .checklist.screen import ChecklistScreen

        screen = ChecklistScreen(self.ctx, inspection_id)
        screen.sig_home.connect(self.show_home)
        screen.sig_signoff.connect(self.open_signoff)
        self._replace(screen)
        screen.resume()

    def open_signoff(self, inspection_id: str) -> None:
        from .signoff.screen import SignoffScreen

        screen = SignoffScreen(self.ctx, inspection_id)
        screen.sig_home.connect(self.show_home)
        screen.sig_checklist.connect(self.open_checklist)
        screen.sig_documents.connect(self.open_documents)
        self._replace(screen)

    def open_follow_up(self, unit_id: str) -> None:
        from .followup.screen import FollowUpScreen

        screen = FollowUpScreen(self.ctx, unit_id)
        screen.sig_home.connect(self.show_home)
        screen.sig_documents.connect(self.open_documents)
        self._replace(screen)

    def open_documents(self, inspection_id: str) -> None:
        from .directive.screen import DirectiveScreen  # QtPdf loads only when needed

        screen = DirectiveScreen(self.ctx, inspection_id)
        screen.sig_home.connect(self.show_home)
        self._replace(screen)

    def open_received(self, inspection_id: str) -> None:
        from .supervisor.detail import InspectionDetailScreen  # QtPdf loads only when needed

        screen = InspectionDetailScreen(self.ctx, inspection_id)
        screen.sig_home.connect(self.show_home)
        self._replace(screen)

    def _busy_changed(self, busy: bool) -> None:
        self.busy.setText(self.tr("Saving…") if busy else self.tr("Saved"))

    def _write_failed(self, _job: int, exc: BaseException) -> None:
        from .common import error_text

        self.statusBar().showMessage(error_text(exc), 8000)

    def closeEvent(self, event) -> None:
        if self.sync is not None and self.sync.busy:  # stop at the next step, then wait
            self.sync.runner.cancel()
            self.sync.runner.join(30)
        if self.ctx is not None:
            self.ctx.writer.wait_idle()
        window_state.remember(self)
        super().closeEvent(event)
