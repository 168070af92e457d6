"""Editing what a failed answer's findings print: the failures chosen, own facts, texts.

A failed item opens one finding per typical failure the inspector picks (the
item's default one first; a measured value picks by its reading, serious past
the item's serious limit), or the inspector's own fact. Each finding keeps its
own copy of the fact, the citations and the measure so that they are edited on
site and never change with a later form. The answer's hazard class is the most
severe of its findings: the conclusion follows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.checklists import DEFAULT_DEADLINE_DAYS, Item, join_citations
from inspector_app.rules.enums import HazardClass, Outcome
from inspector_app.rules.judgement import inspection_status
from inspector_app.store.models import (
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
)

from . import clock
from . import findings as texts
from .errors import NotFound, UserError


def _insp():
    """The inspections module (imported late: it imports this one)."""
    from . import inspections

    return inspections


def update_finding(
    session: Session,
    *,
    finding_id: str,
    description: str | None = None,
    measure: str | None = None,
    deadline: dt.date | None = None,
    provision: str | None = None,
    judged_by: str | None = None,
    penalty: str | None = None,
) -> Finding:
    """Edit what a finding prints: the fact, the measure, the deadline and its citations."""
    finding = session.get(Finding, finding_id)
    if finding is None or finding.deleted:
        raise NotFound(f"finding {finding_id} not found", message_zh="未找到该问题")
    _insp()._require_in_progress(session.get(Inspection, finding.inspection_id))
    if description is not None:
        if not description.strip():
            raise UserError(
                "a finding needs a description", message_zh="问题描述不能为空", field="description"
            )
        finding.description = description.strip()
    if measure is not None:
        if not measure.strip():
            raise UserError(
                "a finding needs the measure ordered",
                message_zh="整改措施不能为空",
                field="measure",
            )
        finding.measure = measure.strip()
    if provision is not None:
        finding.provision = provision.strip()
    if judged_by is not None:
        finding.judged_by = judged_by.strip()
    if penalty is not None:
        finding.penalty = penalty.strip()
    if deadline is not None:
        finding.deadline = deadline
    return finding


def choose_failures(
    session: Session,
    *,
    item_result_id: str,
    failure_ids: Sequence[str],
    today: dt.date | None = None,
) -> list[Finding]:
    """Make the failed answer's findings exactly the chosen failures (plus own facts).

    A failure already chosen keeps its finding and every edit made to it; one
    chosen again after being dropped comes back as it was. The inspector's own
    facts are kept. At least one finding must remain.
    """
    result = _insp()._result(session, item_result_id)
    if result.outcome != Outcome.FAIL:
        raise UserError("only a failed item has findings", message_zh="只有不合格项才有问题")
    ie = session.get(InspectionEquipment, result.inspection_equipment_id)
    item = _insp()._form_item(session, ie, result.item_id)
    wanted = list(dict.fromkeys(failure_ids))
    for fid in wanted:
        if _failure_of(item, fid) is None:
            raise UserError(
                f"failure {fid!r} is not one of item {item.id}",
                message_zh=f"检查项目{item.id}没有该情形",
            )
    every = _all_findings(session, result.id)
    own = [f for f in every if f.failure_id is None and not f.deleted]
    if not wanted and not own:
        raise UserError(
            "a failed item needs at least one finding: choose a failure or write the fact",
            message_zh="不合格项至少应选择一种情形或填写事实描述",
        )
    by_failure = {f.failure_id: f for f in every if f.failure_id is not None}
    equipment = session.get(Equipment, ie.equipment_id)
    found_on = today or clock.today(clock.office_zone(session))
    for fid, finding in by_failure.items():
        finding.deleted = fid not in wanted
    for fid in wanted:
        if fid not in by_failure:
            text = texts.failure_text(
                item, _failure_of(item, fid), equipment=equipment, value=result.value,
                report_no=result.report_no, report_date=result.report_date,
            )  # fmt: skip
            session.add(_new_finding(ie, result.id, item.id, text, found_on))
    session.flush()
    _settle_hazard(session, result)
    return findings_of(session, result.id)


def add_own_finding(
    session: Session, *, item_result_id: str, description: str, today: dt.date | None = None
) -> Finding:
    """A fact the inspector writes when no typical failure fits.

    Its citations and measure start from the item's default failure; the
    inspector edits them like any other finding's.
    """
    result = _insp()._result(session, item_result_id)
    if result.outcome != Outcome.FAIL:
        raise UserError("only a failed item has findings", message_zh="只有不合格项才有问题")
    if not description.strip():
        raise UserError(
            "write what was found", message_zh="请填写发现的问题事实", field="description"
        )
    ie = session.get(InspectionEquipment, result.inspection_equipment_id)
    item = _insp()._form_item(session, ie, result.item_id)
    equipment = session.get(Equipment, ie.equipment_id)
    chosen = [_failure_of(item, f.failure_id) for f in findings_of(session, result.id)]
    base = next((f for f in chosen if f is not None), None)
    text = texts.own_text(item, description, equipment, base)
    finding = _new_finding(ie, result.id, item.id, text, today or clock.today(clock.office_zone(session)))
    session.add(finding)
    session.flush()
    _settle_hazard(session, result)
    return finding


def remove_finding(session: Session, *, finding_id: str) -> None:
    """Drop one finding of a failed answer (never the last one)."""
    finding = session.get(Finding, finding_id)
    if finding is None or finding.deleted:
        raise NotFound(f"finding {finding_id} not found", message_zh="未找到该问题")
    _insp()._require_in_progress(session.get(Inspection, finding.inspection_id))
    live = findings_of(session, finding.item_result_id) if finding.item_result_id else []
    if len(live) <= 1:
        raise UserError(
            "a failed item keeps at least one finding",
            message_zh="不合格项至少应保留一个问题；如检查结果有误，请改为符合或不适用",
        )
    finding.deleted = True
    session.flush()
    result = session.get(ItemResult, finding.item_result_id)
    _settle_hazard(session, result)


def set_report(
    session: Session,
    *,
    item_result_id: str,
    report_no: str,
    report_date: dt.date | None,
) -> ItemResult:
    """Which inspection report a value was read from (items with source inspection_report)."""
    result = _insp()._result(session, item_result_id)
    ie = session.get(InspectionEquipment, result.inspection_equipment_id)
    item = _insp()._form_item(session, ie, result.item_id)
    if item.source != "inspection_report":
        raise UserError(
            f"item {item.id} is not read from the inspection report",
            message_zh="该项目不取自检验报告",
        )
    before = {"value": result.value, "report_no": result.report_no,
              "report_date": result.report_date}  # fmt: skip
    result.report_no = report_no.strip()
    result.report_date = report_date
    session.flush()
    _refresh_facts(session, item, ie, result.id, before, {
        "value": result.value, "report_no": result.report_no, "report_date": report_date})  # fmt: skip
    return result


def _sync_finding(
    session: Session,
    inspection_id: str,
    ie_id: str,
    item: Item,
    result: dict,
    today: dt.date,
    *,
    before: dict | None = None,
) -> str | None:
    """Keep the findings of an answer in step with it (tombstoned on pass).

    A new failure opens the item's default finding, or for a measured value the
    failure the reading selects. Failing again brings back the findings (and
    their edits) of the earlier failure. A new reading re-selects the measured
    failure and refreshes facts the inspector has not rewritten.
    """
    every = _all_findings(session, result["id"])
    live = [f for f in every if not f.deleted]
    if result["outcome"] != Outcome.FAIL.value:
        for finding in live:
            finding.deleted = True
        session.flush()
        return None
    ie = session.get(InspectionEquipment, ie_id)
    equipment = session.get(Equipment, ie.equipment_id)
    report = {"value": result["value"], "report_no": result.get("report_no") or "",
              "report_date": result.get("report_date")}  # fmt: skip
    if not live and every:
        for finding in every:
            finding.deleted = False
        live = every
    if not live:
        text = _initial_text(item, equipment, result, report, today)
        finding = _new_finding(ie, result["id"], item.id, text, today)
        finding.inspection_id = inspection_id
        session.add(finding)
        session.flush()
        return finding.id
    measured = _measured_failure(item, result["value"])
    if measured is not None and not result.get("hazard_override_reason"):
        _follow_measurement(item, measured, live, equipment, report, today)
    if before is not None:
        _refresh_facts(session, item, ie, result["id"], before, report)
    session.flush()
    return live[0].id


def _initial_text(item: Item, equipment, result: dict, report: dict, today) -> texts.FindingText:
    due = equipment.next_inspection_due if equipment is not None else None
    state = inspection_status(due, today).value if due is not None else None
    failure = _measured_failure(item, result["value"]) or item.default_failure(state)
    if failure is None:  # a form pinned before failures existed
        return texts.legacy_text(item, result["value"], HazardClass(result["hazard"]))
    return texts.failure_text(item, failure, equipment=equipment, **report)


def _follow_measurement(item, measured, live, equipment, report, today) -> None:
    """A new reading past (or back inside) the serious limit swaps the measured failure."""
    triggered = [f for f in live if _failure_of(item, f.failure_id) is not None
                 and _failure_of(item, f.failure_id).when is not None]  # fmt: skip
    for finding in triggered:
        if finding.failure_id == measured.id:
            continue
        text = texts.failure_text(item, measured, equipment=equipment, **report)
        _apply_text(finding, text, finding.created_at.date() if finding.created_at else today)


def _refresh_facts(session, item: Item, ie, result_id: str, before: dict, after: dict) -> None:
    """Re-fill facts whose text is still what the form produced from the old values."""
    if before == after:
        return
    equipment = session.get(Equipment, ie.equipment_id)
    for finding in findings_of(session, result_id):
        failure = _failure_of(item, finding.failure_id)
        if failure is None:
            continue
        old = texts.fact_of(item, failure, equipment=equipment, **before)
        if finding.description == old:
            finding.description = texts.fact_of(item, failure, equipment=equipment, **after)
    session.flush()


def _apply_text(finding: Finding, text: texts.FindingText, found_on: dt.date) -> None:
    finding.failure_id = text.failure_id
    finding.hazard = text.hazard
    finding.description = text.description
    finding.provision = text.provision
    finding.judged_by = text.judged_by
    finding.penalty = text.penalty
    finding.measure = text.measure
    finding.addressee = text.addressee
    finding.reinspection = text.reinspection
    finding.deadline = text.deadline(found_on)


def _new_finding(ie, result_id: str, item_id: str, text: texts.FindingText, today) -> Finding:
    finding = Finding(
        inspection_id=ie.inspection_id,
        inspection_equipment_id=ie.id,
        item_result_id=result_id,
        item_id=item_id,
    )
    _apply_text(finding, text, today)
    return finding


def _settle_hazard(session: Session, result: ItemResult) -> None:
    """The answer's class is the most severe of its findings (the conclusion follows it)."""
    worst = _worst(session, result.id)
    if worst is not None and result.hazard != worst:
        result.hazard = worst
        session.flush()


