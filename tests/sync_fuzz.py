"""Seeded mutations of a valid push bundle, as an attacker with an enrolled laptop would make
them (no tests here: ``test_sync_fuzz.py`` runs a few hundred, ``bench/fuzz_sync.py`` many).

Four families, each deterministic for a seed:

* ``sealed``: bit flips, truncation, insertion on the encrypted file;
* ``zip``: the same on the decrypted ZIP, sealed again to the office key (anyone holding
  the office's public key can do that: it reaches the archive parser before any signature);
* ``member``: members re-zipped with altered JSON (types, sizes, huge numbers, nesting,
  NUL, lone surrogates, clocks at the range's edges, missing or extra blobs, member
  metadata), **re-signed with the enrolled laptop's key** so they pass the signature;
* ``stream``: a signed bundle whose compressed member is damaged after signing.

``run_case`` delivers one and classifies it: ``refused`` (``SyncError``: the database and
the blob folder must be unchanged), ``accepted`` (every laptop must still sync afterwards)
or a crash (anything else), which the callers count as a failure.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from test_sync_support import (
    Node,
    attest,
    deliver,
    join,
    make_node,
    make_office,
    pull_bundle,
    push_bundle,
)

from inspector_app.core import demo
from inspector_app.rules.enums import VenueType
from inspector_app.store.limits import CLOCK_LEAD, CLOCK_MAX, SEQ_MAX
from inspector_app.store.models import LocalState, Unit
from inspector_app.sync import envelope, keys
from inspector_app.sync.errors import SyncError

NASTY: list[Any] = [
    None,
    True,
    0,
    -1,
    1,
    2**31 - 1,
    2**31,
    2**53,
    2**62,
    2**62 + 1,
    2**63,
    2**64,
    10**30,
    -(2**63),
    1.5,
    1e308,
    "",
    "x",
    "\x00",
    "a\x00b",
    "\ud800",
    "9" * 300,
    "2026-02-30T00:00:00+00:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    [],
    {},
    [1, 2],
    {"b64": "!!"},
    {"b64": 5},
]


def _show(value: Any) -> str:
    if isinstance(value, list | dict):
        return type(value).__name__
    return repr(value)[:30]


_DEEP = "\u2063deep{}\u2063"  # a placeholder replaced by the nested text after json.dumps


def _deep(n: int) -> str:
    return _DEEP.format(n)


def _dumps(value: Any) -> str:
    """json.dumps, with the ``_deep`` placeholders written out as ``[[[...0...]]]``."""
    text = json.dumps(value, ensure_ascii=False)
    for n in (40, 2000):
        text = text.replace(json.dumps(_deep(n), ensure_ascii=False), "[" * n + "0" + "]" * n)
    return text


@dataclass
class World:
    office: Node
    lap: Node
    other: Node
    good: bytes  # sealed valid push bundle from ``lap``
    plain: bytes  # its decrypted ZIP
    members: dict[str, bytes]
    counts: Counter = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)
    state: str = ""  # fingerprint of the office's database, kept between refused cases

    def office_box(self) -> bytes:
        return keys.load_office_key(self.office.folder).public_key().public_bytes_raw()


def build_world(root: Path, office_url: str | None = None, equipment: int = 12) -> World:
    office = make_office(root, office_url)
    lap, other = make_node(root, "lap"), make_node(root, "other")
    join(lap, office, "01")
    join(other, office, "02")
    demo.generate(lap.db, lap.blobs, equipment=equipment, seed=3)
    good = push_bundle(lap).data
    plain = envelope.open_sealed(good, private=keys.load_office_key(office.folder))[1]
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    return World(office, lap, other, good, plain, members)


# -- building mutated bundles ------------------------------------------------------------
def _zip(items: list[tuple[str, bytes]], deflate: set[str] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in items:
            method = zipfile.ZIP_DEFLATED if deflate is None or name in deflate else 0
            zf.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, method)
    return out.getvalue()


def _signed(w: World, members: dict[str, bytes], manifest: dict, rehash: bool = True) -> list:
    if rehash:
        manifest["members"] = {
            n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
            for n, d in members.items()
            if n not in ("manifest.json", "manifest.sig")
        }
    raw = _dumps(manifest).encode("utf-8", "surrogatepass")
    signed = dict(members, **{"manifest.json": raw, "manifest.sig": w.lap.keys().sign.sign(raw)})
    return list(signed.items())


def _seal(w: World, payload: bytes) -> bytes:
    return envelope.seal(payload, recipient=w.office_box(), kind="push")


def _bytes_mutation(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    kind = rng.choice(["flip", "flip", "truncate", "insert", "delete", "zero"])
    at = rng.randrange(len(data))
    if kind == "flip":
        return f"flip@{at}", data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[
            at + 1 :
        ]
    if kind == "truncate":
        return f"truncate@{at}", data[:at]
    if kind == "insert":
        junk = bytes(rng.randrange(256) for _ in range(rng.choice([1, 4, 64])))
        return f"insert{len(junk)}@{at}", data[:at] + junk + data[at:]
    if kind == "delete":
        n = rng.choice([1, 4, 64])
        return f"delete{n}@{at}", data[:at] + data[at + n :]
    n = rng.choice([4, 32])
    return f"zero{n}@{at}", data[:at] + b"\0" * n + data[at + n :]


def _nasty(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.05:
        return _deep(rng.choice([40, 2000]))
    return rng.choice(NASTY)


def _changes(w: World) -> list[dict]:
    return [json.loads(line) for line in w.members["changes.jsonl"].decode().splitlines()]


def _with(
    w: World,
    changes: list[dict] | None = None,
    manifest: dict | None = None,
    members: dict[str, bytes] | None = None,
    count: bool = True,
    reattest: bool = True,
) -> bytes:
    """Members with edited changes/manifest, re-attested (unless ``reattest`` is false) and
    re-signed with the laptop's key, sealed to the office."""
    members = dict(members if members is not None else w.members)
    manifest = manifest if manifest is not None else json.loads(members["manifest.json"])
    if changes is not None:
        if reattest:
            lines = [_dumps({k: v for k, v in c.items() if k != "origin"}) for c in changes]
            lines, origins, origin_members = attest(w.lap, lines)
            members = {k: v for k, v in members.items() if not k.startswith("origins/")}
            members.update(origin_members)
            manifest["origins"] = origins
        else:
            lines = [_dumps(c) for c in changes]
        members["changes.jsonl"] = "".join(line + "\n" for line in lines).encode(
            "utf-8", "surrogatepass"
        )
        if count:
            manifest["change_count"] = len(changes)
    return _seal(w, _zip(_signed(w, members, manifest)))


