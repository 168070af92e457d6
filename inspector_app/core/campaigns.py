"""专项监督检查 (总局令第57号 Art 10–11): a campaign, its scope and its tasks.

A campaign's scope is kinds × venue types × districts (an empty list means all) or an
explicit list of units; each scope cell (kind, venue type, district) has a target
coverage in percent (default 100 %). ``generate_tasks`` picks, per cell, the share of
units the target asks for with the same provable draw as the annual plan
(``rules.draw``: strata are the cells, ratios the targets) and gives each two officers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.rules import draw as rules
from inspector_app.rules.enums import EquipmentKind, EquipmentStatus, VenueType
from inspector_app.store.blobs import BlobStore, store_blob
from inspector_app.store.changes import bulk_insert
from inspector_app.store.ids import new_id
from inspector_app.store.models import (
    AuditLog,
    Campaign,
    Equipment,
    Officer,
    Task,
    Unit,
    utcnow,
)

from .errors import NotFound, UserError
from .plans import CSV_TYPE, officer_pool, recusal_pairs

ANY = "*"
FULL = rules.FULL


def parse_target(text: str) -> tuple[str, int]:
    """``elevator/residential/*=30`` -> ("elevator|residential|*", 3000)."""
    cell, sep, value = text.partition("=")
    parts = [p.strip() or ANY for p in cell.split("/")]
    if not sep or len(parts) != 3:
        raise UserError(
            f"target {text!r}: write KIND/VENUE/DISTRICT=PERCENT with * for any, "
            "e.g. elevator/residential/*=30",
            message_zh="目标覆盖率应写作“种类/场所/区县=百分比”，可用*表示全部",
        )
    kind, venue, _district = parts
    if kind != ANY and kind not in {k.value for k in EquipmentKind}:
        raise UserError(f"target {text!r}: unknown kind {kind!r}", message_zh="未知的设备种类")
    if venue != ANY and venue not in {v.value for v in VenueType}:
        raise UserError(
            f"target {text!r}: unknown venue type {venue!r}", message_zh="未知的场所类型"
        )
    try:
        bp = rules.parse_ratio(value)
    except rules.DrawError as exc:
        raise UserError(
            f"target {text!r}: {exc}", message_zh="目标覆盖率应为0至100的百分数"
        ) from None
    return "|".join(parts), bp


def target_for(targets: dict[str, int], kind: str, venue: str, district: str) -> int:
    """The most specific target that matches a cell (100 % when none does)."""
    best, score = FULL, -1
    for key, value in targets.items():
        parts = key.split("|")
        if len(parts) != 3:
            continue
        wanted = (kind, venue, district)
        if all(p in (ANY, w) for p, w in zip(parts, wanted, strict=True)):
            specific = sum(p != ANY for p in parts)
            if specific > score:
                best, score = int(value), specific
    return best


def _check_list(values: list[str], known: set[str] | None, what: str, zh: str) -> list[str]:
    out = sorted({v.strip() for v in values if v.strip()})
    for v in out:
        if known is not None and v not in known:
            raise UserError(
                f"unknown {what} {v!r}; known: {', '.join(sorted(known))}",
                message_zh=f"未知的{zh}：{v}",
            )
        if len(v) > 50:
            raise UserError(f"{what} {v[:20]!r}… is too long", message_zh=f"{zh}名称过长")
    return out


def units_by_reference(session: Session, refs: list[str]) -> list[str]:
    """The ids of the units named by id or by 统一社会信用代码 (one per line in a list pasted
    into the supervisor's dialog); a reference that names no unit, or several, is refused."""
    ids = []
    for n, raw in enumerate(refs, 1):
        ref = raw.strip()
        if not ref:
            continue
        if len(ref) > 64 or any(not c.isprintable() for c in ref):  # PostgreSQL refuses NUL
            raise UserError(
                f"unit list line {n}: not a credit code or a unit id",
                message_zh=f"单位名单第{n}行不是统一社会信用代码或单位编号",
                field="units",
            )
        unit = session.get(Unit, ref)
        if unit is not None and not unit.deleted:
            ids.append(unit.id)
            continue
        found = list(
            session.scalars(
                select(Unit.id).where(Unit.uscc == ref.upper(), Unit.deleted.is_(False)).limit(2)
            )
        )
        if len(found) != 1:
            why = "several units have that credit code" if found else "no such unit"
            raise UserError(
                f"unit list line {n}: {ref[:40]!r}: {why}",
                message_zh=f"单位名单第{n}行“{ref[:40]}”："
                + ("多个单位使用该信用代码，请填写单位编号" if found else "未找到该使用单位"),
                field="units",
            )
        ids.append(found[0])
    return ids


def create_campaign(
    session: Session,
    *,
    name: str,
    owner_id: str,
    starts_on: dt.date,
    ends_on: dt.date,
    doc_no: str = "",
    legal_basis: str = "",
    kinds: list[str] | tuple[str, ...] = (),
    venue_types: list[str] | tuple[str, ...] = (),
    districts: list[str] | tuple[str, ...] = (),
    unit_ids: list[str] | tuple[str, ...] = (),
    targets: dict[str, int] | None = None,
    notes: str = "",
) -> Campaign:
    name = name.strip()
    if not name or len(name) > 200:
        raise UserError(
            "a campaign needs a name of 1-200 characters",
            message_zh="请填写专项检查名称（不超过200字）",
            field="name",
        )
    if len(doc_no.strip()) > 100:
        raise UserError("the document number is too long", message_zh="文号过长", field="doc_no")
    for value, field, zh in ((name, "name", "专项检查名称"), (doc_no, "doc_no", "文号"),
                             (legal_basis, "legal_basis", "检查依据"), (notes, "notes", "备注")):  # fmt: skip
        # line breaks are text; other control characters are not (PostgreSQL refuses NUL)
        if any(not c.isprintable() and c not in "\n\r\t" for c in value):
            raise UserError(
                f"the {field.replace('_', ' ')} contains a control character",
                message_zh=f"{zh}中含有不可见的控制字符",
                field=field,
            )
    if ends_on < starts_on:
        raise UserError(
            "the campaign ends before it starts", message_zh="结束日期早于开始日期", field="ends_on"
        )
    owner = session.get(Officer, owner_id)
    if owner is None or owner.deleted:
        raise NotFound(f"officer {owner_id} not found", message_zh="未找到负责人")
    units = sorted(set(unit_ids))
    if units:
        found = set(
            session.scalars(select(Unit.id).where(Unit.id.in_(units), Unit.deleted.is_(False)))
        )
        missing = [u for u in units if u not in found]
        if missing:
            raise NotFound(f"unit {missing[0]} not found", message_zh="名单中有未登记的使用单位")
    clean_targets = {}
    for key, value in (targets or {}).items():
        if not (isinstance(value, int) and 0 <= value <= FULL) or len(key.split("|")) != 3:
            raise UserError(f"target {key!r}={value!r} is not valid", message_zh="目标覆盖率不正确")
        clean_targets[key] = value
    campaign = Campaign(
        name=name,
        doc_no=doc_no.strip(),
        legal_basis=legal_basis.strip(),
        kinds=_check_list(list(kinds), {k.value for k in EquipmentKind}, "kind", "设备种类"),
        venue_types=_check_list(
            list(venue_types), {v.value for v in VenueType}, "venue type", "场所类型"
        ),
        districts=_check_list(list(districts), None, "district", "区县"),
        unit_ids=units,
        starts_on=starts_on,
        ends_on=ends_on,
        targets=clean_targets,
        owner_id=owner_id,
        status="open",
        notes=notes.strip(),
    )
    session.add(campaign)
    session.flush()
    session.add(
        AuditLog(
            officer_id=owner_id,
            action="campaign_created",
            entity="campaign",
            entity_id=campaign.id,
            details={"name": name, "doc_no": campaign.doc_no},
        )
    )
    session.flush()
    return campaign


def get_campaign(session: Session, campaign_id: str) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or campaign.deleted:
        matches = []
        if len(campaign_id) >= 8:
            matches = list(
                session.scalars(
                    select(Campaign)
                    .where(Campaign.id.startswith(campaign_id), Campaign.deleted.is_(False))
                    .limit(2)
                )
            )
        if len(matches) == 1:
            return matches[0]
        raise NotFound(f"campaign {campaign_id} not found", message_zh="未找到该专项检查")
    return campaign


def campaigns(session: Session, *, status: str | None = None) -> list[Campaign]:
    stmt = select(Campaign).where(Campaign.deleted.is_(False))
    if status:
        stmt = stmt.where(Campaign.status == status)
    return list(session.scalars(stmt.order_by(Campaign.starts_on.desc(), Campaign.name)))


def close_campaign(session: Session, *, campaign_id: str, officer_id: str) -> Campaign:
    campaign = get_campaign(session, campaign_id)
    if campaign.status == "closed":
        raise UserError("the campaign is closed already", message_zh="该专项检查已结束")
    campaign.status = "closed"
    campaign.closed_at = utcnow()
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="campaign_closed",
            entity="campaign",
            entity_id=campaign.id,
        )
    )
    session.flush()
    return campaign


@dataclass(frozen=True)
class ScopeUnit:
    id: str
    name: str
    district: str
    venue_type: str
    kinds: tuple[str, ...]  # the unit's kinds within the campaign's scope


def scope_units(session: Session, campaign: Campaign) -> list[ScopeUnit]:
    """The units in the campaign's scope with the kinds they have in it."""
    stmt = (
        select(Unit.id, Unit.name, Unit.district, Unit.venue_type, Equipment.kind)
        .join(Equipment, Equipment.unit_id == Unit.id)
        .where(
            Unit.deleted.is_(False),
            Equipment.deleted.is_(False),
            Equipment.status != EquipmentStatus.SCRAPPED.value,
        )
        .distinct()
    )
    if campaign.unit_ids:
        stmt = stmt.where(Unit.id.in_(list(campaign.unit_ids)))
    if campaign.kinds:
        stmt = stmt.where(Equipment.kind.in_(list(campaign.kinds)))
    if campaign.venue_types:
        stmt = stmt.where(Unit.venue_type.in_(list(campaign.venue_types)))
    if campaign.districts:
        stmt = stmt.where(Unit.district.in_(list(campaign.districts)))
    found: dict[str, tuple[str, str, str, set[str]]] = {}
    for uid, name, district, venue, kind in session.execute(stmt):
        found.setdefault(uid, (name, district, venue, set()))[3].add(kind)
    return [
        ScopeUnit(uid, name, district, venue, tuple(sorted(kinds)))
        for uid, (name, district, venue, kinds) in sorted(found.items())
    ]


def count_tasks(session: Session, campaign_id: str) -> int:
    return (
        session.scalar(
            select(func.count(Task.id)).where(
                Task.campaign_id == campaign_id, Task.deleted.is_(False)
            )
        )
        or 0
    )


def generate_tasks(
    session: Session,
    blobs: BlobStore,
    *,
    campaign_id: str,
    seed: str,
    officer_id: str,
    due_on: dt.date | None = None,
) -> int:
    """Tasks for the campaign's scope, per cell as many as its target asks; the number made.

    Refused when the campaign has tasks already (add single ones with ``tasks.add_task``)."""
    campaign = get_campaign(session, campaign_id)
    if campaign.status != "open":
        raise UserError("the campaign is closed", message_zh="该专项检查已结束")
    try:
        seed = rules.check_seed(seed)
    except rules.DrawError as exc:  # said in Chinese, as the annual plan's draw says it
        raise UserError(f"seed: {exc}", message_zh="随机种子应为一行文字（不超过200字）") from None
    if count_tasks(session, campaign.id):
        raise UserError(
            "the campaign has tasks already; add single units with 'inspector tasks add'",
            message_zh="该专项检查已生成任务，可逐个添加",
        )
    units = scope_units(session, campaign)
    if not units:
        raise UserError(
            "no registered unit is in the campaign's scope", message_zh="范围内没有登记的使用单位"
        )
    targets = {k: int(v) for k, v in (campaign.targets or {}).items()}
    pool_units, ratios, kinds_of = [], {}, {}
    for u in units:
        target = max(target_for(targets, k, u.venue_type, u.district) for k in u.kinds)
        stratum = f"{u.venue_type}|{u.district}|{rules.percent(target)}"
        ratios[stratum] = target
        pool_units.append(rules.PoolUnit(u.id, u.name, u.district, stratum))
        kinds_of[u.id] = ",".join(u.kinds) if campaign.kinds else ""
    pool = rules.Pool.of(
        pool_units, officer_pool(session, campaign.districts or ()), recusal_pairs(session)
    )
    try:
        result = rules.draw(pool, seed=seed, ratios=ratios)
    except rules.DrawError as exc:
        raise UserError(f"draw: {exc}", message_zh=f"抽取失败：{exc}") from None
    pool_sha = store_blob(session, blobs, pool.to_csv(), media_type=CSV_TYPE)
    result_sha = store_blob(session, blobs, result.to_csv(), media_type=CSV_TYPE)
    due_on = due_on or campaign.ends_on
    rows = [
        {
            "id": new_id(),
            "plan_id": None,
            "campaign_id": campaign.id,
            "unit_id": d.unit.id,
            "kinds": kinds_of[d.unit.id],
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
    session.add(AuditLog(
        officer_id=officer_id, action="campaign_tasks", entity="campaign", entity_id=campaign.id,
        details={"seed": result.seed, "pool_sha256": pool_sha, "result_sha256": result_sha,
                 "algorithm": rules.ALGORITHM, "units_in_scope": len(units),
                 "tasks": len(rows)},
    ))  # fmt: skip
    session.flush()
    return len(rows)
