"""Backup and restore of a big installation against copying its files.

A laptop database with 20,000 pieces of equipment (the demo city) and 2,000 photos
(800x600 JPEGs of noise, ~150 KB each, as original and print copy: 4,000 blob files).
``inspector backup`` (online SQLite backup + every blob read back and hashed + keys,
one ZIP) and ``inspector restore`` (every hash checked first, then written, then the
new incarnation) are timed against a baseline measured in the same run: copying the
database file and the blob folder with shutil (what a careful person would do by
hand with the app closed: no check, no consistency while writing).

    .venv/bin/python -m bench.bench_backup [--equipment 20000] [--photos 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from PIL import Image  # noqa: E402
from sqlalchemy import select  # noqa: E402
from test_sync_support import make_node  # noqa: E402

from inspector_app.core import backups, demo  # noqa: E402
from inspector_app.store.blobs import store_blob  # noqa: E402
from inspector_app.store.changes import bulk_insert  # noqa: E402
from inspector_app.store.models import Inspection, Photo  # noqa: E402


def _photo(rng: random.Random) -> bytes:
    img = Image.frombytes("RGB", (800, 600), rng.randbytes(800 * 600 * 3))
    img = img.resize((800, 600), Image.Resampling.BOX)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


def build(root: Path, equipment: int, photos: int):
    node = make_node(root, "laptop")
    node.keys()
    demo.generate(node.db, node.blobs, equipment=equipment, seed=1)
    rng = random.Random(5)
    base = [_photo(rng) for _ in range(20)]
    with node.db.write() as s:
        inspections = list(s.scalars(select(Inspection.id)))
        rows = []
        for n in range(photos):
            # every photo distinct (a few bytes appended after the JPEG's end marker)
            original = base[n % 20] + n.to_bytes(4, "big")
            printed = base[(n + 7) % 20] + (n + 10**6).to_bytes(4, "big")
            sha_o = store_blob(
                s, node.blobs, original, media_type="image/jpeg", width=800, height=600
            )
            sha_p = store_blob(
                s, node.blobs, printed, media_type="image/jpeg", width=800, height=600
            )
            rows.append(
                {
                    "inspection_id": inspections[n % len(inspections)],
                    "original_sha256": sha_o,
                    "print_sha256": sha_p,
                    "taken_at": dt.datetime.now(dt.UTC),
                }
            )
        bulk_insert(s, Photo, rows)
    node.db.dispose()
    return node


def _count_blobs(node) -> int:
    import sqlite3

    con = sqlite3.connect(node.folder / "inspector.sqlite3")
    try:
        return con.execute("SELECT count(*) FROM blobs").fetchone()[0]
    finally:
        con.close()


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--equipment", type=int, default=20000)
    parser.add_argument("--photos", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench_backup_"))
    started = time.perf_counter()
    node = build(root, args.equipment, args.photos)
    db_mib = (node.folder / "inspector.sqlite3").stat().st_size / 2**20
    blob_mib = _size(node.folder / "blobs") / 2**20
    print(
        f"installation: {args.equipment} equipment, {args.photos} photos; database "
        f"{db_mib:.0f} MiB, blobs {blob_mib:.0f} MiB (built in {time.perf_counter() - started:.0f} s)"
    )
    blobs = _count_blobs(node)
    copies, backs, restores = [], [], []
    for n in range(args.runs):
        target = root / f"copy{n}"
        t0 = time.perf_counter()
        target.mkdir()
        shutil.copy2(node.folder / "inspector.sqlite3", target / "inspector.sqlite3")
        shutil.copytree(node.folder / "blobs", target / "blobs")
        copies.append(time.perf_counter() - t0)
        shutil.rmtree(target)
        path = root / f"b{n}.backup"
        report = backups.create_backup(node.folder, path)
        backs.append(report.seconds)
        assert not report.missing and report.blobs == blobs
        restored = backups.restore_backup(path, root / f"restored{n}")
        restores.append(restored.seconds)
        size = path.stat().st_size / 2**20
        shutil.rmtree(root / f"restored{n}")
        path.unlink()
    copy = statistics.median(copies)
    print(f"copy files (baseline)  median {copy:6.1f} s")
    print(
        f"backup                 median {statistics.median(backs):6.1f} s   "
        f"ratio {statistics.median(backs) / copy:4.2f}   file {size:.0f} MiB"
    )
    print(
        f"restore (check+write)  median {statistics.median(restores):6.1f} s   "
        f"ratio {statistics.median(restores) / copy:4.2f}"
    )
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
