"""Issuing takes a permanent number: say which, and ask first."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class IssueConfirmation(QMessageBox):
    """Window-modal question; ``accepted_issue`` tells which button was chosen."""

    def __init__(
        self, number: str, *, superseding: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.number = number
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Issue the directive?"))
        if superseding:
            text = (
                self.tr(
                    "Issue a corrected directive numbered %1? It supersedes %2, which "
                    "stays on record."
                )
                .replace("%1", number)
                .replace("%2", superseding)
            )
        else:
            text = self.tr("Issue the directive numbered %1?").replace("%1", number)
        self.setText(text)
        self.setInformativeText(
            self.tr(
                "The number is used for good once issued: it cannot be taken back or given to "
                "another directive."
            )
        )
        self.issue = self.addButton(
            self.tr("Issue %1").replace("%1", number), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel = self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel)
        self.setEscapeButton(self.cancel)

    def accepted_issue(self) -> bool:
        return self.clickedButton() is self.issue
