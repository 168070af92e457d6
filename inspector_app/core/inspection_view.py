"""What the checklist and sign-off screens show of one inspection, read in a few queries.

A whole inspection (several pieces of equipment, a few hundred items) loads in
four queries so that opening it stays well under the 300 ms a person notices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.checklists import Item
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH
from inspector_app.store.models import (
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Officer,
    Photo,
    Signature,
    Unit,
)

from .forms import pinned_form


@dataclass
class FindingView:
    """One finding of a failed answer, as the checklist shows and edits it."""

    id: str
    failure_id: str | None
    hazard: str
    description: str
    provision: str
    judged_by: str
    penalty: str
    measure: str
    deadline: dt.date
    addressee: str


@dataclass
class RowState:
    """One checklist line: the form item and whatever has been answered for it."""

    ie_id: str
    equipment_label: str
    section_title: str
    item: Item
    result_id: str | None = None
    outcome: str | None = None
    value: float | None = None
    note: str = ""
    hazard: str | None = None
    override_reason: str = ""
    finding_id: str | None = None
    finding_description: str = ""
    finding_deadline: dt.date | None = None
    photo_count: int = 0
    findings: list[FindingView] = field(default_factory=list)  # serious first
    report_no: str = ""
    report_date: dt.date | None = None

    @property
    def needs_photo(self) -> bool:
        """Failed, the form asks for a photo, and none is attached yet (conclude refuses)."""
        return self.outcome == "fail" and self.item.photo_required and self.photo_count == 0


@dataclass
class InspectionHeader:
    id: str
    unit_id: str
    unit_name: str
    status: str
    conclusion: str | None
    lead_officer_id: str
    lead_officer_name: str
    second_officer_id: str | None
    second_officer_name: str
    representative_name: str
    representative_position: str
    representative_refused: bool
    refusal_note: str
    signed_roles: dict[str, str] = field(default_factory=dict)  # role -> signer name
    unit_opinion: str = ""
    record_number: str = ""


def equipment_label(eq: Equipment) -> str:
    kind = EQUIPMENT_KIND_ZH.get(eq.kind, str(eq.kind))
    return f"{eq.name or kind} · {eq.registration_code}"


def load_header(session: Session, inspection_id: str) -> InspectionHeader:
    insp = session.get(Inspection, inspection_id)
    if insp is None:
        raise LookupError(f"inspection {inspection_id} not found")
    unit = session.get(Unit, insp.unit_id)
    lead = session.get(Officer, insp.lead_officer_id)
    second = session.get(Officer, insp.second_officer_id) if insp.second_officer_id else None
    signed = dict(
        session.execute(
            select(Signature.role, Signature.signer_name).where(
                Signature.inspection_id == inspection_id, Signature.deleted.is_(False)
            )
        ).all()
    )
    return InspectionHeader(
        id=insp.id,
        unit_id=insp.unit_id,
        unit_name=unit.name if unit else "",
        status=str(insp.status),
        conclusion=insp.conclusion,
        lead_officer_id=insp.lead_officer_id,
        lead_officer_name=lead.name if lead else "",
        second_officer_id=insp.second_officer_id,
        second_officer_name=second.name if second else "",
        representative_name=insp.representative_name,
        representative_position=insp.representative_position,
        representative_refused=insp.representative_refused,
        refusal_note=insp.refusal_note,
        signed_roles=signed,
        unit_opinion=insp.unit_opinion or "",
        record_number=insp.record_number or "",
    )


def load_rows(session: Session, inspection_id: str) -> list[RowState]:
    """Every applicable item of every inspected piece of equipment, in form order."""
    ies = session.execute(
        select(InspectionEquipment, Equipment)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .where(
            InspectionEquipment.inspection_id == inspection_id,
            InspectionEquipment.deleted.is_(False),
        )
        .order_by(InspectionEquipment.position)
    ).all()
    results = _results_by_key(session, inspection_id)
    findings = _findings_by_result(session, inspection_id)
    photos = _photo_counts(session, inspection_id)
    rows: list[RowState] = []
    for ie, eq in ies:
        form = pinned_form(session, ie.form_version_id)
        label = equipment_label(eq)
        attrs = eq.attributes or {}
        for section in form.sections:
            for item in section.items:
                if not item.applies_to(attrs):
                    continue
                row = RowState(
                    ie_id=ie.id, equipment_label=label, section_title=section.title_zh, item=item
                )
                _fill(row, results.get((ie.id, item.id)), findings, photos)
                rows.append(row)
    return rows


def reload_row(session: Session, row: RowState) -> RowState:
    """The same line with its answer, finding and photo count read again."""
    result = session.scalar(
        select(ItemResult).where(
            ItemResult.inspection_equipment_id == row.ie_id,
            ItemResult.item_id == row.item.id,
            ItemResult.deleted.is_(False),
        )
    )
    fresh = RowState(
        ie_id=row.ie_id,
        equipment_label=row.equipment_label,
        section_title=row.section_title,
        item=row.item,
    )
    if result is None:
        return fresh
    findings = session.scalars(
        select(Finding)
        .where(Finding.item_result_id == result.id, Finding.deleted.is_(False))
        .order_by(Finding.created_at, Finding.id)
    ).all()
    photos = session.scalars(
        select(Photo.id).where(Photo.item_result_id == result.id, Photo.deleted.is_(False))
    ).all()
    _fill(fresh, result, {result.id: list(findings)} if findings else {}, {result.id: len(photos)})
    return fresh


def photo_blobs(session: Session, item_result_id: str) -> list[tuple[str, str]]:
    """(photo id, downscaled blob sha256) of one answer's photos, oldest first."""
    return list(
        session.execute(
            select(Photo.id, Photo.print_sha256)
            .where(Photo.item_result_id == item_result_id, Photo.deleted.is_(False))
            .order_by(Photo.taken_at)
        ).all()
    )


