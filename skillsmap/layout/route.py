"""Arrows between cards: obstacle-avoiding paths from card edge to card edge, and their heads.

Every card but a move's own two, every level label and every reserved label room is an
obstacle grown by a clearance. A move's path is the cheapest way between its card centres
(:mod:`skillsmap.layout.visibility`), cut where it leaves its source card and enters its
target; its ends are then spread along the card sides they meet (:mod:`skillsmap.layout.ports`)
and its corners rounded (:mod:`skillsmap.layout.smooth`). The last stretch is straight and
makes room for the arrowhead, whose polygon is computed here so every backend draws the same
head. Coordinates are map px, y down.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from skillsmap.layout.geometry import (
    Box,
    Grid,
    Point,
    along,
    cells_along,
    polyline_length,
    quad_point,
    segments_cross,
    triangle_hits_box,
)
from skillsmap.layout.ports import End, spread
from skillsmap.layout.smooth import round_corners
from skillsmap.layout.visibility import EXPANSIONS, Field, find_path
from skillsmap.scene import PathOp
from skillsmap.theme import Metrics

CLEARANCE = 8.0  # px a path keeps from cards and level labels
LABEL_CLEARANCE = 12.0  # px a path keeps from another arrow's label (more than a label's reach)
HARD = 1.5  # px: no drawn part of an arrow comes closer than this to an obstacle
TWO_WAY_BOW = 10.0  # px a move and its reverse are bent apart at their middles, when they meet
DRAWN_CELL = 80.0  # px: grid cell for the segments of arrows already routed
SAMPLES = 8  # points per curved piece when an arrow is flattened
# Past this many moves, paths are searched for length and bends only: counting the arrows each
# step would cross grows with the arrows already drawn, and on maps this dense (far beyond
# what a reader follows) it made routing the largest allowed map take minutes.
CROSSING_AWARE_MOVES = 600
# Path searches of one map expand at most about this many vertices in all: each search gets
# an equal share (never more than visibility.EXPANSIONS), so the largest maps stay bounded.
ROUTING_WORK = 200_000


class Route(NamedTuple):
    """A drawn move: the shaft's path (M, then L and Q), its head (tip first), the polyline
    the path rounds (start, turns, tip) and the path it was cut from."""

    ops: tuple[PathOp, ...]
    head: tuple[Point, Point, Point]
    corners: tuple[Point, ...]
    line: tuple[Point, ...]  # the path found, card centre to card centre

    @property
    def start(self) -> Point:
        return self.ops[0][1]

    @property
    def tip(self) -> Point:
        return self.head[0]

    def samples(self, per_curve: int = SAMPLES) -> list[Point]:
        """The shaft as a polyline: every line end, and ``per_curve`` points per curve."""
        pts = [self.ops[0][1]]
        for op in self.ops[1:]:
            if op[0] == "Q":
                p0, c, p1 = pts[-1], op[1], op[2]
                pts += [quad_point(p0, c, p1, i / per_curve) for i in range(1, per_curve + 1)]
            else:
                pts.append(op[1])
        return pts

    def path(self, pt: Callable[[Point], Point]) -> tuple[PathOp, ...]:
        """The path commands with every point mapped by ``pt``."""
        out: list[PathOp] = []
        for op in self.ops:
            if op[0] == "Q":
                out.append(("Q", pt(op[1]), pt(op[2])))
            elif op[0] == "L":
                out.append(("L", pt(op[1])))
            else:
                out.append(("M", pt(op[1])))
        return tuple(out)


class Reserved(NamedTuple):
    """Room kept free for move ``owner``'s label: other arrows go around it."""

    owner: int
    box: Box


