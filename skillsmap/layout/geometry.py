"""Plain geometry for the layout: boxes, segments, triangles and quadratic curves, and the tests
between them; a uniform grid for "what is near" queries.

Coordinates are scene px, y down. Everything here is pure and allocation-light: the router
calls these functions thousands of times on large maps.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

Point = tuple[float, float]


class Box(NamedTuple):
    """An axis-aligned box from (x0, y0) to (x1, y1), x0 <= x1 and y0 <= y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @staticmethod
    def around(cx: float, cy: float, w: float, h: float) -> Box:
        return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def inflate(self, d: float) -> Box:
        return Box(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)

    def shift(self, dx: float, dy: float) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def overlaps(self, other: Box, tol: float = 0.0) -> bool:
        """True when the interiors intersect by more than ``tol``."""
        return (
            self.x0 < other.x1 - tol
            and other.x0 < self.x1 - tol
            and self.y0 < other.y1 - tol
            and other.y0 < self.y1 - tol
        )

    def contains(self, other: Box, tol: float = 0.0) -> bool:
        return (
            other.x0 >= self.x0 - tol
            and other.y0 >= self.y0 - tol
            and other.x1 <= self.x1 + tol
            and other.y1 <= self.y1 + tol
        )

    def contains_point(self, p: Point) -> bool:
        return self.x0 <= p[0] <= self.x1 and self.y0 <= p[1] <= self.y1

    def distance_to_point(self, p: Point) -> float:
        """Euclidean distance from ``p`` to the box (0 inside)."""
        dx = max(self.x0 - p[0], 0.0, p[0] - self.x1)
        dy = max(self.y0 - p[1], 0.0, p[1] - self.y1)
        return math.hypot(dx, dy)

    def gap(self, other: Box) -> float:
        """Euclidean clearance between two boxes (0 when they touch or overlap)."""
        dx = max(other.x0 - self.x1, self.x0 - other.x1, 0.0)
        dy = max(other.y0 - self.y1, self.y0 - other.y1, 0.0)
        return math.hypot(dx, dy)


def bounds(boxes: Iterable[Box]) -> Box:
    it = iter(boxes)
    out = next(it)
    for b in it:
        out = out.union(b)
    return out


def quad_point(p0: Point, c: Point, p1: Point, t: float) -> Point:
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0],
        u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1],
    )


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """True when segment a-b passes through the interior of ``box`` (Liang-Barsky clip)."""
    return segment_entry(a, b, box) is not None


class Grid:
    """A uniform grid hash of boxes, for "what is near this box" queries."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.boxes: list[Box] = []

    def cells_of(self, b: Box) -> Iterator[tuple[int, int]]:
        """The keys of the cells ``b`` meets."""
        return self._span(b)

    def _span(self, b: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for gx in range(math.floor(b.x0 / c), math.floor(b.x1 / c) + 1):
            for gy in range(math.floor(b.y0 / c), math.floor(b.y1 / c) + 1):
                yield gx, gy

    def add(self, b: Box) -> int:
        index = len(self.boxes)
        self.boxes.append(b)
        for key in self._span(b):
            self.cells.setdefault(key, []).append(index)
        return index

    def near(self, b: Box) -> list[int]:
        """Indices of stored boxes whose cells meet ``b``'s cells, ascending."""
        found: set[int] = set()
        for key in self._span(b):
            found.update(self.cells.get(key, ()))
        return sorted(found)


