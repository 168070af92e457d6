"""Identifiers an inspector types on site: unit credit codes, equipment codes, certificates.

Typos in these fields are the usual reason a directive is served on the wrong unit or
a record cannot be matched to the equipment register, so every check says *where* the
problem is (``IdentifierError.position``) and says it in Chinese too, because the
form shows the message next to the field. Checks are deliberately as lenient as the
published formats allow: rejecting a real certificate on site is worse than accepting
an odd one, so anything we are not sure of is kept as text (DOMAIN.md §6).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, EquipmentKind


class IdentifierError(ValueError):
    """A malformed identifier; ``str()`` is the English message."""

    def __init__(self, message_en: str, message_zh: str, position: int | None = None) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_zh = message_zh
        self.position = position  # 1-based index of the offending character, if one


# Full-width ASCII (！..～) to half-width, plus the ideographic space: Chinese input
# methods and scanned documents produce them, and they look identical on screen.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _clean(code: object, what: str) -> str:
    if not isinstance(code, str):
        raise IdentifierError(f"{what} must be text", f"{what}必须是文本")
    return code.translate(_FULL_WIDTH).strip().upper()


# ---------------------------------------------------------------- USCC (GB 32100-2015)

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # GB 11714 body: A=10 .. Z=35
# Position 1, 登记管理部门代码: 1 机构编制 2 外交 3 司法行政 4 文化 5 民政 6 旅游 7 宗教
# 8 工会 9 工商(市场监管) A 中央军委改革和编制办公室 N 农业 Y 其他. Position 2 (type)
# depends on the authority and has grown over time, so it is not checked.
USCC_AUTHORITIES = frozenset("123456789ANY")


def uscc_check_char(first17: str) -> str:
    """Position 18 of a USCC: (31 − Σ value·weight mod 31) mod 31, read back in the charset."""
    body = _clean(first17, "统一社会信用代码")
    if len(body) != 17:
        raise IdentifierError(
            f"need the first 17 characters, got {len(body)}", f"需要前17位，实际{len(body)}位"
        )
    for i, ch in enumerate(body, start=1):
        if ch not in _USCC_VALUE:
            raise _uscc_char_error(ch, i)
    total = sum(_USCC_VALUE[c] * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """Check character of a 组织机构代码 (GB 11714): 11 − Σ mod 11, 10 → X, 11 → 0."""
    body = _clean(first8, "组织机构代码")
    if len(body) != 8:
        raise IdentifierError(
            f"an organisation code body has 8 characters, got {len(body)}",
            f"组织机构代码本体应为8位，实际{len(body)}位",
        )
    for i, ch in enumerate(body, start=1):
        if ch not in _ORG_CHARSET:
            raise IdentifierError(
                f"illegal character {ch!r} at position {i}: only digits and A-Z",
                f"第{i}位字符“{ch}”不合法：只能是数字或大写字母",
                i,
            )
    check = (
        11 - sum(_ORG_CHARSET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    )
    return {10: "X", 11: "0"}.get(check, str(check))


def _uscc_char_error(ch: str, position: int) -> IdentifierError:
    if ch in "IOSVZ":
        return IdentifierError(
            f"illegal character {ch!r} at position {position}: the letters I, O, S, V, Z "
            "are not used in a unified social credit code",
            f"第{position}位字符“{ch}”不合法：统一社会信用代码不使用字母 I、O、S、V、Z",
            position,
        )
    return IdentifierError(
        f"illegal character {ch!r} at position {position}: only digits and the letters "
        "A-Y except I, O, S, V",
        f"第{position}位字符“{ch}”不合法：只能是数字或大写字母（不含 I、O、S、V、Z）",
        position,
    )


def validate_uscc(code: str, *, check_org_code: bool = True) -> str:
    """Return the normalised 统一社会信用代码 or raise IdentifierError naming the problem.

    ``check_org_code=False`` skips the GB 11714 check of positions 9–17, for the rare
    records whose embedded organisation code was assigned outside that scheme.
    """
    text = _clean(code, "统一社会信用代码")
    if len(text) != 18:
        raise IdentifierError(
            f"a unified social credit code has 18 characters, got {len(text)}",
            f"统一社会信用代码应为18位，实际{len(text)}位",
        )
    for i, ch in enumerate(text, start=1):
        if ch not in _USCC_VALUE:
            raise _uscc_char_error(ch, i)
    if text[0] not in USCC_AUTHORITIES:
        raise IdentifierError(
            f"position 1 (registration authority) {text[0]!r} is not a known authority code "
            "(1-9, A, N, Y)",
            f"第1位登记管理部门代码“{text[0]}”无效（应为1-9、A、N、Y）",
            1,
        )
    if check_org_code:
        org = org_code_check_char(text[8:16])
        if text[16] != org:
            raise IdentifierError(
                f"the organisation code (positions 9-17) fails its check: position 17 should "
                f"be {org!r} if positions 9-16 are right",
                f"组织机构代码（第9-17位）校验不符：若第9-16位无误，第17位应为“{org}”",
                17,
            )
    expected = uscc_check_char(text[:17])
    if text[17] != expected:
        raise IdentifierError(
            f"wrong check character at position 18: {text[17]!r}, should be {expected!r} "
            "if the first 17 characters are right",
            f"第18位校验码“{text[17]}”错误：若前17位无误，应为“{expected}”",
            18,
        )
    return text


def is_valid_uscc(code: str, *, check_org_code: bool = True) -> bool:
    try:
        validate_uscc(code, check_org_code=check_org_code)
    except IdentifierError:
        return False
    return True


def make_uscc(first17: str) -> str:
    """Complete a USCC for demo data; given 16 characters, position 17 is derived as well."""
    body = _clean(first17, "统一社会信用代码")
    if len(body) == 16:
        body += org_code_check_char(body[8:16])
    return body + uscc_check_char(body)


# ------------------------------------------------- equipment categories (特种设备目录 2014)

CATEGORY_NAMES: dict[str, str] = {
    "1000": "锅炉",
    "1100": "承压蒸汽锅炉",
    "1200": "承压热水锅炉",
    "1300": "有机热载体锅炉",
    "1310": "有机热载体气相炉",
    "1320": "有机热载体液相炉",
    "3000": "电梯",
    "3100": "曳引与强制驱动电梯",
    "3110": "曳引驱动乘客电梯",
    "3120": "曳引驱动载货电梯",
    "3130": "强制驱动载货电梯",
    "3200": "液压驱动电梯",
    "3210": "液压乘客电梯",
    "3220": "液压载货电梯",
    "3300": "自动扶梯与自动人行道",
    "3310": "自动扶梯",
    "3320": "自动人行道",
    "3400": "其他类型电梯",
    "3410": "防爆电梯",
    "3420": "消防员电梯",
    "3430": "杂物电梯",
    "6000": "大型游乐设施",
    "6100": "观览车类",
    "6200": "滑行车类",
    "6300": "架空游览车类",
    "6400": "陀螺类",
    "6500": "飞行塔类",
    "6600": "转马类",
    "6700": "自控飞机类",
    "6800": "赛车类",
    "6900": "小火车类",
    "6A00": "碰碰车类",
    "6B00": "滑道类",
    "6D00": "水上游乐设施",
    "6E00": "无动力游乐设施",
    "9000": "客运索道",
    "9100": "客运架空索道",
    "9110": "往复式客运架空索道",
    "9120": "循环式客运架空索道",
    "9200": "客运缆车",
    "9210": "往复式客运缆车",
    "9220": "循环式客运缆车",
    "9300": "客运拖牵索道",
    "9310": "低位客运拖牵索道",
    "9320": "高位客运拖牵索道",
}

_KIND_BY_FIRST_DIGIT = {
    "1": EquipmentKind.BOILER,
    "3": EquipmentKind.ELEVATOR,
    "6": EquipmentKind.AMUSEMENT_RIDE,
    "9": EquipmentKind.ROPEWAY,
}
_ESCALATOR_CODES = frozenset({"3300", "3310", "3320"})


def category_kind(code: str) -> EquipmentKind | None:
    """The app's equipment kind for a known catalogue code, else None."""
    code = code.strip().upper() if isinstance(code, str) else ""
    if code not in CATEGORY_NAMES:
        return None
    if code in _ESCALATOR_CODES:
        return EquipmentKind.ESCALATOR
    return _KIND_BY_FIRST_DIGIT[code[0]]


