"""Scoped pulls (issue 10): each laptop gets its districts and its officers' tasks, files
only of its own inspections and of open findings; reassignment reaches both laptops; the
scoped laptop agrees with the office on every row it has. SQLite and PostgreSQL offices."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from planning_support import conclude_from_task, make_city
from sqlalchemy import select
from test_sync_support import deliver, file_sync, join, make_node, make_office, pull_bundle

from inspector_app.core import coverage, demo, plans, tasks
from inspector_app.core.photos import add_photo
from inspector_app.rules import draw as rules
from inspector_app.rules.enums import FindingStatus
from inspector_app.store.changes import to_json_value
from inspector_app.store.models import (
    Blob,
    Equipment,
    Finding,
    Inspection,
    Photo,
    Signature,
    Task,
    Unit,
    synced_models,
)
from inspector_app.sync import scope
from inspector_app.sync.columns import table_specs
from inspector_app.sync.errors import SyncError

ZHANG, LI, CHEN, LIN = "35061001", "35061002", "35061003", "35061004"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


def _rows(db) -> dict[str, dict[str, str]]:
    """table -> row id -> canonical JSON of the synced columns."""
    out: dict[str, dict[str, str]] = {}
    with db.read() as s:
        for model in synced_models():
            spec = table_specs()[model.__tablename__]
            t = model.__table__
            out[model.__tablename__] = {
                r["id"]: json.dumps(
                    {k: to_json_value(r[k]) for k in sorted(spec.keys)}, sort_keys=True
                )
                for r in s.execute(select(t)).mappings()
            }
    return out


def _agrees(laptop, office) -> None:
    """Every synced row the laptop has is the office's row, column for column."""
    here, there = _rows(laptop.db), _rows(office.db)
    for table, rows in here.items():
        for rid, row in rows.items():
            assert there[table].get(rid) == row, (laptop.name, table, rid)


def _units(node) -> set[str]:
    with node.db.read() as s:
        return set(s.scalars(select(Unit.id)))


def _tasks_of(node) -> dict[str, tuple[str, str]]:
    with node.db.read() as s:
        return {t.id: (t.lead_officer_id, t.second_officer_id) for t in s.scalars(select(Task))}


@pytest.fixture
def city_office(tmp_path, office_url):
    """An office with a three-district city, a drawn plan and one concluded inspection
    (signatures, a photo of its open finding) done by 陈明/林华 in 龙海区; laptops a
    (张伟, 芗城区) and b (林华, 龙海区), enrolled and scoped, not yet pulled."""
    office = make_office(tmp_path, office_url)
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office, "01")
    join(b, office, "02")
    city = make_city(office.db, per_district=12)
    o = city["officers"]
    with office.db.write() as s:
        plan = plans.draw_plan(
            s, office.blobs, year=2026, seed="2026-01-15 8 3 1", officer_id=city["supervisor"],
            ratios={rules.KEY: 5000, rules.GENERAL: 5000},
        )  # fmt: skip
        plan_id = plan.id
    with office.db.read() as s:
        theirs = s.scalars(
            select(Task).join(Unit, Unit.id == Task.unit_id).where(
                Unit.district == "龙海区", Task.lead_officer_id.in_([o[CHEN], o[LIN]]),
                Task.second_officer_id.in_([o[CHEN], o[LIN]]))
        ).first()  # fmt: skip
        assert theirs is not None
        lead, second = theirs.lead_officer_id, theirs.second_officer_id
    done = conclude_from_task(office.db, office.blobs, task_id=theirs.id, lead=lead, second=second)
    with office.db.write() as s:
        finding = s.scalars(select(Finding).where(Finding.inspection_id == done)).one()
        photo = add_photo(s, office.blobs, inspection_id=done, finding_id=finding.id,
                          data=demo.finding_photo_png(random.Random(1)), caption="门锁")  # fmt: skip
        photo_sha = photo.original_sha256
    for node, districts, cert in ((a, ["芗城区"], ZHANG), (b, ["龙海区"], LIN)):
        scope.set_scope(office.db, node.db.device_id(), districts=districts, officers=[o[cert]])
    yield {"office": office, "a": a, "b": b, "city": city, "plan": plan_id, "inspection": done,
           "photo": photo_sha, "task": theirs.id}  # fmt: skip
    for node in (office, a, b):
        node.db.dispose()


