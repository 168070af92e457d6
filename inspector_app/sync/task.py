"""Progress, cancellation and counts of an import (usable from the app, CLI and server)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import SyncCancelled


@dataclass
class SyncTask:
    """Progress and cancellation for a long import (the app polls or gets callbacks)."""

    phase: str = ""
    total: int = 0
    done: int = 0
    cancelled: bool = False
    on_progress: Callable[[SyncTask], None] | None = None

    def cancel(self) -> None:
        self.cancelled = True

    def step(self, phase: str, done: int = 0) -> None:
        self.phase = phase
        self.done += done
        if self.on_progress is not None:
            self.on_progress(self)
        if self.cancelled:
            raise SyncCancelled("sync cancelled; nothing was changed")


@dataclass
class ApplyResult:
    applied: int = 0
    identical: int = 0
    older: int = 0
    conflicts: int = 0
    max_clock: int = 0
    tables: dict[str, int] = field(default_factory=dict)