def _fits_kind(code: str, kind: EquipmentKind) -> bool:
    # 3000 "电梯" is the whole class and covers escalators as well.
    if code == "3000" and kind in (EquipmentKind.ELEVATOR, EquipmentKind.ESCALATOR):
        return True
    return category_kind(code) == kind


def _kind_mismatch(code: str, kind: EquipmentKind, position: int | None) -> IdentifierError:
    return IdentifierError(
        f"category {code} ({CATEGORY_NAMES[code]}) is not a {kind.value.replace('_', ' ')}",
        f"类别代码{code}（{CATEGORY_NAMES[code]}）不属于{EQUIPMENT_KIND_ZH[kind]}",
        position,
    )


def validate_category_code(code: str, kind: EquipmentKind | None = None) -> str:
    """Return a known 4-character catalogue code, consistent with ``kind`` when given."""
    text = _clean(code, "设备类别代码")
    if len(text) != 4:
        raise IdentifierError(
            f"a category code has 4 characters, got {len(text)}",
            f"设备类别代码应为4位，实际{len(text)}位",
        )
    if text not in CATEGORY_NAMES:
        raise IdentifierError(
            f"unknown equipment category code {text!r}",
            f"未知的设备类别代码“{text}”",
            1,
        )
    if kind is not None and not _fits_kind(text, kind):
        raise _kind_mismatch(text, kind, 1)
    return text


