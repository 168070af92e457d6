"""The bundled CJK font (WenQuanYi Micro Hei, resources/fonts) as every widget's fallback.

A Debian machine without CJK fonts draws every Chinese label as boxes. The app
registers its own font with QFontDatabase and appends it to the application
font's families, so Qt falls back to it for any character the system font
lacks (Latin text keeps the system font). Loading takes a few milliseconds.

WenQuanYi Micro Hei maps a few characters to *empty* glyphs (℃, ℉, Å, Ⅴ, Ⅹ, ∼ and the
pinyin vowels ǎ ǐ ǒ ǔ …): Qt takes the mapping at its word and draws nothing, so
"5℃～40℃" showed as "5 ～40 ". The bundled DejaVu Sans (which the PDFs use for the
same characters) comes before it in the fallback list; it has no Han characters,
so Chinese text still falls through to WenQuanYi.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from inspector_app import paths

FONT_FILE = paths.RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
FAMILY = "WenQuanYi Micro Hei"
SYMBOL_FILE = paths.RESOURCES_DIR / "fonts" / "DejaVuSans.ttf"
SYMBOL_FAMILY = "DejaVu Sans"


def install_bundled_font(app: QApplication) -> str | None:
    """Register the bundled font and make it the fallback; the family, or None."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    family = FAMILY if FAMILY in families else families[0]
    symbol_id = QFontDatabase.addApplicationFont(str(SYMBOL_FILE))
    symbols = QFontDatabase.applicationFontFamilies(symbol_id) if symbol_id >= 0 else []
    symbol = SYMBOL_FAMILY if SYMBOL_FAMILY in symbols else None
    font = app.font()
    current = [f for f in (font.families() or [font.family()]) if f not in (family, symbol)]
    font.setFamilies([*current, *([symbol] if symbol else []), family])
    app.setFont(font)
    return family
