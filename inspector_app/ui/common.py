"""Small widgets and helpers shared by several screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

TOUCH_MIN = 44  # px: the smallest target a gloved finger hits reliably


def error_text(exc: BaseException) -> str:
    """What a person reads about a failed action: the Chinese message of a UserError."""
    message = getattr(exc, "message_zh", None)
    return message or str(exc) or exc.__class__.__name__


class MessageLabel(QLabel):
    """A red (or green) line shown next to a field or at the foot of a screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setStyleSheet("color: #b00020; font-weight: bold;")
        self.setText(text)
        self.setVisible(bool(text))

    def show_info(self, text: str) -> None:
        self.setStyleSheet("color: #1b5e20;")
        self.setText(text)
        self.setVisible(bool(text))

    def show_error_from(self, exc: BaseException) -> None:
        self.show_error(error_text(exc))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def touch_button(text: str, parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    button.setMinimumHeight(TOUCH_MIN)
    button.setMinimumWidth(TOUCH_MIN * 2)
    return button


def dialog_buttons(
    dialog: QDialog, ok_text: str, cancel_text: str, on_ok: Callable[[], object]
) -> tuple[QHBoxLayout, QPushButton]:
    """The right-aligned Cancel / OK row of a dialog; OK is the default button.

    Texts come already translated, so each dialog keeps its own translation context.
    """
    ok = touch_button(ok_text)
    ok.setDefault(True)
    ok.clicked.connect(on_ok)
    cancel = touch_button(cancel_text)
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok
