"""The generated inspection history writes the rows the use cases write.

One planned inspection is written twice, into two databases made from the same
demo seed: by the generator's bulk path, and step by step through
core/inspections.py, directives.py and followups.py as the app would. Every
row it produced is compared column by column (ids mapped, wall-clock stamps
excepted), the change log carries every generated row, and the generated
directive, which stores no PDF, prints byte for byte the PDF issuing stored.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from inspector_app.checklists import BLANK
from inspector_app.core import demo, demo_history, followups, officers
from inspector_app.core import inspections as insp
from inspector_app.core.demo_cases import fill_blanks
from inspector_app.core.demo_history import AfterPlan, AnswerPlan, InspectionPlan, VisitPlan
from inspector_app.core.directives import (
    directive_pdf,
    directives_of,
    issue_directive,
    pending_addressees,
    record_rectification_report,
)
from inspector_app.core.photos import add_photo
from inspector_app.rules.enums import EquipmentKind, FindingStatus, Outcome
from inspector_app.store import audit
from inspector_app.store.blobs import BlobStore
from inspector_app.store.changes import row_payload
from inspector_app.store.db import open_database
from inspector_app.store.models import (
    AuditLog,
    ChangeLog,
    Directive,
    Equipment,
    Finding,
    FollowUp,
    FollowUpFinding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    MaintenanceUnit,
    Officer,
    Photo,
    Signature,
    Unit,
)

TODAY = dt.date(2026, 6, 15)
DAY = dt.date(2026, 3, 10)
#: The two elevators fail these items: unit-level, serious with a blank and a photo, two
#: maintenance duties (one with a blank), a measured value read from the inspection
#: report, and E29/E31, which the form lists before E08 but which sort after it.
FAILS = {"C05": None, "C12": None, "E02": None, "E13": None, "E29": None, "E31": None,
         "E10": 0.9}  # fmt: skip


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch):
    """Officer accounts hash their password with argon2id; cheaply here (speed only)."""
    monkeypatch.setattr(officers, "_hasher", PasswordHasher(time_cost=1, memory_cost=64))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two(request, tmp_path):
    """Two databases with the same demo registry (same seed, same day)."""
    made = []
    for name in ("generated", "replayed"):
        if request.param == "sqlite":
            (tmp_path / name).mkdir()
            url = f"sqlite:///{tmp_path / name / 'inspector.sqlite3'}"
        else:
            url = request.getfixturevalue("make_pg_url")()
        db = open_database(url)
        blobs = BlobStore(tmp_path / name / "blobs")
        demo.generate(db, blobs, equipment=40, seed=3, showcase=False, today=TODAY)
        made.append((db, blobs))
    yield made
    for db, _ in made:
        db.dispose()


def _context(db, blobs):
    with db.write() as s:
        return demo_history.load_context(s, blobs, seed=1)


def _plan(ctx, *, refused: bool) -> InspectionPlan:
    """Two elevators with a maintenance unit, of a unit the demo never inspected."""
    with_lifts = [
        u for u in ctx.units
        if sum(p.kind == EquipmentKind.ELEVATOR and bool(p.maintenance_unit_id)
               for p in ctx.pieces[u.id]) >= 2
    ]  # fmt: skip
    unit = with_lifts[-1]
    lifts = [p for p in ctx.pieces[unit.id]
             if p.kind == EquipmentKind.ELEVATOR and p.maintenance_unit_id][:2]  # fmt: skip
    answers = []
    for position, piece in enumerate(lifts):
        row = []
        for item in ctx.items_for(piece):
            answer = AnswerPlan(item.id)
            if item.id in FAILS and (position == 0 or item.id == "C05"):
                answer.fill_seed = 1000 + len(row)
                if FAILS[item.id] is not None:
                    answer.value = FAILS[item.id]
                    answer.report_no, answer.report_date = "闽特检2026-0417", dt.date(2025, 9, 2)
                else:
                    answer.outcome = Outcome.FAIL
                if item.id in ("C12", "E31"):
                    answer.photo = 3
            elif item.measurement is not None:
                m = item.measurement
                answer.value = (m.min + m.max) / 2 if m.min is not None and m.max is not None \
                    else (m.min if m.min is not None else m.max)  # fmt: skip
                if item.source == "inspection_report":
                    answer.report_no, answer.report_date = "闽特检2026-0417", dt.date(2025, 9, 2)
            else:
                answer.outcome = Outcome.NOT_APPLICABLE if item.id == "E22" else Outcome.PASS
            row.append(answer)
        answers.append(row)
    team = ctx.officers[unit.district]
    started = dt.datetime(2026, 3, 10, 1, 30, tzinfo=dt.UTC)  # 9:30 in Beijing
    fails = sum(a.outcome == Outcome.FAIL or a.value == 0.9 for r in answers for a in r)
    after = AfterPlan(
        reports={None: dt.date(2026, 3, 20)},
        visits=[
            VisitPlan(dt.date(2026, 3, 27), [k % 2 == 0 for k in range(fails)], [1] * fails),
            VisitPlan(dt.date(2026, 5, 6), [k != 3 for k in range(fails)], [2] * fails),
        ],
    )
    return InspectionPlan(
        unit_id=unit.id,
        equipment_ids=[p.id for p in lifts],
        inspection_type="special",
        task_source="漳州市市场监督管理局2026年人员密集场所特种设备安全专项检查",
        lead_officer_id=team[0].id,
        second_officer_id=team[1].id,
        representative_name=unit.contact_name,
        representative_position="物业经理",
        started_at=started,
        ended_at=started + dt.timedelta(hours=2),
        day=DAY,
        answers=answers,
        refusal_note="被检查单位负责人拒绝签字，已现场录像，并由见证人签名。" if refused else "",
        unit_opinion="" if refused else "已知悉，将按要求整改。",
        rep_signature=2,
        after=after,
    )


def _replay(db, blobs, ctx, plan: InspectionPlan) -> str:
    """The same inspection, one use case at a time, as the app makes it."""
    lead = plan.lead_officer_id
    with db.write() as s:
        inspection = insp.start_inspection(
            s, unit_id=plan.unit_id, equipment_ids=plan.equipment_ids, lead_officer_id=lead,
            second_officer_id=plan.second_officer_id,
            representative_name=plan.representative_name,
            representative_position=plan.representative_position,
            inspection_type=plan.inspection_type, task_source=plan.task_source,
            started_at=plan.started_at,
        )  # fmt: skip
        inspection_id = inspection.id
        ies = sorted(inspection.equipment, key=lambda ie: ie.position)
        found = []
        for ie, answers in zip(ies, plan.answers, strict=True):
            for a in answers:
                answer = insp.record_answer(
                    s, inspection_equipment_id=ie.id, item_id=a.item_id, officer_id=lead,
                    outcome=a.outcome, value=a.value, report_no=a.report_no,
                    report_date=a.report_date, today=plan.day,
                )  # fmt: skip
                if answer.outcome != Outcome.FAIL:
                    continue
                finding = insp.findings_of(s, answer.id)[0]
                if BLANK in finding.description:
                    insp.update_finding(
                        s, finding_id=finding.id,
                        description=fill_blanks(finding.description, random.Random(a.fill_seed)),
                    )  # fmt: skip
                if a.photo is not None:
                    add_photo(s, blobs, inspection_id=inspection_id,
                              data=blobs.get(ctx.photos[a.photo][0]), finding_id=finding.id,
                              item_result_id=answer.id,
                              taken_at=plan.started_at + dt.timedelta(minutes=30))  # fmt: skip
                found.append(finding.id)
        insp.set_unit_opinion(s, inspection_id=inspection_id, opinion=plan.unit_opinion)
        signers = [("lead_officer", lead), ("second_officer", plan.second_officer_id)]
        for role, officer_id in signers:
            insp.add_signature(s, inspection_id=inspection_id, role=role,
                               signer_name=s.get(Officer, officer_id).name,
                               blob_sha256=ctx.officer_signatures[officer_id],
                               signed_at=plan.ended_at)  # fmt: skip
        if plan.refusal_note:
            insp.record_refusal(s, inspection_id=inspection_id, note=plan.refusal_note)
        else:
            insp.add_signature(s, inspection_id=inspection_id, role="representative",
                               signer_name=plan.representative_name,
                               blob_sha256=ctx.rep_signatures[plan.rep_signature],
                               signed_at=plan.ended_at)  # fmt: skip
        insp.conclude_inspection(s, inspection_id=inspection_id, officer_id=lead,
                                 ended_at=plan.ended_at)  # fmt: skip
        while pending_addressees(s, inspection_id):
            issue_directive(s, blobs, inspection_id=inspection_id, officer_id=lead,
                            issued_at=plan.ended_at)  # fmt: skip
        for directive in directives_of(s, inspection_id):
            received = plan.after.reports.get(directive.maintenance_unit_id)
            if received is not None:
                record_rectification_report(s, directive_id=directive.id, received_on=received,
                                            officer_id=lead)  # fmt: skip
    for visit in plan.after.visits:
        with db.write() as s:
            follow_up = followups.start_follow_up(s, unit_id=plan.unit_id, officer_id=lead,
                                                  performed_on=visit.performed_on)  # fmt: skip
            for k, finding_id in enumerate(found):
                finding = s.get(Finding, finding_id)
                if finding.status == FindingStatus.CLOSED:
                    continue
                photo_id = None
                if visit.rectified[k] and finding.hazard == "serious":
                    original = ctx.after_photos[visit.photos[k]][0]
                    photo_id = add_photo(
                        s, blobs, inspection_id=finding.inspection_id, finding_id=finding_id,
                        data=blobs.get(original), caption="整改后照片",
                        taken_at=dt.datetime.combine(visit.performed_on, dt.time(2, 0),
                                                     tzinfo=dt.UTC),
                    ).id  # fmt: skip
                followups.record_follow_up_result(
                    s, follow_up_id=follow_up.id, finding_id=finding_id,
                    rectified=visit.rectified[k], evidence_photo_id=photo_id,
                )  # fmt: skip
    return inspection_id


# ------------------------------------------------------------------ reading back
WALL_CLOCK = {"answered_at", "rectified_at", "closed_at"}  # stamped now() by the use cases
ALWAYS_SKIPPED = {"id", "origin_device", "clock", "created_at", "updated_at"}
# each database writes its own audit chain (store/audit.py): checked by audit.verify instead
ALWAYS_SKIPPED |= {"chain", "chain_seq", "prev_hash", "row_hash"}


def _rows(db, inspection_id: str) -> dict[str, list[dict]]:
    """Every row the inspection produced, ids replaced by stable labels."""
    with db.read() as s:
        inspection = s.get(Inspection, inspection_id)
        ies = s.scalars(select(InspectionEquipment).where(
            InspectionEquipment.inspection_id == inspection_id)).all()  # fmt: skip
        labels = {inspection.id: "inspection"}
        for ie in ies:
            labels[ie.id] = f"ie{ie.position}"
            labels[ie.equipment_id] = s.get(Equipment, ie.equipment_id).registration_code
        labels[inspection.unit_id] = s.get(Unit, inspection.unit_id).uscc
        for officer in s.scalars(select(Officer)):
            labels[officer.id] = officer.cert_no
        for mu in s.scalars(select(MaintenanceUnit)):
            labels[mu.id] = mu.name
        results = s.scalars(select(ItemResult).where(
            ItemResult.inspection_equipment_id.in_([ie.id for ie in ies]))).all()  # fmt: skip
        for r in results:
            labels[r.id] = f"{labels[r.inspection_equipment_id]}/{r.item_id}"
        findings = s.scalars(select(Finding).where(Finding.inspection_id == inspection_id)).all()
        for f in findings:
            labels[f.id] = f"finding {labels[f.inspection_equipment_id]}/{f.item_id}"
        directives = s.scalars(select(Directive).where(
            Directive.inspection_id == inspection_id)).all()  # fmt: skip
        for d in directives:
            labels[d.id] = f"directive to {labels.get(d.maintenance_unit_id, 'user')}"
        photos = s.scalars(select(Photo).where(Photo.inspection_id == inspection_id)).all()
        for p in photos:
            labels[p.id] = f"photo {labels[p.finding_id]} {p.caption}"
        ups = s.scalars(select(FollowUp).where(FollowUp.inspection_id == inspection_id)).all()
        for u in ups:
            labels[u.id] = f"follow-up {u.performed_on}"
        entries = s.scalars(select(FollowUpFinding).where(
            FollowUpFinding.follow_up_id.in_([u.id for u in ups]))).all()  # fmt: skip
        signatures = s.scalars(select(Signature).where(
            Signature.inspection_id == inspection_id)).all()  # fmt: skip
        audit = s.scalars(select(AuditLog).where(AuditLog.entity_id.in_(list(labels)))).all()

        def plain(obj) -> dict:
            out = {}
            for key, value in row_payload(obj).items():
                if key in ALWAYS_SKIPPED:
                    continue
                if key in WALL_CLOCK:
                    value = value is not None
                elif key == "details":
                    value = {k: labels.get(v, v) if isinstance(v, str) else v
                             for k, v in value.items()}  # fmt: skip
                elif isinstance(value, str):
                    value = labels.get(value, value)
                out[key] = value
            return out

        tables = {
            "inspections": [inspection], "inspection_equipment": ies, "item_results": results,
            "findings": findings, "directives": directives, "photos": photos,
            "follow_ups": ups, "follow_up_findings": entries, "signatures": signatures,
            "audit_log": audit,
        }  # fmt: skip
        return {name: sorted((plain(o) for o in objs), key=repr) for name, objs in tables.items()}


def _generated_id(db) -> str:
    with db.read() as s:
        return s.scalars(select(Inspection.id).order_by(Inspection.started_at)).first()


@pytest.mark.parametrize("refused", [False, True], ids=["signed", "refused"])
def test_generated_rows_equal_use_case_rows(two, refused):
    (gen_db, gen_blobs), (use_db, use_blobs) = two
    gen_ctx, use_ctx = _context(gen_db, gen_blobs), _context(use_db, use_blobs)
    gen_plan, use_plan = _plan(gen_ctx, refused=refused), _plan(use_ctx, refused=refused)
    with gen_db.write() as s:
        demo_history.write_batch(s, gen_blobs, gen_ctx, [gen_plan], today=TODAY,
                                 report=demo_history.HistoryReport())  # fmt: skip
    replayed = _replay(use_db, use_blobs, use_ctx, use_plan)
    generated = _generated_id(gen_db)
    assert generated != replayed or gen_db is not use_db
    ours, theirs = _rows(gen_db, generated), _rows(use_db, replayed)
    # The case exercises what it should: two directives, serious and general findings,
    # closed and not-corrected ones, reports, evidence photos, measured values.
    assert len(ours["directives"]) == 2 and len(ours["follow_ups"]) == 2
    statuses = Counter(f["status"] for f in ours["findings"])
    assert statuses["closed"] and (statuses["escalated"] or statuses["open"])
    assert any(p["caption"] == "整改后照片" for p in ours["photos"])
    assert any(r["value"] == 0.9 and r["outcome"] == "fail" for r in ours["item_results"])
    for table in ours:
        gen_rows, use_rows = ours[table], theirs[table]
        if table == "directives":  # no PDF stored for generated history
            assert {r["pdf_sha256"] for r in gen_rows} == {None}
            assert None not in {r["pdf_sha256"] for r in use_rows}
            for r in gen_rows + use_rows:
                r.pop("pdf_sha256")
        assert gen_rows == use_rows, table
    for db in (gen_db, use_db):
        with db.read() as s:
            chains = audit.verify(s)
            assert chains.ok and not chains.unchained and chains.rows, chains.problems

    # The PDF printed from the database is the one issuing stored.
    with gen_db.read() as gs, use_db.read() as us:
        for gd in gs.scalars(select(Directive).where(Directive.inspection_id == generated)):
            ud = us.scalar(select(Directive).where(Directive.number == gd.number))
            assert directive_pdf(gs, gen_blobs, directive_id=gd.id) == use_blobs.get(ud.pdf_sha256)


def test_every_generated_row_is_in_the_change_log(sqlite_db, blobs):
    demo.generate(sqlite_db, blobs, equipment=60, seed=5, showcase=False, today=TODAY)
    report = demo_history.generate_history(sqlite_db, blobs, inspections=30, seed=2, today=TODAY)
    assert report.inspections == 30 and report.findings > 0 and report.directives > 0
    with sqlite_db.read() as s:
        for model in (Inspection, InspectionEquipment, ItemResult, Finding, Directive, Photo,
                      FollowUp, FollowUpFinding, Signature):  # fmt: skip
            rows = {o.id: row_payload(o) for o in s.scalars(select(model))}
            logged = {}
            for entry in s.scalars(
                select(ChangeLog).where(ChangeLog.table_name == model.__tablename__)
                .order_by(ChangeLog.seq)
            ):  # fmt: skip
                logged[entry.row_id] = entry.payload
            assert logged == rows, model.__tablename__


def test_same_seed_same_history_and_counts_match(tmp_path):
    made = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        db = open_database(f"sqlite:///{tmp_path / name / 'x.sqlite3'}")
        blobs = BlobStore(tmp_path / name / "blobs")
        demo.generate(db, blobs, equipment=120, units=40, seed=4, today=TODAY, showcase=False)
        report = demo_history.generate_history(db, blobs, inspections=50, seed=9, today=TODAY)
        with db.read() as s:
            shape = s.execute(
                select(Inspection.record_number, Inspection.unit_id, Inspection.conclusion,
                       Inspection.inspection_type, Inspection.task_source,
                       func.count(Finding.id))
                .outerjoin(Finding, Finding.inspection_id == Inspection.id)
                .where(Inspection.record_number.is_not(None))
                .group_by(Inspection.id).order_by(Inspection.record_number)
            ).all()  # fmt: skip
            counted = {
                "inspections": s.scalar(select(func.count()).select_from(Inspection)),
                "findings": s.scalar(select(func.count()).select_from(Finding)),
                "closed": s.scalar(select(func.count()).select_from(Finding).where(
                    Finding.status == "closed")),
                "districts": s.scalar(select(func.count(func.distinct(Unit.district)))),
            }  # fmt: skip
        made.append((report, shape, counted))
        db.dispose()
    (ra, shape_a, counted_a), (rb, shape_b, counted_b) = made
    assert shape_a == shape_b and counted_a == counted_b
    assert ra.line().split(" in ")[0] == rb.line().split(" in ")[0]
    assert counted_a["districts"] > len(demo.DISTRICTS)  # --units: the city layout
    # The demo's own inspections come on top of the history.
    assert counted_a["inspections"] >= ra.inspections
    assert counted_a["findings"] >= ra.findings and counted_a["closed"] >= ra.closed


def test_city_layout_from_the_threshold():
    units, equipment = demo._city_registry(random.Random(1), 3000, 1000, TODAY)
    assert len(units) == 1000 and len(equipment) == 3000
    assert len({u["uscc"] for u in units}) == 1000
    assert len({u["district"] for u in units}) == 20
    assert {e["unit_id"] for e in equipment} == {u["id"] for u in units}


def test_history_needs_a_registry(sqlite_db, blobs):
    from inspector_app.core.errors import UserError

    with pytest.raises(UserError):
        demo_history.generate_history(sqlite_db, blobs, inspections=5, today=TODAY)
