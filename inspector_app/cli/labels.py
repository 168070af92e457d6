"""Chinese labels for the stored codes the CLI prints (``--codes`` prints the codes)."""

from __future__ import annotations

from collections.abc import Mapping

from inspector_app.rules import enums

KIND = enums.EQUIPMENT_KIND_ZH
ROLE = enums.OFFICER_ROLE_ZH
STATUS = enums.INSPECTION_STATUS_ZH
CONCLUSION = enums.CONCLUSION_ZH
VERIFICATION = {
    "valid": "有效",
    "superseded": "已被替代",
    "altered": "已被改动",
    "unknown": "查无此件",
}

_codes = False


def print_codes(enabled: bool) -> None:
    """Scripts that parse the output ask for the stable English codes."""
    global _codes
    _codes = enabled


def codes() -> bool:
    return _codes


def label(vocabulary: Mapping, value: object, empty: str = "-") -> str:
    if value is None or value == "":
        return empty
    code = str(value)
    return code if _codes else vocabulary.get(code, code)


def width(text: str, columns: int) -> str:
    """Pad to ``columns`` display columns (a Chinese character takes two)."""
    wide = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    return text + " " * max(0, columns - wide)
