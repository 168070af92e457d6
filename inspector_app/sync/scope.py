"""Scoped pulls: each laptop gets its districts and its tasks' units, not the whole city.

The office sets a device's scope (``set_scope``): districts and the officers who work on
it. A scoped device's pull carries, of the office's change log after its cursor:

* everything every laptop needs: officers, devices, forms, maintenance units, campaigns,
  plans (``GLOBAL``);
* the rows of units **in scope** — a unit of one of its districts, or the unit of a task
  of one of its officers — registry, history, findings, directives (``UNIT_PATHS`` says
  how each table reaches its unit);
* the tasks of its officers, and the new version of a task that was theirs before (a
  reassignment reaches the old laptop and the new one);
* never the office's own business: recusals and other devices' audit rows (``OFFICE``).

Files (photos, signatures, issued PDFs, plan files) travel only for the device's own
inspections and for open findings in scope (``_blob_policy``); the other rows arrive
with their blob listed in the manifest's ``remote_blobs``: the laptop records it as
``blobs.remote`` and fetches the file when someone needs it (``GET /v1/blobs/<sha>``).

**Coming into scope.** The pull cursor is a position in the commit-ordered change log
(docs/sync.md, "Pull without gaps"), so rows of a unit that enters the scope later (a
new task, a new district, a unit that moved) lie behind the cursor. A page that carries
the change that brings a unit in — a task, a scope change (``sync_scope_changes.mark``),
the unit's own row with its new district — also carries the latest version, up to the
cursor, of every row of that unit (``backfill``). Leaving scope removes nothing on the
laptop; its rows simply stop being updated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import FindingStatus
from inspector_app.store.changes import lock_log
from inspector_app.store.db import Database
from inspector_app.store.models import (
    AuditLog,
    ChangeLog,
    Finding,
    Inspection,
    Officer,
    SyncEnrolment,
    SyncScopeChange,
    Task,
    Unit,
)

from .errors import SyncError

GLOBAL = frozenset(
    {"officers", "devices", "form_versions", "maintenance_units", "campaigns", "plans"}
)
OFFICE = frozenset({"recusals", "audit_log"})
# How a row reaches its unit: (foreign key column, parent table) hops, the last one naming
# the unit. Tables not listed here and not in GLOBAL/OFFICE/tasks go everywhere.
UNIT_PATHS: dict[str, tuple[tuple[str, str], ...]] = {
    "units": (),
    "equipment": (("unit_id", "units"),),
    "unit_events": (("unit_id", "units"),),
    "inspections": (("unit_id", "units"),),
    "inspection_equipment": (("inspection_id", "inspections"), ("unit_id", "units")),
    "item_results": (
        ("inspection_equipment_id", "inspection_equipment"),
        ("inspection_id", "inspections"),
        ("unit_id", "units"),
    ),
    "findings": (("inspection_id", "inspections"), ("unit_id", "units")),
    "photos": (("inspection_id", "inspections"), ("unit_id", "units")),
    "signatures": (("inspection_id", "inspections"), ("unit_id", "units")),
    "directives": (("inspection_id", "inspections"), ("unit_id", "units")),
    "follow_ups": (("inspection_id", "inspections"), ("unit_id", "units")),
    "follow_up_findings": (
        ("follow_up_id", "follow_ups"),
        ("inspection_id", "inspections"),
        ("unit_id", "units"),
    ),
}
INSPECTION_OF = {"photos", "signatures", "directives"}  # blobs decided by their inspection
CHUNK = 500
MAX_DISTRICTS, MAX_OFFICERS = 200, 500


@dataclass(frozen=True)
class Scope:
    districts: frozenset[str]
    officers: frozenset[str]  # officer ids

    @classmethod
    def read(cls, value: Any) -> Scope | None:
        """``sync_enrolments.scope`` (None: everything)."""
        if not isinstance(value, dict):
            return None
        return cls(
            frozenset(str(d) for d in value.get("districts") or ()),
            frozenset(str(o) for o in value.get("officers") or ()),
        )

    def as_json(self) -> dict[str, list[str]]:
        return {"districts": sorted(self.districts), "officers": sorted(self.officers)}


# -- the office sets it ------------------------------------------------------------------------


def set_scope(
    db: Database,
    device_id: str,
    *,
    districts: Iterable[str] = (),
    officers: Iterable[str] = (),
    everything: bool = False,
    officer_id: str | None = None,
) -> SyncEnrolment:
    """Give an enrolled device its scope (``everything``: no scope, as before issue 10).

    The change is audited; its audit row's change-log seq is the ``mark`` that tells later
    pulls from which cursor on the new scope applies (rows that came into scope are sent
    once more to a cursor below it)."""
    clean_districts = sorted({d.strip() for d in districts if d.strip()})
    clean_officers = sorted({o.strip() for o in officers if o.strip()})
    if not everything and not clean_districts and not clean_officers:
        raise SyncError("a scope needs at least one district or officer (or --all)")
    if len(clean_districts) > MAX_DISTRICTS or len(clean_officers) > MAX_OFFICERS:
        raise SyncError("too many districts or officers in one scope")
    if any(len(d) > 50 for d in clean_districts):
        raise SyncError("a district name is longer than 50 characters")
    with db.write() as session:
        row = session.get(SyncEnrolment, device_id)
        if row is None or row.enrolled_at is None:
            raise SyncError(f"device {device_id:.40} is not enrolled at this office")
        for oid in clean_officers:
            officer = session.get(Officer, oid)
            if officer is None or officer.deleted:
                raise SyncError(f"no officer {oid:.40} at this office")
        scope = None if everything else Scope(frozenset(clean_districts),
                                              frozenset(clean_officers)).as_json()  # fmt: skip
        lock_log(session)
        audit = AuditLog(
            officer_id=officer_id,
            action="device_scope_set",
            entity="device",
            entity_id=device_id,
            details={"scope": scope, "before": row.scope},
        )
        session.add(audit)
        row.scope = scope
        session.flush()
        mark = session.scalar(
            select(func.max(ChangeLog.seq)).where(
                ChangeLog.table_name == "audit_log", ChangeLog.row_id == audit.id
            )
        )
        session.add(SyncScopeChange(device_id=device_id, mark=mark or 0, scope=scope))
        session.flush()
        return row


def describe(session: Session, scope: Scope | None) -> dict[str, Any]:
    """What a laptop is told of its scope (pull manifests' ``settings.scope``)."""
    if scope is None:
        return {"all": True}
    names = dict(
        session.execute(
            select(Officer.id, Officer.cert_no).where(Officer.id.in_(list(scope.officers)))
        ).all()
    )
    return {
        "districts": sorted(scope.districts),
        "officers": sorted(names.get(o, o) for o in scope.officers),
    }


# -- which units ------------------------------------------------------------------------------


def _task_units(session: Session, officers: frozenset[str]) -> set[str]:
    if not officers:
        return set()
    ids = list(officers)
    return set(
        session.scalars(
            select(Task.unit_id)
            .where(
                Task.deleted.is_(False),
                Task.status != "cancelled",
                or_(Task.lead_officer_id.in_(ids), Task.second_officer_id.in_(ids)),
            )
            .distinct()
        )
    )


def _district_units(session: Session, districts: frozenset[str]) -> set[str]:
    if not districts:
        return set()
    return set(session.scalars(select(Unit.id).where(Unit.district.in_(list(districts)))))


def units_in(session: Session, scope: Scope) -> set[str]:
    """Every unit in the scope as the office's data stands now."""
    return _district_units(session, scope.districts) | _task_units(session, scope.officers)


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _table(name: str):
    from inspector_app.store.models import Base

    return Base.metadata.tables[name]


def unit_of_rows(session: Session, table: str, ids: list[str]) -> dict[str, str]:
    """row id -> unit id for rows of a unit-scoped table (current rows; the links are fixed)."""
    path = UNIT_PATHS[table]
    if not path:
        return {i: i for i in ids}
    start = _table(table)
    out: dict[str, str] = {}
    for part in _chunks(ids):
        current, stmt = start, None
        joins = []
        for column, parent in path[:-1]:
            nxt = _table(parent).alias()
            joins.append((nxt, nxt.c.id == current.c[column]))
            current = nxt
        stmt = select(start.c.id, current.c[path[-1][0]]).select_from(start)
        for target, on in joins:
            stmt = stmt.join(target, on)
        for rid, uid in session.execute(stmt.where(start.c.id.in_(part))):
            out[rid] = uid
    return out


def rows_of_units(session: Session, table: str, units: list[str]) -> list[str]:
    """The ids of a table's rows that belong to these units."""
    path = UNIT_PATHS[table]
    if not path:
        return list(units)
    start = _table(table)
    found: list[str] = []
    for part in _chunks(units):
        current, joins = start, []
        for column, parent in path[:-1]:
            nxt = _table(parent).alias()
            joins.append((nxt, nxt.c.id == current.c[column]))
            current = nxt
        stmt = select(start.c.id).select_from(start)
        for target, on in joins:
            stmt = stmt.join(target, on)
        found += session.scalars(stmt.where(current.c[path[-1][0]].in_(part)))
    return found


def may_fetch(session: Session, scope: Scope | None, sha: str) -> bool:
    """Whether a device may fetch this file: it belongs to a row in its scope (a photo,
    signature or directive of a unit in scope, or a plan's file)."""
    from inspector_app.store.models import Directive, Photo, Plan, Signature

    if scope is None:
        return True
    plan = select(Plan.id).where(or_(Plan.pool_sha256 == sha, Plan.result_sha256 == sha))
    if session.scalar(plan.limit(1)) is not None:
        return True
    inspections = set(
        session.scalars(
            select(Photo.inspection_id).where(
                or_(Photo.original_sha256 == sha, Photo.print_sha256 == sha)
            )
        )
    )
    inspections |= set(
        session.scalars(select(Signature.inspection_id).where(Signature.blob_sha256 == sha))
    )
    inspections |= set(
        session.scalars(select(Directive.inspection_id).where(Directive.pdf_sha256 == sha))
    )
    if not inspections:
        return False
    units = set(
        session.scalars(select(Inspection.unit_id).where(Inspection.id.in_(list(inspections))))
    )
    if scope.districts and session.scalar(
        select(Unit.id)
        .where(Unit.id.in_(list(units)), Unit.district.in_(list(scope.districts)))
        .limit(1)
    ):
        return True
    return bool(units & _task_units(session, scope.officers))


# -- one pull ---------------------------------------------------------------------------------


@dataclass
class Selection:
    """What a scoped page carries: log seqs of the page, backfilled seqs, blob decisions."""

    seqs: list[int] = field(default_factory=list)
    backfill: list[int] = field(default_factory=list)
    remote_rows: set[int] = field(default_factory=set)  # seqs whose blobs stay at the office


_LOG = ChangeLog.__table__


def _latest_before(session: Session, table: str, ids: list[str], since: int) -> dict[str, Any]:
    """row id -> payload (decoded) of its latest log entry with seq <= since."""
    out: dict[str, Any] = {}
    c = _LOG.c
    for part in _chunks(ids):
        latest = (
            select(func.max(c.seq))
            .where(c.table_name == table, c.row_id.in_(part), c.seq <= since)
            .group_by(c.row_id)
        )
        for rid, payload in session.execute(select(c.row_id, c.payload).where(c.seq.in_(latest))):
            out[rid] = payload
    return out


def _officers_of(payload: Any) -> set[str]:
    if not isinstance(payload, dict):
        return set()
    return {str(payload.get("lead_officer_id")), str(payload.get("second_officer_id"))}


def select_page(
    session: Session,
    *,
    device_id: str,
    scope: Scope,
    heads: list[Any],
    since: int,
    seq_to: int,
    include_own: bool,
) -> Selection:
    """Decide which entries of ``heads`` (seq, table_name, row_id, device_id) go to the
    device, what to backfill, and which rows' blobs stay at the office."""
    units_now = units_in(session, scope)
    by_table: dict[str, list[Any]] = {}
    for h in heads:
        if h.device_id == device_id and not include_own:
            continue
        by_table.setdefault(h.table_name, []).append(h)
    chosen: list[int] = []
    triggers: set[str] = set()
    unit_rows: set[str] = set()  # out-of-scope units whose row must come (a task names them)
    early: list[int] = []
    referenced: set[str] = set()  # units that rows chosen from this page belong to
    for table, entries in by_table.items():
        ids = list({e.row_id for e in entries})
        if table in UNIT_PATHS:
            unit_of = unit_of_rows(session, table, ids)
            keep = {rid for rid, uid in unit_of.items() if uid in units_now}
            if table != "units":
                referenced |= {unit_of[rid] for rid in keep}
            if table in ("units", "equipment") and since:
                keep |= _had(session, table, [i for i in ids if i not in keep], since, scope,
                             units_now)  # fmt: skip
            if table == "units" and since:
                triggers |= _moved_in(session, [i for i in ids if i in keep], since, scope)
        elif table == "tasks":
            keep, new_units, task_units = _tasks(session, ids, since, seq_to, scope)
            triggers |= new_units
            unit_rows |= task_units - units_now
        elif table in OFFICE:
            keep = {e.row_id for e in entries if e.device_id == device_id and include_own}
        else:
            keep = set(ids)
        chosen += [e.seq for e in entries if e.row_id in keep]
    # A scope change after the cursor: the pages up to the cursor were filtered with the
    # scope of the export, which may be the one at the cursor or any set since (an export
    # after a change still covers entries before its mark). What the laptop surely has are
    # the units of all of them; the rest of the scope's units comes now, not at the mark's
    # page (until the cursor passes the mark each pull sends them again: correct, not minimal).
    # The same holds for a task further on in the log: rows of its unit may come before the
    # task itself, so the units of tasks are taken as the log stood at the cursor.
    if since:
        later = session.scalars(
            select(SyncScopeChange)
            .where(SyncScopeChange.device_id == device_id, SyncScopeChange.mark > since)
            .order_by(SyncScopeChange.mark, SyncScopeChange.id)
        ).all()
        candidates = [
            (c, _task_units_at(session, c.officers, since))
            for c in [scope_at(session, device_id, since)] + [Scope.read(r.scope) for r in later]
            if c is not None  # None: everything, it has them all
        ]
        had: set[str] | None = None
        for earlier, tasks_then in candidates:
            got = _district_units(session, earlier.districts) | tasks_then
            had = got if had is None else had & got
        if had is not None:
            triggers |= units_now - had
        # A row chosen here whose unit the laptop may lack: the unit was of another district
        # at the cursor and moved in later (its move may lie pages ahead of its equipment),
        # or came in by a task further on. Its history, unit row first, comes with the page.
        triggers |= referenced - _held(session, referenced, since, candidates)
    if unit_rows:  # the latest version up to the page's end of each such unit row
        for seq in _latest_seqs(session, "units", sorted(unit_rows), seq_to):
            if seq > since and seq not in chosen:
                chosen.append(seq)
            elif seq <= since:
                early.append(seq)
    selection = Selection(seqs=sorted(chosen))
    if since and triggers:
        selection.backfill = backfill(
            session, sorted(triggers & units_now), since, scope, device_id, include_own
        )
    selection.backfill = sorted(set(selection.backfill) | set(early))
    selection.remote_rows = _remote_rows(
        session, selection.seqs + selection.backfill, scope, device_id
    )
    return selection


def _held(
    session: Session,
    units: set[str],
    since: int,
    candidates: list[tuple[Scope, set[str]]],
) -> set[str]:
    """Of these units, those the laptop surely had at cursor ``since``: in every scope an
    export up to then may have used, the unit was of one of its districts as the log stood
    at the cursor, or the unit of one of its officers' tasks."""
    if not units or not candidates:
        return set(units)
    before = _latest_before(session, "units", sorted(units), since)
    district = {u: p.get("district") for u, p in before.items() if isinstance(p, dict)}
    held = set(units)
    for earlier, tasks_then in candidates:
        held = {
            u
            for u in held
            if u not in district  # written after the cursor: its row comes in this pull
            or u in tasks_then
            or district[u] in earlier.districts
        }
    return held


def _latest_seqs(session: Session, table: str, ids: list[str], upto: int) -> list[int]:
    c = _LOG.c
    seqs: list[int] = []
    for part in _chunks(ids):
        seqs += session.scalars(
            select(func.max(c.seq))
            .where(c.table_name == table, c.row_id.in_(part), c.seq <= upto)
            .group_by(c.row_id)
        )
    return seqs


def scope_at(session: Session, device_id: str, seq: int) -> Scope | None:
    """The scope the device had for pulls at cursor ``seq`` (None: everything)."""
    row = session.scalars(
        select(SyncScopeChange)
        .where(SyncScopeChange.device_id == device_id, SyncScopeChange.mark <= seq)
        .order_by(SyncScopeChange.mark.desc(), SyncScopeChange.id.desc())
        .limit(1)
    ).first()
    return Scope.read(row.scope) if row is not None else None


def _had(
    session: Session, table: str, ids: list[str], since: int, scope: Scope, units_now: set[str]
) -> set[str]:
    """Rows out of scope now whose last version the device got was in scope: the device
    learns that a unit or a piece of equipment moved away."""
    if not ids:
        return set()
    before = _latest_before(session, table, ids, since)
    had = set()
    for rid, payload in before.items():
        if not isinstance(payload, dict):
            continue
        key = payload.get("district") if table == "units" else payload.get("unit_id")
        if key in (scope.districts if table == "units" else units_now):
            had.add(rid)
    return had


def _moved_in(session: Session, unit_ids: list[str], since: int, scope: Scope) -> set[str]:
    """Units in scope now whose version at the cursor was of another district (and not a
    task's unit then): their history must follow."""
    if not unit_ids:
        return set()
    before = _latest_before(session, "units", unit_ids, since)
    tasks_then = _task_units_at(session, scope.officers, since)
    return {
        rid
        for rid, payload in before.items()
        if isinstance(payload, dict)
        and payload.get("district") not in scope.districts
        and rid not in tasks_then
    }


def _task_units_at(session: Session, officers: frozenset[str], seq: int) -> set[str]:
    """Units of the officers' tasks as the log stood at ``seq``."""
    if not officers:
        return set()
    c = _LOG.c
    latest = select(func.max(c.seq)).where(c.table_name == "tasks", c.seq <= seq).group_by(c.row_id)
    units = set()
    for (payload,) in session.execute(select(c.payload).where(c.seq.in_(latest))):
        if (
            isinstance(payload, dict)
            and not payload.get("deleted")
            and payload.get("status") != "cancelled"
            and _officers_of(payload) & officers
        ):
            units.add(str(payload.get("unit_id")))
    return units


def _tasks(
    session: Session, ids: list[str], since: int, seq_to: int, scope: Scope
) -> tuple[set[str], set[str], set[str]]:
    """Tasks to send (theirs now, or theirs in a version the laptop may have), the units they
    newly bring into scope, and the units of tasks sent only for their history."""
    officers = scope.officers
    if not officers:
        return set(), set(), set()
    keep: set[str] = set()
    current = {
        t.id: t
        for part in _chunks(ids)
        for t in session.scalars(select(Task).where(Task.id.in_(part)))
    }
    for tid, task in current.items():
        if {task.lead_officer_id, task.second_officer_id} & officers:
            keep.add(tid)
    # A task that is no longer theirs goes to a laptop that may have it (a version up to its
    # cursor was theirs), so it learns of the reassignment; its unit row goes along
    # (``history_units``), since a task filtered out earlier left no unit there.
    c = _LOG.c
    rest = [i for i in ids if i not in keep]
    for part in _chunks(rest if since else []):
        for rid, payload in session.execute(
            select(c.row_id, c.payload).where(
                c.table_name == "tasks", c.row_id.in_(part), c.seq <= since
            )
        ):
            if _officers_of(payload) & officers:
                keep.add(rid)
    history_units = {current[t].unit_id for t in keep if t in current and t in rest}
    new_units: set[str] = set()
    if since:
        live = {
            t.unit_id
            for tid, t in current.items()
            if tid in keep
            and {t.lead_officer_id, t.second_officer_id} & officers
            and not t.deleted
            and t.status != "cancelled"
        }
        if live:
            new_units = live - _task_units_at(session, officers, since)
            # a unit of the device's districts has been there all along
            new_units -= _district_units(session, scope.districts) & new_units
    return keep, new_units, history_units


def backfill(
    session: Session,
    units: list[str],
    since: int,
    scope: Scope,
    device_id: str,
    include_own: bool,
) -> list[int]:
    """The latest log entry up to ``since`` of every row of these units (and of the
    device's officers' tasks on them)."""
    if not units:
        return []
    c = _LOG.c
    seqs: list[int] = []
    wanted: dict[str, list[str]] = {t: rows_of_units(session, t, units) for t in UNIT_PATHS}
    if scope.officers:
        officers = list(scope.officers)
        wanted["tasks"] = [
            tid
            for part in _chunks(units)
            for tid in session.scalars(
                select(Task.id).where(
                    Task.unit_id.in_(part),
                    or_(Task.lead_officer_id.in_(officers), Task.second_officer_id.in_(officers)),
                )
            )
        ]
    for table, ids in wanted.items():
        for part in _chunks(ids):
            stmt = (
                select(func.max(c.seq))
                .where(c.table_name == table, c.row_id.in_(part), c.seq <= since)
                .group_by(c.row_id)
            )
            seqs += session.scalars(stmt)
    if not include_own:
        own = set()
        for part in _chunks(seqs):
            own.update(session.scalars(select(c.seq).where(c.seq.in_(part),
                                                           c.device_id == device_id)))  # fmt: skip
        seqs = [s for s in seqs if s not in own]
    return sorted(seqs)


def _remote_rows(session: Session, seqs: list[int], scope: Scope, device_id: str) -> set[int]:
    """Entries whose files stay at the office: not the device's own inspection (its
    officers, or written by it) and no open finding in scope needs them."""
    c = _LOG.c
    heads: list[Any] = []
    for part in _chunks(seqs):
        heads += session.execute(
            select(c.seq, c.table_name, c.row_id, c.device_id).where(
                c.seq.in_(part), c.table_name.in_(["photos", "signatures", "directives", "plans"])
            )
        )
    remote: set[int] = set()
    officers = list(scope.officers)
    for table in ("photos", "signatures", "directives"):
        entries = [h for h in heads if h.table_name == table]
        if not entries:
            continue
        t = _table(table)
        ids = list({h.row_id for h in entries})
        deliver: set[str] = set()
        for part in _chunks(ids):
            own = or_(Inspection.lead_officer_id.in_(officers),
                      Inspection.second_officer_id.in_(officers)) if officers else None  # fmt: skip
            open_finding = (
                select(Finding.id)
                .where(
                    Finding.inspection_id == Inspection.id,
                    Finding.deleted.is_(False),
                    Finding.status != FindingStatus.CLOSED.value,
                )
                .exists()
            )
            if table == "photos":
                finding_open = (
                    select(Finding.id)
                    .where(
                        Finding.id == t.c.finding_id,
                        Finding.deleted.is_(False),
                        Finding.status != FindingStatus.CLOSED.value,
                    )
                    .exists()
                )
                why = finding_open if own is None else or_(own, finding_open)
            else:
                why = open_finding if own is None else or_(own, open_finding)
            stmt = (
                select(t.c.id)
                .join(Inspection, Inspection.id == t.c.inspection_id)
                .where(t.c.id.in_(part), why)
            )
            deliver.update(session.scalars(stmt))
        remote |= {h.seq for h in entries if h.row_id not in deliver and h.device_id != device_id}
    remote |= {h.seq for h in heads if h.table_name == "plans"}
    return remote
