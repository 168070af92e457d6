"""Opening the product's data for a CLI command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inspector_app import paths
from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database, open_database


@dataclass
class Workspace:
    folder: Path
    db: Database
    blobs: BlobStore


def open_workspace(data_dir: str | None, db_url: str | None = None) -> Workspace:
    folder = paths.data_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    url = db_url or paths.sqlite_url(paths.database_path(folder))
    db = open_database(url)
    return Workspace(folder=folder, db=db, blobs=BlobStore(folder / paths.BLOBS_FOLDER))
