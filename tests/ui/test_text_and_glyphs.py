"""Chinese everywhere, every character drawable with the bundled font (issue 9, points 1, 8).

A Debian machine without CJK fonts (or emoji fonts) draws what the bundled font
lacks as boxes, so every character the app can show must be in it; Chinese text
uses Chinese punctuation; Qt's own dialogs speak Chinese too.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import textwrap
import tokenize
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog

from inspector_app import paths
from inspector_app.ui.app import TRANSLATIONS_DIR, prepare
from inspector_app.ui.fonts import FAMILY, FONT_FILE, SYMBOL_FILE

HAN = re.compile(r"[\u3400-\u9fff]")
ASCII_PUNCT = re.compile(r"[,;:?!()]")
# Qt parses "Images (*.png);;All files (*)": the filter's ASCII stays; so do HTML entities.
FILE_FILTER = re.compile(r"\(\*[^)]*\)|;;|&\w+;")
PACKAGE = paths.PROJECT_ROOT / "inspector_app"


def _translations() -> list[tuple[str, str]]:
    tree = ET.parse(TRANSLATIONS_DIR / "inspector_zh_CN.ts")
    return [
        (m.find("source").text or "", m.find("translation").text or "")
        for m in tree.iter("message")
    ]


def _shown_literals() -> list[tuple[Path, int, str]]:
    """String literals that can reach a screen or a PDF (not docstrings, not tr() sources)."""
    found = []
    for folder in ("ui", "core", "rules", "reports", "checklists"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text()).readline))
            for i, tok in enumerate(tokens):
                kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)}
                if tok.type not in kinds:
                    continue
                before = [t.string for t in tokens[max(0, i - 3) : i]]
                if before[-2:] == ["tr", "("] or before[-1:] == ["("] and "translate" in before:
                    continue  # English source text; its translation is checked in the .ts
                if tok.string.startswith(('"""', "'''")):
                    continue
                if tok.string[:2].lower() in ('r"', "r'"):
                    continue  # a regular expression, not text anyone reads
                found.append((path, tok.start[0], tok.string))
    return found


