"""Arrows between cards: a straight or bent quadratic curve from edge to edge, and its head.

Each move tries a straight line between the card centres first, then curves bent further and
further to either side, and keeps the first one that crosses no other card. The visible curve
is the part outside both end cards (plus a small gap); its last stretch makes room for the
arrowhead, whose polygon is computed here so both backends draw the same head.
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
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        area = Box(min(xs), min(ys), max(xs), max(ys))
        hits = 0
        for k in self.grid.near(area):
            if k in skip:
                continue
            box = self.grid.boxes[k]
            if not box.overlaps(area.inflate(1.0)):
                continue
            if any(segment_hits_box(a, b, box) for a, b in itertools.pairwise(points)):
                hits += 1
        return hits

    def route(self, a: int, b: int) -> Route:
        """The best route from card ``a`` to card ``b``."""
        src, dst = self.cards[a], self.cards[b]
        p0, p1 = (src.cx, src.cy), (dst.cx, dst.cy)
        length = math.dist(p0, p1) or 1.0
        normal = (-(p1[1] - p0[1]) / length, (p1[0] - p0[0]) / length)
        mid = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
        src_zone, dst_zone = src.inflate(self.gap), dst.inflate(self.gap)
        best: tuple[int, float, Route] | None = None
        for bend in BENDS:
            ctrl = (mid[0] + normal[0] * bend * length, mid[1] + normal[1] * bend * length)
            t0 = exit_parameter(p0, ctrl, p1, src_zone, from_start=True)
            t1 = exit_parameter(p0, ctrl, p1, dst_zone, from_start=False)
            if t1 - t0 < 1e-3:
                continue
            visible = [
                quad_point(p0, ctrl, p1, t0 + (t1 - t0) * i / SAMPLES) for i in range(SAMPLES + 1)
            ]
            crossings = self._crossings(visible, (a, b))
            route = self._build(p0, ctrl, p1, t0, t1, bend == 0.0, crossings)
            if crossings == 0:
                return route
            if best is None or (crossings, abs(bend)) < (best[0], best[1]):
                best = (crossings, abs(bend), route)
        if best is not None:
            return best[2]
        # the two cards touch: draw a minimal arrow between their nearest edges
        return self._build(p0, mid, p1, 0.45, 0.55, True, 0)

    def _build(
        self,
        p0: Point,
        ctrl: Point,
        p1: Point,
        t0: float,
        t1: float,
        straight: bool,
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
        return Route(start, control, end, head, crossings, straight)
