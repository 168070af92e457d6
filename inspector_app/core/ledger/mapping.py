"""Which column of a ledger holds which field: the header row, the mapping, a saved file.

The default mapping knows the usual Chinese headers (``rules.ledger.FIELDS``).
An office's own headers and value spellings live in a small YAML file the
wizard saves (``<data>/ledger-mapping.yaml``) and ``inspector ledger import
--mapping`` reads::

    format: inspector-ledger-mapping/1
    columns:            # header as in the file → field key (empty: ignore the column)
      电梯注册码: registration_code
      备注: ""
    values:             # extra spellings of values
      venue_type: {写字楼: mall}
      category: {观光车: "6900"}
    sheet: 台账          # optional
    header_row: 3       # optional, 1-based row of the headers in the file

The header row is found by looking at the first rows for the one that names
the most known fields; a two-row header (a merged group cell such as 使用单位
over 名称 / 地址) is read as the group plus the sub-header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from inspector_app.rules.ledger import (
    FIELD_BY_KEY,
    FIELDS,
    REQUIRED_FIELDS,
    Vocabulary,
    cell_text,
    default_header_aliases,
    header_candidates,
    normalize_header,
)

from .read import LedgerFileError, Sheet

FORMAT = "inspector-ledger-mapping/1"
SAVED_MAPPING_FILE = "ledger-mapping.yaml"
HEADER_SEARCH_ROWS = 30
MIN_HEADER_FIELDS = 2


@dataclass
class LedgerMapping:
    columns: dict[str, str] = field(default_factory=dict)  # header text → field key or ""
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None
    source: Path | None = None

    def aliases(self) -> dict[str, str]:
        """Normalised header → field key ("" = ignored): defaults, then the office's own."""
        table = default_header_aliases()
        table.update({normalize_header(k): v for k, v in self.columns.items()})
        return table

    def vocabulary(self) -> Vocabulary:
        vocab = Vocabulary.default()
        problems = vocab.extend(self.values)
        if problems:
            raise LedgerFileError(
                "invalid value mapping: " + "; ".join(problems),
                message_zh="列映射的取值表有误：" + "；".join(problems),
            )
        return vocab

    def to_yaml(self) -> str:
        data: dict[str, Any] = {"format": FORMAT, "columns": dict(self.columns)}
        if self.values:
            data["values"] = {k: dict(v) for k, v in self.values.items()}
        if self.sheet:
            data["sheet"] = self.sheet
        if self.header_row:
            data["header_row"] = self.header_row
        header = (
            "# 台账列映射（inspector ledger import --mapping）。columns：表头 → 字段；"
            "字段：" + "、".join(f"{f.key}={f.label_zh}" for f in FIELDS) + "\n"
        )
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def load_mapping(path: str | Path) -> LedgerMapping:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise LedgerFileError(
            f"cannot read mapping {path}: {exc.strerror}",
            message_zh=f"无法读取列映射文件 {path}：{exc.strerror}",
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LedgerFileError(
            f"mapping {path} is not valid YAML: {exc}",
            message_zh=f"列映射文件 {path} 不是有效的YAML：{exc}",
        ) from None
    if not isinstance(data, dict):
        raise LedgerFileError(
            f"mapping {path}: expected a YAML mapping at the top",
            message_zh=f"列映射文件 {path} 的格式不对：顶层应为键值表",
        )
    problems: list[str] = []
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        problems.append(f"format is {fmt!r}, expected {FORMAT!r}")
    columns = data.get("columns") or {}
    values = data.get("values") or {}
    if not isinstance(columns, dict):
        problems.append("columns must map header texts to field keys")
        columns = {}
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        problems.append(
            "values must map a value table (venue_type, category, kind, status) to spellings"
        )
        values = {}
    clean: dict[str, str] = {}
    for header, key in columns.items():
        key = "" if key is None else str(key).strip()
        if key and key not in FIELD_BY_KEY:
            problems.append(
                f"column {header!r}: unknown field {key!r} (known: {', '.join(FIELD_BY_KEY)})"
            )
            continue
        clean[str(header)] = key
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        problems.append("header_row must be a row number (1, 2, …)")
        header_row = None
    unknown = set(data) - {"format", "columns", "values", "sheet", "header_row"}
    if unknown:
        problems.append(f"unknown keys: {', '.join(sorted(map(str, unknown)))}")
    if problems:
        raise LedgerFileError(
            f"mapping {path}: " + "; ".join(problems),
            message_zh=f"列映射文件 {path} 有误：" + "；".join(problems),
        )
    mapping = LedgerMapping(
        columns=clean,
        values={str(k): {str(a): str(b) for a, b in v.items()} for k, v in values.items()},
        sheet=str(data["sheet"]) if data.get("sheet") else None,
        header_row=header_row,
        source=path,
    )
    mapping.vocabulary()  # check the value tables now, not half-way through an import
    return mapping


def save_mapping(mapping: LedgerMapping, path: str | Path) -> Path:
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(mapping.to_yaml(), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise LedgerFileError(
            f"cannot write {path}: {exc.strerror}",
            message_zh=f"无法保存列映射 {path}：{exc.strerror}",
        ) from None
    mapping.source = path
    return path


# ---------------------------------------------------------------- headers


@dataclass
class ColumnMatch:
    sheet: Sheet
    header_index: int  # index into sheet.rows of the header row
    header_row: int  # its row number in the file
    headers: list[str]  # display text of each column's header (group/sub joined)
    fields: dict[int, str]  # column index → field key
    unused: list[int]  # columns with a header that maps to nothing (or a repeat)

    @property
    def score(self) -> int:
        return len(set(self.fields.values()))

    def column_of(self, key: str) -> int | None:
        return next((c for c, k in self.fields.items() if k == key), None)

    def header_of(self, key: str) -> str:
        column = self.column_of(key)
        return self.headers[column] if column is not None else FIELD_BY_KEY[key].label_zh

    @property
    def missing(self) -> list[str]:
        present = set(self.fields.values())
        return [key for key in REQUIRED_FIELDS if key not in present]

    @property
    def data_rows(self) -> list[tuple[int, list[Any]]]:
        return self.sheet.rows[self.header_index + 1 :]


def _match_row(sheet: Sheet, index: int, aliases: dict[str, str]) -> ColumnMatch:
    number, cells = sheet.rows[index]
    group: list[Any] = []
    if index > 0 and sheet.rows[index - 1][0] == number - 1:
        group = sheet.rows[index - 1][1]
    headers: list[str] = []
    fields: dict[int, str] = {}
    unused: list[int] = []
    taken: set[str] = set()
    width = max(len(cells), len(group))
    for column in range(width):
        sub = cell_text(cells[column]) if column < len(cells) else ""
        top = cell_text(group[column]) if column < len(group) else ""
        tries: list[str] = []
        if top and sub and top != sub:
            tries += header_candidates(top + sub)
        tries += header_candidates(sub)
        if top and not sub:
            tries += header_candidates(top)
        shown = f"{top}/{sub}" if top and sub and top != sub else (sub or top)
        headers.append(shown.replace("\n", " "))
        key = next((aliases[t] for t in tries if t in aliases), None)
        if key and key not in taken:
            fields[column] = key
            taken.add(key)
        elif shown:
            unused.append(column)
    return ColumnMatch(sheet, index, number, headers, fields, unused)


def match_columns(sheet: Sheet, mapping: LedgerMapping) -> ColumnMatch | None:
    """The best header row of ``sheet`` (or the mapping's), None if nothing looks like one."""
    aliases = mapping.aliases()
    if mapping.header_row:
        for index, (number, _cells) in enumerate(sheet.rows):
            if number == mapping.header_row:
                return _match_row(sheet, index, aliases)
        return None
    best: ColumnMatch | None = None
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        match = _match_row(sheet, index, aliases)
        if best is None or match.score > best.score:
            best = match
    if best is None or best.score < MIN_HEADER_FIELDS:
        return None
    return best


def choose_sheet(sheets: list[Sheet], mapping: LedgerMapping) -> ColumnMatch:
    """The sheet (and header) to import: the mapping's, else the one naming most fields."""
    candidates = [s for s in sheets if s.rows]
    if mapping.sheet:
        candidates = [s for s in sheets if s.name == mapping.sheet]
        if not candidates:
            raise LedgerFileError(
                f"no sheet {mapping.sheet!r}; sheets: {', '.join(s.name for s in sheets)}",
                message_zh=f"没有名为“{mapping.sheet}”的工作表（有：{'、'.join(s.name for s in sheets)}）",
            )
    matches = [m for m in (match_columns(s, mapping) for s in candidates) if m is not None]
    if not matches:
        seen = []
        for sheet in candidates[:1]:
            for _number, cells in sheet.rows[:3]:
                seen += [cell_text(c)[:20] for c in cells if cell_text(c)][:8]
        where = f"第{mapping.header_row}行" if mapping.header_row else f"前{HEADER_SEARCH_ROWS}行"
        raise LedgerFileError(
            "no header row with known column names found"
            + (f" (first cells: {', '.join(seen[:8])})" if seen else ""),
            message_zh=f"在{where}中没有找到可识别的表头（如“设备注册代码”“统一社会信用代码”）"
            + (f"，看到的是：{'、'.join(seen[:8])}" if seen else "")
            + "。请检查文件编码和工作表，或在列映射中指定各列",
        )
    return max(matches, key=lambda m: m.score)
