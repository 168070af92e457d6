"""What every screen needs from the running app: data, the writer, who is logged in."""

from __future__ import annotations

from dataclasses import dataclass

from inspector_app.cli.context import Workspace
from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database

from .writer import Writer


@dataclass
class AppContext:
    workspace: Workspace
    writer: Writer
    officer_id: str | None = None
    officer_name: str = ""
    language: str = "zh_CN"

    @property
    def db(self) -> Database:
        return self.workspace.db

    @property
    def blobs(self) -> BlobStore:
        return self.workspace.blobs

    @property
    def english(self) -> bool:
        return self.language == "en"
