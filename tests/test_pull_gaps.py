"""Pull without gaps: office writers and pulls at the same time, every change delivered once.

Office writers run in threads and keep their transactions open a little while (edits
through the ORM with a pause before commit, imports of laptop bundles that pause while
applying), while several enrolled devices pull in small pages. Each puller must receive
every change-log entry of the office (except its own) exactly once. The change log is
commit-ordered (``store.changes.lock_log``): without that, an import's entries could
commit after a later supervisor edit's and a pull between the two would skip them.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from sqlalchemy import select
from test_sync_support import join, make_node, make_office, push_bundle

from inspector_app.rules.enums import VenueType
from inspector_app.store.models import ChangeLog, Unit
from inspector_app.sync import bundle, envelope, incoming, keys, outgoing
from inspector_app.sync.task import SyncTask

EDITORS, IMPORTERS, PULLERS = 2, 1, 3
EDITS, BUNDLES = 30, 10


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


def _laptop_bundles(tmp_path, office) -> list[bytes]:
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    out = []
    for n in range(BUNDLES):
        with lap.db.write() as s:
            for i in range(5):
                s.add(
                    Unit(
                        name=f"导入{n}-{i}", uscc="91350600MA00000009", venue_type=VenueType.SCHOOL
                    )
                )
        ex = push_bundle(lap)
        out.append(ex.data)
        with lap.db.write() as s:
            outgoing.save_cursor(s, office.db.device_id(), acked=ex.manifest["seq_to"])
    lap.db.dispose()
    return out


def _pause_while_applying(rng: random.Random) -> SyncTask:
    def progress(task: SyncTask) -> None:
        if task.phase == "applying" and rng.random() < 0.5:
            time.sleep(rng.uniform(0.002, 0.02))

    return SyncTask(on_progress=progress)


def test_concurrent_writers_and_pulls_deliver_every_change_once(tmp_path, office_url):
    office = make_office(tmp_path, office_url)
    pullers = [make_node(tmp_path, f"p{i}") for i in range(PULLERS)]
    for node in pullers:
        join(node, office)
    bundles = _laptop_bundles(tmp_path, office)
    with office.db.write() as s:
        s.add(Unit(name="起点", uscc="91350600MA00000009", venue_type=VenueType.SCHOOL))
    office_keys = office.keys()
    sign_key = keys.verify_key(office_keys.sign_public)
    errors: list[str] = []
    writing = threading.Event()
    writing.set()

    def edit(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for n in range(EDITS):
                with office.db.write() as s:
                    s.add(
                        Unit(
                            name=f"编辑{seed}-{n}",
                            uscc="91350600MA00000009",
                            venue_type=VenueType.HOSPITAL,
                        )
                    )
                    first = s.scalars(select(Unit).order_by(Unit.id).limit(1)).one()
                    first.address = f"地址 {seed}-{n}"
                    s.flush()  # logged, not yet committed
                    time.sleep(rng.uniform(0.001, 0.03))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"editor {seed}: {exc!r}")

    def import_all(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for data in bundles:
                incoming.import_bundle(
                    office.db,
                    office.blobs,
                    data,
                    folder=office.folder,
                    task=_pause_while_applying(rng),
                )
                time.sleep(rng.uniform(0, 0.02))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"importer: {exc!r}")

    delivered: dict[str, list[int]] = {node.name: [] for node in pullers}

    def pull(node) -> None:
        device, box = node.db.device_id(), node.keys().box
        since, idle = 0, 0
        try:
            while True:
                more = writing.is_set()
                ex = outgoing.export_pull(
                    office.db,
                    office.blobs,
                    keys=office_keys,
                    device_id=device,
                    since=since,
                    limit=7,
                )
                payload = envelope.open_sealed(ex.data, private=box)[1]
                contents = bundle.unpack(payload, signer_key=lambda _m: sign_key)
                delivered[node.name] += [c["seq"] for c in contents.changes]
                since = ex.manifest["seq_to"]
                idle = idle + 1 if not contents.changes else 0
                if not more and idle >= 2:
                    return
                time.sleep(0.003)
        except Exception as exc:  # noqa: BLE001
            errors.append(f"puller {node.name}: {exc!r}")

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(EDITORS)]
    threads += [threading.Thread(target=import_all, args=(100 + i,)) for i in range(IMPORTERS)]
    readers = [threading.Thread(target=pull, args=(node,)) for node in pullers]
    for t in readers + threads:
        t.start()
    for t in threads:
        t.join(300)
    writing.clear()
    for t in readers:
        t.join(300)
    assert not errors, errors
    with office.db.read() as s:
        log = list(s.execute(select(ChangeLog.seq, ChangeLog.device_id)))
    for node in pullers:
        expected = sorted(seq for seq, dev in log if dev != node.db.device_id())
        got = delivered[node.name]
        assert len(got) == len(set(got)), f"{node.name}: a change delivered twice"
        missing = sorted(set(expected) - set(got))
        assert not missing, f"{node.name}: {len(missing)} change(s) never delivered: {missing[:10]}"
        assert sorted(got) == expected
    edits = EDITORS * EDITS * 2
    assert len(log) >= edits + BUNDLES * 5
    print(
        f"pull gaps ({office.db.engine.dialect.name}): {EDITORS + IMPORTERS} writers x "
        f"{PULLERS} pullers, {len(expected)} changes delivered to each, exactly once"
    )
    for node in [office, *pullers]:
        node.db.dispose()