def _office_clock(w: World) -> int:
    with w.office.db.read() as s:
        return s.get(LocalState, 1).clock


def _member_mutation(rng: random.Random, w: World) -> tuple[str, bytes]:
    manifest = json.loads(w.members["manifest.json"])
    changes = _changes(w)
    roll = rng.randrange(12)
    if roll == 0:  # a manifest field
        key = rng.choice(sorted(manifest) + ["extra"])
        value = _nasty(rng)
        manifest[key] = value
        return f"manifest.{key}={_show(value)}", _with(w, manifest=manifest)
    if roll == 1:  # member metadata (without re-hashing)
        members = dict(w.members)
        m = manifest
        name = rng.choice(sorted(m["members"]))
        field_ = rng.choice(["size", "sha256", None])
        if field_ is None:
            m["members"][name] = _nasty(rng)
        else:
            m["members"][name] = dict(m["members"][name], **{field_: _nasty(rng)})
        items = _signed(w, members, m, rehash=False)
        return f"members[{name}].{field_}", _seal(w, _zip(items))
    if roll in (2, 3, 4):  # a head field of one change
        c = rng.choice(changes)
        key = rng.choice(["table", "row_id", "op", "clock", "device_id", "base", "seq", "payload"])
        value = _nasty(rng)
        c[key] = value
        return f"change.{key}={_show(value)}", _with(w, changes, reattest=rng.random() < 0.9)
    if roll in (5, 6):  # a payload column of one change
        c = rng.choice(changes)
        key = rng.choice(sorted(c["payload"]))
        value = _nasty(rng)
        c["payload"][key] = value
        return f"payload.{c['table']}.{key}={_show(value)}", _with(w, changes)
    if roll == 7:  # clocks at the range's edges, consistently in head and payload
        c = rng.choice(changes)
        edge = _office_clock(w) + CLOCK_LEAD
        value = rng.choice([CLOCK_MAX, CLOCK_MAX + 1, 2**31 - 1, 2**31, 2**63, edge, edge + 1])
        c["clock"] = c["payload"]["clock"] = value
        return f"clock={value}", _with(w, changes)
    if roll == 8:  # the change range
        key = rng.choice(["seq_from", "seq_to"])
        value = rng.choice([SEQ_MAX, SEQ_MAX + 1, 2**63, -1, 2**31, 0])
        manifest[key] = value
        return f"{key}={value}", _with(w, manifest=manifest)
    if roll == 9:  # blobs: drop one, add one, alter metadata
        members = dict(w.members)
        names = [n for n in members if n.startswith("blobs/")]
        what = rng.choice(["drop", "drop-listed", "extra", "meta", "bytes"])
        name = rng.choice(names)
        sha = name[6:]
        if what == "drop":
            del members[name]
            manifest["blobs"].pop(sha)
        elif what == "drop-listed":  # the ZIP lacks it, the manifest still lists it
            del members[name]
        elif what == "extra":
            data = rng.randbytes(100)
            digest = hashlib.sha256(data).hexdigest()
            members[f"blobs/{digest}"] = data
            manifest["blobs"][digest] = {"size": 100, "media_type": "image/jpeg"}
        elif what == "meta":
            key = rng.choice(["size", "media_type", "width", "height"])
            manifest["blobs"][sha][key] = _nasty(rng)
        else:
            members[name] = members[name][:-1] + b"!"
        return f"blob-{what}", _with(w, manifest=manifest, members=members)
    if roll == 10:  # lines: drop, duplicate, garbage, truncate
        what = rng.choice(["drop", "dup", "garbage", "cut", "shuffle"])
        if what == "drop":
            changes.pop(rng.randrange(len(changes)))
        elif what == "dup":
            changes.append(json.loads(json.dumps(rng.choice(changes))))
        elif what == "shuffle":
            rng.shuffle(changes)
        body = "".join(_dumps(c) + "\n" for c in changes)
        if what == "garbage":
            body += rng.choice(["{", "[]", "null", '{"payload": 1}', "\x00", "{}"]) + "\n"
        if what == "cut":
            body = body[: rng.randrange(len(body))]
        members = dict(w.members, **{"changes.jsonl": body.encode("utf-8", "surrogatepass")})
        manifest["change_count"] = body.count("\n")
        return f"lines-{what}", _with(w, manifest=manifest, members=members)
    # roll == 11: the payload's column set
    c = rng.choice(changes)
    what = rng.choice(["missing", "extra", "not-a-dict"])
    if what == "missing":
        c["payload"].pop(rng.choice(sorted(c["payload"])))
    elif what == "extra":
        c["payload"]["evil"] = 1
    else:
        c["payload"] = rng.choice([[], "x", 1])
    return f"payload-{what}", _with(w, changes)