def _worst(session: Session, result_id: str) -> HazardClass | None:
    classes = {HazardClass(f.hazard) for f in findings_of(session, result_id)}
    if not classes:
        return None
    return HazardClass.SERIOUS if HazardClass.SERIOUS in classes else HazardClass.GENERAL


def _measured_failure(item: Item, value: float | None):
    if item.measurement is None or value is None or not item.failures:
        return None
    return item.measured_failure(value)


def _default_hazard(item: Item) -> HazardClass:
    default = item.default_failure()
    return HazardClass(default.hazard if default is not None else item.hazard)


def _default_days(item: Item, hazard: HazardClass) -> int:
    return item.deadline_days if hazard == item.hazard else DEFAULT_DEADLINE_DAYS[hazard]


def _failure_of(item: Item, failure_id: str | None):
    if failure_id is None:
        return None
    try:
        return item.failure(failure_id)
    except KeyError:
        return None


def _judged_by_of(item: Item, failure) -> str:
    if failure.judged_by:
        return join_citations(failure.judged_by)
    serious = [f for f in item.failures if f.judged_by]
    return join_citations(serious[0].judged_by) if serious else ""


def findings_of(session: Session, item_result_id: str) -> list[Finding]:
    """The live findings of one answer, serious first, then in the order they were made."""
    rows = [f for f in _all_findings(session, item_result_id) if not f.deleted]
    return sorted(rows, key=lambda f: texts.SERIOUS_FIRST.get(str(f.hazard), 2))


def _all_findings(session: Session, item_result_id: str) -> list[Finding]:
    return list(
        session.scalars(
            select(Finding)
            .where(Finding.item_result_id == item_result_id)
            .order_by(Finding.created_at, Finding.id)
        )
    )
