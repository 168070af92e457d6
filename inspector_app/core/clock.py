"""One clock: every time a person reads, on screen or on paper, is in the office's zone.

The database keeps UTC. The office's zone is an installation setting
(``time_zone``, default Asia/Shanghai, ``inspector config set time_zone …``);
the laptop's own zone never decides what a screen or a PDF shows, so a laptop
left on UTC, or carried across a border, prints the same dates as the office.

Only this module turns stored times into local ones. It imports neither
SQLAlchemy nor Qt (the start-up reads its first page before either is
loaded); ``office_zone`` imports the settings when it is called.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEFAULT_ZONE = "Asia/Shanghai"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"


@functools.cache
def zone(name: str = DEFAULT_ZONE) -> dt.tzinfo:
    """The zone called ``name`` (an IANA name such as Asia/Shanghai); ValueError if unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(
            f"unknown time zone {name!r} (use an IANA name such as {DEFAULT_ZONE})"
        ) from exc


def office_zone(session: Session) -> dt.tzinfo:
    """The zone the office set for this installation (``time_zone``)."""
    from .settings import get_setting

    return zone(get_setting(session, "time_zone"))


def local(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """A stored (UTC or aware) time in ``tz``; a naive time is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(tz)


def local_date(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    return local(moment, tz).date()


def format_datetime(
    moment: dt.datetime | None, tz: dt.tzinfo, *, empty: str = "", fmt: str = DATETIME_FORMAT
) -> str:
    """``2026-03-02 09:41`` in the office's zone (``empty`` for no time)."""
    return local(moment, tz).strftime(fmt) if moment is not None else empty


def format_date(moment: dt.datetime | None, tz: dt.tzinfo, *, empty: str = "") -> str:
    return local_date(moment, tz).isoformat() if moment is not None else empty


def now(tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.now(tz)


def today(tz: dt.tzinfo) -> dt.date:
    """The office's calendar day (deadlines and due dates are counted in it)."""
    return dt.datetime.now(tz).date()