def _stream_mutation(rng: random.Random, w: World) -> tuple[str, bytes]:
    """Signed and hashed correctly, then a compressed member's bytes damaged in the ZIP."""
    manifest = json.loads(w.members["manifest.json"])
    items = _signed(w, dict(w.members), manifest)
    target = rng.choice(["changes.jsonl", "manifest.json"])
    data = bytearray(_zip(items, deflate={"changes.jsonl", "manifest.json"}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(target)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    at = start + rng.randrange(max(1, info.compress_size))
    data[at] ^= 1 << rng.randrange(8)
    return f"stream-{target}@{at - start}", _seal(w, bytes(data))


def mutation(rng: random.Random, w: World) -> tuple[str, str, bytes]:
    family = rng.choices(["sealed", "zip", "member", "stream"], weights=[1, 3, 8, 1])[0]
    if family == "sealed":
        name, data = _bytes_mutation(rng, w.good)
    elif family == "zip":
        name, raw = _bytes_mutation(rng, w.plain)
        data = _seal(w, raw)
    elif family == "member":
        name, data = _member_mutation(rng, w)
    else:
        name, data = _stream_mutation(rng, w)
    return family, name, data


# -- delivering and judging ----------------------------------------------------------------
def fingerprint(node: Node) -> str:
    """Every row of every table (raw driver values), hashed: equal means unchanged.
    A cheaper ``everything`` for thousands of cases."""
    from inspector_app.store.models import Base

    digest = hashlib.sha256()
    with node.db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.exec_driver_sql(f'SELECT * FROM "{table.name}"').fetchall()
            digest.update(table.name.encode())
            for line in sorted(repr(tuple(r)) for r in rows):
                digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _blob_files(node: Node) -> list[str]:
    root = node.blobs.root
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def still_syncs(w: World, n: int) -> None:
    """After an accepted bundle: both laptops pull, change something, push, pull again."""
    for node in (w.other, w.lap):
        deliver(pull_bundle(w.office, node).data, node)
        with node.db.write() as s:
            s.add(Unit(name=f"后续{n}", uscc="91350600MA00000009", venue_type=VenueType.SCHOOL))
        ex = push_bundle(node)
        deliver(ex.data, w.office)
        deliver(pull_bundle(w.office, node).data, node)


def run_case(
    w: World,
    n: int,
    family: str,
    name: str,
    data: bytes,
    check: Callable[[World], None] | None = None,
) -> str:
    """``refused``, ``accepted`` or ``crash``; problems go to ``w.crashes``."""
    before = w.state or fingerprint(w.office)
    files = _blob_files(w.office)
    try:
        deliver(data, w.office)
    except SyncError as exc:
        if "\n" in str(exc):
            w.crashes.append(f"#{n} {family} {name}: message has several lines: {exc!r}")
        w.state = fingerprint(w.office)
        if w.state != before or _blob_files(w.office) != files:
            w.crashes.append(f"#{n} {family} {name}: refused but something changed")
        w.counts["refused"] += 1
        w.counts[f"refused:{family}"] += 1
        return "refused"
    except Exception as exc:  # noqa: BLE001 - what the fuzzing is for
        w.crashes.append(f"#{n} {family} {name}: {type(exc).__name__}: {str(exc)[:200]}")
        w.counts["crash"] += 1
        w.state = ""
        return "crash"
    w.state = ""
    w.counts["accepted"] += 1
    w.counts[f"accepted:{family}"] += 1
    try:
        (check or (lambda world: still_syncs(world, n)))(w)
    except Exception as exc:  # noqa: BLE001
        w.crashes.append(
            f"#{n} {family} {name}: accepted, then sync broke: "
            f"{type(exc).__name__}: {str(exc)[:200]}"
        )
    return "accepted"


def fuzz(w: World, *, seed: int, count: int) -> World:
    rng = random.Random(seed)
    for n in range(count):
        family, name, data = mutation(rng, w)
        run_case(w, n, family, name, data)
    return w
