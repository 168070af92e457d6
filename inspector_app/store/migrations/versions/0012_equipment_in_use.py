"""equipment in use per unit and kind, kept by triggers (campaign coverage)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

``equipment_in_use`` holds, per unit and kind, how many pieces of equipment are live
(not tombstoned) and not scrapped: what a campaign's coverage counts as registered and
planned (core/coverage.py). Grouping a city's 150,000 equipment rows for that was most of
the coverage query on PostgreSQL; the table has one row per unit and kind (~100,000).

It is derived data: not synced, not in the change log. Triggers on ``equipment`` keep it
equal to the rows on every write, whichever path makes it (ORM flush, the ledger's bulk
writes, sync's fast inserts, raw SQL), and this migration builds it from the rows there.

- SQLite: row triggers (cheap there), each one firing only when a row enters or leaves
  the count or moves between units or kinds.
- PostgreSQL: inserts are counted per statement from the transition table (a bulk import
  inserts a thousand rows a statement); updates and deletes per row, the update trigger
  only when ``unit_id``, ``kind``, ``status`` or ``deleted`` actually changed.

Note for later migrations: batch mode recreates a table on SQLite and drops its triggers;
call ``install_sqlite_counts`` again after altering ``equipment`` (it also rebuilds).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Both dialects read NOT on a boolean column; 'scrapped' is EquipmentStatus.SCRAPPED.
COUNTED = "NOT {p}.deleted AND {p}.status <> 'scrapped'"

REBUILD = [
    "DELETE FROM equipment_in_use",
    "INSERT INTO equipment_in_use (unit_id, kind, pieces) "
    "SELECT e.unit_id, e.kind, count(*) FROM equipment e WHERE "
    + COUNTED.format(p="e")
    + " GROUP BY e.unit_id, e.kind",
]

_ADD = (
    "INSERT INTO equipment_in_use (unit_id, kind, pieces) VALUES (new.unit_id, new.kind, 1) "
    "ON CONFLICT (unit_id, kind) DO UPDATE SET pieces = pieces + 1;"
)
_REMOVE = (
    "UPDATE equipment_in_use SET pieces = pieces - 1 "
    "WHERE unit_id = old.unit_id AND kind = old.kind; "
    "DELETE FROM equipment_in_use "
    "WHERE unit_id = old.unit_id AND kind = old.kind AND pieces <= 0;"
)
# an update that leaves the row counted under the same unit and kind changes nothing
_SAME = (
    COUNTED.format(p="old") + " AND " + COUNTED.format(p="new")
    + " AND new.unit_id = old.unit_id AND new.kind = old.kind"
)  # fmt: skip
_WATCHED = "unit_id, kind, status, deleted"

SQLITE_TRIGGERS = {
    "equipment_in_use_ai": f"""CREATE TRIGGER equipment_in_use_ai AFTER INSERT ON equipment
        WHEN {COUNTED.format(p="new")} BEGIN {_ADD} END""",
    "equipment_in_use_au_old": f"""CREATE TRIGGER equipment_in_use_au_old
        AFTER UPDATE OF {_WATCHED} ON equipment
        WHEN {COUNTED.format(p="old")} AND NOT ({_SAME}) BEGIN {_REMOVE} END""",
    "equipment_in_use_au_new": f"""CREATE TRIGGER equipment_in_use_au_new
        AFTER UPDATE OF {_WATCHED} ON equipment
        WHEN {COUNTED.format(p="new")} AND NOT ({_SAME}) BEGIN {_ADD} END""",
    "equipment_in_use_ad": f"""CREATE TRIGGER equipment_in_use_ad AFTER DELETE ON equipment
        WHEN {COUNTED.format(p="old")} BEGIN {_REMOVE} END""",
}

PG_FUNCTIONS = {
    "equipment_in_use_inserted": f"""CREATE FUNCTION equipment_in_use_inserted()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO equipment_in_use AS c (unit_id, kind, pieces)
            SELECT n.unit_id, n.kind, count(*) FROM new_rows n WHERE {COUNTED.format(p="n")}
            GROUP BY n.unit_id, n.kind ORDER BY n.unit_id, n.kind
            ON CONFLICT (unit_id, kind) DO UPDATE SET pieces = c.pieces + EXCLUDED.pieces;
            RETURN NULL;
        END $$""",
    "equipment_in_use_changed": f"""CREATE FUNCTION equipment_in_use_changed()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF {COUNTED.format(p="OLD")} THEN
                UPDATE equipment_in_use SET pieces = pieces - 1
                 WHERE unit_id = OLD.unit_id AND kind = OLD.kind;
                DELETE FROM equipment_in_use
                 WHERE unit_id = OLD.unit_id AND kind = OLD.kind AND pieces <= 0;
            END IF;
            IF TG_OP = 'UPDATE' AND {COUNTED.format(p="NEW")} THEN
                INSERT INTO equipment_in_use AS c (unit_id, kind, pieces)
                VALUES (NEW.unit_id, NEW.kind, 1)
                ON CONFLICT (unit_id, kind) DO UPDATE SET pieces = c.pieces + 1;
            END IF;
            RETURN NULL;
        END $$""",
    "equipment_in_use_truncated": """CREATE FUNCTION equipment_in_use_truncated()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM equipment_in_use;
            RETURN NULL;
        END $$""",
}
PG_TRIGGERS = {
    "equipment_in_use_ins": """CREATE TRIGGER equipment_in_use_ins AFTER INSERT ON equipment
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION equipment_in_use_inserted()""",
    "equipment_in_use_upd": f"""CREATE TRIGGER equipment_in_use_upd
        AFTER UPDATE OF {_WATCHED} ON equipment FOR EACH ROW
        WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.kind IS DISTINCT FROM NEW.kind
              OR OLD.status IS DISTINCT FROM NEW.status
              OR OLD.deleted IS DISTINCT FROM NEW.deleted)
        EXECUTE FUNCTION equipment_in_use_changed()""",
    "equipment_in_use_del": """CREATE TRIGGER equipment_in_use_del AFTER DELETE ON equipment
        FOR EACH ROW EXECUTE FUNCTION equipment_in_use_changed()""",
    "equipment_in_use_trunc": """CREATE TRIGGER equipment_in_use_trunc AFTER TRUNCATE ON equipment
        FOR EACH STATEMENT EXECUTE FUNCTION equipment_in_use_truncated()""",
}


def install_sqlite_counts() -> None:
    """(Re)create the SQLite triggers and rebuild the counts from the rows."""
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for sql in REBUILD:
        op.execute(sql)
    for ddl in SQLITE_TRIGGERS.values():
        op.execute(ddl)


def upgrade() -> None:
    op.create_table(
        "equipment_in_use",
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("pieces", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("unit_id", "kind", name=op.f("pk_equipment_in_use")),
    )
    if op.get_bind().dialect.name == "sqlite":
        install_sqlite_counts()
        return
    for sql in REBUILD:
        op.execute(sql)
    for ddl in (*PG_FUNCTIONS.values(), *PG_TRIGGERS.values()):
        op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON equipment")
        for name in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("equipment_in_use")
