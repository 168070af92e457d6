"""Fonts, page geometry and paragraph styles: the only place that knows how things look.

The CJK font ships with the app (resources/fonts/) and is never looked up among
system fonts, so a PDF printed on any laptop is the same PDF.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph as rl_paragraph

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT_FILE = FONT_DIR / "wqy-microhei.ttc"
FONT_NAME = "WQYMicroHei"
FONT_SUBFONT_INDEX = 0  # 0 = proportional "WenQuanYi Micro Hei", 1 = Mono
# Symbols the CJK font maps to an empty glyph (℃ prints as a blank) or lacks come from
# DejaVu Sans (Bitstream Vera licence, DejaVuSans.COPYRIGHT.txt), run by run.
FALLBACK_FILE = FONT_DIR / "DejaVuSans.ttf"
FALLBACK_NAME = "DejaVuSans"

PAGE_SIZE = A4
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 28 * mm  # room for the running header
MARGIN_BOTTOM = 24 * mm  # room for the page counter
HEADER_BASELINE = PAGE_HEIGHT - 16 * mm - 8  # header text stays inside 15 mm
FOOTER_BASELINE = 16 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

RED_HEX = "#C00000"
RED = colors.HexColor(RED_HEX)
GREY = colors.HexColor("#606060")
RULE = colors.HexColor("#404040")
HEADER_FILL = colors.HexColor("#EDEDED")
SERIOUS_FILL = colors.HexColor("#FDECEC")

_font_lock = threading.Lock()

# Chinese punctuation that must not open a line (标点禁则). ReportLab's CJK wrapper
# knows the Japanese set but not the full-width ，：；！？ and closing 》」』, so a
# colon could land alone at the start of a line; with these it hangs at the line end.
_NO_LINE_START = "，：；！？》」』〗】…"


def _extend_line_start_rules() -> None:
    # Both splitters read a module global: textsplit (one-fragment paragraphs)
    # and paragraph (mixed-fragment paragraphs).
    for module in (rl_textsplit, rl_paragraph):
        current = module.ALL_CANNOT_START
        missing = "".join(ch for ch in _NO_LINE_START if ch not in current)
        if missing:
            module.ALL_CANNOT_START = current + missing


def ensure_fonts() -> str:
    """Register the bundled CJK font once per process and return its name.

    Parsing the 5 MB TTC costs far more than rendering a document, so it is
    done on first use and reused (PDF batches run in a worker pool, hence the lock).
    Also switches off ASCII85 stream encoding process-wide: it is pure Python in
    reportlab 4+, took over a third of the render time for photo appendices and
    makes files 25% bigger; binary streams are ordinary PDF.
    """
    with _font_lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            for path in (FONT_FILE, FALLBACK_FILE):
                if not path.is_file():
                    raise FileNotFoundError(f"bundled font missing: {path}")
            font = TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=FONT_SUBFONT_INDEX)
            pdfmetrics.registerFont(font)
            pdfmetrics.registerFont(TTFont(FALLBACK_NAME, str(FALLBACK_FILE)))
            _extend_line_start_rules()
            rl_config.useA85 = 0
    return FONT_NAME


def _has_outline(font_name: str, ch: str) -> bool:
    """The font maps ``ch`` to a glyph that draws something (or ``ch`` is a space)."""
    face = pdfmetrics.getFont(font_name).face
    glyph = face.charToGlyph.get(ord(ch))
    if glyph is None:
        return False
    if ch.isspace() or ch in "\u00a0\u3000\u200b":
        return True
    pos = face.glyphPos
    return glyph + 1 < len(pos) and pos[glyph + 1] > pos[glyph]


_coverage: dict[str, str | None] = {}
#: Characters known to be drawn by the CJK font: one set comparison decides most paragraphs.
_MAIN_OK: set[str] = set()


def font_for(ch: str) -> str | None:
    """Which bundled font draws ``ch``: the CJK font, the fallback, or None (neither)."""
    found = _coverage.get(ch, ...)
    if found is ...:
        ensure_fonts()
        if ord(ch) < 0x7F or _has_outline(FONT_NAME, ch):
            found = FONT_NAME
        elif _has_outline(FALLBACK_NAME, ch):
            found = FALLBACK_NAME
        else:
            found = None
        _coverage[ch] = found
        if found == FONT_NAME:
            _MAIN_OK.add(ch)
    return found


def main_font_draws_all(text: str) -> bool:
    chars = set(text)
    if chars <= _MAIN_OK:
        return True
    return all(font_for(ch) == FONT_NAME for ch in chars - _MAIN_OK)


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (font, text) runs: the CJK font, and the fallback where it must."""
    out: list[tuple[str, str]] = []
    for ch in text:
        font = font_for(ch) or FONT_NAME
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&[#\w]+;)")


def with_fallback(markup: str) -> str:
    """Paragraph markup with symbols the CJK font cannot draw wrapped in the fallback font."""
    if main_font_draws_all(markup):
        return markup
    parts = []
    for piece in _TAG_OR_ENTITY.split(markup):
        if not piece or piece[0] in "<&":
            parts.append(piece)
            continue
        for font, text in runs(piece):
            parts.append(text if font == FONT_NAME else f'<font name="{font}">{text}</font>')
    return "".join(parts)


def _style(name: str, size: float, leading: float | None = None, **kw) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT_NAME,
        fontSize=size,
        leading=leading if leading is not None else size * 1.5,
        wordWrap="CJK",  # break between any two Chinese characters
        **kw,
    )


@cache
def styles() -> dict[str, ParagraphStyle]:
    ensure_fonts()
    return {
        "authority": _style("authority", 14, 20, alignment=TA_CENTER),
        "title": _style("title", 20, 28, alignment=TA_CENTER, spaceAfter=2),
        "number": _style("number", 11, 16, alignment=TA_RIGHT, spaceAfter=6),
        "body": _style("body", 10.5, 17, alignment=TA_JUSTIFY),
        "indent": _style("indent", 10.5, 17, alignment=TA_JUSTIFY, firstLineIndent=21),
        "item": _style(
            "item",
            10.5,
            17,
            alignment=TA_JUSTIFY,
            leftIndent=21,
            firstLineIndent=-21,
            spaceBefore=2,
        ),
        "subitem": _style(
            "subitem",
            10,
            15,
            alignment=TA_JUSTIFY,
            leftIndent=21,
            textColor=colors.HexColor("#202020"),
        ),
        "section": _style("section", 11.5, 18, spaceBefore=8, spaceAfter=3),
        "cell": _style("cell", 9, 12, alignment=TA_LEFT),
        "cell_c": _style("cell_c", 9, 12, alignment=TA_CENTER),
        "cell_head": _style("cell_head", 9, 12, alignment=TA_CENTER),
        "serious": _style("serious", 12, 18, alignment=TA_LEFT, textColor=RED),
        "small": _style("small", 9, 13, alignment=TA_JUSTIFY, textColor=GREY),
        "caption": _style("caption", 9.5, 14, alignment=TA_LEFT),
        "sign": _style("sign", 10.5, 16),
        "sign_r": _style("sign_r", 10.5, 16, alignment=TA_RIGHT),
        "sign_c": _style("sign_c", 10.5, 16, alignment=TA_CENTER),
    }
