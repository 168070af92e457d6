"""Issuing directives (特种设备安全监察指令书) and printing on-site records.

Numbering. Laptops issue directives offline, so numbers cannot come from the
office at the moment of issue. Each device is given a two-digit segment
(01-99) when the office enrols it; its directives are numbered
``<简称>市监特令〔YYYY〕第SSNNNN号``: SS the segment, NNNN a per-year counter
kept on the device. Two devices never share a segment, so they never share a
number, and the database's unique constraint refuses any duplicate that a
misconfiguration could still produce (docs/directives.md).

Immutability. Issuing renders the PDF once, stores its bytes as a blob and
their SHA-256 with the directive; printing again returns those bytes. A
correction is a new directive that supersedes the old one; both are kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app import reports
from inspector_app.rules.enums import EquipmentKind, HazardClass, InspectionStatus, Outcome
from inspector_app.rules.identifiers import CATEGORY_NAMES
from inspector_app.store.blobs import BlobStore, store_blob
from inspector_app.store.models import (
    AuditLog,
    Directive,
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    NumberSequence,
    Officer,
    Photo,
    Signature,
    Unit,
    utcnow,
)

from .clock import local, office_zone
from .errors import NotFound, UserError
from .inspections import get_inspection
from .settings import get_setting


def directive_number(authority_short: str, year: int, segment: str, serial: int) -> str:
    return f"{authority_short}市监特令〔{year}〕第{segment}{serial:04d}号"


def _number_parts(session: Session, year: int) -> tuple[str, str, str]:
    """(authority abbreviation, this device's segment, sequence name) for ``year``."""
    segment = get_setting(session, "directive_segment")
    if not segment:
        raise UserError(
            "this device has no directive number segment yet; the office assigns one "
            "(inspector config set directive_segment NN)",
            message_zh="本机尚未分配指令书编号段，请联系科室分配（设置 directive_segment）",
        )
    return get_setting(session, "authority_short"), segment, f"directive:{year}:{segment}"


def _taken(session: Session, number: str) -> bool:
    return session.scalar(select(Directive.id).where(Directive.number == number)) is not None


def next_directive_number(session: Session, *, year: int) -> str:
    """Reserve the next number of this device for ``year`` (inside the issuing transaction)."""
    short, segment, name = _number_parts(session, year)
    seq = session.get(NumberSequence, name)
    if seq is None:
        seq = NumberSequence(name=name, value=0)
        session.add(seq)
    while True:  # skip numbers already present (e.g. taken in from a restored backup)
        seq.value += 1
        if seq.value > 9999:
            raise UserError(f"directive numbers of segment {segment} for {year} are used up")
        number = directive_number(short, year, segment, seq.value)
        if not _taken(session, number):
            session.flush()
            return number


def upcoming_directive_number(session: Session, *, issued_at: dt.datetime | None = None) -> str:
    """The number issuing now would take, read without reserving it (to confirm first)."""
    year = local(issued_at or utcnow(), office_zone(session)).year
    short, segment, name = _number_parts(session, year)
    seq = session.get(NumberSequence, name)
    value = seq.value if seq is not None else 0
    while True:
        value += 1
        if value > 9999:
            raise UserError(f"directive numbers of segment {segment} for {year} are used up")
        number = directive_number(short, year, segment, value)
        if not _taken(session, number):
            return number


def _issuable(
    session: Session, inspection: Inspection, supersedes_id: str | None
) -> tuple[list[Finding], Directive | None]:
    """Refuse, in Chinese, what may not be issued; else the findings and the superseded one."""
    if inspection.status != InspectionStatus.CONCLUDED:
        raise UserError(
            "the inspection is not concluded yet: sign and conclude it first",
            message_zh="检查尚未结束签字，不能出具指令书",
        )
    if inspection.second_officer_id is None:
        raise UserError(
            "a directive needs two officers; the second officer is missing",
            message_zh="指令书须有两名执法人员签名",
        )
    findings = _open_findings(session, inspection.id)
    if not findings:
        raise UserError(
            "the inspection found no problem: there is nothing to direct",
            message_zh="本次检查未发现问题，无需出具指令书",
        )
    superseded = None
    if supersedes_id is not None:
        superseded = session.get(Directive, supersedes_id)
        if superseded is None or superseded.inspection_id != inspection.id:
            raise UserError("the directive to supersede does not belong to this inspection")
        if superseded.status == "superseded":
            raise UserError(f"directive {superseded.number} is already superseded")
    elif session.scalar(
        select(Directive.id).where(
            Directive.inspection_id == inspection.id, Directive.status == "issued"
        )
    ):
        raise UserError(
            "a directive was already issued for this inspection; print it again or supersede it",
            message_zh="该检查已出具指令书，可重新打印或出具更正指令书",
        )
    return findings, superseded


def number_to_issue(
    session: Session, *, inspection_id: str, supersedes_id: str | None = None
) -> str:
    """The number issuing would take now, or the reason it may not be issued (a read:
    the app shows it and asks before the number is used for good)."""
    _issuable(session, get_inspection(session, inspection_id), supersedes_id)
    return upcoming_directive_number(session)


def issue_directive(
    session: Session,
    blobs: BlobStore,
    *,
    inspection_id: str,
    officer_id: str,
    supersedes_id: str | None = None,
    issued_at: dt.datetime | None = None,
) -> Directive:
    inspection = get_inspection(session, inspection_id)
    findings, superseded = _issuable(session, inspection, supersedes_id)
    issued_at = issued_at or utcnow()
    issued_on = local(issued_at, office_zone(session)).date()
    number = next_directive_number(session, year=issued_on.year)
    doc = directive_doc(
        session,
        blobs,
        inspection=inspection,
        findings=findings,
        number=number,
        issued_on=issued_on,
        supersedes_number=superseded.number if superseded else None,
    )
    pdf = reports.render_directive(doc)
    pdf_sha = store_blob(session, blobs, pdf, media_type="application/pdf")
    directive = Directive(
        number=number,
        inspection_id=inspection_id,
        issued_at=issued_at,
        deadline=doc.deadline,
        status="issued",
        supersedes_id=supersedes_id,
        content_digest=reports.content_digest(doc),
        pdf_sha256=pdf_sha,
    )
    session.add(directive)
    session.flush()
    for finding in findings:
        finding.directive_id = directive.id
    if superseded is not None:
        superseded.status = "superseded"
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="directive_issued",
            entity="directive",
            entity_id=directive.id,
            details={"number": number, "supersedes": supersedes_id},
        )
    )
    session.flush()
    return directive


