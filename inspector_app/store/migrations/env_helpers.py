"""Helpers shared by env.py and the tests."""

from __future__ import annotations


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """The search index (migration 0002) is raw SQL, not models: autogenerate leaves it alone."""
    if not reflected:
        return True
    if type_ == "table":
        return "_fts" not in name
    if type_ == "index":
        return not (name or "").endswith("_trgm") and "_fts" not in (name or "")
    return True
