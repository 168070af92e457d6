"""PySide6 desktop app: one sub-package per screen; the core never imports this."""