# ---------------------------------------------------------- 注册代码 and 设备代码


class RegistrationCode(NamedTuple):
    code: str
    category: str
    region: str
    year: int
    serial: str


# First two digits of a GB/T 2260 region code (province level).
_PROVINCE_PREFIXES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64"}
    | {"65", "71", "81", "82"}
)


def validate_registration_code(
    code: str, kind: EquipmentKind | None = None, *, min_year: int = 1950, max_year: int = 2100
) -> RegistrationCode:
    """Parse a 20-character 注册代码: category(4) + region(6) + year(4) + serial(6).

    Apart from ride categories such as 6A00, whose code carries a letter, all
    characters are digits. Pass ``max_year=today.year + 1`` to reject future years.
    """
    text = _clean(code, "注册代码")
    if len(text) != 20:
        raise IdentifierError(
            f"a registration code has 20 characters, got {len(text)}",
            f"注册代码应为20位，实际{len(text)}位",
        )
    for i, ch in enumerate(text, start=1):
        if not (ch.isascii() and (ch.isdigit() or (i <= 4 and ch.isalpha()))):
            raise IdentifierError(
                f"illegal character {ch!r} at position {i}: a registration code is digits",
                f"第{i}位字符“{ch}”不合法：注册代码应为数字",
                i,
            )
    category = validate_category_code(text[:4], kind)
    region, year, serial = text[4:10], int(text[10:14]), text[14:]
    if region[:2] not in _PROVINCE_PREFIXES:
        raise IdentifierError(
            f"region code {region} (positions 5-10) is not a Chinese administrative division",
            f"第5-10位行政区划代码“{region}”无效",
            5,
        )
    if not min_year <= year <= max_year:
        raise IdentifierError(
            f"registration year {year} (positions 11-14) is outside {min_year}-{max_year}",
            f"第11-14位登记年份{year}不在{min_year}-{max_year}之间",
            11,
        )
    return RegistrationCode(text, category, region, year, serial)


_EQUIPMENT_CODE = re.compile(r"[0-9A-Z]{10,30}")


