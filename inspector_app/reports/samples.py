"""Realistic sample documents for tests, the benchmark and template previews.

Photos and signatures are drawn with Pillow so nothing binary lives in the repo;
the drawing is seeded, so a sample is the same bytes every time.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, timedelta

from PIL import Image, ImageDraw

from inspector_app.reports.model import (
    DirectiveDoc,
    EquipmentCheck,
    EquipmentRef,
    FollowUp,
    Officer,
    Photo,
    Problem,
    RecordDoc,
    Unit,
)
from inspector_app.rules.enums import EquipmentKind, HazardClass

LAW = "《中华人民共和国特种设备安全法》"


def make_photo(
    seed: int, size: tuple[int, int] = (1600, 1200), store_px: int = 800, quality: int = 80
) -> bytes:
    """A camera-sized picture downscaled to ``store_px`` as the app stores it (JPEG)."""
    rng = random.Random(seed)
    img = Image.new("RGB", size, (rng.randrange(60, 200), rng.randrange(60, 200), 120))
    draw = ImageDraw.Draw(img)
    for _ in range(60):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randrange(40, 400), rng.randrange(40, 300)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle([x, y, x + w, y + h], fill=colour)
    img.thumbnail((store_px, store_px))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def make_signature(seed: int) -> bytes:
    """A pen-like scribble on a transparent background (what a signature pad yields)."""
    rng = random.Random(seed)
    img = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    points = [(20 + i * 16, 60 + rng.randrange(-35, 35)) for i in range(20)]
    draw.line(points, fill=(20, 20, 90, 255), width=5, joint="curve")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


UNIT = Unit(
    name="某某市第一人民医院",
    uscc="9144030071526726XG",
    address="某某省某某市滨江区人民路188号",
    contact_name="王建国",
    contact_phone="0591-83456789",
    legal_representative="李卫东",
)

EQUIPMENT = (
    EquipmentRef(
        "住院部1号客梯",
        EquipmentKind.ELEVATOR,
        "31103506002016053337",
        "梯11闽E3622(16)",
        "住院部大楼东侧",
        "曳引驱动乘客电梯",
    ),
    EquipmentRef(
        "门诊楼自动扶梯",
        EquipmentKind.ESCALATOR,
        "33103506002018012345",
        "梯33闽E0456(18)",
        "门诊楼一至二层",
        "自动扶梯",
    ),
    EquipmentRef(
        "1号燃气热水锅炉",
        EquipmentKind.BOILER,
        "11203506002015000777",
        "锅11闽E0077(15)",
        "后勤楼锅炉房",
        "承压热水锅炉",
    ),
)

GB45067 = "《特种设备重大事故隐患判定准则》（GB 45067-2024）"
REVIEW_BODY = "某某市人民政府"
COURT = "某某市滨江区人民法院"

# (item, fact, class, duty, 判定, penalty, measure, equipment, scope, reinspection)
_FINDINGS = [
    (
        "C02",
        "住院部1号客梯定期检验有效期至2026年3月31日，超期未检验仍在使用。",
        HazardClass.SERIOUS,
        f"{LAW}第四十条第三款",
        f"{GB45067}第4.1条",
        f"{LAW}第八十四条第一款第（一）项",
        "向特种设备检验机构申请定期检验",
        ("31103506002016053337",),
        "equipment",
        True,
    ),
    (
        "C09",
        "抽查2026年第一季度维护保养记录，有3次间隔超过15日，记录无维保人员签字。",
        HazardClass.GENERAL,
        f"{LAW}第三十九条第一款",
        "",
        f"{LAW}第八十三条第（三）项",
        "按规定进行经常性维护保养，完善并补签维护保养记录",
        ("31103506002016053337", "33103506002018012345"),
        "equipment",
        False,
    ),
    (
        "C08",
        "锅炉房当班司炉人员未能出示《特种设备安全管理和作业人员证》，无证上岗。",
        HazardClass.GENERAL,
        f"{LAW}第十四条",
        "",
        f"{LAW}第八十六条第（二）项",
        "安排取得相应资格的作业人员上岗，组织无证人员参加培训考核",
        ("11203506002015000777",),
        "unit",
        False,
    ),
    (
        "ES06",
        "门诊楼自动扶梯下端部紧急停止开关按下后扶梯不能停止运行，紧急停止装置失效。",
        HazardClass.SERIOUS,
        f"{LAW}第三十九条第二款",
        f"{GB45067}第4.6条",
        "",
        "修复紧急停止装置，经维护保养单位试验有效并作出记录",
        ("33103506002018012345",),
        "equipment",
        False,
    ),
    (
        "C11",
        "未制定特种设备事故应急专项预案，未见2025年度应急演练记录。",
        HazardClass.GENERAL,
        f"{LAW}第三十四条",
        "",
        f"{LAW}第八十三条第（六）项",
        "制定特种设备事故应急专项预案，每年至少组织一次应急演练并记录",
        ("31103506002016053337",),
        "unit",
        False,
    ),
    (
        "E08",
        "住院部1号客梯机房实测温度为45℃，不符合5℃～40℃的要求。",
        HazardClass.GENERAL,
        f"{LAW}第三十九条第一款",
        "",
        "",
        "采取通风或者空调等措施，使机房温度保持在5℃～40℃之间",
        ("31103506002016053337",),
        "equipment",
        False,
    ),
]


def sample_problems(count: int, photos_total: int = 0, long_text: bool = False) -> list[Problem]:
    problems = []
    taken = datetime(2026, 4, 30, 9, 40)
    photo_seed = 0
    per_problem = [0] * count
    for i in range(photos_total):
        per_problem[i % count] += 1
    for i in range(count):
        item, desc, hazard, duty, judged, penalty, measure, codes, scope, again = _FINDINGS[
            i % len(_FINDINGS)
        ]
        if long_text:
            desc = (
                desc + "；" + "现场检查发现相关记录内容不完整、签字不全，管理制度未落实到岗位，" * 3
            )
            desc = desc.rstrip("，") + "。"
            measure = measure + "，" + "整改完成后将整改报告及相关证明材料报送我局备查" * 2
        photos = []
        for _ in range(per_problem[i]):
            photo_seed += 1
            photos.append(
                Photo(
                    make_photo(photo_seed),
                    f"现场照片{photo_seed}",
                    taken + timedelta(minutes=7 * photo_seed),
                )
            )
        problems.append(
            Problem(
                seq=i + 1,
                item_id=item,
                description=desc,
                hazard=hazard,
                provision=duty,
                measure=measure,
                photos=photos,
                equipment_codes=codes,
                judged_by=judged,
                penalty=penalty,
                reinspection=again,
                scope=scope,
            )
        )
    return problems


def officers() -> list[Officer]:
    return [
        Officer("张明", "35060120001", make_signature(1)),
        Officer("陈晓燕", "35060120017", make_signature(2)),
    ]


def sample_directive(
    problems: int = 5,
    photos: int = 0,
    *,
    long_text: bool = False,
    refused: bool = False,
    supersedes: str | None = None,
    follow_up: bool = False,
) -> DirectiveDoc:
    officer_list = officers()
    return DirectiveDoc(
        number="某市监特令〔2026〕第010042号",
        authority_name="某某市市场监督管理局",
        authority_short="某某市市场监督管理局",
        issued_on=date(2026, 4, 30),
        deadline=date(2026, 5, 15),
        unit=UNIT,
        equipment=EQUIPMENT,
        problems=sample_problems(problems, photos, long_text),
        officers=officer_list,
        unit_signature_png=None if refused else make_signature(3),
        unit_signer_name=None if refused else "王建国",
        receipt_date=None if refused else date(2026, 4, 30),
        refused_to_sign=refused,
        refusal_note="见证人：赵丽（住院部护士长）在场见证" if refused else "",
        supersedes_number=supersedes,
        review_body=REVIEW_BODY,
        court=COURT,
        follow_up=FollowUp(
            date(2026, 5, 16), "经复查，第1—5项问题均已整改完毕，同意恢复使用。", officer_list[0]
        )
        if follow_up
        else None,
    )


def sample_record(problems: int = 3, photos: int = 0, *, refused: bool = False) -> RecordDoc:
    checks = (
        EquipmentCheck(EQUIPMENT[0], checked=32, passed=29, failed=2, not_applicable=1),
        EquipmentCheck(EQUIPMENT[1], checked=24, passed=22, failed=1, not_applicable=1),
        EquipmentCheck(EQUIPMENT[2], checked=28, passed=27, failed=1, not_applicable=0),
    )
    return RecordDoc(
        record_no="某市监特记〔2026〕第010108号",
        authority_name="某某市市场监督管理局",
        inspection_type="专项",
        task_source="某某市市场监督管理局2026年“五一”节前人员密集场所特种设备安全专项检查",
        started_at=datetime(2026, 4, 30, 9, 30),
        ended_at=datetime(2026, 4, 30, 11, 45),
        unit=UNIT,
        accompanied_by_name="王建国",
        accompanied_by_position="后勤保障科科长、安全管理负责人",
        equipment=checks,
        problems=sample_problems(problems, photos),
        measures_taken="当场下达《特种设备安全监察指令书》（某市监特令〔2026〕第010042号），"
        "责令对住院部1号客梯立即停止使用，其余问题限期至2026年5月15日前整改。",
        unit_opinion="对检查发现的问题无异议，将按要求立即整改。",
        officers=officers(),
        recorder=Officer("陈晓燕", "35060120017", make_signature(2)),
        place="某某市第一人民医院住院部、门诊楼、后勤楼",
        scope="电梯：使用单位安全管理（通用）、维护保养与应急管理、机房与驱动系统；"
        "自动扶梯：使用单位安全管理（通用）、安全保护装置；锅炉：使用单位安全管理（通用）、安全附件与保护装置",
        unit_signature_png=None if refused else make_signature(3),
        unit_signer_name=None if refused else "王建国",
        signed_on=None if refused else date(2026, 4, 30),
        refused_to_sign=refused,
        refusal_note="被检查单位负责人拒绝签字，见证人：赵丽（住院部护士长）" if refused else "",
        include_photos=photos > 0,
    )
