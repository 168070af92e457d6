"""Reading a ledger file into rows of cells: Excel (.xlsx, .xls) and CSV.

The format is told by the file's first bytes, not its name: systems export
"xls" files that are really tab-separated text or an HTML page. Excel goes
through python-calamine (Rust, fast, old .xls included), which returns the
values Excel computed for formulas. Merged cells are filled with the value of
their top-left cell, because ledgers merge a unit's name over its equipment
rows. CSV text is UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030,
decided strictly (see ``decode_text``), never guessed from statistics.

Only non-empty rows are kept, with their row number in the file, so a sheet
formatted down to row 1,048,576 costs nothing past its last value.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError

EXCEL_MAX_ROWS = 1_048_576  # rows of an .xlsx sheet; a full sheet was cut off by Excel
XLS_MAX_ROWS = 65_536  # rows of an old .xls sheet
MAX_DATA_ROWS = 1_048_575  # more than one Excel sheet holds: refused (split the file)
MAX_FILE_BYTES = 512 * 1024 * 1024
_CELL_LIMIT = 32_767  # Excel's own limit on a cell's text


class LedgerFileError(UserError):
    """The file cannot be read as a ledger; nothing was imported."""


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[Any]]]  # (1-based row number in the file, cells)
    last_row: int = 0  # number of the last row the sheet holds (empty ones included)
    max_rows: int = 0  # the format's row limit (0: none)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    @property
    def full(self) -> bool:
        """The sheet reaches its format's last row: Excel cut the rest off when saving."""
        return bool(self.max_rows) and self.last_row >= self.max_rows


@dataclass
class LedgerFile:
    path: Path
    format: str  # xlsx | xls | csv
    encoding: str = ""  # CSV only
    sheets: list[Sheet] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Chinese, for the report and the wizard


