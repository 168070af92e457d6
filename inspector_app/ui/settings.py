"""Settings declared once, with type and default (Picard's options.py), plus the dialog.

Stored with QSettings; tests point QSettings at their temp folder through
INSPECTOR_DATA_DIR so they never touch the user's real settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inspector_app import paths

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: object


LANGUAGE = Option("ui/language", str, "zh_CN")
WINDOW_GEOMETRY = Option("ui/geometry", bytes, b"")
WINDOW_MAXIMIZED = Option("ui/maximized", bool, False)
TOUCH_MODE = Option("ui/touch", bool, False)  # 44 px toolbar buttons, tabs, check boxes
LAST_CERT_NO = Option("login/last_cert_no", str, "")  # 执法证号 of the last login here
SYNC_SERVER = Option("sync/server", str, "")  # e.g. https://sync.example.gov.cn


def settings() -> QSettings:
    """The app's settings file; inside the data folder when INSPECTOR_DATA_DIR is set."""
    if os.environ.get(paths.DATA_DIR_ENV):
        folder = paths.data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(paths.APP_AUTHOR, paths.APP_NAME)


def get(option: Option):
    value = settings().value(option.key, option.default)
    if option.type is str:
        return str(value) if value is not None else option.default
    if option.type is bool:  # an ini file gives back "true" / "false"
        return value in (True, 1, "true", "1")
    if option.type is bytes:
        return bytes(value.data()) if hasattr(value, "data") else bytes(value or b"")
    return value


def put(option: Option, value) -> None:
    s = settings()
    s.setValue(option.key, value)
    s.sync()


def language() -> str:
    value = get(LANGUAGE)
    return value if value in LANGUAGES else LANGUAGE.default


class SettingsDialog(QDialog):
    """Language (takes effect at the next start: translators load before widgets), sync
    server, touch mode; with a logged-in context also the daily backups kept (a setting of
    the database, ``backups_keep``, written through the database writer)."""

    def __init__(self, parent: QWidget | None = None, ctx=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language())))
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        self.server = QLineEdit(get(SYNC_SERVER))
        self.server.setPlaceholderText("https://sync.example.gov.cn")
        self.server.setMinimumWidth(360)
        form.addRow(self.tr("Sync server"), self.server)
        self.touch = QCheckBox(self.tr("Touch mode: larger buttons, tabs and check boxes"))
        self.touch.setChecked(get(TOUCH_MODE))
        form.addRow(self.tr("Touch"), self.touch)
        self.backups: QSpinBox | None = None
        self._backups_was: int | None = None
        if ctx is not None and getattr(ctx.db, "is_sqlite", False):
            from inspector_app.core.backups import backups_keep

            self._backups_was = backups_keep(ctx.db)
            self.backups = QSpinBox()
            self.backups.setRange(0, 365)
            self.backups.setValue(self._backups_was)
            self.backups.setSpecialValueText(self.tr("off"))
            self.backups.setSuffix(self.tr(" backups"))
            self.backups.setToolTip(
                self.tr("One backup a day in the data folder's backups; 0 turns them off")
            )
            form.addRow(self.tr("Daily backups kept"), self.backups)
        note = QLabel(self.tr("The language changes the next time the app starts."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        from . import touch

        put(LANGUAGE, self.language.currentData())
        put(SYNC_SERVER, self.server.text().strip())
        put(TOUCH_MODE, self.touch.isChecked())
        touch.apply(QApplication.instance(), self.touch.isChecked())  # at once, every window
        if self.backups is not None and self.backups.value() != self._backups_was:
            from inspector_app.core.settings import set_setting

            keep = str(self.backups.value())
            self.ctx.writer.submit(lambda session: set_setting(session, "backups_keep", keep))
        super().accept()
