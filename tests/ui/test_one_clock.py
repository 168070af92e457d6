"""The screens show the office's time, as the PDFs do, whatever zone the laptop is set to."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select

from inspector_app.core import clock
from inspector_app.core.inspections import start_inspection
from inspector_app.core.settings import set_setting
from inspector_app.store.models import Equipment, Inspection
from inspector_app.ui.context import AppContext
from inspector_app.ui.mainwindow import MainWindow


@pytest.fixture
def laptop_in_los_angeles(monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _started_at(ctx, when: dt.datetime) -> str:
    with ctx.db.read() as s:
        eq = s.scalars(
            select(Equipment).where(Equipment.kind == "elevator").order_by(Equipment.id)
        ).first()
    with ctx.db.write() as s:
        return start_inspection(
            s,
            unit_id=eq.unit_id,
            equipment_ids=[eq.id],
            lead_officer_id=ctx.officer_id,
            started_at=when,
        ).id


def _started_text(window, inspection_id: str) -> str:
    view = window.home.table("unfinished")
    model = view.model()
    row = next(
        r for r in range(model.rowCount()) if model.sourceModel().row_object(r).id == inspection_id
    )
    return model.index(row, 0).data()


def test_home_shows_office_time_not_the_laptops(ctx, qtbot, laptop_in_los_angeles):
    iid = _started_at(ctx, dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert _started_text(window, iid) == "2026-03-02 01:30"  # Beijing, not 09:30 in LA

    with ctx.db.write() as s:
        set_setting(s, "time_zone", "Asia/Urumqi")
        zone = clock.office_zone(s)
    other = AppContext(
        workspace=ctx.workspace,
        writer=ctx.writer,
        officer_id=ctx.officer_id,
        officer_name=ctx.officer_name,
        zone=zone,
    )
    window = MainWindow(other)
    qtbot.addWidget(window)
    assert _started_text(window, iid) == "2026-03-01 23:30"
    with ctx.db.read() as s:
        assert s.get(Inspection, iid).started_at == dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)


def test_start_up_reads_the_office_zone(workspace):
    from inspector_app.ui.startup import open_data

    with workspace.db.write() as s:
        set_setting(s, "time_zone", "Europe/Berlin")
    workspace.db.dispose()
    opened = open_data(str(workspace.folder), None)
    try:
        assert opened.zone == clock.zone("Europe/Berlin")
    finally:
        opened.workspace.db.dispose()
