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
from inspector_app.checklists import has_blank
from inspector_app.rules.enums import EquipmentKind, HazardClass, InspectionStatus, OfficerRole
from inspector_app.rules.identifiers import CATEGORY_NAMES
from inspector_app.store.blobs import BlobStore, store_blob
from inspector_app.store.models import (
    AuditLog,
    Directive,
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    MaintenanceUnit,
    Officer,
    Photo,
    Signature,
    Unit,
    utcnow,
)

from . import numbering
from .clock import local, office_zone
from .errors import NotFound, UserError
from .findings import split_legacy_provision
from .forms import pinned_form
from .inspections import get_inspection
from .maintenance import maintenance_unit_of
from .photos import blob_bytes
from .settings import get_setting
from .workdays import reinspection_deadline


def directive_number(authority_short: str, year: int, segment: str, serial: int) -> str:
    return numbering.document_number(authority_short, numbering.DIRECTIVE, year, segment, serial)


def next_directive_number(session: Session, *, year: int) -> str:
    """Reserve the next number of this device for ``year`` (inside the issuing transaction)."""
    return numbering.next_number(
        session,
        kind=numbering.DIRECTIVE,
        sequence="directive",
        year=year,
        taken=lambda n: (
            session.scalar(select(Directive.id).where(Directive.number == n)) is not None
        ),
    )


def upcoming_directive_number(session: Session, *, issued_at: dt.datetime | None = None) -> str:
    """The number issuing now would take, read without reserving it (to confirm first)."""
    year = local(issued_at or utcnow(), office_zone(session)).year
    return numbering.peek_number(
        session,
        kind=numbering.DIRECTIVE,
        sequence="directive",
        year=year,
        taken=lambda n: (
            session.scalar(select(Directive.id).where(Directive.number == n)) is not None
        ),
    )


@dataclass(frozen=True)
class Addressee:
    """Whom a directive goes to: the inspected user unit, or a maintenance unit."""

    maintenance_unit_id: str | None  # None: the user unit
    name: str

    @property
    def kind(self) -> str:
        return "user" if self.maintenance_unit_id is None else "maintenance"


def finding_addressee(session: Session, finding: Finding, unit: Unit) -> Addressee:
    """A maintenance duty goes to the equipment's maintenance unit; without one, to the user."""
    if finding.addressee == "maintenance":
        ie = session.get(InspectionEquipment, finding.inspection_equipment_id)
        eq = session.get(Equipment, ie.equipment_id)
        mu = maintenance_unit_of(session, eq)
        if mu is not None:
            return Addressee(mu.id, mu.name)
    return Addressee(None, unit.name)


def addressees(session: Session, inspection_id: str) -> list[Addressee]:
    """Everyone this inspection's findings are directed to: the user unit first."""
    inspection = get_inspection(session, inspection_id)
    unit = session.get(Unit, inspection.unit_id)
    found = {finding_addressee(session, f, unit) for f in _open_findings(session, inspection_id)}
    return sorted(found, key=lambda a: (a.maintenance_unit_id is not None, a.name))


def pending_addressees(session: Session, inspection_id: str) -> list[Addressee]:
    """Addressees without a directive in force yet."""
    issued = {
        d.maintenance_unit_id
        for d in directives_of(session, inspection_id)
        if d.status in ("issued", "closed")
    }
    return [a for a in addressees(session, inspection_id) if a.maintenance_unit_id not in issued]


def _findings_for(session: Session, inspection: Inspection, addressee: Addressee) -> list[Finding]:
    unit = session.get(Unit, inspection.unit_id)
    return [
        f
        for f in _open_findings(session, inspection.id)
        if finding_addressee(session, f, unit) == addressee
    ]


