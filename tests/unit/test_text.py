"""Line breaking (skillsmap.layout.text) and card titles (skillsmap.layout.cards), exactly.

Widths are px measured with DejaVu Sans at the light theme's card text size (13.5 px); a card
is its text plus 38 px of padding and marker.
"""

from __future__ import annotations

import math

import pytest
import yaml

import skillsmap
from skillsmap.fonts import text_width
from skillsmap.layout.cards import chrome, make_cards, rooms, title_lines
from skillsmap.layout.text import balance, tokens, wrap
from skillsmap.model import SkillsMap
from skillsmap.theme import LIGHT

MT = LIGHT.metrics
SIZE = MT.card_text_size
WIDTH_TOLERANCE = 0.01  # px: text widths are compared after rounding to hundredths


def widths(lines: list[str]) -> list[float]:
    return [round(text_width(s, SIZE), 2) for s in lines]


def test_a_short_last_word_is_not_left_alone() -> None:
    assert wrap("Engineering Manager 1", 150, SIZE) == (["Engineering", "Manager 1"], False)


def test_balanced_lines_are_the_fewest_that_fit_and_as_even_as_can_be() -> None:
    lines, cut = wrap("The quick brown fox jumps over the lazy dog", 200, 12)
    assert (lines, cut) == (["The quick brown fox", "jumps over the lazy dog"], False)


def test_balance_gives_the_narrowest_layout_of_so_many_lines() -> None:
    title = "Senior Staff Reliability Engineer"
    assert balance(title, 1, SIZE) == [title]
    assert balance(title, 2, SIZE) == ["Senior Staff", "Reliability Engineer"]
    assert balance(title, 3, SIZE) == ["Senior Staff", "Reliability", "Engineer"]
    assert balance(title, 1, SIZE, cap=150) is None


def test_too_many_lines_end_in_an_ellipsis() -> None:
    lines, cut = wrap("one two three four five six seven", 60, SIZE, max_lines=2)
    assert (lines, cut) == (["one two", "three f…"], True)
    assert max(widths(lines)) <= 60 + WIDTH_TOLERANCE


def test_a_word_longer_than_a_line_is_cut() -> None:
    lines, cut = wrap("Supercalifragilisticexpialidociousness", 150, SIZE)
    assert (lines, cut) == (["Supercalifragilisticexp", "ialidociousness"], False)


def test_cjk_breaks_between_characters_but_not_before_closing_marks() -> None:
    left, right = "\uff08", "\uff09"  # fullwidth parentheses
    pieces = [t for _, t in tokens(f"专家{left}平台{right}")]
    assert pieces == ["专", "家", f"{left}平", f"台{right}"]
    assert [g for g, _ in tokens("Staff 工程师")] == ["", " ", "", ""]


@pytest.mark.parametrize(
    ("room", "lines", "text_widths"),
    [
        (math.inf, ["Senior Staff Reliability Engineer"], [213.38]),
        (150, ["Senior Staff", "Reliability Engineer"], [78.72, 130.37]),
        (100, ["Senior Staff", "Reliability", "Engineer"], [78.72, 65.96, 60.12]),
    ],
)
def test_card_title_takes_the_room_there_is(
    room: float, lines: list[str], text_widths: list[float]
) -> None:
    found = title_lines("Senior Staff Reliability Engineer", room, MT)
    assert found == lines
    assert widths(found) == text_widths


def spec(roles: list[tuple[str, str, float, float]]) -> SkillsMap:
    return skillsmap.loads(
        yaml.safe_dump(
            {
                "title": "t",
                "tracks": {"ic": {"label": "IC"}},
                "levels": [{"id": "L1"}],
                "roles": [
                    {"id": i, "title": t, "track": "ic", "soft": s, "hard": h}
                    for i, t, s, h in roles
                ],
            }
        ),
        "map.yaml",
    )


def test_a_card_alone_in_its_row_is_one_line_and_crowded_ones_share_a_width() -> None:
    m = spec(
        [
            ("a", "Senior Director of Engineering", 5.0, 8.0),
            ("b", "Senior Director of Engineering", 1.0, 2.0),
            ("c", "Engineering Manager", 2.2, 2.1),
            ("d", "Staff Engineer", 3.0, 2.0),
        ]
    )
    room = rooms(m, MT)
    # b-c are 1.2 units (129.6 px) apart, c-d 0.8 units (86.4 px): one row sharing the least.
    assert room[0] == math.inf
    assert room[1:] == [pytest.approx(86.4 - MT.card_gap - chrome(MT))] * 3
    cards = make_cards(m, MT)
    assert [c.lines for c in cards] == [
        ["Senior Director of Engineering"],
        ["Senior", "Director of", "Engineering"],
        ["Engineering", "Manager"],
        ["Staff", "Engineer"],
    ]
    assert [(c.w, c.h) for c in cards] == [(243, 35), (119, 69), (119, 52), (99, 52)]


def test_card_text_fits_inside_the_card() -> None:
    m = spec([("a", "Principal Site Reliability Engineer Lead", 1, 1)])
    (card,) = make_cards(m, MT)
    assert max(text_width(s, SIZE) for s in card.lines) + chrome(MT) <= card.w
    assert card.h == 2 * MT.card_pad_y + MT.card_line_height * len(card.lines)


def test_a_crowded_card_does_not_leave_a_short_word_alone_to_be_narrower() -> None:
    assert title_lines("Software Engineer II", 50, MT) == ["Software", "Engineer II"]
    assert title_lines("Staff Software Engineer", 50, MT) == ["Staff", "Software", "Engineer"]
