"""A small office whose every number is known by hand: the desk's tests count against it.

Three units, four pieces of equipment, five concluded inspections written as
the use cases write them (core/demo_history.py's plans; tests/test_demo_history.py
shows those rows equal the use cases'). Today is 2026-06-15.

I1 U1 school 芗城区, elevator E1, 2026-03-10 routine: C02 serious (deadline 04-09), C03
   general (03-25); report 03-20; follow-up 03-27 closes C03, C02 still open.
I2 U2 mall 芗城区, escalator S1, 2026-06-05 special 两节, representative refused to sign:
   C03 general (06-20); report 06-08, no follow-up yet (re-inspection due).
I3 U3 residential 龙文区, elevator E2, 2026-01-15 routine: C04 general (01-30), C13 serious
   (02-14); no report; follow-up 02-20 finds neither corrected (both escalated).
I4 U3, E2, 2026-04-01 other (a complaint): nothing found.
I5 U1, boiler B1, 2025-06-02 routine: C02 serious (2025-07-02); report 2025-06-20;
   follow-up 2025-06-25 closes it (with a photo).
"""

from __future__ import annotations

import datetime as dt

from inspector_app.core import demo_history, officers
from inspector_app.core.demo_cases import office_settings
from inspector_app.core.demo_history import AfterPlan, AnswerPlan, InspectionPlan, VisitPlan
from inspector_app.core.forms import register_shipped_forms
from inspector_app.core.settings import set_setting
from inspector_app.rules.enums import EquipmentKind, OfficerRole, Outcome, VenueType
from inspector_app.rules.identifiers import make_registration_code, make_uscc
from inspector_app.store.models import Equipment, Unit

TODAY = dt.date(2026, 6, 15)
UNITS = {
    "U1": ("漳州市芗城区第一实验小学", "芗城区", VenueType.SCHOOL, "52350602"),
    "U2": ("芗城区万达广场", "芗城区", VenueType.MALL, "91350602"),
    "U3": ("龙文区碧湖花园", "龙文区", VenueType.RESIDENTIAL, "91350603"),
}
PIECES = {
    "E1": ("U1", EquipmentKind.ELEVATOR, "3110", {"drive": "traction", "usage": "passenger"}),
    "B1": ("U1", EquipmentKind.BOILER, "1200", {"medium": "hot_water", "fuel": "gas"}),
    "S1": ("U2", EquipmentKind.ESCALATOR, "3310", {}),
    "E2": ("U3", EquipmentKind.ELEVATOR, "3110", {"drive": "traction", "usage": "passenger"}),
}
SUPERVISOR = ("王强", "35060010")


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC) - dt.timedelta(hours=8)


def build(db, blobs) -> dict:
    """Write the office; returns the ids by label and the supervisor's id."""
    ids: dict[str, str] = {}
    with db.write() as s:
        register_shipped_forms(s)
        office_settings(s)
        set_setting(s, "superior_authority", "福建省市场监督管理局")
        set_setting(s, "local_government", "漳州市人民政府")
        set_setting(s, "police_authority", "漳州市公安局")
        boss = officers.add_officer(s, name=SUPERVISOR[0], cert_no=SUPERVISOR[1],
                                    role=OfficerRole.SUPERVISOR, password="demo-pass-2026")  # fmt: skip
        ids["boss"] = boss.id
        for n, (label, (name, district, venue, prefix)) in enumerate(UNITS.items(), start=1):
            unit = Unit(name=name, uscc=make_uscc(f"{prefix}{n:08d}"), district=district,
                        venue_type=venue, address=f"漳州市{district}胜利路{n}号",
                        contact_name="刘军", contact_phone="0596-2000000")  # fmt: skip
            s.add(unit)
            s.flush()
            ids[label] = unit.id
        for n, (label, (unit, kind, category, attrs)) in enumerate(PIECES.items(), start=1):
            eq = Equipment(unit_id=ids[unit], kind=kind, category_code=category,
                           registration_code=make_registration_code(category, "350602", 2015, n),
                           name=f"{label}号设备", attributes=attrs)  # fmt: skip
            s.add(eq)
            s.flush()
            ids[label] = eq.id
    with db.write() as s:
        ctx = demo_history.load_context(s, blobs, seed=1)
    plans = [
        _plan(ctx, ids, "U1", "E1", dt.date(2026, 3, 10), "routine", "", ["C02", "C03"],
              AfterPlan({None: dt.date(2026, 3, 20)},
                        [VisitPlan(dt.date(2026, 3, 27), [False, True], [0, 0])])),
        _plan(ctx, ids, "U3", "E2", dt.date(2026, 1, 15), "routine", "", ["C04", "C13"],
              AfterPlan({}, [VisitPlan(dt.date(2026, 2, 20), [False, False], [0, 0])])),
        _plan(ctx, ids, "U3", "E2", dt.date(2026, 4, 1), "other", "市民投诉（12345热线工单）",
              [], AfterPlan()),
        _plan(ctx, ids, "U2", "S1", dt.date(2026, 6, 5), "special",
              "漳州市市场监督管理局2026年“两节”期间特种设备安全专项检查", ["C03"],
              AfterPlan({None: dt.date(2026, 6, 8)}, []), refused=True),
        _plan(ctx, ids, "U1", "B1", dt.date(2025, 6, 2), "routine", "", ["C02"],
              AfterPlan({None: dt.date(2025, 6, 20)},
                        [VisitPlan(dt.date(2025, 6, 25), [True], [1])])),
    ]  # fmt: skip
    plans.sort(key=lambda p: p.started_at)
    with db.write() as s:
        demo_history.write_batch(s, blobs, ctx, plans, today=TODAY,
                                 report=demo_history.HistoryReport())  # fmt: skip
    return ids


def _plan(ctx, ids, unit, piece_label, day, kind, source, fails, after, refused=False):
    piece = next(p for p in ctx.pieces[ids[unit]] if p.id == ids[piece_label])
    answers = []
    for item in ctx.items_for(piece):
        answer = AnswerPlan(item.id)
        if item.id in fails:
            answer.outcome = Outcome.FAIL
            answer.fill_seed = 7
            if item.photo_required:
                answer.photo = 0
        elif item.measurement is not None:
            m = item.measurement
            both = m.min is not None and m.max is not None
            answer.value = (m.min + m.max) / 2 if both else (m.min if m.min is not None else m.max)
            if item.source == "inspection_report":
                answer.report_no, answer.report_date = "闽特检2026-0001", day - dt.timedelta(30)
        else:
            answer.outcome = Outcome.PASS
        answers.append(answer)
    team = next(iter(ctx.officers.values()))
    started = _at(day)
    return InspectionPlan(
        unit_id=ids[unit], equipment_ids=[piece.id], inspection_type=kind, task_source=source,
        lead_officer_id=team[0].id, second_officer_id=team[1].id, representative_name="刘军",
        representative_position="安全管理员", started_at=started,
        ended_at=started + dt.timedelta(hours=2), day=day, answers=[answers],
        refusal_note="被检查单位负责人拒绝签字，已现场录像。" if refused else "",
        after=after,
    )  # fmt: skip
