"""Where the product keeps its files.

One place decides the data folder so the desktop app, the CLI and the tests all
honour the same override (``INSPECTOR_DATA_DIR``), as Picard's appdirs module does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "inspector"
APP_AUTHOR = "inspector"
DATA_DIR_ENV = "INSPECTOR_DATA_DIR"



def _project_root() -> Path:
    """The folder holding forms/ and resources/ (and the package).

    In a PyInstaller build (``build_installer.py``) that is the bundle folder,
    ``sys._MEIPASS``, where the build copies forms/, resources/ and the Alembic
    migrations with the same layout as the source tree; modules there get
    ``__file__`` paths inside it too, so code that finds files relative to its
    own module keeps working.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle).resolve()
    return Path(__file__).resolve().parents[1]


PROJECT_ROOT = _project_root()
RESOURCES_DIR = PROJECT_ROOT / "resources"
FORMS_DIR = PROJECT_ROOT / "forms"

DATABASE_FILE = "inspector.sqlite3"
BLOBS_FOLDER = "blobs"
OFFICE_KEY_FILE = "office_key.pem"  # its presence makes a data folder the office's (sync/keys.py)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the local database and the blob store (not created here)."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def database_path(folder: Path) -> Path:
    return folder / DATABASE_FILE


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"
