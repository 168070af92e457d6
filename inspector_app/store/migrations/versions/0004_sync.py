"""sync bookkeeping: cursors, applied bundles, conflicts, enrolments, trust

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sync_cursors",
        sa.Column("peer", sa.String(length=36), nullable=False),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("pulled_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("peer", name=op.f("pk_sync_cursors")),
    )
    op.create_table(
        "applied_bundles",
        sa.Column("bundle_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("seq_from", sa.Integer(), nullable=False),
        sa.Column("seq_to", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("applied", sa.Integer(), nullable=False),
        sa.Column("applied_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_applied_bundles")),
    )
    op.create_index("ix_applied_bundles_device", "applied_bundles", ["device_id"])
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("winner_clock", sa.Integer(), nullable=False),
        sa.Column("winner_device", sa.String(length=36), nullable=False),
        sa.Column("winner_payload", sa.JSON(), nullable=False),
        sa.Column("loser_clock", sa.Integer(), nullable=False),
        sa.Column("loser_device", sa.String(length=36), nullable=False),
        sa.Column("loser_payload", sa.JSON(), nullable=False),
        sa.Column("detected_at", _TS, nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_index("ix_sync_conflicts_row", "sync_conflicts", ["table_name", "row_id"])
    op.create_table(
        "sync_enrolments",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("sign_key", sa.LargeBinary(), nullable=False),
        sa.Column("box_key", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("segment", sa.String(length=2), nullable=False),
        sa.Column("requested_at", _TS, nullable=False),
        sa.Column("enrolled_at", _TS, nullable=True),
        sa.Column("revoked_at", _TS, nullable=True),
        sa.Column("device_row", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_enrolments")),
    )
    op.create_table(
        "sync_trust",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("office_device", sa.String(length=36), nullable=False),
        sa.Column("box_key", sa.LargeBinary(), nullable=False),
        sa.Column("sign_key", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_sync_trust")),
    )


def downgrade() -> None:
    op.drop_table("sync_trust")
    op.drop_table("sync_enrolments")
    op.drop_index("ix_sync_conflicts_row", table_name="sync_conflicts")
    op.drop_table("sync_conflicts")
    op.drop_index("ix_applied_bundles_device", table_name="applied_bundles")
    op.drop_table("applied_bundles")
    op.drop_table("sync_cursors")
