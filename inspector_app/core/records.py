"""The on-site inspection record (现场监督检查记录) of a concluded inspection.

Total 57号令 wants the record to say what kind of inspection it was and on
what task, basis and content; what was checked; what was found; what was done;
the unit's opinion; and who signed. Its number, ``<简称>市监特记〔YYYY〕第SSNNNN号``,
comes from the same per-device segment as directive numbers, so two laptops
never give one number twice. It is given when the inspection is concluded on a
device with a segment, or when the record is first printed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app import reports
from inspector_app.rules.enums import (
    EQUIPMENT_KIND_ZH,
    INSPECTION_TYPE_ZH,
    EquipmentKind,
    InspectionStatus,
    InspectionType,
    Outcome,
)
from inspector_app.store.blobs import BlobStore
from inspector_app.store.models import Equipment, Inspection, ItemResult, Signature, Unit

from . import numbering
from .clock import local, office_zone
from .directives import (
    _equipment_view,
    _officer_view,
    _open_findings,
    _problems,
    _unit_view,
    directives_of,
    header_label,
)
from .errors import UserError
from .forms import pinned_form
from .inspections import get_inspection
from .photos import blob_bytes
from .settings import get_setting


def record_year(session: Session, inspection: Inspection) -> int:
    when = inspection.concluded_at or inspection.ended_at or inspection.started_at
    return local(when, office_zone(session)).year


def assign_record_number(session: Session, inspection: Inspection) -> str:
    """The record's number, reserved now if it has none (needs this device's segment)."""
    if inspection.record_number:
        return inspection.record_number
    inspection.record_number = numbering.next_number(
        session,
        kind=numbering.RECORD,
        sequence="record",
        year=record_year(session, inspection),
        taken=lambda n: (
            session.scalar(select(Inspection.id).where(Inspection.record_number == n)) is not None
        ),
    )
    session.flush()
    return inspection.record_number


def number_on_conclusion(session: Session, inspection: Inspection) -> None:
    """Number the record as the inspection is concluded, when this device can."""
    if get_setting(session, "directive_segment"):
        assign_record_number(session, inspection)


def ensure_record_number(session: Session, *, inspection_id: str) -> str:
    inspection = get_inspection(session, inspection_id)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise UserError("the inspection is not concluded yet", message_zh="检查尚未结束签字")
    return assign_record_number(session, inspection)


def checked_scope(session: Session, inspection: Inspection) -> str:
    """检查内容: per kind, the checklist sections in which something was actually checked."""
    by_kind: dict[EquipmentKind, list[str]] = {}
    counts: dict[EquipmentKind, int] = {}
    for ie in inspection.equipment:
        eq = session.get(Equipment, ie.equipment_id)
        kind = EquipmentKind(eq.kind)
        counts[kind] = counts.get(kind, 0) + 1
        answered = set(
            session.scalars(
                select(ItemResult.item_id).where(
                    ItemResult.inspection_equipment_id == ie.id,
                    ItemResult.deleted.is_(False),
                    ItemResult.outcome != Outcome.NOT_APPLICABLE.value,
                )
            )
        )
        form = pinned_form(session, ie.form_version_id)
        titles = by_kind.setdefault(kind, [])
        for section in form.sections:
            if any(item.id in answered for item in section.items) and (
                section.title_zh not in titles
            ):
                titles.append(section.title_zh)
    parts = []
    for kind in EquipmentKind:
        if by_kind.get(kind):
            parts.append(
                f"{EQUIPMENT_KIND_ZH[kind]}（{counts[kind]}台）：" + "、".join(by_kind[kind])
            )
    return "；".join(parts) + ("。" if parts else "")


def _measures(problems: list[reports.Problem], numbers: list[str]) -> str:
    if not problems:
        return "未发现问题，未采取措施。"
    text = "已当场出具《特种设备安全监察指令书》"
    if numbers:
        text += f"（{'、'.join(numbers)}）"
    text += "，责令限期整改"
    if any(p.hazard == "serious" for p in problems):
        text += "；存在重大事故隐患的设备责令立即停止使用"
    return text + "。"


def record_doc(session: Session, blobs: BlobStore, *, inspection: Inspection) -> reports.RecordDoc:
    if not inspection.record_number:
        raise UserError(
            "the record has no number yet (this device has no number segment)",
            message_zh="该记录尚未编号：本机尚未分配文书编号段",
        )
    zone = office_zone(session)
    unit = session.get(Unit, inspection.unit_id)
    checks = []
    for ie in inspection.equipment:
        eq = session.get(Equipment, ie.equipment_id)
        outcomes = list(
            session.scalars(
                select(ItemResult.outcome).where(
                    ItemResult.inspection_equipment_id == ie.id, ItemResult.deleted.is_(False)
                )
            )
        )
        checks.append(
            reports.EquipmentCheck(
                equipment=_equipment_view(eq),
                checked=len(outcomes),
                passed=sum(o == Outcome.PASS for o in outcomes),
                failed=sum(o == Outcome.FAIL for o in outcomes),
                not_applicable=sum(o == Outcome.NOT_APPLICABLE for o in outcomes),
            )
        )
    problems = _problems(session, blobs, _open_findings(session, inspection.id))
    lead = _officer_view(session, blobs, inspection.lead_officer_id, inspection.id, "lead_officer")
    second = _officer_view(
        session, blobs, inspection.second_officer_id, inspection.id, "second_officer"
    )
    numbers = [d.number for d in directives_of(session, inspection.id) if d.status != "superseded"]
    rep_sig = session.scalar(
        select(Signature).where(
            Signature.inspection_id == inspection.id, Signature.role == "representative"
        )
    )
    try:
        kind = InspectionType(inspection.inspection_type)
    except ValueError:  # an unknown value synced from elsewhere: print what it says
        kind = InspectionType.OTHER
    return reports.RecordDoc(
        record_no=inspection.record_number,
        authority_name=get_setting(session, "authority_name"),
        inspection_type=INSPECTION_TYPE_ZH[kind],
        started_at=local(inspection.started_at, zone),
        ended_at=local(inspection.ended_at or inspection.concluded_at, zone),
        unit=_unit_view(unit),
        accompanied_by_name=inspection.representative_name,
        accompanied_by_position=inspection.representative_position,
        equipment=tuple(checks),
        problems=tuple(problems),
        measures_taken=_measures(problems, numbers),
        # Older inspections kept the unit's words in the notes.
        unit_opinion=inspection.unit_opinion or inspection.notes or "",
        officers=(lead, second),
        recorder=lead,
        scope=checked_scope(session, inspection),
        task_source=inspection.task_source or "",
        unit_signature_png=blob_bytes(session, blobs, rep_sig.blob_sha256) if rep_sig else None,
        unit_signer_name=rep_sig.signer_name if rep_sig else None,
        signed_on=(local(inspection.concluded_at, zone).date() if rep_sig else None),
        refused_to_sign=inspection.representative_refused and rep_sig is None,
        refusal_note=inspection.refusal_note,
        include_photos=True,
    )


def record_pdf(session: Session, blobs: BlobStore, *, inspection_id: str) -> bytes:
    """The on-site inspection record (现场监督检查记录) of a concluded inspection."""
    inspection = get_inspection(session, inspection_id)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise UserError("the inspection is not concluded yet", message_zh="检查尚未结束签字")
    doc = record_doc(session, blobs, inspection=inspection)
    return reports.render_record(doc)


__all__ = [
    "assign_record_number",
    "checked_scope",
    "ensure_record_number",
    "header_label",
    "number_on_conclusion",
    "record_doc",
    "record_pdf",
]
