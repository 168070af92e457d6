"""Years of inspection history at city scale, for benchmarks and demos.

``generate_history`` adds concluded inspections over the last two years on top
of a demo registry (``demo.generate``): the four types of inspection of 总局令
第57号 Art 5 with their 任务来源, every applicable item answered, findings with
the facts, citations and deadlines the forms give, photos where the form asks
for one, signatures (or the representative's refusal), directives to the user
unit and to maintenance units, the units' 整改报告 with the re-inspection due
10 working days later, follow-ups that close findings, leave them open or find
them not corrected past the deadline.

Deterministic for a seed, fast enough for hundreds of thousands of rows: every
decision is planned first (``InspectionPlan``), then a batch of plans is written
with ``changes.bulk_insert`` (driver executemany on SQLite, COPY on PostgreSQL),
still change-logged like every other write. The rows are those the use cases
write: the texts come from the same functions (``findings.failure_text``, the
judging of measurements, ``conclude``), directive digests from the same view
model (``directives.directive_doc``), audit rows through the ORM, and
tests/test_demo_history.py replays a plan through core/inspections.py,
directives.py and followups.py and compares the rows. What the use cases would
stamp with the wall clock (answers, signatures, closures, audit rows) carries
the historical moment instead.

Two differences, both documented in docs/data.md: a generated directive stores
no PDF (rendering tens of thousands takes an hour and gigabytes);
``directives.directive_pdf`` renders it from the database on demand, byte for
byte what issuing would have stored, after checking its content digest. And a
finding is inserted then updated once when its directive is issued and its
follow-ups done, where the app writes it a few times more.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from inspector_app import reports
from inspector_app.checklists import BLANK, Form, Item, applicable_items, judge_measurement
from inspector_app.rules.enums import (
    Conclusion,
    FindingStatus,
    HazardClass,
    InspectionStatus,
    InspectionType,
    OfficerRole,
    Outcome,
    VenueType,
)
from inspector_app.rules.judgement import conclude
from inspector_app.rules.workdays import reinspection_due
from inspector_app.store.blobs import BlobStore, store_blob
from inspector_app.store.changes import bulk_insert, bulk_update
from inspector_app.store.ids import new_id
from inspector_app.store.models import (
    AuditLog,
    Directive,
    Equipment,
    Finding,
    FollowUp,
    FollowUpFinding,
    Inspection,
    InspectionEquipment,
    ItemResult,
    MaintenanceUnit,
    NumberSequence,
    Officer,
    Photo,
    Setting,
    Signature,
    Unit,
)

from . import clock, numbering
from .demo import CITY, DEMO_PASSWORD, _failing_value, finding_photo_png, signature_png
from .demo_cases import fill_blanks
from .directives import Addressee, directive_doc, remedies_settings
from .errors import UserError
from .forms import current_form_versions, pinned_form
from .inspection_findings import _default_hazard, _initial_text, _measured_failure
from .officers import add_officer
from .photos import print_copy, read_image
from .settings import get_setting
from .workdays import load_calendar

#: Inspections written per transaction: big enough for fast bulk writes, small enough
#: that a batch's rows stay a few hundred megabytes at most.
BATCH = 400
YEARS = 2
INSPECTORS_PER_DISTRICT = 2
SURNAMES = "陈林黄张李王吴刘蔡杨郑许周谢苏叶曾洪沈卢"
GIVEN = ["建华", "志强", "晓东", "丽娟", "海燕", "国平", "文斌", "秀英", "伟民", "雪梅",
         "振宇", "明辉", "思源", "佳怡", "俊杰", "少华", "永福", "惠玲", "金水", "碧云"]  # fmt: skip
POSITIONS = ["安全管理员", "安全总监", "物业经理", "设备科科长", "后勤主任", "总务主任"]
REFUSAL_NOTES = [
    "被检查单位负责人拒绝签字，已现场录像，并由见证人签名。",
    "被检查单位负责人以需请示上级为由拒绝签字，已拍照、录音。",
]
OPINIONS = ["", "", "已知悉，将按要求整改。", "对检查结果无异议，立即安排整改。"]


# ----------------------------------------------------------------------------- plans
@dataclass
class AnswerPlan:
    """One answer as the inspector gives it (``record_answer``'s arguments)."""

    item_id: str
    outcome: Outcome | None = None  # None: a measured value, judged by the form
    value: float | None = None
    report_no: str | None = None
    report_date: dt.date | None = None
    fill_seed: int = 0  # words the inspector writes into the blanks of the fact
    photo: int | None = None  # index into the photo pool: a photo of the failure


@dataclass
class VisitPlan:
    """A follow-up (整改复查) of the unit: which of the inspection's findings are rectified."""

    performed_on: dt.date
    rectified: list[bool]  # per finding of the inspection, in the order they were found
    photos: list[int]  # evidence photo (pool index) per finding, used for serious ones


@dataclass
class AfterPlan:
    """What followed the directives: the unit's reports and the bureau's follow-ups."""

    reports: dict[str | None, dt.date] = field(default_factory=dict)  # addressee -> 整改报告
    visits: list[VisitPlan] = field(default_factory=list)


@dataclass
class InspectionPlan:
    """Everything one inspection does, decided before anything is written."""

    unit_id: str
    equipment_ids: list[str]
    inspection_type: str
    task_source: str
    lead_officer_id: str
    second_officer_id: str
    representative_name: str
    representative_position: str
    started_at: dt.datetime
    ended_at: dt.datetime
    day: dt.date  # the office's date of the visit
    answers: list[list[AnswerPlan]]  # per piece of equipment, in form order
    refusal_note: str = ""  # the representative refused to sign (Art 27)
    unit_opinion: str = ""
    rep_signature: int = 0
    #: The number segment of the laptop that recorded it ("" = this device's own).
    segment: str = ""
    #: What followed; None: drawn from ``follow_up_seed`` once the findings are known.
    after: AfterPlan | None = None
    follow_up_seed: int = 0


@dataclass
class HistoryReport:
    inspections: int = 0
    item_results: int = 0
    findings: int = 0
    serious: int = 0
    directives: int = 0
    reports: int = 0
    follow_ups: int = 0
    refusals: int = 0
    closed: int = 0
    escalated: int = 0
    open_overdue: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"history: {self.inspections} inspections, {self.item_results} item results, "
            f"{self.findings} findings ({self.serious} serious; {self.closed} closed, "
            f"{self.escalated} not corrected, {self.open_overdue} open past deadline), "
            f"{self.directives} directives, {self.reports} rectification reports, "
            f"{self.follow_ups} follow-ups, {self.refusals} refusals to sign "
            f"in {self.seconds:.1f} s"
        )


