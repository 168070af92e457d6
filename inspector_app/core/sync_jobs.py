"""Sync work the desktop app runs off the UI thread: sync over HTTP, USB export, USB import.

Plain functions taking a ``SyncJob`` (progress, message, cancel flag), no Qt;
the app's thin wrapper runs them on a thread and relays the progress. They use
the sync package's own building blocks (``client.push``/``client.pull``,
``outgoing.export_push``, ``incoming.import_bundle``) unchanged: ``run_sync`` is
``client.sync`` with an HTTP transport that reports the stage and honours Cancel
before every request. Errors are explained in Chinese by ``explain``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database
from inspector_app.store.models import Device
from inspector_app.sync import client, enrol, incoming, outgoing
from inspector_app.sync.errors import SyncCancelled, SyncError
from inspector_app.sync.task import SyncTask

from .errors import UserError
from .sync_status import DONE, EXPORT, IMPORT, PULL, PUSH, STAGES  # noqa: F401 - re-exported

BUNDLE_SUFFIX = ".bundle"


@dataclass
class SyncJob(SyncTask):
    """SyncTask plus a line for the person (retries) and the file being worked on."""

    message: str = ""
    retries: int = 0
    file_index: int = 0
    file_count: int = 0


class _StageTransport(httpx.BaseTransport):
    """Reports push/pull/import/export around each request; Cancel stops before one."""

    def __init__(self, job: SyncJob) -> None:
        self.job = job
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        posting = request.method == "POST"
        self.job.step(PUSH if posting else PULL)  # raises SyncCancelled when cancelled
        response = self.inner.handle_request(request)
        response.read()
        if response.status_code < 400:
            self.job.step(EXPORT if posting else IMPORT)
        return response

    def close(self) -> None:
        self.inner.close()


def run_sync(db: Database, store: BlobStore, *, folder: Path, server: str, job: SyncJob,
             attempts: int = 6, base_delay: float = 0.5, timeout: float = 60.0,
             batch: int = 2000) -> client.SyncReport:
    """``client.sync`` with stages and Cancel; network errors are retried with backoff."""
    if not server.strip():
        raise UserError("no sync server is set", message_zh="尚未设置同步服务器地址：请在“设置”中填写。")
    job.step(EXPORT)
    keys = enrol.ensure_device(db, folder)
    office = enrol.trusted_office(db)

    def log(line: str) -> None:
        match = re.search(r"(.*); retrying in ([\d.]+) s", line)
        if match:
            job.retries += 1
            job.message = f"网络错误，{match.group(2)} 秒后第 {job.retries} 次重试（{match.group(1).strip()}）"
            job.step(job.phase)  # Cancel takes effect before the wait

    http = client._Http(server.strip(), keys=keys, device_id=db.device_id(), attempts=attempts,
                        base_delay=base_delay, timeout=timeout, log=log)
    http.client.close()
    http.client = httpx.Client(timeout=timeout, transport=_StageTransport(job))
    report = client.SyncReport()
    try:
        report.pushed = client.push(db, store, folder=folder, http=http, office=office,
                                    batch=batch, log=log)
        client.pull(db, store, folder=folder, http=http, office=office, report=report)
    finally:
        http.client.close()
    job.message = ""
    job.step(DONE)
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
    if not m["change_count"]:
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


def explain(exc: BaseException) -> str:
    """One Chinese line (and the English detail) for a failed sync, export or import."""
    text = str(exc)
    if isinstance(exc, SyncCancelled):
        return "已取消同步。已经送达局端的部分已确认，其余在下次同步时继续。"
    if isinstance(exc, SyncError):
        found = re.match(r"server unreachable after (\d+) attempts \((.*)\)", text)
        if found:
            return (f"无法连接同步服务器（已重试 {found.group(1)} 次）。请检查网络和服务器地址，"
                    f"稍后再试；本机数据没有改动。\n（{found.group(2)}）")
        if text.startswith("server refused"):
            return f"同步服务器拒绝了请求：{text.split(': ', 1)[-1]}"
        if text.startswith("no office key is trusted"):
            return "本机尚未信任局端密钥：请先执行 inspector office trust。"
    if isinstance(exc, UserError):
        return exc.message_zh or text
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"同步服务器地址无效：{text}"
    return f"同步失败：{text or type(exc).__name__}"