def remedies_settings(session: Session) -> tuple[str, str]:
    """The 行政复议 body and the 行政诉讼 court; issuing is refused while either is unset."""
    review_body, court = get_setting(session, "review_body"), get_setting(session, "court")
    missing = [k for k, v in (("review_body", review_body), ("court", court)) if not v]
    if missing:
        raise UserError(
            "the directive names where to apply for review and to sue: set "
            + " and ".join(missing)
            + " first (e.g. inspector config set review_body 漳州市人民政府 and "
            "inspector config set court 漳州市芗城区人民法院)",
            message_zh="尚未设置行政复议机关和行政诉讼法院，不能出具指令书（设置 review_body、court）",
        )
    return review_body, court


def _refuse_blanks(findings: list[Finding]) -> None:
    open_blanks = [f.item_id for f in findings if has_blank(f.description)]
    if open_blanks:
        items = "、".join(dict.fromkeys(open_blanks))
        raise UserError(
            f"the facts of {items} still have blanks (＿＿) to fill in",
            message_zh=f"检查项目{items}的问题事实中还有待填写的内容（＿＿），请补全后再出具",
        )


@dataclass(frozen=True)
class _Issuable:
    addressee: Addressee
    findings: list[Finding]
    superseded: Directive | None
    remedies: tuple[str, str]


def may_issue(session: Session, inspection: Inspection, officer_id: str | None) -> bool:
    """Whether this officer may issue the inspection's directive: one of its two officers
    (the directive names them and they sign it), or a supervisor at the office."""
    if officer_id is None:
        return False
    if officer_id in (inspection.lead_officer_id, inspection.second_officer_id):
        return True
    officer = session.get(Officer, officer_id)
    return officer is not None and not officer.deleted and officer.role == OfficerRole.SUPERVISOR


def check_may_issue(session: Session, inspection: Inspection, officer_id: str | None) -> None:
    if not may_issue(session, inspection, officer_id):
        raise UserError(
            "only the inspection's two officers or a supervisor may issue its directive",
            message_zh="只有实施本次检查的两名执法人员或科室负责人可以出具本检查的指令书",
        )


def _issuable(
    session: Session,
    inspection: Inspection,
    *,
    supersedes_id: str | None,
    maintenance_unit_id: str | None,
    to_user: bool,
) -> _Issuable:
    """Refuse, in Chinese, what may not be issued; else whom it goes to and with what."""
    inspection_id = inspection.id
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
    if not _open_findings(session, inspection_id):
        raise UserError(
            "the inspection found no problem: there is nothing to direct",
            message_zh="本次检查未发现问题，无需出具指令书",
        )
    review_body, court = remedies_settings(session)
    superseded = None
    every = addressees(session, inspection_id)
    if supersedes_id is not None:
        superseded = session.get(Directive, supersedes_id)
        if superseded is None or superseded.inspection_id != inspection_id:
            raise UserError("the directive to supersede does not belong to this inspection")
        if superseded.status == "superseded":
            raise UserError(f"directive {superseded.number} is already superseded")
        addressee = next(
            (a for a in every if a.maintenance_unit_id == superseded.maintenance_unit_id), None
        )
        if addressee is None:
            raise UserError("the superseded directive's addressee has no open finding left")
    else:
        pending = pending_addressees(session, inspection_id)
        if to_user or maintenance_unit_id is not None:
            wanted = None if to_user else maintenance_unit_id
            addressee = next((a for a in every if a.maintenance_unit_id == wanted), None)
            if addressee is None:
                raise UserError(
                    "no finding of this inspection is directed to that addressee",
                    message_zh="本次检查没有应向该单位出具的问题",
                )
            if addressee not in pending:
                raise UserError(
                    f"a directive to {addressee.name} was already issued; print it again or "
                    "supersede it",
                    message_zh="已向该单位出具指令书，可重新打印或出具更正指令书",
                )
        elif pending:
            addressee = pending[0]
        else:
            raise UserError(
                "a directive was already issued for this inspection; print it again or "
                "supersede it",
                message_zh="该检查已出具指令书，可重新打印或出具更正指令书",
            )
    findings = _findings_for(session, inspection, addressee)
    _refuse_blanks(findings)
    return _Issuable(addressee, findings, superseded, (review_body, court))


