"""Judging answers against a form: which items apply, and measured values.

Kept free of storage and UI so that the desktop app, the CLI and the sync
server reach the same verdict from the same reading.
"""

from __future__ import annotations

from typing import Any

from inspector_app.rules.enums import HazardClass, Outcome

from .model import Form, Item


def judge_measurement(item: Item, value: float) -> Outcome:
    """PASS if ``value`` lies in the item's inclusive range, else FAIL.

    Raises ValueError for an item without a measurement or a value that is
    not a finite number: a NaN typed into a field must never count as a pass.
    """
    if item.measurement is None:
        raise ValueError(f"item {item.id!r} has no measurement")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"measured value must be a number, got {value!r}")
    return Outcome.PASS if item.measurement.contains(float(value)) else Outcome.FAIL


def measured_hazard(item: Item, value: float) -> HazardClass | None:
    """Class of a measured reading: None when it passes, SERIOUS past the serious limit.

    A reading out of range but inside the serious limit takes the item's own
    class (general for every shipped measurement item).
    """
    if judge_measurement(item, value) is Outcome.PASS:
        return None
    if item.measurement.beyond_serious(float(value)):
        return HazardClass.SERIOUS
    return HazardClass(item.hazard)


def applicable_items(form: Form, attributes: dict[str, Any]) -> list[Item]:
    """The items of ``form`` that apply to equipment with these attributes, in form order."""
    return [item for item in form.items if item.applies_to(attributes)]
