"""Sync work the desktop app runs off the UI thread: sync over HTTP, USB export, USB import.

Plain functions taking a ``SyncJob`` (progress, message, cancel flag), no Qt;
the app's thin wrapper runs them on a thread and relays the progress. They use
the sync package's public API only: ``run_sync`` is ``client.sync`` with the job
as its ``SyncTask`` (stages, retries, Cancel before each request and during the
backoff waits), the USB functions use ``outgoing.export_push`` and
``incoming.import_bundle``. The device set-up functions at the end back the
设备登记 dialog. Errors are explained in Chinese by ``explain``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database
from inspector_app.store.models import AppliedBundle, Device, SyncTrust
from inspector_app.sync import client, enrol, forms_publish, incoming, keys, outgoing, skew
from inspector_app.sync.errors import SyncCancelled, SyncError
from inspector_app.sync.task import SyncTask

from .errors import UserError
from .settings import get_setting
from .sync_status import DONE, EXPORT, IMPORT, PULL, PUSH, STAGES  # noqa: F401 - re-exported

BUNDLE_SUFFIX = ".bundle"
_log = logging.getLogger(__name__)


@dataclass
class SyncJob(SyncTask):
    """SyncTask plus a line for the person (retries) and the file being worked on."""

    message: str = ""
    retries: int = 0
    file_index: int = 0
    file_count: int = 0

    def retrying(self, attempt: int, attempts: int, delay: float, problem: str) -> None:
        self.retries += 1
        self.message = f"网络错误，{delay:.1f} 秒后第 {self.retries} 次重试（{problem}）"
        self.report(self.phase)


def run_sync(db: Database, store: BlobStore, *, folder: Path, server: str, job: SyncJob,
             attempts: int = 6, base_delay: float = 0.5, timeout: float = 60.0,
             batch: int = 2000) -> client.SyncReport:
    """``client.sync`` with stages and Cancel; network errors are retried with backoff."""
    if not server.strip():
        raise UserError("no sync server is set", message_zh="尚未设置同步服务器地址：请在“设置”中填写。")
    report = client.sync(db, store, folder=folder, server=server.strip(), attempts=attempts,
                         base_delay=base_delay, timeout=timeout, batch=batch, log=_log.info,
                         task=job)
    job.message = ""
    job.report(DONE)
    return report


# -- USB stick -------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportResult:
    path: Path | None  # None: nothing to export
    changes: int
    blobs: int
    seq_from: int
    seq_to: int


def bundle_name(device_name: str, device_id: str, when: dt.datetime, seq_from: int,
                seq_to: int) -> str:
    """``同步包_笔记本3_1a2b3c4d_20260115-0930_seq1-523.bundle``: who, when, which changes."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "-", device_name).strip("-.")[:30] or "device"
    return (f"同步包_{safe}_{device_id[:8]}_{when:%Y%m%d-%H%M}_seq{seq_from}-{seq_to}"
            f"{BUNDLE_SUFFIX}")


def export_to_folder(db: Database, store: BlobStore, *, folder: Path, target: Path,
                     officer_id: str | None, job: SyncJob | None = None,
                     now: dt.datetime | None = None) -> ExportResult:
    """Write what the office has not acknowledged to ``target`` (a USB stick's folder)."""
    job = job or SyncJob()
    job.step(EXPORT)
    keys = enrol.ensure_device(db, folder)
    office = enrol.trusted_office(db)
    ex = outgoing.export_push(db, store, keys=keys, office=office, officer_id=officer_id)
    m = ex.manifest
    if not m["change_count"] and not ex.catching_up:
        return ExportResult(None, 0, 0, m["seq_from"], m["seq_to"])
    with db.read() as session:
        device = session.get(Device, db.device_id())
        name = device.name if device is not None else ""
    when = (now or dt.datetime.now()).astimezone()
    path = Path(target) / bundle_name(name, db.device_id(), when, m["seq_from"], m["seq_to"])
    job.step(EXPORT)
    try:
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(ex.data)
        tmp.replace(path)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}",
                        message_zh=f"无法写入 {path}：{exc.strerror}") from None
    return ExportResult(path, m["change_count"], len(m["blobs"]), m["seq_from"], m["seq_to"])


@dataclass
class FileImport:
    path: Path
    status: str  # applied | already | refused | skipped (cancelled before it)
    reason: str = ""
    device_id: str = ""
    applied: int = 0
    inspections: int = 0
    findings: int = 0
    conflicts: int = 0


