"""The ledger against the database: what is new, what changed, what stays; then the writes.

Equipment is keyed by its registration code, units by their credit code
(USCC). A row's blank cells change nothing; a filled cell that differs from
the database is a change. Rows that change nothing are not written and not
change-logged, so importing the same file twice logs nothing the second time.
The writes use ``store.changes.bulk_insert``/``bulk_update``: every new or
changed row gets its clock and change-log entry in the same transaction, and
syncs like any other change.

Storing a field the ledger carries is one entry in ``UNIT_FIELDS`` or
``EQUIPMENT_FIELDS`` (ledger field → column), once the column exists. The 维保单位
columns name a maintenance unit, resolved per company by ``maintainers`` through
``core.maintenance``; the equipment row stores its id (``maintenance_unit_id``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, EquipmentStatus
from inspector_app.rules.judgement import next_inspection_due
from inspector_app.rules.ledger import CATEGORY_ATTRIBUTES
from inspector_app.store import changes
from inspector_app.store.ids import new_id
from inspector_app.store.models import Equipment, Unit
from inspector_app.store.search import bulk_indexing

from . import maintainers
from .maintainers import MaintainerPlan
from .parse import ERROR, WARNING, LedgerRow, Problem
from .task import COMPARING, WRITING, LedgerTask

# Ledger field (key of LedgerRow.unit / .equipment) → model column.
UNIT_FIELDS = {
    "name": "name",
    "address": "address",
    "district": "district",
    "venue_type": "venue_type",
    "legal_representative": "legal_representative",
    "contact_name": "contact_name",
    "contact_phone": "contact_phone",
    "priority": "priority",
}
EQUIPMENT_FIELDS = {
    "certificate_no": "certificate_no",
    "name": "name",
    "location": "location",
    "manufacturer": "manufacturer",
    "model": "model",
    "commissioned_on": "commissioned_on",
    "last_inspected_on": "last_inspected_on",
    "next_inspection_due": "next_inspection_due",
    "status": "status",
}
LOOKUP_CHUNK = 500
SCAN_FROM = 5000  # keys from which the comparison reads the whole table once
WRITE_CHUNK = 5000
BULK_INDEX_FROM = 2000  # new rows from which the search index is built set-wise at the end


@dataclass
class Plan:
    unit_inserts: list[dict[str, Any]] = field(default_factory=list)
    unit_updates: list[dict[str, Any]] = field(default_factory=list)
    equipment_inserts: list[dict[str, Any]] = field(default_factory=list)
    equipment_updates: list[dict[str, Any]] = field(default_factory=list)
    units_unchanged: int = 0
    equipment_unchanged: int = 0
    unit_changes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → new values
    equipment_changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rejected: set[int] = field(default_factory=set)  # row numbers refused here
    maintainers: MaintainerPlan = field(default_factory=MaintainerPlan)

    @property
    def writes(self) -> int:
        return (
            len(self.unit_inserts)
            + len(self.unit_updates)
            + len(self.equipment_inserts)
            + len(self.equipment_updates)
        )


def _chunks(items: list[Any], size: int = LOOKUP_CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _rows_by(
    session: Session, columns: list[Any], key: Any, keys: list[str], task: LedgerTask
) -> dict[str, list[dict[str, Any]]]:
    """The rows whose ``key`` is one of ``keys``, with only the columns the comparison reads."""
    found: dict[str, list[dict[str, Any]]] = {}
    names = [c.key for c in columns]
    position = names.index(key.key)
    if len(keys) >= SCAN_FROM:  # one pass over the table beats hundreds of IN lists
        wanted = set(keys)
        for row in session.execute(select(*columns)).all():
            if row[position] in wanted:
                found.setdefault(row[position], []).append(dict(zip(names, row, strict=True)))
        task.step(COMPARING, len(keys))
        return found
    for chunk in _chunks(keys):
        for row in session.execute(select(*columns).where(key.in_(chunk))).all():
            found.setdefault(row[position], []).append(dict(zip(names, row, strict=True)))
        task.step(COMPARING, len(chunk))
    return found


def _pick(candidates: list[dict[str, Any]] | None) -> tuple[dict[str, Any] | None, int]:
    """The row to update among rows sharing a key, and how many of them are live.

    Live before tombstoned, then the oldest (ids are UUIDv7, ordered by creation)."""
    if not candidates:
        return None, 0
    if len(candidates) == 1:
        return candidates[0], 0 if candidates[0]["deleted"] else 1
    ordered = sorted(candidates, key=lambda r: (r["deleted"], r["id"]))
    return ordered[0], sum(1 for r in candidates if not r["deleted"])


def _whole_rows(
    session: Session, table: Any, changes_by_id: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The current full rows of the changed ids with their changes applied."""
    rows = []
    for chunk in _chunks(list(changes_by_id)):
        for row in session.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            rows.append({**row, **changes_by_id[row["id"]]})
    return rows


