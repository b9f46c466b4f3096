"""The one font both backends draw with, and text measured exactly as they will draw it.

DejaVu Sans ships inside matplotlib; we locate its files without importing matplotlib (which
would cost half a second on the SVG path). HarfBuzz shapes text for measurement (it agrees with
matplotlib's unhinted layout to a hundredth of a pixel), subsets the font for SVG embedding
and gives the glyph outlines for text drawn as paths. Shapes and outlines are in font units
(``units_per_em`` to the em, y up); measurements are in px.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeAlias

import uharfbuzz as hb

from skillsmap.scene import Weight

FAMILY = "DejaVu Sans"
FontPoint: TypeAlias = tuple[float, float]
OutlineOp: TypeAlias = (
    tuple[Literal["M"], FontPoint]
    | tuple[Literal["L"], FontPoint]
    | tuple[Literal["Q"], FontPoint, FontPoint]
    | tuple[Literal["C"], FontPoint, FontPoint, FontPoint]
    | tuple[Literal["Z"]]
)
_FILES: dict[Weight, str] = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


@functools.cache
def font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; skillsmap needs its DejaVu Sans fonts")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def font_path(weight: Weight = "regular") -> Path:
    """The TrueType file drawn for ``weight``."""
    return font_dir() / _FILES[weight]


@dataclass(frozen=True, slots=True)
class _Face:
    face: hb.Face
    font: hb.Font
    upem: int
    ascender: float
    descender: float
    codepoints: frozenset[int]


@functools.cache
def _face(weight: Weight) -> _Face:
    blob = hb.Blob.from_file_path(str(font_path(weight)))
    face = hb.Face(blob)
    font = hb.Font(face)
    extents = font.get_font_extents("ltr")
    return _Face(
        face=face,
        font=font,
        upem=face.upem,
        ascender=extents.ascender / face.upem,
        descender=-extents.descender / face.upem,
        codepoints=frozenset(face.unicodes),
    )


@functools.lru_cache(maxsize=65536)
def _advance_units(text: str, weight: Weight) -> int:
    if not text:
        return 0
    f = _face(weight)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(f.font, buf, {})
    return sum(pos.x_advance for pos in buf.glyph_positions)


def text_width(text: str, size: float, weight: Weight = "regular") -> float:
    """Advance width in px of ``text`` set at ``size`` px, kerned as both backends draw it."""
    return _advance_units(text, weight) * size / _face(weight).upem


def ascent(size: float, weight: Weight = "regular") -> float:
    """Distance in px from the baseline up to the font's ascender line."""
    return _face(weight).ascender * size


def descent(size: float, weight: Weight = "regular") -> float:
    """Distance in px from the baseline down to the font's descender line (positive)."""
    return _face(weight).descender * size


def missing_glyphs(text: str, weight: Weight = "regular") -> list[str]:
    """Characters of ``text`` the font cannot draw, in order of first appearance."""
    have = _face(weight).codepoints
    seen: dict[str, None] = {}
    for ch in text:
        if ord(ch) not in have and not ch.isspace() and ch not in seen:
            seen[ch] = None
    return list(seen)


def subset_font(characters: str | frozenset[str], weight: Weight = "regular") -> bytes:
    """A TrueType font holding only the glyphs needed for ``characters`` (deterministic)."""
    inp = hb.SubsetInput()
    for ch in sorted(set(characters)):
        inp.unicode_set.add(ord(ch))
    sub = hb.subset(_face(weight).face, inp)
    if sub is None:
        raise RuntimeError("font subsetting failed")
    return bytes(sub.blob.data)


def units_per_em(weight: Weight = "regular") -> int:
    """Font units to the em: a glyph set at ``size`` px is scaled by ``size / units_per_em``."""
    return _face(weight).upem


@dataclass(frozen=True, slots=True)
class Glyph:
    """One shaped glyph: its id, the index of its first character, and its placement (units)."""

    gid: int
    cluster: int
    advance: int
    x_offset: int
    y_offset: int


@functools.lru_cache(maxsize=4096)
def shape(text: str, weight: Weight = "regular") -> tuple[Glyph, ...]:
    """The glyphs of ``text`` in visual (left to right) order, shaped as :func:`text_width` is.

    A character the font lacks becomes glyph 0, the font's "missing glyph" box.
    """
    buf = hb.Buffer()
    buf.add_codepoints([ord(ch) for ch in text])
    buf.guess_segment_properties()
    hb.shape(_face(weight).font, buf, {})
    return tuple(
        Glyph(info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    )


class _OutlinePen:
    """Records HarfBuzz's drawing calls (method names of the fontTools pen protocol)."""

    def __init__(self) -> None:
        self.ops: list[OutlineOp] = []

    def moveTo(self, p: FontPoint) -> None:
        self.ops.append(("M", p))

    def lineTo(self, p: FontPoint) -> None:
        self.ops.append(("L", p))

    def qCurveTo(self, c: FontPoint, p: FontPoint) -> None:
        self.ops.append(("Q", c, p))

    def curveTo(self, c1: FontPoint, c2: FontPoint, p: FontPoint) -> None:
        self.ops.append(("C", c1, c2, p))

    def closePath(self) -> None:
        self.ops.append(("Z",))


@functools.lru_cache(maxsize=4096)
def glyph_outline(gid: int, weight: Weight = "regular") -> tuple[OutlineOp, ...]:
    """The contours of glyph ``gid`` in font units (y up), composites resolved."""
    pen = _OutlinePen()
    _face(weight).font.draw_glyph_with_pen(gid, pen)
    return tuple(pen.ops)
