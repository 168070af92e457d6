"""Inspection checklists ("forms"): YAML definitions, validation and evaluation.

Pure Python on purpose (no Qt, no SQLAlchemy): the desktop app, the CLI and
the sync server load and judge forms identically. The file format is
documented in docs/forms.md.
"""

from .citations import Citation, cn_number, join_citations
from .evaluate import applicable_items, judge_measurement, measured_hazard
from .facts import BLANK, has_blank, limit_text, render_fact
from .loader import check_form_files, default_forms_dir, load_form, load_forms_dir
from .model import Failure, Form, Item, LegalRef, Measurement, Section
from .problems import FormError, FormProblem
from .schema import DEFAULT_DEADLINE_DAYS

__all__ = [
    "BLANK",
    "DEFAULT_DEADLINE_DAYS",
    "Citation",
    "Failure",
    "Form",
    "FormError",
    "FormProblem",
    "Item",
    "LegalRef",
    "Measurement",
    "Section",
    "applicable_items",
    "check_form_files",
    "cn_number",
    "default_forms_dir",
    "has_blank",
    "join_citations",
    "judge_measurement",
    "limit_text",
    "measured_hazard",
    "render_fact",
    "load_form",
    "load_forms_dir",
]