# ----------------------------------------------------------------------------- context
@dataclass
class _Piece:
    """What the fact texts and addressees read of a piece of equipment."""

    id: str
    unit_id: str
    kind: str
    name: str
    next_inspection_due: dt.date | None
    maintenance_unit_id: str | None
    attributes: dict


@dataclass
class _UnitInfo:
    id: str
    name: str
    district: str
    venue_type: str
    contact_name: str
    priority: bool


@dataclass
class HistoryContext:
    """What the generator reads once: registry, forms, officers, settings, blob pools."""

    zone: dt.tzinfo
    short: str
    segment: str
    units: list[_UnitInfo]
    pieces: dict[str, list[_Piece]]  # unit id -> equipment
    forms: dict[str, tuple[str, Form]]  # kind -> (form version id, form)
    officers: dict[str, list[Officer]]  # district -> inspectors (lead, second, ...)
    officer_names: dict[str, str]
    maintenance: dict[str, str]  # live maintenance unit id -> name
    officer_signatures: dict[str, str] = field(default_factory=dict)
    rep_signatures: list[str] = field(default_factory=list)
    photos: list[tuple[str, str]] = field(default_factory=list)  # (original, print) sha256
    after_photos: list[tuple[str, str]] = field(default_factory=list)
    sequences: dict[str, int] = field(default_factory=dict)
    applicable: dict[tuple[str, str], list[Item]] = field(default_factory=dict)
    calendar: Any = None

    def items_for(self, piece: _Piece) -> list[Item]:
        key = (piece.kind, repr(sorted(piece.attributes.items())))
        if key not in self.applicable:
            self.applicable[key] = applicable_items(self.forms[piece.kind][1], piece.attributes)
        return self.applicable[key]


def _officer_pool(session: Session, districts: list[str]) -> dict[str, list[Officer]]:
    """Two inspectors per district (created the first time, as ``officers add`` would)."""
    inspectors = list(
        session.scalars(
            select(Officer)
            .where(Officer.role == OfficerRole.INSPECTOR, Officer.deleted.is_(False))
            .order_by(Officer.cert_no)
        )
    )
    by_cert = {o.cert_no: o for o in inspectors}
    pool: dict[str, list[Officer]] = {}
    for d, district in enumerate(districts):
        team = []
        for k in range(INSPECTORS_PER_DISTRICT):
            n = d * INSPECTORS_PER_DISTRICT + k
            cert_no = f"3506{1000 + n}"
            officer = by_cert.get(cert_no)
            if officer is None:
                name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7 + d) % len(GIVEN)]
                officer = add_officer(
                    session,
                    name=name,
                    cert_no=cert_no,
                    role=OfficerRole.INSPECTOR,
                    password=DEMO_PASSWORD,
                )
            team.append(officer)
        pool[district] = team
    return pool


def _store_photo(session: Session, blobs: BlobStore, data: bytes) -> tuple[str, str]:
    """The two blobs ``photos.add_photo`` stores: the original and its print copy."""
    image = read_image(data)
    original = store_blob(
        session, blobs, data, media_type="image/png", width=image.width, height=image.height
    )
    small, width, height = print_copy(image)
    return original, store_blob(
        session, blobs, small, media_type="image/jpeg", width=width, height=height
    )


