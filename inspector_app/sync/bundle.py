"""Bundle contents: a ZIP with a signed manifest, the changes and the blobs.

Members (nothing else is accepted)::

    manifest.json   format, kind, device, officer, change range, created time,
                    SHA-256 and size of every other member, blob metadata
    manifest.sig    Ed25519 signature of manifest.json by the sending device
    changes.jsonl   one change per line
    blobs/<sha256>  the bytes of every blob the changes reference
    origins/<id>    an origin device's signed list of change digests (sync/origin.py)

Reading verifies everything in memory (names, sizes, ratios, hashes,
signature, the type and range of every manifest field) before anything is
returned; nothing is written here. Whatever the bytes, the only exception that
leaves ``unpack`` is ``SyncError``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from inspector_app.store.limits import INT32_MAX, SEQ_MAX

from . import safejson
from .envelope import FORMAT
from .errors import SyncError

MANIFEST, SIGNATURE, CHANGES = "manifest.json", "manifest.sig", "changes.jsonl"
_BLOB_NAME = re.compile(r"^blobs/([0-9a-f]{64})$")
_ORIGIN_NAME = re.compile(r"^origins/([0-9a-f]{64})$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# What a damaged archive can make the zipfile/zlib modules raise.
_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    OSError,
    EOFError,
    ValueError,
    OverflowError,
    RuntimeError,
    NotImplementedError,
    UnicodeDecodeError,
    KeyError,
    IndexError,
    TypeError,
    MemoryError,
)


@dataclass(frozen=True)
class Limits:
    max_file: int = 512 * 2**20
    max_total: int = 1024 * 2**20  # all members, uncompressed
    max_member: int = 256 * 2**20
    max_ratio: int = 200  # uncompressed / compressed, for members over 64 KiB
    max_members: int = 100_000


DEFAULT_LIMITS = Limits()


@dataclass
class Contents:
    manifest: dict[str, Any]
    changes: list[dict[str, Any]]
    blobs: dict[str, bytes] = field(default_factory=dict)
    origins: dict[str, bytes] = field(default_factory=dict)  # batch id -> digests


def pack(
    *,
    manifest: dict[str, Any],
    lines: list[str],
    blobs: dict[str, bytes],
    signer: Ed25519PrivateKey,
    origins: dict[str, bytes] | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """The ZIP bytes and the final manifest (``members``, ``format`` added here).

    ``lines``: one JSON object per change, already serialised. ``origins``: batch id
    -> digest list (its metadata is in ``manifest["origins"]``)."""
    body = "".join(line + "\n" for line in lines)
    members: dict[str, bytes] = {CHANGES: body.encode("utf-8")}
    members.update({f"blobs/{sha}": data for sha, data in sorted(blobs.items())})
    members.update({f"origins/{bid}": data for bid, data in sorted((origins or {}).items())})
    manifest = dict(manifest, format=FORMAT, change_count=len(lines))
    manifest["members"] = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in members.items()
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(MANIFEST, manifest_bytes, zipfile.ZIP_DEFLATED)
        zf.writestr(SIGNATURE, signer.sign(manifest_bytes), zipfile.ZIP_STORED)
        zf.writestr(CHANGES, members[CHANGES], zipfile.ZIP_DEFLATED)
        for name, data in members.items():
            if name != CHANGES:
                zf.writestr(name, data, zipfile.ZIP_STORED)  # photos are compressed already
    return out.getvalue(), manifest


def _check_names(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise SyncError(f"bundle has {len(infos)} members (limit {limits.max_members})")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if (
            "\\" in name
            or name.startswith("/")
            or ".." in name.split("/")
            or re.match(r"^[A-Za-z]:", name)
            or "\x00" in name
        ):
            raise SyncError(f"bundle member name refused: {name!r:.80}")
        if name in seen:
            raise SyncError(f"bundle member appears twice: {name!r:.80}")
        seen.add(name)
        if (
            name not in (MANIFEST, SIGNATURE, CHANGES)
            and not _BLOB_NAME.match(name)
            and not _ORIGIN_NAME.match(name)
        ):
            raise SyncError(f"unexpected bundle member: {name!r:.80}")
        if info.flag_bits & 0x1:
            raise SyncError(f"bundle member {name!r} is encrypted inside the ZIP")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SyncError(f"bundle member {name!r} uses an unsupported compression")
        if info.file_size > limits.max_member:
            raise SyncError(f"bundle member {name!r} is too large ({info.file_size} bytes)")
        if info.file_size > 65536 and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise SyncError(f"bundle member {name!r} has a suspicious compression ratio")
        total += info.file_size
        if total > limits.max_total:
            raise SyncError("bundle expands beyond the size limit (decompression bomb?)")
    for required in (MANIFEST, SIGNATURE, CHANGES):
        if required not in seen:
            raise SyncError(f"bundle lacks {required}")


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """At most ``cap`` bytes; more (a lying header) is refused."""
    try:
        with zf.open(info) as fh:
            data = fh.read(cap + 1)
    except _ARCHIVE_ERRORS as exc:
        raise SyncError(
            f"bundle member {info.filename!r} is damaged: {type(exc).__name__}: {str(exc)[:80]}"
        ) from None
    if len(data) > cap or len(data) != info.file_size:
        raise SyncError(f"bundle member {info.filename!r} is larger than declared")
    return data


def unpack(
    payload: bytes,
    *,
    signer_key: Callable[[dict[str, Any]], Ed25519PublicKey],
    limits: Limits = DEFAULT_LIMITS,
) -> Contents:
    """Verify and read the decrypted ZIP. ``signer_key(manifest)`` names who must have signed."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(payload))
        infos = zf.infolist()
    except _ARCHIVE_ERRORS as exc:
        raise SyncError(f"bundle payload is not a valid archive: {str(exc)[:80]}") from None
    _check_names(infos, limits)
    by_name = {i.filename: i for i in infos}
    manifest_bytes = _read(zf, by_name[MANIFEST], min(limits.max_member, 64 * 2**20))
    signature = _read(zf, by_name[SIGNATURE], 64)
    manifest = safejson.loads(manifest_bytes, "bundle manifest")
    _check_manifest(manifest, limits)
    try:
        signer_key(manifest).verify(signature, manifest_bytes)
    except InvalidSignature:
        raise SyncError("bundle signature is invalid: not signed by its device") from None
    declared = manifest["members"]
    if set(declared) != set(by_name) - {MANIFEST, SIGNATURE}:
        raise SyncError("bundle members do not match the manifest")
    contents: dict[str, bytes] = {}
    for name, meta in declared.items():
        data = _read(zf, by_name[name], min(meta["size"], limits.max_member))
        if len(data) != meta["size"] or hashlib.sha256(data).hexdigest() != meta["sha256"]:
            raise SyncError(f"bundle member {name!r} does not match its manifest hash or size")
        contents[name] = data
    blobs: dict[str, bytes] = {}
    origins: dict[str, bytes] = {}
    for name, data in contents.items():
        if match := _BLOB_NAME.match(name):
            sha = match.group(1)
            if hashlib.sha256(data).hexdigest() != sha:
                raise SyncError(f"blob {name!r} does not match its name")
            if sha not in manifest["blobs"]:
                raise SyncError(f"blob {name!r} has no metadata in the manifest")
            if manifest["blobs"][sha]["size"] != len(data):
                raise SyncError(f"blob {name!r} is not the size its metadata says")
            blobs[sha] = data
        elif match := _ORIGIN_NAME.match(name):
            origins[match.group(1)] = data
    listed = set(manifest["blobs"]) - set(blobs)
    if set(manifest.get("remote_blobs", {})) & set(blobs):
        raise SyncError("bundle sends a blob it lists as kept at the office")
    if listed:
        raise SyncError(f"bundle lists blob {sorted(listed)[0]} but does not contain it")
    if set(manifest.get("origins", {})) != set(origins):
        raise SyncError("bundle origin attestations do not match the manifest")
    changes = _parse_changes(contents[CHANGES])
    if len(changes) != manifest["change_count"]:
        raise SyncError("bundle change count does not match the manifest")
    return Contents(manifest=manifest, changes=changes, blobs=blobs, origins=origins)


