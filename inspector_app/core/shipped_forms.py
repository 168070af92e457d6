"""Registering the shipped checklists at start-up only when they changed.

Parsing the YAML forms takes ~0.5 s of pure Python, on every start of the app,
to learn that nothing changed. This keeps a marker file in the data folder:
the digest of the form files plus the form-version ids they produced. When
the files hash the same and the database still holds those ids, nothing is
parsed. Anything else (new files, another database, a restored backup) falls
back to ``register_shipped_forms``, which is idempotent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from sqlalchemy import func, select

from inspector_app import paths
from inspector_app.store.db import Database
from inspector_app.store.models import FormVersion

MARKER = "shipped-forms.json"


def forms_digest(directory: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(directory or paths.FORMS_DIR).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def ensure_shipped_forms(db: Database, folder: Path, directory: Path | None = None) -> bool:
    """Register the shipped forms unless the marker proves they are there; True if it ran."""
    marker = Path(folder) / MARKER
    digest = forms_digest(directory)
    try:
        known = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    ids = known.get("ids") or []
    where = hashlib.sha256(db.url.encode()).hexdigest()[:16]  # no password in the file
    if known.get("digest") == digest and known.get("db") == where and ids:
        with db.read() as s:
            present = s.scalar(select(func.count(FormVersion.id)).where(FormVersion.id.in_(ids)))
        if present == len(ids):
            return False
    from .forms import register_shipped_forms

    with db.write() as s:
        ids = sorted(v.id for v in register_shipped_forms(s, directory).values())
    with contextlib.suppress(OSError):  # a read-only data folder only loses the fast path
        marker.write_text(json.dumps({"digest": digest, "db": where, "ids": ids}),
                          encoding="utf-8")
    return True