def directive_pdf(session: Session, blobs: BlobStore, *, directive_id: str) -> bytes:
    """The issued bytes, identical every time (checked against the stored hash)."""
    directive = session.get(Directive, directive_id)
    if directive is None:
        raise NotFound(f"directive {directive_id} not found", message_zh="未找到该指令书")
    return blobs.get(directive.pdf_sha256)


def directives_of(session: Session, inspection_id: str) -> list[Directive]:
    return list(
        session.scalars(
            select(Directive)
            .where(Directive.inspection_id == inspection_id)
            .order_by(Directive.issued_at)
        )
    )


@dataclass(frozen=True)
class Verification:
    status: str  # valid | superseded | altered | unknown
    number: str | None
    message: str


def verify_directive(
    session: Session, *, pdf: bytes | None = None, payload: str | None = None
) -> Verification:
    """Check a printed/saved directive against the database."""
    if payload is None:
        if pdf is None:
            raise UserError("give a PDF file or a scanned QR payload")
        payload = _payload_from_pdf(pdf)
    try:
        number, digest = reports.parse_qr_payload(payload)
    except ValueError as exc:
        raise UserError(f"not a directive verification code: {exc}") from None
    directive = session.scalar(select(Directive).where(Directive.number == number))
    if directive is None:
        return Verification("unknown", number, f"{number}: no such directive in this database")
    if digest != directive.content_digest or (
        pdf is not None and hashlib.sha256(pdf).hexdigest() != directive.pdf_sha256
    ):
        return Verification(
            "altered", number, f"{number}: the document does not match the issued directive"
        )
    if directive.status == "superseded":
        newer = session.scalar(
            select(Directive.number).where(Directive.supersedes_id == directive.id)
        )
        return Verification("superseded", number, f"{number}: genuine, but superseded by {newer}")
    return Verification("valid", number, f"{number}: genuine and in force ({directive.status})")


