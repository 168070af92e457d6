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
    """An acceptable range, inclusive at both ends; either end may be open."""

    unit: str
    min: float | None = Field(default=None, allow_inf_nan=False)
    max: float | None = Field(default=None, allow_inf_nan=False)
    label_zh: str | None = None

    @model_validator(mode="after")
    def _range_is_usable(self) -> Measurement:
        if self.min is None and self.max is None:
            raise ValueError("measurement range is empty: give 'min', 'max' or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                f"measurement range is inverted: min {self.min:g} is greater than max {self.max:g}"
            )
        return self

    def contains(self, value: float) -> bool:
        if not math.isfinite(value):
            raise ValueError(f"measured value must be a finite number, got {value!r}")
        if self.min is not None and value < self.min:
            return False
        return not (self.max is not None and value > self.max)


AppliesWhen = dict[
    Annotated[str, AfterValidator(_not_blank)], Annotated[list[Text], Field(min_length=1)]
]


class Item(_Strict):
    """One question on the checklist, with what follows if it fails."""

    id: StableId
    section_id: str
    text_zh: ChineseText
    text_en: Text
    basis: list[LegalRef] = Field(min_length=1)
    hazard: HazardClass
    deadline_days: int = Field(ge=0, le=365)
    photo_required: bool = False
    applies_when: AppliesWhen = Field(default_factory=dict)
    measurement: Measurement | None = None

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
                if item.id in seen:
                    raise ValueError(f"duplicate item id {item.id!r}")
                seen.add(item.id)
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