def load_context(session: Session, blobs: BlobStore, *, seed: int) -> HistoryContext:
    """Read the registry and make the officers and blob pools (inside a writing session)."""
    zone = clock.office_zone(session)
    segment = numbering.device_segment(session)
    remedies_settings(session)  # refuse now, not after an hour, when issuing would be refused
    units = [
        _UnitInfo(*row)
        for row in session.execute(
            select(
                Unit.id, Unit.name, Unit.district, Unit.venue_type, Unit.contact_name,
                Unit.priority,
            ).where(Unit.deleted.is_(False)).order_by(Unit.id)
        )
    ]  # fmt: skip
    pieces: dict[str, list[_Piece]] = {}
    for row in session.execute(
        select(
            Equipment.id, Equipment.unit_id, Equipment.kind, Equipment.name,
            Equipment.next_inspection_due, Equipment.maintenance_unit_id, Equipment.attributes,
        ).where(Equipment.deleted.is_(False)).order_by(Equipment.unit_id, Equipment.id)
    ):  # fmt: skip
        pieces.setdefault(row.unit_id, []).append(
            _Piece(
                row.id,
                row.unit_id,
                str(row.kind),
                row.name,
                row.next_inspection_due,
                row.maintenance_unit_id,
                row.attributes or {},
            )  # fmt: skip
        )
    units = [u for u in units if u.id in pieces]
    if not units:
        raise UserError(
            "no equipment to inspect: make the registry first (inspector demo --scale N)",
            message_zh="没有可检查的设备，请先生成设备台账",
        )
    forms = {
        str(kind): (fv.id, pinned_form(session, fv.id))
        for kind, fv in current_form_versions(session).items()
    }
    districts = sorted({u.district for u in units})
    officers = _officer_pool(session, districts)
    names = {o.id: o.name for team in officers.values() for o in team}
    maintenance = dict(
        session.execute(
            select(MaintenanceUnit.id, MaintenanceUnit.name).where(
                MaintenanceUnit.deleted.is_(False)
            )
        ).all()
    )
    ctx = HistoryContext(
        zone=zone,
        short=get_setting(session, "authority_short"),
        segment=segment,
        units=units,
        pieces=pieces,
        forms=forms,
        officers=officers,
        officer_names=names,
        maintenance=maintenance,
        calendar=load_calendar(),
    )
    pool = random.Random(seed * 31 + 5)
    for officer_id, name in names.items():
        ctx.officer_signatures[officer_id] = store_blob(
            session, blobs, signature_png(name, random.Random(name)), media_type="image/png",
            width=360, height=120,
        )  # fmt: skip
    for k in range(16):
        ctx.rep_signatures.append(
            store_blob(
                session,
                blobs,
                signature_png("代表" * (k % 3 + 1), pool),
                media_type="image/png",
                width=360,
                height=120,
            )  # fmt: skip
        )
    ctx.photos = [_store_photo(session, blobs, finding_photo_png(pool)) for _ in range(24)]
    ctx.after_photos = [_store_photo(session, blobs, finding_photo_png(pool)) for _ in range(8)]
    for seq in session.scalars(select(NumberSequence)):
        ctx.sequences[seq.name] = seq.value
    return ctx


# ----------------------------------------------------------------------------- planning
def _workdays(start: dt.date, end: dt.date, calendar: Any) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if calendar.is_workday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _task_source(rng: random.Random, kind: InspectionType, day: dt.date, unit: _UnitInfo) -> str:
    y, m = day.year, day.month
    bureau = f"{CITY}市场监督管理局"
    if kind is InspectionType.ROUTINE:
        which = "重点单位抽查" if unit.priority else "“双随机、一公开”抽查"
        return f"{y}年度特种设备安全监督检查计划（{which}）"
    if kind is InspectionType.SPECIAL:
        options = [f"{bureau}{y}年人员密集场所特种设备安全专项检查"]
        if m in (12, 1, 2):
            options.append(f"{bureau}{y if m == 12 else y - 1}年“两节”期间特种设备安全专项检查")
        if m in (6, 7, 8) and unit.venue_type in (VenueType.AMUSEMENT_PARK, VenueType.SCENIC_SITE):
            options.append(f"{bureau}{y}年暑期大型游乐设施安全专项检查")
        if m in (8, 9) and unit.venue_type in (VenueType.SCHOOL, VenueType.KINDERGARTEN):
            options.append(f"{bureau}{y}年秋季开学校园特种设备安全专项检查")
        if m in (11, 12, 1):
            options.append(f"{bureau}{y if m != 1 else y - 1}年冬季锅炉安全专项检查")
        return rng.choice(options)
    if kind is InspectionType.OTHER:
        return rng.choice(
            [
                f"市民投诉（12345热线工单第{y}{rng.randrange(100000, 999999)}号）",
                "特种设备检验机构报告的问题线索",
                "上级交办",
            ]
        )
    return "使用登记后的证后监督检查"


