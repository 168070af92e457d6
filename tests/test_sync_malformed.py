"""Every malformed bundle is refused before anything is written (database and blob files)."""

from __future__ import annotations

import hashlib
import io
import json
import warnings
import zipfile

import pytest
from test_sync_support import (
    attest,
    deliver,
    everything,
    join,
    make_node,
    make_office,
    push_bundle,
)

from inspector_app.core import demo
from inspector_app.sync import bundle, envelope, keys
from inspector_app.sync.errors import SyncError


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("malformed")
    office = make_office(root)
    lap = make_node(root, "lap")
    join(lap, office)
    demo.generate(lap.db, lap.blobs, equipment=30, seed=2)
    good = push_bundle(lap)
    return office, lap, good


def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _plain(office, good) -> bytes:
    return envelope.open_sealed(good.data, private=keys.load_office_key(office.folder))[1]


def _seal(office, payload: bytes) -> bytes:
    box = keys.load_office_key(office.folder).public_key().public_bytes_raw()
    return envelope.seal(payload, recipient=box, kind="push")


def _write(members: list[tuple[str, bytes]], compress=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as zf:
        warnings.simplefilter("ignore")  # the duplicate-name case is deliberate
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name), data, compress)
    return out.getvalue()


def _resign(
    lap, members: dict[str, bytes], manifest: dict | None = None, rehash: bool = True
) -> list[tuple[str, bytes]]:
    m = manifest if manifest is not None else json.loads(members["manifest.json"])
    if rehash:
        m["members"] = {
            n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
            for n, d in members.items()
            if n not in ("manifest.json", "manifest.sig")
        }
    raw = json.dumps(m).encode()
    out = dict(members, **{"manifest.json": raw, "manifest.sig": lap.keys().sign.sign(raw)})
    return list(out.items())


def _changes(members) -> list[dict]:
    return [json.loads(line) for line in members["changes.jsonl"].decode().splitlines()]


def _with_changes(lap, members, changes) -> list[tuple[str, bytes]]:
    """Edited changes, re-attested and re-signed with the laptop's key."""
    lines = [json.dumps({k: v for k, v in c.items() if k != "origin"}) for c in changes]
    lines, origins, origin_members = attest(lap, lines)
    body = "".join(line + "\n" for line in lines).encode()
    manifest = dict(json.loads(members["manifest.json"]), change_count=len(changes))
    manifest["origins"] = origins
    kept = {k: v for k, v in members.items() if not k.startswith("origins/")}
    return _resign(lap, dict(kept, **{"changes.jsonl": body}, **origin_members), manifest)


