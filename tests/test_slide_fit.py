"""Maps laid out for a 1920x1080 slide fill it and keep card text readable.

Every corpus map of at most ``MAX_ROLES`` roles and every ladder in ``tests/ladders/`` is laid out
for the slide, fitted to it as ``--size`` does, drawn as SVG and read back: the cards and level
boxes must span at least ``MIN_FILL`` of the slide's width and height, and the smallest card text
must be at least ``MIN_CARD_TEXT`` px. The SVG backend writes every size and position in final
px, so what is read is what a viewer shows.

Every map fills the slide. Maps listed in ``SHORT_OF_TEXT`` do not reach the text size yet; they
are strict expected failures, so a layout that makes one pass fails here until it is taken
off the list.
"""

from __future__ import annotations

import functools
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

import skillsmap
from skillsmap.backends.svg import render_svg
from skillsmap.layout import layout
from skillsmap.model import SkillsMap
from skillsmap.scene import fit
from skillsmap.theme import LIGHT
from tests.corpus_maps import build_corpus, dump

SLIDE = (1920, 1080)  # px
MAX_ROLES = 40  # the slide target holds for maps up to this many roles
MIN_FILL = (0.75, 0.65)  # share of the slide's width and height spanned by cards and boxes
MIN_CARD_TEXT = 12.0  # px
CORPUS_SIZE = 120
SVG = "{http://www.w3.org/2000/svg}"
LADDERS = sorted((Path(__file__).parent / "ladders").glob("*.yaml"))

# Maps whose card text is below MIN_CARD_TEXT on the slide, by name, with what they reach. They
# stack 6-8 level boxes whose roles overlap in width and must keep their order in height, so
# the map's height, not its width, decides how far it shrinks.
SHORT_OF_TEXT: dict[str, str] = {
    "corpus-6": "card text 11.4 px",
    "corpus-10": "card text 10.6 px",
    "corpus-11": "card text 11.1 px",
    "corpus-17": "card text 9.0 px",
    "corpus-19": "card text 11.7 px",
    "corpus-20": "card text 11.1 px",
    "corpus-28": "card text 11.4 px",
    "corpus-35": "card text 10.7 px",
    "corpus-36": "card text 11.8 px",
    "corpus-39": "card text 10.5 px",
    "corpus-40": "card text 9.9 px",
    "corpus-45": "card text 9.5 px",
    "corpus-50": "card text 11.6 px",
    "corpus-54": "card text 10.2 px",
    "corpus-58": "card text 10.3 px",
    "corpus-62": "card text 10.7 px",
    "corpus-71": "card text 11.1 px",
    "corpus-73": "card text 9.7 px",
    "corpus-74": "card text 11.7 px",
    "corpus-75": "card text 9.7 px",
    "corpus-108": "card text 11.3 px",
    "corpus-109": "card text 10.2 px",
    "corpus-111": "card text 9.5 px",
}


def _corpus() -> list[tuple[str, str]]:
    specs = build_corpus(CORPUS_SIZE)
    return [(f"corpus-{i}", dump(s)) for i, s in enumerate(specs) if len(s["roles"]) <= MAX_ROLES]


CASES = [*_corpus(), *((p.stem, p.read_text(encoding="utf-8")) for p in LADDERS)]


@functools.cache
def _measure(name: str) -> tuple[float, float, float]:
    """Width share, height share of the slide spanned by cards and boxes; smallest card text."""
    text = dict(CASES)[name]
    m: SkillsMap = skillsmap.loads(text, f"{name}.yaml")
    scene = fit(layout(m, LIGHT, size=SLIDE).scene, *SLIDE)
    root = ET.fromstring(render_svg(scene))
    assert (root.get("width"), root.get("height")) == (str(SLIDE[0]), str(SLIDE[1]))
    boxes: list[tuple[float, float, float, float]] = []
    sizes: list[float] = []
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id", "")
        if not gid.startswith(("role-", "level-")):
            continue
        r = g.find(f"{SVG}rect")
        assert r is not None
        x, y, w, h = (float(r.get(k, "nan")) for k in ("x", "y", "width", "height"))
        boxes.append((x, y, x + w, y + h))
        if gid.startswith("role-"):
            sizes += [float(t.get("font-size", "nan")) for t in g.iter(f"{SVG}text")]
    width = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    height = max(b[3] for b in boxes) - min(b[1] for b in boxes)
    return width / SLIDE[0], height / SLIDE[1], min(sizes)


def _marks(name: str, short: dict[str, str]) -> list[pytest.MarkDecorator]:
    reason = short.get(name)
    return [] if reason is None else [pytest.mark.xfail(reason=reason, strict=True)]


def _cases(short: dict[str, str]) -> list[object]:
    return [pytest.param(n, marks=_marks(n, short), id=n) for n, _ in CASES]


def test_the_cases_are_the_small_corpus_maps_and_the_ladders() -> None:
    names = [n for n, _ in CASES]
    assert len(names) == len(set(names)) == 76
    assert set(SHORT_OF_TEXT) <= set(names)


@pytest.mark.parametrize("name", [n for n, _ in CASES])
def test_map_fills_the_slide(name: str) -> None:
    width, height, _ = _measure(name)
    assert (width >= MIN_FILL[0], height >= MIN_FILL[1]) == (True, True), (
        f"{name}: fill {width:.2f} x {height:.2f}"
    )


@pytest.mark.parametrize("name", _cases(SHORT_OF_TEXT))
def test_card_text_stays_readable_on_the_slide(name: str) -> None:
    smallest = _measure(name)[2]
    assert smallest >= MIN_CARD_TEXT, f"{name}: card text {smallest:.2f} px"