def number_to_issue(
    session: Session,
    *,
    inspection_id: str,
    supersedes_id: str | None = None,
    maintenance_unit_id: str | None = None,
    to_user: bool = False,
) -> str:
    """The number issuing would take now, or the reason it may not be issued (a read:
    the app shows it and asks before the number is used for good)."""
    _issuable(
        session,
        get_inspection(session, inspection_id),
        supersedes_id=supersedes_id,
        maintenance_unit_id=maintenance_unit_id,
        to_user=to_user,
    )
    return upcoming_directive_number(session)


def issue_directive(
    session: Session,
    blobs: BlobStore,
    *,
    inspection_id: str,
    officer_id: str,
    supersedes_id: str | None = None,
    maintenance_unit_id: str | None = None,
    to_user: bool = False,
    issued_at: dt.datetime | None = None,
) -> Directive:
    """Issue the next directive of a concluded inspection.

    One directive per addressee: the user unit, and each maintenance unit whose
    duties were found wanting. Without ``maintenance_unit_id`` (or with
    ``to_user``) the first addressee still waiting is served, the user unit
    first. A correction (``supersedes_id``) goes to the superseded one's addressee.
    """
    inspection = get_inspection(session, inspection_id)
    plan = _issuable(
        session,
        inspection,
        supersedes_id=supersedes_id,
        maintenance_unit_id=maintenance_unit_id,
        to_user=to_user,
    )
    check_may_issue(session, inspection, officer_id)
    addressee, findings, superseded = plan.addressee, plan.findings, plan.superseded
    review_body, court = plan.remedies
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
        addressee=addressee,
        remedies=(review_body, court),
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
        maintenance_unit_id=addressee.maintenance_unit_id,
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
            details={
                "number": number,
                "supersedes": supersedes_id,
                "maintenance_unit_id": addressee.maintenance_unit_id,
            },
        )
    )
    session.flush()
    return directive


def record_rectification_report(
    session: Session, *, directive_id: str, received_on: dt.date, officer_id: str
) -> tuple[Directive, str]:
    """The unit's 整改报告 arrived: the re-inspection is due within 10 working days
    (总局令第57号 Art 29). Returns the directive and a warning ("" when none) for years
    whose holidays are not known."""
    directive = session.get(Directive, directive_id)
    if directive is None or directive.deleted:
        raise NotFound(f"directive {directive_id} not found", message_zh="未找到该指令书")
    if directive.status == "superseded":
        raise UserError(
            f"directive {directive.number} is superseded; record the report on the one in force",
            message_zh="该指令书已被更正指令书替代",
        )
    issued_on = local(directive.issued_at, office_zone(session)).date()
    if received_on < issued_on:
        raise UserError(
            f"the report cannot arrive before the directive was issued ({issued_on})",
            message_zh="整改报告收到日期不能早于指令书出具日期",
        )
    due = reinspection_deadline(received_on)
    directive.report_received_on = received_on
    directive.reinspection_due = due.day
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="rectification_report",
            entity="directive",
            entity_id=directive.id,
            details={
                "received_on": received_on.isoformat(),
                "reinspection_due": due.day.isoformat(),
                "warning": due.warning,
            },  # fmt: skip
        )
    )
    session.flush()
    return directive, due.warning


def directive_pdf(session: Session, blobs: BlobStore, *, directive_id: str) -> bytes:
    """The issued bytes, identical every time (checked against the stored hash)."""
    directive = session.get(Directive, directive_id)
    if directive is None:
        raise NotFound(f"directive {directive_id} not found", message_zh="未找到该指令书")
    if directive.pdf_sha256 is None:
        return _render_recorded(session, blobs, directive)
    return blob_bytes(session, blobs, directive.pdf_sha256)


