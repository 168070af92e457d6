"""Sync speed: export and import of one big bundle against plain executemany.

One laptop bundle: 1,000 inspections (~60,000 item results, 2,000 small
photos, their findings and equipment). Import = decrypt, verify every member,
check and decode every change, merge, log, write blob files, one commit. The
baseline inserts the very same decoded rows (and blob rows) with Core
executemany in one transaction on the same kind of fresh database.

    .venv/bin/python bench/bench_sync.py [--runs 3] [--pg URL]

PostgreSQL is used when --pg or INSPECTOR_TEST_PG_URL names a server.
Targets: SQLite import ratio <= 3, export <= 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
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
from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from test_sync_support import (  # noqa: E402
    deliver,
    join,
    make_node,
    make_office,
    push_bundle,
)

from inspector_app.core.forms import register_shipped_forms  # noqa: E402
from inspector_app.store.blobs import store_blob  # noqa: E402
from inspector_app.store.changes import bulk_insert  # noqa: E402
from inspector_app.store.models import (  # noqa: E402
    Blob,
    Equipment,
    FormVersion,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Officer,
    Photo,
    Unit,
)
from inspector_app.sync import envelope, keys  # noqa: E402
from inspector_app.sync.bundle import unpack  # noqa: E402
from inspector_app.sync.columns import table_specs  # noqa: E402

INSPECTIONS, ITEMS, PHOTOS_PER = 1000, 60, 2


def _jpeg(rng: random.Random) -> bytes:
    img = Image.new("RGB", (48, 36), tuple(rng.randrange(256) for _ in range(3)))
    img.putpixel((rng.randrange(48), rng.randrange(36)), (rng.randrange(256),) * 3)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()


def build_laptop(root: Path, office) -> object:
    lap = make_node(root, "laptop")
    join(lap, office)
    rng = random.Random(7)
    with lap.db.write() as s:
        register_shipped_forms(s)
        s.add(Officer(name="张三", cert_no="BENCH001", role="inspector", password_hash="x"))
        s.flush()
        officer = s.query(Officer).one()
        form = s.query(FormVersion).first()
        units = [
            {"name": f"单位{i}", "uscc": "91350600MA00000009", "venue_type": "school"}
            for i in range(100)
        ]
        bulk_insert(s, Unit, units)
        equipment = [
            {
                "unit_id": units[i % 100]["id"],
                "kind": form.kind,
                "category_code": "3110",
                "registration_code": f"3110350600{i:010d}",
                "attributes": {},
            }
            for i in range(INSPECTIONS)
        ]
        bulk_insert(s, Equipment, equipment)
        now = dt.datetime.now(dt.UTC)
        inspections = [
            {"unit_id": e["unit_id"], "lead_officer_id": officer.id, "started_at": now}
            for e in equipment
        ]
        bulk_insert(s, Inspection, inspections)
        ies = [
            {"inspection_id": i["id"], "equipment_id": e["id"], "form_version_id": form.id}
            for i, e in zip(inspections, equipment, strict=True)
        ]
        bulk_insert(s, InspectionEquipment, ies)
        results = [
            {
                "inspection_equipment_id": ie["id"],
                "item_id": f"I{n:03}",
                "outcome": "pass",
                "answered_by": officer.id,
                "answered_at": now,
            }
            for ie in ies
            for n in range(ITEMS)
        ]
        for i in range(0, len(results), 10000):
            bulk_insert(s, ItemResult, results[i : i + 10000])
        photos = []
        for insp in inspections:
            for _ in range(PHOTOS_PER):
                sha = store_blob(
                    s, lap.blobs, _jpeg(rng), media_type="image/jpeg", width=48, height=36
                )
                photos.append(
                    {
                        "inspection_id": insp["id"],
                        "original_sha256": sha,
                        "print_sha256": sha,
                        "taken_at": now,
                    }
                )
        bulk_insert(s, Photo, photos)
    return lap


def fresh_office(kind: str, template: Path, pg_admin: str | None, n: int, root: Path):
    folder = root / f"{kind}{n}"
    folder.mkdir()
    for name in ("office_key.pem", "device_key.pem"):
        shutil.copy(template / name, folder / name)
    if kind == "sqlite":
        shutil.copy(template / "inspector.sqlite3", folder / "inspector.sqlite3")
        return make_node(root, folder.name)
    name = f"bench_sync_{os.getpid()}_{n}"
    admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE bench_sync_template'))
    admin.dispose()
    url = make_url(pg_admin).set(database=name).render_as_string(hide_password=False)
    return make_node(root, folder.name, url)


def baseline(office, rows_by_table, blob_rows) -> float:
    start = time.perf_counter()
    with office.db.write() as s:
        conn = s.connection()
        conn.execute(insert(Blob.__table__), blob_rows)
        for spec, rows in rows_by_table:
            for i in range(0, len(rows), 500):
                conn.execute(insert(spec.table), rows[i : i + 500])
    return time.perf_counter() - start


def _phases(data: bytes, office) -> None:
    """Where an import spends its time (verification, then each apply phase)."""
    from inspector_app.sync import apply, incoming

    t0 = time.perf_counter()
    contents = incoming.verify(office.db, data, folder=office.folder)
    t1 = time.perf_counter()
    specs = table_specs()
    for c in contents.changes:
        apply._validate(c, specs)
    t2 = time.perf_counter()
    for blob in contents.blobs.values():
        office.blobs.put(blob)
    t3 = time.perf_counter()
    print(f"  phases: verify {t1 - t0:.2f} s, validate {t2 - t1:.2f} s, blobs {t3 - t2:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get("INSPECTOR_TEST_PG_URL"))
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench_sync_"))
    template = make_office(root / "t")
    lap = build_laptop(root, template)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        cProfile.runctx("push_bundle(lap)", globals(), locals(), sort="cumtime")
        return 0
    exports = []
    for _ in range(args.runs):
        start = time.perf_counter()
        ex = push_bundle(lap)
        exports.append(time.perf_counter() - start)
    m = ex.manifest
    print(
        f"bundle: {m['change_count']} changes, {len(m['blobs'])} blobs, "
        f"{len(ex.data) / 2**20:.1f} MiB"
    )
    print(f"export                 median {statistics.median(exports):6.2f} s  (target <= 2 s)")
    template.db.dispose()
    payload = envelope.open_sealed(ex.data, private=keys.load_office_key(template.folder))[1]
    contents = unpack(payload, signer_key=lambda _m: keys.verify_key(lap.keys().sign_public))
    specs = table_specs()
    grouped: dict[str, list] = {}
    for c in contents.changes:
        grouped.setdefault(c["table"], []).append(specs[c["table"]].decode(c["payload"]))
    grouped.pop("devices", None)  # the device row is at the office since enrolment
    rows_by_table = sorted(((specs[t], r) for t, r in grouped.items()), key=lambda x: x[0].order)
    blob_rows = [
        dict(sha256=k, created_at=rows_by_table[0][1][0]["created_at"], **v)
        for k, v in m["blobs"].items()
    ]
    kinds = ["sqlite"]
    if args.pg:
        admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text("DROP DATABASE IF EXISTS bench_sync_template WITH (FORCE)"))
            c.execute(text("CREATE DATABASE bench_sync_template"))
        admin.dispose()
        from inspector_app.store.db import open_database

        url = make_url(args.pg).set(database="bench_sync_template")
        db = open_database(url.render_as_string(hide_password=False))
        from inspector_app.sync import enrol

        enrol.enrol(db, enrol.enrol_request(lap.db, lap.folder, name="laptop"))
        db.dispose()
        kinds.append("postgres")
    n = 0
    for kind in kinds:
        imports, bases = [], []
        for _ in range(args.runs):
            n += 1
            office = fresh_office(kind, template.folder, args.pg, n, root)
            start = time.perf_counter()
            if os.environ.get("BENCH_PHASES"):
                _phases(ex.data, office)
            report = deliver(ex.data, office)
            imports.append(time.perf_counter() - start)
            res = report.result
            assert res.applied + res.identical + res.older == m["change_count"], res
            office.db.dispose()
            n += 1
            office = fresh_office(kind, template.folder, args.pg, n, root)
            bases.append(baseline(office, rows_by_table, blob_rows))
            office.db.dispose()
        ratio = statistics.median(imports) / statistics.median(bases)
        print(
            f"import {kind:9}       median {statistics.median(imports):6.2f} s   "
            f"executemany {statistics.median(bases):6.2f} s   ratio {ratio:4.2f}"
        )
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
