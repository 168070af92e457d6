"""Realistic demo data: one city, every venue type, every kind of equipment.

Deterministic for a given seed. ``equipment`` sets the size: a few hundred for
trying the app, hundreds of thousands for benchmarks. Registry rows go in
through ``changes.bulk_insert`` (fast, still change-logged); the past
inspections go through the same use cases the app uses, so they are exactly
what an inspector would have produced.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import (
    EquipmentKind,
    EquipmentStatus,
    InspectionType,
    OfficerRole,
    Outcome,
    VenueType,
)
from inspector_app.rules.identifiers import make_registration_code, make_uscc
from inspector_app.rules.judgement import next_inspection_due
from inspector_app.store.blobs import BlobStore, store_blob
from inspector_app.store.changes import bulk_insert
from inspector_app.store.db import Database
from inspector_app.store.models import (
    Equipment,
    InspectionEquipment,
    ItemResult,
    Officer,
    Unit,
)

from . import demo_cases
from . import inspections as insp
from .directives import issue_directive, pending_addressees
from .errors import UserError
from .forms import pinned_form, register_shipped_forms
from .officers import add_officer
from .photos import add_photo

CITY = "漳州市"
CITY_REGION = "350600"
PLATE = "闽E"
DISTRICTS = [
    ("芗城区", "350602"),
    ("龙文区", "350603"),
    ("龙海区", "350604"),
    ("长泰区", "350605"),
    ("漳浦县", "350623"),
    ("云霄县", "350622"),
]
#: The whole city (20 county-level districts and development zones) for the city layout; the
#: first six are ``DISTRICTS``. Zones carry the code of the county that hosts them.
CITY_DISTRICTS = DISTRICTS + [
    ("诏安县", "350624"),
    ("东山县", "350626"),
    ("南靖县", "350627"),
    ("平和县", "350628"),
    ("华安县", "350629"),
    ("漳州高新区", "350602"),
    ("漳州台商投资区", "350604"),
    ("古雷开发区", "350623"),
    ("漳州开发区", "350604"),
    ("常山开发区", "350622"),
    ("金峰开发区", "350602"),
    ("蓝田开发区", "350603"),
    ("龙池开发区", "350604"),
    ("东山开发区", "350626"),
]
#: Relative size of each city district (urban districts hold most of the equipment).
CITY_DISTRICT_WEIGHTS = [30, 25, 22, 10, 14, 9, 8, 7, 7, 7, 4, 6, 5, 4, 5, 2, 3, 3, 2, 2]
#: Share of the city's user units by venue type: most are residential compounds.
CITY_VENUE_SHARE = {
    VenueType.RESIDENTIAL: 0.625,
    VenueType.MALL: 0.15,
    VenueType.KINDERGARTEN: 0.08,
    VenueType.SCHOOL: 0.07,
    VenueType.HOSPITAL: 0.04,
    VenueType.STATION: 0.02,
    VenueType.SCENIC_SITE: 0.005,
    VenueType.AMUSEMENT_PARK: 0.01,
}
#: From this many pieces of equipment on, ``generate`` lays out a whole city (20 districts,
#: three pieces per unit on average) unless told the number of units.
CITY_FROM = 10_000
STREETS = [
    "胜利西路",
    "新华北路",
    "延安南路",
    "元光南路",
    "水仙大街",
    "九龙大道",
    "建元东路",
    "江滨路",
    "大同路",
    "腾飞路",
    "金峰路",
    "丹霞路",
]
VENUE_NAMES = {
    VenueType.SCHOOL: ["第一实验小学", "第二中学", "职业技术学院", "师范学校", "外国语学校"],
    VenueType.KINDERGARTEN: ["阳光幼儿园", "实验幼儿园", "小天使幼儿园", "蓝天幼儿园"],
    VenueType.HOSPITAL: ["市医院", "中医院", "妇幼保健院", "人民医院", "第二医院"],
    VenueType.STATION: ["火车站", "汽车客运站", "高铁站", "公交枢纽站"],
    VenueType.MALL: ["万达广场", "百货大楼", "华联商厦", "宝龙广场", "步行街购物中心"],
    VenueType.SCENIC_SITE: ["云洞岩风景区", "灵通山景区", "火山岛景区", "天宝山景区"],
    VenueType.AMUSEMENT_PARK: ["欢乐世界", "童话乐园", "海洋主题乐园"],
    VenueType.RESIDENTIAL: ["碧湖花园", "江滨华府", "锦绣家园", "水仙新村", "丹霞小区"],
}
# (kind, category code, attributes, share) per venue type: what such a place really has.
VENUE_EQUIPMENT = {
    VenueType.SCHOOL: [
        (EquipmentKind.ELEVATOR, "3110", {"drive": "traction", "usage": "passenger"}, 0.85),
        (EquipmentKind.BOILER, "1200", {"medium": "hot_water", "fuel": "gas"}, 0.15),
    ],
    VenueType.KINDERGARTEN: [
        (EquipmentKind.ELEVATOR, "3110", {"drive": "traction", "usage": "passenger"}, 0.7),
        (EquipmentKind.ELEVATOR, "3430", {"drive": "traction", "usage": "goods"}, 0.3),
    ],
    VenueType.HOSPITAL: [
        (EquipmentKind.ELEVATOR, "3110", {"drive": "traction", "usage": "passenger"}, 0.6),
        (EquipmentKind.ESCALATOR, "3310", {}, 0.2),
        (EquipmentKind.BOILER, "1100", {"medium": "steam", "fuel": "gas"}, 0.2),
    ],
    VenueType.STATION: [
        (EquipmentKind.ESCALATOR, "3310", {}, 0.6),
        (EquipmentKind.ELEVATOR, "3110", {"drive": "traction", "usage": "passenger"}, 0.4),
    ],
    VenueType.MALL: [
        (EquipmentKind.ESCALATOR, "3310", {}, 0.55),
        (EquipmentKind.ELEVATOR, "3110", {"drive": "traction", "usage": "passenger"}, 0.3),
        (EquipmentKind.ELEVATOR, "3200", {"drive": "hydraulic", "usage": "goods"}, 0.15),
    ],
    VenueType.SCENIC_SITE: [
        (EquipmentKind.ROPEWAY, "9100", {}, 0.5),
        (EquipmentKind.AMUSEMENT_RIDE, "6500", {}, 0.5),
    ],
    VenueType.AMUSEMENT_PARK: [
        (EquipmentKind.AMUSEMENT_RIDE, "6200", {}, 0.4),
        (EquipmentKind.AMUSEMENT_RIDE, "6100", {}, 0.3),
        (EquipmentKind.AMUSEMENT_RIDE, "6400", {}, 0.3),
    ],
    VenueType.RESIDENTIAL: [
        (EquipmentKind.ELEVATOR, "3110", {"drive": "traction", "usage": "passenger"}, 1.0)
    ],
}
EQUIPMENT_PER_UNIT = {
    VenueType.SCHOOL: 3,
    VenueType.KINDERGARTEN: 1,
    VenueType.HOSPITAL: 8,
    VenueType.STATION: 10,
    VenueType.MALL: 14,
    VenueType.SCENIC_SITE: 3,
    VenueType.AMUSEMENT_PARK: 12,
    VenueType.RESIDENTIAL: 6,
}
EQUIPMENT_NAMES = {
    EquipmentKind.ELEVATOR: ("号客梯", "电梯厅"),
    EquipmentKind.ESCALATOR: ("号自动扶梯", "中庭"),
    EquipmentKind.BOILER: ("号锅炉", "锅炉房"),
    EquipmentKind.ROPEWAY: ("号客运索道", "下站"),
    EquipmentKind.AMUSEMENT_RIDE: ("号游乐设施", "游乐区"),
}
CERT_CHAR = {
    EquipmentKind.ELEVATOR: "梯",
    EquipmentKind.ESCALATOR: "梯",
    EquipmentKind.BOILER: "锅",
    EquipmentKind.ROPEWAY: "索",
    EquipmentKind.AMUSEMENT_RIDE: "游",
}
MANUFACTURERS = {
    EquipmentKind.ELEVATOR: [
        ("奥的斯电梯（中国）有限公司", "GeN2"),
        ("通力电梯有限公司", "MonoSpace"),
        ("日立电梯（中国）有限公司", "HGP"),
        ("康力电梯股份有限公司", "KLK2"),
    ],
    EquipmentKind.ESCALATOR: [
        ("迅达（中国）电梯有限公司", "9300AE"),
        ("三菱电机上海机电电梯有限公司", "J"),
    ],
    EquipmentKind.BOILER: [
        ("郑州锅炉股份有限公司", "WNS2-1.25-Q"),
        ("泰山集团股份有限公司", "WNS4-1.0-Y.Q"),
    ],
    EquipmentKind.ROPEWAY: [("北京起重运输机械设计研究院有限公司", "RPD-4")],
    EquipmentKind.AMUSEMENT_RIDE: [
        ("中山市金马科技娱乐设备股份有限公司", "JM-PC"),
        ("华侨城（深圳）游乐设备有限公司", "OCT-FT"),
    ],
}
DEMO_PASSWORD = "demo-pass-2026"
DEMO_OFFICERS = [
    ("张伟", "35060001", OfficerRole.INSPECTOR),
    ("李娜", "35060002", OfficerRole.INSPECTOR),
    ("王强", "35060010", OfficerRole.SUPERVISOR),
]


@dataclass
class DemoReport:
    units: int
    equipment: int
    inspections: int
    findings: int


def generate(
    db: Database,
    blobs: BlobStore,
    *,
    equipment: int = 300,
    seed: int = 1,
    today: dt.date | None = None,
    showcase: bool | None = None,
    units: int | None = None,
) -> DemoReport:
    """``showcase`` adds the five hand-written inspections of ``demo_cases`` (boiler,
    ropeway, elevators with a maintenance-unit directive, escalator, amusement ride);
    by default from 100 pieces of equipment up, so small test databases stay small.

    ``units`` asks for the city layout: that many user units over the 20 districts of
    ``CITY_DISTRICTS``, venue types in the city's proportions, ``equipment`` pieces
    spread over them by venue size. From ``CITY_FROM`` pieces of equipment on it is the
    default, with one unit per three pieces (150,000 pieces: 50,000 units); below it the
    small town of six districts, as before (the same seed gives the same data)."""
    if units is None and equipment >= CITY_FROM:
        units = max(1, round(equipment / 3))
    if units is not None and not 1 <= units <= equipment:
        raise UserError(
            f"need 1 <= units <= equipment, got {units} units for {equipment} equipment",
            message_zh="单位数应在1与设备数之间",
        )
    rng = random.Random(seed)
    # A second stream for what issue 8 added, so the registry of a seed stays as it was.
    extra = random.Random(seed * 7919 + 1)
    today = today or dt.date.today()
    with db.write() as session:
        if session.scalar(select(Unit.id).limit(1)) is not None:
            raise UserError(
                "the database already has units; demo data goes into an empty database "
                "(use another --data-dir)",
                message_zh="数据库中已有单位数据，演示数据只能写入空数据库",
            )
        register_shipped_forms(session)
        officers = _officers(session)
        demo_cases.office_settings(session)
        if units is None:
            units, equipment_rows = _registry(rng, equipment, today)
        else:
            units, equipment_rows = _city_registry(rng, equipment, units, today)
        demo_cases.add_maintenance_units(session, extra, equipment_rows)
        for start in range(0, len(units), 5000):
            bulk_insert(session, Unit, units[start : start + 5000])
        for start in range(0, len(equipment_rows), 5000):
            bulk_insert(session, Equipment, equipment_rows[start : start + 5000])
    report = DemoReport(units=len(units), equipment=len(equipment_rows), inspections=0, findings=0)
    inspected = [u for u in units if rng.random() < 0.5][: max(3, min(40, len(units) // 4))]
    by_unit: dict[str, list[dict]] = {}
    for row in equipment_rows:
        by_unit.setdefault(row["unit_id"], []).append(row)
    for n, unit in enumerate(inspected):
        pieces = by_unit.get(unit["id"], [])[:3]
        if not pieces:
            continue
        concluded = n != len(inspected) - 1  # the last one is left in progress
        findings = _past_inspection(
            db, blobs, rng, unit, pieces, officers, today, concluded, extra=extra
        )
        report.inspections += 1
        report.findings += findings
    if showcase if showcase is not None else equipment >= 100:
        count, found = demo_cases.showcase(db, blobs, extra, officers, today, signature_png)
        report.inspections += count
        report.findings += found
        with db.read() as session:  # a place without the case's equipment gets a piece
            report.equipment = session.scalar(select(func.count(Equipment.id)))
    return report


def _officers(session: Session) -> list[Officer]:
    found = []
    for name, cert_no, role in DEMO_OFFICERS:
        officer = session.scalar(select(Officer).where(Officer.cert_no == cert_no))
        if officer is None:
            officer = add_officer(
                session, name=name, cert_no=cert_no, role=role, password=DEMO_PASSWORD
            )
        found.append(officer)
    return found


def _registry(rng: random.Random, target: int, today: dt.date) -> tuple[list[dict], list[dict]]:
    units: list[dict] = []
    equipment: list[dict] = []
    serials: dict[str, int] = {}
    venue_types = list(VenueType)
    while len(equipment) < target:
        venue = venue_types[len(units) % len(venue_types)]
        district, region = DISTRICTS[rng.randrange(len(DISTRICTS))]
        base = rng.choice(VENUE_NAMES[venue])
        name = (
            f"{CITY}{district}{base}"
            if len(units) < 200
            else f"{district}{base}（{len(units) + 1}）"
        )
        uscc = _uscc(rng, venue, region)
        unit_id = _id(rng)
        units.append(_unit_row(rng, unit_id, name, venue, district, region, uscc))
        count = max(1, int(EQUIPMENT_PER_UNIT[venue] * rng.uniform(0.5, 1.5)))
        for number in range(1, count + 1):
            if len(equipment) >= target:
                break
            equipment.append(_equipment_row(rng, unit_id, venue, region, number, serials, today))
    return units, equipment


def _unit_row(rng: random.Random, unit_id: str, name: str, venue: VenueType, district: str,
              region: str, uscc: str) -> dict:  # fmt: skip
    return {
        "id": unit_id,
        "name": name,
        "uscc": uscc,
        "address": f"{CITY}{district}{rng.choice(STREETS)}{rng.randrange(1, 400)}号",
        "district": district,
        "venue_type": venue,
        "legal_representative": rng.choice(["陈建国", "林志明", "黄丽华", "吴海峰", "郑晓东"]),
        "contact_name": rng.choice(["刘军", "蔡明", "杨静", "许强", "周红"]),
        "contact_phone": f"0596-{rng.randrange(2000000, 2999999)}",
        "priority": venue in (VenueType.KINDERGARTEN, VenueType.SCHOOL, VenueType.HOSPITAL),
    }


def _uscc(rng: random.Random, venue: VenueType, region: str) -> str:
    public = venue in (VenueType.SCHOOL, VenueType.KINDERGARTEN, VenueType.HOSPITAL)
    return make_uscc(("52" if public else "91") + region + f"{rng.randrange(10**7, 10**8)}")


def _equipment_row(
    rng: random.Random,
    unit_id: str,
    venue: VenueType,
    region: str,
    number: int,
    serials: dict[str, int],
    today: dt.date,
) -> dict:
    kind, category, attrs, _ = _pick(rng, VENUE_EQUIPMENT[venue])
    year = rng.randrange(2005, today.year)
    serials[category] = serials.get(category, 0) + 1
    serial = serials[category]
    suffix, place = EQUIPMENT_NAMES[kind]
    maker, model = rng.choice(MANUFACTURERS[kind])
    never = rng.random() < 0.05
    last = None if never else today - dt.timedelta(days=rng.randrange(20, 420))
    return {
        "id": _id(rng),
        "unit_id": unit_id,
        "kind": kind,
        "category_code": category,
        "registration_code": make_registration_code(category, region, year, serial),
        "certificate_no": f"{CERT_CHAR[kind]}{rng.randrange(10, 40)}{PLATE}{serial % 100000:05d}({year % 100:02d})",
        "name": f"{number}{suffix}",
        "location": f"{rng.choice(['东区', '西区', 'A座', 'B座', '主楼'])}{place}",
        "manufacturer": maker,
        "model": model,
        "commissioned_on": dt.date(year, rng.randrange(1, 13), rng.randrange(1, 28)),
        "last_inspected_on": last,
        "next_inspection_due": next_inspection_due(kind, last) if last else None,
        "status": EquipmentStatus.IN_USE,
        "attributes": dict(attrs),
    }


def _city_registry(
    rng: random.Random, target: int, unit_count: int, today: dt.date
) -> tuple[list[dict], list[dict]]:
    """A whole city: ``unit_count`` units over the 20 districts, ``target`` pieces.

    Every unit has at least one piece; the rest go to units in proportion to the
    usual size of their venue (a mall has many escalators, a kindergarten one lift).
    Credit codes are unique: the unit's credit file is keyed by it.
    """
    venues = list(CITY_VENUE_SHARE)
    venue_of = rng.choices(venues, weights=list(CITY_VENUE_SHARE.values()), k=unit_count)
    place_of = rng.choices(CITY_DISTRICTS, weights=CITY_DISTRICT_WEIGHTS, k=unit_count)
    sizes = [1] * unit_count
    weights = [EQUIPMENT_PER_UNIT[v] for v in venue_of]
    for index in rng.choices(range(unit_count), weights=weights, k=target - unit_count):
        sizes[index] += 1
    units: list[dict] = []
    equipment: list[dict] = []
    serials: dict[str, int] = {}
    usccs: set[str] = set()
    for n, (venue, (district, region), size) in enumerate(
        zip(venue_of, place_of, sizes, strict=True), start=1
    ):
        uscc = _uscc(rng, venue, region)
        while uscc in usccs:
            uscc = _uscc(rng, venue, region)
        usccs.add(uscc)
        unit_id = _id(rng)
        name = f"{district}{rng.choice(VENUE_NAMES[venue])}（{n}）"
        units.append(_unit_row(rng, unit_id, name, venue, district, region, uscc))
        for number in range(1, size + 1):
            equipment.append(_equipment_row(rng, unit_id, venue, region, number, serials, today))
    return units, equipment


def _pick(rng: random.Random, options: list) -> tuple:
    r = rng.random()
    for option in options:
        r -= option[3]
        if r <= 0:
            return option
    return options[-1]


def _id(rng: random.Random) -> str:
    # Deterministic UUIDv7-shaped ids so the same seed gives the same database.
    import uuid

    value = (rng.getrandbits(48) << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64)
    value |= (0b10 << 62) | rng.getrandbits(62)
    return str(uuid.UUID(int=value))


def signature_png(name: str, rng: random.Random) -> bytes:
    """A pen-like scribble standing in for a signature drawn on the pad."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    x, y = 20, 60
    points = [(x, y)]
    for _ in range(14 + len(name) * 3):
        x += rng.randrange(8, 22)
        y = max(15, min(105, y + rng.randrange(-28, 29)))
        points.append((x, y))
    draw.line(points, fill=(20, 30, 90, 255), width=4, joint="curve")
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=False)
    return out.getvalue()