@dataclass
class ImportSummary:
    files: list[FileImport] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)


def import_files(db: Database, store: BlobStore, *, folder: Path, paths: Sequence[Path | str],
                 job: SyncJob | None = None) -> ImportSummary:
    """Each file verified then applied all or nothing; one refused file does not stop the rest."""
    job = job or SyncJob()
    summary = ImportSummary()
    job.file_count = len(paths)
    for i, raw in enumerate(paths):
        path = Path(raw)
        if job.cancelled:
            summary.files.append(FileImport(path, "skipped", "已取消"))
            continue
        job.file_index, job.done, job.total = i + 1, 0, 0
        job.message = path.name
        try:
            job.step(IMPORT)
            data = path.read_bytes()
            report = incoming.import_bundle(db, store, data, folder=folder, task=job,
                                            expect_kind="push")
        except SyncCancelled:
            summary.files.append(FileImport(path, "skipped", "已取消，未作任何更改"))
            continue
        except OSError as exc:
            summary.files.append(FileImport(path, "refused", f"无法读取文件：{exc.strerror}"))
            continue
        except UserError as exc:
            summary.files.append(FileImport(path, "refused", exc.message_zh or str(exc)))
            continue
        r = report.result
        summary.files.append(FileImport(
            path, "already" if report.already else "applied", device_id=report.device_id,
            applied=r.applied, inspections=r.tables.get("inspections", 0),
            findings=r.tables.get("findings", 0), conflicts=r.conflicts))
    job.message = ""
    return summary


# -- files kept at the office (a scoped laptop) ------------------------------------------
FETCH = "fetch"


def remote_files(session, *, inspection_id: str | None = None,
                 shas: Sequence[str] = ()) -> list[str]:  # fmt: skip
    """The files of an inspection (photos, signatures, directive PDFs), or of ``shas``, that
    this laptop knows only by their hash: the office keeps them (outside its sync scope)."""
    from inspector_app.store.models import Blob

    wanted = set(shas)
    if inspection_id is not None:
        wanted |= set(client.remote_blobs_of(session, inspection_id=inspection_id))
    if not wanted:
        return []
    return sorted(
        session.scalars(
            select(Blob.sha256).where(Blob.sha256.in_(sorted(wanted)), Blob.remote.is_(True))
        )
    )


def fetch_files(db: Database, store: BlobStore, *, folder: Path, server: str,
                shas: Sequence[str], job: SyncJob, attempts: int = 2) -> int:  # fmt: skip
    """Fetch files kept at the office one by one (``client.fetch_blobs``: each checked
    against its hash before it is kept), reporting each; the number fetched."""
    if not server.strip():
        raise UserError(
            "no sync server is set",
            message_zh="尚未设置同步服务器地址，无法从局端获取：请在“设置”中填写。",
        )
    job.total, job.done = len(shas), 0
    fetched = 0
    for sha in shas:
        job.message = f"正在从局端获取文件 {job.done + 1}/{job.total}"
        job.step(FETCH)
        fetched += client.fetch_blobs(db, store, folder=folder, server=server.strip(),
                                      shas=[sha], attempts=attempts, task=job)  # fmt: skip
        job.report(FETCH, 1)
    job.message = ""
    job.report(DONE)
    return fetched


def refused_forms_text(refused: Sequence[forms_publish.Refused]) -> str:
    """One Chinese line per form publication a pull left out (the rest was applied)."""
    return "\n".join(f"{r.form_id} {r.version}：{r.reason_zh}" for r in refused)


def explain(exc: BaseException) -> str:
    """One Chinese line (and the English detail) for a failed sync, export or import."""
    text = str(exc)
    if isinstance(exc, SyncCancelled):
        return "已取消同步。已经送达局端的部分已确认，其余在下次同步时继续。"
    if isinstance(exc, skew.SkewError):  # who must upgrade, already in Chinese
        return exc.message_zh or text
    if isinstance(exc, SyncError):
        found = re.match(r"server unreachable after (\d+) attempts \((.*)\)", text)
        if found:
            return (f"无法连接同步服务器（已重试 {found.group(1)} 次）。请检查网络和服务器地址，"
                    f"稍后再试；本机数据没有改动。\n（{found.group(2)}）")
        found = re.match(r"server unreachable \((.*)\)", text)
        if found:
            return (f"无法连接同步服务器。请检查网络和服务器地址，稍后再试。\n（{found.group(1)}）")
        if text.startswith("server refused"):
            return f"同步服务器拒绝了请求：{text.split(': ', 1)[-1]}"
        if text.startswith("no office key is trusted"):
            return "本机尚未信任局端密钥：请在“同步 → 设备登记…”中信任局端密钥（或执行 inspector office trust）。"
    if isinstance(exc, UserError):
        return exc.message_zh or text
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"同步服务器地址无效：{text}"
    return f"同步失败：{text or type(exc).__name__}"


