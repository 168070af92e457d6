"""Big reads of narrow rows as the driver returns them: plain tuples, no Row objects.

A plan draw reads every user unit of the city (50,000 rows of five columns); for that
many rows SQLAlchemy's ORM result machinery costs a third as much again as SQLite
itself. ``driver_rows`` runs a Core SELECT that SQLAlchemy compiles (the SQL and its
parameters are its own, lists expanded) on the driver cursor of the session's own
connection, inside its transaction. Other databases, and statements whose parameters
need converting before the driver sees them, go through Core's execute.

The values are the driver's: SQLite gives 0/1 for a boolean and text for a date or a
time, PostgreSQL the converted value. Callers read text and numbers, and only test a
boolean's truth.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session


def driver_rows(session: Session, stmt: Select[Any]) -> Sequence[Sequence[Any]]:
    """All rows of ``stmt``, flushing pending changes first as the session would."""
    if session.autoflush:
        session.flush()
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name != "sqlite":
        return conn.execute(stmt).all()
    compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    if any(
        bind.type.dialect_impl(dialect).bind_processor(dialect) is not None
        for bind in compiled.binds.values()
    ):
        return conn.execute(stmt).all()
    params = compiled.construct_params()
    cursor = conn.connection.driver_connection.cursor()
    try:
        return cursor.execute(
            compiled.string, [params[name] for name in compiled.positiontup or ()]
        ).fetchall()
    finally:
        cursor.close()