def _fill(row: RowState, result: ItemResult | None, findings: dict, photos: dict) -> None:
    if result is None:
        return
    row.result_id = result.id
    row.outcome = str(result.outcome)
    row.value = result.value
    row.note = result.note or ""
    row.hazard = str(result.hazard) if result.hazard else None
    row.override_reason = result.hazard_override_reason or ""
    row.photo_count = photos.get(result.id, 0)
    row.report_no = result.report_no or ""
    row.report_date = result.report_date
    mine = sorted(findings.get(result.id, []), key=lambda f: f.hazard != "serious")
    row.findings = [
        FindingView(
            id=f.id,
            failure_id=f.failure_id,
            hazard=str(f.hazard),
            description=f.description,
            provision=f.provision,
            judged_by=f.judged_by,
            penalty=f.penalty,
            measure=f.measure,
            deadline=f.deadline,
            addressee=f.addressee,
        )
        for f in mine
    ]
    if mine:
        row.finding_id = mine[0].id
        row.finding_description = mine[0].description
        row.finding_deadline = mine[0].deadline


def _results_by_key(session: Session, inspection_id: str) -> dict[tuple[str, str], ItemResult]:
    rows = session.scalars(
        select(ItemResult)
        .join(InspectionEquipment, InspectionEquipment.id == ItemResult.inspection_equipment_id)
        .where(InspectionEquipment.inspection_id == inspection_id, ItemResult.deleted.is_(False))
    ).all()
    return {(r.inspection_equipment_id, r.item_id): r for r in rows}


def _findings_by_result(session: Session, inspection_id: str) -> dict[str, list[Finding]]:
    rows = session.scalars(
        select(Finding)
        .where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False))
        .order_by(Finding.created_at, Finding.id)
    ).all()
    out: dict[str, list[Finding]] = {}
    for f in rows:
        if f.item_result_id:
            out.setdefault(f.item_result_id, []).append(f)
    return out


def _photo_counts(session: Session, inspection_id: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rid in session.scalars(
        select(Photo.item_result_id).where(
            Photo.inspection_id == inspection_id, Photo.deleted.is_(False)
        )
    ):
        if rid:
            counts[rid] = counts.get(rid, 0) + 1
    return counts
