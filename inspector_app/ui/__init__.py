"""PySide6 desktop app: one sub-package per screen; the core never imports this."""

from . import pyside_guard  # noqa: F401 - before any signal is emitted (see its docstring)
