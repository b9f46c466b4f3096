"""Where the cards go: placed at their coordinates, spread apart, and level boxes kept apart.

Positions are map px (y down, origin at the axes' minimum soft and maximum hard value); the
canvas shift comes later (:mod:`skillsmap.layout.canvas`). Cards are spread within their level
first, then each level box (or free card) is moved as a whole; the order of cards and boxes the
spec puts clearly apart is kept (:mod:`skillsmap.layout.separate`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from skillsmap.fonts import text_width
from skillsmap.layout.cards import Card
from skillsmap.layout.geometry import Box, Point
from skillsmap.layout.plan import Displacement
from skillsmap.layout.separate import Item, separate
from skillsmap.model import Level, SkillsMap
from skillsmap.theme import Metrics
from skillsmap.words import pushed_by_level, pushed_by_role

DENSITY = 5.0  # plot area per unit of card area on crowded maps
FAR = 1.0  # displacement, in axis units, past which a card's move is reported
PILE = 3.0  # px: cards wanting points closer than this (same grid cell) form a pile
FIT_ROUNDS = 4  # spread-and-clamp rounds that keep cards inside an explicit box
LABEL_TOP = 4.0  # px between a level box's top and its label band's top
LABEL_BOTTOM = 2.0  # px kept free under the label band

ToPx = Callable[[float, float], Point]
Unit = tuple[str | None, list[int]]  # a level (or None for one free card) and its cards


@dataclass(frozen=True, slots=True)
class LevelBox:
    """A level's box and the band at its top-left corner kept for its label, in map px."""

    level_id: str
    label: str
    box: Box
    label_box: Box


@dataclass(frozen=True, slots=True)
class Placement:
    """Cards where they ended, the level boxes, px per axis unit, and cards moved far."""

    cards: list[Card]
    levels: list[LevelBox]
    scale: tuple[float, float]
    displaced: tuple[Displacement, ...]


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
    m: SkillsMap, cards: list[Card], pairs: list[tuple[int, int]], metrics: Metrics
) -> Placement:
    """Place ``cards`` (one per role of ``m``, in order) joined by ``pairs`` of card indices."""
    return _Placer(m, cards, pairs, metrics).run()


