"""The working-day calendar: the national holiday arrangement plus the office's own file.

``chinese_calendar`` carries the State Council's holiday arrangements up to the
last year it was released for. Local adjustments, and years the package does
not know yet, go in ``workdays.yaml`` in the data folder (or the file named by
``INSPECTOR_WORKDAYS_FILE``)::

    holidays: [2027-01-01, 2027-02-16]   # extra days off
    workdays: [2027-02-07]               # weekend days that are worked (调休)
    known_years: [2027]                  # years this file declares in full

For a year neither knows, weekends alone are skipped and the result says so.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
from pathlib import Path

import yaml

from inspector_app import paths
from inspector_app.rules.workdays import WorkCalendar, WorkdayResult, reinspection_due

from .errors import UserError

log = logging.getLogger(__name__)

OVERRIDE_ENV = "INSPECTOR_WORKDAYS_FILE"
OVERRIDE_FILE = "workdays.yaml"


@functools.cache
def national_calendar() -> WorkCalendar:
    try:
        from chinese_calendar import constants
    except ImportError:  # pragma: no cover - a dependency, but never fatal for printing
        log.warning("chinese_calendar is not installed: working days count weekends only")
        return WorkCalendar()
    holidays = frozenset(constants.holidays)
    workdays = frozenset(constants.workdays)
    years = {d.year for d in holidays}
    known = frozenset(range(min(years), max(years) + 1)) if years else frozenset()
    return WorkCalendar(holidays=holidays, workdays=workdays, known_years=known)


def override_path() -> Path:
    env = os.environ.get(OVERRIDE_ENV)
    return Path(env) if env else paths.data_dir() / OVERRIDE_FILE


def _dates(data: dict, key: str, where: str) -> list[dt.date]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(d, dt.date) for d in value):
        raise UserError(
            f"{where}: '{key}' must be a list of dates written as YYYY-MM-DD",
            message_zh=f"{where}：{key} 应为日期列表（YYYY-MM-DD）",
        )
    return value


def load_calendar(path: Path | None = None) -> WorkCalendar:
    """National calendar with the office's override file applied (if there is one)."""
    base = national_calendar()
    path = path or override_path()
    if not path.is_file():
        return base
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UserError(f"{path}: cannot read the working-day file: {exc}") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected keys holidays / workdays / known_years")
    unknown = set(data) - {"holidays", "workdays", "known_years"}
    if unknown:
        raise UserError(f"{path}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    years = data.get("known_years") or []
    if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
        raise UserError(f"{path}: 'known_years' must be a list of years")
    merged = base.with_overrides(
        holidays=_dates(data, "holidays", str(path)), workdays=_dates(data, "workdays", str(path))
    )
    return WorkCalendar(
        holidays=merged.holidays,
        workdays=merged.workdays,
        known_years=merged.known_years | frozenset(years),
    )


def reinspection_deadline(received_on: dt.date, path: Path | None = None) -> WorkdayResult:
    result = reinspection_due(received_on, load_calendar(path))
    if result.warning:
        log.warning("re-inspection deadline: %s", result.warning)
    return result
