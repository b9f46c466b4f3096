"""What a good map looks like, checked on the layout's plan and scene (not on pixels).

Every bundled spec and a few hundred generated maps (``tests/mapgen.py``) must satisfy the
engine's promises, with a named tolerance ``TOL`` for the 0.01 px rounding the layout applies:

- cards never overlap; any two cards keep ``metrics.card_gap`` px between them and two cards
  joined by a move keep ``metrics.shaft_gap`` px (euclidean clearance between their boxes);
- every text line (and the track marker) fits inside its card, measured like the layout does
  (``Text.length`` for the width, the font's ascent and descent for the height);
- every card sits inside its level box; level boxes never overlap; no card covers a level label;
- every arrow starts ``metrics.arrow_gap`` px from its source card and its head's tip stops
  ``metrics.arrow_gap`` px from its target card; heads lie outside every card; the shaft is at
  least ``SHAFT_MIN`` px long (the gap connected cards keep, minus both end gaps and the head);
- every primitive lies inside the canvas;
- the plan's numbers are the scene's: card and box rects, arrow paths and heads, label plates;
- a move and its reverse are drawn as two arrows bent apart (``TWO_WAY_APART``);
- on the bundled specs, no arrow crosses a card or a level label, and no arrow label covers a
  card, a level label or another arrow label (on arbitrary maps both are best effort).
"""

from __future__ import annotations

import itertools
import math
import pathlib
import time
from collections.abc import Callable, Iterator

import mapgen
import pytest
from hypothesis import HealthCheck, given, settings

import skillsmap
from skillsmap import ids
from skillsmap.conflicts import order_conflicts
from skillsmap.examples import bundled
from skillsmap.fonts import ascent, descent
from skillsmap.layout import Layout, layout
from skillsmap.layout.geometry import Box, Point
from skillsmap.layout.plan import Area, PlacedMove
from skillsmap.scene import Circle, Group, Node, Path, PathOp, Polygon, Rect, Scene, Text
from skillsmap.theme import LIGHT
from skillsmap.words import outside_role_in_box

TOL = 0.5  # px: the layout rounds coordinates to 0.01 px; anything beyond this is a defect
THEME = LIGHT
METRICS = THEME.metrics
# A shaft runs from arrow_gap past the source card to the base of the head, which stops
# arrow_gap before the target; connected cards keep shaft_gap between them.
SHAFT_MIN = METRICS.shaft_gap - 2 * METRICS.arrow_gap - METRICS.arrow_head_length  # 27 px
CURVE_SAMPLES = 200

Check = Callable[[skillsmap.SkillsMap, Layout], list[str]]


# -- reading the scene ----------------------------------------------------------------------


def groups(scene: Scene) -> dict[str, Group]:
    return {n.id: n for n, _ in scene.walk() if isinstance(n, Group) and n.id is not None}


def first(group: Group, kind: type[Node]) -> Node:
    return next(c for c in group.children if isinstance(c, kind))


def rect_box(r: Node) -> Box:
    assert isinstance(r, Rect)
    return Box(r.x, r.y, r.x + r.width, r.y + r.height)


def text_box(t: Text) -> Box:
    """The extent of a line of text: advance width by its anchor, ascent and descent."""
    shift = {"start": 0.0, "middle": t.length / 2, "end": t.length}[t.anchor]
    x0 = t.x - shift
    up, down = ascent(t.size, t.weight), descent(t.size, t.weight)
    if t.rotate == 0:
        return Box(x0, t.y - up, x0 + t.length, t.y + down)
    assert t.rotate == 90, "only quarter turns are drawn"
    # 90 degrees counter-clockwise on screen about the anchor: (dx, dy) -> (dy, -dx)
    dx0, dx1 = x0 - t.x, x0 + t.length - t.x
    return Box(t.x - up, t.y - dx1, t.x + down, t.y - dx0)


def quad(p0: Point, c: Point, p1: Point, n: int = CURVE_SAMPLES) -> list[Point]:
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append(
            (
                u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0],
                u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1],
            )
        )
    return out


def path_points(p: Path) -> list[Point]:
    return ops_points(p.ops)


