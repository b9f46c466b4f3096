"""Shortest paths among boxes (skillsmap.layout.visibility): exact vertices, in px."""

from __future__ import annotations

from skillsmap.layout.geometry import Box
from skillsmap.layout.visibility import Field, find_path

CELL = 100.0
NONE: frozenset[int] = frozenset()


def test_a_clear_way_is_the_straight_line() -> None:
    assert find_path(Field([], CELL), (0, 0), (100, 0), NONE) == [(0.0, 0.0), (100.0, 0.0)]


def test_around_one_box_by_its_two_corners() -> None:
    field = Field([Box(40, -20, 60, 20)], CELL)
    assert find_path(field, (0, 0), (100, 0), NONE) == [
        (0.0, 0.0),
        (39.75, -20.25),
        (60.25, -20.25),
        (100.0, 0.0),
    ]


def test_around_a_wall_of_touching_boxes() -> None:
    wall = [Box(40, y, 60, y + 40) for y in range(-100, 100, 40)]
    assert find_path(Field(wall, CELL), (0, 0), (100, 0), NONE) == [
        (0.0, 0.0),
        (39.75, -100.25),
        (60.25, -100.25),
        (100.0, 0.0),
    ]


def test_through_a_gap_between_two_boxes() -> None:
    gap = [Box(40, -100, 60, -10), Box(40, 10, 60, 100)]
    assert find_path(Field(gap, CELL), (0, -60), (100, 60), NONE) == [
        (0.0, -60.0),
        (39.75, -9.75),
        (60.25, 9.75),
        (100.0, 60.0),
    ]


def test_skipped_boxes_are_no_obstacle() -> None:
    field = Field([Box(40, -20, 60, 20)], CELL)
    assert find_path(field, (0, 0), (100, 0), frozenset({0})) == [(0.0, 0.0), (100.0, 0.0)]


def test_an_enclosed_start_has_no_way() -> None:
    ring = [
        Box(-50, -50, 50, -20),
        Box(-50, 20, 50, 50),
        Box(-50, -50, -20, 50),
        Box(20, -50, 50, 50),
    ]
    assert find_path(Field(ring, CELL), (0, 0), (200, 0), NONE) is None


def test_the_search_stops_at_its_cap() -> None:
    wall = [Box(40, y, 60, y + 40) for y in range(-100, 100, 40)]
    assert find_path(Field(wall, CELL), (0, 0), (100, 0), NONE, cap=1) is None


def test_a_crossing_costs_more_than_a_short_detour() -> None:
    # one drawn arrow crosses the direct way; going round the box on the other side is dearer
    # in length but crosses nothing
    field = Field([Box(40, -20, 60, 20)], CELL)

    def crossed(a: tuple[float, float], b: tuple[float, float]) -> int:
        return int(min(a[1], b[1]) < -10)  # an arrow lies along y = -10, x in 0..100

    assert find_path(field, (0, 0), (100, 0), NONE, crossed=crossed) == [
        (0.0, 0.0),
        (39.75, 20.25),
        (60.25, 20.25),
        (100.0, 0.0),
    ]
