"""From map px to final canvas px: the one shift that puts the map under the title block and
right of the y axis, and the frozen records of cards, boxes and arrows it yields (rounded to
0.01 px as drawn).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from skillsmap.layout.geometry import Box, Point, bounds
from skillsmap.layout.labels import PlacedLabel
from skillsmap.layout.place import Placement
from skillsmap.layout.plan import Area, PlacedLevel, PlacedMove, PlacedRole
from skillsmap.layout.route import Route
from skillsmap.model import Move, SkillsMap
from skillsmap.scene import PathOp

EXTENT_SAMPLES = 16  # points per arrow when measuring the map's extent


class Placed(NamedTuple):
    """The map's parts in canvas px, and ``plot``, the box around all of them (unrounded)."""

    roles: tuple[PlacedRole, ...]
    levels: tuple[PlacedLevel, ...]
    moves: tuple[PlacedMove, ...]
    plot: Box


def _r(v: float) -> float:
    return round(v, 2) + 0.0


def _extent(route: Route, stroke: float) -> Box:
    """The box around an arrow's shaft (its stroke included) and head."""
    pts = [*route.samples(EXTENT_SAMPLES), *route.head]
    half = stroke / 2
    return Box(
        min(p[0] for p in pts) - half,
        min(p[1] for p in pts) - half,
        max(p[0] for p in pts) + half,
        max(p[1] for p in pts) + half,
    )


def to_canvas(
    m: SkillsMap,
    placement: Placement,
    routes: list[Route],
    labels: dict[int, PlacedLabel],
    left: float,
    top: float,
    stroke: float,
) -> Placed:
    """Everything moved so the map's extent starts at (``left``, ``top``).

    ``stroke`` is the arrow width, which counts in the extent.
    """
    content = bounds(
        [c.box for c in placement.cards]
        + [lv.box for lv in placement.levels]
        + [_extent(r, stroke) for r in routes]
        + [label.box for label in labels.values()]
    )
    dx, dy = left - content.x0, top - content.y0

    def pt(p: Point) -> Point:
        return (_r(p[0] + dx), _r(p[1] + dy))

    roles = tuple(
        PlacedRole(
            c.role.id,
            tuple(c.lines),
            c.role.track,
            c.role.level,
            Area.of(c.box.shift(dx, dy)),
            c.role.soft,
            c.role.hard,
        )
        for c in placement.cards
    )
    levels = tuple(
        PlacedLevel(
            lv.level_id,
            lv.label,
            Area.of(lv.box.shift(dx, dy)),
            Area.of(lv.label_box.shift(dx, dy)),
        )
        for lv in placement.levels
    )
    moves = tuple(
        _move(mv, route, labels.get(i), pt, (dx, dy))
        for i, (mv, route) in enumerate(zip(m.moves, routes, strict=True))
    )
    return Placed(roles, levels, moves, content.shift(dx, dy))


def _move(
    mv: Move,
    route: Route,
    label: PlacedLabel | None,
    pt: Callable[[Point], Point],
    offset: Point,
) -> PlacedMove:
    """A move's arrow (and label) with every point moved by ``pt`` (and boxes by ``offset``)."""
    path: tuple[PathOp, ...] = route.path(pt)
    head = (pt(route.head[0]), pt(route.head[1]), pt(route.head[2]))
    if label is None:
        return PlacedMove(mv.from_, mv.to, mv.kind, path, head, None, None)
    box = Area.of(label.box.shift(*offset))
    return PlacedMove(mv.from_, mv.to, mv.kind, path, head, label.text, box)
