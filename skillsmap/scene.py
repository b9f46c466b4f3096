"""Backend-neutral drawing primitives: what the layout produces and the backends consume.

Units are CSS pixels at 1x scale. The origin is the top-left corner of the canvas and y grows
downward (the SVG convention); each backend applies its one transform to this space. Colours are
``#rrggbb`` strings or ``None`` for "none". Every number is already rounded by the layout, so the
same map always yields the same scene.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

Weight = Literal["regular", "bold"]
Anchor = Literal["start", "middle", "end"]
Point: TypeAlias = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Style:
    """Paint of a shape. ``dash`` is an on/off pattern in px; empty means solid."""

    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    dash: tuple[float, ...] = ()
    opacity: float = 1.0


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle with corner radius ``rx`` (its top-left corner at x, y)."""

    x: float
    y: float
    width: float
    height: float
    style: Style
    rx: float = 0.0
    css_class: str | None = None


@dataclass(frozen=True, slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    style: Style


@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed polygon, used for arrowheads and track markers."""

    points: tuple[Point, ...]
    style: Style


PathOp: TypeAlias = (
    tuple[Literal["M"], Point] | tuple[Literal["L"], Point] | tuple[Literal["Q"], Point, Point]
)


@dataclass(frozen=True, slots=True)
class Path:
    """An open path of moves (M), lines (L) and quadratic curves (Q: control, end)."""

    ops: tuple[PathOp, ...]
    style: Style


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text. ``(x, y)`` is the anchor point on the baseline.

    ``length`` is the advance width measured by the layout with the bundled font; backends use
    it (SVG ``textLength``) so every renderer gives the text the same extent. ``rotate`` is in
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


@dataclass(frozen=True, slots=True)
class Group:
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


@dataclass(frozen=True, slots=True)
class Scene:
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