def _certificates(session: Session, wanted: set[str]) -> dict[str, str]:
    """Certificate number → registration code of live equipment, for the numbers in the file."""
    if not wanted:
        return {}
    stmt = select(Equipment.certificate_no, Equipment.registration_code).where(
        Equipment.deleted.is_(False), Equipment.certificate_no != ""
    )
    return {cert: code for cert, code in session.execute(stmt) if cert in wanted}


def plan_import(
    session: Session, rows: list[LedgerRow], headers: dict[str, str], task: LedgerTask
) -> Plan:
    """Compare the good rows with the database; nothing is written here."""
    plan = Plan()
    codes = [r.registration_code for r in rows]
    usccs = sorted({r.uscc for r in rows})
    task.start(COMPARING, len(codes) + len(usccs))
    u, e = Unit.__table__.c, Equipment.__table__.c
    unit_columns = [u.id, u.uscc, u.deleted, *(u[c] for c in UNIT_FIELDS.values())]
    units = _rows_by(session, unit_columns, u.uscc, usccs, task)
    equipment_columns = [e.id, e.registration_code, e.deleted, e.unit_id, e.kind, e.category_code]
    equipment_columns.append(e.maintenance_unit_id)
    equipment_columns += [e[c] for c in EQUIPMENT_FIELDS.values()]
    equipment = _rows_by(session, equipment_columns, e.registration_code, codes, task)
    certificates = _certificates(
        session, {r.equipment["certificate_no"] for r in rows if "certificate_no" in r.equipment}
    )

    def refuse(row: LedgerRow, key: str, value: Any, message: str) -> None:
        plan.problems.append(Problem(row.row, headers[key], str(value), message, ERROR))
        plan.rejected.add(row.row)

    for row in rows:
        current, _live = _pick(equipment.get(row.registration_code))
        if current is not None and current["kind"] != row.kind:
            refuse(
                row,
                "registration_code",
                row.registration_code,
                f"数据库中该设备是{EQUIPMENT_KIND_ZH.get(current['kind'], current['kind'])}，"
                f"台账中是{EQUIPMENT_KIND_ZH[row.kind]}：请核对设备类别",
            )
            continue
        cert = row.equipment.get("certificate_no")
        owner = certificates.get(cert) if cert else None
        if owner and owner != row.registration_code:
            refuse(row, "certificate_no", cert, f"该使用登记证编号在数据库中属于设备{owner}")
    unit_ids = _plan_units(plan, [r for r in rows if r.row not in plan.rejected], units, headers)
    kept = [r for r in rows if r.row not in plan.rejected and r.uscc in unit_ids]
    plan.maintainers = maintainers.plan_maintainers(session, kept, headers)
    plan.problems += plan.maintainers.problems
    for row in rows:
        if row.row in plan.rejected:
            continue
        _plan_equipment(plan, row, equipment, unit_ids.get(row.uscc), headers)
    plan.unit_updates = _whole_rows(session, Unit.__table__, plan.unit_changes)
    plan.equipment_updates = _whole_rows(session, Equipment.__table__, plan.equipment_changes)
    return plan


