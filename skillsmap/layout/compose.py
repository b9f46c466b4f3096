"""From plan and frame to a scene: cards, level boxes, arrows and their labels, in drawing order.

Everything is already placed in final canvas px (y down); this module only turns the plan's
records into drawing primitives with the theme's paint and the map's words.
"""

from __future__ import annotations

from skillsmap.colors import readable
from skillsmap.ids import label_id, level_id, move_id, role_id
from skillsmap.layout.frame import Frame, Part, dash
from skillsmap.layout.plan import PlacedLevel, PlacedMove, PlacedRole, Plan
from skillsmap.layout.text import CAP, line, shorten
from skillsmap.layout.tracks import TrackStyle, marker
from skillsmap.model import Role, SkillsMap
from skillsmap.scene import Group, Node, Path, Polygon, Rect, Scene, Style
from skillsmap.theme import Theme
from skillsmap.words import describe, move_tooltip, role_tooltip

LABEL_SLACK = 0.5  # px a level label may exceed its band by before it is shortened


def _level_node(lv: PlacedLevel, theme: Theme) -> Group:
    mt, pal = theme.metrics, theme.palette
    b, spot = lv.box, lv.label_box
    size = mt.level_label_size
    shown, _ = shorten(lv.label, spot.width + LABEL_SLACK, size, "bold")
    ink = readable(pal.muted, pal.level_fill, pal.min_contrast)
    y = b.y + mt.level_label_top + CAP * size
    return Group(
        (
            Rect(
                b.x,
                b.y,
                b.width,
                b.height,
                Style(pal.level_fill, pal.level_stroke, mt.level_stroke),
                mt.level_radius,
            ),
            line(spot.x, y, shown, size, ink, "bold"),
        ),
        id=level_id(lv.id),
        classes=("level",),
        title=lv.label if shown != lv.label else None,
    )


def _role_node(
    m: SkillsMap, spec_role: Role, role: PlacedRole, style: TrackStyle, theme: Theme
) -> Group:
    mt = theme.metrics
    b = role.card
    size, ms, step = mt.card_text_size, mt.marker_size, mt.card_line_height
    cy = b.y + b.height / 2
    text_x = b.x + mt.card_pad_x + ms + mt.marker_gap
    first = cy - (len(role.lines) - 1) * step / 2 + CAP * size / 2
    children: list[Node] = [
        Rect(
            b.x,
            b.y,
            b.width,
            b.height,
            Style(style.fill, style.stroke, mt.card_stroke),
            mt.card_radius,
        ),
        marker(
            style.marker, _r(b.x + mt.card_pad_x + ms / 2), _r(cy), ms, Style(style.stroke, None)
        ),
    ]
    for k, text in enumerate(role.lines):
        children.append(line(text_x, first + k * step, text, size, style.text))
    return Group(
        tuple(children),
        id=role_id(role.id),
        classes=("role", f"track-{role.track}"),
        title=role_tooltip(m, spec_role),
        href=spec_role.url,
    )


def _move_node(m: SkillsMap, index: int, mv: PlacedMove, theme: Theme) -> Group:
    mt, pal = theme.metrics, theme.palette
    shaft = Path(mv.path, Style(None, pal.arrow, mt.arrow_width, dash(mv.kind, theme)))
    head = Polygon(mv.head, Style(pal.arrow, None))
    return Group(
        (shaft, head),
        id=move_id(mv.from_, mv.to),
        classes=("move", f"move-{mv.kind}"),
        title=move_tooltip(m, m.moves[index]),
    )


def _label_node(full: str, mv: PlacedMove, theme: Theme) -> Group:
    mt, pal = theme.metrics, theme.palette
    assert mv.label is not None and mv.label_box is not None
    b = mv.label_box
    size = mt.label_size
    ink = readable(pal.muted, pal.plate, pal.min_contrast)
    plate = Style(pal.plate, None, 0, (), pal.plate_opacity)
    return Group(
        (
            Rect(b.x, b.y, b.width, b.height, plate, mt.label_radius),
            line(
                b.x + b.width / 2,
                b.y + b.height / 2 + CAP * size / 2,
                mv.label,
                size,
                ink,
                anchor="middle",
            ),
        ),
        id=label_id(mv.from_, mv.to),
        classes=("move-label",),
        title=full if mv.label != full else None,
    )


def _part(part: Part, name: str) -> Group:
    return Group(part.nodes, id=name, classes=(name,), title=part.tip)


def compose(
    m: SkillsMap, plan: Plan, frame: Frame, styles: dict[str, TrackStyle], theme: Theme
) -> Scene:
    """The whole picture: frame parts and the map's layers, back to front."""
    levels = [_level_node(lv, theme) for lv in plan.levels]
    moves = [_move_node(m, i, mv, theme) for i, mv in enumerate(plan.moves)]
    roles = [
        _role_node(m, spec, r, styles[r.track], theme)
        for spec, r in zip(m.roles, plan.roles, strict=True)
    ]
    labels = [
        _label_node(m.moves[i].label or "", mv, theme)
        for i, mv in enumerate(plan.moves)
        if mv.label is not None
    ]
    root = Group(
        (
            _part(frame.header, "header"),
            Group(tuple(levels), id="levels", classes=("levels",)),
            Group(tuple(moves), id="moves", classes=("moves",)),
            Group(tuple(roles), id="roles", classes=("roles",)),
            Group(tuple(labels), id="move-labels", classes=("move-labels",)),
            _part(frame.axes, "axes"),
            _part(frame.legend, "legend"),
            _part(frame.note, "note"),
        ),
    )
    canvas = plan.canvas
    return Scene(canvas.width, canvas.height, m.title, describe(m), theme.palette.background, root)


def _r(v: float) -> float:
    return round(v, 2) + 0.0