def _render_recorded(session: Session, blobs: BlobStore, directive: Directive) -> bytes:
    """A directive recorded without its file (generated history, core/demo_history.py).

    Rendering is deterministic, so the view model rebuilt from the database gives the
    bytes issuing would have stored, provided it is the content that was issued: the
    content digest recorded with the directive must match.
    """
    inspection = get_inspection(session, directive.inspection_id)
    findings = [f for f in _open_findings(session, inspection.id) if f.directive_id == directive.id]
    unit = session.get(Unit, inspection.unit_id)
    mu = (
        session.get(MaintenanceUnit, directive.maintenance_unit_id)
        if directive.maintenance_unit_id
        else None
    )
    addressee = Addressee(mu.id, mu.name) if mu is not None else Addressee(None, unit.name)
    superseded = (
        session.get(Directive, directive.supersedes_id) if directive.supersedes_id else None
    )
    doc = directive_doc(
        session,
        blobs,
        inspection=inspection,
        findings=findings,
        number=directive.number,
        issued_on=local(directive.issued_at, office_zone(session)).date(),
        supersedes_number=superseded.number if superseded else None,
        addressee=addressee,
        photos_until=directive.issued_at,
    )
    if not findings or reports.content_digest(doc) != directive.content_digest:
        raise UserError(
            f"directive {directive.number} was recorded without its PDF and the data it was "
            "issued from has changed since: it cannot be printed again",
            message_zh="该指令书未存电子文本，且出具时的数据已变更，无法重新打印",
        )
    return reports.render_directive(doc)


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
            .order_by(InspectionEquipment.position, Finding.item_id, Finding.created_at)
        )
    )


def _officer_view(
    session: Session, blobs: BlobStore, officer_id: str | None, inspection_id: str, role: str
) -> reports.Officer:
    officer = session.get(Officer, officer_id)
    sig = session.scalar(
        select(Signature).where(Signature.inspection_id == inspection_id, Signature.role == role)
    )
    png = blob_bytes(session, blobs, sig.blob_sha256) if sig is not None else None
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


