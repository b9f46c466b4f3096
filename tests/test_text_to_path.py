"""Text drawn as glyph outlines: no font needed, same picture, same structure, same bytes.

Maps rendered with ``text_to_path=True`` are rasterised by resvg with no font file and no system
fonts at all (so any text left as ``<text>`` would vanish) and compared with what the font-using
renderers draw: matplotlib's PNG, and resvg given the bundled font files.
"""

from __future__ import annotations

import functools
import hashlib
import subprocess
import sys
import xml.etree.ElementTree as StdET
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest
import resvg_py
from imagecompare import Box, rasterise_svg, rms
from scenes import MUTED, label, sample_scene

from skillsmap import fonts, load
from skillsmap.backends.base import glyph_text
from skillsmap.backends.mpl import render_png
from skillsmap.backends.svg import render_svg
from skillsmap.layout import layout
from skillsmap.scene import Group, Scene, Text

SVG = "{http://www.w3.org/2000/svg}"
SPECS = Path(__file__).parent.parent / "specs"
MAPS = ["senior-engineer", "career-ladder"]
# Largest RMS difference (0-255 over RGB) between outlines drawn without a font and text drawn
# with it, over a whole map; antialiasing of glyph edges differs slightly between rasterisers.
MAP_TOLERANCE = 6.0
# The same for one line of text, compared over its own box: a glyph out of place (a mark not
# attached, a right-to-left run reversed) differs by far more.
LINE_TOLERANCE = 4.0


def fontless_png(svg: bytes, zoom: float = 2) -> bytes:
    """``svg`` rasterised by resvg with no font at all."""
    png = resvg_py.svg_to_bytes(
        svg_string=svg.decode("utf-8"), font_files=[], skip_system_fonts=True, zoom=zoom
    )
    return bytes(png)


def tag(el: StdET.Element) -> str:
    return el.tag.removeprefix(SVG)


@functools.cache
def scene_of(name: str) -> Scene:
    return layout(load(SPECS / f"{name}.yaml")).scene


def texts(scene: Scene) -> list[Text]:
    return [n for n, _ in scene.walk() if isinstance(n, Text) and glyph_text(n.text).strip()]


def tooltips(svg: bytes) -> dict[str, str]:
    """Every group's id and its ``<title>`` (its first child)."""
    out = {}
    for el in ET.fromstring(svg).iter():
        if tag(el) == "g" and el.get("id") and len(el) and tag(el[0]) == "title":
            out[el.get("id", "")] = el[0].text or ""
    return out


@pytest.mark.parametrize("name", MAPS)
def test_map_has_no_text_element_and_keeps_its_accessible_text(name: str) -> None:
    scene = scene_of(name)
    plain, outlined = render_svg(scene), render_svg(scene, text_to_path=True)
    root = ET.fromstring(outlined)
    tags = {tag(el) for el in root.iter()}
    assert tags.isdisjoint({"text", "style", "defs", "use"})
    assert b"@font-face" not in outlined
    assert "font-family" not in root.attrib
    assert [tag(el) for el in root[:2]] == ["title", "desc"]
    plain_root = ET.fromstring(plain)
    assert [el.text for el in root[:2]] == [el.text for el in plain_root[:2]]
    assert root.get("aria-labelledby") == plain_root.get("aria-labelledby") == "title desc"
    assert root.get("role") == "img"
    role_titles = {k: v for k, v in tooltips(outlined).items() if k.startswith("role-")}
    assert role_titles == {k: v for k, v in tooltips(plain).items() if k.startswith("role-")}
    assert len(role_titles) == len(load(SPECS / f"{name}.yaml").roles)
    labels = [el.get("aria-label") for el in root.iter() if el.get("aria-label") is not None]
    assert labels == [glyph_text(t.text) for t in texts(scene)]


@pytest.mark.parametrize("name", MAPS)
def test_map_without_any_font_looks_like_the_png(name: str) -> None:
    scene = scene_of(name)
    outlined = fontless_png(render_svg(scene, text_to_path=True))
    assert rms(outlined, render_png(scene, dpi=192)) <= MAP_TOLERANCE
    assert rms(outlined, rasterise_svg(render_svg(scene), zoom=2)) <= MAP_TOLERANCE


def test_plain_svg_without_a_font_loses_its_text() -> None:
    # The comparison above can fail: text left as <text> is not drawn without a font.
    scene = scene_of(MAPS[0])
    with_font = rasterise_svg(render_svg(scene), zoom=2)
    assert rms(fontless_png(render_svg(scene)), with_font) > 2 * MAP_TOLERANCE


TRICKY = [
    label(20, 40, "AVAWAY Tofu", 18),
    label(20, 80, "q\u0301 x\u0323\u0301 n\u0303a\u0308", 22, bold=True),
    label(20, 120, "\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645", 20),
    label(180, 160, "\u05e9\u05dc\u05d5\u05dd", 20, anchor="end"),
    label(300, 100, "Hard skills", 14, anchor="middle", rotate=90, fill=MUTED),
    label(330, 190, "S P A C E D", 12, anchor="end", bold=True, letter_spacing=2),
]
TRICKY_SCENE = Scene(340, 200, "t", "d", "#FFFFFF", Group(tuple(TRICKY), id="map"))


