"""Issue 8 end to end on both databases: findings as facts, citations in their place,
directives per addressee, numbered records, older data still opening and printing."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from inspector_app.checklists import BLANK, Form
from inspector_app.core import demo, records
from inspector_app.core import directives as dirs
from inspector_app.core import inspections as insp
from inspector_app.core.clock import zone
from inspector_app.core.errors import UserError
from inspector_app.core.forms import pinned_form, register_form
from inspector_app.core.photos import add_photo
from inspector_app.core.settings import set_setting
from inspector_app.rules.enums import Conclusion, HazardClass, InspectionType, Outcome
from inspector_app.store.blobs import store_blob
from inspector_app.store.models import (
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
)

OLD_FORM = Path(__file__).parent / "data" / "elevator-form-2026.1.json"


def text_of(pdf: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def site(db, blobs):
    demo.generate(db, blobs, equipment=12, seed=5)
    with db.write() as s:
        officers = demo._officers(s)
        eq = s.scalars(
            select(Equipment)
            .where(Equipment.kind == "elevator", Equipment.maintenance_unit_id.is_not(None))
            .order_by(Equipment.id)
        ).first()
        return {"unit": eq.unit_id, "equipment": eq.id, "lead": officers[0].id,
                "second": officers[1].id, "mu": eq.maintenance_unit_id}  # fmt: skip


def start(db, site, **kw):
    with db.write() as s:
        inspection = insp.start_inspection(
            s, unit_id=site["unit"], equipment_ids=[site["equipment"]],
            lead_officer_id=site["lead"], second_officer_id=site["second"],
            representative_name="刘军", representative_position="安全管理员", **kw,
        )  # fmt: skip
        ie = s.scalars(
            select(InspectionEquipment).where(InspectionEquipment.inspection_id == inspection.id)
        ).one()
        items = [
            i
            for i in pinned_form(s, ie.form_version_id).items
            if i.applies_to(s.get(Equipment, site["equipment"]).attributes)
        ]
    return inspection.id, ie.id, items


def answer_all(db, site, ie_id, items, fail: dict):
    """Pass everything except ``fail``: item id -> outcome kwargs."""
    with db.write() as s:
        for item in items:
            kw = dict(inspection_equipment_id=ie_id, item_id=item.id, officer_id=site["lead"])
            if item.id in fail:
                insp.record_answer(s, **kw, **fail[item.id])
            elif item.measurement is not None:
                m = item.measurement
                insp.record_answer(s, value=m.min if m.min is not None else m.max, **kw)
            else:
                insp.record_answer(s, outcome=Outcome.PASS, **kw)


def sign_and_conclude(db, blobs, site, iid, *, refuse=False):
    with db.write() as s:
        roles = insp.SIGNATURE_ROLES if not refuse else insp.SIGNATURE_ROLES[:2]
        for role in roles:
            sha = store_blob(s, blobs, demo.signature_png(role, __import__("random").Random(1)),
                             media_type="image/png")  # fmt: skip
            insp.add_signature(s, inspection_id=iid, role=role, signer_name=role,
                               blob_sha256=sha)  # fmt: skip
        if refuse:
            insp.record_refusal(s, inspection_id=iid, note="拒绝签字，见证人：王某")
        photograph_failures(s, blobs, iid)
        return insp.conclude_inspection(s, inspection_id=iid, officer_id=site["lead"])


def photograph_failures(s, blobs, iid) -> None:
    """A photo for every failed item whose form asks for one (conclude refuses it without)."""
    for m in insp.missing_for_conclusion(s, inspection_id=iid):
        if m.kind == "photo":
            result = result_of(s, m.ie_id, m.item_id)
            finding = insp.findings_of(s, result.id)[0]
            add_photo(s, blobs, inspection_id=iid, data=demo.finding_photo_png(random.Random(2)),
                      finding_id=finding.id, item_result_id=result.id)  # fmt: skip


def result_of(s, ie_id, item_id) -> ItemResult:
    return s.scalars(
        select(ItemResult).where(
            ItemResult.inspection_equipment_id == ie_id, ItemResult.item_id == item_id
        )
    ).one()


def live_findings(s, result_id):
    return s.scalars(
        select(Finding).where(Finding.item_result_id == result_id, Finding.deleted.is_(False))
    ).all()


# ------------------------------------------------------------------ types


def test_inspection_type_and_task_source(db, site):
    with pytest.raises(UserError, match="task source"):
        start(db, site, inspection_type=InspectionType.SPECIAL)
    with pytest.raises(UserError, match="unknown inspection type"):
        start(db, site, inspection_type="full")
    iid, _, _ = start(db, site, inspection_type="other", task_source="  12345热线投诉  ")
    with db.read() as s:
        row = s.get(Inspection, iid)
        assert (row.inspection_type, row.task_source) == ("other", "12345热线投诉")
    routine, _, _ = start(db, site)  # routine needs no source
    with db.read() as s:
        assert s.get(Inspection, routine).inspection_type == "routine"


# ------------------------------------------------------------------ failures


def test_measured_reading_picks_the_failure_and_the_class(db, site):
    _, ie_id, items = start(db, site)
    rope = next(i for i in items if i.id == "E09")
    kw = dict(inspection_equipment_id=ie_id, item_id=rope.id, officer_id=site["lead"])
    with db.write() as s:
        answer = insp.record_answer(s, value=63, **kw)
        assert answer.hazard is HazardClass.SERIOUS  # LEGAL-REVIEW §10: not a general hazard
        (finding,) = live_findings(s, answer.id)
        assert finding.failure_id == "E09-2" and "63%" in finding.description
        assert "GB 45067-2024" in finding.judged_by and finding.penalty.endswith("第（二）项")
    with db.write() as s:
        answer = insp.record_answer(s, value=88, **kw)
        assert answer.hazard is HazardClass.GENERAL
        (finding,) = live_findings(s, answer.id)
        assert finding.failure_id == "E09-1" and "88%" in finding.description
        assert finding.judged_by == "" and "不小于90%" in finding.description


def test_choose_failures_own_fact_and_remove(db, site):
    _, ie_id, items = start(db, site)
    with db.write() as s:
        answer = insp.record_answer(s, inspection_equipment_id=ie_id, item_id="C02",
                                    officer_id=site["lead"], outcome=Outcome.FAIL)  # fmt: skip
        assert answer.hazard is HazardClass.SERIOUS
        with pytest.raises(UserError, match="at least one finding"):
            insp.choose_failures(s, item_result_id=answer.id, failure_ids=[])
        with pytest.raises(UserError, match="not one of item"):
            insp.choose_failures(s, item_result_id=answer.id, failure_ids=["E12-1"])
        chosen = insp.choose_failures(s, item_result_id=answer.id, failure_ids=["C02-3"])
        assert [f.failure_id for f in chosen] == ["C02-3"]
        assert s.get(ItemResult, answer.id).hazard == HazardClass.GENERAL
        sign = chosen[0]
        insp.update_finding(s, finding_id=sign.id, description="轿厢内未张贴定期检验合格标志。")
        own = insp.add_own_finding(s, item_result_id=answer.id, description="合格标志已过期未更换")
        assert own.failure_id is None and own.hazard == HazardClass.GENERAL
        assert own.provision == sign.provision
        # Back to the overdue failure: the sign's edit survives, the class follows.
        insp.choose_failures(s, item_result_id=answer.id, failure_ids=["C02-3", "C02-1"])
        assert s.get(ItemResult, answer.id).hazard == HazardClass.SERIOUS
        texts = {f.failure_id: f.description for f in live_findings(s, answer.id)}
        assert texts["C02-3"] == "轿厢内未张贴定期检验合格标志。" and None in texts
        insp.remove_finding(s, finding_id=own.id)
        insp.choose_failures(s, item_result_id=answer.id, failure_ids=["C02-1"])
        (last,) = live_findings(s, answer.id)
        with pytest.raises(UserError, match="at least one"):
            insp.remove_finding(s, finding_id=last.id)


def test_passing_again_tombstones_all_findings_and_failing_brings_them_back(db, site):
    _, ie_id, _ = start(db, site)
    kw = dict(inspection_equipment_id=ie_id, item_id="C09", officer_id=site["lead"])
    with db.write() as s:
        answer = insp.record_answer(s, outcome=Outcome.FAIL, **kw)
        insp.choose_failures(s, item_result_id=answer.id, failure_ids=["C09-1", "C09-2"])
        assert len(live_findings(s, answer.id)) == 2
        insp.record_answer(s, outcome=Outcome.PASS, **kw)
        assert live_findings(s, answer.id) == []
        insp.record_answer(s, outcome=Outcome.FAIL, **kw)
        assert {f.failure_id for f in live_findings(s, answer.id)} == {"C09-1", "C09-2"}


# ------------------------------------------------------------------ directives


def test_directive_prints_facts_and_refuses_unset_remedies_and_blanks(db, blobs, site):
    iid, ie_id, items = start(db, site, inspection_type="special", task_source="电梯专项检查")
    answer_all(db, site, ie_id, items, {
        "C02": {"outcome": Outcome.FAIL}, "C04": {"outcome": Outcome.FAIL},
        "E08": {"value": 45.0},
    })  # fmt: skip
    with db.write() as s:
        c04 = result_of(s, ie_id, "C04")
        insp.choose_failures(s, item_result_id=c04.id, failure_ids=["C04-2"])
    assert sign_and_conclude(db, blobs, site, iid) is Conclusion.STOP_USE
    with db.write() as s:
        set_setting(s, "review_body", "漳州市人民政府")
        set_setting(s, "court", "漳州市芗城区人民法院")
    with db.write() as s:  # an office that has not set the remedies bodies cannot issue
        from inspector_app.store.models import Setting

        s.delete(s.get(Setting, "court"))
    with pytest.raises(UserError, match="court"), db.write() as s:
        dirs.issue_directive(s, blobs, inspection_id=iid, officer_id=site["lead"])
    with pytest.raises(UserError, match="court must name the body"), db.write() as s:
        set_setting(s, "court", "芗城区")
    with db.write() as s:
        set_setting(s, "court", "漳州市芗城区人民法院")
    with pytest.raises(UserError, match="blanks"), db.write() as s:
        dirs.issue_directive(s, blobs, inspection_id=iid, officer_id=site["lead"])
    with db.write() as s:  # the inspection is locked: the blank is filled as an office would
        finding = live_findings(s, result_of(s, ie_id, "C04").id)[0]
        finding.description = finding.description.replace(BLANK, "电梯监督检验证明")
    with db.write() as s:
        directive = dirs.issue_directive(s, blobs, inspection_id=iid, officer_id=site["lead"])
        pdf = dirs.directive_pdf(s, blobs, directive_id=directive.id)
    text = text_of(pdf)
    assert "不符合要求" not in text
    assert "定期检验有效期至" in text and "超期未检验仍在使用" in text  # the fact, not the rule
    assert "违反了《中华人民共和国特种设备安全法》第四十条第三款的规定" in text
    assert "依据《特种设备重大事故隐患判定准则》（GB45067-2024）第4.1条，判定为重大事故隐患" in text
    assert "违反了《中华人民共和国特种设备安全法》第八十四条" not in text
    assert (
        "将依照《中华人民共和国特种设备安全法》第八十三条第（二）项、第八十四条第（一）项" in text
    )
    assert "向漳州市人民政府申请行政复议" in text and "向漳州市芗城区人民法院提起行政诉讼" in text
    assert "机房实测温度为45℃，不符合5℃～40℃的要求" in text
    assert "缺少电梯监督检验证明" in text
    stop = text[text.index("责令立即停止使用！") : text.index("二、于")]
    assert "须经特种设备检验机构检验合格后方可重新投入使用" in stop and "经复查确认" not in stop


def test_maintenance_duties_get_their_own_directive(db, blobs, site):
    iid, ie_id, items = start(db, site)
    answer_all(db, site, ie_id, items, {"E13": {"outcome": Outcome.FAIL},
                                        "C01": {"outcome": Outcome.FAIL}})  # fmt: skip
    sign_and_conclude(db, blobs, site, iid, refuse=True)
    with db.write() as s:
        pending = dirs.pending_addressees(s, iid)
        assert [a.kind for a in pending] == ["user", "maintenance"]
        user = dirs.issue_directive(s, blobs, inspection_id=iid, officer_id=site["lead"])
        mu = dirs.issue_directive(s, blobs, inspection_id=iid, officer_id=site["lead"])
        assert dirs.pending_addressees(s, iid) == []
        with pytest.raises(UserError, match="already issued"):
            dirs.issue_directive(s, blobs, inspection_id=iid, officer_id=site["lead"])
        assert (user.maintenance_unit_id, mu.maintenance_unit_id) == (None, site["mu"])
        assert user.number != mu.number
        user_text = text_of(dirs.directive_pdf(s, blobs, directive_id=user.id))
        mu_text = text_of(dirs.directive_pdf(s, blobs, directive_id=mu.id))
        corrected = dirs.issue_directive(
            s, blobs, inspection_id=iid, officer_id=site["lead"], supersedes_id=mu.id
        )
        assert corrected.maintenance_unit_id == site["mu"]
    assert "制动器" not in user_text and "未办理特种设备使用登记" in user_text
    assert "被检查单位负责人拒绝签收" in user_text
    assert "维护保养单位" in mu_text and "你（单位）作为维护保养单位" in mu_text
    assert "制动器制动衬有油污或者过度磨损" in mu_text and "未办理特种设备使用登记" not in mu_text
    assert "拒绝签收" not in mu_text and "维护保养单位签收人" in mu_text


def test_one_failure_on_two_machines_is_one_problem(db, blobs, site):
    with db.read() as s:
        pair = s.scalars(
            select(Equipment).where(Equipment.unit_id == site["unit"], Equipment.kind == "elevator")
        ).all()
    if len(pair) < 2:
        pytest.skip("the demo unit has a single elevator")
    with db.write() as s:
        iid = insp.start_inspection(
            s, unit_id=site["unit"], equipment_ids=[e.id for e in pair[:2]],
            lead_officer_id=site["lead"], second_officer_id=site["second"],
        ).id  # fmt: skip
    from inspector_app.core.inspection_view import load_rows

    with db.write() as s:
        for r in load_rows(s, iid):
            kw = dict(inspection_equipment_id=r.ie_id, item_id=r.item.id, officer_id=site["lead"])
            if r.item.id in ("C06", "C04"):
                insp.record_answer(s, outcome=Outcome.FAIL, **kw)
            elif r.item.measurement is not None:
                m = r.item.measurement
                insp.record_answer(s, value=m.min if m.min is not None else m.max, **kw)
            else:
                insp.record_answer(s, outcome=Outcome.PASS, **kw)
    sign_and_conclude(db, blobs, site, iid)
    with db.write() as s:
        doc = dirs.directive_doc(
            s, blobs, inspection=s.get(Inspection, iid), findings=dirs._open_findings(s, iid),
            number="测试", issued_on=dt.date(2026, 9, 21), supersedes_number=None,
            remedies=("漳州市人民政府", "漳州市芗城区人民法院"),
        )  # fmt: skip
    assert len(doc.problems) == 2  # C06 (the unit's) once, C04 once listing both lifts
    unit_problem = next(p for p in doc.problems if p.item_id == "C06")
    machine_problem = next(p for p in doc.problems if p.item_id == "C04")
    assert unit_problem.scope == "unit" and unit_problem.seq == 1
    assert len(machine_problem.equipment_codes) == 2


# ------------------------------------------------------------------ records


def test_record_numbers_share_the_segment_and_never_repeat(db, blobs, site):
    numbers = []
    for _ in range(2):
        iid, ie_id, items = start(db, site, inspection_type="special", task_source="专项检查")
        answer_all(db, site, ie_id, items, {})
        with db.write() as s:
            insp.set_unit_opinion(s, inspection_id=iid, opinion="无异议。")
        sign_and_conclude(db, blobs, site, iid)
        with db.read() as s:
            numbers.append(s.get(Inspection, iid).record_number)
            pdf = records.record_pdf(s, blobs, inspection_id=iid)
        text = text_of(pdf)
        assert numbers[-1] in text and "□常规■专项□证后□其他" in text
        assert "根据专项检查" in text and "被检查单位意见：无异议。" in text
        assert "检查内容：电梯（1台）：使用单位安全管理（通用）" in text
    year = dt.datetime.now(zone('Asia/Shanghai')).year
    pattern = rf"漳市监特记〔{year}〕第01(\d{{4}})号"
    serials = [int(re.fullmatch(pattern, n).group(1)) for n in numbers]
    assert serials[1] == serials[0] + 1


def test_record_of_a_device_without_segment_is_numbered_on_first_print(db, blobs, site):
    from inspector_app.store.models import Setting

    with db.write() as s:
        s.delete(s.get(Setting, "directive_segment"))
    iid, ie_id, items = start(db, site)
    answer_all(db, site, ie_id, items, {})
    sign_and_conclude(db, blobs, site, iid)
    with db.read() as s:
        assert s.get(Inspection, iid).record_number is None
    with pytest.raises(UserError, match="number segment"), db.write() as s:
        records.ensure_record_number(s, inspection_id=iid)
    with db.write() as s:
        set_setting(s, "directive_segment", "07")
        number = records.ensure_record_number(s, inspection_id=iid)
    assert "市监特记" in number and "第07" in number


def test_rectification_report_sets_the_reinspection_in_working_days(db, blobs, site):
    iid, ie_id, items = start(db, site)
    answer_all(db, site, ie_id, items, {"C01": {"outcome": Outcome.FAIL}})
    sign_and_conclude(db, blobs, site, iid)
    with db.write() as s:
        directive = dirs.issue_directive(
            s, blobs, inspection_id=iid, officer_id=site["lead"],
            issued_at=dt.datetime(2026, 9, 21, 2, tzinfo=dt.UTC),
        )  # fmt: skip
        with pytest.raises(UserError, match="before the directive"):
            dirs.record_rectification_report(s, directive_id=directive.id,
                                             received_on=dt.date(2026, 9, 1),
                                             officer_id=site["lead"])  # fmt: skip
        # Received Mon 28 Sep 2026: 29, 30 Sep; 1-7 Oct off (National Day); 8, 9 Oct;
        # Sat 10 Oct worked (调休); 12-16 Oct: the 10th working day is Fri 16 Oct.
        directive, warning = dirs.record_rectification_report(
            s, directive_id=directive.id, received_on=dt.date(2026, 9, 28), officer_id=site["lead"]
        )
        assert warning == ""
        assert directive.reinspection_due == dt.date(2026, 10, 16)


# ------------------------------------------------------------------ older data


def test_a_form_pinned_before_failures_still_opens_concludes_and_prints(db, blobs, site):
    """Inspections started before the upgrade keep their form (no failures, free-text basis)."""
    old_json = OLD_FORM.read_text(encoding="utf-8")
    old = Form.from_canonical_json(old_json)
    assert not any(i.failures for i in old.items)
    assert old.to_canonical_json() != old_json  # the new model dumps new defaults ...
    with db.write() as s:
        row = register_form(s, old)
        # ... so the row keeps the text and hash as the old version stored them.
        row.content_json = old_json
        row.content_hash = __import__("hashlib").sha256(old_json.encode()).hexdigest()
        version_id = row.id
    iid, ie_id, _ = start(db, site)
    with db.write() as s:
        ie = s.get(InspectionEquipment, ie_id)
        ie.form_version_id = version_id
    with db.read() as s:
        items = [i for i in pinned_form(s, version_id).items
                 if i.applies_to(s.get(Equipment, site["equipment"]).attributes)]  # fmt: skip
    answer_all(db, site, ie_id, items, {"C02": {"outcome": Outcome.FAIL},
                                        "E15": {"value": 8.0}})  # fmt: skip
    assert sign_and_conclude(db, blobs, site, iid) is Conclusion.STOP_USE
    with db.write() as s:
        set_setting(s, "review_body", "漳州市人民政府")
        set_setting(s, "court", "漳州市芗城区人民法院")
        c02 = live_findings(s, result_of(s, ie_id, "C02").id)[0]
        assert c02.failure_id is None and "第八十四条" not in c02.provision
        assert c02.penalty.endswith("第八十四条") and "45067" in c02.judged_by
        directive = dirs.issue_directive(s, blobs, inspection_id=iid, officer_id=site["lead"])
        text = text_of(dirs.directive_pdf(s, blobs, directive_id=directive.id))
        record = text_of(records.record_pdf(s, blobs, inspection_id=iid))
    assert "违反了《中华人民共和国特种设备安全法》第四十条的规定" in text
    assert "违反了《中华人民共和国特种设备安全法》第八十四条" not in text
    assert "判定为重大事故隐患" in text and "实测8mm" in text
    assert "现场监督检查记录" in record


def test_old_findings_with_free_text_provision_print_without_penalty_as_duty(db, blobs, site):
    iid, ie_id, items = start(db, site)
    answer_all(db, site, ie_id, items, {"C12": {"outcome": Outcome.FAIL}})
    sign_and_conclude(db, blobs, site, iid)
    with db.write() as s:  # as migration 0006 leaves a finding made by the old code
        f = live_findings(s, result_of(s, ie_id, "C12").id)[0]
        f.failure_id, f.judged_by, f.penalty = None, "", ""
        f.provision = ("《中华人民共和国特种设备安全法》第四十二条；《中华人民共和国特种设备安全法》"
                       "第八十四条；GB 45067-2024 特种设备重大事故隐患判定准则4.1")  # fmt: skip
        f.description = "设备出现故障或者发生异常情况后……，不符合要求。"
        doc = dirs.directive_doc(
            s, blobs, inspection=s.get(Inspection, iid), findings=[f], number="旧",
            issued_on=dt.date(2026, 9, 21), supersedes_number=None,
            remedies=("漳州市人民政府", "漳州市芗城区人民法院"),
        )  # fmt: skip
    (p,) = doc.problems
    assert p.provision == "《中华人民共和国特种设备安全法》第四十二条"
    assert p.penalty == "《中华人民共和国特种设备安全法》第八十四条"
    assert p.judged_by == "《特种设备重大事故隐患判定准则》（GB 45067-2024）第4.1条"
    assert json.dumps(p.description, ensure_ascii=False)  # the inspector's own words, kept
