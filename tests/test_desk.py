"""The supervisor's desk against a hand-counted office (tests/desk_fixture.py), on both
databases: the board's numbers, cases step by step (audited, change-logged), grades,
the 失信 list (never without a confirmation), statistics and the workbook read back
with openpyxl, and the PDFs read back with a PDF reader."""

from __future__ import annotations

import datetime as dt
import io

import desk_fixture
import openpyxl
import pytest
from argon2 import PasswordHasher
from desk_fixture import TODAY
from pypdf import PdfReader
from sqlalchemy import func, select, text

from inspector_app.core import (
    blacklist,
    board,
    campaigns,
    case_documents,
    cases,
    clock,
    credit,
    officers,
    seizures,
    stats,
    stats_export,
    tasks,
)
from inspector_app.core.errors import UserError
from inspector_app.rules.enums import OfficerRole
from inspector_app.store.models import (
    AuditLog,
    CaseEvent,
    ChangeLog,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Officer,
    SupervisionCase,
    Unit,
)


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch):
    monkeypatch.setattr(officers, "_hasher", PasswordHasher(time_cost=1, memory_cost=64))


@pytest.fixture
def office(db, blobs):
    ids = desk_fixture.build(db, blobs)
    return db, blobs, ids


def _filter(db, **kw) -> board.DeskFilter:
    with db.read() as s:
        return board.DeskFilter(zone=clock.office_zone(s), **kw)


def _open_case_and_seal(db, ids):
    with db.write() as s:
        [p] = [x for x in cases.proposals(s, today=TODAY) if x.proposal.unit_id == ids["U1"]]
        case = cases.open_case(
            s, unit_id=ids["U1"], finding_ids=list(p.proposal.finding_ids),
            basis=p.proposal.basis, directive_id=p.proposal.directive_id,
            deadline=dt.date(2026, 9, 30), leader="陈副局长", officer_id=ids["boss"],
            today=TODAY,
        )  # fmt: skip
        seizures.record_seizure(s, equipment_id=ids["E1"], kind="seal", on=TODAY,
                                officer_id=ids["boss"], document_no="漳市监特封〔2026〕1号",
                                reason="重大事故隐患逾期未整改，仍在使用")  # fmt: skip
        return case.id


# ---------------------------------------------------------------------------- the board
def test_board_counts_the_office_by_hand(office):
    db, _blobs, ids = office
    everything = {"stop_use": 2, "serious_open": 2, "directives_overdue": 2,
                  "reinspections_due": 1, "reinspections_overdue": 0, "not_corrected": 2,
                  "refusals": 1, "cases_open": 0, "seizures": 0}  # fmt: skip
    with db.read() as s:
        assert board.counts(s, _filter(db), today=TODAY) == everything
    _open_case_and_seal(db, ids)
    with db.read() as s:
        assert board.counts(s, _filter(db), today=TODAY) == {
            **everything, "cases_open": 1, "seizures": 1}  # fmt: skip
        assert board.counts(s, _filter(db, district="龙文区"), today=TODAY) == {
            "stop_use": 1, "serious_open": 1, "directives_overdue": 1, "reinspections_due": 0,
            "reinspections_overdue": 0, "not_corrected": 2, "refusals": 0, "cases_open": 0,
            "seizures": 0}  # fmt: skip
        elevators = board.counts(s, _filter(db, kind="elevator"), today=TODAY)
        assert (elevators["stop_use"], elevators["reinspections_due"], elevators["refusals"]) == (
            2, 0, 0)  # fmt: skip
        special = board.counts(s, _filter(db, task_source="两节"), today=TODAY)
        assert (special["refusals"], special["reinspections_due"], special["serious_open"]) == (
            1, 1, 0)  # fmt: skip
        # The re-inspection is due ten working days after the report (06-08): not yet late.
        assert board.counts(s, _filter(db), today=dt.date(2026, 7, 1))["reinspections_overdue"] == 1
        boilers_2026 = board.counts(s, _filter(db, kind="boiler", date_from=dt.date(2026, 1, 1),
                                               date_to=TODAY), today=TODAY)  # fmt: skip
        assert set(boilers_2026.values()) == {0}


