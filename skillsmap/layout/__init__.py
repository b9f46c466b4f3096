"""Layout: a validated map and a theme in, a :class:`~skillsmap.scene.Scene` out.

Pure and deterministic: no file or backend is touched, the same input gives the same scene.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from skillsmap.layout.compose import compose
from skillsmap.layout.engine import Displacement, Geometry, compute
from skillsmap.model import SkillsMap
from skillsmap.scene import Scene
from skillsmap.theme import LIGHT, Theme


@dataclass(frozen=True, slots=True)
class Layout:
    """A laid-out map: the scene to draw, the geometry behind it, and cards moved far."""

    scene: Scene
    geometry: Geometry
    displaced: list[Displacement]


def layout(m: SkillsMap, theme: Theme = LIGHT) -> Layout:
    """Lay out ``m`` with ``theme``."""
    # Layout makes a great many small, short-lived objects without reference cycles; pausing
    # the cyclic collector meanwhile saves 10-20% on large maps and changes no result.
    collecting = gc.isenabled()
    gc.disable()
    try:
        geometry = compute(m, theme)
        return Layout(compose(m, geometry, theme), geometry, geometry.displaced)
    finally:
        if collecting:
            gc.enable()


__all__ = ["Layout", "layout"]
