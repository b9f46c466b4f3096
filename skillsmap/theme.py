"""Visual themes: a theme is its sizes and gaps (:class:`Metrics`) plus colours (:class:`Palette`).

Sizes are CSS px at 1x. Colours are ``#rrggbb``. The light theme's track colours are the
Okabe-Ito palette (safe for the common forms of colour blindness); tracks also differ by a marker
shape and move kinds by a dash pattern, so colour is never the only cue. Four themes are bundled
in :data:`THEMES`: ``light``, ``dark``, ``print`` (greyscale-safe) and ``high-contrast``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

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


class Metrics(NamedTuple):
    """Every size and gap a map is drawn with, in px at 1x (ratios and counts where named)."""

    # placement: px per axis unit before a crowded map grows
    unit_width: float = 108
    unit_height: float = 74
    margin: float = 36
    min_width: float = 640
    # title block
    title_size: float = 26
    title_width: float = 1400
    title_lines: int = 2
    title_leading: float = 2
    subtitle_size: float = 15
    subtitle_gap: float = 4
    subtitle_leading: float = 1
    header_gap: float = 26
    # cards
    card_text_size: float = 13.5
    card_line_height: float = 17
    card_pad_x: float = 11
    card_pad_y: float = 9
    card_max_text: float = 150  # text width of a card of two or three lines
    card_wide_text: float = 240  # of a card on one line, when nothing is beside it
    card_title_lines: int = 3  # the most lines a title takes before it is shortened
    card_radius: float = 6
    card_stroke: float = 1.75
    marker_size: float = 9
    marker_gap: float = 7
    card_gap: float = 14
    shaft_gap: float = 44
    # level boxes and their labels
    level_radius: float = 12
    level_stroke: float = 1.0
    level_pad: float = 16
    level_gap: float = 22
    level_label_size: float = 12
    level_label_inset: float = 12
    level_label_top: float = 8
    level_label_max: float = 240
    level_label_band: float = 8
    # moves and their labels
    arrow_width: float = 1.6
    arrow_head_length: float = 9
    arrow_head_width: float = 8
    arrow_gap: float = 4
    dash_lateral: tuple[float, ...] = (6, 4)
    dash_downward: tuple[float, ...] = (1.6, 3.2)
    label_size: float = 12
    label_max: float = 220
    label_pad_x: float = 4
    label_pad_y: float = 3
    label_radius: float = 3
    # axes
    plot_inset: float = 8
    axis_width: float = 1.5
    axis_offset: float = 14
    axis_overshoot: float = 6
    axis_head_length: float = 9
    axis_head_width: float = 9
    axis_label_size: float = 13
    axis_label_gap: float = 10
    axis_room: float = 22
    axis_label_min: float = 80
    axis_label_clear: float = 140
    hint_size: float = 12
    hint_gap: float = 24
    frame_gap: float = 22
    # legend and note
    legend_size: float = 12.5
    legend_row: float = 24
    legend_gap: float = 22
    legend_group_gap: float = 44  # between the tracks and the move kinds on one row
    legend_beside: bool = False  # the legend in a column right of the map, not under it
    legend_column_max: float = 300  # the widest that column gets (longer texts are cut)
    legend_swatch_width: float = 26
    legend_swatch_height: float = 16
    legend_swatch_radius: float = 4
    legend_swatch_stroke: float = 1.5
    legend_marker_size: float = 8
    legend_text_gap: float = 8
    legend_text_min: float = 40
    legend_arrow_length: float = 34
    note_size: float = 12
    note_gap: float = 10
    note_leading: float = 3
    note_lines: int = 6


class Palette(NamedTuple):
    """Every colour a map is drawn with.

    ``tracks`` colour tracks without a colour of their own, in order. A card is filled with its
    track colour moved ``card_tint`` of the way towards ``background``; its text is ``ink``, or
    a colour near it, chosen so text and fill differ by at least ``min_contrast`` (WCAG ratio).
    A track colour closer than ``stroke_contrast`` to the background is darkened (or lightened)
    towards ``ink`` for the card border. With ``greyscale`` tracks take the palette's greys in
    order and a spec's own track colours are not used: their greys could be alike.
    """

    tracks: tuple[str, ...]
    background: str
    ink: str
    muted: str
    faint: str
    level_fill: str
    level_stroke: str
    arrow: str
    axis: str
    plate: str
    plate_opacity: float = 0.85
    card_tint: float = 0.87
    stroke_contrast: float = 1.8
    min_contrast: float = 4.5
    greyscale: bool = False


@dataclass(frozen=True, slots=True)
class Theme:
    """A named look: sizes and gaps plus colours."""

    name: str
    metrics: Metrics
    palette: Palette


TIGHT = 0.65  # share of each gap kept by :func:`tight`

OKABE_ITO = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#f0e442",
    "#000000",
)

LIGHT = Theme(
    "light",
    Metrics(),
    Palette(
        tracks=OKABE_ITO,
        background="#ffffff",
        ink="#1f2328",
        muted="#59606b",
        faint="#6e757f",
        level_fill="#f4f5f7",
        level_stroke="#d5d9df",
        arrow="#4a5160",
        axis="#9aa1ab",
        plate="#ffffff",
    ),
)

DARK = Theme(
    "dark",
    Metrics(),
    Palette(
        # Okabe-Ito hues lifted so they read on a dark background; black becomes a light grey
        tracks=(
            "#4da6e8",
            "#f08a4b",
            "#2ec99b",
            "#e59bca",
            "#f2b83d",
            "#8fd3f7",
            "#f0e442",
            "#c9ced6",
        ),
        background="#14171c",
        ink="#eef1f5",
        muted="#aab2bd",
        faint="#8d95a1",
        level_fill="#1d2128",
        level_stroke="#343b46",
        arrow="#b3bbc6",
        axis="#6d7583",
        plate="#14171c",
        card_tint=0.78,
        stroke_contrast=3.0,
    ),
)

PRINT = Theme(
    "print",
    Metrics()._replace(
        card_stroke=2.0,
        marker_size=11,
        legend_marker_size=10,
        arrow_width=1.8,
        dash_lateral=(8, 4),
        dash_downward=(2, 4),
    ),
    Palette(
        # greys of clearly different lightness, darkest first (markers tell them apart too)
        tracks=(
            "#000000",
            "#6b6b6b",
            "#a6a6a6",
            "#363636",
            "#8a8a8a",
            "#505050",
            "#c2c2c2",
            "#1c1c1c",
        ),
        background="#ffffff",
        ink="#000000",
        muted="#3d3d3d",
        faint="#5c5c5c",
        level_fill="#f5f5f5",
        level_stroke="#b0b0b0",
        arrow="#262626",
        axis="#7a7a7a",
        plate="#ffffff",
        card_tint=0.9,
        greyscale=True,
    ),
)

HIGH_CONTRAST = Theme(
    "high-contrast",
    Metrics()._replace(card_stroke=2.5, level_stroke=1.5, arrow_width=2.0, axis_width=2.0),
    Palette(
        # Okabe-Ito hues darkened until each reads as a border on white
        tracks=(
            "#005a8f",
            "#a84a00",
            "#00704f",
            "#93427a",
            "#855a00",
            "#1c6a96",
            "#6b6300",
            "#000000",
        ),
        background="#ffffff",
        ink="#000000",
        muted="#1f1f1f",
        faint="#3a3a3a",
        level_fill="#ffffff",
        level_stroke="#000000",
        arrow="#000000",
        axis="#000000",
        plate="#ffffff",
        plate_opacity=1.0,
        card_tint=0.94,
        stroke_contrast=4.5,
        min_contrast=7.0,
    ),
)

THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK, PRINT, HIGH_CONTRAST)}


def tight(theme: Theme, beside: bool = False) -> Theme:
    """``theme`` with the gaps around cards, boxes, header and legend cut by about a third
    (not the gap an arrow between two cards needs for its shaft):
    for a map laid out for a canvas it would otherwise overflow (a slide), where readable card
    text matters more than white space; ``beside`` moves the legend to a column right of the
    map, for a wide canvas. Type sizes and cards stay as they are."""
    mt = theme.metrics
    return replace(
        theme,
        metrics=mt._replace(
            header_gap=round(mt.header_gap * TIGHT),
            card_gap=round(mt.card_gap * TIGHT),
            level_pad=round(mt.level_pad * TIGHT),
            level_gap=round(mt.level_gap * TIGHT),
            frame_gap=round(mt.frame_gap * TIGHT),
            legend_gap=round(mt.legend_gap * TIGHT),
            hint_gap=round(mt.hint_gap * TIGHT),
            legend_beside=beside,
        ),
    )
