"""Importing a bundle: verify everything, then apply it in one transaction, once.

A push bundle (laptop -> office) is decrypted with the office key and must be
signed by an enrolled, unrevoked device. It may carry only that device's own
changes, unless the office marked the device as a relay: then each other
device's change must come with its origin's attestation, checked against that
device's enrolled key (``origin.py``). A pull bundle (office -> laptop) is
decrypted with this device's X25519 key and must be signed by the trusted
office. The bundle id is the SHA-256 of the file: the same file twice is a
no-op, and a different file carrying the same changes applies as no-ops.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database
from inspector_app.store.limits import CLOCK_MAX, untrusted_clock_limit
from inspector_app.store.models import (
    AppliedBundle,
    ChangeLog,
    LocalState,
    OriginBatch,
    Setting,
    SyncCursor,
    SyncEnrolment,
    SyncTrust,
)

from . import bundle, envelope, forms_publish, keys, origin, skew, withheld
from .apply import ORIGIN, PG_APPLY_LOCK, ApplyResult, SyncTask, apply_changes
from .bundle import RAW_PAYLOAD
from .errors import SyncError
from .incoming_checks import active_enrolment
from .outgoing import acked_seq, save_cursor

log = logging.getLogger(__name__)


@dataclass
class ImportReport:
    bundle_id: str
    kind: str
    device_id: str
    already: bool
    result: ApplyResult
    manifest: dict[str, Any]
    acked_seq: int = 0
    requeued: int = 0  # withheld changes queued again because this bundle brought their blob
    # Form publications left out, with the reason (sync/forms_publish.py); the rest applied.
    refused_forms: list[forms_publish.Refused] = field(default_factory=list)

    @property
    def withheld(self) -> int:
        """How many changes the sender left out (a blob missing or damaged there)."""
        held = self.manifest.get("withheld")
        count = held.get("count") if isinstance(held, dict) else None
        return count if isinstance(count, int) and not isinstance(count, bool) else 0


def _enrolled_key(session: Session, manifest: dict[str, Any]):
    return keys.verify_key(active_enrolment(session, manifest["device_id"]).sign_key)


def _office_key(session: Session, own_device: str):
    def check(manifest: dict[str, Any]):
        trust = session.scalars(
            select(SyncTrust).where(SyncTrust.office_device == manifest["device_id"])
        ).first()
        if trust is None:
            raise SyncError("bundle is not from the trusted office")
        if manifest.get("recipient") != own_device:
            raise SyncError("bundle was made for another device")
        return keys.verify_key(trust.sign_key)

    return check


def verify(
    db: Database, data: bytes, *, folder: Path, limits: bundle.Limits = bundle.DEFAULT_LIMITS
) -> bundle.Contents:
    """Decrypt and check a bundle completely; writes nothing."""
    if len(data) > limits.max_file:
        raise SyncError(f"bundle is larger than {limits.max_file} bytes")
    header = envelope.read_header(data)
    if header.kind == "push":
        if not (folder / keys.OFFICE_KEY_FILE).exists():
            raise SyncError(
                "this is a laptop's bundle for the office: import it at the office "
                "(this installation holds no office key)",
                message_zh="这是笔记本发往局端的同步包，请在局端导入（本机没有局端密钥）",
            )
        _h, payload = envelope.open_sealed(data, private=keys.load_office_key(folder))
    else:
        _h, payload = envelope.open_sealed(
            data, private=keys.load_or_create_device_keys(folder).box
        )
    with db.read() as session:
        signer = (
            (lambda m: _enrolled_key(session, m))
            if header.kind == "push"
            else _office_key(session, db.device_id())
        )
        contents = bundle.unpack(payload, signer_key=signer, limits=limits)
        if contents.manifest["kind"] != header.kind:
            raise SyncError("bundle header and manifest disagree on its kind")
        if header.kind == "push":
            check_origins(session, contents)
    return contents


def check_origins(session: Session, contents: bundle.Contents) -> list[origin.Batch]:
    """Who wrote each change of a push: the signer, or (a relay only) an attested origin.

    Marks every change whose attestation checks out (``ORIGIN``), so the change log keeps
    the reference; returns the batches to keep."""
    m = contents.manifest
    signer = m["device_id"]
    relay = active_enrolment(session, signer).relay
    batches: dict[str, origin.Batch] = {}
    for bid, meta in (m.get("origins") or {}).items():
        batch = origin.read_batch(bid, meta, contents.origins[bid])
        if batch.device_id != signer and not relay:
            raise SyncError(
                f"device {signer} is not a relay: it may send only its own changes "
                f"(attestation of {batch.device_id:.40} refused)"
            )
        origin.verify_batch(
            batch, keys.verify_key(active_enrolment(session, batch.device_id).sign_key)
        )
        batches[bid] = batch
    for n, change in enumerate(contents.changes, 1):
        ref = change.get("origin")
        device = change.get("device_id")
        if ref is None:
            if device != signer:
                raise SyncError(
                    f"change {n} was written by device {str(device)[:40]}, not by the sender "
                    f"{signer}, and carries no attestation of its origin"
                    + ("" if relay else " (only a relay may forward changes)")
                )
            continue
        if not (
            type(ref) is list
            and len(ref) == 2
            and ref[0] in batches
            and type(ref[1]) is int
            and 0 <= ref[1] < len(batches[ref[0]])
            and batches[ref[0]].device_id == device
        ):
            raise SyncError(f"change {n}: malformed origin reference")
        if device != signer:
            # A forwarded change: its origin's attestation is what vouches for it. (The
            # sender's own changes are vouched for by the bundle's signature; their batch
            # is kept for forwarding and checked again by whoever forwards them.)
            text, table = change.get(RAW_PAYLOAD), change.get("table")
            # the payload's id, clock, device and tombstone are checked against the head later
            if not (
                isinstance(text, str)
                and isinstance(table, str)
                and origin.change_digest(table, text) == batches[ref[0]].digest(ref[1])
            ):
                raise SyncError(
                    f"change {n} ({str(table)[:30]} {str(change.get('row_id'))[:40]}) does "
                    f"not match the attestation of device {device}: refused as forged"
                )
        change[ORIGIN] = (ref[0], ref[1])
    return list(batches.values())


def import_bundle(db: Database, store: BlobStore, data: bytes, **kwargs: Any) -> ImportReport:
    """Verify then apply one bundle; see ``_import``. The cycle collector is paused meanwhile:
    a big bundle allocates ~10 objects per change and none of them form cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _import(db, store, data, **kwargs)
    finally:
        if enabled:
            gc.enable()