class Drawn:
    """The segments of the arrows routed so far (by move), for counting what a new step
    would cross; a move's segments can be taken out again."""

    def __init__(self, cell: float) -> None:
        self.grid = Grid(cell)
        self.segments: list[tuple[Point, Point]] = []
        self.by_move: dict[int, list[int]] = {}
        self.gone: set[int] = set()

    def add(self, move: int, points: Sequence[Point]) -> None:
        ids = self.by_move.setdefault(move, [])
        for a, b in itertools.pairwise(points):
            ids.append(
                self.grid.add(
                    Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
                )
            )
            self.segments.append((a, b))

    def remove(self, move: int) -> None:
        self.gone.update(self.by_move.pop(move, ()))

    def crossed(self, a: Point, b: Point) -> int:
        """How many drawn segments the segment a-b crosses."""
        cells = self.grid.cells
        found: set[int] = set()
        for key in cells_along(self.grid, a, b):
            found.update(cells.get(key, ()))
        found.difference_update(self.gone)
        return sum(segments_cross(a, b, *self.segments[k]) for k in found)

    def crossings(self, points: Sequence[Point]) -> int:
        return sum(self.crossed(a, b) for a, b in itertools.pairwise(points))


def _no_crossings(a: Point, b: Point) -> int:
    return 0