def test_first_pull_carries_only_the_scope_and_files_only_where_needed(city_office):
    w = city_office
    office, a, b, o = w["office"], w["a"], w["b"], w["city"]["officers"]
    file_sync(a, office)
    file_sync(b, office)
    with office.db.read() as s:
        district = dict(s.execute(select(Unit.id, Unit.district)).all())
        all_tasks = {t.id: t for t in s.scalars(select(Task))}

        def expected(cert: str, home: str) -> tuple[set[str], set[str]]:
            mine = {tid for tid, t in all_tasks.items()
                    if o[cert] in (t.lead_officer_id, t.second_officer_id)}  # fmt: skip
            units = {u for u, d in district.items() if d == home}
            return mine, units | {all_tasks[t].unit_id for t in mine}

    for node, cert, home in ((a, ZHANG, "芗城区"), (b, LIN, "龙海区")):
        mine, units = expected(cert, home)
        assert set(_tasks_of(node)) == mine, node.name  # tasks reach only their officers
        assert _units(node) == units, node.name
        assert len(units) < len(district)
        _agrees(node, office)
        with node.db.read() as s:
            kinds = {e.unit_id for e in s.scalars(select(Equipment))}
            assert kinds <= units
    # the inspection in 龙海区 is b's district and has an open finding: b has its files
    shas = []
    with office.db.read() as s:
        shas = [x.blob_sha256 for x in s.scalars(
            select(Signature).where(Signature.inspection_id == w["inspection"]))] + [w["photo"]]  # fmt: skip
    with b.db.read() as s:
        assert s.get(Inspection, w["inspection"]) is not None
        for sha in shas:
            assert not s.get(Blob, sha).remote and b.blobs.verified(sha)
    # a never hears of it, nor of its files
    with a.db.read() as s:
        assert s.get(Inspection, w["inspection"]) is None
        for sha in shas:
            assert s.get(Blob, sha) is None and not a.blobs.verified(sha)
    assert not any(a.blobs.verified(sha) for sha in shas)


def test_closed_finding_files_stay_at_the_office_and_may_be_fetched_in_scope(city_office):
    w = city_office
    office, b, o = w["office"], w["b"], w["city"]["officers"]
    with office.db.write() as s:
        for f in s.scalars(select(Finding).where(Finding.inspection_id == w["inspection"])):
            f.status = FindingStatus.CLOSED.value
            f.closed_at = dt.datetime(2026, 3, 20, tzinfo=dt.UTC)
    # a third laptop for 龙海区 whose officer (李娜) did not do the inspection
    c = make_node(office.folder.parent, "c")
    join(c, office, "03")
    scope.set_scope(office.db, c.db.device_id(), districts=["龙海区"], officers=[o[LI]])
    file_sync(c, office)
    file_sync(b, office)
    with office.db.read() as s:
        shas = [x.blob_sha256 for x in s.scalars(
            select(Signature).where(Signature.inspection_id == w["inspection"]))] + [w["photo"]]  # fmt: skip
        photo = s.scalars(select(Photo).where(Photo.inspection_id == w["inspection"])).one()
    with c.db.read() as s:
        assert s.get(Inspection, w["inspection"]) is not None and s.get(Photo, photo.id)
        for sha in shas:  # history in scope, but not its files: known by hash only
            assert s.get(Blob, sha).remote and not c.blobs.verified(sha)
    with b.db.read() as s:  # b's officer did it: b keeps them
        assert all(b.blobs.verified(sha) for sha in shas)
    _agrees(c, office)
    with office.db.read() as s:
        assert scope.may_fetch(s, scope.Scope(frozenset({"龙海区"}), frozenset()), w["photo"])
        assert not scope.may_fetch(s, scope.Scope(frozenset({"芗城区"}), frozenset()), w["photo"])
        assert scope.may_fetch(s, None, w["photo"])
    c.db.dispose()


