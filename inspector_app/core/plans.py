"""The annual 常规 plan by 双随机 (总局令第57号 Art 6–9, 17, 19): pool, draw, verify.

``build_pool`` reads the registry into the draw's inputs: every registered user unit (a
unit with equipment that is not scrapped) of the plan's districts and kinds, with its
stratum (重点 or not, ``rules.draw.stratum_key``), less the units that had a 证后
inspection that year (Art 17); the inspectors with their districts; the recusals. A unit
that is not 重点 and whose credit grade (core/credit.py, as last refreshed) has a
``sampling_weight`` other than 1 in policy/credit.yaml is in its own stratum
(``general-C``), drawn at the general ratio times that weight (seed §(八), graded
supervision); an ungraded unit counts as the rule file's ``no_record_grade``.
``draw_plan`` runs ``rules.draw.draw`` and keeps the pool and the drawn list as
content-addressed files, so their SHA-256 are what the 抽查记录 prints; every drawn unit
becomes a task. ``verify_plan`` draws again and names any difference.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from inspector_app.policy import PolicyError, load_credit_rules
from inspector_app.rules import draw as rules
from inspector_app.rules.credit import CreditRules
from inspector_app.rules.enums import (
    EquipmentKind,
    EquipmentStatus,
    InspectionStatus,
    InspectionType,
    OfficerRole,
)
from inspector_app.store.blobs import BlobError, BlobStore, store_blob
from inspector_app.store.changes import bulk_insert
from inspector_app.store.fastread import driver_rows
from inspector_app.store.ids import new_id
from inspector_app.store.models import (
    AuditLog,
    Blob,
    Equipment,
    Inspection,
    Officer,
    Plan,
    Recusal,
    Task,
    Unit,
    UnitEvent,
    utcnow,
)

from . import credit
from .clock import local_date, office_zone
from .errors import NotFound, UserError
from .settings import get_setting

CSV_TYPE = "text/csv"

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _cycles_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with the cycle collector paused, as ``sync.incoming.import_bundle`` does.

    A city's pool is some 300,000 short-lived tuples, strings and rows, none of them in a
    cycle; with the collector on they set off full collections that walk every object of
    the process (over 50,000 units: 2.9 s of collecting in a pool build, a draw and four
    verifications; 0.2 s paused). Reference counting still frees them; the collector
    resumes (if it was on) when ``fn`` returns."""

    @functools.wraps(fn)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


def priority_rules(session: Session) -> rules.PriorityRules:
    venues = tuple(
        v.strip() for v in get_setting(session, "priority_venue_types").split(",") if v.strip()
    )
    return rules.PriorityRules(
        venue_types=venues,
        accident_years=int(get_setting(session, "priority_accident_years")),
        complaints=int(get_setting(session, "priority_complaints")),
        complaint_days=int(get_setting(session, "priority_complaint_days")),
    )


def _credit_rules() -> CreditRules:
    try:
        return load_credit_rules()
    except PolicyError as exc:
        raise UserError(
            f"policy/credit.yaml cannot be used: {exc}", message_zh=f"信用评级规则文件有误：{exc}"
        ) from None


def default_ratios(session: Session, credit_rules: CreditRules | None = None) -> dict[str, int]:
    """The settings' ratios, and one per credit grade that weighs other than 1."""
    general = rules.parse_ratio(get_setting(session, "plan_ratio_general"))
    ratios = {
        rules.KEY: rules.parse_ratio(get_setting(session, "plan_ratio_key")),
        rules.GENERAL: general,
    }
    for band in (credit_rules or _credit_rules()).bands:
        if band.sampling_weight != 1:
            weighted = round(general * band.sampling_weight)
            ratios[rules.graded_stratum(band.grade)] = max(0, min(rules.FULL, weighted))
    return ratios


