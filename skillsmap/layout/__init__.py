"""Layout: a validated map and a theme in, a frozen :class:`Layout` out (plan, scene, warnings).

Pure and deterministic: no file or backend is touched, the same input gives the same result.
The plan and the scene are in final canvas px (origin top-left, y down).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from dataclasses import dataclass

from skillsmap.fonts import using
from skillsmap.layout.arrows import arrows
from skillsmap.layout.canvas import to_canvas
from skillsmap.layout.cards import make_cards
from skillsmap.layout.compose import compose
from skillsmap.layout.frame import frame, header, map_left, title_room
from skillsmap.layout.labels import LegendLabel, legend_labels, plan_labels
from skillsmap.layout.place import place
from skillsmap.layout.plan import (
    Area,
    Canvas,
    Displacement,
    PlacedLevel,
    PlacedMove,
    PlacedRole,
    Plan,
)
from skillsmap.layout.tracks import track_styles
from skillsmap.model import SkillsMap
from skillsmap.scene import Scene
from skillsmap.theme import LIGHT, Theme


@dataclass(frozen=True, slots=True)
class Layout:
    """A laid-out map: where everything is, the scene to draw, the cards moved far, and the
    arrow labels shown in the legend for want of room beside their arrows."""

    plan: Plan
    scene: Scene
    displaced: tuple[Displacement, ...]
    labels_in_legend: tuple[LegendLabel, ...] = ()


def _layout(m: SkillsMap, theme: Theme) -> Layout:
    mt = theme.metrics
    cards = make_cards(m, mt)
    index = {r.id: i for i, r in enumerate(m.roles)}
    pairs = [(index[mv.from_], index[mv.to]) for mv in m.moves]
    placement = place(m, cards, pairs, mt)
    label_plan = plan_labels(m.moves)
    drawn = arrows(
        [c.box for c in cards],
        [(lv.box, lv.label_box) for lv in placement.levels],
        pairs,
        label_plan.on_arrow,
        mt,
    )
    routes, labels = drawn.routes, drawn.labels.placed
    moved = legend_labels(m, drawn.labels.to_legend)
    left = map_left(theme)
    across = to_canvas(m, placement, routes, labels, left, 0.0, mt.arrow_width).plot
    head = header(m, theme, title_room(across, theme))
    placed = to_canvas(m, placement, routes, labels, left, head.bottom, mt.arrow_width)
    styles = track_styles(m, theme.palette)
    around = frame(m, head, placed.plot, styles, label_plan.in_legend, theme, moved)
    plan = Plan(
        around.canvas,
        placed.roles,
        placed.levels,
        placed.moves,
        around.legend_area,
        placement.scale,
    )
    return Layout(plan, compose(m, plan, around, styles, theme), placement.displaced, moved)


def layout(
    m: SkillsMap, theme: Theme = LIGHT, fonts: Sequence[str | os.PathLike[str]] = ()
) -> Layout:
    """Lay out ``m`` with ``theme``, measuring text with ``fonts`` after DejaVu Sans."""
    with using(fonts):
        return _paused(m, theme)


def _paused(m: SkillsMap, theme: Theme) -> Layout:
    # Layout makes a great many small, short-lived objects without reference cycles; pausing
    # the cyclic collector meanwhile saves 10-20% on large maps and changes no result.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _layout(m, theme)
    finally:
        if collecting:
            gc.enable()


__all__ = [
    "Area",
    "Canvas",
    "Displacement",
    "Layout",
    "LegendLabel",
    "PlacedLevel",
    "PlacedMove",
    "PlacedRole",
    "Plan",
    "layout",
]
