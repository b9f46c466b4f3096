"""Ports: where arrows meet their cards, spread along each card side so heads never pile up.

An arrow's end first lies where its path crosses the card's border. Ends on one side of one
card are ordered by the direction they leave in (so arrows fanning out do not cross at the
card) and, when two come closer than a head's width plus a margin, spaced evenly along the side
(away from its corners). The point returned is the port moved out by the arrow gap. Map px.
"""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

from skillsmap.layout.geometry import Box, Point, segment_exit

PORT_INSET = 10.0  # px kept free at each end of a side
PORT_MIN_INSET = 3.0  # px: the least kept free at each end of a crowded side
PORT_MARGIN = 6.0  # px between neighbouring heads, beyond their width
SIDES = ("top", "bottom", "left", "right")


class End(NamedTuple):
    """One end of an arrow: its card, the side met, where along it, and the way it leaves."""

    card: Box
    side: str
    at: float  # x on the top and bottom sides, y on the left and right ones
    slope: float  # the leaving direction, along the side per unit away from it
    point: Point  # where the unspread end sits, ``gap`` px from the card
    gap: float

    @staticmethod
    def leaving(card: Box, centre: Point, toward: Point, gap: float) -> End:
        """The end of the path from ``centre`` (inside ``card``) towards ``toward``."""
        t = segment_exit(centre, toward, card)
        p = (centre[0] + t * (toward[0] - centre[0]), centre[1] + t * (toward[1] - centre[1]))
        dist = {
            "top": abs(p[1] - card.y0),
            "bottom": abs(p[1] - card.y1),
            "left": abs(p[0] - card.x0),
            "right": abs(p[0] - card.x1),
        }
        side = min(SIDES, key=lambda s: dist[s])
        dx, dy = toward[0] - p[0], toward[1] - p[1]
        if side in ("top", "bottom"):
            at, slope = p[0], dx / max(abs(dy), 1.0)
        else:
            at, slope = p[1], dy / max(abs(dx), 1.0)
        return End(card, side, at, slope, _off(card, p, toward, gap), gap)

    def port(self, at: float) -> Point:
        """The point ``gap`` px out from the side, at ``at`` along it."""
        c, g = self.card, self.gap
        return {
            "top": (at, c.y0 - g),
            "bottom": (at, c.y1 + g),
            "left": (c.x0 - g, at),
            "right": (c.x1 + g, at),
        }[self.side]

    def span(self, n: int, sep: float) -> tuple[float, float]:
        """The stretch of the side ``n`` ports share: :data:`PORT_INSET` in from its corners,
        less when ``n`` ports ``sep`` apart need the room (never under :data:`PORT_MIN_INSET`)."""
        c = self.card
        lo, hi = (c.x0, c.x1) if self.side in ("top", "bottom") else (c.y0, c.y1)
        inset = max(min(PORT_INSET, (hi - lo) / 4, (hi - lo - n * sep) / 2), PORT_MIN_INSET)
        return lo + inset, hi - inset


def _off(card: Box, p: Point, toward: Point, gap: float) -> Point:
    """The point on the segment p-toward that is ``gap`` px from ``card``; when ``toward``
    itself is nearer than that, the point ``gap`` px out from the side nearest to it."""
    if card.distance_to_point(toward) <= gap:
        x = min(max(toward[0], card.x0), card.x1)
        y = min(max(toward[1], card.y0), card.y1)
        return min(
            ((x, card.y0 - gap), (x, card.y1 + gap), (card.x0 - gap, y), (card.x1 + gap, y)),
            key=lambda q: (math.dist(q, toward), q),
        )
    t = segment_exit(p, toward, card.inflate(gap))
    q = (p[0] + t * (toward[0] - p[0]), p[1] + t * (toward[1] - p[1]))
    if card.distance_to_point(q) <= gap + 1e-9:
        return q  # out through a flat side of the zone: exact
    lo, hi = 0.0, 1.0
    for _ in range(30):
        mid = (lo + hi) / 2
        q = (p[0] + mid * (toward[0] - p[0]), p[1] + mid * (toward[1] - p[1]))
        if card.distance_to_point(q) <= gap:
            lo = mid
        else:
            hi = mid
    return (p[0] + hi * (toward[0] - p[0]), p[1] + hi * (toward[1] - p[1]))


def spread(ends: list[End], head_width: float) -> list[Point]:
    """Each end's port, in the order given; ends sharing a card side are spread along it."""
    groups: dict[tuple[Box, str], list[int]] = {}
    for k, e in enumerate(ends):
        groups.setdefault((e.card, e.side), []).append(k)
    out: list[Point] = [e.point for e in ends]
    sep = head_width + PORT_MARGIN
    for members in groups.values():
        members.sort(key=lambda k: (ends[k].slope, k))
        n = len(members)
        lo, hi = ends[members[0]].span(n, sep)
        natural = [min(max(ends[k].at, lo), hi) for k in members]
        crowded = any(b - a < sep for a, b in itertools.pairwise(natural))
        for i, k in enumerate(members):
            at = lo + (hi - lo) * (i + 0.5) / n if crowded else natural[i]
            if crowded or not math.isclose(at, ends[k].at):
                out[k] = ends[k].port(at)
    return out
