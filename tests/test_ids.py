"""Element ids: the encoding of spec ids, and unique ids in the SVG when role ids contain ``--``."""

from __future__ import annotations

from collections import Counter

import defusedxml.ElementTree as ET
import pytest

import skillsmap
from skillsmap.backends.svg import render_svg
from skillsmap.ids import decode_parts, encode, label_id, level_id, move_id, role_id
from skillsmap.layout import layout

ENCODINGS = [
    ("senior-engineer", "senior-engineer"),
    ("a", "a"),
    ("L5", "L5"),
    ("a-b-c", "a-b-c"),
    ("a--b", "a_-_-b"),
    ("b--c", "b_-_-c"),
    ("a---b", "a_-_-_-b"),
    ("-a", "_-a"),
    ("a-", "a_-"),
    ("-", "_-"),
    ("--", "_-_-"),
    ("snake_case", "snake__case"),
    ("_", "__"),
    ("__x", "____x"),
    ("_-_", "__-__"),
    ("a_-b", "a__-b"),
]


@pytest.mark.parametrize(("spec_id", "encoded"), ENCODINGS)
def test_encoding(spec_id: str, encoded: str) -> None:
    assert encode(spec_id) == encoded
    assert "--" not in encoded
    assert decode_parts(encoded) == [spec_id]


@pytest.mark.parametrize(("a", "_a"), ENCODINGS)
@pytest.mark.parametrize(("b", "_b"), ENCODINGS[:8])
def test_move_ids_decode_to_their_two_roles(a: str, _a: str, b: str, _b: str) -> None:
    assert decode_parts(move_id(a, b).removeprefix("move-")) == [a, b]
    assert decode_parts(label_id(a, b).removeprefix("label-")) == [a, b]


def test_element_ids() -> None:
    assert role_id("a--b") == "role-a_-_-b"
    assert level_id("L_5") == "level-L__5"
    assert move_id("a", "b--c") == "move-a--b_-_-c"
    assert move_id("a--b", "c") == "move-a_-_-b--c"
    assert move_id("a-", "b") == "move-a_---b"
    assert label_id("a-", "-b") == "label-a_---_-b"


COLLIDING = """
title: Ids with double dashes
tracks: {t: {label: T}}
levels: [{id: L1}, {id: L_1}, {id: L--1}]
roles:
  - {id: a, title: A, track: t, level: L1, soft: 1, hard: 1}
  - {id: b--c, title: B C, track: t, level: L_1, soft: 4, hard: 4}
  - {id: a--b, title: A B, track: t, level: L--1, soft: 7, hard: 7}
  - {id: c, title: C, track: t, soft: 9, hard: 9}
moves:
  - {from: a, to: b--c, label: one}
  - {from: a--b, to: c, label: two}
"""


def test_colliding_ids_are_unique_in_the_svg() -> None:
    m = skillsmap.loads(COLLIDING)
    root = ET.fromstring(render_svg(layout(m).scene))
    found = [el.get("id") for el in root.iter() if el.get("id") is not None]
    assert [i for i, n in Counter(found).items() if n > 1] == []
    assert {
        "role-a",
        "role-b_-_-c",
        "role-a_-_-b",
        "role-c",
        "level-L1",
        "level-L__1",
        "level-L_-_-1",
        "move-a--b_-_-c",
        "move-a_-_-b--c",
        "label-a--b_-_-c",
        "label-a_-_-b--c",
    } <= set(found)