class _Placer:
    """The state of one placement: cards, the px scale, and who pushed each card how far."""

    def __init__(
        self, m: SkillsMap, cards: list[Card], pairs: list[tuple[int, int]], metrics: Metrics
    ) -> None:
        self.m, self.cards, self.metrics = m, cards, metrics
        self.ux, self.uy = _scale(m, cards, metrics)
        self.explicit = {lv.id: lv for lv in m.levels if lv.box is not None}
        # who pushed each card, as "role 'x'" or "level box 'y'", with the distance it caused
        self.pushers: dict[int, dict[str, float]] = defaultdict(dict)
        for c in cards:
            c.want = self.to_px(c.role.soft, c.role.hard)
            c.x, c.y = c.want
        for a, b in pairs:
            cards[a].neighbours.add(b)
            cards[b].neighbours.add(a)

    def to_px(self, s: float, h: float) -> Point:
        soft, hard = self.m.axes.soft, self.m.axes.hard
        return ((s - soft.min) * self.ux, (hard.max - h) * self.uy)

    def run(self) -> Placement:
        groups = self._groups()
        self._spread_levels(groups)
        units, boxes = self._separate_units(groups)
        for c in self.cards:
            c.x, c.y = round(c.x, 2), round(c.y, 2)
        levels = []
        for (lid, _), b in zip(units, boxes, strict=True):
            if lid is not None:
                label = _level_label(self.m, lid)
                rounded = _rounded(b)
                levels.append(
                    LevelBox(lid, label, rounded, label_box(rounded, label, self.metrics))
                )
        return Placement(self.cards, levels, (self.ux, self.uy), self._displacements())

    def _groups(self) -> dict[str | None, list[int]]:
        """Card indices by level (``None``: cards without a known level)."""
        level_ids = {lv.id for lv in self.m.levels}
        groups: dict[str | None, list[int]] = defaultdict(list)
        for i, c in enumerate(self.cards):
            groups[c.role.level if c.role.level in level_ids else None].append(i)
        return groups

    def _spread(self, members: list[int]) -> None:
        """Push the cards ``members`` apart: card_gap, or shaft_gap between joined cards."""
        cards, metrics = self.cards, self.metrics
        items = [Item(cards[i].w, cards[i].h, cards[i].x, cards[i].y) for i in members]

        def need(p: int, q: int) -> float:
            joined = members[q] in cards[members[p]].neighbours
            return metrics.shaft_gap if joined else metrics.card_gap

        separate(items, need, metrics.shaft_gap)
        for k, it in enumerate(items):
            cards[members[k]].x, cards[members[k]].y = it.x, it.y
            for other, d in (it.pushed_by or {}).items():
                self.pushers[members[k]][pushed_by_role(cards[members[other]].role.id)] = d

    def _spread_levels(self, groups: dict[str | None, list[int]]) -> None:
        """Spread cards inside each level (free cards together as one group).

        In an explicit box they are first kept inside it, then spread freely once more: if they
        do not fit, the box grows around them rather than letting them overlap or spill out.
        """
        for level_id, members in sorted(
            groups.items(), key=lambda kv: (kv[0] is None, kv[0] or "")
        ):
            _unpile(self.cards, members, self.metrics, self.pushers)
            if level_id in self.explicit:
                self._fit_inside(members, self._explicit_box(self.explicit[level_id]))
                self._spread(members)
            elif level_id is not None or len(members) > 1:
                self._spread(members)

    def _fit_inside(self, members: list[int], box: Box) -> None:
        pad = self.metrics.level_pad
        inner = Box(
            box.x0 + pad, box.y0 + pad + label_band(self.metrics), box.x1 - pad, box.y1 - pad
        )
        for _ in range(FIT_ROUNDS):
            self._spread(members)
            for i in members:
                c = self.cards[i]
                c.x = min(max(c.x, inner.x0 + c.w / 2), max(inner.x1 - c.w / 2, inner.cx))
                c.y = min(max(c.y, inner.y0 + c.h / 2), max(inner.y1 - c.h / 2, inner.cy))

    def _units(self, groups: dict[str | None, list[int]]) -> list[Unit]:
        units: list[Unit] = [
            (lv.id, groups.get(lv.id, []))
            for lv in self.m.levels
            if groups.get(lv.id) or lv.id in self.explicit
        ]
        return units + [(None, [i]) for i in groups.get(None, [])]

    def _separate_units(self, groups: dict[str | None, list[int]]) -> tuple[list[Unit], list[Box]]:
        """Keep level boxes (and free cards) apart, moving each as a whole.

        An explicit box stays where the spec puts it unless it had to grow to hold its cards.
        """
        metrics, cards = self.metrics, self.cards
        units = self._units(groups)
        boxes = [self._group_box(lid, members) for lid, members in units]
        items = [
            Item(b.w, b.h, b.cx, b.cy, fixed=self._is_given(lid, b))
            for (lid, _), b in zip(units, boxes, strict=True)
        ]
        free_pad = metrics.shaft_gap / 2
        for it, (lid, _) in zip(items, units, strict=True):
            if lid is None:
                it.w += 2 * free_pad
                it.h += 2 * free_pad
        start = [(it.x, it.y) for it in items]

        def unit_gap(p: int, q: int) -> float:
            (lp, mp), (lq, mq) = units[p], units[q]
            if lp is None and lq is None:
                # two free cards, spread already: keep what that gave them (their boxes are
                # padded by free_pad, which the gap must not count)
                joined = mq[0] in cards[mp[0]].neighbours
                return (metrics.shaft_gap if joined else metrics.card_gap) - 2 * free_pad
            # explicit boxes never overlap (the spec checks it) but may touch: leave them be
            return 0.0 if items[p].fixed and items[q].fixed else metrics.level_gap

        separate(items, unit_gap, metrics.level_gap)
        for k, (_, members) in enumerate(units):
            dx, dy = items[k].x - start[k][0], items[k].y - start[k][1]
            boxes[k] = boxes[k].shift(dx, dy)
            for i in members:
                cards[i].x += dx
                cards[i].y += dy
                for other_k, d in (items[k].pushed_by or {}).items():
                    who = self._unit_name(units[other_k])
                    self.pushers[i][who] = self.pushers[i].get(who, 0.0) + d
        return units, boxes

    def _unit_name(self, unit: Unit) -> str:
        level_id, members = unit
        if level_id is not None:
            return pushed_by_level(level_id)
        return pushed_by_role(self.cards[members[0]].role.id)

    def _is_given(self, level_id: str | None, box: Box) -> bool:
        return level_id in self.explicit and box == self._explicit_box(self.explicit[level_id])

    def _explicit_box(self, level: Level) -> Box:
        assert level.box is not None
        x0, y0 = self.to_px(level.box.soft[0], level.box.hard[1])
        x1, y1 = self.to_px(level.box.soft[1], level.box.hard[0])
        return Box(x0, y0, x1, y1)

    def _group_box(self, level_id: str | None, members: list[int]) -> Box:
        """The box drawn around a level (or the bare card of a free role).

        A fitted box wraps its cards with padding and a band for the label, and is wide enough
        for the label; an explicit box is the spec's box, grown to that fitted box if too small.
        """
        metrics = self.metrics
        given = self._explicit_box(self.explicit[level_id]) if level_id in self.explicit else None
        if members:
            b = self.cards[members[0]].box
            for i in members[1:]:
                b = b.union(self.cards[i].box)
            if level_id is None:
                return b
            pad = metrics.level_pad
            b = Box(b.x0 - pad, b.y0 - pad - label_band(metrics), b.x1 + pad, b.y1 + pad)
        else:
            # an explicit box without roles: the spec's box, at least tall enough for its label
            assert level_id is not None and given is not None
            b = Box(given.x0, given.y0, given.x1, max(given.y1, given.y0 + label_band(metrics)))
        b = _widen_for_label(b, _level_label(self.m, level_id), metrics)
        if given is not None:
            if given.contains(b):
                return given
            b = b.union(given)
        return b

    def _displacements(self) -> tuple[Displacement, ...]:
        out: list[Displacement] = []
        for i, c in enumerate(self.cards):
            dist = math.hypot((c.x - c.want[0]) / self.ux, (c.y - c.want[1]) / self.uy)
            if dist > FAR:
                top = max(sorted(self.pushers[i].items()), key=lambda kv: kv[1], default=None)
                out.append(Displacement(c.role.id, dist, top[0] if top else None))
        return tuple(out)


