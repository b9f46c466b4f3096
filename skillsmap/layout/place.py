"""Where the cards go: at their coordinates on warped axes, apart, and in level boxes kept apart.

Positions are map px (y down, origin at the axes' minimum soft and maximum hard value); the
canvas shift comes later (:mod:`skillsmap.layout.canvas`). In order:

1. px per axis unit: the theme's unit, grown when cards would crowd the map, or, for a target
   ``plot`` size, what fills it (the soft axis is relative, so each axis gets its own scale);
2. each axis is warped monotonically (:mod:`skillsmap.layout.warp`): room where cards crowd;
3. cards at (almost) one point become a small grid in spec order, moved as one;
4. overlaps are removed in x (all levels at once, so the left/right order of every two roles
   the spec puts ``ORDER_GAP`` of an axis apart holds across levels), then in y within each
   level (:mod:`skillsmap.layout.separate`); an explicit box holds its cards, growing if needed;
5. level boxes (cards as a rigid group) and free cards are kept apart vertically, in level
   order: the level whose roles are higher (mean ``hard``; an empty explicit box: its centre)
   is above; explicit boxes are heavy, so they stay where the spec puts them.

A card is reported as moved far when its place between the map's outermost cards, drawn, is
more than ``FAR_SHARE`` of the way off its coordinates' place between them: past that it no
longer reads as its coordinates (moves that spread the whole map evenly mislead no one). An
explicit box grown to hold its roles is reported with how much.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections import defaultdict
from typing import NamedTuple

from skillsmap.fonts import text_width
from skillsmap.layout.cards import Card
from skillsmap.layout.disjoint import DisjointSets
from skillsmap.layout.geometry import Box, Point
from skillsmap.layout.plan import Displacement, GrownBox
from skillsmap.layout.separate import Item, Wall, solve_axis
from skillsmap.layout.vpsc import Constraint, solve
from skillsmap.layout.warp import IDENTITY, Warp, fit_warp
from skillsmap.model import Level, SkillsMap
from skillsmap.theme import Metrics
from skillsmap.words import pushed_by_level, pushed_by_role

DENSITY = 5.0  # plot area per unit of card area on crowded maps
ORDER_GAP = 0.0999  # share of an axis: roles at least this far apart keep their order
CLUSTER = 0.015  # share of an axis: roles closer than this on both axes form one cluster
FAR_SHARE = 0.15  # share of the map's extent past which a move misleads
BOX_WEIGHT = 1e4  # an explicit box's weight when level boxes are kept apart
TOUCH = 0.01  # px: units this much closer than their gap still count as apart (rounding)
GROWN_MIN = 0.5  # px: an explicit box grown by less than this is not reported
LABEL_TOP = 4.0  # px between a level box's top and its label band's top
LABEL_BOTTOM = 2.0  # px kept free under the label band
BESIDE_ROUNDS = 16  # tries at moving units side by side, each without the last ones that swapped


class LevelBox(NamedTuple):
    """A level's box and the band at its top-left corner kept for its label, in map px."""

    level_id: str
    label: str
    box: Box
    label_box: Box


class Placement(NamedTuple):
    """Cards where they ended, level boxes, px per axis unit, cards moved far, boxes grown."""

    cards: list[Card]
    levels: list[LevelBox]
    scale: tuple[float, float]
    displaced: tuple[Displacement, ...]
    grown: tuple[GrownBox, ...] = ()


def label_band(metrics: Metrics) -> float:
    """Height of the band at a level box's top that holds its label."""
    return metrics.level_label_size + metrics.level_label_band


def label_box(box: Box, label: str, metrics: Metrics) -> Box:
    """Where a level's label sits: the box's top-left corner, kept clear of cards and arrows."""
    inset = metrics.level_label_inset
    x = box.x0 + inset
    width = min(text_width(label, metrics.level_label_size, "bold"), box.w - 2 * inset)
    return Box(x, box.y0 + LABEL_TOP, x + width, box.y0 + label_band(metrics) - LABEL_BOTTOM)


def place(
    m: SkillsMap,
    cards: list[Card],
    pairs: list[tuple[int, int]],
    metrics: Metrics,
    plot: tuple[float, float] | None = None,
) -> Placement:
    """Place ``cards`` (one per role of ``m``, in order) joined by ``pairs`` of card indices.

    ``plot`` is the (width, height) in px the axes should span, for a map laid out for a
    given canvas; without it the theme's unit per axis is used, grown on crowded maps.
    """
    return _Placer(m, cards, pairs, metrics, plot).run()


class _Unit:
    """A level box (with its cards) or a free card, kept apart from the others as a whole;
    ``height`` is where the spec puts it on the hard axis."""

    __slots__ = ("box", "fixed", "height", "level_id", "members", "rank")

    def __init__(
        self,
        level_id: str | None,
        members: list[int],
        box: Box,
        height: float,
        rank: int,
        fixed: bool,
    ) -> None:
        self.level_id, self.members, self.box = level_id, members, box
        self.height, self.rank, self.fixed = height, rank, fixed


