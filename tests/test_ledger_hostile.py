"""Hostile ledgers: wrong encodings, merged headers, formulas, full sheets, empty sheets, junk.

Each gives a clear report (or a clear refusal) and never leaves half an import
behind; mutated valid files never raise anything but a LedgerFileError.
"""

from __future__ import annotations

import codecs
import random
import subprocess
import sys
import zipfile

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_files import GOOD, full_sheet_xlsx, write_csv, write_xlsx
from sqlalchemy import func, select

from inspector_app.core.errors import UserError
from inspector_app.core.ledger import ERROR, LedgerFileError, import_ledger
from inspector_app.core.ledger.read import EXCEL_MAX_ROWS
from inspector_app.store.models import ChangeLog, Equipment, Unit


def _counts(db) -> tuple[int, int, int]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) for m in (Unit, Equipment, ChangeLog)
        )


def _refused(db, path, fragment: str) -> LedgerFileError:
    before = _counts(db)
    with pytest.raises(LedgerFileError) as refused:
        import_ledger(db, path=path)
    assert fragment in refused.value.message_zh, refused.value.message_zh
    assert _counts(db) == before
    return refused.value


# ---------------------------------------------------------------- encodings


def test_a_csv_with_a_utf8_bom_in_front_of_gbk_text_is_read_as_gbk(sqlite_db, tmp_path):
    path = tmp_path / "台账.csv"
    path.write_bytes(codecs.BOM_UTF8 + write_csv(tmp_path / "x.csv", GOOD, "gbk").read_bytes())
    result = import_ledger(sqlite_db, path=path)
    assert result.encoding == "GBK (UTF-8-BOM)" and result.equipment_new == 3
    assert any("BOM" in note and "GBK" in note for note in result.notes)


def test_utf16_with_a_bom_and_tabs_as_excel_saves_unicode_text(sqlite_db, tmp_path):
    text = "\r\n".join("\t".join(str(v) for v in row) for row in GOOD)
    path = tmp_path / "台账.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = import_ledger(sqlite_db, path=path)
    assert result.encoding == "UTF-16" and result.equipment_new == 3


def test_utf16_without_a_bom_is_refused_with_what_to_do(sqlite_db, tmp_path):
    path = tmp_path / "台账.csv"
    path.write_bytes("\r\n".join(",".join(map(str, r)) for r in GOOD).encode("utf-16-le"))
    _refused(sqlite_db, path, "没有BOM的UTF-16")


def test_two_encodings_in_one_file_are_refused_with_the_line(sqlite_db, tmp_path):
    head = write_csv(tmp_path / "a.csv", GOOD[:3], "utf-8").read_bytes()
    tail = write_csv(tmp_path / "b.csv", GOOD[3:], "gbk").read_bytes()
    path = tmp_path / "台账.csv"
    path.write_bytes(head + tail)
    error = _refused(sqlite_db, path, "编码混杂")
    assert "第4行" in error.message_zh


def test_an_encoding_we_do_not_read_finds_no_headers_and_says_so(sqlite_db, tmp_path):
    rows = [
        ["使用單位名稱", "統一社會信用代碼", "場所類型", "設備註冊代碼"],
        ["漳州市實驗小學", "9144030071526726XG", "學校", "31103506002016053337"],
    ]
    path = write_csv(tmp_path / "台账.csv", rows, "big5")  # traditional characters, Big5
    _refused(sqlite_db, path, "没有找到可识别的表头")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "是空的"),
        (b"\x00\x01\x02binary\x00junk" * 50, "不是文本文件"),
        (b"<html><body><table><tr><td>x</td></tr></table></body></html>", "网页"),
        (b"PK\x03\x04" + b"\x00" * 200, "不是可读取的"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "不是可读取的"),
        (b"\x80\x81\xff\xfe\xfd" * 40, "编码无法识别"),
    ],
)
def test_files_that_are_not_ledgers_are_refused(sqlite_db, tmp_path, content, fragment):
    path = tmp_path / "台账.xls"
    path.write_bytes(content)
    _refused(sqlite_db, path, fragment)


