"""Arrow labels: which labels go on arrows, and where, without covering cards, box labels or
each other. Coordinates are map px, y down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from skillsmap.fonts import text_width
from skillsmap.layout.geometry import Box, Grid, Point
from skillsmap.layout.route import Route
from skillsmap.layout.text import shorten
from skillsmap.model import Move
from skillsmap.theme import Metrics

POSITIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9)
# further rings of candidates, in label heights beyond the closest spot beside the arrow: a
# label may stand a little off its arrow rather than cover a card
RINGS = (0.0, 0.75, 1.5)


NEAR = 60.0  # px: arrows farther than this from a label cannot be mistaken for its arrow
BELONGS = 6.0  # px: a label must be this much closer to its own arrow than to any other
OUTLINE = 2.0  # px either side of a level box's border that labels keep off
ARROW_SAMPLES = 24  # points per arrow for telling which arrow a label is nearest
CURVE_SAMPLES = 16  # points per arrow for the candidate spots beside it


@dataclass(frozen=True, slots=True)
class LabelPlan:
    """Which move labels go on the arrows (by move index), and which are said once in the
    legend (by kind)."""

    on_arrow: dict[int, str]
    in_legend: dict[str, str]


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """A label as shown on its arrow (possibly shortened) and its plate, in map px."""

    text: str
    box: Box


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


def place_labels(
    on_arrow: dict[int, str],
    routes: list[Route],
    cards: list[Box],
    levels: list[tuple[Box, Box]],
    metrics: Metrics,
) -> dict[int, PlacedLabel]:
    """Each labelled route's label, placed among ``cards`` and ``levels`` (box, label box)."""
    obstacles = list(cards)
    for box, label in levels:
        obstacles.append(label)
        obstacles += _outline(box)
    placer = LabelPlacer(obstacles, [r.samples(ARROW_SAMPLES) for r in routes])
    size = metrics.label_size
    out: dict[int, PlacedLabel] = {}
    for i, route in enumerate(routes):
        if i in on_arrow:
            text, _ = shorten(on_arrow[i], metrics.label_max, size)
            w = text_width(text, size) + 2 * metrics.label_pad_x
            h = size + 2 * metrics.label_pad_y
            out[i] = PlacedLabel(text, placer.place(route.samples(CURVE_SAMPLES), w, h, arrow=i))
    return out


class LabelPlacer:
    """A greedy, deterministic placer: the first free candidate wins, else the least covered.

    A candidate is free when it covers no obstacle and sits clearly closer to its own arrow
    than to any other, so a reader can tell which arrow a label belongs to.
    """

    def __init__(
        self, obstacles: list[Box], arrows: list[list[Point]] | None = None, cell: float = 120.0
    ) -> None:
        self.grid = Grid(cell)
        for b in obstacles:
            self.grid.add(b)
        self.arrow_points = Grid(NEAR)
        self.owner: list[int] = []
        for k, points in enumerate(arrows or []):
            for p in points:
                self.arrow_points.add(Box(p[0], p[1], p[0], p[1]))
                self.owner.append(k)

    def _ambiguous(self, box: Box, own: list[Point], arrow: int | None) -> bool:
        """True when another arrow passes as close to the label as its own arrow does."""
        if arrow is None:
            return False
        limit = min(box.distance_to_point(p) for p in own) + BELONGS
        x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
        points, owner = self.arrow_points.boxes, self.owner
        for k in self.arrow_points.near(box.inflate(limit)):
            if owner[k] != arrow:
                q = points[k]
                dx = max(x0 - q.x0, 0.0, q.x0 - x1)
                dy = max(y0 - q.y0, 0.0, q.y0 - y1)
                if dx * dx + dy * dy < limit * limit:
                    return True
        return False

    def _cover(self, box: Box) -> float:
        area = 0.0
        for k in self.grid.near(box):
            o = self.grid.boxes[k]
            w = min(box.x1, o.x1) - max(box.x0, o.x0)
            h = min(box.y1, o.y1) - max(box.y0, o.y0)
            if w > 0 and h > 0:
                area += w * h
        return area

    def place(
        self, curve: list[Point], w: float, h: float, pad: float = 3.0, arrow: int | None = None
    ) -> Box:
        """A box of w x h beside the polyline ``curve`` (arrow number ``arrow`` of those given
        at construction); it becomes an obstacle for later labels."""
        best: tuple[float, int, Box] | None = None
        rank = 0
        for ring in RINGS:
            for t in POSITIONS:
                i = min(int(t * (len(curve) - 1)), len(curve) - 2)
                (x0, y0), (x1, y1) = curve[i], curve[i + 1]
                length = math.hypot(x1 - x0, y1 - y0) or 1.0
                nx, ny = -(y1 - y0) / length, (x1 - x0) / length
                px, py = (x0 + x1) / 2, (y0 + y1) / 2
                offset = (abs(nx) * w + abs(ny) * h) / 2 + pad + ring * h
                for side in (1.0, -1.0):
                    box = Box.around(px + side * nx * offset, py + side * ny * offset, w, h)
                    cover = self._cover(box.inflate(1.0))
                    if cover == 0.0 and self._ambiguous(box, curve, arrow):
                        cover = 0.5  # usable, but only if no clear spot exists
                    rank += 1
                    if cover == 0.0:
                        self.grid.add(box.inflate(pad))
                        return box
                    if best is None or (cover, rank) < (best[0], best[1]):
                        best = (cover, rank, box)
        assert best is not None
        self.grid.add(best[2].inflate(pad))
        return best[2]
