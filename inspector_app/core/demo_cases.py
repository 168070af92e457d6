"""Demo data for the printed documents: maintenance units and hand-written showcase inspections.

``core/demo.py`` makes the city and its random past inspections; this module
adds what exercises the directive and the record end to end (issue 8): office
settings, maintenance units named by elevators and escalators, and five
concluded inspections written as an inspector would record them — a boiler
house whose representative refuses to sign, a ropeway, residential elevators
with a maintenance-unit directive, a mall escalator and an amusement ride whose
periodic inspection has expired. Every value is a realistic reading.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.checklists import BLANK
from inspector_app.rules.enums import EquipmentKind, EquipmentStatus, InspectionType, Outcome
from inspector_app.rules.identifiers import make_registration_code, make_uscc
from inspector_app.rules.judgement import next_inspection_due
from inspector_app.store.blobs import BlobStore, store_blob
from inspector_app.store.db import Database
from inspector_app.store.models import (
    Equipment,
    Finding,
    InspectionEquipment,
    MaintenanceUnit,
    Officer,
    Unit,
)

from . import inspections as insp
from .directives import issue_directive, pending_addressees
from .forms import pinned_form
from .photos import add_photo
from .settings import get_setting, set_setting

CERT_CHAR = {
    EquipmentKind.ELEVATOR: "梯",
    EquipmentKind.ESCALATOR: "梯",
    EquipmentKind.BOILER: "锅",
    EquipmentKind.ROPEWAY: "索",
    EquipmentKind.AMUSEMENT_RIDE: "游",
}
REVIEW_BODY = "漳州市人民政府"
COURT = "漳州市芗城区人民法院"

# name, first 17 characters of the credit code, licence, address, contact, phone
MAINTENANCE_UNITS = [
    ("漳州市安顺电梯工程有限公司", "91350602MA2XK3P1", "TS3335021-2027",
     "漳州市芗城区南昌路32号", "郑建华", "0596-2931166"),
    ("福建恒达电梯安装维修有限公司", "91350600MA31Y0D8", "TS3335089-2026",
     "漳州市龙文区蓝田街道建元东路58号", "林晓峰", "0596-2687720"),
    ("漳州市通顺机电设备有限公司", "91350603MA8RQ6N2", "TS3335102-2028",
     "漳州市龙文区朝阳北路11号", "黄志强", "0596-2102388"),
]  # fmt: skip


def office_settings(session: Session) -> None:
    """The settings an office fills in before its first directive."""
    if not get_setting(session, "directive_segment"):
        set_setting(session, "directive_segment", "01")
    if not get_setting(session, "review_body"):
        set_setting(session, "review_body", REVIEW_BODY)
    if not get_setting(session, "court"):
        set_setting(session, "court", COURT)
    # where 挂牌督办 documents go (57号令 Art 30–31, 行刑衔接)
    for key, value in (("superior_authority", "福建省市场监督管理局"),
                       ("local_government", "漳州市人民政府"), ("police_authority", "漳州市公安局")):  # fmt: skip
        if not get_setting(session, key):
            set_setting(session, key, value)


def add_maintenance_units(session: Session, rng: random.Random, equipment_rows: list[dict]) -> int:
    """Three maintenance companies; each elevator and escalator names one of them."""
    ids = []
    for name, first17, licence, address, contact, phone in MAINTENANCE_UNITS:
        unit = MaintenanceUnit(
            name=name,
            uscc=make_uscc(first17),
            licence_no=licence,
            address=address,
            contact_name=contact,
            contact_phone=phone,
        )
        session.add(unit)
        session.flush()
        ids.append(unit.id)
    for row in equipment_rows:
        if row["kind"] in (EquipmentKind.ELEVATOR, EquipmentKind.ESCALATOR):
            row["maintenance_unit_id"] = rng.choice(ids)
    return len(ids)


# ------------------------------------------------------------------ blanks

# (what comes before the blank, what comes after it) -> what the inspector writes in
_FILLS = [
    (("第", "层"), lambda r: str(r.randrange(2, 19))),
    (("第", "座位"), lambda r: str(r.randrange(1, 25))),
    (("第", "号"), lambda r: str(r.randrange(1, 25))),
    (("未见", "的"), lambda r: r.choice(["2026年8月", "2026年第三季度", "近三个月"])),
    (("日期为", ""), lambda r: f"2025年{r.randrange(1, 13)}月{r.randrange(1, 29)}日"),
    (("人员", "未"), lambda r: r.choice(["陈某", "林某", "黄某"])),
    (("司机", "未"), lambda r: r.choice(["吴某", "蔡某"])),
    (("与", "之间"), lambda r: "相邻楼板边缘"),
    (("缺少", ""), lambda r: "产品质量合格证明和安装监督检验证明"),
    (("", "处安全栅栏"), lambda r: "入口排队区"),
]


def fill_blanks(text: str, rng: random.Random) -> str:
    """What an inspector would write into the blanks of a demo fact."""
    for (before, after), make in _FILLS:
        pattern = re.compile(re.escape(before) + BLANK + re.escape(after))
        while (m := pattern.search(text)) is not None:
            text = text[: m.start()] + before + make(rng) + after + text[m.end() :]
    return text.replace(BLANK, "（见现场照片）")


def fill_finding_blanks(session: Session, result_id: str, rng: random.Random) -> None:
    for finding in insp.findings_of(session, result_id):
        if BLANK in finding.description:
            finding.description = fill_blanks(finding.description, rng)


# ------------------------------------------------------------------ showcase


@dataclass
class Case:
    """One inspection as the inspector recorded it."""

    venue: str  # VenueType value of the unit to visit
    kind: EquipmentKind
    category: str
    names: list[tuple[str, str, dict]]  # equipment name, location, attributes
    inspection_type: InspectionType
    task_source: str
    days_ago: int
    #: (equipment index, item id) -> failure ids, or a measured value, with the blanks' words
    failures: dict[tuple[int, str], dict] = field(default_factory=dict)
    refusal: str = ""
    opinion: str = ""
    representative: tuple[str, str] = ("", "")
    expired: bool = False  # the periodic inspection ran out before the visit


CASES = [
    Case(
        venue="hospital",
        kind=EquipmentKind.BOILER,
        category="1100",
        names=[("1号燃气蒸汽锅炉", "后勤楼锅炉房", {"medium": "steam", "fuel": "gas"})],
        inspection_type=InspectionType.SPECIAL,
        task_source="漳州市市场监督管理局2026年冬季供暖期锅炉安全专项检查",
        days_ago=12,
        failures={
            (0, "B15"): {"failures": ["B15-1"]},
            (0, "B09"): {"failures": ["B09-1"], "blanks": ["2025年1月8日"]},
            (0, "B04"): {
                "value": 0.06,
                "report_no": "闽特检（水）2026-0318",
                "report_date": dt.date(2026, 9, 22),
            },
            (0, "C08"): {"failures": ["C08-1"], "blanks": ["陈某某（当班司炉工）"]},
            (0, "B24"): {"failures": ["B24-2"]},
        },  # fmt: skip
        refusal="被检查单位后勤科负责人李某拒绝签字；执法人员已拍照记录，见证人：锅炉房班长许某",
        representative=("李国平", "后勤保障科科长"),
    ),
    Case(
        venue="scenic_site",
        kind=EquipmentKind.ROPEWAY,
        category="9100",
        names=[("1号客运索道", "下站", {"grip": "detachable", "carrier": "gondola"})],
        inspection_type=InspectionType.ROUTINE,
        task_source="2026年度特种设备安全监督检查计划（“双随机、一公开”抽查）",
        days_ago=20,
        failures={
            (0, "R19"): {"value": 87.5},
            (0, "R09"): {"failures": ["R09-1"], "blanks": ["12"]},
            (0, "R01"): {"failures": ["R01-1"], "blanks": ["2026年10月1日至10月3日"]},
            (0, "R13"): {"failures": ["R13-1"]},
        },
        opinion="对检查发现的问题无异议，12号吊厢已停运，将于限期内完成整改并书面报告。",
        representative=("邱文斌", "索道站站长"),
    ),
    Case(
        venue="residential",
        kind=EquipmentKind.ELEVATOR,
        category="3110",
        names=[
            (
                "3号楼1号客梯",
                "3号楼电梯厅",
                {
                    "drive": "traction",
                    "usage": "passenger",
                    "door_opening": "centre",
                    "machine_room": "present",
                },
            ),
            (
                "3号楼2号客梯",
                "3号楼电梯厅",
                {
                    "drive": "traction",
                    "usage": "passenger",
                    "door_opening": "centre",
                    "machine_room": "present",
                },
            ),
        ],  # fmt: skip
        inspection_type=InspectionType.OTHER,
        task_source="市民投诉（12345热线工单，反映3号楼电梯多次困人）",
        days_ago=6,
        failures={
            (0, "E02"): {"failures": ["E02-1"], "blanks": ["2026年8月30日至9月21日"]},
            (1, "E02"): {"failures": ["E02-1"], "blanks": ["2026年8月30日至9月21日"]},
            (0, "E05"): {"failures": ["E05-2"], "blanks": ["2026年9月14日3号楼1号客梯"]},
            (0, "C02"): {"failures": ["C02-3"]},
            (1, "C02"): {"failures": ["C02-3"]},
            (1, "E15"): {"value": 8.0, "blanks": ["11"]},
            (0, "E08"): {"value": 43.0},
        },
        opinion="同意检查意见，已要求维保单位加强维护保养，定期检验合格标志当日补贴。",
        representative=("苏丽娟", "物业服务中心经理"),
    ),
    Case(
        venue="mall",
        kind=EquipmentKind.ESCALATOR,
        category="3310",
        names=[("1号自动扶梯", "中庭一至二层", {"type": "escalator", "rated_speed": "0.5"})],
        inspection_type=InspectionType.SPECIAL,
        task_source="漳州市市场监督管理局2026年国庆节前人员密集场所特种设备安全专项检查",
        days_ago=30,
        failures={
            (0, "ES06"): {"failures": ["ES06-1"], "blanks": ["下端部"]},
            (0, "ES03"): {"failures": ["ES03-1"]},
            (0, "ES22"): {
                "value": 1.12,
                "report_no": "闽特检（梯）2026-2217",
                "report_date": dt.date(2026, 6, 3),
            },
        },  # fmt: skip
        opinion="无异议，扶梯已停用并围挡，维保单位正在维修。",
        representative=("何振宇", "工程部经理"),
    ),
    Case(
        venue="amusement_park",
        kind=EquipmentKind.AMUSEMENT_RIDE,
        category="6200",
        names=[
            (
                "2号游乐设施",
                "儿童游乐区",
                {"restraint": "lap_bar", "cabin": "open", "lift": "chain", "track": "present"},
            )
        ],
        inspection_type=InspectionType.ROUTINE,
        task_source="2026年度特种设备安全监督检查计划（重点单位抽查）",
        days_ago=3,
        expired=True,
        failures={
            (0, "C02"): {"failures": ["C02-1"]},
            (0, "A08"): {"failures": ["A08-1"], "blanks": ["7"]},
            (0, "A17"): {"value": 1020.0},
            (0, "A19"): {
                "value": 14.0,
                "report_no": "闽特检（游）2025-0907",
                "report_date": dt.date(2025, 8, 26),
            },
        },  # fmt: skip
        opinion="设备已停止运营，将尽快申请定期检验。",
        representative=("曾伟", "设备部主管"),
    ),
]


def _place_for(session: Session, case: Case) -> tuple[Unit, list[Equipment]] | None:
    """A unit of the case's kind of place, with registry equipment of the case's kind
    (first the units that have enough of it)."""
    units = session.scalars(
        select(Unit).where(Unit.venue_type == case.venue, Unit.deleted.is_(False)).order_by(
            Unit.name)
    ).all()  # fmt: skip
    best = None
    inspected = select(InspectionEquipment.equipment_id)
    for unit in units:
        pieces = session.scalars(
            select(Equipment)
            .where(Equipment.unit_id == unit.id, Equipment.kind == case.kind,
                   Equipment.deleted.is_(False), Equipment.id.not_in(inspected))
            .order_by(Equipment.name)
        ).all()  # fmt: skip
        if len(pieces) >= len(case.names):
            return unit, list(pieces[: len(case.names)])
        if best is None and units:
            best = (unit, list(pieces))
    return best


def _prepare_equipment(
    session: Session, case: Case, today: dt.date
) -> tuple[Unit, list[Equipment]] | None:
    """The case's equipment as the registry holds it: registry pieces of the right kind
    take the case's names and attributes; a missing piece is registered."""
    place = _place_for(session, case)
    if place is None:
        return None
    unit, pieces = place
    last = today - dt.timedelta(days=400 if case.expired else 150)
    mu = session.scalar(
        select(MaintenanceUnit.id).where(MaintenanceUnit.deleted.is_(False)).order_by(
            MaintenanceUnit.name)
    )  # fmt: skip
    out = []
    for k, (name, location, attrs) in enumerate(case.names):
        if k < len(pieces):
            eq = pieces[k]
        else:
            eq = Equipment(
                unit_id=unit.id,
                kind=case.kind,
                category_code=case.category,
                registration_code=make_registration_code(case.category, "350602", 2015, 900 + k),
                certificate_no=f"{CERT_CHAR[case.kind]}{11 + k}闽E{9000 + k:05d}(15)",
                commissioned_on=dt.date(2015, 5, 20),
                status=EquipmentStatus.IN_USE,
            )
            session.add(eq)
        eq.name, eq.location, eq.attributes = name, location, attrs
        eq.last_inspected_on = last
        eq.next_inspection_due = next_inspection_due(case.kind, last)
        if case.kind in (EquipmentKind.ELEVATOR, EquipmentKind.ESCALATOR):
            eq.maintenance_unit_id = mu  # one company maintains the lifts of one building
        out.append(eq)
    session.flush()
    return unit, out


