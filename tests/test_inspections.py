"""Running an inspection through the core use cases, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text

from inspector_app.core import clock, demo
from inspector_app.core import inspections as insp
from inspector_app.core.errors import UserError
from inspector_app.core.forms import pinned_form, register_shipped_forms
from inspector_app.core.officers import add_officer, login
from inspector_app.core.photos import add_photo
from inspector_app.rules.enums import (
    Conclusion,
    FindingStatus,
    HazardClass,
    InspectionStatus,
    Outcome,
)
from inspector_app.store.models import (
    AuditLog,
    ChangeLog,
    Equipment,
    Finding,
    FormVersion,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Unit,
)


@pytest.fixture
def site(db, blobs):
    """A unit with an elevator, two officers, registered forms."""
    demo.generate(db, blobs, equipment=12, seed=5)
    with db.write() as s:
        officers = demo._officers(s)
        unit_id, eq_id = s.execute(
            select(Unit.id, Equipment.id)
            .join(Equipment, Equipment.unit_id == Unit.id)
            .where(Equipment.kind == "elevator", Equipment.category_code == "3110")
        ).first()
    return {"unit": unit_id, "equipment": eq_id, "lead": officers[0].id, "second": officers[1].id}


def start(db, site, second=True):
    with db.write() as s:
        inspection = insp.start_inspection(
            s,
            unit_id=site["unit"],
            equipment_ids=[site["equipment"]],
            lead_officer_id=site["lead"],
            second_officer_id=site["second"] if second else None,
            representative_name="刘军",
            representative_position="安全管理员",
        )
        ie = s.scalars(
            select(InspectionEquipment).where(InspectionEquipment.inspection_id == inspection.id)
        ).one()
        form = pinned_form(s, ie.form_version_id)
        attrs = s.get(Equipment, site["equipment"]).attributes
    return inspection.id, ie.id, [i for i in form.items if i.applies_to(attrs)]


def answer(db, ie_id, item, site, **kw):
    with db.write() as s:
        return insp.record_answer(
            s, inspection_equipment_id=ie_id, item_id=item.id, officer_id=site["lead"], **kw
        )


def sign_all(db, blobs, inspection_id):
    from inspector_app.store.blobs import store_blob

    with db.write() as s:
        for role in insp.SIGNATURE_ROLES:
            sha = store_blob(
                s,
                blobs,
                demo.signature_png(role, __import__("random").Random(1)),
                media_type="image/png",
            )
            insp.add_signature(
                s, inspection_id=inspection_id, role=role, signer_name=role, blob_sha256=sha
            )


def test_whole_inspection_with_failures_concludes_stop_use(db, blobs, site):
    inspection_id, ie_id, items = start(db, site)
    serious = next(i for i in items if i.hazard == HazardClass.SERIOUS and i.measurement is None)
    measured = next(i for i in items if i.measurement is not None and i.measurement.max is not None)
    for item in items:
        if item is serious:
            answer(db, ie_id, item, site, outcome=Outcome.FAIL)
        elif item is measured:
            result = answer(db, ie_id, item, site, value=measured.measurement.max + 5)
            assert result.outcome is Outcome.FAIL  # judged from the range, not given
        elif item.measurement is not None:
            m = item.measurement
            good = m.min if m.min is not None else m.max
            answer(db, ie_id, item, site, value=good)
        else:
            answer(db, ie_id, item, site, outcome=Outcome.PASS)
    with db.read() as s:
        findings = s.scalars(
            select(Finding).where(
                Finding.inspection_id == inspection_id, Finding.deleted.is_(False)
            )
        ).all()
        assert {f.item_id for f in findings} == {serious.id, measured.id}
        stop = next(f for f in findings if f.item_id == serious.id)
        assert stop.hazard == HazardClass.SERIOUS and stop.status == FindingStatus.OPEN
        # A fact, the duty it breaks, the standard that judges it; stop-use is not a measure.
        assert stop.failure_id and stop.failure_id.startswith(serious.id + "-")
        assert "不符合要求" not in stop.description
        assert stop.provision.startswith("《中华人民共和国特种设备安全法》")
        assert "GB 45067-2024" in stop.judged_by and "第八十四条" not in stop.provision
        assert stop.measure and "停止使用" not in stop.measure
        # counted from the office's day (Asia/Shanghai), not the machine's
        office_today = clock.today(clock.zone())
        assert stop.deadline == office_today + dt.timedelta(days=serious.deadline_days)
        gauge = next(f for f in findings if f.item_id == measured.id)
        assert "实测" in gauge.description and measured.measurement.unit in gauge.description
    # Everything missing is listed at once: the serious failure's photo, then every signature.
    with pytest.raises(insp.ConcludeRefused) as refused, db.write() as s:
        insp.conclude_inspection(s, inspection_id=inspection_id, officer_id=site["lead"])
    assert [(m.kind, m.item_id or m.role) for m in refused.value.missing] == [
        ("photo", serious.id),
        ("signature", "lead_officer"),
        ("signature", "second_officer"),
        ("representative", "representative"),
    ]
    assert "not signed" in str(refused.value) and "须拍照" in refused.value.message_zh
    assert refused.value.message_zh.count("\n") == 4  # a heading and four lines
    sign_all(db, blobs, inspection_id)
    with pytest.raises(insp.ConcludeRefused, match="need a photo") as refused, db.write() as s:
        insp.conclude_inspection(s, inspection_id=inspection_id, officer_id=site["lead"])
    assert [m.kind for m in refused.value.missing] == ["photo"]
    with db.read() as s:
        stop = s.scalars(select(Finding).where(Finding.item_id == serious.id)).one()
    with db.write() as s:
        add_photo(
            s,
            blobs,
            inspection_id=inspection_id,
            data=demo.finding_photo_png(__import__("random").Random(2)),
            finding_id=stop.id,
            item_result_id=stop.item_result_id,
        )
    with db.write() as s:
        conclusion = insp.conclude_inspection(
            s, inspection_id=inspection_id, officer_id=site["lead"]
        )
    assert conclusion is Conclusion.STOP_USE
    with db.read() as s:
        row = s.get(Inspection, inspection_id)
        assert row.status == InspectionStatus.CONCLUDED and row.conclusion == Conclusion.STOP_USE
    # locked: no more answers
    with pytest.raises(UserError, match="locked"), db.write() as s:
        insp.record_answer(
            s,
            inspection_equipment_id=ie_id,
            item_id=items[0].id,
            officer_id=site["lead"],
            outcome=Outcome.FAIL,
        )


def test_changing_an_answer_updates_one_row_and_tombstones_its_finding(db, site):
    _, ie_id, items = start(db, site)
    item = next(i for i in items if i.measurement is None)
    first = answer(db, ie_id, item, site, outcome=Outcome.FAIL, note="门锁啮合不足")
    assert first.finding_id is not None
    second = answer(db, ie_id, item, site, outcome=Outcome.PASS)
    assert second.id == first.id and second.hazard is None
    with db.read() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(ItemResult)
                .where(ItemResult.inspection_equipment_id == ie_id)
            )
            == 1
        )
        result = s.get(ItemResult, first.id)
        assert result.note == "门锁啮合不足" and result.outcome == Outcome.PASS
        assert result.answered_at.tzinfo is not None
        assert s.get(Finding, first.finding_id).deleted is True
        logged = s.scalars(
            select(ChangeLog.payload).where(ChangeLog.row_id == first.id).order_by(ChangeLog.seq)
        ).all()
        assert [p["outcome"] for p in logged] == ["fail", "pass"]
        assert logged[-1]["note"] == "门锁啮合不足"


def test_fast_answer_path_stores_what_the_orm_stores(db, site):
    """The driver-level hot path must leave rows indistinguishable from ORM writes."""
    _, ie_id, items = start(db, site)
    fast = answer(db, ie_id, items[0], site, outcome=Outcome.NOT_APPLICABLE)
    with db.write() as s:
        orm = ItemResult(
            inspection_equipment_id=ie_id,
            item_id=items[1].id,
            outcome=Outcome.PASS,
            answered_by=site["lead"],
        )
        s.add(orm)
    with db.read() as s:
        rows = s.execute(
            text(
                "SELECT created_at, answered_at, updated_at, deleted FROM item_results WHERE id IN "
                "(:a, :b)"
            ),
            {"a": fast.id, "b": orm.id},
        ).all()
        a, b = rows
        for x, y in zip(a, b, strict=True):
            assert type(x) is type(y)
            if isinstance(x, str):
                assert len(x) == len(y) and x[4] == y[4] and x[10] == y[10]
        loaded = s.get(ItemResult, fast.id)
        assert loaded.created_at.tzinfo is not None and loaded.deleted is False


def test_hazard_override_needs_a_reason_and_is_audited(db, site):
    _, ie_id, items = start(db, site)
    item = next(i for i in items if i.hazard == HazardClass.GENERAL and i.measurement is None)
    result = answer(db, ie_id, item, site, outcome=Outcome.FAIL)
    with pytest.raises(UserError, match="reason"), db.write() as s:
        insp.override_hazard(
            s,
            item_result_id=result.id,
            hazard=HazardClass.SERIOUS,
            reason=" ",
            officer_id=site["lead"],
        )
    with db.write() as s:
        insp.override_hazard(
            s,
            item_result_id=result.id,
            hazard=HazardClass.SERIOUS,
            reason="现场发现门锁被短接",
            officer_id=site["lead"],
        )
    with db.read() as s:
        assert s.get(Finding, result.finding_id).hazard == HazardClass.SERIOUS
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "hazard_override")).one()
        assert audit.reason == "现场发现门锁被短接" and audit.details["from"] == "general"


def test_two_officers_required(db, blobs, site):
    inspection_id, ie_id, items = start(db, site, second=False)
    for item in items:
        if item.measurement is None:
            answer(db, ie_id, item, site, outcome=Outcome.PASS)
        else:
            m = item.measurement
            answer(db, ie_id, item, site, value=m.min if m.min is not None else m.max)
    sign_all(db, blobs, inspection_id)
    with pytest.raises(UserError, match="two officers"), db.write() as s:
        insp.conclude_inspection(s, inspection_id=inspection_id, officer_id=site["lead"])
    with pytest.raises(UserError, match="different"), db.write() as s:
        insp.set_second_officer(s, inspection_id=inspection_id, officer_id=site["lead"])
    with db.write() as s:
        insp.set_second_officer(s, inspection_id=inspection_id, officer_id=site["second"])
        assert (
            insp.conclude_inspection(s, inspection_id=inspection_id, officer_id=site["lead"])
            is Conclusion.PASS
        )


def test_conclude_lists_everything_missing_at_once(db, blobs, site):
    """Not only the first problem: every unanswered item, missing photo and signature."""
    inspection_id, ie_id, items = start(db, site, second=False)
    serious = next(i for i in items if i.photo_required and i.measurement is None)
    answer(db, ie_id, serious, site, outcome=Outcome.FAIL)
    with pytest.raises(insp.ConcludeRefused) as refused, db.write() as s:
        insp.conclude_inspection(s, inspection_id=inspection_id, officer_id=site["lead"])
    missing = refused.value.missing
    kinds = [m.kind for m in missing]
    assert kinds[0] == "second_officer"
    assert kinds.count("answer") == len(items) - 1
    assert [m.item_id for m in missing if m.kind == "photo"] == [serious.id]
    assert kinds[-3:] == ["signature", "signature", "representative"]
    lines = refused.value.message_zh.splitlines()
    assert len(lines) == len(missing) + 1 and "第二名执法人员" in lines[1]
    assert all(f"{n}. " in line for n, line in enumerate(lines[1:], 1))
    with db.read() as s:  # nothing changed
        assert s.get(Inspection, inspection_id).status == InspectionStatus.IN_PROGRESS


def test_unknown_item_and_bad_measurement_are_refused(db, site):
    _, ie_id, items = start(db, site)
    with pytest.raises(UserError, match="not in form"), db.write() as s:
        insp.record_answer(
            s,
            inspection_equipment_id=ie_id,
            item_id="NOPE",
            officer_id=site["lead"],
            outcome=Outcome.PASS,
        )
    measured = next(i for i in items if i.measurement is not None)
    with pytest.raises(UserError), db.write() as s:
        insp.record_answer(
            s,
            inspection_equipment_id=ie_id,
            item_id=measured.id,
            officer_id=site["lead"],
            value=float("nan"),
        )
    with db.read() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(ItemResult)
                .where(ItemResult.inspection_equipment_id == ie_id)
            )
            == 0
        )


def test_form_versions_are_pinned(db, site, tmp_path):
    """Editing forms/ later never changes what a past inspection used."""
    _, ie_id, _ = start(db, site)
    import shutil

    from inspector_app.checklists import default_forms_dir

    edited = tmp_path / "forms"
    shutil.copytree(default_forms_dir(), edited)
    path = edited / "elevator.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "text_zh: 电梯维护保养", "text_zh: 升降梯维护保养"
        ),
        encoding="utf-8",
    )
    with db.write() as s:
        before = s.scalar(select(func.count()).select_from(FormVersion))
        register_shipped_forms(s, edited)
        register_shipped_forms(s, edited)  # idempotent
        assert s.scalar(select(func.count()).select_from(FormVersion)) == before + 1
        ie = s.get(InspectionEquipment, ie_id)
        old = pinned_form(s, ie.form_version_id)
        assert "升降梯" not in old.to_canonical_json()


def test_photos_original_and_print_copy(db, blobs, site):
    import io

    from PIL import Image

    inspection_id, ie_id, items = start(db, site)
    result = answer(
        db, ie_id, next(i for i in items if i.measurement is None), site, outcome=Outcome.FAIL
    )
    big = io.BytesIO()
    Image.new("RGB", (3000, 2000), (200, 30, 30)).save(big, format="JPEG")
    with db.write() as s:
        photo = add_photo(
            s,
            blobs,
            inspection_id=inspection_id,
            finding_id=result.finding_id,
            data=big.getvalue(),
            caption="门锁",
        )
        again = add_photo(
            s,
            blobs,
            inspection_id=inspection_id,
            finding_id=result.finding_id,
            data=big.getvalue(),
            caption="门锁",
        )
    assert photo.original_sha256 == again.original_sha256  # stored once
    assert blobs.get(photo.original_sha256) == big.getvalue()
    with Image.open(io.BytesIO(blobs.get(photo.print_sha256))) as small:
        assert max(small.size) == 1024
    with pytest.raises(UserError, match="not a readable image"), db.write() as s:
        add_photo(s, blobs, inspection_id=inspection_id, data=b"%PDF-1.4 not a photo")


def test_login_lockout_persists_failures(db):
    with db.write() as s:
        add_officer(s, name="张伟", cert_no="35060001", role="inspector", password="right-password")
    for _ in range(4):
        with pytest.raises(UserError, match="wrong"):
            login(db, cert_no="35060001", password="nope")
    assert login(db, cert_no="35060001", password="right-password").name == "张伟"
    for _ in range(5):
        with pytest.raises(UserError):
            login(db, cert_no="35060001", password="nope")
    with pytest.raises(UserError, match="locked"):
        login(db, cert_no="35060001", password="right-password")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)
    assert login(db, cert_no="35060001", password="right-password", now=later).cert_no == "35060001"
    with db.read() as s:
        from inspector_app.store.models import Officer

        stored = s.scalars(select(Officer.password_hash)).one()
        assert stored.startswith("$argon2id$") and "right-password" not in stored
