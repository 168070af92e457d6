"""Ledger rows checked one by one, then against each other (no database here).

Each row becomes a ``LedgerRow`` (values normalised, blank cells left out) or
stays behind with its problems. A problem names the row, the column as the
file heads it, the value and what is wrong, in Chinese. Errors keep the row
out of the import; warnings are notes on a row that is imported.

Identifier checks are those of ``rules.identifiers``; results are cached per
distinct value, because a unit's credit code repeats on each of its rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from inspector_app.rules.enums import EquipmentKind
from inspector_app.rules.identifiers import (
    IdentifierError,
    category_kind,
    validate_category_code,
    validate_certificate_number,
    validate_equipment_code,
    validate_uscc,
)
from inspector_app.rules.ledger import (
    FIELD_BY_KEY,
    LedgerValueError,
    Vocabulary,
    cell_text,
    code_text,
    parse_date,
    parse_yes_no,
)
from inspector_app.store.models import Equipment, Unit

from .mapping import ColumnMatch
from .task import LedgerTask

ERROR, WARNING = "error", "warning"
CHECK_EVERY = 2000  # rows between two looks at the cancel flag

UNIT_TEXT = (
    "unit_name",
    "address",
    "district",
    "legal_representative",
    "contact_name",
    "contact_phone",
)
EQUIPMENT_TEXT = ("name", "location", "manufacturer", "model")
DATES = ("commissioned_on", "last_inspected_on", "next_inspection_due")
# Field → model column, for the length checks (the database would refuse longer text).
_COLUMNS = {
    "unit_name": Unit.__table__.c.name,
    "address": Unit.__table__.c.address,
    "district": Unit.__table__.c.district,
    "legal_representative": Unit.__table__.c.legal_representative,
    "contact_name": Unit.__table__.c.contact_name,
    "contact_phone": Unit.__table__.c.contact_phone,
    "name": Equipment.__table__.c.name,
    "location": Equipment.__table__.c.location,
    "manufacturer": Equipment.__table__.c.manufacturer,
    "model": Equipment.__table__.c.model,
    "certificate_no": Equipment.__table__.c.certificate_no,
    "maintainer_name": Unit.__table__.c.name,
}
MAX_LENGTH = {key: column.type.length for key, column in _COLUMNS.items()}


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # row number in the file; 0 for the file as a whole
    column: str  # the column's header as the file has it
    value: str
    message: str  # Chinese
    severity: str = ERROR


@dataclass(slots=True)
class LedgerRow:
    """One good row: keys, then the fields the row fills (a blank cell changes nothing)."""

    row: int
    uscc: str
    registration_code: str
    kind: EquipmentKind
    category_code: str
    unit: dict[str, Any] = field(default_factory=dict)
    equipment: dict[str, Any] = field(default_factory=dict)
    # 维保单位: parsed and checked now, stored once equipment has the columns.
    maintainer_name: str | None = None
    maintainer_uscc: str | None = None


@dataclass
class ParseResult:
    rows: list[LedgerRow]
    problems: list[Problem]
    bad_rows: dict[int, list[Any]]  # row number → its cells, for the fix-and-re-import sheet
    total: int
    # Unit details of refused rows whose unit part is right: (row, uscc, details).
    unit_hints: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)

    def reject(self, row: LedgerRow, problem: Problem, cells: list[Any] | None = None) -> None:
        self.problems.append(problem)
        self.bad_rows.setdefault(row.row, cells or [])


def _specificity(code: str) -> int:
    return len(code.rstrip("0"))


class _RowParser:
    def __init__(self, match: ColumnMatch, vocab: Vocabulary) -> None:
        self.match = match
        self.vocab = vocab
        self.col = {key: match.column_of(key) for key in FIELD_BY_KEY}
        self.header = {key: match.header_of(key) for key in FIELD_BY_KEY}
        self._uscc: dict[str, tuple[str | None, str]] = {}
        self._dates: dict[Any, tuple[dt.date | None, str]] = {}
        self._texts: dict[tuple[str, str], str] = {}  # units and makers repeat row after row
        self._categories: dict[tuple[Any, ...], tuple[Any, str | None, list]] = {}

    def cell(self, cells: list[Any], key: str) -> Any:
        column = self.col[key]
        if column is None or column >= len(cells):
            return None
        value = cells[column]
        return None if value == "" else value

    def uscc(self, value: Any) -> tuple[str | None, str]:
        key = value if isinstance(value, str) else repr(value)
        found = self._uscc.get(key)
        if found is None:
            try:
                found = (validate_uscc(code_text(value, "统一社会信用代码")), "")
            except IdentifierError as exc:
                found = (None, exc.message_zh)
            except LedgerValueError as exc:
                found = (None, str(exc))
            self._uscc[key] = found
        return found

    def date(self, value: Any) -> tuple[dt.date | None, str]:
        try:
            found = self._dates.get(value)
        except TypeError:
            found = None
        if found is None:
            try:
                found = (parse_date(value), "")
            except LedgerValueError as exc:
                found = (None, str(exc))
            self._dates[value] = found
        return found

    def parse(
        self,
        number: int,
        cells: list[Any],
        problems: list[Problem],
        hints: list[tuple[int, str, dict[str, Any]]] | None = None,
    ) -> LedgerRow | None:
        errors = len(problems)

        def bad(key: str, value: Any, message: str, severity: str = ERROR) -> None:
            problems.append(Problem(number, self.header[key], cell_text(value), message, severity))

        raw_uscc = self.cell(cells, "uscc")
        raw_code = self.cell(cells, "registration_code")
        uscc = code = None
        if raw_uscc is None:
            bad("uscc", "", "统一社会信用代码为空")
        else:
            uscc, message = self.uscc(raw_uscc)
            if uscc is None:
                bad("uscc", raw_uscc, message)
        if raw_code is None:
            bad("registration_code", "", "设备注册代码为空")
        else:
            try:
                code = validate_equipment_code(code_text(raw_code, "设备注册代码"))
            except IdentifierError as exc:
                bad("registration_code", raw_code, exc.message_zh)
            except LedgerValueError as exc:
                bad("registration_code", raw_code, str(exc))
        kind, category = self._category(cells, code, bad)
        row = LedgerRow(
            number, uscc or "", code or "", kind or EquipmentKind.ELEVATOR, category or ""
        )
        unit, equipment = row.unit, row.equipment
        before_unit = len(problems)
        for key in UNIT_TEXT:
            value = self.cell(cells, key)
            if value is not None:
                text = self._text(key, value, bad)
                if text:
                    unit["name" if key == "unit_name" else key] = text
        venue = self.cell(cells, "venue_type")
        if venue is not None:
            try:
                unit["venue_type"] = self.vocab.venue_type(venue)
            except LedgerValueError as exc:
                bad("venue_type", venue, str(exc))
        priority = self.cell(cells, "priority")
        if priority is not None:
            try:
                unit["priority"] = parse_yes_no(priority)
            except LedgerValueError as exc:
                bad("priority", priority, str(exc))
        unit_ok = uscc is not None and len(problems) == before_unit
        for key in EQUIPMENT_TEXT:
            value = self.cell(cells, key)
            if value is not None:
                text = self._text(key, value, bad)
                if text:
                    equipment[key] = text
        cert = self.cell(cells, "certificate_no")
        if cert is not None:
            text = self._text("certificate_no", cert, bad)
            if text:
                try:
                    equipment["certificate_no"] = validate_certificate_number(text, kind)
                except IdentifierError as exc:
                    equipment["certificate_no"] = text.replace(" ", "")
                    bad("certificate_no", cert, exc.message_zh + "（已按原样导入）", WARNING)
        for key in DATES:
            value = self.cell(cells, key)
            if value is not None:
                day, message = self.date(value)
                if day is None:
                    bad(key, value, message)
                else:
                    equipment[key] = day
        commissioned = equipment.get("commissioned_on")
        last = equipment.get("last_inspected_on")
        due = equipment.get("next_inspection_due")
        if commissioned and last and last < commissioned:
            bad("last_inspected_on", last, f"检验日期早于投用日期{commissioned.isoformat()}")
        if last and due and due <= last:
            bad("next_inspection_due", due, f"下次检验日期不晚于检验日期{last.isoformat()}")
        status = self.cell(cells, "status")
        if status is not None:
            try:
                equipment["status"] = self.vocab.status(status)
            except LedgerValueError as exc:
                bad("status", status, str(exc))
        name = self.cell(cells, "maintainer_name")
        if name is not None:
            row.maintainer_name = self._text("maintainer_name", name, bad) or None
        m_uscc = self.cell(cells, "maintainer_uscc")
        if m_uscc is not None:
            row.maintainer_uscc, message = self.uscc(m_uscc)
            if row.maintainer_uscc is None:
                bad("maintainer_uscc", m_uscc, "维保单位" + message)
        if any(p.severity == ERROR for p in problems[errors:]):
            if hints is not None and unit_ok and unit:
                hints.append((number, uscc, unit))
            return None
        return row

    def _text(self, key: str, value: Any, bad) -> str:
        cache_key = (key, value) if isinstance(value, str) else None
        text = self._texts.get(cache_key) if cache_key else None
        if text is None:
            text = " ".join(cell_text(value).split())
            if cache_key:
                self._texts[cache_key] = text
        limit = MAX_LENGTH.get(key)
        if limit and len(text) > limit:
            bad(key, value, f"内容过长：{len(text)}个字，最多{limit}个字")
            return ""
        return text

    def _category(self, cells: list[Any], code: str | None, bad) -> tuple[Any, str | None]:
        """(kind, category code) from the category columns and the code's own prefix.

        Cached on the cells it reads: a ledger repeats a handful of categories."""
        key = (
            self.cell(cells, "variety"),
            self.cell(cells, "category"),
            self.cell(cells, "kind"),
            code[:4] if code else None,
            bool(code),
        )
        try:
            found = self._categories.get(key)
        except TypeError:  # an unhashable cell value
            found, key = None, None
        if found is None:
            complaints: list[tuple] = []
            kind, category = self._category_of(cells, code, lambda *args: complaints.append(args))
            found = (kind, category, complaints)
            if key is not None:
                self._categories[key] = found
        kind, category, complaints = found
        for args in complaints:
            if args[0] == "registration_code" and code:  # name this row's own code
                args = (args[0], code, *args[2:])
            bad(*args)
        return kind, category

    def _category_of(self, cells: list[Any], code: str | None, bad) -> tuple[Any, str | None]:
        from_code = None
        if code:
            try:
                from_code = validate_category_code(code[:4])
            except IdentifierError:
                from_code = None
        chosen = None
        for key in ("variety", "category"):
            value = self.cell(cells, key)
            if value is None:
                continue
            try:
                found = self.vocab.category(value)
            except LedgerValueError as exc:
                bad(key, value, str(exc))
                return None, None
            if chosen is None or _specificity(found) > _specificity(chosen):
                chosen = found
        kind_cell = self.cell(cells, "kind")
        declared = None
        if kind_cell is not None:
            try:
                declared = self.vocab.kind(kind_cell)
            except LedgerValueError as exc:
                bad("kind", kind_cell, str(exc))
                return None, None
        category = chosen or from_code
        if category is None:
            if code:
                bad(
                    "registration_code",
                    code,
                    "无法确定设备类别：注册代码前4位不是已知类别，且没有设备类别列",
                )
            return None, None
        if from_code and chosen and not _same_kind(chosen, from_code):
            column = "variety" if self.col["variety"] is not None else "category"
            bad(column, chosen, f"设备类别{chosen}与注册代码前4位的类别{from_code}不一致")
            return None, None
        if from_code and chosen and _specificity(from_code) > _specificity(chosen):
            category = from_code
        kind = category_kind(category)
        if declared is not None and not (
            declared == kind
            or (declared == EquipmentKind.ELEVATOR and kind == EquipmentKind.ESCALATOR)
            or (kind == EquipmentKind.ELEVATOR and category == "3000")
        ):
            bad("kind", kind_cell, f"设备种类与类别{category}不一致")
            return None, None
        if category == "3000" and declared == EquipmentKind.ESCALATOR:
            kind = EquipmentKind.ESCALATOR
        return kind, category


def _same_kind(a: str, b: str) -> bool:
    ka, kb = category_kind(a), category_kind(b)
    if ka == kb:
        return True
    elevators = {EquipmentKind.ELEVATOR, EquipmentKind.ESCALATOR}
    return {ka, kb} <= elevators and "3000" in (a, b)


def parse_rows(match: ColumnMatch, vocab: Vocabulary, task: LedgerTask) -> ParseResult:
    """Check every data row, then duplicates and disagreements between rows."""
    parser = _RowParser(match, vocab)
    data = match.data_rows
    result = ParseResult(rows=[], problems=[], bad_rows={}, total=0)
    task.start("checking", len(data))
    problems = result.problems
    mapped = sorted(match.fields)
    for i, (number, cells) in enumerate(data):
        if i % CHECK_EVERY == 0 and i:
            task.step("checking", CHECK_EVERY)
        # A row with nothing in the imported columns is blank (templates number their
        # rows down to the bottom of the sheet): not a row of the ledger.
        if not any(c < len(cells) and cells[c] != "" and cells[c] is not None for c in mapped):
            continue
        result.total += 1
        row = parser.parse(number, cells, problems, result.unit_hints)
        if row is None:
            result.bad_rows[number] = cells
        else:
            result.rows.append(row)
    task.step("checking", len(data) % CHECK_EVERY or (CHECK_EVERY if data else 0))
    _cross_check(result, parser, {number: cells for number, cells in data})
    return result


def _cross_check(result: ParseResult, parser: _RowParser, cells: dict[int, list[Any]]) -> None:
    """Duplicate codes and certificates inside the file; one unit, one set of details."""
    first_code: dict[str, int] = {}
    first_cert: dict[str, tuple[int, str]] = {}
    units: dict[str, tuple[int, dict[str, Any]]] = {}
    kept: list[LedgerRow] = []
    header = parser.header
    hints = sorted(result.unit_hints, key=lambda h: h[0], reverse=True)
    for row in result.rows:
        while hints and hints[-1][0] < row.row:  # refused rows above still tell about the unit
            _number, uscc, details = hints.pop()
            if uscc not in units:
                units[uscc] = (_number, dict(details))
            else:
                for key, value in details.items():
                    units[uscc][1].setdefault(key, value)
        seen = first_code.get(row.registration_code)
        if seen is not None:
            result.reject(
                row,
                Problem(
                    row.row,
                    header["registration_code"],
                    row.registration_code,
                    f"设备注册代码与第{seen}行重复（以第{seen}行为准）",
                ),
                cells.get(row.row),
            )
            continue
        cert = row.equipment.get("certificate_no")
        if cert:
            other = first_cert.get(cert)
            if other is not None and other[1] != row.registration_code:
                result.reject(
                    row,
                    Problem(
                        row.row,
                        header["certificate_no"],
                        cert,
                        f"使用登记证编号与第{other[0]}行（注册代码{other[1]}）重复",
                    ),
                    cells.get(row.row),
                )
                continue
            first_cert[cert] = (row.row, row.registration_code)
        first_code[row.registration_code] = row.row
        kept.append(row)
        known = units.get(row.uscc)
        if known is None:
            units[row.uscc] = (row.row, dict(row.unit))
            continue
        first_row, details = known
        for key, value in row.unit.items():
            if key not in details:
                details[key] = value
            elif details[key] != value:
                field_key = "unit_name" if key == "name" else key
                shown = value.value if hasattr(value, "value") else value
                result.problems.append(
                    Problem(
                        row.row,
                        header[field_key],
                        cell_text(shown),
                        f"同一统一社会信用代码在第{first_row}行的{FIELD_BY_KEY[field_key].label_zh}为"
                        f"“{cell_text(getattr(details[key], 'value', details[key]))}”，以第{first_row}行为准",
                        WARNING,
                    )
                )
    for row in kept:  # every row of a unit carries the unit's agreed details
        row.unit = units[row.uscc][1]
    result.rows = kept
