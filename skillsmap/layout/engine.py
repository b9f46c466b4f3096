"""Where everything goes: cards placed and spread apart, level boxes fitted, moves routed.

The result is :class:`Geometry`, plain data in map px (y down, origin arbitrary) that the
composer turns into a scene and that tests check with a named tolerance.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from skillsmap.fonts import text_width
from skillsmap.layout.cards import Card, make_card
from skillsmap.layout.geometry import Box, Point
from skillsmap.layout.routing import Route, Router
from skillsmap.layout.separate import Item, separate
from skillsmap.model import Box as SpecBox
from skillsmap.model import Level, SkillsMap
from skillsmap.theme import Theme

DENSITY = 5.0  # plot area per unit of card area on crowded maps
FAR = 1.0  # displacement, in axis units, past which a card's move is reported

LABEL_INSET = 12.0  # level label distance from the box's left edge
LABEL_MAX = 240.0  # widest level label a box grows for; longer ones are shortened
PILE = 3.0  # px: cards wanting points closer than this (same grid cell) form a pile

ToPx = Callable[[float, float], Point]


@dataclass(frozen=True, slots=True)
class Displacement:
    """A card that ended far from its coordinates, and the card it mostly made room for."""

    role_id: str
    distance: float
    avoided: str | None


@dataclass(frozen=True, slots=True)
class LevelBox:
    level_id: str
    label: str
    box: Box
    explicit: bool

    def label_box(self, theme: Theme) -> Box:
        """Where the label sits: the box's top-left corner, kept clear of cards and arrows."""
        x = self.box.x0 + LABEL_INSET
        width = min(
            text_width(self.label, theme.level_label_size, "bold"), self.box.w - 2 * LABEL_INSET
        )
        return Box(x, self.box.y0 + 4, x + width, self.box.y0 + _label_band(theme) - 2)


@dataclass(frozen=True, slots=True)
class Geometry:
    cards: list[Card]
    levels: list[LevelBox]
    routes: list[Route]
    scale: tuple[float, float]
    displaced: list[Displacement]

    def card(self, role_id: str) -> Card:
        for c in self.cards:
            if c.role.id == role_id:
                return c
        raise KeyError(role_id)


def _label_band(theme: Theme) -> float:
    return theme.level_label_size + 14


