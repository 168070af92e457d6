"""特种设备安全监察指令书: DirectiveDoc → flowables → PDF bytes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from inspector_app.reports import styles as st
from inspector_app.reports.common import (
    PageDecor,
    SealArea,
    bold,
    build_pdf,
    esc,
    grid_style,
    label_value_table,
    merge_citations,
    officers_table,
    para,
    photo_appendix,
    qr_flowable,
    signature_row,
    text,
    tstyle,
    zh_date,
)
from inspector_app.reports.integrity import content_digest, qr_payload
from inspector_app.reports.model import DirectiveDoc, EquipmentRef, Problem
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, HAZARD_CLASS_ZH, HazardClass

TITLE = "特种设备安全监察指令书"
PROBLEMS_LEAD = "经检查，你（单位）在特种设备安全方面存在下列问题："
STOP_USE = "存在重大事故隐患，责令立即停止使用"
#: The public template's remedies; the bodies come from the office's settings.
REMEDIES = (
    "你（单位）如对本指令不服，可以自收到本指令书之日起六十日内向{review_body}申请行政复议，"
    "或者六个月内向{court}提起行政诉讼。复议或者诉讼期间，不停止本指令书的执行。"
)
COPIES = "本指令书一式两份，一份交被检查单位，一份存档。"
REPORT_BACK = (
    "整改完成后，你（单位）应当将整改情况书面报告{authority}（整改报告）；"
    "{authority}将自收到整改报告之日起10个工作日内进行复查。"
)
GROUP_UNIT = "使用单位安全管理方面"
GROUP_EQUIPMENT = "设备方面"
CN_ORDINALS = "一二三四五六七八九十"


def remedies_text(doc: DirectiveDoc) -> str:
    return REMEDIES.format(review_body=doc.review_body, court=doc.court)


def render_directive(doc: DirectiveDoc) -> bytes:
    """The directive as A4 PDF bytes; the same ``doc`` always gives the same bytes."""
    digest = content_digest(doc)
    story = directive_story(doc, digest)
    return build_pdf(
        story,
        decor=PageDecor(f"{doc.authority_short}　{TITLE}", doc.number),
        title=f"{TITLE} {doc.number}",
        subject=doc.unit.name,
        author=doc.authority_name,
        created_on=doc.issued_on,
        fingerprint=digest,
        # The QR payload again as document metadata, so `inspector verify FILE`
        # can check a saved PDF without decoding the printed code.
        keywords=qr_payload(doc.number, digest),
    )


def directive_story(doc: DirectiveDoc, digest: str | None = None) -> list[Flowable]:
    digest = digest or content_digest(doc)
    story: list[Flowable] = [_masthead(doc, digest)]
    if doc.supersedes_number:
        story.append(
            para(
                f"本指令书替代{esc(doc.supersedes_number)}指令书，原指令书自本指令书送达之日起作废。",
                "small",
            )
        )
    story += [Spacer(1, 3 * mm), *_unit_block(doc), Spacer(1, 3 * mm)]
    story += _equipment_table(problem_equipment(doc))
    story += _problems(doc)
    story += _order(doc)
    # The remedies travel with the signatures: the signature and seal block never
    # stands alone on a page.
    closing = [Spacer(1, 2 * mm)]
    consequence = _consequence(doc)
    if consequence is not None:
        closing.append(consequence)
    closing.append(para(esc(remedies_text(doc)), "indent"))
    story.append(KeepTogether([*closing, *_signatures(doc)]))
    story.append(_follow_up(doc))
    story += photo_appendix(doc.problems, f"附件：现场照片（{doc.number}）")
    return story


# ---------------------------------------------------------------- parts


def _masthead(doc: DirectiveDoc, digest: str) -> Table:
    side = 26 * mm
    middle = [
        para(esc(doc.authority_name), "authority"),
        bold(TITLE, "title", 0.6),
        para(esc(doc.number), "sign_c"),
    ]
    table = Table(
        [[Spacer(side, side), middle, qr_flowable(qr_payload(doc.number, digest), side)]],
        colWidths=[side, st.FRAME_WIDTH - 2 * side, side],
    )
    table.setStyle(
        tstyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _unit_block(doc: DirectiveDoc) -> list[Flowable]:
    u = doc.unit
    w = st.FRAME_WIDTH
    label = 30 * mm
    half = (w - 2 * label) / 2
    name_label = "被检查单位" if doc.addressee == "user" else "维护保养单位"
    rows = [
        [name_label, u.name, "", ""],
        ["统一社会信用代码", u.uscc or "—", "法定代表人", u.legal_representative or "—"],
        ["地址", u.address or "—", "", ""],
        ["联系人", u.contact_name or "—", "联系电话", u.contact_phone or "—"],
    ]
    spans = [("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 2), (3, 2))]
    if doc.addressee == "maintenance":
        rows.append(["被检查使用单位", doc.inspected_unit_name, "", ""])
        spans.append(("SPAN", (1, 4), (3, 4)))
    return [label_value_table(rows, [label, half, label, half], extra=spans)]


def _kind_text(eq: EquipmentRef) -> str:
    kind = EQUIPMENT_KIND_ZH[eq.kind]
    return f"{kind}<br/><font size=7.5>{esc(eq.category_name)}</font>" if eq.category_name else kind


def problem_equipment(doc: DirectiveDoc) -> list[EquipmentRef]:
    """The equipment the problems concern, in the directive's order (none without one)."""
    named = {c for p in doc.problems if p.scope == "equipment" or p.hazard == HazardClass.SERIOUS
             for c in p.equipment_codes}  # fmt: skip
    return [eq for eq in doc.equipment if eq.registration_code in named]