def _grade_strata(session: Session, credit_rules: CreditRules) -> tuple[dict[str, str], str]:
    """unit id -> graded stratum for the units whose grade weighs other than 1, and the
    stratum of an ungraded unit."""
    weighted = {b.grade for b in credit_rules.bands if b.sampling_weight != 1}
    strata = {
        unit_id: rules.graded_stratum(grade)
        for unit_id, grade in credit.grades_by_unit(session).items()
        if grade in weighted
    }
    default = credit_rules.no_record_grade
    return strata, rules.graded_stratum(default) if default in weighted else rules.GENERAL


def parse_ratios(texts: list[str], base: dict[str, int]) -> dict[str, int]:
    """``--ratio key=20 --ratio general=5.2`` over the settings' ratios."""
    ratios = dict(base)
    for item in texts:
        stratum, sep, value = item.partition("=")
        stratum = stratum.strip()
        if not sep or not stratum:
            raise UserError(
                f"--ratio {item!r}: write STRATUM=PERCENT, e.g. key=20",
                message_zh="抽查比例应写作“层=百分比”，如 key=20",
            )
        try:
            ratios[stratum] = rules.parse_ratio(value)
        except rules.DrawError as exc:
            raise UserError(str(exc), message_zh="抽查比例应为0至100的百分数") from None
    return ratios


@dataclass
class PoolBuild:
    pool: rules.Pool
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (unit id, name): Art 17
    rules: rules.PriorityRules | None = None
    on: dt.date | None = None


def year_bounds(session: Session, year: int) -> tuple[dt.datetime, dt.datetime]:
    """The plan year in the office's zone, as UTC instants."""
    zone = office_zone(session)
    start = dt.datetime(year, 1, 1, tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=zone).astimezone(dt.UTC)
    return start, end


def post_licence_units(session: Session, year: int, *, until: dt.date | None = None) -> set[str]:
    """Units that had a 证后 inspection in ``year`` (Art 17: no 常规 inspection that year),
    counting those started by the end of ``until`` (the draw date) when given."""
    start, end = year_bounds(session, year)
    if until is not None:
        zone = office_zone(session)
        next_day = until + dt.timedelta(days=1)
        end = min(end, dt.datetime(next_day.year, next_day.month, next_day.day, tzinfo=zone))
    return set(
        session.scalars(
            select(Inspection.unit_id)
            .where(
                Inspection.inspection_type == InspectionType.POST_LICENCE.value,
                Inspection.deleted.is_(False),
                Inspection.status != InspectionStatus.CANCELLED.value,
                Inspection.started_at >= start,
                Inspection.started_at < end,
            )
            .distinct()
        )
    )


def _check_scope(districts: list[str], kinds: list[str]) -> None:
    known = {k.value for k in EquipmentKind}
    for kind in kinds:
        if kind not in known:
            raise UserError(
                f"unknown kind {kind!r}; known: {', '.join(sorted(known))}",
                message_zh=f"未知的设备种类：{kind}",
            )
    if any(not d.strip() or len(d) > 50 for d in districts):
        raise UserError("a district name must be 1-50 characters", message_zh="区县名称不正确")


