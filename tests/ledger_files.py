"""Small ledger files for the tests: good ones from the sample generator, hostile ones by hand."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import xlsxwriter

from inspector_app.core.ledger.sample import HEADERS, sample_rows

GOOD = [  # header + two units with three pieces of equipment, as an office types them
    [
        "使用单位名称",
        "统一社会信用代码",
        "单位地址",
        "所在区县",
        "场所类型",
        "设备品种",
        "设备注册代码",
        "使用登记证编号",
        "设备内部编号",
        "安装地点",
        "制造单位",
        "型号",
        "投用日期",
        "下次检验日期",
        "维保单位",
        "维保单位统一社会信用代码",
    ],
    [
        "漳州市实验小学",
        "9144030071526726XG",
        "漳州市芗城区胜利西路1号",
        "芗城区",
        "小学",
        "曳引驱动乘客电梯",
        "31103506002016053337",
        "梯11闽E3622(16)",
        "1号客梯",
        "教学楼",
        "康力电梯股份有限公司",
        "KLK2",
        "2016.5.3",
        "2026年9月1日",
        "漳州市安达电梯工程有限公司",
        "91350600MA2XN8KX53",
    ],
    [
        "漳州市实验小学",
        "9144030071526726XG",
        "",
        "",
        "",
        "承压热水锅炉",
        "12003506002018000017",
        "",
        "1号锅炉",
        "锅炉房",
        "郑州锅炉股份有限公司",
        "WNS2-1.25-Q",
        "2018-03-01",
        "2026/12/31",
        "",
        "",
    ],
    [
        "万达广场",
        "91350600MA00000074",
        "漳州市龙文区水仙大街",
        "龙文区",
        "购物中心",
        "自动扶梯",
        "33103506032019000101",
        "梯31闽E0101(19)",
        "3号自动扶梯",
        "中庭",
        "迅达（中国）电梯有限公司",
        "9300AE",
        43647,
        "20261001",
        "",
        "",
    ],
]


def write_xlsx(
    path: Path,
    rows: list[list[object]],
    *,
    sheet: str = "台账",
    merges: list[tuple[int, int, int, int, object]] = (),
    extra_sheets: dict[str, list[list[object]]] | None = None,
    before: dict[str, list[list[object]]] | None = None,
) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, content in (before or {}).items():
        _fill(book.add_worksheet(name), content, date_format)
    ws = book.add_worksheet(sheet)
    _fill(ws, rows, date_format)
    for r0, c0, r1, c1, value in merges:
        ws.merge_range(r0, c0, r1, c1, value)
    for name, content in (extra_sheets or {}).items():
        _fill(book.add_worksheet(name), content, date_format)
    book.close()
    return path


def _fill(ws, rows: list[list[object]], date_format) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write(r, c, value)


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    text = "\r\n".join(",".join(_csv_cell(v) for v in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def _csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def sample_table(rows: int = 30, units: int = 10, faults: int = 0, seed: int = 3):
    data, planted = sample_rows(rows=rows, units=units, seed=seed, faults=faults)
    return [list(HEADERS)] + [
        [v.isoformat() if isinstance(v, dt.date) else v for v in r] for r in data
    ], planted


def full_sheet_xlsx(path: Path, data_rows: list[list[str]], *, dense: bool = False) -> Path:
    """An .xlsx whose sheet reaches row 1,048,576, written directly as SpreadsheetML.

    ``dense``: every row up to the last holds a number in the 序号 column (a sheet
    Excel filled to its limit); otherwise only the last row holds a stray value.
    """

    def col(i: int) -> str:
        name = ""
        i += 1
        while i:
            i, rem = divmod(i - 1, 26)
            name = chr(65 + rem) + name
        return name

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def row_xml(number: int, cells: list[str]) -> str:
        inner = "".join(
            f'<c r="{col(c)}{number}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'
            for c, v in enumerate(cells)
            if v != ""
        )
        return f'<row r="{number}">{inner}</row>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
                'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                'spreadsheetml.worksheet+xml"/></Types>'
            ),
        )
        z.writestr(
            "_rels/.rels",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
                '"xl/workbook.xml"/></Relationships>'
            ),
        )
        z.writestr(
            "xl/workbook.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
                'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets>'
                "</workbook>"
            ),
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
                '"worksheets/sheet1.xml"/></Relationships>'
            ),
        )
        with z.open("xl/worksheets/sheet1.xml", "w") as fh:
            fh.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            chunk: list[str] = []
            for i, cells in enumerate(data_rows, start=1):
                chunk.append(row_xml(i, cells))
            start = len(data_rows) + 1
            if dense:
                for number in range(start, 1_048_576):
                    chunk.append(f'<row r="{number}"><c r="A{number}"><v>{number}</v></c></row>')
                    if len(chunk) >= 20000:
                        fh.write("".join(chunk).encode())
                        chunk = []
            chunk.append(row_xml(1_048_576, ["合计"]))
            fh.write("".join(chunk).encode())
            fh.write(b"</sheetData></worksheet>")
    return path
