"""Ports (skillsmap.layout.ports): ends spread along a card side, in px."""

from __future__ import annotations

import pytest

from skillsmap.layout.geometry import Box
from skillsmap.layout.ports import End, spread

CARD = Box(0, 0, 120, 40)
CENTRE = (60.0, 20.0)
GAP = 4.0
HEAD = 8.0
TOL = 1e-6  # px: the bisection that finds an unspread end stops this close


def test_an_end_knows_its_side_and_where_it_meets_it() -> None:
    end = End.leaving(CARD, CENTRE, (90, -100), GAP)
    assert (end.side, end.at, end.slope) == ("top", 65.0, 0.25)
    assert end.point == pytest.approx((66.0, -4.0), abs=TOL)


def test_a_lone_end_keeps_its_place() -> None:
    (port,) = spread([End.leaving(CARD, CENTRE, (60, -100), GAP)], HEAD)
    assert port == pytest.approx((60.0, -4.0), abs=TOL)


def test_ends_piled_on_one_side_are_spread_in_the_order_they_leave() -> None:
    # three arrows leave the top side at nearly the same spot: right-leaning, straight up,
    # left-leaning; they get the right, middle and left thirds of the side (10 px insets)
    ends = [End.leaving(CARD, CENTRE, (60 + dx, -100), GAP) for dx in (30, 0, -30)]
    ports = spread(ends, HEAD)
    assert [x for x, _ in ports] == pytest.approx([280 / 3, 60.0, 80 / 3], abs=TOL)
    assert [y for _, y in ports] == [-GAP] * 3


def test_ends_far_apart_are_left_alone() -> None:
    # they meet the side at x = 26.67 and 93.33 and end on their own lines, 4 px out
    ends = [End.leaving(CARD, CENTRE, (60 + dx, -100), GAP) for dx in (-200, 200)]
    ports = spread(ends, HEAD)
    assert [x for x, _ in ports] == pytest.approx([20.0, 100.0], abs=TOL)
    assert [y for _, y in ports] == pytest.approx([-GAP, -GAP], abs=TOL)


def test_an_end_near_a_corner_is_pulled_in_from_it() -> None:
    end = End.leaving(CARD, CENTRE, (1000, -300), GAP)
    assert (end.side, end.at) == ("top", 118.75)
    assert spread([end], HEAD) == [(110.0, -GAP)]  # 10 px in from the corner
