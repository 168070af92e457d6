"""Keep Python 3.11 alive under PySide6 6.12's reference counting of True, False and None.

PySide6 6.12 (shiboken6 6.12.0) gives back one reference to ``True`` on every
signal emitted from Python and one to ``None`` on every ``QModelIndex.data()``
that a Python model answers with ``None`` and on every posted event. Python
3.12 made those objects immortal, so there the extra releases are harmless; on
Python 3.11 (Debian 12's) the count reaches zero after a few hundred signals and
the interpreter aborts with "Fatal Python error: bool_dealloc" (or
"none_dealloc") in the middle of an inspection (tests/ui/test_pyside_guard.py
shows it). Until PySide6 is fixed, this gives the three singletons the huge
reference count Python 3.12 gives them: they are never freed in any case, so
nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # far more releases than any process could make


def immortalise_singletons() -> bool:
    """Raise the reference counts of True, False and None; False where not needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for singleton in (True, False, None):
        # ob_refcnt is the first field of every CPython object (Include/object.h)
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    return True


APPLIED = immortalise_singletons()