def ops_points(ops: tuple[PathOp, ...]) -> list[Point]:
    pts: list[Point] = []
    cur: Point = (0.0, 0.0)
    for op in ops:
        if op[0] == "M":
            cur = op[1]
            pts.append(cur)
        elif op[0] == "L":
            pts += [
                (cur[0] + (op[1][0] - cur[0]) * i / 50, cur[1] + (op[1][1] - cur[1]) * i / 50)
                for i in range(1, 51)
            ]
            cur = op[1]
        else:
            pts += quad(cur, op[1], op[2])[1:]
            cur = op[2]
    return pts


def extent(node: Node) -> Box:
    """The bounding box of a primitive, stroke included."""
    if isinstance(node, Rect):
        half = node.style.stroke_width / 2 if node.style.stroke else 0.0
        return rect_box(node).inflate(half)
    if isinstance(node, Circle):
        return Box(node.cx - node.r, node.cy - node.r, node.cx + node.r, node.cy + node.r)
    if isinstance(node, Text):
        return text_box(node)
    pts = list(node.points) if isinstance(node, Polygon) else path_points(node)  # type: ignore[union-attr]
    half = node.style.stroke_width / 2 if node.style.stroke else 0.0
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return Box(min(xs), min(ys), max(xs), max(ys)).inflate(half)


def inside_interior(p: Point, b: Box, tol: float = TOL) -> bool:
    return b.x0 + tol < p[0] < b.x1 - tol and b.y0 + tol < p[1] < b.y1 - tol


def triangle_box_depth(tri: tuple[Point, ...], b: Box) -> float:
    """How deep a convex polygon and a box overlap (separating-axis test); <= 0 when apart."""
    corners = [(b.x0, b.y0), (b.x1, b.y0), (b.x1, b.y1), (b.x0, b.y1)]
    axes: list[Point] = [(1.0, 0.0), (0.0, 1.0)]
    for p, q in itertools.pairwise((*tri, tri[0])):
        ex, ey = q[0] - p[0], q[1] - p[1]
        n = math.hypot(ex, ey) or 1.0
        axes.append((-ey / n, ex / n))
    depth = math.inf
    for ax, ay in axes:
        a = [p[0] * ax + p[1] * ay for p in tri]
        c = [p[0] * ax + p[1] * ay for p in corners]
        depth = min(depth, min(max(a), max(c)) - max(min(a), min(c)))
    return depth


# -- the checks -----------------------------------------------------------------------------


def _connected(m: skillsmap.SkillsMap) -> set[frozenset[str]]:
    return {frozenset((mv.from_, mv.to)) for mv in m.moves}


