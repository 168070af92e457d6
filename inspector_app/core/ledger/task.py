"""Progress and Cancel of a ledger import, shared between the work and whoever shows it.

The import is a plain function taking a ``LedgerTask``; it reports its phase and
how many rows are done, and stops at its next step once ``cancel()`` was called
(from any thread). A cancelled import rolls back: nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import UserError

READING, CHECKING, COMPARING, WRITING, REPORT, DONE = (
    "reading",
    "checking",
    "comparing",
    "writing",
    "report",
    "done",
)
PHASES_ZH = {
    READING: "读取文件",
    CHECKING: "检查各行",
    COMPARING: "与数据库比对",
    WRITING: "写入数据库",
    REPORT: "生成问题报告",
    DONE: "完成",
}


class LedgerCancelled(UserError):
    def __init__(self) -> None:
        super().__init__(
            "ledger import cancelled; nothing was changed",
            message_zh="已取消导入，数据库未作任何修改",
        )


@dataclass
class LedgerTask:
    phase: str = ""
    total: int = 0
    done: int = 0
    message: str = ""
    cancelled: bool = False
    on_progress: Callable[[LedgerTask], None] | None = None

    def cancel(self) -> None:
        self.cancelled = True

    def start(self, phase: str, total: int = 0) -> None:
        """A new phase of ``total`` units (0: size unknown)."""
        self.phase, self.total, self.done = phase, total, 0
        self.message = PHASES_ZH.get(phase, phase)
        self.step(phase)

    def step(self, phase: str, done: int = 0) -> None:
        """Report ``done`` more units, then stop here if Cancel was asked for."""
        self.phase = phase
        self.done += done
        if self.on_progress is not None:
            self.on_progress(self)
        if self.cancelled:
            raise LedgerCancelled()
