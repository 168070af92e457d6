"""sync hardening: 64-bit clocks and sequences, relays and origin attestations,
withheld changes, the audit hash chain, restore re-pulls

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)
SYNCED_TABLES = (
    "audit_log",
    "devices",
    "form_versions",
    "officers",
    "units",
    "equipment",
    "inspections",
    "directives",
    "inspection_equipment",
    "signatures",
    "follow_ups",
    "item_results",
    "findings",
    "photos",
    "follow_up_findings",
)
# (table, column): clocks and change-log sequence numbers, 64-bit (store/limits.py)
BIG_COLUMNS = (
    *((t, "clock") for t in SYNCED_TABLES),
    ("local_state", "clock"),
    ("change_log", "clock"),
    ("change_log", "seq"),
    ("sync_conflicts", "winner_clock"),
    ("sync_conflicts", "loser_clock"),
    ("sync_cursors", "acked_seq"),
    ("sync_cursors", "pulled_seq"),
    ("applied_bundles", "seq_from"),
    ("applied_bundles", "seq_to"),
)


def _widen_postgres() -> None:
    """SQLite's INTEGER is 64-bit already; PostgreSQL's is not."""
    for table, column in BIG_COLUMNS:
        op.execute(sa.text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE BIGINT'))
    op.execute(
        sa.text(
            "DO $$ DECLARE s text := pg_get_serial_sequence('change_log', 'seq'); "
            "BEGIN IF s IS NOT NULL THEN EXECUTE format('ALTER SEQUENCE %s AS BIGINT', s); "
            "END IF; END $$"
        )
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _widen_postgres()
    op.add_column("change_log", sa.Column("origin_batch", sa.String(length=64), nullable=True))
    op.add_column("change_log", sa.Column("origin_index", sa.Integer(), nullable=True))
    op.add_column(
        "sync_enrolments",
        sa.Column("relay", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "sync_cursors",
        sa.Column("include_own", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "sync_cursors",
        sa.Column("peer_epoch", sa.String(length=36), nullable=False, server_default=""),
    )
    for name, type_, default in (
        ("chain", sa.String(length=36), ""),
        ("chain_seq", sa.Integer(), "0"),
        ("prev_hash", sa.String(length=64), ""),
        ("row_hash", sa.String(length=64), ""),
    ):
        op.add_column("audit_log", sa.Column(name, type_, nullable=False, server_default=default))
    op.create_index("ix_audit_log_chain", "audit_log", ["chain", "chain_seq"])
    for name, type_, default in (
        ("audit_chain", sa.String(length=36), ""),
        ("audit_seq", sa.Integer(), "0"),
        ("audit_head", sa.String(length=64), ""),
    ):
        op.add_column("local_state", sa.Column(name, type_, nullable=False, server_default=default))
    # This database's first audit chain, which is also its incarnation (the "epoch" its
    # pulls name): a restore starts a new one.
    op.execute(
        sa.text("UPDATE local_state SET audit_chain = :chain").bindparams(chain=str(uuid.uuid4()))
    )
    op.create_table(
        "origin_batches",
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("digests", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_origin_batches")),
    )
    op.create_index("ix_origin_batches_device_id", "origin_batches", ["device_id"])
    op.create_table(
        "sync_withheld",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("blob_sha256", sa.String(length=64), nullable=False),
        sa.Column("problem", sa.String(length=200), nullable=False),
        sa.Column("detected_at", _TS, nullable=False),
        sa.Column("requeued_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_withheld")),
    )


def downgrade() -> None:
    op.drop_table("sync_withheld")
    op.drop_index("ix_origin_batches_device_id", table_name="origin_batches")
    op.drop_table("origin_batches")
    op.drop_index("ix_audit_log_chain", table_name="audit_log")
    with op.batch_alter_table("local_state") as batch:
        for name in ("audit_chain", "audit_seq", "audit_head"):
            batch.drop_column(name)
    with op.batch_alter_table("audit_log") as batch:
        for name in ("chain", "chain_seq", "prev_hash", "row_hash"):
            batch.drop_column(name)
    with op.batch_alter_table("sync_cursors") as batch:
        batch.drop_column("peer_epoch")
        batch.drop_column("include_own")
    with op.batch_alter_table("sync_enrolments") as batch:
        batch.drop_column("relay")
    with op.batch_alter_table("change_log") as batch:
        batch.drop_column("origin_index")
        batch.drop_column("origin_batch")
