"""Audit a rendered skills map: read its SVG back and list every breach of "what a good map is".

The audit is independent of the layout engine: it parses the SVG as a user's tool would (with
``defusedxml``), relying only on the SVG output contract — ``g.role`` with a card ``<rect>``,
``g.level`` with a ``<rect>`` and a label ``<text>``, ``g.move`` with a ``<path>``,
``g.move-label`` with a plate ``<rect>`` and text, all in absolute root coordinates — and on the
spec model (:func:`skillsmap.load`) for what the drawing should mean.

Units: SVG user units (CSS px, y pointing down) for geometry; spec axis units for coordinates.
Text extents come from the font (:func:`skillsmap.fonts.text_width`, ascent and descent).

Definitions (each an exact list of offenders in spec order, see :class:`Audit`):

- an arrow *passes through* a rectangle when its path, flattened into a polyline (curves sampled
  every :data:`STEP` px along their control polygon), meets the rectangle shrunk by
  :data:`TOL` on every side;
- two rectangles *overlap* when their intersection is more than :data:`TOL` wide and tall;
- a rectangle is *inside* another when no edge is more than :data:`FIT_TOL` outside it;
- a label is *astray* when its plate is more than :data:`NEAR` px from its own path, or not
  strictly nearer to its own path than to every other path;
- two arrows *cross* when their polylines properly intersect (the segments cross, not merely
  touch), ignoring points inside a card both arrows share, grown by :data:`END_RADIUS`;
- an *order swap* is a pair of roles whose spec coordinates differ by at least
  :data:`ORDER_GAP` of that axis's range but whose card centres come out strictly in the
  opposite order on that axis (x grows rightwards, hard skills upwards);
- a swap is *forced* (listed apart, in ``forced_swaps``) when no drawing could avoid it: the
  two roles are in different levels whose boxes share some width (so one is stacked over the
  other), the spec's level heights (below) put the lower role's level above the other's (so
  its box is on top, or the pair is a level inversion), and their roles interleave on the soft
  axis both ways by :data:`ORDER_GAP` (so the boxes cannot stand side by side either);
- a *level inversion* is a pair of levels (A, B) whose spec height — the mean ``hard`` of their
  roles, or the centre of the explicit box for a level without roles — puts A strictly below B,
  while their boxes are disjoint in y (no shared height) and A's box is drawn above B's.
  Boxes that share some height cannot be judged and are skipped;
- *missing* names an element the spec asks for that the SVG lacks (``role:ID``, ``move:A->B``);
  a move label may be shown in the legend instead, so its absence is not a defect.

SVG ids are matched against ids built from the spec (``role-ID``, ``level-ID``,
``move-FROM--TO``, ``label-FROM--TO``, each spec id encoded as the README's id scheme says);
the arrowhead polygon is not part of the path.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import NamedTuple, TypeVar
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as ET  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt

from skillsmap import fonts
from skillsmap.model import SkillsMap
from skillsmap.scene import Weight

TOL = 1.0  # px: rectangles are shrunk by this before an arrow or another box may touch them
FIT_TOL = 0.5  # px: how far a card may stick out of its box, or a text out of its card
NEAR = 10.0  # px: the farthest a label plate may sit from its own arrow
STEP = 2.0  # px: sampling step along curves (measured on the control polygon)
END_RADIUS = 12.0  # px: around a shared card, arrows may meet without counting as a crossing
ORDER_GAP = 0.10  # fraction of an axis: pairs at least this far apart must keep their order

SVG_NS = "{http://www.w3.org/2000/svg}"

Point = tuple[float, float]
Segment = tuple[Point, Point]
MoveKey = tuple[str, str]  # (from role id, to role id)
K = TypeVar("K", str, MoveKey)
Array = npt.NDArray[np.float64]
Polyline = Array  # (n, 4): one segment x0 y0 x1 y1 per row


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle in px, ``x0 <= x1`` and ``y0 <= y1``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def grown(self, d: float) -> Rect:
        """This rectangle with ``d`` px added on every side (``d < 0`` shrinks)."""
        return Rect(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)

    def empty(self) -> bool:
        return self.x0 >= self.x1 or self.y0 >= self.y1

    def overlaps(self, other: Rect, tol: float = TOL) -> bool:
        """The intersection is more than ``tol`` wide and more than ``tol`` tall."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w > tol and h > tol

    def inside(self, other: Rect, tol: float = FIT_TOL) -> bool:
        """No edge of this rectangle lies more than ``tol`` outside ``other``."""
        return (
            self.x0 >= other.x0 - tol
            and self.y0 >= other.y0 - tol
            and self.x1 <= other.x1 + tol
            and self.y1 <= other.y1 + tol
        )

    def holds(self, p: Point) -> bool:
        return self.x0 <= p[0] <= self.x1 and self.y0 <= p[1] <= self.y1


