"""JSON columns written as text we already hold, byte for byte.

A change's payload travels as JSON text and is signed as that text
(sync/origin.py), so every database must store it unchanged: ``RawJSON`` marks
text that is valid JSON already (parsed and checked by the importer), and the
engines' ``json_serializer`` (``dumps``, set in ``store/db.py``) writes it as it
is. Anything else is serialised exactly as SQLAlchemy's default would.
"""

from __future__ import annotations

import json
from typing import Any


class RawJSON(str):
    """JSON text to store as it is (already valid JSON, parsed and checked)."""


def dumps(value: Any) -> str:
    return value if type(value) is RawJSON else json.dumps(value)
