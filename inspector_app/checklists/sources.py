"""The registry of legal documents forms may cite (``sources.yaml`` next to the forms).

It says what each document is (law, regulation, departmental rule, TSG
specification, standard), its title and code as printed, and for statutes
which articles form the chapter on legal liability (法律责任): those punish,
they are not duties a unit can violate, so ``inspector forms check`` refuses
them under ``violates``. Kept as data because the marks and article ranges are
[R]/[V] knowledge that people correct without touching code (DOMAIN.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .citations import STANDARD_TYPES, DocType
from .model import ChineseText, Text
from .problems import FormProblem
from .yamlsource import YamlSource, read_yaml

SOURCES_FILE = "sources.yaml"


class SourceDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Text
    title: ChineseText
    type: DocType
    code: str = ""
    #: First and last article of the 法律责任 chapter (statutes only).
    penalty_articles: tuple[int, int] | None = None
    status: Literal["V", "R"]
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> SourceDoc:
        if self.type in STANDARD_TYPES and not self.code.strip():
            raise ValueError(f"'{self.id}': a standard or TSG specification needs its 'code'")
        if self.penalty_articles is not None:
            first, last = self.penalty_articles
            if not 1 <= first <= last:
                raise ValueError(f"'{self.id}': penalty_articles must be [first, last]")
            if self.type in STANDARD_TYPES:
                raise ValueError(f"'{self.id}': only statutes have penalty articles")
        return self

    def is_penalty_article(self, article: int | None) -> bool:
        if article is None or self.penalty_articles is None:
            return False
        first, last = self.penalty_articles
        return first <= article <= last


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: Literal[True]
    title_zh: str | None = None
    documents: list[SourceDoc] = Field(min_length=1)


class Registry:
    """Documents by id, with where the registry came from (for messages)."""

    def __init__(self, docs: dict[str, SourceDoc], display: str) -> None:
        self.docs = docs
        self.display = display

    def get(self, doc_id: str) -> SourceDoc | None:
        return self.docs.get(doc_id)


def is_sources_file(data: object) -> bool:
    return isinstance(data, dict) and data.get("sources") is True


def load_registry(folder: Path, display_of) -> tuple[Registry | None, list[FormProblem]]:
    """The registry beside a form; (None, []) when the folder has none."""
    path = folder / SOURCES_FILE
    if not path.is_file():
        return None, []
    display = display_of(path)
    source, problems = read_yaml(path, display)
    if source is None:
        return None, problems
    return registry_from(source)


def registry_from(source: YamlSource) -> tuple[Registry | None, list[FormProblem]]:
    try:
        spec = SourcesFile.model_validate(source.data)
    except ValidationError as exc:
        return None, source.problems_from(exc)
    docs: dict[str, SourceDoc] = {}
    problems = []
    for i, doc in enumerate(spec.documents):
        if doc.id in docs:
            problems.append(
                source.problem(("documents", i, "id"), f"duplicate document id '{doc.id}'")
            )
        docs[doc.id] = doc
    if problems:
        return None, problems
    return Registry(docs, source.display), []