def _form_texts() -> list[str]:
    return [
        line
        for path in sorted(paths.FORMS_DIR.glob("*.yaml"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def _drawable() -> set[int]:
    """Characters the bundled fonts draw with ink: WenQuanYi maps some to empty glyphs
    (a blank on screen, not a box), DejaVu Sans comes first in the fallback for those."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTCollection, TTFont

    drawable: set[int] = set()
    for font in (TTCollection(str(FONT_FILE)).fonts[0], TTFont(str(SYMBOL_FILE))):
        glyphs = font.getGlyphSet()
        for code, name in font.getBestCmap().items():
            pen = BoundsPen(glyphs)
            glyphs[name].draw(pen)
            if pen.bounds is not None:
                drawable.add(code)
    return drawable


def test_every_character_the_app_shows_is_in_the_bundled_font():
    covered = _drawable()
    texts = [t for _s, t in _translations()] + [s for _p, _l, s in _shown_literals()]
    texts += _form_texts()
    missing = sorted(
        {
            ch
            for text in texts
            for ch in text
            if ord(ch) > 0x7E and ord(ch) not in covered and not ch.isspace()
        }
    )
    assert missing == [], "not drawn by the bundled fonts (a box or a blank): " + " ".join(
        f"{ch} U+{ord(ch):04X}" for ch in missing
    )


def test_degrees_celsius_is_drawn_on_screen(qapp):
    """WenQuanYi's ℃ is an empty glyph: the app's fallback draws it with DejaVu Sans."""
    from PySide6.QtWidgets import QLabel

    from inspector_app.ui.fonts import install_bundled_font

    install_bundled_font(qapp)

    def ink(text: str) -> int:
        label = QLabel(text)
        label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        label.adjustSize()
        image = label.grab().toImage()
        return sum(
            image.pixelColor(x, y).lightness() < 128
            for x in range(image.width())
            for y in range(image.height())
        )

    assert ink("℃") > 20
    assert ink("5℃～40℃之间") > ink("5～40之间") + 40


def test_chinese_translations_use_chinese_punctuation():
    wrong = [
        (source, text)
        for source, text in _translations()
        if HAN.search(text) and ASCII_PUNCT.search(FILE_FILTER.sub("", text))
    ]
    assert wrong == []


def test_chinese_text_in_code_uses_chinese_punctuation():
    wrong = []
    for path, line, literal in _shown_literals():
        body = FILE_FILTER.sub("", literal)
        # ASCII punctuation right next to Chinese: "执行中, 整改期限", "名义速度(m/s)"
        if re.search(r"[\u3400-\u9fff][,;:?!(]|[,;:?!)] ?[\u3400-\u9fff]", body):
            wrong.append(f"{path.relative_to(paths.PROJECT_ROOT)}:{line}: {literal[:60]}")
    assert wrong == []


def test_directive_history_reads_as_chinese(window, ctx, qtbot, qapp):
    from inspector_app.core.directives import issue_directive

    from .builders import concluded_inspection

    iid = concluded_inspection(ctx, fail=1)
    with ctx.db.write() as s:
        issue_directive(s, ctx.blobs, inspection_id=iid, officer_id=ctx.officer_id)
    installed = prepare(qapp, "zh_CN")
    try:
        window.open_documents(iid)
        history = window.screen.history.text()
        assert "执行中，整改期限" in history and ", " not in history
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def _english_labels(dialog) -> list[str]:
    """Visible texts of a dialog with a word of English and no Chinese."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    dialog.show()
    QCoreApplication.processEvents()
    texts = {w.text() for w in dialog.findChildren(QLabel)}
    texts |= {w.text() for w in dialog.findChildren(QAbstractButton)}
    texts |= {w.title() for w in dialog.findChildren(QGroupBox)} | {dialog.windowTitle()}
    dialog.hide()
    return sorted(
        t
        for t in texts
        if re.search("[A-Za-z]{3}", t)
        and not HAN.search(t)
        and not t.startswith("/")
        and not t.startswith("HTML")
    )


def test_qt_dialogs_are_qts_own_and_chinese(qapp):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QColorDialog

    installed = prepare(qapp, "zh_CN")
    try:
        # Qt's own dialogs (not GTK's, which follow the system locale), translated
        assert qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        printer = QPrinter()
        for dialog in (QFileDialog(None, "选择照片"), QColorDialog(), QPrintDialog(printer)):
            assert _english_labels(dialog) == [], type(dialog).__name__
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)


NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{empty}</dir><cachedir>{cache}</cachedir></fontconfig>
"""

PROBE = textwrap.dedent("""
    from PySide6.QtGui import QFontDatabase, QTextLayout
    from PySide6.QtWidgets import QApplication, QLabel
    from inspector_app.ui.app import prepare

    app = QApplication([])
    print("system-families", len(QFontDatabase.families()))
    prepare(app, "zh_CN")
    label = QLabel()
    label.setStyleSheet("font-size: 15pt; font-weight: bold;")
    label.ensurePolished()
    layout = QTextLayout("特种设备现场监督检查：注册代码（须拍照）", label.font())
    layout.beginLayout(); layout.createLine(); layout.endLayout()
    print("runs", "|".join(run.rawFont().familyName() for run in layout.glyphRuns()))
""")


def test_chinese_is_drawn_on_a_machine_without_cjk_fonts(tmp_path):
    """fontconfig sees no font at all: only the bundled one can draw the labels."""
    (tmp_path / "empty").mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(NO_FONTS.format(empty=tmp_path / "empty", cache=tmp_path / "cache"))
    env = dict(
        os.environ,
        FONTCONFIG_FILE=str(conf),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(paths.PROJECT_ROOT),
    )
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    assert lines["system-families"] == "0" or int(lines["system-families"]) < 5
    runs = lines["runs"].split("|")
    assert runs and all(family == FAMILY for family in runs), runs


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_app_start_loads_the_bundled_font(tmp_path, language):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        INSPECTOR_DATA_DIR=str(tmp_path / "d"),
        INSPECTOR_STARTUP_TRACE="1",
        PYTHONPATH=str(paths.PROJECT_ROOT),
    )
    out = subprocess.run(
        [sys.executable, "-m", "inspector_app.ui.app", "--smoke", "--language", language],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    fonts = next(line for line in out.stdout.splitlines() if line.startswith("font "))
    assert FAMILY in fonts.split(" ", 1)[1].split(",")
