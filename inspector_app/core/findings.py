"""What a finding says: the fact, its citations and its measure, from the form's failures.

A failed item opens one finding per failure the inspector picks (the item's
default failure first; the measured reading picks for measurement items). The
finding keeps its own copy of every printed text so the inspector can edit the
fact, the citation and the measure on site, and a later form never changes it.

Inspections made with a form written before failures existed have items
without failures: their findings are the inspector's own text and their
free-text provision is split here into duty, 判定 and penalty so the printout
still never cites a penalty article as a duty (``split_legacy_provision``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from inspector_app.checklists import Failure, Item, join_citations, render_fact
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, HazardClass
from inspector_app.rules.judgement import finding_deadline
from inspector_app.store.models import Equipment

SERIOUS_FIRST = {HazardClass.SERIOUS.value: 0, HazardClass.GENERAL.value: 1}


@dataclass(frozen=True)
class FindingText:
    """Everything a finding prints, as the form gives it for one piece of equipment."""

    failure_id: str | None
    hazard: HazardClass
    description: str
    provision: str
    judged_by: str
    penalty: str
    measure: str
    addressee: str
    reinspection: bool
    deadline_days: int

    def deadline(self, found_on: dt.date) -> dt.date:
        return finding_deadline(
            found_on=found_on, hazard=self.hazard, default_days=self.deadline_days
        )


def equipment_name(eq: Equipment | None) -> str:
    if eq is None:
        return ""
    return eq.name or EQUIPMENT_KIND_ZH.get(eq.kind, str(eq.kind))


def failure_text(
    item: Item,
    failure: Failure,
    *,
    equipment: Equipment | None,
    value: float | None = None,
    report_no: str = "",
    report_date: dt.date | None = None,
) -> FindingText:
    return FindingText(
        failure_id=failure.id,
        hazard=HazardClass(failure.hazard),
        description=fact_of(
            item,
            failure,
            equipment=equipment,
            value=value,
            report_no=report_no,
            report_date=report_date,
        ),  # fmt: skip
        provision=join_citations(failure.violates),
        judged_by=join_citations(failure.judged_by),
        penalty=join_citations(failure.penalty),
        measure=failure.measure_zh,
        addressee=failure.addressee,
        reinspection=failure.reinspection,
        deadline_days=failure.deadline_days,
    )


def fact_of(
    item: Item,
    failure: Failure,
    *,
    equipment: Equipment | None,
    value: float | None = None,
    report_no: str = "",
    report_date: dt.date | None = None,
) -> str:
    return render_fact(
        failure.fact_zh,
        equipment=equipment_name(equipment),
        measurement=item.measurement,
        value=value,
        due_date=equipment.next_inspection_due if equipment is not None else None,
        report_no=report_no,
        report_date=report_date,
    )


def legacy_text(item: Item, value: float | None, hazard: HazardClass) -> FindingText:
    """A finding of an item without failures (a form pinned before they existed)."""
    provision = "；".join(f"{ref.source}{ref.clause}" for ref in item.basis)
    violates, judged_by, penalty = split_legacy_provision(provision, hazard)
    return FindingText(
        failure_id=None,
        hazard=hazard,
        description=legacy_description(item, value),
        provision=violates,
        judged_by=judged_by,
        penalty=penalty,
        measure="消除隐患，完成整改",
        addressee="user",
        reinspection=False,
        deadline_days=item.deadline_days,
    )


def legacy_description(item: Item, value: float | None) -> str:
    """The old wording (item text + measured value): to be rewritten by the inspector."""
    if item.measurement is not None and value is not None:
        from inspector_app.checklists import limit_text
        from inspector_app.rules.zh import number_text

        m = item.measurement
        return f"{item.text_zh}：实测{number_text(value)}{m.unit}，要求{limit_text(m)}。"
    return item.text_zh.rstrip("。") + "。"


def own_text(
    item: Item, description: str, equipment: Equipment | None, base: Failure | None = None
) -> FindingText:
    """The inspector's own fact: class, citations and measure from ``base`` (a failure
    already chosen for the item) or else the item's default failure; all editable."""
    default = base or item.default_failure()
    if default is None:
        base = legacy_text(item, None, HazardClass(item.hazard))
    else:
        base = failure_text(item, default, equipment=equipment)
    return FindingText(
        failure_id=None,
        hazard=base.hazard,
        description=description.strip(),
        provision=base.provision,
        judged_by=base.judged_by,
        penalty=base.penalty,
        measure=base.measure,
        addressee=base.addressee,
        reinspection=base.reinspection,
        deadline_days=base.deadline_days,
    )


# ----------------------------------------------------------------- legacy provisions

_LAW = "《中华人民共和国特种设备安全法》"
_ARTICLE = re.compile(r"第([零一二三四五六七八九十百]+)条")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九")}
_STANDARD = re.compile(r"^(GB(?:/T)?\s*[\d.]+-\d{4}|TSG\s*[A-Z]?\s*[\d]+-\d{4})\s*(.*?)$")
#: 安全法 第六章 法律责任 starts at 第七十四条 (forms/sources.yaml says the same as data).
LAW_PENALTY_FROM = 74


def cn_to_int(text: str) -> int:
    """一 → 1, 十四 → 14, 八十四 → 84, 一百零一 → 101."""
    total, number = 0, 0
    for ch in text:
        if ch == "百":
            total += (number or 1) * 100
            number = 0
        elif ch == "十":
            total += (number or 1) * 10
            number = 0
        else:
            number = _CN[ch]
    return total + number


def split_legacy_provision(text: str, hazard: HazardClass | str) -> tuple[str, str, str]:
    """(duty, 判定, penalty) from an old free-text provision like
    "《…安全法》第四十条；《…安全法》第八十四条；GB 45067-2024 特种设备重大事故隐患判定准则4.1".
    """
    duties, judged, penalties = [], [], []
    for part in (p.strip() for p in text.split("；")):
        if not part:
            continue
        if "45067" in part:
            if HazardClass(hazard) is HazardClass.SERIOUS:
                clause = part.rsplit("判定准则", 1)[-1].strip() if "判定准则" in part else ""
                where = f"第{clause}条" if clause else ""
                judged.append(f"《特种设备重大事故隐患判定准则》（GB 45067-2024）{where}")
            continue
        article = _ARTICLE.search(part)
        if part.startswith(_LAW) and article and cn_to_int(article.group(1)) >= LAW_PENALTY_FROM:
            penalties.append(part)
            continue
        standard = _STANDARD.match(part)
        if standard and "《" not in part:
            code, rest = standard.group(1), standard.group(2)
            duties.append(f"《{rest}》（{code}）" if rest else code)
            continue
        duties.append(part)
    return "、".join(duties), "、".join(judged), "、".join(penalties)
