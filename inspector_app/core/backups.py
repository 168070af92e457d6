"""Backups that restore: one file with the database, every blob and the keys, all hashed.

``create_backup`` takes a consistent copy of the SQLite database with SQLite's online
backup API (the app may keep writing: WAL readers never block the writer), then
writes one ZIP: ``inspector.sqlite3`` (deflated), ``blobs/<sha256>`` for every blob the
copy refers to (read back and hashed on the way), the key files (``device_key.pem``,
``office_key.pem``: a backup that cannot sync is not a restore; ``include_keys=False``
leaves them out) and ``backup.json`` listing everything with its SHA-256. It is
written under a temporary name, fsynced, renamed and made private (0600).

``restore_backup`` checks the whole file first (every hash, the database's own
integrity check) and only then writes, into a folder that holds no database. The
restored database is a new **incarnation** of the same device: its clock and its
change-log sequence jump by ``RESTORE_GAP``, it starts a new audit chain (whose id the
office's pulls carry as ``epoch``), records a ``database_restored`` audit row, and its
next pulls also bring back its own changes the office has, so nothing it wrote after
the backup and had synced is lost, and nothing it writes now collides with it.

``daily_backup`` is what the desktop app calls when it starts: at most one backup a
day in ``<data>/backups``, keeping the newest ``backups_keep`` (a setting).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector_app import paths

from .errors import UserError

FORMAT = 1
MANIFEST = "backup.json"
DATABASE = paths.DATABASE_FILE
KEY_FILES = ("device_key.pem", "office_key.pem")
BACKUPS_FOLDER = "backups"
_BLOB = re.compile(r"^blobs/([0-9a-f]{64})$")
_DAILY = re.compile(r"^inspector-(\d{8})\.backup$")
CHUNK = 1 << 20

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class BackupError(UserError):
    """A backup that cannot be written, or a backup file that is not sound."""


@dataclass
class BackupReport:
    path: Path
    size: int
    database_bytes: int
    blobs: int
    blob_bytes: int
    keys: list[str]
    missing: list[str] = field(default_factory=list)  # blobs referenced but absent/damaged
    seconds: float = 0.0


@dataclass
class RestoreReport:
    folder: Path
    device_id: str
    blobs: int
    created_at: str
    keys: list[str]
    seconds: float = 0.0
    keys_left_out: bool = False  # the backup was made with --without-keys


def _quiet(_stage: str, _done: int, _total: int) -> None:
    pass


# -- making a backup -------------------------------------------------------------------
def _snapshot(source: Path, target: Path) -> None:
    """A consistent copy of a live database (SQLite's online backup API, one step)."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open {source}: {exc}") from None
    dst = sqlite3.connect(target)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        row = dst.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise BackupError(f"the database copy fails its integrity check: {row}")
    except sqlite3.Error as exc:
        raise BackupError(f"cannot copy the database: {exc}") from None
    finally:
        dst.close()
        src.close()


def _facts(db_file: Path) -> dict[str, Any]:
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        # a blob a scoped laptop knows only by hash is at the office: nothing to copy
        blobs = con.execute(
            "SELECT sha256, size FROM blobs WHERE remote = 0 ORDER BY sha256"
        ).fetchall()
        device = con.execute("SELECT device_id FROM local_state WHERE id = 1").fetchone()
        schema = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise BackupError(f"the database is not an inspector database: {exc}") from None
    finally:
        con.close()
    return {
        "blobs": blobs,
        "device_id": device[0] if device else "",
        "schema": schema[0] if schema else "",
    }


def _hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def create_backup(
    folder: Path,
    target: Path,
    *,
    include_keys: bool = True,
    progress: Progress = _quiet,
    compresslevel: int = 1,
) -> BackupReport:
    """Back up the installation in ``folder`` (its SQLite database and blobs) to ``target``."""
    started = time.perf_counter()
    source = folder / DATABASE
    if not source.is_file():
        raise BackupError(f"no database to back up in {folder}")
    target = target.expanduser().resolve()
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=target.parent))
    try:
        snapshot = work / DATABASE
        progress("database", 0, 1)
        _snapshot(source, snapshot)
        facts = _facts(snapshot)
        db_sha, db_size = _hash_file(snapshot)
        progress("database", 1, 1)
        partial = work / "backup.zip"
        report = BackupReport(target, 0, db_size, 0, 0, [])
        members: dict[str, dict[str, Any]] = {DATABASE: {"sha256": db_sha, "size": db_size}}
        with zipfile.ZipFile(partial, "w", allowZip64=True) as zf:
            zf.write(snapshot, DATABASE, zipfile.ZIP_DEFLATED, compresslevel)
            blobs_root = folder / paths.BLOBS_FOLDER
            total = len(facts["blobs"])
            for n, (sha, _size) in enumerate(facts["blobs"], 1):
                data = _read_blob(blobs_root, sha)
                if data is None:
                    report.missing.append(sha)
                else:
                    zf.writestr(f"blobs/{sha}", data, zipfile.ZIP_STORED)
                    report.blobs += 1
                    report.blob_bytes += len(data)
                if n % 200 == 0 or n == total:
                    progress("blobs", n, total)
            for name in KEY_FILES if include_keys else ():
                path = folder / name
                if path.is_file():
                    data = path.read_bytes()
                    zf.writestr(name, data, zipfile.ZIP_STORED)
                    members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                    report.keys.append(name)
            manifest = {
                "format": FORMAT,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "device_id": facts["device_id"],
                "schema": facts["schema"],
                "files": members,
                "blobs": report.blobs,
                "blob_bytes": report.blob_bytes,
                "missing_blobs": report.missing,
                "keys_left_out": not include_keys,
            }
            zf.writestr(MANIFEST, json.dumps(manifest, indent=1), zipfile.ZIP_DEFLATED)
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(partial, 0o600)  # it holds the device's private keys
        os.replace(partial, target)
        report.size = target.stat().st_size
    except OSError as exc:
        raise BackupError(f"cannot write the backup {target}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _read_blob(root: Path, sha: str) -> bytes | None:
    try:
        data = (root / sha[:2] / sha).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha else None


# -- checking and restoring ------------------------------------------------------------
@dataclass
class BackupInfo:
    manifest: dict[str, Any]
    blobs: list[str]


def verify_backup(
    path: Path, *, progress: Progress = _quiet, extract_to: Path | None = None
) -> BackupInfo:
    """Read the whole backup and check every hash; raises ``BackupError`` on any problem.

    ``extract_to``: also write every member there while it is read (one pass); the caller
    moves the files into place only if this returns."""
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"no such backup file: {path}") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BackupError(f"{path} is not an inspector backup: {exc}") from None
    with zf:
        names = [i.filename for i in zf.infolist()]
        if len(names) != len(set(names)):
            raise BackupError(f"{path}: a file appears twice in the backup")
        unknown = [
            n for n in names if n not in (MANIFEST, DATABASE, *KEY_FILES) and not _BLOB.match(n)
        ]
        if unknown:
            raise BackupError(f"{path}: unexpected file in the backup: {unknown[0]!r:.80}")
        if MANIFEST not in names or DATABASE not in names:
            raise BackupError(f"{path} is not an inspector backup (no {MANIFEST} or database)")
        try:
            manifest = json.loads(zf.read(MANIFEST))
        except (ValueError, RecursionError, zipfile.BadZipFile, OSError) as exc:
            raise BackupError(f"{path}: the backup's {MANIFEST} is damaged: {exc}") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: backup format not supported (this version reads {FORMAT})")
        files = manifest.get("files")
        if not isinstance(files, dict) or DATABASE not in files:
            raise BackupError(f"{path}: the backup's {MANIFEST} lists no database")
        blobs = [m.group(1) for n in names if (m := _BLOB.match(n))]
        total = len(names)
        for n, name in enumerate(names, 1):
            if name == MANIFEST:
                continue
            digest = _member_digest(zf, name, path, extract_to)
            expected = _BLOB.match(name).group(1) if name.startswith("blobs/") else None
            if expected is None:
                meta = files.get(name)
                expected = meta.get("sha256") if isinstance(meta, dict) else None
            if digest != expected:
                raise BackupError(f"{path}: {name} is damaged (its hash does not match)")
            if n % 200 == 0 or n == total:
                progress("checking", n, total)
        if manifest.get("blobs") != len(blobs):
            raise BackupError(f"{path}: the backup lacks blobs its {MANIFEST} lists")
    return BackupInfo(manifest, blobs)