def compute(m: SkillsMap, theme: Theme) -> Geometry:
    """Place, spread, box and route a whole map."""
    soft, hard = m.axes.soft, m.axes.hard
    cards = [make_card(r, (0.0, 0.0), theme) for r in m.roles]
    area = sum((c.w + theme.card_gap) * (c.h + theme.card_gap) for c in cards)
    base = theme.unit_width * 10 * theme.unit_height * 10
    grow = max(1.0, math.sqrt(DENSITY * area / base))
    ux = theme.unit_width * 10 * grow / (soft.max - soft.min)
    uy = theme.unit_height * 10 * grow / (hard.max - hard.min)

    def to_px(s: float, h: float) -> Point:
        return ((s - soft.min) * ux, (hard.max - h) * uy)

    for c in cards:
        c.want = to_px(c.role.soft, c.role.hard)
        c.x, c.y = c.want
    index = {c.role.id: i for i, c in enumerate(cards)}
    pairs = [(index[mv.from_], index[mv.to]) for mv in m.moves]
    for a, b in pairs:
        cards[a].neighbours.add(b)
        cards[b].neighbours.add(a)

    explicit = {lv.id: lv for lv in m.levels if lv.box is not None}
    groups: dict[str | None, list[int]] = defaultdict(list)
    level_ids = {lv.id for lv in m.levels}
    for i, c in enumerate(cards):
        groups[c.role.level if c.role.level in level_ids else None].append(i)

    # who pushed each card, as "role 'x'" or "level box 'y'", with the distance it caused
    pushers: dict[int, dict[str, float]] = defaultdict(dict)

    def spread(members: list[int]) -> None:
        items = [Item(cards[i].w, cards[i].h, cards[i].x, cards[i].y) for i in members]

        def need(p: int, q: int) -> float:
            a, b = members[p], members[q]
            return theme.shaft_gap if b in cards[a].neighbours else theme.card_gap

        separate(items, need, theme.shaft_gap)
        for k, it in enumerate(items):
            cards[members[k]].x, cards[members[k]].y = it.x, it.y
            for other, d in (it.pushed_by or {}).items():
                pushers[members[k]][f"role '{cards[members[other]].role.id}'"] = d

    # 1. spread cards inside each level (free cards together as one group); in an explicit
    # box they are first kept inside it, then spread freely once more: if they do not fit,
    # the box grows around them rather than letting them overlap or spill out
    for level_id, members in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or "")):
        _unpile(cards, members, theme, pushers)
        if level_id in explicit:
            box = _explicit_box(explicit[level_id], to_px)
            inner = Box(
                box.x0 + theme.level_pad,
                box.y0 + theme.level_pad + _label_band(theme),
                box.x1 - theme.level_pad,
                box.y1 - theme.level_pad,
            )
            for _ in range(4):
                spread(members)
                for i in members:
                    c = cards[i]
                    c.x = min(max(c.x, inner.x0 + c.w / 2), max(inner.x1 - c.w / 2, inner.cx))
                    c.y = min(max(c.y, inner.y0 + c.h / 2), max(inner.y1 - c.h / 2, inner.cy))
            spread(members)
        elif level_id is not None or len(members) > 1:
            spread(members)

    # 2. keep level boxes (and free cards) apart, moving each group as a whole; an explicit
    # box stays where the spec puts it unless it had to grow to hold its cards
    units: list[tuple[str | None, list[int]]] = []
    for level in m.levels:
        if groups.get(level.id) or level.id in explicit:
            units.append((level.id, groups.get(level.id, [])))
    units += [(None, [i]) for i in groups.get(None, [])]
    unit_boxes = [
        _group_box(m, lid, members, cards, explicit, to_px, theme) for lid, members in units
    ]
    items = [
        Item(
            b.w,
            b.h,
            b.cx,
            b.cy,
            fixed=lid in explicit and b == _explicit_box(explicit[lid], to_px),
        )
        for (lid, _), b in zip(units, unit_boxes, strict=True)
    ]
    free_pad = theme.shaft_gap / 2
    for k, (lid, _) in enumerate(units):
        if lid is None:
            items[k].w += 2 * free_pad
            items[k].h += 2 * free_pad
    start = [(it.x, it.y) for it in items]

    def unit_gap(p: int, q: int) -> float:
        (lp, mp), (lq, mq) = units[p], units[q]
        if lp is None and lq is None:
            # two free cards, spread in step 1 already: keep what step 1 gave them (their
            # boxes are padded by free_pad, which the gap must not count)
            joined = mq[0] in cards[mp[0]].neighbours
            return (theme.shaft_gap if joined else theme.card_gap) - 2 * free_pad
        # explicit boxes never overlap (the spec checks it) but may touch: leave them be
        return 0.0 if items[p].fixed and items[q].fixed else theme.level_gap

    separate(items, unit_gap, theme.level_gap)
    for k, (_, members) in enumerate(units):
        dx, dy = items[k].x - start[k][0], items[k].y - start[k][1]
        unit_boxes[k] = unit_boxes[k].shift(dx, dy)
        for i in members:
            cards[i].x += dx
            cards[i].y += dy
            for other_k, d in (items[k].pushed_by or {}).items():
                other_id, other_members = units[other_k]
                who = (
                    f"level box '{other_id}'"
                    if other_id is not None
                    else f"role '{cards[other_members[0]].role.id}'"
                )
                pushers[i][who] = pushers[i].get(who, 0.0) + d

    for c in cards:
        c.x, c.y = round(c.x, 2), round(c.y, 2)
    levels = [
        LevelBox(lid, _level_label(m, lid), _rounded(unit_boxes[k]), lid in explicit)
        for k, (lid, _) in enumerate(units)
        if lid is not None
    ]

    displaced: list[Displacement] = []
    for i, c in enumerate(cards):
        dist = math.hypot((c.x - c.want[0]) / ux, (c.y - c.want[1]) / uy)
        if dist > FAR:
            top = max(sorted(pushers[i].items()), key=lambda kv: kv[1], default=None)
            displaced.append(Displacement(c.role.id, dist, top[0] if top else None))

    router = Router(
        [c.box for c in cards],
        theme.arrow_gap,
        theme.arrow_head_length,
        theme.arrow_head_width,
        labels=[lv.label_box(theme) for lv in levels],
    )
    both_ways = set(pairs) & {(b, a) for a, b in pairs}
    bends: dict[tuple[int, int], float] = {}
    routes: list[Route] = []
    for a, b in pairs:
        route = router.route(a, b, bent=(a, b) in both_ways, taken=bends.get((b, a)))
        bends[(a, b)] = route.bend
        routes.append(route)
    return Geometry(cards, levels, routes, (ux, uy), displaced)