def test_drill_down_lists_what_each_count_counts(office):
    db, _blobs, ids = office
    _open_case_and_seal(db, ids)
    f = _filter(db)
    with db.read() as s:
        numbers = board.counts(s, f, today=TODAY)
        for key in board.TILES:
            rows = board.drill(s, key, f, today=TODAY, limit=100)
            distinct = {r.what for r in rows} if key in ("stop_use", "seizures") else rows
            assert len(distinct) == numbers[key], key
        serious = board.drill(s, "serious_open", f, today=TODAY)
        assert [r.due for r in serious] == [dt.date(2026, 2, 14), dt.date(2026, 4, 9)]
        assert all(r.overdue for r in serious) and serious[0].unit_name == "龙文区碧湖花园"
        [due] = board.drill(s, "reinspections_due", f, today=TODAY)
        assert "2026-06-08收到整改报告" in due.detail and due.due > TODAY
        with pytest.raises(UserError):
            board.drill(s, "nonsense", f, today=TODAY)


def test_trend_and_breakdown(office):
    db, _blobs, _ids = office
    f = _filter(db, date_from=dt.date(2026, 1, 1), date_to=TODAY)
    with db.read() as s:
        months = {m.month: m for m in board.monthly_trend(s, f, today=TODAY)}
        assert list(months) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
        got = {k: (m.inspections, m.serious, m.general, m.closed) for k, m in months.items()}
        assert got == {"2026-01": (1, 1, 1, 0), "2026-02": (0, 0, 0, 0), "2026-03": (1, 1, 1, 1),
                       "2026-04": (1, 0, 0, 0), "2026-05": (0, 0, 0, 0),
                       "2026-06": (1, 0, 1, 0)}  # fmt: skip
        pivot = board.breakdown(s, _filter(db), rows="district", columns="kind", measure="serious")
        assert pivot.cells == {("芗城区", "elevator"): 1, ("芗城区", "boiler"): 1,
                               ("龙文区", "elevator"): 1}  # fmt: skip
        visits = board.breakdown(s, f, rows="venue_type", columns="kind", measure="inspections")
        assert visits.cells == {("school", "elevator"): 1, ("mall", "escalator"): 1,
                                ("residential", "elevator"): 2}  # fmt: skip


def test_campaign_filter_counts_the_inspections_of_its_tasks(office):
    """A campaign record selects the inspections started from its tasks, whatever their
    任务来源 says; the board, the drill-down and cases through their inspection agree."""
    db, _b, ids = office
    with db.write() as s:
        c = campaigns.create_campaign(
            s, name="电梯专项", doc_no="漳市监特〔2026〕12号", owner_id=ids["boss"],
            starts_on=dt.date(2026, 6, 1), ends_on=dt.date(2026, 6, 30),
        )  # fmt: skip
        pair = sorted(
            s.scalars(select(Officer.id).where(Officer.role == OfficerRole.INSPECTOR.value))
        )[:2]
        task = tasks.add_task(s, unit_id=ids["U2"], lead_officer_id=pair[0],
                              second_officer_id=pair[1], due_on=dt.date(2026, 6, 30),
                              officer_id=ids["boss"], campaign_id=c.id)  # fmt: skip
        refused = s.scalars(select(Inspection).where(Inspection.unit_id == ids["U2"])).one()
        refused.task_id = task.id  # started from the task (the fixture's history predates it)
        campaign_id, refused_id = c.id, refused.id
    with db.read() as s:
        counted = board.counts(s, _filter(db, campaign_id=campaign_id), today=TODAY)
        assert counted["refusals"] == 1 and counted["stop_use"] == 0
        rows = board.drill(s, "refusals", _filter(db, campaign_id=campaign_id), today=TODAY)
        assert [r.inspection_id for r in rows] == [refused_id]
        assert board.counts(s, _filter(db, campaign_id="no-such-campaign"), today=TODAY) == {
            k: 0 for k in counted
        }
        assert board.campaign_choices(s) == [(campaign_id, "电梯专项（漳市监特〔2026〕12号）")]