def read_ledger_file(path: str | Path, *, sheet: str | None = None) -> LedgerFile:
    """Every sheet of ``path`` (or only ``sheet``) as rows; ``LedgerFileError`` if unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise LedgerFileError(
            f"cannot read {path}: {exc.strerror}", message_zh=f"无法读取文件 {path}：{exc.strerror}"
        ) from None
    if size == 0:
        raise LedgerFileError(f"{path.name} is empty", message_zh=f"文件“{path.name}”是空的")
    if size > MAX_FILE_BYTES:
        raise LedgerFileError(
            f"{path.name} is {size // 2**20} MB; split it (at most {MAX_FILE_BYTES // 2**20} MB)",
            message_zh=f"文件“{path.name}”有{size // 2**20} MB，超过{MAX_FILE_BYTES // 2**20} MB，请拆分后导入",
        )
    if head.startswith(b"PK\x03\x04"):
        result = _read_excel(path, "xlsx", sheet)
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        result = _read_excel(path, "xls", sheet)
    else:
        result = _read_csv(path)
        if path.suffix.lower() in (".xls", ".xlsx"):
            result.notes.insert(
                0, f"文件扩展名为{path.suffix}，但内容是文本（{result.encoding}），已按CSV读取"
            )
    total = sum(len(s.rows) for s in result.sheets)
    if total == 0:
        raise LedgerFileError(
            f"{path.name} has no data: every sheet is empty",
            message_zh=f"文件“{path.name}”没有数据：所有工作表都是空的",
        )
    return result


# ---------------------------------------------------------------- Excel


def _read_excel(path: Path, fmt: str, only: str | None) -> LedgerFile:
    import python_calamine as pc

    what = "Excel 2007+ (.xlsx)" if fmt == "xlsx" else "Excel 97-2003 (.xls)"
    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise LedgerFileError(
            f"{path.name} is password-protected",
            message_zh=f"文件“{path.name}”有密码保护：请在Excel中取消密码后另存再导入",
        ) from None
    except Exception as exc:  # noqa: BLE001 - calamine's errors: a damaged or foreign file
        raise LedgerFileError(
            f"{path.name} is not a readable {what} file: {exc}",
            message_zh=f"文件“{path.name}”不是可读取的{what}文件（可能已损坏）：{_short(exc)}",
        ) from None
    result = LedgerFile(path=path, format=fmt)
    try:
        names = [
            m.name
            for m in workbook.sheets_metadata
            if str(m.visible).endswith("Visible") and str(m.typ).endswith("WorkSheet")
        ]
        if only is not None:
            if only not in workbook.sheet_names:
                raise LedgerFileError(
                    f"no sheet {only!r} in {path.name}; sheets: {', '.join(workbook.sheet_names)}",
                    message_zh=f"文件中没有名为“{only}”的工作表（有：{'、'.join(workbook.sheet_names)}）",
                )
            names = [only]
        hidden = [n for n in workbook.sheet_names if n not in names and only is None]
        if hidden:
            result.notes.append(f"已跳过隐藏的工作表：{'、'.join(hidden)}")
        for name in names:
            try:
                sheet = workbook.get_sheet_by_name(name)
                # calamine yields rows from the first row of the sheet, but cells only
                # from the first used column: merged areas are shifted to match.
                rows, last = _non_empty_rows(sheet.iter_rows())
                left = (sheet.start or (0, 0))[1]
                merged = [
                    ((r0, c0 - left), (r1, c1 - left))
                    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []
                    if c1 >= left
                ]
            except LedgerFileError:
                raise
            except Exception as exc:  # noqa: BLE001
                raise LedgerFileError(
                    f"sheet {name!r} of {path.name} cannot be read: {exc}",
                    message_zh=f"工作表“{name}”无法读取（文件可能已损坏）：{_short(exc)}",
                ) from None
            sheet_obj = Sheet(
                name=name,
                rows=rows,
                last_row=last,
                merged=merged,
                max_rows=EXCEL_MAX_ROWS if fmt == "xlsx" else XLS_MAX_ROWS,
            )
            _fill_merged(sheet_obj)
            result.sheets.append(sheet_obj)
    finally:
        workbook.close()
    return result


def _non_empty_rows(rows: Iterable[list[Any]]) -> tuple[list, int]:
    kept: list[tuple[int, list[Any]]] = []
    number = 0
    for number, cells in enumerate(rows, start=1):
        for value in cells:
            if value != "" and value is not None:
                kept.append((number, cells))
                break
        if len(kept) > MAX_DATA_ROWS + 50:  # header rows and a title above the data
            raise _too_many_rows()
    return kept, number


def _too_many_rows() -> LedgerFileError:
    return LedgerFileError(
        f"more than {MAX_DATA_ROWS:,} rows: split the ledger into files of at most that many rows",
        message_zh=f"数据超过{MAX_DATA_ROWS:,}行，超出一个Excel工作表的容量：请拆分为多个文件后分别导入",
    )


def _fill_merged(sheet: Sheet) -> None:
    """Give every cell of a merged area the top-left cell's value (0-based coordinates)."""
    if not sheet.merged:
        return
    by_number = {number: cells for number, cells in sheet.rows}
    for (r0, c0), (r1, c1) in sheet.merged:
        if r1 - r0 > 10_000 or c1 - c0 > 200:  # a whole column merged: nothing to copy
            continue
        top = by_number.get(r0 + 1)
        c0 = max(c0, 0)
        if top is None or c0 >= len(top):
            continue
        value = top[c0]
        for r in range(r0, r1 + 1):
            cells = by_number.get(r + 1)
            if cells is None:
                continue
            for c in range(c0, min(c1 + 1, len(cells))):
                if cells[c] == "" or cells[c] is None:
                    cells[c] = value


