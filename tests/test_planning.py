"""Annual plans, campaigns, tasks and coverage through the core, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from openpyxl import load_workbook
from planning_support import conclude_from_task, make_city
from pypdf import PdfReader
from sqlalchemy import func, select

from inspector_app.core import campaigns, coverage, plan_documents, plans, tasks, unit_events
from inspector_app.core import inspections as insp
from inspector_app.core.errors import UserError
from inspector_app.core.records import ensure_record_number, record_doc
from inspector_app.rules import draw as rules
from inspector_app.rules.enums import InspectionType
from inspector_app.store.blobs import store_blob
from inspector_app.store.models import AuditLog, Inspection, Plan, Task, Unit

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def city(db):
    return make_city(db)


def draw(db, blobs, city, **kw) -> Plan:
    with db.write() as s:
        kw.setdefault("seed", "2026年1月15日 抽签 8 3 1")
        return plans.draw_plan(
            s, blobs, year=2026, officer_id=city["supervisor"],
            ratios={rules.KEY: 5000, rules.GENERAL: 2500}, **kw,
        )  # fmt: skip


def test_draw_makes_tasks_and_verifies_then_names_a_changed_pool(db, blobs, city, tmp_path):
    plan = draw(db, blobs, city)
    with db.read() as s:
        assert plan.pool_units == len(city["units"]) and plan.pool_officers == 4
        n_tasks = s.scalar(select(func.count(Task.id)).where(Task.plan_id == plan.id))
        assert n_tasks == plan.drawn > 0
        # schools and malls are 重点 (crowded places) and drawn at 50 %, the rest at 25 %
        strata = dict(s.execute(select(Task.stratum, func.count()).group_by(Task.stratum)).all())
        assert strata == {rules.KEY: 9, rules.GENERAL: 5}
        report = plans.verify_plan(s, blobs, plan_id=plan.id, against_registry=True)
        assert report.ok, report.problems
        assert report.result_sha256 == plan.result_sha256
        pool = plans.read_blob(s, blobs, plan.pool_sha256, "pool")
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "plan_drawn")).one()
        assert (
            audit.details["seed"] == plan.seed and audit.details["pool_sha256"] == plan.pool_sha256
        )
    # a pool with one unit less: verify fails and says which
    lines = pool.decode("utf-8").splitlines(keepends=True)
    gone = lines[1].split(",")[2]
    changed = "".join(lines[:1] + lines[2:]).encode("utf-8")
    with db.read() as s:
        report = plans.verify_plan(s, blobs, plan_id=plan.id, pool_file=changed)
    assert not report.ok
    assert any(f"unit {gone} " in p and "is missing" in p for p in report.problems), report.problems
    # the registry changed since the draw: a new unit in the pool
    with db.write() as s:
        unit = s.get(Unit, city["units"][0]["id"])
        s.add(Unit(name="新登记单位", uscc=unit.uscc, district="芗城区", venue_type="school"))
        s.flush()
        new = s.scalars(select(Unit).where(Unit.name == "新登记单位")).one()
        from inspector_app.store.models import Equipment

        s.add(Equipment(unit_id=new.id, kind="elevator", category_code="3110",
                        registration_code="31103506022020099999", status="in_use"))  # fmt: skip
    with db.read() as s:
        report = plans.verify_plan(s, blobs, plan_id=plan.id, against_registry=True)
        assert not report.ok and any("新登记单位" in p and "added" in p for p in report.problems)
        # the stored pool itself still verifies
        assert plans.verify_plan(s, blobs, plan_id=plan.id).ok
        # the printed hash is checked too
        bad = plans.verify_plan(s, blobs, plan_id=plan.id, expected_hash="0" * 64)
        assert not bad.ok and "announced" in bad.problems[0]


def test_same_seed_and_pool_give_the_same_plan_on_another_database(db, blobs, city, tmp_path):
    from inspector_app.store.db import open_database

    plan = draw(db, blobs, city)
    with db.read() as s:
        pool = plans.read_blob(s, blobs, plan.pool_sha256, "pool")
        result = plans.read_blob(s, blobs, plan.result_sha256, "result")
    again = rules.draw(rules.Pool.from_csv(pool), seed=plan.seed, ratios=plan.ratios)
    assert again.to_csv() == result
    other = open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        from inspector_app.store.blobs import BlobStore

        other_blobs = BlobStore(tmp_path / "other-blobs")
        with other.write() as s:
            sha = store_blob(s, other_blobs, pool, media_type="text/csv")
        assert sha == plan.pool_sha256
    finally:
        other.dispose()


def test_article_17_units_with_a_post_licence_inspection_this_year_are_left_out(db, blobs, city):
    unit = city["units"][1]
    eq = next(e for e in city["equipment"] if e["unit_id"] == unit["id"])
    lead, second = city["officers"]["35061001"], city["officers"]["35061002"]
    with db.write() as s:
        for when in (dt.datetime(2025, 12, 30, 3, tzinfo=dt.UTC),  # last year: still drawn
                     dt.datetime(2026, 1, 5, 3, tzinfo=dt.UTC)):  # fmt: skip
            insp.start_inspection(
                s, unit_id=unit["id"] if when.year == 2026 else city["units"][5]["id"],
                equipment_ids=[eq["id"]] if when.year == 2026 else [
                    e["id"] for e in city["equipment"] if e["unit_id"] == city["units"][5]["id"]],
                lead_officer_id=lead, second_officer_id=second, started_at=when,
                inspection_type=InspectionType.POST_LICENCE,
            )  # fmt: skip
    with db.read() as s:
        built = plans.build_pool(s, year=2026, on=dt.date(2026, 1, 15))
    ids = {u.id for u in built.pool.units}
    assert unit["id"] not in ids and built.excluded == [(unit["id"], unit["name"])]
    assert city["units"][5]["id"] in ids
    plan = draw(db, blobs, city)
    assert plan.excluded_units == 1
    with db.read() as s:
        assert unit["id"] not in set(s.scalars(select(Task.unit_id)))


def test_recusals_districts_and_priority_records_reach_the_draw(db, blobs, city):
    units = city["units"]
    zhang, li = city["officers"]["35061001"], city["officers"]["35061002"]
    sup = city["supervisor"]
    residential = [u for u in units if u["venue_type"] == "residential"]
    with db.write() as s:
        unit_events.add_event(s, unit_id=residential[0]["id"], kind="accident",
                              occurred_on=dt.date(2025, 4, 1), source="事故调查报告〔2025〕3号",
                              officer_id=sup, today=TODAY)  # fmt: skip
        for day in (dt.date(2025, 9, 1), dt.date(2025, 11, 3)):
            unit_events.add_event(s, unit_id=residential[1]["id"], kind="complaint",
                                  occurred_on=day, source="12345工单", officer_id=sup,
                                  today=TODAY)  # fmt: skip
        unit_events.add_event(s, unit_id=residential[2]["id"], kind="complaint",
                              occurred_on=dt.date(2025, 9, 1), source="来信", confirmed=False,
                              officer_id=sup, today=TODAY)  # fmt: skip
        for u in units:
            if u["district"] == "龙文区":
                unit_events.add_recusal(s, officer_id=zhang, unit_id=u["id"], reason="亲属",
                                        by=sup)  # fmt: skip
        with pytest.raises(UserError, match="supervisor"):
            unit_events.add_event(s, unit_id=units[0]["id"], kind="accident",
                                  occurred_on=TODAY, source="x", officer_id=zhang, today=TODAY)  # fmt: skip
    with db.read() as s:
        built = plans.build_pool(s, year=2026, on=dt.date(2026, 1, 15))
    by_id = {u.id: u for u in built.pool.units}
    assert by_id[residential[0]["id"]].stratum == rules.KEY
    assert "2年内发生事故（2025-04-01）" in by_id[residential[0]["id"]].reasons
    assert by_id[residential[1]["id"]].reasons == "投诉举报查实2次"
    assert by_id[residential[2]["id"]].stratum == rules.GENERAL  # not confirmed
    assert len(built.pool.recusals) == sum(u["district"] == "龙文区" for u in units)
    plan = draw(db, blobs, city)
    allowed = {"芗城区": {zhang, li}, "龙文区": {li, city["officers"]["35061003"]},
               "龙海区": {city["officers"]["35061003"], city["officers"]["35061004"]}}  # fmt: skip
    seen = set()
    with db.read() as s:
        for t in s.scalars(select(Task).where(Task.plan_id == plan.id)):
            district = s.get(Unit, t.unit_id).district
            pair = {t.lead_officer_id, t.second_officer_id}
            assert pair <= allowed[district] | ({zhang} if district != "龙文区" else set())
            assert len(pair) == 2
            seen.add(district)
    assert seen == set(allowed)


def test_too_few_officers_is_refused_with_the_unit(db, blobs, city):
    zhang = city["officers"]["35061001"]
    with db.write() as s:
        for u in city["units"]:
            if u["district"] == "芗城区":
                unit_events.add_recusal(s, officer_id=zhang, unit_id=u["id"], reason="亲属",
                                        by=city["supervisor"])  # fmt: skip
    with pytest.raises(UserError, match="Art 19 needs two officers.*芗城区"):
        draw(db, blobs, city)


def test_one_plan_a_year_until_cancelled(db, blobs, city):
    plan = draw(db, blobs, city)
    with pytest.raises(UserError, match="already has plan"):
        draw(db, blobs, city, seed="another")
    with db.write() as s:
        plans.cancel_plan(s, plan_id=plan.id[:10], officer_id=city["supervisor"], reason="重新抽取")
    second = draw(db, blobs, city, seed="another")
    with db.read() as s:
        open_tasks = s.scalar(select(func.count(Task.id)).where(Task.status == "open"))
        assert open_tasks == second.drawn
        assert plans.verify_plan(s, blobs, plan_id=plan.id).ok  # a cancelled plan still verifies


def test_tasks_start_link_and_finish_inspections_and_coverage_counts_them(db, blobs, city):
    plan = draw(db, blobs, city)
    zhang = city["officers"]["35061001"]
    with db.read() as s:
        mine = tasks.my_tasks(s, officer_id=zhang, today=TODAY)
        assert mine and all(t.state == "open" for t in mine)
        assert tasks.count_my_tasks(s, officer_id=zhang, today=TODAY) == (len(mine), 0, 0)
        late = tasks.count_my_tasks(s, officer_id=zhang, today=dt.date(2026, 12, 16))
        assert late == (len(mine), len(mine), 0)
    task = mine[0]
    with db.read() as s:
        row = s.get(Task, task.id)
        partner = row.second_officer_id if row.lead_officer_id == zhang else row.lead_officer_id
    inspection_id = conclude_from_task(db, blobs, task_id=task.id, lead=zhang, second=partner)
    with db.write() as s:
        inspection = s.get(Inspection, inspection_id)
        assert inspection.task_id == task.id
        assert inspection.inspection_type == InspectionType.ROUTINE.value
        assert "2026年度特种设备安全监督检查计划" in inspection.task_source
    with db.read() as s:
        done = tasks.my_tasks(s, officer_id=zhang, today=TODAY, show="done")
        assert [t.id for t in done] == [task.id] and done[0].inspection_id == inspection_id
        assert tasks.count_my_tasks(s, officer_id=zhang, today=TODAY)[2] == 1
        cov = coverage.coverage(s, plan_id=plan.id)
        assert cov.total.tasks == plan.drawn and cov.total.tasks_done == 1
        assert cov.total.inspected >= 1 and cov.total.hazards == 1 and cov.total.with_hazards == 1
        cell = next(r for r in cov.rows if r.inspected)
        drill = tasks.task_list(s, today=TODAY, plan_id=plan.id, district=cell.district,
                                venue_type=cell.venue_type, kind=cell.kind)  # fmt: skip
        assert task.id in [t.id for t in drill] and all(t.district == cell.district for t in drill)
        assert next(t for t in drill if t.id == task.id).state == "done"
        rows = plan_documents.publication_rows(s, plan_id=plan.id)
        assert len(rows) == plan.drawn
        assert next(r for r in rows if r.unit == task.unit_name).result.startswith("发现一般隐患")


def test_campaign_task_is_special_and_prints_the_campaign(db, blobs, city):
    sup, zhang = city["supervisor"], city["officers"]["35061001"]
    with db.write() as s:
        c = campaigns.create_campaign(
            s, name="2026年“五一”节前人员密集场所特种设备安全专项检查", doc_no="漳市监特〔2026〕12号",
            owner_id=sup, starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2026, 4, 30),
            kinds=["elevator", "escalator"], venue_types=["school", "mall"],
            districts=["芗城区", "龙文区"], targets=dict([campaigns.parse_target("*/mall/*=50")]),
        )  # fmt: skip
        made = campaigns.generate_tasks(s, blobs, campaign_id=c.id, seed="五一", officer_id=sup)
        with pytest.raises(UserError, match="has tasks already"):
            campaigns.generate_tasks(s, blobs, campaign_id=c.id, seed="again", officer_id=sup)
    with db.read() as s:
        scope = campaigns.scope_units(s, c)
        schools = [u for u in scope if u.venue_type == "school"]
        malls = [u for u in scope if u.venue_type == "mall"]
        assert made == len(schools) + sum(-(-n * 50 // 100) for n in (
            sum(1 for u in malls if u.district == d) for d in ("芗城区", "龙文区")))  # fmt: skip
        task = next(t for t in s.scalars(select(Task).where(Task.campaign_id == c.id)))
        pair = (task.lead_officer_id, task.second_officer_id)
        cov = coverage.coverage(s, campaign_id=c.id)
        assert cov.total.registered > cov.total.planned > 0
        assert {r.target for r in cov.rows if r.venue_type == "mall"} == {5000}
        assert {r.target for r in cov.rows if r.venue_type == "school"} == {10000}
    lead = pair[0] if zhang not in pair else zhang
    second = pair[1] if lead == pair[0] else pair[0]
    inspection_id = conclude_from_task(db, blobs, task_id=task.id, lead=lead, second=second,
                                       fail=False)  # fmt: skip
    with db.write() as s:
        inspection = s.get(Inspection, inspection_id)
        assert inspection.inspection_type == InspectionType.SPECIAL.value
        assert inspection.task_source == f"{c.name}（漳市监特〔2026〕12号）"
    from inspector_app.core.settings import set_setting

    with db.write() as s:
        set_setting(s, "directive_segment", "07")
        ensure_record_number(s, inspection_id=inspection_id)
        doc = record_doc(s, blobs, inspection=s.get(Inspection, inspection_id))
    assert doc.inspection_type == "专项" and doc.task_source == inspection.task_source
    other = next(u["id"] for u in city["units"] if u["id"] != task.unit_id)
    with pytest.raises(UserError, match="another unit"), db.write() as s:
        insp.start_inspection(s, unit_id=other, equipment_ids=["x"], lead_officer_id=lead,
                              task_id=task.id)  # fmt: skip


def test_reassignment_is_audited_and_needs_two_inspectors(db, blobs, city):
    draw(db, blobs, city)
    o = city["officers"]
    with db.read() as s:
        task = s.scalars(
            select(Task).where(Task.status == "open", Task.lead_officer_id != o["35061003"],
                               Task.second_officer_id != o["35061003"])
        ).first()  # fmt: skip
    with db.write() as s:
        with pytest.raises(UserError, match="two different"):
            tasks.reassign_task(s, task_id=task.id, lead_officer_id=o["35061003"],
                                second_officer_id=o["35061003"], officer_id=city["supervisor"],
                                reason="休假")  # fmt: skip
        with pytest.raises(UserError, match="not an inspector"):
            tasks.reassign_task(s, task_id=task.id, lead_officer_id=o["35061003"],
                                second_officer_id=city["supervisor"],
                                officer_id=city["supervisor"], reason="休假")  # fmt: skip
        tasks.reassign_task(s, task_id=task.id, lead_officer_id=o["35061003"],
                            second_officer_id=o["35061004"], officer_id=city["supervisor"],
                            reason="张伟休假")  # fmt: skip
    with db.read() as s:
        row = s.get(Task, task.id)
        assert (row.lead_officer_id, row.second_officer_id) == (o["35061003"], o["35061004"])
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "task_reassigned")).one()
        assert audit.reason == "张伟休假" and audit.details["before"] == [
            task.lead_officer_id, task.second_officer_id]  # fmt: skip
        # verify still passes and notes the reassignment
        plan = s.scalars(select(Plan)).one()
        report = plans.verify_plan(s, blobs, plan_id=plan.id)
        assert report.ok and any("reassigned" in n for n in report.notes)


def test_draw_record_pdf_and_publication_files(db, blobs, city, tmp_path):
    plan = draw(db, blobs, city)
    with db.read() as s:
        pdf = plan_documents.draw_record_pdf(s, blobs, plan_id=plan.id)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert "双随机、一公开" in text and plan.seed.replace(" ", "") in compact
    assert plan.pool_sha256 in compact and plan.result_sha256 in compact
    assert f"使用单位{plan.pool_units}家" in compact
    (tmp_path / "r.pdf").write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True)
    lines = [x for x in fonts.stdout.splitlines()[2:] if x.strip()]
    assert lines and all(" yes yes " in x for x in lines), fonts.stdout
    # dates without leading zeros (GB/T 9704)
    assert "年0" not in compact and "月0" not in compact
    with db.write() as s:
        n = plan_documents.publish(s, plan_id=plan.id, path=tmp_path / "pub.xlsx",
                                   officer_id=city["supervisor"])  # fmt: skip
        plan_documents.publish(s, plan_id=plan.id, path=tmp_path / "pub.csv",
                               officer_id=city["supervisor"])  # fmt: skip
        with pytest.raises(UserError, match="xlsx or .csv"):
            plan_documents.publish(s, plan_id=plan.id, path=tmp_path / "pub.pdf",
                                   officer_id=city["supervisor"])  # fmt: skip
    assert n == plan.drawn
    sheet = load_workbook(tmp_path / "pub.xlsx").active
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["序号", "被检查单位", "统一社会信用代码"]
    assert sheet.max_row == 4 + plan.drawn
    csv_text = (tmp_path / "pub.csv").read_bytes().decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("序号,被检查单位") and "尚未检查" in csv_text
    with db.read() as s:
        assert s.get(Plan, plan.id).status == "published"


def test_credit_grades_weigh_the_draw_of_units_that_are_not_key(db, blobs, city):
    """Seed §(八): a unit graded C or D is drawn more often, A less (policy/credit.yaml)."""
    from inspector_app.store.models import CreditGrade

    plain = [u for u in city["units"] if u["venue_type"] == "residential"]
    graded = {plain[0]["id"]: "D", plain[1]["id"]: "C", plain[2]["id"]: "A", plain[3]["id"]: "B"}
    with db.write() as s:
        for unit_id, grade in graded.items():
            s.add(CreditGrade(unit_id=unit_id, uscc=s.get(Unit, unit_id).uscc, grade=grade,
                              score=50, reasons=[], inputs={}, rules_version="t",
                              rules_hash="0" * 64))  # fmt: skip
    with db.read() as s:
        built = plans.build_pool(s, year=2026, on=dt.date(2026, 1, 15))
        ratios = plans.default_ratios(s)
    by_id = {u.id: u for u in built.pool.units}
    assert by_id[plain[0]["id"]].stratum == "general-D"
    assert by_id[plain[0]["id"]].reasons == "一般单位（信用D级）"
    assert by_id[plain[1]["id"]].stratum == "general-C"
    assert by_id[plain[2]["id"]].stratum == "general-A"
    assert by_id[plain[3]["id"]].stratum == rules.GENERAL  # weight 1: the general stratum
    general = ratios[rules.GENERAL]
    assert ratios["general-D"] == 3 * general and ratios["general-C"] == 2 * general
    assert ratios["general-A"] == general // 2
    with db.write() as s:
        plan = plans.draw_plan(
            s, blobs, year=2026, officer_id=city["supervisor"], seed="2026年1月15日 抽签 8 3 1",
            ratios={rules.KEY: 5000, rules.GENERAL: 0, "general-A": 0, "general-C": 0,
                    "general-D": 10000},
        )  # fmt: skip
    with db.read() as s:
        drawn = set(s.scalars(select(Task.unit_id).where(Task.plan_id == plan.id)))
        pdf = plan_documents.draw_record_pdf(s, blobs, plan_id=plan.id)
        check = plans.verify_plan(s, blobs, plan_id=plan.id, against_registry=True)
    assert plain[0]["id"] in drawn and not {plain[1]["id"], plain[2]["id"], plain[3]["id"]} & drawn
    assert check.ok, check.problems
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    assert "一般单位（信用D级）" in text.replace("\n", "")


@pytest.mark.parametrize("field", ["name", "doc_no", "legal_basis", "notes"])
def test_campaign_text_with_a_control_character_is_refused(db, city, field):
    """A NUL or other control character pasted into a campaign's text is refused with the
    field named, on both databases (PostgreSQL would raise on the NUL), nothing written."""
    values = {"name": "校园专项", "doc_no": "漳市监特〔2026〕12号", "legal_basis": "第十条",
              "notes": "第一行\n第二行"}  # fmt: skip
    values[field] += "\x00"
    with pytest.raises(UserError, match="control character") as refused, db.write() as s:
        campaigns.create_campaign(s, owner_id=city["supervisor"], starts_on=dt.date(2026, 4, 1),
                                  ends_on=dt.date(2026, 4, 30), **values)  # fmt: skip
    assert refused.value.field == field
    with db.read() as s:
        assert campaigns.campaigns(s) == []
