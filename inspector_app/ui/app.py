"""``inspector-app``: start the desktop app.

Chinese by default (resources/translations/inspector_zh_CN.qm); English when
the settings say so. First start with no officer shows the setup dialog, then
the login. ``--smoke`` opens the main window and exits 0 once it is shown;
``--demo`` fills demo data into an empty database.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from inspector_app import paths
from inspector_app.cli.context import Workspace, open_workspace
from inspector_app.core.officers import officer_count
from inspector_app.store.db import DatabaseError
from inspector_app.store.models import Officer, Unit

from . import settings
from .context import AppContext
from .writer import Writer

TRANSLATIONS_DIR = paths.RESOURCES_DIR / "translations"
SMOKE_TIMEOUT_MS = 20000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inspector-app", description="特种设备现场监督检查")
    parser.add_argument("--data-dir", help="data folder (default: $INSPECTOR_DATA_DIR or user data)")
    parser.add_argument("--db", metavar="URL", help="database URL instead of the local SQLite file")
    parser.add_argument("--demo", action="store_true", help="add demo data when there are no units")
    parser.add_argument("--smoke", action="store_true",
                        help="open the main window without login, exit 0 once it is shown")
    parser.add_argument("--language", choices=settings.LANGUAGES, help="override the setting")
    return parser


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load our .qm and Qt's own for Chinese; English is the source text."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS_DIR / f"inspector_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def fill_demo_if_empty(ws: Workspace) -> bool:
    from inspector_app.core import demo

    with ws.db.read() as s:
        if s.query(Unit.id).first() is not None:
            return False
    demo.generate(ws.db, ws.blobs, equipment=300)
    return True


def first_officer(ws: Workspace) -> tuple[str, str] | None:
    with ws.db.read() as s:
        officer = s.query(Officer).filter(Officer.deleted.is_(False)).order_by(Officer.cert_no).first()
        return (officer.id, officer.name) if officer else None


def ensure_forms(ws: Workspace) -> None:
    """A new inspection needs the shipped checklists registered; parsed only when changed."""
    from inspector_app.core.shipped_forms import ensure_shipped_forms

    ensure_shipped_forms(ws.db, ws.folder)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    language = args.language or settings.language()
    install_translators(app, language)
    try:
        ws = open_workspace(args.data_dir, args.db)
    except DatabaseError as exc:
        QMessageBox.critical(None, app.translate("main", "Cannot open the database"), str(exc))
        return 1
    if args.demo:
        fill_demo_if_empty(ws)
    ensure_forms(ws)
    writer = Writer(ws.db)
    ctx = AppContext(workspace=ws, writer=writer, language=language)
    try:
        if not log_in(ctx, ws, smoke=args.smoke):
            return 0
        from .mainwindow import MainWindow

        window = MainWindow(ctx)
        if args.smoke:
            window.sig_shown.connect(lambda: QTimer.singleShot(0, app.quit))  # shown: done
            QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: app.exit(3))
        window.show()
        code = app.exec()
        return code
    finally:
        writer.shutdown()
        ws.db.dispose()


def log_in(ctx: AppContext, ws: Workspace, *, smoke: bool) -> bool:
    from .login.dialogs import LoginDialog, SetupDialog

    if smoke:
        officer = first_officer(ws)
        if officer:
            ctx.officer_id, ctx.officer_name = officer
        return True
    with ws.db.read() as s:
        empty = officer_count(s) == 0
    if empty and not SetupDialog(ctx.writer).exec():
        return False
    dialog = LoginDialog(ctx.writer)
    if not dialog.exec():
        return False
    ctx.officer_id, ctx.officer_name = dialog.officer
    return True


if __name__ == "__main__":
    sys.exit(main())
