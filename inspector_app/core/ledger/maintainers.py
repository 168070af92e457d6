"""维保单位 of the ledger's rows: each company once, through ``core.maintenance``.

A ledger names the maintenance unit on every equipment row (name, and often its
统一社会信用代码). The comparison resolves each distinct company once with
``maintenance.find`` (read only, so a dry run works), the equipment rows then
compare the maintenance unit they name with the one the database holds, and the
writes call ``maintenance.find_or_add`` only for companies that are new or whose
name or code the ledger changes, so importing the same file again writes nothing.
New companies get their ids at that point; equipment rows planned before carry a
``Pending`` marker that ``fill_ids`` replaces before the bulk writes.

A blank 维保单位 cell changes nothing (it does not clear a known maintenance unit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.core import maintenance

from .parse import WARNING, LedgerRow, Problem

Key = tuple[str, str]  # ("uscc", code) or ("name", name)


@dataclass(frozen=True)
class Pending:
    """The maintenance unit of ``key``, which the writes create."""

    key: Key


@dataclass
class Maintainer:
    name: str
    uscc: str
    first_row: int
    unit_id: str | None = None  # the live maintenance unit it is, when the database has it
    needs_write: bool = False  # new, or the ledger renames it or adds its code


@dataclass
class MaintainerPlan:
    companies: dict[Key, Maintainer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ids: dict[Key, str] = field(default_factory=dict)  # filled by ``write``
    created: int | None = None  # counted by ``write`` (two rows' keys may meet in one company)

    @property
    def new(self) -> int:
        if self.created is not None:
            return self.created
        return sum(1 for m in self.companies.values() if m.unit_id is None and m.needs_write)

    @property
    def updated(self) -> int:
        return sum(1 for m in self.companies.values() if m.unit_id is not None and m.needs_write)

    def target(self, row: LedgerRow) -> str | Pending | None:
        """What the row's equipment should name: an id, a unit the writes create, or nothing."""
        key = key_of(row)
        company = self.companies.get(key) if key else None
        if company is None:
            return None
        if company.unit_id is not None:
            return company.unit_id
        return Pending(key) if company.needs_write else None


def key_of(row: LedgerRow) -> Key | None:
    if row.maintainer_uscc:
        return ("uscc", row.maintainer_uscc)
    name = " ".join((row.maintainer_name or "").split())
    return ("name", name) if name else None


def plan_maintainers(
    session: Session, rows: list[LedgerRow], headers: dict[str, str]
) -> MaintainerPlan:
    """Resolve each company the rows name; nothing is written here."""
    plan = MaintainerPlan()
    for row in rows:
        key = key_of(row)
        if key is None:
            continue
        name = " ".join((row.maintainer_name or "").split())
        company = plan.companies.get(key)
        if company is None:
            plan.companies[key] = Maintainer(name, row.maintainer_uscc or "", row.row)
        elif not company.name and name:  # the first row with a name names it
            company.name = name
    for company in plan.companies.values():
        unit = maintenance.find(session, name=company.name, uscc=company.uscc)
        if unit is None and not company.name:
            plan.problems.append(
                Problem(
                    company.first_row,
                    headers.get("maintainer_uscc") or "维保单位统一社会信用代码",
                    company.uscc,
                    "数据库中没有该统一社会信用代码的维保单位，台账也未填写维保单位名称：未关联维保单位",
                    WARNING,
                )
            )
            continue
        if unit is None:
            company.needs_write = True
            continue
        company.unit_id = unit.id
        renamed = bool(company.name) and unit.name != company.name
        coded = bool(company.uscc) and unit.uscc != company.uscc
        company.needs_write = renamed or coded
    return plan


def write(session: Session, plan: MaintainerPlan) -> None:
    """Create or update the companies that need it (change-logged ORM writes); learn new ids."""
    plan.created = 0
    for key, company in plan.companies.items():
        if company.needs_write:
            if (
                company.unit_id is None
                and maintenance.find(session, name=company.name, uscc=company.uscc) is None
            ):
                plan.created += 1
            unit = maintenance.find_or_add(session, name=company.name, uscc=company.uscc)
            plan.ids[key] = unit.id
        elif company.unit_id is not None:
            plan.ids[key] = company.unit_id


def fill_ids(rows: list[dict[str, Any]], plan: MaintainerPlan) -> None:
    """Replace the ``Pending`` markers of planned equipment rows with the written ids."""
    for row in rows:
        value = row.get("maintenance_unit_id")
        if isinstance(value, Pending):
            row["maintenance_unit_id"] = plan.ids[value.key]
