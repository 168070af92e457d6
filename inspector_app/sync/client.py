"""``inspector sync``: push what the office lacks, then pull what it has for us.

A bundle is written to ``<data>/outbox/`` before it is sent and removed once
the office confirms it, so an interrupted sync resumes with the very same file
(same bundle id: the office applies it at most once). Network errors and 5xx
answers are retried with exponential backoff; a 4xx answer stops with the
server's message.

Progress and Cancel: ``sync``, ``push`` and ``pull`` take an optional
``SyncTask`` (``task.py``). They report the stages ``export``, ``push``, ``pull``,
``import`` and finally ``done`` through it (the import also reports
``checking``/``applying`` with counts), call ``task.retrying`` before each backoff
wait, and check ``task.cancelled`` before every request and every ~50 ms of a
backoff wait, raising ``SyncCancelled``. What the office confirmed before that
stays confirmed; a pull being applied is rolled back with its cursor.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database
from inspector_app.store.models import ChangeLog, SyncCursor

from . import enrol, envelope, forms_publish, incoming, outgoing, skew, tls
from .errors import SyncError
from .keys import DeviceKeys, key_id
from .signing import sign_request
from .task import DONE, EXPORT, IMPORT, PULL, PUSH, SyncTask

OUTBOX = "outbox"
SUPERSEDED = "superseded"  # outbox bundles sealed for an office key no longer trusted
RETRY_STATUS = {502, 503, 504}
CANCELLED = (
    "sync cancelled; bundles the office confirmed stay confirmed, the rest follows next time"
)


@dataclass
class SyncReport:
    pushed: int = 0
    pulled_changes: int = 0
    conflicts: int = 0
    withheld: int = 0  # changes the office left out: a blob is missing or damaged there
    # Form publications refused (unsigned, not the office's, altered), with the reason.
    refused_forms: list[forms_publish.Refused] = field(default_factory=list)


class Connection:
    """Signed requests to the office server with retries and backoff (one httpx client)."""

    def __init__(
        self,
        server: str,
        *,
        keys: DeviceKeys,
        device_id: str,
        attempts: int = 6,
        base_delay: float = 0.5,
        timeout: float = 60.0,
        log: Callable[[str], Any] = lambda _m: None,
    ) -> None:
        self.base = check_server_url(server)
        self.keys, self.device_id = keys, device_id
        self.attempts, self.base_delay, self.log = max(1, attempts), base_delay, log
        self.client = httpx.Client(timeout=timeout, verify=tls.context())

    def request(
        self, method: str, target: str, body: bytes = b"", *, task: SyncTask | None = None
    ) -> httpx.Response:
        """One request, retried on network errors and 502/503/504; Cancel checked before each."""
        task = task or SyncTask()
        problem = ""
        for attempt in range(self.attempts):
            task.check(CANCELLED)
            headers = sign_request(
                self.keys, device_id=self.device_id, method=method, target=target, body=body
            )
            try:
                response = self.client.request(
                    method, self.base + target, content=body, headers=headers
                )
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code not in RETRY_STATUS:
                    if response.status_code == 426:  # who must upgrade, in both languages
                        raise skew.SkewError(
                            f"server refused {method} {target.split('?')[0]}: {_message(response)}",
                            message_zh=_message(response, "error_zh"),
                        )
                    if response.status_code >= 400:
                        raise SyncError(
                            f"server refused {method} {target.split('?')[0]}: {_message(response)}"
                        )
                    return response
                problem = f"HTTP {response.status_code}"
            if attempt + 1 < self.attempts:
                delay = self.base_delay * 2**attempt * (1 + random.random() / 2)
                self.log(f"  {problem}; retrying in {delay:.1f} s")
                task.retrying(attempt + 1, self.attempts, delay, problem)
                task.wait(delay, CANCELLED)
        raise SyncError(f"server unreachable after {self.attempts} attempts ({problem})")

    def close(self) -> None:
        self.client.close()


def check_server_url(server: str) -> str:
    """The office address without its trailing slash; refused at once when it cannot work
    (no http:// or https://, no host) instead of being retried six times."""
    url = server.strip().rstrip("/")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        raise SyncError(
            f"server address {server.strip()[:80]!r} must start with http:// or https:// "
            "and name a host (e.g. https://sync.example.gov.cn)",
            message_zh="同步服务器地址应以 http:// 或 https:// 开头并包含主机名"
            "（例如 https://sync.example.gov.cn）",
        )
    return url


def _message(response: httpx.Response, field: str = "error") -> str:
    try:
        answer = response.json()
        return str(answer.get(field) or answer.get("error", response.text))[:300]
    except (ValueError, AttributeError):
        return f"HTTP {response.status_code}"


def _save(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def push(
    db: Database,
    store: BlobStore,
    *,
    folder: Path,
    http: Connection,
    office: Any,
    batch: int,
    log: Callable[[str], Any],
    task: SyncTask | None = None,
) -> int:
    """Send every pending bundle (outbox first, then new exports); the number sent."""
    task = task or SyncTask()
    outbox = folder / OUTBOX
    outbox.mkdir(exist_ok=True)
    pushed = 0
    checked = False
    while True:
        pending = _for_this_office(outbox, office, log)
        if not pending:
            task.step(EXPORT)
            ex = outgoing.export_push(
                db, store, keys=http.keys, office=office, limit=batch, check_office=False
            )
            m = ex.manifest
            if m["seq_to"] < m["seq_from"]:
                return pushed
            if not m["change_count"]:  # only other devices' changes: nothing to tell
                with db.write() as session:
                    outgoing.save_cursor(session, office.device_id, acked=m["seq_to"])
                continue
            path = outbox / f"{m['seq_to']:012d}-{ex.bundle_id[:16]}.bundle"
            _save(path, ex.data)
            pending = [path]
        for path in pending:
            task.report(PUSH)
            if not checked:  # an office older than this laptop is said before sending
                revision = check_office(http, task)
                with db.write() as session:
                    row = session.get(SyncCursor, office.device_id)
                    if row is not None and row.peer_schema != revision:
                        row.peer_schema = revision
                checked = True
            answer = http.request("POST", "/v1/bundles", path.read_bytes(), task=task).json()
            with db.write() as session:
                outgoing.save_cursor(session, office.device_id, acked=int(answer["seq_to"]))
            path.unlink()
            pushed += 1
            log(
                f"pushed {path.name}: {answer['applied']} applied, "
                f"{answer['conflicts']} conflicts{' (already there)' if answer['already'] else ''}"
            )


def _for_this_office(outbox: Path, office: Any, log: Callable[[str], Any]) -> list[Path]:
    """The outbox's bundles, oldest first. One sealed for another office key (the laptop
    now trusts a new office key) can never be read there and would stop every push: it is
    set aside in ``outbox/superseded/``, kept, and its changes go again in a new bundle
    (they are still in the change log and the new office has not acknowledged them)."""
    wanted = key_id(office.box_public)
    pending = []
    for path in sorted(outbox.glob("*.bundle")):
        try:
            with path.open("rb") as f:
                sealed_for = envelope.read_header(f.read(envelope.HEADER_SIZE + 16)).key_id
        except (OSError, SyncError):
            sealed_for = None  # unreadable here: the office says what is wrong with it
        if sealed_for is not None and sealed_for != wanted:
            aside = outbox / SUPERSEDED
            aside.mkdir(exist_ok=True)
            os.replace(path, aside / path.name)
            log(
                f"set aside {path.name}: sealed for office key {sealed_for}, the trusted one "
                f"is {wanted}; its changes are sent again"
            )
            continue
        pending.append(path)
    return pending


def pull(
    db: Database,
    store: BlobStore,
    *,
    folder: Path,
    http: Connection,
    office: Any,
    report: SyncReport,
    task: SyncTask | None = None,
) -> None:
    """Fetch and apply pull bundles until the office says there is no more."""
    task = task or SyncTask()
    catchup, upto = begin_catchup(db, office.device_id)
    while True:
        with db.read() as session:
            cur = outgoing.cursor(session, office.device_id)
            since, own = cur.pulled_seq, bool(cur.include_own)
        task.report(PULL)
        target = f"/v1/changes?since={since}&schema={skew.head()}"
        if catchup:
            target += f"&catchup={catchup}&upto={upto}"
        if own:
            target += "&own=true"
        response = http.request("GET", target, task=task)
        task.done, task.total = 0, 0
        task.step(IMPORT)
        r = incoming.import_bundle(db, store, response.content, folder=folder, task=task)
        report.pulled_changes += r.result.applied
        report.conflicts += r.result.conflicts
        report.withheld += r.withheld
        report.refused_forms += r.refused_forms
        if response.headers.get("X-More") != "1":
            if own:  # a restored laptop has its own changes back: normal pulls from now on
                with db.write() as session:
                    row = session.get(SyncCursor, office.device_id)
                    if row is not None:
                        row.include_own = False
            return


def begin_catchup(db: Database, office_id: str) -> tuple[str | None, int]:
    """After an upgrade: pull again from the start, bringing the office's values of what
    this release added (docs/sync.md, "Schema versions"). Begins only once the office has
    every change of ours, so none of them carries stale defaults there; returns the
    revision our data is in and the cursor the other tables resume after."""
    with db.write() as session:
        row = session.get(SyncCursor, office_id)
        if row is None or skew.data_revision(row) == skew.head():
            return None, 0
        mine = session.scalar(
            select(func.max(ChangeLog.seq)).where(ChangeLog.device_id == db.device_id())
        )
        if row.acked_seq < (mine or 0):
            return None, 0
        row.catchup_from = skew.data_revision(row)
        row.catchup_upto = max(row.catchup_upto, row.pulled_seq)
        row.pulled_seq = 0
        return row.catchup_from, row.catchup_upto


def check_office(http: Connection, task: SyncTask | None = None) -> str:
    """The office's schema revision (its health answer): an office older than this laptop
    is said before anything is sent."""
    response = http.request("GET", "/v1/health", task=task)
    try:
        revision = response.json().get("schema")
    except (ValueError, AttributeError):
        revision = None
    if not isinstance(revision, str):
        raise SyncError("the server did not say its schema revision: not an office sync server")
    return skew.check_office(revision)


def sync(
    db: Database,
    store: BlobStore,
    *,
    folder: Path,
    server: str,
    attempts: int = 6,
    base_delay: float = 0.5,
    timeout: float = 60.0,
    batch: int = 2000,
    log: Callable[[str], Any] = lambda _m: None,
    task: SyncTask | None = None,
) -> SyncReport:
    """Push, then pull; ``task`` (optional) gets the stages and may cancel (``SyncCancelled``)."""
    task = task or SyncTask()
    server = check_server_url(server)
    task.step(EXPORT)
    keys = enrol.ensure_device(db, folder)
    office = enrol.trusted_office(db)
    http = Connection(
        server,
        keys=keys,
        device_id=db.device_id(),
        attempts=attempts,
        base_delay=base_delay,
        timeout=timeout,
        log=log,
    )
    report = SyncReport()
    try:
        report.pushed = push(
            db, store, folder=folder, http=http, office=office, batch=batch, log=log, task=task
        )
        pull(db, store, folder=folder, http=http, office=office, report=report, task=task)
    finally:
        http.close()
    task.report(DONE)
    return report


MAX_FETCH = 64  # files per fetch_blobs call: on demand means a few, not the city


def remote_blobs_of(session: Any, *, inspection_id: str | None = None) -> list[str]:
    """Files this laptop knows only by hash: all of them, or those of one inspection."""
    from sqlalchemy import select

    from inspector_app.store.models import Blob, Directive, Photo, Signature

    if inspection_id is None:
        return list(session.scalars(select(Blob.sha256).where(Blob.remote.is_(True))))
    shas: set[str] = set()
    for a, b in session.execute(
        select(Photo.original_sha256, Photo.print_sha256).where(
            Photo.inspection_id == inspection_id, Photo.deleted.is_(False)
        )
    ):
        shas |= {a, b}
    shas |= set(
        session.scalars(
            select(Signature.blob_sha256).where(Signature.inspection_id == inspection_id)
        )
    )
    shas |= {
        s
        for s in session.scalars(
            select(Directive.pdf_sha256).where(Directive.inspection_id == inspection_id)
        )
        if s
    }
    if not shas:
        return []
    return list(
        session.scalars(
            select(Blob.sha256).where(Blob.sha256.in_(sorted(shas)), Blob.remote.is_(True))
        )
    )


def fetch_blobs(
    db: Database,
    store: BlobStore,
    *,
    folder: Path,
    server: str,
    shas: list[str],
    attempts: int = 3,
    task: SyncTask | None = None,
) -> int:
    """Fetch files kept at the office (``blobs.remote``) by their hash, when online.

    Each file is checked against its hash before it is kept; the blob row then stops being
    remote. At most ``MAX_FETCH`` per call; the number fetched is returned."""
    import hashlib

    from sqlalchemy import update

    from inspector_app.store.models import Blob

    if len(shas) > MAX_FETCH:
        raise SyncError(f"at most {MAX_FETCH} files at a time are fetched on demand")
    keys = enrol.ensure_device(db, folder)
    http = Connection(
        check_server_url(server), keys=keys, device_id=db.device_id(), attempts=attempts
    )
    fetched = 0
    try:
        for sha in shas:
            if store.verified(sha):
                continue
            data = http.request("GET", f"/v1/blobs/{sha}", task=task).content
            if hashlib.sha256(data).hexdigest() != sha:
                raise SyncError(f"the office sent a file that does not match its hash {sha}")
            store.put(data)
            with db.write() as session:
                session.execute(
                    update(Blob.__table__).where(Blob.sha256 == sha).values(remote=False)
                )
            fetched += 1
    finally:
        http.close()
    return fetched


def send_enrol_request(server: str, request: dict[str, Any], *, timeout: float = 20.0) -> dict:
    """POST this device's enrolment request (``enrol.enrol_request``) to the office server.

    Returns the server's answer ``{"device_id", "fingerprint", "status"}`` (``status`` is
    ``pending`` until an officer runs ``inspector device enrol ID``, then ``enrolled``).
    Unsigned: the office checks the fingerprint with the person before enrolling.
    """
    url = check_server_url(server) + "/v1/devices/enrol-request"
    body = json.dumps(request, ensure_ascii=False).encode("utf-8")
    try:
        response = httpx.post(
            url,
            content=body,
            headers={"Content-Type": "application/json"},
            timeout=timeout,
            verify=tls.context(),
        )
    except httpx.TransportError as exc:
        raise SyncError(f"server unreachable ({type(exc).__name__}: {exc})") from None
    if response.status_code >= 400:
        raise SyncError(f"server refused POST /v1/devices/enrol-request: {_message(response)}")
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or "status" not in answer:
        raise SyncError("server refused POST /v1/devices/enrol-request: not an office sync server")
    return answer