def _import(
    db: Database,
    store: BlobStore,
    data: bytes,
    *,
    folder: Path,
    task: SyncTask | None = None,
    expect_device: str | None = None,
    expect_kind: str | None = None,
    limits: bundle.Limits = bundle.DEFAULT_LIMITS,
) -> ImportReport:
    bundle_id = hashlib.sha256(data).hexdigest()
    if expect_kind is not None and envelope.read_header(data).kind != expect_kind:
        raise SyncError(f"expected a {expect_kind} bundle")
    contents = verify(db, data, folder=folder, limits=limits)
    m = contents.manifest
    if expect_device is not None and m["device_id"] != expect_device:
        raise SyncError("bundle was made by another device than the one sending it")
    report = ImportReport(bundle_id, m["kind"], m["device_id"], False, ApplyResult(), m)
    with db.read() as session:
        shape = _shape(session, m)
    with db.write() as session:
        if db.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_APPLY_LOCK})
        if session.get(AppliedBundle, bundle_id) is not None:
            report.already = True
        else:
            changes, report.refused_forms = _screen_publications(session, m, contents, folder)
            report.result = apply_changes(
                session,
                changes,
                m["blobs"],
                task=task,
                store=store,
                clock_limit=_clock_limit(session, m["kind"]),
                remote_blobs=m.get("remote_blobs") if m["kind"] == "pull" else None,
                shape=shape,
            )
            _keep_origins(session, contents)
            _put_blobs(store, contents.blobs)
            report.requeued = withheld.requeue(session, store, contents.blobs)
            session.add(
                AppliedBundle(
                    bundle_id=bundle_id,
                    device_id=m["device_id"],
                    kind=m["kind"],
                    seq_from=m["seq_from"],
                    seq_to=m["seq_to"],
                    changes=len(contents.changes),
                    applied=report.result.applied,
                )
            )
            session.flush()
        if m["kind"] == "push":
            report.acked_seq = acked_seq(session, m["device_id"])
            _remember_revisions(session, m["device_id"], shape)
        else:
            _after_pull(session, m, shape, db.device_id())
    return report


def _screen_publications(
    session: Session, m: dict[str, Any], contents: bundle.Contents, folder: Path
) -> tuple[list[dict[str, Any]], list[forms_publish.Refused]]:
    """The changes without the form publications that are not the office's (signed with
    the key this device trusts; at the office, its own), each refused with its reason."""
    if m["kind"] == "push":
        sign_key = keys.load_or_create_device_keys(folder).sign_public
        office = session.scalar(select(LocalState.device_id))
    else:
        trust = session.scalars(
            select(SyncTrust).where(SyncTrust.office_device == m["device_id"])
        ).first()
        sign_key, office = (trust.sign_key, trust.office_device) if trust else (None, None)
    kept, refused = forms_publish.screen(
        session, contents.changes, office_sign_key=sign_key, office_device=office
    )
    for r in refused:
        log.warning("bundle from %s: %s refused: %s", m["device_id"], r, r.reason)
    return kept, refused


def _shape(session: Session, m: dict[str, Any]) -> skew.Shape:
    """The schema revision a bundle is written in, or the refusal saying who must upgrade."""
    fields = skew.manifest_revisions(m)
    if m["kind"] == "push":
        schema = skew.check_laptop(fields.get("schema"), relay=skew.is_relay(session))
        data = fields.get("data_schema", schema)
        if skew.position(data) is None or skew.older(schema, data):
            raise SyncError("bundle manifest field 'data_schema' is malformed")
        return skew.Shape(schema, skew.check_laptop(data))
    schema = skew.check_built_for(fields.get("schema"))
    refresh = fields.get("catchup")
    if refresh is not None and not skew.is_supported(refresh):
        raise SyncError("bundle manifest field 'catchup' is malformed")
    return skew.Shape(schema, schema, refresh)


