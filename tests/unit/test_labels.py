"""Arrow labels (skillsmap.layout.labels): beside their own arrow, or in the legend, in px."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillsmap
from skillsmap.fonts import text_width
from skillsmap.layout.geometry import Box
from skillsmap.layout.labels import (
    BELONGS,
    REACH,
    LegendLabel,
    PlacedLabel,
    legend_labels,
    place_labels,
)
from skillsmap.layout.route import route_moves
from skillsmap.theme import Metrics

MT = Metrics()
TOL = 1e-9  # px
ENDS = [Box(0, 0, 60, 30), Box(300, 0, 360, 30)]  # an arrow along y = 15 from x 64 to 296
PLATE_W = text_width("2 years", MT.label_size) + 2 * MT.label_pad_x
PLATE_H = MT.label_size + 2 * MT.label_pad_y
SPEC = Path(__file__).resolve().parents[2] / "specs" / "senior-engineer.yaml"


def _box_x(cx: float, y0: float) -> Box:
    return Box(cx - PLATE_W / 2, y0, cx + PLATE_W / 2, y0 + PLATE_H)


def test_a_label_sits_beside_the_middle_of_its_arrow() -> None:
    routes = route_moves(ENDS, [], [(0, 1)], MT)
    out = place_labels({0: "2 years"}, routes, ENDS, [], MT)
    assert out.to_legend == ()
    assert out.placed[0].text == "2 years"
    box = out.placed[0].box
    expected = _box_x(176.0, 18.0)  # the shaft's middle, 3 px under it
    assert (box.x0, box.y0, box.x1, box.y1) == pytest.approx(
        (expected.x0, expected.y0, expected.x1, expected.y1), abs=TOL
    )


def test_a_label_keeps_off_the_cards_by_its_arrow() -> None:
    cards = [*ENDS, Box(80, 26, 280, 60)]  # a card 11 px under the arrow
    routes = route_moves(cards, [], [(0, 1)], MT)
    box = place_labels({0: "2 years"}, routes, cards, [], MT).placed[0].box
    assert box.y1 == pytest.approx(routes[0].start[1] - 3.0, abs=TOL)  # above it instead


def test_each_label_is_nearer_its_own_arrow_than_any_other() -> None:
    cards = [*ENDS, Box(0, 40, 60, 70), Box(300, 40, 360, 70)]
    routes = route_moves(cards, [], [(0, 1), (2, 3)], MT)
    out = place_labels({0: "2 years", 1: "1 year"}, routes, cards, [], MT)
    for i, label in out.placed.items():
        y = routes[i].start[1]
        other = routes[1 - i].start[1]
        own = min(abs(label.box.y0 - y), abs(label.box.y1 - y))
        far = min(abs(label.box.y0 - other), abs(label.box.y1 - other))
        assert own <= REACH and far >= own + BELONGS


def test_a_kept_plate_stays_where_it_was() -> None:
    routes = route_moves(ENDS, [], [(0, 1)], MT)
    kept = PlacedLabel("2 years", _box_x(100.0, -6.0))  # 3 px over the arrow
    out = place_labels({0: "2 years"}, routes, ENDS, [], MT, {0: kept})
    assert out.placed == {0: kept}


def test_a_boxed_in_label_goes_to_the_legend() -> None:
    # the arrow runs down a 30 px channel between two long cards: no plate fits beside it
    cards = [*ENDS, Box(66, -40, 294, 0), Box(66, 30, 294, 70)]
    routes = route_moves(cards, [], [(0, 1)], MT)
    assert place_labels({0: "2 years"}, routes, cards, [], MT).placed == {}
    assert place_labels({0: "2 years"}, routes, cards, [], MT).to_legend == (0,)


def test_the_legend_line_names_the_move() -> None:
    m = skillsmap.load(SPEC)
    assert legend_labels(m, (0,)) == (
        LegendLabel(
            0,
            "senior-engineer",
            "product-manager",
            "lateral",
            "Senior Engineer → Product Manager: 6 months \u2013 2 years",
        ),
    )
