"""Property: any order and any duplication of a set of bundles gives the same final state."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from test_sync_support import deliver, dump, file_sync, join, make_node, make_office, push_bundle

from inspector_app.core import demo
from inspector_app.rules.enums import FindingStatus, VenueType
from inspector_app.store.models import Equipment, Finding, Unit


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """An office template (SQLite) and bundles from three laptops with clashing edits."""
    root = tmp_path_factory.mktemp("prop")
    office = make_office(root)
    laptops = [make_node(root, f"lap{i}") for i in range(3)]
    for i, lap in enumerate(laptops):
        join(lap, office, f"0{i + 1}")
    demo.generate(office.db, office.blobs, equipment=8, seed=11)
    for lap in laptops:
        file_sync(lap, office)
    with office.db.read() as s:
        units = sorted(s.scalars(select(Unit.id)))
        equipment = sorted(s.scalars(select(Equipment.id)))
        findings = sorted(s.scalars(select(Finding.id)))
    office.db.dispose()
    template = root / "template.sqlite3"
    shutil.copy(office.folder / "inspector.sqlite3", template)
    bundles = []
    statuses = list(FindingStatus)
    for round_ in range(3):
        for i, lap in enumerate(laptops):
            with lap.db.write() as s:
                s.get(Unit, units[round_ % 2]).name = f"单位 r{round_} l{i}"
                s.get(Equipment, equipment[i]).location = f"楼 {round_}-{i}"
                if findings:
                    s.get(Finding, findings[0]).status = statuses[(round_ + i) % len(statuses)]
                s.add(
                    Unit(
                        name=f"新 {round_}-{i}",
                        uscc="91350600MA0000000X",
                        venue_type=VenueType.SCHOOL,
                    )
                )
                if round_ == 2 and i == 0:
                    s.get(Unit, units[3]).deleted = True
            # laptop 0 re-sends everything (cumulative), the others only what is new
            since = 0 if i == 0 else None
            ex = push_bundle(lap, since=since)
            bundles.append(ex.data)
            if i:
                from inspector_app.sync import outgoing

                with lap.db.write() as s:
                    outgoing.save_cursor(s, office.db.device_id(), acked=ex.manifest["seq_to"])
    return office, template, bundles


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_order_any_duplication_same_state(world, tmp_path_factory, data):
    office, template, bundles = world
    order = data.draw(st.permutations(range(len(bundles))))
    extra = data.draw(st.lists(st.integers(0, len(bundles) - 1), max_size=4))
    sequence = list(order)
    for n, idx in enumerate(extra):
        sequence.insert(data.draw(st.integers(0, len(sequence)), label=f"at{n}"), idx)
    folder = tmp_path_factory.mktemp("run")
    shutil.copy(office.folder / "office_key.pem", folder / "office_key.pem")
    shutil.copy(office.folder / "device_key.pem", folder / "device_key.pem")
    shutil.copy(template, folder / "inspector.sqlite3")
    node = make_node(folder.parent, folder.name)
    try:
        for idx in sequence:
            deliver(bundles[idx], node)
        state = dump(node.db)
    finally:
        node.db.dispose()
    expected = _reference(world, tmp_path_factory)
    assert state == expected


_ref: dict[int, str] = {}


def _reference(world, tmp_path_factory) -> str:
    office, template, bundles = world
    if id(world) not in _ref:
        folder = tmp_path_factory.mktemp("ref")
        shutil.copy(office.folder / "office_key.pem", folder / "office_key.pem")
        shutil.copy(office.folder / "device_key.pem", folder / "device_key.pem")
        shutil.copy(template, folder / "inspector.sqlite3")
        node = make_node(folder.parent, folder.name)
        for data in bundles:
            deliver(data, node)
        _ref[id(world)] = dump(node.db)
        node.db.dispose()
    return _ref[id(world)]