def _damage(zipped: bytes, name: str) -> bytes:
    """Flip a byte inside a member's compressed data (after it was hashed and signed)."""
    with zipfile.ZipFile(io.BytesIO(zipped)) as zf:
        info = zf.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data = bytearray(zipped)
    data[start + info.compress_size // 2] ^= 0x55
    return bytes(data)


def _cases(office, lap, good):
    plain = _plain(office, good)
    members = _zip(plain)
    m = json.loads(members["manifest.json"])
    blob = next(n for n in members if n.startswith("blobs/"))
    ch = _changes(members)
    other = make_node(office.folder.parent, "stranger")

    def flip(data: bytes, at: int) -> bytes:
        return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]

    def change_edit(fn):
        changed = json.loads(json.dumps(ch))
        fn(changed)
        return _seal(office, _write(_with_changes(lap, members, changed)))

    yield "not a bundle", b"PK\x03\x04 hello", "not an inspector bundle"
    yield "truncated", good.data[:40], "not an inspector bundle"
    yield "flipped ciphertext", flip(good.data, len(good.data) - 100), "cannot be decrypted"
    yield "flipped header", flip(good.data, 30), "cannot be decrypted|encrypted for key"
    yield "future format", good.data[:8] + b"\x02" + good.data[9:], "format 2"
    yield (
        "other recipient",
        envelope.seal(plain, recipient=other.keys().box_public, kind="push"),
        "encrypted for key",
    )
    yield "not a zip", _seal(office, b"garbage" * 20), "not a valid archive"
    for name in ("../evil", "/abs/path", "blobs\\x", "C:/x", "blobs/../../x", "extra.txt"):
        payload = _write([*members.items(), (name, b"x")])
        yield f"name {name}", _seal(office, payload), "refused|unexpected"
    dup = _write([*members.items(), ("changes.jsonl", b"{}\n")])
    yield "duplicate member", _seal(office, dup), "twice"
    bomb = _write([*members.items(), ("blobs/" + "0" * 64, b"\0" * 5_000_000)])
    yield "decompression bomb", _seal(office, bomb), "compression ratio"
    big = bundle.Limits(max_member=1000)
    yield ("member over the cap", _seal(office, plain), "too large", big)
    tiny = bundle.Limits(max_total=2000)
    yield ("total over the cap", _seal(office, plain), "size limit|too large", tiny)
    yield ("file over the cap", good.data, "larger than", bundle.Limits(max_file=1000))
    lying = dict(m)
    lying["members"] = dict(
        m["members"], **{"changes.jsonl": dict(m["members"]["changes.jsonl"], size=10)}
    )
    yield (
        "size larger than declared",
        _seal(office, _write(_resign(lap, members, lying, rehash=False))),
        "larger than declared",
    )
    tampered = dict(members, **{"changes.jsonl": members["changes.jsonl"] + b"\n"})
    yield (
        "member changed after signing",
        _seal(office, _write(list(tampered.items()))),
        "does not match|larger than declared",
    )
    forged = dict(m, seq_to=m["seq_to"] + 1)
    items = dict(members, **{"manifest.json": json.dumps(forged).encode()})
    yield (
        "manifest changed after signing",
        _seal(office, _write(list(items.items()))),
        "signature is invalid",
    )
    stranger = _resign(other, members)
    yield "unenrolled signer", _seal(office, _write(stranger)), "signature is invalid"
    unknown = dict(m, device_id=other.db.device_id())
    yield (
        "unenrolled device",
        _seal(office, _write(_resign(other, members, unknown))),
        "not enrolled",
    )
    yield (
        "manifest format",
        _seal(office, _write(_resign(lap, members, dict(m, format=9)))),
        "format",
    )
    bad_blob = dict(members, **{blob: members[blob] + b"!"})
    yield (
        "blob hash mismatch",
        _seal(office, _write(_resign(lap, bad_blob))),
        "does not match its name",
    )
    no_blob = {k: v for k, v in members.items() if k != blob}
    nb_manifest = dict(m, blobs={k: v for k, v in m["blobs"].items() if k != blob[6:]})
    yield (
        "referenced blob missing",
        _seal(office, _write(_resign(lap, no_blob, nb_manifest))),
        "neither sent nor here",
    )
    listed = {k: v for k, v in members.items() if k != blob}  # the manifest still lists it
    yield "listed blob missing", _seal(office, _write(_resign(lap, listed, dict(m)))), "lists blob"
    wrong_size = json.loads(json.dumps(m))
    wrong_size["blobs"][blob[6:]]["size"] += 1
    yield (
        "blob metadata size wrong",
        _seal(office, _write(_resign(lap, members, wrong_size))),
        "not the size",
    )
    yield (
        "seq_to beyond the range",
        _seal(office, _write(_resign(lap, members, dict(m, seq_to=2**62 + 1)))),
        "seq_to",
    )
    yield (
        "negative seq_from",
        _seal(office, _write(_resign(lap, members, dict(m, seq_from=-1)))),
        "seq_from",
    )
    huge = json.loads(json.dumps(m))
    huge["members"]["changes.jsonl"]["size"] = 2**70
    yield (
        "huge member size",
        _seal(office, _write(_resign(lap, members, huge, rehash=False))),
        "out of range",
    )

    def set_clock(value):
        def edit(c):
            c[-1]["clock"] = c[-1]["payload"]["clock"] = value

        return edit

    yield "clock beyond the range", change_edit(set_clock(2**62 + 1)), "bad clock"
    yield "clock far ahead", change_edit(set_clock(2**33)), "too far ahead"
    yield (
        "NUL in a string",
        change_edit(
            lambda c: next(x for x in c if x["table"] == "units")["payload"].update(
                name="幼儿园\x00"
            )
        ),
        "NUL",
    )
    deep = json.dumps(dict(m, extra="DEEP")).replace('"DEEP"', "[" * 5000 + "]" * 5000).encode()
    deep_members = dict(
        members, **{"manifest.json": deep, "manifest.sig": lap.keys().sign.sign(deep)}
    )
    yield "deep JSON", _seal(office, _write(list(deep_members.items()))), "nested"
    foreign = [json.loads(line) for line in members["changes.jsonl"].decode().splitlines()]
    for c in foreign:
        c.pop("origin", None)
    unit = next(x for x in foreign if x["table"] == "units")
    unit["device_id"] = unit["payload"]["origin_device"] = other.db.device_id()
    yield (
        "another device's change",
        change_edit(lambda c: c.__setitem__(slice(None), foreign)),
        "not by the sender",
    )
    yield (
        "damaged compressed member",
        _seal(office, _damage(_write(_resign(lap, members)), "changes.jsonl")),
        "damaged",
    )
    yield "unknown table", change_edit(lambda c: c[-1].update(table="passwords")), "unknown table"
    yield "unknown column", change_edit(lambda c: c[-1]["payload"].update(evil=1)), "unknown"
    yield "bad type", change_edit(lambda c: c[-1]["payload"].update(clock="x")), "bad value"
    yield (
        "bad date",
        change_edit(
            lambda c: next(x for x in c if x["table"] == "units")["payload"].update(
                created_at="yesterday"
            )
        ),
        "bad value",
    )
    yield (
        "too long",
        change_edit(
            lambda c: next(x for x in c if x["table"] == "units")["payload"].update(uscc="9" * 40)
        ),
        "longer",
    )
    yield "id mismatch", change_edit(lambda c: c[-1].update(row_id="other")), "disagree"
    yield (
        "dangling reference",
        change_edit(lambda c: c.__setitem__(slice(None), [x for x in c if x["table"] != "units"])),
        "clash",
    )


