"""The change log (what sync sends) and the audit log (who did what, and why)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigInt, Synced, utcnow


class ChangeLog(Base):
    """Every local change to a synced row, appended in the same transaction.

    Local to this database: ``seq`` orders changes for export cursors; the
    payload is the full row after the change, so applying the newest change of
    a row reproduces it.
    """

    __tablename__ = "change_log"
    __sync__: ClassVar[bool] = False
    __table_args__ = (Index("ix_change_log_row", "table_name", "row_id"),)

    seq: Mapped[int] = mapped_column(BigInt, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(10))  # upsert | delete
    clock: Mapped[int] = mapped_column(BigInt)
    device_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The origin device's attestation of this version, when a bundle brought one
    # (``origin_batches``; sync/origin.py): what lets a relay forward it.
    origin_batch: Mapped[str | None] = mapped_column(String(64))
    origin_index: Mapped[int | None] = mapped_column(Integer)


class AuditLog(Synced, Base):
    """Append-only trail of consequential acts (hazard overrides, amendments, logins).

    A hash chain per database incarnation (``store/audit.py``): ``chain`` names it,
    ``chain_seq`` counts 1, 2, 3… within it, ``prev_hash`` is the previous row's
    ``row_hash`` and ``row_hash`` covers this row's content. Filled in at flush.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_chain", "chain", "chain_seq"),)

    officer_id: Mapped[str | None] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    chain: Mapped[str] = mapped_column(String(36), default="", server_default="")
    chain_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
