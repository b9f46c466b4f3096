"""Text as glyph outlines: the SVG path data that draws a line of text without any font.

The glyphs come from :mod:`skillsmap.fonts` (the files the layout measures with), shaped by
HarfBuzz so kerning, combining marks and right-to-left runs sit where a text renderer puts them,
and stretched to the text's measured length as the other backends stretch it. Coordinates are px
in the root user space, kept as integer hundredths of a px while the path is built, so the
relative commands written add up exactly to absolute points rounded to two decimals.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from skillsmap import fonts
from skillsmap.backends.base import ANCHOR_SHARE, spread_run
from skillsmap.fonts import FontPoint, Glyph
from skillsmap.scene import Text, Weight

# A point in hundredths of a px, y down.
_Hundredths = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _GlyphPath:
    """One glyph's path data, relative to its own first point so it can be written anywhere.

    ``first`` and ``last`` are the points (relative to the glyph origin) where the data starts
    and where the current point is left after it.
    """

    first: _Hundredths
    body: str
    last: _Hundredths


def text_outline(text: Text, content: str) -> str:
    """Path data drawing ``content`` set as ``text`` (unrotated); empty when nothing is inked.

    The caller applies ``text.rotate`` about the anchor, as it would to a ``<text>``.
    """
    glyphs = fonts.shape(content, text.weight)
    scale = text.size / fonts.units_per_em(text.weight)
    spread = spread_run(text, content)
    if spread is None:
        start, extra = -_advance(glyphs) * scale * ANCHOR_SHARE[text.anchor], 0.0
    else:
        start, extra = spread
    out: list[str] = []
    pen = 0
    current = (0, 0)
    for glyph, gaps in zip(glyphs, _gaps_before(glyphs, len(content)), strict=True):
        drawn = _glyph_path(glyph.gid, text.weight, text.size)
        if drawn is not None:
            x = text.x + start + (pen + glyph.x_offset) * scale + gaps * extra
            y = text.y - glyph.y_offset * scale
            origin = (round(x * 100), round(y * 100))
            begin = (origin[0] + drawn.first[0], origin[1] + drawn.first[1])
            out.append(_serialise(_command("m", _delta(begin, current))) + drawn.body)
            current = (origin[0] + drawn.last[0], origin[1] + drawn.last[1])
        pen += glyph.advance
    return "".join(out)


def _advance(glyphs: tuple[Glyph, ...]) -> int:
    return sum(g.advance for g in glyphs)


def _gaps_before(glyphs: tuple[Glyph, ...], length: int) -> list[int]:
    """For each glyph (visual order), how many characters are drawn to its left.

    Each character gets its share of a stretched run's extra space, so a glyph moves by one
    share per character before it on the line, whichever the text's direction.
    """
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
def _glyph_path(gid: int, weight: Weight, size: float) -> _GlyphPath | None:
    """Glyph ``gid`` at ``size`` px as relative path data, or None when it has no contours."""
    ops = fonts.glyph_outline(gid, weight)
    if not ops:
        return None
    scale = size / fonts.units_per_em(weight)

    def at(p: FontPoint) -> _Hundredths:
        return round(p[0] * scale * 100), -round(p[1] * scale * 100)

    tokens: list[str] = []
    first: _Hundredths | None = None
    start = current = (0, 0)
    for i, op in enumerate(ops):
        if op[0] == "M":
            point = at(op[1])
            if first is None:
                first = point
            else:
                tokens += _command("m", _delta(point, current))
            start = current = point
        elif op[0] == "L":
            point = at(op[1])
            closing = point == start and i + 1 < len(ops) and ops[i + 1][0] == "Z"
            if not closing:  # "z" draws the line back to the start anyway
                tokens += _line(_delta(point, current))
            current = point
        elif op[0] == "Z":
            tokens.append("z")
            current = start
        else:
            points = [at(q) for q in op[1:]]
            tokens += _command(op[0].lower(), *(_delta(q, current) for q in points))
            current = points[-1]
    assert first is not None
    return _GlyphPath(first, _serialise(tokens), current)


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
            if token != letter or token not in "hvlqc":
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