# ---- path flattening ------------------------------------------------------------------------

_TOKEN = re.compile(r"[MmLlHhVvQqTtCcSsAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "Q": 4, "T": 2, "C": 6, "S": 4, "A": 7, "Z": 0}


def _sample_count(points: Sequence[Point]) -> int:
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
    return max(1, math.ceil(length / STEP))


def _bezier(points: Sequence[Point], t: float) -> Point:
    """De Casteljau evaluation of the Bézier curve with control ``points`` at ``t``."""
    pts = list(points)
    while len(pts) > 1:
        pts = [
            (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in itertools.pairwise(pts)
        ]
    return pts[0]


def _curve(points: Sequence[Point]) -> list[Point]:
    """Samples of a Bézier curve after its start point, at :data:`STEP` px of control polygon."""
    n = _sample_count(points)
    return [_bezier(points, i / n) for i in range(1, n + 1)]


def _arc(start: Point, args: Sequence[float]) -> list[Point]:
    """Samples of an SVG elliptical arc after ``start`` (endpoint parametrisation, F.6.5)."""
    rx, ry, phi_deg, large, sweep, x2, y2 = args
    rx, ry = abs(rx), abs(ry)
    x1, y1 = start
    if rx == 0 or ry == 0 or (x1, y1) == (x2, y2):
        return [(x2, y2)]
    phi = math.radians(phi_deg)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    xp, yp = cos * dx + sin * dy, -sin * dx + cos * dy
    scale = xp * xp / (rx * rx) + yp * yp / (ry * ry)
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp
    den = rx * rx * yp * yp + ry * ry * xp * xp
    coef = math.sqrt(max(0.0, num / den)) * (-1 if bool(large) == bool(sweep) else 1)
    cxp, cyp = coef * rx * yp / ry, -coef * ry * xp / rx
    cx = cos * cxp - sin * cyp + (x1 + x2) / 2
    cy = sin * cxp + cos * cyp + (y1 + y2) / 2
    theta1 = math.atan2((yp - cyp) / ry, (xp - cxp) / rx)
    dtheta = math.atan2((-yp - cyp) / ry, (-xp - cxp) / rx) - theta1
    if sweep and dtheta < 0:
        dtheta += math.tau
    elif not sweep and dtheta > 0:
        dtheta -= math.tau
    n = max(1, math.ceil(abs(dtheta) * max(rx, ry) / STEP))
    out = []
    for i in range(1, n + 1):
        a = theta1 + dtheta * i / n
        ex, ey = rx * math.cos(a), ry * math.sin(a)
        out.append((cos * ex - sin * ey + cx, sin * ex + cos * ey + cy))
    out[-1] = (x2, y2)
    return out


def _commands(d: str) -> Iterator[tuple[str, list[float]]]:
    """Each command letter of path data with its numbers, implicit repeats split out."""
    tokens = _TOKEN.findall(d)
    i, cmd = 0, ""
    while i < len(tokens):
        first = i == 0
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
        if first and cmd not in ("M", "m"):
            raise ValueError(f"path data must start with a moveto: {d!r}")
        arity = _ARITY[cmd.upper()]
        args = [float(t) for t in tokens[i : i + arity]]
        if len(args) < arity:
            raise ValueError(f"path data ends inside a {cmd!r} command: {d!r}")
        i += arity
        yield cmd, args
        if arity == 0 and i < len(tokens) and not tokens[i].isalpha():
            raise ValueError(f"numbers after a close-path command: {d!r}")
        if cmd in ("M", "m"):
            cmd = "L" if cmd == "M" else "l"


def flatten(d: str) -> list[Segment]:
    """The segments of path data ``d`` (M L H V Q T C S A Z, absolute or relative) in px."""
    segments: list[Segment] = []
    cur: Point = (0.0, 0.0)
    start: Point = cur
    last_ctrl: Point | None = None
    for cmd, raw in _commands(d):
        up = cmd.upper()
        rel = cmd != up
        args = _absolute(up, raw, cur) if rel else raw
        if up == "M":
            cur = start = (args[0], args[1])
            last_ctrl = None
            continue
        pts, ctrl = _segment_points(up, args, cur, start, last_ctrl)
        segments.extend(itertools.pairwise([cur, *pts]))
        cur, last_ctrl = pts[-1], ctrl
    return segments


def _absolute(up: str, args: list[float], cur: Point) -> list[float]:
    """Relative command arguments made absolute against the current point."""
    if up == "H":
        return [args[0] + cur[0]]
    if up == "V":
        return [args[0] + cur[1]]
    if up == "A":
        return [*args[:5], args[5] + cur[0], args[6] + cur[1]]
    return [a + cur[i % 2] for i, a in enumerate(args)]


def _segment_points(
    up: str, a: list[float], cur: Point, start: Point, last_ctrl: Point | None
) -> tuple[list[Point], Point | None]:
    """Polyline points after ``cur`` for one drawing command, and its last control point."""
    mirror = (2 * cur[0] - last_ctrl[0], 2 * cur[1] - last_ctrl[1]) if last_ctrl else cur
    if up == "L":
        return [(a[0], a[1])], None
    if up == "H":
        return [(a[0], cur[1])], None
    if up == "V":
        return [(cur[0], a[0])], None
    if up == "Z":
        return [start], None
    if up == "Q":
        return _curve([cur, (a[0], a[1]), (a[2], a[3])]), (a[0], a[1])
    if up == "T":
        return _curve([cur, mirror, (a[0], a[1])]), mirror
    if up == "C":
        return _curve([cur, (a[0], a[1]), (a[2], a[3]), (a[4], a[5])]), (a[2], a[3])
    if up == "S":
        return _curve([cur, mirror, (a[0], a[1]), (a[2], a[3])]), (a[0], a[1])
    return _arc(cur, a), None


# ---- polyline geometry (vectorised: one row per segment, x0 y0 x1 y1) ----------------------


def polyline(segments: Sequence[Segment]) -> Polyline:
    """The segments as an ``(n, 4)`` array of ``x0 y0 x1 y1`` rows."""
    rows = [(a[0], a[1], b[0], b[1]) for a, b in segments]
    return np.array(rows, dtype=np.float64).reshape(len(rows), 4)


def extent(poly: Polyline) -> Rect | None:
    """The smallest rectangle around the polyline, or None for an empty one."""
    if not len(poly):
        return None
    xs, ys = poly[:, 0::2], poly[:, 1::2]
    return Rect(float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))


def _touches(a: Rect, b: Rect) -> bool:
    return a.x0 <= b.x1 and b.x0 <= a.x1 and a.y0 <= b.y1 and b.y0 <= a.y1


def _cross(dx: Array, dy: Array, ex: Array, ey: Array) -> Array:
    return dx * ey - dy * ex


def hits(poly: Polyline, r: Rect) -> npt.NDArray[np.bool_]:
    """Which segments meet the closed rectangle (bounding boxes touch and the rectangle's
    corners are not all strictly on one side of the segment's line)."""
    x0, y0, x1, y1 = poly[:, 0], poly[:, 1], poly[:, 2], poly[:, 3]
    boxed = (
        (np.minimum(x0, x1) <= r.x1)
        & (np.maximum(x0, x1) >= r.x0)
        & (np.minimum(y0, y1) <= r.y1)
        & (np.maximum(y0, y1) >= r.y0)
    )
    sides = np.stack([_cross(x1 - x0, y1 - y0, cx - x0, cy - y0) for cx, cy in _corners(r)], axis=1)
    one_side = np.all(sides > 0, axis=1) | np.all(sides < 0, axis=1)
    return np.asarray(boxed & ~one_side)


def _corners(r: Rect) -> tuple[Point, Point, Point, Point]:
    return (r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)


def path_hits_rect(poly: Polyline, r: Rect) -> bool:
    """Whether the polyline meets the (non-empty) rectangle."""
    box = extent(poly)
    if r.empty() or box is None or not _touches(box, r):
        return False
    return bool(hits(poly, r).any())


def rect_path_distance(r: Rect, poly: Polyline) -> float:
    """The least distance in px between the rectangle and the polyline (0 when they meet)."""
    if not len(poly):
        return math.inf
    if hits(poly, r).any():
        return 0.0
    ends = np.concatenate([poly[:, 0:2], poly[:, 2:4]])
    gx = np.maximum(np.maximum(r.x0 - ends[:, 0], 0.0), ends[:, 0] - r.x1)
    gy = np.maximum(np.maximum(r.y0 - ends[:, 1], 0.0), ends[:, 1] - r.y1)
    best = float(np.hypot(gx, gy).min())
    x0, y0 = poly[:, 0], poly[:, 1]
    dx, dy = poly[:, 2] - x0, poly[:, 3] - y0
    length2 = np.where(dx * dx + dy * dy == 0, 1.0, dx * dx + dy * dy)
    for cx, cy in _corners(r):
        t = np.clip(((cx - x0) * dx + (cy - y0) * dy) / length2, 0.0, 1.0)
        best = min(best, float(np.hypot(x0 + t * dx - cx, y0 + t * dy - cy).min()))
    return best


def _near(poly: Polyline, box: Rect) -> Polyline:
    """The segments whose bounding boxes touch ``box``."""
    keep = (
        (np.minimum(poly[:, 0], poly[:, 2]) <= box.x1)
        & (np.maximum(poly[:, 0], poly[:, 2]) >= box.x0)
        & (np.minimum(poly[:, 1], poly[:, 3]) <= box.y1)
        & (np.maximum(poly[:, 1], poly[:, 3]) >= box.y0)
    )
    return poly[keep]


def crossings(a: Polyline, b: Polyline) -> list[Point]:
    """Every proper crossing between two polylines: segments whose ends lie strictly on
    opposite sides of each other's line (touching ends and collinear overlaps do not count)."""
    box_a, box_b = extent(a), extent(b)
    if box_a is None or box_b is None or not _touches(box_a, box_b):
        return []
    s, t = _near(a, box_b)[:, None, :], _near(b, box_a)[None, :, :]
    sdx, sdy = s[..., 2] - s[..., 0], s[..., 3] - s[..., 1]
    tdx, tdy = t[..., 2] - t[..., 0], t[..., 3] - t[..., 1]
    d1 = _cross(tdx, tdy, s[..., 0] - t[..., 0], s[..., 1] - t[..., 1])
    d2 = _cross(tdx, tdy, s[..., 2] - t[..., 0], s[..., 3] - t[..., 1])
    d3 = _cross(sdx, sdy, t[..., 0] - s[..., 0], t[..., 1] - s[..., 1])
    d4 = _cross(sdx, sdy, t[..., 2] - s[..., 0], t[..., 3] - s[..., 1])
    i, j = np.nonzero((d1 * d2 < 0) & (d3 * d4 < 0))
    k = d1[i, j] / (d1[i, j] - d2[i, j])
    seg = s[i, 0]
    xs, ys = seg[:, 0] + k * (seg[:, 2] - seg[:, 0]), seg[:, 1] + k * (seg[:, 3] - seg[:, 1])
    return [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]


# ---- reading the SVG ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Drawing:
    """The geometry of a map as read back from its SVG, keyed by spec ids."""

    cards: dict[str, Rect]  # role id -> card
    card_texts: dict[str, list[tuple[str, Rect]]]  # role id -> (text, extent) of each line
    boxes: dict[str, Rect]  # level id -> box
    level_labels: dict[str, Rect]  # level id -> extent of its label text
    paths: dict[MoveKey, Polyline]  # move -> flattened path
    plates: dict[MoveKey, Rect]  # move -> its label's plate
    missing: list[str]


def move_id(key: MoveKey) -> str:
    return f"{key[0]}->{key[1]}"


def _rect(el: Element) -> Rect:
    x, y = float(el.get("x", "0")), float(el.get("y", "0"))
    return Rect(x, y, x + float(el.get("width", "0")), y + float(el.get("height", "0")))


def text_extent(el: Element) -> Rect:
    """The ink box of a ``<text>`` (advance width by its anchor, ascender to descender)."""
    text = "".join(el.itertext())
    size = float(el.get("font-size", "16"))
    weight: Weight = "bold" if el.get("font-weight") in ("bold", "700") else "regular"
    width = fonts.text_width(text, size, weight)
    x, y = float(el.get("x", "0")), float(el.get("y", "0"))
    shift = {"middle": 0.5, "end": 1.0}.get(el.get("text-anchor", "start"), 0.0)
    x0 = x - width * shift
    return Rect(x0, y - fonts.ascent(size, weight), x0 + width, y + fonts.descent(size, weight))


def _groups(root: Element) -> dict[str, Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG_NS}g") if g.get("id")}


def _classed(groups: dict[str, Element], gid: str, cls: str) -> Element | None:
    g = groups.get(gid)
    return g if g is not None and cls in g.get("class", "").split() else None


def _enc(spec_id: str) -> str:
    """A spec id as the README's id scheme writes it inside an element id (read independently)."""
    out = []
    for i, ch in enumerate(spec_id):
        edge = i in (0, len(spec_id) - 1)
        beside = "-" in (spec_id[i - 1 : i] + spec_id[i + 1 : i + 2])
        out.append("__" if ch == "_" else "_-" if ch == "-" and (edge or beside) else ch)
    return "".join(out)


def read_svg(svg: bytes | str, m: SkillsMap) -> Drawing:
    """Find every role, level, move and move label of ``m`` in the SVG document."""
    groups = _groups(ET.fromstring(svg))
    d = Drawing({}, {}, {}, {}, {}, {}, [])
    for role in m.roles:
        g = _classed(groups, f"role-{_enc(role.id)}", "role")
        rect = None if g is None else g.find(f"{SVG_NS}rect")
        if g is None or rect is None:
            d.missing.append(f"role:{role.id}")
            continue
        d.cards[role.id] = _rect(rect)
        d.card_texts[role.id] = [
            ("".join(t.itertext()), text_extent(t)) for t in g.findall(f"{SVG_NS}text")
        ]
    for level in m.levels:
        g = _classed(groups, f"level-{_enc(level.id)}", "level")
        rect = None if g is None else g.find(f"{SVG_NS}rect")
        if g is None or rect is None:
            continue
        d.boxes[level.id] = _rect(rect)
        label = g.find(f"{SVG_NS}text")
        if label is not None:
            d.level_labels[level.id] = text_extent(label)
    for move in m.moves:
        _read_move(groups, (move.from_, move.to), move.label is not None, d)
    return d


def _read_move(groups: dict[str, Element], key: MoveKey, labelled: bool, d: Drawing) -> None:
    """The move's path (missing if absent) and, when drawn, its label plate.

    A label may legitimately be drawn elsewhere (the legend lists durations shared by every
    move of a kind), so an absent plate is not reported.
    """
    g = _classed(groups, f"move-{_enc(key[0])}--{_enc(key[1])}", "move")
    path = None if g is None else g.find(f"{SVG_NS}path")
    if path is None:
        d.missing.append(f"move:{move_id(key)}")
    else:
        d.paths[key] = polyline(flatten(path.get("d", "")))
    if not labelled:
        return
    g = _classed(groups, f"label-{_enc(key[0])}--{_enc(key[1])}", "move-label")
    plate = None if g is None else g.find(f"{SVG_NS}rect")
    if plate is not None:
        d.plates[key] = _rect(plate)


# ---- the audit ------------------------------------------------------------------------------


class Hit(NamedTuple):
    """A move's arrow or label over something else (a role, level or another move's id)."""

    move: MoveKey
    other: str


class MovePair(NamedTuple):
    a: MoveKey
    b: MoveKey


class Astray(NamedTuple):
    """A label plate ``own`` px from its arrow; the nearest other arrow and its distance."""

    move: MoveKey
    own: float
    nearest: MoveKey | None
    other: float | None


class Swap(NamedTuple):
    """Roles drawn in the wrong order on ``axis``: the spec puts ``low`` below ``high``."""

    axis: str
    low: str
    high: str


class LevelPair(NamedTuple):
    """Levels whose boxes are drawn upside down: the spec puts ``lower`` below ``upper``."""

    lower: str
    upper: str


class RolePair(NamedTuple):
    a: str
    b: str


class Misfit(NamedTuple):
    role: str
    level: str


class Overflow(NamedTuple):
    role: str
    text: str


@dataclass(frozen=True, slots=True)
class Audit:
    """Everything wrong with one drawn map; each field an exact list in spec order."""

    arrows_through_cards: list[Hit] = field(default_factory=list)
    arrows_through_level_labels: list[Hit] = field(default_factory=list)
    arrows_through_move_labels: list[MovePair] = field(default_factory=list)
    labels_over_cards: list[Hit] = field(default_factory=list)
    labels_over_labels: list[MovePair] = field(default_factory=list)
    labels_astray: list[Astray] = field(default_factory=list)
    arrow_crossings: list[MovePair] = field(default_factory=list)
    order_swaps: list[Swap] = field(default_factory=list)
    forced_swaps: list[Swap] = field(default_factory=list)
    level_inversions: list[LevelPair] = field(default_factory=list)
    cards_outside_box: list[Misfit] = field(default_factory=list)
    card_overlaps: list[RolePair] = field(default_factory=list)
    text_outside_card: list[Overflow] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The number of offenders per category, in field order."""
        return {f.name: len(getattr(self, f.name)) for f in fields(self)}

    def summary(self) -> str:
        """One line: ``clean``, or the non-zero counts."""
        counts = self.counts()
        total = sum(counts.values())
        found = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
        return "clean" if not total else f"{total} defect{'s' * (total != 1)}: {found}"


def audit(svg: bytes | str, m: SkillsMap) -> Audit:
    """Audit the SVG drawing of map ``m``."""
    d = read_svg(svg, m)
    swaps = _swaps(d, m)
    return Audit(
        arrows_through_cards=_through_cards(d),
        arrows_through_level_labels=_through_rects(d, d.level_labels),
        arrows_through_move_labels=_through_plates(d),
        labels_over_cards=_labels_over_cards(d),
        labels_over_labels=[MovePair(a, b) for a, b in _overlapping(d.plates)],
        labels_astray=_astray(d),
        arrow_crossings=_crossings(d),
        order_swaps=[s for s in swaps if not _forced(s, d, m)],
        forced_swaps=[s for s in swaps if _forced(s, d, m)],
        level_inversions=_inversions(d, m),
        cards_outside_box=[
            Misfit(r.id, r.level)
            for r in m.roles
            if r.level in d.boxes and r.id in d.cards and not d.cards[r.id].inside(d.boxes[r.level])
        ],
        card_overlaps=[RolePair(a, b) for a, b in _overlapping(d.cards)],
        text_outside_card=[
            Overflow(role, text)
            for role, lines in d.card_texts.items()
            for text, extent in lines
            if not extent.inside(d.cards[role])
        ],
        missing=list(d.missing),
    )


def _overlapping(rects: dict[K, Rect]) -> list[tuple[K, K]]:
    """Every pair of overlapping rectangles, in insertion order."""
    keys = list(rects)
    return [
        (a, b) for i, a in enumerate(keys) for b in keys[i + 1 :] if rects[a].overlaps(rects[b])
    ]


def _through_cards(d: Drawing) -> list[Hit]:
    return [
        Hit(key, role)
        for key, segs in d.paths.items()
        for role, card in d.cards.items()
        if role not in key and path_hits_rect(segs, card.grown(-TOL))
    ]


def _through_rects(d: Drawing, rects: dict[str, Rect]) -> list[Hit]:
    return [
        Hit(key, name)
        for key, segs in d.paths.items()
        for name, r in rects.items()
        if path_hits_rect(segs, r.grown(-TOL))
    ]


def _through_plates(d: Drawing) -> list[MovePair]:
    return [
        MovePair(key, other)
        for key, segs in d.paths.items()
        for other, plate in d.plates.items()
        if other != key and path_hits_rect(segs, plate.grown(-TOL))
    ]


def _labels_over_cards(d: Drawing) -> list[Hit]:
    return [
        Hit(key, role)
        for key, plate in d.plates.items()
        for role, card in d.cards.items()
        if plate.overlaps(card)
    ]


def _astray(d: Drawing) -> list[Astray]:
    out = []
    for key, plate in d.plates.items():
        if key not in d.paths:
            continue
        own = rect_path_distance(plate, d.paths[key])
        others = [(rect_path_distance(plate, s), k) for k, s in d.paths.items() if k != key]
        nearest = min(others, default=None)
        if own > NEAR or (nearest is not None and nearest[0] <= own):
            out.append(
                Astray(
                    key,
                    round(own, 2),
                    None if nearest is None else nearest[1],
                    None if nearest is None else round(nearest[0], 2),
                )
            )
    return out


def _crossings(d: Drawing) -> list[MovePair]:
    keys = list(d.paths)
    out = []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            shared = [d.cards[r].grown(END_RADIUS) for r in set(a) & set(b) if r in d.cards]
            points = crossings(d.paths[a], d.paths[b])
            if any(not any(z.holds(p) for z in shared) for p in points):
                out.append(MovePair(a, b))
    return out


def _swaps(d: Drawing, m: SkillsMap) -> list[Swap]:
    roles = [r for r in m.roles if r.id in d.cards]
    gaps = {
        "soft": ORDER_GAP * (m.axes.soft.max - m.axes.soft.min),
        "hard": ORDER_GAP * (m.axes.hard.max - m.axes.hard.min),
    }
    out = []
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            for axis in ("soft", "hard"):
                low, high = (a, b) if getattr(a, axis) < getattr(b, axis) else (b, a)
                if getattr(high, axis) - getattr(low, axis) < gaps[axis]:
                    continue
                lo_card, hi_card = d.cards[low.id], d.cards[high.id]
                if (axis == "soft" and lo_card.cx > hi_card.cx) or (
                    axis == "hard" and lo_card.cy < hi_card.cy
                ):
                    out.append(Swap(axis, low.id, high.id))
    return out


def _forced(s: Swap, d: Drawing, m: SkillsMap) -> bool:
    low, high = m.role(s.low), m.role(s.high)
    if s.axis != "hard" or low.level == high.level or low.level is None or high.level is None:
        return False
    if low.level not in d.boxes or high.level not in d.boxes:
        return False
    a, b = d.boxes[low.level], d.boxes[high.level]
    heights = level_heights(m)
    if not (a.x0 < b.x1 and b.x0 < a.x1) or heights[low.level] <= heights[high.level]:
        return False
    gap = ORDER_GAP * (m.axes.soft.max - m.axes.soft.min)
    softs_a = [r.soft for r in m.roles if r.level == low.level]
    softs_b = [r.soft for r in m.roles if r.level == high.level]
    return max(softs_a) - min(softs_b) >= gap and max(softs_b) - min(softs_a) >= gap


def level_heights(m: SkillsMap) -> dict[str, float]:
    """Each level's spec height: its roles' mean ``hard``, else its explicit box's centre."""
    out: dict[str, float] = {}
    for level in m.levels:
        hards = [r.hard for r in m.roles if r.level == level.id]
        if hards:
            out[level.id] = sum(hards) / len(hards)
        elif level.box is not None:
            out[level.id] = sum(level.box.hard) / 2
    return out


def _inversions(d: Drawing, m: SkillsMap) -> list[LevelPair]:
    heights = {k: v for k, v in level_heights(m).items() if k in d.boxes}
    names = list(heights)
    out = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if heights[a] == heights[b]:
                continue
            lower, upper = (a, b) if heights[a] < heights[b] else (b, a)
            lo_box, up_box = d.boxes[lower], d.boxes[upper]
            disjoint = lo_box.y1 <= up_box.y0 or up_box.y1 <= lo_box.y0
            if disjoint and lo_box.cy < up_box.cy:
                out.append(LevelPair(lower, upper))
    return out
