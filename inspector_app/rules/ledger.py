"""The equipment ledger (设备台账) an office imports: its columns and how its values read.

Pure rules, no files and no SQL: which Chinese column headers mean which field,
and how a cell's text becomes a date, a venue type or a catalogue category.
Every parser raises ``LedgerValueError`` with a Chinese message that goes into
the validation report next to the cell, so the office can fix the cell.

The vocabularies below are defaults: an office extends them in its saved
mapping (``core.ledger.mapping``) without a new release.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .enums import EquipmentKind, EquipmentStatus, VenueType
from .identifiers import _FULL_WIDTH, CATEGORY_NAMES

UNIT, EQUIPMENT, MAINTAINER = "unit", "equipment", "maintainer"


@dataclass(frozen=True)
class LedgerField:
    key: str
    label_zh: str
    group: str
    aliases: tuple[str, ...]  # usual headers, normalised by ``normalize_header``


FIELDS: tuple[LedgerField, ...] = (
    LedgerField(
        "unit_name",
        "使用单位名称",
        UNIT,
        ("使用单位名称", "使用单位", "单位名称", "使用单位全称", "单位全称"),
    ),
    LedgerField(
        "uscc",
        "统一社会信用代码",
        UNIT,
        (
            "统一社会信用代码",
            "使用单位统一社会信用代码",
            "单位统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "使用单位信用代码",
            "使用单位代码",
        ),
    ),
    LedgerField(
        "address",
        "单位地址",
        UNIT,
        ("单位地址", "使用单位地址", "地址", "单位详细地址", "使用单位详细地址"),
    ),
    LedgerField(
        "district",
        "所在区县",
        UNIT,
        (
            "所在区县",
            "区县",
            "所属区县",
            "所在区域",
            "所属区域",
            "行政区划",
            "辖区",
            "所属辖区",
            "区域",
        ),
    ),
    LedgerField(
        "venue_type",
        "场所类型",
        UNIT,
        (
            "场所类型",
            "场所类别",
            "使用场所",
            "使用场所类型",
            "场所",
            "场所性质",
            "公众聚集场所类型",
        ),
    ),
    LedgerField(
        "legal_representative",
        "法定代表人",
        UNIT,
        ("法定代表人", "法人代表", "法定代表人负责人", "主要负责人"),
    ),
    LedgerField(
        "contact_name",
        "联系人",
        UNIT,
        ("联系人", "安全管理员", "安全管理人员", "使用单位联系人", "安全管理负责人"),
    ),
    LedgerField(
        "contact_phone",
        "联系电话",
        UNIT,
        ("联系电话", "电话", "手机", "联系方式", "联系人电话", "安全管理员电话"),
    ),
    LedgerField("priority", "重点单位", UNIT, ("重点单位", "是否重点单位", "重点监管单位")),
    LedgerField("kind", "设备种类", EQUIPMENT, ("设备种类", "种类", "设备大类")),
    LedgerField(
        "category",
        "设备类别",
        EQUIPMENT,
        ("设备类别", "类别", "设备类别代码", "类别代码", "设备类型"),
    ),
    LedgerField("variety", "设备品种", EQUIPMENT, ("设备品种", "品种", "设备品种代码", "品种代码")),
    LedgerField(
        "registration_code",
        "设备注册代码",
        EQUIPMENT,
        (
            "设备注册代码",
            "注册代码",
            "设备代码",
            "设备注册代码设备代码",
            "注册代码设备代码",
            "设备注册号",
        ),
    ),
    LedgerField(
        "certificate_no",
        "使用登记证编号",
        EQUIPMENT,
        (
            "使用登记证编号",
            "使用登记证号",
            "登记证编号",
            "使用登记编号",
            "登记证号",
            "使用证编号",
            "使用登记证号码",
        ),
    ),
    LedgerField(
        "name",
        "设备内部编号/名称",
        EQUIPMENT,
        (
            "设备内部编号名称",
            "设备内部编号",
            "内部编号",
            "设备名称",
            "单位内编号",
            "设备编号",
            "设备名称内部编号",
        ),
    ),
    LedgerField(
        "location",
        "安装地点",
        EQUIPMENT,
        (
            "安装地点",
            "设备安装地点",
            "使用地点",
            "设备使用地点",
            "安装位置",
            "设备地点",
            "设备所在地点",
            "安装部位",
        ),
    ),
    LedgerField(
        "manufacturer",
        "制造单位",
        EQUIPMENT,
        ("制造单位", "制造单位名称", "制造厂家", "生产厂家", "制造商", "生产单位", "制造厂"),
    ),
    LedgerField(
        "model", "型号", EQUIPMENT, ("型号", "设备型号", "规格型号", "产品型号", "型号规格")
    ),
    LedgerField(
        "commissioned_on",
        "投用日期",
        EQUIPMENT,
        ("投用日期", "投入使用日期", "使用日期", "投用时间", "启用日期", "投入使用时间"),
    ),
    LedgerField(
        "last_inspected_on",
        "检验日期",
        EQUIPMENT,
        ("检验日期", "上次检验日期", "最近检验日期", "本次检验日期", "定期检验日期"),
    ),
    LedgerField(
        "next_inspection_due",
        "下次检验日期",
        EQUIPMENT,
        (
            "下次检验日期",
            "下次检验时间",
            "检验有效期至",
            "下次检验日期有效期至",
            "检验有效期",
            "下次检验到期日期",
        ),
    ),
    LedgerField("status", "设备状态", EQUIPMENT, ("设备状态", "使用状态", "状态", "设备使用状态")),
    LedgerField(
        "maintainer_name",
        "维保单位",
        MAINTAINER,
        ("维保单位", "维保单位名称", "维护保养单位", "维护保养单位名称"),
    ),
    LedgerField(
        "maintainer_uscc",
        "维保单位统一社会信用代码",
        MAINTAINER,
        (
            "维保单位统一社会信用代码",
            "维保单位信用代码",
            "维保单位社会信用代码",
            "维保单位代码",
            "维护保养单位统一社会信用代码",
        ),
    ),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
# Without these a row cannot be matched to anything; a new unit also needs its
# name and venue type, which is checked per row.
REQUIRED_FIELDS = ("uscc", "registration_code")

_BRACKETED = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")
_HEADER_NOISE = re.compile(r"[\s*＊:：/／、\\_\-—·.。()（）\[\]【】]+")


def normalize_header(text: Any) -> str:
    """Header text as compared with the aliases: no spaces, marks or full-width forms."""
    if text is None:
        return ""
    value = str(text).translate(_FULL_WIDTH)
    return _HEADER_NOISE.sub("", value).upper()


def header_candidates(text: Any) -> list[str]:
    """The normalised header, then the same without parenthesised notes like （必填）."""
    full = normalize_header(text)
    if not full:
        return []
    bare = normalize_header(_BRACKETED.sub("", str(text).translate(_FULL_WIDTH)))
    return [full] if bare in ("", full) else [full, bare]


def default_header_aliases() -> dict[str, str]:
    """Normalised header → field key, from ``FIELDS``."""
    return {normalize_header(alias): f.key for f in FIELDS for alias in f.aliases}


class LedgerValueError(ValueError):
    """A cell that cannot be read; the message is Chinese, for the report."""


# ------------------------------------------------------------------ values


def cell_text(value: Any) -> str:
    """A cell as text, as the office wrote it; numbers without a spurious ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def code_text(value: Any, what: str) -> str:
    """A code cell as text; a code Excel turned into a number has lost digits."""
    if isinstance(value, float) and (not value.is_integer() or abs(value) >= 1e15):
        raise LedgerValueError(
            f"{what}被Excel存成了数字（{value:.15g}），15位以后的数字已丢失：请把该列设为“文本”格式后"
            "重新填写"
        )
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e15:
        raise LedgerValueError(
            f"{what}被Excel存成了数字，15位以后的数字可能已丢失：请把该列设为“文本”"
        )
    return cell_text(value).translate(_FULL_WIDTH).replace(" ", "").upper()


EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 counting Excel's 1900-02-29
_DATE_PATTERNS = (
    re.compile(
        r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    ),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
MIN_DATE, MAX_DATE = dt.date(1950, 1, 1), dt.date(2100, 12, 31)


def parse_date(value: Any) -> dt.date:
    """Excel dates and serials, 2026-09-01, 2026/9/1, 2026.9.1, 2026年9月1日, 20260901."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if 10000000 <= value <= 99999999 and int(value) == value:  # 20260901 typed as a number
            return parse_date(str(int(value)))
        if not 1 <= value < 2958466:
            raise LedgerValueError(
                f"数字{cell_text(value)}不是日期（Excel日期序号应在1到2958465之间）"
            )
        day = EXCEL_EPOCH + dt.timedelta(days=int(value))
    else:
        text = cell_text(value).translate(_FULL_WIDTH)
        if not text:
            raise LedgerValueError("日期为空")
        for pattern in _DATE_PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                year, month, day_ = (int(g) for g in match.groups())
                try:
                    day = dt.date(year, month, day_)
                except ValueError:
                    raise LedgerValueError(
                        f"“{text}”不是有效日期（{year}年没有{month}月{day_}日）"
                    ) from None
                break
        else:
            if re.fullmatch(r"\d+(\.\d+)?", text):
                return parse_date(float(text))
            raise LedgerValueError(
                f"“{text}”不是可识别的日期，应写成 2026-09-01、2026/9/1、2026.9.1 或 2026年9月1日"
            )
    if not MIN_DATE <= day <= MAX_DATE:
        raise LedgerValueError(f"日期{day.isoformat()}不在{MIN_DATE.year}年到{MAX_DATE.year}年之间")
    return day


def _vocab_key(text: str) -> str:
    return normalize_header(text)


VENUE_ALIASES: dict[str, VenueType] = {
    **{
        zh: v
        for v, zh in (
            (VenueType.SCHOOL, "学校"),
            (VenueType.KINDERGARTEN, "幼儿园"),
            (VenueType.HOSPITAL, "医院"),
            (VenueType.STATION, "车站"),
            (VenueType.MALL, "商场"),
            (VenueType.SCENIC_SITE, "旅游景区"),
            (VenueType.AMUSEMENT_PARK, "游乐园"),
            (VenueType.RESIDENTIAL, "居民住宅"),
        )
    },
    **dict.fromkeys(
        (
            "小学",
            "中学",
            "中小学",
            "大学",
            "高校",
            "学院",
            "高等院校",
            "职业学校",
            "中职学校",
            "技工学校",
            "教育机构",
            "学校教育",
        ),
        VenueType.SCHOOL,
    ),
    **dict.fromkeys(("托儿所", "托育机构", "幼儿园托儿所"), VenueType.KINDERGARTEN),
    **dict.fromkeys(
        ("医疗机构", "卫生院", "医疗卫生机构", "社区卫生服务中心", "妇幼保健院"), VenueType.HOSPITAL
    ),
    **dict.fromkeys(
        (
            "火车站",
            "汽车站",
            "客运站",
            "高铁站",
            "地铁站",
            "交通枢纽",
            "公交枢纽",
            "机场",
            "码头",
            "港口客运站",
            "轨道交通",
        ),
        VenueType.STATION,
    ),
    **dict.fromkeys(
        (
            "商场超市",
            "购物中心",
            "超市",
            "商业综合体",
            "百货",
            "百货商场",
            "商业广场",
            "商业场所",
            "商贸场所",
        ),
        VenueType.MALL,
    ),
    **dict.fromkeys(("景区", "风景区", "风景名胜区", "旅游景点", "景点"), VenueType.SCENIC_SITE),
    **dict.fromkeys(
        ("游乐场", "游乐场所", "主题公园", "游乐园区", "公园游乐场"), VenueType.AMUSEMENT_PARK
    ),
    **dict.fromkeys(
        ("住宅", "住宅小区", "居民小区", "小区", "居住小区", "住宅楼", "居民楼"),
        VenueType.RESIDENTIAL,
    ),
}
VENUE_ALIASES.update({v.value.upper(): v for v in VenueType})

# Spellings seen in ledgers for catalogue entries, by code (DOMAIN.md §6 codes only).
CATEGORY_ALIASES: dict[str, str] = {
    **{name: code for code, name in CATEGORY_NAMES.items()},
    "乘客电梯": "3110",
    "曳引式乘客电梯": "3110",
    "曳引乘客电梯": "3110",
    "客梯": "3110",
    "载货电梯": "3120",
    "曳引式载货电梯": "3120",
    "货梯": "3120",
    "曳引与强制驱动": "3100",
    "强制驱动电梯": "3130",
    "液压电梯": "3200",
    "消防电梯": "3420",
    "杂物梯": "3430",
    "自动扶梯和自动人行道": "3300",
    "扶梯": "3310",
    "人行道": "3320",
    "蒸汽锅炉": "1100",
    "热水锅炉": "1200",
    "承压热水锅炉（热水锅炉）": "1200",
    "有机热载体炉": "1300",
    "导热油锅炉": "1300",
    "索道": "9000",
    "架空索道": "9100",
    "客运缆车": "9200",
    "缆车": "9200",
    "拖牵索道": "9300",
    "游乐设施": "6000",
    "观览车": "6100",
    "摩天轮": "6100",
    "滑行车": "6200",
    "过山车": "6200",
    "架空游览车": "6300",
    "陀螺": "6400",
    "飞行塔": "6500",
    "转马": "6600",
    "旋转木马": "6600",
    "自控飞机": "6700",
    "赛车": "6800",
    "小火车": "6900",
    "碰碰车": "6A00",
    "滑道": "6B00",
    "水上游乐设施": "6D00",
    "无动力游乐设施": "6E00",
}
KIND_ALIASES: dict[str, EquipmentKind] = {
    **{
        zh: k
        for k, zh in (
            (EquipmentKind.ELEVATOR, "电梯"),
            (EquipmentKind.ESCALATOR, "自动扶梯"),
            (EquipmentKind.BOILER, "锅炉"),
            (EquipmentKind.ROPEWAY, "客运索道"),
            (EquipmentKind.AMUSEMENT_RIDE, "大型游乐设施"),
        )
    },
    "索道": EquipmentKind.ROPEWAY,
    "游乐设施": EquipmentKind.AMUSEMENT_RIDE,
    "自动扶梯与自动人行道": EquipmentKind.ESCALATOR,
    "自动人行道": EquipmentKind.ESCALATOR,
    **{k.value.upper(): k for k in EquipmentKind},
}
STATUS_ALIASES: dict[str, EquipmentStatus] = {
    **dict.fromkeys(
        ("在用", "使用", "使用中", "正常", "正常使用", "在用设备", "IN_USE"), EquipmentStatus.IN_USE
    ),
    **dict.fromkeys(
        ("停用", "停止使用", "暂停使用", "报停", "SUSPENDED"), EquipmentStatus.SUSPENDED
    ),
    **dict.fromkeys(("封存", "查封", "SEALED"), EquipmentStatus.SEALED),
    **dict.fromkeys(("报废", "注销", "已报废", "已注销", "SCRAPPED"), EquipmentStatus.SCRAPPED),
}
YES = frozenset({"是", "Y", "YES", "TRUE", "1", "√", "重点", "重点单位"})
NO = frozenset({"否", "N", "NO", "FALSE", "0", "×", "", "一般", "非重点"})


@dataclass
class Vocabulary:
    """Value spellings in force: the defaults plus an office's own (``mapping``)."""

    venue_types: dict[str, VenueType]
    categories: dict[str, str]
    kinds: dict[str, EquipmentKind]
    statuses: dict[str, EquipmentStatus]

    @classmethod
    def default(cls) -> Vocabulary:
        return cls(
            venue_types={_vocab_key(k): v for k, v in VENUE_ALIASES.items()},
            categories={_vocab_key(k): v for k, v in CATEGORY_ALIASES.items()}
            | {code: code for code in CATEGORY_NAMES},
            kinds={_vocab_key(k): v for k, v in KIND_ALIASES.items()},
            statuses={_vocab_key(k): v for k, v in STATUS_ALIASES.items()},
        )

    def extend(self, extra: dict[str, dict[str, str]]) -> list[str]:
        """Add an office's spellings; returns problems (unknown targets), Chinese."""
        problems: list[str] = []
        tables: dict[str, tuple[dict, Any]] = {
            "venue_type": (self.venue_types, VenueType),
            "category": (self.categories, None),
            "kind": (self.kinds, EquipmentKind),
            "status": (self.statuses, EquipmentStatus),
        }
        for name, spellings in extra.items():
            if name not in tables:
                problems.append(f"未知的取值表“{name}”（可用：{'、'.join(tables)}）")
                continue
            table, enum_type = tables[name]
            for spelling, target in (spellings or {}).items():
                target_text = str(target).strip()
                if enum_type is None:
                    code = self.categories.get(_vocab_key(target_text))
                    if code is None:
                        problems.append(
                            f"{name}: “{spelling}”对应的“{target_text}”不是已知的设备类别"
                        )
                        continue
                    table[_vocab_key(str(spelling))] = code
                    continue
                try:
                    value = enum_type(target_text)
                except ValueError:
                    value = table.get(_vocab_key(target_text))
                if value is None:
                    problems.append(f"{name}: “{spelling}”对应的“{target_text}”无效")
                    continue
                table[_vocab_key(str(spelling))] = value
        return problems

    def venue_type(self, value: Any) -> VenueType:
        text = cell_text(value)
        found = self.venue_types.get(_vocab_key(text))
        if found is None:
            raise LedgerValueError(
                f"未知的场所类型“{text}”，可用：学校、幼儿园、医院、车站、商场、旅游景区、游乐园、居民住宅"
                "（其他写法可在列映射的取值表中补充）"
            )
        return found

    def category(self, value: Any) -> str:
        text = cell_text(value)
        key = _vocab_key(text)
        found = self.categories.get(key)
        if found is None:
            match = re.match(r"^([0-9][0-9A-F]{3})", key)  # "3110 曳引驱动乘客电梯"
            if match and match.group(1) in CATEGORY_NAMES:
                return match.group(1)
            raise LedgerValueError(
                f"未知的设备类别或品种“{text}”（应为特种设备目录中的名称或4位代码）"
            )
        return found

    def kind(self, value: Any) -> EquipmentKind:
        text = cell_text(value)
        found = self.kinds.get(_vocab_key(text))
        if found is None:
            try:
                return category_kind_of(self.category(text))
            except LedgerValueError:
                pass
            raise LedgerValueError(
                f"未知的设备种类“{text}”（应为电梯、自动扶梯、锅炉、客运索道或大型游乐设施）"
            )
        return found

    def status(self, value: Any) -> EquipmentStatus:
        text = cell_text(value)
        found = self.statuses.get(_vocab_key(text))
        if found is None:
            raise LedgerValueError(f"未知的设备状态“{text}”（应为在用、停用、封存或报废）")
        return found


def category_kind_of(code: str) -> EquipmentKind:
    from .identifiers import category_kind

    kind = category_kind(code)
    if kind is None:
        raise LedgerValueError(f"未知的设备类别代码“{code}”")
    return kind


def parse_yes_no(value: Any) -> bool:
    text = _vocab_key(cell_text(value))
    if text in YES:
        return True
    if text in NO:
        return False
    raise LedgerValueError(f"“{cell_text(value)}”应为“是”或“否”")


# What a category says about the checklist attributes of new equipment (forms/*.yaml
# applies_when); anything not implied by the catalogue stays unset, so every item applies.
CATEGORY_ATTRIBUTES: dict[str, dict[str, str]] = {
    "3110": {"drive": "traction", "usage": "passenger"},
    "3120": {"drive": "traction", "usage": "goods"},
    "3130": {"drive": "forced", "usage": "goods"},
    "3210": {"drive": "hydraulic", "usage": "passenger"},
    "3220": {"drive": "hydraulic", "usage": "goods"},
    "3200": {"drive": "hydraulic"},
    "3310": {"type": "escalator"},
    "3320": {"type": "moving_walk"},
    "1100": {"medium": "steam"},
    "1200": {"medium": "hot_water"},
    "1300": {"medium": "organic_heat_carrier"},
    "1310": {"medium": "organic_heat_carrier"},
    "1320": {"medium": "organic_heat_carrier"},
}
