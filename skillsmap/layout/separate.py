"""Deterministic overlap removal for boxes that want to sit at given centres.

Each pair closer than its required clearance is pushed apart along the axis that needs the
smaller push, each side taking half, in the direction of their current order, so left/right and
up/down order between conflicting boxes is kept. Pairs are found with a grid hash, so a round
costs about O(n). If rounds run out (very crowded input), a sweep places the remaining boxes
one by one below what they collide with, which always terminates without overlap.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from skillsmap.layout.geometry import Box, Grid

MAX_ROUNDS = 400
EPS = 0.01


@dataclass(slots=True)
class Item:
    """A box to place: its size, where it wants to be, and where it is."""

    w: float
    h: float
    x: float
    y: float
    fixed: bool = False
    pushed_by: dict[int, float] | None = None

    def box(self) -> Box:
        return Box.around(self.x, self.y, self.w, self.h)


Clearance = Callable[[int, int], float]


def _violation(a: Item, b: Item, need: float) -> tuple[float, float] | None:
    """The push along x and along y that would give a and b ``need`` px, or None if clear.

    A pair is clear when one axis already separates them by ``need`` or when their euclidean
    clearance does (diagonal neighbours).
    """
    px = (a.w + b.w) / 2 + need - abs(a.x - b.x)
    py = (a.h + b.h) / 2 + need - abs(a.y - b.y)
    if px <= EPS or py <= EPS:
        return None
    if need > 0 and a.box().gap(b.box()) >= need - EPS:
        return None
    return px, py


def separate(
    items: list[Item],
    clearance: Clearance,
    max_clearance: float,
    order: list[tuple[float, float]] | None = None,
) -> None:
    """Move ``items`` in place until every pair (i, j) is ``clearance(i, j)`` px apart.

    ``max_clearance`` bounds ``clearance``; ``order`` gives each item's preferred (x, y) for
    breaking ties between equal positions (default: the starting positions).
    """
    n = len(items)
    if n < 2:
        return
    prefs = order or [(it.x, it.y) for it in items]
    reach = max(*(it.w for it in items), *(it.h for it in items)) + max_clearance
    for _ in range(MAX_ROUNDS):
        moved = False
        grid = Grid(reach)
        for it in items:
            grid.add(it.box())
        for i in range(n):
            a = items[i]
            for j in grid.near(a.box().inflate(max_clearance)):
                if j <= i:
                    continue
                v = _violation(a, items[j], clearance(i, j))
                if v is not None:
                    moved = True
                    _push(items, i, j, v[0], v[1], prefs)
        if not moved:
            return
    _sweep(items, clearance)


def _push(
    items: list[Item], i: int, j: int, px: float, py: float, prefs: list[tuple[float, float]]
) -> None:
    a, b = items[i], items[j]
    along_x = px < py if not math.isclose(px, py) else (abs(a.x - b.x) >= abs(a.y - b.y))
    if along_x:
        first_left = (a.x, prefs[i][0], i) < (b.x, prefs[j][0], j)
        amount = px
        sign = -1.0 if first_left else 1.0
        da, db = _shares(a, b, amount)
        a.x += sign * da
        b.x -= sign * db
    else:
        first_up = (a.y, prefs[i][1], i) < (b.y, prefs[j][1], j)
        amount = py
        sign = -1.0 if first_up else 1.0
        da, db = _shares(a, b, amount)
        a.y += sign * da
        b.y -= sign * db
    for this, other, d in ((a, j, da), (b, i, db)):
        if d > 0:
            if this.pushed_by is None:
                this.pushed_by = {}
            this.pushed_by[other] = this.pushed_by.get(other, 0.0) + d


def _shares(a: Item, b: Item, amount: float) -> tuple[float, float]:
    """How much of a push each side takes: half each, or all of it for the free one."""
    amount += EPS
    if a.fixed and b.fixed:
        return 0.0, 0.0
    if a.fixed:
        return 0.0, amount
    if b.fixed:
        return amount, 0.0
    return amount / 2, amount / 2


def _sweep(items: list[Item], clearance: Clearance) -> None:
    """Fallback: place items top-down, each moved below anything it still conflicts with."""
    placed: list[int] = [i for i, it in enumerate(items) if it.fixed]
    rest = sorted(
        (i for i, it in enumerate(items) if not it.fixed), key=lambda i: (items[i].y, items[i].x, i)
    )
    for i in rest:
        it = items[i]
        for _ in range(len(items) + 1):
            clash = [j for j in placed if _violation(it, items[j], clearance(i, j)) is not None]
            if not clash:
                break
            it.y = max(items[j].y + (items[j].h + it.h) / 2 + clearance(i, j) for j in clash) + EPS
        placed.append(i)