def _answers(
    rng: random.Random, ctx: HistoryContext, piece: _Piece, day: dt.date, fail_rate: float
) -> list[AnswerPlan]:
    out = []
    for item in ctx.items_for(piece):
        plan = AnswerPlan(item.id)
        fail = rng.random() < fail_rate * (0.35 if item.hazard == "serious" else 1.0)
        if item.measurement is not None:
            m = item.measurement
            good = m.min if m.min is not None else m.max
            if m.min is not None and m.max is not None:
                good = (m.min + m.max) / 2
            plan.value = round(_failing_value(m, rng) if fail else good, 2)
            if item.source == "inspection_report":
                plan.report_no = f"闽特检{day.year}-{rng.randrange(1000, 9999)}"
                plan.report_date = day - dt.timedelta(days=rng.randrange(30, 300))
        elif fail:
            plan.outcome = Outcome.FAIL
        else:
            plan.outcome = Outcome.NOT_APPLICABLE if rng.random() < 0.01 else Outcome.PASS
        if fail:
            plan.fill_seed = rng.randrange(1 << 30)
            if item.photo_required or rng.random() < 0.3:
                plan.photo = rng.randrange(len(ctx.photos))
        out.append(plan)
    return out


def plan_inspections(
    ctx: HistoryContext, *, count: int, seed: int, today: dt.date
) -> Iterator[InspectionPlan]:
    """``count`` inspections on the working days of the last two years, oldest first."""
    rng = random.Random(seed * 1_000_003 + 17)
    days = _workdays(today - dt.timedelta(days=365 * YEARS), today - dt.timedelta(days=1),
                     ctx.calendar)  # fmt: skip
    dates = sorted(rng.choice(days) for _ in range(count))
    weights = list(itertools.accumulate(2 if u.priority else 1 for u in ctx.units))
    quality: dict[str, float] = {}
    types = [InspectionType.ROUTINE, InspectionType.SPECIAL, InspectionType.POST_LICENCE,
             InspectionType.OTHER]  # fmt: skip
    for day in dates:
        unit = ctx.units[bisect.bisect_right(weights, rng.random() * weights[-1])]
        if unit.id not in quality:  # most units keep their equipment well, some do not
            r = rng.random()
            quality[unit.id] = 0.005 if r < 0.5 else 0.035 if r < 0.85 else 0.14
        own = ctx.pieces[unit.id]
        wanted = 1 if rng.random() < 0.65 else 2 if rng.random() < 0.7 else 3
        chosen = rng.sample(own, min(wanted, len(own)))
        kind = rng.choices(types, weights=[55, 30, 5, 10])[0]
        team = ctx.officers[unit.district]
        lead, second = (team[0], team[1]) if rng.random() < 0.5 else (team[1], team[0])
        local_start = dt.datetime.combine(day, dt.time(rng.randrange(8, 16), rng.randrange(60)),
                                          tzinfo=ctx.zone)  # fmt: skip
        started = local_start.astimezone(dt.UTC)
        ended = started + dt.timedelta(minutes=30 + 40 * len(chosen) + rng.randrange(30))
        answers = [_answers(rng, ctx, p, day, quality[unit.id]) for p in chosen]
        refused = rng.random() < 0.03
        yield InspectionPlan(
            unit_id=unit.id,
            equipment_ids=[p.id for p in chosen],
            inspection_type=kind.value,
            task_source=_task_source(rng, kind, day, unit),
            lead_officer_id=lead.id,
            second_officer_id=second.id,
            representative_name=unit.contact_name,
            representative_position=rng.choice(POSITIONS),
            started_at=started,
            ended_at=ended,
            day=day,
            answers=answers,
            refusal_note=rng.choice(REFUSAL_NOTES) if refused else "",
            unit_opinion=rng.choice(OPINIONS),
            rep_signature=rng.randrange(len(ctx.rep_signatures)),
            follow_up_seed=rng.randrange(1 << 30),
            segment=district_segment(list(ctx.officers), unit.district),
        )


#: The district teams' laptops number their documents from these segments on (the office
#: enrols each laptop with its own segment; 01–09 are left to the office's own devices).
FIRST_DISTRICT_SEGMENT = 10


def district_segment(districts: list[str], district: str) -> str:
    """The number segment of the laptop of ``district``'s inspectors."""
    return f"{FIRST_DISTRICT_SEGMENT + districts.index(district):02d}"


def plan_after(
    rng: random.Random, *, directives: dict[str | None, tuple[dt.date, dt.date]],
    findings: int, today: dt.date, photos: int,
) -> AfterPlan:  # fmt: skip
    """The units' reports and the bureau's follow-ups after an inspection, up to ``today``.

    ``directives``: addressee -> (issued on, deadline). Most units report their
    rectification (57号令 Art 29) and are re-inspected soon after; without a report
    the bureau looks after the deadline and finds less corrected.
    """
    plan = AfterPlan()
    for addressee, (issued_on, deadline) in directives.items():
        if rng.random() < 0.8:
            span = max((deadline - issued_on).days, 1)
            day = issued_on + dt.timedelta(days=rng.randrange(1, span + 12))
            if day < today:
                plan.reports[addressee] = day
    last_deadline = max(deadline for _issued, deadline in directives.values())

    def visit(on: dt.date, chance: float) -> None:
        if on < today:
            plan.visits.append(VisitPlan(on, [rng.random() < chance for _ in range(findings)],
                                         [rng.randrange(photos) for _ in range(findings)]))  # fmt: skip

    if plan.reports:
        visit(min(plan.reports.values()) + dt.timedelta(days=rng.randrange(1, 16)), 0.9)
    elif last_deadline + dt.timedelta(days=5) < today:
        visit(last_deadline + dt.timedelta(days=rng.randrange(1, 25)), 0.45)
    if plan.visits and not all(plan.visits[0].rectified) and rng.random() < 0.6:
        visit(plan.visits[0].performed_on + dt.timedelta(days=rng.randrange(10, 45)), 0.8)
    return plan