def _equipment_table(equipment: list[EquipmentRef]) -> list[Flowable]:
    if not equipment:
        return []
    head = ["序号", "设备名称", "设备种类", "注册代码", "使用登记证编号", "设备位置"]
    rows = [[para(h, "cell_head") for h in head]]
    for i, eq in enumerate(equipment, 1):
        rows.append(
            [
                para(str(i), "cell_c"),
                text(eq.name, "cell"),
                para(_kind_text(eq), "cell_c"),
                text(eq.registration_code, "cell"),
                text(eq.certificate_no, "cell"),
                text(eq.location, "cell"),
            ]
        )
    widths = [10 * mm, 32 * mm, 24 * mm, 38 * mm, 30 * mm]
    widths.append(st.FRAME_WIDTH - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style(1))
    return [para("涉及设备：", "section"), table]


def _equipment_label(eq: EquipmentRef) -> str:
    return f"{eq.name}（{EQUIPMENT_KIND_ZH[eq.kind]}，注册代码{eq.registration_code}）"


def _problem_equipment(doc: DirectiveDoc, problem: Problem) -> list[str]:
    by_code = {eq.registration_code: eq for eq in doc.equipment}
    return [
        _equipment_label(by_code[c]) if c in by_code else f"注册代码{c}"
        for c in problem.equipment_codes
    ]


def problems_lead(doc: DirectiveDoc) -> str:
    if doc.addressee == "maintenance":
        return (
            f"经对{esc(doc.inspected_unit_name)}使用的特种设备进行现场监督检查，"
            "你（单位）作为维护保养单位，存在下列问题："
        )
    return PROBLEMS_LEAD


def grouped(problems) -> list[tuple[str, list[Problem]]]:
    """Management problems (the unit's) first, then equipment problems; one group = no heading."""
    unit = [p for p in problems if p.scope == "unit"]
    equipment = [p for p in problems if p.scope != "unit"]
    if unit and equipment:
        return [(GROUP_UNIT, unit), (GROUP_EQUIPMENT, equipment)]
    return [("", unit or equipment)]


def problem_paragraphs(doc, p: Problem, labels) -> list[Flowable]:
    """The fact with its class, the equipment, the duty violated and, if serious, the 判定."""
    tag = HAZARD_CLASS_ZH[p.hazard]
    if p.hazard == HazardClass.SERIOUS:
        tag = f'<font color="{st.RED_HEX}">〔{tag}〕</font>'
    else:
        tag = f"〔{tag}〕"
    out: list[Flowable] = [para(f"{p.seq}．{esc(p.description)}{tag}", "item")]
    details = []
    if p.scope == "equipment" and labels:
        details.append("涉及设备：" + "、".join(esc(e) for e in labels) + "。")
    if p.provision:
        details.append(f"违反了{esc(p.provision)}的规定。")
    if p.hazard == HazardClass.SERIOUS and p.judged_by:
        details.append(f"依据{esc(p.judged_by)}，判定为重大事故隐患。")
    if details:
        out.append(para("".join(details), "subitem"))
    return out


def _problems(doc: DirectiveDoc) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 2 * mm), para(problems_lead(doc), "section")]
    for k, (heading, problems) in enumerate(grouped(doc.problems)):
        if heading:
            story.append(para(f"（{CN_ORDINALS[k]}）{heading}", "indent"))
        for p in problems:
            story += problem_paragraphs(doc, p, _problem_equipment(doc, p))
    return story


def _order(doc: DirectiveDoc) -> list[Flowable]:
    """根据…的规定，现责令你（单位）：一、立即停止使用…；二、于…前采取以下措施…；三、整改报告."""
    story: list[Flowable] = [
        Spacer(1, 2 * mm),
        para(f"根据{esc(doc.order_basis)}的规定，现责令你（单位）：", "indent"),
    ]
    n = 0
    if doc.has_serious:
        n += 1
        story.append(_stop_use_box(doc, CN_ORDINALS[n - 1]))
    n += 1
    story.append(
        para(
            f"{CN_ORDINALS[n - 1]}、于{zh_date(doc.deadline)}前采取以下措施予以改正或者消除事故隐患：",
            "indent",
        )
    )
    for p in doc.problems:
        story.append(para(f"{p.seq}．{esc(p.measure.rstrip('。'))}（对应问题{p.seq}）。", "item"))
    n += 1
    story.append(
        para(
            f"{CN_ORDINALS[n - 1]}、" + esc(REPORT_BACK.format(authority=doc.authority_name)),
            "indent",
        )  # fmt: skip
    )
    return story


