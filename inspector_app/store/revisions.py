"""The newest migration, read from the files themselves (no Alembic, no SQLAlchemy)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION = re.compile(r'^revision\s*=\s*["\']([^"\']+)["\']', re.MULTILINE)
_DOWN = re.compile(r'^down_revision\s*=\s*["\']([^"\']+)["\']', re.MULTILINE)


@functools.cache
def declared_head() -> str:
    """The one revision no other migration names as its parent."""
    revisions, parents = set(), set()
    for path in VERSIONS_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if match := _REVISION.search(source):
            revisions.add(match.group(1))
        if match := _DOWN.search(source):
            parents.add(match.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else ""


@functools.cache
def revision_chain() -> tuple[str, ...]:
    """Every revision from the first to the head, in order (sync/skew.py compares by it)."""
    parent: dict[str, str | None] = {}
    for path in VERSIONS_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if match := _REVISION.search(source):
            down = _DOWN.search(source)
            parent[match.group(1)] = down.group(1) if down else None
    chain: list[str] = []
    current: str | None = declared_head()
    while current and current in parent and current not in chain:
        chain.append(current)
        current = parent[current]
    return tuple(reversed(chain))
