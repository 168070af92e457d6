"""Substring search over equipment and units (registration code, names, addresses).

SQLite uses the FTS5 trigram index built by migration 0002, which answers any
substring of three or more characters (Chinese included) without scanning the
table; PostgreSQL uses pg_trgm GIN indexes through ILIKE. Queries shorter
than three characters cannot use a trigram index, so they only match the
start of a registration code or a unit's credit code, which is what a person
types when they have two characters.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, column, func, or_, select, table, text
from sqlalchemy.orm import Session

from .models import Equipment, Unit

MIN_SUBSTRING = 3


@dataclass(frozen=True)
class EquipmentHit:
    id: str
    unit_id: str
    kind: str
    registration_code: str
    name: str
    location: str
    unit_name: str
    unit_address: str
    next_inspection_due: object


def _fts_phrase(query: str) -> str:
    # An FTS5 string literal: the whole query is one phrase, quotes doubled, so
    # nothing a person types is read as FTS syntax.
    return '"' + query.replace('"', '""') + '"'


def clean_query(query: str) -> str:
    """The query without control characters: no stored text holds one (a NUL would even
    break SQLite's FTS5 query parser), so they can only be typing or paste accidents."""
    return "".join(ch for ch in query if ch >= " " and ch != "\x7f").strip()


def _escape_like(query: str) -> str:
    return query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_equipment_fts = table("equipment_fts", column("rowid"), column("doc"))
_equipment_map = table("equipment_fts_map", column("row_id"), column("fts_rowid"))
_unit_fts = table("unit_fts", column("rowid"), column("doc"))
_unit_map = table("unit_fts_map", column("row_id"), column("fts_rowid"))


def _equipment_query(session: Session, query: str, columns: list) -> Select:
    """Matching, non-deleted equipment joined to its unit, in a stable order."""
    base = select(*columns).join(Unit, Unit.id == Equipment.unit_id)
    base = base.where(Equipment.deleted.is_(False))
    if len(query) < MIN_SUBSTRING:
        pattern = _escape_like(query) + "%"
        return base.where(
            or_(
                Equipment.registration_code.like(pattern, escape="\\"),
                Unit.uscc.like(pattern, escape="\\"),
            )
        ).order_by(Equipment.registration_code)
    if session.get_bind().dialect.name == "sqlite":
        return (
            base.join(_equipment_map, _equipment_map.c.row_id == Equipment.id)
            .join(_equipment_fts, _equipment_fts.c.rowid == _equipment_map.c.fts_rowid)
            .where(text("equipment_fts MATCH :phrase").bindparams(phrase=_fts_phrase(query)))
            .order_by(_equipment_fts.c.rowid)
        )
    pattern = "%" + _escape_like(query) + "%"
    return base.where(
        or_(
            Equipment.registration_code.ilike(pattern, escape="\\"),
            Equipment.certificate_no.ilike(pattern, escape="\\"),
            Equipment.name.ilike(pattern, escape="\\"),
            Equipment.location.ilike(pattern, escape="\\"),
            Unit.name.ilike(pattern, escape="\\"),
            Unit.address.ilike(pattern, escape="\\"),
            Unit.uscc.ilike(pattern, escape="\\"),
        )
    ).order_by(Equipment.id)


def search_equipment(
    session: Session, query: str, *, limit: int = 50, offset: int = 0
) -> list[EquipmentHit]:
    """One page of the equipment whose codes, name, location or unit match ``query``."""
    query = clean_query(query)
    if not query:
        return []
    columns = [
        Equipment.id,
        Equipment.unit_id,
        Equipment.kind,
        Equipment.registration_code,
        Equipment.name,
        Equipment.location,
        Unit.name,
        Unit.address,
        Equipment.next_inspection_due,
    ]
    stmt = _equipment_query(session, query, columns).limit(limit).offset(offset)
    return [EquipmentHit(*row) for row in session.execute(stmt)]


def count_equipment_matches(session: Session, query: str) -> int:
    query = clean_query(query)
    if not query:
        return 0
    stmt = _equipment_query(session, query, [Equipment.id]).order_by(None)
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def search_units(session: Session, query: str, *, limit: int = 50) -> list[Unit]:
    query = clean_query(query)
    if not query:
        return []
    if len(query) < MIN_SUBSTRING:
        pattern = _escape_like(query) + "%"
        cond = or_(Unit.uscc.like(pattern, escape="\\"), Unit.name.like(pattern, escape="\\"))
        ids = select(Unit.id).where(cond)
    elif session.get_bind().dialect.name == "sqlite":
        ids = (
            select(_unit_map.c.row_id)
            .join(_unit_fts, _unit_fts.c.rowid == _unit_map.c.fts_rowid)
            .where(text("unit_fts MATCH :phrase").bindparams(phrase=_fts_phrase(query)))
        )
    else:
        pattern = "%" + _escape_like(query) + "%"
        ids = select(Unit.id).where(
            or_(
                Unit.name.ilike(pattern, escape="\\"),
                Unit.address.ilike(pattern, escape="\\"),
                Unit.uscc.ilike(pattern, escape="\\"),
            )
        )
    stmt = (
        select(Unit)
        .where(Unit.id.in_(ids), Unit.deleted.is_(False))
        .order_by(Unit.name)
        .limit(limit)
    )
    return list(session.scalars(stmt))


# ---------------------------------------------------------------- bulk loads

_BULK_TRIGGERS = {
    "units_fts_ai": ("units", "unit_fts"),
    "equipment_fts_ai": ("equipment", "equipment_fts"),
}
_DOC = re.compile(r"INSERT INTO (\w+)\(doc\) VALUES \((.*)\);\s*INSERT INTO \w+_map", re.DOTALL)


@contextlib.contextmanager
def bulk_indexing(session: Session) -> Iterator[None]:
    """Index rows inserted inside this block set-wise at its end, not one trigger at a time.

    On SQLite the FTS5 insert triggers of migration 0002 cost ten times the
    insert itself for a registry load. Inside the block they are dropped (in
    the caller's transaction: a rollback restores them); at the end every unit
    and equipment row missing from the index is indexed with one statement per
    table, using the document expression read from the trigger itself, and the
    triggers are put back. Updates keep their per-row triggers. Elsewhere (or
    when the triggers are not as expected) nothing changes.
    """
    conn = session.connection()
    saved: list[tuple[str, str, str, str]] = []
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
            tuple(_BULK_TRIGGERS),
        ).all()
        for name, sql in rows:
            match = _DOC.search(sql or "")
            table, fts = _BULK_TRIGGERS[name]
            if match is None or match.group(1) != fts:
                saved = []
                break
            saved.append((name, sql, table, match.group(2)))
    for name, *_rest in saved:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for name, sql, table, doc in saved:
        _index_missing(conn, table, _BULK_TRIGGERS[name][1], doc)
        conn.exec_driver_sql(sql)


def _index_missing(conn: Any, table: str, fts: str, doc: str) -> None:
    """Index the rows of ``table`` that have no entry in ``<fts>_map`` (names are ours)."""
    expression = re.sub(r"\bnew\.", "t.", doc)
    conn.exec_driver_sql("DROP TABLE IF EXISTS temp.fts_new")
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE fts_new AS SELECT t.id AS row_id, "
        f"(SELECT coalesce(max(rowid), 0) FROM {fts}) + row_number() OVER (ORDER BY t.rowid) "
        f"AS fts_rowid FROM {table} t "
        f"WHERE NOT EXISTS (SELECT 1 FROM {fts}_map m WHERE m.row_id = t.id)"
    )
    conn.exec_driver_sql(
        f"INSERT INTO {fts}(rowid, doc) SELECT n.fts_rowid, {expression} "
        f"FROM temp.fts_new n JOIN {table} t ON t.id = n.row_id ORDER BY n.fts_rowid"
    )
    conn.exec_driver_sql(
        f"INSERT INTO {fts}_map(row_id, fts_rowid) SELECT row_id, fts_rowid FROM temp.fts_new"
    )
    conn.exec_driver_sql("DROP TABLE temp.fts_new")
