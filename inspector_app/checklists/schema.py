"""The YAML file format, exactly as authors write it (see docs/forms.md).

Kept apart from ``model.py`` because a file is not yet a form: an item in a
file has no section id (the section it sits in gives it one), deadlines may
be left to their per-hazard default, and a file may be only a fragment that
other forms include. Every model forbids unknown keys so that a typo such as
``hazzard`` is an error rather than a silently ignored line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from inspector_app.rules.enums import EquipmentKind, HazardClass

from .citations import Citation
from .model import (
    Addressee,
    AppliesWhen,
    ChineseText,
    Failure,
    FailureTrigger,
    Item,
    ItemScope,
    ItemSource,
    LegalRef,
    Measurement,
    StableId,
    Text,
)

#: Default rectification deadlines when an item does not give one. Practice is
#: 15 days for a general hazard; for a serious hazard the equipment stops at
#: once and the directive still needs a date by which the hazard is removed.
DEFAULT_DEADLINE_DAYS = {HazardClass.GENERAL: 15, HazardClass.SERIOUS: 30}


class _FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CitationSpec(_FileModel):
    """A provision as written in a form: a registry document plus where in it."""

    doc: Text
    article: int | None = Field(default=None, ge=1, le=999)
    paragraph: int | None = Field(default=None, ge=1, le=20)
    item: int | None = Field(default=None, ge=1, le=50)
    clause: str = ""
    status: Literal["V", "R"]


Resolver = Callable[[CitationSpec], Citation]


class FailureSpec(_FileModel):
    id: StableId
    fact_zh: ChineseText
    hazard: HazardClass
    deadline_days: int | None = Field(default=None, ge=0, le=365)
    violates: list[CitationSpec] = Field(min_length=1)
    judged_by: list[CitationSpec] = Field(default_factory=list)
    penalty: list[CitationSpec] = Field(default_factory=list)
    measure_zh: ChineseText
    reinspection: bool = False
    addressee: Addressee = "user"
    when: FailureTrigger | None = None
    requires: Literal["overdue", "due_soon"] | None = None

    def resolve(self, item: ItemSpec, item_deadline: int, cite: Resolver) -> Failure:
        deadline = self.deadline_days
        if deadline is None:
            same = self.hazard == item.hazard
            deadline = item_deadline if same else DEFAULT_DEADLINE_DAYS[self.hazard]
        return Failure(
            id=self.id,
            fact_zh=self.fact_zh,
            hazard=self.hazard,
            deadline_days=deadline,
            violates=[cite(c) for c in self.violates],
            judged_by=[cite(c) for c in self.judged_by],
            penalty=[cite(c) for c in self.penalty],
            measure_zh=self.measure_zh,
            reinspection=self.reinspection,
            addressee=self.addressee,
            when=self.when,
            requires=self.requires,
        )


class ItemSpec(_FileModel):
    id: StableId
    text_zh: ChineseText
    text_en: Text
    basis: list[LegalRef] = Field(default_factory=list)
    hazard: HazardClass
    deadline_days: int | None = Field(default=None, ge=0, le=365)
    photo_required: bool = False
    applies_when: AppliesWhen = Field(default_factory=dict)
    measurement: Measurement | None = None
    source: ItemSource = "on_site"
    scope: ItemScope = "equipment"
    guidance_zh: str = ""
    failures: list[FailureSpec] = Field(min_length=1)

    def resolve(self, section_id: str, cite: Resolver) -> Item:
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
            source=self.source,
            scope=self.scope,
            guidance_zh=self.guidance_zh,
            failures=[f.resolve(self, deadline, cite) for f in self.failures],
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