@_cycles_paused
def build_pool(
    session: Session,
    *,
    year: int,
    on: dt.date,
    districts: list[str] | tuple[str, ...] = (),
    kinds: list[str] | tuple[str, ...] = (),
    priority: rules.PriorityRules | None = None,
) -> PoolBuild:
    """The draw's inputs as the registry holds them now (``on``: the draw date)."""
    _check_scope(list(districts), list(kinds))
    priority = priority or priority_rules(session)
    eq = Equipment
    in_use = (
        exists()
        .where(eq.unit_id == Unit.id, eq.deleted.is_(False))
        .where(eq.status != EquipmentStatus.SCRAPPED.value)
    )
    if kinds:
        in_use = in_use.where(eq.kind.in_(list(kinds)))
    stmt = select(Unit.id, Unit.name, Unit.district, Unit.venue_type, Unit.priority).where(
        Unit.deleted.is_(False), in_use
    )
    if districts:
        stmt = stmt.where(Unit.district.in_(list(districts)))
    candidates = driver_rows(session, stmt)  # 50,000 rows in a city: no Row objects
    oldest = min(
        rules.years_before(on, priority.accident_years),
        on - dt.timedelta(days=priority.complaint_days),
    )
    accidents: dict[str, list[dt.date]] = {}
    complaints: dict[str, list[dt.date]] = {}
    for unit_id, kind, day, confirmed in session.execute(
        select(UnitEvent.unit_id, UnitEvent.kind, UnitEvent.occurred_on, UnitEvent.confirmed).where(
            UnitEvent.deleted.is_(False),
            UnitEvent.occurred_on >= oldest,
            UnitEvent.occurred_on <= on,
        )
    ):
        if kind == "accident":
            accidents.setdefault(unit_id, []).append(day)
        elif kind == "complaint" and confirmed:
            complaints.setdefault(unit_id, []).append(day)
    eventful = accidents.keys() | complaints.keys()
    excluded_ids = post_licence_units(session, year, until=on)
    graded, ungraded = _grade_strata(session, _credit_rules())
    grade_zh = {s: rules.stratum_zh(s) for s in {*graded.values(), ungraded}}
    units, excluded = [], []
    unit = rules.PoolUnit._make
    # (venue type, listed) -> the 重点 detail, or None: without accidents or complaints
    # the pair alone decides, so it is worked out once per pair
    by_venue: dict[tuple[str, bool], str | None] = {}
    for unit_id, name, district, venue, listed in candidates:
        if unit_id in excluded_ids:
            excluded.append((unit_id, name))
            continue
        if unit_id in eventful:
            facts = rules.UnitFacts(
                venue_type=venue,
                listed=bool(listed),
                accidents=tuple(accidents.get(unit_id, ())),
                complaints=tuple(complaints.get(unit_id, ())),
            )
            reasons = rules.priority_reasons(facts, priority, on)
            key_detail = "；".join(reasons) if reasons else None
        else:
            pair = (venue, bool(listed))
            if pair not in by_venue:
                reasons = rules.priority_reasons(
                    rules.UnitFacts(venue_type=venue, listed=pair[1]), priority, on
                )
                by_venue[pair] = "；".join(reasons) if reasons else None
            key_detail = by_venue[pair]
        if key_detail is not None:
            units.append(unit((unit_id, name, district, rules.KEY, key_detail)))
        else:
            stratum = graded.get(unit_id, ungraded)
            detail = "" if stratum == rules.GENERAL else grade_zh[stratum]
            units.append(unit((unit_id, name, district, stratum, detail)))
    officers = officer_pool(session, districts)
    recusals = recusal_pairs(session)
    pool = rules.Pool.of(units, officers, recusals)
    excluded.sort()
    return PoolBuild(pool=pool, excluded=excluded, rules=priority, on=on)


def officer_pool(
    session: Session, districts: list[str] | tuple[str, ...] = ()
) -> list[rules.PoolOfficer]:
    """Active inspectors with their districts (those of other districts left out)."""
    officers = []
    wanted = set(districts)
    for officer in session.scalars(
        select(Officer).where(
            Officer.deleted.is_(False),
            Officer.active.is_(True),
            Officer.role == OfficerRole.INSPECTOR.value,
        )
    ):
        areas = tuple(sorted({str(d) for d in officer.districts or [] if str(d).strip()}))
        if wanted and areas and not wanted & set(areas):
            continue
        officers.append(rules.PoolOfficer(officer.id, f"{officer.name} {officer.cert_no}", areas))
    return officers


def recusal_pairs(session: Session) -> list[tuple[str, str]]:
    return [
        (o, u)
        for o, u in session.execute(
            select(Recusal.officer_id, Recusal.unit_id).where(Recusal.deleted.is_(False))
        )
    ]


def _active_plans(session: Session, year: int) -> list[Plan]:
    return list(
        session.scalars(
            select(Plan).where(
                Plan.year == year, Plan.deleted.is_(False), Plan.status != "cancelled"
            )
        )
    )


