"""Page template, running header/footer, and the flowables both documents share.

"第 x 页 共 y 页" needs the page count before any page is written, so the
canvas holds finished pages back and stamps header and footer in ``save``
(one layout pass instead of a two-pass multiBuild).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from inspector_app.reports import styles as st
from inspector_app.reports.model import Officer, Problem
from inspector_app.rules.zh import zh_date as _zh_date

# ---------------------------------------------------------------- text helpers


def esc(text: str | None) -> str:
    """Escape user text for Paragraph mini-markup; keep line breaks."""
    return escape(text or "").replace("\n", "<br/>")


def zh_date(d: date | None) -> str:
    """2026年9月21日 (no leading zeros, GB/T 9704); blanks for a pen when ``d`` is None."""
    if d is None:
        return "\u00a0" * 8 + "年" + "\u00a0" * 5 + "月" + "\u00a0" * 5 + "日"  # for a pen
    return _zh_date(d)


def zh_datetime(dt: datetime) -> str:
    return f"{zh_date(dt)}{dt.hour}时{dt.minute:02d}分"


def para(markup: str, style: str = "body") -> Paragraph:
    """``markup`` is already escaped / trusted mini-markup."""
    return Paragraph(st.with_fallback(markup), st.styles()[style])


def text(value: str | None, style: str = "body") -> Paragraph:
    return Paragraph(st.with_fallback(esc(value)), st.styles()[style])


_CITED = re.compile(r"(《[^》]+》(?:（[^）]+）)?)([^《]*)")


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _article_order(locator: str) -> tuple[int, str]:
    """第八十三条第（三）项 sorts by its article number (83), then as written."""
    m = re.match(r"第([零一二三四五六七八九十百]+)条", locator)
    if not m:
        return (10_000, locator)
    total, number = 0, 0
    for ch in m.group(1):
        if ch in "十百":
            total += (number or 1) * (10 if ch == "十" else 100)
            number = 0
        else:
            number = _CN_DIGITS[ch]
    return (total + number, locator)


def merge_citations(texts: Iterable[str]) -> str:
    """Several citation phrases as one, each document named once:
    ["《法》第八十三条第（三）项", "《法》第八十四条"] → "《法》第八十三条第（三）项、第八十四条"."""
    groups: dict[str, list[str]] = {}
    for value in texts:
        for heading, rest in _CITED.findall(value):
            for loc in re.split(r"[、，]", rest.strip().removesuffix("和")):
                loc = loc.strip().removesuffix("和").strip()
                if loc and loc not in groups.setdefault(heading, []):
                    groups[heading].append(loc)
                groups.setdefault(heading, [])
    parts = [h + "、".join(sorted(locs, key=_article_order)) for h, locs in groups.items()]
    return "、".join(parts[:-1]) + ("和" if len(parts) > 1 else "") + (parts[-1] if parts else "")


def draw_text(canv, x: float, y: float, value: str, size: float, align: str = "left") -> None:
    """Canvas text in the bundled fonts, symbols from the fallback (header, footer, seal)."""
    if st.main_font_draws_all(value):
        canv.setFont(st.FONT_NAME, size)
        {"right": canv.drawRightString, "centre": canv.drawCentredString}.get(
            align, canv.drawString
        )(x, y, value)
        return
    runs = st.runs(value)
    width = sum(canv.stringWidth(t, font, size) for font, t in runs)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for font, t in runs:
        canv.setFont(font, size)
        canv.drawString(x, y, t)
        x += canv.stringWidth(t, font, size)


class StrokedParagraph(Paragraph):
    """Paragraph drawn fill+stroke: a faux bold, since the bundled font has no bold face."""

    def __init__(self, markup: str, style, stroke_width: float = 0.35) -> None:
        super().__init__(st.with_fallback(markup), style)
        self._stroke_width = stroke_width

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.style.textColor)
        canv.setLineWidth(self._stroke_width)
        canv._code.append("2 Tr")  # text render mode: fill then stroke
        super().draw()
        canv.restoreState()


def bold(markup: str, style: str = "body", stroke_width: float = 0.35) -> StrokedParagraph:
    return StrokedParagraph(markup, st.styles()[style], stroke_width)


# ---------------------------------------------------------------- images


def image_size(data: bytes) -> tuple[int, int]:
    return ImageReader(io.BytesIO(data)).getSize()


def fitted_image(data: bytes, max_w: float, max_h: float) -> Image:
    """Image scaled to fit the box, aspect kept, so it can never run off the page."""
    w, h = image_size(data)
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale, mask="auto")


def signature_or_blank(png: bytes | None, max_w: float = 34 * mm, max_h: float = 11 * mm):
    """The captured signature, or an empty slot of the same size for a pen."""
    if png:
        return fitted_image(png, max_w, max_h)
    return Spacer(max_w, max_h)


# ---------------------------------------------------------------- QR


def qr_flowable(payload: str, size: float = 24 * mm) -> QrCode:
    """Error level M survives a crease or a smudge; 2-module quiet zone inside ``size``.

    The flowable draws straight on the canvas (a graphics Drawing would pull in Helvetica).
    """
    return QrCode(payload, width=size, height=size, qrLevel="M", qrBorder=2)


# ---------------------------------------------------------------- seal


class SealArea(Flowable):
    """The issuing authority and date, over a labelled blank where the seal is pressed.

    Nothing is drawn that could pass for a seal on screen: the area only says
    （印章）, in grey, where the 特种设备安全监察专用章 goes on paper.
    """

    def __init__(self, authority: str, on: date | None, width: float) -> None:
        super().__init__()
        self.authority = authority
        self.on = on
        self.width = width
        self.height = 30 * mm

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        cx = self.width - 42 * mm
        c.saveState()
        c.setFillColor(colors.HexColor("#8A8A8A"))
        draw_text(c, cx, self.height - 8 * mm, "（印章）", 9, "centre")
        c.restoreState()
        draw_text(c, cx, self.height - 19 * mm, self.authority, 11, "centre")
        draw_text(c, cx, self.height - 26 * mm, zh_date(self.on), 11, "centre")


# ---------------------------------------------------------------- tables


def tstyle(cmds: Iterable) -> TableStyle:
    """TableStyle whose default cell font is ours (reportlab's is Helvetica, unembedded)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), st.FONT_NAME, 9), *cmds])


def grid_style(header_rows: int = 1, extra: Iterable = ()) -> TableStyle:
    cmds = [
        ("GRID", (0, 0), (-1, -1), 0.5, st.RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), st.HEADER_FILL))
    cmds.extend(extra)
    return tstyle(cmds)