def _unpile(
    cards: list[Card], members: list[int], theme: Theme, pushers: dict[int, dict[str, float]]
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
        if len(pile) < 3:
            continue
        # cards joined by a move need room for the arrow's shaft: with any move inside the
        # pile every cell gets it, so the grid needs no pushing and stays in order
        inside = set(pile)
        joined = any(n in inside for i in pile for n in cards[i].neighbours)
        gap = theme.shaft_gap if joined else theme.card_gap
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
            pushers[i][f"role '{other}'"] = math.hypot(x - c.x, y - c.y)
            c.x, c.y = x, y


def _level_label(m: SkillsMap, level_id: str) -> str:
    return next(lv.text for lv in m.levels if lv.id == level_id)


def _explicit_box(level: Level, to_px: ToPx) -> Box:
    box: SpecBox | None = level.box
    assert box is not None
    x0, y0 = to_px(box.soft[0], box.hard[1])
    x1, y1 = to_px(box.soft[1], box.hard[0])
    return Box(x0, y0, x1, y1)


def _rounded(b: Box) -> Box:
    return Box(round(b.x0, 2), round(b.y0, 2), round(b.x1, 2), round(b.y1, 2))


def _group_box(
    m: SkillsMap,
    level_id: str | None,
    members: list[int],
    cards: list[Card],
    explicit: dict[str, Level],
    to_px: ToPx,
    theme: Theme,
) -> Box:
    """The box drawn around a level (or the bare card of a free role).

    A fitted box wraps its cards with padding and a band for the label, and is wide enough for
    the label; an explicit box is the spec's box, grown to that fitted box if it is too small.
    """
    given = _explicit_box(explicit[level_id], to_px) if level_id in explicit else None
    if members:
        b = cards[members[0]].box
        for i in members[1:]:
            b = b.union(cards[i].box)
        if level_id is None:
            return b
        pad = theme.level_pad
        b = Box(b.x0 - pad, b.y0 - pad - _label_band(theme), b.x1 + pad, b.y1 + pad)
    else:
        # an explicit box without roles: the spec's box, at least tall enough for its label
        assert level_id is not None and given is not None
        b = Box(given.x0, given.y0, given.x1, max(given.y1, given.y0 + _label_band(theme)))
    # the box widens for its label, up to LABEL_MAX: a longer label is shortened instead
    label_w = (
        min(text_width(_level_label(m, level_id), theme.level_label_size, "bold"), LABEL_MAX)
        + 2 * LABEL_INSET
    )
    if b.w < label_w:
        extra = (label_w - b.w) / 2
        b = Box(b.x0 - extra, b.y0, b.x1 + extra, b.y1)
    if given is not None:
        if given.contains(b):
            return given
        b = b.union(given)
    return b
