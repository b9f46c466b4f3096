"""The fonts both backends draw with, and text measured exactly as they will draw it.

DejaVu Sans ships inside matplotlib; we locate its files without importing matplotlib (which
would cost half a second on the SVG path). A character DejaVu Sans lacks is drawn from the
first extra font that has it: the files given with :func:`using` (``--font``), in order, then a
font fontconfig finds for it (asked only then, once per character, the answer cached and the
choice deterministic). A text is split into runs, each drawn with one font; HarfBuzz shapes each
run with the font that draws it (it agrees with matplotlib's unhinted layout to a hundredth of a
pixel), subsets the fonts for SVG embedding and gives the glyph outlines for text drawn as paths.
Shapes and outlines are in font units (``units_per_em`` to the em, y up); measurements are px.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib.util
import os
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple, TypeAlias

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
# Font files both backends can draw (matplotlib's FreeType loader, HarfBuzz, SVG @font-face).
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
FC_TIMEOUT = 20.0  # seconds one fontconfig call may take before it counts as no answer


class FontError(ValueError):
    """A file given as a font that cannot be read as one."""


@dataclass(frozen=True, slots=True, order=True)  # not a NamedTuple: its ``index`` is tuple's
class FontFile:
    """One face of a font file: its path and its index inside a collection (``.ttc``)."""

    path: str
    index: int = 0


@functools.cache
def font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; skillsmap needs its DejaVu Sans fonts")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def font_path(weight: Weight = "regular") -> Path:
    """The TrueType file drawn for ``weight`` when DejaVu Sans has every character."""
    return font_dir() / _FILES[weight]


def default_font(weight: Weight = "regular") -> FontFile:
    """DejaVu Sans of ``weight``: the first font of every chain."""
    return FontFile(str(font_path(weight)))


_EXTRA: contextvars.ContextVar[tuple[FontFile, ...]] = contextvars.ContextVar(
    "skillsmap_extra_fonts", default=()
)


def extra_fonts() -> tuple[FontFile, ...]:
    """The font files given with :func:`using` that are active now, in the order tried."""
    return _EXTRA.get()


@contextlib.contextmanager
def using(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[FontFile, ...]]:
    """Measure and draw with ``paths`` tried (in order) after DejaVu Sans, inside the block.

    Adds to the fonts already active; raises :class:`FontError` for a file that is not a font.
    """
    added = tuple(FontFile(str(Path(p))) for p in paths)
    for f in added:
        check_font(f.path)
    current = _EXTRA.get()
    chain = current + tuple(f for i, f in enumerate(added) if f not in current + added[:i])
    token = _EXTRA.set(chain)
    try:
        yield chain
    finally:
        _EXTRA.reset(token)


def check_font(path: str | os.PathLike[str]) -> None:
    """Raise :class:`FontError` unless ``path`` is a font file that can draw text."""
    p = Path(path)
    if not p.is_file():
        raise FontError(f"{p}: no such font file")
    try:
        face = _face(FontFile(str(p)))
    except Exception as exc:  # HarfBuzz reports unreadable files in various ways
        raise FontError(f"{p}: cannot read the font file ({exc})") from None
    if not face.codepoints:
        raise FontError(f"{p}: not a font file (no characters in it)")


class _Face(NamedTuple):
    face: hb.Face
    font: hb.Font
    upem: int
    ascender: float
    descender: float
    codepoints: frozenset[int]


@functools.cache
def _face(f: FontFile) -> _Face:
    blob = hb.Blob.from_file_path(f.path)
    face = hb.Face(blob, f.index)
    font = hb.Font(face)
    extents = font.get_font_extents("ltr")
    upem = face.upem or 1000
    return _Face(
        face=face,
        font=font,
        upem=upem,
        ascender=extents.ascender / upem,
        descender=-extents.descender / upem,
        codepoints=frozenset(face.unicodes),
    )


def has_glyph(f: FontFile, ch: str) -> bool:
    """Whether font ``f`` maps character ``ch`` to a glyph of its own."""
    return ord(ch) in _face(f).codepoints


def _fc_run(args: list[str]) -> str:
    """The output of one fontconfig command, or "" when fontconfig is missing or fails."""
    import subprocess  # fontconfig is asked only for a character the fonts at hand lack

    exe = shutil.which(args[0])
    if exe is None:
        return ""
    try:
        done = subprocess.run(
            [exe, *args[1:]], capture_output=True, text=True, timeout=FC_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""


def _fc_faces(output: str) -> list[FontFile]:
    found: list[FontFile] = []
    for row in output.splitlines():
        path, _, index = row.partition("\t")
        if path.lower().endswith(FONT_SUFFIXES) and index.strip().isdigit():
            found.append(FontFile(path, int(index)))
    return found


@functools.cache
def _fc_preference() -> dict[FontFile, int]:
    """Fontconfig's order of preference for sans-serif text (its rank for each face)."""
    faces = _fc_faces(_fc_run(["fc-match", "-s", "sans-serif", "-f", "%{file}\t%{index}\n"]))
    rank: dict[FontFile, int] = {}
    for f in faces:
        rank.setdefault(f, len(rank))
    return rank