# ---------------------------------------------------------------------------- cases
def test_case_steps_are_audited_and_change_logged(office):
    db, blobs, ids = office
    with db.read() as s:
        proposed = cases.proposals(s, today=TODAY)
    assert sorted(p.proposal.basis for p in proposed) == ["not_corrected", "serious_overdue"]
    inspector = None
    with db.read() as s:
        inspector = s.scalar(select(Officer.id).where(Officer.role == "inspector"))
    p = next(x for x in proposed if x.proposal.unit_id == ids["U1"])
    with db.write() as s, pytest.raises(UserError, match="supervisor"):
        cases.open_case(s, unit_id=ids["U1"], finding_ids=list(p.proposal.finding_ids),
                        basis=p.proposal.basis, directive_id=p.proposal.directive_id,
                        deadline=dt.date(2026, 9, 30), leader="陈副局长", officer_id=inspector,
                        today=TODAY)  # fmt: skip
    with db.write() as s, pytest.raises(UserError, match="deadline"):
        cases.open_case(s, unit_id=ids["U1"], finding_ids=list(p.proposal.finding_ids),
                        basis=p.proposal.basis, directive_id=p.proposal.directive_id,
                        deadline=dt.date(2027, 12, 31), leader="陈副局长",
                        officer_id=ids["boss"], today=TODAY)  # fmt: skip
    case_id = _open_case_and_seal(db, ids)
    with db.read() as s:
        assert len(cases.proposals(s, today=TODAY)) == 1  # the case took its finding
        number = s.get(SupervisionCase, case_id).number
    assert number.startswith("漳市监特督〔2026〕第01")
    boss = ids["boss"]
    with db.write() as s:
        cases.record_step(
            s, case_id=case_id, kind="filed", on=dt.date(2026, 6, 16), officer_id=boss
        )
        cases.set_five(s, case_id=case_id, officer_id=boss, today=TODAY,
                       measures="更换层门门锁并全面检修安全回路", funds="8万元（已到位）",
                       responsible="总务处主任 林某", emergency_plan="停梯期间设专人值守")  # fmt: skip
    with db.write() as s, pytest.raises(UserError, match="20"):
        cases.request_extension(s, case_id=case_id, requested_on=dt.date(2026, 9, 20),
                                new_deadline=dt.date(2026, 11, 30), reason="配件订货周期长",
                                officer_id=boss)  # fmt: skip
    with db.write() as s:
        cases.request_extension(s, case_id=case_id, requested_on=dt.date(2026, 8, 10),
                                new_deadline=dt.date(2026, 11, 30), reason="配件订货周期长",
                                officer_id=boss)  # fmt: skip
        cases.decide_extension(s, case_id=case_id, granted=True, on=dt.date(2026, 8, 17),
                               officer_id=boss, note="同意")  # fmt: skip
    with db.write() as s, pytest.raises(UserError, match="evidence"):
        cases.accept_case(s, blobs, case_id=case_id, on=dt.date(2026, 11, 20), officer_id=boss,
                          note="验收合格", evidence=[])  # fmt: skip
    with db.write() as s, pytest.raises(UserError, match="not closed"):
        cases.accept_case(s, blobs, case_id=case_id, on=dt.date(2026, 11, 20), officer_id=boss,
                          note="验收合格", evidence=[("验收.pdf", b"%PDF-1.4 evidence")])  # fmt: skip
    with db.read() as s:
        view = cases.case_view(s, case_id)
        assert view.five_in_place and view.case.deadline == dt.date(2026, 11, 30)
        assert [e.kind for e in view.events] == [
            "listed",
            "five_set",
            "filed",
            "extension_requested",
            "extension_decided",
        ]
        filed = next(x for x in view.steps if x.kind == "filed")
        assert filed.due == dt.date(2026, 6, 18) and not filed.late(TODAY)
        audited = s.scalars(select(AuditLog.action).where(AuditLog.entity_id == case_id)).all()
        assert sorted(audited) == sorted(f"case_{e.kind}" for e in view.events)
        events = {e.id for e in s.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id))}
        logged = set(
            s.scalars(select(ChangeLog.row_id).where(ChangeLog.table_name == "case_events"))
        )
        assert events <= logged
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(
            ChangeLog.table_name == "supervision_cases", ChangeLog.row_id == case_id)) >= 3  # fmt: skip
    # The follow-up closes the hazard; then the case is accepted with its evidence.
    with db.write() as s:
        f = s.get(Finding, s.get(SupervisionCase, case_id).finding_ids[0])
        f.status, f.closed_at = "closed", dt.datetime(2026, 11, 18, 2, tzinfo=dt.UTC)
    with db.write() as s:
        cases.accept_case(s, blobs, case_id=case_id, on=dt.date(2026, 11, 20), officer_id=boss,
                          note="隐患已消除，验收合格", evidence=[("验收报告.pdf", b"%PDF-1.4 x")])  # fmt: skip
    with db.read() as s:
        view = cases.case_view(s, case_id)
        assert view.case.status == "accepted" and view.events[-1].files[0][1] == "验收报告.pdf"
        assert blobs.get(view.events[-1].files[0][2]) == b"%PDF-1.4 x"
    with db.write() as s, pytest.raises(UserError):
        cases.set_five(s, case_id=case_id, officer_id=boss, today=TODAY, measures="x",
                       funds="y", responsible="z", emergency_plan="w")  # fmt: skip


