"""A laptop still on an older release, played on a real database at that revision.

The database is migrated to the head, enrolled at the office, then downgraded with
Alembic to the older revision, so its tables have exactly that revision's columns.
What the older release's code did is done here with Core on the reflected tables:
an edit writes the row and appends its full row to ``change_log`` (as
``changes.row_payload`` always did); a pull is applied only if every payload has
exactly the columns of the table in this database. Its pushes are written by the
real export code (``outgoing.build``, which reads only tables that did not change),
without a schema revision in the manifest, as the older release wrote them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import MetaData, insert, select, text, update
from test_sync_support import Node, join, make_node

from inspector_app.store import migrate
from inspector_app.store.blobs import BlobStore
from inspector_app.store.changes import to_json_value
from inspector_app.store.db import open_database
from inspector_app.store.models import Synced, SyncEnrolment, synced_models
from inspector_app.sync import incoming, outgoing
from inspector_app.sync.columns import table_specs


def downgrade(url: str, revision: str) -> None:
    db = open_database(url)
    cfg = migrate.alembic_config(db.engine)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    db.dispose()


@dataclass
class OldLaptop:
    """A laptop on ``revision``: its database really is at that revision."""

    node: Node  # opened without upgrading
    revision: str
    office_id: str
    meta: MetaData

    @property
    def db(self):
        return self.node.db

    def columns(self, table: str) -> set[str] | None:
        """The synced columns this release writes (None: it has no such table)."""
        t = self.meta.tables.get(table)
        if t is None:
            return None
        exclude = _model(table).__sync_exclude__
        return {c.name for c in t.columns} - set(exclude)

    def _row_payload(self, conn, table: str, row_id: str) -> dict[str, Any]:
        t = self.meta.tables[table]
        row = conn.execute(select(t).where(t.c.id == row_id)).mappings().one()
        return {k: _json(t.c[k], row[k]) for k in sorted(self.columns(table))}

    def _mint(self, conn) -> tuple[str, int]:
        row = conn.execute(
            text("UPDATE local_state SET clock = clock + 1 RETURNING clock, device_id")
        ).one()
        return row.device_id, row.clock

    def edit(self, table: str, row_id: str, **values: Any) -> None:
        """Change columns of a row as the older release did: new clock, full-row log entry."""
        t = self.meta.tables[table]
        with self.db.engine.begin() as conn:
            device, clock = self._mint(conn)
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            conn.execute(
                update(t)
                .where(t.c.id == row_id)
                .values(**values, clock=clock, origin_device=device, updated_at=now)
            )
            self._log(conn, table, row_id, clock, device)

    def add(self, table: str, **values: Any) -> str:
        from inspector_app.store.ids import new_id

        t = self.meta.tables[table]
        row_id = values.pop("id", None) or new_id()
        with self.db.engine.begin() as conn:
            device, clock = self._mint(conn)
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            conn.execute(
                insert(t).values(
                    id=row_id, clock=clock, origin_device=device, created_at=now,
                    updated_at=now, deleted=False, **values,
                )
            )  # fmt: skip
            self._log(conn, table, row_id, clock, device)
        return row_id

    def _log(self, conn, table: str, row_id: str, clock: int, device: str) -> None:
        payload = self._row_payload(conn, table, row_id)
        conn.execute(
            insert(self.meta.tables["change_log"]).values(
                table_name=table, row_id=row_id, op="delete" if payload["deleted"] else "upsert",
                clock=clock, device_id=device,
                payload=payload, recorded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
        )  # fmt: skip

    def push(self) -> outgoing.Exported:
        """What the older release's ``bundle export`` wrote: no schema in the manifest."""
        from inspector_app.sync import enrol

        office = enrol.trusted_office(self.db)
        c = self.meta.tables["sync_cursors"]
        with self.db.read() as session:
            since = session.scalar(select(c.c.acked_seq).where(c.c.peer == self.office_id)) or 0
            return outgoing.build(
                session, self.node.blobs, keys=self.node.keys(), device_id=self.db.device_id(),
                recipient=office.box_public, kind="push", since=since,
                only_device=self.db.device_id(), extra={"officer_id": None},
            )  # fmt: skip

    def acknowledged(self, report: incoming.ImportReport) -> None:
        self._cursor(acked_seq=report.acked_seq)

    def _cursor(self, **values: int) -> None:
        c = self.meta.tables["sync_cursors"]
        with self.db.engine.begin() as conn:
            have = conn.execute(select(c).where(c.c.peer == self.office_id)).mappings().first()
            if have is None:
                row = {"peer": self.office_id, "acked_seq": 0, "pulled_seq": 0}
                if "include_own" in c.c:
                    row["include_own"] = False
                if "peer_epoch" in c.c:
                    row["peer_epoch"] = ""
                conn.execute(insert(c).values(**(row | values)))
            else:
                values = {k: max(v, have[k]) for k, v in values.items()}
                conn.execute(update(c).where(c.c.peer == self.office_id).values(**values))

    def apply_pull(self, data: bytes) -> int:
        """Verify the pull and apply it as the older release would: every payload must have
        exactly this database's columns. Returns the number of rows written."""
        contents = incoming.verify(self.db, data, folder=self.node.folder)
        order = {m.__tablename__: i for i, m in enumerate(synced_models())}
        written = 0
        top = 0
        for data in contents.blobs.values():
            self.node.blobs.put(data)
        blobs = self.meta.tables["blobs"]
        with self.db.engine.begin() as conn:
            for sha, meta in contents.manifest["blobs"].items():
                if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha)).first():
                    continue
                conn.execute(insert(blobs).values(
                    sha256=sha, size=meta["size"], media_type=meta.get("media_type") or "",
                    width=meta.get("width"), height=meta.get("height"),
                    created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                ))  # fmt: skip
            for change in sorted(contents.changes, key=lambda c: order[c["table"]]):
                table = change["table"]
                columns = self.columns(table)
                assert columns is not None, f"a pull sent {table}, unknown to {self.revision}"
                assert set(change["payload"]) == columns, (table, set(change["payload"]) ^ columns)
                row = table_specs()[table].decode(change["payload"], partial=True)
                top = max(top, row["clock"])
                t = self.meta.tables[table]
                have = conn.execute(
                    select(t.c.clock, t.c.origin_device).where(t.c.id == row["id"])
                ).first()
                values = {k: _db_value(v) for k, v in row.items()}
                if have is None:  # machine-local columns (login failures) as the apply did
                    local = table_specs()[table].local_defaults
                    values = {k: v for k, v in local.items() if k in t.c} | values
                    conn.execute(insert(t).values(**values))
                elif (row["clock"], row["origin_device"]) > (have.clock, have.origin_device):
                    conn.execute(update(t).where(t.c.id == row["id"]).values(**values))
                else:
                    continue
                conn.execute(
                    insert(self.meta.tables["change_log"]).values(
                        table_name=table,
                        row_id=row["id"],
                        op=change["op"],
                        clock=row["clock"],
                        device_id=row["origin_device"],
                        payload=change["payload"],
                        recorded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    )
                )  # fmt: skip  (the apply logged what it took, for the next push's bases)
                written += 1
            conn.execute(
                text("UPDATE local_state SET clock = CASE WHEN clock < :c THEN :c ELSE clock END"),
                {"c": top},
            )
        m = contents.manifest
        self._cursor(pulled_seq=m["seq_to"], acked_seq=int(m.get("acked_seq") or 0))
        return written