@functools.cache
def fontconfig_font(ch: str) -> FontFile | None:
    """The installed font fontconfig offers for ``ch``: its most preferred sans-serif face.

    Faces fontconfig does not rank come after, by path; a face HarfBuzz cannot read or that
    lacks ``ch`` after all is skipped. None when no installed font has ``ch``.
    """
    listed = _fc_faces(_fc_run(["fc-list", f":charset={ord(ch):x}", "-f", "%{file}\t%{index}\n"]))
    rank = _fc_preference()
    for f in sorted(set(listed), key=lambda f: (rank.get(f, len(rank)), f)):
        try:
            if has_glyph(f, ch):
                return f
        except Exception:  # an unreadable file: fontconfig's cache is stale
            continue
    return None


_ALSO_FORGET: list[Callable[[], None]] = []


def forget_with(clear: Callable[[], None]) -> None:
    """Have :func:`forget_font_files` also call ``clear`` (a cache of glyphs drawn elsewhere)."""
    _ALSO_FORGET.append(clear)


def forget_font_files() -> None:
    """Forget every font file read (after one was saved again): faces, shapes and outlines."""
    forget_fontconfig()
    for cached in (_face, _run_width_em, shape_run, font_glyph_outline):
        cached.cache_clear()
    for clear in _ALSO_FORGET:
        clear()


def forget_fontconfig() -> None:
    """Forget every answer fontconfig gave (after fonts were installed or removed)."""
    for cached in (_fc_preference, fontconfig_font, _font_for, _runs, _width_em):
        cached.cache_clear()


@functools.lru_cache(maxsize=65536)
def _font_for(ch: str, weight: Weight, extras: tuple[FontFile, ...]) -> FontFile | None:
    first = default_font(weight)
    if has_glyph(first, ch):
        return first
    for f in extras:
        if has_glyph(f, ch):
            return f
    if ch.isspace() or _is_default_ignorable(ch):
        return None
    return fontconfig_font(ch)


def _is_default_ignorable(ch: str) -> bool:
    """Format characters (joiners, marks of direction): drawn as nothing, never looked up."""
    return unicodedata.category(ch) == "Cf"


class Run(NamedTuple):
    """A stretch ``text[start:end]`` of a text drawn with one font."""

    start: int
    end: int
    font: FontFile


def runs(text: str, weight: Weight = "regular") -> tuple[Run, ...]:
    """``text`` split into maximal runs of one font each, in logical order.

    A character no font has stays in DejaVu Sans's run (it draws the missing-glyph box).
    """
    return _runs(text, weight, _EXTRA.get())


@functools.lru_cache(maxsize=65536)
def _runs(text: str, weight: Weight, extras: tuple[FontFile, ...]) -> tuple[Run, ...]:
    first = default_font(weight)
    if _face(first).codepoints.issuperset(map(ord, text)):
        return (Run(0, len(text), first),) if text else ()  # the common case: one font
    out: list[Run] = []
    for i, ch in enumerate(text):
        f = _font_for(ch, weight, extras) or first
        if out and out[-1].font == f:
            out[-1] = Run(out[-1].start, i + 1, f)
        else:
            out.append(Run(i, i + 1, f))
    return tuple(out)