def test_reassignment_reaches_the_old_and_the_new_laptop_and_its_unit_follows(city_office):
    w = city_office
    office, a, b, o, sup = (
        w["office"],
        w["a"],
        w["b"],
        w["city"]["officers"],
        w["city"]["supervisor"],
    )
    file_sync(a, office)
    file_sync(b, office)
    # a task of 张伟 on a unit outside both laptops' districts (龙文区)
    with office.db.read() as s:
        task = s.scalars(
            select(Task).join(Unit, Unit.id == Task.unit_id).where(
                Unit.district == "龙文区",
                (Task.lead_officer_id == o[ZHANG]) | (Task.second_officer_id == o[ZHANG]))
        ).first()  # fmt: skip
        assert task is not None
        tid, unit_id = task.id, task.unit_id
    assert tid in _tasks_of(a) and unit_id in _units(a)
    assert tid not in _tasks_of(b) and unit_id not in _units(b)
    with office.db.write() as s:
        tasks.reassign_task(s, task_id=tid, lead_officer_id=o[LIN], second_officer_id=o[CHEN],
                            officer_id=sup, reason="张伟休假")  # fmt: skip
    file_sync(a, office)
    file_sync(b, office)
    assert _tasks_of(a)[tid] == _tasks_of(b)[tid] == (o[LIN], o[CHEN])
    with a.db.read() as s:  # the old laptop no longer lists it as 张伟's
        assert tid not in {
            t.id for t in tasks.my_tasks(s, officer_id=o[ZHANG], today=dt.date(2026, 3, 2))
        }
    with b.db.read() as s:  # the new one has the task, its unit and its equipment
        assert s.get(Unit, unit_id) is not None
        assert s.scalars(select(Equipment).where(Equipment.unit_id == unit_id)).first()
        assert tid in {
            t.id for t in tasks.my_tasks(s, officer_id=o[LIN], today=dt.date(2026, 3, 2))
        }
    _agrees(a, office)
    _agrees(b, office)
    # b's officers do it on the laptop; the office counts it after the sync
    inspection = conclude_from_task(b.db, b.blobs, task_id=tid, lead=o[LIN], second=o[CHEN])
    file_sync(b, office)
    file_sync(a, office)
    with office.db.read() as s:
        assert s.get(Inspection, inspection).task_id == tid
        cov = coverage.coverage(s, plan_id=w["plan"])
        assert cov.total.tasks_done == 2  # the fixture's one and b's
        assert cov.total.with_hazards >= 2
    with a.db.read() as s:  # a has the unit still (it never loses rows) but not b's inspection
        assert s.get(Inspection, inspection) is None
    _agrees(a, office)
    _agrees(b, office)
    with b.db.read() as s:  # b's own coverage, on its local database, counts it too
        assert coverage.coverage(s, plan_id=w["plan"]).total.tasks_done >= 1


def test_a_wider_scope_backfills_history_and_a_fresh_laptop_gets_the_same(city_office):
    w = city_office
    office, a, o = w["office"], w["a"], w["city"]["officers"]
    file_sync(a, office)
    assert w["inspection"] not in _ids(a, Inspection)
    scope.set_scope(
        office.db, a.db.device_id(), districts=["芗城区", "龙海区"], officers=[o[ZHANG]]
    )
    file_sync(a, office)
    with office.db.read() as s:
        longhai = set(s.scalars(select(Unit.id).where(Unit.district == "龙海区")))
    assert longhai <= _units(a)
    assert w["inspection"] in _ids(a, Inspection)  # history behind the cursor came along
    with a.db.read() as s:  # its open finding's photo came with it
        assert a.blobs.verified(w["photo"]) and not s.get(Blob, w["photo"]).remote
    _agrees(a, office)
    # a fresh laptop with the same scope from cursor 0 gets the same rows
    d = make_node(office.folder.parent, "d")
    join(d, office, "04")
    scope.set_scope(
        office.db, d.db.device_id(), districts=["芗城区", "龙海区"], officers=[o[ZHANG]]
    )
    file_sync(d, office)
    mine, fresh = _rows(a.db), _rows(d.db)
    for table in ("units", "equipment", "tasks", "inspections", "findings", "photos"):
        assert set(mine[table]) == set(fresh[table]), table
    # narrowing the scope removes nothing unsynced: a's rows stay
    before = _units(a)
    scope.set_scope(office.db, a.db.device_id(), districts=["芗城区"], officers=[o[ZHANG]])
    file_sync(a, office)
    assert _units(a) == before
    d.db.dispose()


