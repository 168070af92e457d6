"""现场监督检查记录: RecordDoc → flowables → PDF bytes."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from inspector_app.reports import styles as st
from inspector_app.reports.common import (
    PageDecor,
    bold,
    build_pdf,
    esc,
    grid_style,
    label_value_table,
    officers_table,
    para,
    photo_appendix,
    signature_row,
    text,
    zh_date,
    zh_datetime,
)
from inspector_app.reports.integrity import content_digest
from inspector_app.reports.model import INSPECTION_TYPES, RecordDoc
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, EquipmentKind

TITLE = "现场监督检查记录"


def render_record(doc: RecordDoc) -> bytes:
    """The on-site record as A4 PDF bytes; the same ``doc`` always gives the same bytes."""
    return build_pdf(
        record_story(doc),
        decor=PageDecor(f"{doc.authority_name}　{TITLE}", f"编号：{doc.record_no}"),
        title=f"{TITLE} {doc.record_no}",
        subject=doc.unit.name,
        author=doc.authority_name,
        created_on=doc.started_at.date(),
        fingerprint=content_digest(doc),
    )


def sampled_counts(doc: RecordDoc) -> dict[EquipmentKind, int]:
    """Units sampled per kind, in the enum's order."""
    counts = Counter(check.equipment.kind for check in doc.equipment)
    return {kind: counts[kind] for kind in EquipmentKind if counts[kind]}


def sampled_sentence(doc: RecordDoc) -> str:
    counts = sampled_counts(doc)
    if not counts:
        return "本次未抽查特种设备。"
    parts = "、".join(f"{EQUIPMENT_KIND_ZH[k]}{n}台" for k, n in counts.items())
    return f"本次共抽查特种设备{sum(counts.values())}台，其中{parts}。"


def record_story(doc: RecordDoc) -> list[Flowable]:
    story: list[Flowable] = [
        para(esc(doc.authority_name), "authority"),
        bold(TITLE, "title", 0.6),
        para(f"编号：{esc(doc.record_no)}", "number"),
        _header_table(doc),
        Spacer(1, 3 * mm),
        para(opening_statement(doc), "indent"),
        para(f"检查内容：{esc(doc.scope) if doc.scope else '见下表。'}", "indent"),
    ]
    story += _checks(doc)
    story += _problems(doc)
    # The measures, the unit's opinion and the signatures stay on one page together.
    story.append(
        KeepTogether(
            [
                para("采取的措施：", "section"),
                text(doc.measures_taken or "无。", "indent"),
                *_unit_opinion(doc),
                *_signatures(doc),
            ]
        )
    )
    if doc.include_photos:
        story += photo_appendix(doc.problems, f"附件：现场照片（记录编号：{doc.record_no}）")
    return story


def _type_marks(doc: RecordDoc) -> str:
    return "　".join(("■" if doc.inspection_type == k else "□") + k for k in INSPECTION_TYPES)


def task_source_text(doc: RecordDoc) -> str:
    if doc.task_source.strip():
        return doc.task_source.strip()
    return "年度监督检查计划" if doc.inspection_type == "常规" else "—"


def _header_table(doc: RecordDoc) -> Table:
    u = doc.unit
    label = 30 * mm
    half = (st.FRAME_WIDTH - 2 * label) / 2
    time_text = f"{zh_datetime(doc.started_at)} 至 {zh_datetime(doc.ended_at)}"
    return label_value_table(
        [
            ["检查类别", _type_marks(doc) + "　监督检查", "", ""],
            ["任务来源", task_source_text(doc), "", ""],
            ["检查时间", time_text, "", ""],
            ["检查地点", doc.place or u.address, "", ""],
            ["被检查单位", u.name, "", ""],
            ["统一社会信用代码", u.uscc, "法定代表人", u.legal_representative or "—"],
            ["地址", u.address, "", ""],
            ["联系人", u.contact_name, "联系电话", u.contact_phone],
            ["陪同人员", accompanied(doc), "", ""],
        ],
        [label, half, label, half],
        extra=[("SPAN", (1, r), (3, r)) for r in (0, 1, 2, 3, 4, 6, 8)],
    )


