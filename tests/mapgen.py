"""Hypothesis strategies for generated skills maps, for property tests of the layout and beyond.

Every strategy here produces only VALID specs (``tests/test_layout_geometry.py`` checks that
the loader accepts all of them). The public API is three strategies:

``spec_data(crowded=False, max_roles=40, max_moves=60, explicit_boxes=None)``
    The spec as plain Python data (the dict a YAML file would parse to).
``spec_texts(**same)``
    The same spec dumped as YAML text, ready for ``skillsmap.loads``.
``maps(**same)``
    The loaded :class:`skillsmap.SkillsMap` (via ``skillsmap.loads``, so it carries its source
    and its warnings are located like a real file's).

What they cover: 1-40 roles, 1-5 tracks (some with colours), 0-6 levels (some roles without
a level), coordinates on the default 0-10 axes including the bounds, titles from one letter to
~60 characters (multi-word, or one long word that must be cut), 0-60 moves between distinct
roles with no duplicate pair, all three kinds, some with labels, and now and then explicit level
boxes (side by side, never overlapping, each containing its roles). With ``crowded=True``
most roles sit on one to three points: exact duplicates and near-duplicates (0.01 apart).
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

import skillsmap

__all__ = ["maps", "spec_data", "spec_texts"]

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# characters DejaVu Sans has, including a few that shape or measure unusually
DASH = "\u2013"  # an en dash, as in "3\u20138 years"
EXTRA = "éüßøÅ&/()+'·0123456789" + DASH
MAX_TITLE = 60

_word = st.text(alphabet=LETTERS + EXTRA, min_size=1, max_size=12)
_long_word = st.text(alphabet=LETTERS, min_size=16, max_size=MAX_TITLE)
_real_words = st.sampled_from(
    [
        "Senior",
        "Staff",
        "Principal",
        "Engineer",
        "Engineering",
        "Manager",
        "Director",
        "of",
        "VP",
        "Product",
        "Site",
        "Reliability",
        "Distinguished",
        "Technology",
        "Data",
        "Scientist",
        "Head",
        "Lead",
        "I",
        "Architect",
    ]
)


@st.composite
def _title(draw: st.DrawFn) -> str:
    shape = draw(st.sampled_from(["real", "real", "words", "long-word", "tiny"]))
    if shape == "tiny":
        return draw(st.text(alphabet=LETTERS, min_size=1, max_size=2))
    if shape == "long-word":
        return draw(_long_word)
    words = draw(st.lists(_real_words if shape == "real" else _word, min_size=1, max_size=9))
    text = " ".join(words)[:MAX_TITLE].strip()
    return text or "X"


def _coord(lo: float = 0.0, hi: float = 10.0) -> st.SearchStrategy[float]:
    """A coordinate in [lo, hi], with the bounds themselves drawn often."""
    a, b = round(lo * 100), round(hi * 100)
    inner = st.integers(a, b).map(lambda k: k / 100)
    return st.one_of(st.sampled_from([lo, hi]), inner, inner)


@st.composite
def _point(draw: st.DrawFn, hubs: list[tuple[float, float]], box: Any) -> tuple[float, float]:
    """A (soft, hard) point: inside ``box`` when given, near one of ``hubs`` when crowded."""
    (s_lo, s_hi), (h_lo, h_hi) = box if box is not None else ((0.0, 10.0), (0.0, 10.0))
    if hubs and draw(st.integers(0, 4)) > 0:
        hs, hh = draw(st.sampled_from(hubs))
        ds = draw(st.sampled_from([0.0, 0.0, 0.01, -0.01, 0.05, -0.05, 0.2]))
        dh = draw(st.sampled_from([0.0, 0.0, 0.01, -0.01, 0.05, -0.05, 0.2]))
        s = min(max(round(hs + ds, 2), s_lo), s_hi)
        h = min(max(round(hh + dh, 2), h_lo), h_hi)
        return s, h
    return draw(_coord(s_lo, s_hi)), draw(_coord(h_lo, h_hi))


@st.composite
def _explicit_columns(draw: st.DrawFn, n: int) -> list[Any]:
    """``n`` boxes side by side on the soft axis (touching or apart), each with a hard range."""
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=n - 1, max_size=n - 1, unique=True)))
    edges = [0, *cuts, 100]
    boxes = []
    for k in range(n):
        lo, hi = edges[k], edges[k + 1]
        shrink = draw(st.integers(0, max(0, (hi - lo - 1) // 3)))
        if hi - lo - 2 * shrink < 1:
            shrink = 0
        soft = ((lo + shrink) / 10, (hi - shrink) / 10)
        h0 = draw(st.integers(0, 90))
        h1 = draw(st.integers(h0 + 5, 100))
        boxes.append((soft, (h0 / 10, h1 / 10)))
    return boxes


@st.composite
def spec_data(
    draw: st.DrawFn,
    crowded: bool = False,
    max_roles: int = 40,
    max_moves: int = 60,
    explicit_boxes: bool | None = None,
) -> dict[str, Any]:
    """A valid spec as plain data; see the module docstring for what it covers."""
    tracks = _draw_tracks(draw)
    levels, boxes = _draw_levels(draw, explicit_boxes)
    level_ids = [lv["id"] for lv in levels]
    roles = _draw_roles(draw, max_roles, len(tracks), level_ids, boxes, crowded)
    moves = _draw_moves(draw, len(roles), max_moves)
    spec: dict[str, Any] = {
        "version": 1,
        "title": draw(_title()),
        "tracks": tracks,
        "levels": levels,
        "roles": roles,
    }
    if draw(st.booleans()):
        spec["subtitle"] = draw(_title())
    if draw(st.integers(0, 3)) == 0:
        spec["note"] = " ".join(draw(st.lists(_title(), min_size=1, max_size=4)))
    if moves:
        spec["moves"] = moves
    return spec


def _draw_tracks(draw: st.DrawFn) -> dict[str, Any]:
    """1-5 tracks, some with a colour (names and hex, including a pale yellow)."""
    tracks: dict[str, Any] = {}
    for t in range(draw(st.integers(1, 5))):
        track: dict[str, Any] = {"label": draw(_title())}
        if draw(st.booleans()):
            track["color"] = draw(
                st.sampled_from(["#0072B2", "#D55E00", "#f0e442", "teal", "#000", "black"])
            )
        tracks[f"t{t}"] = track
    return tracks


def _draw_levels(
    draw: st.DrawFn, explicit_boxes: bool | None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """0-6 levels with short or long labels, and now and then explicit boxes side by side."""
    n_levels = draw(st.integers(0, 6))
    if explicit_boxes is None:
        explicit_boxes = n_levels > 0 and draw(st.integers(0, 5)) == 0
    explicit_boxes = explicit_boxes and n_levels > 0
    level_ids = [f"L{k + 3}" if k % 2 == 0 else f"L{k + 3}-{k + 4}" for k in range(n_levels)]
    boxes: dict[str, Any] = {}
    if explicit_boxes:
        boxed_ids = draw(
            st.lists(st.sampled_from(level_ids), min_size=1, max_size=n_levels, unique=True)
        )
        for lid, b in zip(boxed_ids, draw(_explicit_columns(len(boxed_ids))), strict=True):
            boxes[lid] = b
    levels: list[dict[str, Any]] = []
    for lid in level_ids:
        level: dict[str, Any] = {"id": lid}
        label = draw(st.sampled_from([None, None, "short", "long"]))
        if label == "short":
            level["label"] = lid.replace("-", f" {DASH} ")
        elif label == "long":
            level["label"] = f"{lid} · {draw(_title())}"
        if lid in boxes:
            (s0, s1), (h0, h1) = boxes[lid]
            level["box"] = {"soft": [s0, s1], "hard": [h0, h1]}
        levels.append(level)
    return levels, boxes


def _draw_roles(
    draw: st.DrawFn,
    max_roles: int,
    n_tracks: int,
    level_ids: list[str],
    boxes: dict[str, Any],
    crowded: bool,
) -> list[dict[str, Any]]:
    """1-``max_roles`` roles, inside their level's explicit box; crowded ones near 1-3 hubs."""
    n_roles = draw(st.integers(1, max_roles))
    hubs: list[tuple[float, float]] = []
    if crowded:
        hubs = draw(st.lists(st.tuples(_coord(), _coord()), min_size=1, max_size=3))
    roles: list[dict[str, Any]] = []
    for r in range(n_roles):
        level_id = draw(st.sampled_from([None, *level_ids])) if level_ids else None
        box = boxes.get(level_id) if level_id is not None else None
        soft, hard = draw(_point(hubs, box))
        role: dict[str, Any] = {
            "id": f"r{r}",
            "title": draw(_title()),
            "track": f"t{draw(st.integers(0, n_tracks - 1))}",
            "soft": soft,
            "hard": hard,
        }
        if level_id is not None:
            role["level"] = level_id
        roles.append(role)
    return roles


