"""Chinese formatting shared by printouts, the checklist and the CLI."""

from __future__ import annotations

import datetime as dt


def zh_date(day: dt.date) -> str:
    """2026年9月21日: no leading zeros (GB/T 9704 公文格式)."""
    return f"{day.year}年{day.month}月{day.day}日"


def number_text(value: float) -> str:
    """A reading as people write it: 0.4 → '0.4', 45.0 → '45', never '4.5e+01'."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
