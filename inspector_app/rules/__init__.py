"""Pure domain rules: identifiers, hazard classes, conclusions, deadlines.

Nothing in this package touches SQL, files or Qt, so the desktop app, the CLI
and the sync server all judge an inspection the same way.
"""
