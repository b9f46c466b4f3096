"""Plain geometry (skillsmap.layout.geometry): segments, boxes and triangles, in px."""

from __future__ import annotations

import pytest

from skillsmap.layout.geometry import (
    Box,
    Grid,
    box_segment_distance,
    cells_along,
    segment_entry,
    segment_exit,
    segments_cross,
    triangle_hits_box,
)

BOX = Box(10, 10, 20, 20)
TOL = 1e-12  # px


def test_segment_entry_is_where_the_segment_enters() -> None:
    assert segment_entry((0, 15), (40, 15), BOX) == pytest.approx(0.25, abs=TOL)
    assert segment_entry((0, 0), (40, 0), BOX) is None  # passes by
    assert segment_entry((0, 10), (40, 10), BOX) is None  # runs along an edge: not inside


def test_segment_exit_is_where_a_segment_from_inside_leaves() -> None:
    assert segment_exit((15, 15), (15, 35), BOX) == pytest.approx(0.25, abs=TOL)


def test_box_segment_distance() -> None:
    assert box_segment_distance(BOX, (0, 25), (30, 25)) == pytest.approx(5.0, abs=TOL)
    assert box_segment_distance(BOX, (0, 0), (30, 30)) == 0.0
    assert box_segment_distance(BOX, (23, 0), (26, 3)) == pytest.approx(85**0.5, abs=TOL)


def test_triangle_hits_box() -> None:
    assert triangle_hits_box(((0, 0), (30, 0), (0, 30)), BOX)
    assert not triangle_hits_box(((0, 0), (19, 0), (0, 19)), BOX)  # its long edge misses
    assert not triangle_hits_box(((0, 0), (10, 0), (0, 10)), BOX)  # touches a corner only


def test_segments_cross_only_properly() -> None:
    assert segments_cross((0, 0), (10, 10), (0, 10), (10, 0))
    assert not segments_cross((0, 0), (10, 10), (10, 10), (20, 0))  # a shared end
    assert not segments_cross((0, 0), (10, 0), (5, 0), (15, 0))  # collinear overlap


def test_cells_along_a_long_diagonal_are_few() -> None:
    grid = Grid(10)
    assert cells_along(grid, (5, 5), (45, 45)) == {
        (0, 0),
        (0, 1),
        (1, 0),
        (1, 1),
        (1, 2),
        (2, 1),
        (2, 2),
        (2, 3),
        (3, 2),
        (3, 3),
        (3, 4),
        (4, 3),
        (4, 4),
    }
