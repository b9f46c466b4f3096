"""Text for the map: lines measured with the font the backends draw with, wrapped and shortened.

Widths and sizes are px; a :class:`~skillsmap.scene.Text` made here carries its measured length.
"""

from __future__ import annotations

from skillsmap.fonts import text_width
from skillsmap.scene import Anchor, Text, Weight

ELLIPSIS = "…"
CAP = 0.73  # cap height of DejaVu Sans, in em: centres a line of text on a point


def _r(v: float) -> float:
    return round(v, 2) + 0.0


def line(
    x: float,
    y: float,
    s: str,
    size: float,
    fill: str,
    weight: Weight = "regular",
    anchor: Anchor = "start",
    rotate: float = 0.0,
) -> Text:
    """One line of text with its baseline anchor at (x, y), measured and rounded."""
    return Text(
        _r(x), _r(y), s, size, _r(text_width(s, size, weight)), fill, weight, anchor, rotate
    )


def _clip(text: str, width: float, size: float, weight: Weight) -> str:
    """The longest prefix of ``text`` that fits ``width`` with an ellipsis appended."""
    if text_width(text, size, weight) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid].rstrip() + ELLIPSIS, size, weight) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def wrap(
    text: str,
    width: float,
    size: float,
    weight: Weight = "regular",
    max_lines: int = 3,
) -> tuple[list[str], bool]:
    """Break ``text`` into at most ``max_lines`` lines no wider than ``width``.

    Breaks at spaces (a word longer than a line is cut). Returns the lines and whether anything
    was shortened with an ellipsis, so callers can keep the full text in a tooltip.
    """
    words = " ".join(text.split()).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, weight) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size, weight) > width and len(current) > 1:
            cut = _longest_prefix(current, width, size, weight)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[: max_lines - 1]
    rest = " ".join(lines[max_lines - 1 :])
    kept.append(_clip(rest, width, size, weight))
    return kept, True


def _longest_prefix(word: str, width: float, size: float, weight: Weight) -> int:
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(word[:mid], size, weight) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def shorten(text: str, width: float, size: float, weight: Weight = "regular") -> tuple[str, bool]:
    """``text`` on one line, cut with an ellipsis if wider than ``width``."""
    flat = " ".join(text.split())
    clipped = _clip(flat, width, size, weight)
    return clipped, clipped != flat