def check_card_spacing(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    """No overlap; card_gap between any two cards, shaft_gap between connected ones."""
    joined = _connected(m)
    out = []
    for a, b in itertools.combinations(laid.plan.roles, 2):
        ba, bb = a.card.box, b.card.box
        need = METRICS.shaft_gap if frozenset((a.id, b.id)) in joined else METRICS.card_gap
        if ba.overlaps(bb, TOL):
            out.append(f"cards {a.id} and {b.id} overlap")
        elif ba.gap(bb) < need - TOL:
            out.append(f"cards {a.id} and {b.id} are {ba.gap(bb):.2f} px apart (need {need})")
    return out


def check_text_fits(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    out = []
    g = groups(laid.scene)
    for role in m.roles:
        group = g[ids.role_id(role.id)]
        card = rect_box(first(group, Rect))
        texts = [c for c in group.children if isinstance(c, Text)]
        if not texts:
            out.append(f"card {role.id} has no text")
        for node in group.children:
            if isinstance(node, Rect):
                continue
            ext = text_box(node) if isinstance(node, Text) else extent(node)
            if not card.contains(ext, TOL):
                what = f"text {node.text!r}" if isinstance(node, Text) else "marker"
                out.append(f"{what} of {role.id} leaves its card: {ext} not in {card}")
    return out


def check_cards_in_levels(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    out = []
    g = groups(laid.scene)
    for role in m.roles:
        if role.level is None:
            continue
        card = rect_box(first(g[ids.role_id(role.id)], Rect))
        box = rect_box(first(g[ids.level_id(role.level)], Rect))
        if not box.contains(card, TOL):
            out.append(f"card {role.id} leaves level box {role.level}: {card} not in {box}")
    return out


def check_levels_apart(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    out = []
    g = groups(laid.scene)
    boxes = {
        lv.id: rect_box(first(g[ids.level_id(lv.id)], Rect))
        for lv in m.levels
        if ids.level_id(lv.id) in g
    }
    for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2):
        if ba.overlaps(bb, TOL):
            out.append(f"level boxes {a} and {b} overlap")
    # free cards (no level) sit in a level box only when the render says so (the spec puts
    # them among that level's roles)
    said = set(order_conflicts(m, laid.plan))
    for role in m.roles:
        if role.level is None:
            card = rect_box(first(g[ids.role_id(role.id)], Rect))
            for lid, b in boxes.items():
                if (
                    card.overlaps(b, TOL)
                    and (role.id, outside_role_in_box(role.id, lid)) not in said
                ):
                    out.append(f"free card {role.id} overlaps level box {lid}")
    return out


def check_level_labels_clear(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    out = []
    g = groups(laid.scene)
    cards = {r.id: rect_box(first(g[ids.role_id(r.id)], Rect)) for r in m.roles}
    for lv in m.levels:
        group = g.get(ids.level_id(lv.id))
        if group is None:
            continue
        label = text_box(first(group, Text))  # type: ignore[arg-type]
        box = rect_box(first(group, Rect))
        if not box.contains(label, TOL):
            out.append(f"label of level {lv.id} leaves its box")
        for rid, card in cards.items():
            if card.overlaps(label, TOL):
                out.append(f"card {rid} covers the label of level {lv.id}")
    return out


def check_arrow_ends(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    """Start arrow_gap from the source card, tip arrow_gap from the target card."""
    plan = laid.plan
    out = []
    for mv in plan.moves:
        src, dst = plan.role(mv.from_).card.box, plan.role(mv.to).card.box
        d0 = src.distance_to_point(mv.start)
        d1 = dst.distance_to_point(mv.tip)
        if abs(d0 - METRICS.arrow_gap) > TOL:
            out.append(f"move {mv.from_}->{mv.to} starts {d0:.2f} px from its source card")
        if abs(d1 - METRICS.arrow_gap) > TOL:
            out.append(f"move {mv.from_}->{mv.to} ends {d1:.2f} px from its target card")
    return out


def check_heads_clear(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    out = []
    for mv in laid.plan.moves:
        for r in laid.plan.roles:
            depth = triangle_box_depth(mv.head, r.card.box)
            if depth > TOL:
                out.append(f"head of {mv.from_}->{mv.to} is {depth:.2f} px inside card {r.id}")
    return out


def check_shafts(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    """The shaft from its start to the head's base is at least SHAFT_MIN px (straight line)."""
    out = []
    for mv in laid.plan.moves:
        _, b1, b2 = mv.head
        base = ((b1[0] + b2[0]) / 2, (b1[1] + b2[1]) / 2)
        length = math.dist(mv.start, base)
        if length < SHAFT_MIN - TOL:
            out.append(f"move {mv.from_}->{mv.to} has a {length:.2f} px shaft")
    return out


def iter_primitives(node: Node) -> Iterator[Node]:
    if isinstance(node, Group):
        for c in node.children:
            yield from iter_primitives(c)
    else:
        yield node


def check_canvas(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    scene = laid.scene
    canvas = Box(0, 0, scene.width, scene.height)
    out = []
    for node in iter_primitives(scene.root):
        ext = extent(node)
        if not canvas.contains(ext, TOL):
            what = node.text if isinstance(node, Text) else type(node).__name__
            out.append(f"{what!r} at {ext} leaves the {scene.width}x{scene.height} canvas")
    return out


def check_no_crossings(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    """No arrow (shaft or head) passes through a card other than its ends, or a level label."""
    plan = laid.plan
    out = []
    labels = [(f"label of {lv.id}", lv.label_box.box) for lv in plan.levels]
    for mv in plan.moves:
        pts = ops_points(mv.path)
        obstacles = [(r.id, r.card.box) for r in plan.roles if r.id not in (mv.from_, mv.to)]
        for name, box in obstacles + labels:
            through = any(inside_interior(p, box) for p in pts)
            if through or triangle_box_depth(mv.head, box) > TOL:
                out.append(f"move {mv.from_}->{mv.to} crosses {name}")
    return out


def check_move_labels_clear(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    """Arrow labels cover no card, no level label and no other arrow label."""
    g = groups(laid.scene)
    cards = [(f"card {r.id}", rect_box(first(g[ids.role_id(r.id)], Rect))) for r in m.roles]
    level_labels = [
        (f"label of level {lv.id}", text_box(first(g[ids.level_id(lv.id)], Text)))  # type: ignore[arg-type]
        for lv in m.levels
        if ids.level_id(lv.id) in g
    ]
    labels = [
        (gid, rect_box(first(grp, Rect))) for gid, grp in g.items() if gid.startswith("label-")
    ]
    out = []
    for gid, box in labels:
        for name, other in cards + level_labels:
            if box.overlaps(other, TOL):
                out.append(f"{gid} covers {name}")
    for (a, ba), (b, bb) in itertools.combinations(labels, 2):
        if ba.overlaps(bb, TOL):
            out.append(f"{a} and {b} overlap")
    return out


TWO_WAY_APART = 6.0  # px between the middles of a move and its reverse (the two bend apart)
FLAT = 16  # segments a quadratic curve is flattened into


def _along(mv: PlacedMove, share: float) -> Point:
    """The point ``share`` of the way along the drawn path (curves flattened in ``FLAT`` steps)."""
    points = [mv.path[0][1]]
    for op in mv.path[1:]:
        p0 = points[-1]
        if op[0] == "Q":
            c, p1 = op[1], op[2]
            points += [
                (
                    (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * c[0] + t * t * p1[0],
                    (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * c[1] + t * t * p1[1],
                )
                for t in (k / FLAT for k in range(1, FLAT + 1))
            ]
        else:
            points.append(op[-1])
    steps = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    half = sum(steps) * share
    for (a, b), step in zip(itertools.pairwise(points), steps, strict=True):
        if half <= step and step > 0:
            t = half / step
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        half -= step
    return points[-1]


def check_two_way_apart(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    """A move and its reverse are two distinct arrows, not one line with two heads: somewhere
    along them (a quarter, half or three quarters of the way) they are apart."""
    moves = {(mv.from_, mv.to): mv for mv in laid.plan.moves}
    out = []
    for (a, b), mv in moves.items():
        back = moves.get((b, a))
        if back is not None and a < b:
            d = max(math.dist(_along(mv, f), _along(back, 1 - f)) for f in (0.25, 0.5, 0.75))
            if d < TWO_WAY_APART:
                out.append(f"moves {a}->{b} and {b}->{a} are {d:.2f} px apart")
    return out


def _same_rect(what: str, area: Area, node: Node) -> list[str]:
    assert isinstance(node, Rect)
    drawn = Area(node.x, node.y, node.width, node.height)
    return [] if drawn == area else [f"{what}: plan {area} but scene {drawn}"]


def check_plan_is_scene(m: skillsmap.SkillsMap, laid: Layout) -> list[str]:
    """The plan's numbers are exactly those drawn (same rounding), element by element."""
    plan, g = laid.plan, groups(laid.scene)
    out = []
    if (plan.canvas.width, plan.canvas.height) != (laid.scene.width, laid.scene.height):
        out.append(f"canvas {plan.canvas} but scene {laid.scene.width}x{laid.scene.height}")
    for r in plan.roles:
        out += _same_rect(f"card {r.id}", r.card, first(g[ids.role_id(r.id)], Rect))
    for lv in plan.levels:
        out += _same_rect(f"level {lv.id}", lv.box, first(g[ids.level_id(lv.id)], Rect))
    for mv in plan.moves:
        group = g[ids.move_id(mv.from_, mv.to)]
        shaft, head = first(group, Path), first(group, Polygon)
        assert isinstance(shaft, Path) and isinstance(head, Polygon)
        if shaft.ops != mv.path or head.points != mv.head:
            out.append(f"move {mv.from_}->{mv.to}: plan path differs from the scene's")
        label = g.get(ids.label_id(mv.from_, mv.to))
        if (label is None) != (mv.label_box is None):
            out.append(f"move {mv.from_}->{mv.to}: label in only one of plan and scene")
        elif label is not None and mv.label_box is not None:
            out += _same_rect(f"label {mv.from_}->{mv.to}", mv.label_box, first(label, Rect))
    return out


CHECKS: dict[str, Check] = {
    "card_spacing": check_card_spacing,
    "text_fits": check_text_fits,
    "cards_in_levels": check_cards_in_levels,
    "levels_apart": check_levels_apart,
    "level_labels_clear": check_level_labels_clear,
    "arrow_ends": check_arrow_ends,
    "heads_clear": check_heads_clear,
    "shafts": check_shafts,
    "canvas": check_canvas,
    "two_way_apart": check_two_way_apart,
    "plan_is_scene": check_plan_is_scene,
}
# promises kept on the bundled specs, best effort on arbitrary maps
BUNDLED_ONLY: dict[str, Check] = {
    "no_crossings": check_no_crossings,
    "move_labels_clear": check_move_labels_clear,
}


def all_problems(m: skillsmap.SkillsMap, laid: Layout | None = None) -> list[str]:
    laid = laid or layout(m, THEME)
    return [p for check in CHECKS.values() for p in check(m, laid)]


# -- bundled specs ------------------------------------------------------------------------------

BUNDLED = {p.name: p for p in bundled()}


@pytest.fixture(scope="module", params=sorted(BUNDLED))
def bundled_layout(request: pytest.FixtureRequest) -> tuple[skillsmap.SkillsMap, Layout]:
    m = skillsmap.load(BUNDLED[request.param])
    return m, layout(m, THEME)


@pytest.mark.parametrize("name", [*CHECKS, *BUNDLED_ONLY])
def test_bundled(bundled_layout: tuple[skillsmap.SkillsMap, Layout], name: str) -> None:
    m, laid = bundled_layout
    check = CHECKS.get(name) or BUNDLED_ONLY[name]
    assert check(m, laid) == []


def test_bundled_specs_exist() -> None:
    assert "senior-engineer.yaml" in BUNDLED and len(BUNDLED) >= 2


# -- generated maps ------------------------------------------------------------------------------

GENERATED = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@given(mapgen.spec_texts())
@settings(GENERATED, max_examples=60)
def test_generated_specs_are_valid(text: str) -> None:
    """The generator only makes specs the loader accepts (it raises SpecError otherwise)."""
    m = skillsmap.loads(text, "<generated>")
    assert 1 <= len(m.roles) <= 40 and len(m.moves) <= 60 and len(m.levels) <= 6


@given(mapgen.maps())
@GENERATED
def test_generated_maps(m: skillsmap.SkillsMap) -> None:
    assert all_problems(m) == []


@given(mapgen.maps(crowded=True))
@settings(GENERATED, max_examples=120)
def test_crowded_maps(m: skillsmap.SkillsMap) -> None:
    assert all_problems(m) == []


@given(mapgen.maps(explicit_boxes=True))
@settings(GENERATED, max_examples=80)
def test_maps_with_explicit_boxes(m: skillsmap.SkillsMap) -> None:
    assert all_problems(m) == []


REGRESSIONS = sorted((pathlib.Path(__file__).parent / "regressions").glob("*.yaml"))


@pytest.mark.parametrize("spec", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_maps_the_generators_once_broke(spec: pathlib.Path) -> None:
    """Inputs Hypothesis found that once broke an invariant (each file says which and how)."""
    assert REGRESSIONS
    assert all_problems(skillsmap.load(spec)) == []


def test_same_point_everywhere() -> None:
    """Forty connected cards on one exact point still end up apart, with visible arrows."""
    roles = "\n".join(
        f"  - {{id: r{i}, title: Role number {i}, track: t, soft: 5, hard: 5}}" for i in range(40)
    )
    moves = "\n".join(f"  - {{from: r{i}, to: r{i + 1}}}" for i in range(39))
    m = skillsmap.loads(
        f"title: Pile\ntracks: {{t: {{label: T}}}}\nlevels: []\nroles:\n{roles}\nmoves:\n{moves}\n"
    )
    laid = layout(m, THEME)
    assert all_problems(m, laid) == []
    # a compact block in spec order, not one tall column
    roles = laid.plan.roles
    boxes = [r.card.box for r in roles]
    width = max(b.x1 for b in boxes) - min(b.x0 for b in boxes)
    height = max(b.y1 for b in boxes) - min(b.y0 for b in boxes)
    assert 0.5 < width / height < 2
    first_row = [r for r in roles if abs(r.card.y - roles[0].card.y) < 1]
    assert [r.id for r in first_row] == [f"r{i}" for i in range(len(first_row))]
    assert len(first_row) > 1


def test_explicit_box_too_small_grows() -> None:
    """Cards that cannot fit their explicit box make it grow instead of overlapping."""
    m = skillsmap.loads(
        """
title: Small boxes
tracks: {ic: {label: IC}, mgmt: {label: Management}}
levels:
  - {id: L5, box: {soft: [0, 3], hard: [0, 1]}}
  - {id: L6, box: {soft: [3, 6], hard: [2, 3]}}
  - {id: L7, box: {soft: [6, 6.1], hard: [9, 9.2]}}
roles:
  - {id: a, title: Senior Engineer, track: ic, level: L5, soft: 0.5, hard: 0.5}
  - {id: b, title: Engineering Manager, track: mgmt, level: L5, soft: 1, hard: 0.5}
  - {id: c, title: Product Manager, track: mgmt, level: L5, soft: 2, hard: 0.8}
  - {id: d, title: Staff Engineer, track: ic, level: L6, soft: 4, hard: 2.5}
  - {id: e, title: Senior Engineering Manager, track: mgmt, level: L6, soft: 4.2, hard: 2.6}
moves:
  - {from: a, to: b, kind: lateral}
  - {from: b, to: a, kind: lateral}
  - {from: a, to: d}
  - {from: b, to: e}
"""
    )
    laid = layout(m, THEME)
    assert all_problems(m, laid) == []
    boxes = {lv.id: lv.box for lv in laid.plan.levels}
    assert set(boxes) == {"L5", "L6", "L7"}  # an explicit box is drawn even when empty
    assert boxes["L5"].height > 1 * laid.plan.scale[1]  # grown past its one unit of hard skills


# -- size ------------------------------------------------------------------------------------


def big_spec(n_roles: int = 1000, n_moves: int = 1500) -> str:
    """A deterministic large map: 1,000 roles in 10 levels, 1,500 moves."""
    lines = ["title: Big", "tracks:"]
    lines += [f"  t{k}: {{label: Track {k}}}" for k in range(5)]
    lines.append("levels:")
    lines += [f"  - {{id: L{k}}}" for k in range(10)]
    lines.append("roles:")
    for i in range(n_roles):
        soft = (i * 37 % 1000) / 100
        hard = (i * 53 % 1000) / 100
        lines.append(
            f"  - {{id: r{i}, title: Role {i} title, track: t{i % 5}, level: L{i % 10}, "
            f"soft: {soft}, hard: {hard}}}"
        )
    lines.append("moves:")
    seen: set[tuple[int, int]] = set()
    k = 0
    while len(seen) < n_moves:
        a, b = k % n_roles, (k * 7 + 1 + k // n_roles) % n_roles
        k += 1
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            lines.append(f"  - {{from: r{a}, to: r{b}}}")
    return "\n".join(lines) + "\n"


def test_thousand_roles_complete() -> None:
    """Layout of 1,000 roles and 1,500 moves finishes and keeps its spacing promises."""
    m = skillsmap.loads(big_spec())
    start = time.perf_counter()
    laid = layout(m, THEME)
    elapsed = time.perf_counter() - start
    assert len(laid.plan.roles) == 1000 and len(laid.plan.moves) == 1500
    print(f"layout of 1,000 roles / 1,500 moves: {elapsed:.1f} s")
    for name in ("card_spacing", "cards_in_levels", "levels_apart", "arrow_ends", "shafts"):
        assert CHECKS[name](m, laid) == [], name
