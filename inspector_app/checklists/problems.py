"""How a broken form is reported.

Forms are edited by hand by people who are not programmers, so every problem
carries the file and line where the author has to look, and the loader
collects all problems of a file before giving up instead of stopping at the
first one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong with a form file; ``line`` is 1-based, None if unknown."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


class FormError(Exception):
    """Raised when one or more form files cannot be used."""

    def __init__(self, problems: list[FormProblem]) -> None:
        self.problems = _unique(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _unique(problems: list[FormProblem]) -> list[FormProblem]:
    """Drop repeats: a broken fragment is reached through every form including it."""
    return list(dict.fromkeys(problems))
