"""What changed between two versions of a form, as a supervisor reviews it before publishing.

Items are matched by their stable id (``Item.id``): an item whose id disappeared is
removed, a new id is added. Of the items in both, a changed question (``text_zh``) is
reworded and a changed ``hazard`` is a hazard class change (both may apply); any other
difference (deadline, failures, measurement, applicability …) is "otherwise changed",
so nothing that changes an inspection goes unmentioned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inspector_app.rules.enums import HazardClass

from .model import Form, Item

_NAMED = {"text_zh", "hazard"}  # reported on their own lines


@dataclass(frozen=True)
class Reworded:
    item_id: str
    old: str
    new: str


@dataclass(frozen=True)
class HazardChanged:
    item_id: str
    text_zh: str
    old: HazardClass
    new: HazardClass


@dataclass
class FormDiff:
    old_version: str | None
    new_version: str
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    reworded: list[Reworded] = field(default_factory=list)
    hazard: list[HazardChanged] = field(default_factory=list)
    otherwise: list[Item] = field(default_factory=list)
    same_content: bool = False

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.reworded or self.hazard or self.otherwise)


def diff_forms(old: Form | None, new: Form) -> FormDiff:
    """``old`` None: the kind has no form yet, every item is added."""
    if old is None:
        return FormDiff(None, new.version, added=list(new.items))
    out = FormDiff(old.version, new.version, same_content=old.content_hash == new.content_hash)
    before = {item.id: item for item in old.items}
    after = {item.id: item for item in new.items}
    out.added = [item for item_id, item in after.items() if item_id not in before]
    out.removed = [item for item_id, item in before.items() if item_id not in after]
    for item_id, item in after.items():
        was = before.get(item_id)
        if was is None:
            continue
        if was.text_zh != item.text_zh:
            out.reworded.append(Reworded(item_id, was.text_zh, item.text_zh))
        if was.hazard != item.hazard:
            out.hazard.append(HazardChanged(item_id, item.text_zh, was.hazard, item.hazard))
        if was.model_dump(exclude=_NAMED) != item.model_dump(exclude=_NAMED):
            out.otherwise.append(item)
    return out
