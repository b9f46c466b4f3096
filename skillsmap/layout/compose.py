"""From geometry to a scene: cards, boxes and arrows, framed by title, axes, legend and note.

Everything the reader sees is positioned here, in final canvas px; nothing later moves it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from skillsmap.fonts import ascent, descent, text_width
from skillsmap.layout.cards import Card, TrackStyle, marker, track_styles
from skillsmap.layout.engine import Geometry
from skillsmap.layout.geometry import Box, Point, bounds
from skillsmap.layout.labels import LabelPlacer
from skillsmap.layout.routing import Route
from skillsmap.layout.text import shorten, wrap
from skillsmap.model import Move, SkillsMap
from skillsmap.scene import (
    Anchor,
    Group,
    Node,
    Path,
    Polygon,
    Rect,
    Scene,
    Style,
    Text,
    Weight,
    transformed,
)
from skillsmap.theme import Theme

KIND_NAMES = {"promotion": "Promotion", "lateral": "Lateral move", "downward": "Downward move"}
CAP = 0.73  # cap height of DejaVu Sans, in em: centres a line of text on a point


def _r(v: float) -> float:
    return round(v, 2) + 0.0


def _text(
    x: float,
    y: float,
    s: str,
    size: float,
    fill: str,
    weight: Weight = "regular",
    anchor: Anchor = "start",
    rotate: float = 0.0,
) -> Text:
    return Text(
        _r(x),
        _r(y),
        s,
        size,
        _r(text_width(s, size, weight)),
        fill,
        weight,
        anchor,
        rotate,
    )


@dataclass(frozen=True, slots=True)
class LabelPlan:
    """Which move labels go on the arrows, and which are said once in the legend."""

    on_arrow: dict[int, str]
    in_legend: dict[str, str]


def plan_labels(moves: tuple[Move, ...]) -> LabelPlan:
    """A label shared by every move of a kind (two or more) moves to the legend."""
    by_kind: dict[str, list[str | None]] = {}
    for mv in moves:
        by_kind.setdefault(mv.kind, []).append(mv.label)
    in_legend = {
        kind: labels[0]
        for kind, labels in by_kind.items()
        if len(labels) >= 2 and labels[0] is not None and len(set(labels)) == 1
    }
    on_arrow = {
        i: mv.label
        for i, mv in enumerate(moves)
        if mv.label is not None and mv.kind not in in_legend
    }
    return LabelPlan(on_arrow, in_legend)


def _dash(kind: str, theme: Theme) -> tuple[float, ...]:
    return {"lateral": theme.dash_lateral, "downward": theme.dash_downward}.get(kind, ())


def _shift_pt(p: Point, d: Point) -> Point:
    return (_r(p[0] + d[0]), _r(p[1] + d[1]))


def _role_tooltip(m: SkillsMap, card: Card) -> str:
    role = card.role
    parts = [role.title]
    level = next((lv.text for lv in m.levels if lv.id == role.level), None)
    track = m.tracks[role.track].label
    parts.append(f"{track}" + (f" · {level}" if level else ""))
    if role.description:
        parts.append(role.description)
    if role.aliases:
        parts.append("Also: " + "; ".join(f"{k}: {v}" for k, v in role.aliases.items()))
    return "\n".join(parts)


def describe(m: SkillsMap) -> str:
    """A one-paragraph text summary of the map, for screen readers (the SVG ``<desc>``)."""
    kinds = Counter(mv.kind for mv in m.moves)
    used_tracks = [t.label for tid, t in m.tracks.items() if any(r.track == tid for r in m.roles)]
    parts = [
        f"A skills map of {len(m.roles)} role{'s' if len(m.roles) != 1 else ''} "
        f"in {len(used_tracks)} track{'s' if len(used_tracks) != 1 else ''} "
        f"({', '.join(used_tracks)})"
    ]
    if m.levels:
        parts[0] += f", grouped in {len(m.levels)} levels ({', '.join(lv.text for lv in m.levels)})"
    parts[0] += "."
    if m.moves:
        counts = ", ".join(
            f"{n} {KIND_NAMES[k].lower()}{'s' if n != 1 else ''}" for k, n in sorted(kinds.items())
        )
        parts.append(f"{len(m.moves)} moves join them: {counts}.")
    parts.append(
        f"{m.axes.soft.label} grow from left to right and {m.axes.hard.label.lower()} "
        "from bottom to top."
    )
    targets = {mv.to for mv in m.moves}
    starts = [
        r.title for r in m.roles if r.id not in targets and any(mv.from_ == r.id for mv in m.moves)
    ]
    if starts:
        parts.append(f"Paths start from {', '.join(starts)}.")
    return " ".join(parts)


def compose(m: SkillsMap, geo: Geometry, theme: Theme) -> Scene:
    """The whole picture for ``m`` laid out as ``geo``."""
    styles = track_styles(m, theme)
    plan = plan_labels(m.moves)
    margin = theme.margin

    # -- header -------------------------------------------------------------------------------
    header: list[Node] = []
    y = margin
    header_tips: list[str] = []
    title_lines, cut = wrap(m.title, 1400, theme.title_size, "bold", max_lines=2)
    if cut:
        header_tips.append(m.title)
    for line in title_lines:
        y += ascent(theme.title_size, "bold")
        header.append(_text(margin, y, line, theme.title_size, theme.ink, "bold"))
        y += descent(theme.title_size, "bold") + 2
    if m.subtitle:
        sub_lines, cut = wrap(m.subtitle, 1400, theme.subtitle_size, max_lines=2)
        if cut:
            header_tips.append(m.subtitle)
        y += 4
        for line in sub_lines:
            y += ascent(theme.subtitle_size)
            header.append(_text(margin, y, line, theme.subtitle_size, theme.muted))
            y += descent(theme.subtitle_size) + 1
    header_bottom = y + 26
    header_w = max((t.length for t in header if isinstance(t, Text)), default=0.0)

    # -- arrow labels, placed in map px among cards, level labels and box outlines -----------
    obstacles: list[Box] = [c.box for c in geo.cards]
    for lv in geo.levels:
        b = lv.box
        obstacles.append(lv.label_box(theme))
        # arrow labels keep off the box outline too: a label across a border looks misplaced
        obstacles += [
            Box(b.x0 - 2, b.y0 - 2, b.x1 + 2, b.y0 + 2),
            Box(b.x0 - 2, b.y1 - 2, b.x1 + 2, b.y1 + 2),
            Box(b.x0 - 2, b.y0 - 2, b.x0 + 2, b.y1 + 2),
            Box(b.x1 - 2, b.y0 - 2, b.x1 + 2, b.y1 + 2),
        ]
    placer = LabelPlacer(obstacles, [r.samples(24) for r in geo.routes])
    labels: dict[int, tuple[str, Box]] = {
        i: _place_label(plan.on_arrow[i], route, placer, theme, i)
        for i, route in enumerate(geo.routes)
        if i in plan.on_arrow
    }

    # -- the map (cards, boxes, arrows and their labels), moved right of the y axis and under
    # the header ---------------------------------------------------------------------------
    content = bounds(
        [c.box for c in geo.cards]
        + [lv.box for lv in geo.levels]
        + [_route_extent(r, theme) for r in geo.routes]
        + [box for _, box in labels.values()]
    )
    axis_room = theme.axis_label_size + 22
    offset = (margin + axis_room - content.x0 + 8, header_bottom - content.y0)
    dx, dy = offset

    def box_at(b: Box) -> Box:
        return b.shift(dx, dy)

    cards = [box_at(c.box) for c in geo.cards]
    levels = [box_at(lv.box) for lv in geo.levels]
    plot = box_at(content)

    level_nodes: list[Node] = []
    for lv, b in zip(geo.levels, levels, strict=True):
        spot = lv.label_box(theme).shift(dx, dy)
        label_y = b.y0 + 8 + CAP * theme.level_label_size
        label, _ = shorten(lv.label, spot.w + 0.5, theme.level_label_size, "bold")
        text = _text(spot.x0, label_y, label, theme.level_label_size, theme.muted, "bold")
        level_nodes.append(
            Group(
                (
                    Rect(
                        _r(b.x0),
                        _r(b.y0),
                        _r(b.w),
                        _r(b.h),
                        Style(theme.level_fill, theme.level_stroke, 1.0),
                        theme.level_radius,
                    ),
                    text,
                ),
                id=f"level-{lv.level_id}",
                classes=("level",),
                title=lv.label if label != lv.label else None,
            )
        )

    role_nodes = [
        _card_node(m, card, b, styles[card.role.track], theme)
        for card, b in zip(geo.cards, cards, strict=True)
    ]

    move_nodes: list[Node] = []
    label_nodes: list[Node] = []
    for i, (mv, route) in enumerate(zip(m.moves, geo.routes, strict=True)):
        move_nodes.append(_move_node(m, mv, route, offset, theme))
        if i in labels:
            shown, box = labels[i]
            label_nodes.append(_move_label(plan.on_arrow[i], shown, box_at(box), theme, mv))

    # -- axes -----------------------------------------------------------------------------------
    ax_x = plot.x0 - 14
    ax_y = plot.y1 + 14
    top = plot.y0 - 6
    right = plot.x1 + 6
    axis_style = Style(None, theme.axis_color, theme.axis_width)
    head_style = Style(theme.axis_color, None)
    axis_nodes: list[Node] = [
        Path((("M", (_r(ax_x), _r(ax_y))), ("L", (_r(right), _r(ax_y)))), axis_style),
        Polygon(
            ((_r(right + 9), _r(ax_y)), (_r(right), _r(ax_y - 4.5)), (_r(right), _r(ax_y + 4.5))),
            head_style,
        ),
        Path((("M", (_r(ax_x), _r(ax_y))), ("L", (_r(ax_x), _r(top)))), axis_style),
        Polygon(
            ((_r(ax_x), _r(top - 9)), (_r(ax_x - 4.5), _r(top)), (_r(ax_x + 4.5), _r(top))),
            head_style,
        ),
    ]
    size = theme.axis_label_size
    axis_tips: list[str] = []
    x_label, cut = shorten(m.axes.soft.label, max(plot.w - 140, 80), size, "bold")
    if cut:
        axis_tips.append(m.axes.soft.label)
    axis_nodes.append(
        _text(
            right + 9, ax_y + 10 + ascent(size, "bold"), x_label, size, theme.muted, "bold", "end"
        )
    )
    y_label, cut = shorten(m.axes.hard.label, max(plot.h, 80), size, "bold")
    if cut:
        axis_tips.append(m.axes.hard.label)
    axis_nodes.append(
        _text(ax_x - 10, top - 9, y_label, size, theme.muted, "bold", "end", rotate=90.0)
    )
    hint = "↗ start here"
    hint_text = _text(ax_x, ax_y + 10 + ascent(12), hint, 12, theme.faint)
    if hint_text.x + hint_text.length + 24 < right + 9 - text_width(x_label, size, "bold"):
        axis_nodes.append(hint_text)
    frame_bottom = ax_y + 10 + ascent(size) + descent(size) + 22

    # -- canvas width, legend, note -----------------------------------------------------------
    width = max(right + 9 + margin, header_w + 2 * margin, 640.0)
    legend_nodes, legend_h = _legend(
        m, styles, plan, theme, margin, frame_bottom, width - 2 * margin
    )
    y = frame_bottom + legend_h
    note_nodes: list[Node] = []
    note_tip: str | None = None
    if m.note:
        lines, cut = wrap(m.note, width - 2 * margin, theme.note_size, max_lines=6)
        note_tip = m.note if cut else None
        y += 10
        for line in lines:
            y += ascent(theme.note_size)
            note_nodes.append(_text(margin, y, line, theme.note_size, theme.muted))
            y += descent(theme.note_size) + 3
    height = y + margin

    root = Group(
        (
            Group(
                tuple(header),
                id="header",
                classes=("header",),
                title="\n".join(header_tips) or None,
            ),
            Group(tuple(level_nodes), id="levels", classes=("levels",)),
            Group(tuple(move_nodes), id="moves", classes=("moves",)),
            Group(tuple(role_nodes), id="roles", classes=("roles",)),
            Group(tuple(label_nodes), id="move-labels", classes=("move-labels",)),
            Group(
                tuple(axis_nodes), id="axes", classes=("axes",), title="\n".join(axis_tips) or None
            ),
            Group(tuple(legend_nodes), id="legend", classes=("legend",)),
            Group(tuple(note_nodes), id="note", classes=("note",), title=note_tip),
        ),
    )
    return Scene(
        _r(math.ceil(width)), _r(math.ceil(height)), m.title, describe(m), theme.background, root
    )


def _card_node(m: SkillsMap, card: Card, b: Box, style: TrackStyle, theme: Theme) -> Group:
    size = theme.card_text_size
    ms = theme.marker_size
    n = len(card.lines)
    text_x = b.x0 + theme.card_pad_x + ms + theme.marker_gap
    first = b.cy - (n - 1) * theme.card_line_height / 2 + CAP * size / 2
    children: list[Node] = [
        Rect(
            _r(b.x0),
            _r(b.y0),
            _r(b.w),
            _r(b.h),
            Style(style.fill, style.stroke, theme.card_stroke),
            theme.card_radius,
        ),
        marker(
            style.marker,
            _r(b.x0 + theme.card_pad_x + ms / 2),
            _r(b.cy),
            ms,
            Style(style.stroke, None),
        ),
    ]
    for k, line in enumerate(card.lines):
        children.append(_text(text_x, first + k * theme.card_line_height, line, size, theme.ink))
    return Group(
        tuple(children),
        id=f"role-{card.role.id}",
        classes=("role", f"track-{card.role.track}"),
        title=_role_tooltip(m, card),
        href=card.role.url,
    )


def _move_node(m: SkillsMap, mv: Move, route: Route, offset: Point, theme: Theme) -> Group:
    src, dst = m.role(mv.from_).title, m.role(mv.to).title
    tip = f"{src} → {dst} ({KIND_NAMES[mv.kind].lower()}" + (f", {mv.label})" if mv.label else ")")
    shaft = Path(
        (
            ("M", _shift_pt(route.start, offset)),
            ("Q", _shift_pt(route.control, offset), _shift_pt(route.end, offset)),
        )
        if not route.straight
        else (("M", _shift_pt(route.start, offset)), ("L", _shift_pt(route.end, offset))),
        Style(None, theme.arrow_color, theme.arrow_width, _dash(mv.kind, theme)),
    )
    head = Polygon(tuple(_shift_pt(p, offset) for p in route.head), Style(theme.arrow_color, None))
    return Group(
        (shaft, head),
        id=f"move-{mv.from_}--{mv.to}",
        classes=("move", f"move-{mv.kind}"),
        title=tip,
    )


def _route_extent(route: Route, theme: Theme) -> Box:
    """The box around an arrow's shaft (its stroke included) and head."""
    pts = [*route.samples(16), *route.head]
    half = theme.arrow_width / 2
    return Box(
        min(p[0] for p in pts) - half,
        min(p[1] for p in pts) - half,
        max(p[0] for p in pts) + half,
        max(p[1] for p in pts) + half,
    )