def _str(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit and safejson.clean_text(value)


def _count(value: Any, limit: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit


def _check_manifest(m: Any, limits: Limits) -> None:
    """Every field later code reads, by type and range (so nothing downstream can crash)."""
    if not isinstance(m, dict):
        raise SyncError("bundle manifest is not an object")
    if m.get("format") != FORMAT:
        raise SyncError(f"bundle manifest format {str(m.get('format'))[:20]!r} is not supported")
    if m.get("kind") not in ("push", "pull"):
        raise SyncError("bundle manifest lacks a valid 'kind'")
    if not (_str(m.get("device_id"), 36) and m["device_id"]):
        raise SyncError("bundle manifest lacks a valid 'device_id'")
    for key, limit in (
        ("seq_from", SEQ_MAX + 1),
        ("seq_to", SEQ_MAX),
        ("change_count", limits.max_members * 1000),
    ):
        if not _count(m.get(key), limit):
            raise SyncError(f"bundle manifest lacks a valid {key!r} (0..{limit})")
    if m["seq_from"] > m["seq_to"] + 1:
        raise SyncError("bundle manifest change range is reversed")
    for key in ("members", "blobs"):
        if not isinstance(m.get(key), dict):
            raise SyncError(f"bundle manifest lacks a valid {key!r}")
    for key in ("officer_id", "recipient", "bundle_uuid", "created_at", "epoch"):
        if m.get(key) is not None and not _str(m[key], 64):
            raise SyncError(f"bundle manifest field {key!r} is malformed")
    if "acked_seq" in m and m["acked_seq"] is not None and not _count(m["acked_seq"], SEQ_MAX):
        raise SyncError("bundle manifest field 'acked_seq' is malformed")
    if "settings" in m and m["settings"] is not None and not isinstance(m["settings"], dict):
        raise SyncError("bundle manifest field 'settings' is malformed")
    held = m.get("withheld")
    if held is not None and not (isinstance(held, dict) and _count(held.get("count"), SEQ_MAX)):
        raise SyncError("bundle manifest field 'withheld' is malformed")
    for name, meta in m["members"].items():
        if not (
            isinstance(meta, dict)
            and _count(meta.get("size"), limits.max_member)
            and isinstance(meta.get("sha256"), str)
            and _SHA256.match(meta["sha256"])
        ):
            raise SyncError(f"bundle manifest entry for {name!r:.80} is malformed")
    remote = m.get("remote_blobs", {})
    if not isinstance(remote, dict):
        raise SyncError("bundle manifest field 'remote_blobs' is malformed")
    if m["kind"] != "pull" and remote:
        raise SyncError("only the office's pulls may list blobs kept at the office")
    for sha, meta in [*m["blobs"].items(), *remote.items()]:
        if not (
            _SHA256.match(sha)
            and isinstance(meta, dict)
            and _count(meta.get("size"), limits.max_member)
            and _str(meta.get("media_type", ""), 50)
            and all(meta.get(k) is None or _count(meta[k], INT32_MAX) for k in ("width", "height"))
        ):
            raise SyncError(f"bundle manifest metadata of blob {sha!r:.80} is malformed")
    _check_origins(m.get("origins", {}))


def _check_origins(origins: Any) -> None:
    if not isinstance(origins, dict):
        raise SyncError("bundle manifest field 'origins' is malformed")
    for bid, meta in origins.items():
        ok = (
            _SHA256.match(bid)
            and isinstance(meta, dict)
            and _str(meta.get("device_id"), 36)
            and isinstance(meta.get("signature"), str)
            and len(meta["signature"]) <= 100
        )
        if ok:
            try:
                ok = len(base64.b64decode(meta["signature"], validate=True)) == 64
            except (binascii.Error, ValueError):
                ok = False
        if not ok:
            raise SyncError(f"bundle origin attestation {bid!r:.80} is malformed")


RAW_PAYLOAD = "payload_json"  # internal: the payload's JSON text, kept to log it as it came
_SPLIT = ', "payload": '


def _parse_line(line: str, what: str) -> dict[str, Any]:
    """One change. Lines written as ``{...head..., "payload": {...}}`` keep the payload text.

    The head parses on its own only if the split point is at the top level of
    the object (inside a string or a nested value the head would not be valid
    JSON), so the kept text is exactly the parsed payload. Anything else is
    parsed whole."""
    at = line.find(_SPLIT)
    if at > 0 and line.endswith("}"):
        try:
            head = safejson.parse(line[:at] + "}", what)
            raw = line[at + len(_SPLIT) : -1]
            payload = safejson.parse(raw, what)
        except SyncError:
            head = None
        if isinstance(head, dict) and "payload" not in head and RAW_PAYLOAD not in head:
            head["payload"], head[RAW_PAYLOAD] = payload, raw
            return head
    change = safejson.parse(line, what)
    if not isinstance(change, dict):
        raise SyncError(f"{what} is not an object")
    change.pop(RAW_PAYLOAD, None)
    if isinstance(change.get("payload"), dict):  # the text stored and attested from here on
        change[RAW_PAYLOAD] = json.dumps(change["payload"])
    return change


def _parse_changes(data: bytes) -> list[dict[str, Any]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SyncError("changes.jsonl is not UTF-8") from None
    return [
        _parse_line(line, f"changes.jsonl line {n}")
        for n, line in enumerate(text.split("\n"), 1)
        if line.strip()
    ]


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()
