"""双随机抽查记录: the record of an annual plan's draw, printed for the draw meeting.

It carries everything an auditor needs to re-run the draw by hand (docs/planning.md): the
algorithm, the seed, the pool's size and SHA-256 (the pool file is kept and can be
exported), the ratio of each stratum, the 重点 rules in force, and the list drawn with
the two officers of each unit; lines for the people present to sign.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from inspector_app.reports import styles as st
from inspector_app.reports.common import (
    PageDecor,
    bold,
    build_pdf,
    esc,
    grid_style,
    label_value_table,
    para,
    text,
    tstyle,
    zh_date,
    zh_datetime,
)

TITLE = "“双随机、一公开”抽查记录"


@dataclass(frozen=True)
class StratumLine:
    name: str  # 重点单位 / 一般单位
    pool: int
    ratio: str  # 20%
    drawn: int


@dataclass(frozen=True)
class DrawnLine:
    order: int
    unit: str
    district: str
    stratum: str  # 重点 / 一般
    reasons: str
    officers: str  # 张伟 35060001、李娜 35060002


@dataclass(frozen=True)
class DrawRecordDoc:
    authority_name: str
    plan_name: str
    plan_id: str
    year: int
    scope: str  # districts and kinds, in words
    drawn_at: datetime  # office time
    drawn_by: str
    algorithm: str
    seed: str
    pool_units: int
    pool_officers: int
    recusals: int
    excluded_units: int  # Art 17
    pool_sha256: str
    result_sha256: str
    strata: tuple[StratumLine, ...]
    priority_rules: str
    rows: tuple[DrawnLine, ...]
    due_on: date


def fingerprint(doc: DrawRecordDoc) -> str:
    return hashlib.sha256(
        json.dumps(asdict(doc), ensure_ascii=False, sort_keys=True, default=str).encode()
    ).hexdigest()


def render_draw_record(doc: DrawRecordDoc) -> bytes:
    """The record as A4 PDF bytes; the same ``doc`` always gives the same bytes."""
    return build_pdf(
        draw_record_story(doc),
        decor=PageDecor(f"{doc.authority_name}　{TITLE}", f"{doc.year}年度　{doc.plan_id[:8]}"),
        title=f"{TITLE} {doc.plan_name}",
        subject=doc.plan_name,
        author=doc.authority_name,
        created_on=doc.drawn_at.date(),
        fingerprint=fingerprint(doc),
    )


def _hash(value: str) -> str:
    """A SHA-256 in groups of 8, so it can be read aloud and compared."""
    return " ".join(value[i : i + 8] for i in range(0, len(value), 8))


# The list of a city's plan has thousands of rows: short cells the main font draws whole are
# plain table strings (a Paragraph per cell was most of the rendering time), set like "cell".
PLAIN_CELLS = (
    ("FONTNAME", (0, 1), (-1, -1), st.FONT_NAME),
    ("FONTSIZE", (0, 1), (-1, -1), 9),
    ("LEADING", (0, 1), (-1, -1), 12),
    ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ("ALIGN", (3, 1), (3, -1), "CENTER"),
)
_PADDING = 6  # the grid's left + right padding


def _cell(value: str, width: float, style: str = "cell", split_at: str = "") -> str | Flowable:
    """``value`` as a plain string when it fits the column on one line (or, split after each
    ``split_at``, one part a line) and the main font draws it all; otherwise a wrapping
    paragraph with the symbol fallback."""
    if st.main_font_draws_all(value):
        room = width - _PADDING
        if stringWidth(value, st.FONT_NAME, 9) <= room:
            return value
        parts = value.split(split_at) if split_at else []
        if len(parts) > 1 and all(stringWidth(p, st.FONT_NAME, 9) <= room for p in parts):
            return "\n".join(parts)
    return text(value, style)


def draw_record_story(doc: DrawRecordDoc) -> list[Flowable]:
    label = 32 * mm
    value = st.FRAME_WIDTH - label
    head = label_value_table(
        [
            ["计划名称", doc.plan_name],
            ["检查范围", doc.scope],
            ["抽取时间", zh_datetime(doc.drawn_at)],
            [
                "抽取方法",
                f"{doc.algorithm}（按随机种子计算各单位的SHA-256排序值，分层抽取；"
                "抽中单位按排序值依次随机匹配两名执法人员）",
            ],
            ["随机种子", doc.seed],
            [
                "检查对象库",
                f"使用单位{doc.pool_units}家；执法人员{doc.pool_officers}名；"
                f"回避关系{doc.recusals}对；本年度已实施证后检查不再纳入常规检查的单位"
                f"{doc.excluded_units}家",
            ],
            ["对象库哈希值", _hash(doc.pool_sha256)],
            ["抽取结果哈希值", _hash(doc.result_sha256)],
            ["重点单位认定", doc.priority_rules],
            ["完成期限", zh_date(doc.due_on)],
        ],
        [label, value],
    )
    strata = [[text(h, "cell_head") for h in ("类别", "对象数", "抽取比例", "抽中数")]]
    for s in doc.strata:
        strata.append([text(s.name, "cell"), text(str(s.pool), "cell_c"),
                       text(s.ratio, "cell_c"), text(str(s.drawn), "cell_c")])  # fmt: skip
    strata_table = Table(strata, colWidths=[60 * mm, 36 * mm, 36 * mm, 36 * mm], hAlign="LEFT",
                         repeatRows=1)  # fmt: skip
    strata_table.setStyle(grid_style(1))
    rows = [[text(h, "cell_head") for h in ("序号", "被检查单位", "区县", "类别", "检查人员")]]
    widths = [12 * mm, 70 * mm, 22 * mm, 14 * mm, st.FRAME_WIDTH - 118 * mm]
    for r in doc.rows:
        if r.reasons:  # the 重点 reasons in smaller type under the name
            unit = para(f"{esc(r.unit)}<br/><font size=7.5>{esc(r.reasons)}</font>", "cell")
        else:
            unit = _cell(r.unit, widths[1])
        rows.append([_cell(str(r.order), widths[0], "cell_c"), unit,
                     _cell(r.district, widths[2]), _cell(r.stratum, widths[3], "cell_c"),
                     _cell(r.officers, widths[4], split_at="、")])  # fmt: skip
    drawn = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1)
    drawn.setStyle(grid_style(1, PLAIN_CELLS))
    story: list[Flowable] = [
        para(esc(doc.authority_name), "authority"),
        bold(TITLE, "title", 0.6),
        Spacer(1, 3 * mm),
        head,
        Spacer(1, 3 * mm),
        para("一、分层抽取情况", "section"),
        strata_table,
        Spacer(1, 2 * mm),
        para(
            "任何人可依据对象库文件（其SHA-256哈希值应与上表一致）和随机种子，按《抽取方法说明》"
            "重新计算，得到与本记录相同的抽取结果。",
            "small",
        ),
        para(f"二、抽中单位及检查人员（共{len(doc.rows)}家）", "section"),
        drawn,
        Spacer(1, 6 * mm),
    ]
    story.append(KeepTogether([para("三、现场人员签字", "section"), _signatures(doc)]))
    return story


def _signatures(doc: DrawRecordDoc) -> Table:
    lines = [("抽取操作人", doc.drawn_by), ("监督人", ""), ("记录人", "")]
    rows = [[text(f"{role}：", "sign"), text(name, "sign"), text("签名：", "sign_r"), text("", "sign"),
             text("日期：", "sign_r"), text("", "sign")] for role, name in lines]  # fmt: skip
    table = Table(rows, colWidths=[26 * mm, 36 * mm, 16 * mm, 46 * mm, 16 * mm, 30 * mm],
                  rowHeights=[12 * mm] * len(rows), hAlign="LEFT")  # fmt: skip
    table.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("LINEBELOW", (3, 0), (3, -1), 0.4, st.GREY),
                           ("LINEBELOW", (5, 0), (5, -1), 0.4, st.GREY)]))  # fmt: skip
    return table
