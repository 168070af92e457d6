"""``inspector-app``: start the desktop app.

Chinese by default (resources/translations/inspector_zh_CN.qm); English when
the settings say so. The first window (the login dialog; the main window with
``--smoke``) shows before the data layer is loaded, and the database opens
behind it (``startup.py``). First start with no officer opens the setup dialog
over the login. ``--smoke`` opens the main window, prints ``shown <ms>`` and
``ready <ms>`` and exits 0 once the home screen has read its data;
``--demo`` fills demo data into an empty database.

Keep this module's imports light: nothing that pulls in SQLAlchemy.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # reference for the "shown"/"ready" milliseconds

import argparse  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from inspector_app import __version__, paths  # noqa: E402

from . import settings, touch  # noqa: E402
from .fonts import install_bundled_font  # noqa: E402
from .startup import (  # noqa: E402, F401 - re-exported for scripts/ui_screenshots.py
    SMOKE_TIMEOUT_MS,
    Startup,
    ensure_forms,
    fill_demo_if_empty,
    first_officer,
)

TRANSLATIONS_DIR = paths.RESOURCES_DIR / "translations"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inspector-app", description="特种设备现场监督检查")
    parser.add_argument("--data-dir", help="data folder (default: $INSPECTOR_DATA_DIR or user data)")
    parser.add_argument("--db", metavar="URL", help="database URL instead of the local SQLite file")
    parser.add_argument("--demo", action="store_true", help="add demo data when there are no units")
    parser.add_argument("--no-demo", dest="demo", action="store_false",
                        help="no demo data (after --demo: scripts/run.sh passes --demo)")
    parser.add_argument("--smoke", action="store_true",
                        help="open the main window without login, print 'shown <ms>' and "
                             "'ready <ms>', exit 0 once the database is open and home is loaded")
    parser.add_argument("--language", choices=settings.LANGUAGES, help="override the setting")
    parser.add_argument("--version", action="version", version=f"inspector-app {__version__}")
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
    gaps = QTranslator(app)  # what qtbase leaves in English in Qt's own dialogs
    if gaps.load(str(TRANSLATIONS_DIR / f"qt_gaps_{language}.qm")):
        app.installTranslator(gaps)
        installed.append(gaps)
    return installed


def prepare(app: QApplication, language: str) -> list[QTranslator]:
    """What every window needs before the first one shows: the bundled CJK font as
    fallback, Qt's own (translated) dialogs, the translations, touch mode."""
    # The platform's file/colour dialogs (GTK on a Linux desktop) speak the system
    # locale, often English; Qt's own are translated by qtbase_zh_CN below.
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    install_bundled_font(app)
    translators = install_translators(app, language)
    touch.apply(app, settings.get(settings.TOUCH_MODE))
    return translators


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    language = args.language or settings.language()
    prepare(app, language)
    startup = Startup(app, args, language, STARTED)
    try:
        startup.start()
        return app.exec()
    finally:
        startup.finish()


if __name__ == "__main__":
    sys.exit(main())