def _ids(node, model) -> set[str]:
    with node.db.read() as s:
        return set(s.scalars(select(model.id)))


def test_scope_settings_are_checked_and_unscoped_devices_get_everything(city_office):
    w = city_office
    office, a = w["office"], w["a"]
    with pytest.raises(SyncError, match="at least one"):
        scope.set_scope(office.db, a.db.device_id())
    with pytest.raises(SyncError, match="not enrolled"):
        scope.set_scope(office.db, "no-such-device", districts=["芗城区"])
    with pytest.raises(SyncError, match="no officer"):
        scope.set_scope(office.db, a.db.device_id(), officers=["nobody"])
    scope.set_scope(office.db, a.db.device_id(), everything=True)
    ex = pull_bundle(office, a)
    assert ex.manifest["settings"]["scope"] == {"all": True}
    assert not ex.manifest.get("remote_blobs")
    deliver(ex.data, a)
    assert _units(a) == _ids(office, Unit)


@pytest.mark.postgres
def test_over_http_a_scoped_laptop_fetches_files_in_scope_and_only_those(tmp_path, make_pg_url):
    import httpx
    from test_server import Server

    from inspector_app.sync import client
    from inspector_app.sync.signing import sign_request

    office = make_office(tmp_path, make_pg_url())
    city = make_city(office.db, per_district=6)
    o = city["officers"]
    with office.db.write() as s:
        plans.draw_plan(s, office.blobs, year=2026, seed="http", officer_id=city["supervisor"],
                        ratios={rules.KEY: 10000, rules.GENERAL: 10000})  # fmt: skip
    with office.db.read() as s:
        task = s.scalars(
            select(Task).join(Unit, Unit.id == Task.unit_id).where(
                Unit.district == "龙海区", Task.lead_officer_id.in_([o[CHEN], o[LIN]]),
                Task.second_officer_id.in_([o[CHEN], o[LIN]]))
        ).first()  # fmt: skip
    done = conclude_from_task(office.db, office.blobs, task_id=task.id,
                              lead=task.lead_officer_id, second=task.second_officer_id)  # fmt: skip
    with office.db.write() as s:
        for f in s.scalars(select(Finding).where(Finding.inspection_id == done)):
            f.status = FindingStatus.CLOSED.value
    c, a = make_node(tmp_path, "c"), make_node(tmp_path, "a")
    join(c, office, "03")
    join(a, office, "01")
    scope.set_scope(office.db, c.db.device_id(), districts=["龙海区"], officers=[o[LI]])
    scope.set_scope(office.db, a.db.device_id(), districts=["芗城区"], officers=[o[ZHANG]])
    srv = Server(office.folder, office.db.url).start()
    try:
        for node in (c, a):
            client.sync(node.db, node.blobs, folder=node.folder, server=srv.base, base_delay=0.05)
        with c.db.read() as s:
            wanted = client.remote_blobs_of(s, inspection_id=done)
        assert len(wanted) >= 3  # three signatures at least, kept at the office
        assert not any(c.blobs.verified(sha) for sha in wanted)
        n = client.fetch_blobs(c.db, c.blobs, folder=c.folder, server=srv.base, shas=wanted)
        assert n == len(wanted) and all(c.blobs.verified(sha) for sha in wanted)
        with c.db.read() as s:
            assert client.remote_blobs_of(s, inspection_id=done) == []
        # a (芗城区) may not fetch 龙海区's files, and an unknown hash is no better
        for sha in (wanted[0], "0" * 64):
            target = f"/v1/blobs/{sha}"
            headers = sign_request(a.keys(), device_id=a.db.device_id(), method="GET",
                                   target=target)  # fmt: skip
            r = httpx.get(srv.base + target, headers=headers)
            assert r.status_code == 404 and "scope" in r.json()["error"]
        with pytest.raises(SyncError):
            client.fetch_blobs(a.db, a.blobs, folder=a.folder, server=srv.base,
                               shas=[wanted[0]], attempts=1)  # fmt: skip
    finally:
        srv.stop()
        for node in (office, a, c):
            node.db.dispose()
