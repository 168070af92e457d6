"""form publications, schema skew bookkeeping

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-12

- ``form_publications``: checklist form versions the office publishes, signed by its key
  (docs/forms.md, "Publishing a form version");
- per enrolled device (office): the schema revision it runs and the one its data is in
  sync with; per sync peer (laptop): the office's revision, the revision the last pull was
  built in and a catch-up after an upgrade (docs/sync.md, "Schema versions");
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)
_BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "form_publications",
        sa.Column("form_version_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("form_id", sa.String(length=50), nullable=False),
        sa.Column("version", sa.String(length=30), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("replaces_version_id", sa.String(length=36), nullable=True),
        sa.Column("published_at", _TS, nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("officer_name", sa.String(length=50), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("schema_revision", sa.String(length=32), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("signer_key", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("clock", _BIG, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["form_versions.id"],
            name=op.f("fk_form_publications_form_version_id_form_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_publications")),
    )
    op.create_index("ix_form_publications_kind", "form_publications", ["kind", "published_at"])
    for name in ("schema_revision", "data_revision"):
        op.add_column(
            "sync_enrolments",
            sa.Column(name, sa.String(length=32), nullable=False, server_default=""),
        )
    for name in ("peer_schema", "pulled_schema", "catchup_from"):
        op.add_column(
            "sync_cursors", sa.Column(name, sa.String(length=32), nullable=False, server_default="")
        )
    op.add_column(
        "sync_cursors", sa.Column("catchup_upto", _BIG, nullable=False, server_default="0")
    )


def downgrade() -> None:
    with op.batch_alter_table("sync_cursors") as batch:
        for name in ("catchup_upto", "catchup_from", "pulled_schema", "peer_schema"):
            batch.drop_column(name)
    with op.batch_alter_table("sync_enrolments") as batch:
        for name in ("data_revision", "schema_revision"):
            batch.drop_column(name)
    op.drop_index("ix_form_publications_kind", table_name="form_publications")
    op.drop_table("form_publications")
