"""Smoothing: a polyline's corners rounded by quadratic curves that provably stay clear, map px.

Each corner becomes a quadratic curve from a point before it to a point after it, with the
corner as control point. The curve lies inside the triangle of those three points (a Bézier
curve stays in the hull of its control points), so a corner is rounded only when that triangle
meets no obstacle; otherwise the radius is halved, and after a few tries the corner stays sharp
(the polyline itself is clear). Path commands: M at the start, then L and Q.
"""

from __future__ import annotations

import math

from skillsmap.layout.geometry import Box, Point, triangle_hits_box
from skillsmap.layout.visibility import Field
from skillsmap.scene import PathOp

RADIUS = 18.0  # px: the cut-back along each side of a rounded corner
TRIES = 3  # halvings of the radius before a corner stays sharp
MIN_CUT = 1.0  # px: a cut-back shorter than this is not worth a curve


def _toward(a: Point, b: Point, d: float) -> Point:
    length = math.dist(a, b) or 1.0
    return (a[0] + (b[0] - a[0]) * d / length, a[1] + (b[1] - a[1]) * d / length)


def triangle_clear(tri: tuple[Point, Point, Point], field: Field, skip: frozenset[int]) -> bool:
    xs = [p[0] for p in tri]
    ys = [p[1] for p in tri]
    near = field.grid.near(Box(min(xs), min(ys), max(xs), max(ys)))
    return not any(k not in skip and triangle_hits_box(tri, field.boxes[k]) for k in near)


def round_corners(points: list[Point], field: Field, skip: frozenset[int]) -> tuple[PathOp, ...]:
    """Path commands for ``points`` with each corner rounded where the curve stays clear of
    ``field``'s obstacles (those in ``skip`` excepted). The last stretch stays straight."""
    n = len(points)
    lengths = [math.dist(points[i], points[i + 1]) for i in range(n - 1)]
    ops: list[PathOp] = [("M", points[0])]
    for i in range(1, n - 1):
        before = lengths[i - 1] - 1.0 if i == 1 else lengths[i - 1] / 2
        after = lengths[i] - 1.0 if i == n - 2 else lengths[i] / 2
        r = min(RADIUS, before, after)
        v = points[i]
        for _ in range(TRIES + 1):
            if r < MIN_CUT:
                break
            a, b = _toward(v, points[i - 1], r), _toward(v, points[i + 1], r)
            if triangle_clear((a, v, b), field, skip):
                ops += [("L", a), ("Q", v, b)]
                break
            r /= 2
        else:
            ops.append(("L", v))
            continue
        if r < MIN_CUT:
            ops.append(("L", v))
    ops.append(("L", points[-1]))
    return tuple(ops)
