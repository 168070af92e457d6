"""Opening the product's data for a CLI command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inspector_app import paths
from inspector_app.core.errors import UserError
from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database, open_database


@dataclass
class Workspace:
    folder: Path
    db: Database
    blobs: BlobStore


def data_folder(data_dir: str | None, *, create: bool) -> Path:
    """The data folder, checked: a file is refused, a missing one is created or refused."""
    folder = paths.data_dir(data_dir)
    where = "--data-dir" if data_dir else f"${paths.DATA_DIR_ENV} or the default"
    if folder.exists() and not folder.is_dir():
        raise UserError(
            f"data folder {folder} is a file, not a folder (check {where})",
            message_zh=f"数据文件夹 {folder} 是一个文件，不是文件夹",
        )
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"cannot create the data folder {folder}: {exc.strerror}",
                message_zh=f"无法创建数据文件夹 {folder}：{exc.strerror}",
            ) from None
    return folder


def open_workspace(
    data_dir: str | None, db_url: str | None = None, *, create: bool = True
) -> Workspace:
    """Open (and upgrade) the data; ``create=False`` refuses a folder with no database.

    Commands that only read (or act on data that must exist) pass ``create=False``,
    so a mistyped ``--data-dir`` is an error instead of a new, empty database.
    """
    folder = data_folder(data_dir, create=create or db_url is not None)
    database = paths.database_path(folder)
    if not create and db_url is None and not database.is_file():
        raise UserError(
            f"no database in {folder}: run 'inspector init' to create one there, or check "
            "--data-dir / $INSPECTOR_DATA_DIR",
            message_zh=f"{folder} 中没有数据库",
        )
    url = db_url or paths.sqlite_url(database)
    db = open_database(url)
    return Workspace(folder=folder, db=db, blobs=BlobStore(folder / paths.BLOBS_FOLDER))
