"""Bundle contents: a ZIP with a signed manifest, the changes and the blobs.

Members (nothing else is accepted)::

    manifest.json   format, kind, device, officer, change range, created time,
                    SHA-256 and size of every other member, blob metadata
    manifest.sig    Ed25519 signature of manifest.json by the sending device
    changes.jsonl   one change per line
    blobs/<sha256>  the bytes of every blob the changes reference

Reading verifies everything in memory (names, sizes, ratios, hashes,
signature) before anything is returned; nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .envelope import FORMAT
from .errors import SyncError

MANIFEST, SIGNATURE, CHANGES = "manifest.json", "manifest.sig", "changes.jsonl"
_BLOB_NAME = re.compile(r"^blobs/([0-9a-f]{64})$")


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


def pack(
    *,
    manifest: dict[str, Any],
    lines: list[str],
    blobs: dict[str, bytes],
    signer: Ed25519PrivateKey,
) -> tuple[bytes, dict[str, Any]]:
    """The ZIP bytes and the final manifest (``members``, ``format`` added here).

    ``lines``: one JSON object per change, already serialised."""
    body = "".join(line + "\n" for line in lines)
    members: dict[str, bytes] = {CHANGES: body.encode("utf-8")}
    members.update({f"blobs/{sha}": data for sha, data in sorted(blobs.items())})
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
            raise SyncError(f"bundle member name refused: {name!r}")
        if name in seen:
            raise SyncError(f"bundle member appears twice: {name!r}")
        seen.add(name)
        if name not in (MANIFEST, SIGNATURE, CHANGES) and not _BLOB_NAME.match(name):
            raise SyncError(f"unexpected bundle member: {name!r}")
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
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise SyncError(f"bundle member {info.filename!r} is damaged: {exc}") from None
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
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SyncError(f"bundle payload is not a valid archive: {exc}") from None
    _check_names(infos, limits)
    by_name = {i.filename: i for i in infos}
    manifest_bytes = _read(zf, by_name[MANIFEST], min(limits.max_member, 64 * 2**20))
    signature = _read(zf, by_name[SIGNATURE], 64)
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise SyncError("bundle manifest is not valid JSON") from None
    _check_manifest(manifest)
    try:
        signer_key(manifest).verify(signature, manifest_bytes)
    except InvalidSignature:
        raise SyncError("bundle signature is invalid: not signed by its device") from None
    declared = manifest["members"]
    if set(declared) != set(by_name) - {MANIFEST, SIGNATURE}:
        raise SyncError("bundle members do not match the manifest")
    contents: dict[str, bytes] = {}
    for name, meta in declared.items():
        data = _read(zf, by_name[name], min(int(meta["size"]), limits.max_member))
        if len(data) != meta["size"] or hashlib.sha256(data).hexdigest() != meta["sha256"]:
            raise SyncError(f"bundle member {name!r} does not match its manifest hash or size")
        contents[name] = data
    blobs: dict[str, bytes] = {}
    for name, data in contents.items():
        match = _BLOB_NAME.match(name)
        if match:
            if hashlib.sha256(data).hexdigest() != match.group(1):
                raise SyncError(f"blob {name!r} does not match its name")
            if match.group(1) not in manifest["blobs"]:
                raise SyncError(f"blob {name!r} has no metadata in the manifest")
            blobs[match.group(1)] = data
    changes = _parse_changes(contents[CHANGES])
    if len(changes) != manifest["change_count"]:
        raise SyncError("bundle change count does not match the manifest")
    return Contents(manifest=manifest, changes=changes, blobs=blobs)


def _check_manifest(m: Any) -> None:
    if not isinstance(m, dict):
        raise SyncError("bundle manifest is not an object")
    if m.get("format") != FORMAT:
        raise SyncError(f"bundle manifest format {m.get('format')!r} is not supported")
    for key, kind in (
        ("device_id", str),
        ("kind", str),
        ("seq_from", int),
        ("seq_to", int),
        ("change_count", int),
        ("members", dict),
        ("blobs", dict),
    ):
        if not isinstance(m.get(key), kind):
            raise SyncError(f"bundle manifest lacks a valid {key!r}")
    for name, meta in m["members"].items():
        if not (
            isinstance(meta, dict)
            and isinstance(meta.get("size"), int)
            and meta["size"] >= 0
            and isinstance(meta.get("sha256"), str)
        ):
            raise SyncError(f"bundle manifest entry for {name!r} is malformed")


RAW_PAYLOAD = "payload_json"  # internal: the payload's JSON text, kept to log it as it came
_SPLIT = ', "payload": '


def _parse_line(line: str) -> dict[str, Any]:
    """One change. Lines written as ``{...head..., "payload": {...}}`` keep the payload text.

    The head parses on its own only if the split point is at the top level of
    the object (inside a string or a nested value the head would not be valid
    JSON), so the kept text is exactly the parsed payload. Anything else is
    parsed whole."""
    at = line.find(_SPLIT)
    if at > 0 and line.endswith("}"):
        try:
            head = json.loads(line[:at] + "}")
            raw = line[at + len(_SPLIT) : -1]
            payload = json.loads(raw)
        except ValueError:
            head = None
        if isinstance(head, dict) and "payload" not in head and RAW_PAYLOAD not in head:
            head["payload"], head[RAW_PAYLOAD] = payload, raw
            return head
    change = json.loads(line)
    if not isinstance(change, dict):
        raise ValueError("not an object")
    change.pop(RAW_PAYLOAD, None)
    return change


def _parse_changes(data: bytes) -> list[dict[str, Any]]:
    out = []
    try:
        for n, line in enumerate(data.decode("utf-8").split("\n"), 1):
            if line.strip():
                try:
                    out.append(_parse_line(line))
                except ValueError as exc:
                    raise SyncError(f"changes.jsonl line {n} is malformed: {exc}") from None
    except UnicodeDecodeError:
        raise SyncError("changes.jsonl is not UTF-8") from None
    return out


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()
