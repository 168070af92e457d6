"""search index over equipment and units

Substring search (3+ characters, Chinese included) over registration code,
certificate number, equipment name and location, and the unit's name,
address and 统一社会信用代码.

SQLite: FTS5 tables with the trigram tokenizer, kept current by triggers. The
FTS rowid is mapped to the UUID primary key through a small table, because an
implicit SQLite rowid may change on VACUUM. Note for later migrations: batch
mode recreates a table on SQLite and drops its triggers; call
``install_sqlite_search`` again after altering ``units`` or ``equipment``.

PostgreSQL: pg_trgm GIN indexes on the same columns, used by ILIKE.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UNIT_DOC = (
    "coalesce({p}.name,'') || ' ' || coalesce({p}.uscc,'') || ' ' || coalesce({p}.address,'')"
)
EQUIPMENT_DOC = (
    "coalesce({p}.registration_code,'') || ' ' || coalesce({p}.certificate_no,'') || ' ' || "
    "coalesce({p}.name,'') || ' ' || coalesce({p}.location,'') || ' ' || "
    "coalesce((SELECT " + UNIT_DOC.format(p="u") + " FROM units u WHERE u.id = {p}.unit_id), '')"
)

SQLITE_DDL = [
    "CREATE VIRTUAL TABLE unit_fts USING fts5(doc, tokenize='trigram')",
    "CREATE TABLE unit_fts_map (row_id VARCHAR(36) PRIMARY KEY, fts_rowid INTEGER NOT NULL)",
    "CREATE VIRTUAL TABLE equipment_fts USING fts5(doc, tokenize='trigram')",
    "CREATE TABLE equipment_fts_map (row_id VARCHAR(36) PRIMARY KEY, fts_rowid INTEGER NOT NULL)",
    "CREATE INDEX ix_equipment_fts_map_rowid ON equipment_fts_map (fts_rowid)",
    "CREATE INDEX ix_unit_fts_map_rowid ON unit_fts_map (fts_rowid)",
]

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER units_fts_ai AFTER INSERT ON units BEGIN
        INSERT INTO unit_fts(doc) VALUES ({UNIT_DOC.format(p="new")});
        INSERT INTO unit_fts_map(row_id, fts_rowid) VALUES (new.id, last_insert_rowid());
    END""",
    f"""CREATE TRIGGER units_fts_au AFTER UPDATE OF name, uscc, address ON units BEGIN
        UPDATE unit_fts SET doc = {UNIT_DOC.format(p="new")}
         WHERE rowid = (SELECT fts_rowid FROM unit_fts_map WHERE row_id = new.id);
        UPDATE equipment_fts SET doc = (SELECT {EQUIPMENT_DOC.format(p="e")}
                                          FROM equipment e, equipment_fts_map m
                                         WHERE m.row_id = e.id AND m.fts_rowid = equipment_fts.rowid)
         WHERE rowid IN (SELECT m.fts_rowid FROM equipment e JOIN equipment_fts_map m
                          ON m.row_id = e.id WHERE e.unit_id = new.id);
    END""",
    f"""CREATE TRIGGER equipment_fts_ai AFTER INSERT ON equipment BEGIN
        INSERT INTO equipment_fts(doc) VALUES ({EQUIPMENT_DOC.format(p="new")});
        INSERT INTO equipment_fts_map(row_id, fts_rowid) VALUES (new.id, last_insert_rowid());
    END""",
    f"""CREATE TRIGGER equipment_fts_au
        AFTER UPDATE OF registration_code, certificate_no, name, location, unit_id ON equipment BEGIN
        UPDATE equipment_fts SET doc = {EQUIPMENT_DOC.format(p="new")}
         WHERE rowid = (SELECT fts_rowid FROM equipment_fts_map WHERE row_id = new.id);
    END""",
    """CREATE TRIGGER units_fts_ad AFTER DELETE ON units BEGIN
        DELETE FROM unit_fts WHERE rowid = (SELECT fts_rowid FROM unit_fts_map WHERE row_id = old.id);
        DELETE FROM unit_fts_map WHERE row_id = old.id;
    END""",
    """CREATE TRIGGER equipment_fts_ad AFTER DELETE ON equipment BEGIN
        DELETE FROM equipment_fts
         WHERE rowid = (SELECT fts_rowid FROM equipment_fts_map WHERE row_id = old.id);
        DELETE FROM equipment_fts_map WHERE row_id = old.id;
    END""",
]

PG_DDL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_units_name_trgm ON units USING gin (name gin_trgm_ops)",
    "CREATE INDEX ix_units_address_trgm ON units USING gin (address gin_trgm_ops)",
    "CREATE INDEX ix_units_uscc_trgm ON units USING gin (uscc gin_trgm_ops)",
    "CREATE INDEX ix_equipment_regcode_trgm ON equipment USING gin (registration_code gin_trgm_ops)",
    "CREATE INDEX ix_equipment_cert_trgm ON equipment USING gin (certificate_no gin_trgm_ops)",
    "CREATE INDEX ix_equipment_name_trgm ON equipment USING gin (name gin_trgm_ops)",
    "CREATE INDEX ix_equipment_location_trgm ON equipment USING gin (location gin_trgm_ops)",
]


def install_sqlite_search() -> None:
    """(Re)create the triggers and rebuild the index from the tables."""
    for name in (
        "units_fts_ai",
        "units_fts_au",
        "units_fts_ad",
        "equipment_fts_ai",
        "equipment_fts_au",
        "equipment_fts_ad",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("unit_fts", "unit_fts_map", "equipment_fts", "equipment_fts_map"):
        op.execute(f"DELETE FROM {table}")
    op.execute(
        "INSERT INTO unit_fts(rowid, doc) SELECT rowid, "
        + UNIT_DOC.format(p="units")
        + " FROM units"
    )
    op.execute("INSERT INTO unit_fts_map(row_id, fts_rowid) SELECT id, rowid FROM units")
    op.execute(
        "INSERT INTO equipment_fts(rowid, doc) SELECT rowid, "
        + EQUIPMENT_DOC.format(p="equipment")
        + " FROM equipment"
    )
    op.execute("INSERT INTO equipment_fts_map(row_id, fts_rowid) SELECT id, rowid FROM equipment")
    for ddl in SQLITE_TRIGGERS:
        op.execute(ddl)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for ddl in SQLITE_DDL:
            op.execute(ddl)
        install_sqlite_search()
    else:
        for ddl in PG_DDL:
            op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in (
            "units_fts_ai",
            "units_fts_au",
            "units_fts_ad",
            "equipment_fts_ai",
            "equipment_fts_au",
            "equipment_fts_ad",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for table in ("unit_fts", "unit_fts_map", "equipment_fts", "equipment_fts_map"):
            op.execute(f"DROP TABLE IF EXISTS {table}")
    else:
        for ddl in PG_DDL[1:]:
            op.execute("DROP INDEX IF EXISTS " + ddl.split()[2])