class _Placer:
    """The state of one placement: cards, the scale and warps, and the items being separated."""

    def __init__(
        self,
        m: SkillsMap,
        cards: list[Card],
        pairs: list[tuple[int, int]],
        metrics: Metrics,
        plot: tuple[float, float] | None,
    ) -> None:
        self.m, self.cards, self.metrics = m, cards, metrics
        self.ux, self.uy = _scale(m, cards, metrics) if plot is None else _fit_scale(m, plot)
        self.explicit = {lv.id: lv for lv in m.levels if lv.box is not None}
        for a, b in pairs:
            cards[a].neighbours.add(b)
            cards[b].neighbours.add(a)
        self.span = (
            self.ux * (m.axes.soft.max - m.axes.soft.min),
            self.uy * (m.axes.hard.max - m.axes.hard.min),
        )
        linear = [self.to_px(c.role.soft, c.role.hard) for c in cards]
        self.wx, self.wy = self._warps(linear)
        for c, (x, y) in zip(cards, linear, strict=True):
            c.want = (self.wx(x), self.wy(y))
            c.x, c.y = c.want

    def to_px(self, s: float, h: float) -> Point:
        soft, hard = self.m.axes.soft, self.m.axes.hard
        return ((s - soft.min) * self.ux, (hard.max - h) * self.uy)

    def _warps(self, linear: list[Point]) -> tuple[Warp, Warp]:
        cards, mt = self.cards, self.metrics
        if len(cards) < 2:
            return IDENTITY, IDENTITY
        xs, ys = [p[0] for p in linear], [p[1] for p in linear]
        depth_y = statistics.median(c.h for c in cards) + mt.card_gap
        depth_x = statistics.median(c.w for c in cards) + mt.card_gap
        wx = fit_warp(self.span[0], xs, [c.w for c in cards], ys, depth_y, mt.card_gap)
        wy = fit_warp(self.span[1], ys, [c.h for c in cards], xs, depth_x, mt.card_gap)
        return wx, wy

    def run(self) -> Placement:
        groups = self._groups()
        items, owner = self._items(groups)
        self._separate_cards(items, owner, groups)
        units = self._units(groups)
        self._side_by_side(units)
        self._stack(units)
        for c in self.cards:
            c.x, c.y = round(c.x, 2), round(c.y, 2)
        levels = []
        for u in units:
            if u.level_id is not None:
                label = _level_label(self.m, u.level_id)
                rounded = _rounded(u.box)
                levels.append(
                    LevelBox(u.level_id, label, rounded, label_box(rounded, label, self.metrics))
                )
        return Placement(
            self.cards,
            levels,
            (self.ux, self.uy),
            self._displacements(levels),
            self._grown(units),
        )

    # -- cards ---------------------------------------------------------------------------

    def _groups(self) -> dict[str | None, list[int]]:
        """Card indices by level (``None``: cards without a known level), in level order.

        A card without a level that the spec puts among a level's roles joins that level's
        group (see :meth:`_host`): it is placed, and boxed, with them.
        """
        level_ids = [lv.id for lv in self.m.levels]
        known = set(level_ids)
        groups: dict[str | None, list[int]] = {lid: [] for lid in level_ids}
        groups[None] = []
        for i, c in enumerate(self.cards):
            groups[c.role.level if c.role.level in known else None].append(i)
        heights = {
            lid: (min(hs), max(hs))
            for lid, members in groups.items()
            if lid is not None and (hs := [self.cards[k].role.hard for k in members])
        }
        hosts = {i: self._host(i, heights) for i in groups[None]}
        for i, host in hosts.items():
            if host is not None:
                groups[host].append(i)
        groups[None] = [i for i in groups[None] if hosts[i] is None]
        self.group_of = {i: lid for lid, members in groups.items() for i in members}
        return groups

    def _host(self, i: int, heights: dict[str, tuple[float, float]]) -> str | None:
        """The level whose box must hold card ``i`` (which has no level) to keep the order;
        ``heights`` holds each level's lowest and highest ``hard`` among its roles.

        Inside an explicit box's spec rectangle, that box. A fitted level with roles
        ``ORDER_GAP`` of the hard axis above the card's and roles as far below: that level,
        since stacked above or below the box the card would swap with some of them, and beside
        it, stacking keeps one order per pair of units, not the card between the two.
        """
        role = self.cards[i].role
        need = ORDER_GAP * _range(self.m, 1)
        for lv in self.m.levels:
            if lv.box is not None:
                (s0, s1), (h0, h1) = lv.box.soft, lv.box.hard
                if s0 <= role.soft <= s1 and h0 <= role.hard <= h1:
                    return lv.id
            elif lv.id in heights:
                low, high = heights[lv.id]
                if high >= role.hard + need and low <= role.hard - need:
                    return lv.id
        return None

    def _items(self, groups: dict[str | None, list[int]]) -> tuple[list[Item], list[list[int]]]:
        """One item per cluster of cards at (almost) one point, or per lone card."""
        items: list[Item] = []
        owner: list[list[int]] = []  # the cards of each item
        tol = (self.span[0] * CLUSTER, self.span[1] * CLUSTER)
        for members in groups.values():
            for cluster in _clusters(self.cards, members, tol):
                items.append(self._cluster_item(cluster))
                owner.append(cluster)
        return items, owner

    def _cluster_item(self, cluster: list[int]) -> Item:
        cards, mt = self.cards, self.metrics
        cx = sum(cards[i].x for i in cluster) / len(cluster)
        cy = sum(cards[i].y for i in cluster) / len(cluster)
        if len(cluster) == 1:
            c = cards[cluster[0]]
            return Item(c.w, c.h, cx, cy, [(c.role.soft, c.role.hard, 0.0, 0.0)])
        inside = set(cluster)
        joined = any(n in inside for i in cluster for n in cards[i].neighbours)
        gap = mt.shaft_gap if joined else mt.card_gap
        cell_w = max(cards[i].w for i in cluster) + gap
        cell_h = max(cards[i].h for i in cluster) + gap
        cols = max(1, math.ceil(math.sqrt(len(cluster) * cell_h / cell_w)))
        rows = math.ceil(len(cluster) / cols)
        members = []
        for k, i in enumerate(cluster):
            # read like the map: from the bottom-left, left to right, then upwards
            row, col = divmod(k, cols)
            dx, dy = (col - (cols - 1) / 2) * cell_w, ((rows - 1) / 2 - row) * cell_h
            members.append((cards[i].role.soft, cards[i].role.hard, dx, dy))
        w, h = cols * cell_w - gap, rows * cell_h - gap
        return Item(w, h, cx, cy, members, float(len(cluster)))

    def _separate_cards(
        self, items: list[Item], owner: list[list[int]], groups: dict[str | None, list[int]]
    ) -> None:
        """Cards apart: x over all levels, then y per level, each explicit box holding its own."""
        cards, mt = self.cards, self.metrics
        item_of = {i: k for k, own in enumerate(owner) for i in own}
        joined = {
            (min(item_of[a], item_of[b]), max(item_of[a], item_of[b]))
            for a, c in enumerate(cards)
            for b in c.neighbours
        }

        def clearance(p: int, q: int) -> float:
            return mt.shaft_gap if (min(p, q), max(p, q)) in joined else mt.card_gap

        by_level: dict[str | None, list[int]] = defaultdict(list)
        for k, own in enumerate(owner):
            by_level[self.group_of[own[0]]].append(k)
        level_items = [by_level[lid] for lid in groups if by_level.get(lid)]
        inner = {lid: self._inner(self.explicit[lid]) for lid in groups if lid in self.explicit}
        walls_x = [
            Wall(tuple(by_level[lid]), b.x0, b.x1) for lid, b in inner.items() if by_level.get(lid)
        ]
        walls_y = [
            Wall(tuple(by_level[lid]), b.y0, b.y1) for lid, b in inner.items() if by_level.get(lid)
        ]
        everything = [list(range(len(items)))]
        gaps = (ORDER_GAP * _range(self.m, 0), ORDER_GAP * _range(self.m, 1))
        solve_axis(items, level_items, True, clearance, mt.shaft_gap, gaps[0], walls_x, everything)
        solve_axis(items, level_items, False, clearance, mt.shaft_gap, gaps[1], walls_y)
        for it, own in zip(items, owner, strict=True):
            for i, (_, _, dx, dy) in zip(own, it.members, strict=True):
                cards[i].x, cards[i].y = it.x + dx, it.y + dy

    def _inner(self, level: Level) -> Box:
        """Where an explicit box's cards may sit: inside its padding, under its label band."""
        b, pad = self._explicit_box(level), self.metrics.level_pad
        top = b.y0 + pad + label_band(self.metrics)
        return Box(b.x0 + pad, min(top, b.cy), b.x1 - pad, max(b.y1 - pad, min(top, b.cy)))

    # -- level boxes ---------------------------------------------------------------------

    def _units(self, groups: dict[str | None, list[int]]) -> list[_Unit]:
        units: list[_Unit] = []
        for rank, lv in enumerate(self.m.levels):
            members = groups.get(lv.id, [])
            if not members and lv.id not in self.explicit:
                continue
            box = self._group_box(lv.id, members)
            if lv.id in self.explicit:
                height = sum(lv.box.hard) / 2 if lv.box is not None else 0.0
            else:
                height = 0.0
            own = [i for i in members if self.cards[i].role.level == lv.id]
            if own:
                height = statistics.fmean(self.cards[i].role.hard for i in own)
            units.append(_Unit(lv.id, members, box, height, rank, lv.id in self.explicit))
        for i in groups.get(None, []):
            c = self.cards[i]
            units.append(_Unit(None, [i], c.box, c.role.hard, len(units) + 10**6, False))
        return units

    def _side_by_side(self, units: list[_Unit]) -> None:
        """Move apart horizontally the units the spec puts side by side rather than stacked.

        Two overlapping units are side by side when they are further apart horizontally than
        vertically, for the room they need (then stacking them would move one a long way up or
        down); they keep their left/right order, and every two of their roles ``ORDER_GAP`` of
        the soft axis apart keep theirs (when two units' roles ask for both orders, the first
        asked, in left-to-right order of the units, wins).
        """
        entries = [
            sorted((-self.cards[i].role.soft, self.cards[i].x - u.box.cx) for i in u.members)
            for u in units
        ]
        need = ORDER_GAP * _range(self.m, 0)
        hards = [sorted((self.cards[i].role.hard, 0.0) for i in u.members) for u in units]
        beside: list[tuple[int, int]] = []
        needed: set[tuple[int, int]] = set()  # pairs that stacking would swap
        overlapping = set(self._overlapping(units))
        for a, b in self._overlapping(units, vertical=False):
            ua, ub = units[a], units[b]
            gap = self._unit_gap(ua, ub)
            need_w, need_h = (ua.box.w + ub.box.w) / 2 + gap, (ua.box.h + ub.box.h) / 2 + gap
            dx, dy = abs(ua.box.cx - ub.box.cx), abs(ua.box.cy - ub.box.cy)
            left, right = (a, b) if (ua.box.cx, ua.rank) < (ub.box.cx, ub.rank) else (b, a)
            # side by side only if no role of the right one is clearly left of one of the other
            if _order_gap(entries[right], entries[left], need) is not None:
                continue
            if self._stacking_swaps(units, hards, a, b):
                needed.add((left, right))
            if (left, right) in needed or ((a, b) in overlapping and dx * need_h > dy * need_w):
                beside.append((left, right))
        if not beside:
            return
        shifts, kept = self._beside_rounds(units, beside, needed, entries, need, False)
        if needed - kept:  # carry along the units whose roles interleave with a moved one's
            linked = self._beside_rounds(units, beside, needed, entries, need, True)
            if linked[0] is not None and len(needed & linked[1]) > len(needed & kept):
                shifts = linked[0]
        if shifts is None:
            return
        for u, dx in zip(units, shifts, strict=True):
            u.box = u.box.shift(dx, 0.0)
            for i in u.members:
                self.cards[i].x += dx

    def _beside_rounds(
        self,
        units: list[_Unit],
        beside: list[tuple[int, int]],
        needed: set[tuple[int, int]],
        entries: list[list[tuple[float, float]]],
        need: float,
        linked: bool,
    ) -> tuple[list[float] | None, set[tuple[int, int]]]:
        """Each unit's shift in x that keeps ``beside`` pairs apart with no two roles out of
        soft order, and the pairs kept; pairs whose shifts would swap roles are given up, the
        optional ones first (None when even that fails)."""
        unit_of = {i: k for k, u in enumerate(units) for i in u.members}
        pinned: set[int] = set()
        for _ in range(BESIDE_ROUNDS):
            if not beside:
                return None, set()
            shifts = self._beside_shifts(units, beside, entries, need, pinned, linked)
            swapped = _swaps_soft(self.cards, units, shifts, need)
            if swapped is None:
                return shifts, self._apart(units, beside, shifts)
            # two roles would swap (their units' roles interleave): stack those units if
            # stacking keeps them in order, else keep them where they are, else stack them
            culprits = {unit_of[i] for i in swapped}
            dropped = [p for p in beside if culprits.intersection(p)]
            optional = [p for p in dropped if p not in needed]
            if not optional and not culprits <= pinned:
                pinned |= culprits
                continue
            if not dropped:  # moved by the pairs around them: give up the optional ones first
                dropped = [p for p in beside if p not in needed] or beside
            beside = [p for p in beside if p not in (optional or dropped)]
        return None, set()

    def _apart(
        self, units: list[_Unit], beside: list[tuple[int, int]], shifts: list[float]
    ) -> set[tuple[int, int]]:
        """The ``beside`` pairs that ``shifts`` really set apart (a pair within one linked
        group moves as one and stays where it was)."""
        out = set()
        for left, right in beside:
            ul, ur = units[left], units[right]
            need = (ul.box.w + ur.box.w) / 2 + self._unit_gap(ul, ur) - TOUCH
            if (ur.box.cx + shifts[right]) - (ul.box.cx + shifts[left]) >= need:
                out.add((left, right))
        return out

    def _beside_shifts(
        self,
        units: list[_Unit],
        beside: list[tuple[int, int]],
        entries: list[list[tuple[float, float]]],
        need: float,
        pinned: set[int],
        linked: bool = False,
    ) -> list[float]:
        """How far each unit moves in x to keep the ``beside`` pairs apart, in soft order
        (``pinned`` units, heavy, move as little as they can); if ``linked``, units whose
        roles interleave in soft order (some ``need`` left of the other's, some right) move
        as one."""
        order = sorted(range(len(units)), key=lambda k: (units[k].box.cx, units[k].rank))
        gaps: dict[tuple[int, int], float] = {}
        dag = _Dag(len(units))
        for left, right in beside:
            dag.add(left, right)
            ul, ur = units[left], units[right]
            gaps[(left, right)] = (ul.box.w + ur.box.w) / 2 + self._unit_gap(ul, ur)
        self._order_evidence(order, entries, need, dag, gaps, [u.level_id is None for u in units])
        if linked:
            return self._solve_linked(units, gaps, pinned, _links(entries, need, beside))
        xs = self._solve_units([u.box.cx for u in units], units, gaps, pinned)
        return [x - u.box.cx for u, x in zip(units, xs, strict=True)]

    def _solve_linked(
        self,
        units: list[_Unit],
        gaps: dict[tuple[int, int], float],
        pinned: set[int],
        link: list[int],
    ) -> list[float]:
        """Each unit's shift when the units of one ``link`` group share theirs: ``gaps``
        between units of two groups become gaps between the groups' shifts (those within a
        group, or closing a cycle of groups, are dropped)."""
        groups = sorted(set(link))
        at = {g: k for k, g in enumerate(groups)}
        weights = [0.0] * len(groups)
        for k, w in enumerate(_weights(units, pinned)):
            weights[at[link[k]]] += w
        dag = _Dag(len(groups))
        between: dict[tuple[int, int], float] = {}
        for (a, b), g in gaps.items():  # side-by-side pairs first, as they were added
            ga, gb = at[link[a]], at[link[b]]
            gap = g - (units[b].box.cx - units[a].box.cx)
            if ga != gb and ((ga, gb) in between or dag.add(ga, gb, False)):
                between[(ga, gb)] = max(between.get((ga, gb), gap), gap)
        cons = [Constraint(a, b, g) for (a, b), g in sorted(between.items())]
        moved = solve([0.0] * len(groups), weights, cons)
        return [moved[at[link[k]]] for k in range(len(units))]

    def _stacking_swaps(
        self, units: list[_Unit], hards: list[list[tuple[float, float]]], a: int, b: int
    ) -> bool:
        """True if stacking units ``a`` and ``b`` would swap two of their roles ``ORDER_GAP``
        of the hard axis apart: two boxes in level order (higher roles above), or a free card
        on either side of a box."""
        need = ORDER_GAP * _range(self.m, 1)
        if units[a].level_id is not None and units[b].level_id is not None:
            up, down = (a, b) if units[a].height >= units[b].height else (b, a)
            return _contradicts(hards[up], hards[down], need)
        return _contradicts(hards[a], hards[b], need) and _contradicts(hards[b], hards[a], need)

    def _order_evidence(
        self,
        order: list[int],
        entries: list[list[tuple[float, float]]],
        need: float,
        dag: _Dag,
        gaps: dict[tuple[int, int], float],
        free: list[bool],
        moved: frozenset[int] = frozenset(),
    ) -> None:
        """Add to ``gaps`` what keeps roles ``need`` apart in order, between units in ``order``
        (not between two ``free`` cards, which spreading the cards kept in order, unless one
        of them is ``moved``: kept apart from a box).

        For two units, the one first in ``order`` goes first if its roles ask it, else the other
        if its roles ask it and that closes no cycle in ``dag``.
        """
        pos = {k: n for n, k in enumerate(order)}
        boxes = [k for k in order if not free[k] or k in moved]
        for n, a in enumerate(order):
            # two free cards were kept in order when cards were spread: only pairs with a box
            # or a free card a box moved
            later = (
                order[n + 1 :] if not free[a] or a in moved else [b for b in boxes if pos[b] > n]
            )
            for b in later:
                if free[a] and free[b] and a not in moved and b not in moved:
                    continue
                for first, second in ((a, b), (b, a)):
                    g = _order_gap(entries[first], entries[second], need)
                    if g is not None and (
                        (first, second) in gaps or dag.add(first, second, first == a)
                    ):
                        gaps[(first, second)] = max(gaps.get((first, second), g), g)
                        break

    def _solve_units(
        self,
        desired: list[float],
        units: list[_Unit],
        gaps: dict[tuple[int, int], float],
        pinned: set[int] | None = None,
    ) -> list[float]:
        weights = _weights(units, pinned or set())
        return solve(desired, weights, [Constraint(a, b, g) for (a, b), g in sorted(gaps.items())])

    def _stack(self, units: list[_Unit]) -> None:
        """Keep units apart vertically, in level order, moving each as a whole.

        Two units whose boxes overlap horizontally are kept apart in level order; any two are
        kept so that their roles ``ORDER_GAP`` of the hard axis apart stay in order, unless that
        order contradicts the levels' (then the level order wins).
        """
        cards = self.cards
        # level order; units the spec puts at one height keep their current order
        order = sorted(
            range(len(units)), key=lambda k: (-units[k].height, units[k].box.cy, units[k].rank)
        )
        place_of = {k: n for n, k in enumerate(order)}
        entries = [
            sorted((cards[i].role.hard, cards[i].y - u.box.cy) for i in u.members) for u in units
        ]
        free = [u.level_id is None for u in units]
        need = ORDER_GAP * _range(self.m, 1)
        dag = _Dag(len(units))
        gaps: dict[tuple[int, int], float] = {}
        for a, b in self._overlapping(units, vertical=False):
            hi, lo = (a, b) if place_of[a] < place_of[b] else (b, a)
            # a free card goes to the side of a box that keeps its roles' order, if one does
            flip = (free[hi] or free[lo]) and (
                _contradicts(entries[hi], entries[lo], need)
                and not _contradicts(entries[lo], entries[hi], need)
            )
            if flip and dag.add(lo, hi, forward=False):
                hi, lo = lo, hi
            elif not dag.add(hi, lo):  # lo is already above hi, through a flipped pair
                dag.add(lo, hi, forward=False)
                hi, lo = lo, hi
            gaps[(hi, lo)] = (units[hi].box.h + units[lo].box.h) / 2 + self._unit_gap(
                units[a], units[b]
            )
        # a is first in level order: its roles above b's, or b's above a's, if the levels
        # allow it (a pair of units can only keep one of the two)
        moved = frozenset(k for pair in gaps for k in pair if free[k])
        self._order_evidence(order, entries, need, dag, gaps, free, moved)
        if not gaps:
            return
        ys = self._solve_units([u.box.cy for u in units], units, gaps)
        for u, y in zip(units, ys, strict=True):
            dy = y - u.box.cy
            u.box = u.box.shift(0.0, dy)
            for i in u.members:
                cards[i].y += dy

    def _overlapping(self, units: list[_Unit], vertical: bool = True) -> list[tuple[int, int]]:
        """Pairs of units whose boxes overlap horizontally (and, if ``vertical``, vertically),
        counting the gap they keep."""
        out = []
        by_x0 = sorted(range(len(units)), key=lambda k: (units[k].box.x0, k))
        widest = max(self.metrics.level_gap, self.metrics.shaft_gap)
        for n, a in enumerate(by_x0):
            for b in by_x0[n + 1 :]:
                ua, ub = units[a], units[b]
                if ub.box.x0 >= ua.box.x1 + widest:
                    break
                gap = self._unit_gap(ua, ub) - TOUCH
                if ub.box.x0 < ua.box.x1 + gap and (
                    not vertical or (ua.box.y0 < ub.box.y1 + gap and ub.box.y0 < ua.box.y1 + gap)
                ):
                    out.append((a, b))
        return out

    def _unit_gap(self, a: _Unit, b: _Unit) -> float:
        """The px two units keep: ``level_gap`` (none between two explicit boxes, which may
        touch), or more when a move joins their cards, so its arrow keeps ``shaft_gap``."""
        mt = self.metrics
        inside = set(b.members)
        joined = any(n in inside for i in a.members for n in self.cards[i].neighbours)
        pads = (a.level_id is not None) + (b.level_id is not None)
        base = 0.0 if a.fixed and b.fixed else mt.level_gap if pads else mt.card_gap
        return max(base, mt.shaft_gap - pads * mt.level_pad) if joined else base

    def _explicit_box(self, level: Level) -> Box:
        assert level.box is not None
        x0, y0 = self.to_px(level.box.soft[0], level.box.hard[1])
        x1, y1 = self.to_px(level.box.soft[1], level.box.hard[0])
        return Box(self.wx(x0), self.wy(y0), self.wx(x1), self.wy(y1))

    def _group_box(self, level_id: str, members: list[int]) -> Box:
        """The box drawn around a level: its cards with padding and a label band, wide enough
        for the label; an explicit box is the spec's box, grown to that if too small."""
        metrics = self.metrics
        given = self._explicit_box(self.explicit[level_id]) if level_id in self.explicit else None
        if members:
            b = self.cards[members[0]].box
            for i in members[1:]:
                b = b.union(self.cards[i].box)
            pad = metrics.level_pad
            b = Box(b.x0 - pad, b.y0 - pad - label_band(metrics), b.x1 + pad, b.y1 + pad)
        else:
            # an explicit box without roles: the spec's box, at least tall enough for its label
            assert given is not None
            b = Box(given.x0, given.y0, given.x1, max(given.y1, given.y0 + label_band(metrics)))
        b = _widen_for_label(b, _level_label(self.m, level_id), metrics)
        if given is not None:
            if given.contains(b):
                return given
            b = b.union(given)
        return b

    # -- reports -------------------------------------------------------------------------

    def _grown(self, units: list[_Unit]) -> tuple[GrownBox, ...]:
        out = []
        for u in units:
            if u.level_id is None or u.level_id not in self.explicit:
                continue
            given = self._explicit_box(self.explicit[u.level_id])
            wider, taller = u.box.w - given.w, u.box.h - given.h
            if wider > GROWN_MIN or taller > GROWN_MIN:
                out.append(
                    GrownBox(
                        u.level_id,
                        round(max(wider, 0.0) / self.ux, 1),
                        round(max(taller, 0.0) / self.uy, 1),
                    )
                )
        return tuple(out)

    def _displacements(self, levels: list[LevelBox]) -> tuple[Displacement, ...]:
        """Cards whose place within the map no longer reads as their coordinates.

        The axes carry no ticks: a reader places a card by where it sits between the map's
        leftmost and rightmost (lowest and highest) cards. A card misleads when that share,
        drawn, differs from its coordinates' share by more than ``FAR_SHARE``; the distance is
        that difference in axis units.
        """
        cards = self.cards
        if len(cards) < 2:
            return ()
        softs, hards = _extent([c.role.soft for c in cards]), _extent([c.role.hard for c in cards])
        xs, ys = _extent([c.x for c in cards]), _extent([-c.y for c in cards])
        out: list[Displacement] = []
        for i, c in enumerate(cards):
            ds = _share(c.x, xs) - _share(c.role.soft, softs)
            dh = _share(-c.y, ys) - _share(c.role.hard, hards)
            if max(abs(ds), abs(dh)) <= FAR_SHARE:
                continue
            if abs(ds) >= abs(dh):
                distance, direction = abs(ds) * (softs[1] - softs[0]), "right" if ds > 0 else "left"
            else:
                distance, direction = abs(dh) * (hards[1] - hards[0]), "up" if dh > 0 else "down"
            out.append(
                Displacement(c.role.id, round(distance, 1), self._avoided(i, levels), direction)
            )
        return tuple(out)

    def _avoided(self, i: int, levels: list[LevelBox]) -> str | None:
        """What took a card's spot: another level's box there, else the card nearest to it."""
        c = self.cards[i]
        for lv in levels:
            if lv.level_id != c.role.level and lv.box.contains_point(c.want):
                return pushed_by_level(lv.level_id)
        others = [(o.box.distance_to_point(c.want), k) for k, o in enumerate(self.cards) if k != i]
        if not others:
            return None
        return pushed_by_role(self.cards[min(others)[1]].role.id)