def test_a_truncated_workbook_is_refused(sqlite_db, tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", GOOD).read_bytes()
    path = tmp_path / "台账.xlsx"
    path.write_bytes(good[: len(good) // 2])
    _refused(sqlite_db, path, "不是可读取的")


def test_an_unclosed_quote_in_a_csv_is_a_clear_error(sqlite_db, tmp_path):
    text = "\n".join(",".join(map(str, r)) for r in GOOD) + '\n"' + "x" * 200_000
    path = tmp_path / "台账.csv"
    path.write_text(text, encoding="utf-8")
    _refused(sqlite_db, path, "CSV格式有误")


# ---------------------------------------------------------------- Excel shapes


def test_merged_header_cells_and_a_title_row(sqlite_db, tmp_path):
    """A title over everything, group cells over their sub-headers, headers over two rows."""
    sub = ["名称", "统一社会信用代码", "地址", "所在区县", "场所类型"]
    equipment = GOOD[0][5:]
    rows = [[""] * 16, [""] * 16, sub + equipment] + [r[:] for r in GOOD[1:]]
    merges = [
        (0, 0, 0, 15, "漳州市特种设备使用登记台账（2026年）"),
        (1, 0, 1, 4, "使用单位"),
        *[(1, c, 2, c, equipment[c - 5]) for c in range(5, 16)],  # one header over two rows
    ]
    path = write_xlsx(tmp_path / "台账.xlsx", rows, merges=merges)
    result = import_ledger(sqlite_db, path=path)
    assert result.header_row == 3 and (result.errors, result.equipment_new) == (0, 3)
    with sqlite_db.read() as s:
        assert (
            s.scalar(select(Unit.address).where(Unit.name == "万达广场")) == "漳州市龙文区水仙大街"
        )


def test_a_unit_merged_over_its_equipment_rows(sqlite_db, tmp_path):
    rows = [r[:] for r in GOOD]
    for column in range(5):  # the school's cells over its two rows, as offices lay them out
        rows[2][column] = ""
    merges = [(1, c, 2, c, GOOD[1][c]) for c in range(5)]
    result = import_ledger(sqlite_db, path=write_xlsx(tmp_path / "a.xlsx", rows, merges=merges))
    assert (result.errors, result.units_new, result.equipment_new) == (0, 2, 3)


def test_formulas_are_read_as_the_values_excel_computed(sqlite_db, tmp_path):
    path = tmp_path / "台账.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    for r, row in enumerate(GOOD):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.write_formula(1, 6, '="3110"&"3506002016053337"', None, "31103506002016053337")
    sheet.write_formula(2, 12, "=DATE(2018,3,1)", None, 43160)
    sheet.write_formula(3, 1, "=VLOOKUP(A4,单位!A:B,2,FALSE)", None, "#N/A")  # a broken lookup
    book.close()
    result = import_ledger(sqlite_db, path=path)
    assert result.equipment_new == 2
    refused = [p for p in result.problems if p.severity == ERROR]
    assert [(p.row, p.column) for p in refused] == [(4, "统一社会信用代码")]
    assert "为空" in refused[0].message


def test_codes_excel_turned_into_numbers_are_refused_per_row(sqlite_db, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[1][6] = 31103506002016053337  # typed into a General cell: 3.11035060020161E+19
    result = import_ledger(sqlite_db, path=write_xlsx(tmp_path / "a.xlsx", rows))
    refused = [p for p in result.problems if p.severity == ERROR]
    assert [p.row for p in refused] == [2] and "15位以后的数字已丢失" in refused[0].message


def test_empty_sheets_are_skipped_and_an_empty_workbook_refused(sqlite_db, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", GOOD, sheet="设备", before={"说明": [], "空表": []})
    result = import_ledger(sqlite_db, path=path)
    assert result.sheet == "设备" and result.equipment_new == 3
    empty = write_xlsx(tmp_path / "empty.xlsx", [], extra_sheets={"Sheet2": []})
    _refused(sqlite_db, empty, "没有数据")
    header_only = write_xlsx(tmp_path / "header.xlsx", GOOD[:1])
    _refused(sqlite_db, header_only, "只有表头")
    no_header = write_xlsx(tmp_path / "nohead.xlsx", [["甲", "乙"], ["1", "2"]])
    _refused(sqlite_db, no_header, "没有找到可识别的表头")


def test_a_sheet_down_to_the_last_excel_row_is_imported_with_a_warning(sqlite_db, tmp_path):
    """Data at the top, a stray 合计 in row 1,048,576: the rows are read, the end noted."""
    path = full_sheet_xlsx(tmp_path / "full.xlsx", [[str(v) for v in r] for r in GOOD])
    result = import_ledger(sqlite_db, path=path)
    assert result.equipment_new == 3
    assert any(f"{EXCEL_MAX_ROWS:,}" in n and "截断" in n for n in result.notes)
    refused = [p for p in result.problems if p.severity == ERROR]
    assert {p.row for p in refused} == {EXCEL_MAX_ROWS}  # the 合计 row has no codes


@pytest.mark.slow
def test_a_full_1048576_row_sheet_is_read_to_its_end_and_cut_off_cleanly(sqlite_db, tmp_path):
    """Every row numbered (序号) to Excel's last row, the ledger in the first rows."""
    header = ["序号"] + GOOD[0]
    data = [[str(i)] + [str(v) for v in row] for i, row in enumerate(GOOD[1:], start=1)]
    path = full_sheet_xlsx(tmp_path / "full.xlsx", [header] + data, dense=True)
    result = import_ledger(sqlite_db, path=path)
    assert result.rows == 3 and result.equipment_new == 3  # numbered blank rows are not rows
    assert any(f"{EXCEL_MAX_ROWS:,}" in n for n in result.notes)


# ---------------------------------------------------------------- fuzzing


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.randrange(4)
        at = rnd.randrange(len(buf) or 1)
        if op == 0 and buf:
            buf[at] = rnd.randrange(256)
        elif op == 1:
            buf[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 6)))
        elif op == 2 and buf:
            del buf[at : at + rnd.randint(1, 16)]
        else:
            buf = buf[: max(1, at)]
    return bytes(buf)


def _fuzz_import(db, path) -> None:
    try:
        result = import_ledger(db, path=path)
    except (LedgerFileError, UserError):
        return
    # Whatever was read: every data row is imported, or refused with its reason.
    refused = {p.row for p in result.problems if p.severity == ERROR}
    assert result.refused_rows == len(refused - {0}) or result.refused_rows <= len(refused)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]))