def _member_digest(zf: zipfile.ZipFile, name: str, path: Path, extract_to: Path | None) -> str:
    digest = hashlib.sha256()
    out = None
    try:
        if extract_to is not None:  # names were checked: blobs/<sha256>, or a fixed name
            blob = _BLOB.match(name)
            # blobs land in the store's own layout, blobs/ab/abcdef…
            target = extract_to / (f"blobs/{blob.group(1)[:2]}/{blob.group(1)}" if blob else name)
            target.parent.mkdir(parents=True, exist_ok=True)
            out = open(target, "wb")  # noqa: SIM115 - closed below
        with zf.open(name) as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
    except OSError as exc:
        raise BackupError(f"cannot write {name}: {exc.strerror or exc}") from None
    except Exception as exc:  # noqa: BLE001 - zlib/zipfile damage of every kind
        raise BackupError(f"{path}: {name} is damaged: {type(exc).__name__}") from None
    finally:
        if out is not None:
            out.close()
    return digest.hexdigest()


def restore_backup(path: Path, folder: Path, *, progress: Progress = _quiet) -> RestoreReport:
    """Check ``path`` completely, then restore it into ``folder`` (which has no database)."""
    started = time.perf_counter()
    folder = folder.expanduser().resolve()
    if (folder / DATABASE).exists():
        raise BackupError(f"{folder} already has a database; restore into a new folder")
    if folder.exists() and not folder.is_dir():
        raise BackupError(f"{folder} is not a folder")
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=folder))
    keys: list[str] = []
    try:
        # one pass: every member is written to ``work`` while its hash is checked; nothing
        # reaches the folder itself unless all of them are sound
        info = verify_backup(path, progress=progress, extract_to=work)
        blobs = folder / paths.BLOBS_FOLDER
        if not blobs.exists() and (work / "blobs").exists():
            os.replace(work / "blobs", blobs)
        elif (work / "blobs").exists():
            for sha in info.blobs:
                target = blobs / sha[:2] / sha
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(work / "blobs" / sha[:2] / sha, target)
        for name in KEY_FILES:
            if (work / name).exists() and not (folder / name).exists():
                os.chmod(work / name, 0o600)
                os.replace(work / name, folder / name)
                keys.append(name)
        if hasattr(os, "sync"):
            os.sync()  # the blobs and keys are on disk before the database appears
        os.replace(work / DATABASE, folder / DATABASE)
    except OSError as exc:
        raise BackupError(f"cannot restore into {folder}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if created and not (folder / DATABASE).exists() and not any(folder.iterdir()):
            folder.rmdir()  # a refused restore leaves no trace
    device_id = reincarnate(folder, backup=path, manifest=info.manifest)
    return RestoreReport(
        folder,
        device_id,
        len(info.blobs),
        str(info.manifest.get("created_at", "")),
        keys,
        time.perf_counter() - started,
        bool(info.manifest.get("keys_left_out")),
    )


def reincarnate(folder: Path, *, backup: Path, manifest: dict[str, Any]) -> str:
    """Make the restored SQLite database a new incarnation of its device."""
    from inspector_app.store.db import open_database

    db = open_database(paths.sqlite_url(folder / DATABASE), blobs_dir=folder / paths.BLOBS_FOLDER)
    try:
        return mark_restored(
            db,
            details={"backup": backup.name, "backup_created_at": manifest.get("created_at")},
        )
    finally:
        db.dispose()


def mark_restored(db: Any, *, details: dict[str, Any]) -> str:
    """A database restored by whatever means (this module, ``pg_restore``, a copied folder)
    becomes a new incarnation: clock and change-log sequence jump by ``RESTORE_GAP``, a new
    audit chain (= the epoch its pulls name) starts with a ``database_restored`` row, and its
    next pulls bring back its own changes. Returns the device id."""
    from sqlalchemy import func, select, text, update

    from inspector_app.store import audit
    from inspector_app.store.limits import RESTORE_GAP
    from inspector_app.store.models import AuditLog, ChangeLog, LocalState, SyncCursor

    with db.write() as session:
        state = session.get(LocalState, 1)
        previous = {"chain": state.audit_chain, "seq": state.audit_seq}
        session.execute(update(LocalState).values(clock=LocalState.clock + RESTORE_GAP))
        audit.start_new_chain(session)
        session.execute(update(SyncCursor).values(include_own=True))
        last = session.scalar(select(func.max(ChangeLog.seq))) or 0
        postgres = db.engine.dialect.name == "postgresql"
        if postgres:  # the sequence hands out numbers far above the old ones from now on
            session.execute(
                text("SELECT setval(pg_get_serial_sequence('change_log', 'seq'), :next)"),
                {"next": last + RESTORE_GAP},
            )
        session.add(
            AuditLog(
                officer_id=None,
                action="database_restored",
                entity="device",
                entity_id=state.device_id,
                details={**details, "previous_chain": previous},
            )
        )
        session.flush()
        if not postgres:  # SQLite's next rowid follows the largest one: move this entry up
            session.execute(
                text("UPDATE change_log SET seq = seq + :gap WHERE seq > :last"),
                {"gap": RESTORE_GAP, "last": last},
            )
        return state.device_id


# -- the desktop app's daily backups ---------------------------------------------------
def daily_backup(
    folder: Path, *, keep: int, today: dt.date | None = None, progress: Progress = _quiet
) -> BackupReport | None:
    """Today's backup in ``<folder>/backups`` unless there is one already; keeps ``keep``.

    ``keep`` 0 turns daily backups off. Never raises for a problem of the backup itself
    (the caller logs the returned report or the exception it chooses to catch)."""
    if keep <= 0 or not (folder / DATABASE).is_file():
        return None
    today = today or dt.date.today()
    target_dir = folder / BACKUPS_FOLDER
    target_dir.mkdir(exist_ok=True)
    target = target_dir / f"inspector-{today:%Y%m%d}.backup"
    report = None
    for stale in target_dir.glob(".backup-*"):  # left by an app closed mid-backup
        if stale.is_dir() and time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
    if not target.exists():
        report = create_backup(folder, target, progress=progress)
    backups = sorted(
        (p for p in target_dir.glob("inspector-*.backup") if _DAILY.match(p.name)),
        key=lambda p: p.name,
    )
    for old in backups[:-keep]:
        old.unlink(missing_ok=True)
    return report


def start_daily_backup(folder: Path, db: Any) -> Any:
    """The desktop app's call at start: today's backup on a background thread (it only
    reads the database), or nothing when ``backups_keep`` is 0 or the data is not SQLite."""
    import logging
    import threading

    log = logging.getLogger(__name__)
    if not getattr(db, "is_sqlite", False):
        return None
    keep = backups_keep(db)

    def run() -> None:
        try:
            report = daily_backup(folder, keep=keep)
        except Exception as exc:  # noqa: BLE001 - a failed backup must not stop the app
            log.warning("daily backup failed: %s", exc)
            return
        if report is not None and report.missing:
            log.warning("daily backup %s lacks %d blob(s)", report.path, len(report.missing))

    thread = threading.Thread(target=run, name="inspector-backup", daemon=True)
    thread.start()
    return thread


def backups_keep(db: Any) -> int:
    """The ``backups_keep`` setting of an opened database."""
    from .settings import get_setting

    with db.read() as session:
        value = get_setting(session, "backups_keep")
    try:
        return max(0, int(value))
    except ValueError:
        return 0
