"""挂牌督办 escalation documents: the report upwards, the written report to the local
government (总局令第57号 Art 30–31) and the 涉嫌犯罪案件移送书 (移送公安机关, 行刑衔接).

EscalationDoc → flowables → PDF, in the style of the directive (reports/common.py):
masthead, title, addressee, numbered sections, the authority and date over the
seal area. What the documents cite comes in the view model (policy/cases.yaml
``documents``), never from this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
    para,
    text,
    zh_date,
)
from inspector_app.reports.integrity import content_digest
from inspector_app.reports.model import Unit

KINDS = ("report", "notice", "police")
TITLES = {
    "report": "关于{unit}特种设备{hazards}挂牌督办情况的报告",
    "notice": "关于{unit}特种设备{hazards}情况的报告",
    "police": "涉嫌犯罪案件移送书",
}


@dataclass(frozen=True)
class CaseHazard:
    equipment: str  # 1号客梯（31103506…）
    hazard: str  # 重大事故隐患 / 一般隐患
    description: str
    deadline: date
    state: str  # 待整改 / 逾期未整改（转立案） …


@dataclass(frozen=True)
class EscalationDoc:
    kind: str  # report | notice | police
    case_number: str
    authority_name: str
    addressee: str  # the body written to
    dated: date
    unit: Unit
    district: str
    hazards: tuple[CaseHazard, ...]
    directive_number: str
    directive_issued_on: date | None
    directive_deadline: date | None
    listed_on: date
    deadline: date
    leader: str
    measures: str
    funds: str
    responsible: str
    emergency_plan: str
    actions: tuple[str, ...]  # what the bureau has done, dated sentences
    basis: str  # the article relied on
    copy_to: tuple[str, ...] = ()
    offence: str = ""  # police: 涉嫌罪名
    facts: str = ""  # police: the facts as the officer stated them
    attachments: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        for name in ("hazards", "actions", "copy_to", "attachments"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        if not self.addressee.strip():
            raise ValueError("the document needs its addressee")

    @property
    def hazard_words(self) -> str:
        """重大事故隐患 only when every hazard of the case is one (a case for a directive
        not carried out may concern general hazards)."""
        serious = self.hazards and all(h.hazard == "重大事故隐患" for h in self.hazards)
        return "重大事故隐患" if serious else "事故隐患"

    @property
    def title(self) -> str:
        return TITLES[self.kind].format(unit=self.unit.name, hazards=self.hazard_words)


def render_escalation(doc: EscalationDoc) -> bytes:
    """The document as A4 PDF bytes; the same ``doc`` always gives the same bytes."""
    return build_pdf(
        escalation_story(doc),
        decor=PageDecor(doc.authority_name, f"督办编号：{doc.case_number}"),
        title=doc.title,
        subject=doc.unit.name,
        author=doc.authority_name,
        created_on=doc.dated,
        fingerprint=content_digest(doc),
    )


def escalation_story(doc: EscalationDoc) -> list[Flowable]:
    story: list[Flowable] = [
        para(esc(doc.authority_name), "authority"),
        bold(_title_lines(doc), "title", 0.6),
        para(f"督办编号：{esc(doc.case_number)}", "number"),
        Spacer(1, 2 * mm),
        para(f"{esc(doc.addressee)}：", "body"),
    ]
    if doc.kind == "police":
        story += _police(doc)
    else:
        story += _report(doc)
    # the seal never stands alone on a page: the last paragraph (and its heading) go with it
    closing = [story.pop(), Spacer(1, 4 * mm)]
    if story and story[-1].style is st.styles()["section"]:
        closing.insert(0, story.pop())
    if doc.kind != "police":
        closing.append(para("特此报告。", "indent"))
    closing.append(SealArea(doc.authority_name, doc.dated, st.FRAME_WIDTH))
    if doc.copy_to:
        closing.append(para(f"抄送：{esc('，'.join(doc.copy_to))}。", "small"))
    story.append(KeepTogether(closing))
    return story


def _unit_table(doc: EscalationDoc) -> Table:
    u = doc.unit
    label = 30 * mm
    half = (st.FRAME_WIDTH - 2 * label) / 2
    return label_value_table(
        [
            ["单位名称", u.name, "", ""],
            ["统一社会信用代码", u.uscc, "所在区县", doc.district or "—"],
            ["地址", u.address, "", ""],
            ["法定代表人", u.legal_representative or "—", "联系人及电话",
             f"{u.contact_name} {u.contact_phone}".strip() or "—"],
        ],
        [label, half, label, half],
        extra=[("SPAN", (1, r), (3, r)) for r in (0, 2)],
    )  # fmt: skip


def _hazard_table(doc: EscalationDoc) -> Table:
    widths = [10 * mm, 38 * mm, 22 * mm, st.FRAME_WIDTH - 100 * mm, 30 * mm]
    rows = [
        [text(h, "cell_head") for h in ("序号", "设备", "隐患等级", "隐患情况", "整改期限及状态")]
    ]
    for n, h in enumerate(doc.hazards, start=1):
        rows.append([
            text(str(n), "cell_c"), text(h.equipment, "cell"), text(h.hazard, "cell_c"),
            text(h.description, "cell"), text(f"{zh_date(h.deadline)}\n{h.state}", "cell"),
        ])  # fmt: skip
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style(1))
    return table


def _five(doc: EscalationDoc) -> list[Flowable]:
    def value(v: str) -> str:
        return v.strip() or "（尚未落实）"

    return [
        para(f"（一）整改措施：{esc(value(doc.measures))}", "item"),
        para(f"（二）整改资金：{esc(value(doc.funds))}", "item"),
        para(f"（三）整改时限：{zh_date(doc.deadline)}前", "item"),
        para(f"（四）责任人：{esc(value(doc.responsible))}", "item"),
        para(f"（五）应急预案：{esc(value(doc.emergency_plan))}", "item"),
    ]


def _directive_sentence(doc: EscalationDoc) -> str:
    if not doc.directive_number:
        return ""
    when = zh_date(doc.directive_issued_on) if doc.directive_issued_on else ""
    deadline = f"，责令于{zh_date(doc.directive_deadline)}前整改" if doc.directive_deadline else ""
    return f"{when}，我局对该单位出具《特种设备安全监察指令书》（{esc(doc.directive_number)}）{deadline}。"


def _title_lines(doc: EscalationDoc) -> str:
    """A long title breaks after the unit's name, not wherever the line is full."""
    head = f"关于{doc.unit.name}"
    if doc.title.startswith(head) and len(doc.title) > 24:
        return f"{esc(head)}<br/>{esc(doc.title[len(head) :])}"
    return esc(doc.title)


