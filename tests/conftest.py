"""Shared fixtures: a real database on SQLite and on PostgreSQL for every store test.

PostgreSQL tests use the server named by ``INSPECTOR_TEST_PG_URL`` (``.ci/run``
starts one). Without it they skip with the reason, except in CI (``CI`` set),
where a missing server is a failure: CI must really run them.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL_ENV = "INSPECTOR_TEST_PG_URL"
_pg_counter = itertools.count()


def _pg_admin_url() -> str | None:
    return os.environ.get(PG_URL_ENV)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder through the variable the app honours."""
    folder = tmp_path / "data"
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def pg_template():
    """A migrated template database; each test copies it (fast) instead of migrating."""
    url = _pg_admin_url()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_ENV} is not set in CI: PostgreSQL tests must run there")
        pytest.skip(f"no PostgreSQL server: set {PG_URL_ENV} (see scripts/start_postgres.sh)")
    from sqlalchemy import create_engine, text

    from inspector_app.store import migrate
    from inspector_app.store.db import make_engine

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    # One template per test process, so two test runs on one server never drop
    # each other's template.
    template = f"inspector_template_{os.getpid()}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{template}"'))
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL at {PG_URL_ENV} is not reachable: {exc}")
    template_url = _with_database(url, template)
    engine = make_engine(template_url)
    migrate.upgrade(engine)
    engine.dispose()
    yield admin, url, template
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
    admin.dispose()


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def make_pg_url(pg_template):
    """Factory of fresh, migrated PostgreSQL databases; dropped after the test."""
    from sqlalchemy import text

    admin, url, template = pg_template
    created: list[str] = []

    def make() -> str:
        name = f"inspector_t{os.getpid()}_{next(_pg_counter)}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        created.append(name)
        return _with_database(url, name)

    yield make
    with admin.connect() as conn:
        for name in created:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _sqlite_url(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'inspector.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return _sqlite_url(tmp_path / "sqlite")
    return request.getfixturevalue("make_pg_url")()


@pytest.fixture
def db(db_url):
    from inspector_app.store.db import open_database

    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    from inspector_app.store.db import open_database

    database = open_database(_sqlite_url(tmp_path / "sqlite"))
    yield database
    database.dispose()


@pytest.fixture
def blobs(tmp_path):
    from inspector_app.store.blobs import BlobStore

    return BlobStore(tmp_path / "blobs")