def segment_entry(a: Point, b: Point, box: Box) -> float | None:
    """Parameter in [0, 1] where segment a-b enters the interior of ``box``, or None."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in (
        (-dx, a[0] - box.x0),
        (dx, box.x1 - a[0]),
        (-dy, a[1] - box.y0),
        (dy, box.y1 - a[1]),
    ):
        if p == 0:
            if q <= 0:
                return None
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 >= t1:
            return None
    return t0 if t1 - t0 > 1e-9 else None


def segment_exit(a: Point, b: Point, box: Box) -> float:
    """Largest parameter at which segment a-b (starting inside ``box``) is still in it."""
    t1 = 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in (
        (dx, box.x1 - a[0]),
        (-dx, a[0] - box.x0),
        (dy, box.y1 - a[1]),
        (-dy, a[1] - box.y0),
    ):
        if p > 0:
            t1 = min(t1, q / p)
    return max(t1, 0.0)


def point_segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    return math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1])


def box_segment_distance(box: Box, a: Point, b: Point) -> float:
    """Least distance between ``box`` and segment a-b (0 when they meet)."""
    if box.contains_point(a) or box.contains_point(b) or segment_hits_box(a, b, box):
        return 0.0
    corners = ((box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1))
    return min(
        box.distance_to_point(a),
        box.distance_to_point(b),
        *(point_segment_distance(c, a, b) for c in corners),
    )


def triangle_hits_box(tri: tuple[Point, Point, Point], box: Box) -> bool:
    """True when the triangle's interior meets the box's interior (separating axes)."""
    xs = [p[0] for p in tri]
    ys = [p[1] for p in tri]
    if min(xs) >= box.x1 or max(xs) <= box.x0 or min(ys) >= box.y1 or max(ys) <= box.y0:
        return False
    corners = ((box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1))
    for i in range(3):
        a, b, c = tri[i], tri[(i + 1) % 3], tri[(i + 2) % 3]
        nx, ny = a[1] - b[1], b[0] - a[0]
        own = (c[0] - a[0]) * nx + (c[1] - a[1]) * ny
        if own == 0:
            continue  # a flat triangle: its edges alone decide
        sides = [((q[0] - a[0]) * nx + (q[1] - a[1]) * ny) * own for q in corners]
        if all(s <= 0 for s in sides):
            return False
    return True


def polyline_length(points: Sequence[Point]) -> float:
    return sum(math.dist(a, b) for a, b in itertools.pairwise(points))


def along(points: Sequence[Point], d: float) -> tuple[int, Point, Point]:
    """The segment ``d`` px along the polyline (the last one past its end), the point there
    and the unit direction there."""
    for k, (a, b) in enumerate(itertools.pairwise(points)):
        step = math.dist(a, b)
        if step > 0 and (d <= step or b == points[-1]):
            t = min(d / step, 1.0)
            point = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            return k, point, ((b[0] - a[0]) / step, (b[1] - a[1]) / step)
        d -= step
    return max(len(points) - 2, 0), points[-1], (1.0, 0.0)


def cells_along(grid: Grid, a: Point, b: Point) -> set[tuple[int, int]]:
    """Keys of the grid cells a segment's pieces (each at most one cell long) meet."""
    c = grid.cell
    x0, x1 = math.floor(min(a[0], b[0]) / c), math.floor(max(a[0], b[0]) / c)
    y0, y1 = math.floor(min(a[1], b[1]) / c), math.floor(max(a[1], b[1]) / c)
    if (x1 - x0 + 1) * (y1 - y0 + 1) <= 4:  # a short segment: its box's few cells
        return {(gx, gy) for gx in range(x0, x1 + 1) for gy in range(y0, y1 + 1)}
    n = max(1, math.ceil(math.dist(a, b) / c))
    keys: set[tuple[int, int]] = set()
    prev = a
    for i in range(1, n + 1):
        t = i / n
        cur = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        piece = Box(
            min(prev[0], cur[0]), min(prev[1], cur[1]), max(prev[0], cur[0]), max(prev[1], cur[1])
        )
        keys.update(grid.cells_of(piece))
        prev = cur
    return keys


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """True when segments a-b and c-d properly cross (each one's ends strictly either side of
    the other's line)."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(c, d, a) * side(c, d, b) < 0 and side(a, b, c) * side(a, b, d) < 0
