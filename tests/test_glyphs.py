"""Every character a form, a setting or a template can print has a glyph that draws.

WenQuanYi Micro Hei maps ℃ to an empty glyph, so "实测45℃" printed as "实测45　"
(LEGAL-REVIEW §9). These tests read the bundled fonts with fontTools (not with the
code under test), walk every string of forms/, the settings and the printing code,
and name each character neither font can draw.
"""

from __future__ import annotations

import ast
import io
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader

from inspector_app.core.settings import SETTINGS
from inspector_app.reports import render_directive
from inspector_app.reports import styles as st
from inspector_app.reports.samples import sample_directive

ROOT = Path(__file__).resolve().parents[1]
# Modules whose string literals end up on paper.
PRINTING_MODULES = [
    *sorted((ROOT / "inspector_app" / "reports").glob("*.py")),
    ROOT / "inspector_app" / "core" / "directives.py",
    ROOT / "inspector_app" / "core" / "records.py",
    ROOT / "inspector_app" / "core" / "findings.py",
    ROOT / "inspector_app" / "core" / "demo_cases.py",
    ROOT / "inspector_app" / "checklists" / "facts.py",
    ROOT / "inspector_app" / "rules" / "enums.py",
    ROOT / "inspector_app" / "rules" / "identifiers.py",
    ROOT / "inspector_app" / "rules" / "zh.py",
]
ZERO_WIDTH_OK = {" ", "\u00a0", "\u3000", "\u200b", "\n", "\t"}


def _drawable(font: TTFont) -> set[int]:
    """Code points whose glyph has an outline (simple or composite)."""
    cmap, glyf = font.getBestCmap(), font["glyf"]
    return {cp for cp, name in cmap.items() if glyf[name].numberOfContours != 0}


@pytest.fixture(scope="module")
def fonts() -> tuple[set[int], set[int]]:
    main = TTCollection(str(st.FONT_FILE)).fonts[st.FONT_SUBFONT_INDEX]
    return _drawable(main), _drawable(TTFont(str(st.FALLBACK_FILE)))


def _yaml_strings(value, where: str):
    if isinstance(value, str):
        yield value, where
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _yaml_strings(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _yaml_strings(v, f"{where}[{i}]")


def printable_strings() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in sorted((ROOT / "forms").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(s, f"forms/{path.name}{w}") for s, w in _yaml_strings(data, "")]
    found += [(spec.default, f"setting {key}") for key, spec in SETTINGS.items()]
    for path in PRINTING_MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and any(ord(ch) > 0x7E for ch in text):
                found.append((text, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def test_every_printable_character_has_a_glyph(fonts):
    main, fallback = fonts
    chars: dict[str, str] = {}
    for text, where in printable_strings():
        for ch in text:
            chars.setdefault(ch, where)
    missing = {
        ch: where
        for ch, where in chars.items()
        if ch not in ZERO_WIDTH_OK and ord(ch) not in main and ord(ch) not in fallback
    }
    assert not missing, "no glyph for: " + ", ".join(
        f"{ch!r} (U+{ord(ch):04X}, {where})" for ch, where in sorted(missing.items())
    )
    # The figure for the closing note: how many distinct characters were walked.
    print(f"glyph test: {len(chars)} distinct characters checked")
    assert len(chars) > 800  # the walker really walked (forms alone use ~900)


def test_symbols_the_review_named_are_drawable(fonts):
    main, fallback = fonts
    for ch in "℃～≤≥±ΩμΦ²³":
        assert ord(ch) in main or ord(ch) in fallback, ch
    assert ord("℃") not in main  # the reason for the fallback: an empty glyph
    assert st.font_for("℃") == st.FALLBACK_NAME and st.font_for("中") == st.FONT_NAME


def test_celsius_prints_and_reads_back(tmp_path):
    doc = sample_directive(6)  # problem 6: 机房实测温度为45℃，不符合5℃～40℃的要求
    pdf = render_directive(doc)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "实测温度为45℃，不符合5℃～40℃的要求" in text
    if shutil.which("pdffonts"):
        path = tmp_path / "d.pdf"
        path.write_bytes(pdf)
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        fallback = [line.split() for line in listing.splitlines() if "DejaVuSans" in line]
        assert fallback and all(cols[-5:-2] == ["yes", "yes", "yes"] for cols in fallback)