class Router:
    """Routes moves among fixed cards, level labels and reserved label rooms."""

    def __init__(
        self, cards: list[Box], labels: list[Box], reserved: Sequence[Reserved], metrics: Metrics
    ) -> None:
        self.cards = cards
        self.metrics = metrics
        cell = 1.5 * max((max(b.w, b.h) for b in cards), default=100.0)
        fixed = cards + labels
        soft = [b.inflate(CLEARANCE) for b in fixed] + [
            r.box.inflate(LABEL_CLEARANCE) for r in reserved
        ]
        hard = [b.inflate(HARD) for b in fixed] + [r.box.inflate(HARD) for r in reserved]
        self.soft = Field(soft, cell)
        self.hard = Field(hard, cell)
        first = len(fixed)
        self.drawn = Drawn(DRAWN_CELL)
        self.owned: dict[int, frozenset[int]] = {}
        self.mind_crossings = True
        self.cap = EXPANSIONS
        for k, r in enumerate(reserved):
            self.owned[r.owner] = self.owned.get(r.owner, frozenset()) | {first + k}

    def polyline(self, move: int, a: int, b: int, before: Route | None = None) -> list[Point]:
        """Card centre to card centre around every obstacle: at the full clearance, else
        squeezing past at :data:`HARD` px, else (no way at all) straight. The path of
        ``before`` is kept when it is still clear at the full clearance and crosses no other
        arrow drawn."""
        src, dst = self.cards[a], self.cards[b]
        skip = frozenset({a, b}) | self.owned.get(move, frozenset())
        self.drawn.remove(move)
        if (
            before is not None
            and all(self.soft.clear(p, q, skip) for p, q in itertools.pairwise(before.line))
            and self.drawn.crossings(before.line) == 0
        ):
            line = list(before.line)
            self.drawn.add(move, line)
            return line
        start, goal = (src.cx, src.cy), (dst.cx, dst.cy)
        crossed = self.drawn.crossed if self.mind_crossings else _no_crossings
        line = (
            find_path(self.soft, start, goal, skip, self.cap, crossed)
            or find_path(self.hard, start, goal, skip, self.cap, crossed)
            or [start, goal]
        )
        if before is not None and self._worse(line, before.line, skip):
            line = list(before.line)
        self.soft.use(line)
        self.drawn.add(move, line)
        return line

    def _worse(self, line: list[Point], old: Sequence[Point], skip: frozenset[int]) -> bool:
        """True when the earlier path ``old``, still clear, crosses fewer arrows."""
        return all(
            self.soft.clear(p, q, skip) for p, q in itertools.pairwise(old)
        ) and self.drawn.crossings(old) < self.drawn.crossings(line)

    def route_all(self, pairs: list[tuple[int, int]], before: Sequence[Route] = ()) -> list[Route]:
        """Every move's route; a move's route in ``before`` keeps its path if still clear."""
        # short moves first: they have the fewest ways round, and long ones then avoid them
        order = sorted(
            range(len(pairs)),
            key=lambda i: (self._span(*pairs[i]), i),
        )
        self.mind_crossings = len(pairs) <= CROSSING_AWARE_MOVES
        self.cap = min(EXPANSIONS, ROUTING_WORK // max(1, 2 * len(pairs)))
        move_of = {p: i for i, p in enumerate(pairs)}
        reverse = [move_of.get((b, a)) for a, b in pairs]  # each move's reverse, if any
        self._share_reverse_labels(reverse)
        for i, route in enumerate(before):  # every earlier path counts as drawn
            self.drawn.add(i, route.line)
        found = {i: self.polyline(i, *pairs[i], before[i] if before else None) for i in order}
        lines = [self._trim(i, found[i], *pairs[i]) for i in range(len(pairs))]
        self._bend_apart(lines, pairs, reverse)
        gap = self.metrics.arrow_gap
        ends = [
            (
                End.leaving(self.cards[a], line[0], line[1], gap),
                End.leaving(self.cards[b], line[-1], line[-2], gap),
            )
            for line, (a, b) in zip(lines, pairs, strict=True)
        ]
        ported = spread([e for pair in ends for e in pair], self.metrics.arrow_head_width)
        routes = []
        for i, line in enumerate(lines):
            first, last = ported[2 * i], ported[2 * i + 1]
            routes.append(self._build(i, line, ends[i], (first, last)))
        return routes

    def _share_reverse_labels(self, reverse: list[int | None]) -> None:
        """A move and its reverse may pass each other's label room: the two run side by side
        between the same cards, each label on its own arrow's outer side, and keeping clear
        of the other's room would squeeze both into one corridor."""
        own = dict(self.owned)
        for i, back in enumerate(reverse):
            if back is not None and back != i and back in own:
                self.owned[i] = self.owned.get(i, frozenset()) | own[back]

    def _bend_apart(
        self, lines: list[list[Point]], pairs: list[tuple[int, int]], reverse: list[int | None]
    ) -> None:
        """A move and its reverse found (nearly) one path: each bends ``TWO_WAY_BOW`` / 2 px
        away from the other at its middle (to its own right when they coincide), so the two
        read as two arrows, not one with two heads (where the bent path stays clear)."""
        for i, j in enumerate(reverse):
            if j is None or j <= i or _apart(lines[i], lines[j]) >= TWO_WAY_BOW:
                continue
            # seen along each of the two, the other lies on the same hand
            away = -1.0 if _side(lines[i], lines[j]) > 0 else 1.0
            for k in (i, j):
                skip = frozenset(pairs[k]) | self.owned.get(k, frozenset())
                bent = _bent(lines[k], away * TWO_WAY_BOW / 2)
                if all(self.hard.clear(p, q, skip) for p, q in itertools.pairwise(bent)):
                    lines[k] = bent

    def _trim(self, move: int, line: list[Point], a: int, b: int) -> list[Point]:
        """``line`` without turns so close to an end card that the arrow could not start (or
        end) ``arrow_gap`` px from it, where the shortcut stays clear."""
        gap = self.metrics.arrow_gap
        skip = frozenset({a, b}) | self.owned.get(move, frozenset())
        out = list(line)
        while len(out) > 2 and self.cards[a].distance_to_point(out[1]) <= gap:
            if not self.hard.clear(out[0], out[2], skip):
                break
            del out[1]
        while len(out) > 2 and self.cards[b].distance_to_point(out[-2]) <= gap:
            if not self.hard.clear(out[-3], out[-1], skip):
                break
            del out[-2]
        return out

    def _span(self, a: int, b: int) -> float:
        src, dst = self.cards[a], self.cards[b]
        return math.dist((src.cx, src.cy), (dst.cx, dst.cy))

    def _build(
        self, move: int, line: list[Point], natural: tuple[End, End], ported: tuple[Point, Point]
    ) -> Route:
        """The arrow along ``line`` with spread ends where the ends' stretches stay clear."""
        inner = line[1:-1]
        skip = self.owned.get(move, frozenset())
        start, tip = ported
        if not self._clear([start, *inner, tip], skip):
            start, tip = natural[0].point, natural[1].point
            for s, t in ((ported[0], natural[1].point), (natural[0].point, ported[1])):
                if self._clear([s, *inner, t], skip):
                    start, tip = s, t
                    break
        return self._arrow([start, *inner, tip], skip, line, natural[1].card)

    def _clear(self, points: list[Point], skip: frozenset[int]) -> bool:
        first, last = points[:2], points[-2:]
        return self.hard.clear(first[0], first[1], skip) and self.hard.clear(last[0], last[1], skip)

    def _arrow(
        self, points: list[Point], skip: frozenset[int], line: list[Point], dst: Box
    ) -> Route:
        mt = self.metrics
        tip, before = points[-1], points[-2]
        length = math.dist(before, tip) or 1.0
        ux, uy = (tip[0] - before[0]) / length, (tip[1] - before[1]) / length
        hl, half = mt.arrow_head_length, mt.arrow_head_width / 2
        head = _head(tip, (ux, uy), hl, half)
        if length < hl + 1.0 or triangle_hits_box(head, dst):
            # a last stretch too short to aim the head, or one skimming the card: point the
            # head straight at the card instead
            ux, uy = _towards(tip, dst)
            head = _head(tip, (ux, uy), hl, half)
            length = hl
        # the shaft runs into the head by 1 px so no seam shows between them
        back = min(hl - 1.0, length - 1e-3)
        shaft_end = (tip[0] - ux * back, tip[1] - uy * back)
        ops = round_corners([*points[:-1], shaft_end], self.hard, skip)
        return Route(ops, head, tuple(points), tuple(line))


def _head(tip: Point, u: Point, length: float, half: float) -> tuple[Point, Point, Point]:
    """The arrowhead triangle (tip first) pointing along unit vector ``u``."""
    ux, uy = u
    base = (tip[0] - ux * length, tip[1] - uy * length)
    return (
        tip,
        (base[0] - uy * half, base[1] + ux * half),
        (base[0] + uy * half, base[1] - ux * half),
    )


def _apart(line: Sequence[Point], back: Sequence[Point]) -> float:
    """How far apart a path and its reverse's path get at a quarter, half and three quarters
    of the way."""
    a, b = polyline_length(line), polyline_length(back)
    return max(
        math.dist(along(line, a * f)[1], along(back, b * (1 - f))[1]) for f in (0.25, 0.5, 0.75)
    )


def _side(line: Sequence[Point], back: Sequence[Point]) -> float:
    """How far right of ``line``'s middle (y down) the middle of ``back`` lies; < 0: left."""
    _, (x, y), (ux, uy) = along(line, polyline_length(line) / 2)
    _, (bx, by), _ = along(back, polyline_length(back) / 2)
    return (bx - x) * -uy + (by - y) * ux


def _bent(line: list[Point], by: float) -> list[Point]:
    """``line`` with a point ``by`` px to the right of its middle (y down; < 0: left), where it
    bends."""
    k, (x, y), (ux, uy) = along(line, polyline_length(line) / 2)
    return [*line[: k + 1], (x - uy * by, y + ux * by), *line[k + 1 :]]


def _towards(p: Point, box: Box) -> Point:
    """The unit vector from ``p`` (outside ``box``) to the nearest point of ``box``."""
    near = (min(max(p[0], box.x0), box.x1), min(max(p[1], box.y0), box.y1))
    d = math.dist(p, near) or 1.0
    return ((near[0] - p[0]) / d, (near[1] - p[1]) / d)


def route_moves(
    cards: list[Box],
    labels: list[Box],
    pairs: list[tuple[int, int]],
    metrics: Metrics,
    reserved: Sequence[Reserved] = (),
    before: Sequence[Route] = (),
) -> list[Route]:
    """One route per pair of card indices, around the cards, the level ``labels`` and the
    ``reserved`` label rooms of other moves; a route in ``before`` (one per pair) keeps its
    path where that is still clear."""
    return Router(cards, labels, reserved, metrics).route_all(pairs, before)
