"""Sync bookkeeping: local to each database, never synced themselves.

* ``sync_cursors``: per peer, how far our own change log has been acknowledged
  and how far we have pulled theirs.
* ``applied_bundles``: every imported bundle by the SHA-256 of its file, so the
  same bundle twice is a no-op, plus the change range it carried (acks).
* ``sync_conflicts``: the losing version of every concurrent edit, for review.
* ``sync_enrolments``: at the office, the devices allowed to push and pull
  (the authoritative list: synced ``devices`` rows are only informational).
* ``sync_trust``: on a laptop, the office it sends bundles to.
* ``origin_batches``: attestations by origin devices of the changes they sent
  (sync/origin.py), kept so that a relay can forward them.
* ``sync_withheld``: change-log entries an export left out because a blob they
  need is missing or damaged here (the office says so; sync/withheld.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigInt, utcnow


class SyncCursor(Base):
    __tablename__ = "sync_cursors"
    __sync__: ClassVar[bool] = False

    peer: Mapped[str] = mapped_column(String(36), primary_key=True)
    acked_seq: Mapped[int] = mapped_column(BigInt, default=0)
    pulled_seq: Mapped[int] = mapped_column(BigInt, default=0)
    # After a restore: the next pulls from this peer also bring back our own changes.
    include_own: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The peer's incarnation as its pulls last named it; a new one means it was restored
    # from a backup and may lack what we sent since (docs/data.md, "Backups").
    peer_epoch: Mapped[str] = mapped_column(String(36), default="", server_default="")
    # Schema skew (sync/skew.py): the peer's revision as its last pull named it; the
    # revision our last pull from it was built in (columns newer than that may hold
    # only defaults here); a catch-up in progress after an upgrade and where it ends.
    peer_schema: Mapped[str] = mapped_column(String(32), default="", server_default="")
    pulled_schema: Mapped[str] = mapped_column(String(32), default="", server_default="")
    catchup_from: Mapped[str] = mapped_column(String(32), default="", server_default="")
    catchup_upto: Mapped[int] = mapped_column(BigInt, default=0, server_default="0")


class AppliedBundle(Base):
    __tablename__ = "applied_bundles"
    __sync__: ClassVar[bool] = False
    __table_args__ = (Index("ix_applied_bundles_device", "device_id"),)

    bundle_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(10))  # push | pull
    seq_from: Mapped[int] = mapped_column(BigInt)
    seq_to: Mapped[int] = mapped_column(BigInt)
    changes: Mapped[int] = mapped_column(Integer)
    applied: Mapped[int] = mapped_column(Integer)
    applied_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncConflict(Base):
    __tablename__ = "sync_conflicts"
    __sync__: ClassVar[bool] = False
    __table_args__ = (Index("ix_sync_conflicts_row", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(64))
    winner_clock: Mapped[int] = mapped_column(BigInt)
    winner_device: Mapped[str] = mapped_column(String(36))
    winner_payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    loser_clock: Mapped[int] = mapped_column(BigInt)
    loser_device: Mapped[str] = mapped_column(String(36))
    loser_payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncEnrolment(Base):
    __tablename__ = "sync_enrolments"
    __sync__: ClassVar[bool] = False

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    sign_key: Mapped[bytes] = mapped_column(LargeBinary)  # Ed25519 public, raw 32 bytes
    box_key: Mapped[bytes] = mapped_column(LargeBinary)  # X25519 public, raw 32 bytes
    fingerprint: Mapped[str] = mapped_column(String(40))
    segment: Mapped[str] = mapped_column(String(2), default="")
    requested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    enrolled_at: Mapped[dt.datetime | None] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column()
    device_row: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # A relay (a supervisor's machine) may forward other devices' attested changes.
    relay: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # What the device pulls: {"districts": [...], "officers": [ids]}; None = everything
    # (sync/scope.py). Changed only through ``scope.set_scope`` (history in
    # ``sync_scope_changes``).
    scope: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # The device's schema revision and the one its data is in sync with, as its last
    # push or pull request said (sync/skew.py): how its pull bundles are built.
    schema_revision: Mapped[str] = mapped_column(String(32), default="", server_default="")
    data_revision: Mapped[str] = mapped_column(String(32), default="", server_default="")


class SyncScopeChange(Base):
    """Each change of a device's scope and where in the change log it took effect.

    ``mark`` is the change-log seq of the audit row written with the change: a pull whose
    cursor is below it may have been filtered with the older scope, so the rows that came
    into scope are sent once more (sync/scope.py)."""

    __tablename__ = "sync_scope_changes"
    __sync__: ClassVar[bool] = False
    __table_args__ = (Index("ix_sync_scope_changes_device", "device_id", "mark"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    mark: Mapped[int] = mapped_column(BigInt)
    scope: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncTrust(Base):
    __tablename__ = "sync_trust"
    __sync__: ClassVar[bool] = False

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    office_device: Mapped[str] = mapped_column(String(36))
    box_key: Mapped[bytes] = mapped_column(LargeBinary)  # office X25519 public
    sign_key: Mapped[bytes] = mapped_column(LargeBinary)  # office Ed25519 public
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OriginBatch(Base):
    """One device's signed list of change digests (sync/origin.py)."""

    __tablename__ = "origin_batches"
    __sync__: ClassVar[bool] = False

    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    digests: Mapped[bytes] = mapped_column(LargeBinary)  # 32 bytes per change
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncWithheld(Base):
    """A change-log entry left out of bundles: a blob it needs is missing or damaged here."""

    __tablename__ = "sync_withheld"
    __sync__: ClassVar[bool] = False

    seq: Mapped[int] = mapped_column(BigInt, primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36))
    blob_sha256: Mapped[str] = mapped_column(String(64))
    problem: Mapped[str] = mapped_column(String(200))
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    requeued_at: Mapped[dt.datetime | None] = mapped_column()
