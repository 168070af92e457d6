"""Legal citations as data: what a failure violates, what judges it serious, what punishes it.

A citation in a form file names a document of the registry (``sources.yaml``)
and an article (laws, regulations, rules) or a clause (standards, TSG rules).
When a form is loaded each citation is resolved against the registry and keeps
the document's title, code and type, so a form pinned in the database prints
the same words years later even if the registry changes.

Printing follows the usual drafting: 《中华人民共和国特种设备安全法》第四十条第三款;
a standard as 《特种设备重大事故隐患判定准则》（GB 45067-2024）第4.1条.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: Types of documents. Statutes carry duties a unit can violate; standards and
#: TSG specifications say what is required technically or how a hazard is judged.
DocType = Literal["law", "regulation", "rule", "spec", "standard", "local"]
STATUTE_TYPES = frozenset({"law", "regulation", "rule", "local"})
STANDARD_TYPES = frozenset({"spec", "standard"})

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 40 → 四十, 101 → 一百零一 (article numbering)."""
    if not 0 < n < 1000:
        raise ValueError(f"article numbers run from 1 to 999, got {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + _DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


class Citation(BaseModel):
    """One resolved provision. ``status`` 'R' = commonly cited, not checked against the text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: str  # registry id, e.g. 安全法
    title: str  # 中华人民共和国特种设备安全法
    code: str = ""  # GB 45067-2024 (standards and TSG only)
    type: DocType
    article: int | None = Field(default=None, ge=1, le=999)
    paragraph: int | None = Field(default=None, ge=1, le=20)
    item: int | None = Field(default=None, ge=1, le=50)
    clause: str = ""
    status: Literal["V", "R"]

    @property
    def is_statute(self) -> bool:
        return self.type in STATUTE_TYPES

    def locator(self) -> str:
        """第四十条第三款 / 第4.1条 / 附件A — the part after the title."""
        if self.type in STANDARD_TYPES:
            return clause_text(self.clause)
        if self.article is None:
            return ""
        text = f"第{cn_number(self.article)}条"
        if self.paragraph is not None:
            text += f"第{cn_number(self.paragraph)}款"
        if self.item is not None:
            text += f"第（{cn_number(self.item)}）项"
        return text

    def heading(self) -> str:
        if self.type in STANDARD_TYPES and self.code:
            return f"《{self.title}》（{self.code}）"
        return f"《{self.title}》"

    def text(self) -> str:
        return self.heading() + self.locator()


_NUMERIC_CLAUSE = re.compile(r"^[A-Z]?\d+(\.\d+)*$")


def clause_text(clause: str) -> str:
    """'4.1' → 第4.1条; 'A1.2' → 第A1.2条; '附件A' → 附件A (descriptive clauses as written)."""
    clause = clause.strip()
    if _NUMERIC_CLAUSE.match(clause):
        return f"第{clause}条"
    return clause


def join_citations(citations: Iterable[Citation]) -> str:
    """One phrase for several provisions: the title once per document, then its articles.

    《中华人民共和国特种设备安全法》第三十九条第一款、第四十条第三款和《特种设备安全监察条例》第三十一条
    """
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.heading(), []).append(c)
    parts = []
    for heading, cs in groups.items():
        locators = list(dict.fromkeys(c.locator() for c in cs if c.locator()))
        parts.append(heading + "、".join(locators))
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + "和" + parts[-1]


def any_unverified(citations: Iterable[Citation]) -> bool:
    return any(c.status == "R" for c in citations)