def test_escalation_documents_read_back(office):
    db, _blobs, ids = office
    case_id = _open_case_and_seal(db, ids)
    with db.write() as s:
        cases.refer_to_police(s, case_id=case_id, on=TODAY, officer_id=ids["boss"],
                              note="责令停止使用后，该单位仍继续使用存在重大事故隐患的电梯。",
                              offence="危险作业罪")  # fmt: skip
    texts = {}
    with db.read() as s:
        for kind in ("report", "notice", "police"):
            pdf = case_documents.escalation_pdf(s, case_id=case_id, kind=kind, dated=TODAY)
            reader = PdfReader(io.BytesIO(pdf))
            texts[kind] = "".join(p.extract_text() for p in reader.pages)
            last = reader.pages[-1].extract_text()  # the seal never alone on its page
            assert ("特此报告" if kind != "police" else "请你局") in last, last
            fonts = {str(f["/BaseFont"]) for p in reader.pages
                     for f in p["/Resources"]["/Font"].values()}  # fmt: skip
            assert any("WenQuanYi" in f for f in fonts), fonts
            again = case_documents.escalation_pdf(s, case_id=case_id, kind=kind, dated=TODAY)
            assert again == pdf  # deterministic
    assert "福建省市场监督管理局：" in texts["report"] and "第三十条" in texts["report"]
    # the case concerns a serious hazard only: the title says so (general ones: 事故隐患)
    assert "特种设备重大事故隐患挂牌督办情况的报告" in texts["report"].replace("\n", "")
    assert "漳州市人民政府：" in texts["notice"] and "第三十一条" in texts["notice"]
    assert "抄送" in texts["notice"]
    assert "漳州市公安局：" in texts["police"] and "危险作业罪" in texts["police"]
    assert "涉嫌犯罪案件移送书" in texts["police"]
    for t in texts.values():
        assert "2026年6月15日" in t and "2026年06" not in t  # dates without leading zeros
        assert "漳州市芗城区第一实验小学" in t