def label_value_table(
    rows: list[list],
    col_widths: list[float],
    extra: Iterable = (),
    row_heights: list[float | None] | None = None,
) -> Table:
    """A form grid: even columns are labels (shaded), odd columns values."""
    cells = [[text(v, "cell") if isinstance(v, str) else v for v in row] for row in rows]
    cmds = list(extra)
    for r, row in enumerate(rows):
        for col in range(0, len(row), 2):
            if row[col] != "":  # "" = covered by a SPAN from the value on its left
                cmds.append(("BACKGROUND", (col, r), (col, r), st.HEADER_FILL))
    table = Table(cells, colWidths=col_widths, rowHeights=row_heights, hAlign="LEFT")
    table.setStyle(grid_style(0, cmds))
    return table


def officers_table(officers: Iterable[Officer], role: str = "执法人员") -> Table:
    rows = []
    for officer in officers:
        rows.append(
            [
                text(f"{role}：{officer.name}", "sign"),
                text(f"执法证号：{officer.cert_no}", "sign"),
                text("签名：", "sign_r"),
                signature_or_blank(officer.signature_png),
            ]
        )
    table = Table(rows, colWidths=[48 * mm, 62 * mm, 18 * mm, 38 * mm], hAlign="LEFT")
    table.setStyle(
        tstyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (3, 0), (3, -1), 0.4, st.GREY),
            ]
        )
    )
    return table


# ---------------------------------------------------------------- photos


# Two photos with 3-line captions fit a page (heading included); longer captions push on.
PHOTO_MAX_H = 92 * mm


def signature_row(
    label: str,
    png: bytes | None,
    name: str | None,
    date_text: str,
    *,
    label_w: float,
    name_w: float,
) -> Table:
    """One line: label, the signature image on a rule, the printed name, the date."""
    row = [
        text(label, "sign"),
        signature_or_blank(png),
        text(name or "", "sign"),
        text(date_text, "sign_r"),
    ]
    table = Table(
        [row],
        colWidths=[label_w, 38 * mm, name_w, st.FRAME_WIDTH - label_w - 38 * mm - name_w],
        hAlign="LEFT",
    )
    table.setStyle(
        tstyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (1, 0), (1, 0), 0.4, st.GREY),
            ]
        )
    )
    return table