class _Dag:
    """Edges between nodes kept acyclic: an edge closing a cycle is refused.

    Edges that go forwards in one fixed order (``forward``) cannot close a cycle among
    themselves, so while there are only such edges they are added unchecked; any other edge,
    and every edge once there is one (a forward edge can close a cycle through it), is checked
    by a search from its head.
    """

    def __init__(self, n: int) -> None:
        self.out: list[list[int]] = [[] for _ in range(n)]
        self.mixed = False  # some edge goes backwards

    def add(self, a: int, b: int, forward: bool = True) -> bool:
        """Add a -> b unless b already reaches a; True if the edge is (now) there."""
        if (self.mixed or not forward) and self.reaches(b, a):
            return False
        self.mixed = self.mixed or not forward
        self.out[a].append(b)
        return True

    def reaches(self, start: int, goal: int) -> bool:
        seen, stack = {start}, [start]
        while stack:
            v = stack.pop()
            if v == goal:
                return True
            for u in self.out[v]:
                if u not in seen:
                    seen.add(u)
                    stack.append(u)
        return False


def _weights(units: list[_Unit], pinned: set[int]) -> list[float]:
    """How hard each unit resists moving: an explicit box or a ``pinned`` unit a lot, any
    other by its number of cards."""
    return [
        BOX_WEIGHT if u.fixed or k in pinned else float(max(1, len(u.members)))
        for k, u in enumerate(units)
    ]