@_cycles_paused
def draw_plan(
    session: Session,
    blobs: BlobStore,
    *,
    year: int,
    seed: str,
    officer_id: str,
    ratios: dict[str, int] | None = None,
    districts: list[str] | tuple[str, ...] = (),
    kinds: list[str] | tuple[str, ...] = (),
    name: str = "",
    doc_no: str = "",
    due_on: dt.date | None = None,
    expect_pool: str | None = None,
    now: dt.datetime | None = None,
) -> Plan:
    """Draw the year's plan and make its tasks; refused if the year already has a plan
    for overlapping districts (cancel it first: a redraw must be on the record)."""
    now = now or utcnow()
    on = local_date(now, office_zone(session))
    if not 2000 <= year <= 2100:
        raise UserError("the plan year must be 2000-2100", message_zh="计划年度应在2000至2100之间")
    try:
        seed = rules.check_seed(seed)
    except rules.DrawError as exc:
        raise UserError(f"seed: {exc}", message_zh="随机种子应为一行文字（不超过200字）") from None
    drawer = session.get(Officer, officer_id)
    if drawer is None or drawer.deleted:
        raise NotFound(f"officer {officer_id} not found", message_zh="未找到该执法人员")
    for other in _active_plans(session, year):
        if not districts or not other.districts or set(districts) & set(other.districts):
            raise UserError(
                f"{year} already has plan {other.name} ({other.id}); cancel it first "
                "(inspector plan cancel) to draw again",
                message_zh=f"{year}年度已有抽查计划“{other.name}”，须先撤销再重新抽取",
            )
    built = build_pool(session, year=year, on=on, districts=districts, kinds=kinds)
    pool_bytes = built.pool.to_csv()
    pool_sha = store_blob(session, blobs, pool_bytes, media_type=CSV_TYPE)
    if expect_pool and expect_pool.strip().lower() != pool_sha:
        raise UserError(
            f"the pool has hash {pool_sha}, not the announced {expect_pool.strip()[:64]}: "
            "the registry changed since it was announced",
            message_zh="抽查对象库的哈希值与事先公布的不一致：名录已有变动",
        )
    ratios = dict(ratios or default_ratios(session))
    try:
        result = rules.draw(built.pool, seed=seed, ratios=ratios)
    except rules.DrawError as exc:
        raise UserError(f"draw: {exc}", message_zh=f"抽取失败：{exc}") from None
    result_sha = store_blob(session, blobs, result.to_csv(), media_type=CSV_TYPE)
    due_on = due_on or dt.date(year, 12, 15)
    plan = Plan(
        year=year,
        name=name.strip() or f"{year}年度特种设备安全监督检查计划",
        doc_no=doc_no.strip(),
        districts=sorted(set(districts)),
        kinds=sorted(set(kinds)),
        algorithm=rules.ALGORITHM,
        seed=seed,
        ratios=result.ratios,
        rules=built.rules.as_dict() if built.rules else {},
        pool_sha256=pool_sha,
        result_sha256=result_sha,
        pool_units=len(built.pool.units),
        pool_officers=len(built.pool.officers),
        excluded_units=len(built.excluded),
        drawn=len(result.rows),
        drawn_at=now,
        drawn_by=officer_id,
        due_on=due_on,
        status="drawn",
    )
    session.add(plan)
    session.flush()
    kinds_text = ",".join(sorted(set(kinds)))
    rows = [
        {
            "id": new_id(),
            "plan_id": plan.id,
            "campaign_id": None,
            "unit_id": d.unit.id,
            "kinds": kinds_text,
            "lead_officer_id": d.lead.id,
            "second_officer_id": d.second.id,
            "due_on": due_on,
            "status": "open",
            "stratum": d.unit.stratum,
            "draw_order": d.order,
            "note": "",
        }
        for d in result.rows
    ]
    for start in range(0, len(rows), 5000):
        bulk_insert(session, Task, rows[start : start + 5000])
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="plan_drawn",
            entity="plan",
            entity_id=plan.id,
            details={
                "year": year,
                "seed": seed,
                "algorithm": rules.ALGORITHM,
                "pool_sha256": pool_sha,
                "result_sha256": result_sha,
                "ratios": result.ratios,
                "pool_units": len(built.pool.units),
                "drawn": len(result.rows),
                "excluded_art17": len(built.excluded),
            },
        )
    )
    session.flush()
    return plan


