"""The frame around the map: title block, axes, legend and note, in final canvas px (y down).

Each part is drawn from the map's text and the theme; the map itself (cards, boxes, arrows)
is already placed when the axes, legend and note are laid out around it.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from skillsmap.fonts import ascent, descent, text_width
from skillsmap.layout.geometry import Box
from skillsmap.layout.labels import LegendLabel
from skillsmap.layout.plan import Area, Canvas
from skillsmap.layout.text import CAP, line, shorten, wrap
from skillsmap.layout.tracks import TrackStyle, marker
from skillsmap.model import MOVE_KINDS, SkillsMap
from skillsmap.scene import Group, Node, Path, Polygon, Rect, Style, Text, transformed
from skillsmap.theme import Theme
from skillsmap.words import START_HINT, kind_legend


class Part(NamedTuple):
    """Drawn nodes of one part of the frame, the tooltip for text shortened in it, its extent."""

    nodes: tuple[Node, ...]
    tip: str | None
    right: float
    bottom: float


class Frame(NamedTuple):
    """Everything around the map, and the canvas and legend area that result."""

    header: Part
    axes: Part
    legend: Part
    note: Part
    canvas: Canvas
    legend_area: Area


def _tips(texts: list[str]) -> str | None:
    return "\n".join(texts) or None


def title_room(plot: Box, theme: Theme) -> float:
    """The text width in px of the title block: the canvas the map needs, less its margins.

    ``plot`` is the map's extent in canvas px (its x only matters); the axis arrow's overshoot
    and head count, as in :func:`frame`.
    """
    mt = theme.metrics
    right = plot.x1 + mt.axis_overshoot + mt.axis_head_length + mt.margin
    return min(max(right, mt.min_width) - 2 * mt.margin, mt.title_width)


def header(m: SkillsMap, theme: Theme, width: float | None = None) -> Part:
    """Title and subtitle from the top margin, in balanced lines ``width`` px wide at most
    (default: the theme's title width); ``bottom`` is where the map may start."""
    mt, pal = theme.metrics, theme.palette
    room = mt.title_width if width is None else width
    nodes: list[Node] = []
    tips: list[str] = []
    y = mt.margin
    lines, cut = wrap(m.title, room, mt.title_size, "bold", max_lines=mt.title_lines)
    if cut:
        tips.append(m.title)
    for text in lines:
        y += ascent(mt.title_size, "bold")
        nodes.append(line(mt.margin, y, text, mt.title_size, pal.ink, "bold"))
        y += descent(mt.title_size, "bold") + mt.title_leading
    if m.subtitle:
        lines, cut = wrap(m.subtitle, room, mt.subtitle_size, max_lines=mt.title_lines)
        if cut:
            tips.append(m.subtitle)
        y += mt.subtitle_gap
        for text in lines:
            y += ascent(mt.subtitle_size)
            nodes.append(line(mt.margin, y, text, mt.subtitle_size, pal.muted))
            y += descent(mt.subtitle_size) + mt.subtitle_leading
    width = max((t.length for t in nodes if isinstance(t, Text)), default=0.0)
    return Part(tuple(nodes), _tips(tips), mt.margin + width, y + mt.header_gap)


def map_left(theme: Theme) -> float:
    """Where the map's leftmost drawing starts: right of the y axis and its label."""
    mt = theme.metrics
    return mt.margin + mt.axis_label_size + mt.axis_room + mt.plot_inset


def axes(m: SkillsMap, plot: Box, theme: Theme) -> Part:
    """Both axes as arrows just outside ``plot`` (the map's extent), with their labels."""
    mt, pal = theme.metrics, theme.palette
    ax_x, ax_y = plot.x0 - mt.axis_offset, plot.y1 + mt.axis_offset
    top, right = plot.y0 - mt.axis_overshoot, plot.x1 + mt.axis_overshoot
    head, half = mt.axis_head_length, mt.axis_head_width / 2
    line_style = Style(None, pal.axis, mt.axis_width)
    head_style = Style(pal.axis, None)
    r = _round_pt
    nodes: list[Node] = [
        Path((("M", r(ax_x, ax_y)), ("L", r(right, ax_y))), line_style),
        Polygon((r(right + head, ax_y), r(right, ax_y - half), r(right, ax_y + half)), head_style),
        Path((("M", r(ax_x, ax_y)), ("L", r(ax_x, top))), line_style),
        Polygon((r(ax_x, top - head), r(ax_x - half, top), r(ax_x + half, top)), head_style),
    ]
    size, gap = mt.axis_label_size, mt.axis_label_gap
    tips: list[str] = []
    room = max(plot.w - mt.axis_label_clear, mt.axis_label_min)
    x_label, cut = shorten(m.axes.soft.label, room, size, "bold")
    if cut:
        tips.append(m.axes.soft.label)
    label_y = ax_y + gap + ascent(size, "bold")
    nodes.append(line(right + head, label_y, x_label, size, pal.muted, "bold", "end"))
    y_label, cut = shorten(m.axes.hard.label, max(plot.h, mt.axis_label_min), size, "bold")
    if cut:
        tips.append(m.axes.hard.label)
    nodes.append(line(ax_x - gap, top - head, y_label, size, pal.muted, "bold", "end", 90.0))
    hint = line(ax_x, ax_y + gap + ascent(mt.hint_size), START_HINT, mt.hint_size, pal.faint)
    if hint.x + hint.length + mt.hint_gap < right + head - text_width(x_label, size, "bold"):
        nodes.append(hint)
    bottom = ax_y + gap + ascent(size) + descent(size) + mt.frame_gap
    return Part(tuple(nodes), _tips(tips), right + head, bottom)


def _round_pt(x: float, y: float) -> tuple[float, float]:
    return (round(x, 2) + 0.0, round(y, 2) + 0.0)


def _legend_item(
    symbol: list[Node], symbol_w: float, label: str, width: float, theme: Theme
) -> tuple[float, list[Node], str | None]:
    """A symbol and its text; a text longer than the legend is wide is shortened (tooltip)."""
    mt = theme.metrics
    size, gap = mt.legend_size, mt.legend_text_gap
    shown, cut = shorten(label, max(width - symbol_w - gap, mt.legend_text_min), size)
    text = line(symbol_w + gap, CAP * size / 2, shown, size, theme.palette.ink)
    return symbol_w + gap + text.length, [*symbol, text], label if cut else None


def _track_symbol(style: TrackStyle, theme: Theme) -> list[Node]:
    mt = theme.metrics
    w, h = mt.legend_swatch_width, mt.legend_swatch_height
    return [
        Rect(
            0,
            -h / 2,
            w,
            h,
            Style(style.fill, style.stroke, mt.legend_swatch_stroke),
            mt.legend_swatch_radius,
        ),
        marker(style.marker, w / 2, 0, mt.legend_marker_size, Style(style.stroke, None)),
    ]


def dash(kind: str, theme: Theme) -> tuple[float, ...]:
    """The dash pattern of a move kind: solid promotions, dashed lateral, dotted downward."""
    mt = theme.metrics
    return {"lateral": mt.dash_lateral, "downward": mt.dash_downward}.get(kind, ())


def _move_symbol(kind: str, theme: Theme) -> list[Node]:
    mt, pal = theme.metrics, theme.palette
    tip, length, half = mt.legend_arrow_length, mt.arrow_head_length, mt.arrow_head_width / 2
    shaft = Path(
        (("M", (0, 0)), ("L", (tip - length + 1, 0))),
        Style(None, pal.arrow, mt.arrow_width, dash(kind, theme)),
    )
    head = Polygon(((tip, 0), (tip - length, -half), (tip - length, half)), Style(pal.arrow, None))
    return [shaft, head]


LegendItem = tuple[float, list[Node], str | None, tuple[str, ...]]


def _legend_rows(
    m: SkillsMap,
    styles: dict[str, TrackStyle],
    in_legend: dict[str, str],
    width: float,
    theme: Theme,
    moved: tuple[LegendLabel, ...] = (),
) -> list[list[LegendItem]]:
    """The legend's rows: the tracks used, the move kinds drawn, then the arrow labels that
    found no room beside their arrows (each with its move's symbol and ends)."""
    mt = theme.metrics
    tracks: list[LegendItem] = []
    for tid in (t for t in m.tracks if any(r.track == t for r in m.roles)):
        st = styles[tid]
        w, nodes, tip = _legend_item(
            _track_symbol(st, theme), mt.legend_swatch_width, st.label, width, theme
        )
        tracks.append((w, nodes, tip, ("legend-item", "legend-track", f"track-{tid}")))
    moves: list[LegendItem] = []
    for kind in (k for k in MOVE_KINDS if any(mv.kind == k for mv in m.moves)):
        label = kind_legend(kind, in_legend.get(kind))
        symbol = _move_symbol(kind, theme)
        w, nodes, tip = _legend_item(symbol, mt.legend_arrow_length, label, width, theme)
        moves.append((w, nodes, tip, ("legend-item", "legend-move", f"move-{kind}")))
    labels: list[LegendItem] = []
    room = max(width - mt.legend_arrow_length - mt.legend_text_gap, mt.legend_text_min)
    for ll in moved:
        symbol = _move_symbol(ll.kind, theme)
        shown = _label_line(m, ll, room, theme)
        w, nodes, tip = _legend_item(symbol, mt.legend_arrow_length, shown, width, theme)
        tip = ll.text if shown != ll.text else tip
        labels.append((w, nodes, tip, ("legend-item", "legend-label", f"move-{ll.kind}")))
    return [row for row in (*_joined(tracks, moves, width, theme), labels) if row] or [tracks]


def _label_line(m: SkillsMap, ll: LegendLabel, room: float, theme: Theme) -> str:
    """A moved label's legend line within ``room`` px: the two roles' titles are cut, each to
    half of what the label leaves (what one does not need goes to the other), before the
    label itself is."""
    size = theme.metrics.legend_size
    if text_width(ll.text, size) <= room:
        return ll.text
    mv = m.moves[ll.move]
    label = f": {mv.label}"
    half = (room - text_width(" → " + label, size)) / 2
    if half < theme.metrics.legend_text_min:
        return ll.text
    src, dst = m.role(mv.from_).title, m.role(mv.to).title
    # a title shorter than half gives what it leaves to the other one
    spare = max(half - min(text_width(src, size), text_width(dst, size)), 0.0)
    src, _ = shorten(src, half + spare, size)
    dst, _ = shorten(dst, half + spare, size)
    return f"{src} → {dst}{label}"


def _joined(
    first: list[LegendItem], second: list[LegendItem], width: float, theme: Theme
) -> tuple[list[LegendItem], ...]:
    """Two groups of legend items on one row when both fit on it whole, else on two rows."""
    if not first or not second:
        return first, second
    mt = theme.metrics
    items = [*first, *second]
    need = sum(item[0] for item in items) + mt.legend_gap * (len(items) - 2) + mt.legend_group_gap
    return (items,) if need <= width else (first, second)


def legend(
    m: SkillsMap,
    styles: dict[str, TrackStyle],
    in_legend: dict[str, str],
    area: Box,
    theme: Theme,
    moved: tuple[LegendLabel, ...] = (),
) -> Part:
    """Legend rows flowing within ``area``'s width from its top; ``bottom`` ends the last row.

    Items of different groups on one line (tracks, then move kinds) keep a wider gap."""
    mt = theme.metrics
    nodes: list[Node] = []
    y = area.y0
    for row in _legend_rows(m, styles, in_legend, area.w, theme, moved):
        x, kind = 0.0, row[0][3][1]
        for w, draw, tip, classes in row:
            if x > 0 and classes[1] != kind:  # the next group on the same line
                x += mt.legend_group_gap - mt.legend_gap
            kind = classes[1]
            if x > 0 and x + w > area.w:
                y += mt.legend_row
                x = 0.0
            group = Group(tuple(draw), classes=classes, title=tip)
            nodes.append(transformed(group, 1.0, area.x0 + x, y + mt.legend_row / 2))
            x += w + mt.legend_gap
        y += mt.legend_row
    return Part(tuple(nodes), None, area.x1, y)


def note(m: SkillsMap, top: float, width: float, theme: Theme) -> Part:
    """The note from ``top``, in balanced lines no wider than ``width``."""
    mt = theme.metrics
    if not m.note:
        return Part((), None, mt.margin, top)
    lines, cut = wrap(m.note, width, mt.note_size, max_lines=mt.note_lines)
    nodes: list[Node] = []
    y = top + mt.note_gap
    for text in lines:
        y += ascent(mt.note_size)
        nodes.append(line(mt.margin, y, text, mt.note_size, theme.palette.muted))
        y += descent(mt.note_size) + mt.note_leading
    return Part(tuple(nodes), m.note if cut else None, mt.margin + width, y)


def frame(
    m: SkillsMap,
    head: Part,
    plot: Box,
    styles: dict[str, TrackStyle],
    in_legend: dict[str, str],
    theme: Theme,
    moved: tuple[LegendLabel, ...] = (),
) -> Frame:
    """Axes around ``plot``, then the legend and note under them (or, with the theme's
    ``legend_beside``, the legend in a column right of the axes); the canvas fits it all."""
    mt = theme.metrics
    axis = axes(m, plot, theme)
    if mt.legend_beside:
        column = _column_width(m, styles, in_legend, theme, moved)
        x0 = axis.right + mt.frame_gap
        area = Box(x0, plot.y0, x0 + column, plot.y0)
        width = max(area.x1 + mt.margin, head.right + mt.margin, mt.min_width)
    else:
        width = max(axis.right + mt.margin, head.right + mt.margin, mt.min_width)
        area = Box(mt.margin, axis.bottom, width - mt.margin, axis.bottom)
    keys = legend(m, styles, in_legend, area, theme, moved)
    remark = note(m, max(keys.bottom, axis.bottom), width - 2 * mt.margin, theme)
    canvas = Canvas(_r(math.ceil(width)), _r(math.ceil(remark.bottom + mt.margin)))
    legend_area = Area.of(Box(area.x0, area.y0, area.x1, keys.bottom))
    return Frame(head, axis, keys, remark, canvas, legend_area)


def _column_width(
    m: SkillsMap,
    styles: dict[str, TrackStyle],
    in_legend: dict[str, str],
    theme: Theme,
    moved: tuple[LegendLabel, ...],
) -> float:
    """The width of a legend column: its widest item, up to ``legend_column_max``."""
    mt = theme.metrics
    rows = _legend_rows(m, styles, in_legend, mt.legend_column_max, theme, moved)
    return min(max(item[0] for row in rows for item in row), mt.legend_column_max)


def _r(v: float) -> float:
    return round(v, 2) + 0.0