def photo_appendix(problems: Iterable[Problem], heading: str) -> list[Flowable]:
    """Each problem's photos, captioned with the problem and time taken; [] when none."""
    story: list[Flowable] = []
    for problem in problems:
        for index, photo in enumerate(problem.photos, 1):
            caption = (
                f"图{problem.seq}-{index}&nbsp;&nbsp;问题{problem.seq}：{esc(problem.description)}"
                f"<br/>拍摄时间：{zh_datetime(photo.taken_at)}"
                + (f"&nbsp;&nbsp;说明：{esc(photo.caption)}" if photo.caption else "")
            )
            story.append(
                KeepTogether(
                    [
                        fitted_image(photo.image_bytes, st.FRAME_WIDTH, PHOTO_MAX_H),
                        Spacer(1, 1.5 * mm),
                        para(caption, "caption"),
                        Spacer(1, 5 * mm),
                    ]
                )
            )
    if not story:
        return []
    return [PageBreak(), bold(esc(heading), "section"), Spacer(1, 2 * mm), *story]


# ---------------------------------------------------------------- page template


@dataclass(frozen=True)
class PageDecor:
    header_left: str
    header_right: str


def _fixed_timestamp(on: date) -> TimeStamp:
    """Creation date = the document's own date at 00:00 Beijing time, not the wall clock."""
    ts = TimeStamp(invariant=1)
    ts.t = datetime(on.year, on.month, on.day).timestamp()
    ts.lt = ts.YMDhms = (on.year, on.month, on.day, 0, 0, 0)
    ts.dhh, ts.dmm, ts.tzname = 8, 0, "CST"
    return ts


class _DecoratedCanvas(Canvas):
    def __init__(self, *args, decor: PageDecor, created_on: date, fingerprint: str, **kw):
        super().__init__(*args, **kw)
        self._decor = decor
        self._held_pages: list[dict] = []
        self._doc._timeStamp = _fixed_timestamp(created_on)
        self._doc.updateSignature(fingerprint)  # PDF /ID follows the content

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, 1):
            self.__dict__.update(state)
            self._stamp(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _stamp(self, number: int, total: int) -> None:
        font = st.FONT_NAME
        left, right = st.MARGIN_LEFT, st.PAGE_WIDTH - st.MARGIN_RIGHT
        self.saveState()
        self.setFillColor(st.GREY)
        draw_text(self, left, st.HEADER_BASELINE, self._decor.header_left, 9)
        draw_text(self, right, st.HEADER_BASELINE, self._decor.header_right, 9, "right")
        self.setStrokeColor(st.GREY)
        self.setLineWidth(0.5)
        self.line(left, st.HEADER_BASELINE - 4, right, st.HEADER_BASELINE - 4)
        self.setFillColor(colors.black)
        self.setFont(font, 10)
        draw_text(self, st.PAGE_WIDTH / 2, st.FOOTER_BASELINE, f"第 {number} 页 共 {total} 页", 10,
                  "centre")  # fmt: skip
        self.restoreState()


def build_pdf(
    story: list[Flowable],
    *,
    decor: PageDecor,
    title: str,
    subject: str,
    author: str,
    created_on: date,
    fingerprint: str,
    keywords: str = "",
) -> bytes:
    """Lay out ``story`` on A4 with the running header/footer; deterministic bytes."""
    st.ensure_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=st.PAGE_SIZE,
        leftMargin=st.MARGIN_LEFT,
        rightMargin=st.MARGIN_RIGHT,
        topMargin=st.MARGIN_TOP,
        bottomMargin=st.MARGIN_BOTTOM,
        title=title,
        subject=subject,
        author=author,
        keywords=keywords,
        creator="inspector_app reports",
        producer="inspector_app (ReportLab)",
        invariant=1,
        lang="zh-CN",
        initialFontName=st.FONT_NAME,
    )
    frame = Frame(
        st.MARGIN_LEFT,
        st.MARGIN_BOTTOM,
        st.FRAME_WIDTH,
        st.FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    maker = partial(_DecoratedCanvas, decor=decor, created_on=created_on, fingerprint=fingerprint)
    doc.build(story, canvasmaker=maker)
    return buf.getvalue()