# ----------------------------------------------------------------------------- writing
@dataclass
class _Written:
    """Rows of one batch, kept to finish findings once directives and follow-ups exist."""

    inspections: list[dict] = field(default_factory=list)
    ies: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    photos: list[dict] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)
    audit: list[AuditLog] = field(default_factory=list)
    #: per inspection: (plan, [(finding row, piece position, piece)])
    found: list[tuple[InspectionPlan, list[tuple[dict, int, _Piece]]]] = field(default_factory=list)


class _PoolBlobs:
    """The blob store for view models: the few pooled images are read and checked once."""

    def __init__(self, blobs: BlobStore) -> None:
        self.blobs = blobs
        self.seen: dict[str, bytes] = {}

    def get(self, sha256: str) -> bytes:
        if sha256 not in self.seen:
            self.seen[sha256] = self.blobs.get(sha256)
        return self.seen[sha256]


def _moment(day: dt.date, zone: dt.tzinfo, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone).astimezone(dt.UTC)


def _next_serial(ctx: HistoryContext, sequence: str, year: int, segment: str) -> int:
    name = f"{sequence}:{year}:{segment}"
    ctx.sequences[name] = ctx.sequences.get(name, 0) + 1
    if ctx.sequences[name] > 9999:
        raise UserError(f"numbers of segment {segment} for {year} are used up")
    return ctx.sequences[name]


def answer_rows(
    item: Item, plan: AnswerPlan, *, ie_id: str, officer_id: str, at: dt.datetime
) -> dict:
    """The item result ``record_answer`` writes for this answer."""
    outcome = plan.outcome
    value = None
    if item.measurement is not None and plan.value is not None:
        outcome = judge_measurement(item, float(plan.value))
        value = float(plan.value)
    outcome = Outcome(outcome)
    hazard = None
    if outcome is Outcome.FAIL:
        measured = _measured_failure(item, value)
        hazard = HazardClass(measured.hazard if measured is not None else _default_hazard(item))
        hazard = hazard.value
    return {
        "id": new_id(),
        "inspection_equipment_id": ie_id,
        "item_id": item.id,
        "outcome": outcome.value,
        "value": value,
        "note": "",
        "hazard": hazard,
        "hazard_override_reason": "",
        "answered_at": at,
        "answered_by": officer_id,
        "report_no": (plan.report_no or "").strip(),
        "report_date": plan.report_date,
        "created_at": at,
        "deleted": False,
    }


def finding_row(
    item: Item, piece: _Piece, result: dict, plan: AnswerPlan, *, inspection_id: str,
    ie_id: str, day: dt.date, at: dt.datetime,
) -> dict:  # fmt: skip
    """The finding a failed answer opens, its blanks filled as the inspector would."""
    report = {"value": result["value"], "report_no": result["report_no"],
              "report_date": result["report_date"]}  # fmt: skip
    text = _initial_text(item, piece, result, report, day)
    description = text.description
    if BLANK in description:
        description = fill_blanks(description, random.Random(plan.fill_seed))
    return {
        "id": new_id(),
        "inspection_id": inspection_id,
        "inspection_equipment_id": ie_id,
        "item_result_id": result["id"],
        "item_id": item.id,
        "hazard": HazardClass(text.hazard).value,
        "failure_id": text.failure_id,
        "description": description,
        "provision": text.provision,
        "judged_by": text.judged_by,
        "penalty": text.penalty,
        "measure": text.measure,
        "addressee": text.addressee,
        "reinspection": text.reinspection,
        "deadline": text.deadline(day),
        "status": FindingStatus.OPEN.value,
        "rectified_at": None,
        "closed_at": None,
        "directive_id": None,
        "created_at": at,
        "deleted": False,
    }


