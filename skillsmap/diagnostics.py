"""Located problems found in a spec, and the one-line format users read them in.

Every problem skillsmap reports, from YAML syntax to layout warnings, is a :class:`Diagnostic`
printed as ``PATH:LINE:COL: error|warning: MESSAGE`` (1-based line and column).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


def loc_text(loc: tuple[str | int, ...]) -> str:
    """``roles[3].track`` for ``("roles", 3, "track")``: a value's path as messages show it."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Mark(NamedTuple):
    """A 1-based position in a source file."""

    line: int
    col: int


_NOWHERE = Mark(0, 0)


class Diagnostic(NamedTuple):
    """One problem, located in the file the user gave (``mark`` is None for the whole file)."""

    path: str
    mark: Mark | None
    severity: Severity
    message: str

    def format(self) -> str:
        """The one-line form; line breaks and other controls in the message are escaped."""
        where = f"{self.mark.line}:{self.mark.col}:" if self.mark is not None else ""
        return f"{self.path}:{where} {self.severity}: {_one_line(self.message)}"

    def __str__(self) -> str:
        return self.format()


# Characters that would break a message across lines (str.splitlines splits on all of them),
# or that a terminal would act on, shown as escapes instead.
_CONTROLS = {
    c: repr(chr(c))[1:-1] for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]
}


def _one_line(message: str) -> str:
    return message.translate(_CONTROLS)


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
    return Suggester(choices)(word)


class Budget:
    """How many more candidate comparisons the suggesters of one validation run may make."""

    def __init__(self, comparisons: int = 5_000) -> None:
        self.left = comparisons


class Suggester:
    """:func:`did_you_mean` over a fixed pool of choices, for many words.

    Answers are memoised, and the work is bounded: a pool of more than ``CAP`` choices is first
    narrowed to choices of about the word's length, and once the shared :class:`Budget` is spent
    only exact case-insensitive matches are suggested. So a spec with thousands of misspelt
    references stays fast instead of taking (pool size x references) fuzzy comparisons.
    """

    CAP = 300

    def __init__(self, choices: Iterable[str], budget: Budget | None = None) -> None:
        self.choices = choices
        self.pool: list[str] = []  # sorted, built on the first call: most runs never ask
        self.lowered: dict[str, str] = {}
        self.budget = budget if budget is not None else Budget()
        self.memo: dict[str, str] = {}
        self.by_length: dict[int, list[str]] = {}

    def __call__(self, word: str) -> str:
        hint = self.memo.get(word)
        if hint is None:
            if not self.pool:
                self.pool = sorted(set(self.choices))
                self.lowered = {c.lower(): c for c in self.pool}
            hint = self.memo[word] = self._suggest(word)
        return hint

    def _suggest(self, word: str) -> str:
        low = word.lower()
        same = self.lowered.get(low)
        if same is not None and same != word:
            return f" (did you mean '{same}'?)"
        pool = self.pool if len(self.pool) <= self.CAP else self._near(len(word))
        if self.budget.left < len(pool):
            return ""
        self.budget.left -= len(pool)
        import difflib  # only a spec with a mistake needs it

        close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
        if not close:
            close = sorted((c for c in pool if _abbreviates(low, c.lower())), key=len)[:1]
        return f" (did you mean '{close[0]}'?)" if close else ""

    def _near(self, length: int) -> list[str]:
        """Up to ``CAP`` choices within 3 characters of ``length`` (cached by length)."""
        near = self.by_length.get(length)
        if near is None:
            near = [c for c in self.pool if abs(len(c) - length) <= 3][: self.CAP]
            self.by_length[length] = near
        return near


def _abbreviates(short: str, long: str) -> bool:
    """True when ``short`` is an abbreviation of ``long``: same first letter, letters in order."""
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)
