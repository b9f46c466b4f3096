"""Backend-neutral drawing primitives: what the layout produces and the backends consume.

Units are CSS pixels at 1x scale. The origin is the top-left corner of the canvas and y grows
downward (the SVG convention); each backend applies its one transform to this space. Colours are
``#rrggbb`` strings or ``None`` for "none". Every number is already rounded by the layout, so the
same map always yields the same scene.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, TypeAlias

Weight = Literal["regular", "bold"]
Anchor = Literal["start", "middle", "end"]
Point: TypeAlias = tuple[float, float]


class Style(NamedTuple):
    """Paint of a shape. ``dash`` is an on/off pattern in px; empty means solid."""

    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    dash: tuple[float, ...] = ()
    opacity: float = 1.0


class Rect(NamedTuple):
    """An axis-aligned rectangle with corner radius ``rx`` (its top-left corner at x, y)."""

    x: float
    y: float
    width: float
    height: float
    style: Style
    rx: float = 0.0
    css_class: str | None = None


class Circle(NamedTuple):
    cx: float
    cy: float
    r: float
    style: Style


class Polygon(NamedTuple):
    """A closed polygon, used for arrowheads and track markers."""

    points: tuple[Point, ...]
    style: Style


PathOp: TypeAlias = (
    tuple[Literal["M"], Point] | tuple[Literal["L"], Point] | tuple[Literal["Q"], Point, Point]
)


class Path(NamedTuple):
    """An open path of moves (M), lines (L) and quadratic curves (Q: control, end)."""

    ops: tuple[PathOp, ...]
    style: Style


class Text(NamedTuple):
    """One line of text. ``(x, y)`` is the anchor point on the baseline.

    ``length`` is the advance width measured by the layout with the bundled font, plus
    ``letter_spacing`` after every character but the last; backends use it (SVG
    ``textLength``) so every renderer gives the text the same extent. ``rotate`` is in
    degrees, counter-clockwise on screen, about the anchor point.
    """

    x: float
    y: float
    text: str
    size: float
    length: float
    fill: str
    weight: Weight = "regular"
    anchor: Anchor = "start"
    rotate: float = 0.0
    letter_spacing: float = 0.0


class Group(NamedTuple):
    """A logical element (a role, a level, a move, the legend...).

    ``id`` and ``classes`` become SVG attributes; ``title`` is the tooltip; ``href`` wraps the
    group in a link. Ids and classes are already XML-safe; title and href are raw user text that
    the backend must escape and vet.
    """

    children: tuple[Node, ...]
    id: str | None = None
    classes: tuple[str, ...] = ()
    title: str | None = None
    href: str | None = None


Node: TypeAlias = Rect | Circle | Polygon | Path | Text | Group


class Scene(NamedTuple):
    """A whole picture: canvas size, accessible title and description, and the drawing."""

    width: float
    height: float
    title: str
    description: str
    background: str
    root: Group

    def walk(self) -> list[tuple[Node, tuple[Group, ...]]]:
        """Every node in drawing order with the chain of groups that contain it."""
        out: list[tuple[Node, tuple[Group, ...]]] = []

        def visit(node: Node, parents: tuple[Group, ...]) -> None:
            out.append((node, parents))
            if isinstance(node, Group):
                for child in node.children:
                    visit(child, (*parents, node))

        visit(self.root, ())
        return out


def _pt(p: Point, s: float, dx: float, dy: float) -> Point:
    return (round(p[0] * s + dx, 2), round(p[1] * s + dy, 2))


def _style(style: Style, s: float) -> Style:
    if s == 1:
        return style
    return Style(
        style.fill,
        style.stroke,
        round(style.stroke_width * s, 3),
        tuple(round(d * s, 3) for d in style.dash),
        style.opacity,
    )


def transformed(node: Node, s: float = 1.0, dx: float = 0.0, dy: float = 0.0) -> Node:
    """``node`` scaled by ``s`` about the origin, then moved by (dx, dy)."""
    if isinstance(node, Group):
        return Group(
            tuple(transformed(c, s, dx, dy) for c in node.children),
            node.id,
            node.classes,
            node.title,
            node.href,
        )
    if isinstance(node, Rect):
        x, y = _pt((node.x, node.y), s, dx, dy)
        return Rect(
            x,
            y,
            round(node.width * s, 2),
            round(node.height * s, 2),
            _style(node.style, s),
            round(node.rx * s, 2),
            node.css_class,
        )
    if isinstance(node, Circle):
        cx, cy = _pt((node.cx, node.cy), s, dx, dy)
        return Circle(cx, cy, round(node.r * s, 2), _style(node.style, s))
    if isinstance(node, Polygon):
        return Polygon(tuple(_pt(p, s, dx, dy) for p in node.points), _style(node.style, s))
    if isinstance(node, Path):
        ops: list[PathOp] = []
        for op in node.ops:
            if op[0] == "Q":
                ops.append(("Q", _pt(op[1], s, dx, dy), _pt(op[2], s, dx, dy)))
            elif op[0] == "M":
                ops.append(("M", _pt(op[1], s, dx, dy)))
            else:
                ops.append(("L", _pt(op[1], s, dx, dy)))
        return Path(tuple(ops), _style(node.style, s))
    x, y = _pt((node.x, node.y), s, dx, dy)
    return Text(
        x,
        y,
        node.text,
        round(node.size * s, 3),
        round(node.length * s, 2),
        node.fill,
        node.weight,
        node.anchor,
        node.rotate,
        round(node.letter_spacing * s, 3),
    )


def fit(scene: Scene, width: float, height: float) -> Scene:
    """``scene`` scaled uniformly to fit ``width`` x ``height`` px, centred (letterboxed)."""
    s = min(width / scene.width, height / scene.height)
    dx = (width - scene.width * s) / 2
    dy = (height - scene.height * s) / 2
    root = transformed(scene.root, s, dx, dy)
    assert isinstance(root, Group)
    return Scene(width, height, scene.title, scene.description, scene.background, root)