# ---------------------------------------------------------------- CSV


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) of a CSV file, or ``LedgerFileError`` saying where it breaks.

    UTF-8 and UTF-16 with a BOM; then strict UTF-8; then GB18030 (a superset of
    GBK and GB2312). A UTF-8 BOM in front of GBK text is read as GBK, with a note,
    when nothing before the first non-ASCII byte was UTF-8. Text that is valid
    UTF-8 up to some point and then not is mixed and refused with its line.
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise _decode_error(name, "UTF-16", data, exc.start) from None
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    if b"\x00" in body[:4096]:
        raise LedgerFileError(
            f"{name} is not a text file (or is UTF-16 without a byte-order mark)",
            message_zh=f"文件“{name}”不是文本文件（或是没有BOM的UTF-16编码）：请在Excel中另存为"
            "“CSV UTF-8”或.xlsx",
        )
    try:
        return body.decode("utf-8"), "UTF-8-BOM" if bom else "UTF-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    if _utf8_lines_before(body, utf8_error):
        # Whole lines of Chinese in UTF-8 before the break: two encodings in one file.
        raise _decode_error(name, "UTF-8", body, utf8_error, mixed=True)
    try:
        text = body.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise _decode_error(name, "GBK/GB18030", body, exc.start) from None
    return text, "GBK (UTF-8-BOM)" if bom else "GBK"


def _utf8_lines_before(data: bytes, offset: int) -> bool:
    """True when complete lines with Chinese text in UTF-8 come before ``offset``.

    A few GBK bytes happen to be valid UTF-8 as well, so one short lucky match
    at the start of a GBK file says nothing; full lines of CJK characters do.
    """
    end = data.rfind(b"\n", 0, offset)
    if end < 0:
        return False
    prefix = data[:end].decode("utf-8", errors="ignore")
    return sum(1 for ch in prefix if "\u4e00" <= ch <= "\u9fff") >= 4


def _decode_error(
    name: str, encoding: str, data: bytes, offset: int, mixed: bool = False
) -> LedgerFileError:
    line = data.count(b"\n", 0, offset) + 1
    if mixed:
        return LedgerFileError(
            f"{name}: mixed encodings: UTF-8 up to line {line}, then invalid UTF-8 at byte {offset}",
            message_zh=f"文件“{name}”编码混杂：第{line}行之前是UTF-8，第{line}行（第{offset}字节）起不是："
            "请统一另存为“CSV UTF-8”",
        )
    return LedgerFileError(
        f"{name}: not valid UTF-8, UTF-16 or GBK text (line {line}, byte {offset})",
        message_zh=f"文件“{name}”的编码无法识别（第{line}行，第{offset}字节）：支持UTF-8、UTF-8-BOM、"
        "GBK/GB18030，请另存为“CSV UTF-8”或.xlsx",
    )


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text[:65536].splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", 0
    for delimiter in (",", "\t", ";", "|"):
        counts = [line.count(delimiter) for line in lines]
        score = max(counts)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path) -> LedgerFile:
    data = path.read_bytes()
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise LedgerFileError(
            f"{path.name} is a web page (HTML/XML) saved with a spreadsheet name",
            message_zh=f"文件“{path.name}”实际是网页（HTML/XML）格式：请用Excel打开后另存为.xlsx再导入",
        )
    text, encoding = decode_text(data, path.name)
    result = LedgerFile(path=path, format="csv", encoding=encoding)
    if encoding.startswith("GBK") and data.startswith(codecs.BOM_UTF8):
        result.notes.append("文件开头有UTF-8标记（BOM），但内容是GBK编码，已按GBK读取")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[Any]]] = []
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((start, [c[:_CELL_LIMIT] for c in cells]))
                if len(rows) > MAX_DATA_ROWS + 50:
                    raise _too_many_rows()
            start = reader.line_num + 1
    except csv.Error as exc:
        raise LedgerFileError(
            f"{path.name}: CSV error near line {reader.line_num}: {exc}",
            message_zh=f"文件“{path.name}”第{reader.line_num}行附近的CSV格式有误：{exc}",
        ) from None
    result.sheets.append(Sheet(name=path.stem, rows=rows, last_row=start - 1))
    return result


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