def _write_inspection(ctx: HistoryContext, plan: InspectionPlan, out: _Written) -> None:
    inspection_id = new_id()
    at = plan.started_at
    found: list[tuple[dict, int, _Piece]] = []
    results_all: list[dict] = []
    pieces = {p.id: p for p in ctx.pieces[plan.unit_id]}
    minute = 0
    for position, (equipment_id, answers) in enumerate(
        zip(plan.equipment_ids, plan.answers, strict=True)
    ):
        piece = pieces[equipment_id]
        form_version_id, form = ctx.forms[piece.kind]
        ie_id = new_id()
        out.ies.append({"id": ie_id, "inspection_id": inspection_id, "equipment_id": equipment_id,
                        "form_version_id": form_version_id, "position": position,
                        "created_at": at})  # fmt: skip
        for answer in answers:
            item = form.item(answer.item_id)
            minute += 1
            when = at + dt.timedelta(seconds=40 * minute)
            result = answer_rows(item, answer, ie_id=ie_id, officer_id=plan.lead_officer_id,
                                 at=when)  # fmt: skip
            results_all.append(result)
            out.results.append(result)
            if result["outcome"] != Outcome.FAIL.value:
                continue
            finding = finding_row(item, piece, result, answer, inspection_id=inspection_id,
                                  ie_id=ie_id, day=plan.day, at=when)  # fmt: skip
            out.findings.append(finding)
            found.append((finding, position, piece))
            if answer.photo is not None:
                original, printed = ctx.photos[answer.photo]
                out.photos.append({"inspection_id": inspection_id, "finding_id": finding["id"],
                                   "item_result_id": result["id"], "original_sha256": original,
                                   "print_sha256": printed, "caption": "",
                                   "taken_at": at + dt.timedelta(minutes=30),
                                   "created_at": when})  # fmt: skip
    signed_at = plan.ended_at
    signers = [("lead_officer", ctx.officer_names[plan.lead_officer_id],
                ctx.officer_signatures[plan.lead_officer_id]),
               ("second_officer", ctx.officer_names[plan.second_officer_id],
                ctx.officer_signatures[plan.second_officer_id])]  # fmt: skip
    if not plan.refusal_note:
        signers.append(("representative", plan.representative_name,
                        ctx.rep_signatures[plan.rep_signature]))  # fmt: skip
    for role, name, sha in signers:
        out.signatures.append({"inspection_id": inspection_id, "role": role, "signer_name": name,
                               "blob_sha256": sha, "signed_at": signed_at,
                               "created_at": signed_at})  # fmt: skip
    conclusion = conclude((r["outcome"], r["hazard"]) for r in results_all)
    year = clock.local(plan.ended_at, ctx.zone).year
    segment = plan.segment or ctx.segment
    record_number = numbering.document_number(
        ctx.short, numbering.RECORD, year, segment, _next_serial(ctx, "record", year, segment)
    )
    out.inspections.append(
        {
            "id": inspection_id,
            "unit_id": plan.unit_id,
            "inspection_type": plan.inspection_type,
            "task_source": plan.task_source.strip(),
            "unit_opinion": plan.unit_opinion.strip(),
            "record_number": record_number,
            "status": InspectionStatus.CONCLUDED.value,
            "started_at": plan.started_at,
            "ended_at": plan.ended_at,
            "lead_officer_id": plan.lead_officer_id,
            "second_officer_id": plan.second_officer_id,
            "representative_name": plan.representative_name.strip(),
            "representative_position": plan.representative_position.strip(),
            "representative_refused": bool(plan.refusal_note),
            "refusal_note": plan.refusal_note.strip(),
            "conclusion": Conclusion(conclusion).value,
            "concluded_at": plan.ended_at,
            "follow_up_of_id": None,
            "notes": "",
            "created_at": plan.started_at,
        }
    )
    out.audit.append(
        AuditLog(
            officer_id=plan.lead_officer_id,
            action="inspection_concluded",
            entity="inspection",
            entity_id=inspection_id,
            details={"conclusion": str(conclusion)},
            created_at=plan.ended_at,
        )  # fmt: skip
    )
    out.found.append((plan, found))


def _addressee(ctx: HistoryContext, finding: dict, piece: _Piece) -> str | None:
    """``directives.finding_addressee``: a maintenance duty goes to the maintenance unit."""
    if finding["addressee"] == "maintenance" and piece.maintenance_unit_id in ctx.maintenance:
        return piece.maintenance_unit_id
    return None


def _write_directives(
    session: Session, blobs: BlobStore, ctx: HistoryContext, out: _Written, *,
    today: dt.date, remedies: tuple[str, str], report: HistoryReport,
) -> None:  # fmt: skip
    """Directives (digest from the same view model as issuing), reports, follow-ups."""
    ids = [row["id"] for row in out.inspections]
    unit_ids = {row["unit_id"] for row in out.inspections}
    # Held here, so in the identity map: the view model's session.get calls find them.
    held = [
        *session.scalars(
            select(Inspection).where(Inspection.id.in_(ids))
            .options(selectinload(Inspection.equipment))
        ),
        *session.scalars(select(Unit).where(Unit.id.in_(unit_ids))),
        *session.scalars(select(Equipment).where(Equipment.unit_id.in_(unit_ids))),
        *session.scalars(select(Setting)),
        *session.scalars(select(Officer)),
    ]  # fmt: skip
    finding_objs = {
        f.id: f for f in session.scalars(select(Finding).where(Finding.inspection_id.in_(ids)))
    }
    pool = _PoolBlobs(blobs)
    rows = _AfterRows()
    for plan, found in out.found:
        if found:
            _issue(session, pool, ctx, plan, found, finding_objs, rows,
                   today=today, remedies=remedies, report=report)  # fmt: skip
    del held
    bulk_insert(session, Directive, rows.directives)
    bulk_insert(session, FollowUp, rows.follow_ups)
    bulk_insert(session, Photo, rows.evidence)
    bulk_insert(session, FollowUpFinding, rows.entries)
    out.audit += rows.audit


