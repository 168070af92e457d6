"""One clock: the office's time zone decides every time shown or printed (issue 9, point 9)."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from inspector_app.core import clock, demo
from inspector_app.core import directives as dirs
from inspector_app.core.errors import UserError
from inspector_app.core.settings import get_setting, set_setting
from inspector_app.store.models import Inspection


@pytest.fixture
def laptop_in_los_angeles(monkeypatch):
    """The laptop's own zone is not the office's: it must not decide anything shown."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_helper_formats_in_the_given_zone_whatever_the_laptop_says(laptop_in_los_angeles):
    moment = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)
    shanghai = clock.zone()
    assert clock.format_datetime(moment, shanghai) == "2026-03-02 01:30"
    assert clock.local_date(moment, shanghai) == dt.date(2026, 3, 2)
    assert clock.format_datetime(moment, clock.zone("Europe/Berlin")) == "2026-03-01 18:30"
    assert clock.format_datetime(None, shanghai, empty="—") == "—"
    naive = dt.datetime(2026, 3, 1, 17, 30)  # taken as UTC, never as the laptop's zone
    assert clock.format_datetime(naive, shanghai) == "2026-03-02 01:30"
    with pytest.raises(ValueError, match="unknown time zone"):
        clock.zone("Mars/Olympus")


def test_time_zone_setting_defaults_to_shanghai_and_refuses_unknown_names(db):
    with db.read() as s:
        assert get_setting(s, "time_zone") == "Asia/Shanghai"
        assert clock.office_zone(s) == clock.zone("Asia/Shanghai")
    with pytest.raises(UserError) as refused, db.write() as s:
        set_setting(s, "time_zone", "Beijing")
    assert "未知的时区" in refused.value.message_zh
    with db.write() as s:
        set_setting(s, "time_zone", "Asia/Urumqi")
    with db.read() as s:
        assert clock.office_zone(s) == clock.zone("Asia/Urumqi")


def test_record_pdf_prints_the_office_time_not_the_laptops(db, blobs, laptop_in_los_angeles):
    demo.generate(db, blobs, equipment=60, seed=3)
    with db.write() as s:
        inspection = s.scalars(
            select(Inspection).where(Inspection.status == "concluded").order_by(Inspection.id)
        ).first()
        inspection.started_at = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)
        inspection.ended_at = dt.datetime(2026, 3, 1, 19, 5, tzinfo=dt.UTC)
        iid = inspection.id
    with db.read() as s:
        text = PdfReader(io.BytesIO(dirs.record_pdf(s, blobs, inspection_id=iid))).pages[0]
        text = text.extract_text().replace("\n", "")
    assert "2026年3月2日1时30分" in text.replace(" ", "")
    with db.write() as s:
        set_setting(s, "time_zone", "Europe/Berlin")
    with db.read() as s:
        text = PdfReader(io.BytesIO(dirs.record_pdf(s, blobs, inspection_id=iid))).pages[0]
        text = text.extract_text().replace("\n", "")
    assert "2026年3月1日18时30分" in text.replace(" ", "")