def _links(
    entries: list[list[tuple[float, float]]], need: float, beside: list[tuple[int, int]]
) -> list[int]:
    """For each unit, the least index of the units linked to it, transitively: two units are
    linked when each has a role ``need`` left of one of the other's (moving one alone would
    put a pair out of order), unless they are to stand side by side. One of two such units has
    two roles or more, so only those are compared with all: O(boxes x units)."""
    sets = DisjointSets(len(entries))
    apart = set(beside) | {(b, a) for a, b in beside}
    spans = {a for a, e in enumerate(entries) if len(e) > 1}  # a lone role interleaves with none
    for a in sorted(spans):
        for b in range(len(entries)):
            if (a, b) in apart or a == b or (b in spans and b < a):
                continue
            if _order_gap(entries[a], entries[b], need) is not None and (
                _order_gap(entries[b], entries[a], need) is not None
            ):
                sets.join(a, b)
    return [sets.root(i) for i in range(len(entries))]


def _swaps_soft(
    cards: list[Card], units: list[_Unit], shifts: list[float], need: float
) -> tuple[int, int] | None:
    """Two cards whose roles are ``need`` apart on the soft axis that moving each unit by its
    shift in x would put out of left/right order, or None (a sweep in soft order: O(n log n))."""
    x = [0.0] * len(cards)
    for u, dx in zip(units, shifts, strict=True):
        for i in u.members:
            x[i] = cards[i].x + dx
    by_soft = sorted(range(len(cards)), key=lambda i: cards[i].role.soft)
    rightmost, behind, who = -math.inf, 0, -1
    for i in by_soft:
        while cards[by_soft[behind]].role.soft <= cards[i].role.soft - need:
            if x[by_soft[behind]] > rightmost:
                rightmost, who = x[by_soft[behind]], by_soft[behind]
            behind += 1
        if x[i] < rightmost:
            return who, i
    return None


