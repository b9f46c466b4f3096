"""Arrows between cards: a straight or bent quadratic curve from edge to edge, and its head.

Each move tries a straight line between the card centres first, then curves bent further and
further to either side, and keeps the first one that crosses no other card. The visible curve
is the part outside both end cards (plus a small gap); its last stretch makes room for the
arrowhead, whose polygon is computed here so both backends draw the same head. Coordinates are
map px, y down.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from skillsmap.layout.geometry import (
    Box,
    Grid,
    Point,
    exit_parameter,
    point_at_distance,
    quad_point,
    quad_samples,
    quad_split,
    segment_hits_box,
)
from skillsmap.theme import Metrics

BENDS = (0.0, 0.2, -0.2, 0.4, -0.4, 0.6, -0.6, 0.85, -0.85, 1.1, -1.1)
SAMPLES = 24
CLEARANCE = 3.0


@dataclass(frozen=True, slots=True)
class Route:
    """A drawn move: shaft curve (start, control, end) and head triangle (tip first)."""

    start: Point
    control: Point
    end: Point
    head: tuple[Point, Point, Point]
    crossings: int
    straight: bool
    bend: float = 0.0  # how far the control point sits off the centre line, in centre distances

    @property
    def tip(self) -> Point:
        return self.head[0]

    def samples(self, n: int = SAMPLES) -> list[Point]:
        return quad_samples(self.start, self.control, self.end, n)

    def midpoint(self, t: float = 0.5) -> Point:
        return quad_point(self.start, self.control, self.end, t)


class Router:
    """Routes moves among a fixed set of card boxes."""

    def __init__(
        self,
        cards: list[Box],
        gap: float,
        head_length: float,
        head_width: float,
        labels: list[Box] | None = None,
    ) -> None:
        """``cards`` are the end points and obstacles; ``labels`` are obstacles only."""
        self.cards = cards
        self.gap = gap
        self.head_length = head_length
        self.head_width = head_width
        size = max((max(b.w, b.h) for b in cards), default=100.0)
        self.grid = Grid(size * 1.5)
        for b in cards:
            self.grid.add(b.inflate(CLEARANCE))
        for b in labels or []:
            self.grid.add(b)

    def _crossings(self, points: list[Point], skip: tuple[int, int]) -> int:
        """How many obstacles the polyline ``points`` passes through (ends in ``skip`` excepted).

        Only obstacles in the grid cells met by each segment's own bounding box are tested, so
        a long diagonal arrow does not test every card inside the box around the whole curve.
        """
        segments = [
            (a, b, Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))
            for a, b in itertools.pairwise(points)
        ]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        whole = Box(min(xs), min(ys), max(xs), max(ys))
        cell = self.grid.cell
        if (whole.w / cell + 2) * (whole.h / cell + 2) <= 16:
            keys = set(self.grid.cells_of(whole))  # a compact curve: its few cells at once
        else:
            keys = set()
            for _, _, seg in segments:
                keys.update(self.grid.cells_of(seg))
        candidates: set[int] = set()
        for key in keys:
            candidates.update(self.grid.cells.get(key, ()))
        candidates.difference_update(skip)
        hits = 0
        for k in candidates:
            box = self.grid.boxes[k]
            for a, b, seg in segments:
                if (
                    seg.x0 <= box.x1
                    and box.x0 <= seg.x1
                    and seg.y0 <= box.y1
                    and box.y0 <= seg.y1
                    and segment_hits_box(a, b, box)
                ):
                    hits += 1
                    break
        return hits

    def route(self, a: int, b: int, bent: bool = False, taken: float | None = None) -> Route:
        """The best route from card ``a`` to card ``b``.

        ``bent`` skips the straight line: a move whose reverse is also drawn bends to its own
        left, and its reverse to the other side, so the two arrows do not lie on each other.
        ``taken`` is the bend of the reverse move, whose curve this one must not repeat.
        """
        src, dst = self.cards[a], self.cards[b]
        p0, p1 = (src.cx, src.cy), (dst.cx, dst.cy)
        length = math.dist(p0, p1) or 1.0
        normal = (-(p1[1] - p0[1]) / length, (p1[0] - p0[0]) / length)
        mid = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
        # Score each candidate on its whole curve (the parts inside the two end cards cross
        # nothing else, since cards never overlap), and clip only the one that is kept.
        chosen: tuple[int, float, Point] | None = None
        for bend in BENDS[1:] if bent else BENDS:
            if taken is not None and math.isclose(bend, -taken):
                continue  # the reverse move's curve, run backwards
            ctrl = (mid[0] + normal[0] * bend * length, mid[1] + normal[1] * bend * length)
            steps = SAMPLES if bend else 1  # a straight route is one segment
            curve = [quad_point(p0, ctrl, p1, i / steps) for i in range(steps + 1)]
            crossings = self._crossings(curve, (a, b))
            if chosen is None or (crossings, abs(bend)) < (chosen[0], abs(chosen[1])):
                chosen = (crossings, bend, ctrl)
            if crossings == 0:
                break
        if chosen is not None:
            crossings, bend, ctrl = chosen
            t0 = exit_parameter(p0, ctrl, p1, src, True, self.gap)
            t1 = exit_parameter(p0, ctrl, p1, dst, False, self.gap)
            if t1 - t0 >= 1e-3:
                return self._build(p0, ctrl, p1, t0, t1, bend, crossings)
        # the two cards touch: draw a minimal arrow between their nearest edges
        return self._build(p0, mid, p1, 0.45, 0.55, 0.0, 0)

    def _build(
        self,
        p0: Point,
        ctrl: Point,
        p1: Point,
        t0: float,
        t1: float,
        bend: float,
        crossings: int,
    ) -> Route:
        tip = quad_point(p0, ctrl, p1, t1)
        t_base = point_at_distance(p0, ctrl, p1, t1, self.head_length)
        base = quad_point(p0, ctrl, p1, t_base)
        dx, dy = tip[0] - base[0], tip[1] - base[1]
        n = math.hypot(dx, dy) or 1.0
        ux, uy = dx / n, dy / n
        base = (tip[0] - ux * self.head_length, tip[1] - uy * self.head_length)
        half = self.head_width / 2
        head = (
            tip,
            (base[0] - uy * half, base[1] + ux * half),
            (base[0] + uy * half, base[1] - ux * half),
        )
        # the shaft runs into the head by 1 px so no seam shows between them
        t_end = point_at_distance(p0, ctrl, p1, t1, self.head_length - 1.0)
        start, control, end = quad_split(p0, ctrl, p1, t0, max(t_end, t0))
        return Route(start, control, end, head, crossings, bend == 0.0, bend)


def route_moves(
    cards: list[Box], labels: list[Box], pairs: list[tuple[int, int]], metrics: Metrics
) -> list[Route]:
    """One route per pair of card indices, around the cards and the level ``labels``.

    A move whose reverse is also drawn bends away from it (see :meth:`Router.route`).
    """
    router = Router(
        cards, metrics.arrow_gap, metrics.arrow_head_length, metrics.arrow_head_width, labels
    )
    both_ways = set(pairs) & {(b, a) for a, b in pairs}
    bends: dict[tuple[int, int], float] = {}
    routes: list[Route] = []
    for a, b in pairs:
        route = router.route(a, b, bent=(a, b) in both_ways, taken=bends.get((b, a)))
        bends[(a, b)] = route.bend
        routes.append(route)
    return routes
