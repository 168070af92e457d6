"""Issue 13's invariants, each on a SQLite and a PostgreSQL office: the clock's range, blob
rows only with their files, withheld changes instead of a stuck export, no conflict from
enrolment, and forwarding only by relays with their origin's attestation."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import func, select, update
from test_sync_support import (
    attest,
    deliver,
    dump,
    everything,
    file_sync,
    join,
    make_node,
    make_office,
    pull_bundle,
    push_bundle,
)

from inspector_app.cli.main import main
from inspector_app.core import demo
from inspector_app.core.sync_jobs import device_state
from inspector_app.rules.enums import VenueType
from inspector_app.store.limits import CLOCK_LEAD, CLOCK_MAX, ClockExhausted
from inspector_app.store.models import (
    ChangeLog,
    Device,
    LocalState,
    OriginBatch,
    Signature,
    SyncConflict,
    SyncWithheld,
    Unit,
)
from inspector_app.sync import enrol, envelope, keys, outgoing
from inspector_app.sync.errors import SyncError


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


def _unit(node, name: str) -> str:
    with node.db.write() as s:
        unit = Unit(name=name, uscc="91350600MA00000009", venue_type=VenueType.SCHOOL)
        s.add(unit)
        s.flush()
        return unit.id


def _members(office, data: bytes) -> dict[str, bytes]:
    plain = envelope.open_sealed(data, private=keys.load_office_key(office.folder))[1]
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _crafted(office, signer, members: dict[str, bytes], changes: list[dict]) -> bytes:
    """A push bundle with these changes, attested and signed by ``signer`` (who holds the
    key: a stolen laptop, say)."""
    lines = [json.dumps({k: v for k, v in c.items() if k != "origin"}) for c in changes]
    lines, origins, origin_members = attest(signer, lines)
    kept = {k: v for k, v in members.items() if not k.startswith("origins/")}
    kept.update(origin_members)
    kept["changes.jsonl"] = "".join(line + "\n" for line in lines).encode()
    manifest = json.loads(members["manifest.json"])
    manifest.update(device_id=signer.db.device_id(), change_count=len(lines), origins=origins)
    manifest["members"] = {
        n: {"sha256": __import__("hashlib").sha256(d).hexdigest(), "size": len(d)}
        for n, d in kept.items()
        if n not in ("manifest.json", "manifest.sig")
    }
    raw = json.dumps(manifest).encode()
    kept.update({"manifest.json": raw, "manifest.sig": signer.keys().sign.sign(raw)})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in kept.items():
            zf.writestr(name, data)
    box = keys.load_office_key(office.folder).public_key().public_bytes_raw()
    return envelope.seal(out.getvalue(), recipient=box, kind="push")


def _changes(members) -> list[dict]:
    return [json.loads(line) for line in members["changes.jsonl"].decode().splitlines()]


# -- 1. the clock's range ---------------------------------------------------------------------
def test_clock_range_is_one_definition_end_to_end(tmp_path, office_url):
    office = make_office(tmp_path, office_url)
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office)
    join(b, office)
    _unit(a, "甲")
    ex = push_bundle(a)
    with office.db.read() as s:
        office_clock = s.get(LocalState, 1).clock
    changes = _changes(_members(office, ex.data))
    unit = next(c for c in changes if c["table"] == "units")
    before = everything(office.db)
    for too_far in (office_clock + CLOCK_LEAD + 1, CLOCK_MAX + 1, 2**63):
        unit["clock"] = unit["payload"]["clock"] = too_far
        with pytest.raises(SyncError, match="clock"):
            deliver(_crafted(office, a, _members(office, ex.data), [unit]), office)
        assert everything(office.db) == before
    # the furthest a push may reach: accepted, and everyone keeps syncing afterwards
    edge = office_clock + CLOCK_LEAD
    unit["clock"] = unit["payload"]["clock"] = edge
    deliver(_crafted(office, a, _members(office, ex.data), [unit]), office)
    with office.db.read() as s:
        assert s.get(LocalState, 1).clock == edge  # 2**32 and more: BIGINT on PostgreSQL
    _unit(office, "局端之后")  # the office mints above it
    for node in (b, a):  # laptops accept the office's clocks, mint above them, push
        file_sync(node, office)
        uid = _unit(node, f"{node.name} 之后")
        file_sync(node, office)
        with office.db.read() as s:
            assert s.get(Unit, uid).clock > edge
    file_sync(b, office)
    assert dump(b.db) == dump(office.db)  # (a never pulls back its own, here forged, row)


def test_the_ceiling_itself_on_both_databases(tmp_path, office_url):
    """At CLOCK_MAX a database stores it, accepts it from its office, and refuses to mint
    beyond it with one clear error (reaching it takes 2**30 pushes; see store/limits.py)."""
    office = make_office(tmp_path, office_url)
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    with office.db.write() as s:
        s.execute(update(LocalState).values(clock=CLOCK_MAX - 1))
    _unit(office, "最后一个")  # minted at CLOCK_MAX exactly
    deliver(pull_bundle(office, lap).data, lap)  # the laptop accepts the office's ceiling
    with lap.db.read() as s:
        assert s.get(LocalState, 1).clock == CLOCK_MAX
    with pytest.raises(ClockExhausted, match="limit"):
        _unit(office, "再一个")
    with pytest.raises(ClockExhausted):
        _unit(lap, "笔记本也不行")


# -- 2. blob rows only with their verified files --------------------------------------------
def _photo_world(tmp_path, office_url):
    office = make_office(tmp_path, office_url)
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office, "01")
    join(b, office, "02")
    demo.generate(a.db, a.blobs, equipment=12, seed=3)
    return office, a, b


def test_a_referenced_blob_must_be_here_with_its_file(tmp_path, office_url):
    office, a, _b = _photo_world(tmp_path, office_url)
    deliver(push_bundle(a).data, office)
    with office.db.read() as s:
        signature = s.scalars(select(Signature).order_by(Signature.id)).first()
    sha = signature.blob_sha256
    office.blobs.path(sha).unlink()  # the row stays, the file is gone
    with a.db.write() as s:
        s.get(Signature, signature.id).signer_name = "王五"
    ex = push_bundle(a)  # carries the signature row again and its blob
    m = _members(office, ex.data)
    assert f"blobs/{sha}" in m
    without = {k: v for k, v in m.items() if k != f"blobs/{sha}"}
    manifest = json.loads(m["manifest.json"])
    manifest["blobs"].pop(sha)
    without["manifest.json"] = json.dumps(manifest).encode()
    before = everything(office.db)
    with pytest.raises(SyncError, match="neither sent nor here"):
        deliver(_crafted(office, a, without, _changes(m)), office)
    assert everything(office.db) == before and not office.blobs.exists(sha)
    office.blobs.path(sha).write_bytes(b"damaged")  # a damaged file is replaced
    deliver(ex.data, office)
    assert office.blobs.verified(sha)


# -- 3. an export never stops on one bad file ------------------------------------------------
def test_missing_blob_at_the_office_withholds_not_blocks(tmp_path, office_url, capsys):
    office, a, b = _photo_world(tmp_path, office_url)
    deliver(push_bundle(a).data, office)
    with a.db.write() as s:
        outgoing.save_cursor(s, office.db.device_id(), acked=10**6)
    with office.db.read() as s:
        lost = s.scalars(select(Signature.blob_sha256).order_by(Signature.id)).first()
        signed = s.scalar(select(func.count()).select_from(Signature))
    office.blobs.path(lost).unlink()
    ex = pull_bundle(office, b)  # would have failed for every laptop before
    assert ex.withheld and ex.manifest["withheld"]["count"] == len(ex.withheld)
    assert {h.blob_sha256 for h in ex.withheld} == {lost}
    report = deliver(ex.data, b)
    assert report.withheld == len(ex.withheld)
    with b.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Signature)) == signed - len(ex.withheld)
    with office.db.read() as s:
        assert [w.blob_sha256 for w in s.scalars(select(SyncWithheld))] == [lost] * len(ex.withheld)
    url = office.db.engine.url.render_as_string(hide_password=False)
    args = ["--data-dir", str(office.folder), "--db", url]
    assert main([*args, "db", "check"]) == 1
    assert "withheld" in capsys.readouterr().out
    assert main([*args, "blobs", "check"]) == 1
    assert lost in capsys.readouterr().out
    # the laptop that took the photo sends everything again: the file is back, the rows go out
    report = deliver(push_bundle(a, since=0).data, office)
    assert report.requeued >= 1 and office.blobs.verified(lost)
    deliver(pull_bundle(office, b).data, b)
    with b.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Signature)) == signed
    assert dump(b.db) == dump(office.db)
    assert main([*args, "blobs", "check"]) == 0
    capsys.readouterr()


# -- 4. enrolment makes no conflict with the device's own row --------------------------------
def test_enrolment_and_first_bundles_record_no_conflict(tmp_path, office_url):
    office = make_office(tmp_path, office_url)
    lap = make_node(tmp_path, "lap")
    office_key = keys.office_public(office.folder, office.db.device_id())
    enrol.trust_office(lap.db, keys.parse_office_key(office_key.encode()))
    request = enrol.enrol_request(lap.db, lap.folder, name="笔记本1")
    assert device_state(lap.db, lap.folder).enrolment == "unknown"
    # the laptop is renamed after sending its request, and does work before it is enrolled
    enrol.ensure_device(lap.db, lap.folder, name="笔记本1号")
    demo.generate(lap.db, lap.blobs, equipment=6, seed=8)
    enrol.enrol(office.db, json.loads(json.dumps(request)), segment="05")
    file_sync(lap, office)
    assert device_state(lap.db, lap.folder).enrolment == "enrolled"
    enrol.revoke(office.db, lap.db.device_id())
    enrol.enrol(office.db, lap.db.device_id())
    enrol.ensure_device(lap.db, lap.folder, name="笔记本1号乙")
    file_sync(lap, office)
    file_sync(lap, office)
    for node in (office, lap):
        with node.db.read() as s:
            assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0, node.name
            assert s.get(Device, lap.db.device_id()).name == "笔记本1号乙"
    assert dump(lap.db) == dump(office.db)


def test_enrolment_request_with_a_forged_device_row_is_refused(tmp_path):
    office = make_office(tmp_path)
    lap, other = make_node(tmp_path, "lap"), make_node(tmp_path, "other")
    request = enrol.enrol_request(lap.db, lap.folder, name="x")
    forged = enrol.enrol_request(other.db, other.folder, name="y")["device_row"]
    request["device_row"] = forged  # someone else's row under this key
    with pytest.raises(SyncError, match="device_row"):
        enrol.enrol(office.db, request)


# -- 5. forwarding: relays only, with each origin's attestation ------------------------------
@pytest.fixture
def relay_world(tmp_path, office_url):
    """Central office C (SQLite or PostgreSQL); a supervisor's machine S that is an office for
    laptop L on USB sticks and a device of C; L is known to C too (its fingerprint)."""
    central = make_office(tmp_path / "c", office_url)
    sub = make_office(tmp_path / "s")
    lap, lap2 = make_node(tmp_path, "lap"), make_node(tmp_path, "lap2")
    join(sub, central, "09")
    join(lap, sub, "01")
    join(lap2, central, "02")
    enrol.enrol(central.db, enrol.enrol_request(lap.db, lap.folder, name="lap"))
    demo.generate(lap.db, lap.blobs, equipment=12, seed=4)
    deliver(push_bundle(lap).data, sub)  # the stick reaches the supervisor's machine
    return central, sub, lap, lap2


def test_relay_forwards_attested_changes(relay_world, capsys):
    central, sub, lap, _lap2 = relay_world
    ex = push_bundle(sub, include_forwarded=True)
    with pytest.raises(SyncError, match="not a relay"):
        deliver(ex.data, central)
    url = central.db.engine.url.render_as_string(hide_password=False)
    assert (
        main(
            ["--data-dir", str(central.folder), "--db", url, "device", "relay", sub.db.device_id()]
        )
        == 0
    )
    assert "may now forward" in capsys.readouterr().out
    report = deliver(ex.data, central)
    assert report.result.applied > 100
    with lap.db.read() as s:
        mine = set(s.scalars(select(Unit.id)))
    with central.db.read() as s:
        assert mine <= set(s.scalars(select(Unit.id)))
        kept = s.scalars(
            select(ChangeLog.origin_batch).where(
                ChangeLog.device_id == lap.db.device_id(), ChangeLog.table_name != "devices"
            )
        ).all()  # (its devices row came with its enrolment request, unattested)
        assert kept and all(kept)  # the origin's attestation stays with each change
        assert s.scalar(select(func.count()).select_from(OriginBatch)) >= 2


def test_a_stolen_relay_cannot_forge_another_devices_inspection(relay_world):
    central, sub, lap, lap2 = relay_world
    enrol.set_relay(central.db, sub.db.device_id(), relay=True)
    _unit(sub, "督导机自己的")
    ex = push_bundle(sub)
    changes = _changes(_members(central, ex.data))
    own = next(c for c in changes if c["table"] == "units")
    before = everything(central.db)
    # claims to be lap2's change: attested with the relay's own key -> not lap2's attestation
    forged = json.loads(json.dumps(own))
    forged["device_id"] = forged["payload"]["origin_device"] = lap2.db.device_id()
    data = _crafted(central, sub, _members(central, ex.data), [own, forged])
    with pytest.raises(SyncError, match="no attestation|not by the sender"):
        deliver(data, central)
    # an attestation signed with the relay's key but naming lap2 as its device
    members = _members(central, ex.data)
    lines = [json.dumps({k: v for k, v in forged.items() if k != "origin"})]
    from inspector_app.sync import origin

    text = json.dumps(forged["payload"])
    digest = origin.change_digest("units", text)
    fake = origin.sign_batch(sub.keys().sign, lap2.db.device_id(), digest)
    line = f'{{"origin": ["{fake.batch_id}", 0], ' + lines[0][1:]
    members = {k: v for k, v in members.items() if not k.startswith("origins/")}
    members[f"origins/{fake.batch_id}"] = fake.digests
    members["changes.jsonl"] = (line + "\n").encode()
    manifest = json.loads(members["manifest.json"])
    manifest.update(change_count=1, origins={fake.batch_id: fake.manifest_entry()})
    manifest["members"] = {
        n: {"sha256": __import__("hashlib").sha256(d).hexdigest(), "size": len(d)}
        for n, d in members.items()
        if n not in ("manifest.json", "manifest.sig")
    }
    raw = json.dumps(manifest).encode()
    members.update({"manifest.json": raw, "manifest.sig": sub.keys().sign.sign(raw)})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    box = keys.load_office_key(central.folder).public_key().public_bytes_raw()
    with pytest.raises(SyncError, match="not signed by device"):
        deliver(envelope.seal(out.getvalue(), recipient=box, kind="push"), central)
    assert everything(central.db) == before


def test_an_ordinary_laptop_cannot_send_another_devices_change(tmp_path, office_url):
    office = make_office(tmp_path, office_url)
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office)
    join(b, office)
    _unit(b, "乙的单位")
    file_sync(b, office)
    deliver(pull_bundle(office, a).data, a)  # a now holds b's change
    ex = push_bundle(a, include_forwarded=True)  # no attestation for b's change: not included
    assert all(c["device_id"] == a.db.device_id() for c in _changes(_members(office, ex.data)))
    b_change = next(
        c for c in _changes(_members(office, push_bundle(b, since=0).data)) if c["table"] == "units"
    )
    b_change["payload"]["name"] = "冒名修改"
    before = everything(office.db)
    with pytest.raises(SyncError, match="not by the sender"):
        deliver(_crafted(office, a, _members(office, ex.data), [b_change]), office)
    assert everything(office.db) == before