def _model(table: str) -> type[Synced]:
    return next(m for m in synced_models() if m.__tablename__ == table)


def _json(column, value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # SQLite keeps UTC without a zone
    if isinstance(value, str) and column.type.__class__.__name__ == "JSON":
        value = json.loads(value)
    return to_json_value(value)


def _db_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def old_laptop(root: Path, name: str, office: Node, revision: str) -> OldLaptop:
    """A laptop enrolled at ``office``, then taken back to ``revision`` (its database)."""
    node = make_node(root, name)
    join(node, office)
    with office.db.write() as s:  # the older release's request named no revision
        row = s.get(SyncEnrolment, node.db.device_id())
        row.schema_revision = row.data_revision = ""
    url = node.db.url
    node.db.dispose()
    downgrade(url, revision)
    db = open_database(url, upgrade=False)
    assert migrate.current_revision(db.engine) == revision
    meta = MetaData()
    meta.reflect(db.engine)
    return OldLaptop(
        Node(name, node.folder, db, BlobStore(node.folder / "blobs")),
        revision,
        office.db.device_id(),
        meta,
    )


def upgraded(old: OldLaptop) -> Node:
    """The same laptop after installing the new release: its database is upgraded."""
    url = old.db.url
    old.db.dispose()
    return Node(old.node.name, old.node.folder, open_database(url), old.node.blobs)
