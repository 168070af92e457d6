"""Origin attestations: a device's signature over the changes it wrote, kept for forwarding.

When a device exports its own changes it signs one **batch**: the list of their
digests, ``sha256(table \\n payload-text)`` (32 bytes each; the payload holds the row's id,
clock, device and tombstone), as ``"inspector origin v1\\n" + device id + "\\n" +
sha256(digests)``. The batch travels as the bundle member ``origins/<batch id>``
with the device and signature in the manifest; each change line names its batch
and index (``"origin": [id, i]``). Whoever imports a push keeps the batches and,
per change-log entry, the reference (``origin_batches``, ``change_log.origin_*``),
and every database stores a payload's text byte for byte (``store/jsontext.py``),
so the digest can be checked again wherever the change goes next.

A relay (a supervisor's machine the office marked with ``inspector device relay``)
may forward other devices' changes, each with its origin's batch; the office
checks every one against the origin's enrolled key. Any other device may send
only its own changes. So a stolen laptop cannot pass off an inspection as another
device's: it would need that device's key.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .errors import SyncError

_PREFIX = b"inspector origin v1\n"
DIGEST = 32


def change_digest(table: str, text: str) -> bytes:
    """The digest of one change: its table and its payload text. The payload holds the row's
    id, clock, origin device and tombstone, which the importer checks against the change's
    head, so they need not be digested twice."""
    return hashlib.sha256(f"{table}\n{text}".encode("utf-8", "surrogatepass")).digest()


def _message(device_id: str, digests: bytes) -> bytes:
    return _PREFIX + device_id.encode() + b"\n" + hashlib.sha256(digests).digest()


@dataclass(frozen=True)
class Batch:
    batch_id: str
    device_id: str
    signature: bytes
    digests: bytes

    def __len__(self) -> int:
        return len(self.digests) // DIGEST

    def digest(self, index: int) -> bytes:
        return self.digests[index * DIGEST : (index + 1) * DIGEST]

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }


def sign_batch(key: Ed25519PrivateKey, device_id: str, digests: bytes) -> Batch:
    message = _message(device_id, digests)
    return Batch(hashlib.sha256(message).hexdigest(), device_id, key.sign(message), digests)


def read_batch(batch_id: str, meta: dict[str, Any], digests: bytes) -> Batch:
    """A batch from a bundle (manifest entry already checked for types by ``bundle``)."""
    if len(digests) % DIGEST or not digests:
        raise SyncError(f"origin attestation {batch_id[:16]} is malformed")
    batch = Batch(batch_id, meta["device_id"], base64.b64decode(meta["signature"]), digests)
    if hashlib.sha256(_message(batch.device_id, digests)).hexdigest() != batch_id:
        raise SyncError(f"origin attestation {batch_id[:16]} does not match its name")
    return batch


def verify_batch(batch: Batch, key: Ed25519PublicKey) -> None:
    try:
        key.verify(batch.signature, _message(batch.device_id, batch.digests))
    except InvalidSignature:
        raise SyncError(
            f"origin attestation {batch.batch_id[:16]} is not signed by device {batch.device_id}"
        ) from None
