"""Hand-built scenes that exercise every primitive and group feature the backends support.

They stand in for real layout output so the backends can be tested on their own: cards in a
level box, a curved arrow with a head, dashed and dotted moves, rotated axis labels, a linked
group, a tooltip, bold text, letter spacing and translucency.
"""

from __future__ import annotations

import math

from skillsmap import fonts
from skillsmap.scene import (
    Anchor,
    Circle,
    Group,
    Node,
    Path,
    Polygon,
    Rect,
    Scene,
    Style,
    Text,
    Weight,
)

INK = "#1F2328"
MUTED = "#59636E"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
DASH = "\u2013"  # an en dash, as in "6 months \u2013 2 years"


def label(
    x: float,
    y: float,
    s: str,
    size: float = 13,
    *,
    bold: bool = False,
    anchor: Anchor = "start",
    rotate: float = 0.0,
    fill: str = INK,
    letter_spacing: float = 0.0,
) -> Text:
    """A text node measured the way the layout measures it."""
    weight: Weight = "bold" if bold else "regular"
    # Letter spacing sits between glyphs: it is part of the extent, not added after the last.
    length = fonts.text_width(s, size, weight) + letter_spacing * (len(s) - 1)
    return Text(
        x=x,
        y=y,
        text=s,
        size=size,
        length=round(length, 2),
        fill=fill,
        weight=weight,
        anchor=anchor,
        rotate=rotate,
        letter_spacing=letter_spacing,
    )


def card(
    role_id: str,
    name: str,
    x: float,
    y: float,
    color: str,
    *,
    tooltip: str | None = None,
    href: str | None = None,
) -> Group:
    """A role card: a rounded rect in the track colour with its centred title."""
    width = fonts.text_width(name, 13) + 24
    return Group(
        children=(
            Rect(
                x,
                y,
                round(width, 2),
                34,
                Style(fill="#FFFFFF", stroke=color, stroke_width=2),
                6,
                css_class="card",
            ),
            label(x + width / 2, y + 22, name, anchor="middle"),
        ),
        id=f"role-{role_id}",
        classes=("role", f"track-{role_id}"),
        title=tooltip,
        href=href,
    )


def arrowhead(tip: tuple[float, float], toward: tuple[float, float], color: str) -> Polygon:
    """A filled 8 px head at ``tip`` pointing away from ``toward``."""
    angle = math.atan2(tip[1] - toward[1], tip[0] - toward[0])
    back = (tip[0] - 8 * math.cos(angle), tip[1] - 8 * math.sin(angle))
    nx, ny = -math.sin(angle) * 4, math.cos(angle) * 4
    pts = (tip, (back[0] + nx, back[1] + ny), (back[0] - nx, back[1] - ny))
    return Polygon(tuple((round(px, 2), round(py, 2)) for px, py in pts), Style(fill=color))


def sample_scene(href: str | None = "https://example.com/ladder#senior") -> Scene:
    """A small map with one of everything."""
    level = Group(
        children=(
            Rect(40, 50, 250, 190, Style(fill="#F4F5F7", stroke="#C9CED6", stroke_width=1), 12),
            label(54, 68, "L5", 12, bold=True, fill=MUTED, letter_spacing=0.6),
        ),
        id="level-L5",
        classes=("level",),
    )
    senior = card(
        "senior",
        "Senior Engineer",
        60,
        180,
        BLUE,
        tooltip=f"Senior Engineer\nL5 {DASH} owns significant systems",
        href=href,
    )
    manager = card("manager", "Engineering Manager", 300, 70, VERMILLION, tooltip="Manager")
    staff = card("staff", "Staff Engineer", 80, 90, GREEN)
    arrow_color = "#4A4F57"
    curve = Group(
        children=(
            Path(
                (("M", (180, 178)), ("Q", (240, 110), (296, 92))),
                Style(stroke=arrow_color, stroke_width=1.6),
            ),
            arrowhead((296, 92), (240, 110), arrow_color),
        ),
        id="move-senior--manager",
        classes=("move", "move-lateral"),
    )
    dashed = Group(
        children=(
            Path(
                (("M", (130, 178)), ("L", (130, 128))),
                Style(stroke=arrow_color, stroke_width=1.6, dash=(6, 4)),
            ),
            arrowhead((130, 126), (130, 178), arrow_color),
        ),
        id="move-senior--staff",
        classes=("move", "move-promotion"),
    )
    dotted = Path(
        (("M", (300, 250)), ("L", (420, 250)), ("M", (300, 262)), ("L", (420, 262))),
        Style(stroke=MUTED, stroke_width=2, dash=(1.5, 3)),
    )
    children: tuple[Node, ...] = (
        label(40, 34, "A skills map", 22, bold=True),
        level,
        dashed,
        curve,
        senior,
        manager,
        staff,
        dotted,
        Circle(440, 160, 7, Style(fill=BLUE, stroke=INK, stroke_width=1)),
        Polygon(
            ((400, 190), (460, 190), (430, 230)),
            Style(fill=VERMILLION, stroke=INK, stroke_width=1.5, opacity=0.5),
        ),
        label(22, 180, "Hard skills", 12, anchor="middle", rotate=90, fill=MUTED),
        label(470, 300, "Soft skills →", 12, anchor="end", fill=MUTED),
        label(330, 140, f"6 months {DASH} 2 years", 11, rotate=-20, fill=MUTED),
        label(40, 286, f"Pay: $10k{DASH}$20k & <more>", 12),
        label(40, 304, " spaces  kept ", 11, fill=MUTED),
    )
    return Scene(
        width=480,
        height=320,
        title="Sample & <map>",
        description="A test scene with one of every primitive.",
        background="#FFFFFF",
        root=Group(children=children, id="map", classes=("skillsmap",)),
    )
