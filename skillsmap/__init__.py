"""skillsmap: draw career skills maps from a YAML spec.

>>> import skillsmap
>>> m = skillsmap.load("specs/senior-engineer.yaml")   # doctest: +SKIP
"""

from skillsmap.diagnostics import Diagnostic, Mark, SpecError
from skillsmap.model import Axes, Axis, Box, Level, Move, Role, SkillsMap, Track
from skillsmap.schema import json_schema
from skillsmap.spec import check, load, loads

__version__ = "0.1.0"

__all__ = [
    "Axes",
    "Axis",
    "Box",
    "Diagnostic",
    "Level",
    "Mark",
    "Move",
    "Role",
    "SkillsMap",
    "SpecError",
    "Track",
    "__version__",
    "check",
    "json_schema",
    "load",
    "loads",
]
