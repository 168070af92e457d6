"""What ``inspector db check`` and ``inspector blobs check`` look at beyond SQLite itself:
every blob file against its hash, changes withheld from sync, the audit chains."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.store import audit
from inspector_app.store.blobs import BlobStore
from inspector_app.store.models import Blob
from inspector_app.sync import withheld


@dataclass
class BlobReport:
    checked: int = 0
    problems: dict[str, str] = field(default_factory=dict)  # sha256 -> missing | damaged
    remote: int = 0  # known by hash only: kept at the office, fetched when needed


def check_blobs(session: Session, store: BlobStore) -> BlobReport:
    """Read every blob the database knows and compare it with its name."""
    report = BlobReport()
    for sha, remote in session.execute(select(Blob.sha256, Blob.remote).order_by(Blob.sha256)):
        if remote:
            report.remote += 1
            continue
        report.checked += 1
        problem = store.problem(sha)
        if problem:
            report.problems[sha] = problem
    return report


def summary(session: Session, store: BlobStore) -> tuple[list[str], bool]:
    """Lines for ``db check`` and whether all is well."""
    lines, ok = [], True
    blobs = check_blobs(session, store)
    if blobs.problems:
        ok = False
        first = next(iter(blobs.problems.items()))
        lines.append(
            f"blobs: {blobs.checked} checked, {len(blobs.problems)} missing or damaged "
            f"(first: {first[0]} {first[1]}; see 'inspector blobs check')"
        )
    else:
        lines.append(
            f"blobs: {blobs.checked} checked, all present and intact"
            + (f"; {blobs.remote} kept at the office (fetched when needed)" if blobs.remote else "")
        )
    held = withheld.open_items(session)
    if held:
        ok = False
        lines.append(
            f"sync: {len(held)} change(s) withheld from bundles, first {held[0].table_name} "
            f"{held[0].row_id} (blob {held[0].blob_sha256[:16]}… {held[0].problem})"
        )
    chains = audit.verify(session)
    if chains.problems:
        ok = False
        lines.append(f"audit log: BROKEN: {chains.problems[0]}")
    else:
        lines.append(
            f"audit log: {chains.rows} row(s) in {chains.chains} chain(s) verify"
            + (f", {chains.unchained} from before chaining" if chains.unchained else "")
        )
    return lines, ok
