"""The SVG audit on small hand-written drawings with known answers, and on the bundled specs.

Geometry in px. The reference drawing: level L1 (roles a, b, hard 1) is a box at y 300-400,
level L2 (role c, hard 6) a box at y 100-200; moves a->c, b->c and a->b (labelled, its plate
2 px below the arrow).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from audit import (
    STEP,
    Astray,
    Audit,
    Hit,
    LevelPair,
    Misfit,
    MovePair,
    Overflow,
    RolePair,
    Swap,
    audit,
    crossings,
    flatten,
    polyline,
)
from corpus_maps import build_corpus, dump

import skillsmap
from skillsmap.backends.svg import render_svg
from skillsmap.layout import layout

ROOT = Path(__file__).resolve().parents[1]
CLOSE = 1e-9  # px: float noise allowed in flattened geometry

SPEC = """
title: Audit fixture
tracks: {t: {label: T}}
levels: [{id: L1}, {id: L2}]
roles:
  - {id: a, title: A, track: t, level: L1, soft: 1, hard: 1}
  - {id: b, title: B, track: t, level: L1, soft: 5, hard: 1}
  - {id: c, title: C, track: t, level: L2, soft: 3, hard: 6}
moves:
  - {from: a, to: c}
  - {from: b, to: c}
  - {from: a, to: b, label: 2 years}