def _contradicts(
    upper: list[tuple[float, float]], lower: list[tuple[float, float]], need: float
) -> bool:
    """True if some role of the lower unit is ``need`` or more above one of the upper unit's
    (entries as for :func:`_order_gap`, sorted by hard)."""
    return bool(upper and lower) and lower[-1][0] >= upper[0][0] + need


def _order_gap(
    upper: list[tuple[float, float]], lower: list[tuple[float, float]], need: float
) -> float | None:
    """The least distance from an upper unit's centre down to a lower one's that keeps every
    two of their roles ``need`` apart on the hard axis in order; None if no pair is that far.

    Entries are (hard, offset of the card's centre from its unit's centre, px down), sorted.
    """
    lowest: list[float] = []  # the smallest offset among lower entries up to each hard value
    for _, off in lower:
        lowest.append(off if not lowest else min(lowest[-1], off))
    values = [h for h, _ in lower]
    best: float | None = None
    for hard, off in upper:
        k = bisect.bisect_right(values, hard - need) - 1
        if k >= 0:
            g = off - lowest[k]
            best = g if best is None else max(best, g)
    return best


def _extent(values: list[float]) -> tuple[float, float]:
    return min(values), max(values)


def _share(v: float, extent: tuple[float, float]) -> float:
    """Where ``v`` lies between the ends of ``extent``, 0 to 1 (0.5 for a point extent)."""
    lo, hi = extent
    return 0.5 if hi - lo <= 1e-9 else (v - lo) / (hi - lo)


