"""Overlap removal that keeps order: VPSC's two passes over boxes at given centres (px).

The x pass: a scan line over y finds, for each box, its nearest neighbours left and right among
the boxes it conflicts with vertically (closer than the clearance they need), and keeps each
such pair apart horizontally, in their current order, when x is the axis that separates them
more (relative to what they need); the y pass then keeps apart, vertically, every pair still
conflicting horizontally. Each pass is solved for least squared displacement
(:mod:`skillsmap.layout.vpsc`), so a constrained pair never swaps. On top, an *order chain*
keeps every pair whose spec coordinates differ by at least ``order_gap`` in order, constrained
or not: zero-weight gate variables, one per member in spec order, each at least its member and
its predecessor, and each member at least the gate of the last member ``order_gap`` behind it
(O(n) constraints). Walls keep the boxes of an explicit level box inside it; they are heavy,
so they move only when the boxes do not fit. A scan costs O(n log n); a final check on a grid
hash re-solves with any pair still too close (rare), a bounded number of times.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import NamedTuple

from skillsmap.layout.geometry import Box, Grid
from skillsmap.layout.vpsc import Constraint, solve

WALK = 16  # scan-line neighbours examined on each side before giving up
WALL_WEIGHT = 1e4  # an explicit box's side moves only when its cards cannot fit
GATE_WEIGHT = 1e-6  # order-chain gates follow their members
CHECK_ROUNDS = 3  # re-solves with pairs the scan line missed
EPS = 0.01  # px


class Item:
    """A box to place (centre, size in px) and its members' spec coordinates and offsets.

    ``members`` holds (soft, hard, dx, dy) per card: a lone card is ``[(soft, hard, 0, 0)]``,
    a cluster has one entry per card at its offset from the centre.
    """

    __slots__ = ("h", "members", "w", "weight", "x", "y")

    def __init__(
        self,
        w: float,
        h: float,
        x: float,
        y: float,
        members: list[tuple[float, float, float, float]],
        weight: float = 1.0,
    ) -> None:
        self.w, self.h, self.x, self.y = w, h, x, y
        self.members, self.weight = members, weight

    def box(self) -> Box:
        return Box.around(self.x, self.y, self.w, self.h)


class Wall(NamedTuple):
    """Items ``members`` must keep within ``lo``..``hi`` (px) on the axis being solved."""

    members: tuple[int, ...]
    lo: float
    hi: float


class _Problem:
    __slots__ = ("cons", "desired", "weights")

    def __init__(self, desired: list[float], weights: list[float]) -> None:
        self.desired, self.weights = desired, weights
        self.cons: list[Constraint] = []

    def var(self, at: float, weight: float) -> int:
        self.desired.append(at)
        self.weights.append(weight)
        return len(self.desired) - 1


Clearance = Callable[[int, int], float]


def _gap_x(a: Item, b: Item, need: float) -> float:
    return (a.w + b.w) / 2 + need


def _gap_y(a: Item, b: Item, need: float) -> float:
    return (a.h + b.h) / 2 + need


def _conflict_y(a: Item, b: Item, need: float) -> bool:
    return abs(a.y - b.y) < _gap_y(a, b, need) - EPS


def _conflict_x(a: Item, b: Item, need: float) -> bool:
    return abs(a.x - b.x) < _gap_x(a, b, need) - EPS


def _prefers_x(a: Item, b: Item, need: float) -> bool:
    """True when a and b are further apart horizontally, for what they need, than vertically."""
    return abs(a.x - b.x) * _gap_y(a, b, need) >= abs(a.y - b.y) * _gap_x(a, b, need)


def scan_pairs(
    items: Sequence[Item],
    group: Sequence[int],
    horizontal: bool,
    clearance: Clearance,
    reach: float,
) -> list[tuple[int, int]]:
    """Pairs (first, second) of ``group`` to keep apart along x (``horizontal``) or y.

    ``first`` comes first on that axis (ties by index). ``reach`` is the largest clearance.
    """

    def key(i: int) -> tuple[float, int]:
        return ((items[i].x if horizontal else items[i].y), i)

    def wanted(u: int, v: int) -> bool:
        a, b, need = items[u], items[v], clearance(u, v)
        if horizontal:
            return _conflict_y(a, b, need) and _prefers_x(a, b, need)
        return _conflict_x(a, b, need)

    events: list[tuple[float, int, int]] = []
    for i in group:
        it = items[i]
        lo, size = (it.y, it.h) if horizontal else (it.x, it.w)
        events.append((lo - size / 2 - reach / 2, 1, i))
        events.append((lo + size / 2 + reach / 2, 0, i))
    events.sort()
    line: list[tuple[float, int]] = []
    found: set[tuple[int, int]] = set()

    def add(u: int, v: int) -> None:
        found.add((u, v) if key(u) < key(v) else (v, u))

    for _, opening, v in events:
        k = key(v)
        if opening:
            bisect.insort(line, k)
            at = bisect.bisect_left(line, k)
            for step in (-1, 1):
                j = at + step
                while 0 <= j < len(line) and abs(j - at) <= WALK:
                    u = line[j][1]
                    if wanted(u, v):
                        add(u, v)
                        break
                    j += step
        else:
            at = bisect.bisect_left(line, k)
            if 0 < at < len(line) - 1:
                u, w = line[at - 1][1], line[at + 1][1]
                if wanted(u, w):
                    add(u, w)
            del line[at]
    return sorted(found)


def _order_chain(
    p: _Problem, items: Sequence[Item], group: Sequence[int], horizontal: bool, order_gap: float
) -> None:
    """Constraints keeping in order every two members of ``group`` ``order_gap`` apart."""
    # (spec value along the axis, in drawing direction; item; member offset)
    entries = sorted(
        (
            (soft if horizontal else -hard, i, dx if horizontal else dy)
            for i in group
            for soft, hard, dx, dy in items[i].members
        ),
    )
    if len(entries) < 2 or order_gap <= 0:
        return
    values = [e[0] for e in entries]
    gates: list[int] = []
    for n, (_, i, off) in enumerate(entries):
        gate = p.var(p.desired[i] + off, GATE_WEIGHT)
        p.cons.append(Constraint(i, gate, off))
        if gates:
            p.cons.append(Constraint(gates[-1], gate, 0.0))
        gates.append(gate)
        behind = bisect.bisect_right(values, values[n] - order_gap) - 1
        if behind >= 0:
            p.cons.append(Constraint(gates[behind], i, -off))


def _walls(p: _Problem, items: Sequence[Item], walls: Sequence[Wall], horizontal: bool) -> None:
    for wall in walls:
        lo, hi = p.var(wall.lo, WALL_WEIGHT), p.var(wall.hi, WALL_WEIGHT)
        for i in wall.members:
            half = (items[i].w if horizontal else items[i].h) / 2
            p.cons.append(Constraint(lo, i, half))
            p.cons.append(Constraint(i, hi, half))


def solve_axis(
    items: list[Item],
    groups: Sequence[Sequence[int]],
    horizontal: bool,
    clearance: Clearance,
    reach: float,
    order_gap: float,
    walls: Sequence[Wall] = (),
    chain_groups: Sequence[Sequence[int]] | None = None,
) -> list[tuple[float, float]]:
    """One pass along x or y: items move in place; returns the walls' final (lo, hi).

    Items of different ``groups`` are never kept apart here; the order chain runs over each
    of ``chain_groups`` (default: ``groups``).
    """
    extra: list[tuple[int, int]] = []
    ends: list[tuple[float, float]] = [(w.lo, w.hi) for w in walls]
    for _ in range(CHECK_ROUNDS + 1):
        p = _Problem([it.x if horizontal else it.y for it in items], [it.weight for it in items])
        pairs = {
            pair for g in groups for pair in scan_pairs(items, g, horizontal, clearance, reach)
        }
        for u, v in sorted(pairs | set(extra)):
            gap = _gap_x if horizontal else _gap_y
            p.cons.append(Constraint(u, v, gap(items[u], items[v], clearance(u, v))))
        n_walls = len(p.desired)
        _walls(p, items, walls, horizontal)
        for g in groups if chain_groups is None else chain_groups:
            _order_chain(p, items, g, horizontal, order_gap)
        pos = solve(p.desired, p.weights, p.cons)
        for i, it in enumerate(items):
            if horizontal:
                it.x = pos[i]
            else:
                it.y = pos[i]
        ends = [(pos[n_walls + 2 * k], pos[n_walls + 2 * k + 1]) for k in range(len(walls))]
        if horizontal:
            return ends
        missed = [pq for g in groups for pq in close_pairs(items, g, clearance, reach)]
        if not missed:
            return ends
        extra += [(u, v) if (items[u].y, u) < (items[v].y, v) else (v, u) for u, v in missed]
    return ends


def close_pairs(
    items: Sequence[Item], group: Sequence[int], clearance: Clearance, reach: float
) -> list[tuple[int, int]]:
    """Pairs of ``group`` closer than their clearance on both axes (a grid hash, ascending)."""
    if len(group) < 2:
        return []
    size = max(max(items[i].w, items[i].h) for i in group) + reach
    grid = Grid(size)
    for i in group:
        grid.add(items[i].box())
    out: list[tuple[int, int]] = []
    for a, i in enumerate(group):
        for b in grid.near(items[i].box().inflate(reach)):
            j = group[b]
            if (
                b > a
                and _conflict_x(items[i], items[j], clearance(i, j))
                and _conflict_y(items[i], items[j], clearance(i, j))
            ):
                out.append((i, j))
    return out
