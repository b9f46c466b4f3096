"""Located problems found in a spec, and the one-line format users read them in.

Every problem skillsmap reports, from YAML syntax to layout warnings, is a :class:`Diagnostic`
printed as ``PATH:LINE:COL: error|warning: MESSAGE`` (1-based line and column).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Mark:
    """A 1-based position in a source file."""

    line: int
    col: int


_NOWHERE = Mark(0, 0)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, located in the file the user gave (``mark`` is None for the whole file)."""

    path: str
    mark: Mark | None
    severity: Severity
    message: str

    def format(self) -> str:
        where = f"{self.mark.line}:{self.mark.col}:" if self.mark is not None else ""
        return f"{self.path}:{where} {self.severity}: {self.message}"

    def __str__(self) -> str:
        return self.format()


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order by file, then position; errors before warnings at the same spot; no duplicates."""
    unique = dict.fromkeys(diagnostics)
    return sorted(
        unique, key=lambda d: (d.path, d.mark or _NOWHERE, d.severity != "error", d.message)
    )


class SpecError(Exception):
    """A spec could not be loaded or drawn; ``diagnostics`` holds every problem found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = sort_diagnostics(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix when one choice is close to ``word``, else ``""``."""
    pool = sorted(set(choices))
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f" (did you mean '{lowered[word.lower()]}'?)"
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not close:
        close = sorted((c for c in pool if _abbreviates(word.lower(), c.lower())), key=len)[:1]
    return f" (did you mean '{close[0]}'?)" if close else ""


def _abbreviates(short: str, long: str) -> bool:
    """True when ``short`` is an abbreviation of ``long``: same first letter, letters in order."""
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)