def _scale(m: SkillsMap, cards: list[Card], metrics: Metrics) -> tuple[float, float]:
    """Px per soft and per hard unit: the theme's unit, grown when cards would crowd the map."""
    area = sum((c.w + metrics.card_gap) * (c.h + metrics.card_gap) for c in cards)
    base = metrics.unit_width * 10 * metrics.unit_height * 10
    grow = max(1.0, math.sqrt(DENSITY * area / base))
    ux = metrics.unit_width * 10 * grow / (m.axes.soft.max - m.axes.soft.min)
    uy = metrics.unit_height * 10 * grow / (m.axes.hard.max - m.axes.hard.min)
    return ux, uy


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


def _unpile(
    cards: list[Card], members: list[int], metrics: Metrics, pushers: dict[int, dict[str, float]]
) -> None:
    """Lay out cards that share (almost) one point as a small grid centred on it.

    Pushing coincident cards apart can only pick an arbitrary direction, and always the same
    one (cards are wider than tall), so a pile would become one tall column in no particular
    order. A grid keeps the pile compact and in spec order, read like the map: from the
    bottom-left, left to right, then upwards. Each card records the pile's first card (or, for
    that one, the second) as the card it made room for.
    """
    piles: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in members:
        piles[(math.floor(cards[i].x / PILE), math.floor(cards[i].y / PILE))].append(i)
    for pile in piles.values():
        if len(pile) >= 3:
            _grid_pile(cards, pile, metrics, pushers)


def _grid_pile(
    cards: list[Card], pile: list[int], metrics: Metrics, pushers: dict[int, dict[str, float]]
) -> None:
    # cards joined by a move need room for the arrow's shaft: with any move inside the
    # pile every cell gets it, so the grid needs no pushing and stays in order
    inside = set(pile)
    joined = any(n in inside for i in pile for n in cards[i].neighbours)
    gap = metrics.shaft_gap if joined else metrics.card_gap
    cell_w = max(cards[i].w for i in pile) + gap
    cell_h = max(cards[i].h for i in pile) + gap
    cols = max(1, math.ceil(math.sqrt(len(pile) * cell_h / cell_w)))
    rows = math.ceil(len(pile) / cols)
    cx = sum(cards[i].x for i in pile) / len(pile)
    cy = sum(cards[i].y for i in pile) / len(pile)
    for k, i in enumerate(pile):
        c = cards[i]
        row, col = divmod(k, cols)
        x = cx + (col - (cols - 1) / 2) * cell_w
        y = cy + ((rows - 1) / 2 - row) * cell_h
        other = cards[pile[1] if k == 0 else pile[0]].role.id
        pushers[i][pushed_by_role(other)] = math.hypot(x - c.x, y - c.y)
        c.x, c.y = x, y


def _level_label(m: SkillsMap, level_id: str) -> str:
    return next(lv.text for lv in m.levels if lv.id == level_id)


def _rounded(b: Box) -> Box:
    return Box(round(b.x0, 2), round(b.y0, 2), round(b.x1, 2), round(b.y1, 2))