def get_plan(session: Session, plan_id: str) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None or plan.deleted:
        matches = (
            list(
                session.scalars(
                    select(Plan)
                    .where(Plan.id.startswith(plan_id), Plan.deleted.is_(False))
                    .limit(2)
                )
            )
            if len(plan_id) >= 8
            else []
        )
        if len(matches) == 1:
            return matches[0]
        raise NotFound(f"plan {plan_id} not found", message_zh="未找到该抽查计划")
    return plan


def plans(session: Session, *, year: int | None = None) -> list[Plan]:
    stmt = select(Plan).where(Plan.deleted.is_(False)).order_by(Plan.year.desc(), Plan.drawn_at)
    if year is not None:
        stmt = stmt.where(Plan.year == year)
    return list(session.scalars(stmt))


def cancel_plan(session: Session, *, plan_id: str, officer_id: str, reason: str) -> Plan:
    """Withdraw a plan (a redraw needs it): its open tasks are cancelled; audited."""
    plan = get_plan(session, plan_id)
    if not reason.strip():
        raise UserError("say why the plan is cancelled", message_zh="请填写撤销原因")
    if plan.status == "cancelled":
        raise UserError("the plan is cancelled already", message_zh="该计划已撤销")
    plan.status = "cancelled"
    tasks = session.scalars(
        select(Task).where(Task.plan_id == plan.id, Task.status == "open", Task.deleted.is_(False))
    )
    cancelled = 0
    for task in tasks:
        task.status = "cancelled"
        cancelled += 1
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="plan_cancelled",
            entity="plan",
            entity_id=plan.id,
            reason=reason.strip(),
            details={"tasks_cancelled": cancelled},
        )
    )
    session.flush()
    return plan


def read_blob(session: Session, blobs: BlobStore, sha: str, what: str) -> bytes:
    """A plan's pool or result file; a laptop that has only its hash says so."""
    row = session.get(Blob, sha)
    zh = {"pool": "抽查对象库", "result": "抽取结果"}.get(what, what)
    if row is not None and row.remote:
        raise UserError(
            f"the {what} file is kept at the office; sync online or fetch it "
            f"(inspector blobs fetch {sha[:16]})",
            message_zh=f"{zh}文件存于局端，请联网获取后再试",
        )
    try:
        return blobs.get(sha)
    except BlobError as exc:
        raise UserError(
            f"the {what} file cannot be read: {exc}", message_zh=f"{zh}文件缺失或损坏"
        ) from None


@dataclass
class Verification:
    ok: bool
    pool_sha256: str
    result_sha256: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # the same in Chinese for the supervisor's screen: what matches and what differs
    matches_zh: list[str] = field(default_factory=list)
    problems_zh: list[str] = field(default_factory=list)


def _names(names: list[str], limit: int = 5) -> str:
    return "、".join(names[:limit]) + ("等" if len(names) > limit else "")


def _pool_differences_zh(stored: rules.Pool, other: rules.Pool) -> str:
    """How two pools differ, in counts and a few names."""
    a = {u.id: u for u in stored.units}
    b = {u.id: u for u in other.units}
    gone = [a[u].name or u for u in sorted(set(a) - set(b))]
    added = [b[u].name or u for u in sorted(set(b) - set(a))]
    changed = [a[u].name or u for u in sorted(set(a) & set(b)) if a[u] != b[u]]
    parts = [f"存档{len(a)}家单位，对照{len(b)}家"]
    if added:
        parts.append(f"新增{len(added)}家（{_names(added)}）")
    if gone:
        parts.append(f"减少{len(gone)}家（{_names(gone)}）")
    if changed:
        parts.append(f"名称、区县或分层有变动{len(changed)}家（{_names(changed)}）")
    officers = {o.id for o in stored.officers} ^ {o.id for o in other.officers}
    if officers:
        parts.append(f"执法人员增减{len(officers)}名")
    if set(stored.recusals) != set(other.recusals):
        parts.append("回避关系有变动")
    return "；".join(parts)


