"""Officers and the devices they work on."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.rules.enums import OfficerRole

from .base import Base, BigInt, Synced


class Officer(Synced, Base):
    __tablename__ = "officers"
    # Login state is per machine; a wrong password on one laptop must not lock
    # the officer out everywhere, and lock-outs must not ride in bundles.
    __sync_exclude__: ClassVar[frozenset[str]] = frozenset({"failed_logins", "locked_until"})

    name: Mapped[str] = mapped_column(String(50))
    cert_no: Mapped[str] = mapped_column(String(30), unique=True)  # 执法证号
    role: Mapped[OfficerRole] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, PHC string
    active: Mapped[bool] = mapped_column(default=True)
    # 辖区: the districts this officer may be drawn for (empty: every district).
    districts: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column()


class Device(Synced, Base):
    """A laptop (or the office server) known by its Ed25519 public key."""

    __tablename__ = "devices"

    name: Mapped[str] = mapped_column(String(100))
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    enrolled_at: Mapped[dt.datetime | None] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column()


class LocalState(Base):
    """Facts about this installation that never leave it.

    One row: this device's id and its Lamport clock. The clock is bumped with
    an UPDATE inside each writing transaction, so two processes on the same
    file (the app and the CLI) still hand out distinct, increasing values.
    Writers hold this row locked from their first change-log entry to their
    commit, which makes the change log commit-ordered (docs/sync.md).

    ``audit_chain``/``audit_seq``/``audit_head``: the audit hash chain this
    database writes and its last link, so a deleted last row is noticed.
    """

    __tablename__ = "local_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    clock: Mapped[int] = mapped_column(BigInt, default=0)
    audit_chain: Mapped[str] = mapped_column(String(36), default="", server_default="")
    audit_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    audit_head: Mapped[str] = mapped_column(String(64), default="", server_default="")


class Setting(Base):
    """Installation settings that belong with the data (issuing authority, number segment)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))


class NumberSequence(Base):
    """Local counters for human-facing numbers (directives), one row per series."""

    __tablename__ = "number_sequences"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
