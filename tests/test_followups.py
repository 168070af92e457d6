"""Follow-up inspections, amendments and on-site registry edits through the core."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from inspector_app.core import demo
from inspector_app.core import inspections as insp
from inspector_app.core.equipment import save_equipment
from inspector_app.core.errors import UserError
from inspector_app.core.followups import (
    open_findings_of_unit,
    record_follow_up_result,
    start_follow_up,
)
from inspector_app.core.photos import add_photo
from inspector_app.rules.enums import FindingStatus, HazardClass, Outcome
from inspector_app.store.models import (
    AuditLog,
    Directive,
    Equipment,
    Finding,
    Inspection,
    ItemResult,
    Unit,
)


@pytest.fixture
def filled(db, blobs):
    demo.generate(db, blobs, equipment=150, seed=2)
    with db.read() as s:
        officer = s.scalars(select(Inspection.lead_officer_id)).first()
    return db, officer


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 30)).save(out, format="JPEG")
    return out.getvalue()


def unit_with_directive(db):
    with db.read() as s:
        directive = s.scalars(select(Directive).where(Directive.status == "issued")).first()
        return s.get(Inspection, directive.inspection_id).unit_id, directive.id


def test_follow_up_closes_findings_and_then_the_directive(filled, blobs):
    db, officer = filled
    unit_id, directive_id = unit_with_directive(db)
    with db.read() as s:
        findings = open_findings_of_unit(s, unit_id)
    assert findings and all(f.directive_number for f in findings)
    with db.write() as s:
        follow_up = start_follow_up(s, unit_id=unit_id, officer_id=officer)
        for n, f in enumerate(findings):
            photo = add_photo(
                s,
                blobs,
                inspection_id=f.inspection_id,
                finding_id=f.id,
                data=jpeg(),
                caption="整改后",
            )
            if n == 0 and len(findings) > 1:
                record_follow_up_result(
                    s, follow_up_id=follow_up.id, finding_id=f.id, rectified=False, note="未整改"
                )
                assert s.get(Directive, directive_id).status == "issued"
            else:
                record_follow_up_result(
                    s,
                    follow_up_id=follow_up.id,
                    finding_id=f.id,
                    rectified=True,
                    evidence_photo_id=photo.id,
                )
    with db.read() as s:
        statuses = [s.get(Finding, f.id).status for f in findings]
        assert statuses.count(FindingStatus.CLOSED) == len(findings) - (len(findings) > 1)
    if len(findings) > 1:
        late = findings[0].deadline + dt.timedelta(days=1)
        with db.write() as s:
            record_follow_up_result(
                s, follow_up_id=follow_up.id, finding_id=findings[0].id, rectified=False, today=late
            )
            assert s.get(Finding, findings[0].id).status == FindingStatus.ESCALATED
        with db.write() as s:
            photo = add_photo(
                s,
                blobs,
                inspection_id=findings[0].inspection_id,
                finding_id=findings[0].id,
                data=jpeg(),
            )
            record_follow_up_result(
                s,
                follow_up_id=follow_up.id,
                finding_id=findings[0].id,
                rectified=True,
                evidence_photo_id=photo.id,
            )
    with db.read() as s:
        assert s.get(Directive, directive_id).status == "closed"
        assert open_findings_of_unit(s, unit_id) == []


def test_serious_hazard_needs_photo_evidence(filled, blobs):
    db, officer = filled
    with db.read() as s:
        serious = s.scalars(
            select(Finding).where(Finding.hazard == HazardClass.SERIOUS, Finding.deleted.is_(False))
        ).first()
        unit_id = s.get(Inspection, serious.inspection_id).unit_id
    with db.write() as s:
        follow_up = start_follow_up(s, unit_id=unit_id, officer_id=officer)
        follow_up_id = follow_up.id
    with pytest.raises(UserError, match="photo evidence"), db.write() as s:
        record_follow_up_result(s, follow_up_id=follow_up_id, finding_id=serious.id, rectified=True)


def test_amendment_after_lock_is_audited_and_recomputes(filled):
    db, officer = filled
    with db.read() as s:
        inspection = s.scalars(select(Inspection).where(Inspection.conclusion == "rectify")).first()
        failed = s.scalars(
            select(ItemResult)
            .join(Finding, Finding.item_result_id == ItemResult.id)
            .where(Finding.inspection_id == inspection.id, Finding.deleted.is_(False))
        ).all()
    with pytest.raises(UserError, match="reason"), db.write() as s:
        insp.amend_answer(
            s, item_result_id=failed[0].id, officer_id=officer, reason="", outcome=Outcome.PASS
        )
    with db.write() as s:
        for result in failed:
            conclusion = insp.amend_answer(
                s,
                item_result_id=result.id,
                officer_id=officer,
                reason="录入错误，现场复核合格",
                outcome=Outcome.PASS,
            )
    assert conclusion == "pass"
    with db.read() as s:
        assert s.get(Inspection, inspection.id).conclusion == "pass"
        audits = s.scalars(select(AuditLog).where(AuditLog.action == "amendment")).all()
        assert len(audits) == len(failed) and audits[0].reason == "录入错误，现场复核合格"


def test_equipment_form_checks_identifiers_and_saves_nothing_on_error(db, blobs):
    demo.generate(db, blobs, equipment=20, seed=9)
    with db.read() as s:
        unit_id = s.scalars(select(Unit.id)).first()
        before = s.scalar(select(func.count()).select_from(Equipment))
    bad = [
        ({"registration_code": "99993506022016053337"}, "registration_code"),
        ({"registration_code": "3110-350602"}, "registration_code"),
        ({"category_code": "1100"}, "category_code"),
        ({"certificate_no": "梯11XX"}, "certificate_no"),
    ]
    good = {
        "unit_id": unit_id,
        "kind": "elevator",
        "category_code": "3110",
        "registration_code": "31103506022016099999",
        "certificate_no": "梯11闽E9999(16)",
        "name": "9号客梯",
        "location": "东区",
        "attributes": {"drive": "traction"},
    }
    for change, field in bad:
        with pytest.raises(UserError) as info, db.write() as s:
            save_equipment(s, **{**good, **change})
        assert info.value.field == field and info.value.message_zh
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Equipment)) == before
    with db.write() as s:
        eq = save_equipment(s, **good, last_inspected_on=dt.date(2026, 3, 1))
        assert eq.next_inspection_due == dt.date(2027, 3, 1)
    with pytest.raises(UserError, match="already registered"), db.write() as s:
        save_equipment(s, **good)
