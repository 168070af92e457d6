"""HTTP API of the office: push bundles, pull changes, ask for enrolment.

Stateless: every request reads what it needs from the database and the key
files, so several workers (processes or machines) can share one PostgreSQL.
Errors are JSON ``{"error": "..."}`` with a 4xx code for anything a client
sent; only a failing database gives 503.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from inspector_app.core.errors import UserError
from inspector_app.store import migrate
from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database, open_database
from inspector_app.sync import enrol, incoming, keys, outgoing
from inspector_app.sync.errors import SyncError
from inspector_app.sync.signing import AuthError, verify_request

ENV_DB, ENV_DATA, ENV_MAX_BODY = "INSPECTOR_SERVE_DB", "INSPECTOR_SERVE_DATA", "INSPECTOR_MAX_BODY"
DEFAULT_MAX_BODY = 256 * 2**20
MAX_PULL = 5000


class TooLarge(SyncError):
    pass


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > cap):
        raise TooLarge(f"request body is larger than {cap} bytes")
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > cap:
            raise TooLarge(f"request body is larger than {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _target(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def create_app(*, db: Database, folder: Path, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    app = FastAPI(title="Inspector office sync", version="1")
    store = BlobStore(folder / "blobs")

    @app.exception_handler(AuthError)
    async def _auth(_r: Request, exc: AuthError) -> JSONResponse:
        return _error(401, str(exc))

    @app.exception_handler(TooLarge)
    async def _large(_r: Request, exc: TooLarge) -> JSONResponse:
        return _error(413, str(exc))

    @app.exception_handler(UserError)
    async def _user(_r: Request, exc: UserError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(422, f"invalid request: {where}: {first.get('msg', '')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_r: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(OperationalError)
    async def _db_down(_r: Request, _exc: OperationalError) -> JSONResponse:
        return _error(503, "database unavailable; retry later")

    def _auth_check(request: Request, body: bytes) -> str:
        with db.read() as session:
            return verify_request(
                session, request.headers, method=request.method, target=_target(request), body=body
            )

    @app.get("/v1/health")
    def health() -> dict[str, Any]:
        return {
            "status": "ok",
            "device_id": db.device_id(),
            "schema": migrate.current_revision(db.engine),
        }

    @app.post("/v1/devices/enrol-request", status_code=202)
    async def enrol_request(request: Request) -> dict[str, Any]:
        body = await _body(request, 64 * 1024)
        try:
            req = json.loads(body)
        except ValueError:
            raise SyncError("body is not JSON") from None

        def record() -> dict[str, Any]:
            with db.write() as session:
                row = enrol.record_request(session, req)
                state = "enrolled" if row.enrolled_at and not row.revoked_at else "pending"
                return {"device_id": row.device_id, "fingerprint": row.fingerprint, "status": state}

        return await run_in_threadpool(record)

    @app.post("/v1/bundles")
    async def push(request: Request) -> dict[str, Any]:
        body = await _body(request, max_body)

        def work() -> dict[str, Any]:
            device = _auth_check(request, body)
            r = incoming.import_bundle(
                db, store, body, folder=folder, expect_device=device, expect_kind="push"
            )
            res = r.result
            return {
                "bundle_id": r.bundle_id,
                "already": r.already,
                "applied": res.applied,
                "identical": res.identical,
                "older": res.older,
                "conflicts": res.conflicts,
                "acked_seq": r.acked_seq,
                "seq_to": r.manifest["seq_to"],
            }

        return await run_in_threadpool(work)

    @app.get("/v1/changes")
    async def pull(request: Request, since: int = 0, limit: int = MAX_PULL) -> Response:
        if since < 0 or not 1 <= limit <= MAX_PULL:
            raise SyncError(f"since must be >= 0 and limit 1-{MAX_PULL}")

        def work() -> Response:
            device = _auth_check(request, b"")
            k = keys.load_or_create_device_keys(folder)
            ex = outgoing.export_pull(db, store, keys=k, device_id=device, since=since, limit=limit)
            m = ex.manifest
            more = m["seq_to"] - since >= limit
            return Response(
                ex.data,
                media_type="application/octet-stream",
                headers={
                    "X-Seq-To": str(m["seq_to"]),
                    "X-More": "1" if more else "0",
                    "X-Bundle-Id": ex.bundle_id,
                },
            )

        return await run_in_threadpool(work)

    return app


def create_app_from_env() -> FastAPI:
    """Factory for uvicorn workers: configuration comes from the environment."""
    url, data = os.environ[ENV_DB], Path(os.environ[ENV_DATA])
    db = open_database(url, upgrade=False, blobs_dir=data / "blobs")
    max_body = int(os.environ.get(ENV_MAX_BODY, DEFAULT_MAX_BODY))
    return create_app(db=db, folder=data, max_body=max_body)
