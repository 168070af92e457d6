"""Content-addressed files on disk: photos, signatures, issued PDFs.

A blob's name is the SHA-256 of its bytes (``blobs/ab/abcdef…``), so the same
photo is stored once however often it is attached, and a file whose bytes no
longer match its name is detected on read. Files are written to a temporary
name, fsynced and renamed, so a crash never leaves half a photo under a real
name.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from .models import Blob

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BlobError(Exception):
    pass


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise BlobError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists() and target.stat().st_size == len(data) and self.verified(digest):
            return digest  # a damaged file of the same size is replaced below
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, sha256: str) -> bytes:
        try:
            data = self.path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise BlobError(f"blob {sha256} is missing from {self.root}") from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobError(f"blob {sha256} is corrupt: its bytes no longer match its hash")
        return data

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def verified(self, sha256: str) -> bool:
        """The file is there and its bytes match its name."""
        try:
            self.get(sha256)
        except BlobError:
            return False
        return True

    def problem(self, sha256: str) -> str | None:
        """``None`` when the file is there and intact, else what is wrong (one line)."""
        try:
            self.get(sha256)
        except BlobError as exc:
            return "missing" if isinstance(exc.__cause__, FileNotFoundError) else "damaged"
        except OSError as exc:
            return f"unreadable ({exc.strerror})"
        return None


def store_blob(
    session: Session,
    blobs: BlobStore,
    data: bytes,
    *,
    media_type: str,
    width: int | None = None,
    height: int | None = None,
) -> str:
    """Write the bytes and record their metadata (once) in the same transaction."""
    digest = blobs.put(data)
    if session.get(Blob, digest) is None:
        session.add(
            Blob(sha256=digest, size=len(data), media_type=media_type, width=width, height=height)
        )
        # Rows that point at a blob carry only a foreign key, no relationship,
        # so the unit of work cannot order them after it: write it now.
        session.flush()
    return digest