def _plan_units(
    plan: Plan,
    rows: list[LedgerRow],
    units: dict[str, list[dict[str, Any]]],
    headers: dict[str, str],
) -> dict[str, str]:
    first_rows: dict[str, LedgerRow] = {}
    for row in rows:
        first_rows.setdefault(row.uscc, row)
    unit_ids: dict[str, str] = {}
    for uscc, row in first_rows.items():
        details = {UNIT_FIELDS[k]: v for k, v in row.unit.items() if k in UNIT_FIELDS}
        current, live = _pick(units.get(uscc))
        if current is None:
            missing = [
                label
                for key, label in (("name", "使用单位名称"), ("venue_type", "场所类型"))
                if key not in details
            ]
            if missing:
                for r in rows:
                    if r.uscc == uscc and r.row not in plan.rejected:
                        key = "unit_name" if "name" not in details else "venue_type"
                        plan.problems.append(
                            Problem(
                                r.row,
                                headers[key],
                                "",
                                f"新单位（统一社会信用代码{uscc}）缺少{'、'.join(missing)}",
                                ERROR,
                            )
                        )
                        plan.rejected.add(r.row)
                continue
            new = {"id": new_id(), "uscc": uscc, **details}
            plan.unit_inserts.append(new)
            unit_ids[uscc] = new["id"]
            continue
        unit_ids[uscc] = current["id"]
        if live > 1:
            plan.problems.append(
                Problem(
                    row.row,
                    headers["uscc"],
                    uscc,
                    f"数据库中有{live}个单位使用该统一社会信用代码，已更新最早登记的“{current['name']}”",
                    WARNING,
                )
            )
        changed = {k: v for k, v in details.items() if current[k] != v}
        if current["deleted"]:
            changed["deleted"] = False
        if changed:
            plan.unit_changes[current["id"]] = changed
        else:
            plan.units_unchanged += 1
    return unit_ids


def _plan_equipment(
    plan: Plan,
    row: LedgerRow,
    equipment: dict[str, list[dict[str, Any]]],
    unit_id: str | None,
    headers: dict[str, str],
) -> None:
    if unit_id is None:  # the unit was refused (its rows were marked above)
        plan.rejected.add(row.row)
        return
    values = {EQUIPMENT_FIELDS[k]: v for k, v in row.equipment.items() if k in EQUIPMENT_FIELDS}
    maintainer = plan.maintainers.target(row)
    if maintainer is not None:  # a blank 维保单位 changes nothing
        values["maintenance_unit_id"] = maintainer
    last = values.get("last_inspected_on")
    if last and "next_inspection_due" not in values:
        values["next_inspection_due"] = next_inspection_due(row.kind, last)
    current, live = _pick(equipment.get(row.registration_code))
    if current is None:
        plan.equipment_inserts.append(
            {
                "id": new_id(),
                "unit_id": unit_id,
                "kind": row.kind,
                "category_code": row.category_code,
                "registration_code": row.registration_code,
                "status": EquipmentStatus.IN_USE,
                "attributes": dict(CATEGORY_ATTRIBUTES.get(row.category_code, {})),
                **values,
            }
        )
        return
    if live > 1:
        plan.problems.append(
            Problem(
                row.row,
                headers["registration_code"],
                row.registration_code,
                f"数据库中有{live}台设备使用该注册代码，已更新最早登记的一台",
                WARNING,
            )
        )
    values["category_code"] = row.category_code
    values["unit_id"] = unit_id
    changed = {k: v for k, v in values.items() if _differs(current[k], v)}
    if current["deleted"]:
        changed["deleted"] = False
    if changed:
        plan.equipment_changes[current["id"]] = changed
    else:
        plan.equipment_unchanged += 1


def _differs(stored: Any, value: Any) -> bool:
    if isinstance(stored, dt.datetime) and not isinstance(value, dt.datetime):
        stored = stored.date()
    return stored != value


def apply_plan(session: Session, plan: Plan, task: LedgerTask) -> None:
    """Write the plan in the caller's transaction; Cancel raises and the caller rolls back."""
    task.start(WRITING, plan.writes)
    inserts = len(plan.unit_inserts) + len(plan.equipment_inserts)
    indexing = bulk_indexing(session) if inserts >= BULK_INDEX_FROM else contextlib.nullcontext()
    with indexing:
        for model, rows, write in (
            (Unit, plan.unit_inserts, changes.bulk_insert),
            (Unit, plan.unit_updates, changes.bulk_update),
            (Equipment, plan.equipment_inserts, changes.bulk_insert),
            (Equipment, plan.equipment_updates, changes.bulk_update),
        ):
            if model is Equipment and rows is plan.equipment_inserts:
                maintainers.write(session, plan.maintainers)  # before the rows that name them
                maintainers.fill_ids(plan.equipment_inserts, plan.maintainers)
                maintainers.fill_ids(plan.equipment_updates, plan.maintainers)
            for chunk in _chunks(rows, WRITE_CHUNK):
                write(session, model, chunk)
                task.step(WRITING, len(chunk))