def _range(m: SkillsMap, axis: int) -> float:
    """The spec length of the soft (0) or hard (1) axis."""
    a = m.axes.soft if axis == 0 else m.axes.hard
    return a.max - a.min


def _scale(m: SkillsMap, cards: list[Card], metrics: Metrics) -> tuple[float, float]:
    """Px per soft and per hard unit: the theme's unit, grown when cards would crowd the map."""
    area = sum((c.w + metrics.card_gap) * (c.h + metrics.card_gap) for c in cards)
    base = metrics.unit_width * 10 * metrics.unit_height * 10
    grow = max(1.0, math.sqrt(DENSITY * area / base))
    ux = metrics.unit_width * 10 * grow / _range(m, 0)
    uy = metrics.unit_height * 10 * grow / _range(m, 1)
    return ux, uy


def _fit_scale(m: SkillsMap, plot: tuple[float, float]) -> tuple[float, float]:
    """Px per soft and per hard unit that make the axes span ``plot`` (at least 1 px each)."""
    return max(plot[0], 1.0) / _range(m, 0), max(plot[1], 1.0) / _range(m, 1)


def _clusters(cards: list[Card], members: list[int], tol: tuple[float, float]) -> list[list[int]]:
    """``members`` grouped into runs of cards wanting (almost) one point, in spec order.

    Cards within ``tol`` (px along x, along y) of each other are joined, transitively; a scan
    in x order compares each card with those less than ``tol[0]`` to its left.
    """
    by_x = sorted(members, key=lambda i: (cards[i].x, i))
    local = {i: k for k, i in enumerate(sorted(members))}  # in card order, as groups are named
    sets = DisjointSets(len(members))
    start = 0
    for n, i in enumerate(by_x):
        while cards[i].x - cards[by_x[start]].x > tol[0]:
            start += 1
        for j in by_x[start:n]:
            if abs(cards[i].y - cards[j].y) <= tol[1]:
                sets.join(local[i], local[j])
    runs: dict[int, list[int]] = defaultdict(list)
    for i in members:
        runs[sets.root(local[i])].append(i)
    return [runs[k] for k in sorted(runs)]


def _widen_for_label(b: Box, label: str, metrics: Metrics) -> Box:
    """``b`` widened for its label, up to ``level_label_max``: a longer label is shortened."""
    width = (
        min(text_width(label, metrics.level_label_size, "bold"), metrics.level_label_max)
        + 2 * metrics.level_label_inset
    )
    if b.w >= width:
        return b
    extra = (width - b.w) / 2
    return Box(b.x0 - extra, b.y0, b.x1 + extra, b.y1)


def _level_label(m: SkillsMap, level_id: str) -> str:
    return next(lv.text for lv in m.levels if lv.id == level_id)


def _rounded(b: Box) -> Box:
    return Box(round(b.x0, 2), round(b.y0, 2), round(b.x1, 2), round(b.y1, 2))
