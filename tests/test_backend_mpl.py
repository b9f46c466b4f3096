"""The matplotlib backend: sizes, determinism, isolation, and agreement with the SVG."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import matplotlib
import pytest
from imagecompare import RMS_TOLERANCE, rasterise_svg, rgb, rms, save_diff
from scenes import INK, card, label, sample_scene

from skillsmap.backends.mpl import render_pdf, render_png
from skillsmap.backends.svg import render_svg
from skillsmap.scene import Group, Path, Polygon, Rect, Scene, Style

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType


def test_png_size_follows_dpi() -> None:
    scene = sample_scene()
    assert rgb(render_png(scene)).size == (960, 640)
    assert rgb(render_png(scene, dpi=96)).size == (480, 320)
    assert rgb(render_png(scene, dpi=144)).size == (720, 480)
    assert rgb(render_png(scene, dpi=100)).size == (500, 333)


@pytest.mark.parametrize("dpi", [0, -1])
def test_png_refuses_bad_dpi(dpi: float) -> None:
    with pytest.raises(ValueError, match="dpi"):
        render_png(sample_scene(), dpi=dpi)


def test_png_is_deterministic_without_software_tag() -> None:
    a = render_png(sample_scene())
    assert a.startswith(b"\x89PNG")
    assert a == render_png(sample_scene())
    assert b"matplotlib" not in a.lower()


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    """The sample scene as PDF, drawn once for the tests that only read it (0.2 s a drawing)."""
    return render_pdf(sample_scene())


def test_pdf_page_size_and_determinism(sample_pdf: bytes) -> None:
    a = sample_pdf
    assert a.startswith(b"%PDF-")
    assert a == render_pdf(sample_scene())
    assert re.findall(rb"/MediaBox \[ ?([\d. ]+?) ?\]", a) == [b"0 0 360 240"]
    for word in (b"/CreationDate", b"/Producer", b"/Creator", b"matplotlib"):
        assert word not in a
    assert b"/FontFile2" in a  # TrueType embedded (pdf.fonttype 42), so text stays text


def test_pdf_links_only_safe_urls(sample_pdf: bytes) -> None:
    assert b"/URI (https://example.com/ladder#senior)" in sample_pdf
    unsafe = render_pdf(sample_scene(href="javascript:alert(1)"))
    assert b"/URI" not in unsafe
    assert b"javascript" not in unsafe.lower()
    assert b"/URI" not in render_pdf(sample_scene(href="#role-staff"))


def test_user_matplotlib_settings_do_not_leak_in_or_out() -> None:
    expected = render_png(sample_scene(), dpi=96)
    hostile: dict[RcKeyType, Any] = {
        "savefig.bbox": "tight",
        "savefig.transparent": True,
        "lines.scale_dashes": True,
        "text.hinting": "auto",
        "patch.antialiased": False,
        "path.simplify_threshold": 1.0,
        "pdf.fonttype": 3,
        "font.size": 30,
    }
    with matplotlib.rc_context(hostile):
        before = dict(matplotlib.rcParams)
        assert render_png(sample_scene(), dpi=96) == expected
        render_pdf(sample_scene())
        assert dict(matplotlib.rcParams) == before


def _compare(scene: Scene, name: str, zoom: float = 2) -> float:
    svg_png = rasterise_svg(render_svg(scene), zoom=zoom, background=scene.background)
    mpl_png = render_png(scene, dpi=96 * zoom)
    assert rgb(svg_png).size == rgb(mpl_png).size
    value = rms(svg_png, mpl_png)
    if value > RMS_TOLERANCE:
        save_diff(svg_png, mpl_png, f"/tmp/skillsmap-{name}-diff.png")
    return value


@pytest.mark.parametrize("zoom", [1, 2])
def test_png_matches_rasterised_svg(zoom: float) -> None:
    assert _compare(sample_scene(), f"sample-{zoom}x", zoom) <= RMS_TOLERANCE


def test_features_match_region_by_region() -> None:
    """Small features (arrowheads, dashes, rotated text) must agree where they are drawn."""
    scene = sample_scene()
    svg_png = rasterise_svg(render_svg(scene), zoom=2, background=scene.background)
    mpl_png = render_png(scene)
    regions = {
        "curved arrow and head": (350, 160, 600, 370),
        "dashed shaft and head": (240, 240, 280, 360),
        "dotted lines": (590, 490, 850, 530),
        "rotated axis label": (20, 280, 60, 440),
        "tilted arrow label": (650, 250, 870, 360),
        "letter-spaced bold label": (100, 110, 150, 140),
        "translucent triangle": (790, 370, 930, 470),
    }
    for name, box in regions.items():
        assert rms(svg_png, mpl_png, box) <= 2 * RMS_TOLERANCE, name


def test_stretched_and_dense_text_match() -> None:
    scene = Scene(
        width=320,
        height=120,
        title="t",
        description="d",
        background="#FAFAFA",
        root=Group(
            children=(
                label(10, 30, "Stretched to size", 14)._replace(length=160),
                label(300, 60, "Squeezed", 14, anchor="end")._replace(length=50),
                label(
                    160,
                    100,
                    "Mid  and   spaced",
                    13,
                    bold=True,
                    anchor="middle",
                    letter_spacing=1.5,
                ),
                Rect(10, 70, 300, 40, Style(stroke=INK, stroke_width=1.5, dash=(4, 2, 1)), 30),
            )
        ),
    )
    assert _compare(scene, "text") <= RMS_TOLERANCE


def test_many_cards_match() -> None:
    cards = tuple(
        card(f"r{i}", f"Role {i}", 10 + (i % 5) * 95, 10 + (i // 5) * 45, "#0072B2")
        for i in range(20)
    )
    arrows = tuple(
        Group(
            children=(
                Path(
                    (("M", (50 + i * 90, 200)), ("Q", (90 + i * 90, 150), (100 + i * 90, 230))),
                    Style(stroke="#555555", stroke_width=1.6, dash=(1.5, 3) if i % 2 else ()),
                ),
                Polygon(
                    ((100 + i * 90, 230), (92 + i * 90, 226), (97 + i * 90, 220)),
                    Style(fill="#555555"),
                ),
            )
        )
        for i in range(5)
    )
    scene = Scene(
        width=500,
        height=260,
        title="t",
        description="d",
        background="#FFFFFF",
        root=Group(children=(*cards, *arrows)),
    )
    assert _compare(scene, "cards") <= RMS_TOLERANCE
