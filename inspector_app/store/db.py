"""Opening a database: engine, SQLite pragmas, sessions, automatic upgrade.

A laptop's battery can die between two answers, so SQLite runs in WAL mode
with ``synchronous=FULL``: a committed answer survives power loss. Writers
start with ``BEGIN IMMEDIATE`` so two processes on one file queue on the busy
timeout instead of failing half-way through a transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.orm import Session, sessionmaker

from . import changes, jsontext
from .ids import new_id
from .models import LocalState

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA synchronous=FULL",
)
_BEGIN_OPTION = "inspector_sqlite_begin"


class DatabaseError(Exception):
    """A database that cannot be opened or is not in the expected state."""


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in SQLITE_PRAGMAS:
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str, **kwargs: Any) -> Engine:
    kwargs.setdefault("json_serializer", jsontext.dumps)  # sync payloads stored verbatim
    if url.startswith("sqlite"):
        engine = create_engine(url, **kwargs)
        _install_sqlite_hooks(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


@dataclass
class Database:
    """An opened, upgraded database plus its session factories."""

    url: str
    engine: Engine
    blobs_dir: Path | None = None

    def __post_init__(self) -> None:
        write_bind = self.engine
        if self.is_sqlite:
            write_bind = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        changes.forbid_writes(self._read)
        self._write = sessionmaker(write_bind, expire_on_commit=False)
        changes.attach(self._write)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One writing transaction: committed on success, rolled back on error."""
        with self._write() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    def device_id(self) -> str:
        with self.read() as s:
            return s.scalars(select(LocalState.device_id)).one()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, upgrade: bool = True, blobs_dir: Path | None = None) -> Database:
    """Open (and by default create or upgrade) the database at ``url``."""
    from . import migrate  # alembic is only imported when it is needed

    try:
        engine = make_engine(url)
    except Exception as exc:  # noqa: BLE001 - a malformed URL or a missing driver
        raise DatabaseError(f"cannot open database {safe_url(url)}: {exc}") from exc
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - turn driver noise into one clear line
        engine.dispose()
        raise DatabaseError(f"cannot open database {safe_url(url)}: {exc}") from exc
    if upgrade:
        migrate.upgrade(engine)
    db = Database(url=url, engine=engine, blobs_dir=blobs_dir)
    if upgrade:
        ensure_local_state(db)
    return db


def ensure_local_state(db: Database) -> str:
    """Give this installation its device id the first time it opens a database."""
    with db._write() as session, session.begin():
        state = session.get(LocalState, 1)
        if state is None:  # its audit chain id is also its incarnation (store/audit.py)
            state = LocalState(id=1, device_id=new_id(), clock=0, audit_chain=new_id())
            session.add(state)
        return state.device_id


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return "<invalid url>"
