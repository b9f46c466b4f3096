"""The monotone axis warp: room where cards crowd, taken from empty stretches, span kept."""

from __future__ import annotations

import itertools

import pytest

from skillsmap.layout.warp import BINS, IDENTITY, SHRINK, STRETCH, fit_warp

TOL = 1e-5  # px: knots are rounded to 6 decimals
SPAN = 2400.0  # 24 bins of 100 px


def test_fewer_than_two_cards_leave_the_axis_alone() -> None:
    assert fit_warp(SPAN, [10.0], [100.0], [0.0], 50.0, 0.0) is IDENTITY
    assert IDENTITY(123.0) == 123.0


def test_a_crowded_bin_grows_and_empty_ones_shrink() -> None:
    assert BINS == 24
    # three 100 px cards side by side in bin 0 need 300 px (capped at STRETCH x 100), a lone
    # card in bin 12 keeps its bin's width, the 22 empty bins shrink to SHRINK x 100
    along, sizes, across = [50.0, 50.0, 50.0, 1250.0], [100.0] * 4, [0.0, 0.0, 0.0, 0.0]
    warp = fit_warp(SPAN, along, sizes, across, 50.0, 0.0)
    k = SPAN / (STRETCH * 100 + 100 + 22 * SHRINK * 100)
    assert warp(0.0) == 0.0
    assert warp(SPAN) == SPAN
    assert warp(100.0) == pytest.approx(STRETCH * 100 * k, abs=TOL)
    assert warp(50.0) == pytest.approx(STRETCH * 50 * k, abs=TOL)
    assert warp.scale_at(650.0) == pytest.approx(SHRINK * k, abs=TOL)


def test_cards_in_different_rows_do_not_crowd_each_other() -> None:
    # the same three cards, one per row: no bin needs more than its width
    warp = fit_warp(SPAN, [50.0, 50.0, 50.0], [100.0] * 3, [0.0, 60.0, 120.0], 50.0, 0.0)
    assert warp.scale_at(50.0) == pytest.approx(SPAN / (100 + 23 * SHRINK * 100), abs=TOL)


def test_the_warp_is_strictly_increasing() -> None:
    along = [float(p) for p in range(0, 2400, 37)]
    warp = fit_warp(SPAN, along, [120.0] * len(along), [0.0] * len(along), 50.0, 14.0)
    values = [warp(p / 4) for p in range(0, 4 * 2400)]
    assert all(b > a for a, b in itertools.pairwise(values))
