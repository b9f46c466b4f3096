"""How each track looks: border, card fill and text colour from the palette, and a marker shape.

A card's text colour is derived with its fill so the two always reach the palette's minimum
contrast, whatever colour the spec gives a track. Marker sizes are px.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from skillsmap.colors import contrast, mix, readable
from skillsmap.model import SkillsMap
from skillsmap.scene import Circle, Node, Polygon, Style
from skillsmap.theme import MARKERS, Palette

STROKE_TOWARDS_INK = 0.4  # how far a border too close to the background moves towards the ink


class TrackStyle(NamedTuple):
    """How one track looks: border colour, card fill, card text colour and marker shape."""

    id: str
    label: str
    stroke: str
    fill: str
    text: str
    marker: str


def card_paint(color: str, palette: Palette) -> tuple[str, str, str]:
    """Border, fill and text colour of a card of track colour ``color``."""
    bg = palette.background
    stroke = (
        color
        if contrast(color, bg) >= palette.stroke_contrast
        else readable(mix(color, palette.ink, STROKE_TOWARDS_INK), bg, palette.stroke_contrast)
    )
    fill = mix(color, bg, palette.card_tint)
    text = readable(palette.ink, fill, palette.min_contrast)
    if contrast(text, fill) < palette.min_contrast:
        fill = readable(fill, text, palette.min_contrast)
    return stroke, fill, text


def track_styles(m: SkillsMap, palette: Palette) -> dict[str, TrackStyle]:
    """Each track's style; tracks without a colour take the palette's colours in order."""
    styles: dict[str, TrackStyle] = {}
    taken = set() if palette.greyscale else {t.color for t in m.tracks.values()}
    free = iter(c for c in palette.tracks if c not in taken)
    for i, (tid, track) in enumerate(m.tracks.items()):
        own = None if palette.greyscale else track.color
        color = own or next(free, palette.tracks[i % len(palette.tracks)])
        stroke, fill, text = card_paint(color, palette)
        styles[tid] = TrackStyle(tid, track.label, stroke, fill, text, MARKERS[i % len(MARKERS)])
    return styles


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
