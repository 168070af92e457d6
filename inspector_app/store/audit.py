"""The audit log as hash chains: a row edited or deleted by hand is found and named.

Audit rows travel between databases, so one chain per database would never verify
at the office. Instead every database **writes** its own chain (``local_state``
``audit_chain``: a random id made the first time, and again after a restore) and
every database that **holds** a chain's rows can check it: rows ``1, 2, 3…``
(``chain_seq``), each carrying the previous row's hash (``prev_hash``) and its own
(``row_hash``, SHA-256 over its content and its place in the chain). The writer also
keeps its last link in ``local_state`` (``audit_seq``, ``audit_head``), so deleting
its newest row is noticed too, and ``change_log`` still holds every row a database
received, so a deleted foreign row is noticed there.

Rows get their place at flush time (``seal``, called by change capture), whoever
adds them: no use case needs to know. Rows from before migration 0005 have no chain
and are only counted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .ids import new_id
from .models import AuditLog, ChangeLog, LocalState

_VERSION = b"inspector audit v1\n"
HASHED = (
    "id",
    "chain",
    "chain_seq",
    "prev_hash",
    "origin_device",
    "created_at",
    "officer_id",
    "action",
    "entity",
    "entity_id",
    "reason",
    "details",
)


def row_hash(values: Any) -> str:
    """SHA-256 of a row's content and chain position (an ORM object or a mapping)."""
    from .changes import to_json_value

    get = values.get if isinstance(values, dict) else lambda k: getattr(values, k)
    doc = {k: to_json_value(get(k)) for k in HASHED}
    raw = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(_VERSION + raw.encode("utf-8", "surrogatepass")).hexdigest()


def seal(session: Session, rows: Iterable[AuditLog]) -> None:
    """Append new audit rows to this database's chain (the caller has locked local_state
    by minting their clocks, so two writers never take the same place)."""
    rows = list(rows)
    if not rows:
        return
    conn = session.connection()
    state = conn.execute(
        select(LocalState.audit_chain, LocalState.audit_seq, LocalState.audit_head).where(
            LocalState.id == 1
        )
    ).one()
    chain, seq, head = state.audit_chain or new_id(), state.audit_seq, state.audit_head
    for row in rows:
        seq += 1
        row.id = row.id or new_id()
        row.chain, row.chain_seq, row.prev_hash = chain, seq, head
        if row.details is None:
            row.details = {}
        for key in ("entity", "entity_id", "reason"):
            if getattr(row, key) is None:
                setattr(row, key, "")
        row.row_hash = head = row_hash(row)
    conn.execute(
        update(LocalState)
        .where(LocalState.id == 1)
        .values(audit_chain=chain, audit_seq=seq, audit_head=head)
    )


def start_new_chain(session: Session) -> None:
    """A restored database writes a chain of its own (its old one may continue elsewhere)."""
    session.execute(
        update(LocalState)
        .where(LocalState.id == 1)
        .values(audit_chain=new_id(), audit_seq=0, audit_head="")
    )


@dataclass
class Problem:
    row_id: str
    chain: str
    chain_seq: int
    what: str
    action: str = ""
    created_at: str = ""
    device: str = ""

    def __str__(self) -> str:
        where = f"audit_log row {self.row_id}" if self.row_id else "audit_log"
        details = ", ".join(
            x
            for x in (
                f"chain {self.chain[:8]} #{self.chain_seq}" if self.chain else "",
                self.action,
                self.created_at,
                f"device {self.device[:8]}" if self.device else "",
            )
            if x
        )
        return f"{where} ({details}): {self.what}"


@dataclass
class Report:
    chains: int = 0
    rows: int = 0
    unchained: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session) -> Report:
    """Check every chain this database holds; the first broken row of each is reported."""
    t = AuditLog.__table__
    report = Report()
    state = session.execute(
        select(LocalState.audit_chain, LocalState.audit_seq, LocalState.audit_head)
    ).one()
    report.unchained = session.scalar(select(func.count()).select_from(t).where(t.c.chain == ""))
    current: str | None = None
    expected_seq, prev, broken = 0, "", False
    last: dict[str, tuple[int, str]] = {}
    for row in session.execute(
        select(t).where(t.c.chain != "").order_by(t.c.chain, t.c.chain_seq)
    ).mappings():
        if row["chain"] != current:
            current, expected_seq, prev, broken = row["chain"], 1, "", False
            report.chains += 1
        report.rows += 1
        last[current] = (row["chain_seq"], row["row_hash"])
        if broken:
            continue
        problem = _check(row, expected_seq, prev)
        if problem:
            report.problems.append(
                Problem(
                    row["id"],
                    row["chain"],
                    row["chain_seq"],
                    problem,
                    row["action"],
                    f"{row['created_at']:%Y-%m-%d %H:%M:%S}",
                    row["origin_device"],
                )
            )
            broken = True
        expected_seq, prev = row["chain_seq"] + 1, row["row_hash"]
    if state.audit_chain and state.audit_seq:
        have = last.get(state.audit_chain)
        if have != (state.audit_seq, state.audit_head):
            after = have[0] if have else 0
            report.problems.append(
                Problem(
                    "",
                    state.audit_chain,
                    after + 1,
                    f"this database wrote {state.audit_seq} row(s) in its chain but "
                    f"{after} are here: the newest were deleted",
                )
            )
    report.problems += _missing_received(session)
    return report


def _check(row: Any, expected_seq: int, prev: str) -> str:
    if row["chain_seq"] != expected_seq:
        missing = row["chain_seq"] - expected_seq
        return (
            f"{missing} row(s) before it are missing (deleted?)"
            if missing > 0
            else "appears twice in its chain"
        )
    if row["prev_hash"] != prev:
        return "does not link to the row before it (that row was altered or replaced)"
    if row_hash(dict(row)) != row["row_hash"]:
        return "its content was altered after it was written"
    if row["deleted"]:
        return "was tombstoned: audit rows are never deleted"
    return ""


def _missing_received(session: Session) -> list[Problem]:
    """Audit rows this database logged (wrote or received) but no longer holds."""
    c, t = ChangeLog.__table__.c, AuditLog.__table__
    gone = session.execute(
        select(c.row_id)
        .where(c.table_name == "audit_log", ~c.row_id.in_(select(t.c.id)))
        .distinct()
        .limit(5)
    ).scalars()
    return [
        Problem(rid, "", 0, "was logged here but is missing from the audit log") for rid in gone
    ]
