"""Alembic, driven from code: the product upgrades its database when it opens it.

Importing Alembic costs about a tenth of a second, which is most of what
separates the desktop app's start from a bare window. So opening a database
first reads its revision with one query and compares it with the newest
revision in ``migrations/versions`` (read from the files' own ``revision`` /
``down_revision`` lines); Alembic is loaded only when there is something to do.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from .revisions import declared_head

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    # Alembic's options go through configparser, where "%" starts an interpolation:
    # a data folder like C:\Users\张伟 becomes %-escapes in a URL, so escape them.
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if engine is not None:
        url = engine.url.render_as_string(hide_password=False)
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    if revision == "head" and current_revision(engine) == declared_head():
        return
    from alembic import command

    cfg = alembic_config(engine)
    with _foreign_keys_deferred(engine) as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        _check_foreign_keys(conn)


@contextlib.contextmanager
def _foreign_keys_deferred(engine: Engine) -> Iterator[Connection]:
    """A connection for migrating. On SQLite, altering a table that other rows refer to
    recreates it (batch mode), which foreign-key enforcement refuses while the rows are
    there: it is off for the migration (a pragma that only works outside a transaction)
    and every reference is checked before the migration commits."""
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            yield conn
            return
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            yield conn
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise RuntimeError(
            f"migration left {len(broken)} broken reference(s), e.g. {table} row {rowid} "
            f"refers to a missing {parent} row"
        )


def head_revision() -> str:
    """The head as Alembic computes it (tests check it equals ``declared_head``)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no alembic_version table yet: a new database
        return None