def opening_statement(doc: RecordDoc) -> str:
    """出示证件、说明来意: who, on what task and basis, checking what, asking what (57号令 Art 19)."""
    officers = "、".join(f"{esc(o.name)}（执法证号{esc(o.cert_no)}）" for o in doc.officers)
    source = esc(task_source_text(doc))
    return (
        f"{zh_date(doc.started_at.date())}，检查人员{officers}根据{source}，"
        f"依据{esc(doc.legal_basis)}等规定，对你单位使用的特种设备进行{doc.inspection_type}监督检查。"
        "检查人员向被检查单位出示了执法证件，说明了检查的任务来源、依据、内容和要求，"
        "要求被检查单位如实提供有关情况和资料，配合检查，不得拒绝、阻碍。"
        f"被检查单位{esc(accompanied(doc))}陪同检查。"
    )


def accompanied(doc: RecordDoc) -> str:
    """张三（安全管理员）, or just the name when no position was written."""
    name, position = doc.accompanied_by_name.strip(), doc.accompanied_by_position.strip()
    if not name:
        return position or "（无人陪同）"
    return f"{name}（{position}）" if position else name


def _checks(doc: RecordDoc) -> list[Flowable]:
    story: list[Flowable] = [para("检查情况：", "section"), para(sampled_sentence(doc), "indent")]
    if not doc.equipment:
        return story
    head = ["序号", "设备名称", "设备种类", "注册代码", "检查项", "符合", "不符合", "不适用"]
    rows = [[para(h, "cell_head") for h in head]]
    totals = [0, 0, 0, 0]
    for i, check in enumerate(doc.equipment, 1):
        eq = check.equipment
        nums = [check.checked, check.passed, check.failed, check.not_applicable]
        totals = [a + b for a, b in zip(totals, nums, strict=True)]
        rows.append(
            [
                para(str(i), "cell_c"),
                text(eq.name, "cell"),
                para(EQUIPMENT_KIND_ZH[eq.kind], "cell_c"),
                text(eq.registration_code, "cell"),
                *(para(str(n), "cell_c") for n in nums),
            ]
        )
    rows.append([para("合计", "cell_c"), "", "", "", *(para(str(n), "cell_c") for n in totals)])
    widths = [10 * mm, 38 * mm, 22 * mm, 40 * mm]
    rest = (st.FRAME_WIDTH - sum(widths)) / 4
    table = Table(rows, colWidths=widths + [rest] * 4, repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style(1, [("SPAN", (0, -1), (3, -1))]))
    return [*story, Spacer(1, 1 * mm), table]


def _problems(doc: RecordDoc) -> list[Flowable]:
    from inspector_app.reports.directive import CN_ORDINALS, grouped, problem_paragraphs

    story: list[Flowable] = [para("发现的问题：", "section")]
    if not doc.problems:
        return [*story, para("未发现问题。", "indent")]
    by_code = {c.equipment.registration_code: c.equipment for c in doc.equipment}
    for k, (heading, problems) in enumerate(grouped(doc.problems)):
        if heading:
            story.append(para(f"（{CN_ORDINALS[k]}）{heading}", "indent"))
        for p in problems:
            labels = [by_code[c].name if c in by_code else c for c in p.equipment_codes]
            story += problem_paragraphs(doc, p, labels)
    return story


def _unit_opinion(doc: RecordDoc) -> list[Flowable]:
    parts: list[Flowable] = [
        para("被检查单位意见：", "section"),
        text(doc.unit_opinion or "（被检查单位未陈述意见）", "indent"),
        Spacer(1, 2 * mm),
    ]
    if doc.refused_to_sign:
        note = f"（{esc(doc.refusal_note)}）" if doc.refusal_note else ""
        parts.append(para(f"被检查单位负责人拒绝签字。{note}执法人员已在记录上注明。", "sign"))
    else:
        table = signature_row(
            "被检查单位负责人签字：",
            doc.unit_signature_png,
            doc.unit_signer_name,
            f"日期：{zh_date(doc.signed_on)}",
            label_w=44 * mm,
            name_w=26 * mm,
        )
        parts.append(table)
    return parts


def _signatures(doc: RecordDoc) -> list[Flowable]:
    return [
        para("检查人员：", "section"),
        officers_table(doc.officers, "检查人员"),
        Spacer(1, 2 * mm),
        officers_table([doc.recorder], "记录人"),
    ]
