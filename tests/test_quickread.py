"""The start-up's first page (plain sqlite3) is exactly what the ORM queries return."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from inspector_app import paths
from inspector_app.core import demo, worklist
from inspector_app.core.documents_view import concluded_inspections, count_concluded_inspections
from inspector_app.store.db import open_database
from inspector_app.store.quickread import first_page, open_readonly


def test_first_page_equals_the_orm_lists(tmp_path, blobs):
    path = paths.database_path(tmp_path)
    db = open_database(paths.sqlite_url(path))
    demo.generate(db, blobs, equipment=400, seed=11)
    today = dt.date.today() + dt.timedelta(days=40)  # some findings are overdue by then
    since = dt.datetime(today.year, 1, 1, tzinfo=dt.UTC)
    conn = open_readonly(path)
    assert conn is not None
    page = first_page(conn, today=today, since=since, limit=50)
    with db.read() as s:
        assert page.unfinished == worklist.unfinished_inspections(s, limit=50)
        assert page.due == worklist.due_equipment(s, today=today, limit=50)
        assert page.never == worklist.never_inspected_units(s, limit=50)
        assert page.overdue == worklist.overdue_findings(s, today=today, limit=50)
        assert page.concluded == concluded_inspections(s, limit=50)
        assert page.counts == (
            worklist.count_unfinished_inspections(s),
            worklist.count_due_equipment(s, today=today),
            worklist.count_never_inspected_units(s),
            worklist.count_overdue_findings(s, today=today),
            count_concluded_inspections(s),
        )
        assert page.totals == worklist.inspection_totals(s, since=since)
        first = worklist.active_officers(s)[0]
        assert page.officer == (first.id, first.name, str(first.role))
    assert page.due and page.concluded and page.never and page.overdue
    assert all(r.started_at.tzinfo is dt.UTC for r in page.unfinished)
    conn.close()
    db.dispose()


def test_only_an_up_to_date_sqlite_file_is_read(tmp_path):
    assert open_readonly(tmp_path / "missing.sqlite3") is None
    path = paths.database_path(tmp_path)
    db = open_database(paths.sqlite_url(path))
    with db.write() as s:  # as if a newer migration had still to run
        s.execute(text("UPDATE alembic_version SET version_num = 'old'"))
    assert open_readonly(path) is None
    db.dispose()
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all")
    assert open_readonly(tmp_path / "junk.sqlite3") is None


def test_home_screen_knows_the_search_minimum_without_importing_the_store():
    from inspector_app.store.search import MIN_SUBSTRING
    from inspector_app.ui.home import screen

    assert screen.MIN_SUBSTRING == MIN_SUBSTRING
