"""The real public career ladders in ``tests/ladders/`` load cleanly and draw as SVG.

Each ladder is encoded by hand from a company's published engineering career framework and
credits it in its ``note``; these checks keep them valid as the spec format and layout evolve.
"""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

import skillsmap
from skillsmap.backends.svg import render_svg
from skillsmap.layout import layout

LADDERS = sorted((Path(__file__).parent / "ladders").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"
SHAPES = {
    # file stem: (roles, moves, tracks, levels, company named in the note)
    "dropbox-engineering": (20, 22, 4, 7, "Dropbox"),
    "gitlab-engineering": (19, 23, 4, 8, "GitLab"),
}


def test_every_ladder_is_listed() -> None:
    assert [p.stem for p in LADDERS] == sorted(SHAPES)


@pytest.mark.parametrize("path", LADDERS, ids=lambda p: p.stem)
def test_ladder_loads_with_its_shape(path: Path) -> None:
    m = skillsmap.load(path)
    roles, moves, tracks, levels, company = SHAPES[path.stem]
    assert (len(m.roles), len(m.moves), len(m.tracks), len(m.levels)) == (
        roles,
        moves,
        tracks,
        levels,
    )
    assert m.note is not None and company in m.note
    assert {r.track for r in m.roles} == set(m.tracks)


@pytest.mark.parametrize("path", LADDERS, ids=lambda p: p.stem)
def test_ladder_renders_every_role_and_move(path: Path) -> None:
    m = skillsmap.load(path)
    root = ET.fromstring(render_svg(layout(m).scene))
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {f"role-{r.id}" for r in m.roles} <= ids
    assert {f"move-{mv.from_}--{mv.to}" for mv in m.moves} <= ids
    assert {f"level-{lv.id}" for lv in m.levels} <= ids
