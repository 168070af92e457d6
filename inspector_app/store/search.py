"""Substring search over equipment and units (registration code, names, addresses).

SQLite uses the FTS5 trigram index built by migration 0002, which answers any
substring of three or more characters (Chinese included) without scanning the
table; PostgreSQL uses pg_trgm GIN indexes through ILIKE. Queries shorter
than three characters cannot use a trigram index, so they only match the
start of a registration code or a unit's credit code, which is what a person
types when they have two characters.
"""

from __future__ import annotations

from dataclasses import dataclass

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