def _payload_from_pdf(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        meta = PdfReader(io.BytesIO(pdf)).metadata
    except (PdfReadError, ValueError, OSError) as exc:
        raise UserError(f"not a readable PDF: {exc}") from None
    keywords = (meta or {}).get("/Keywords") if meta is not None else None
    if not keywords:
        raise UserError("the PDF carries no directive verification code")
    return str(keywords)


# ---------------------------------------------------------------- view models
def _open_findings(session: Session, inspection_id: str) -> list[Finding]:
    return list(
        session.scalars(
            select(Finding)
            .join(InspectionEquipment, InspectionEquipment.id == Finding.inspection_equipment_id)
            .where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False))
            .order_by(InspectionEquipment.position, Finding.item_id)
        )
    )


def _officer_view(
    session: Session, blobs: BlobStore, officer_id: str | None, inspection_id: str, role: str
) -> reports.Officer:
    officer = session.get(Officer, officer_id)
    sig = session.scalar(
        select(Signature).where(Signature.inspection_id == inspection_id, Signature.role == role)
    )
    png = blobs.get(sig.blob_sha256) if sig is not None else None
    return reports.Officer(name=officer.name, cert_no=officer.cert_no, signature_png=png)


def _unit_view(unit: Unit) -> reports.Unit:
    return reports.Unit(
        name=unit.name,
        uscc=unit.uscc,
        address=unit.address,
        contact_name=unit.contact_name,
        contact_phone=unit.contact_phone,
        legal_representative=unit.legal_representative,
    )


def _equipment_view(eq: Equipment) -> reports.EquipmentRef:
    return reports.EquipmentRef(
        name=eq.name,
        kind=EquipmentKind(eq.kind),
        registration_code=eq.registration_code,
        certificate_no=eq.certificate_no,
        location=eq.location,
        category_name=CATEGORY_NAMES.get(eq.category_code, ""),
    )


def _problems(session: Session, blobs: BlobStore, findings: list[Finding]) -> list[reports.Problem]:
    problems = []
    for seq, finding in enumerate(findings, start=1):
        ie = session.get(InspectionEquipment, finding.inspection_equipment_id)
        eq = session.get(Equipment, ie.equipment_id)
        photos = session.scalars(
            select(Photo)
            .where(Photo.finding_id == finding.id, Photo.deleted.is_(False))
            .order_by(Photo.taken_at)
        )
        problems.append(
            reports.Problem(
                seq=seq,
                item_id=finding.item_id,
                description=finding.description,
                hazard=HazardClass(finding.hazard),
                provision=finding.provision,
                measure=finding.measure,
                photos=tuple(
                    reports.Photo(
                        image_bytes=blobs.get(p.print_sha256),
                        caption=p.caption or finding.description,
                        taken_at=local(p.taken_at, office_zone(session)),
                    )
                    for p in photos
                ),
                equipment_codes=(eq.registration_code,),
            )
        )
    return problems


