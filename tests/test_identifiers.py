from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from inspector_app.rules.enums import EquipmentKind
from inspector_app.rules.identifiers import (
    CATEGORY_NAMES,
    USCC_AUTHORITIES,
    USCC_CHARSET,
    IdentifierError,
    RegistrationCode,
    category_kind,
    is_valid_uscc,
    make_registration_code,
    make_uscc,
    org_code_check_char,
    uscc_check_char,
    validate_category_code,
    validate_certificate_number,
    validate_equipment_code,
    validate_registration_code,
    validate_uscc,
)

EXAMPLE_USCC = "9144030071526726XG"

uscc_chars = st.sampled_from(USCC_CHARSET)
authority = st.sampled_from(sorted(USCC_AUTHORITIES))
first17 = st.builds(
    lambda a, rest: a + "".join(rest), authority, st.lists(uscc_chars, min_size=16, max_size=16)
)
valid_uscc = st.builds(
    lambda a, rest: make_uscc(a + "".join(rest)),
    authority,
    st.lists(uscc_chars, min_size=15, max_size=15),
)


def _error(func, *args, **kwargs) -> IdentifierError:
    with pytest.raises(IdentifierError) as info:
        func(*args, **kwargs)
    err = info.value
    assert isinstance(err, ValueError)
    assert str(err) == err.message_en and err.message_zh
    return err


# ----------------------------------------------------------------- USCC


def test_known_example_is_valid_and_normalised():
    assert validate_uscc(EXAMPLE_USCC) == EXAMPLE_USCC
    assert validate_uscc("  9144030071526726xg\n") == EXAMPLE_USCC
    assert validate_uscc("９１４４０３００７１５２６７２６ＸＧ") == EXAMPLE_USCC  # full-width input
    assert is_valid_uscc(EXAMPLE_USCC)
    assert uscc_check_char(EXAMPLE_USCC[:17]) == "G"
    assert org_code_check_char("71526726") == "X"
    assert make_uscc(EXAMPLE_USCC[:17]) == EXAMPLE_USCC
    assert make_uscc(EXAMPLE_USCC[:16]) == EXAMPLE_USCC


def test_org_code_check_maps_10_to_x_and_11_to_0():
    # Σ ≡ 0 (mod 11) gives 11 → "0"; the example above gives 10 → "X".
    assert org_code_check_char("00000000") == "0"
    assert org_code_check_char("00000001") == "9"  # 11 - 2


@given(first17)
def test_any_prefix_gets_a_check_char_that_validates(prefix):
    code = prefix + uscc_check_char(prefix)
    assert is_valid_uscc(code, check_org_code=False)
    assert is_valid_uscc(code) == (code[16] == org_code_check_char(code[8:16]))


@given(valid_uscc)
def test_generated_codes_validate(code):
    assert validate_uscc(code) == code


@given(valid_uscc, st.integers(0, 17), uscc_chars)
def test_every_single_substitution_is_detected(code, index, char):
    mutated = code[:index] + char + code[index + 1 :]
    assume(mutated != code)
    assert not is_valid_uscc(mutated)
    # Stronger: the mod-31 check alone catches it (31 is prime, no weight is 0 mod 31).
    assert uscc_check_char(mutated[:17]) != mutated[17]


@given(valid_uscc, st.integers(0, 16))
def test_every_adjacent_transposition_is_detected(code, index):
    # Weights are 3^(i-1) mod 31, so neighbours always differ and (a-b)(w_i - w_j) ≠ 0
    # mod 31 whenever a ≠ b; the check character acts as weight 1 against 28 at 17.
    mutated = code[:index] + code[index + 1] + code[index] + code[index + 2 :]
    assume(mutated != code)
    assert not is_valid_uscc(mutated)
    assert uscc_check_char(mutated[:17]) != mutated[17]


