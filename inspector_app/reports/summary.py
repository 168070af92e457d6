"""The leaders' one-page summary (领导参阅) of a period's supervision.

SummaryDoc → one A4 page: the key figures, what is still open, a table by
district and the monthly trend as a small bar chart. Everything shown is in the
view model (core/stats.py fills it); the layout drops table rows rather than
spill onto a second page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from inspector_app.reports import styles as st
from inspector_app.reports.common import (
    PageDecor,
    bold,
    build_pdf,
    esc,
    grid_style,
    para,
    text,
    zh_date,
)
from inspector_app.reports.integrity import content_digest

TITLE = "特种设备安全监督检查工作情况"
MAX_DISTRICT_ROWS = 12


@dataclass(frozen=True)
class DistrictLine:
    district: str
    inspections: int
    units: int
    serious: int
    general: int
    rate: str  # "86.2%" or "—"
    directives: int
    cases: int


@dataclass(frozen=True)
class MonthLine:
    month: str  # YYYY-MM
    inspections: int
    serious: int
    general: int


@dataclass(frozen=True)
class SummaryDoc:
    authority_name: str
    period: str  # 2026年1月1日至2026年3月31日
    dated: date
    figures: tuple[tuple[str, str], ...]  # (label, value), shown two rows of four
    open_items: tuple[str, ...]  # sentences: what is still open today
    districts: tuple[DistrictLine, ...]
    months: tuple[MonthLine, ...]
    scope: str = ""  # the filter, when not the whole city

    def __post_init__(self) -> None:
        for name in ("figures", "open_items", "districts", "months"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))


def render_summary(doc: SummaryDoc) -> bytes:
    return build_pdf(
        summary_story(doc),
        decor=PageDecor(doc.authority_name, "领导参阅"),
        title=f"{TITLE}（{doc.period}）",
        subject=TITLE,
        author=doc.authority_name,
        created_on=doc.dated,
        fingerprint=content_digest(doc),
    )


def summary_story(doc: SummaryDoc) -> list[Flowable]:
    story: list[Flowable] = [
        para(esc(doc.authority_name), "authority"),
        bold(TITLE, "title", 0.6),
        para(f"{esc(doc.period)}{('　' + esc(doc.scope)) if doc.scope else ''}", "number"),
        _figures(doc),
        Spacer(1, 3 * mm),
    ]
    if doc.open_items:
        story.append(para("当前须关注：" + "；".join(esc(x) for x in doc.open_items) + "。",
                          "indent"))  # fmt: skip
    story += [para("各区县情况", "section"), _districts(doc)]
    if doc.months:
        story += [para("月度趋势", "section"), _chart(doc)]
    story.append(para(f"制表：{esc(doc.authority_name)}　{zh_date(doc.dated)}", "small"))
    return story


def _figures(doc: SummaryDoc) -> Table:
    cells = list(doc.figures)[:8]
    while len(cells) < 8:
        cells.append(("", ""))
    rows = []
    for start in (0, 4):
        rows.append([text(label, "cell_c") for label, _v in cells[start : start + 4]])
        rows.append([para(f"<font size=16>{esc(v)}</font>", "cell_c") for _l, v in
                     cells[start : start + 4]])  # fmt: skip
    table = Table(rows, colWidths=[st.FRAME_WIDTH / 4] * 4, rowHeights=[7 * mm, 10 * mm] * 2)
    table.setStyle(grid_style(0, [("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
                                  ("BACKGROUND", (0, 2), (-1, 2), st.HEADER_FILL)]))  # fmt: skip
    return table


def _districts(doc: SummaryDoc) -> Table:
    heads = ("区县", "检查次数", "检查单位", "重大隐患", "一般隐患", "整改率", "指令书", "挂牌督办")
    rows = [[text(h, "cell_head") for h in heads]]
    lines = list(doc.districts)
    shown = lines[:MAX_DISTRICT_ROWS]
    rest = lines[MAX_DISTRICT_ROWS:]
    for line in shown:
        rows.append([text(line.district, "cell"), *[text(str(v), "cell_c") for v in (
            line.inspections, line.units, line.serious, line.general, line.rate,
            line.directives, line.cases)]])  # fmt: skip
    if rest:
        sums = [sum(getattr(x, k) for x in rest) for k in
                ("inspections", "units", "serious", "general")]  # fmt: skip
        rows.append([text(f"其他{len(rest)}个区县", "cell"),
                     *[text(str(v), "cell_c") for v in sums], text("—", "cell_c"),
                     text(str(sum(x.directives for x in rest)), "cell_c"),
                     text(str(sum(x.cases for x in rest)), "cell_c")])  # fmt: skip
    first = 34 * mm
    other = (st.FRAME_WIDTH - first) / 7
    table = Table(rows, colWidths=[first] + [other] * 7, repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style(1, [("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))  # fmt: skip
    return table


def _chart(doc: SummaryDoc) -> Drawing:
    width, height = st.FRAME_WIDTH, 58 * mm
    drawing = Drawing(width, height, initialFontName=st.FONT_NAME)  # not Helvetica (unembedded)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - 50 * mm, height - 16 * mm
    months = list(doc.months)[-12:]
    chart.data = [[m.inspections for m in months], [m.serious + m.general for m in months]]
    chart.categoryAxis.categoryNames = [m.month[2:].replace("-", ".") for m in months]
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = st.FONT_NAME, 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#4472C4")
    chart.bars[1].fillColor = colors.HexColor("#ED7D31")
    chart.barSpacing, chart.groupSpacing = 0.5, 4
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 34 * mm, height - 14 * mm
    legend.fontName, legend.fontSize = st.FONT_NAME, 8
    legend.colorNamePairs = [(colors.HexColor("#4472C4"), "检查次数"),
                             (colors.HexColor("#ED7D31"), "发现隐患")]  # fmt: skip
    drawing.add(legend)
    drawing.add(String(0, height - 4 * mm, "（次/项）", fontName=st.FONT_NAME, fontSize=7))
    return drawing
