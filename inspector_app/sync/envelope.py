"""The encrypted envelope around a bundle: ECIES with X25519, HKDF-SHA256, AES-256-GCM.

File layout (all of it authenticated; the header is the GCM associated data)::

    magic "INSPBNDL" (8) | format (1) | kind (1) | recipient key id (8)
    | ephemeral X25519 public key (32) | nonce (12) | AES-256-GCM ciphertext + tag

The key is HKDF-SHA256(X25519(ephemeral, recipient), salt = ephemeral public +
recipient public, info = "inspector bundle v1"). Only the holder of the
recipient's private key can read or undetectably alter the payload.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import SyncError
from .keys import key_id

MAGIC = b"INSPBNDL"
FORMAT = 1
KINDS = {"push": 1, "pull": 2}
_HEADER = struct.Struct(">8sBB8s32s12s")
HEADER_SIZE = _HEADER.size
_INFO = b"inspector bundle v1"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


@dataclass(frozen=True)
class Header:
    format: int
    kind: str
    key_id: str


def _derive(shared: bytes, eph: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph + recipient, info=_INFO).derive(
        shared
    )


def seal(payload: bytes, *, recipient: bytes, kind: str) -> bytes:
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(*_RAW)
    key = _derive(eph.exchange(X25519PublicKey.from_public_bytes(recipient)), eph_pub, recipient)
    nonce = os.urandom(12)
    header = _HEADER.pack(
        MAGIC, FORMAT, KINDS[kind], bytes.fromhex(key_id(recipient)), eph_pub, nonce
    )
    return header + AESGCM(key).encrypt(nonce, payload, header)


def read_header(data: bytes) -> Header:
    if len(data) < HEADER_SIZE + 16 or data[:8] != MAGIC:
        raise SyncError("not an inspector bundle (bad magic bytes or truncated file)")
    magic, fmt, kind, kid, _eph, _nonce = _HEADER.unpack_from(data)
    if fmt != FORMAT:
        raise SyncError(f"bundle format {fmt} is not supported (this version reads {FORMAT})")
    names = {v: k for k, v in KINDS.items()}
    if kind not in names:
        raise SyncError(f"unknown bundle kind {kind}")
    return Header(format=fmt, kind=names[kind], key_id=kid.hex())


def open_sealed(data: bytes, *, private: X25519PrivateKey) -> tuple[Header, bytes]:
    header = read_header(data)
    mine = private.public_key().public_bytes(*_RAW)
    if header.key_id != key_id(mine):
        raise SyncError(
            f"bundle is encrypted for key {header.key_id}, not this installation's {key_id(mine)}"
        )
    _m, _f, _k, _kid, eph_pub, nonce = _HEADER.unpack_from(data)
    try:
        key = _derive(private.exchange(X25519PublicKey.from_public_bytes(eph_pub)), eph_pub, mine)
        return header, AESGCM(key).decrypt(nonce, data[HEADER_SIZE:], data[:HEADER_SIZE])
    except (InvalidTag, ValueError):
        raise SyncError("bundle cannot be decrypted: damaged or altered") from None
