"""Smoothing (skillsmap.layout.smooth): corners rounded only where the curve stays clear."""

from __future__ import annotations

from skillsmap.layout.geometry import Box
from skillsmap.layout.smooth import RADIUS, round_corners
from skillsmap.layout.visibility import Field

ELBOW = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0)]
NONE: frozenset[int] = frozenset()


def test_a_free_corner_is_rounded_by_the_full_radius() -> None:
    ops = round_corners(ELBOW, Field([], 100), NONE)
    assert ops == (
        ("M", (0.0, 0.0)),
        ("L", (100 - RADIUS, 0.0)),
        ("Q", (100.0, 0.0), (100.0, RADIUS)),
        ("L", (100.0, 100.0)),
    )


def test_a_box_in_the_corner_shrinks_the_curve_until_it_clears() -> None:
    # the box sits inside the triangles of radius 18, 9 and 4.5; radius 2.25 clears it
    ops = round_corners(ELBOW, Field([Box(90, 2, 98, 10)], 100), NONE)
    assert ops == (
        ("M", (0.0, 0.0)),
        ("L", (97.75, 0.0)),
        ("Q", (100.0, 0.0), (100.0, 2.25)),
        ("L", (100.0, 100.0)),
    )


def test_a_box_hugging_the_corner_keeps_it_sharp() -> None:
    ops = round_corners(ELBOW, Field([Box(95, 1, 99, 5)], 100), NONE)
    assert ops == (("M", (0.0, 0.0)), ("L", (100.0, 0.0)), ("L", (100.0, 100.0)))


def test_skipped_boxes_do_not_stop_the_rounding() -> None:
    ops = round_corners(ELBOW, Field([Box(95, 1, 99, 5)], 100), frozenset({0}))
    assert ops[2] == ("Q", (100.0, 0.0), (100.0, RADIUS))
