"""the supervisor's desk: 挂牌督办 cases and their steps, 查封/扣押, attachments, 失信 list, grades

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-10

Adds what issue 11 needs:
- ``supervision_cases`` (挂牌督办: 五到位, deadline, leader, status) and ``case_events``
  (every step), synced;
- ``attachments`` (files kept with a record: the unit's 整改报告 on a directive, a case's
  acceptance evidence), synced, the file itself a blob;
- ``seizures`` (查封/扣押 of equipment, 57号令 Art 26), synced;
- ``blacklist_entries`` (严重违法失信名单), synced; a check constraint refuses a row
  without the supervisor's confirmation and reason;
- ``credit_grades`` and ``credit_state``: each database's own derived grades, not synced;
- indexes for the oversight board's counts (findings by hazard and status, directives by
  status and deadline, inspections by concluded time).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)
# clocks and change-log positions are 64-bit (migration 0005, store/limits.py)
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


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # 0006 was written before 0005 widened the clocks and made this one 32-bit
        op.execute(sa.text('ALTER TABLE "maintenance_units" ALTER COLUMN "clock" TYPE BIGINT'))
    op.create_table(
        "supervision_cases",
        sa.Column("number", sa.String(length=60), nullable=True),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("directive_id", sa.String(length=36), nullable=True),
        sa.Column("finding_ids", sa.JSON(), nullable=False),
        sa.Column("basis", sa.String(length=30), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("listed_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("original_deadline", sa.Date(), nullable=False),
        sa.Column("leader", sa.String(length=50), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("funds", sa.String(length=200), nullable=False),
        sa.Column("responsible", sa.String(length=100), nullable=False),
        sa.Column("emergency_plan", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("police_referral", sa.Boolean(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_supervision_cases_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["directive_id"],
            ["directives.id"],
            name=op.f("fk_supervision_cases_directive_id_directives"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_cases")),
        sa.UniqueConstraint("number", name=op.f("uq_supervision_cases_number")),
    )
    op.create_index("ix_supervision_cases_unit_id", "supervision_cases", ["unit_id"])
    op.create_index("ix_supervision_cases_directive_id", "supervision_cases", ["directive_id"])
    op.create_index(
        "ix_supervision_cases_status_deadline", "supervision_cases", ["status", "deadline"]
    )
    op.create_table(
        "case_events",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["supervision_cases.id"],
            name=op.f("fk_case_events_case_id_supervision_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_case_events_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_events")),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])
    op.create_table(
        "attachments",
        sa.Column("owner", sa.String(length=30), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("blob_sha256", sa.String(length=64), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["blob_sha256"], ["blobs.sha256"], name=op.f("fk_attachments_blob_sha256_blobs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index("ix_attachments_owner", "attachments", ["owner", "owner_id"])
    op.create_table(
        "seizures",
        sa.Column("equipment_id", sa.String(length=36), nullable=False),
        sa.Column("inspection_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("document_no", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("lifted_on", sa.Date(), nullable=True),
        sa.Column("lift_note", sa.Text(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["equipment_id"], ["equipment.id"], name=op.f("fk_seizures_equipment_id_equipment")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_seizures_inspection_id_inspections"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_seizures_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seizures")),
    )
    op.create_index("ix_seizures_equipment_id", "seizures", ["equipment_id"])
    op.create_table(
        "blacklist_entries",
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("unit_name", sa.String(length=200), nullable=False),
        sa.Column("rule_id", sa.String(length=40), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("penalty_decision_no", sa.String(length=100), nullable=False),
        sa.Column("penalty_decided_on", sa.Date(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=36), nullable=False),
        sa.Column("confirmation_reason", sa.Text(), nullable=False),
        sa.Column("listed_on", sa.Date(), nullable=False),
        sa.Column("removal_due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("removed_by", sa.String(length=36), nullable=True),
        sa.Column("removal_reason", sa.Text(), nullable=False),
        *_synced(),
        sa.CheckConstraint(
            "length(confirmation_reason) > 0",
            name=op.f("ck_blacklist_entries_confirmed_with_reason"),
        ),
        sa.CheckConstraint(
            "length(confirmed_by) > 0", name=op.f("ck_blacklist_entries_confirmed_by_someone")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_blacklist_entries_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by"],
            ["officers.id"],
            name=op.f("fk_blacklist_entries_confirmed_by_officers"),
        ),
        sa.ForeignKeyConstraint(
            ["removed_by"], ["officers.id"], name=op.f("fk_blacklist_entries_removed_by_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blacklist_entries")),
    )
    op.create_index("ix_blacklist_entries_unit_id", "blacklist_entries", ["unit_id"])
    op.create_index("ix_blacklist_entries_uscc", "blacklist_entries", ["uscc"])
    op.create_table(
        "credit_grades",
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("grade", sa.String(length=1), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("rules_version", sa.String(length=30), nullable=False),
        sa.Column("rules_hash", sa.String(length=64), nullable=False),
        sa.Column("computed_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_credit_grades")),
    )
    op.create_index("ix_credit_grades_uscc", "credit_grades", ["uscc"])
    op.create_index("ix_credit_grades_grade", "credit_grades", ["grade"])
    op.create_table(
        "credit_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", _BIG, nullable=False),
        sa.Column("rules_hash", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_state")),
    )
    # The board's counts: open serious hazards, directives past their deadline, periods.
    op.create_index("ix_findings_hazard_status", "findings", ["hazard", "status"])
    op.create_index("ix_findings_directive_id", "findings", ["directive_id"])
    op.create_index("ix_directives_status_deadline", "directives", ["status", "deadline"])
    op.create_index("ix_inspections_concluded_at", "inspections", ["concluded_at"])
    op.create_index("ix_follow_ups_directive_id", "follow_ups", ["directive_id"])


def downgrade() -> None:
    op.drop_index("ix_follow_ups_directive_id", table_name="follow_ups")
    op.drop_index("ix_inspections_concluded_at", table_name="inspections")
    op.drop_index("ix_directives_status_deadline", table_name="directives")
    op.drop_index("ix_findings_directive_id", table_name="findings")
    op.drop_index("ix_findings_hazard_status", table_name="findings")
    for table in (
        "credit_state",
        "credit_grades",
        "blacklist_entries",
        "seizures",
        "attachments",
        "case_events",
        "supervision_cases",
    ):
        op.drop_table(table)
