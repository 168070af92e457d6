"""Filling a failure's fact sentence from what is known about the finding.

A form writes ``{equipment}定期检验有效期至{due_date}，超期未检验仍在使用``; when the
inspector picks that failure the placeholders take the equipment's name and
its inspection due date. Anything the app cannot know becomes ``＿＿`` and must
be written in by the inspector: a directive is not issued while one remains.
"""

from __future__ import annotations

import datetime as dt
import re

from inspector_app.rules.zh import number_text, zh_date

from .model import Measurement

BLANK = "＿＿"

#: Placeholder → what fills it (docs/forms.md lists the same).
PLACEHOLDERS = {
    "equipment": "the equipment's name, e.g. 1号客梯",
    "value": "the measured or reported value with its unit (measurement items)",
    "limit": "the acceptable range, e.g. 不小于90% (measurement items)",
    "due_date": "the equipment's periodic-inspection expiry date from the registry",
    "report_no": "number of the inspection report the value was read from",
    "report_date": "date of that inspection report",
    "blank": "something the inspector writes in on site",
}
MEASUREMENT_ONLY = frozenset({"value", "limit"})
REPORT_ONLY = frozenset({"report_no", "report_date"})

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)


def stray_braces(template: str) -> bool:
    return "{" in _PLACEHOLDER.sub("", template) or "}" in _PLACEHOLDER.sub("", template)


def limit_text(m: Measurement) -> str:
    unit = m.unit
    if m.min is not None and m.max is not None:
        return f"{number_text(m.min)}{unit}～{number_text(m.max)}{unit}"
    if m.min is not None:
        return f"不小于{number_text(m.min)}{unit}"
    return f"不大于{number_text(m.max)}{unit}"


def value_text(value: float | None, unit: str) -> str:
    return BLANK if value is None else f"{number_text(value)}{unit}"


def render_fact(
    template: str,
    *,
    equipment: str = "",
    measurement: Measurement | None = None,
    value: float | None = None,
    due_date: dt.date | None = None,
    report_no: str = "",
    report_date: dt.date | None = None,
) -> str:
    """The fact with every placeholder filled; unknown values become ``＿＿``."""
    values = {
        "equipment": equipment.strip() or BLANK,
        "value": value_text(value, measurement.unit if measurement else ""),
        "limit": limit_text(measurement) if measurement else BLANK,
        "due_date": zh_date(due_date) if due_date else BLANK,
        "report_no": report_no.strip() or BLANK,
        "report_date": zh_date(report_date) if report_date else BLANK,
        "blank": BLANK,
    }
    text = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), BLANK), template)
    return text.rstrip("。") + "。"


def has_blank(text: str) -> bool:
    return BLANK in text or "{" in text
