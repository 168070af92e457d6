"""Use cases: plain functions with keyword-only arguments.

The desktop app, the CLI and the sync server call these; none of them talks
to the models directly for anything that changes data.
"""