@given(
    st.text("0123456789", min_size=8, max_size=8), st.integers(0, 7), st.sampled_from("0123456789")
)
def test_org_code_detects_digit_substitutions(body, index, digit):
    mutated = body[:index] + digit + body[index + 1 :]
    assume(mutated != body)
    assert org_code_check_char(mutated) != org_code_check_char(body)


@given(st.text("0123456789", min_size=8, max_size=8), st.integers(0, 6))
def test_org_code_detects_digit_transpositions(body, index):
    mutated = body[:index] + body[index + 1] + body[index] + body[index + 2 :]
    assume(mutated != body)
    assert org_code_check_char(mutated) != org_code_check_char(body)


def test_org_code_misses_letters_eleven_apart():
    # True limitation of mod 11: values 0 and B (=11) weigh the same. The USCC's own
    # mod-31 check still catches such a typo.
    assert org_code_check_char("0000000A") != org_code_check_char("00000000")
    assert org_code_check_char("B0000000") == org_code_check_char("00000000")


def test_message_for_wrong_length():
    err = _error(validate_uscc, EXAMPLE_USCC[:-1])
    assert "18" in err.message_en and "17" in err.message_en
    assert "18位" in err.message_zh
    assert err.position is None


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_message_for_forbidden_letters(letter):
    err = _error(validate_uscc, EXAMPLE_USCC[:5] + letter + EXAMPLE_USCC[6:])
    assert err.position == 6
    assert "position 6" in err.message_en and "I, O, S, V, Z" in err.message_en
    assert "第6位" in err.message_zh


def test_message_for_other_illegal_character():
    err = _error(validate_uscc, "91440300-1526726XG")
    assert err.position == 9 and "'-'" in err.message_en


def test_message_for_unknown_authority():
    code = make_uscc("B" + EXAMPLE_USCC[1:16])
    err = _error(validate_uscc, code)
    assert err.position == 1 and "authority" in err.message_en and "登记管理部门" in err.message_zh


def test_message_for_wrong_org_code_check():
    code = make_uscc(EXAMPLE_USCC[:16] + "1")  # valid mod 31, wrong position 17
    assert is_valid_uscc(code, check_org_code=False)
    err = _error(validate_uscc, code)
    assert err.position == 17 and "'X'" in err.message_en and "“X”" in err.message_zh


def test_message_for_wrong_check_char_names_the_right_one():
    err = _error(validate_uscc, EXAMPLE_USCC[:17] + "H")
    assert err.position == 18
    assert "should be 'G'" in err.message_en and "应为“G”" in err.message_zh


def test_non_text_is_rejected():
    assert not is_valid_uscc(None)  # type: ignore[arg-type]


# ----------------------------------------------------------------- categories


def test_category_kinds():
    assert category_kind("3110") is EquipmentKind.ELEVATOR
    assert category_kind("3430") is EquipmentKind.ELEVATOR
    for code in ("3300", "3310", "3320"):
        assert category_kind(code) is EquipmentKind.ESCALATOR
    assert category_kind("1200") is EquipmentKind.BOILER
    assert category_kind("6a00") is EquipmentKind.AMUSEMENT_RIDE
    assert category_kind("9100") is EquipmentKind.ROPEWAY
    assert category_kind("2000") is None  # pressure vessels: not in this app
    assert all(category_kind(code) is not None for code in CATEGORY_NAMES)


def test_validate_category_code():
    assert validate_category_code(" 3310 ", EquipmentKind.ESCALATOR) == "3310"
    assert validate_category_code("3000", EquipmentKind.ESCALATOR) == "3000"
    assert _error(validate_category_code, "311").position is None
    assert "unknown" in _error(validate_category_code, "3150").message_en
    err = _error(validate_category_code, "3110", EquipmentKind.ESCALATOR)
    assert "曳引驱动乘客电梯" in err.message_zh and "自动扶梯" in err.message_zh


# ----------------------------------------------------------------- 注册代码 / 设备代码