def test_mutated_csv_files_never_crash_the_importer(sqlite_db, tmp_path, seed, encoding):
    good = write_csv(tmp_path / f"good-{encoding}.csv", GOOD, encoding).read_bytes()
    path = tmp_path / "fuzz.csv"
    path.write_bytes(_mutate(good, random.Random(seed)))
    _fuzz_import(sqlite_db, path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_workbooks_never_crash_the_importer(sqlite_db, tmp_path, seed):
    good = tmp_path / "good.xlsx"
    if not good.exists():
        write_xlsx(good, GOOD)
    rnd = random.Random(seed)
    path = tmp_path / "fuzz.xlsx"
    if rnd.random() < 0.5:  # bytes of the zip
        path.write_bytes(_mutate(good.read_bytes(), rnd))
    else:  # the sheet's XML inside an intact zip
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as out:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename.startswith("xl/worksheets/") or item.filename.endswith(
                    "sharedStrings.xml"
                ):
                    data = _mutate(data, rnd)
                out.writestr(item, data)
    _fuzz_import(sqlite_db, path)


cell = st.one_of(
    st.none(),
    st.text(max_size=25),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["9144030071526726XG", "31103506002016053337", "2026.2.30", "小学", "#N/A"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=18), min_size=1, max_size=8))
def test_any_cell_values_give_rows_or_reasons(sqlite_db, tmp_path, rows):
    path = tmp_path / "cells.xlsx"
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, GOOD[0])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value) if not hasattr(value, "isoformat") else sheet.write_string(
                    r, c, value.isoformat()
                )
    book.close()
    _fuzz_import(sqlite_db, path)


def test_the_command_line_refuses_junk_in_one_line(tmp_path):
    junk = tmp_path / "台账.xlsx"
    junk.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 20)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "inspector_app.cli.main",
            "--data-dir",
            str(tmp_path / "d"),
            "ledger",
            "import",
            str(junk),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("inspector: error: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr + done.stdout
