"""What every screen needs from the running app: data, the writer, who is logged in.

Imports of the data layer are for type checking only: the start-up shows its
first window before SQLAlchemy is loaded (see ``startup.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inspector_app.cli.context import Workspace
    from inspector_app.store.blobs import BlobStore
    from inspector_app.store.db import Database

    from .writer import Writer


def _default_zone() -> dt.tzinfo:
    from inspector_app.core.clock import zone

    return zone()


@dataclass
class AppContext:
    workspace: Workspace
    writer: Writer
    officer_id: str | None = None
    officer_name: str = ""
    language: str = "zh_CN"
    officer_role: str = ""  # read at attach time when empty
    zone: dt.tzinfo = field(default_factory=_default_zone)  # the office's (core/clock.py)

    @property
    def supervisor(self) -> bool:
        return self.officer_role == "supervisor"

    @property
    def db(self) -> Database:
        return self.workspace.db

    @property
    def blobs(self) -> BlobStore:
        return self.workspace.blobs

    @property
    def english(self) -> bool:
        return self.language == "en"