# ---------------------------------------------------------------------------- grades
def test_grades_follow_the_rule_and_the_changes(office):
    db, _blobs, ids = office
    with db.write() as s:
        report = credit.refresh_grades(s, today=TODAY)
    assert report.full and report.units == 3
    with db.read() as s:
        u3 = credit.grade_of(s, ids["U3"])
        assert (u3.grade, u3.score) == ("C", 71)
        assert u3.inputs["serious_not_corrected"] == 1 and u3.inputs["clean_inspections"] == 1
        assert u3.reasons[0].startswith("加2分") and any("复查仍未整改2项" in r for r in u3.reasons)
        u1 = credit.grade_of(s, ids["U1"])
        assert (u1.grade, u1.score, u1.inputs["overdue_rectifications"]) == ("B", 83, 1)
        u2 = credit.grade_of(s, ids["U2"])
        assert u2.inputs["refusals"] == 1 and (u2.grade, u2.score) == ("A", 91)
    _open_case_and_seal(db, ids)
    with db.write() as s:
        again = credit.refresh_grades(s, today=TODAY)
    assert not again.full and again.units == 1  # only the unit whose rows changed
    with db.read() as s:
        u1 = credit.grade_of(s, ids["U1"])
        assert (u1.grade, u1.score) == ("C", 68)  # a case and a seal: −15
        assert credit.sampling_weights(s, unit_ids=[ids["U1"], "unknown"]) == {
            ids["U1"]: 2.0, "unknown": 1.0}  # fmt: skip
    with db.write() as s:
        assert credit.refresh_grades(s, today=TODAY).units == 0  # nothing changed
        assert credit.refresh_grades(s, today=TODAY + dt.timedelta(days=1)).full  # a new day


def test_credit_file_is_keyed_by_the_credit_code(office):
    db, _blobs, ids = office
    with db.write() as s:
        credit.refresh_grades(s, today=TODAY)
    with db.read() as s:
        uscc = s.get(Unit,
                     ids["U1"]).uscc  # fmt: skip
        file = credit.credit_file(s, uscc=uscc)
        kinds = [line.kind for line in file.lines]
        assert kinds.count("检查") == 2 and kinds.count("隐患") == 3 and kinds.count("指令书") == 2
        assert file.grade is not None and file.grade.uscc == uscc
        with pytest.raises(UserError):
            credit.credit_file(s, uscc="91350600000000000X")


