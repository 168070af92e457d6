"""Where the product keeps its files.

One place decides the data folder so the desktop app, the CLI and the tests all
honour the same override (``INSPECTOR_DATA_DIR``), as Picard's appdirs module does.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "inspector"
APP_AUTHOR = "inspector"
DATA_DIR_ENV = "INSPECTOR_DATA_DIR"

PROJECT_ROOT = Path(__file__).resolve().parents[1]
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