def _list_differences_zh(stored: bytes, redrawn: rules.Draw) -> str:
    try:
        old = rules.read_result(stored)
    except rules.DrawError:
        return "存档名单文件无法读取"
    new = {d.unit.id: d for d in redrawn.rows}
    before = {r.unit_id: r for r in old}
    parts = [f"存档名单{len(old)}家，重新抽取{len(redrawn.rows)}家"]
    missing = [r.unit_name or r.unit_id for r in old if r.unit_id not in new]
    extra = [d.unit.name or d.unit.id for d in redrawn.rows if d.unit.id not in before]
    officers = [r.unit_name or r.unit_id for r in old if r.unit_id in new
                and (r.lead, r.second) != (new[r.unit_id].lead.id, new[r.unit_id].second.id)]  # fmt: skip
    if missing:
        parts.append(f"存档有而重新抽取没有{len(missing)}家（{_names(missing)}）")
    if extra:
        parts.append(f"重新抽取有而存档没有{len(extra)}家（{_names(extra)}）")
    if officers:
        parts.append(f"执法人员不同{len(officers)}家（{_names(officers)}）")
    if not (missing or extra or officers):
        parts.append("单位与人员相同，但顺序或文字不同")
    return "；".join(parts)


@_cycles_paused
def verify_plan(
    session: Session,
    blobs: BlobStore,
    *,
    plan_id: str,
    pool_file: bytes | None = None,
    expected_hash: str | None = None,
    against_registry: bool = False,
) -> Verification:
    """Draw again from the stored (or a given) pool and compare with the stored list.

    Fails, naming what differs, when: the stored pool is not the announced one
    (``expected_hash``), a given pool file differs from the stored pool, the draw gives
    another list, the plan's tasks do not match the list, or (``against_registry``) the
    registry now gives another pool than the stored one."""
    plan = get_plan(session, plan_id)
    stored_pool_bytes = read_blob(session, blobs, plan.pool_sha256, "pool")
    stored_result = read_blob(session, blobs, plan.result_sha256, "result")
    report = Verification(True, plan.pool_sha256, plan.result_sha256)
    if expected_hash and expected_hash.strip().lower() != plan.pool_sha256:
        report.problems.append(
            f"pool hash {plan.pool_sha256} is not the announced {expected_hash.strip()[:64]}"
        )
        report.problems_zh.append("存档对象库的哈希值与事先公布的不一致")
    elif expected_hash:
        report.matches_zh.append("存档对象库的哈希值与事先公布的一致")
    stored_pool = rules.Pool.from_csv(stored_pool_bytes)
    pool = stored_pool
    if pool_file is not None:
        try:
            pool = rules.Pool.from_csv(pool_file)
        except rules.DrawError as exc:
            raise UserError(f"pool file: {exc}", message_zh=f"抽查对象库文件有误：{exc}") from None
        given = hashlib.sha256(pool_file).hexdigest()
        if given != plan.pool_sha256:
            report.problems.append(f"the given pool has hash {given}, the plan {plan.pool_sha256}")
            report.problems += [f"pool: {p}" for p in rules.compare_pools(stored_pool, pool)]
            report.problems_zh.append(
                "所给对象库文件与存档不一致：" + _pool_differences_zh(stored_pool, pool)
            )
        else:
            report.matches_zh.append("所给对象库文件与存档一致")
    try:
        redrawn = rules.draw(
            pool, seed=plan.seed, ratios={k: int(v) for k, v in plan.ratios.items()}
        )
    except rules.DrawError as exc:
        report.problems.append(f"the draw cannot be repeated: {exc}")
        report.problems_zh.append(f"无法重新抽取：{exc}")
        redrawn = None
    if redrawn is not None:
        redrawn_csv = redrawn.to_csv()
        report.result_sha256 = hashlib.sha256(redrawn_csv).hexdigest()
        differences = rules.compare_results(stored_result, redrawn, redrawn_csv=redrawn_csv)
        report.problems += [f"list: {p}" for p in differences]
        if differences:
            report.problems_zh.append(
                "重新抽取的名单与存档不一致：" + _list_differences_zh(stored_result, redrawn)
            )
        else:
            report.matches_zh.append(
                f"以同一随机种子从存档对象库（{len(pool.units)}家单位）重新抽取，"
                f"结果与存档名单逐字一致（{len(redrawn.rows)}家）"
            )
    task_problems = _tasks_against(session, plan, stored_result, report.notes)
    report.problems += task_problems
    if task_problems:
        report.problems_zh.append(
            f"任务与抽中名单不符{len(task_problems)}处（抽中未生成任务，或有任务而未被抽中）"
        )
    else:
        report.matches_zh.append("每家抽中单位都有任务，没有名单以外的任务")
    if against_registry:
        zone = office_zone(session)
        now = build_pool(
            session,
            year=plan.year,
            on=local_date(plan.drawn_at, zone),
            districts=plan.districts or (),
            kinds=plan.kinds or (),
            priority=rules.PriorityRules(
                venue_types=tuple(plan.rules.get("venue_types", ())),
                accident_years=int(plan.rules.get("accident_years", 2)),
                complaints=int(plan.rules.get("complaints", 2)),
                complaint_days=int(plan.rules.get("complaint_days", 365)),
            ),
        ).pool
        if now.to_csv() != stored_pool_bytes:
            report.problems.append("the registry now gives another pool than the stored one")
            report.problems += [f"registry: {p}" for p in rules.compare_pools(stored_pool, now)]
            report.problems_zh.append(
                "按现在的名录重建的对象库与存档不一致（抽取后名录有变动）："
                + _pool_differences_zh(stored_pool, now)
            )
        else:
            report.matches_zh.append("按现在的名录重建的对象库与存档一致")
    report.ok = not report.problems
    return report


