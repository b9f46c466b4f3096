"""Arrow labels: which labels go on arrows, and where, beside their own arrow and clear of
everything else; a label with no such spot goes to the legend. Coordinates are map px, y down.

A label is placed at the first free candidate: spots at fractions of its arrow's length, on
either side, a few px off the arrow. A spot is free when its plate covers no card, level label,
level box border or other label, no arrow passes within :data:`TOUCH` px of it, its own arrow is
within :data:`REACH` px, and every other arrow is at least :data:`BELONGS` px farther than its
own, so a reader pairs it with the right arrow.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import NamedTuple

from skillsmap.fonts import text_width
from skillsmap.layout.geometry import (
    Box,
    Grid,
    Point,
    along,
    box_segment_distance,
    polyline_length,
)
from skillsmap.layout.route import Route
from skillsmap.layout.text import shorten
from skillsmap.model import Move, SkillsMap
from skillsmap.theme import Metrics
from skillsmap.words import label_in_legend

ALONG = 10.0  # px between candidate spots along an arrow
OFFSETS = (3.0, 6.0)  # px between a plate and its arrow, nearest first
REACH = 8.0  # px: the farthest a plate may sit from its own arrow
BELONGS = 3.0  # px: every other arrow is at least this much farther than the plate's own
TOUCH = 1.5  # px: no arrow comes closer than this to a plate
KEEP_OFF = 1.0  # px a plate keeps from cards and level labels
LABEL_GAP = 2.0  # px between two plates
OUTLINE = 2.0  # px either side of a level box's border that labels keep off
SEGMENT_CELL = 60.0  # px: grid cell for the arrows' segments


class LabelPlan(NamedTuple):
    """Which move labels go on the arrows (by move index), and which are said once in the
    legend (by kind)."""

    on_arrow: dict[int, str]
    in_legend: dict[str, str]


class PlacedLabel(NamedTuple):
    """A label as shown on its arrow (possibly shortened) and its plate, in map px."""

    text: str
    box: Box


class Labels(NamedTuple):
    """The labels placed on arrows (by move index) and the moves whose label found no room
    beside its arrow and is shown in the legend instead, in move order."""

    placed: dict[int, PlacedLabel]
    to_legend: tuple[int, ...]


class LegendLabel(NamedTuple):
    """A move label shown in the legend because no spot beside its arrow was free: the move
    (index in the spec, its ends and kind) and the legend's line for it."""

    move: int
    from_: str
    to: str
    kind: str
    text: str


def legend_labels(m: SkillsMap, moves: tuple[int, ...]) -> tuple[LegendLabel, ...]:
    """The legend entries of the labels of ``moves`` (indices into ``m.moves``)."""
    out = []
    for i in moves:
        mv = m.moves[i]
        out.append(LegendLabel(i, mv.from_, mv.to, mv.kind, label_in_legend(m, mv)))
    return tuple(out)


def plan_labels(moves: tuple[Move, ...]) -> LabelPlan:
    """A label shared by every move of a kind (two or more) moves to the legend."""
    by_kind: dict[str, list[str | None]] = {}
    for mv in moves:
        by_kind.setdefault(mv.kind, []).append(mv.label)
    in_legend = {
        kind: labels[0]
        for kind, labels in by_kind.items()
        if len(labels) >= 2 and labels[0] is not None and len(set(labels)) == 1
    }
    on_arrow = {
        i: mv.label
        for i, mv in enumerate(moves)
        if mv.label is not None and mv.kind not in in_legend
    }
    return LabelPlan(on_arrow, in_legend)


def _outline(b: Box) -> list[Box]:
    """Thin strips along a box's four borders: a label across a border looks misplaced."""
    d = OUTLINE
    return [
        Box(b.x0 - d, b.y0 - d, b.x1 + d, b.y0 + d),
        Box(b.x0 - d, b.y1 - d, b.x1 + d, b.y1 + d),
        Box(b.x0 - d, b.y0 - d, b.x0 + d, b.y1 + d),
        Box(b.x1 - d, b.y0 - d, b.x1 + d, b.y1 + d),
    ]


