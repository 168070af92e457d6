"""Sync errors: one clear line for a person, never a traceback."""

from __future__ import annotations

from inspector_app.core.errors import UserError


class SyncError(UserError):
    """A bundle or request refused; nothing was written."""


class SyncCancelled(SyncError):
    """The user cancelled; the transaction was rolled back."""
