"""Layout: a validated map and a theme in, a frozen :class:`Layout` out (plan, scene, warnings).

Pure and deterministic: no file or backend is touched, the same input gives the same result.
The plan and the scene are in final canvas px (origin top-left, y down).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from skillsmap.layout.canvas import to_canvas
from skillsmap.layout.cards import make_card
from skillsmap.layout.compose import compose
from skillsmap.layout.frame import frame, header, map_left
from skillsmap.layout.labels import place_labels, plan_labels
from skillsmap.layout.place import place
from skillsmap.layout.plan import (
    Area,
    Canvas,
    Displacement,
    GrownBox,
    PlacedLevel,
    PlacedMove,
    PlacedRole,
    Plan,
)
from skillsmap.layout.route import route_moves
from skillsmap.layout.tracks import track_styles
from skillsmap.model import SkillsMap
from skillsmap.scene import Scene
from skillsmap.theme import LIGHT, Theme


@dataclass(frozen=True, slots=True)
class Layout:
    """A laid-out map: where everything is, the scene to draw, cards moved far, boxes grown."""

    plan: Plan
    scene: Scene
    displaced: tuple[Displacement, ...]
    grown: tuple[GrownBox, ...] = ()


FIT_ROUNDS = 3  # layouts tried for a target size, each scaled from the last one's overshoot


def _layout(m: SkillsMap, theme: Theme, plot: tuple[float, float] | None = None) -> Layout:
    mt = theme.metrics
    cards = [make_card(r, mt) for r in m.roles]
    index = {r.id: i for i, r in enumerate(m.roles)}
    pairs = [(index[mv.from_], index[mv.to]) for mv in m.moves]
    placement = place(m, cards, pairs, mt, plot)
    routes = route_moves(
        [c.box for c in cards], [lv.label_box for lv in placement.levels], pairs, mt
    )
    label_plan = plan_labels(m.moves)
    labels = place_labels(
        label_plan.on_arrow,
        routes,
        [c.box for c in cards],
        [(lv.box, lv.label_box) for lv in placement.levels],
        mt,
    )
    head = header(m, theme)
    placed = to_canvas(m, placement, routes, labels, map_left(theme), head.bottom, mt.arrow_width)
    styles = track_styles(m, theme.palette)
    around = frame(m, head, placed.plot, styles, label_plan.in_legend, theme)
    plan = Plan(
        around.canvas,
        placed.roles,
        placed.levels,
        placed.moves,
        around.legend_area,
        placement.scale,
    )
    scene = compose(m, plan, around, styles, theme)
    return Layout(plan, scene, placement.displaced, placement.grown)


def _spans(m: SkillsMap, laid: Layout) -> tuple[float, float]:
    """The px the soft and hard axes span in ``laid``."""
    ux, uy = laid.plan.scale
    return ux * (m.axes.soft.max - m.axes.soft.min), uy * (m.axes.hard.max - m.axes.hard.min)


def _fitted(m: SkillsMap, theme: Theme, size: tuple[float, float]) -> Layout:
    """The layout for a ``size`` canvas: axes stretched so the map fills it at scale 1.

    Each round keeps what is not the axes' span (cards' own size, boxes, frame) and gives the
    axes the rest of the canvas; the layout whose canvas needs the least shrinking wins (the
    latest on a tie).
    """
    laid = _layout(m, theme)
    best, best_fit = laid, min(size[0] / laid.plan.canvas.width, size[1] / laid.plan.canvas.height)
    for _ in range(FIT_ROUNDS):
        span_x, span_y = _spans(m, laid)
        canvas = laid.plan.canvas
        plot = (size[0] - (canvas.width - span_x), size[1] - (canvas.height - span_y))
        laid = _layout(m, theme, plot)
        fit = min(size[0] / laid.plan.canvas.width, size[1] / laid.plan.canvas.height, 1.0)
        if fit >= min(best_fit, 1.0):
            best, best_fit = laid, fit
    return best


def layout(m: SkillsMap, theme: Theme = LIGHT, size: tuple[float, float] | None = None) -> Layout:
    """Lay out ``m`` with ``theme``; for a target canvas ``size`` (W, H px), laid out for it."""
    # Layout makes a great many small, short-lived objects without reference cycles; pausing
    # the cyclic collector meanwhile saves 10-20% on large maps and changes no result.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _layout(m, theme) if size is None else _fitted(m, theme, size)
    finally:
        if collecting:
            gc.enable()


__all__ = [
    "Area",
    "Canvas",
    "Displacement",
    "GrownBox",
    "Layout",
    "PlacedLevel",
    "PlacedMove",
    "PlacedRole",
    "Plan",
    "layout",
]