def _shaped(text: str, f: FontFile) -> hb.Buffer:
    buf = hb.Buffer()
    buf.add_codepoints([ord(ch) for ch in text])
    buf.guess_segment_properties()
    hb.shape(_face(f).font, buf, {})
    return buf


@functools.lru_cache(maxsize=65536)
def _run_width_em(text: str, f: FontFile) -> float:
    if not text:
        return 0.0
    advance: int = sum(pos.x_advance for pos in _shaped(text, f).glyph_positions)
    return advance / _face(f).upem


@functools.lru_cache(maxsize=65536)
def _width_em(text: str, weight: Weight, extras: tuple[FontFile, ...]) -> float:
    return sum(_run_width_em(text[r.start : r.end], r.font) for r in _runs(text, weight, extras))


def text_width(text: str, size: float, weight: Weight = "regular") -> float:
    """Advance width in px of ``text`` set at ``size`` px, each run in the font drawing it."""
    return _width_em(text, weight, _EXTRA.get()) * size


def run_width(text: str, f: FontFile, size: float) -> float:
    """Advance width in px of ``text`` set in font ``f`` alone at ``size`` px."""
    return _run_width_em(text, f) * size


def ascent(size: float, weight: Weight = "regular") -> float:
    """Distance in px from the baseline up to DejaVu Sans's ascender line."""
    return _face(default_font(weight)).ascender * size


def descent(size: float, weight: Weight = "regular") -> float:
    """Distance in px from the baseline down to DejaVu Sans's descender line (positive)."""
    return _face(default_font(weight)).descender * size


def missing_glyphs(text: str, weight: Weight = "regular") -> list[str]:
    """Characters of ``text`` no font can draw, in order of first appearance."""
    first, extras = default_font(weight), _EXTRA.get()
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isspace() or ch in seen or has_glyph(first, ch):
            continue
        if _font_for(ch, weight, extras) is None:
            seen[ch] = None
    return list(seen)


def subset_font(characters: str | frozenset[str], weight: Weight = "regular") -> bytes:
    """DejaVu Sans of ``weight`` holding only the glyphs for ``characters`` (deterministic)."""
    return subset(default_font(weight), characters)


def subset(f: FontFile, characters: str | frozenset[str]) -> bytes:
    """Font ``f`` holding only the glyphs for ``characters`` (deterministic)."""
    inp = hb.SubsetInput()
    for ch in sorted(set(characters)):
        inp.unicode_set.add(ord(ch))
    sub = hb.subset(_face(f).face, inp)
    if sub is None:
        raise RuntimeError(f"subsetting the font {f.path} failed")
    return bytes(sub.blob.data)


def units_per_em(weight: Weight = "regular") -> int:
    """DejaVu Sans's font units to the em."""
    return _face(default_font(weight)).upem


def font_units_per_em(f: FontFile) -> int:
    """Font units to the em of ``f``: a glyph set at ``size`` px is scaled by ``size / upem``."""
    return _face(f).upem


class Glyph(NamedTuple):
    """One shaped glyph: its id, the index of its first character, and its placement (units)."""

    gid: int
    cluster: int
    advance: int
    x_offset: int
    y_offset: int


@functools.lru_cache(maxsize=4096)
def shape_run(text: str, f: FontFile) -> tuple[Glyph, ...]:
    """The glyphs of ``text`` set in ``f`` in visual (left to right) order.

    A character the font lacks becomes glyph 0, the font's "missing glyph" box.
    """
    buf = _shaped(text, f)
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


@functools.lru_cache(maxsize=8192)
def font_glyph_outline(gid: int, f: FontFile) -> tuple[OutlineOp, ...]:
    """The contours of glyph ``gid`` of font ``f`` in font units (y up), composites resolved."""
    pen = _OutlinePen()
    _face(f).font.draw_glyph_with_pen(gid, pen)
    return tuple(pen.ops)
