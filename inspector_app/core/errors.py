"""Errors a use case raises for a person to read."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a forbidden action; the message says what and where.

    ``message_zh`` is what the desktop app shows; ``field`` names the input the
    message belongs next to, when there is one.
    """

    def __init__(self, message: str, *, message_zh: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message_zh = message_zh or message
        self.field = field


class NotFound(UserError):
    pass
