"""findings as facts: failures, citations, inspection type, record numbers, maintenance units

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Adds what issue 8 needs to print a legally right directive and record:
- ``maintenance_units`` and ``equipment.maintenance_unit_id`` (a directive can go to the
  maintenance unit); ``directives.maintenance_unit_id`` names such an addressee;
- per finding: the failure it was picked from, the 判定 and penalty citations, the addressee
  and whether an inspection is needed before use again;
- per answer: the inspection report a value was read from;
- per inspection: the 57号令 type (常规/专项/证后/其他), its task source, the unit's opinion
  and the record number; old "full" (全面, 2006 rules) inspections become routine (常规);
- per directive: the date of the unit's 整改报告 and the re-inspection due date.

Existing rows keep their meaning: old findings have no failure (printed from their own
text), old directives are addressed to the user unit.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _search():
    """``install_sqlite_search`` of migration 0002: recreating ``equipment`` on SQLite
    (batch mode) drops the search triggers, so they are installed again."""
    path = Path(__file__).with_name("0002_search_index.py")
    spec = importlib.util.spec_from_file_location("_inspector_0002", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.install_sqlite_search


_SEARCH_TRIGGERS = (
    "units_fts_ai",
    "units_fts_au",
    "units_fts_ad",
    "equipment_fts_ai",
    "equipment_fts_au",
    "equipment_fts_ad",
)


def _alter_equipment(change) -> None:
    """Batch-alter ``equipment``; on SQLite the search triggers go first (a trigger on
    ``units`` names ``equipment``, so the table cannot be swapped under it) and come back
    rebuilt afterwards."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in _SEARCH_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("equipment") as batch:
        change(batch)
    if sqlite:
        _search()()


def upgrade() -> None:
    op.create_table(
        "maintenance_units",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("licence_no", sa.String(length=60), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("contact_name", sa.String(length=50), nullable=False),
        sa.Column("contact_phone", sa.String(length=30), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("clock", sa.Integer(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_units")),
    )
    op.create_index("ix_maintenance_units_name", "maintenance_units", ["name"])
    op.create_index("ix_maintenance_units_uscc", "maintenance_units", ["uscc"])

    def add(batch) -> None:
        batch.add_column(sa.Column("maintenance_unit_id", sa.String(length=36), nullable=True))
        batch.create_foreign_key(
            "fk_equipment_maintenance_unit_id_maintenance_units",
            "maintenance_units",
            ["maintenance_unit_id"],
            ["id"],
        )

    _alter_equipment(add)

    with op.batch_alter_table("directives") as batch:
        batch.add_column(sa.Column("maintenance_unit_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("report_received_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("reinspection_due", sa.Date(), nullable=True))
        batch.create_foreign_key(
            "fk_directives_maintenance_unit_id_maintenance_units",
            "maintenance_units",
            ["maintenance_unit_id"],
            ["id"],
        )

    for column in (
        sa.Column("failure_id", sa.String(length=40), nullable=True),
        sa.Column("judged_by", sa.Text(), nullable=False, server_default=""),
        sa.Column("penalty", sa.Text(), nullable=False, server_default=""),
        sa.Column("addressee", sa.String(length=20), nullable=False, server_default="user"),
        sa.Column("reinspection", sa.Boolean(), nullable=False, server_default=sa.false()),
    ):
        op.add_column("findings", column)
    op.add_column(
        "item_results",
        sa.Column("report_no", sa.String(length=60), nullable=False, server_default=""),
    )
    op.add_column("item_results", sa.Column("report_date", sa.Date(), nullable=True))
    op.add_column(
        "inspections", sa.Column("task_source", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "inspections", sa.Column("unit_opinion", sa.Text(), nullable=False, server_default="")
    )
    op.add_column("inspections", sa.Column("record_number", sa.String(length=60), nullable=True))
    op.create_index("ix_inspections_record_number", "inspections", ["record_number"], unique=True)
    # 全面 belongs to the 2006 rules; 总局令第57号 has 常规/专项/证后/其他.
    op.execute("UPDATE inspections SET inspection_type = 'routine' WHERE inspection_type = 'full'")


def downgrade() -> None:
    op.execute("UPDATE inspections SET inspection_type = 'full' WHERE inspection_type = 'routine'")
    op.drop_index("ix_inspections_record_number", table_name="inspections")
    with op.batch_alter_table("inspections") as batch:
        for name in ("record_number", "unit_opinion", "task_source"):
            batch.drop_column(name)
    with op.batch_alter_table("item_results") as batch:
        batch.drop_column("report_date")
        batch.drop_column("report_no")
    with op.batch_alter_table("findings") as batch:
        for name in ("reinspection", "addressee", "penalty", "judged_by", "failure_id"):
            batch.drop_column(name)
    with op.batch_alter_table("directives") as batch:
        batch.drop_constraint(
            "fk_directives_maintenance_unit_id_maintenance_units", type_="foreignkey"
        )
        for name in ("reinspection_due", "report_received_on", "maintenance_unit_id"):
            batch.drop_column(name)

    def drop(batch) -> None:
        batch.drop_constraint(
            "fk_equipment_maintenance_unit_id_maintenance_units", type_="foreignkey"
        )
        batch.drop_column("maintenance_unit_id")

    _alter_equipment(drop)
    op.drop_index("ix_maintenance_units_uscc", table_name="maintenance_units")
    op.drop_index("ix_maintenance_units_name", table_name="maintenance_units")
    op.drop_table("maintenance_units")