def _good_value(m) -> float:
    if m.min is not None and m.max is not None:
        return round((m.min + m.max) / 2, 2)
    if m.min is not None:
        return m.min + abs(m.min) * 0.05 + 1
    return round(m.max * 0.6, 2)


def run_case(
    db: Database,
    blobs: BlobStore,
    rng: random.Random,
    case: Case,
    officers: list[Officer],
    today: dt.date,
    png,
) -> int:
    """Record, sign, conclude and issue one showcase inspection; returns its finding count."""
    lead, second = officers[0], officers[1]
    day = today - dt.timedelta(days=case.days_ago)
    started = dt.datetime.combine(day, dt.time(1, 30), tzinfo=dt.UTC)  # 9:30 Beijing time
    with db.write() as s:
        prepared = _prepare_equipment(s, case, day)
        if prepared is None:
            return 0
        unit, pieces = prepared
        name, position = case.representative
        inspection = insp.start_inspection(
            s,
            unit_id=unit.id,
            equipment_ids=[p.id for p in pieces],
            lead_officer_id=lead.id,
            second_officer_id=second.id,
            representative_name=name or unit.contact_name,
            representative_position=position or "安全管理员",
            inspection_type=case.inspection_type,
            task_source=case.task_source,
            started_at=started,
        )
        iid = inspection.id
        ies = s.scalars(
            select(InspectionEquipment)
            .where(InspectionEquipment.inspection_id == iid)
            .order_by(InspectionEquipment.position)
        ).all()
        for index, ie in enumerate(ies):
            eq = s.get(Equipment, ie.equipment_id)
            form = pinned_form(s, ie.form_version_id)
            for item in form.items:
                if not item.applies_to(eq.attributes or {}):
                    continue
                spec = case.failures.get((index, item.id))
                kwargs = dict(inspection_equipment_id=ie.id, item_id=item.id, officer_id=lead.id,
                              today=day)  # fmt: skip
                if spec is None:
                    if item.measurement is not None:
                        insp.record_answer(s, value=_good_value(item.measurement), **kwargs)
                    else:
                        insp.record_answer(s, outcome=Outcome.PASS, **kwargs)
                    continue
                if "value" in spec:
                    answer = insp.record_answer(
                        s, value=spec["value"], report_no=spec.get("report_no"),
                        report_date=spec.get("report_date"), **kwargs)  # fmt: skip
                else:
                    answer = insp.record_answer(s, outcome=Outcome.FAIL, **kwargs)
                    insp.choose_failures(s, item_result_id=answer.id,
                                         failure_ids=spec["failures"], today=day)  # fmt: skip
                _fill_given(s, answer.id, spec.get("blanks", []), rng)
                if item.photo_required:
                    _photograph(s, blobs, iid, answer.id, item, started, rng)
        if case.opinion:
            insp.set_unit_opinion(s, inspection_id=iid, opinion=case.opinion)
        signed = started + dt.timedelta(hours=2, minutes=10)
        roles = [("lead_officer", lead.name), ("second_officer", second.name)]
        if not case.refusal:
            roles.append(("representative", case.representative[0] or unit.contact_name))
        for role, who in roles:
            sha = store_blob(s, blobs, png(who, rng), media_type="image/png", width=360,
                             height=120)  # fmt: skip
            insp.add_signature(s, inspection_id=iid, role=role, signer_name=who,
                               blob_sha256=sha, signed_at=signed)  # fmt: skip
        if case.refusal:
            insp.record_refusal(s, inspection_id=iid, note=case.refusal)
        insp.conclude_inspection(s, inspection_id=iid, officer_id=lead.id, ended_at=signed)
        while pending_addressees(s, iid):
            issue_directive(s, blobs, inspection_id=iid, officer_id=lead.id, issued_at=signed)
        return len(s.scalars(select(Finding.id).where(Finding.inspection_id == iid,
                                                      Finding.deleted.is_(False))).all())  # fmt: skip


