"""The YAML file format, exactly as authors write it (see docs/forms.md).

Kept apart from ``model.py`` because a file is not yet a form: an item in a
file has no section id (the section it sits in gives it one), deadlines may
be left to their per-hazard default, and a file may be only a fragment that
other forms include. Every model forbids unknown keys so that a typo such as
``hazzard`` is an error rather than a silently ignored line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from inspector_app.rules.enums import EquipmentKind, HazardClass

from .model import AppliesWhen, ChineseText, Item, LegalRef, Measurement, StableId, Text

#: Default rectification deadlines when an item does not give one. Practice is
#: 15 days for a general hazard; for a serious hazard the equipment stops at
#: once and the directive still needs a date by which the hazard is removed.
DEFAULT_DEADLINE_DAYS = {HazardClass.GENERAL: 15, HazardClass.SERIOUS: 30}


class _FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ItemSpec(_FileModel):
    id: StableId
    text_zh: ChineseText
    text_en: Text
    basis: list[LegalRef] = Field(min_length=1)
    hazard: HazardClass
    deadline_days: int | None = Field(default=None, ge=0, le=365)
    photo_required: bool = False
    applies_when: AppliesWhen = Field(default_factory=dict)
    measurement: Measurement | None = None

    def resolve(self, section_id: str) -> Item:
        deadline = self.deadline_days
        if deadline is None:
            deadline = DEFAULT_DEADLINE_DAYS[self.hazard]
        return Item(
            id=self.id,
            section_id=section_id,
            text_zh=self.text_zh,
            text_en=self.text_en,
            basis=self.basis,
            hazard=self.hazard,
            deadline_days=deadline,
            photo_required=self.photo_required,
            applies_when=self.applies_when,
            measurement=self.measurement,
        )


class SectionSpec(_FileModel):
    id: StableId
    title_zh: ChineseText
    title_en: Text
    items: list[ItemSpec] = Field(min_length=1)


class FormFile(_FileModel):
    """A complete form for one kind of equipment."""

    id: Text
    kind: EquipmentKind
    title_zh: ChineseText
    title_en: Text
    version: Text
    fragment: Literal[False] = False
    include: list[Text] = Field(default_factory=list)
    sections: list[SectionSpec] = Field(default_factory=list)


class FragmentFile(_FileModel):
    """Sections shared by several forms (the common management block)."""

    fragment: Literal[True]
    title_zh: ChineseText | None = None
    title_en: str | None = None
    include: list[Text] = Field(default_factory=list)
    sections: list[SectionSpec] = Field(min_length=1)
