"""VPSC's passes: scan-line pairs, least displacement, the order chain and walls."""

from __future__ import annotations

import pytest

from skillsmap.layout.separate import Item, Wall, close_pairs, scan_pairs, solve_axis

TOL = 1e-6  # px
GAP = 10.0  # px between any two items in these tests


def item(x: float, y: float, soft: float = 0.0, hard: float = 0.0) -> Item:
    return Item(100.0, 40.0, x, y, [(soft, hard, 0.0, 0.0)])


def gap(_: int, __: int) -> float:
    return GAP


def test_the_scan_line_pairs_neighbours_in_a_row_only() -> None:
    items = [item(0, 0), item(50, 0), item(100, 0), item(50, 500)]
    assert scan_pairs(items, [0, 1, 2, 3], True, gap, GAP) == [(0, 1), (1, 2)]


def test_pairs_further_apart_vertically_go_to_the_y_pass() -> None:
    items = [item(0, 0), item(10, 30)]
    assert scan_pairs(items, [0, 1], True, gap, GAP) == []
    assert scan_pairs(items, [0, 1], False, gap, GAP) == [(0, 1)]


def test_a_row_spreads_symmetrically_by_least_displacement() -> None:
    items = [item(0, 0), item(50, 0), item(100, 0)]
    solve_axis(items, [[0, 1, 2]], True, gap, GAP, 0.0)
    # 110 px between centres, the middle one stays: -60, 50, 160
    assert [it.x for it in items] == pytest.approx([-60.0, 50.0, 160.0], abs=TOL)
    assert close_pairs(items, [0, 1, 2], gap, GAP) == []


def test_the_order_chain_keeps_unconstrained_roles_in_order() -> None:
    # 0 and 1 overlap and push apart; 2 (far below, clear of both) is 2 spec units right of 0
    # but starts left of where 0 is pushed: the chain keeps it right of 0
    items = [item(100, 0, soft=1), item(110, 0, soft=1.5), item(40, 300, soft=3)]
    solve_axis(items, [[0, 1, 2]], True, gap, GAP, order_gap=1.0)
    assert items[2].x >= items[0].x - TOL
    assert items[1].x - items[0].x == pytest.approx(110.0, abs=TOL)


def test_walls_hold_items_inside_until_they_cannot() -> None:
    items = [item(0, 0), item(10, 0)]
    ends = solve_axis(items, [[0, 1]], True, gap, GAP, 0.0, [Wall((0, 1), -200.0, 200.0)])
    assert ends == [pytest.approx((-200.0, 200.0), abs=1e-2)]
    assert [it.x for it in items] == pytest.approx([-50.0, 60.0], abs=TOL)
    tight = [item(0, 0), item(10, 0)]
    ends = solve_axis(tight, [[0, 1]], True, gap, GAP, 0.0, [Wall((0, 1), -80.0, 80.0)])
    # 2 x 100 + 10 px do not fit in 160 px: the heavy walls give way by 25 px each, barely more
    assert ends[0][1] - ends[0][0] == pytest.approx(210.0, abs=1e-2)
    assert tight[1].x - tight[0].x == pytest.approx(110.0, abs=TOL)
