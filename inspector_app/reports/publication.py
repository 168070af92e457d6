"""The 公开 list of an annual plan (双随机、一公开): units drawn and, later, their results.

Written as .xlsx (XlsxWriter) or .csv (UTF-8 with BOM, for spreadsheets) for the bureau's
website. Pure: the core layer gives the rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

HEADER = (
    "序号",
    "被检查单位",
    "统一社会信用代码",
    "区县",
    "场所类型",
    "抽取类别",
    "检查事项",
    "检查人员",
    "检查日期",
    "检查结果",
    "处理情况",
)


@dataclass(frozen=True)
class PublishedRow:
    order: int
    unit: str
    uscc: str
    district: str
    venue: str
    stratum: str
    matters: str
    officers: str
    inspected_on: str  # 2026年3月2日, or "" before the inspection
    result: str  # 未发现问题 / 责令限期整改 / 责令停止使用 / 尚未检查
    handling: str  # directive numbers, rectification state


def to_csv(rows: Sequence[PublishedRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(astuple(r) for r in rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM: spreadsheets open it as UTF-8


def write_xlsx(path: Path, rows: Sequence[PublishedRow], *, title: str, note: str) -> None:
    """One sheet: a title row, a note (when the list was made), the header and the rows."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_urls": False})
    try:
        sheet = book.add_worksheet("抽查结果")
        bold = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1,
                                "text_wrap": True, "valign": "vcenter"})  # fmt: skip
        cell = book.add_format({"border": 1, "text_wrap": True, "valign": "vcenter"})
        sheet.write(0, 0, title, bold)
        sheet.write(1, 0, note)
        widths = (6, 36, 22, 10, 10, 10, 16, 28, 14, 14, 30)
        for col, (name, width) in enumerate(zip(HEADER, widths, strict=True)):
            sheet.set_column(col, col, width)
            sheet.write(3, col, name, head)
        for r, row in enumerate(rows, 4):
            for col, value in enumerate(astuple(row)):
                if isinstance(value, int):
                    sheet.write_number(r, col, value, cell)
                else:
                    sheet.write_string(r, col, value, cell)
        sheet.freeze_panes(4, 0)
        sheet.autofilter(3, 0, 3 + len(rows), len(HEADER) - 1)
    finally:
        book.close()
