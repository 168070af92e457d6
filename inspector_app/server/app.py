"""HTTP API of the office: push bundles, pull changes, ask for enrolment.

Stateless: every request reads what it needs from the database and the key
files, so several workers (processes or machines) can share one PostgreSQL.
Errors are JSON ``{"error": "..."}`` with a 4xx code for anything a client
sent; only a failing database gives 503. Headers, query and bodies are checked
with size, depth, type and range bounds before use (``tests/test_server_fuzz.py``
runs schemathesis over every operation, signed and unsigned, on both databases).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from inspector_app.core.errors import UserError
from inspector_app.store import migrate
from inspector_app.store.blobs import BlobStore
from inspector_app.store.db import Database, open_database
from inspector_app.store.limits import SEQ_MAX
from inspector_app.store.models import Blob
from inspector_app.sync import enrol, incoming, keys, outgoing, safejson, scope, skew
from inspector_app.sync.errors import SyncError
from inspector_app.sync.incoming_checks import active_enrolment
from inspector_app.sync.signing import AuthError, verify_request
from inspector_app.sync.skew import SkewError

ENV_DB, ENV_DATA, ENV_MAX_BODY = "INSPECTOR_SERVE_DB", "INSPECTOR_SERVE_DATA", "INSPECTOR_MAX_BODY"
DEFAULT_MAX_BODY = 256 * 2**20
MAX_ENROL_BODY = 64 * 1024
MAX_PULL = 5000
MAX_BLOB = 256 * 2**20  # bundles refuse larger members, so no blob is larger
_REVISION = r"^[0-9A-Za-z_]{1,32}$"
log = logging.getLogger(__name__)

_ERROR = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"error": {"type": "string"}},
                "required": ["error"],
            }
        }
    }
}
_SIGNED_HEADERS = [
    {
        "name": name,
        "in": "header",
        "required": False,
        "schema": {"type": "string"},
        "description": description,
    }
    for name, description in (
        ("X-Device-Id", "the enrolled device sending the request"),
        ("X-Timestamp", "Unix seconds, within 5 minutes of the server's clock"),
        ("X-Signature", "base64 Ed25519 over METHOD, PATH?QUERY, TIMESTAMP, SHA-256(body)"),
    )
]
_SIGNED_ERRORS = {
    400: {"description": "bad input", **_ERROR},
    401: {"description": "unsigned, bad signature, unknown or revoked device", **_ERROR},
    413: {"description": "body too large", **_ERROR},
    422: {"description": "bad parameters", **_ERROR},
    426: {"description": "the laptop or the office must be upgraded (schema revision)", **_ERROR},
    503: {"description": "database unavailable", **_ERROR},
}
_ENROL_REQUEST_SCHEMA = {
    "type": "object",
    "required": ["format", "device_id", "name", "sign_key", "box_key", "fingerprint"],
    "properties": {
        "format": {"type": "integer", "enum": [1]},
        "device_id": {"type": "string", "maxLength": 36},
        "name": {"type": "string", "maxLength": 100},
        "sign_key": {"type": "string", "description": "base64 Ed25519 public key"},
        "box_key": {"type": "string", "description": "base64 X25519 public key"},
        "fingerprint": {"type": "string"},
        "device_row": {"type": "object"},
    },
}


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

    @app.exception_handler(SkewError)
    async def _skew(_r: Request, exc: SkewError) -> JSONResponse:
        return JSONResponse({"error": str(exc), "error_zh": exc.message_zh}, status_code=426)

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

    @app.exception_handler(DataError)
    async def _db_refused(_r: Request, _exc: DataError) -> JSONResponse:
        return _error(400, "the database refused a value of this request")

    @app.exception_handler(IntegrityError)
    async def _db_clash(_r: Request, _exc: IntegrityError) -> JSONResponse:
        return _error(409, "the request clashes with a concurrent one; retry")

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

    @app.post(
        "/v1/devices/enrol-request",
        status_code=202,
        responses={400: {"description": "bad request", **_ERROR}, 413: _ERROR, 503: _ERROR},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ENROL_REQUEST_SCHEMA}},
            }
        },
    )
    async def enrol_request(request: Request) -> dict[str, Any]:
        body = await _body(request, MAX_ENROL_BODY)
        req = safejson.loads(body, "body")

        def record() -> dict[str, Any]:
            with db.write() as session:
                row = enrol.record_request(session, req)
                state = "enrolled" if row.enrolled_at and not row.revoked_at else "pending"
                return {"device_id": row.device_id, "fingerprint": row.fingerprint, "status": state}

        return await run_in_threadpool(record)

    @app.post(
        "/v1/bundles",
        responses=_SIGNED_ERRORS,
        openapi_extra={
            "parameters": _SIGNED_HEADERS,
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            },
        },
    )
    async def push(request: Request) -> dict[str, Any]:
        body = await _body(request, max_body)

        def work() -> dict[str, Any]:
            device = _auth_check(request, body)
            r = incoming.import_bundle(
                db, store, body, folder=folder, expect_device=device, expect_kind="push"
            )
            res = r.result
            if r.withheld:
                log.warning(
                    "device %s left out %d change(s): a blob is missing or damaged on it",
                    r.device_id,
                    r.withheld,
                )
            return {
                "bundle_id": r.bundle_id,
                "already": r.already,
                "applied": res.applied,
                "identical": res.identical,
                "older": res.older,
                "conflicts": res.conflicts,
                "acked_seq": r.acked_seq,
                "seq_to": r.manifest["seq_to"],
                "withheld": r.withheld,
            }

        return await run_in_threadpool(work)

    @app.get(
        "/v1/changes",
        responses={
            200: {"content": {"application/octet-stream": {}}, "description": "a pull bundle"},
            **_SIGNED_ERRORS,
        },
        openapi_extra={"parameters": _SIGNED_HEADERS},
    )
    async def pull(
        request: Request,
        since: Annotated[int, Query(ge=0, le=SEQ_MAX)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = MAX_PULL,
        own: Annotated[
            bool, Query(description="also this device's own changes (after a restore)")
        ] = False,
        schema: Annotated[
            str | None,
            Query(
                pattern=_REVISION,
                description="the laptop's schema revision (absent: the release before 0011)",
            ),
        ] = None,
        catchup: Annotated[
            str | None,
            Query(
                pattern=_REVISION,
                description="after an upgrade: the revision the laptop's data was pulled in",
            ),
        ] = None,
        upto: Annotated[
            int, Query(ge=0, le=SEQ_MAX, description="with catchup: the laptop's old cursor")
        ] = 0,
    ) -> Response:
        def work() -> Response:
            device = _auth_check(request, b"")
            k = keys.load_or_create_device_keys(folder)
            ex = outgoing.export_pull(
                db,
                store,
                keys=k,
                device_id=device,
                since=since,
                limit=limit,
                include_own=own,
                schema=schema or skew.LEGACY,
                catchup=catchup,
                upto=upto,
            )
            m = ex.manifest
            more = not m["log_end"]  # the entries read (a scoped pull: the pages scanned) end the log
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

    @app.get(
        "/v1/blobs/{sha256}",
        responses={
            200: {"content": {"application/octet-stream": {}}, "description": "the file"},
            404: {"description": "not here, or not in the device's scope", **_ERROR},
            **_SIGNED_ERRORS,
        },
        openapi_extra={"parameters": _SIGNED_HEADERS},
    )
    async def blob(
        request: Request,
        sha256: Annotated[str, PathParam(pattern="^[0-9a-f]{64}$", max_length=64)],
    ) -> Response:
        """One photo, signature or PDF a scoped laptop knows by its hash (docs/sync.md)."""

        def work() -> Response:
            device = _auth_check(request, b"")
            with db.read() as session:
                row = active_enrolment(session, device)
                meta = session.get(Blob, sha256)
                allowed = meta is not None and scope.may_fetch(
                    session, scope.Scope.read(row.scope), sha256
                )
            if not allowed or meta.size > MAX_BLOB:
                return _error(404, "no such file in this device's scope")
            problem = store.problem(sha256)
            if problem:
                log.warning("blob %s asked for by %s is %s here", sha256, device, problem)
                return _error(404, f"the office's copy of this file is {problem}")
            return Response(
                store.get(sha256),
                media_type=meta.media_type or "application/octet-stream",
                headers={"X-Sha256": sha256},
            )

        return await run_in_threadpool(work)

    return app


def create_app_from_env() -> FastAPI:
    """Factory for uvicorn workers: configuration comes from the environment."""
    url, data = os.environ[ENV_DB], Path(os.environ[ENV_DATA])
    db = open_database(url, upgrade=False, blobs_dir=data / "blobs")
    max_body = int(os.environ.get(ENV_MAX_BODY, DEFAULT_MAX_BODY))
    return create_app(db=db, folder=data, max_body=max_body)