# -- device set-up (the 设备登记 dialog) --------------------------------------------------
@dataclass(frozen=True)
class DeviceState:
    device_id: str
    name: str  # the devices row's name ("" while it has none of its own)
    fingerprint: str
    office_key_id: str  # "" when no office key is trusted
    office_device: str
    enrolment: str  # enrolled | revoked | unknown (the office's answer arrives with a pull)
    segment: str  # directive number segment, "" until the office assigns one


def device_state(db: Database, folder: Path) -> DeviceState:
    """What the laptop knows of its own enrolment (keys are created if missing)."""
    k = keys.load_or_create_device_keys(folder)
    with db.read() as session:
        device = session.get(Device, db.device_id())
        trust = session.scalars(select(SyncTrust).order_by(SyncTrust.added_at.desc())).first()
        segment = get_setting(session, "directive_segment")
        name = device.name if device is not None and device.name != "device" else ""
        # A pull from the office proves the enrolment (the office no longer writes it into
        # this device's own row: docs/sync.md); older offices did, so that still counts.
        pulled = trust is not None and session.scalar(
            select(AppliedBundle.bundle_id).where(
                AppliedBundle.kind == "pull", AppliedBundle.device_id == trust.office_device
            ).limit(1)
        ) is not None
        if device is not None and device.revoked_at is not None:
            state = "revoked"
        elif pulled or (device is not None and device.enrolled_at is not None):
            state = "enrolled"
        else:
            state = "unknown"
    return DeviceState(
        device_id=db.device_id(), name=name, fingerprint=keys.fingerprint(k.sign_public),
        office_key_id=trust.key_id if trust is not None else "",
        office_device=trust.office_device if trust is not None else "",
        enrolment=state, segment=segment)


def default_device_name(db: Database, folder: Path) -> str:
    """The devices row's own name, else the host name (what the CLI uses without --name)."""
    return device_state(db, folder).name or socket.gethostname()[:100]


def _check_name(name: str) -> str:
    name = name.strip()
    if not 0 < len(name) <= 100:
        raise UserError("device name must be 1-100 characters",
                        message_zh="设备名称应为1至100个字符。")
    return name


def save_enrol_request(db: Database, folder: Path, target: Path, *, name: str) -> dict[str, Any]:
    """``inspector device enrol-request -o TARGET --name NAME``: the same bytes."""
    req = enrol.enrol_request(db, folder, name=_check_name(name))
    try:
        Path(target).write_bytes(enrol.encode_request(req))
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror}",
                        message_zh=f"无法写入 {target}：{exc.strerror}") from None
    return req


def build_enrol_request(db: Database, folder: Path, *, name: str) -> dict[str, Any]:
    return enrol.enrol_request(db, folder, name=_check_name(name))


def send_enrol_request(server: str, request: dict[str, Any], *,
                       timeout: float = 20.0) -> dict[str, Any]:
    """POST the request to the office server (``client.send_enrol_request``); its answer."""
    if not server.strip():
        raise UserError("no sync server is set", message_zh="尚未填写同步服务器地址。")
    return client.send_enrol_request(server.strip(), request, timeout=timeout)


def read_office_key_file(path: Path | str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}",
                        message_zh=f"无法读取 {path}：{exc.strerror}") from None
    if len(data) > 64 * 1024:
        raise UserError(f"{path} is not an office key", message_zh=_BAD_KEY)
    return data.decode("ascii", "replace")


_BAD_KEY = ("这不是有效的局端密钥：应为局端执行 inspector office public-key 所显示的一段 base64 文字"
            "（108 个字符，解码后 80 字节）。请完整复制，不要改动。未作任何更改。")


def trust_office_key(db: Database, text: str) -> keys.OfficeKey:
    """``inspector office trust``: check the token, then trust it; nothing stored if malformed."""
    try:
        office = keys.parse_office_key("".join(text.split()))
    except SyncError as exc:
        raise UserError(str(exc), message_zh=_BAD_KEY) from None
    enrol.trust_office(db, office)
    return office
