"""A plan's documents: the draw record (抽查记录 PDF) and the 公开 list (.xlsx / .csv)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from inspector_app.reports.draw_record import (
    DrawnLine,
    DrawRecordDoc,
    StratumLine,
    render_draw_record,
)
from inspector_app.reports.publication import PublishedRow, to_csv, write_xlsx
from inspector_app.rules import draw as rules
from inspector_app.rules.enums import (
    EQUIPMENT_KIND_ZH,
    VENUE_TYPE_ZH,
    Conclusion,
    InspectionStatus,
)
from inspector_app.rules.zh import zh_date
from inspector_app.store.blobs import BlobStore
from inspector_app.store.models import (
    AuditLog,
    Directive,
    Inspection,
    Officer,
    Plan,
    Task,
    Unit,
    utcnow,
)

from .clock import local, office_zone
from .errors import UserError
from .plans import get_plan, read_blob
from .settings import get_setting
from .tasks import kinds_text

RESULT_ZH = {
    Conclusion.PASS.value: "未发现问题",
    Conclusion.RECTIFY.value: "发现一般隐患，责令限期整改",
    Conclusion.STOP_USE.value: "发现重大事故隐患，责令停止使用",
}


def scope_text(plan: Plan) -> str:
    where = "、".join(plan.districts) if plan.districts else "全市"
    kinds = "、".join(EQUIPMENT_KIND_ZH.get(k, k) for k in plan.kinds) if plan.kinds else (
        "全部特种设备")  # fmt: skip
    return f"{where}辖区内{kinds}的使用单位"


def rules_text(plan: Plan) -> str:
    r = plan.rules or {}
    venues = "、".join(VENUE_TYPE_ZH.get(v, v) for v in r.get("venue_types", []))
    parts = [f"人员密集场所（{venues}）" if venues else ""]
    parts.append(f"{r.get('accident_years', 2)}年内发生事故的单位")
    if int(r.get("complaints", 0)):
        parts.append(
            f"{r.get('complaint_days', 365)}日内投诉举报查实{r.get('complaints')}次以上的单位"
        )
    parts.append("列入重点名录的单位")
    return "；".join(p for p in parts if p) + "（《特种设备安全监督检查办法》第九条）"


def draw_record_doc(session: Session, blobs: BlobStore, *, plan_id: str) -> DrawRecordDoc:
    plan = get_plan(session, plan_id)
    pool = rules.Pool.from_csv(read_blob(session, blobs, plan.pool_sha256, "pool"))
    rows = rules.read_result(read_blob(session, blobs, plan.result_sha256, "result"))
    units = {u.id: u for u in pool.units}
    officers = {o.id: o for o in pool.officers}
    counts = rules.strata_of(pool.units)
    drawn_counts: dict[str, int] = {}
    for r in rows:
        drawn_counts[r.stratum] = drawn_counts.get(r.stratum, 0) + 1
    strata = tuple(
        StratumLine(
            rules.stratum_zh(s),
            counts.get(s, 0),
            rules.percent(int(plan.ratios.get(s, 0))),
            drawn_counts.get(s, 0),
        )
        for s in sorted(set(counts) | set(plan.ratios))
    )
    lines = tuple(
        DrawnLine(
            r.order,
            r.unit_name,
            units[r.unit_id].district if r.unit_id in units else "",
            "重点" if r.stratum == rules.KEY else "一般",
            units[r.unit_id].reasons if r.unit_id in units else "",
            "、".join(officers[o].name if o in officers else o for o in (r.lead, r.second)),
        )
        for r in rows
    )
    drawer = session.get(Officer, plan.drawn_by)
    return DrawRecordDoc(
        authority_name=get_setting(session, "authority_name"),
        plan_name=plan.name + (f"（{plan.doc_no}）" if plan.doc_no else ""),
        plan_id=plan.id,
        year=plan.year,
        scope=scope_text(plan),
        drawn_at=local(plan.drawn_at, office_zone(session)).replace(tzinfo=None),
        drawn_by=drawer.name if drawer else "",
        algorithm=plan.algorithm,
        seed=plan.seed,
        pool_units=len(pool.units),
        pool_officers=len(pool.officers),
        recusals=len(pool.recusals),
        excluded_units=plan.excluded_units,
        pool_sha256=plan.pool_sha256,
        result_sha256=plan.result_sha256,
        strata=strata,
        priority_rules=rules_text(plan),
        rows=lines,
        due_on=plan.due_on,
    )


def draw_record_pdf(session: Session, blobs: BlobStore, *, plan_id: str) -> bytes:
    return render_draw_record(draw_record_doc(session, blobs, plan_id=plan_id))


def publication_rows(session: Session, *, plan_id: str) -> list[PublishedRow]:
    """One row per drawn unit, in draw order, with its result once inspected."""
    plan = get_plan(session, plan_id)
    zone = office_zone(session)
    lead, second = aliased(Officer), aliased(Officer)
    stmt = (
        select(Task, Unit, lead.name, second.name)
        .join(Unit, Unit.id == Task.unit_id)
        .join(lead, lead.id == Task.lead_officer_id)
        .join(second, second.id == Task.second_officer_id)
        .where(Task.plan_id == plan.id, Task.deleted.is_(False))
        .order_by(Task.draw_order, Task.id)
    )
    out = []
    for n, (task, unit, lead_name, second_name) in enumerate(session.execute(stmt), 1):
        inspection = session.scalar(
            select(Inspection)
            .where(
                Inspection.task_id == task.id,
                Inspection.deleted.is_(False),
                Inspection.status == InspectionStatus.CONCLUDED.value,
            )
            .order_by(Inspection.concluded_at.desc())
            .limit(1)
        )
        on, result, handling = "", "尚未检查", ""
        if task.status == "cancelled":
            result = "已撤销"
        if inspection is not None:
            on = zh_date(local(inspection.started_at, zone).date())
            result = RESULT_ZH.get(inspection.conclusion or "", "已检查")
            numbers = session.scalars(
                select(Directive.number).where(
                    Directive.inspection_id == inspection.id,
                    Directive.deleted.is_(False),
                    Directive.status != "superseded",
                )
            ).all()
            handling = (
                ("已下达特种设备安全监察指令书（" + "、".join(numbers) + "）") if numbers else ""
            )
        out.append(
            PublishedRow(
                order=task.draw_order or n,
                unit=unit.name,
                uscc=unit.uscc,
                district=unit.district,
                venue=VENUE_TYPE_ZH.get(unit.venue_type, unit.venue_type),
                stratum="重点" if task.stratum == rules.KEY else "一般",
                matters=kinds_text(task.kinds),
                officers=f"{lead_name}、{second_name}",
                inspected_on=on,
                result=result,
                handling=handling,
            )
        )
    return out


def publish(session: Session, *, plan_id: str, path: Path, officer_id: str) -> int:
    """Write the 公开 list to ``path`` (.xlsx or .csv); the plan is marked published."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(
            f"{path.name}: write .xlsx or .csv", message_zh="公开名单应保存为 .xlsx 或 .csv 文件"
        )
    plan = get_plan(session, plan_id)
    rows = publication_rows(session, plan_id=plan.id)
    now = utcnow()
    title = f"{get_setting(session, 'authority_name')}{plan.name}抽查结果公示"
    note = f"截至{zh_date(local(now, office_zone(session)).date())}；共抽取{len(rows)}家单位"
    try:
        if suffix == ".csv":
            path.write_bytes(to_csv(rows))
        else:
            write_xlsx(path, rows, title=title, note=note)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}", message_zh="无法写入文件") from None
    if plan.status == "drawn":
        plan.status = "published"
    plan.published_at = now
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="plan_published",
            entity="plan",
            entity_id=plan.id,
            details={"rows": len(rows), "file": path.name},
        )
    )
    session.flush()
    return len(rows)
