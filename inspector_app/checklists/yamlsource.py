"""Reading YAML while remembering where every value came from.

pydantic reports an error by its path in the data (``sections.2.items.5.hazard``);
an author needs a line number. We compose the YAML node tree once, build the
data from those same nodes, and walk the tree along the error path to find the
line. Duplicate mapping keys, which PyYAML silently collapses to the last one,
are reported here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import FormProblem

Loc = tuple[int | str, ...]


@dataclass
class YamlSource:
    """One parsed file: its data, its node tree and the name shown to authors."""

    display: str
    data: Any
    root: Node

    def line_of(self, loc: Loc) -> int | None:
        """1-based line of the deepest node reachable along ``loc``."""
        node: Node = self.root
        line = node.start_mark.line + 1
        for part in loc:
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and key.value == str(part):
                        line, node = key.start_mark.line + 1, value
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line

    def problem(self, loc: Loc, message: str) -> FormProblem:
        return FormProblem(self.display, self.line_of(loc), message)

    def problems_from(self, error: ValidationError) -> list[FormProblem]:
        found = [
            self.problem(tuple(err["loc"]), _describe(self.data, err))
            for err in error.errors(include_url=False)
        ]
        return sorted(found, key=lambda p: p.line or 0)


def read_yaml(path: Path, display: str) -> tuple[YamlSource | None, list[FormProblem]]:
    """Parse ``path``; on failure return the problems instead of raising."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [FormProblem(display, None, f"file is not UTF-8 text ({exc.reason})")]
    except OSError as exc:
        return None, [FormProblem(display, None, f"cannot read file: {exc.strerror or exc}")]
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [FormProblem(display, None, "file is empty")]
        duplicates = list(_duplicate_keys(root, display))
        if duplicates:
            return None, duplicates
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        return None, [FormProblem(display, line, f"YAML syntax error: {reason}")]
    except yaml.YAMLError as exc:
        return None, [FormProblem(display, None, f"YAML syntax error: {exc}")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, [
            FormProblem(display, root.start_mark.line + 1, "top level must be a mapping of keys")
        ]
    return YamlSource(display, data, root), []


def _duplicate_keys(node: Node, display: str):
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                if key.value in seen:
                    yield FormProblem(
                        display, key.start_mark.line + 1, f"duplicate key '{key.value}'"
                    )
                seen.add(key.value)
            yield from _duplicate_keys(value, display)
    elif isinstance(node, SequenceNode):
        for child in node.value:
            yield from _duplicate_keys(child, display)


def _describe(data: Any, err: dict[str, Any]) -> str:
    """Turn one pydantic error into a sentence an author can act on."""
    loc = tuple(err["loc"])
    context, rest = _context(data, loc)
    kind = err["type"]
    field = rest[-1] if rest else ""
    where = _dotted(rest)
    value = err.get("input")
    if kind == "extra_forbidden":
        text = f"unknown key '{field}'"
    elif kind == "missing":
        text = f"missing key '{field}'"
    elif kind == "enum" and field == "hazard":
        text = f"unknown hazard class {value!r} (allowed: serious, general)"
    elif kind == "enum" and field == "kind":
        text = f"unknown kind {value!r} (allowed: {err['ctx']['expected']})"
    elif kind == "greater_than_equal" and field == "deadline_days":
        text = f"'deadline_days' must not be negative, got {value!r}"
    elif kind == "less_than_equal" and field == "deadline_days":
        text = f"'deadline_days' must be at most 365 days, got {value!r}"
    elif kind == "literal_error":
        text = f"'{where}' must be {err['ctx']['expected']}, got {value!r}"
    elif kind in ("too_short",) and isinstance(value, list | dict):
        text = f"'{where}' must not be empty"
    elif kind == "string_type":
        text = f"'{where}' must be text, got {value!r} (put it in quotes)"
    elif kind == "value_error":
        msg = err["msg"].removeprefix("Value error, ")
        text = msg if field in ("measurement", "") else f"'{where}' {msg}"
    else:
        text = f"'{where}': {err['msg']}" if where else err["msg"]
    return f"{context}: {text}" if context else text


def _context(data: Any, loc: Loc) -> tuple[str, Loc]:
    """Name the item or section an error belongs to, e.g. "item 'E07'"."""
    try:
        if len(loc) >= 4 and loc[0] == "sections" and loc[2] == "items":
            raw = data["sections"][loc[1]]["items"][loc[3]]
            label = raw.get("id") if isinstance(raw, dict) else None
            name = (
                f"item '{label}'"
                if label
                else f"item #{int(loc[3]) + 1} of section #{int(loc[1]) + 1}"
            )
            return name, loc[4:]
        if len(loc) >= 2 and loc[0] == "sections":
            raw = data["sections"][loc[1]]
            label = raw.get("id") if isinstance(raw, dict) else None
            return (f"section '{label}'" if label else f"section #{int(loc[1]) + 1}"), loc[2:]
    except (KeyError, IndexError, TypeError, ValueError):
        pass
    return "", loc


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
