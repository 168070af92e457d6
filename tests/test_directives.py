"""Issuing directives from real inspections: numbering, immutability, verification."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from inspector_app.core import demo
from inspector_app.core import directives as dirs
from inspector_app.core.errors import UserError
from inspector_app.core.settings import set_setting
from inspector_app.rules.enums import Conclusion
from inspector_app.store.db import open_database
from inspector_app.store.models import Directive, Finding, Inspection


@pytest.fixture
def filled(db, blobs):
    demo.generate(db, blobs, equipment=150, seed=2)
    return db


def concluded(db, conclusion=None):
    with db.read() as s:
        q = select(Inspection).where(Inspection.status == "concluded")
        if conclusion:
            q = q.where(Inspection.conclusion == conclusion)
        return s.scalars(q).all()


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_demo_directives_carry_the_inspection_data(filled, blobs):
    stop = concluded(filled, Conclusion.STOP_USE)[0]
    with filled.read() as s:
        directive = s.scalars(select(Directive).where(Directive.inspection_id == stop.id)).one()
        findings = s.scalars(
            select(Finding).where(Finding.inspection_id == stop.id, Finding.deleted.is_(False))
        ).all()
        pdf = dirs.directive_pdf(s, blobs, directive_id=directive.id)
    assert re.fullmatch(r"漳市监特令〔\d{4}〕第01\d{4}号", directive.number)
    text = text_of(pdf)
    assert directive.number in text and "立即停止使用" in text
    for finding in findings:
        assert finding.directive_id == directive.id
        assert finding.description[:12] in text.replace("\n", "")
    assert "一式两份" in text and "行政复议" in text and "六个月" in text


def test_printing_again_is_byte_identical_and_matches_stored_hash(filled, blobs):
    import hashlib

    with filled.read() as s:
        directive = s.scalars(select(Directive)).first()
        a = dirs.directive_pdf(s, blobs, directive_id=directive.id)
        b = dirs.directive_pdf(s, blobs, directive_id=directive.id)
    assert a == b and hashlib.sha256(a).hexdigest() == directive.pdf_sha256


def test_supersede_keeps_both_and_verify_tells_them_apart(filled, blobs):
    with filled.read() as s:
        old = s.scalars(select(Directive)).first()
        old_pdf = dirs.directive_pdf(s, blobs, directive_id=old.id)
    with pytest.raises(UserError, match="already issued"), filled.write() as s:
        dirs.issue_directive(s, blobs, inspection_id=old.inspection_id, officer_id="x")
    with pytest.raises(UserError, match="already issued"), filled.read() as s:
        dirs.number_to_issue(s, inspection_id=old.inspection_id)
    with filled.read() as s:  # what the app shows before asking; reading takes nothing
        offered = dirs.number_to_issue(s, inspection_id=old.inspection_id, supersedes_id=old.id)
        assert (
            dirs.number_to_issue(s, inspection_id=old.inspection_id, supersedes_id=old.id)
            == offered
        )
    with filled.write() as s:
        inspection = s.get(Inspection, old.inspection_id)
        new = dirs.issue_directive(
            s,
            blobs,
            inspection_id=old.inspection_id,
            officer_id=inspection.lead_officer_id,
            supersedes_id=old.id,
        )
        new_pdf = dirs.directive_pdf(s, blobs, directive_id=new.id)
    assert new.number != old.number and new.number == offered
    assert old.number in text_of(new_pdf) and "替代" in text_of(new_pdf)
    with filled.read() as s:
        assert s.get(Directive, old.id).status == "superseded"
        assert dirs.verify_directive(s, pdf=old_pdf).status == "superseded"
        assert dirs.verify_directive(s, pdf=new_pdf).status == "valid"
        tampered = new_pdf.replace(b"/Producer", b"/Producex", 1)
        assert dirs.verify_directive(s, pdf=tampered).status == "altered"
        unknown = dirs.verify_directive(
            s, payload="SEDIR1|某市监特令〔2020〕第999999号|" + "0" * 64
        )
        assert unknown.status == "unknown"
        with pytest.raises(UserError):
            dirs.verify_directive(s, pdf=b"not a pdf at all")


def test_refused_without_conclusion_second_officer_or_findings(filled, blobs):
    with filled.read() as s:
        open_one = s.scalars(select(Inspection).where(Inspection.status == "in_progress")).first()
        passed = s.scalars(select(Inspection).where(Inspection.conclusion == "pass")).first()
    with pytest.raises(UserError, match="not concluded"), filled.write() as s:
        dirs.issue_directive(s, blobs, inspection_id=open_one.id, officer_id="x")
    if passed is not None:
        with pytest.raises(UserError, match="no problem"), filled.write() as s:
            dirs.issue_directive(s, blobs, inspection_id=passed.id, officer_id="x")
    stop = concluded(filled, Conclusion.STOP_USE)[0]
    with filled.write() as s:
        s.execute(
            update(Directive).where(Directive.inspection_id == stop.id).values(status="superseded")
        )
        s.get(Inspection, stop.id).second_officer_id = None
    with pytest.raises(UserError, match="two officers"), filled.write() as s:
        dirs.issue_directive(s, blobs, inspection_id=stop.id, officer_id="x")
    with filled.read() as s:
        assert s.scalars(select(Directive).where(Directive.inspection_id == stop.id)).all()


def test_two_devices_issuing_offline_never_collide(tmp_path, blobs):
    """Two laptops, same day, same inspections pattern: segments keep numbers apart."""
    numbers: list[str] = []
    for n, segment in enumerate(("03", "04")):
        db = open_database(f"sqlite:///{tmp_path / f'laptop{n}.sqlite3'}")
        with db.write() as s:
            set_setting(s, "directive_segment", segment)
        demo.generate(db, blobs, equipment=200, seed=4)  # same data, same day
        with db.read() as s:
            numbers += s.scalars(select(Directive.number)).all()
        db.dispose()
    assert len(numbers) > 4
    assert len(numbers) == len(set(numbers))
    assert {n[-7:-5] for n in numbers} == {"03", "04"}


def test_no_segment_no_number(db, blobs):
    with db.write() as s, pytest.raises(UserError, match="segment"):
        dirs.next_directive_number(s, year=2026)
    with db.write() as s:
        with pytest.raises(UserError, match="two digits"):
            set_setting(s, "directive_segment", "7")
        set_setting(s, "directive_segment", "07")
        first = dirs.next_directive_number(s, year=2026)
        second = dirs.next_directive_number(s, year=2026)
    assert first.endswith("第070001号") and second.endswith("第070002号")


def test_record_pdf_counts_items(filled, blobs):
    stop = concluded(filled, Conclusion.STOP_USE)[0]
    with filled.read() as s:
        pdf = dirs.record_pdf(s, blobs, inspection_id=stop.id)
    text = text_of(pdf)
    assert "现场监督检查记录" in text and "漳州市" in text


def test_only_its_officers_or_a_supervisor_issue_the_directive(filled, blobs):
    """The directive names the inspection's two officers, who sign it: a third inspector
    (another laptop that received the inspection) is refused and nothing is written; a
    supervisor at the office may issue it."""
    from inspector_app.core import officers
    from inspector_app.core.documents_view import inspection_documents
    from inspector_app.rules.enums import OfficerRole
    from inspector_app.store.models import Officer

    with filled.read() as s:
        old = s.scalars(select(Directive).where(Directive.status == "issued")).first()
        inspection = s.get(Inspection, old.inspection_id)
        team = {inspection.lead_officer_id, inspection.second_officer_id}
        boss = s.scalars(select(Officer.id).where(Officer.role == "supervisor")).one()
        before = s.scalars(select(Directive.id)).all()
    assert boss not in team
    with filled.write() as s:  # a third inspector, on another laptop
        other = officers.add_officer(s, name="陈明", cert_no="35060003",
                                     role=OfficerRole.INSPECTOR, password="x" * 12).id  # fmt: skip
    with pytest.raises(UserError, match="two officers or a supervisor"), filled.write() as s:
        dirs.issue_directive(s, blobs, inspection_id=old.inspection_id, officer_id=other,
                             supersedes_id=old.id)  # fmt: skip
    with filled.read() as s:
        assert s.scalars(select(Directive.id)).all() == before
        assert inspection_documents(s, old.inspection_id, officer_id=other).may_issue is False
        assert inspection_documents(s, old.inspection_id, officer_id=boss).may_issue is True
    with filled.write() as s:
        new = dirs.issue_directive(s, blobs, inspection_id=old.inspection_id, officer_id=boss,
                                   supersedes_id=old.id)  # fmt: skip
    assert new.number != old.number
