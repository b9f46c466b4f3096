"""Shortest paths among boxes: A* over the corners of obstacles grown by a clearance, in map px.

A field holds obstacle boxes (already grown by their clearance) in a grid index. A path search
expands a vertex only towards the corners of the obstacles that block its way: the first box
met on the straight line to the goal, then the boxes met on the way to those corners (a sparse,
lazily built visibility graph). Each step costs its length plus a price per radian turned, and
the number of expanded vertices is capped; a search over the cap, or with no way through,
returns None and the caller falls back. The path found is then pulled tight (each vertex joined
to the farthest one it sees). Vertex coordinates are quantised to 1/64 px and ties are broken by
insertion order, so the same field always gives the same path.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable

from skillsmap.layout.geometry import Box, Grid, Point, cells_along, segment_entry

BEND_COST = 24.0  # px of length one radian of turning is worth
CROSS_COST = 300.0  # px of length crossing another arrow is worth
EXPANSIONS = 300  # vertices a search may expand before it gives up
BLOCKERS = 6  # obstacles (in the way, or touching one) whose corners one step may try
CORNER_OUT = 0.25  # px: corners sit this far outside their box, so they never touch it
LANE = 6.0  # px between paths round the same corner
WIDE_SHARE = 6  # the wide search may expand this many times fewer vertices
WINDOW = 1  # grid cells around a vertex whose corners the wide search tries
QUANTUM = 64.0  # vertices are rounded to 1/QUANTUM px


def _q(p: Point) -> Point:
    return (round(p[0] * QUANTUM) / QUANTUM, round(p[1] * QUANTUM) / QUANTUM)


class Field:
    """Obstacle boxes (quantised like the vertices), indexed; box ``k`` is obstacle ``k``."""

    def __init__(self, boxes: list[Box], cell: float) -> None:
        self.grid = Grid(cell)
        for b in boxes:
            (x0, y0), (x1, y1) = _q((b.x0, b.y0)), _q((b.x1, b.y1))
            self.grid.add(Box(x0, y0, x1, y1))
        self.boxes = self.grid.boxes
        self.lanes: dict[tuple[int, int], int] = {}  # paths already round each corner
        self.owner: dict[Point, tuple[int, int]] = {}  # corner point -> (obstacle, corner)

    def use(self, path: list[Point]) -> None:
        """Count a path's turns: the next path round the same corner keeps a lane further
        out, so arrows round one corner run side by side, not on top of each other."""
        for p in path[1:-1]:
            key = self.owner.get(p)
            if key is not None:
                self.lanes[key] = self.lanes.get(key, 0) + 1

    def near(self, a: Point, b: Point) -> set[int]:
        """Obstacles in the grid cells the segment a-b meets."""
        cells = self.grid.cells
        found: set[int] = set()
        for key in cells_along(self.grid, a, b):
            found.update(cells.get(key, ()))
        return found

    def _crossing(self, a: Point, b: Point, skip: frozenset[int]) -> list[tuple[int, Box]]:
        """Obstacles not in ``skip`` near the segment a-b whose box meets its box."""
        lx, hx = min(a[0], b[0]), max(a[0], b[0])
        ly, hy = min(a[1], b[1]), max(a[1], b[1])
        boxes = self.boxes
        out = []
        for k in self.near(a, b):
            o = boxes[k]
            if o.x0 < hx and lx < o.x1 and o.y0 < hy and ly < o.y1 and k not in skip:
                out.append((k, o))
        return out

    def first_hit(self, a: Point, b: Point, skip: frozenset[int]) -> int | None:
        """The obstacle the segment a-b enters first (lowest index on ties), or None."""
        best: tuple[float, int] | None = None
        for k, o in self._crossing(a, b, skip):
            t = segment_entry(a, b, o)
            if t is not None and (best is None or (t, k) < best):
                best = (t, k)
        return None if best is None else best[1]

    def clear(self, a: Point, b: Point, skip: frozenset[int]) -> bool:
        return all(segment_entry(a, b, o) is None for _, o in self._crossing(a, b, skip))

    def corners_near(self, v: Point, skip: frozenset[int]) -> list[Point]:
        """Tangent corners (see :meth:`corners`) of every obstacle within :data:`WINDOW`
        grid cells of ``v``, ascending by obstacle."""
        c = self.grid.cell
        reach = WINDOW * c
        out: list[Point] = []
        for k in self.grid.near(Box(v[0] - reach, v[1] - reach, v[0] + reach, v[1] + reach)):
            if k not in skip:
                out += self.corners(k, v, skip)[0]
        return out

    def holder(self, p: Point, skip: frozenset[int]) -> int | None:
        """The first obstacle not in ``skip`` that holds ``p`` strictly inside, or None."""
        tiny = Box(p[0], p[1], p[0], p[1])
        for k in self.grid.near(tiny):
            b = self.boxes[k]
            if k not in skip and b.x0 < p[0] < b.x1 and b.y0 < p[1] < b.y1:
                return k
        return None

    def corners(
        self, k: int, seen_from: Point, skip: frozenset[int]
    ) -> tuple[list[Point], list[int]]:
        """Corners of obstacle ``k`` a path from ``seen_from`` could turn around (tangent
        ones, outside every other obstacle), and the obstacles holding its other tangent
        corners (boxes that touch it: their corners are the way round)."""
        b = self.boxes[k]
        out, holders = [], []
        for corner, (bx, by, sx, sy) in enumerate(
            (
                (b.x0, b.y0, 1, 1),
                (b.x1, b.y0, -1, 1),
                (b.x1, b.y1, -1, -1),
                (b.x0, b.y1, 1, -1),
            )
        ):
            d = CORNER_OUT + LANE * self.lanes.get((k, corner), 0)
            x, y = bx - sx * d, by - sy * d
            dx, dy = x - seen_from[0], y - seen_from[1]
            # tangent: the box lies on one side of the line through the corner
            if (dx * sx) * (dy * sy) > 0:
                continue
            holder = self.holder((x, y), skip)
            if holder is None:
                out.append((x, y))
                self.owner[(x, y)] = (k, corner)
            else:
                holders.append(holder)
        return out, holders


def _turn(a: Point, b: Point, c: Point) -> float:
    """Angle in radians turned at ``b`` going a -> b -> c."""
    ux, uy = b[0] - a[0], b[1] - a[1]
    vx, vy = c[0] - b[0], c[1] - b[1]
    return abs(math.atan2(ux * vy - uy * vx, ux * vx + uy * vy))


def _successors(field: Field, v: Point, goal: Point, skip: frozenset[int]) -> Iterable[Point]:
    """The goal when ``v`` sees it, else the corners around the obstacles in the way."""
    blocker = field.first_hit(v, goal, skip)
    if blocker is None:
        yield goal
        return
    pending, done = [blocker], {blocker}
    while pending:
        k = pending.pop(0)
        corners, holders = field.corners(k, v, skip)
        for c in corners:
            hit = field.first_hit(v, c, skip)
            if hit is None:
                yield c
            elif hit not in done and len(done) < BLOCKERS:
                done.add(hit)
                pending.append(hit)
        for h in holders:
            if h not in done and len(done) < BLOCKERS:
                done.add(h)
                pending.append(h)


def _wide(field: Field, v: Point, goal: Point, skip: frozenset[int]) -> Iterable[Point]:
    """The goal when ``v`` sees it, else every tangent corner near ``v`` that it sees."""
    if field.first_hit(v, goal, skip) is None:
        yield goal
        return
    for c in field.corners_near(v, skip):
        if field.clear(v, c, skip):
            yield c


Crossed = Callable[[Point, Point], int]


def _none(a: Point, b: Point) -> int:
    return 0


def find_path(
    field: Field,
    start: Point,
    goal: Point,
    skip: frozenset[int],
    cap: int = EXPANSIONS,
    crossed: Crossed = _none,
) -> list[Point] | None:
    """The cheapest path from ``start`` to ``goal`` avoiding every obstacle not in ``skip``,
    pulled tight; None when there is no way within ``cap`` expansions. ``crossed(a, b)``
    counts the drawn arrows a step from a to b would cross; each costs :data:`CROSS_COST`.

    The search first tries only the corners of the obstacles in the way; when that finds no
    way (a dense cluster can hide the way round), it searches again over every corner near
    each vertex.
    """
    a, b = _q(start), _q(goal)
    return _search(field, a, b, skip, cap, _successors, crossed) or _search(
        field, a, b, skip, cap // WIDE_SHARE, _wide, crossed
    )


Successors = Callable[[Field, Point, Point, frozenset[int]], Iterable[Point]]


def _search(
    field: Field,
    start: Point,
    goal: Point,
    skip: frozenset[int],
    cap: int,
    step: Successors,
    crossed: Crossed,
) -> list[Point] | None:
    order = 0
    frontier: list[tuple[float, int, Point]] = [(math.dist(start, goal), order, start)]
    cost = {start: 0.0}
    parent: dict[Point, Point] = {}
    closed: set[Point] = set()
    while frontier and len(closed) < cap:
        _, _, v = heapq.heappop(frontier)
        if v in closed:
            continue
        if v == goal:
            return _pull(field, _chain(parent, goal), skip, crossed)
        closed.add(v)
        for w in step(field, v, goal, skip):
            if w in closed:
                continue
            g = cost[v] + math.dist(v, w) + CROSS_COST * crossed(v, w)
            if v in parent:
                g += BEND_COST * _turn(parent[v], v, w)
            if g < cost.get(w, math.inf):
                cost[w], parent[w] = g, v
                order += 1
                heapq.heappush(frontier, (g + math.dist(w, goal), order, w))
    return None


def _chain(parent: dict[Point, Point], end: Point) -> list[Point]:
    path = [end]
    while path[-1] in parent:
        path.append(parent[path[-1]])
    return path[::-1]


def _pull(field: Field, path: list[Point], skip: frozenset[int], crossed: Crossed) -> list[Point]:
    """Drop every vertex the path can cut past: from each kept vertex, jump to the farthest
    one in plain sight whose straight way crosses no more arrows than the path it replaces."""
    out = [path[0]]
    i = 0
    while i < len(path) - 1:
        j = len(path) - 1
        while j > i + 1 and not (
            field.clear(path[i], path[j], skip)
            and crossed(path[i], path[j]) <= sum(crossed(path[k], path[k + 1]) for k in range(i, j))
        ):
            j -= 1
        out.append(path[j])
        i = j
    return out
