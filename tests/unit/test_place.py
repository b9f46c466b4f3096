"""Placement: order kept, clusters compact, level boxes in level order, honest warnings."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

import skillsmap
from skillsmap.examples import bundled
from skillsmap.layout import layout
from skillsmap.layout.cards import make_card
from skillsmap.layout.place import CLUSTER, FAR_SHARE, ORDER_GAP, _Dag, _links, place
from skillsmap.model import SkillsMap
from skillsmap.pipeline import build
from skillsmap.theme import LIGHT
from skillsmap.words import box_grown, level_order_conflict, moved_far, outside_role_in_box

METRICS = LIGHT.metrics
TOL = 0.01  # px: the placement rounds to 0.01 px
LADDERS = sorted((Path(__file__).resolve().parents[1] / "ladders").glob("*.yaml"))


def spec(roles: list[str], levels: str = "[]", moves: str = "[]") -> SkillsMap:
    return skillsmap.loads(
        "title: T\ntracks: {t: {label: T}}\n"
        f"levels: {levels}\nroles:\n" + "\n".join(f"  - {r}" for r in roles) + f"\nmoves: {moves}\n"
    )


def role(rid: str, soft: float, hard: float, level: str | None = None) -> str:
    lv = f", level: {level}" if level else ""
    return f"{{id: {rid}, title: Role {rid}, track: t, soft: {soft}, hard: {hard}{lv}}}"


def swaps(m: SkillsMap) -> list[tuple[str, str, str]]:
    """Pairs ORDER_GAP of an axis apart drawn in the wrong order (brute force, for tests)."""
    plan = layout(m).plan
    span_s, span_h = m.axes.soft.max - m.axes.soft.min, m.axes.hard.max - m.axes.hard.min
    out = []
    for a, b in itertools.combinations(plan.roles, 2):
        if b.soft - a.soft >= 0.1 * span_s and b.card.box.cx < a.card.box.cx:
            out.append(("soft", a.id, b.id))
        if a.soft - b.soft >= 0.1 * span_s and a.card.box.cx < b.card.box.cx:
            out.append(("soft", b.id, a.id))
        if b.hard - a.hard >= 0.1 * span_h and b.card.box.cy > a.card.box.cy:
            out.append(("hard", a.id, b.id))
        if a.hard - b.hard >= 0.1 * span_h and a.card.box.cy > b.card.box.cy:
            out.append(("hard", b.id, a.id))
    return out


def test_the_thresholds_are_the_audits() -> None:
    assert round(ORDER_GAP, 3) == 0.1
    assert CLUSTER < ORDER_GAP
    assert FAR_SHARE == 0.15


def test_a_crowded_row_keeps_its_left_to_right_order() -> None:
    # twelve cards 0.3 apart on one line: far closer than their width, so they must spread
    m = spec([role(f"r{i}", 1 + 0.3 * i, 5) for i in range(12)])
    assert swaps(m) == []
    xs = [r.card.box.cx for r in layout(m).plan.roles]
    assert xs == sorted(xs)


def test_a_crowded_diagonal_keeps_both_orders() -> None:
    m = spec([role(f"r{i}", 2 + 0.25 * i, 2 + 0.25 * i) for i in range(20)])
    assert swaps(m) == []


@pytest.mark.parametrize("path", [*bundled(), *LADDERS], ids=lambda p: Path(p).stem)
def test_bundled_maps_and_ladders_keep_every_order(path: Path) -> None:
    assert swaps(skillsmap.load(path)) == []


def test_roles_on_one_point_form_a_compact_grid_in_spec_order() -> None:
    m = spec([role(f"r{i}", 5, 5) for i in range(6)])
    plan = layout(m).plan
    cards = [r.card for r in plan.roles]
    cols = sorted({round(c.x, 2) for c in cards})
    rows = sorted({round(c.y, 2) for c in cards}, reverse=True)  # bottom row first
    # cells as large as the largest card plus the gap; ceil(sqrt(6 * cell_h / cell_w)) columns
    cell_w = max(c.width for c in cards) + METRICS.card_gap
    cell_h = max(c.height for c in cards) + METRICS.card_gap
    columns = math.ceil(math.sqrt(6 * cell_h / cell_w))
    assert (len(cols), len(rows)) == (columns, math.ceil(6 / columns))
    # read like the map: bottom-left first, left to right, then upwards
    order = sorted(plan.roles, key=lambda r: (rows.index(round(r.card.y, 2)), r.card.x))
    assert [r.id for r in order] == [f"r{i}" for i in range(6)]


def test_level_boxes_keep_the_level_order_even_when_a_role_strays() -> None:
    # L7's mean hard (6.0) is above L6's (4.3) although L6 has a role at 6.5: the boxes
    # overlap horizontally, so L7's box is drawn above L6's
    m = spec(
        [
            role("a", 2, 3.0, "L6"),
            role("b", 4, 3.5, "L6"),
            role("c", 3, 6.5, "L6"),
            role("d", 3, 5.5, "L7"),
            role("e", 5, 6.5, "L7"),
        ],
        levels="[{id: L6}, {id: L7}]",
    )
    boxes = {lv.id: lv.box for lv in layout(m).plan.levels}
    assert boxes["L7"].y + boxes["L7"].height <= boxes["L6"].y - METRICS.level_gap + TOL


def test_levels_side_by_side_stay_side_by_side() -> None:
    m = spec(
        [role("a", 1, 5, "A"), role("b", 2, 5.2, "A"), role("c", 8, 5.1, "B"), role("d", 9, 5)],
        levels="[{id: A}, {id: B}]",
    )
    plan = layout(m).plan
    boxes = {lv.id: lv.box for lv in plan.levels}
    assert boxes["A"].y < boxes["B"].y + boxes["B"].height  # they share a band of height
    assert boxes["A"].x + boxes["A"].width <= boxes["B"].x
    assert layout(m).displaced == ()


def test_place_for_a_plot_uses_its_size_per_axis() -> None:
    m = spec([role("a", 0, 0), role("b", 10, 10)])
    cards = [make_card(r, METRICS) for r in m.roles]
    placement = place(m, cards, [], METRICS, (1500.0, 600.0))
    assert placement.scale == (150.0, 60.0)
    assert (cards[1].x - cards[0].x, cards[0].y - cards[1].y) == pytest.approx(
        (1500.0, 600.0), abs=TOL
    )


def test_an_explicit_box_too_small_grows_and_says_by_how_much() -> None:
    # twelve cards in a box one unit square: more than the warp can make room for
    m = spec(
        [role(f"r{i}", 0.55 + 0.08 * i, 0.6 + 0.07 * (i % 4), "L5") for i in range(12)],
        levels="[{id: L5, box: {soft: [0.5, 1.5], hard: [0.5, 1.5]}}]",
    )
    laid = layout(m)
    assert [g.level_id for g in laid.grown] == ["L5"]
    grown = laid.grown[0]
    assert grown.wider > 0 or grown.taller > 0
    message = next(w.message for w in build(m).warnings if "box" in w.message)
    assert message == box_grown("L5", grown.wider, grown.taller)


def overlapping_levels(softs: tuple[float, float, float, float]) -> SkillsMap:
    """L1 (roles a, b at hard 9 and 1) and L2 (c, d at hard 6 and 5.5), at the given softs:
    L2 is higher on average, yet 'a' is higher than both of its roles."""
    hards = (9.0, 1.0, 6.0, 5.5)
    return spec(
        [
            role(rid, soft, hard, level)
            for rid, soft, hard, level in zip(
                "abcd", softs, hards, ("L1", "L1", "L2", "L2"), strict=True
            )
        ],
        levels="[{id: L1}, {id: L2}]",
    )


def test_a_role_whose_level_puts_it_far_from_its_coordinates_is_reported() -> None:
    # 'a' (hard 9) belongs to the lower level, whose roles interleave with L2's in width:
    # the boxes cannot stand side by side, so 'a' is drawn in its box, under L2's roles
    m = overlapping_levels((3, 7, 4, 6))
    laid = layout(m)
    # 'a' drawn down among its level; L2's roles, pushed up past it, read higher than they are
    assert [(d.role_id, d.direction) for d in laid.displaced] == [
        ("a", "down"),
        ("c", "up"),
        ("d", "up"),
    ]
    assert laid.displaced[0].distance > FAR_SHARE * 8
    # at 'a', sorted by message: the level conflict, then how far 'a' moved; then 'c', 'd'
    assert [w.message for w in build(m).warnings] == [
        level_order_conflict("a", "L1", "d", "L2", 3.5),
        *(moved_far(d.role_id, d.distance, d.direction, d.avoided) for d in laid.displaced),
    ]


def test_levels_whose_roles_overlap_in_height_stand_side_by_side_when_width_allows() -> None:
    # stacked (L2 above, its roles higher on average), 'a' would come out below 'c' and 'd';
    # the two levels' roles are less than 10% of the soft axis apart the wrong way round
    m = overlapping_levels((5, 5.5, 5, 5.5))
    laid = layout(m)
    boxes = {lv.id: lv.box for lv in laid.plan.levels}
    assert boxes["L1"].x + boxes["L1"].width <= boxes["L2"].x
    cards = {r.id: r.card for r in laid.plan.roles}
    assert cards["a"].y < cards["c"].y < cards["d"].y < cards["b"].y
    assert not any("is drawn below role" in w.message for w in build(m).warnings)


def test_a_role_without_a_level_among_a_levels_roles_is_drawn_in_its_box() -> None:
    m = spec(
        [role("a", 4, 8.0, "L1"), role("b", 6, 2.0, "L1"), role("x", 5, 5.0)],
        levels="[{id: L1}]",
    )
    laid = layout(m)
    box = next(lv.box for lv in laid.plan.levels)
    cards = {r.id: r.card for r in laid.plan.roles}
    assert box.x <= cards["x"].x and cards["x"].x + cards["x"].width <= box.x + box.width
    assert cards["a"].y < cards["x"].y < cards["b"].y
    assert [w.message for w in build(m).warnings] == [outside_role_in_box("x", "L1")]


def test_spreading_the_whole_map_evenly_is_not_reported() -> None:
    m = spec([role(f"r{i}", i % 4 * 0.2, i // 4 * 0.2) for i in range(16)])
    assert layout(m).displaced == ()


def test_the_sentences() -> None:
    assert moved_far("vp", 1.23, "right", "role 'svp'") == (
        "role 'vp' was drawn 1.2 units right of its coordinates to make room for role 'svp'"
    )
    assert moved_far("x", 2.0, "up", None) == "role 'x' was drawn 2.0 units above its coordinates"
    assert box_grown("L6", 0.8, 0.0) == (
        "level 'L6': its box was drawn 0.8 units wider than the spec's to hold its roles"
    )
    assert box_grown("L6", 0.8, 0.3) == (
        "level 'L6': its box was drawn 0.8 units wider and 0.3 units taller than the spec's "
        "to hold its roles"
    )


def test_placement_is_deterministic() -> None:
    m = spec([role(f"r{i}", (i * 37) % 10, (i * 53) % 10) for i in range(30)])
    assert layout(m).plan == layout(m).plan


def test_units_whose_roles_interleave_in_soft_order_are_linked() -> None:
    # entries are (-soft, offset px) per unit, sorted; ``need`` is in soft units
    one = [(-3.0, 0.0), (-1.0, 0.0)]  # roles at soft 3 and 1
    two = [(-2.0, 0.0)]  # a role at 2, between them: moving either alone swaps a pair
    far = [(-9.0, 0.0)]  # right of both: one order only, free to move
    assert _links([one, two, far], 0.5, []) == [0, 0, 2]
    assert _links([one, two, far], 1.5, []) == [0, 1, 2]  # 1 apart is not far enough
    assert _links([one, two, far], 0.5, [(0, 1)]) == [0, 1, 2]  # a pair set side by side


def test_a_forward_edge_cannot_close_a_cycle_through_a_backward_one() -> None:
    dag = _Dag(3)
    assert dag.add(0, 1)  # forward (in node order): unchecked while all edges are
    assert dag.add(2, 0, forward=False)  # backward, and closes no cycle
    assert not dag.add(1, 2)  # forward, but 2 -> 0 -> 1 -> 2 would be a cycle
    assert not dag.add(1, 0, forward=False)
    assert dag.out == [[1], [], [0]]
