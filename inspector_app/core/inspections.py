"""Running an inspection: start, answer, fail with a finding, sign, conclude.

Every function here is one small step that the desktop app commits at once,
so an answer is durable the moment it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from inspector_app.checklists import Form, Item, applicable_items, judge_measurement
from inspector_app.rules.enums import (
    INSPECTION_TYPE_ZH,
    Conclusion,
    HazardClass,
    InspectionStatus,
    InspectionType,
    Outcome,
)
from inspector_app.rules.judgement import conclude, finding_deadline
from inspector_app.store import changes
from inspector_app.store.ids import new_id
from inspector_app.store.models import (
    AuditLog,
    Equipment,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Officer,
    Photo,
    Signature,
    Unit,
    utcnow,
)

from . import clock
from .errors import NotFound, UserError
from .forms import current_form_versions, pinned_form
from .inspection_findings import (  # noqa: F401 - the findings use cases are part of this API
    _default_days,
    _default_hazard,
    _failure_of,
    _judged_by_of,
    _measured_failure,
    _sync_finding,
    _worst,
    add_own_finding,
    choose_failures,
    findings_of,
    remove_finding,
    set_report,
    update_finding,
)

SIGNATURE_ROLES = ("lead_officer", "second_officer", "representative")
#: Types that must say where the task came from (the campaign, the complaint …).
SOURCE_REQUIRED = (InspectionType.SPECIAL, InspectionType.OTHER)


def start_inspection(
    session: Session,
    *,
    unit_id: str,
    equipment_ids: Sequence[str],
    lead_officer_id: str,
    second_officer_id: str | None = None,
    representative_name: str = "",
    representative_position: str = "",
    inspection_type: InspectionType | str = InspectionType.ROUTINE,
    task_source: str = "",
    started_at: dt.datetime | None = None,
    task_id: str | None = None,
) -> Inspection:
    """Open an inspection of one unit with the kind of inspection it is (总局令第57号 Art 5).

    A 专项 inspection names its campaign and an 其他 inspection its source (a
    complaint, a referral) in ``task_source``; the record prints it as 任务来源.
    Started from a task (``task_id``), the inspection is linked to it and takes its
    type and source from the task's campaign (专项) or plan (常规).
    """
    if task_id:
        from .tasks import task_start

        start = task_start(session, task_id=task_id, officer_id=lead_officer_id)
        if start.unit_id != unit_id:
            raise UserError(
                "the task is for another unit", message_zh="该任务不是这个使用单位的任务"
            )
        inspection_type, task_source = start.inspection_type, start.task_source
    try:
        inspection_type = InspectionType(inspection_type)
    except ValueError:
        raise UserError(
            f"unknown inspection type {inspection_type!r}",
            message_zh="检查类别应为常规、专项、证后或其他",
            field="inspection_type",
        ) from None
    task_source = task_source.strip()
    if inspection_type in SOURCE_REQUIRED and not task_source:
        zh = INSPECTION_TYPE_ZH[inspection_type]
        raise UserError(
            f"a {inspection_type} inspection needs its task source",
            message_zh=f"{zh}检查须填写任务来源"
            + ("（专项工作名称）" if inspection_type is InspectionType.SPECIAL else ""),
            field="task_source",
        )
    unit = session.get(Unit, unit_id)
    if unit is None or unit.deleted:
        raise NotFound(f"unit {unit_id} not found", message_zh="未找到该使用单位")
    if not equipment_ids:
        raise UserError("pick at least one piece of equipment", message_zh="请至少选择一台设备")
    _require_officer(session, lead_officer_id)
    if second_officer_id is not None:
        _check_second_officer(session, lead_officer_id, second_officer_id)
    forms = current_form_versions(session)
    inspection = Inspection(
        unit_id=unit_id,
        lead_officer_id=lead_officer_id,
        second_officer_id=second_officer_id,
        representative_name=representative_name.strip(),
        representative_position=representative_position.strip(),
        inspection_type=inspection_type.value,
        task_source=task_source,
        task_id=task_id or None,
        started_at=started_at or utcnow(),
    )
    session.add(inspection)
    session.flush()
    for position, equipment_id in enumerate(dict.fromkeys(equipment_ids)):
        equipment = session.get(Equipment, equipment_id)
        if equipment is None or equipment.deleted or equipment.unit_id != unit_id:
            raise UserError(
                f"equipment {equipment_id} does not belong to unit {unit.name}",
                message_zh="所选设备不属于该使用单位",
            )
        form_version = forms.get(equipment.kind)
        if form_version is None:
            raise UserError(
                f"no checklist form is registered for {equipment.kind}",
                message_zh="该设备类别没有可用的检查表",
            )
        session.add(
            InspectionEquipment(
                inspection_id=inspection.id,
                equipment_id=equipment_id,
                form_version_id=form_version.id,
                position=position,
            )
        )
    session.flush()
    return inspection


@dataclass(frozen=True)
class Answer:
    """What recording an answer produced (the row id, the judged outcome)."""

    id: str
    item_id: str
    outcome: Outcome
    value: float | None
    hazard: HazardClass | None
    finding_id: str | None


_RESULTS = ItemResult.__table__
_INSPECTIONS = Inspection.__table__
_IES = InspectionEquipment.__table__
# One round trip for everything an answer needs to know: the inspection's
# state, the pinned form, and the existing answer if there is one.
_ANSWER_CONTEXT = (
    select(
        _IES.c.inspection_id,
        _IES.c.form_version_id,
        _IES.c.deleted.label("ie_deleted"),
        _INSPECTIONS.c.status,
        *[c.label(f"r_{c.name}") for c in _RESULTS.columns],
    )
    .select_from(_IES)
    .join(_INSPECTIONS, _INSPECTIONS.c.id == _IES.c.inspection_id)
    .outerjoin(
        _RESULTS,
        (_RESULTS.c.inspection_equipment_id == _IES.c.id)
        & (_RESULTS.c.item_id == bindparam("item_id")),
    )
    .where(_IES.c.id == bindparam("ie_id"))
)


def record_answer(
    session: Session,
    *,
    inspection_equipment_id: str,
    item_id: str,
    officer_id: str,
    outcome: Outcome | None = None,
    value: float | None = None,
    note: str | None = None,
    report_no: str | None = None,
    report_date: dt.date | None = None,
    today: dt.date | None = None,
) -> Answer:
    """Answer one item (or change the answer). A failure opens a finding.

    Measurement items take ``value`` and are judged against the form's range;
    a reading past the item's serious limit is a serious hazard. Items read
    from the inspection report also take the report's number and date. Other
    items take ``outcome``. This is the hottest write of the product (one per
    tap), so it runs as a few Core statements on the session's connection
    instead of the unit of work, and logs its change itself.
    """
    head = changes.select_one(
        session, _ANSWER_CONTEXT, {"ie_id": inspection_equipment_id, "item_id": item_id}
    )
    if head is None or head["ie_deleted"]:
        raise NotFound(
            f"inspected equipment {inspection_equipment_id} not found",
            message_zh="未找到该受检设备",
        )
    _require_status(head["status"])
    item = _item_of(session, head["form_version_id"], item_id)
    if item.measurement is not None and value is not None:
        try:
            outcome = judge_measurement(item, float(value))
        except (TypeError, ValueError) as exc:
            raise UserError(str(exc), message_zh="测量值无效", field="value") from exc
    elif outcome is None:
        raise UserError(f"item {item_id}: give an outcome", message_zh="请选择检查结果")
    outcome = Outcome(outcome)
    now = utcnow()
    existing = head["r_id"] is not None
    if existing:
        row = {c.name: head[f"r_{c.name}"] for c in _RESULTS.columns}
    else:
        row = {
            "id": new_id(),
            "inspection_equipment_id": inspection_equipment_id,
            "item_id": item_id,
            "note": "",
            "hazard": None,
            "hazard_override_reason": "",
            "report_no": "",
            "report_date": None,
            "created_at": now,
            "deleted": False,
        }
    previous = row.get("outcome")
    before = {k: row.get(k) for k in ("value", "report_no", "report_date")}
    new_value = float(value) if item.measurement is not None and value is not None else None
    row.update(
        outcome=outcome.value,
        value=new_value,
        answered_at=now,
        answered_by=officer_id,
        deleted=False,
    )
    if note is not None:
        row["note"] = note
    if report_no is not None:
        row["report_no"] = report_no.strip()
    if report_date is not None:
        row["report_date"] = report_date
    if outcome is Outcome.FAIL:
        measured = _measured_failure(item, row["value"])
        if measured is not None and not row["hazard_override_reason"]:
            row["hazard"] = measured.hazard.value
        else:
            row["hazard"] = row["hazard"] or _default_hazard(item).value
    else:
        row["hazard"], row["hazard_override_reason"] = None, ""
    changes.write_row(session, _RESULTS, row, update=existing, now=now)
    finding_id = None
    if outcome is Outcome.FAIL or previous == Outcome.FAIL.value:
        finding_id = _sync_finding(
            session,
            head["inspection_id"],
            inspection_equipment_id,
            item,
            row,
            today or clock.today(clock.office_zone(session)),
            before=before,
        )
    return Answer(
        id=row["id"],
        item_id=item_id,
        outcome=outcome,
        value=row["value"],
        hazard=HazardClass(row["hazard"]) if row["hazard"] else None,
        finding_id=finding_id,
    )


def set_note(session: Session, *, item_result_id: str, note: str) -> ItemResult:
    result = _result(session, item_result_id)
    result.note = note
    return result


def override_hazard(
    session: Session,
    *,
    item_result_id: str,
    hazard: HazardClass,
    reason: str,
    officer_id: str,
    finding_id: str | None = None,
) -> ItemResult:
    """Change the hazard class the form gives a finding; audited, with a reason.

    ``finding_id`` names one finding of the answer; without it every finding of
    the answer takes the class. The answer's class (what the conclusion follows)
    is the most severe of its findings.
    """
    result = _result(session, item_result_id)
    if result.outcome != Outcome.FAIL:
        raise UserError(
            "only a failed item has a hazard class", message_zh="只有不合格项才有隐患等级"
        )
    if not reason.strip():
        raise UserError(
            "changing the hazard class needs a reason",
            message_zh="更改隐患等级须填写理由",
            field="reason",
        )
    old = result.hazard
    ie = session.get(InspectionEquipment, result.inspection_equipment_id)
    item = _form_item(session, ie, result.item_id)
    targets = findings_of(session, result.id)
    if finding_id is not None:
        targets = [f for f in targets if f.id == finding_id]
        if not targets:
            raise NotFound(f"finding {finding_id} not found", message_zh="未找到该问题")
    hazard = HazardClass(hazard)
    for finding in targets:
        finding.hazard = hazard
        failure = _failure_of(item, finding.failure_id)
        days = (
            failure.deadline_days
            if failure is not None and failure.hazard == hazard
            else _default_days(item, hazard)
        )
        finding.deadline = finding_deadline(
            found_on=finding.created_at.date(), hazard=hazard, default_days=days
        )
        if hazard is HazardClass.GENERAL:
            finding.judged_by, finding.reinspection = "", False
        elif not finding.judged_by and failure is not None:
            finding.judged_by = _judged_by_of(item, failure)
    session.flush()
    result.hazard = _worst(session, result.id) or hazard
    result.hazard_override_reason = reason.strip()
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="hazard_override",
            entity="item_result",
            entity_id=result.id,
            reason=reason.strip(),
            details={
                "from": old,
                "to": str(hazard),
                "item_id": result.item_id,
                "findings": [f.id for f in targets],
            },
        )
    )
    session.flush()
    return result


def set_unit_opinion(session: Session, *, inspection_id: str, opinion: str) -> Inspection:
    """被检查单位意见, written at sign-off and printed on the on-site record."""
    inspection = get_inspection(session, inspection_id)
    _require_in_progress(inspection)
    inspection.unit_opinion = opinion.strip()
    return inspection


def set_second_officer(session: Session, *, inspection_id: str, officer_id: str) -> Inspection:
    inspection = get_inspection(session, inspection_id)
    _require_in_progress(inspection)
    _check_second_officer(session, inspection.lead_officer_id, officer_id)
    inspection.second_officer_id = officer_id
    return inspection


def add_signature(
    session: Session,
    *,
    inspection_id: str,
    role: str,
    signer_name: str,
    blob_sha256: str,
    signed_at: dt.datetime | None = None,
) -> Signature:
    if role not in SIGNATURE_ROLES:
        raise UserError(f"unknown signature role {role!r}")
    inspection = get_inspection(session, inspection_id)
    _require_in_progress(inspection)
    sig = session.scalar(
        select(Signature).where(Signature.inspection_id == inspection_id, Signature.role == role)
    )
    if sig is None:
        sig = Signature(inspection_id=inspection_id, role=role)
        session.add(sig)
    sig.signer_name = signer_name
    sig.blob_sha256 = blob_sha256
    sig.deleted = False
    sig.signed_at = signed_at or utcnow()
    session.flush()
    return sig


def record_refusal(session: Session, *, inspection_id: str, note: str) -> Inspection:
    inspection = get_inspection(session, inspection_id)
    _require_in_progress(inspection)
    inspection.representative_refused = True
    inspection.refusal_note = note.strip() or "被检查单位负责人拒绝签字"
    return inspection


def unanswered_items(session: Session, inspection_id: str) -> list[tuple[str, str]]:
    """(inspection_equipment_id, item_id) pairs that still need an answer."""
    return [
        (m.ie_id, m.item_id)
        for m in _missing_answers_and_photos(session, inspection_id)
        if m.kind == "answer"
    ]


@dataclass(frozen=True)
class Missing:
    """One thing that keeps an inspection from being concluded."""

    kind: str  # second_officer | answer | photo | signature | representative
    text_zh: str
    ie_id: str = ""
    item_id: str = ""
    role: str = ""


class ConcludeRefused(UserError):
    """Everything still missing, listed at once (not only the first)."""

    def __init__(self, missing: Sequence[Missing]):
        self.missing = list(missing)
        super().__init__(
            "cannot conclude yet: " + "; ".join(_missing_en(self.missing)),
            message_zh=f"尚不能结束检查，请先处理以下{len(self.missing)}项：\n"
            + "\n".join(f"{n}. {m.text_zh}" for n, m in enumerate(self.missing, 1)),
        )


def _missing_en(missing: Sequence[Missing]) -> list[str]:
    answers = [m.item_id for m in missing if m.kind == "answer"]
    photos = [m.item_id for m in missing if m.kind == "photo"]
    parts = []
    if any(m.kind == "second_officer" for m in missing):
        parts.append("two officers must take part: choose the second officer")
    if answers:
        parts.append(f"{len(answers)} checklist items are not answered yet (first: {answers[0]})")
    if photos:
        parts.append(f"{len(photos)} failed items need a photo ({', '.join(photos)})")
    parts += [f"{m.role} has not signed" for m in missing if m.kind == "signature"]
    if any(m.kind == "representative" for m in missing):
        parts.append("the unit's representative must sign, or the refusal must be recorded")
    return parts


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _missing_answers_and_photos(session: Session, inspection_id: str) -> list[Missing]:
    """Unanswered items, then failed items whose form requires a photo and that have none."""
    answers: list[Missing] = []
    photos: list[Missing] = []
    with_photo = set(
        session.scalars(
            select(Photo.item_result_id).where(
                Photo.inspection_id == inspection_id,
                Photo.deleted.is_(False),
                Photo.item_result_id.is_not(None),
            )
        )
    )
    for ie in _equipment_of(session, inspection_id):
        if ie.deleted:
            continue
        equipment = session.get(Equipment, ie.equipment_id)
        form = pinned_form(session, ie.form_version_id)
        results = {
            r.item_id: r
            for r in session.scalars(
                select(ItemResult).where(
                    ItemResult.inspection_equipment_id == ie.id, ItemResult.deleted.is_(False)
                )
            )
        }
        label = equipment.name or equipment.registration_code
        for item in applicable_items(form, equipment.attributes or {}):
            result = results.get(item.id)
            what = f"{label} {item.id}“{_short(item.text_zh)}”"
            if result is None:
                answers.append(Missing("answer", f"{what}未填写", ie.id, item.id))
            elif (
                item.photo_required
                and result.outcome == Outcome.FAIL
                and result.id not in with_photo
            ):
                photos.append(Missing("photo", f"{what}不符合，须拍照", ie.id, item.id))
    return answers + photos


def missing_for_conclusion(session: Session, inspection_id: str) -> list[Missing]:
    """Everything that still keeps the inspection open, in the order a person fixes it."""
    inspection = get_inspection(session, inspection_id)
    missing: list[Missing] = []
    if inspection.second_officer_id is None:
        missing.append(Missing("second_officer", "现场检查须有两名执法人员，请选择第二名执法人员"))
    missing += _missing_answers_and_photos(session, inspection_id)
    roles = set(
        session.scalars(
            select(Signature.role).where(
                Signature.inspection_id == inspection_id, Signature.deleted.is_(False)
            )
        )
    )
    for role, zh in (("lead_officer", "主检执法人员"), ("second_officer", "第二名执法人员")):
        if role not in roles:
            missing.append(Missing("signature", f"{zh}尚未签名", role=role))
    if "representative" not in roles and not inspection.representative_refused:
        missing.append(
            Missing(
                "representative",
                "被检查单位负责人须签名，或记录其拒绝签名",
                role="representative",
            )
        )
    return missing


def conclude_inspection(
    session: Session, *, inspection_id: str, officer_id: str, ended_at: dt.datetime | None = None
) -> Conclusion:
    """Lock the inspection with the conclusion the rules give.

    Refused, with everything still missing listed at once (``ConcludeRefused``),
    until every applicable item is answered, every failed item whose form asks
    for a photo has one, two officers take part (办法 Art 19) and both have
    signed, and the unit's representative has signed or the refusal is recorded
    (Art 21).
    """
    inspection = get_inspection(session, inspection_id)
    _require_in_progress(inspection)
    missing = missing_for_conclusion(session, inspection_id)
    if missing:
        raise ConcludeRefused(missing)
    conclusion = conclude(results_of(session, inspection_id))
    inspection.conclusion = conclusion
    inspection.status = InspectionStatus.CONCLUDED
    inspection.ended_at = ended_at or utcnow()
    inspection.concluded_at = ended_at or utcnow()
    from .records import number_on_conclusion  # records builds on directives, which import us

    number_on_conclusion(session, inspection)
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="inspection_concluded",
            entity="inspection",
            entity_id=inspection_id,
            details={"conclusion": str(conclusion)},
        )
    )
    session.flush()
    return conclusion


# ---------------------------------------------------------------------------
def _form_item(session: Session, ie: InspectionEquipment, item_id: str) -> Item:
    return _item_of(session, ie.form_version_id, item_id)


def _item_of(session: Session, form_version_id: str, item_id: str) -> Item:
    form: Form = pinned_form(session, form_version_id)
    try:
        return form.item(item_id)
    except KeyError:
        raise UserError(
            f"item {item_id!r} is not in form {form.id} {form.version}",
            message_zh=f"检查表中没有项目 {item_id}",
        ) from None


def _equipment_of(session: Session, inspection_id: str) -> list[InspectionEquipment]:
    return list(
        session.scalars(
            select(InspectionEquipment)
            .where(InspectionEquipment.inspection_id == inspection_id)
            .order_by(InspectionEquipment.position)
        )
    )


def results_of(session: Session, inspection_id: str) -> list[ItemResult]:
    """Every live answer of an inspection, all its equipment together."""
    return list(
        session.scalars(
            select(ItemResult)
            .join(InspectionEquipment, InspectionEquipment.id == ItemResult.inspection_equipment_id)
            .where(
                InspectionEquipment.inspection_id == inspection_id, ItemResult.deleted.is_(False)
            )
        )
    )


def get_inspection(session: Session, inspection_id: str) -> Inspection:
    """The inspection, or NotFound with a message a person can read."""
    inspection = session.get(Inspection, inspection_id)
    if inspection is None or inspection.deleted:
        raise NotFound(f"inspection {inspection_id} not found", message_zh="未找到该检查")
    return inspection


def _result(session: Session, item_result_id: str) -> ItemResult:
    result = session.get(ItemResult, item_result_id)
    if result is None or result.deleted:
        raise NotFound(f"answer {item_result_id} not found", message_zh="未找到该检查结果")
    ie = session.get(InspectionEquipment, result.inspection_equipment_id)
    _require_in_progress(session.get(Inspection, ie.inspection_id))
    return result


def _require_in_progress(inspection: Inspection | None) -> None:
    if inspection is None:
        raise NotFound("inspection not found", message_zh="未找到该检查")
    _require_status(inspection.status)


def _require_status(status: str) -> None:
    if status != InspectionStatus.IN_PROGRESS:
        raise UserError(
            "the inspection is concluded and locked; corrections only as an amendment",
            message_zh="该检查已结束并锁定，更正须以补正方式进行",
        )


def _require_officer(session: Session, officer_id: str) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted or not officer.active:
        raise NotFound(f"officer {officer_id} not found", message_zh="未找到该执法人员")
    return officer


def _check_second_officer(session: Session, lead_id: str, second_id: str) -> None:
    _require_officer(session, second_id)
    if second_id == lead_id:
        raise UserError(
            "the second officer must be a different person",
            message_zh="第二名执法人员不能与主检人员相同",
            field="second_officer",
        )


def amend_answer(
    session: Session,
    *,
    item_result_id: str,
    officer_id: str,
    reason: str,
    outcome: Outcome | None = None,
    value: float | None = None,
    note: str | None = None,
) -> Conclusion:
    """Correct an answer of a concluded (locked) inspection: audited, with a reason.

    The conclusion is recomputed. A directive already issued is not touched:
    correcting it means issuing a new directive that supersedes it.
    """
    if not reason.strip():
        raise UserError("an amendment needs a reason", message_zh="补正须填写理由", field="reason")
    result = session.get(ItemResult, item_result_id)
    if result is None or result.deleted:
        raise NotFound(f"answer {item_result_id} not found", message_zh="未找到该检查结果")
    ie = session.get(InspectionEquipment, result.inspection_equipment_id)
    inspection = session.get(Inspection, ie.inspection_id)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise UserError(
            "the inspection is still open: change the answer directly",
            message_zh="检查尚未结束，可直接修改",
        )
    item = _form_item(session, ie, result.item_id)
    before = {"outcome": result.outcome, "value": result.value, "note": result.note}
    if item.measurement is not None and value is not None:
        outcome = judge_measurement(item, float(value))
        result.value = float(value)
    if outcome is not None:
        result.outcome = Outcome(outcome)
        result.hazard = (result.hazard or item.hazard) if outcome == Outcome.FAIL else None
    if note is not None:
        result.note = note
    session.flush()
    _sync_finding(
        session,
        inspection.id,
        ie.id,
        item,
        {
            "id": result.id,
            "outcome": str(result.outcome),
            "hazard": result.hazard,
            "value": result.value,
        },
        clock.today(clock.office_zone(session)),
    )
    inspection.conclusion = conclude(results_of(session, inspection.id))
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="amendment",
            entity="item_result",
            entity_id=result.id,
            reason=reason.strip(),
            details={
                "before": {k: str(v) if v is not None else None for k, v in before.items()},
                "after": {
                    "outcome": str(result.outcome),
                    "value": result.value,
                    "note": result.note,
                },
                "conclusion": str(inspection.conclusion),
            },
        )
    )
    session.flush()
    return inspection.conclusion
