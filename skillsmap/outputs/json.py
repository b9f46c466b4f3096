"""JSON layout output (``-f json``): where everything of a drawn map is, as a versioned document.

Geometry is in the SVG's CSS px (origin top-left, y down) and equals what the SVG writes: a
map fitted to a ``--size`` gets its picture's scaling and offset. Spec coordinates (``soft``,
``hard``) are axis units. Keys come in a fixed order and the text is UTF-8 with a trailing
newline, so the same map always gives the same bytes. A breaking change bumps ``VERSION``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from skillsmap.outputs import Options, Output, register
from skillsmap.scene import Group, Path, PathOp, Point, Polygon, Rect, Style, Text, transformed

if TYPE_CHECKING:
    from skillsmap.layout.plan import Area, PlacedLevel, PlacedMove, PlacedRole
    from skillsmap.model import SkillsMap
    from skillsmap.pipeline import Built
    from skillsmap.scene import Scene

FORMAT = "skillsmap-layout"
VERSION = 1
_NO_STYLE = Style()


class _Place:
    """Plan px to picture px: the uniform scale and offset the scene was fitted with."""

    def __init__(self, built: Built) -> None:
        canvas, scene = built.layout.plan.canvas, built.scene
        if (canvas.width, canvas.height) == (scene.width, scene.height):
            self.s, self.dx, self.dy = 1.0, 0.0, 0.0
        else:  # the same numbers skillsmap.scene.fit uses
            self.s = min(scene.width / canvas.width, scene.height / canvas.height)
            self.dx = (scene.width - canvas.width * self.s) / 2
            self.dy = (scene.height - canvas.height * self.s) / 2

    def rect(self, area: Area) -> dict[str, float]:
        r = transformed(Rect(area.x, area.y, area.width, area.height, _NO_STYLE), *self._t)
        assert isinstance(r, Rect)
        return {"x": _n(r.x), "y": _n(r.y), "width": _n(r.width), "height": _n(r.height)}

    def path(self, ops: tuple[PathOp, ...]) -> list[list[str | float]]:
        p = transformed(Path(ops, _NO_STYLE), *self._t)
        assert isinstance(p, Path)
        return [[op[0], *(_n(v) for point in op[1:] for v in point)] for op in p.ops]

    def points(self, points: tuple[Point, ...]) -> list[list[float]]:
        p = transformed(Polygon(points, _NO_STYLE), *self._t)
        assert isinstance(p, Polygon)
        return [[_n(x), _n(y)] for x, y in p.points]

    @property
    def _t(self) -> tuple[float, float, float]:
        return (self.s, self.dx, self.dy)


def _n(value: float) -> float:
    return float(value) + 0.0  # never -0.0, always a JSON float


def _d(path: list[list[str | float]]) -> str:
    """The SVG ``d`` attribute of ``path``, spelled as the SVG backend spells it."""
    from skillsmap.backends.base import num

    return " ".join(f"{op[0]}{' '.join(num(float(v)) for v in op[1:])}" for op in path)


def _role(m: SkillsMap, r: PlacedRole, place: _Place) -> dict[str, Any]:
    spec = m.role(r.id)
    return {
        "id": r.id,
        "title": spec.title,
        "lines": list(r.lines),
        "track": r.track,
        "level": r.level,
        "soft": _n(spec.soft),
        "hard": _n(spec.hard),
        "card": place.rect(r.card),
        "description": spec.description,
        "url": spec.url,
        "aliases": dict(spec.aliases),
    }


def _level(lv: PlacedLevel, place: _Place) -> dict[str, Any]:
    return {
        "id": lv.id,
        "label": lv.label,
        "box": place.rect(lv.box),
        "label_box": place.rect(lv.label_box),
    }


def _move(full: str | None, mv: PlacedMove, place: _Place) -> dict[str, Any]:
    path = place.path(mv.path)
    label = None
    if full is not None:
        rect = None if mv.label_box is None else place.rect(mv.label_box)
        label = {"text": full, "shown": mv.label, "rect": rect}
    return {
        "from": mv.from_,
        "to": mv.to,
        "kind": mv.kind,
        "path": path,
        "d": _d(path),
        "head": place.points(mv.head),
        "label": label,
    }


def _tracks(built: Built) -> list[dict[str, str]]:
    from skillsmap.layout.tracks import track_styles

    styles = track_styles(built.model, built.theme.palette).values()
    keys = ("id", "label", "stroke", "fill", "text", "marker")
    return [{key: getattr(s, key) for key in keys} for s in styles]


def _legend_items(scene: Scene) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The legend's track and move entries as drawn, with their full text."""
    tracks: list[dict[str, str]] = []
    moves: list[dict[str, str]] = []
    for node, _ in scene.walk():
        if not isinstance(node, Group) or "legend-item" not in node.classes:
            continue
        shown = [t.text for t in node.children if isinstance(t, Text)][-1]
        label = node.title or shown
        for cls in node.classes:
            if cls.startswith("track-"):
                tracks.append({"id": cls.removeprefix("track-"), "label": label})
            elif cls.startswith("move-"):
                moves.append({"kind": cls.removeprefix("move-"), "label": label})
    return tracks, moves


def layout_document(built: Built) -> dict[str, Any]:
    """The whole layout of ``built`` as plain JSON-ready data, keys in their fixed order."""
    m, plan, scene = built.model, built.layout.plan, built.scene
    place = _Place(built)
    legend_tracks, legend_moves = _legend_items(scene)
    axes = {
        name: {"label": axis.label, "min": _n(axis.min), "max": _n(axis.max)}
        for name, axis in (("soft", m.axes.soft), ("hard", m.axes.hard))
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": m.title,
        "subtitle": m.subtitle,
        "note": m.note,
        "theme": built.theme.name,
        "canvas": {
            "width": _n(scene.width),
            "height": _n(scene.height),
            "background": scene.background,
        },
        "axes": axes,
        "tracks": _tracks(built),
        "roles": [_role(m, r, place) for r in plan.roles],
        "levels": [_level(lv, place) for lv in plan.levels],
        "moves": [_move(m.moves[i].label, mv, place) for i, mv in enumerate(plan.moves)],
        "legend": {
            "rect": place.rect(plan.legend),
            "tracks": legend_tracks,
            "moves": legend_moves,
        },
    }


def _flat(value: Any) -> bool:
    """A scalar, or a list or object holding only scalars."""
    inner = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return not any(isinstance(v, dict | list) for v in inner)


def dumps(value: Any, depth: int = 0) -> str:
    """``value`` as JSON indented two spaces a level; a list or object holding no list or
    object is written on one line (a rect, a point, a path command)."""
    import json  # here: the SVG path never writes JSON

    if _flat(value):
        return json.dumps(value, ensure_ascii=False)
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        items = [
            f"{json.dumps(k, ensure_ascii=False)}: {dumps(v, depth + 1)}" for k, v in value.items()
        ]
        brackets = "{}"
    else:
        items = [dumps(v, depth + 1) for v in value]
        brackets = "[]"
    body = ",\n".join(pad + item for item in items)
    return f"{brackets[0]}\n{body}\n{'  ' * depth}{brackets[1]}"


def encode_json(built: Built, options: Options) -> bytes:
    """``built``'s layout document as UTF-8 JSON (see :func:`dumps`), ending in a newline."""
    return (dumps(layout_document(built)) + "\n").encode("utf-8")


JSON = register(Output("json", "json", "built", encode_json, "layout as data for other tools"))

__all__ = ["FORMAT", "JSON", "VERSION", "dumps", "encode_json", "layout_document"]