def _remember_revisions(session: Session, device_id: str, shape: skew.Shape) -> None:
    """What a laptop runs, for the pull bundles the office writes for it (USB)."""
    row = session.get(SyncEnrolment, device_id)
    if row is not None and (row.schema_revision, row.data_revision) != (shape.schema, shape.data):
        row.schema_revision, row.data_revision = shape.schema, shape.data
        session.flush()


def _keep_origins(session: Session, contents: bundle.Contents) -> None:
    """The attestations a push brought, for forwarding later (pulls carry none)."""
    if contents.manifest["kind"] != "push" or not contents.origins:
        return
    origins = contents.manifest.get("origins") or {}
    have = set(
        session.scalars(
            select(OriginBatch.batch_id).where(OriginBatch.batch_id.in_(list(contents.origins)))
        )
    )
    for bid, digests in contents.origins.items():
        if bid not in have:
            session.add(
                OriginBatch(
                    batch_id=bid,
                    device_id=origins[bid]["device_id"],
                    signature=origin.read_batch(bid, origins[bid], digests).signature,
                    digests=digests,
                )
            )
    session.flush()


def _clock_limit(session: Session, kind: str) -> int:
    """A device's push may not run far ahead of our clock; the trusted office's pull may."""
    if kind != "push":
        return CLOCK_MAX
    return untrusted_clock_limit(session.scalar(select(LocalState.clock)) or 0)


def _after_pull(session: Session, m: dict[str, Any], shape: skew.Shape, own: str) -> None:
    office, acked = m["device_id"], int(m.get("acked_seq") or 0)
    epoch = m.get("epoch") if isinstance(m.get("epoch"), str) else ""
    row = session.get(SyncCursor, office)
    fresh = row is None or row.pulled_seq == 0
    before = skew.data_revision(row) if row is not None else skew.head()
    if row is not None and epoch and row.peer_epoch and epoch != row.peer_epoch:
        # The office was restored from a backup: it may lack what we sent since. Send again
        # everything after what it says it has (what it has already applies as no-ops).
        row.acked_seq = min(row.acked_seq, acked)
    save_cursor(session, office, pulled=m["seq_to"], acked=acked)
    row = session.get(SyncCursor, office)
    if epoch:
        row.peer_epoch = epoch
    scope = (m.get("settings") or {}).get("scope")
    if isinstance(scope, dict):  # what the office decided this laptop receives (shown)
        text = json.dumps(scope, ensure_ascii=False, sort_keys=True)[:500]
        shown = session.get(Setting, "sync_scope")
        if shown is None:
            session.add(Setting(key="sync_scope", value=text))
        else:
            shown.value = text
    _after_pull_revisions(session, row, m, shape, own, fresh=fresh, before=before)
    segment = (m.get("settings") or {}).get("directive_segment")
    if isinstance(segment, str) and len(segment) == 2 and segment.isdigit():
        row = session.get(Setting, "directive_segment")
        if row is None:
            session.add(Setting(key="directive_segment", value=segment))
        elif not row.value:
            row.value = segment
        session.flush()


def _after_pull_revisions(
    session: Session,
    row: SyncCursor,
    m: dict[str, Any],
    shape: skew.Shape,
    own: str,
    *,
    fresh: bool,
    before: str,
) -> None:
    """The office's revision; the one our data is now in (a pull built for an older one
    lowers it); a catch-up that reached the end of the office's log with every change of
    ours acknowledged there brings it up to ours (docs/sync.md, "Schema versions")."""
    row.peer_schema = m.get("office_schema") or skew.LEGACY
    data = shape.schema if fresh or skew.older(shape.schema, before) else before
    if shape.refresh is not None and shape.refresh == before and m.get("log_end"):
        series = m["seq_from"] == 1 or row.catchup_from == shape.refresh
        mine = session.scalar(select(func.max(ChangeLog.seq)).where(ChangeLog.device_id == own))
        if series and row.acked_seq >= (mine or 0):
            data = shape.schema
            row.catchup_from, row.catchup_upto = "", 0
    row.pulled_schema = data
    session.flush()


def _put_blobs(store: BlobStore, blobs: dict[str, bytes]) -> None:
    """Verified, content-addressed files: a rolled-back import leaves only harmless copies.

    Many files: written to temporary names and renamed, then flushed to disk
    with one ``os.sync()`` (Linux waits for it) before the database commits;
    elsewhere each file is fsynced by ``BlobStore.put``. A file already there is
    kept only when its bytes match its name (a damaged one is replaced)."""
    todo = [(sha, data) for sha, data in blobs.items() if not store.verified(sha)]
    if len(todo) < 16 or not hasattr(os, "sync") or sys.platform != "linux":
        for _sha, data in todo:
            store.put(data)
        return
    for sha, data in todo:
        target = store.path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".tmp-{sha}-{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    os.sync()