def line_box(text: Text, zoom: float = 2) -> Box:
    """The pixels around ``text`` (rotated by 0 or 90 degrees) at ``zoom``."""
    start = text.x - text.length * {"start": 0, "middle": 0.5, "end": 1}[text.anchor]
    along = (start - 4, start + text.length + 4)
    across = (text.y - text.size * 1.3, text.y + text.size * 0.5)
    if text.rotate == 90:  # reads upward: along the text is up the page
        x0, x1 = text.x - text.size * 1.3, text.x + text.size * 0.5
        y0, y1 = text.x + text.y - along[1], text.x + text.y - along[0]
        return (round(x0 * zoom), round(y0 * zoom), round(x1 * zoom), round(y1 * zoom))
    return (
        round(along[0] * zoom),
        round(across[0] * zoom),
        round(along[1] * zoom),
        round(across[1] * zoom),
    )


@pytest.mark.parametrize("index", range(len(TRICKY)), ids=[t.text for t in TRICKY])
def test_kerning_marks_rtl_bold_rotation_and_spacing_are_outlined_in_place(index: int) -> None:
    text = TRICKY[index]
    assert fonts.missing_glyphs(text.text, text.weight) == []
    outlined = fontless_png(render_svg(TRICKY_SCENE, text_to_path=True))
    with_font = rasterise_svg(render_svg(TRICKY_SCENE), zoom=2)
    box = line_box(text)
    assert rms(outlined, with_font, box) <= LINE_TOLERANCE
    blank = fontless_png(render_svg(Scene(340, 200, "t", "d", "#FFFFFF", Group(()))))
    assert rms(with_font, blank, box) > 4 * LINE_TOLERANCE  # the box does hold the text


def outline_of(text: Text) -> StdET.Element:
    scene = Scene(200, 100, "t", "d", "#FFFFFF", Group((text,), id="map"))
    root = ET.fromstring(render_svg(scene, text_to_path=True))
    paths = [el for el in root.iter() if tag(el) == "path"]
    assert len(paths) == 1
    return paths[0]


def test_one_glyph_is_written_with_short_relative_commands() -> None:
    # DejaVu Sans "l" is the rectangle x 193..377, y 0..1556 (font units, 2048 to the em); at
    # 20.48 px one unit is 0.01 px.
    el = outline_of(Text(10, 50, "l", 20.48, 1.07, "#112233"))
    d = "m11.93 34.44h1.84v15.56h-1.84z"
    assert el.attrib == {"d": d, "fill": "#112233", "aria-label": "l"}


def test_rotated_text_turns_about_its_anchor_like_a_text_element() -> None:
    el = outline_of(label(22, 80, "Hard skills", 12, anchor="middle", rotate=90))
    assert el.get("transform") == "rotate(-90 22 80)"


def test_missing_glyphs_are_drawn_as_the_fonts_missing_glyph_box(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "_fc_run", lambda args: "")  # no font has them
    fonts.forget_fontconfig()
    assert fonts.missing_glyphs("\u5de5\u7a0b") == ["\u5de5", "\u7a0b"]
    first = outline_of(Text(10, 50, "\u5de5", 20, 0, "#000000")).get("d")
    second = outline_of(Text(10, 50, "\u7a0b", 20, 0, "#000000")).get("d")
    assert first == second
    assert first is not None and first.count("z") == 2  # the box and its inner outline
    monkeypatch.undo()
    fonts.forget_fontconfig()


def test_blank_text_draws_nothing() -> None:
    scene = Scene(200, 100, "t", "d", "#FFFFFF", Group((Text(1, 2, " \t\n", 12, 9, "#000000"),)))
    root = ET.fromstring(render_svg(scene, text_to_path=True))
    assert [tag(el) for el in root] == ["title", "desc", "rect", "g"]
    assert len(root[3]) == 0


def test_sample_scene_outlines_match_the_png() -> None:
    scene = sample_scene()
    outlined = fontless_png(render_svg(scene, text_to_path=True))
    assert rms(outlined, render_png(scene, dpi=192)) <= MAP_TOLERANCE


def test_outline_svg_is_byte_identical_across_processes() -> None:
    code = (
        "import hashlib, sys\n"
        "import skillsmap\n"
        "from skillsmap.layout import layout\n"
        "from skillsmap.backends.svg import render_svg\n"
        "scene = layout(skillsmap.load(sys.argv[1])).scene\n"
        "print(hashlib.sha256(render_svg(scene, text_to_path=True)).hexdigest())\n"
    )
    spec = str(SPECS / f"{MAPS[0]}.yaml")
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, spec], check=True, capture_output=True, text=True
        ).stdout.strip()
        for _ in range(2)
    ]
    here = hashlib.sha256(render_svg(scene_of(MAPS[0]), text_to_path=True)).hexdigest()
    assert runs == [here, here]
