"""Themes: every bundled theme draws every bundled spec with readable text, and print stays
readable in grey.

Contrast is read back from the SVG (WCAG ratio of each text's fill against the fill behind it:
its card, its level box, its label plate, or the canvas). The print theme is rasterised with
resvg and turned to grey: track markers still differ in shape and move kinds in dash pattern.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import statistics
import xml.etree.ElementTree as StdET

import defusedxml.ElementTree as ET
import numpy as np
import pytest
from imagecompare import rasterise_svg
from PIL import Image

import skillsmap
from skillsmap.backends.svg import render_svg
from skillsmap.colors import contrast, parse_color
from skillsmap.examples import bundled
from skillsmap.layout import layout
from skillsmap.theme import DARK, HIGH_CONTRAST, LIGHT, PRINT, THEMES, Theme

SVG = "{http://www.w3.org/2000/svg}"
ZOOM = 2  # raster px per px for the greyscale checks
MASKS_APART = (
    0.1  # share of the union of two markers' masks that must differ (circle vs square: 0.17)
)
INSET = 3  # px inside a legend swatch's border where the marker is looked at

USER_COLOURS = """
title: User colours
tracks:
  yellow: {label: Yellow, color: "#F0E442"}
  pale: {label: Pale, color: "#FFFFCC"}
  white: {label: White, color: white}
  black: {label: Black, color: "#000000"}
  grey: {label: Grey, color: "#777777"}
  navy: {label: Navy, color: navy}
levels: [{id: L1, label: Level one}]
roles:
  - {id: a, title: Yellow role, track: yellow, level: L1, soft: 1, hard: 1}
  - {id: b, title: Pale role, track: pale, level: L1, soft: 3, hard: 2}
  - {id: c, title: White role, track: white, soft: 5, hard: 4}
  - {id: d, title: Black role, track: black, soft: 7, hard: 6}
  - {id: e, title: Grey role, track: grey, soft: 8, hard: 8}
  - {id: f, title: Navy role, track: navy, soft: 2, hard: 9}
moves:
  - {from: a, to: b, kind: lateral, label: sideways}
  - {from: b, to: c, label: up}
  - {from: d, to: c, kind: downward, label: down}
"""

ALL_KINDS = """
title: Four tracks, three kinds
tracks: {ic: {label: IC}, mgmt: {label: Management}, product: {label: Product}, sre: {label: SRE}}
levels: []
roles:
  - {id: a, title: Engineer, track: ic, soft: 1, hard: 1}
  - {id: b, title: Manager, track: mgmt, soft: 5, hard: 3}
  - {id: c, title: Product lead, track: product, soft: 8, hard: 6}
  - {id: d, title: Site reliability, track: sre, soft: 2, hard: 8}
moves:
  - {from: a, to: b, kind: lateral}
  - {from: b, to: c}
  - {from: d, to: a, kind: downward}