def finding_photo_png(rng: random.Random) -> bytes:
    """A small stand-in for a site photo: a few coloured blocks."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (320, 240), (rng.randrange(90, 160),) * 3)
    draw = ImageDraw.Draw(img)
    for _ in range(6):
        x, y = rng.randrange(0, 280), rng.randrange(0, 200)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.rectangle((x, y, x + rng.randrange(20, 120), y + rng.randrange(20, 90)), fill=colour)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


CAMPAIGNS = [
    (InspectionType.ROUTINE, "2026年度特种设备安全监督检查计划（“双随机、一公开”抽查）"),
    (InspectionType.ROUTINE, "2026年度特种设备安全监督检查计划（重点单位抽查）"),
    (InspectionType.SPECIAL, "漳州市市场监督管理局2026年人员密集场所特种设备安全专项检查"),
    (InspectionType.SPECIAL, "漳州市市场监督管理局2026年“两节”期间特种设备安全专项检查"),
    (InspectionType.OTHER, "市民投诉（12345热线工单）"),
]


def _failing_value(m, rng: random.Random) -> float:
    """A reading just out of range, as a worn part or a drifted setting gives: never absurd."""
    if m.max is not None and (m.min is None or rng.random() < 0.5):
        return round(m.max + max(abs(m.max) * rng.uniform(0.05, 0.2), 0.01), 2)
    low = m.min - max(abs(m.min) * rng.uniform(0.02, 0.05), 0.01)
    if m.serious_min is not None:
        low = max(low, m.serious_min + 0.5)  # out of range, not (by chance) serious
    return round(low, 2)


def _fail_plain(session, rng, item, kwargs) -> bool:
    """Fail a plain item, preferably with a failure whose fact needs no words from the
    inspector (the blanks of any other are filled in as an inspector would)."""
    ready = [f for f in item.failures if "{blank}" not in f.fact_zh]
    answer = insp.record_answer(session, outcome=Outcome.FAIL, **kwargs)
    default = item.default_failure()
    if ready and (default is None or default not in ready):
        insp.choose_failures(
            session, item_result_id=answer.id, failure_ids=[rng.choice(ready).id],
            today=kwargs["today"],
        )  # fmt: skip
    return True


def _past_inspection(db, blobs, rng, unit, pieces, officers, today, concluded, *, extra) -> int:
    lead, second = officers[0], officers[1]
    day = today - dt.timedelta(days=rng.randrange(1, 90))
    started = dt.datetime.combine(day, dt.time(9, rng.randrange(0, 60)), tzinfo=dt.UTC)
    kind, source = extra.choice(CAMPAIGNS)
    with db.write() as session:
        inspection = insp.start_inspection(
            session,
            unit_id=unit["id"],
            equipment_ids=[p["id"] for p in pieces],
            lead_officer_id=lead.id,
            second_officer_id=second.id,
            representative_name=unit["contact_name"],
            representative_position="安全管理员",
            inspection_type=kind,
            task_source=source,
            started_at=started,
        )
        inspection_id = inspection.id
    findings = 0
    with db.write() as session:
        ies = session.scalars(
            select(InspectionEquipment).where(InspectionEquipment.inspection_id == inspection_id)
        ).all()
        for ie in ies:
            piece = session.get(Equipment, ie.equipment_id)
            form = pinned_form(session, ie.form_version_id)
            for item in form.items:
                if not item.applies_to(piece.attributes or {}):
                    continue
                fail = rng.random() < (0.01 if item.hazard == "serious" else 0.03)
                kwargs = dict(
                    inspection_equipment_id=ie.id, item_id=item.id, officer_id=lead.id, today=day
                )
                if item.measurement is not None:
                    m = item.measurement
                    good = m.min if m.min is not None else m.max
                    if m.min is not None and m.max is not None:
                        good = (m.min + m.max) / 2
                    value = _failing_value(m, extra) if fail else good
                    report = {}
                    if item.source == "inspection_report":
                        report = {"report_no": f"闽特检{day.year}-{extra.randrange(1000, 9999)}",
                                  "report_date": day - dt.timedelta(days=extra.randrange(30, 300))}  # fmt: skip
                    answer = insp.record_answer(session, value=round(value, 2), **report, **kwargs)
                elif fail:
                    _fail_plain(session, extra, item, kwargs)
                    answer = None
                else:
                    answer = insp.record_answer(session, outcome=Outcome.PASS, **kwargs)
                if fail:
                    result_id = answer.id if answer else session.scalar(
                        select(ItemResult.id).where(ItemResult.inspection_equipment_id == ie.id,
                                                    ItemResult.item_id == item.id))  # fmt: skip
                    demo_cases.fill_finding_blanks(session, result_id, extra)
                if fail and item.photo_required:  # conclude refuses it without one
                    add_photo(
                        session,
                        blobs,
                        inspection_id=inspection_id,
                        data=finding_photo_png(rng),
                        finding_id=insp.findings_of(session, result_id)[0].id,
                        item_result_id=result_id,
                        taken_at=started + dt.timedelta(minutes=30),
                        name=f"{item.id}.png",
                    )
                findings += int(fail)
        if not concluded:
            return findings
        for role, who in (
            ("lead_officer", lead.name),
            ("second_officer", second.name),
            ("representative", unit["contact_name"]),
        ):
            sha = store_blob(
                session,
                blobs,
                signature_png(who, rng),
                media_type="image/png",
                width=360,
                height=120,
            )
            insp.add_signature(
                session,
                inspection_id=inspection_id,
                role=role,
                signer_name=who,
                blob_sha256=sha,
                signed_at=started + dt.timedelta(hours=2),
            )
        insp.conclude_inspection(
            session,
            inspection_id=inspection_id,
            officer_id=lead.id,
            ended_at=started + dt.timedelta(hours=2),
        )
        while pending_addressees(session, inspection_id):
            issue_directive(
                session,
                blobs,
                inspection_id=inspection_id,
                officer_id=lead.id,
                issued_at=started + dt.timedelta(hours=2),
            )
    return findings