def _draw_moves(draw: st.DrawFn, n_roles: int, max_moves: int) -> list[dict[str, Any]]:
    """0-``max_moves`` moves between distinct roles, no pair twice, all kinds, some labelled."""
    if n_roles < 2:
        return []
    # pick how many moves first (so long lists are as likely as short ones), then which
    # ordered pairs, numbered 0 .. n(n-1)-1 so that no pair repeats and none is a loop
    space = n_roles * (n_roles - 1)
    count = draw(st.integers(0, min(max_moves, space)))
    codes = draw(st.lists(st.integers(0, space - 1), min_size=count, max_size=count, unique=True))
    moves: list[dict[str, Any]] = []
    for code in codes:
        a, b = divmod(code, n_roles - 1)
        move: dict[str, Any] = {"from": f"r{a}", "to": f"r{b + (b >= a)}"}
        kind = draw(st.sampled_from([None, "promotion", "lateral", "downward"]))
        if kind is not None:
            move["kind"] = kind
        label = draw(
            st.sampled_from([None, None, f"3{DASH}8 years", f"6 months {DASH} 2 years", "text"])
        )
        if label == "text":
            move["label"] = draw(_title())
        elif label is not None:
            move["label"] = label
        moves.append(move)
    return moves


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def spec_texts(
    crowded: bool = False,
    max_roles: int = 40,
    max_moves: int = 60,
    explicit_boxes: bool | None = None,
) -> st.SearchStrategy[str]:
    """A valid spec as YAML text."""
    return spec_data(crowded, max_roles, max_moves, explicit_boxes).map(_dump)


def maps(
    crowded: bool = False,
    max_roles: int = 40,
    max_moves: int = 60,
    explicit_boxes: bool | None = None,
) -> st.SearchStrategy[skillsmap.SkillsMap]:
    """A valid spec loaded with ``skillsmap.loads`` (raises ``SpecError`` if one ever is not)."""
    return spec_texts(crowded, max_roles, max_moves, explicit_boxes).map(
        lambda text: skillsmap.loads(text, "<generated>")
    )
