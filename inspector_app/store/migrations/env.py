"""Alembic environment: runs on the connection the product hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from inspector_app.store.migrations.env_helpers import include_object
from inspector_app.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # command-line alembic (autogenerate while developing)
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
