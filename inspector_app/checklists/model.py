"""The resolved checklist a user fills in: forms, sections, items.

These objects are what the rest of the application sees. They are frozen
because an inspection pins one exact version of a form (see
``Form.to_canonical_json``): once loaded, a form must not drift.
The YAML file format that produces them lives in ``schema.py``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from inspector_app.rules.enums import EquipmentKind, HazardClass

from .citations import Citation

_CJK = re.compile(r"[\u3400-\u9fff]")
_ID = re.compile(r"^[A-Z][A-Z0-9_-]*$")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _chinese(value: str) -> str:
    _not_blank(value)
    if not _CJK.search(value):
        raise ValueError("must be Chinese text (no Chinese characters found)")
    return value


def _stable_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"must start with a capital letter and use only A-Z, 0-9, '-' or '_' (got {value!r})"
        )
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
ChineseText = Annotated[str, AfterValidator(_chinese)]
StableId = Annotated[str, AfterValidator(_stable_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegalRef(_Strict):
    """A provision the inspector cites; 'R' marks a reference nobody has checked yet."""

    source: Text
    clause: str = ""
    status: Literal["V", "R"]


class Measurement(_Strict):
    """An acceptable range, inclusive at both ends; either end may be open.

    ``serious_min`` / ``serious_max`` mark where a reading stops being a general
    hazard: a rope worn to 63 % of its nominal diameter is not corrected "within
    15 days". Beyond them the failure is serious (strictly beyond, like the range).
    """

    unit: str
    min: float | None = Field(default=None, allow_inf_nan=False)
    max: float | None = Field(default=None, allow_inf_nan=False)
    serious_min: float | None = Field(default=None, allow_inf_nan=False)
    serious_max: float | None = Field(default=None, allow_inf_nan=False)
    label_zh: str | None = None

    @model_validator(mode="after")
    def _range_is_usable(self) -> Measurement:
        if self.min is None and self.max is None:
            raise ValueError("measurement range is empty: give 'min', 'max' or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                f"measurement range is inverted: min {self.min:g} is greater than max {self.max:g}"
            )
        if self.serious_min is not None and (self.min is None or self.serious_min >= self.min):
            raise ValueError("'serious_min' must lie below 'min' (beyond the acceptable range)")
        if self.serious_max is not None and (self.max is None or self.serious_max <= self.max):
            raise ValueError("'serious_max' must lie above 'max' (beyond the acceptable range)")
        return self

    @property
    def has_serious_limit(self) -> bool:
        return self.serious_min is not None or self.serious_max is not None

    def beyond_serious(self, value: float) -> bool:
        """True when the reading is past the serious limit (not merely out of range)."""
        if not math.isfinite(value):
            raise ValueError(f"measured value must be a finite number, got {value!r}")
        if self.serious_min is not None and value < self.serious_min:
            return True
        return self.serious_max is not None and value > self.serious_max

    def contains(self, value: float) -> bool:
        if not math.isfinite(value):
            raise ValueError(f"measured value must be a finite number, got {value!r}")
        if self.min is not None and value < self.min:
            return False
        return not (self.max is not None and value > self.max)


FailureTrigger = Literal["out_of_range", "serious_limit"]
Addressee = Literal["user", "maintenance"]
ItemSource = Literal["on_site", "inspection_report"]
ItemScope = Literal["equipment", "unit"]


class Failure(_Strict):
    """A typical observed failure of an item: the fact, its class and what follows from it.

    ``fact_zh`` states what was found (placeholders such as ``{equipment}`` are
    filled when the inspector picks it, see ``facts.py``), never the rule
    negated. ``violates`` names the duty broken; ``judged_by`` the provision
    that makes it a 重大事故隐患 (serious failures only); ``penalty`` the
    article that punishes it, printed only in the consequence sentence.
    """

    id: StableId
    fact_zh: ChineseText
    hazard: HazardClass
    deadline_days: int = Field(ge=0, le=365)
    violates: list[Citation] = Field(min_length=1)
    judged_by: list[Citation] = Field(default_factory=list)
    penalty: list[Citation] = Field(default_factory=list)
    measure_zh: ChineseText
    #: The equipment may be used again only after an inspection body passes it.
    reinspection: bool = False
    #: Whose duty it is: the user unit, or the maintenance unit (TSG T5002, 安全法 Art 45).
    addressee: Addressee = "user"
    #: Measurement items only: which reading selects this failure.
    when: FailureTrigger | None = None
    #: Only plausible when the equipment's periodic inspection has expired (``overdue``)
    #: or its application month has begun (``due_soon``): never preselected otherwise.
    requires: Literal["overdue", "due_soon"] | None = None


AppliesWhen = dict[
    Annotated[str, AfterValidator(_not_blank)], Annotated[list[Text], Field(min_length=1)]
]


class Item(_Strict):
    """One question on the checklist, with what follows if it fails."""

    id: StableId
    section_id: str
    text_zh: ChineseText
    text_en: Text
    # Free-text references of forms written before structured failures; kept so
    # that inspections which pinned such a form still load and print.
    basis: list[LegalRef] = Field(default_factory=list)
    hazard: HazardClass
    deadline_days: int = Field(ge=0, le=365)
    photo_required: bool = False
    applies_when: AppliesWhen = Field(default_factory=dict)
    measurement: Measurement | None = None
    #: Where the value comes from: seen on site, or read from the periodic-inspection report.
    source: ItemSource = "on_site"
    #: A management item concerns the unit as a whole, not one machine.
    scope: ItemScope = "equipment"
    guidance_zh: str = ""
    failures: list[Failure] = Field(default_factory=list)

    def failure(self, failure_id: str) -> Failure:
        for failure in self.failures:
            if failure.id == failure_id:
                return failure
        raise KeyError(failure_id)

    def default_failure(self, due_state: str | None = None) -> Failure | None:
        """The failure a plain "fail" opens: the first of the item's own hazard class.

        ``due_state`` is what the registry says of the equipment's periodic inspection
        (``ok``, ``due_soon``, ``overdue``; None when unknown): a failure that requires
        an expired inspection is not preselected for equipment the registry shows valid.
        """
        candidates = [f for f in self.failures if f.when in (None, "out_of_range")]
        plausible = [f for f in candidates if _plausible(f, due_state)] or candidates
        for failure in plausible:
            if failure.hazard == self.hazard:
                return failure
        return plausible[0] if plausible else None

    def measured_failure(self, value: float) -> Failure | None:
        """The failure a measured value selects: past the serious limit, or just out of range."""
        if self.measurement is None:
            return None
        trigger = "serious_limit" if self.measurement.beyond_serious(value) else "out_of_range"
        for failure in self.failures:
            if failure.when == trigger:
                return failure
        return self.default_failure()

    def citations(self) -> list[Citation]:
        """Every provision the item's failures cite (for showing the legal basis)."""
        seen: dict[str, Citation] = {}
        for failure in self.failures:
            for c in (*failure.violates, *failure.judged_by):
                seen.setdefault(c.text(), c)
        return list(seen.values())

    def applies_to(self, attributes: dict[str, Any]) -> bool:
        """True unless a known attribute of the equipment is outside ``applies_when``.

        A missing (or None) attribute counts as applicable: the inspector would
        rather answer "not applicable" by hand than silently lose a question
        because the equipment record is incomplete. List-valued attributes
        (e.g. several restraint types) apply if any value is allowed.
        """
        for name, allowed in self.applies_when.items():
            value = attributes.get(name)
            if value is None:
                continue
            values = value if isinstance(value, list | tuple | set | frozenset) else [value]
            if not any(_as_token(v) in allowed for v in values):
                return False
        return True


