"""The ledger's vocabulary: headers, dates, venue types, categories (rules/ledger.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.rules.enums import EquipmentKind, EquipmentStatus, VenueType
from inspector_app.rules.ledger import (
    FIELDS,
    LedgerValueError,
    Vocabulary,
    cell_text,
    code_text,
    default_header_aliases,
    header_candidates,
    normalize_header,
    parse_date,
    parse_yes_no,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-09-01", dt.date(2026, 9, 1)),
        ("2026/9/1", dt.date(2026, 9, 1)),
        ("2026.9.1", dt.date(2026, 9, 1)),
        ("2026. 9. 1", dt.date(2026, 9, 1)),
        ("2026年9月1日", dt.date(2026, 9, 1)),
        ("2026年09月01号", dt.date(2026, 9, 1)),
        ("２０２６－０９－０１", dt.date(2026, 9, 1)),  # full-width, as typed with a Chinese IME
        ("20260901", dt.date(2026, 9, 1)),
        (20260901, dt.date(2026, 9, 1)),
        ("2026-09-01 00:00:00", dt.date(2026, 9, 1)),
        (46266, dt.date(2026, 9, 1)),  # an Excel serial
        (46266.0, dt.date(2026, 9, 1)),
        ("46266", dt.date(2026, 9, 1)),
        (dt.datetime(2026, 9, 1, 0, 0), dt.date(2026, 9, 1)),
        (dt.date(2026, 9, 1), dt.date(2026, 9, 1)),
    ],
)
def test_dates_in_the_spellings_ledgers_use(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2026.2.30", "没有2月30日"),
        ("2026年13月1日", "没有13月1日"),
        ("明年九月", "不是可识别的日期"),
        ("2026-09", "不是可识别的日期"),
        (-3, "不是日期"),
        ("1899-01-01", "不在1950年到2100年之间"),
        ("", "日期为空"),
    ],
)
def test_bad_dates_say_what_is_wrong(value, fragment):
    with pytest.raises(LedgerValueError, match=fragment):
        parse_date(value)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_date_reads_back_in_every_spelling(day):
    for text in (
        day.isoformat(),
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}/{day.month}/{day.day}",
        (day - dt.date(1899, 12, 30)).days,
    ):
        assert parse_date(text) == day


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True)))
def test_date_parser_gives_a_date_in_range_or_a_chinese_reason(value):
    try:
        day = parse_date(value)
    except LedgerValueError as exc:
        assert str(exc) and not str(exc).isascii()
    else:
        assert dt.date(1950, 1, 1) <= day <= dt.date(2100, 12, 31)


def test_headers_are_normalised_and_every_alias_maps_to_its_field():
    aliases = default_header_aliases()
    for f in FIELDS:
        for alias in f.aliases:
            assert aliases[normalize_header(alias)] == f.key, alias
    assert normalize_header(" 统一社会\n信用代码* ") == "统一社会信用代码"
    assert header_candidates("投用日期（年月日）") == ["投用日期年月日", "投用日期"]
    assert aliases[header_candidates("设备注册代码（20位）")[1]] == "registration_code"


def test_venue_types_and_categories_by_their_usual_names():
    v = Vocabulary.default()
    assert v.venue_type("小学") == VenueType.SCHOOL
    assert v.venue_type(" 住宅小区 ") == VenueType.RESIDENTIAL
    assert v.venue_type("购物中心") == VenueType.MALL
    assert v.category("曳引驱动乘客电梯") == "3110"
    assert v.category("自动扶梯") == "3310"
    assert v.category("承压蒸汽锅炉") == "1100"
    assert v.category("客运架空索道") == "9100"
    assert v.category("观览车类") == "6100"
    assert v.category("3110") == "3110"
    assert v.category("3110 曳引驱动乘客电梯") == "3110"
    assert v.kind("电梯") == EquipmentKind.ELEVATOR
    assert v.kind("大型游乐设施") == EquipmentKind.AMUSEMENT_RIDE
    assert v.status("停用") == EquipmentStatus.SUSPENDED
    with pytest.raises(LedgerValueError, match="未知的场所类型“宇宙飞船”"):
        v.venue_type("宇宙飞船")
    with pytest.raises(LedgerValueError, match="未知的设备类别"):
        v.category("时光机")


def test_an_office_adds_its_own_spellings():
    v = Vocabulary.default()
    assert v.extend({"venue_type": {"写字楼": "mall"}, "category": {"观光车": "小火车类"}}) == []
    assert v.venue_type("写字楼") == VenueType.MALL
    assert v.category("观光车") == "6900"
    problems = v.extend({"venue_type": {"火星": "moon"}, "colour": {"红": "red"}})
    assert len(problems) == 2


def test_codes_that_excel_turned_into_numbers_are_refused():
    with pytest.raises(LedgerValueError, match="15位以后的数字已丢失"):
        code_text(3.1103506002016054e19, "设备注册代码")
    with pytest.raises(LedgerValueError, match="文本"):
        code_text(913506007152672600, "统一社会信用代码")
    assert code_text(" 9144 0300 7152 6726XG ", "x") == "9144030071526726XG"
    assert cell_text(12.0) == "12" and cell_text(1.5) == "1.5"


def test_yes_and_no():
    assert parse_yes_no("是") is True and parse_yes_no("否") is False
    with pytest.raises(LedgerValueError):
        parse_yes_no("也许")
