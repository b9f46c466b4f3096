"""Role cards: their text, size, colours and marker, and where they end up on the map."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from skillsmap.colors import contrast, mix
from skillsmap.fonts import text_width
from skillsmap.layout.geometry import Box, Point
from skillsmap.layout.text import wrap
from skillsmap.model import Role, SkillsMap
from skillsmap.scene import Circle, Node, Polygon, Style
from skillsmap.theme import MARKERS, Theme


@dataclass(frozen=True, slots=True)
class TrackStyle:
    """How one track looks: border colour, card fill and marker shape."""

    id: str
    label: str
    stroke: str
    fill: str
    marker: str


@dataclass(slots=True)
class Card:
    role: Role
    lines: list[str]
    shortened: bool
    w: float
    h: float
    want: Point
    x: float = 0.0
    y: float = 0.0
    neighbours: set[int] = field(default_factory=set)

    @property
    def box(self) -> Box:
        return Box.around(self.x, self.y, self.w, self.h)


def track_styles(m: SkillsMap, theme: Theme) -> dict[str, TrackStyle]:
    """Each track's style; tracks without a colour take the palette's colours in order."""
    styles: dict[str, TrackStyle] = {}
    free = iter(c for c in theme.palette if c not in {t.color for t in m.tracks.values()})
    for i, (tid, track) in enumerate(m.tracks.items()):
        color = track.color or next(free, theme.palette[i % len(theme.palette)])
        stroke = color if contrast(color, theme.background) >= 1.8 else mix(color, theme.ink, 0.4)
        fill = mix(color, theme.background, theme.card_tint)
        styles[tid] = TrackStyle(tid, track.label, stroke, fill, MARKERS[i % len(MARKERS)])
    return styles


def make_card(role: Role, want: Point, theme: Theme) -> Card:
    size = theme.card_text_size
    lines, shortened = wrap(role.title, theme.card_max_text, size)
    text_w = max(text_width(line, size) for line in lines)
    w = theme.card_pad_x * 2 + theme.marker_size + theme.marker_gap + text_w
    h = theme.card_pad_y * 2 + theme.card_line_height * len(lines)
    return Card(role, lines, shortened, math.ceil(w), math.ceil(h), want, want[0], want[1])


def marker(shape: str, cx: float, cy: float, size: float, style: Style) -> Node:
    """A small filled shape centred on (cx, cy) that tells tracks apart without colour."""
    r = size / 2
    if shape == "circle":
        return Circle(cx, cy, r, style)
    if shape == "square":
        s = r * 0.9
        pts = [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    elif shape == "diamond":
        s = r * 1.15
        pts = [(cx, cy - s), (cx + s, cy), (cx, cy + s), (cx - s, cy)]
    elif shape in ("triangle", "triangle-down"):
        s = r * 1.15
        k = -1 if shape == "triangle" else 1
        pts = [(cx, cy + k * s), (cx + s, cy - k * s * 0.8), (cx - s, cy - k * s * 0.8)]
    else:
        sides = {"hexagon": 6, "pentagon": 5, "star": 10}.get(shape, 6)
        pts = []
        for i in range(sides):
            angle = -math.pi / 2 + 2 * math.pi * i / sides
            rad = r * 1.1 if shape != "star" or i % 2 == 0 else r * 0.5
            pts.append((cx + rad * math.cos(angle), cy + rad * math.sin(angle)))
    return Polygon(tuple((round(x, 2), round(y, 2)) for x, y in pts), style)
