"""The ledger import use case: preview a file, import it (or only check it), report problems.

``import_ledger`` reads the file, finds the header row and the columns, checks
every row, compares the good rows with the database and writes the new and
changed ones in one transaction, writing the report before it commits: a
problem anywhere (a full disk for the report included) or Cancel leaves the
database as it was. ``dry_run`` does everything but the writes.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector_app.rules.ledger import FIELD_BY_KEY, cell_text
from inspector_app.store.db import Database

from .mapping import ColumnMatch, LedgerMapping, choose_sheet
from .parse import ERROR, WARNING, Problem, parse_rows
from .read import LedgerFile, LedgerFileError, read_ledger_file
from .report import write_report
from .task import DONE, READING, REPORT, LedgerTask
from .upsert import Plan, apply_plan, plan_import

PREVIEW_ROWS = 50


@dataclass
class LedgerPreview:
    file: LedgerFile
    match: ColumnMatch
    notes: list[str]

    def sample(self, limit: int = PREVIEW_ROWS) -> list[tuple[int, list[str]]]:
        return [(n, [cell_text(c) for c in cells]) for n, cells in self.match.data_rows[:limit]]

    def check(self) -> None:
        """``LedgerFileError`` unless the required columns are there and rows follow them."""
        match = self.match
        if match.missing:
            labels = "、".join(FIELD_BY_KEY[k].label_zh for k in match.missing)
            found = "、".join(h for h in match.headers if h) or "（无）"
            raise LedgerFileError(
                f"the ledger has no column for: {', '.join(match.missing)} "
                f"(header row {match.header_row})",
                message_zh=f"台账缺少必需的列：{labels}（第{match.header_row}行表头为：{found}）。"
                "请在列映射中指定对应的列",
            )
        if not match.data_rows:
            raise LedgerFileError(
                "the ledger has a header row but no data rows",
                message_zh=f"工作表“{match.sheet.name}”只有表头（第{match.header_row}行），没有数据行",
            )


@dataclass
class LedgerResult:
    path: Path
    format: str
    encoding: str
    sheet: str
    header_row: int
    rows: int = 0
    refused_rows: int = 0
    units_new: int = 0
    units_updated: int = 0
    units_unchanged: int = 0
    equipment_new: int = 0
    equipment_updated: int = 0
    equipment_unchanged: int = 0
    maintainers_new: int = 0  # 维保单位 the import registers
    maintainers_updated: int = 0  # renamed, or given their credit code
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    report: Path | None = None
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def good_rows(self) -> int:
        return self.rows - self.refused_rows

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    @property
    def changes(self) -> int:
        return (
            self.units_new
            + self.units_updated
            + self.equipment_new
            + self.equipment_updated
            + self.maintainers_new
            + self.maintainers_updated
        )


def _open(path: Path, mapping: LedgerMapping, task: LedgerTask) -> LedgerPreview:
    task.start(READING)
    ledger = read_ledger_file(path, sheet=mapping.sheet)
    task.step(READING)
    return rematch(ledger, mapping)


def rematch(ledger: LedgerFile, mapping: LedgerMapping) -> LedgerPreview:
    """The columns of a file already read, under another mapping (the wizard's edits).

    Missing required columns or data rows do not raise here (the wizard shows
    them); ``LedgerPreview.check`` does, before an import."""
    match = choose_sheet(ledger.sheets, mapping)
    notes = list(ledger.notes)
    sheet = match.sheet
    if sheet.full:
        notes.append(
            f"工作表“{sheet.name}”用到了第{sheet.max_rows:,}行，即Excel工作表的最后一行："
            "台账很可能在保存为Excel时被截断，之后的行不在此文件中。已导入文件中的行；"
            "请从原系统导出CSV核对是否缺行"
        )
    unused = [match.headers[c] for c in match.unused if match.headers[c]]
    if unused:
        notes.append("未导入的列：" + "、".join(unused))
    return LedgerPreview(file=ledger, match=match, notes=notes)


def preview_ledger(
    path: str | Path, *, mapping: LedgerMapping | None = None, task: LedgerTask | None = None
) -> LedgerPreview:
    """Read the file and find its columns; ``LedgerFileError`` says what is wrong."""
    return _open(Path(path), mapping or LedgerMapping(), task or LedgerTask())


def import_ledger(
    db: Database,
    *,
    path: str | Path,
    mapping: LedgerMapping | None = None,
    dry_run: bool = False,
    report_path: str | Path | None = None,
    task: LedgerTask | None = None,
) -> LedgerResult:
    """Import the good rows of the ledger at ``path``; see the module docstring."""
    started = time.perf_counter()
    task = task or LedgerTask()
    mapping = mapping or LedgerMapping()
    path = Path(path)
    preview = _open(path, mapping, task)
    preview.check()
    match = preview.match
    vocab = mapping.vocabulary()
    parsed = parse_rows(match, vocab, task)
    headers = {key: match.header_of(key) for key in FIELD_BY_KEY}
    result = LedgerResult(
        path=path,
        format=preview.file.format,
        encoding=preview.file.encoding,
        sheet=match.sheet.name,
        header_row=match.header_row,
        rows=parsed.total,
        notes=preview.notes,
        dry_run=dry_run,
    )
    cells = dict(match.data_rows)
    session_of = db.read if dry_run else db.write
    with session_of() as session:
        plan = plan_import(session, parsed.rows, headers, task)
        for number in plan.rejected:
            parsed.bad_rows[number] = cells.get(number, [])
        if not dry_run:
            apply_plan(session, plan, task)
        _count(result, plan)
        result.problems = sorted(parsed.problems + plan.problems, key=lambda p: p.row)
        result.refused_rows = len(parsed.bad_rows)
        if report_path is not None and (result.problems or result.notes):
            task.start(REPORT)
            result.report = write_report(
                report_path,
                headers=match.headers,
                bad_rows=parsed.bad_rows,
                problems=result.problems,
                summary=_summary(result),
            )
        task.step(REPORT)
    result.seconds = time.perf_counter() - started
    task.start(DONE)
    return result


def _count(result: LedgerResult, plan: Plan) -> None:
    result.units_new, result.units_updated = len(plan.unit_inserts), len(plan.unit_updates)
    result.units_unchanged = plan.units_unchanged
    result.equipment_new = len(plan.equipment_inserts)
    result.equipment_updated = len(plan.equipment_updates)
    result.equipment_unchanged = plan.equipment_unchanged
    result.maintainers_new = plan.maintainers.new
    result.maintainers_updated = plan.maintainers.updated


def _summary(r: LedgerResult) -> list[tuple[str, Any]]:
    encoding = f"，编码 {r.encoding}" if r.encoding else ""
    lines: list[tuple[str, Any]] = [
        ("台账文件", str(r.path)),
        ("格式", f"{r.format}{encoding}；工作表“{r.sheet}”，表头在第{r.header_row}行"),
        ("检查时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("方式", "仅检查，未写入数据库" if r.dry_run else "已导入合格的行"),
        ("数据行", r.rows),
        ("未导入的行", f"{r.refused_rows}（见“待修正”，改正后可直接导入此报告）"),
        ("提示", r.warnings),
        ("单位", f"新增{r.units_new}，更新{r.units_updated}，无变化{r.units_unchanged}"),
        (
            "设备",
            f"新增{r.equipment_new}，更新{r.equipment_updated}，无变化{r.equipment_unchanged}",
        ),
        ("维保单位", f"新增{r.maintainers_new}，更新{r.maintainers_updated}"),
    ]
    lines += [("说明", note) for note in r.notes]
    return lines
