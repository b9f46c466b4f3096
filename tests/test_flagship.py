"""The flagship map, read back from its SVG, says what the article says (``FLAGSHIP.md``).

Only relative positions matter, so every assertion compares cards with each other, using the
geometry anyone can read from the SVG: the ``<rect>`` of each ``<g id="role-...">`` card and
``<g id="level-...">`` box, and the ``<path>`` and ``<polygon>`` of each ``<g id="move-...">``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as StdET
from dataclasses import dataclass

import defusedxml.ElementTree as ET
import pytest

import skillsmap
from skillsmap.examples import flagship
from skillsmap.ids import decode_parts
from skillsmap.layout import layout
from skillsmap.outputs.images import draw
from skillsmap.pipeline import map_warnings

SVG = "{http://www.w3.org/2000/svg}"
TOL = 0.5  # px
SIDE_BY_SIDE = 12.0  # px: centres of cards "side by side" differ at most this much vertically
CLOSE = 0.25  # product roles sit within this fraction of the map's width of their tech twin

PRODUCT_AND_TECH = [
    ("product-manager", "engineering-manager"),
    ("senior-product-manager", "senior-engineering-manager"),
    ("director-of-product", "director-of-tech"),
    ("senior-director-of-product", "senior-director-of-tech"),
    ("vp-of-product", "vp-of-tech"),
]


@dataclass(frozen=True)
class R:
    """A rectangle read from the SVG (y down)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, other: R) -> bool:
        return (
            other.x >= self.x - TOL
            and other.y >= self.y - TOL
            and other.x + other.w <= self.x + self.w + TOL
            and other.y + other.h <= self.y + self.h + TOL
        )

    def holds(self, p: tuple[float, float]) -> bool:
        return (
            self.x - TOL <= p[0] <= self.x + self.w + TOL
            and self.y - TOL <= p[1] <= self.y + self.h + TOL
        )


@dataclass(frozen=True)
class Drawn:
    cards: dict[str, R]
    levels: dict[str, R]
    level_labels: dict[str, str]
    moves: dict[tuple[str, str], list[tuple[float, float]]]  # sampled shaft + head points
    move_kinds: dict[tuple[str, str], str]


def _rect(el: StdET.Element) -> R:
    rect = el.find(f".//{SVG}rect")
    assert rect is not None, el.get("id")
    return R(*(float(rect.get(k, "nan")) for k in ("x", "y", "width", "height")))


def _path_points(d: str) -> list[tuple[float, float]]:
    """Points along an SVG path of M, L and Q commands (absolute), curves sampled."""
    tokens = re.findall(r"[MLQ]|-?\d+(?:\.\d+)?(?:e-?\d+)?", d)
    pts: list[tuple[float, float]] = []
    cur = (0.0, 0.0)
    i = 0
    while i < len(tokens):
        op = tokens[i]
        if op == "Q":
            c = (float(tokens[i + 1]), float(tokens[i + 2]))
            end = (float(tokens[i + 3]), float(tokens[i + 4]))
            for k in range(1, 33):
                t = k / 32
                u = 1 - t
                pts.append(
                    (
                        u * u * cur[0] + 2 * u * t * c[0] + t * t * end[0],
                        u * u * cur[1] + 2 * u * t * c[1] + t * t * end[1],
                    )
                )
            cur = end
            i += 5
        else:
            assert op in "ML", d
            cur = (float(tokens[i + 1]), float(tokens[i + 2]))
            pts.append(cur)
            i += 3
    return pts


def read_svg(data: bytes) -> Drawn:
    root = ET.fromstring(data)
    cards: dict[str, R] = {}
    levels: dict[str, R] = {}
    labels: dict[str, str] = {}
    moves: dict[tuple[str, str], list[tuple[float, float]]] = {}
    kinds: dict[tuple[str, str], str] = {}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id") or ""
        classes = (g.get("class") or "").split()
        if gid.startswith("role-") and "role" in classes:
            cards[decode_parts(gid.removeprefix("role-"))[0]] = _rect(g)
        elif gid.startswith("level-") and "level" in classes:
            lid = decode_parts(gid.removeprefix("level-"))[0]
            levels[lid] = _rect(g)
            text = g.find(f".//{SVG}text")
            assert text is not None
            labels[lid] = "".join(text.itertext())
        elif gid.startswith("move-") and "move" in classes:
            src, dst = decode_parts(gid.removeprefix("move-"))
            path = g.find(f".//{SVG}path")
            head = g.find(f".//{SVG}polygon")
            assert path is not None and head is not None
            pts = _path_points(path.get("d", ""))
            pts += [
                (float(x), float(y))
                for x, y in (p.split(",") for p in head.get("points", "").split())
            ]
            moves[(src, dst)] = pts
            kinds[(src, dst)] = next(c.removeprefix("move-") for c in classes if c != "move")
    return Drawn(cards, levels, labels, moves, kinds)


