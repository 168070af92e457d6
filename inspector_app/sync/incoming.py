"""Importing a bundle: verify everything, then apply it in one transaction, once.

A push bundle (laptop -> office) is decrypted with the office key and must be
signed by an enrolled, unrevoked device. A pull bundle (office -> laptop) is
decrypted with this device's X25519 key and must be signed by the trusted
office. The bundle id is the SHA-256 of the file: the same file twice is a
no-op, and a different file carrying the same changes applies as no-ops.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database
from inspector_app.store.limits import CLOCK_MAX, untrusted_clock_limit
from inspector_app.store.models import AppliedBundle, LocalState, Setting, SyncTrust

from . import bundle, envelope, keys
from .apply import PG_APPLY_LOCK, ApplyResult, SyncTask, apply_changes
from .errors import SyncError
from .incoming_checks import active_enrolment
from .outgoing import acked_seq, save_cursor


@dataclass
class ImportReport:
    bundle_id: str
    kind: str
    device_id: str
    already: bool
    result: ApplyResult
    manifest: dict[str, Any]
    acked_seq: int = 0


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
    return contents


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
    with db.write() as session:
        if db.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_APPLY_LOCK})
        if session.get(AppliedBundle, bundle_id) is not None:
            report.already = True
        else:
            report.result = apply_changes(
                session,
                contents.changes,
                m["blobs"],
                task=task,
                store=store,
                clock_limit=_clock_limit(session, m["kind"]),
            )
            _put_blobs(store, contents.blobs)
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
        else:
            _after_pull(session, m)
    return report


def _clock_limit(session: Session, kind: str) -> int:
    """A device's push may not run far ahead of our clock; the trusted office's pull may."""
    if kind != "push":
        return CLOCK_MAX
    return untrusted_clock_limit(session.scalar(select(LocalState.clock)) or 0)


def _after_pull(session: Session, m: dict[str, Any]) -> None:
    save_cursor(session, m["device_id"], pulled=m["seq_to"], acked=int(m.get("acked_seq") or 0))
    segment = (m.get("settings") or {}).get("directive_segment")
    if isinstance(segment, str) and len(segment) == 2 and segment.isdigit():
        row = session.get(Setting, "directive_segment")
        if row is None:
            session.add(Setting(key="directive_segment", value=segment))
        elif not row.value:
            row.value = segment
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
