"""Role cards while they are placed: text lines, size in px, and a position that moves.

A :class:`Card` is working state of the placement only; the result is frozen in
:mod:`skillsmap.layout.plan`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from skillsmap.fonts import text_width
from skillsmap.layout.geometry import Box, Point
from skillsmap.layout.text import wrap
from skillsmap.model import Role
from skillsmap.theme import Metrics


@dataclass(slots=True)
class Card:
    role: Role
    lines: list[str]
    w: float
    h: float
    want: Point = (0.0, 0.0)
    x: float = 0.0
    y: float = 0.0
    neighbours: set[int] = field(default_factory=set)

    @property
    def box(self) -> Box:
        return Box.around(self.x, self.y, self.w, self.h)


def make_card(role: Role, metrics: Metrics) -> Card:
    """A card sized for ``role``'s title, wrapped into the card's text width."""
    size = metrics.card_text_size
    lines, _ = wrap(role.title, metrics.card_max_text, size)
    text_w = max(text_width(line, size) for line in lines)
    w = metrics.card_pad_x * 2 + metrics.marker_size + metrics.marker_gap + text_w
    h = metrics.card_pad_y * 2 + metrics.card_line_height * len(lines)
    return Card(role, lines, math.ceil(w), math.ceil(h))
