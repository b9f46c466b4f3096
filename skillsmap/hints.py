"""The "did you mean" suggestions of one validation run: colours, move kinds, themes and keys.

Every suggester of a run shares one work :class:`~skillsmap.diagnostics.Budget`, so a spec full
of typos stays fast. Keys are suggested from the fields of the model found at a document path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from skillsmap.colors import CSS_COLORS
from skillsmap.diagnostics import Budget, Suggester
from skillsmap.model import (
    MOVE_KINDS,
    THEMES,
    Axes,
    Box,
    HardAxis,
    Level,
    Loc,
    Move,
    Role,
    SkillsMap,
    SoftAxis,
    Track,
)

_MODELS: dict[str, type[BaseModel]] = {
    "axes": Axes,
    "tracks": Track,
    "levels": Level,
    "roles": Role,
    "moves": Move,
}


def model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class whose fields live at ``loc`` in the document."""
    if not loc:
        return SkillsMap
    head = str(loc[0])
    if head == "axes":
        if len(loc) == 1:
            return Axes
        return SoftAxis if loc[1] == "soft" else HardAxis if loc[1] == "hard" else None
    if head in _MODELS and len(loc) == 2:
        return _MODELS[head]
    if head == "levels" and len(loc) == 3 and loc[2] == "box":
        return Box
    return None


def keys_of(cls: type[BaseModel]) -> list[str]:
    """The keys a spec writes for the fields of ``cls``, in field order."""
    return [f.alias or name for name, f in cls.model_fields.items()]


class Hints:
    """The suggesters of one validation run, sharing one work budget."""

    def __init__(self) -> None:
        self.budget = Budget()
        self.colour = Suggester(CSS_COLORS, self.budget)
        self.kind = Suggester(MOVE_KINDS, self.budget)
        self.theme = Suggester(THEMES, self.budget)
        self._keys: dict[type[BaseModel], Suggester] = {}

    def key(self, word: str, cls: type[BaseModel]) -> str:
        """A suggestion among the keys of ``cls`` for the unknown key ``word``, or ``""``."""
        if cls not in self._keys:
            self._keys[cls] = Suggester(keys_of(cls), self.budget)
        return self._keys[cls](word)


def suggested_keys(errors: Iterable[Mapping[str, Any]], hints: Hints) -> set[Loc]:
    """Paths of missing keys that an unknown key nearby already names ("did you mean")."""
    out: set[Loc] = set()
    for error in errors:
        if error["type"] == "extra_forbidden" and error["loc"]:
            parent = tuple(error["loc"][:-1])
            cls = model_at(parent)
            hint = hints.key(str(error["loc"][-1]), cls) if cls else ""
            if hint:
                out.add((*parent, hint.split("'")[1]))
    return out
