"""Helpers for the planning tests (no tests here): a small city and inspections from tasks."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from inspector_app.core import demo
from inspector_app.core import inspections as insp
from inspector_app.core.forms import pinned_form, register_shipped_forms
from inspector_app.core.officers import add_officer
from inspector_app.rules.enums import HazardClass, Outcome, VenueType
from inspector_app.rules.identifiers import make_registration_code, make_uscc
from inspector_app.store.blobs import store_blob
from inspector_app.store.changes import bulk_insert
from inspector_app.store.ids import new_id
from inspector_app.store.models import Equipment, InspectionEquipment, Unit

DISTRICTS = ("芗城区", "龙文区", "龙海区")
VENUES = (VenueType.RESIDENTIAL, VenueType.SCHOOL, VenueType.RESIDENTIAL, VenueType.MALL)


def make_city(db, *, per_district: int = 12, seed: int = 3) -> dict:
    """Units in three districts (residential, schools, malls) with elevators and
    escalators; four inspectors (two per district pair) and a supervisor."""
    rng = random.Random(seed)
    units, equipment = [], []
    serial = 0
    for d, district in enumerate(DISTRICTS):
        for n in range(per_district):
            venue = VENUES[n % len(VENUES)]
            uid = new_id()
            units.append(dict(
                id=uid, name=f"{district}测试单位{n:02d}", district=district, venue_type=venue,
                uscc=make_uscc(f"91350602{d}{n:02d}{rng.randrange(10**5, 10**6)}"),
                address=f"漳州市{district}测试路{n}号", contact_name="刘军",
            ))  # fmt: skip
            for kind, code in (("elevator", "3110"), ("escalator", "3310"))[
                : 1 + (venue == "mall")
            ]:
                serial += 1
                equipment.append(dict(
                    id=new_id(), unit_id=uid, kind=kind, category_code=code,
                    registration_code=make_registration_code(code, "350602", 2015, serial),
                    name=f"{serial}号", status="in_use",
                    attributes={"drive": "traction", "usage": "passenger"} if kind == "elevator"
                    else {},
                ))  # fmt: skip
    with db.write() as s:
        register_shipped_forms(s)
        bulk_insert(s, Unit, units)
        bulk_insert(s, Equipment, equipment)
        people = {}
        for cert, name, role, areas in (
            ("35061001", "张伟", "inspector", ["芗城区", "龙文区"]),
            ("35061002", "李娜", "inspector", ["芗城区", "龙文区"]),
            ("35061003", "陈明", "inspector", ["龙海区", "龙文区"]),
            ("35061004", "林华", "inspector", ["龙海区"]),
            ("35061010", "王强", "supervisor", []),
        ):
            o = add_officer(s, name=name, cert_no=cert, role=role, password="x" * 10)
            o.districts = areas
            people[cert] = o.id
    return {"units": units, "equipment": equipment, "officers": people,
            "supervisor": people["35061010"]}  # fmt: skip


def conclude_from_task(db, blobs, *, task_id: str, lead: str, second: str, fail: bool = True,
                       when: dt.datetime | None = None) -> str:  # fmt: skip
    """Start an inspection from a task, answer it (one general failure when ``fail``), sign
    and conclude it; the inspection id."""
    from inspector_app.core.tasks import task_start

    with db.write() as s:
        start = task_start(s, task_id=task_id, officer_id=lead)
        inspection = insp.start_inspection(
            s, unit_id=start.unit_id, equipment_ids=start.equipment_ids, lead_officer_id=lead,
            second_officer_id=second, representative_name="刘军",
            representative_position="安全管理员", task_id=task_id, started_at=when,
        )  # fmt: skip
        inspection_id = inspection.id
    failed = not fail
    with db.write() as s:
        for ie in s.scalars(
            select(InspectionEquipment).where(InspectionEquipment.inspection_id == inspection_id)
        ):
            attrs = s.get(Equipment, ie.equipment_id).attributes
            for item in pinned_form(s, ie.form_version_id).items:
                if not item.applies_to(attrs):
                    continue
                kw = dict(inspection_equipment_id=ie.id, item_id=item.id, officer_id=lead)
                if item.measurement is not None:
                    m = item.measurement
                    good = m.min if m.min is not None else m.max
                    if m.min is not None and m.max is not None:
                        good = (m.min + m.max) / 2
                    insp.record_answer(s, value=good, **kw)
                elif (not failed and item.hazard == HazardClass.GENERAL
                      and not item.photo_required):  # fmt: skip
                    insp.record_answer(s, outcome=Outcome.FAIL, **kw)
                    failed = True
                else:
                    insp.record_answer(s, outcome=Outcome.PASS, **kw)
        for role in insp.SIGNATURE_ROLES:
            sha = store_blob(s, blobs, demo.signature_png(role, random.Random(role)),
                             media_type="image/png", width=360, height=120)  # fmt: skip
            insp.add_signature(s, inspection_id=inspection_id, role=role, signer_name=role,
                               blob_sha256=sha)  # fmt: skip
        insp.conclude_inspection(s, inspection_id=inspection_id, officer_id=lead)
    return inspection_id
