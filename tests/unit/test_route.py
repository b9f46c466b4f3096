"""Routes (skillsmap.layout.route): arrows around cards, from card edge to card edge, in px."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillsmap.layout.geometry import Box, segment_hits_box
from skillsmap.layout.route import Reserved, Route, route_moves
from skillsmap.theme import Metrics

MT = Metrics()
TOL = 1e-6  # px: float noise in the bisections behind an unspread end
SHAFT_MIN = 24.0  # px: the visible shaft every arrow keeps


def flat(points: Iterable[tuple[float, float]]) -> list[float]:
    return [v for p in points for v in p]


def _hits(route: Route, box: Box) -> bool:
    return any(segment_hits_box(a, b, box) for a, b in itertools.pairwise(route.samples()))


def test_a_free_move_is_one_straight_line_from_edge_to_edge() -> None:
    (r,) = route_moves([Box(0, 0, 60, 30), Box(200, 0, 260, 30)], [], [(0, 1)], MT)
    assert r.ops == (("M", (64.0, 15.0)), ("L", (188.0, 15.0)))
    assert r.head == ((196.0, 15.0), (187.0, 19.0), (187.0, 11.0))


def test_around_one_card_in_the_way() -> None:
    cards = [Box(0, 0, 60, 30), Box(300, 0, 360, 30), Box(130, -10, 200, 40)]
    (r,) = route_moves(cards, [], [(0, 1)], MT)
    # over the card, 8 px clear of it, its two corners rounded
    assert flat(r.corners) == pytest.approx(
        flat([(64, 7.5), (121.75, -18.25), (208.25, -18.25), (296, 7.5)]), abs=TOL
    )
    assert [op[0] for op in r.ops] == ["M", "L", "Q", "L", "Q", "L"]
    assert not _hits(r, cards[2])


def test_around_a_wall_of_cards() -> None:
    wall = [Box(130, y, 200, y + 40) for y in range(-80, 120, 40)]
    cards = [Box(0, 0, 60, 30), Box(300, 0, 360, 30), *wall]
    (r,) = route_moves(cards, [], [(0, 1)], MT)
    assert [p[1] for p in r.corners[1:-1]] == [-88.25, -88.25]
    assert not any(_hits(r, b) for b in wall)


def test_through_a_gap_between_two_cards() -> None:
    cards = [
        Box(0, 0, 60, 30),
        Box(300, 0, 360, 30),
        Box(130, -100, 200, -14),
        Box(130, 44, 200, 120),
    ]
    (r,) = route_moves(cards, [], [(0, 1)], MT)
    assert r.ops == (("M", (64.0, 15.0)), ("L", (288.0, 15.0)))


def test_a_reserved_label_room_is_kept_clear_except_for_its_own_move() -> None:
    cards = [Box(0, 0, 60, 30), Box(300, 0, 360, 30)]
    room = Box(150, 5, 200, 25)
    (other,) = route_moves(cards, [], [(0, 1)], MT, [Reserved(7, room)])
    (own,) = route_moves(cards, [], [(0, 1)], MT, [Reserved(0, room)])
    assert not _hits(other, room.inflate(8))
    assert own.ops == (("M", (64.0, 15.0)), ("L", (288.0, 15.0)))


def test_heads_arriving_at_one_side_are_spread() -> None:
    cards = [
        Box(0, 200, 60, 230),
        Box(100, 200, 160, 230),
        Box(200, 200, 260, 230),
        Box(80, 0, 180, 40),
    ]
    routes = route_moves(cards, [], [(0, 3), (1, 3), (2, 3)], MT)
    assert flat(r.tip for r in routes) == pytest.approx(
        flat([(310 / 3, 44), (130, 44), (470 / 3, 44)]), abs=TOL
    )


def test_a_move_and_its_reverse_are_two_arrows() -> None:
    cards = [Box(0, 0, 60, 30), Box(200, 0, 260, 30)]
    there, back = route_moves(cards, [], [(0, 1), (1, 0)], MT)
    assert there.start[1] != back.tip[1]
    assert abs(there.start[1] - back.tip[1]) >= MT.arrow_head_width


# -- property: on any field of cards, every route avoids every card but its own two ----------

COLS, ROWS = 6, 5
PITCH_X, PITCH_Y = 140.0, 90.0  # a lattice whose gaps always leave a way round


@st.composite
def fields(draw: st.DrawFn) -> tuple[list[Box], list[tuple[int, int]]]:
    spots = draw(
        st.lists(
            st.tuples(st.integers(0, COLS - 1), st.integers(0, ROWS - 1)),
            min_size=2,
            max_size=COLS * ROWS,
            unique=True,
        )
    )
    cards = []
    for cx, cy in spots:
        w = draw(st.integers(40, 100))
        h = draw(st.integers(24, 50))
        x, y = cx * PITCH_X + draw(st.integers(0, 30)), cy * PITCH_Y + draw(st.integers(0, 30))
        cards.append(Box(x, y, x + w, y + h))
    n = len(cards)
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            min_size=1,
            max_size=12,
            unique=True,  # a spec lists a move once (its reverse is another move)
        )
    )
    return cards, pairs


@settings(max_examples=60, deadline=None)
@given(fields())
def test_every_route_avoids_every_other_card(
    field: tuple[list[Box], list[tuple[int, int]]],
) -> None:
    cards, pairs = field
    for r, (a, b) in zip(route_moves(cards, [], pairs, MT), pairs, strict=True):
        for k, card in enumerate(cards):
            if k not in (a, b):
                assert not _hits(r, card), (a, b, k)
        assert cards[a].distance_to_point(r.start) == pytest.approx(MT.arrow_gap, abs=TOL)
        assert cards[b].distance_to_point(r.tip) == pytest.approx(MT.arrow_gap, abs=TOL)
        base = ((r.head[1][0] + r.head[2][0]) / 2, (r.head[1][1] + r.head[2][1]) / 2)
        if cards[a].gap(cards[b]) >= MT.shaft_gap:
            assert math.dist(r.start, base) >= SHAFT_MIN