@dataclass
class _AfterRows:
    directives: list[dict] = field(default_factory=list)
    follow_ups: list[dict] = field(default_factory=list)
    entries: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    audit: list[AuditLog] = field(default_factory=list)


def _issue(
    session: Session, pool: _PoolBlobs, ctx: HistoryContext, plan: InspectionPlan,
    found: list[tuple[dict, int, _Piece]], finding_objs: dict[str, Finding], out: _AfterRows,
    *, today: dt.date, remedies: tuple[str, str], report: HistoryReport,
) -> None:  # fmt: skip
    """One directive per addressee (``issue_directive``), then what followed."""
    groups: dict[str | None, list[dict]] = {}
    # In the order ``directives._open_findings`` gives them to the view model.
    for finding, _position, piece in sorted(
        found, key=lambda e: (e[1], e[0]["item_id"], e[0]["created_at"])
    ):
        groups.setdefault(_addressee(ctx, finding, piece), []).append(finding)
    inspection_id = found[0][0]["inspection_id"]
    inspection = session.get(Inspection, inspection_id)
    issued_at = plan.ended_at
    issued_on = clock.local(issued_at, ctx.zone).date()
    unit_name = session.get(Unit, plan.unit_id).name
    by_addressee: dict[str | None, dict] = {}
    for mu in sorted(groups, key=lambda m: (m is not None, ctx.maintenance.get(m, ""))):
        findings = groups[mu]
        segment = plan.segment or ctx.segment
        serial = _next_serial(ctx, "directive", issued_on.year, segment)
        number = numbering.document_number(ctx.short, numbering.DIRECTIVE, issued_on.year,
                                           segment, serial)  # fmt: skip
        addressee = Addressee(mu, unit_name if mu is None else ctx.maintenance[mu])
        doc = directive_doc(
            session, pool, inspection=inspection,
            findings=[finding_objs[f["id"]] for f in findings], number=number,
            issued_on=issued_on, supersedes_number=None, addressee=addressee, remedies=remedies,
        )  # fmt: skip
        directive = {
            "id": new_id(),
            "number": number,
            "inspection_id": inspection_id,
            "issued_at": issued_at,
            "deadline": doc.deadline,
            "status": "issued",
            "supersedes_id": None,
            "content_digest": reports.content_digest(doc),
            "pdf_sha256": None,
            "maintenance_unit_id": mu,
            "report_received_on": None,
            "reinspection_due": None,
            "created_at": issued_at,
        }
        out.directives.append(directive)
        by_addressee[mu] = directive
        report.directives += 1
        out.audit.append(
            AuditLog(officer_id=plan.lead_officer_id, action="directive_issued",
                     entity="directive", entity_id=directive["id"], created_at=issued_at,
                     details={"number": number, "supersedes": None, "maintenance_unit_id": mu})
        )  # fmt: skip
        for finding in findings:
            finding["directive_id"] = directive["id"]
    if plan.after is None:
        plan.after = plan_after(
            random.Random(plan.follow_up_seed),
            directives={mu: (issued_on, d["deadline"]) for mu, d in by_addressee.items()},
            findings=len(found), today=today, photos=len(ctx.after_photos),
        )  # fmt: skip
    for mu, received in plan.after.reports.items():
        directive = by_addressee[mu]
        due = reinspection_due(received, ctx.calendar)
        directive["report_received_on"] = received
        directive["reinspection_due"] = due.day
        report.reports += 1
        out.audit.append(
            AuditLog(officer_id=plan.lead_officer_id, action="rectification_report",
                     entity="directive", entity_id=directive["id"],
                     created_at=_moment(received, ctx.zone, 10),
                     details={"received_on": received.isoformat(),
                              "reinspection_due": due.day.isoformat(), "warning": due.warning})
        )  # fmt: skip
    for visit in plan.after.visits:
        _follow_up(ctx, plan, found, visit, by_addressee, out)
        report.follow_ups += 1


