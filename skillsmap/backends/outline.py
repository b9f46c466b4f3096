"""Text as glyph outlines: the SVG path data that draws a line of text without any font.

The glyphs come from :mod:`skillsmap.fonts` (the files the layout measures with, run by run),
shaped by HarfBuzz so kerning, combining marks and right-to-left runs sit where a text renderer
puts them, and stretched to the text's measured length as the other backends stretch it.
Coordinates are px in the root user space, kept as integer hundredths of a px while the path is
built, so the relative commands written add up exactly to absolute points rounded to two
decimals.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from skillsmap import fonts
from skillsmap.backends.base import ANCHOR_SHARE, spread_run
from skillsmap.fonts import FontPoint, Glyph
from skillsmap.scene import Text, Weight

# A point in hundredths of a px, y down.
_Hundredths = tuple[int, int]


class _GlyphPath(NamedTuple):
    """One glyph's path data, relative to its own first point so it can be written anywhere.

    ``first`` and ``last`` are the points (relative to the glyph origin) where the data starts
    and where the current point is left after it.
    """

    first: _Hundredths
    body: str
    last: _Hundredths


def text_outline(text: Text, content: str) -> str:
    """Path data drawing ``content`` set as ``text`` (unrotated); empty when nothing is inked.

    Each run is drawn from the font that draws it (see :func:`skillsmap.fonts.runs`). The caller
    applies ``text.rotate`` about the anchor, as it would to a ``<text>``.
    """
    shaped = _shaped_runs(content, text.weight)
    spread = spread_run(text, content)
    if spread is None:
        total = sum(
            _advance(glyphs) * text.size / fonts.font_units_per_em(f) for f, glyphs in shaped
        )
        start, extra = -total * ANCHOR_SHARE[text.anchor], 0.0
    else:
        start, extra = spread
    every = [g for _, glyphs in shaped for g in glyphs]
    gaps = iter(_gaps_before(tuple(every), len(content)))
    out: list[str] = []
    base = text.x + start
    current = (0, 0)
    for f, glyphs in shaped:
        scale = text.size / fonts.font_units_per_em(f)
        pen = 0
        for glyph in glyphs:
            drawn = _glyph_path(glyph.gid, f, text.size)
            before = next(gaps)
            if drawn is not None:
                x = base + (pen + glyph.x_offset) * scale + before * extra
                y = text.y - glyph.y_offset * scale
                origin = (round(x * 100), round(y * 100))
                begin = (origin[0] + drawn.first[0], origin[1] + drawn.first[1])
                out.append(_serialise(_command("m", _delta(begin, current))) + drawn.body)
                current = (origin[0] + drawn.last[0], origin[1] + drawn.last[1])
            pen += glyph.advance
        base += pen * scale
    return "".join(out)


def _shaped_runs(content: str, weight: Weight) -> list[tuple[fonts.FontFile, tuple[Glyph, ...]]]:
    """Each run's font and glyphs, clusters counted from the start of ``content``."""
    out: list[tuple[fonts.FontFile, tuple[Glyph, ...]]] = []
    for run in fonts.runs(content, weight):
        glyphs = fonts.shape_run(content[run.start : run.end], run.font)
        moved = tuple(
            Glyph(g.gid, g.cluster + run.start, g.advance, g.x_offset, g.y_offset) for g in glyphs
        )
        out.append((run.font, moved))
    return out


def _advance(glyphs: tuple[Glyph, ...]) -> int:
    return sum(g.advance for g in glyphs)


def _gaps_before(glyphs: tuple[Glyph, ...], length: int) -> list[int]:
    """For each glyph (visual order), how many characters are drawn to its left.

    Each character gets its share of a stretched run's extra space, so a glyph moves by one
    share per character before it on the line, whichever the text's direction.
    """
    if not glyphs:  # a run of characters that draw nothing (e.g. only default-ignorables)
        return []
    starts = sorted({g.cluster for g in glyphs})
    size = {c: end - c for c, end in zip(starts, [*starts[1:], length], strict=True)}
    out: list[int] = []
    before = 0
    previous: int | None = None
    for glyph in glyphs:
        if previous is not None and glyph.cluster != previous:
            before += size[previous]
        out.append(before)
        previous = glyph.cluster
    return out


