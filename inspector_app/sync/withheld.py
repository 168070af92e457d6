"""Changes an export left out because a blob they need is missing or damaged here.

Recorded once per change-log entry (``sync_withheld``), shown by ``inspector db
check`` and ``inspector blobs check``, named in the bundle's manifest and logged.
When the file is back and intact (an import brought it, or someone restored the
blob folder and ran ``inspector blobs check --requeue``), ``requeue`` appends the
row's current version to the change log again, so the next pulls deliver it to
everyone; who has it already sees an identical version (a no-op).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, cast, insert, select
from sqlalchemy.orm import Session

from inspector_app.store.blobs import BlobStore
from inspector_app.store.changes import lock_log
from inspector_app.store.db import Database
from inspector_app.store.jsontext import RawJSON
from inspector_app.store.models import ChangeLog, SyncWithheld, utcnow


@dataclass(frozen=True)
class Item:
    seq: int
    table_name: str
    row_id: str
    device_id: str
    blob_sha256: str
    problem: str

    def as_manifest(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "table": self.table_name,
            "row_id": self.row_id,
            "device_id": self.device_id,
            "blob": self.blob_sha256,
            "problem": self.problem,
        }


def record(db: Database, items: Iterable[Item]) -> None:
    """Remember withheld entries (once each; several workers may find the same)."""
    now = utcnow()
    rows = [
        {
            "seq": i.seq,
            "table_name": i.table_name,
            "row_id": i.row_id,
            "device_id": i.device_id,
            "blob_sha256": i.blob_sha256,
            "problem": i.problem[:200],
            "detected_at": now,
        }
        for i in items
    ]
    if not rows:
        return
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(SyncWithheld.__table__).on_conflict_do_nothing(index_elements=["seq"])
    with db.write() as session:
        session.execute(stmt, rows)


def open_items(session: Session, limit: int | None = None) -> list[SyncWithheld]:
    stmt = select(SyncWithheld).where(SyncWithheld.requeued_at.is_(None)).order_by(SyncWithheld.seq)
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def requeue(session: Session, store: BlobStore, shas: Iterable[str] | None = None) -> int:
    """Queue again every open withheld row whose blob is now here and intact (all of them,
    or those needing one of ``shas``); returns how many rows were queued again."""
    stmt = select(SyncWithheld).where(SyncWithheld.requeued_at.is_(None))
    if shas is not None:
        wanted = list(shas)
        if not wanted:
            return 0
        stmt = stmt.where(SyncWithheld.blob_sha256.in_(wanted))
    items = list(session.scalars(stmt))
    ready = [i for i in items if store.verified(i.blob_sha256)]
    if not ready:
        return 0
    lock_log(session)
    now, log, done = utcnow(), ChangeLog.__table__, set()
    for item in ready:
        key = (item.table_name, item.row_id)
        if key not in done:
            latest = session.execute(
                select(
                    log.c.table_name,
                    log.c.row_id,
                    log.c.op,
                    log.c.clock,
                    log.c.device_id,
                    cast(log.c.payload, Text).label("raw"),
                    log.c.origin_batch,
                    log.c.origin_index,
                )
                .where(log.c.table_name == item.table_name, log.c.row_id == item.row_id)
                .order_by(log.c.seq.desc())
                .limit(1)
            ).one()
            session.execute(
                insert(log),
                {
                    "table_name": latest.table_name,
                    "row_id": latest.row_id,
                    "op": latest.op,
                    "clock": latest.clock,
                    "device_id": latest.device_id,
                    "payload": RawJSON(latest.raw),
                    "recorded_at": now,
                    "origin_batch": latest.origin_batch,
                    "origin_index": latest.origin_index,
                },
            )
            done.add(key)
        item.requeued_at = now
    session.flush()
    return len(done)
