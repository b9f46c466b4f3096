"""The layout's result as plain frozen data, in final canvas px (origin top-left, y down).

Every number is rounded to 0.01 px exactly as the SVG writes it, so what a reader gets from a
plan (a JSON export, a test, an HTML overlay) equals what the drawing shows.
"""

from __future__ import annotations

from typing import NamedTuple

from skillsmap.layout.geometry import Box
from skillsmap.scene import PathOp, Point


class Area(NamedTuple):
    """An axis-aligned rectangle: top-left corner (x, y), width and height, in px."""

    x: float
    y: float
    width: float
    height: float

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.x + self.width, self.y + self.height)

    @staticmethod
    def of(box: Box) -> Area:
        """``box`` rounded to 0.01 px the way the SVG writes a rect."""
        return Area(_r(box.x0), _r(box.y0), _r(box.w), _r(box.h))


class PlacedRole(NamedTuple):
    """A role's card: its text lines, track, level, rect, and the spec coordinates behind it."""

    id: str
    lines: tuple[str, ...]
    track: str
    level: str | None
    card: Area
    soft: float
    hard: float


class PlacedLevel(NamedTuple):
    """A level box and the corner band kept for its label (``label`` is the full text)."""

    id: str
    label: str
    box: Area
    label_box: Area


class PlacedMove(NamedTuple):
    """An arrow as drawn: the shaft's path commands, the head triangle (tip first), its label.

    ``label`` is the text shown on the arrow (possibly shortened) and ``label_box`` its plate;
    both are ``None`` when the arrow carries no label.
    """

    from_: str
    to: str
    kind: str
    path: tuple[PathOp, ...]
    head: tuple[Point, Point, Point]
    label: str | None
    label_box: Area | None

    @property
    def start(self) -> Point:
        return self.path[0][1]

    @property
    def tip(self) -> Point:
        return self.head[0]


class Canvas(NamedTuple):
    width: float
    height: float


class Displacement(NamedTuple):
    """A card that ended far from its coordinates, and what it mostly made room for.

    ``distance`` is in axis units, along ``direction`` (``right``, ``left``, ``up`` or
    ``down``); ``avoided`` reads like ``role 'x'`` or ``level box 'y'``.
    """

    role_id: str
    distance: float
    avoided: str | None
    direction: str = ""


class GrownBox(NamedTuple):
    """An explicit level box drawn larger than the spec's to hold its roles (axis units)."""

    level_id: str
    wider: float
    taller: float


class Plan(NamedTuple):
    """A whole laid-out map. ``scale`` is px per unit of the soft and hard axes."""

    canvas: Canvas
    roles: tuple[PlacedRole, ...]
    levels: tuple[PlacedLevel, ...]
    moves: tuple[PlacedMove, ...]
    legend: Area
    scale: tuple[float, float]

    def role(self, role_id: str) -> PlacedRole:
        for r in self.roles:
            if r.id == role_id:
                return r
        raise KeyError(role_id)


def _r(v: float) -> float:
    return round(v, 2) + 0.0
