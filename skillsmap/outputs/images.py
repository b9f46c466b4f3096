"""Picture outputs: SVG, PNG and PDF, each encoded from the drawn scene.

Scene units are CSS px; 96 dpi is 1x. A PNG is ``width * dpi / 96`` by ``height * dpi / 96``
pixels, a PDF page ``width * 0.75`` by ``height * 0.75`` pt. The drawing libraries (svgwrite,
matplotlib) are imported only when a picture is encoded, and a PNG too large to draw in memory
is refused before matplotlib is touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import Any

from skillsmap.outputs import EncodeError, Options, Output, get, register
from skillsmap.scene import Scene

PX_PER_INCH = 96.0
DEFAULT_DPI = 192.0
# Drawing takes about 8.5 bytes per pixel (the RGBA canvas, its RGB copy and the encoder), so
# the budget keeps a PNG under about 2 GB; the flagship at 1200 dpi (215 megapixels) fits.
MAX_PNG_PIXELS = 250_000_000


def png_pixels(width: float, height: float, dpi: float) -> tuple[int, int]:
    """The pixel size of a PNG of a ``width`` x ``height`` px scene at ``dpi``."""
    return max(1, round(width * dpi / PX_PER_INCH)), max(1, round(height * dpi / PX_PER_INCH))


def check_png_pixels(width: int, height: int) -> None:
    """Raise :class:`EncodeError` when a ``width`` x ``height`` PNG is over the pixel budget."""
    if width * height > MAX_PNG_PIXELS:
        raise EncodeError(
            f"a {width}x{height} px PNG ({width * height / 1e6:,.0f} megapixels) is over the "
            f"{MAX_PNG_PIXELS / 1e6:,.0f}-megapixel limit; lower the dpi or the size"
        )


def encode_svg(scene: Scene, options: Options) -> bytes:
    from skillsmap.backends.svg import render_svg

    # Passed only when asked, so backends without outline support still draw plain SVG.
    extra: dict[str, Any] = {"text_to_path": True} if options.text_to_path else {}
    return render_svg(scene, id_prefix=options.id_prefix, **extra)


def encode_png(scene: Scene, options: Options) -> bytes:
    dpi = DEFAULT_DPI if options.dpi is None else options.dpi
    check_png_pixels(*png_pixels(scene.width, scene.height, dpi))
    from skillsmap.backends.mpl import render_png

    return render_png(scene, dpi=dpi)


def encode_pdf(scene: Scene, options: Options) -> bytes:
    from skillsmap.backends.mpl import render_pdf

    return render_pdf(scene)


SVG = register(Output("svg", "svg", "scene", encode_svg, "scalable, scriptable picture"))
PNG = register(Output("png", "png", "scene", encode_png, "raster picture"))
PDF = register(Output("pdf", "pdf", "scene", encode_pdf, "vector document for print"))


def draw(
    scene: Scene,
    fmt: str,
    *,
    dpi: float | None = None,
    id_prefix: str = "",
    text_to_path: bool = False,
    fonts: Sequence[str | PathLike[str]] = (),
) -> bytes:
    """The bytes of ``scene`` in the picture format ``fmt`` (svg, png or pdf).

    ``fonts`` are font files tried after DejaVu Sans for characters it lacks, as given when
    the scene was laid out.
    """
    output = get(fmt)
    if output.needs != "scene":
        raise ValueError(f"format '{fmt}' is not drawn from a scene")
    from skillsmap.fonts import using

    with using(fonts):
        return output.encode(scene, Options(dpi, id_prefix, text_to_path))


__all__ = [
    "DEFAULT_DPI",
    "MAX_PNG_PIXELS",
    "PDF",
    "PNG",
    "PX_PER_INCH",
    "SVG",
    "check_png_pixels",
    "draw",
    "encode_pdf",
    "encode_png",
    "encode_svg",
    "png_pixels",
]