"""

MAPS = {p.stem: p.read_text(encoding="utf-8") for p in bundled()} | {"user-colours": USER_COLOURS}


def test_themes_are_named() -> None:
    assert THEMES == {"light": LIGHT, "dark": DARK, "print": PRINT, "high-contrast": HIGH_CONTRAST}
    assert all(t.name == name for name, t in THEMES.items())


def svg_of(text: str, theme: Theme) -> StdET.Element:
    return ET.fromstring(render_svg(layout(skillsmap.loads(text), theme).scene))


def _fill(el: StdET.Element) -> str:
    colour = parse_color(el.get("fill", ""))
    assert colour is not None, StdET.tostring(el)
    return colour


def _classes(el: StdET.Element) -> list[str]:
    return (el.get("class") or "").split()


def text_contrasts(root: StdET.Element, background: str) -> list[tuple[str, float]]:
    """(what, ratio) for every text: against the rect of its card, level or plate, or the canvas."""
    out: list[tuple[str, float]] = []
    inside: set[StdET.Element] = set()
    for g in root.iter(f"{SVG}g"):
        cls = _classes(g)
        if {"role", "level", "move-label"} & set(cls):
            rect = g.find(f".//{SVG}rect")
            assert rect is not None
            for text in g.iter(f"{SVG}text"):
                inside.add(text)
                what = f"{cls[0]} {g.get('id')}: {''.join(text.itertext())!r}"
                out.append((what, contrast(_fill(text), _fill(rect))))
    for text in root.iter(f"{SVG}text"):
        if text not in inside:
            what = f"text {''.join(text.itertext())!r}"
            out.append((what, contrast(_fill(text), background)))
    return out


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
@pytest.mark.parametrize("name", sorted(MAPS))
def test_every_text_is_readable(theme: Theme, name: str) -> None:
    root = svg_of(MAPS[name], theme)
    ratios = text_contrasts(root, theme.palette.background)
    roles = [r for what, r in ratios if what.startswith("role ")]
    assert len(roles) >= 6
    low = [(what, round(r, 2)) for what, r in ratios if r < theme.palette.min_contrast]
    assert low == []


def test_high_contrast_cards_reach_seven_to_one() -> None:
    assert HIGH_CONTRAST.palette.min_contrast == 7.0
    root = svg_of(USER_COLOURS, HIGH_CONTRAST)
    ratios = [r for what, r in text_contrasts(root, "#ffffff") if what.startswith("role ")]
    assert len(ratios) == 6 and min(ratios) >= 7.0


def test_dark_theme_is_dark() -> None:
    root = svg_of(MAPS["senior-engineer"], DARK)
    cards = [
        _fill(g.find(f"{SVG}rect") or g.find(f".//{SVG}rect"))  # type: ignore[arg-type]
        for g in root.iter(f"{SVG}g")
        if "role" in _classes(g)
    ]
    assert contrast(DARK.palette.background, "#000000") < 1.5
    assert all(contrast(fill, "#000000") < 3 for fill in cards)


# -- print, seen in grey ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def print_map() -> tuple[StdET.Element, np.ndarray]:
    svg = render_svg(layout(skillsmap.loads(ALL_KINDS), PRINT).scene)
    png = rasterise_svg(svg, zoom=ZOOM, background=PRINT.palette.background)
    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.int16)
    return ET.fromstring(svg), grey


def legend_items(root: StdET.Element, kind: str) -> list[StdET.Element]:
    return [g for g in root.iter(f"{SVG}g") if f"legend-{kind}" in _classes(g)]


def marker_mask(grey: np.ndarray, item: StdET.Element) -> np.ndarray:
    """The marker inside a legend swatch, binarised halfway between its darkest and lightest."""
    rect = item.find(f"{SVG}rect")
    assert rect is not None
    x, y, w, h = (float(rect.get(k, "nan")) for k in ("x", "y", "width", "height"))
    crop = grey[
        round((y + INSET) * ZOOM) : round((y + h - INSET) * ZOOM),
        round((x + INSET) * ZOOM) : round((x + w - INSET) * ZOOM),
    ]
    assert crop.max() - crop.min() > 60, "the marker must stand out from its swatch in grey"
    return crop < (int(crop.max()) + int(crop.min())) / 2


def test_print_tracks_differ_in_grey(print_map: tuple[StdET.Element, np.ndarray]) -> None:
    root, grey = print_map
    items = legend_items(root, "track")
    assert len(items) == 4
    masks = [marker_mask(grey, item) for item in items]
    for (i, a), (j, b) in itertools.combinations(enumerate(masks), 2):
        apart = np.count_nonzero(a ^ b) / max(np.count_nonzero(a | b), 1)
        assert apart > MASKS_APART, f"markers of tracks {i} and {j} look alike ({apart:.2f})"


def runs(row: np.ndarray) -> tuple[list[int], list[int]]:
    """Lengths of the dark (on) and light (off) runs along a row of grey pixels."""
    on: list[int] = []
    off: list[int] = []
    for dark, group in itertools.groupby(row < 128):
        (on if dark else off).append(len(list(group)))
    return on, off


def test_print_move_kinds_differ_in_grey(print_map: tuple[StdET.Element, np.ndarray]) -> None:
    root, grey = print_map
    patterns: dict[str, tuple[list[int], list[int]]] = {}
    for item in legend_items(root, "move"):
        kind = next(c for c in _classes(item) if c.startswith("move-")).removeprefix("move-")
        path = item.find(f"{SVG}path")
        assert path is not None
        x0, y, x1, _ = (float(v) for v in re.findall(r"-?[\d.]+", path.get("d", "")))
        # the line's anti-aliased first and last pixels are left out
        start, end = math.ceil(x0 * ZOOM) + 1, round(x1 * ZOOM) - 2
        patterns[kind] = runs(grey[round(y * ZOOM), start:end])
    assert set(patterns) == {"promotion", "lateral", "downward"}
    assert len(patterns["promotion"][0]) == 1 and patterns["promotion"][1] == []
    lateral_on = statistics.median(patterns["lateral"][0])
    downward_on = statistics.median(patterns["downward"][0])
    assert len(patterns["lateral"][0]) >= 2 and len(patterns["downward"][0]) >= 3
    assert lateral_on >= 2 * downward_on