def _follow_up(
    ctx: HistoryContext, plan: InspectionPlan, found: list[tuple[dict, int, _Piece]],
    visit: VisitPlan, directives: dict[str | None, dict], out: _AfterRows,
) -> None:  # fmt: skip
    """``followups.start_follow_up`` and ``record_follow_up_result`` for each open finding."""
    open_ = [f for f, _pos, _piece in found if f["status"] != FindingStatus.CLOSED.value]
    if not open_:
        return
    first = min(open_, key=lambda f: (f["deadline"], f["item_id"]))
    moment = _moment(visit.performed_on, ctx.zone, 10)
    follow_up = {"id": new_id(), "inspection_id": first["inspection_id"],
                 "directive_id": first["directive_id"], "officer_id": plan.lead_officer_id,
                 "performed_on": visit.performed_on, "note": "", "created_at": moment}  # fmt: skip
    out.follow_ups.append(follow_up)
    for k, (finding, _pos, _piece) in enumerate(found):
        if finding["status"] == FindingStatus.CLOSED.value:
            continue
        rectified = visit.rectified[k]
        photo_id = None
        if rectified and finding["hazard"] == HazardClass.SERIOUS.value:
            original, printed = ctx.after_photos[visit.photos[k]]
            photo_id = new_id()
            out.evidence.append({"id": photo_id, "inspection_id": finding["inspection_id"],
                                 "finding_id": finding["id"], "item_result_id": None,
                                 "original_sha256": original, "print_sha256": printed,
                                 "caption": "整改后照片", "taken_at": moment,
                                 "created_at": moment})  # fmt: skip
        out.entries.append({"follow_up_id": follow_up["id"], "finding_id": finding["id"],
                            "rectified": rectified, "note": "", "evidence_photo_id": photo_id,
                            "created_at": moment})  # fmt: skip
        if rectified:
            finding["status"] = FindingStatus.CLOSED.value
            finding["rectified_at"] = finding["rectified_at"] or moment
            finding["closed_at"] = moment
        else:
            late = visit.performed_on > finding["deadline"]
            finding["status"] = (FindingStatus.ESCALATED if late else FindingStatus.OPEN).value
            finding["closed_at"] = None
        out.audit.append(
            AuditLog(officer_id=plan.lead_officer_id, action="follow_up_result",
                     entity="finding", entity_id=finding["id"], reason="", created_at=moment,
                     details={"rectified": rectified, "status": finding["status"]})
        )  # fmt: skip
    for directive in directives.values():
        statuses = {f["status"] for f, _pos, _piece in found
                    if f["directive_id"] == directive["id"]}  # fmt: skip
        directive["status"] = "closed" if statuses <= {FindingStatus.CLOSED.value} else "issued"


def write_batch(
    session: Session, blobs: BlobStore, ctx: HistoryContext, plans: list[InspectionPlan], *,
    today: dt.date, report: HistoryReport,
) -> None:  # fmt: skip
    """Write a batch of planned inspections and everything that followed them."""
    out = _Written()
    for plan in plans:
        _write_inspection(ctx, plan, out)
    bulk_insert(session, Inspection, out.inspections)
    bulk_insert(session, InspectionEquipment, out.ies)
    bulk_insert(session, ItemResult, out.results)
    bulk_insert(session, Finding, out.findings)
    bulk_insert(session, Photo, out.photos)
    bulk_insert(session, Signature, out.signatures)
    remedies = remedies_settings(session)
    _write_directives(session, blobs, ctx, out, today=today, remedies=remedies, report=report)
    # The findings as issuing and the follow-ups left them (the app writes them then too).
    bulk_update(session, Finding, [f for f in out.findings if f["directive_id"] is not None])
    session.add_all(out.audit)
    _save_sequences(session, ctx)
    session.flush()
    session.expunge_all()  # the batch's objects are not needed any more
    report.inspections += len(out.inspections)
    report.item_results += len(out.results)
    report.findings += len(out.findings)
    report.refusals += sum(1 for row in out.inspections if row["representative_refused"])
    for finding in out.findings:
        report.serious += finding["hazard"] == HazardClass.SERIOUS.value
        report.closed += finding["status"] == FindingStatus.CLOSED.value
        report.escalated += finding["status"] == FindingStatus.ESCALATED.value
        report.open_overdue += (
            finding["status"] == FindingStatus.OPEN.value and finding["deadline"] < today
        )


def _save_sequences(session: Session, ctx: HistoryContext) -> None:
    """This device's own counters (the district laptops' segments are theirs, not ours)."""
    for name, value in ctx.sequences.items():
        if not name.endswith(f":{ctx.segment}"):
            continue
        seq = session.get(NumberSequence, name)
        if seq is None:
            session.add(NumberSequence(name=name, value=value))
        elif seq.value < value:
            seq.value = value


def generate_history(
    db: Any,
    blobs: BlobStore,
    *,
    inspections: int,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> HistoryReport:
    """Add ``inspections`` concluded inspections of the last two years to the database.

    Needs the registry, the forms, the office's number segment and remedies
    settings (``demo.generate`` makes all of them). One transaction per batch.
    """
    if inspections < 1:
        raise UserError("--history must be at least 1", message_zh="历史检查数至少为1")
    started = time.perf_counter()
    report = HistoryReport()
    with db.write() as session:
        ctx = load_context(session, blobs, seed=seed)
        today = today or clock.today(ctx.zone)
    plans = plan_inspections(ctx, count=inspections, seed=seed, today=today)
    done = 0
    while done < inspections:
        batch = list(itertools.islice(plans, BATCH))
        with db.write() as session:
            write_batch(session, blobs, ctx, batch, today=today, report=report)
        done += len(batch)
        if progress is not None:
            progress(done, inspections)
    report.seconds = time.perf_counter() - started
    return report
