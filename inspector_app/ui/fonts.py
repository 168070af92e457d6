"""The bundled CJK font (WenQuanYi Micro Hei, resources/fonts) as every widget's fallback.

A Debian machine without CJK fonts draws every Chinese label as boxes. The app
registers its own font with QFontDatabase and appends it to the application
font's families, so Qt falls back to it for any character the system font
lacks (Latin text keeps the system font). Loading takes a few milliseconds.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from inspector_app import paths

FONT_FILE = paths.RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
FAMILY = "WenQuanYi Micro Hei"


def install_bundled_font(app: QApplication) -> str | None:
    """Register the bundled font and make it the fallback; the family, or None."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    family = FAMILY if FAMILY in families else families[0]
    font = app.font()
    current = font.families() or [font.family()]
    if family not in current:
        font.setFamilies([*current, family])
        app.setFont(font)
    return family