"""

PARTS = {
    "L1": '<rect x="20" y="300" width="400" height="100"/>'
    '<text x="30" y="315" font-size="12" font-weight="bold">L1</text>',
    "L2": '<rect x="120" y="100" width="200" height="100"/>'
    '<text x="130" y="115" font-size="12" font-weight="bold">L2</text>',
    "a": '<rect x="40" y="340" width="100" height="40"/>'
    '<text x="50" y="365" font-size="13">A</text>',
    "b": '<rect x="300" y="340" width="100" height="40"/>'
    '<text x="310" y="365" font-size="13">B</text>',
    "c": '<rect x="170" y="140" width="100" height="40"/>'
    '<text x="180" y="165" font-size="13">C</text>',
    "a--c": '<path d="M100 340 L200 180"/>',
    "b--c": '<path d="M340 340 L240 180"/>',
    "a--b": '<path d="M140 360 L300 360"/>',
    "label": '<rect x="180" y="362" width="60" height="18"/>'
    '<text x="210" y="375" font-size="12" text-anchor="middle">2 years</text>',
}


def drawing(**changes: str) -> str:
    """The reference SVG with some parts replaced (keys as in ``PARTS``, ``--`` spelt ``__``)."""
    p = {**PARTS, **{k.replace("__", "--"): v for k, v in changes.items()}}
    levels = "".join(f'<g class="level" id="level-{k}">{p[k]}</g>' for k in ("L1", "L2"))
    roles = "".join(f'<g class="role track-t" id="role-{k}">{p[k]}</g>' for k in "abc")
    moves = "".join(
        f'<g class="move move-promotion" id="move-{k}">{p[k]}</g>' for k in ("a--c", "b--c", "a--b")
    )
    label = f'<g class="move-label" id="label-a--b">{p["label"]}</g>'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="500">'
        f"<g>{levels}</g><g>{moves}</g><g>{roles}</g><g>{label}</g></svg>"
    )


@pytest.fixture(scope="module")
def spec() -> skillsmap.SkillsMap:
    return skillsmap.loads(SPEC)


def test_clean_drawing_has_no_defects(spec: skillsmap.SkillsMap) -> None:
    result = audit(drawing(), spec)
    assert result == Audit()
    assert result.summary() == "clean"
    assert set(result.counts().values()) == {0}


def test_straight_path_through_a_card(spec: skillsmap.SkillsMap) -> None:
    result = audit(drawing(a__b='<path d="M90 340 L220 160 L350 340"/>'), spec)
    assert result.arrows_through_cards == [Hit(("a", "b"), "c")]


def test_curve_through_a_card_its_chord_misses(spec: skillsmap.SkillsMap) -> None:
    # the chord stays at y 360; the curve's middle (t = 0.5) is at (220, 160), inside card c
    result = audit(drawing(a__b='<path d="M140 360 Q220 -40 300 360"/>'), spec)
    assert result.arrows_through_cards == [Hit(("a", "b"), "c")]


def test_arrow_grazing_a_card_within_tolerance_is_not_through(spec: skillsmap.SkillsMap) -> None:
    # runs 0.5 px inside card c's bottom edge (y 180), less than the 1 px tolerance
    result = audit(drawing(a__b='<path d="M140 360 L150 179.5 L290 179.5 L300 360"/>'), spec)
    assert result.arrows_through_cards == []


def test_arrow_through_a_level_label_and_a_move_label(spec: skillsmap.SkillsMap) -> None:
    result = audit(
        drawing(
            b__c='<path d="M340 340 L135 110 L220 180"/>',
            a__c='<path d="M100 340 L220 371 L200 180"/>',
        ),
        spec,
    )
    assert result.arrows_through_level_labels == [Hit(("b", "c"), "L2")]
    assert result.arrows_through_move_labels == [MovePair(("a", "c"), ("a", "b"))]


def test_label_over_a_card(spec: skillsmap.SkillsMap) -> None:
    plate = '<rect x="290" y="350" width="60" height="18"/>'
    result = audit(drawing(label=plate), spec)
    assert result.labels_over_cards == [Hit(("a", "b"), "b")]


def test_label_30_px_from_its_arrow_is_astray(spec: skillsmap.SkillsMap) -> None:
    # plate top at y 390, the arrow at y 360; the nearest other arrow is a->c, from (100, 340):
    # hypot(80, 50) = 94.34 px from the plate's corner (180, 390)
    result = audit(drawing(label='<rect x="180" y="390" width="60" height="18"/>'), spec)
    assert result.labels_astray == [Astray(("a", "b"), 30.0, ("a", "c"), 94.34)]


def test_label_nearer_to_another_arrow_is_astray(spec: skillsmap.SkillsMap) -> None:
    # plate 4 px from its own arrow but touching b->c (which passes x 327.5 at y 296)
    plate = '<rect x="290" y="296" width="40" height="60"/>'
    result = audit(drawing(label=plate), spec)
    assert result.labels_astray == [Astray(("a", "b"), 4.0, ("b", "c"), 0.0)]


def test_crossing_counts_away_from_the_shared_card_only(spec: skillsmap.SkillsMap) -> None:
    # they meet at y 230.3, 50 px below card c, which both arrows share
    far = audit(
        drawing(a__c='<path d="M100 340 L280 180"/>', b__c='<path d="M340 340 L170 180"/>'),
        spec,
    )
    assert far.arrow_crossings == [MovePair(("a", "c"), ("b", "c"))]
    # they meet at (220, 186), 6 px below card c: inside its 12 px neighbourhood
    near = audit(
        drawing(a__c='<path d="M200 192 L240 180"/>', b__c='<path d="M240 192 L200 180"/>'),
        spec,
    )
    assert near.arrow_crossings == []


def test_order_swap(spec: skillsmap.SkillsMap) -> None:
    swapped = drawing(a=PARTS["b"], b=PARTS["a"])
    assert audit(swapped, spec).order_swaps == [
        Swap("soft", "a", "b"),
        Swap("soft", "a", "c"),
        Swap("soft", "c", "b"),
    ]
    nudged = drawing(a='<rect x="180" y="340" width="100" height="40"/>')  # centre x 230 > 220
    assert audit(nudged, spec).order_swaps == [Swap("soft", "a", "c")]


def test_level_order_inversion(spec: skillsmap.SkillsMap) -> None:
    low_l2 = '<rect x="120" y="420" width="200" height="100"/>'
    result = audit(drawing(L2=low_l2), spec)
    assert result.level_inversions == [LevelPair("L1", "L2")]
    assert result.cards_outside_box == [Misfit("c", "L2")]


def test_overlapping_boxes_are_not_judged(spec: skillsmap.SkillsMap) -> None:
    # L2 drawn lower than L1 but sharing height with it: no inversion can be told
    result = audit(drawing(L2='<rect x="120" y="250" width="200" height="100"/>'), spec)
    assert result.level_inversions == []


def test_card_overlap_and_text_outside_card(spec: skillsmap.SkillsMap) -> None:
    result = audit(
        drawing(
            b='<rect x="130" y="340" width="100" height="40"/>'
            '<text x="140" y="365" font-size="13">A long title for a small card</text>'
        ),
        spec,
    )
    assert result.card_overlaps == [RolePair("a", "b")]
    assert result.text_outside_card == [Overflow("b", "A long title for a small card")]
    assert result.summary() == (
        "4 defects: labels_over_cards 1, order_swaps 1, card_overlaps 1, text_outside_card 1"
    )


def test_missing_role_and_move(spec: skillsmap.SkillsMap) -> None:
    result = audit(drawing(c="", a__b=""), spec)
    assert result.missing == ["role:c", "move:a->b"]


def test_flatten_lines_and_relative_commands() -> None:
    assert flatten("M0 0 L10 0 H20 V5 Z") == [
        ((0, 0), (10, 0)),
        ((10, 0), (20, 0)),
        ((20, 0), (20, 5)),
        ((20, 5), (0, 0)),
    ]
    assert flatten("m1 1 l2 0 0 2 M9 9 v1") == [
        ((1, 1), (3, 1)),
        ((3, 1), (3, 3)),
        ((9, 9), (9, 10)),
    ]


def test_flatten_curves_by_fixed_step() -> None:
    quad = flatten("M0 0 Q10 0 10 10")
    assert len(quad) == 20 / STEP  # control polygon 20 px long
    assert quad[4][1] == pytest.approx((7.5, 2.5), abs=CLOSE)  # t = 0.5
    cubic = flatten("M0 0 C0 10 10 10 10 0")
    assert len(cubic) == 15 and cubic[-1][1] == (10, 0)
    arc = flatten("M0 0 A10 10 0 0 1 20 0")
    assert len(arc) == math.ceil(math.pi * 10 / STEP)
    assert all(math.dist(q, (10, 0)) == pytest.approx(10, abs=CLOSE) for _, q in arc)
    assert arc[7][1] == pytest.approx((10 - 10 * math.cos(math.pi / 2), -10), abs=1.0)


def test_bad_path_data_is_refused() -> None:
    with pytest.raises(ValueError, match="path data must start with a moveto: 'L1 2'"):
        flatten("L1 2")
    with pytest.raises(ValueError, match="path data must start with a moveto: '1 2'"):
        flatten("1 2")
    with pytest.raises(ValueError, match="path data ends inside a 'Q' command"):
        flatten("M0 0 Q1 2")


def test_crossings_are_proper_only() -> None:
    x = polyline([((0, 0), (10, 10))])
    assert crossings(x, polyline([((0, 10), (10, 0))])) == [(5.0, 5.0)]
    assert crossings(x, polyline([((10, 10), (20, 0))])) == []  # shared end
    assert crossings(x, polyline([((5, 5), (20, 20))])) == []  # collinear overlap


@pytest.mark.parametrize("name", ["senior-engineer", "career-ladder"])
def test_bundled_specs_today(name: str) -> None:
    m = skillsmap.load(ROOT / "specs" / f"{name}.yaml")
    result = audit(render_svg(layout(m).scene), m)
    assert result.card_overlaps == []
    assert result.text_outside_card == []
    assert result.cards_outside_box == []
    assert result.missing == []


def test_corpus_is_stable_valid_and_varied() -> None:
    corpus = build_corpus()
    assert corpus == build_corpus() and len(corpus) == 120
    maps = [skillsmap.loads(dump(spec)) for spec in corpus]
    assert {len(m.roles) for m in maps} >= {7, 60}
    assert min(len(m.roles) for m in maps) == 7 and max(len(m.roles) for m in maps) == 60
    assert {len(m.tracks) for m in maps} == set(range(1, 9))
    assert {len(m.levels) for m in maps} == set(range(1, 9))
    assert any(lv.box is not None for m in maps for lv in m.levels)
    moves = [(m.role(mv.from_), m.role(mv.to), mv) for m in maps for mv in m.moves]
    directions = {
        ("right" if d.soft > s.soft else "left", "up" if d.hard > s.hard else "down")
        for s, d, _ in moves
    }
    assert directions == {("right", "up"), ("right", "down"), ("left", "up"), ("left", "down")}
    labelled = sum(mv.label is not None for _, _, mv in moves) / len(moves)
    assert 0.45 < labelled < 0.55
    assert any(mv.label == "management track" for _, _, mv in moves)
    assert any(len(r.title) >= 30 and len(r.title.split()) >= 5 for m in maps for r in m.roles)
    assert sum(_crowded(m) for m in maps) >= 30


def _crowded(m: skillsmap.SkillsMap) -> bool:
    """Whether three roles lie within 1% of the axis (0.1 on 0-10) of one role."""
    reach = 0.01 * (m.axes.soft.max - m.axes.soft.min)
    return any(
        sum(math.hypot(r.soft - q.soft, r.hard - q.hard) <= reach for q in m.roles) >= 3
        for r in m.roles
    )