# ---------------------------------------------------------------------------- 失信名单
def test_nothing_reaches_the_list_without_a_confirmation(office):
    db, _blobs, ids = office
    with db.read() as s:
        found = blacklist.candidates(s, today=TODAY)
        u3_uscc = found[0].uscc
        inspector = s.scalar(select(Officer.id).where(Officer.role == "inspector"))
    assert [c.rule_id for c in found] == ["serious_not_corrected"] and not found[0].verified
    with db.read() as s:
        assert blacklist.count_entries(s, status=None) == 0  # proposing wrote nothing
    confirm = dict(uscc=u3_uscc, rule_id="serious_not_corrected", today=TODAY,
                   penalty_decision_no="漳市监处罚〔2026〕18号",
                   penalty_decided_on=dt.date(2026, 5, 28))  # fmt: skip
    for officer, reason in ((inspector, "拒不改正"), (ids["boss"], "  ")):
        with db.write() as s, pytest.raises(UserError):
            blacklist.confirm_listing(s, officer_id=officer, reason=reason, **confirm)
    with db.write() as s, pytest.raises(UserError, match="penalty"):
        blacklist.confirm_listing(s, officer_id=ids["boss"], reason="拒不改正",
                                  **{**confirm, "penalty_decision_no": ""})  # fmt: skip
    with db.write() as s, pytest.raises(UserError, match="candidate"):
        blacklist.confirm_listing(s, officer_id=ids["boss"], reason="拒不改正",
                                  **{**confirm, "rule_id": "police_referral"})  # fmt: skip
    # Not even a hand-written row gets past the database.
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text(
            "INSERT INTO blacklist_entries (id, origin_device, clock, created_at, updated_at, "
            "deleted, unit_id, uscc, unit_name, rule_id, basis, penalty_decision_no, "
            "penalty_decided_on, confirmed_by, confirmation_reason, listed_on, removal_due, "
            "status, removal_reason) VALUES ('x', '', 0, :t, :t, false, :u, :c, 'n', 'r', 'b', "
            "'p', :d, :o, '', :d, :d, 'listed', '')"),
            {"t": dt.datetime(2026, 6, 15), "u": ids["U3"], "c": u3_uscc, "d": TODAY,
             "o": ids["boss"]})  # fmt: skip
    with db.read() as s:
        assert blacklist.count_entries(s, status=None) == 0
    with db.write() as s:
        entry = blacklist.confirm_listing(s, officer_id=ids["boss"],
                                          reason="重大事故隐患经责令改正拒不改正，情节严重",
                                          **confirm)  # fmt: skip
        assert entry.removal_due == dt.date(2029, 6, 15)
    with db.read() as s:
        assert blacklist.candidates(s, today=TODAY) == []  # listed: no longer a candidate
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "blacklist_listed")).one()
        assert audit.officer_id == ids["boss"] and audit.reason.startswith("重大事故隐患")
        rows = blacklist.publication_rows(s)
        assert rows[0][1:3] == ["龙文区碧湖花园", u3_uscc] and "待核实" not in rows[0][3]
    with db.write() as s:
        credit.refresh_grades(s, today=TODAY)
    with db.read() as s:
        assert credit.grade_of(s, ids["U3"]).grade == "D"
    with db.write() as s:
        blacklist.remove_listing(s, entry_id=entry.id, officer_id=ids["boss"],
                                 reason="行政处罚决定被撤销", on=TODAY)  # fmt: skip
    with db.read() as s:
        assert blacklist.count_entries(s) == 0 and blacklist.count_entries(s, status=None) == 1


