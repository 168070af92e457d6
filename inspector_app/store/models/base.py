"""Declarative base, column types and the mixin every synced row carries."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from inspector_app.store.ids import new_id

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Clocks and change-log sequences: 64-bit (store/limits.py). On SQLite INTEGER is
# 64-bit already, and only "INTEGER PRIMARY KEY" is the rowid, so keep that name there.
BigInt = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC on both databases.

    SQLite keeps no zone, so values are normalised to UTC on the way in and
    marked UTC on the way out; comparisons then behave the same on PostgreSQL.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime()}


class Synced:
    """Columns every row that travels between laptops and the office carries.

    ``origin_device`` is the device that wrote this version of the row and
    ``clock`` its Lamport clock at that moment: together they order concurrent
    edits deterministically. Rows are never deleted, only tombstoned, so a
    deletion travels like any other change.
    """

    __sync__: ClassVar[bool] = True
    # Columns that stay on the machine that wrote them (never put in a change).
    __sync_exclude__: ClassVar[frozenset[str]] = frozenset()

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    origin_device: Mapped[str] = mapped_column(String(36), default="")
    clock: Mapped[int] = mapped_column(BigInt, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