def validate_equipment_code(code: str, kind: EquipmentKind | None = None) -> str:
    """Accept a 20-digit 注册代码 (checked strictly) or a newer 设备代码.

    A TSG 08 设备代码 is category(4) + maker(5) + year(4) + serial(5, letters once
    past 99999), and local systems vary, so beyond the category prefix it stays text.
    """
    text = _clean(code, "设备代码")
    if len(text) == 20 and text[4:].isdigit() and text[4:].isascii():
        return validate_registration_code(text, kind).code
    if not _EQUIPMENT_CODE.fullmatch(text):
        bad = next(
            (i for i, c in enumerate(text, 1) if not ("0" <= c <= "9" or "A" <= c <= "Z")), None
        )
        raise IdentifierError(
            f"an equipment code has 10-30 letters or digits, got {len(text)} characters"
            + (f" with {text[bad - 1]!r} at position {bad}" if bad else ""),
            f"设备代码应为10-30位字母或数字，实际{len(text)}位"
            + (f"，第{bad}位“{text[bad - 1]}”不合法" if bad else ""),
            bad,
        )
    validate_category_code(text[:4], kind)
    return text


def make_registration_code(category: str, region: str, year: int, serial: int | str) -> str:
    """Build a 20-character 注册代码 for demo data; the result validates."""
    serial_text = f"{int(serial):06d}" if isinstance(serial, int) else serial
    text = f"{category}{region}{year:04d}{serial_text}"
    return validate_registration_code(text).code


# ----------------------------------------------------------- 使用登记证编号

CERTIFICATE_KIND_CHARS = {
    EquipmentKind.ELEVATOR: "梯",
    EquipmentKind.ESCALATOR: "梯",
    EquipmentKind.BOILER: "锅",
    EquipmentKind.ROPEWAY: "索",
    EquipmentKind.AMUSEMENT_RIDE: "游",
}
PROVINCE_ABBREVIATIONS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台"
# 容 vessels, 管 pipes, 起 cranes, 车 in-site vehicles, 瓶 cylinders: outside the app's
# four kinds but seen on mixed sites, so accepted when no kind is given.
_CERT_RE = re.compile(
    rf"(?P<kind>[梯锅索游容管起车瓶])(?P<type>\d{{2}})(?P<province>[{PROVINCE_ABBREVIATIONS}])"
    r"(?P<city>[A-Z])(?P<serial>\d{1,8})(?:\((?P<year>\d{2}|\d{4})\))?"
)


def validate_certificate_number(text: str, kind: EquipmentKind | None = None) -> str:
    """Loosely check a 使用登记证编号 like ``梯11闽E3622(16)``.

    Full-width characters and spaces are normalised away (people paste these from
    scanned certificates); ``IdentifierError.position`` refers to the normalised text.
    """
    if not isinstance(text, str):
        raise IdentifierError("certificate number must be text", "使用登记证编号必须是文本")
    norm = text.translate(_FULL_WIDTH).strip().replace(" ", "").upper()
    if not _CERT_RE.fullmatch(norm):
        raise IdentifierError(
            f"{norm!r} is not a registration certificate number like 梯11闽E3622(16): "
            "kind character, 2 digits, province, city letter, serial, optional (year)",
            f"“{norm}”不是有效的使用登记证编号，格式如 梯11闽E3622(16)："
            "类别字 + 2位数字 + 省份简称 + 城市字母 + 顺序号 +（年份）",
            _first_mismatch(norm),
        )
    if kind is not None and norm[0] != CERTIFICATE_KIND_CHARS[kind]:
        want = CERTIFICATE_KIND_CHARS[kind]
        raise IdentifierError(
            f"certificate starts with {norm[0]!r} but this equipment needs {want!r}",
            f"登记证编号首字为“{norm[0]}”，该设备应为“{want}”",
            1,
        )
    return norm


def _first_mismatch(norm: str) -> int | None:
    """1-based position of the first character the pattern cannot accept, for the UI."""
    for n in range(len(norm), 0, -1):
        prefix = norm[:n]
        # A prefix is acceptable if some completion of it could match: try it against
        # the pattern with every later part made optional.
        if _CERT_PREFIX_RE.fullmatch(prefix):
            return n + 1 if n < len(norm) else None
    return 1 if norm else None


_CERT_PREFIX_RE = re.compile(
    rf"[梯锅索游容管起车瓶](?:\d(?:\d(?:[{PROVINCE_ABBREVIATIONS}](?:[A-Z](?:\d{{1,8}}"
    r"(?:\((?:\d\d?|\d\d\)|\d{3}|\d{4}\)?)?)?)?)?)?)?)?"
)