def directive_doc(
    session: Session,
    blobs: BlobStore,
    *,
    inspection: Inspection,
    findings: list[Finding],
    number: str,
    issued_on: dt.date,
    supersedes_number: str | None,
) -> reports.DirectiveDoc:
    unit = session.get(Unit, inspection.unit_id)
    equipment = [session.get(Equipment, ie.equipment_id) for ie in inspection.equipment]
    rep_sig = session.scalar(
        select(Signature).where(
            Signature.inspection_id == inspection.id, Signature.role == "representative"
        )
    )
    return reports.DirectiveDoc(
        number=number,
        authority_name=get_setting(session, "authority_name"),
        authority_short=get_setting(session, "authority_short") + "市监局",
        issued_on=issued_on,
        # One date binds the unit: the latest finding deadline, so no problem is
        # given less time than the inspector set for it.
        deadline=max(f.deadline for f in findings),
        unit=_unit_view(unit),
        equipment=tuple(_equipment_view(e) for e in equipment),
        problems=tuple(_problems(session, blobs, findings)),
        officers=(
            _officer_view(
                session, blobs, inspection.lead_officer_id, inspection.id, "lead_officer"
            ),
            _officer_view(
                session, blobs, inspection.second_officer_id, inspection.id, "second_officer"
            ),
        ),
        unit_signature_png=blobs.get(rep_sig.blob_sha256) if rep_sig else None,
        unit_signer_name=(rep_sig.signer_name if rep_sig else None),
        receipt_date=local(rep_sig.signed_at, office_zone(session)).date() if rep_sig else None,
        refused_to_sign=inspection.representative_refused and rep_sig is None,
        refusal_note=inspection.refusal_note,
        supersedes_number=supersedes_number,
    )


def record_pdf(session: Session, blobs: BlobStore, *, inspection_id: str) -> bytes:
    """The on-site inspection record (现场监督检查记录) of a concluded inspection."""
    inspection = get_inspection(session, inspection_id)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise UserError("the inspection is not concluded yet", message_zh="检查尚未结束签字")
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
    findings = _open_findings(session, inspection_id)
    problems = _problems(session, blobs, findings)
    lead = _officer_view(session, blobs, inspection.lead_officer_id, inspection.id, "lead_officer")
    second = _officer_view(
        session, blobs, inspection.second_officer_id, inspection.id, "second_officer"
    )
    numbers = [d.number for d in directives_of(session, inspection_id) if d.status == "issued"]
    if problems:
        measures = (
            "已当场出具《特种设备安全监察指令书》"
            + (f"（{'、'.join(numbers)}）" if numbers else "")
            + "，责令限期整改"
            + (
                "；存在重大事故隐患的设备责令立即停止使用"
                if any(p.hazard == "serious" for p in problems)
                else ""
            )
            + "。"
        )
    else:
        measures = "未发现问题，未采取措施。"
    rep_sig = session.scalar(
        select(Signature).where(
            Signature.inspection_id == inspection.id, Signature.role == "representative"
        )
    )
    return reports.render_record(
        reports.RecordDoc(
            record_no=f"记录-{inspection.id[:8]}",
            authority_name=get_setting(session, "authority_name"),
            inspection_type="全面" if inspection.inspection_type == "full" else "专项",
            started_at=local(inspection.started_at, office_zone(session)),
            ended_at=local(inspection.ended_at or inspection.concluded_at, office_zone(session)),
            unit=_unit_view(unit),
            accompanied_by_name=inspection.representative_name,
            accompanied_by_position=inspection.representative_position,
            equipment=tuple(checks),
            problems=tuple(problems),
            measures_taken=measures,
            unit_opinion=inspection.notes or "",
            officers=(lead, second),
            recorder=lead,
            unit_signature_png=blobs.get(rep_sig.blob_sha256) if rep_sig else None,
            unit_signer_name=rep_sig.signer_name if rep_sig else None,
            signed_on=(
                local(inspection.concluded_at, office_zone(session)).date() if rep_sig else None
            ),
            refused_to_sign=inspection.representative_refused and rep_sig is None,
            refusal_note=inspection.refusal_note,
            include_photos=True,
        )
    )