@functools.lru_cache(maxsize=8192)
def _glyph_path(gid: int, font: fonts.FontFile, size: float) -> _GlyphPath | None:
    """Glyph ``gid`` of ``font`` at ``size`` px as relative path data, or None if not inked."""
    ops = fonts.font_glyph_outline(gid, font)
    if not ops:
        return None
    writer = _GlyphWriter(size / fonts.font_units_per_em(font))
    for i, op in enumerate(ops):
        if op[0] == "M":
            writer.move(op[1])
        elif op[0] == "L":
            writer.line(op[1], closing=i + 1 < len(ops) and ops[i + 1][0] == "Z")
        elif op[0] == "Z":
            writer.close()
        else:
            writer.curve(op[0], op[1:])
    return writer.result()


fonts.forget_with(_glyph_path.cache_clear)


class _GlyphWriter:
    """Turns one glyph's outline (font units, y up) into relative commands (hundredths, y down)."""

    def __init__(self, scale: float) -> None:
        self._scale = scale * 100
        self._tokens: list[str] = []
        self._first: _Hundredths | None = None
        self._start = self._current = (0, 0)
        self._control: _Hundredths | None = None  # of the previous quadratic curve, for "t"

    def _at(self, p: FontPoint) -> _Hundredths:
        return round(p[0] * self._scale), -round(p[1] * self._scale)

    def move(self, p: FontPoint) -> None:
        point = self._at(p)
        if self._first is None:
            self._first = point
        else:
            self._tokens += _command("m", _delta(point, self._current))
        self._start = self._current = point
        self._control = None

    def line(self, p: FontPoint, *, closing: bool) -> None:
        point = self._at(p)
        if not (closing and point == self._start):  # "z" draws that line anyway
            self._tokens += _line(_delta(point, self._current))
        self._current = point
        self._control = None

    def curve(self, kind: str, ps: tuple[FontPoint, ...]) -> None:
        points = [self._at(p) for p in ps]
        current = self._current
        if (
            kind == "Q"
            and self._control is not None
            and points[0] == _mirror(self._control, current)
        ):
            self._tokens += _command("t", _delta(points[1], current))  # the control is implied
        else:
            self._tokens += _command(kind.lower(), *(_delta(p, current) for p in points))
        self._current = points[-1]
        self._control = points[0] if kind == "Q" else None

    def close(self) -> None:
        self._tokens.append("z")
        self._current = self._start
        self._control = None

    def result(self) -> _GlyphPath:
        assert self._first is not None
        return _GlyphPath(self._first, _serialise(self._tokens), self._current)


def _mirror(p: _Hundredths, about: _Hundredths) -> _Hundredths:
    return 2 * about[0] - p[0], 2 * about[1] - p[1]


def _delta(p: _Hundredths, origin: _Hundredths) -> _Hundredths:
    return p[0] - origin[0], p[1] - origin[1]


def _line(d: _Hundredths) -> list[str]:
    if d[1] == 0:
        return ["h", _number(d[0])]
    if d[0] == 0:
        return ["v", _number(d[1])]
    return _command("l", d)


def _command(letter: str, *points: _Hundredths) -> list[str]:
    return [letter, *(_number(v) for p in points for v in p)]


def _serialise(tokens: list[str]) -> str:
    """Command letters and numbers in their shortest unambiguous spelling.

    A letter repeating the previous command is dropped (SVG repeats it implicitly); a number
    needs a space before it only when it would otherwise merge with the number before
    ("1.5-2.25.5" is 1.5, -2.25, .5).
    """
    out: list[str] = []
    letter = ""
    number = ""
    for token in tokens:
        if token.isalpha():
            if token != letter or token not in "hvlqtc":
                out.append(token)
                number = ""
            letter = token
            continue
        merges = token[0] == "-" or (token[0] == "." and "." in number)
        out.append(token if not number or merges else " " + token)
        number = token
    return "".join(out)


def _number(value: int) -> str:
    """Hundredths of a px as the shortest decimal ("-.05", "1.5", "12")."""
    whole, frac = divmod(abs(value), 100)
    text = f"{whole}.{frac:02d}".rstrip("0") if frac else str(whole)
    return ("-" if value < 0 else "") + (text[1:] if text.startswith("0.") else text)
