"""Pixel comparison of rendered pictures, shared by the backend and full-map tests.

The SVG is rasterised with resvg (deterministic, no system libraries), given our font files
directly because resvg ignores ``@font-face``; the result is compared with matplotlib's PNG.
"""

from __future__ import annotations

import io

import numpy as np
import resvg_py
from PIL import Image

from skillsmap import fonts

# Largest RMS difference (0-255 scale, over RGB) at which two renderings count as the same
# picture: antialiasing and glyph rasterisation differ slightly between resvg and Agg.
RMS_TOLERANCE = 5.0

Box = tuple[int, int, int, int]


def rasterise_svg(svg: bytes, *, zoom: float = 2, background: str | None = None) -> bytes:
    """PNG bytes of ``svg`` drawn by resvg with the bundled fonts and no system fonts."""
    png = resvg_py.svg_to_bytes(
        svg_string=svg.decode("utf-8"),
        font_files=[str(fonts.font_path("regular")), str(fonts.font_path("bold"))],
        skip_system_fonts=True,
        zoom=zoom,
        background=background,
    )
    return bytes(png)


def rgb(png: bytes) -> Image.Image:
    """The picture in ``png`` as opaque RGB."""
    return Image.open(io.BytesIO(png)).convert("RGB")


def rms(a: bytes, b: bytes, box: Box | None = None) -> float:
    """Root-mean-square difference of two same-sized PNGs over RGB, on a 0-255 scale.

    ``box`` (left, top, right, bottom, in pixels) restricts the comparison to one region, so a
    small feature such as an arrowhead is not averaged away by a large empty canvas.
    """
    image_a, image_b = rgb(a), rgb(b)
    if image_a.size != image_b.size:
        raise ValueError(f"sizes differ: {image_a.size} != {image_b.size}")
    if box is not None:
        image_a, image_b = image_a.crop(box), image_b.crop(box)
    diff = np.asarray(image_a, dtype=np.float64) - np.asarray(image_b, dtype=np.float64)
    return float(np.sqrt(np.mean(diff**2)))


def save_diff(a: bytes, b: bytes, path: str) -> None:
    """Write a picture of where ``a`` and ``b`` differ (dark = different) for a human to look at."""
    diff = np.abs(np.asarray(rgb(a), dtype=np.int16) - np.asarray(rgb(b), dtype=np.int16)).max(
        axis=2
    )
    Image.fromarray((255 - np.clip(diff * 3, 0, 255)).astype(np.uint8)).save(path)
