"""Visual themes: every colour, size and spacing the layout uses, in one place.

Sizes are CSS px at 1x. Track colours come from the Okabe-Ito palette (safe for the common
forms of colour blindness); tracks also differ by a marker shape, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

MARKERS = (
    "circle",
    "square",
    "diamond",
    "triangle",
    "triangle-down",
    "hexagon",
    "pentagon",
    "star",
)


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    palette: tuple[str, ...]
    background: str
    ink: str
    muted: str
    faint: str
    # title block
    title_size: float
    subtitle_size: float
    note_size: float
    # cards
    card_text_size: float
    card_line_height: float
    card_pad_x: float
    card_pad_y: float
    card_max_text: float
    card_radius: float
    card_stroke: float
    card_tint: float
    marker_size: float
    marker_gap: float
    card_gap: float
    shaft_gap: float
    # level boxes
    level_fill: str
    level_stroke: str
    level_radius: float
    level_pad: float
    level_label_size: float
    level_gap: float
    # moves
    arrow_color: str
    arrow_width: float
    arrow_head_length: float
    arrow_head_width: float
    arrow_gap: float
    label_size: float
    dash_lateral: tuple[float, ...]
    dash_downward: tuple[float, ...]
    # frame
    margin: float
    axis_color: str
    axis_width: float
    axis_label_size: float
    legend_size: float
    unit_width: float
    unit_height: float


LIGHT = Theme(
    name="light",
    palette=(
        "#0072b2",
        "#d55e00",
        "#009e73",
        "#cc79a7",
        "#e69f00",
        "#56b4e9",
        "#f0e442",
        "#000000",
    ),
    background="#ffffff",
    ink="#1f2328",
    muted="#59606b",
    faint="#8b929c",
    title_size=26,
    subtitle_size=15,
    note_size=12,
    card_text_size=13.5,
    card_line_height=17,
    card_pad_x=11,
    card_pad_y=9,
    card_max_text=150,
    card_radius=6,
    card_stroke=1.75,
    card_tint=0.87,
    marker_size=9,
    marker_gap=7,
    card_gap=14,
    shaft_gap=44,
    level_fill="#f4f5f7",
    level_stroke="#d5d9df",
    level_radius=12,
    level_pad=16,
    level_label_size=12,
    level_gap=22,
    arrow_color="#4a5160",
    arrow_width=1.6,
    arrow_head_length=9,
    arrow_head_width=8,
    arrow_gap=4,
    label_size=12,
    dash_lateral=(6, 4),
    dash_downward=(1.6, 3.2),
    margin=36,
    axis_color="#9aa1ab",
    axis_width=1.5,
    axis_label_size=13,
    legend_size=12.5,
    unit_width=108,
    unit_height=74,
)

THEMES: dict[str, Theme] = {LIGHT.name: LIGHT}
