"""After login: offer to continue the inspection this officer left unfinished."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox, QWidget

from inspector_app.core import clock
from inspector_app.core.worklist import UnfinishedInspection


class ResumePrompt(QMessageBox):
    """继续上次未完成的检查？ Continue opens the checklist at its first unanswered item."""

    def __init__(
        self, inspection: UnfinishedInspection, zone: dt.tzinfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inspection = inspection
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Unfinished inspection"))
        self.setText(self.tr("Continue the unfinished inspection?"))
        self.setInformativeText(
            self.tr("%1, started %2, %3 items answered.")
            .replace("%1", inspection.unit_name)
            .replace("%2", clock.format_datetime(inspection.started_at, zone))
            .replace("%3", str(inspection.answered))
        )
        self.continue_button = self.addButton(
            self.tr("Continue"), QMessageBox.ButtonRole.AcceptRole
        )
        self.later_button = self.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.continue_button)