def _photograph(s: Session, blobs: BlobStore, iid: str, result_id: str, item, started, rng) -> None:
    """The photo a failed photo-required item carries (a drawn stand-in for the camera's)."""
    from inspector_app.reports.samples import make_photo

    finding = insp.findings_of(s, result_id)[0]
    add_photo(
        s,
        blobs,
        inspection_id=iid,
        data=make_photo(rng.randrange(10_000), size=(1024, 768), store_px=1024),
        finding_id=finding.id,
        item_result_id=result_id,
        caption=item.measurement.label_zh if item.measurement and item.measurement.label_zh
        else "现场照片",
        taken_at=started + dt.timedelta(minutes=rng.randrange(10, 110)),
        name=f"{item.id}.jpg",
    )  # fmt: skip


def _fill_given(s: Session, result_id: str, words: list[str], rng: random.Random) -> None:
    """Write the case's words into the blanks, in order; anything left, as the demo would."""
    words = list(words)
    for finding in insp.findings_of(s, result_id):
        text = finding.description
        while BLANK in text and words:
            text = text.replace(BLANK, words.pop(0), 1)
        finding.description = fill_blanks(text, rng)
    s.flush()


def showcase(
    db: Database, blobs: BlobStore, rng: random.Random, officers: list[Officer], today, png
) -> tuple[int, int]:
    """Every showcase case whose kind of place exists; (inspections, findings)."""
    inspections = findings = 0
    for case in CASES:
        found = run_case(db, blobs, rng, case, officers, today, png)
        if found:
            inspections += 1
            findings += found
    return inspections, findings


__all__ = [
    "CASES",
    "COURT",
    "REVIEW_BODY",
    "add_maintenance_units",
    "fill_blanks",
    "fill_finding_blanks",
    "office_settings",
    "showcase",
]
