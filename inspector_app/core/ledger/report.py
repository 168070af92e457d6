"""The validation report: an .xlsx the office fixes and imports again.

Sheet 1, 待修正: the refused rows with the file's own headers, every value as
text (so codes keep their digits), the cells at fault in red and the reasons
in a last column 导入问题. Importing this sheet after fixing it imports those
rows (the extra columns are ignored). Sheet 2, 问题清单: row, column, value,
problem and what was done, for every problem including notes on imported
rows. Sheet 3, 说明: the file, counts and notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from inspector_app.rules.ledger import cell_text

from .parse import ERROR, Problem
from .read import LedgerFileError

MAX_REPORT_ROWS = 100_000  # per sheet; past that the mapping is wrong, not the rows
ISSUES_HEADER = "导入问题"
ORIGINAL_ROW_HEADER = "原行号"


def write_report(
    path: str | Path,
    *,
    headers: Sequence[str],
    bad_rows: dict[int, list[Any]],
    problems: Sequence[Problem],
    summary: Sequence[tuple[str, Any]],
) -> Path:
    import xlsxwriter
    import xlsxwriter.exceptions

    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    by_row: dict[int, list[Problem]] = {}
    for p in problems:
        by_row.setdefault(p.row, []).append(p)
    try:
        book = xlsxwriter.Workbook(
            str(tmp),
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        bold = book.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1})
        text = book.add_format({"num_format": "@"})
        wrong = book.add_format({"num_format": "@", "bg_color": "#F8D0D0", "font_color": "#9C0006"})
        note = book.add_format({"font_color": "#9C0006"})

        fix = book.add_worksheet("待修正")
        columns = list(headers) + [ISSUES_HEADER, ORIGINAL_ROW_HEADER]
        fix.write_row(0, 0, columns, bold)
        fix.freeze_panes(1, 0)
        for c, header in enumerate(columns):
            fix.set_column(c, c, max(10, min(40, 2 * len(header) + 4)), text)
        out = 1
        for number in sorted(bad_rows)[:MAX_REPORT_ROWS]:
            cells = bad_rows[number]
            faulty = {p.column for p in by_row.get(number, []) if p.severity == ERROR}
            for c in range(len(headers)):
                value = cell_text(cells[c]) if c < len(cells) else ""
                fix.write_string(out, c, value, wrong if headers[c] in faulty else text)
            reasons = "；".join(
                f"{p.column}：{p.message}" for p in by_row.get(number, []) if p.severity == ERROR
            )
            fix.write_string(out, len(headers), reasons, note)
            fix.write_number(out, len(headers) + 1, number)
            out += 1
        if len(bad_rows) > MAX_REPORT_ROWS:
            fix.write_string(
                out, 0, f"……另有{len(bad_rows) - MAX_REPORT_ROWS}行未列出，请先核对列映射", note
            )

        sheet = book.add_worksheet("问题清单")
        sheet.write_row(0, 0, ["行号", "列", "值", "问题", "处理"], bold)
        sheet.freeze_panes(1, 0)
        for c, width in enumerate((8, 22, 26, 70, 16)):
            sheet.set_column(c, c, width)
        ordered = sorted(problems, key=lambda p: (p.row, p.severity != ERROR))
        for i, p in enumerate(ordered[:MAX_REPORT_ROWS], start=1):
            sheet.write_number(i, 0, p.row) if p.row else sheet.write_string(i, 0, "整个文件")
            sheet.write_string(i, 1, p.column)
            sheet.write_string(i, 2, p.value)
            sheet.write_string(i, 3, p.message)
            sheet.write_string(i, 4, "未导入" if p.severity == ERROR else "已导入（提示）")
        if len(ordered) > MAX_REPORT_ROWS:
            sheet.write_string(
                MAX_REPORT_ROWS + 1, 3, f"……另有{len(ordered) - MAX_REPORT_ROWS}条问题未列出", note
            )

        about = book.add_worksheet("说明")
        about.set_column(0, 0, 22)
        about.set_column(1, 1, 90)
        for i, (label, value) in enumerate(summary):
            about.write_string(i, 0, str(label), bold)
            about.write_string(i, 1, cell_text(value))
        book.close()
        tmp.replace(path)
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        tmp.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise LedgerFileError(
            f"cannot write the report {path}: {reason}",
            message_zh=f"无法写入问题报告 {path}：{reason}",
        ) from None
    return path
