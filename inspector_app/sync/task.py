"""Progress, cancellation and counts of sync work (usable from the app, CLI and server).

``SyncTask`` is the public hook between the sync code and whoever runs it:
``apply_changes``/``import_bundle`` report ``checking``/``applying`` through it, and
``client.sync``/``push``/``pull`` report the stages below, call ``retrying`` before
each backoff wait, check ``cancelled`` before every request and wait with ``wait``
(slices of ``WAIT_SLICE`` seconds), so a Cancel from another thread takes effect
within a fraction of a second except while a request is on the wire.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import SyncCancelled

# The stages of an HTTP sync as ``client`` reports them (``core.sync_status`` shows them).
EXPORT, PUSH, PULL, IMPORT, DONE = "export", "push", "pull", "import", "done"
WAIT_SLICE = 0.05  # seconds between two looks at the cancel flag while waiting


@dataclass
class SyncTask:
    """Progress and cancellation for a long import or sync (the app polls or gets callbacks)."""

    phase: str = ""
    total: int = 0
    done: int = 0
    cancelled: bool = False
    on_progress: Callable[[SyncTask], None] | None = None

    def cancel(self) -> None:
        """Ask the work to stop; safe to call from any thread."""
        self.cancelled = True

    def report(self, phase: str, done: int = 0) -> None:
        """Record the phase (and ``done`` more units) and tell ``on_progress``; never raises."""
        self.phase = phase
        self.done += done
        if self.on_progress is not None:
            self.on_progress(self)

    def check(self, message: str = "sync cancelled; nothing was changed") -> None:
        """Raise ``SyncCancelled`` when Cancel was asked for."""
        if self.cancelled:
            raise SyncCancelled(message)

    def step(self, phase: str, done: int = 0) -> None:
        """``report`` then ``check``: where the work may stop."""
        self.report(phase, done)
        self.check()

    def wait(self, seconds: float, message: str = "sync cancelled; nothing was changed") -> None:
        """Sleep ``seconds``, looking at the cancel flag every ``WAIT_SLICE`` seconds."""
        deadline = time.monotonic() + seconds
        while True:
            self.check(message)
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(WAIT_SLICE, left))

    def retrying(self, attempt: int, attempts: int, delay: float, problem: str) -> None:
        """Called by the HTTP client before waiting ``delay`` s for try ``attempt + 1``.

        ``problem`` is the English cause (``ConnectError: …``, ``HTTP 503``). The default
        reports progress in the current phase; ``core.sync_jobs.SyncJob`` adds a Chinese line.
        """
        self.report(self.phase)


@dataclass
class ApplyResult:
    applied: int = 0
    identical: int = 0
    older: int = 0
    conflicts: int = 0
    max_clock: int = 0
    tables: dict[str, int] = field(default_factory=dict)