def _consequence(doc: DirectiveDoc):
    """Penalty articles appear here only: what follows if the directive is not obeyed."""
    penalties = merge_citations(p.penalty for p in doc.problems if p.penalty)
    if not penalties:
        return None
    refusal = "逾期未改正或者拒不停止使用的" if doc.has_serious else "逾期未改正的"
    return para(
        f"{refusal}，{esc(doc.authority_name)}将依照{esc(penalties)}等规定依法处理。",
        "indent",
    )


def serious_equipment(doc: DirectiveDoc) -> list[str]:
    """Labels of the equipment ordered out of use (all of it if a serious finding names none)."""
    serious = [p for p in doc.problems if p.hazard == HazardClass.SERIOUS]
    if any(not p.equipment_codes for p in serious):
        return [_equipment_label(eq) for eq in doc.equipment]
    labels: list[str] = []
    for p in serious:
        for label in _problem_equipment(doc, p):
            if label not in labels:
                labels.append(label)
    return labels


def _stop_use_box(doc: DirectiveDoc, ordinal: str) -> Table:
    serious = [p for p in doc.problems if p.hazard == HazardClass.SERIOUS]
    seqs = "、".join(str(p.seq) for p in serious)
    equipment = serious_equipment(doc) or ["你（单位）上述问题涉及的特种设备"]
    content = [
        bold(f"{ordinal}、{STOP_USE}！", "serious", 0.5),
        para(
            f"针对上述第{seqs}项问题，责令你（单位）对下列特种设备立即停止使用：",
            "body",
        ),
    ]
    content += [para(f"· {esc(label)}", "body") for label in equipment]
    resume = "上述设备在事故隐患消除前不得继续使用。"
    inspected = [str(p.seq) for p in serious if p.reinspection]
    if inspected:
        resume += (
            f"第{'、'.join(inspected)}项问题涉及的设备，"
            "须经特种设备检验机构检验合格后方可重新投入使用。"
        )
    content.append(para(resume, "body"))
    box = Table([[content]], colWidths=[st.FRAME_WIDTH])
    box.setStyle(
        tstyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.6, st.RED),
                ("BACKGROUND", (0, 0), (-1, -1), st.SERIOUS_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return KeepTogether([Spacer(1, 2 * mm), box, Spacer(1, 2 * mm)])


def addressee_word(doc: DirectiveDoc) -> str:
    return "被检查单位" if doc.addressee == "user" else "维护保养单位"


def _receipt(doc: DirectiveDoc) -> list[Flowable]:
    who = addressee_word(doc)
    if doc.refused_to_sign:
        note = f"（{esc(doc.refusal_note)}）" if doc.refusal_note else ""
        return [
            para(
                f"{who}签收：{who}负责人拒绝签收。{note}执法人员已在本指令书上注明拒签情况。",
                "sign",
            )
        ]
    table = signature_row(
        f"{who}签收人：",
        doc.unit_signature_png,
        doc.unit_signer_name,
        f"签收日期：{zh_date(doc.receipt_date)}",
        label_w=36 * mm,
        name_w=30 * mm,
    )
    return [table]


def _signatures(doc: DirectiveDoc) -> list[Flowable]:
    return [
        Spacer(1, 4 * mm),
        officers_table(doc.officers),
        Spacer(1, 3 * mm),
        *_receipt(doc),
        SealArea(doc.authority_name, doc.issued_on, st.FRAME_WIDTH),
        para(COPIES.replace("被检查单位", addressee_word(doc)), "small"),
    ]


def _follow_up(doc: DirectiveDoc) -> KeepTogether:
    f = doc.follow_up
    date_text = zh_date(f.date if f else None)
    officer = ""
    if f and f.officer:
        officer = f"{f.officer.name}（执法证号：{f.officer.cert_no}）"
    table = label_value_table(
        [
            ["复查日期", date_text, "复查人员", officer],
            ["复查结果", f.result if f else "", "", ""],
        ],
        [22 * mm, 56 * mm, 22 * mm, st.FRAME_WIDTH - 100 * mm],
        extra=[("SPAN", (1, 1), (3, 1))],
        row_heights=[None, None if f else 16 * mm],  # room for a pen when not yet done
    )
    return KeepTogether([para("整改复查情况：", "section"), table])


__all__ = ["render_directive", "directive_story", "remedies_text", "grouped", "problem_paragraphs"]
