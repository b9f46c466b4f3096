"""The real maps: both backends draw the same picture, and the SVG keeps its documented structure.

Every bundled spec is laid out once; its SVG (rasterised by resvg with the bundled font) and
matplotlib's PNG at 192 dpi must match within ``RMS_TOLERANCE``. The SVG must follow the "SVG
output contract" of the design notes, element by element, for every role, level and move.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as StdET
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest
from imagecompare import RMS_TOLERANCE, rasterise_svg, rgb, rms, save_diff

from skillsmap import load
from skillsmap.backends.mpl import render_png
from skillsmap.backends.svg import render_svg
from skillsmap.examples import bundled
from skillsmap.layout import layout
from skillsmap.model import SkillsMap
from skillsmap.scene import Group, Rect, Scene

NS = "{http://www.w3.org/2000/svg}"
FAILURE_DIR = Path(__file__).parent / "baseline-failures"
SPECS = bundled()
IDS = [p.stem for p in SPECS]


@dataclass(frozen=True)
class Drawn:
    model: SkillsMap
    scene: Scene
    svg: bytes

    @functools.cached_property
    def root(self) -> StdET.Element:
        return ET.fromstring(self.svg)

    @functools.cached_property
    def parents(self) -> dict[StdET.Element, StdET.Element]:
        return {child: parent for parent in self.root.iter() for child in parent}

    def by_id(self, ident: str) -> StdET.Element:
        found = [el for el in self.root.iter() if el.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
        return found[0]


@functools.cache
def drawn(spec: Path) -> Drawn:
    m = load(spec)
    scene = layout(m).scene
    return Drawn(m, scene, render_svg(scene))


def tag(el: StdET.Element) -> str:
    return el.tag.removeprefix(NS)


def children(el: StdET.Element, name: str) -> list[StdET.Element]:
    return [c for c in el if tag(c) == name]


def number(el: StdET.Element, attr: str) -> float:
    return float(el.attrib[attr])


def scene_rect(scene: Scene, group_id: str) -> Rect:
    """The one Rect directly inside the scene group ``group_id``."""
    for node, _ in scene.walk():
        if isinstance(node, Group) and node.id == group_id:
            rects = [c for c in node.children if isinstance(c, Rect)]
            assert len(rects) == 1, group_id
            return rects[0]
    raise AssertionError(f"no group {group_id!r} in the scene")


# --- the two backends agree ---------------------------------------------------------------------


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_svg_and_png_draw_the_same_picture(spec: Path) -> None:
    d = drawn(spec)
    png = render_png(d.scene, dpi=192)
    svg_png = rasterise_svg(d.svg, zoom=2)
    expected_size = (round(d.scene.width * 2), round(d.scene.height * 2))
    assert rgb(png).size == rgb(svg_png).size == expected_size
    difference = rms(png, svg_png)
    if difference > RMS_TOLERANCE:
        FAILURE_DIR.mkdir(exist_ok=True)
        paths = {
            "mpl": FAILURE_DIR / f"{spec.stem}-agreement-mpl.png",
            "resvg": FAILURE_DIR / f"{spec.stem}-agreement-resvg.png",
            "diff": FAILURE_DIR / f"{spec.stem}-agreement-diff.png",
        }
        paths["mpl"].write_bytes(png)
        paths["resvg"].write_bytes(svg_png)
        save_diff(png, svg_png, str(paths["diff"]))
        pytest.fail(
            f"{spec.name}: matplotlib PNG and resvg-rasterised SVG differ, RMS {difference:.2f} > "
            f"{RMS_TOLERANCE}; see {', '.join(str(p) for p in paths.values())}"
        )


# --- the SVG output contract on real maps -----------------------------------------------------


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_root_is_an_accessible_image(spec: Path) -> None:
    d = drawn(spec)
    root = d.root
    assert tag(root) == "svg"
    width, height = root.attrib["width"], root.attrib["height"]
    assert float(width) > 0
    assert float(height) > 0
    assert root.attrib["viewBox"] == f"0 0 {width} {height}"
    assert root.attrib["role"] == "img"
    title_id, desc_id = root.attrib["aria-labelledby"].split()
    title, desc = d.by_id(title_id), d.by_id(desc_id)
    assert tag(title) == "title"
    assert tag(desc) == "desc"
    assert d.parents[title] is root
    assert d.parents[desc] is root
    assert list(root)[:2] == [title, desc]  # the accessible name comes first
    assert title.text == d.model.title
    summary = desc.text or ""
    assert summary.strip()
    assert "\n" not in summary.strip()  # one paragraph
    assert re.search(rf"\b{len(d.model.roles)} roles\b", summary), summary


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_role_is_a_card_group(spec: Path) -> None:
    d = drawn(spec)
    for role in d.model.roles:
        g = d.by_id(f"role-{role.id}")
        assert tag(g) == "g"
        assert g.attrib["class"] == f"role track-{role.track}"
        first = next(iter(g))
        assert tag(first) == "title", role.id
        tooltip = first.text or ""
        assert tooltip.startswith(role.title), (role.id, tooltip)
        if role.description:
            assert " ".join(role.description.split()) in " ".join(tooltip.split()), role.id
        for alias in role.aliases.values():
            assert alias in tooltip, (role.id, alias)
        rects = children(g, "rect")
        assert len(rects) == 1, role.id
        texts = children(g, "text")
        assert texts, role.id
        # The title, wrapped over the card's lines, is all there.
        assert " ".join(t.text or "" for t in texts) == role.title, role.id
        assert not [c for c in g if tag(c) not in {"title", "rect", "text", "circle", "polygon"}]
        parent = d.parents[g]
        if role.url:
            assert tag(parent) == "a"
            assert parent.attrib["href"] == role.url
        else:
            assert tag(parent) == "g"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_level_is_a_box_group(spec: Path) -> None:
    d = drawn(spec)
    for level in d.model.levels:
        g = d.by_id(f"level-{level.id}")
        assert tag(g) == "g"
        assert g.attrib["class"] == "level"
        assert len(children(g, "rect")) == 1, level.id
        labels = [t.text for t in children(g, "text")]
        assert labels == [level.text], level.id


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_move_is_a_path_group(spec: Path) -> None:
    d = drawn(spec)
    for move in d.model.moves:
        g = d.by_id(f"move-{move.from_}--{move.to}")
        assert tag(g) == "g"
        assert g.attrib["class"] == f"move move-{move.kind}"
        paths = children(g, "path")
        assert len(paths) == 1, g.attrib["id"]
        assert paths[0].attrib["d"].startswith("M")


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_rect_geometry_is_absolute(spec: Path) -> None:
    d = drawn(spec)
    for el in d.root.iter():
        assert "transform" not in el.attrib or tag(el) == "text", el.attrib
    boxes = [f"role-{r.id}" for r in d.model.roles] + [f"level-{lv.id}" for lv in d.model.levels]
    for ident in boxes:
        (rect,) = children(d.by_id(ident), "rect")
        expected = scene_rect(d.scene, ident)
        got = tuple(number(rect, k) for k in ("x", "y", "width", "height"))
        want = (expected.x, expected.y, expected.width, expected.height)
        assert got == pytest.approx(want, abs=0.005), ident
        # ...and inside the canvas, so reading it back gives the picture's coordinates.
        x, y, w, h = got
        assert x >= 0
        assert y >= 0
        assert x + w <= d.scene.width
        assert y + h <= d.scene.height


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_ids_are_unique(spec: Path) -> None:
    ids = [el.attrib["id"] for el in drawn(spec).root.iter() if "id" in el.attrib]
    assert len(ids) == len(set(ids))
