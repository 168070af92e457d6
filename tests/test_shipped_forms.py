"""Start-up registers the shipped forms only when the files or the database changed."""

from __future__ import annotations

from sqlalchemy import func, select

from inspector_app.core.shipped_forms import MARKER, ensure_shipped_forms
from inspector_app.store.db import open_database
from inspector_app.store.models import FormVersion


def test_forms_are_parsed_once_then_trusted_while_unchanged(sqlite_db, tmp_path):
    assert ensure_shipped_forms(sqlite_db, tmp_path) is True
    with sqlite_db.read() as s:
        count = s.scalar(select(func.count()).select_from(FormVersion))
    assert count >= 5 and (tmp_path / MARKER).exists()
    assert ensure_shipped_forms(sqlite_db, tmp_path) is False  # nothing parsed
    other = open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}")  # another database
    try:
        assert ensure_shipped_forms(other, tmp_path) is True
    finally:
        other.dispose()
    (tmp_path / MARKER).write_text("not json")
    assert ensure_shipped_forms(sqlite_db, tmp_path) is True
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).select_from(FormVersion)) == count