def _case_list():
    return [
        "not a bundle",
        "truncated",
        "flipped ciphertext",
        "flipped header",
        "future format",
        "other recipient",
        "not a zip",
        "name ../evil",
        "name /abs/path",
        "name blobs\\x",
        "name C:/x",
        "name blobs/../../x",
        "name extra.txt",
        "duplicate member",
        "decompression bomb",
        "member over the cap",
        "total over the cap",
        "file over the cap",
        "size larger than declared",
        "member changed after signing",
        "manifest changed after signing",
        "unenrolled signer",
        "unenrolled device",
        "manifest format",
        "blob hash mismatch",
        "referenced blob missing",
        "listed blob missing",
        "blob metadata size wrong",
        "seq_to beyond the range",
        "negative seq_from",
        "huge member size",
        "clock beyond the range",
        "clock far ahead",
        "NUL in a string",
        "deep JSON",
        "another device's change",
        "damaged compressed member",
        "unknown table",
        "unknown column",
        "bad type",
        "bad date",
        "too long",
        "id mismatch",
        "dangling reference",
    ]


@pytest.fixture(scope="module")
def cases(setup):
    office, lap, good = setup
    return {c[0]: c[1:] for c in _cases(office, lap, good)}


def _blob_files(node) -> list[str]:
    return sorted(str(p) for p in node.blobs.root.rglob("*")) if node.blobs.root.exists() else []


def test_all_cases_listed(cases):
    assert sorted(cases) == sorted(_case_list())


@pytest.mark.parametrize("case", _case_list())
def test_malformed_bundle_refused_nothing_written(setup, cases, case):
    office, _lap, _good = setup
    data, message, *limits = cases[case]
    before, files = everything(office.db), _blob_files(office)
    with pytest.raises(SyncError, match=message):
        kwargs = {"limits": limits[0]} if limits else {}
        from inspector_app.sync import incoming

        incoming.import_bundle(office.db, office.blobs, data, folder=office.folder, **kwargs)
    assert everything(office.db) == before
    assert _blob_files(office) == files


def test_good_bundle_still_applies_after_the_refusals(setup):
    office, _lap, good = setup
    report = deliver(good.data, office)
    assert report.result.applied > 0 and office.blobs.root.exists()
