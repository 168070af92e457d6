"""Importing the office's equipment ledger (设备台账): read, map, check, compare, write, report.

``import_ledger`` and ``preview_ledger`` are the use cases (CLI ``inspector ledger``
and the supervisor's wizard); ``LedgerTask`` carries progress and Cancel.
"""

from .importer import LedgerPreview, LedgerResult, import_ledger, preview_ledger
from .mapping import SAVED_MAPPING_FILE, LedgerMapping, load_mapping, save_mapping
from .parse import ERROR, WARNING, Problem
from .read import LedgerFileError
from .task import LedgerCancelled, LedgerTask

__all__ = [
    "ERROR",
    "SAVED_MAPPING_FILE",
    "WARNING",
    "LedgerCancelled",
    "LedgerFileError",
    "LedgerMapping",
    "LedgerPreview",
    "LedgerResult",
    "LedgerTask",
    "Problem",
    "import_ledger",
    "load_mapping",
    "preview_ledger",
    "save_mapping",
]
