"""Inspection checklists ("forms"): YAML definitions, validation and evaluation.

Pure Python on purpose (no Qt, no SQLAlchemy): the desktop app, the CLI and
the sync server load and judge forms identically. The file format is
documented in docs/forms.md.
"""

from .evaluate import applicable_items, judge_measurement
from .loader import check_form_files, default_forms_dir, load_form, load_forms_dir
from .model import Form, Item, LegalRef, Measurement, Section
from .problems import FormError, FormProblem
from .schema import DEFAULT_DEADLINE_DAYS

__all__ = [
    "DEFAULT_DEADLINE_DAYS",
    "Form",
    "FormError",
    "FormProblem",
    "Item",
    "LegalRef",
    "Measurement",
    "Section",
    "applicable_items",
    "check_form_files",
    "default_forms_dir",
    "judge_measurement",
    "load_form",
    "load_forms_dir",
]