@pytest.fixture(scope="module")
def spec() -> skillsmap.SkillsMap:
    return skillsmap.load(flagship())


@pytest.fixture(scope="module")
def drawn(spec: skillsmap.SkillsMap) -> Drawn:
    return read_svg(draw(layout(spec).scene, "svg"))


def test_plan_numbers_are_the_svg_numbers(spec: skillsmap.SkillsMap, drawn: Drawn) -> None:
    """The plan's rects are exactly those the SVG writes (both rounded to 0.01 px)."""
    plan = layout(spec).plan
    for role in plan.roles:
        c = role.card
        assert drawn.cards[role.id] == R(c.x, c.y, c.width, c.height), role.id
    for lv in plan.levels:
        b = lv.box
        assert drawn.levels[lv.id] == R(b.x, b.y, b.width, b.height), lv.id


def test_everything_is_drawn(spec: skillsmap.SkillsMap, drawn: Drawn) -> None:
    assert set(drawn.cards) == {r.id for r in spec.roles}
    assert set(drawn.levels) == {lv.id for lv in spec.levels}
    assert set(drawn.moves) == {(mv.from_, mv.to) for mv in spec.moves}


def test_senior_engineer_is_bottom_left(drawn: Drawn) -> None:
    """Read from the bottom-left corner, starting at Senior Engineer."""
    se = drawn.cards["senior-engineer"]
    for rid, card in drawn.cards.items():
        if rid != "senior-engineer":
            assert se.cx < card.cx, rid
            assert se.cy > card.cy - TOL, rid  # y grows downward: largest y is lowest
    others = [c for rid, c in drawn.cards.items() if rid != "senior-engineer"]
    assert se.cy >= max(c.cy for c in others)
    assert se.cx == min(c.cx for c in drawn.cards.values())


def test_staff_sre_left_of_staff_engineer_side_by_side(drawn: Drawn) -> None:
    sre, staff = drawn.cards["staff-sre"], drawn.cards["staff-engineer"]
    assert sre.x + sre.w < staff.x  # entirely to its left
    assert abs(sre.cy - staff.cy) <= SIDE_BY_SIDE


def test_director_of_tech_above_senior_engineering_manager(drawn: Drawn) -> None:
    dt, sem = drawn.cards["director-of-tech"], drawn.cards["senior-engineering-manager"]
    assert dt.y + dt.h < sem.y  # entirely above it


def test_every_move_goes_right(drawn: Drawn) -> None:
    for src, dst in drawn.moves:
        assert drawn.cards[dst].cx > drawn.cards[src].cx, (src, dst)


@pytest.mark.parametrize(("product", "tech"), PRODUCT_AND_TECH)
def test_product_a_bit_left_of_tech(drawn: Drawn, product: str, tech: str) -> None:
    """Product jobs sit very close to their tech-management twin, the tech one further right."""
    xs = [c.cx for c in drawn.cards.values()]
    width = max(xs) - min(xs)
    p, t = drawn.cards[product], drawn.cards[tech]
    assert p.cx < t.cx
    assert t.cx - p.cx <= CLOSE * width


def test_lateral_moves_only_inside_l5(drawn: Drawn) -> None:
    box = drawn.levels["L5"]
    laterals = [mv for mv, kind in drawn.move_kinds.items() if kind == "lateral"]
    assert set(laterals) == {
        ("senior-engineer", "product-manager"),
        ("senior-engineer", "engineering-manager"),
    }
    for src, dst in laterals:
        assert box.contains(drawn.cards[src]) and box.contains(drawn.cards[dst])
        assert all(box.holds(p) for p in drawn.moves[(src, dst)]), (src, dst)
    # and every move drawn inside L5 is lateral
    for (src, dst), kind in drawn.move_kinds.items():
        if box.contains(drawn.cards[src]) and box.contains(drawn.cards[dst]):
            assert kind == "lateral", (src, dst)


def test_l9_10_holds_senior_directors_and_vps(drawn: Drawn) -> None:
    box = drawn.levels["L9-10"]
    for rid in (
        "senior-director-of-product",
        "senior-director-of-tech",
        "vp-of-product",
        "vp-of-tech",
    ):
        assert box.contains(drawn.cards[rid]), rid


def test_boxes_above_l5_are_ranges(drawn: Drawn) -> None:
    """Every box above L5 spans levels: 'L6-7' style, or open-ended like 'L11+'."""
    above = {lid: label for lid, label in drawn.level_labels.items() if lid != "L5"}
    assert above
    single = [label for label in above.values() if "-" not in label and not label.endswith("+")]
    assert single == []


def test_boxes_hold_their_cards(spec: skillsmap.SkillsMap, drawn: Drawn) -> None:
    for role in spec.roles:
        assert role.level is not None
        assert drawn.levels[role.level].contains(drawn.cards[role.id]), role.id


def test_no_warnings(spec: skillsmap.SkillsMap) -> None:
    assert map_warnings(spec, layout(spec)) == []
    assert skillsmap.check(flagship()) == []
