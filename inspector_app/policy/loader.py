"""Reading the policy files: where they are, file:line problems, rule objects.

The shipped files are in the repository's policy/ folder (``INSPECTOR_POLICY_DIR``
points elsewhere); an office that edits its rules puts its copy in the data
folder's policy/ folder, which wins. Every grade records the version and the
SHA-256 of the file it came from.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from inspector_app import paths
from inspector_app.checklists.problems import FormProblem
from inspector_app.checklists.yamlsource import YamlSource, read_yaml
from inspector_app.rules.cases import CaseRules, DocumentTexts, StepRule
from inspector_app.rules.credit import Band, CandidateRule, Cap, CreditRules, Term

from .schema import CaseFile, CreditFile

POLICY_DIR_ENV = "INSPECTOR_POLICY_DIR"
CREDIT_FILE = "credit.yaml"
CASE_FILE = "cases.yaml"


class PolicyError(Exception):
    """A policy file that cannot be used; ``problems`` say where and why."""

    def __init__(self, problems: list[FormProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def shipped_dir() -> Path:
    override = os.environ.get(POLICY_DIR_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "policy"


def policy_path(name: str, folder: Path | None = None) -> Path:
    """The office's own copy in the data folder (``folder``, else the data folder in force)
    if there is one, else the shipped file."""
    own = (folder or paths.data_dir()) / "policy" / name
    return own if own.is_file() else shipped_dir() / name


def _display(path: Path) -> str:
    try:
        return os.path.normpath(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.path.normpath(path)


def _read(path: Path, model: Any) -> tuple[Any, YamlSource | None, list[FormProblem]]:
    display = _display(path)
    if not path.is_file():
        return None, None, [FormProblem(display, None, "no such file")]
    source, problems = read_yaml(path, display)
    if source is None:
        return None, None, problems
    try:
        return model.model_validate(source.data), source, []
    except ValidationError as exc:
        return None, source, source.problems_from(exc)


def _kind_of(path: Path) -> Any:
    """The schema a file asks for by its ``kind``, else by its name."""
    source, _problems = read_yaml(path, _display(path)) if path.is_file() else (None, [])
    kind = source.data.get("kind") if source is not None else None
    if kind == "case_rules" or (kind is None and path.name == CASE_FILE):
        return CaseFile
    return CreditFile


def check_policy_files(files: list[Path]) -> list[FormProblem]:
    """Every problem of every file (never raises for bad content)."""
    problems: list[FormProblem] = []
    for path in files:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            problems += check_policy_files(found) if found else [
                FormProblem(_display(path), None, "no policy files in this folder")]  # fmt: skip
            continue
        _spec, _source, found = _read(path, _kind_of(path))
        problems += found
    return problems


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_credit_rules(path: Path | None = None) -> CreditRules:
    path = path or policy_path(CREDIT_FILE)
    spec, _source, problems = _read(path, CreditFile)
    if problems:
        raise PolicyError(problems)
    return CreditRules(
        version=spec.version,
        title=spec.title,
        window_months=spec.window_months,
        start_score=spec.start_score,
        deductions=tuple(
            Term(t.id, t.input, t.points, t.max_points, t.reason) for t in spec.deductions
        ),  # fmt: skip
        bonuses=tuple(
            Term(t.id, t.input, t.points, t.max_points, t.reason) for t in spec.bonuses
        ),  # fmt: skip
        bands=tuple(
            Band(b.grade, b.min_score, b.label, b.sampling_weight) for b in spec.grades
        ),  # fmt: skip
        caps=tuple(Cap(c.id, c.input, c.at_least, c.grade, c.reason) for c in spec.caps),
        no_record_grade=spec.no_record_grade,
        candidates=tuple(
            CandidateRule(
                c.id, c.article, c.text, tuple(c.requires.items()), c.verified, c.listing_years
            )  # fmt: skip
            for c in spec.blacklist_candidates
        ),
        content_hash=_hash(path),
    )


def load_case_rules(path: Path | None = None) -> CaseRules:
    path = path or policy_path(CASE_FILE)
    spec, _source, problems = _read(path, CaseFile)
    if problems:
        raise PolicyError(problems)
    return CaseRules(
        version=spec.version,
        serious_overdue_days=spec.propose.serious_overdue_days,
        propose_not_corrected=spec.propose.not_corrected,
        max_deadline_days=spec.max_deadline_days,
        extension_request_working_days=spec.extension_request_working_days,
        steps=tuple(StepRule(s.kind, s.label, s.after, s.days, s.working_days) for s in spec.steps),
        documents=DocumentTexts(
            report_basis=spec.documents.report_basis,
            notice_basis=spec.documents.notice_basis,
            notice_copy_to=tuple(spec.documents.notice_copy_to),
            police_basis=spec.documents.police_basis,
            police_offences=tuple(spec.documents.police_offences),
            police_attachments=tuple(spec.documents.police_attachments),
            verified=spec.documents.verified,
        ),
        verified=spec.verified,
        content_hash=_hash(path),
    )
