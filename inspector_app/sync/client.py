"""``inspector sync``: push what the office lacks, then pull what it has for us.

A bundle is written to ``<data>/outbox/`` before it is sent and removed once
the office confirms it, so an interrupted sync resumes with the very same file
(same bundle id: the office applies it at most once). Network errors and 5xx
answers are retried with exponential backoff; a 4xx answer stops with the
server's message.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database

from . import enrol, incoming, outgoing
from .errors import SyncError
from .keys import DeviceKeys
from .signing import sign_request

OUTBOX = "outbox"
RETRY_STATUS = {502, 503, 504}


@dataclass
class SyncReport:
    pushed: int = 0
    pulled_changes: int = 0
    conflicts: int = 0


class _Http:
    def __init__(
        self,
        server: str,
        *,
        keys: DeviceKeys,
        device_id: str,
        attempts: int,
        base_delay: float,
        timeout: float,
        log: Callable[[str], Any],
    ) -> None:
        self.base = server.rstrip("/")
        self.keys, self.device_id = keys, device_id
        self.attempts, self.base_delay, self.log = max(1, attempts), base_delay, log
        self.client = httpx.Client(timeout=timeout)

    def request(self, method: str, target: str, body: bytes = b"") -> httpx.Response:
        for attempt in range(self.attempts):
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
                    if response.status_code >= 400:
                        raise SyncError(
                            f"server refused {method} {target.split('?')[0]}: {_message(response)}"
                        )
                    return response
                problem = f"HTTP {response.status_code}"
            if attempt + 1 < self.attempts:
                delay = self.base_delay * 2**attempt * (1 + random.random() / 2)
                self.log(f"  {problem}; retrying in {delay:.1f} s")
                time.sleep(delay)
        raise SyncError(f"server unreachable after {self.attempts} attempts ({problem})")


def _message(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", response.text))[:300]
    except ValueError:
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
    http: _Http,
    office: Any,
    batch: int,
    log: Callable[[str], Any],
) -> int:
    outbox = folder / OUTBOX
    outbox.mkdir(exist_ok=True)
    pushed = 0
    while True:
        pending = sorted(outbox.glob("*.bundle"))
        if not pending:
            ex = outgoing.export_push(db, store, keys=http.keys, office=office, limit=batch)
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
            answer = http.request("POST", "/v1/bundles", path.read_bytes()).json()
            with db.write() as session:
                outgoing.save_cursor(session, office.device_id, acked=int(answer["seq_to"]))
            path.unlink()
            pushed += 1
            log(
                f"pushed {path.name}: {answer['applied']} applied, "
                f"{answer['conflicts']} conflicts{' (already there)' if answer['already'] else ''}"
            )


def pull(
    db: Database, store: BlobStore, *, folder: Path, http: _Http, office: Any, report: SyncReport
) -> None:
    while True:
        with db.read() as session:
            since = outgoing.cursor(session, office.device_id).pulled_seq
        response = http.request("GET", f"/v1/changes?since={since}")
        r = incoming.import_bundle(db, store, response.content, folder=folder)
        report.pulled_changes += r.result.applied
        report.conflicts += r.result.conflicts
        if response.headers.get("X-More") != "1":
            return


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
) -> SyncReport:
    keys = enrol.ensure_device(db, folder)
    office = enrol.trusted_office(db)
    http = _Http(
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
            db, store, folder=folder, http=http, office=office, batch=batch, log=log
        )
        pull(db, store, folder=folder, http=http, office=office, report=report)
    finally:
        http.client.close()
    return report