def _plausible(failure: Failure, due_state: str | None) -> bool:
    if failure.requires is None or due_state is None:
        return True
    if failure.requires == "overdue":
        return due_state == "overdue"
    return due_state in ("due_soon", "overdue")


def _as_token(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Section(_Strict):
    id: StableId
    title_zh: ChineseText
    title_en: Text
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _items_belong_here(self) -> Section:
        for item in self.items:
            if item.section_id != self.id:
                raise ValueError(
                    f"item {item.id!r} says section {item.section_id!r}, not {self.id!r}"
                )
        return self


class Form(_Strict):
    """A fully resolved checklist for one kind of equipment (includes expanded)."""

    id: Text
    kind: EquipmentKind
    title_zh: ChineseText
    title_en: Text
    version: Text
    sections: list[Section] = Field(min_length=1)
    _index: dict[str, Item] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _ids_unique(self) -> Form:
        seen: set[str] = set()
        for section in self.sections:
            for item in section.items:
                for key in (item.id, *(f.id for f in item.failures)):
                    if key in seen:
                        raise ValueError(f"duplicate item or failure id {key!r}")
                    seen.add(key)
        return self

    def model_post_init(self, context: Any) -> None:
        self._index = {item.id: item for item in self.items}

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def item(self, item_id: str) -> Item:
        return self._index[item_id]

    def to_canonical_json(self) -> str:
        """The exact text stored with an inspection; stable for equal forms."""
        return json.dumps(
            self.model_dump(mode="json"),
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_canonical_json(cls, text: str) -> Form:
        return cls.model_validate_json(text)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON: two inspections with equal hashes used the same form."""
        return hashlib.sha256(self.to_canonical_json().encode("utf-8")).hexdigest()