def _maintenance_view(mu: MaintenanceUnit) -> reports.Unit:
    return reports.Unit(
        name=mu.name,
        uscc=mu.uscc,
        address=mu.address,
        contact_name=mu.contact_name,
        contact_phone=mu.contact_phone,
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


def _scope_of(session: Session, finding: Finding) -> str:
    ie = session.get(InspectionEquipment, finding.inspection_equipment_id)
    try:
        return pinned_form(session, ie.form_version_id).item(finding.item_id).scope
    except (KeyError, LookupError):
        return "equipment"


def _printed_texts(finding: Finding) -> tuple[str, str, str]:
    """(duty, 判定, penalty) as printed; old findings have one free-text provision to split."""
    if finding.failure_id is None and not finding.judged_by and not finding.penalty:
        return split_legacy_provision(finding.provision, finding.hazard)
    return finding.provision, finding.judged_by, finding.penalty


def _problems(
    session: Session,
    blobs: BlobStore,
    findings: list[Finding],
    photos_until: dt.datetime | None = None,
) -> list[reports.Problem]:
    """One problem per distinct fact: the same failure seen on several machines is one
    problem listing them; a management (unit) problem is one problem for the unit.
    ``photos_until``: only photos attached by then (a directive printed again later
    must not show the rectification photos of the follow-up)."""
    groups: dict[tuple, dict] = {}
    for finding in findings:
        ie = session.get(InspectionEquipment, finding.inspection_equipment_id)
        eq = session.get(Equipment, ie.equipment_id)
        scope = _scope_of(session, finding)
        provision, judged_by, penalty = _printed_texts(finding)
        key = (
            scope,
            finding.description.strip(),
            str(finding.hazard),
            provision,
            judged_by,
            finding.measure.strip(),
            bool(finding.reinspection),
        )
        group = groups.setdefault(
            key,
            {
                "finding": finding,
                "codes": [],
                "photos": [],
                "penalty": [],
                "scope": scope,
                "provision": provision,
                "judged_by": judged_by,
            },  # fmt: skip
        )
        if eq.registration_code not in group["codes"]:
            group["codes"].append(eq.registration_code)
        if penalty and penalty not in group["penalty"]:
            group["penalty"].append(penalty)
        photo_query = (
            select(Photo)
            .where(Photo.finding_id == finding.id, Photo.deleted.is_(False))
            .order_by(Photo.taken_at)
        )
        if photos_until is not None:
            photo_query = photo_query.where(Photo.created_at <= photos_until)
        photos = session.scalars(photo_query)
        group["photos"] += [
            reports.Photo(
                image_bytes=blob_bytes(session, blobs, p.print_sha256),
                caption=p.caption,
                taken_at=local(p.taken_at, office_zone(session)),
            )
            for p in photos
        ]
    problems = []
    for seq, group in enumerate(groups.values(), start=1):
        finding = group["finding"]
        problems.append(
            reports.Problem(
                seq=seq,
                item_id=finding.item_id,
                description=finding.description,
                hazard=HazardClass(finding.hazard),
                provision=group["provision"],
                measure=finding.measure,
                photos=tuple(group["photos"]),
                equipment_codes=tuple(group["codes"]),
                judged_by=group["judged_by"] if finding.hazard == HazardClass.SERIOUS else "",
                penalty="、".join(group["penalty"]),
                reinspection=bool(finding.reinspection) and finding.hazard == HazardClass.SERIOUS,
                scope=group["scope"],
            )
        )
    return problems


def header_label(session: Session) -> str:
    return get_setting(session, "authority_header") or get_setting(session, "authority_name")


def directive_doc(
    session: Session,
    blobs: BlobStore,
    *,
    inspection: Inspection,
    findings: list[Finding],
    number: str,
    issued_on: dt.date,
    supersedes_number: str | None,
    addressee: Addressee | None = None,
    remedies: tuple[str, str] | None = None,
    photos_until: dt.datetime | None = None,
) -> reports.DirectiveDoc:
    unit = session.get(Unit, inspection.unit_id)
    addressee = addressee or Addressee(None, unit.name)
    equipment = [session.get(Equipment, ie.equipment_id) for ie in inspection.equipment]
    review_body, court = remedies or remedies_settings(session)
    to_user = addressee.maintenance_unit_id is None
    rep_sig = None
    if to_user:  # the representative on site signs for the user unit only
        rep_sig = session.scalar(
            select(Signature).where(
                Signature.inspection_id == inspection.id, Signature.role == "representative"
            )
        )
    holder = (
        _unit_view(unit)
        if to_user
        else _maintenance_view(session.get(MaintenanceUnit, addressee.maintenance_unit_id))
    )
    return reports.DirectiveDoc(
        number=number,
        authority_name=get_setting(session, "authority_name"),
        authority_short=header_label(session),
        issued_on=issued_on,
        # One date binds the unit: the latest finding deadline, so no problem is
        # given less time than the inspector set for it.
        deadline=max(f.deadline for f in findings),
        unit=holder,
        equipment=tuple(_equipment_view(e) for e in equipment),
        problems=tuple(_problems(session, blobs, findings, photos_until)),
        officers=(
            _officer_view(
                session, blobs, inspection.lead_officer_id, inspection.id, "lead_officer"
            ),
            _officer_view(
                session, blobs, inspection.second_officer_id, inspection.id, "second_officer"
            ),
        ),
        unit_signature_png=blob_bytes(session, blobs, rep_sig.blob_sha256) if rep_sig else None,
        unit_signer_name=(rep_sig.signer_name if rep_sig else None),
        receipt_date=local(rep_sig.signed_at, office_zone(session)).date() if rep_sig else None,
        refused_to_sign=to_user and inspection.representative_refused and rep_sig is None,
        refusal_note=inspection.refusal_note if to_user else "",
        supersedes_number=supersedes_number,
        review_body=review_body,
        court=court,
        addressee=addressee.kind,
        inspected_unit_name="" if to_user else unit.name,
    )


def record_pdf(session: Session, blobs: BlobStore, *, inspection_id: str) -> bytes:
    """The on-site record; kept here for callers of the old name (see core/records.py)."""
    from .records import record_pdf as _record_pdf

    return _record_pdf(session, blobs, inspection_id=inspection_id)
