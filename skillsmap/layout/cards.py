"""Role cards while they are placed: text lines, size in px, and a position that moves.

A card's title is broken into balanced lines; how many depends on the room around the card in
the spec: a card with nothing beside it in its row may be wider and on one line, a crowded one
narrower on two or three. Cards of one row (roles at about the same hard-skills value, close
enough to limit each other) share one width limit, so they come out alike. Room is judged at
the placement's least scale (the theme's px per axis unit), before cards are moved.

A :class:`Card` is working state of the placement only; the result is frozen in
:mod:`skillsmap.layout.plan`.
"""

from __future__ import annotations

import math

from skillsmap.fonts import text_width
from skillsmap.layout.disjoint import DisjointSets
from skillsmap.layout.geometry import Box, Point
from skillsmap.layout.text import balance, wrap
from skillsmap.model import Role, SkillsMap
from skillsmap.theme import Metrics

# Roles this close in hard-skills units, or closer, are in one row.
ROW_BAND = 0.45
# A layout of several lines with a line shorter than this share of its widest one ("II" alone
# under "Engineer") is not taken to make a card narrower.
LONE_SHARE = 0.4


class Card:
    """A role's card while it is placed: its lines and size, the point it wants, where it is
    (centre, px) and the cards a move joins it to."""

    __slots__ = ("h", "lines", "neighbours", "role", "w", "want", "x", "y")

    def __init__(self, role: Role, lines: list[str], w: float, h: float) -> None:
        self.role, self.lines, self.w, self.h = role, lines, w, h
        self.want: Point = (0.0, 0.0)
        self.x, self.y = 0.0, 0.0
        self.neighbours: set[int] = set()

    @property
    def box(self) -> Box:
        return Box.around(self.x, self.y, self.w, self.h)


def chrome(metrics: Metrics) -> float:
    """Card width in px besides its text: padding, the track marker and its gap."""
    return metrics.card_pad_x * 2 + metrics.marker_size + metrics.marker_gap


def title_lines(title: str, room: float, metrics: Metrics) -> list[str]:
    """``title`` in the fewest balanced lines that fit ``room`` (px of text width).

    One line may be up to the theme's ``card_wide_text`` wide, more lines up to its
    ``card_max_text``; with less room than that, the narrowest layout without a lone short line
    is taken (``card_title_lines`` at most, the last shortened with an ellipsis if even they do
    not fit).
    """
    size, normal = metrics.card_text_size, metrics.card_max_text
    wide, most = metrics.card_wide_text, metrics.card_title_lines
    caps = [min(room, wide)] + [min(room, normal)] * (most - 1)
    narrowest: list[str] | None = None
    for count, cap in enumerate(caps, start=1):
        found = balance(title, count, size, cap=wide if count == 1 else normal)
        if found is None:
            continue
        line_widths = [text_width(s, size) for s in found]
        if max(line_widths) <= cap:
            return found
        if narrowest is None or min(line_widths) >= LONE_SHARE * max(line_widths):
            narrowest = found
    return narrowest or wrap(title, normal, size, max_lines=most)[0]


def make_card(role: Role, metrics: Metrics, room: float = math.inf) -> Card:
    """A card sized for ``role``'s title, broken into lines for ``room`` px of text width."""
    size = metrics.card_text_size
    lines = title_lines(role.title, room, metrics)
    text_w = max(text_width(line, size) for line in lines)
    w = chrome(metrics) + text_w
    h = metrics.card_pad_y * 2 + metrics.card_line_height * len(lines)
    return Card(role, lines, math.ceil(w), math.ceil(h))


def rooms(m: SkillsMap, metrics: Metrics) -> list[float]:
    """For each role, the text width in px its card may take without reaching its row's.

    Two roles of one row ``d`` px apart at the least scale may each be ``d`` minus the card
    gap wide (they meet halfway). Roles whose limit is below the widest one-line card limit
    each other; a row's roles so linked share the smallest room among them.
    """
    n = len(m.roles)
    room = [math.inf] * n
    links: list[tuple[int, int]] = []
    widest = metrics.card_wide_text
    order = sorted(range(n), key=lambda k: (m.roles[k].hard, k))
    for at, i in enumerate(order):
        for j in order[at + 1 :]:
            a, b = m.roles[i], m.roles[j]
            if b.hard - a.hard > ROW_BAND:
                break
            d = abs(a.soft - b.soft) * metrics.unit_width
            limit = d - metrics.card_gap - chrome(metrics)
            if limit < widest:
                room[i], room[j] = min(room[i], limit), min(room[j], limit)
                links.append((i, j))
    return _shared(room, links)


def _shared(room: list[float], links: list[tuple[int, int]]) -> list[float]:
    """Each linked group's smallest room, given to all of its members."""
    sets = DisjointSets(len(room))
    for i, j in links:
        sets.join(i, j)
    roots = [sets.root(i) for i in range(len(room))]
    least: dict[int, float] = {}
    for k, r in zip(roots, room, strict=True):
        least[k] = min(least.get(k, math.inf), r)
    return [least[k] for k in roots]


def make_cards(m: SkillsMap, metrics: Metrics) -> list[Card]:
    """Every role's card, in role order, each sized for the room around it."""
    return [make_card(r, metrics, room) for r, room in zip(m.roles, rooms(m, metrics), strict=True)]
