"""What a policy file may say (pydantic, unknown keys refused)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from inspector_app.rules.credit import GRADES, INPUTS

#: The case steps with a use case behind them (core/cases.py); a file names each once.
STEP_KINDS = (
    "listed",
    "filed",
    "published",
    "five_set",
    "reported",
    "notified",
    "extension_requested",
    "extension_decided",
    "acceptance_requested",
    "accepted",
    "police_referral",
    "withdrawn",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _known_input(value: str) -> str:
    if value not in INPUTS:
        raise ValueError(f"unknown input {value!r} (known: {', '.join(INPUTS)})")
    return value


class TermSpec(_Strict):
    id: str = Field(min_length=1, max_length=40)
    input: str
    points: int = Field(ge=0, le=100)
    max_points: int = Field(ge=0, le=100)
    reason: str = Field(min_length=1)

    _input = field_validator("input")(_known_input)

    @field_validator("reason")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        try:
            value.format(n=1, points=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"may use only {{n}} and {{points}} ({exc})") from None
        return value


class BandSpec(_Strict):
    grade: Literal["A", "B", "C", "D"]
    min_score: int = Field(ge=0, le=100)
    label: str = Field(min_length=1, max_length=20)
    sampling_weight: float = Field(gt=0, le=100)


class CapSpec(_Strict):
    id: str = Field(min_length=1, max_length=40)
    input: str
    at_least: int = Field(ge=1)
    grade: Literal["A", "B", "C", "D"]
    reason: str = Field(min_length=1)

    _input = field_validator("input")(_known_input)


class CandidateSpec(_Strict):
    id: str = Field(min_length=1, max_length=40)
    article: str = Field(min_length=1)
    text: str = Field(min_length=1)
    requires: dict[str, int] = Field(min_length=1)
    verified: bool
    listing_years: int = Field(ge=1, le=10)

    @field_validator("requires")
    @classmethod
    def _inputs(cls, value: dict[str, int]) -> dict[str, int]:
        for name, least in value.items():
            _known_input(name)
            if least < 1:
                raise ValueError(f"{name}: the count required must be at least 1")
        return value


class CreditFile(_Strict):
    kind: Literal["credit_rules"]
    version: str = Field(min_length=1, max_length=30)
    title: str = Field(min_length=1)
    window_months: int = Field(ge=1, le=120)
    start_score: int = Field(ge=0, le=100)
    no_record_grade: Literal["A", "B", "C", "D"]
    grades: list[BandSpec] = Field(min_length=4, max_length=4)
    bonuses: list[TermSpec] = []
    deductions: list[TermSpec] = Field(min_length=1)
    caps: list[CapSpec] = []
    blacklist_candidates: list[CandidateSpec] = []

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        if not isinstance(value, str):
            raise ValueError(f'must be text in quotes, e.g. "{value}"')
        return value

    @model_validator(mode="after")
    def _bands(self) -> CreditFile:
        grades = [b.grade for b in self.grades]
        if grades != list(GRADES):
            raise ValueError(f"grades must be listed A, B, C, D in that order, got {grades}")
        scores = [b.min_score for b in self.grades]
        if scores != sorted(scores, reverse=True) or len(set(scores)) != 4:
            raise ValueError(f"min_score must fall from A to D, got {scores}")
        if scores[-1] != 0:
            raise ValueError("grade D must start at min_score 0 (every score has a grade)")
        ids = [t.id for t in [*self.bonuses, *self.deductions, *self.caps]]
        ids += [c.id for c in self.blacklist_candidates]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"ids must be unique, repeated: {', '.join(repeated)}")
        return self


class StepSpec(_Strict):
    kind: str
    label: str = Field(min_length=1, max_length=60)
    after: Literal["", "listed", "deadline", "requested"] = ""
    days: int = Field(default=0, ge=0, le=365)
    working_days: bool = True

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in STEP_KINDS:
            raise ValueError(f"unknown step {value!r} (known: {', '.join(STEP_KINDS)})")
        return value


class ProposeSpec(_Strict):
    serious_overdue_days: int = Field(ge=0, le=365)
    not_corrected: bool


class DocumentsSpec(_Strict):
    report_basis: str = Field(min_length=1)
    notice_basis: str = Field(min_length=1)
    notice_copy_to: list[str] = []
    police_basis: str = Field(min_length=1)
    police_offences: list[str] = Field(min_length=1)
    police_attachments: list[str] = Field(min_length=1)
    verified: bool


class CaseFile(_Strict):
    kind: Literal["case_rules"]
    version: str = Field(min_length=1, max_length=30)
    verified: bool
    propose: ProposeSpec
    max_deadline_days: int = Field(ge=1, le=3650)
    extension_request_working_days: int = Field(ge=0, le=250)
    steps: list[StepSpec]
    documents: DocumentsSpec

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        if not isinstance(value, str):
            raise ValueError(f'must be text in quotes, e.g. "{value}"')
        return value

    @model_validator(mode="after")
    def _every_step_once(self) -> CaseFile:
        kinds = [s.kind for s in self.steps]
        missing = [k for k in STEP_KINDS if k not in kinds]
        repeated = sorted({k for k in kinds if kinds.count(k) > 1})
        if missing or repeated:
            parts = []
            if missing:
                parts.append(f"missing steps: {', '.join(missing)}")
            if repeated:
                parts.append(f"steps named twice: {', '.join(repeated)}")
            raise ValueError("; ".join(parts))
        return self
