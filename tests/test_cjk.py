"""A map in Chinese and Japanese: real glyphs in SVG and PNG, every text inside its card.

Needs Debian's fonts-droid-fallback (fontconfig finds Droid Sans Fallback for CJK). Pictures
are compared by RMS difference (0-255 over RGB) with the same text drawn from the CJK font's
own outlines; a placeholder box differs from a glyph by far more.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import resvg_py
import uharfbuzz as hb
from click.testing import CliRunner
from imagecompare import rms

from skillsmap import fonts
from skillsmap.backends.mpl import render_png
from skillsmap.backends.svg import render_svg
from skillsmap.cli import main
from skillsmap.layout.cards import chrome
from skillsmap.pipeline import build, encode
from skillsmap.scene import Group, Scene, Text
from skillsmap.theme import LIGHT

SPEC = Path(__file__).parent / "cjk" / "cjk-ladder.yaml"
DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
pytestmark = pytest.mark.skipif(
    not Path(DROID).is_file(),
    reason="needs Debian's fonts-droid-fallback (bash .ci/run installs it as root)",
)
FIT_TOLERANCE = 0.01  # px: card widths are rounded up, text widths to hundredths
# One line of text drawn from its font and from the same font's outlines (see test_text_to_path).
LINE_TOLERANCE = 4.0
# A placeholder box in place of the glyphs differs from them by at least this much.
NOTDEF_DIFFERENCE = 20.0
FACE = re.compile(
    r'@font-face\{font-family:([\w-]+);font-weight:400 700;src:url\("data:;base64,([^"]+)"\);\}'
)


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    fonts.forget_fontconfig()
    yield
    fonts.forget_fontconfig()


def no_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_fc_run", lambda args: "")
    fonts.forget_fontconfig()


def cjk_chars(text: str) -> set[str]:
    return {ch for ch in text if not fonts.has_glyph(fonts.default_font(), ch)} - {" "}


def line_scene(s: str, size: float = 40) -> Scene:
    text = Text(10, 60, s, size, round(fonts.text_width(s, size), 2), "#000000")
    return Scene(200, 80, "t", "d", "#FFFFFF", Group((text,)))


def test_cjk_map_draws_every_text_with_a_font_and_inside_its_card() -> None:
    built = build(SPEC)
    assert [d.format() for d in built.warnings] == []
    for role in built.layout.plan.roles:
        text_w = max(fonts.text_width(s, LIGHT.metrics.card_text_size) for s in role.lines)
        assert text_w + chrome(LIGHT.metrics) <= role.card.width + FIT_TOLERANCE, role.id
    staff = built.layout.plan.role("staff")
    assert staff.lines == ("资深技术专家\uff08平台架构\uff09",)


def test_svg_embeds_the_fallback_font_as_its_own_family() -> None:
    built = build(SPEC)
    svg = encode(built, "svg").decode("utf-8")
    (face,) = FACE.findall(svg)
    assert face[0] == "skillsmap-sans-2"
    assert 'text{font-family:skillsmap-sans,skillsmap-sans-2,"DejaVu Sans",sans-serif;}' in svg
    subset = hb.Face(hb.Blob(base64.b64decode(face[1])))
    drawn = {n.text for n, _ in built.scene.walk() if isinstance(n, Text)}
    wanted = {ord(ch) for s in drawn for ch in cjk_chars(s)}
    assert wanted and wanted <= set(subset.unicodes)
    assert ord("A") not in set(subset.unicodes)  # DejaVu Sans draws it


def test_png_and_svg_draw_the_cjk_glyphs_not_placeholder_boxes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = line_scene("工程师")
    outlines = bytes(
        resvg_py.svg_to_bytes(
            svg_string=render_svg(scene, text_to_path=True).decode("utf-8"),
            font_files=[],
            skip_system_fonts=True,
            zoom=2,
        )
    )
    png = render_png(scene, dpi=192)
    assert rms(png, outlines) <= LINE_TOLERANCE
    (face,) = FACE.findall(render_svg(scene).decode("utf-8"))
    embedded = tmp_path / "embedded.ttf"
    embedded.write_bytes(base64.b64decode(face[1]))
    from_svg = resvg_py.svg_to_bytes(
        svg_string=render_svg(scene)
        .decode("utf-8")
        .replace("skillsmap-sans-2", "Droid Sans Fallback"),
        font_files=[str(fonts.font_path()), str(embedded)],
        skip_system_fonts=True,
        zoom=2,
    )
    assert rms(bytes(from_svg), outlines) <= LINE_TOLERANCE
    no_fontconfig(monkeypatch)
    assert rms(render_png(scene, dpi=192), png) >= NOTDEF_DIFFERENCE


def test_font_option_is_used_by_render_and_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_fontconfig(monkeypatch)
    runner = CliRunner()
    bare = runner.invoke(main, ["validate", "-q", str(SPEC)])
    assert bare.exit_code == 0
    assert "no font has a glyph for" in bare.stderr
    given = runner.invoke(main, ["validate", "-q", "--font", DROID, str(SPEC)])
    assert (given.exit_code, given.stdout, given.stderr) == (0, "", "")
    drawn = runner.invoke(main, ["render", "--font", DROID, str(SPEC), "-f", "svg", "-o", "-"])
    assert drawn.exit_code == 0 and drawn.stderr == ""
    assert "font-family:skillsmap-sans-2;" in drawn.stdout


def test_font_option_refuses_a_file_that_is_not_a_font(tmp_path: Path) -> None:
    bad = tmp_path / "font.ttf"
    bad.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--font", str(bad), str(SPEC)])
    assert result.exit_code == 2
    assert f"Invalid value for '--font': {bad}: not a font file (no characters in it)" in (
        result.stderr
    )


def test_cjk_map_gives_the_same_bytes_twice() -> None:
    first = build(SPEC)
    svg, png = encode(first, "svg"), encode(first, "png", dpi=48)
    fonts.forget_fontconfig()
    again = build(SPEC)
    assert (encode(again, "svg"), encode(again, "png", dpi=48)) == (svg, png)