def _report(doc: EscalationDoc) -> list[Flowable]:
    opening = (
        f"根据{esc(doc.basis)}的规定，现将{esc(doc.unit.name)}特种设备{doc.hazard_words}"
        f"{'挂牌督办' if doc.kind == 'report' else ''}情况报告如下："
    )
    story: list[Flowable] = [para(opening, "indent"), para("一、单位基本情况", "section"),
                             _unit_table(doc), para("二、隐患情况", "section")]  # fmt: skip
    if doc.hazards:
        story.append(_hazard_table(doc))
    story += [
        para("三、已采取的措施", "section"),
        para(_directive_sentence(doc) + f"{zh_date(doc.listed_on)}，我局将该隐患列入挂牌督办"
             f"（督办编号{esc(doc.case_number)}），督办责任领导为{esc(doc.leader)}。", "indent"),
    ]  # fmt: skip
    story += [para(esc(a), "item") for a in doc.actions]
    story += [para("四、“五到位”落实情况", "section"), *_five(doc)]
    closing = (
        "我局将继续督促该单位在整改时限内消除隐患，隐患消除前相关设备不得使用，"
        "整改完成后组织验收销号，并及时报告进展情况。"
    )
    if doc.kind == "notice":
        closing = (
            "上述隐患可能危及公共安全，特此书面报告，并通报有关部门，"
            "请督促该单位落实整改责任。" + closing
        )
    story += [para("五、下一步工作", "section"), para(closing, "indent")]
    return story


def _police(doc: EscalationDoc) -> list[Flowable]:
    story: list[Flowable] = [
        para(
            f"{esc(doc.unit.name)}涉嫌{esc(doc.offence)}一案，经我局调查，"
            f"根据{esc(doc.basis)}的规定，现移送你局，请依法审查。",
            "indent",
        ),
        para("一、当事人基本情况", "section"),
        _unit_table(doc),
        para("二、涉嫌犯罪的事实", "section"),
        text(doc.facts, "indent"),
    ]
    if doc.hazards:
        story += [para("三、涉及的特种设备及事故隐患", "section"), _hazard_table(doc)]
    story += [
        para("四、行政执法过程", "section"),
        para(_directive_sentence(doc) + f"{zh_date(doc.listed_on)}，该隐患被列入挂牌督办"
             f"（督办编号{esc(doc.case_number)}）。", "indent"),
    ]  # fmt: skip
    story += [para(esc(a), "item") for a in doc.actions]
    if doc.attachments:
        story.append(para("附件：", "section"))
        story += [para(f"{n}．{esc(a)}", "item") for n, a in enumerate(doc.attachments, 1)]
    story.append(para("请你局自收到本移送书之日起依法审查，并将是否立案的决定书面告知我局。",
                      "indent"))  # fmt: skip
    return story
