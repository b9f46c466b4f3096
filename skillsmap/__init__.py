"""skillsmap: draw career skills maps from a YAML spec.

>>> import skillsmap
>>> built = skillsmap.build("specs/senior-engineer.yaml")   # doctest: +SKIP
>>> svg = skillsmap.encode(built, "svg")                      # doctest: +SKIP
>>> skillsmap.render("specs/senior-engineer.yaml", "docs/img")  # doctest: +SKIP

Names are imported on first use, so ``import skillsmap`` stays cheap and the command line can
prepare the process before pydantic builds the models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skillsmap.diagnostics import Diagnostic, Mark, SpecError
    from skillsmap.files import OutputError, Rendered, render
    from skillsmap.model import Axes, Axis, Box, Level, Move, Role, SkillsMap, Track
    from skillsmap.outputs import EncodeError
    from skillsmap.pipeline import BuildError, Built, build, encode
    from skillsmap.schema import json_schema
    from skillsmap.spec import check, load, loads
    from skillsmap.theme import Theme

__version__ = "0.1.0"

_HOMES = {
    "Diagnostic": "skillsmap.diagnostics",
    "Mark": "skillsmap.diagnostics",
    "SpecError": "skillsmap.diagnostics",
    "Axes": "skillsmap.model",
    "Axis": "skillsmap.model",
    "Box": "skillsmap.model",
    "Level": "skillsmap.model",
    "Move": "skillsmap.model",
    "Role": "skillsmap.model",
    "SkillsMap": "skillsmap.model",
    "Track": "skillsmap.model",
    "EncodeError": "skillsmap.outputs",
    "OutputError": "skillsmap.files",
    "Rendered": "skillsmap.files",
    "render": "skillsmap.files",
    "BuildError": "skillsmap.pipeline",
    "Built": "skillsmap.pipeline",
    "build": "skillsmap.pipeline",
    "encode": "skillsmap.pipeline",
    "Theme": "skillsmap.theme",
    "json_schema": "skillsmap.schema",
    "check": "skillsmap.spec",
    "load": "skillsmap.spec",
    "loads": "skillsmap.spec",
}

__all__ = [
    "Axes",
    "Axis",
    "Box",
    "BuildError",
    "Built",
    "Diagnostic",
    "EncodeError",
    "Level",
    "Mark",
    "Move",
    "OutputError",
    "Rendered",
    "Role",
    "SkillsMap",
    "SpecError",
    "Theme",
    "Track",
    "__version__",
    "build",
    "check",
    "encode",
    "json_schema",
    "load",
    "loads",
    "render",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'skillsmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
