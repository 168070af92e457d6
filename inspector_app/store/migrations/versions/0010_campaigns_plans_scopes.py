"""campaigns, annual plans, tasks, 重点 records, recusals; scoped sync

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10

What issue 10 needs:
- ``campaigns``, ``plans``, ``tasks``, ``unit_events`` (accidents and confirmed complaints
  on a unit), ``recusals`` (officer ↔ unit), all synced;
- ``officers.districts`` (the districts an officer may be drawn for), ``inspections.task_id``
  (the task an inspection was started from) and indexes for coverage;
- ``blobs.remote`` (a file a scoped laptop knows of but has not fetched) and, at the
  office, ``sync_enrolments.scope`` with the history of scope changes.

Existing rows keep their meaning: every device stays unscoped (pulls everything), every
officer may be drawn for every district, every blob is here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)
_BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("clock", _BIG, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def _fk(table: str, column: str, target: str, key: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.{key}"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("doc_no", sa.String(length=100), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("venue_types", sa.JSON(), nullable=False),
        sa.Column("districts", sa.JSON(), nullable=False),
        sa.Column("unit_ids", sa.JSON(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("closed_at", _TS, nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_synced(),
        _fk("campaigns", "owner_id", "officers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    op.create_table(
        "plans",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("doc_no", sa.String(length=100), nullable=False),
        sa.Column("districts", sa.JSON(), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("algorithm", sa.String(length=20), nullable=False),
        sa.Column("seed", sa.String(length=200), nullable=False),
        sa.Column("ratios", sa.JSON(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("pool_sha256", sa.String(length=64), nullable=False),
        sa.Column("result_sha256", sa.String(length=64), nullable=False),
        sa.Column("pool_units", sa.Integer(), nullable=False),
        sa.Column("pool_officers", sa.Integer(), nullable=False),
        sa.Column("excluded_units", sa.Integer(), nullable=False),
        sa.Column("drawn", sa.Integer(), nullable=False),
        sa.Column("drawn_at", _TS, nullable=False),
        sa.Column("drawn_by", sa.String(length=36), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_at", _TS, nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_synced(),
        _fk("plans", "pool_sha256", "blobs", "sha256"),
        _fk("plans", "result_sha256", "blobs", "sha256"),
        _fk("plans", "drawn_by", "officers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    op.create_index("ix_plans_year", "plans", ["year"])
    op.create_table(
        "tasks",
        sa.Column("plan_id", sa.String(length=36), nullable=True),
        sa.Column("campaign_id", sa.String(length=36), nullable=True),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("kinds", sa.String(length=200), nullable=False),
        sa.Column("lead_officer_id", sa.String(length=36), nullable=False),
        sa.Column("second_officer_id", sa.String(length=36), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stratum", sa.String(length=60), nullable=False),
        sa.Column("draw_order", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_synced(),
        _fk("tasks", "plan_id", "plans"),
        _fk("tasks", "campaign_id", "campaigns"),
        _fk("tasks", "unit_id", "units"),
        _fk("tasks", "lead_officer_id", "officers"),
        _fk("tasks", "second_officer_id", "officers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    op.create_index("ix_tasks_plan_id", "tasks", ["plan_id"])
    op.create_index("ix_tasks_campaign_id", "tasks", ["campaign_id"])
    op.create_index("ix_tasks_unit_id", "tasks", ["unit_id"])
    op.create_index("ix_tasks_lead_officer", "tasks", ["lead_officer_id"])
    op.create_index("ix_tasks_second_officer", "tasks", ["second_officer_id"])
    op.create_table(
        "unit_events",
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=36), nullable=True),
        *_synced(),
        _fk("unit_events", "unit_id", "units"),
        _fk("unit_events", "recorded_by", "officers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_events")),
    )
    op.create_index("ix_unit_events_unit_id", "unit_events", ["unit_id"])
    op.create_table(
        "recusals",
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        *_synced(),
        _fk("recusals", "officer_id", "officers"),
        _fk("recusals", "unit_id", "units"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recusals")),
    )
    op.create_index("ix_recusals_officer_id", "recusals", ["officer_id"])
    op.create_index("ix_recusals_unit_id", "recusals", ["unit_id"])
    op.create_table(
        "sync_scope_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("mark", _BIG, nullable=False),
        sa.Column("scope", sa.JSON(), nullable=True),
        sa.Column("changed_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_scope_changes")),
    )
    op.create_index("ix_sync_scope_changes_device", "sync_scope_changes", ["device_id", "mark"])

    op.add_column(
        "officers", sa.Column("districts", sa.JSON(), nullable=False, server_default="[]")
    )
    op.add_column("inspections", sa.Column("task_id", sa.String(length=36), nullable=True))
    op.create_index("ix_inspections_task_id", "inspections", ["task_id"])
    op.create_index("ix_findings_inspection_equipment_id", "findings", ["inspection_equipment_id"])
    op.add_column(
        "blobs", sa.Column("remote", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("sync_enrolments", sa.Column("scope", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_enrolments") as batch:
        batch.drop_column("scope")
    with op.batch_alter_table("blobs") as batch:
        batch.drop_column("remote")
    op.drop_index("ix_findings_inspection_equipment_id", table_name="findings")
    op.drop_index("ix_inspections_task_id", table_name="inspections")
    with op.batch_alter_table("inspections") as batch:
        batch.drop_column("task_id")
    with op.batch_alter_table("officers") as batch:
        batch.drop_column("districts")
    op.drop_index("ix_sync_scope_changes_device", table_name="sync_scope_changes")
    op.drop_table("sync_scope_changes")
    for table in ("recusals", "unit_events", "tasks", "plans", "campaigns"):
        op.drop_table(table)