def _place_label(
    label: str, route: Route, placer: LabelPlacer, theme: Theme, index: int
) -> tuple[str, Box]:
    """The text shown on an arrow (shortened if long) and its box, in map px."""
    size = theme.label_size
    text, _ = shorten(label, 220, size)
    w = text_width(text, size) + 8
    h = size + 6
    return text, placer.place(route.samples(16), w, h, arrow=index)


def _move_label(label: str, text: str, box: Box, theme: Theme, mv: Move) -> Group:
    size = theme.label_size
    return Group(
        (
            Rect(
                _r(box.x0),
                _r(box.y0),
                _r(box.w),
                _r(box.h),
                Style(theme.background, None, 0, (), 0.85),
                3,
            ),
            _text(box.cx, box.cy + CAP * size / 2, text, size, theme.muted, anchor="middle"),
        ),
        id=f"label-{mv.from_}--{mv.to}",
        classes=("move-label",),
        title=label if text != label else None,
    )


def _legend(
    m: SkillsMap,
    styles: dict[str, TrackStyle],
    plan: LabelPlan,
    theme: Theme,
    x0: float,
    y0: float,
    width: float,
) -> tuple[list[Node], float]:
    """Legend rows (tracks, then move kinds) flowing within ``width``; returns nodes and height."""
    size = theme.legend_size
    row_h = 24.0
    gap = 22.0
    nodes: list[Node] = []
    used = [tid for tid in m.tracks if any(r.track == tid for r in m.roles)]
    rows: list[list[tuple[float, list[Node], str | None]]] = []

    def item(symbol_w: float, label: str, draw: list[Node]) -> tuple[float, list[Node], str | None]:
        # a label longer than the legend is wide is shortened; its full text is the tooltip
        shown, cut = shorten(label, max(width - symbol_w - 8, 40), size)
        text = _text(symbol_w + 8, CAP * size / 2, shown, size, theme.ink)
        return symbol_w + 8 + text.length, [*draw, text], label if cut else None

    track_items = []
    for tid in used:
        st = styles[tid]
        sym: list[Node] = [
            Rect(0, -8, 26, 16, Style(st.fill, st.stroke, 1.5), 4),
            marker(st.marker, 13, 0, 8, Style(st.stroke, None)),
        ]
        track_items.append(item(26, st.label, sym))
    rows.append(track_items)
    kinds = [k for k in ("promotion", "lateral", "downward") if any(mv.kind == k for mv in m.moves)]
    move_items = []
    for kind in kinds:
        line = Path(
            (("M", (0, 0)), ("L", (26, 0))),
            Style(None, theme.arrow_color, theme.arrow_width, _dash(kind, theme)),
        )
        head = Polygon(((34, 0), (25, -4), (25, 4)), Style(theme.arrow_color, None))
        label = KIND_NAMES[kind] + (f" · {plan.in_legend[kind]}" if kind in plan.in_legend else "")
        move_items.append(item(34, label, [line, head]))
    if move_items:
        rows.append(move_items)

    y = y0
    for row in rows:
        x = 0.0
        line_nodes: list[tuple[float, float, list[Node], str | None]] = []
        for w, draw, tip in row:
            if x > 0 and x + w > width:
                y += row_h
                x = 0.0
            line_nodes.append((x, y, draw, tip))
            x += w + gap
        for lx, ly, draw, tip in line_nodes:
            group = Group(tuple(draw), classes=("legend-item",), title=tip)
            nodes.append(transformed(group, 1.0, x0 + lx, ly + row_h / 2))
        y += row_h
    return nodes, y - y0
