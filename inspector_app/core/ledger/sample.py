"""A synthetic equipment ledger, as an office's system exports it, for tests and benchmarks.

Deterministic for a seed: ``rows`` pieces of equipment over ``units`` units
(one city, every venue type and kind, the usual Chinese headers, dates in the
spellings ledgers use). ``faults`` spoils every n-th row in one of the ways
real ledgers go wrong; ``SampleLedger.faults`` says which row and how, so a
test can hold the validation report against it. Written as .xlsx, .csv (any
encoding) or old .xls (needs the ``xlwt`` test dependency).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from inspector_app.rules.enums import VENUE_TYPE_ZH, EquipmentKind, VenueType
from inspector_app.rules.identifiers import CATEGORY_NAMES, make_registration_code, make_uscc

from ..demo import (
    CERT_CHAR,
    CITY,
    DISTRICTS,
    EQUIPMENT_NAMES,
    MANUFACTURERS,
    STREETS,
    VENUE_EQUIPMENT,
    VENUE_NAMES,
)
from ..errors import UserError

HEADERS = (
    "序号",
    "使用单位名称",
    "统一社会信用代码",
    "单位地址",
    "所在区县",
    "场所类型",
    "设备种类",
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
    "联系人",
    "联系电话",
)
KIND_ZH = {
    EquipmentKind.ELEVATOR: "电梯",
    EquipmentKind.ESCALATOR: "电梯",
    EquipmentKind.BOILER: "锅炉",
    EquipmentKind.ROPEWAY: "客运索道",
    EquipmentKind.AMUSEMENT_RIDE: "大型游乐设施",
}
MAINTAINERS = (
    "漳州市安达电梯工程有限公司",
    "福建快捷电梯维修有限公司",
    "漳州通力电梯服务有限公司",
    "漳州市锅炉设备维护中心",
    "福建游乐设施维保有限公司",
)
FAULTS = ("uscc", "registration_code", "venue_type", "date", "duplicate", "kind")


@dataclass
class SampleLedger:
    path: Path
    rows: int
    units: int
    faults: dict[int, str] = field(default_factory=dict)  # file row number → what is wrong


def _date_text(rng: random.Random, day: dt.date) -> object:
    style = rng.randrange(5)
    if style == 0:
        return day  # a real date cell in Excel, ISO text in CSV
    if style == 1:
        return f"{day.year}.{day.month}.{day.day}"
    if style == 2:
        return f"{day.year}年{day.month}月{day.day}日"
    if style == 3:
        return f"{day.year}/{day.month}/{day.day}"
    return day.isoformat()


def sample_rows(
    *, rows: int, units: int, seed: int = 1, faults: int = 0, today: dt.date | None = None
) -> tuple[list[list[object]], dict[int, str]]:
    """The data rows (header excluded) and the faults planted, by file row number."""
    if rows < 1 or units < 1 or units > rows:
        raise UserError("need 1 <= units <= rows", message_zh="需要 1 ≤ 单位数 ≤ 行数")
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 1)
    venue_types = list(VenueType)
    maintainer_usccs = [make_uscc(f"91350600{rng.randrange(10**7, 10**8)}") for _ in MAINTAINERS]
    per_unit = [1] * units
    for _ in range(rows - units):
        per_unit[rng.randrange(units)] += 1
    serials: dict[tuple[str, str, int], int] = {}
    usccs: set[str] = set()
    data: list[list[object]] = []
    for u in range(units):
        venue = venue_types[u % len(venue_types)]
        district, region = DISTRICTS[rng.randrange(len(DISTRICTS))]
        name = f"{district}{rng.choice(VENUE_NAMES[venue])}（{u + 1}）"
        while True:
            prefix = (
                "52"
                if venue in (VenueType.SCHOOL, VenueType.KINDERGARTEN, VenueType.HOSPITAL)
                else "91"
            )
            uscc = make_uscc(prefix + region + f"{rng.randrange(10**7, 10**8)}")
            if uscc not in usccs:
                usccs.add(uscc)
                break
        address = f"{CITY}{district}{rng.choice(STREETS)}{rng.randrange(1, 400)}号"
        contact = rng.choice(["刘军", "蔡明", "杨静", "许强", "周红"])
        phone = f"0596-{rng.randrange(2000000, 2999999)}"
        for number in range(1, per_unit[u] + 1):
            kind, category, _attrs, _share = _pick(rng, VENUE_EQUIPMENT[venue])
            year = rng.randrange(2005, today.year)
            key = (category, region, year)
            serials[key] = serials.get(key, 0) + 1
            code = make_registration_code(category, region, year, serials[key])
            suffix, place = EQUIPMENT_NAMES[kind]
            maker, model = rng.choice(MANUFACTURERS[kind])
            commissioned = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
            due = today + dt.timedelta(days=rng.randrange(-30, 365))
            m = rng.randrange(len(MAINTAINERS))
            data.append(
                [
                    len(data) + 1,
                    name,
                    uscc,
                    address,
                    district,
                    VENUE_TYPE_ZH[venue],
                    KIND_ZH[kind],
                    CATEGORY_NAMES[category],
                    code,
                    f"{CERT_CHAR[kind]}{rng.randrange(10, 40)}闽E{len(data) + 1:06d}({year % 100:02d})",
                    f"{number}{suffix}",
                    f"{rng.choice(['东区', '西区', 'A座', 'B座', '主楼'])}{place}",
                    maker,
                    model,
                    _date_text(rng, commissioned),
                    _date_text(rng, due),
                    MAINTAINERS[m] if kind != EquipmentKind.AMUSEMENT_RIDE else MAINTAINERS[4],
                    maintainer_usccs[m],
                    contact,
                    phone,
                ]
            )
    planted: dict[int, str] = {}
    if faults:
        for index in range(faults - 1, len(data), faults):
            what = FAULTS[(index // faults) % len(FAULTS)]
            row = data[index]
            if what == "uscc":
                row[2] = row[2][:17] + ("0" if row[2][17] != "0" else "1")
            elif what == "registration_code":
                row[8] = row[8][:4] + "99" + row[8][6:]  # no such province
            elif what == "venue_type":
                row[5] = "宇宙飞船"
            elif what == "date":
                row[15] = "2026.2.30"
            elif what == "duplicate":
                if index == 0:
                    continue
                row[6:9] = data[index - 1][6:9]  # kind, variety and code of the row above
            elif what == "kind":
                row[7] = "时光机"
            planted[index + 2] = what  # +1 for the header row, +1 for 1-based
    return data, planted


def _pick(rng: random.Random, options: list) -> tuple:
    r = rng.random()
    for option in options:
        r -= option[3]
        if r <= 0:
            return option
    return options[-1]


def write_sample_ledger(
    path: str | Path,
    *,
    rows: int,
    units: int,
    seed: int = 1,
    faults: int = 0,
    encoding: str = "utf-8-sig",
    today: dt.date | None = None,
) -> SampleLedger:
    """Write the ledger; the format follows the suffix (.xlsx, .xls, .csv)."""
    path = Path(path)
    data, planted = sample_rows(rows=rows, units=units, seed=seed, faults=faults, today=today)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(path, data)
    elif suffix == ".xls":
        _write_xls(path, data)
    elif suffix in (".csv", ".txt"):
        with path.open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADERS)
            writer.writerows(
                [v.isoformat() if isinstance(v, dt.date) else v for v in r] for r in data
            )
    else:
        raise UserError(
            f"unknown ledger format {suffix!r}: use .xlsx, .xls or .csv",
            message_zh="台账格式应为 .xlsx、.xls 或 .csv",
        )
    return SampleLedger(path=path, rows=rows, units=units, faults=planted)


def _write_xlsx(path: Path, data: list[list[object]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("设备台账")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADERS)
    for r, row in enumerate(data, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    book.close()


def _write_xls(path: Path, data: list[list[object]]) -> None:
    try:
        import xlwt
    except ImportError:
        raise UserError(
            "writing .xls needs the xlwt package (pip install xlwt)",
            message_zh="生成 .xls 需要安装 xlwt",
        ) from None
    if len(data) >= 65535:
        raise UserError(
            "an .xls sheet holds at most 65,535 data rows",
            message_zh=".xls 工作表最多 65535 行数据",
        )
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("设备台账")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, header in enumerate(HEADERS):
        sheet.write(0, c, header)
    for r, row in enumerate(data, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    book.save(str(path))
