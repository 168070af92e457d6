"""The statistics workbook (.xlsx): tables, charts and the raw rows, in constant memory.

xlsxwriter in ``constant_memory`` mode writes each row to disk as it goes, and the
raw rows are streamed from the database (``yield_per``), so a million item results
fit in a bounded amount of memory. Sheets, in order: 说明, 按区县, 按场所类型,
按设备种类, 分组明细 (district × venue type × kind), 隐患治理 (the quarterly
columns), 月度趋势 with its chart, 隐患明细 (every finding) and 检查结果明细 (every
answer; more sheets past Excel's 1,048,576 rows).

A plain function with an ``ExportTask`` (phase, progress, cancel): the CLI and the
board's 导出 run the same code; cancelling removes the partial file.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from sqlalchemy import and_, func, select

from inspector_app.rules.enums import (
    CONCLUSION_ZH,
    EQUIPMENT_KIND_ZH,
    FINDING_STATUS_ZH,
    HAZARD_CLASS_ZH,
    INSPECTION_TYPE_ZH,
    OUTCOME_ZH,
    VENUE_TYPE_ZH,
)
from inspector_app.store.models import (
    Directive,
    Equipment,
    Finding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Unit,
)

from . import board, clock, stats
from .errors import UserError
from .forms import pinned_form
from .settings import get_setting

EXCEL_ROWS = 1_048_576
STREAM = 5000
PHASES_ZH = {
    "tables": "统计汇总表",
    "findings": "写入隐患明细",
    "inspections": "写入检查记录",
    "items": "写入检查结果明细",
    "saving": "保存文件",
    "done": "完成",
}


class ExportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("export cancelled; no file was written",
                         message_zh="已取消导出，未生成文件")  # fmt: skip


@dataclass
class ExportTask:
    phase: str = ""
    total: int = 0
    done: int = 0
    message: str = ""
    cancelled: bool = False
    on_progress: Callable[[ExportTask], None] | None = None

    def cancel(self) -> None:
        self.cancelled = True

    def start(self, phase: str, total: int = 0) -> None:
        self.phase, self.total, self.done = phase, total, 0
        self.message = PHASES_ZH.get(phase, phase)
        self.step(0)

    def step(self, done: int) -> None:
        self.done += done
        if self.on_progress is not None:
            self.on_progress(self)
        if self.cancelled:
            raise ExportCancelled()


@dataclass(frozen=True)
class ExportReport:
    path: Path
    findings: int
    item_results: int
    sheets: tuple[str, ...]


ITEM_HEADERS = ("记录编号", "设备注册代码", "检查项目", "结果", "测量值", "隐患等级")
FINDING_HEADERS = ("检查日期", "记录编号", "检查类别", "任务来源", "使用单位", "统一社会信用代码",
                   "区县", "场所类型", "设备注册代码", "设备种类", "检查项目", "隐患等级",
                   "问题事实", "整改期限", "状态", "指令书编号", "检查结论")  # fmt: skip


class _Book:
    """The workbook and its formats."""

    def __init__(self, path: str) -> None:
        self.book = xlsxwriter.Workbook(path, {"constant_memory": True,
                                               "strings_to_numbers": False,
                                               "strings_to_formulas": False,
                                               "strings_to_urls": False})  # fmt: skip
        add = self.book.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.head = add({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                         "valign": "vcenter", "align": "center"})  # fmt: skip
        self.cell = add({"border": 1})
        self.total = add({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
        self.pct = add({"border": 1, "num_format": "0.0%"})
        self.pct_total = add({"bold": True, "border": 1, "bg_color": "#F2F2F2",
                              "num_format": "0.0%"})  # fmt: skip
        self.date = add({"num_format": "yyyy-mm-dd"})


def _label(dimension: str, value: str) -> str:
    return stats.label(dimension, value)


def _write_table(book: _Book, name: str, title: str, by: tuple[str, ...],
                 rows: list[stats.StatsRow], totals: stats.StatsRow) -> Any:  # fmt: skip
    sheet = book.book.add_worksheet(name)
    sheet.write(0, 0, title, book.title)
    headers = [stats.DIMENSION_ZH[d] for d in by] + list(stats.MEASURES.values())
    sheet.write_row(2, 0, headers, book.head)
    sheet.set_row(2, 32)
    for col, width in enumerate([14] * len(by) + [11] * len(stats.MEASURES)):
        sheet.set_column(col, col, width)
    r = 3
    for row in rows:
        sheet.write_row(r, 0, [_label(d, v) for d, v in zip(by, row.key, strict=True)], book.cell)
        _measures(sheet, r, len(by), row, book.cell, book.pct)
        r += 1
    sheet.write_row(r, 0, ["合计"] + [""] * (len(by) - 1), book.total)
    _measures(sheet, r, len(by), totals, book.total, book.pct_total)
    sheet.freeze_panes(3, len(by))
    return sheet, r


def _measures(sheet: Any, r: int, c: int, row: stats.StatsRow, fmt: Any, pct: Any) -> None:
    for i, key in enumerate(stats.MEASURES):
        if key == "rate":
            rate = row.rate
            if rate is None:
                sheet.write_string(r, c + i, "—", fmt)
            else:
                sheet.write_number(r, c + i, rate, pct)
        else:
            sheet.write_number(r, c + i, row.get(key), fmt)


def _about(book: _Book, f: board.DeskFilter, authority: str, today: dt.date, campaign: str) -> None:
    sheet = book.book.add_worksheet("说明")
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 90)
    sheet.write(0, 0, f"{authority}特种设备安全监督检查统计", book.title)
    lines = [
        ("统计期间", stats.period_label(f.date_from, f.date_to)),
        ("区县", f.district or "全部"),
        ("场所类型", VENUE_TYPE_ZH.get(f.venue_type, f.venue_type) if f.venue_type else "全部"),
        ("设备种类", EQUIPMENT_KIND_ZH.get(f.kind, f.kind) if f.kind else "全部"),
        ("检查类别", INSPECTION_TYPE_ZH.get(f.inspection_type, f.inspection_type)
         if f.inspection_type else "全部"),
        ("专项检查", campaign or "—"),
        ("任务来源包含", f.task_source or "—"),
        ("制表日期", today.isoformat()),
        ("口径", "统计期间内结束（签字锁定）的监督检查；隐患按发现时的检查计入，已整改指经复查"
                 "销号；整改率=已整改/发现；查封扣押、挂牌督办按作出日期计入。各表的单位数、"
                 "设备数、检查次数为去重计数，分组之和可能大于合计。"),
    ]  # fmt: skip
    for r, (k, v) in enumerate(lines, start=2):
        sheet.write(r, 0, k, book.head)
        sheet.write(r, 1, v)


def _umask() -> int:
    """The process umask, read without changing it (os.umask would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def write_workbook(
    db: Any, path: str | os.PathLike[str], *, f: board.DeskFilter, today: dt.date,
    task: ExportTask | None = None, item_rows: bool = True,
) -> ExportReport:  # fmt: skip
    """Write the workbook to ``path`` (atomically: a temporary file renamed at the end)."""
    task = task or ExportTask()
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise UserError("the workbook is written as .xlsx", message_zh="统计表应保存为 .xlsx 文件")
    if not target.parent.is_dir():
        raise UserError(f"no such folder: {target.parent}", message_zh="保存的文件夹不存在")
    fd, tmp = tempfile.mkstemp(prefix=".stats-", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would keep colleagues out of a shared folder
    try:
        report = _write(db, tmp, f=f, today=today, task=task, item_rows=item_rows)
        task.start("saving")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    task.start("done")
    return ExportReport(target, report[0], report[1], report[2])


def _write(db: Any, tmp: str, *, f: board.DeskFilter, today: dt.date, task: ExportTask,
           item_rows: bool) -> tuple[int, int, tuple[str, ...]]:  # fmt: skip
    book = _Book(tmp)
    sheets = []
    try:
        task.start("tables", 7)
        with db.read() as session:
            authority = get_setting(session, "authority_name")
            campaign = board.campaign_label(session, f.campaign_id)
            _about(book, f, authority, today, campaign)
            sheets.append("说明")
            total = stats.period_table(session, f, ())
            totals = total[0] if total else stats.StatsRow(())
            district_sheet = None
            for name, by in (("按区县", ("district",)), ("按场所类型", ("venue_type",)),
                             ("按设备种类", ("kind",)),
                             ("分组明细", ("district", "venue_type", "kind"))):  # fmt: skip
                rows = stats.period_table(session, f, by)
                title = f"{authority}特种设备监督检查统计（{stats.period_label(f.date_from, f.date_to)}）"
                sheet, last = _write_table(book, name, title, by, rows, totals)
                if name == "按区县":
                    district_sheet = (sheet, last)
                sheets.append(name)
                task.step(1)
            if district_sheet is not None:
                _district_chart(book, *district_sheet)
            _hazard_sheet(book, session, f)
            sheets.append("隐患治理")
            task.step(1)
            _trend_sheet(book, session, f, today)
            sheets.append("月度趋势")
            task.step(1)
        findings = _finding_rows(book, db, f, task)
        sheets.append("隐患明细")
        items = 0
        if item_rows:
            _inspection_rows(book, db, f, task)
            sheets.append("检查记录")
            items, names = _item_rows(book, db, f, task)
            sheets += names
    finally:
        book.book.close()
    return findings, items, tuple(sheets)


def _district_chart(book: _Book, sheet: Any, last: int) -> None:
    if last <= 3:
        return
    chart = book.book.add_chart({"type": "column"})
    for col, name in ((4, "重大事故隐患"), (6, "一般隐患")):
        chart.add_series({"name": name, "categories": ["按区县", 3, 0, last - 1, 0],
                          "values": ["按区县", 3, col, last - 1, col]})  # fmt: skip
    chart.set_title({"name": "各区县发现隐患数"})
    chart.set_size({"width": 900, "height": 360})
    sheet.insert_chart(last + 2, 1, chart)


def _hazard_sheet(book: _Book, session: Any, f: board.DeskFilter) -> None:
    sheet = book.book.add_worksheet("隐患治理")
    sheet.write(0, 0, f"特种设备事故隐患排查治理情况（{stats.period_label(f.date_from, f.date_to)}）",
                book.title)  # fmt: skip
    sheet.write_row(2, 0, ["区县"] + [h for _k, h in stats.HAZARD_COLUMNS], book.head)
    sheet.set_row(2, 32)
    sheet.set_column(0, len(stats.HAZARD_COLUMNS), 13)
    r = 3
    sums: dict[str, int] = {}
    for group, row in stats.hazard_table(session, f, "district"):
        sheet.write(r, 0, group or "（未填）", book.cell)
        for c, (key, _h) in enumerate(stats.HAZARD_COLUMNS, start=1):
            value = row[key]
            if key.endswith("rate"):
                if value is None:
                    sheet.write_string(r, c, "—", book.cell)
                else:
                    sheet.write_number(r, c, value, book.pct)
            else:
                sheet.write_number(r, c, value, book.cell)
                sums[key] = sums.get(key, 0) + value
        r += 1
    sheet.write(r, 0, "合计", book.total)
    for c, (key, _h) in enumerate(stats.HAZARD_COLUMNS, start=1):
        if key.endswith("rate"):
            found = sums.get(key.replace("rate", "found"), 0)
            closed = sums.get(key.replace("rate", "closed"), 0)
            if found:
                sheet.write_number(r, c, closed / found, book.pct_total)
            else:
                sheet.write_string(r, c, "—", book.total)
        else:
            sheet.write_number(r, c, sums.get(key, 0), book.total)


def _trend_sheet(book: _Book, session: Any, f: board.DeskFilter, today: dt.date) -> None:
    sheet = book.book.add_worksheet("月度趋势")
    sheet.write(0, 0, "按月统计", book.title)
    sheet.write_row(2, 0, ["月份", "检查次数", "重大事故隐患", "一般隐患", "已整改"], book.head)
    sheet.set_column(0, 4, 13)
    months = board.monthly_trend(session, f, today=today)
    for r, m in enumerate(months, start=3):
        sheet.write_string(r, 0, m.month, book.cell)
        sheet.write_row(r, 1, [m.inspections, m.serious, m.general, m.closed], book.cell)
    if months:
        last = 2 + len(months)
        chart = book.book.add_chart({"type": "line"})
        for col in (1, 2, 3):
            chart.add_series({"name": ["月度趋势", 2, col], "categories": ["月度趋势", 3, 0, last, 0],
                              "values": ["月度趋势", 3, col, last, col],
                              "marker": {"type": "circle"}})  # fmt: skip
        chart.set_title({"name": "监督检查与隐患月度趋势"})
        chart.set_size({"width": 900, "height": 360})
        sheet.insert_chart(last + 2, 1, chart)


def _finding_rows(book: _Book, db: Any, f: board.DeskFilter, task: ExportTask) -> int:
    sheet = book.book.add_worksheet("隐患明细")
    sheet.write_row(0, 0, FINDING_HEADERS, book.head)
    for col, width in enumerate((11, 24, 8, 30, 30, 21, 10, 10, 22, 10, 8, 12, 60, 11, 14,
                                 26, 10)):  # fmt: skip
        sheet.set_column(col, col, width)
    stmt = (
        board.findings_base(
            f, Inspection.concluded_at, Inspection.record_number, Inspection.inspection_type,
            Inspection.task_source, Unit.name, Unit.uscc, Unit.district, Unit.venue_type,
            Equipment.registration_code, Equipment.kind, Finding.item_id, Finding.hazard,
            Finding.description, Finding.deadline, Finding.status, Directive.number,
            Inspection.conclusion)
        .outerjoin(Directive, Directive.id == Finding.directive_id)
        .order_by(Inspection.concluded_at, Inspection.id, Finding.item_id, Finding.id)
    )  # fmt: skip
    with db.read() as session:
        count = (
            session.scalar(
                board.findings_base(f, Finding.id).with_only_columns(func.count(Finding.id))
            )
            or 0
        )
        task.start("findings", count)
        zone = f.zone
        r = 0
        for batch in session.execute(stmt.execution_options(yield_per=STREAM)).partitions():
            for (done, number, kind, source, unit, uscc, district, venue, code, eq_kind, item,
                 hazard, text, deadline, status, directive, conclusion) in batch:  # fmt: skip
                r += 1
                if r >= EXCEL_ROWS:
                    break
                day = clock.local_date(done, zone) if done else None
                sheet.write_row(r, 0, (
                    day.isoformat() if day else "", number or "",
                    INSPECTION_TYPE_ZH.get(kind, kind), source, unit, uscc, district,
                    VENUE_TYPE_ZH.get(venue, venue), code, EQUIPMENT_KIND_ZH.get(eq_kind, eq_kind),
                    item, HAZARD_CLASS_ZH.get(hazard, hazard), text, deadline.isoformat(),
                    FINDING_STATUS_ZH.get(status, status), directive or "",
                    CONCLUSION_ZH.get(conclusion, conclusion or "")))  # fmt: skip
            task.step(len(batch))
    sheet.autofilter(0, 0, max(r, 1), len(FINDING_HEADERS) - 1)
    sheet.freeze_panes(1, 0)
    return min(r, EXCEL_ROWS - 1)


def item_rows_query(f: board.DeskFilter):
    """Every answer of the inspections in scope (the raw rows)."""
    stmt = (
        select(Inspection.record_number, Equipment.registration_code,
               InspectionEquipment.form_version_id, ItemResult.item_id, ItemResult.outcome,
               ItemResult.value, ItemResult.hazard)
        .select_from(ItemResult)
        .join(InspectionEquipment, and_(InspectionEquipment.id == ItemResult.inspection_equipment_id,
                                        InspectionEquipment.deleted.is_(False)))
        .join(Inspection, Inspection.id == InspectionEquipment.inspection_id)
        .join(Unit, Unit.id == Inspection.unit_id)
        .join(Equipment, Equipment.id == InspectionEquipment.equipment_id)
        .where(ItemResult.deleted.is_(False), *board.inspection_where(f))
    )  # fmt: skip
    if f.kind:
        stmt = stmt.where(Equipment.kind == f.kind)
    return stmt


def count_item_rows(session: Any, f: board.DeskFilter) -> int:
    return session.scalar(
        select(func.count()).select_from(item_rows_query(f).subquery())) or 0  # fmt: skip


INSPECTION_HEADERS = ("记录编号", "检查日期", "检查类别", "任务来源", "使用单位", "统一社会信用代码",
                      "区县", "场所类型", "检查结论", "拒绝签字")  # fmt: skip
CATALOG_HEADERS = ("检查表", "版本", "检查项目", "检查内容", "隐患等级（默认）")


def _inspection_rows(book: _Book, db: Any, f: board.DeskFilter, task: ExportTask) -> int:
    """One row per inspection: what the raw answers' 记录编号 refers to."""
    sheet = book.book.add_worksheet("检查记录")
    sheet.write_row(0, 0, INSPECTION_HEADERS, book.head)
    for col, width in enumerate((26, 11, 8, 40, 32, 21, 12, 10, 10, 8)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    stmt = (
        select(Inspection.record_number, Inspection.concluded_at, Inspection.inspection_type,
               Inspection.task_source, Unit.name, Unit.uscc, Unit.district, Unit.venue_type,
               Inspection.conclusion, Inspection.representative_refused)
        .join(Unit, Unit.id == Inspection.unit_id)
        .where(*board.inspection_where(f), *board._kind_of_inspection(f))
        .order_by(Inspection.concluded_at, Inspection.id)
    )  # fmt: skip
    r = 0
    with db.read() as session:
        task.start("inspections")
        for batch in session.execute(stmt.execution_options(yield_per=STREAM)).partitions():
            for number, done, kind, source, unit, uscc, district, venue, concl, refused in batch:
                r += 1
                write = sheet.write_string
                write(r, 0, number or "")
                write(r, 1, clock.local_date(done, f.zone).isoformat() if done else "")
                write(r, 2, INSPECTION_TYPE_ZH.get(kind, kind))
                write(r, 3, source)
                write(r, 4, unit)
                write(r, 5, uscc)
                write(r, 6, district)
                write(r, 7, VENUE_TYPE_ZH.get(venue, venue))
                write(r, 8, CONCLUSION_ZH.get(concl, concl or ""))
                write(r, 9, "是" if refused else "")
            task.step(len(batch))
    return r


def _item_rows(book: _Book, db: Any, f: board.DeskFilter,
               task: ExportTask) -> tuple[int, list[str]]:  # fmt: skip
    """The raw answers, six narrow columns: 记录编号 and 检查项目 lead to the 检查记录 and
    检查项目 sheets. Empty cells are not written (most answers have no value or hazard)."""
    names: list[str] = []
    catalog: dict[str, tuple[str, str]] = {}  # form version -> (form id, version)
    stmt = item_rows_query(f).order_by(Inspection.concluded_at, Inspection.id,
                                       InspectionEquipment.position, ItemResult.item_id)  # fmt: skip
    outcomes = {k.value: v for k, v in OUTCOME_ZH.items()}
    hazards = {k.value: v for k, v in HAZARD_CLASS_ZH.items()}
    with db.read() as session:
        task.start("items", count_item_rows(session, f))
        sheet, r, written = None, EXCEL_ROWS, 0
        for batch in session.execute(stmt.execution_options(yield_per=STREAM)).partitions():
            for number, code, form_id, item, outcome, value, hazard in batch:
                if r >= EXCEL_ROWS:
                    name = "检查结果明细" if not names else f"检查结果明细（{len(names) + 1}）"
                    sheet = book.book.add_worksheet(name)
                    names.append(name)
                    sheet.write_row(0, 0, ITEM_HEADERS, book.head)
                    for col, width in enumerate((26, 22, 9, 8, 9, 12)):
                        sheet.set_column(col, col, width)
                    sheet.freeze_panes(1, 0)
                    write, number_cell, r = sheet.write_string, sheet.write_number, 1
                if form_id not in catalog:
                    catalog[form_id] = ("", "")
                write(r, 0, number or "")
                write(r, 1, code)
                write(r, 2, item)
                write(r, 3, outcomes.get(outcome, outcome))
                if value is not None:
                    number_cell(r, 4, value)
                if hazard:
                    write(r, 5, hazards.get(hazard, hazard))
                r += 1
                written += 1
            task.step(len(batch))
        if not names:
            sheet = book.book.add_worksheet("检查结果明细")
            sheet.write_row(0, 0, ITEM_HEADERS, book.head)
            names.append("检查结果明细")
        _catalog(book, session, list(catalog))
    return written, [*names, "检查项目"]


def _catalog(book: _Book, session: Any, form_ids: list[str]) -> None:
    """检查项目: each checklist item the raw answers name, with its text."""
    sheet = book.book.add_worksheet("检查项目")
    sheet.write_row(0, 0, CATALOG_HEADERS, book.head)
    for col, width in enumerate((16, 10, 9, 80, 14)):
        sheet.set_column(col, col, width)
    r = 1
    for form_id in sorted(form_ids):
        try:
            form = pinned_form(session, form_id)
        except LookupError:
            continue
        for item in form.items:
            sheet.write_row(r, 0, (form.title_zh, form.version, item.id, item.text_zh,
                                   HAZARD_CLASS_ZH.get(item.hazard, str(item.hazard))))  # fmt: skip
            r += 1