def test_registration_code_example():
    assert validate_registration_code("31103506002016053337", EquipmentKind.ELEVATOR) == (
        RegistrationCode("31103506002016053337", "3110", "350600", 2016, "053337")
    )


regions = st.builds(
    lambda p, rest: p + rest,
    st.sampled_from(["11", "35", "44", "65", "82"]),
    st.text("0123456789", min_size=4, max_size=4),
)


@given(
    st.sampled_from(sorted(CATEGORY_NAMES)),
    regions,
    st.integers(1950, 2100),
    st.integers(0, 999_999),
)
def test_registration_code_round_trip(category, region, year, serial):
    code = make_registration_code(category, region, year, serial)
    parsed = validate_registration_code(code, category_kind(category))
    assert parsed == RegistrationCode(code, category, region, year, f"{serial:06d}")
    assert validate_equipment_code(code) == code
    assert (
        validate_registration_code(code.translate({ord(c): ord(c) + 0xFEE0 for c in code}))
        == parsed
    )


@pytest.mark.parametrize(
    ("code", "position", "fragment"),
    [
        ("3110350600201605333", None, "20 characters"),
        ("31103506002016O53337", 15, "illegal character"),
        ("31503506002016053337", 1, "unknown equipment category"),
        ("31109906002016053337", 5, "region"),
        ("31103506001899053337", 11, "1899"),
    ],
)
def test_registration_code_errors(code, position, fragment):
    err = _error(validate_registration_code, code)
    assert err.position == position and fragment in err.message_en


def test_registration_code_kind_and_max_year():
    assert _error(validate_registration_code, "31103506002016053337", EquipmentKind.BOILER)
    assert _error(validate_registration_code, "31103506002030053337", max_year=2027).position == 11


def test_equipment_code_lenient_form():
    # TSG 08 设备代码: category + maker + year + serial, letters allowed past 99999.
    assert validate_equipment_code("3110 10890 2015 A0098".replace(" ", "")) == "3110108902015A0098"
    assert validate_equipment_code("6b0023010201900001", EquipmentKind.AMUSEMENT_RIDE)
    assert _error(validate_equipment_code, "311010").position is None
    assert _error(validate_equipment_code, "3110-10890-2015").position == 5
    assert "unknown" in _error(validate_equipment_code, "2150108902015000980").message_en
    # 20 digits is the registration form and is checked strictly.
    assert _error(validate_equipment_code, "31109906002016053337").position == 5


# ----------------------------------------------------------------- 使用登记证编号


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("梯11闽E3622(16)", "梯11闽E3622(16)"),
        (" 梯11闽e3622（16） ", "梯11闽E3622(16)"),
        ("梯31粤B01234", "梯31粤B01234"),
        ("锅11京A0001(2019)", "锅11京A0001(2019)"),
    ],
)
def test_certificate_numbers_accepted(text, expected):
    assert validate_certificate_number(text) == expected


def test_certificate_kind_character():
    assert validate_certificate_number("梯33沪A123(20)", EquipmentKind.ESCALATOR)
    assert validate_certificate_number("索11川A12(18)", EquipmentKind.ROPEWAY)
    assert validate_certificate_number("游12浙B345(21)", EquipmentKind.AMUSEMENT_RIDE)
    err = _error(validate_certificate_number, "锅11京A0001(19)", EquipmentKind.ELEVATOR)
    assert err.position == 1 and "'梯'" in err.message_en
    assert validate_certificate_number("容11京A0001(19)")  # other kinds without a kind given


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("梯1闽E3622(16)", 3),
        ("梯11X E3622(16)", 4),  # not a province abbreviation
        ("A11闽E3622", 1),
        ("梯11闽E3622(16", None),  # incomplete
        ("梯11闽E3622(1)", 12),
    ],
)
def test_certificate_numbers_rejected(text, position):
    err = _error(validate_certificate_number, text)
    assert err.position == position
    assert "梯11闽E3622(16)" in err.message_zh
