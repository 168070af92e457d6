"""Schema versions across a city: the office upgrades first, laptops over weeks.

Every bundle names the schema revision (Alembic, ``store/migrations``) its
payloads are written in: ``schema`` in the manifest; a bundle without it comes
from the release before this rule (``LEGACY``). The rule (docs/sync.md, "Schema
versions"):

* The office accepts pushes from laptops on any revision from ``OLDEST_SUPPORTED``
  up to its own. A payload may lack the columns later migrations added: for a row
  the office has, those columns keep the office's values (a full-row payload of an
  older laptop never wipes them); a new row gets the column defaults. The office
  logs the row as it stored it, so every other device converges on it.
* The office builds each pull in the laptop's revision: tables the laptop does not
  know are left out, columns it does not know are dropped (and filled with their
  defaults where an entry written before an upgrade of the office lacks them).
* After a laptop upgrades, columns added since the revision its data was pulled in
  hold only defaults there. Until a **catch-up** pull has brought the office's values
  (the current version of every row of the tables that gained something, its own
  rows included), its pushes say so (``data_schema``) and the office treats those
  columns of existing rows like missing ones.
* A laptop newer than the office, or older than ``OLDEST_SUPPORTED``, is refused
  with a message saying who must upgrade.

``ADDED`` says what each migration added to the synced tables; a test checks it
against real databases migrated to every supported revision.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from inspector_app.store.changes import to_json_value
from inspector_app.store.revisions import declared_head, revision_chain

from .columns import TableSpec, table_specs
from .errors import SyncError

#: Bundles and pull requests that name no revision come from this release.
LEGACY = "0006"
#: The oldest revision a laptop may run and still sync with this office.
OLDEST_SUPPORTED = "0006"

#: Synced tables and columns each migration added: ``None`` for a whole new table.
#: Every migration that changes a synced table adds its line here (only additions are
#: supported between OLDEST_SUPPORTED and the head; each new column needs a default or
#: must be nullable). 0005 and 0006 are history, kept so tests can play an older laptop.
ADDED: dict[str, dict[str, tuple[str, ...] | None]] = {
    "0005": {"audit_log": ("chain", "chain_seq", "prev_hash", "row_hash")},
    "0006": {
        "maintenance_units": None,
        "equipment": ("maintenance_unit_id",),
        "directives": ("maintenance_unit_id", "report_received_on", "reinspection_due"),
        "findings": ("failure_id", "judged_by", "penalty", "addressee", "reinspection"),
        "item_results": ("report_no", "report_date"),
        "inspections": ("task_source", "unit_opinion", "record_number"),
    },
    "0009": {
        "supervision_cases": None,
        "case_events": None,
        "attachments": None,
        "seizures": None,
        "blacklist_entries": None,
    },
    "0010": {
        "campaigns": None,
        "plans": None,
        "tasks": None,
        "unit_events": None,
        "recusals": None,
        "officers": ("districts",),
        "inspections": ("task_id",),
    },
    "0011": {"form_publications": None},
}

_REVISION = re.compile(r"^[0-9A-Za-z_]{1,32}$")
BASE_COLUMNS = frozenset({"id", "origin_device", "clock", "created_at", "updated_at", "deleted"})


class SkewError(SyncError):
    """A laptop and the office run schema revisions that cannot sync (HTTP 426)."""


def head() -> str:
    return declared_head()


def position(revision: str) -> int | None:
    chain = revision_chain()
    return chain.index(revision) if revision in chain else None


def oldest() -> str:
    return OLDEST_SUPPORTED


def is_supported(revision: str) -> bool:
    where, first = position(revision), position(oldest())
    return where is not None and first is not None and where >= first


def older(a: str, b: str) -> bool:
    """``a`` comes before ``b`` in the migration chain (both known)."""
    pa, pb = position(a), position(b)
    return pa is not None and pb is not None and pa < pb


@cache
def _columns_at(revision: str, head_revision: str) -> dict[str, frozenset[str]]:
    chain = revision_chain()
    specs = table_specs()
    columns = {name: spec.keys for name, spec in specs.items()}
    for later in chain[chain.index(revision) + 1 :]:
        for table, added in ADDED.get(later, {}).items():
            if table not in columns:
                continue
            if added is None:
                del columns[table]
            else:
                columns[table] = columns[table] - frozenset(added)
    return columns


def columns_at(revision: str) -> dict[str, frozenset[str]]:
    """The synced columns of each synced table at ``revision`` (a known revision)."""
    if position(revision) is None:
        raise SkewError(f"unknown schema revision {revision[:32]!r}")
    return _columns_at(revision, head())


def gained(since: str) -> dict[str, frozenset[str]]:
    """Columns of our head a database at ``since`` did not have, by table (a new table:
    all its columns)."""
    then = columns_at(since)
    return {
        name: spec.keys - then.get(name, frozenset())
        for name, spec in table_specs().items()
        if spec.keys != then.get(name)
    }


@cache
def _changed_since_oldest(head_revision: str) -> frozenset[str]:
    """Tables whose columns changed after the oldest supported revision: entries of
    them written before an upgrade may lack columns (the others never do)."""
    return frozenset(gained(oldest()))


def column_default(spec: TableSpec, name: str) -> Any:
    """The JSON value a column left out gets (the model's default)."""
    default = spec.table.c[name].default
    if default is None:
        value = None
    elif default.is_scalar:
        value = default.arg
    elif default.is_callable:
        value = default.arg(None)  # SQLAlchemy wraps plain callables to take a context
    else:
        value = None
    return to_json_value(value)


# -- who must upgrade ----------------------------------------------------------------------


def _revision_text(value: Any) -> str:
    if value is None:
        return LEGACY
    if not (isinstance(value, str) and _REVISION.match(value)):
        raise SyncError("schema revision is malformed")
    return value


def check_laptop(value: Any, *, relay: bool = False) -> str:
    """At the office: the revision a laptop's push or pull request names, accepted or
    refused with who must upgrade. ``relay``: this office forwards to another office
    and cannot translate (it takes laptops on its own revision only)."""
    revision = _revision_text(value)
    mine = head()
    if position(revision) is None:
        raise SkewError(
            f"this laptop runs database revision {revision}, which the office (revision "
            f"{mine}) does not know: upgrade the office first (laptops are upgraded after it)",
            message_zh=f"本机数据库版本 {revision} 比局端（{mine}）新：请先升级局端软件，再升级笔记本",
        )
    if not is_supported(revision):
        raise SkewError(
            f"this laptop runs database revision {revision}, older than the oldest the "
            f"office accepts ({oldest()}): upgrade the laptop",
            message_zh=f"本机数据库版本 {revision} 过旧，局端最低支持 {oldest()}：请升级本机软件",
        )
    if relay and revision != mine:
        raise SkewError(
            f"this laptop runs database revision {revision}; this office forwards to another "
            f"office and accepts laptops on its own revision ({mine}) only: upgrade the laptop",
            message_zh=f"本机数据库版本 {revision} 与转发站（{mine}）不同：请升级本机软件",
        )
    return revision


def check_office(value: Any) -> str:
    """On a laptop: the office's revision (from its pulls or its health answer). An office
    older than this laptop cannot take its bundles: it must be upgraded first."""
    revision = _revision_text(value)
    mine = head()
    if position(revision) is not None and older(revision, mine):
        raise SkewError(
            f"the office runs database revision {revision}, older than this laptop's "
            f"({mine}): the office must be upgraded first (if it has been, sync with it "
            "or import a pull bundle from it before sending)",
            message_zh=f"局端数据库版本 {revision} 比本机（{mine}）旧：请先升级局端软件"
            "（若局端已升级，请先从局端接收一次数据）",
        )
    return revision


def check_built_for(value: Any) -> str:
    """On a laptop: the revision a pull was built in must be one this laptop knows."""
    revision = _revision_text(value)
    if position(revision) is None:
        raise SkewError(
            f"the office built this bundle for database revision {revision}, which this "
            f"laptop (revision {head()}) does not know: upgrade this laptop",
            message_zh=f"该同步包按数据库版本 {revision} 生成，本机（{head()}）不认识：请升级本机软件",
        )
    if not is_supported(revision):
        raise SkewError(f"bundle is built for revision {revision}, older than {oldest()}")
    return revision


# -- reading payloads of other revisions ----------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """How the changes of one incoming bundle are read.

    ``schema``: the sender's revision; a payload may have the columns of it or of any
    supported revision before it. ``data``: columns added after it are not the sender's
    to say for rows this database has. ``refresh``: a catch-up pull; for a version this
    database has already, columns added after it are taken from the payload."""

    schema: str
    data: str
    refresh: str | None = None

    def allowed(self, table: str) -> frozenset[frozenset[str]]:
        return _allowed(self.schema, oldest(), head(), table)

    def not_authoritative(self, table: str) -> frozenset[str]:
        return _not_authoritative(self.data, head(), table)

    def refresh_columns(self, table: str) -> frozenset[str]:
        if self.refresh is None:
            return frozenset()
        return _not_authoritative(self.refresh, head(), table)


@cache
def _allowed(schema: str, first: str, head_revision: str, table: str) -> frozenset:
    chain = revision_chain()
    out = set()
    for revision in chain[chain.index(first) : chain.index(schema) + 1]:
        columns = _columns_at(revision, head_revision).get(table)
        if columns is not None:
            out.add(columns)
    return frozenset(out)


@cache
def _not_authoritative(data: str, head_revision: str, table: str) -> frozenset[str]:
    spec = table_specs()[table]
    return spec.keys - _columns_at(data, head_revision).get(table, BASE_COLUMNS)


FULL = None  # a version whose payload says every column


def read_payload(
    spec: TableSpec, payload: dict[str, Any], shape: Shape | None
) -> tuple[dict[str, Any], frozenset[str] | None]:
    """Decode a change's payload: the row (only the columns it has) and, for a partial
    version, the columns it may set on an existing row (``None``: all of them)."""
    keys = frozenset(payload)
    if shape is None or (keys == spec.keys and not shape.not_authoritative(spec.name)):
        return spec.decode(payload), FULL
    if keys != spec.keys and keys not in shape.allowed(spec.name):
        spec.decode(payload)  # raises the usual unknown/missing columns message
        raise SyncError(f"{spec.name} change has the columns of no supported revision")
    row = spec.decode(payload, partial=True)
    authoritative = keys - shape.not_authoritative(spec.name)
    return row, (FULL if authoritative == spec.keys else authoritative)


def complete(
    spec: TableSpec,
    payload: dict[str, Any],
    authoritative: frozenset[str],
    base: dict[str, Any] | None,
) -> dict[str, Any]:
    """A partial version made whole: on a row this database has (``base``, its current
    payload) the columns the sender may not set keep their values; a new row takes what
    was sent and the defaults for the rest."""
    if base is None:
        return {k: payload[k] if k in payload else column_default(spec, k) for k in spec.keys}
    return {k: payload[k] if k in authoritative else base[k] for k in spec.keys}


# -- building pulls in a laptop's revision ----------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A change-log entry as ``outgoing`` reads it, with its payload text rewritten."""

    seq: int
    table_name: str
    row_id: str
    op: str
    clock: int
    device_id: str
    raw: str
    origin_batch: str | None
    origin_index: int | None


def translate(entries: Iterable[Any], target: str) -> list[Any]:
    """The entries as a database at ``target`` takes them: unknown tables left out,
    unknown columns dropped, columns an entry written before an upgrade lacks filled
    with their defaults. Entries already in shape pass unchanged (no parsing)."""
    want = columns_at(target)
    specs = table_specs()
    check = _changed_since_oldest(head()) | {
        name for name, spec in specs.items() if want.get(name) not in (None, spec.keys)
    }
    out = []
    for e in entries:
        columns = want.get(e.table_name)
        if columns is None:
            continue
        if e.table_name not in check:
            out.append(e)
            continue
        payload = json.loads(e.raw)
        if frozenset(payload) == columns:
            out.append(e)
            continue
        spec = specs[e.table_name]
        shaped = {
            k: payload[k] if k in payload else column_default(spec, k)
            for k in (c.name for c in spec.table.columns)
            if k in columns
        }
        out.append(
            Entry(
                e.seq,
                e.table_name,
                e.row_id,
                e.op,
                e.clock,
                e.device_id,
                json.dumps(shaped),
                e.origin_batch,
                e.origin_index,
            )
        )
    return out


def catchup_tables(since: str) -> frozenset[str]:
    """Tables a catch-up from ``since`` brings again (all rows, whoever wrote them)."""
    return frozenset(gained(since))


def manifest_revisions(m: Mapping[str, Any]) -> dict[str, Any]:
    """The revision fields of a manifest, checked by type (``bundle`` checked strings)."""
    out: dict[str, Any] = {}
    for key in ("schema", "data_schema", "office_schema", "catchup"):
        value = m.get(key)
        if value is not None:
            out[key] = _revision_text(value)
    end = m.get("log_end")
    if end is not None and not isinstance(end, bool):
        raise SyncError("bundle manifest field 'log_end' is malformed")
    out["log_end"] = bool(end)
    return out


# -- a laptop's own state --------------------------------------------------------------------


def data_revision(cursor: Any) -> str:
    """The revision this laptop's data was last pulled in (a ``SyncCursor`` of its office):
    columns added after it may hold only defaults here until a catch-up."""
    if cursor.pulled_schema and position(cursor.pulled_schema) is not None:
        return cursor.pulled_schema
    return LEGACY if cursor.pulled_seq > 0 and is_supported(LEGACY) else head()


def office_revision(cursor: Any) -> str | None:
    """The office's revision as a pull this release applied named it (None: not known yet;
    a laptop just upgraded assumes the office went first, as it should)."""
    return cursor.peer_schema or None


def is_relay(session: Any) -> bool:
    """This installation is itself a device of another office (it trusts one): it forwards
    what laptops send and cannot translate older revisions on the way."""
    from sqlalchemy import func, select

    from inspector_app.store.models import SyncTrust

    return bool(session.scalar(select(func.count()).select_from(SyncTrust)))