class ArrowIndex:
    """Every arrow's segments in a grid, for "how near is each arrow to this box" queries."""

    def __init__(self, arrows: list[list[Point]]) -> None:
        self.grid = Grid(SEGMENT_CELL)
        self.segments: list[tuple[int, Point, Point]] = []
        for owner, points in enumerate(arrows):
            for a, b in itertools.pairwise(points):
                self.grid.add(
                    Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
                )
                self.segments.append((owner, a, b))

    def near(self, box: Box, reach: float) -> list[tuple[int, Point, Point, Box]]:
        """(arrow, ends, bounds) of every segment whose bounds come within ``reach`` of
        ``box``, ascending."""
        zone = box.inflate(reach)
        boxes = self.grid.boxes
        out = []
        for k in self.grid.near(zone):
            o = boxes[k]
            if o.x0 > zone.x1 or o.x1 < zone.x0 or o.y0 > zone.y1 or o.y1 < zone.y0:
                continue
            owner, a, b = self.segments[k]
            out.append((owner, a, b, o))
        return out


class LabelPlacer:
    """Places plates one by one; each placed plate becomes an obstacle for the next ones."""

    def __init__(self, obstacles: list[Box], arrows: list[list[Point]]) -> None:
        self.grid = Grid(120.0)
        for b in obstacles:
            self.grid.add(b)
        self.arrows = arrows
        self.index = ArrowIndex(arrows)

    def free(self, arrow: int, box: Box) -> bool:
        """True when ``box`` may carry ``arrow``'s label (see the module docstring)."""
        for k in self.grid.near(box):
            if box.overlaps(self.grid.boxes[k]):
                return False
        near = self.index.near(box, REACH + BELONGS)
        own = min(
            (box_segment_distance(box, a, b) for k, a, b, _ in near if k == arrow), default=math.inf
        )
        if own > REACH or own < TOUCH:
            return False
        limit = max(own + BELONGS, TOUCH)
        zone = box.inflate(limit)
        return not any(
            k != arrow
            and not (o.x0 > zone.x1 or o.x1 < zone.x0 or o.y0 > zone.y1 or o.y1 < zone.y0)
            and box_segment_distance(box, a, b) < limit
            for k, a, b, o in near
        )

    def add(self, box: Box) -> None:
        self.grid.add(box.inflate(LABEL_GAP))

    def place(self, arrow: int, w: float, h: float) -> Box | None:
        """The first free w x h spot beside ``arrow``, now taken; None when there is none."""
        for box in candidates(self.arrows[arrow], w, h):
            if self.free(arrow, box):
                self.add(box)
                return box
        return None


def candidates(points: list[Point], w: float, h: float) -> Iterator[Box]:
    """Plates of w x h beside the polyline, best first: nearest first, then from the middle
    of the arrow outwards (a spot every :data:`ALONG` px), each side in turn."""
    length = polyline_length(points)
    steps = max(1, math.floor(length / 2 / ALONG))
    spots = sorted(range(-steps, steps + 1), key=lambda k: (abs(k), -k))
    for offset in OFFSETS:
        for k in spots:
            _, (px, py), (ux, uy) = along(points, length / 2 + k * ALONG)
            nx, ny = -uy, ux
            reach = (abs(nx) * w + abs(ny) * h) / 2 + offset
            for side in (1.0, -1.0):
                yield Box.around(px + side * nx * reach, py + side * ny * reach, w, h)


def _plate_size(text: str, metrics: Metrics) -> tuple[float, float]:
    size = metrics.label_size
    return text_width(text, size) + 2 * metrics.label_pad_x, size + 2 * metrics.label_pad_y


def place_labels(
    on_arrow: dict[int, str],
    routes: list[Route],
    cards: list[Box],
    levels: list[tuple[Box, Box]],
    metrics: Metrics,
    prefer: dict[int, PlacedLabel] | None = None,
) -> Labels:
    """Each labelled route's label beside it, among ``cards`` and ``levels`` (box, label box).

    A plate in ``prefer`` stays where it is when it is still free; the other labels then take
    the first free spot beside their arrows, in move order, or go to the legend.
    """
    obstacles = [c.inflate(KEEP_OFF) for c in cards]
    for box, label in levels:
        obstacles.append(label.inflate(KEEP_OFF))
        obstacles += _outline(box)
    placer = LabelPlacer(obstacles, [r.samples() for r in routes])
    placed: dict[int, PlacedLabel] = {}
    for i, kept in sorted((prefer or {}).items()):
        if i in on_arrow and placer.free(i, kept.box):
            placer.add(kept.box)
            placed[i] = kept
    to_legend: list[int] = []
    for i in sorted(on_arrow):
        if i in placed:
            continue
        text, _ = shorten(on_arrow[i], metrics.label_max, metrics.label_size)
        spot = placer.place(i, *_plate_size(text, metrics))
        if spot is None:
            to_legend.append(i)
        else:
            placed[i] = PlacedLabel(text, spot)
    return Labels(dict(sorted(placed.items())), tuple(to_legend))