def _tasks_against(session: Session, plan: Plan, stored: bytes, notes: list[str]) -> list[str]:
    """Every drawn unit has its task; reassignments are allowed and noted, not failures."""
    try:
        rows = rules.read_result(stored)
    except rules.DrawError:
        return []
    tasks = {
        unit_id: (lead, second, status)
        for unit_id, lead, second, status in driver_rows(
            session,
            select(Task.unit_id, Task.lead_officer_id, Task.second_officer_id, Task.status).where(
                Task.plan_id == plan.id, Task.deleted.is_(False)
            ),
        )
    }
    problems = []
    drawn = {r.unit_id for r in rows}
    for r in rows:
        task = tasks.get(r.unit_id)
        if task is None:
            problems.append(f"tasks: {r.unit_name or r.unit_id} was drawn but has no task")
        elif task[:2] != (r.lead, r.second):
            notes.append(f"{r.unit_name or r.unit_id}: reassigned after the draw")
        elif task[2] == "cancelled" and plan.status != "cancelled":
            notes.append(f"{r.unit_name or r.unit_id}: task cancelled")
    for unit_id in sorted(set(tasks) - drawn):
        unit = session.get(Unit, unit_id)
        problems.append(f"tasks: {unit.name if unit else unit_id} has a task but was not drawn")
    return problems


def count_tasks(session: Session, plan_id: str) -> int:
    return (
        session.scalar(
            select(func.count(Task.id)).where(Task.plan_id == plan_id, Task.deleted.is_(False))
        )
        or 0
    )


def drawn_units_with_post_licence(
    session: Session, plan_id: str, post_licence: set[str] | None = None
) -> list[str]:
    """Drawn units that have had a 证后 inspection since (Art 17: no 常规 one this year)."""
    plan = get_plan(session, plan_id)
    if post_licence is None:
        post_licence = post_licence_units(session, plan.year)
    units = session.scalars(
        select(Task.unit_id).where(
            Task.plan_id == plan.id, Task.deleted.is_(False), Task.status == "open"
        )
    )
    return sorted(u for u in units if u in post_licence)
