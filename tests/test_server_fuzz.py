"""The office API answers every request with < 500: schemathesis over every operation,
signed (as an enrolled laptop) and unsigned, positive and negative data, on SQLite and
PostgreSQL; plus the hand-made requests that gave 500 before.

The app runs in-process (starlette's TestClient, server exceptions turned into 500
answers), so a crash anywhere shows up as a 5xx here. ``INSPECTOR_SCHEMATHESIS_EXAMPLES``
sets the examples per operation, mode and signing (default 25).
"""

from __future__ import annotations

import io
import json
import os
import warnings
import zipfile
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode
from test_sync_support import join, make_node, make_office, push_bundle

from inspector_app.server.app import create_app
from inspector_app.sync import enrol, envelope, keys
from inspector_app.sync.signing import sign_request

with warnings.catch_warnings():  # starlette suggests another httpx package; this one works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EXAMPLES = int(os.environ.get("INSPECTOR_SCHEMATHESIS_EXAMPLES", "25"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(request, tmp_path):
    url = None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()
    office = make_office(tmp_path, url)
    lap = make_node(tmp_path, "lap")
    join(lap, office, "03")
    app = create_app(db=office.db, folder=office.folder, max_body=4 * 2**20)
    client = TestClient(app, raise_server_exceptions=False)
    yield request.param, office, lap, app, client
    client.close()
    office.db.dispose()
    lap.db.dispose()


def _send(client: TestClient, lap, kwargs: dict, signed: bool):
    body = kwargs.get("data")
    if "json" in kwargs:
        body = json.dumps(kwargs["json"]).encode()
    request = client.build_request(
        kwargs["method"],
        kwargs["url"],
        params=kwargs.get("params") or None,
        headers={k: v for k, v in kwargs["headers"].items() if k.lower() != "content-length"},
        content=body,
    )
    if signed:
        target = request.url.raw_path.decode("ascii")
        for name, value in sign_request(
            lap.keys(),
            device_id=lap.db.device_id(),
            method=request.method,
            target=target,
            body=request.content,
        ).items():
            request.headers[name] = value
    return client.send(request)


def test_schemathesis_every_operation_no_5xx(served):
    name, _office, lap, app, client = served
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    statuses: Counter = Counter()
    failures: list[str] = []
    no_negative: set[str] = set()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {
        "/v1/health",
        "/v1/bundles",
        "/v1/changes",
        "/v1/devices/enrol-request",
    }

    def run(op, mode, signed: bool) -> None:
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=op.as_strategy(generation_mode=mode))
        def check(case):
            kwargs = case.as_transport_kwargs(base_url="http://testserver")
            try:
                response = _send(client, lap, kwargs, signed)
            except (UnicodeEncodeError, ValueError):
                statuses["unsendable"] += 1  # headers no HTTP client can send
                return
            statuses[response.status_code] += 1
            statuses["cases"] += 1
            if response.status_code >= 500:
                failures.append(
                    f"{op.method.upper()} {op.path} {mode.value} signed={signed}: "
                    f"{response.status_code} {response.text[:200]}"
                )
            elif response.status_code >= 400:
                assert "error" in response.json()

        try:
            check()
        except Unsatisfiable:  # no invalid input exists (no parameters, any bytes allowed)
            assert mode is GenerationMode.NEGATIVE
            no_negative.add(op.path)

    for op in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for signed in (False, True):
                run(op, mode, signed)
    print(f"schemathesis on {name}: {dict(statuses)}")
    assert not failures, "\n".join(failures[:10])
    assert not no_negative & {"/v1/changes", "/v1/devices/enrol-request"}
    assert statuses["cases"] >= len(operations) * 2 * EXAMPLES  # really ran
    assert statuses[200] + statuses[202] > 0 and statuses[400] > 0


def _headers(lap, method: str, target: str, body: bytes = b"", **override) -> dict:
    headers = sign_request(
        lap.keys(), device_id=lap.db.device_id(), method=method, target=target, body=body
    )
    headers.update(override)
    return headers


def test_hand_made_requests_that_used_to_give_500(served):
    name, office, lap, _app, client = served
    # unsigned
    r = client.get(
        "/v1/changes", headers={"X-Device-Id": "a", "X-Timestamp": "9" * 400, "X-Signature": "AA=="}
    )
    assert r.status_code == 401 and "malformed" in r.json()["error"]
    deep = b'{"format": 1, "x": ' + b"[" * 30000 + b"]" * 30000 + b"}"
    r = client.post("/v1/devices/enrol-request", content=deep)
    assert r.status_code in (400, 413), r.text
    req = enrol.enrol_request(
        make_node(office.folder.parent, "nul").db, office.folder.parent / "nul", name="x"
    )
    req["name"] = "笔记本\x00"
    r = client.post("/v1/devices/enrol-request", content=json.dumps(req))
    assert r.status_code == 400 and "NUL" in r.json()["error"], r.text
    # signed
    target = f"/v1/changes?since={10**20}"
    r = client.get(target, headers=_headers(lap, "GET", target))
    assert r.status_code == 422, r.text
    good = push_bundle(lap)
    plain = envelope.open_sealed(good.data, private=keys.load_office_key(office.folder))[1]
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["changes.jsonl"]["size"] = "12"
    raw = json.dumps(manifest).encode()
    members.update({"manifest.json": raw, "manifest.sig": lap.keys().sign.sign(raw)})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    box = keys.load_office_key(office.folder).public_key().public_bytes_raw()
    body = envelope.seal(out.getvalue(), recipient=box, kind="push")
    r = client.post("/v1/bundles", content=body, headers=_headers(lap, "POST", "/v1/bundles", body))
    assert r.status_code == 400 and "malformed" in r.json()["error"], r.text
    zipped = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(zipped))) as zf:
        info = zf.getinfo("manifest.json")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    zipped[start + 5] ^= 0xFF
    body = envelope.seal(bytes(zipped), recipient=box, kind="push")
    r = client.post("/v1/bundles", content=body, headers=_headers(lap, "POST", "/v1/bundles", body))
    assert r.status_code == 400 and "damaged" in r.json()["error"], (name, r.text)
