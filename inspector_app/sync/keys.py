"""Device and office keys.

Each installation has an Ed25519 key pair (signing bundles and requests) and an
X25519 key pair (receiving bundles from the office), both in
``<data>/device_key.pem`` with 0600 permissions; never in the database. The
office has an X25519 key pair (``office_key.pem``) to which laptops encrypt
bundles. A public "office key" given to laptops is one base64 token:
X25519 public (32) + Ed25519 public (32) + office device id (16, UUID bytes).
"""

from __future__ import annotations

import base64
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from .errors import SyncError

DEVICE_KEY_FILE = "device_key.pem"
OFFICE_KEY_FILE = "office_key.pem"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


@dataclass(frozen=True)
class DeviceKeys:
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @property
    def sign_public(self) -> bytes:
        return self.sign.public_key().public_bytes(*_RAW)

    @property
    def box_public(self) -> bytes:
        return self.box.public_key().public_bytes(*_RAW)


@dataclass(frozen=True)
class OfficeKey:
    """What a laptop knows of the office: where to encrypt, whose signature to trust."""

    box_public: bytes
    sign_public: bytes
    device_id: str

    @property
    def key_id(self) -> str:
        return key_id(self.box_public)

    def encode(self) -> str:
        raw = self.box_public + self.sign_public + uuid.UUID(self.device_id).bytes
        return base64.b64encode(raw).decode("ascii")


def key_id(box_public: bytes) -> str:
    return hashlib.sha256(box_public).hexdigest()[:16]


def fingerprint(sign_public: bytes) -> str:
    """Short, human-checkable: read it aloud on the phone before enrolling."""
    digest = hashlib.sha256(sign_public).hexdigest()[:20].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 20, 4))


def _write_private(path: Path, pem: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _pem(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _read_pems(path: Path) -> list[object]:
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise SyncError(f"cannot read key file {path}: {exc.strerror}") from None
    marker = b"-----END PRIVATE KEY-----"
    blocks = [b + marker for b in text.split(marker) if b.strip()]
    try:
        return [serialization.load_pem_private_key(b.strip(), password=None) for b in blocks]
    except ValueError as exc:
        raise SyncError(f"key file {path} is damaged: {exc}") from None


def load_or_create_device_keys(folder: Path) -> DeviceKeys:
    """This installation's key pairs, created (0600) the first time they are needed."""
    path = folder / DEVICE_KEY_FILE
    if not path.exists():
        keys = DeviceKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
        _write_private(path, _pem(keys.sign) + _pem(keys.box))
        return keys
    found = _read_pems(path)
    sign = next((k for k in found if isinstance(k, Ed25519PrivateKey)), None)
    box = next((k for k in found if isinstance(k, X25519PrivateKey)), None)
    if sign is None or box is None:
        raise SyncError(f"key file {path} lacks an Ed25519 or X25519 key")
    return DeviceKeys(sign, box)


def create_office_key(folder: Path) -> X25519PrivateKey:
    path = folder / OFFICE_KEY_FILE
    if path.exists():
        raise SyncError(f"the office key already exists: {path}")
    key = X25519PrivateKey.generate()
    _write_private(path, _pem(key))
    return key


def load_office_key(folder: Path) -> X25519PrivateKey:
    path = folder / OFFICE_KEY_FILE
    if not path.exists():
        raise SyncError(f"no office key in {folder}: run 'inspector office init' first")
    found = [k for k in _read_pems(path) if isinstance(k, X25519PrivateKey)]
    if not found:
        raise SyncError(f"key file {path} holds no X25519 key")
    return found[0]


def office_public(folder: Path, device_id: str) -> OfficeKey:
    box = load_office_key(folder).public_key().public_bytes(*_RAW)
    sign = load_or_create_device_keys(folder).sign_public
    return OfficeKey(box, sign, device_id)


def parse_office_key(text: str) -> OfficeKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        raw = b""
    if len(raw) != 80:
        raise SyncError(
            "not an office key: expected the base64 text of 'inspector office public-key'"
        )
    return OfficeKey(raw[:32], raw[32:64], str(uuid.UUID(bytes=raw[64:])))


def verify_key(public: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(public)


def box_key(public: bytes) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(public)