def test_publication_export(office, tmp_path):
    db, _blobs, ids = office
    with db.read() as s:
        c = blacklist.candidates(s, today=TODAY)[0]
    with db.write() as s:
        blacklist.confirm_listing(s, uscc=c.uscc, rule_id=c.rule_id, officer_id=ids["boss"],
                                  reason="情节严重", penalty_decision_no="漳市监处罚〔2026〕18号",
                                  penalty_decided_on=TODAY, today=TODAY)  # fmt: skip
    with db.read() as s:
        assert blacklist.export_publication(s, tmp_path / "list.xlsx") == 1
        assert blacklist.export_publication(s, tmp_path / "list.csv") == 1
        with pytest.raises(UserError):
            blacklist.export_publication(s, tmp_path / "list.pdf")
    sheet = openpyxl.load_workbook(tmp_path / "list.xlsx").active
    assert [c.value for c in sheet[2]][1:3] == ["龙文区碧湖花园", c.uscc]
    assert (
        (tmp_path / "list.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith("序号")
    )


# ---------------------------------------------------------------------------- statistics
def test_period_tables_by_hand(office):
    db, _blobs, ids = office
    _open_case_and_seal(db, ids)
    f = _filter(db, date_from=dt.date(2026, 1, 1), date_to=TODAY)
    with db.read() as s:
        by = {r.key: r for r in stats.period_table(s, f, ("district",))}
        x, l = by[("芗城区",)], by[("龙文区",)]  # noqa: E741
        assert {k: x.get(k) for k in stats.MEASURES if k != "rate"} == {
            "units": 2, "equipment": 2, "inspections": 2, "serious": 1, "serious_closed": 0,
            "general": 2, "general_closed": 1, "directives": 2, "seizures": 1, "refusals": 1,
            "cases": 1, "cases_accepted": 0}  # fmt: skip
        assert (l.get("inspections"), l.get("units"), l.get("serious"), l.get("general")) == (
            2, 1, 1, 1)  # fmt: skip
        assert x.rate == pytest.approx(1 / 3)
        [whole] = stats.period_table(s, f, ())
        assert whole.get("units") == 3 and whole.get("inspections") == 4
        hazards = dict(stats.hazard_table(s, f))
        assert hazards["芗城区"]["supervised"] == 1 and hazards["芗城区"]["serious_planned"] == 1
        assert hazards["龙文区"]["serious_rate"] == 0


def test_workbook_numbers_equal_the_database(office, tmp_path):
    db, _blobs, ids = office
    _open_case_and_seal(db, ids)
    f = _filter(db, date_from=dt.date(2026, 1, 1), date_to=TODAY)
    task = stats_export.ExportTask()
    seen = []
    task.on_progress = lambda t: seen.append(t.phase)
    report = stats_export.write_workbook(db, tmp_path / "q.xlsx", f=f, today=TODAY, task=task)
    assert {"tables", "findings", "items", "done"} <= set(seen)
    assert (tmp_path / "q.xlsx").stat().st_mode & 0o777 == 0o666 & ~stats_export._umask()
    book = openpyxl.load_workbook(tmp_path / "q.xlsx", read_only=True)
    rows = list(book["按区县"].iter_rows(min_row=4, values_only=True))
    with db.read() as s:
        expected = stats.period_table(s, f, ("district",))
        [whole] = stats.period_table(s, f, ())
        answers = s.scalar(
            select(func.count(ItemResult.id)).join(
                InspectionEquipment,
                text("inspection_equipment.id = item_results.inspection_equipment_id"))
            .join(Inspection, text("inspections.id = inspection_equipment.inspection_id"))
            .where(Inspection.concluded_at >= f.bounds()[0]))  # fmt: skip
        findings = s.scalar(select(func.count(Finding.id)).join(Inspection).where(
            Inspection.concluded_at >= f.bounds()[0]))  # fmt: skip
    measures = [k for k in stats.MEASURES]
    for row, exp in zip(rows, expected, strict=False):
        assert row[0] == exp.key[0]
        for value, key in zip(row[1:], measures, strict=True):
            if key == "rate":
                assert value == pytest.approx(exp.rate) if exp.rate is not None else value == "—"
            else:
                assert value == exp.get(key), (exp.key, key)
    total = rows[len(expected)]
    assert total[0] == "合计" and total[3] == whole.get("inspections")
    assert report.item_results == answers and report.findings == findings == 5
    items = book["检查结果明细"]
    assert items.max_row - 1 == answers
    fails = [r for r in items.iter_rows(min_row=2, values_only=True) if r[3] == "不符合"]
    assert len(fails) == 5 and {r[5] for r in fails} == {"一般隐患", "重大事故隐患"}
    assert book["检查记录"].max_row - 1 == 4
    assert "C02" in [r[2] for r in book["检查项目"].iter_rows(min_row=2, values_only=True)]


def test_export_cancelled_leaves_no_file(office, tmp_path):
    db, _blobs, _ids = office
    task = stats_export.ExportTask()

    def cancel_in_items(t):
        if t.phase == "items":
            t.cancel()

    task.on_progress = cancel_in_items
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(stats_export.ExportCancelled):
        stats_export.write_workbook(db, out / "q.xlsx", f=_filter(db), today=TODAY, task=task)
    assert list(out.iterdir()) == []


def test_leaders_summary_is_one_page(office):
    db, _blobs, _ids = office
    f = _filter(db, date_from=dt.date(2026, 1, 1), date_to=TODAY)
    with db.read() as s:
        pdf = stats.summary_pdf(s, f, today=TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    content = reader.pages[0].extract_text()
    assert "2026年1月1日至2026年6月15日" in content and "芗城区" in content
    assert "重大事故隐患未整改2项" in content
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all("WenQuanYi" in f for f in fonts), fonts  # the chart's too: embedded
