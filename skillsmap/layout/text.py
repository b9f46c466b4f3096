"""Text for the map: lines measured with the fonts the backends draw with, balanced and shortened.

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


# Characters a line may not start with (closing marks, small kana), and may not end with
# (opening marks): the line-breaking rules of East Asian text.
NO_START = frozenset(
    "\u3001\u3002\uff0c\uff0e,.:;\uff1a\uff1b\uff1f\uff01?!\uff09)]\u300d\u300f\u3011\u3015\u3009\u300b\u201d\u2019\u2026\u30fc\u3005\u3083\u3085\u3087\u3063\u30a1\u30a3\u30a5\u30a7\u30a9\u30e3\u30e5\u30e7\u30c3\u30fb\u301c%"
)
NO_END = frozenset("\uff08([\u300c\u300e\u3010\u3014\u3008\u300a\u201c\u2018")
Token = tuple[str, str]  # (glue before it: " " or "", the text)


def _breaks_anywhere(ch: str) -> bool:
    """Ideographs, kana and fullwidth forms: scripts written without spaces between words."""
    c = ord(ch)
    return 0x2E80 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF or 0xFF00 <= c <= 0xFFEF


def tokens(text: str) -> list[Token]:
    """The pieces a line may break between: words, and single characters of CJK text."""
    out: list[Token] = []
    for word in text.split():
        glue = " " if out else ""
        start = 0
        for i in range(1, len(word)):
            a, b = word[i - 1], word[i]
            if (
                (_breaks_anywhere(a) or _breaks_anywhere(b))
                and b not in NO_START
                and a not in NO_END
            ):
                out.append((glue, word[start:i]))
                glue, start = "", i
        out.append((glue, word[start:]))
    return out


_BISECT = 48  # steps of the width bisection: far below a px from any line width
_RESOLUTION = 0.001  # px


class _Measure:
    """Widths of the lines a token list can make, from each token measured once.

    A line's width is its first token's width plus each later token's width with the glue
    before it (prefix sums, so any line costs O(1)); across a space or a CJK break the font
    kerns nothing, so this equals measuring the line whole. Callers measure the chosen lines
    again as drawn.
    """

    def __init__(self, toks: list[Token], size: float, weight: Weight) -> None:
        self.toks = toks
        self._bare = [text_width(t, size, weight) for _, t in toks]
        self._sums = [0.0]
        for g, t in toks:
            self._sums.append(self._sums[-1] + text_width(g + t, size, weight))

    def text(self, i: int, j: int) -> str:
        return "".join(g + t for g, t in self.toks[i:j]).lstrip(" ")

    def width(self, i: int, j: int) -> float:
        return self._bare[i] + self._sums[j] - self._sums[i + 1]

    def greedy(self, cap: float) -> list[tuple[int, int]] | None:
        """First-fit lines no wider than ``cap``; None when a token alone is wider."""
        out: list[tuple[int, int]] = []
        i, n = 0, len(self.toks)
        while i < n:
            j = i + 1
            if self.width(i, j) > cap:
                return None
            while j < n and self.width(i, j + 1) <= cap:
                j += 1
            out.append((i, j))
            i = j
        return out

    def tightest(self, lines: int, cap: float) -> float | None:
        """The least width (at most ``cap``) that fits the tokens in ``lines`` lines or fewer.

        The answer is the width of some run of tokens, and whether a width fits grows with it,
        so a bisection over widths (``_BISECT`` steps, to ``_RESOLUTION`` px) finds a width just
        above it; the widest line first-fit sets there is the answer itself. Measuring every
        run of tokens instead is cubic in a long note's words.
        """
        n = len(self.toks)
        if n == 0:
            return None
        widest_token = max(self.width(i, i + 1) for i in range(n))
        hi = min(cap, self.width(0, n))
        if widest_token > hi or not self._fits(hi, lines):
            return None
        lo = widest_token
        for _ in range(_BISECT):
            if hi - lo <= _RESOLUTION or self._fits(lo, lines):
                break
            mid = (lo + hi) / 2
            if self._fits(mid, lines):
                hi = mid
            else:
                lo = mid
        found = self.greedy(lo if self._fits(lo, lines) else hi)
        assert found is not None
        return max(self.width(i, j) for i, j in found)

    def _fits(self, cap: float, lines: int) -> bool:
        found = self.greedy(cap)
        return found is not None and len(found) <= lines

    def even(self, lines: int, cap: float) -> list[tuple[int, int]]:
        """At most ``lines`` lines no wider than ``cap``, as even as can be.

        Minimises the sum of squared shortfalls from ``cap`` over the lines (so a short last
        line, a lone word, costs most); exhaustive over break points by dynamic programming.
        """
        n = len(self.toks)
        inf = float("inf")
        # best[k][j]: cost of setting tokens[:j] in exactly k lines.
        best = [[inf] * (n + 1) for _ in range(lines + 1)]
        back = [[0] * (n + 1) for _ in range(lines + 1)]
        best[0][0] = 0.0
        for k in range(1, lines + 1):
            for j in range(1, n + 1):
                for i in range(j - 1, -1, -1):
                    w = self.width(i, j)
                    if w > cap:
                        break
                    cost = best[k - 1][i] + (cap - w) ** 2
                    if cost < best[k][j]:
                        best[k][j], back[k][j] = cost, i
        k = min(range(1, lines + 1), key=lambda k: (best[k][n], k))
        out: list[tuple[int, int]] = []
        j = n
        while k > 0:
            i = back[k][j]
            out.append((i, j))
            j, k = i, k - 1
        return out[::-1]


def _cut_long(toks: list[Token], width: float, size: float, weight: Weight) -> list[Token]:
    """Tokens wider than ``width`` cut into pieces that fit (joined without a space)."""
    out: list[Token] = []
    for glue, whole in toks:
        joint, rest = glue, whole
        while text_width(rest, size, weight) > width and len(rest) > 1:
            cut = _longest_prefix(rest, width, size, weight)
            out.append((joint, rest[:cut]))
            joint, rest = "", rest[cut:]
        out.append((joint, rest))
    return out


def balance(
    text: str, lines: int, size: float, weight: Weight = "regular", cap: float = float("inf")
) -> list[str] | None:
    """``text`` in at most ``lines`` lines no wider than ``cap``, the widest as narrow as can
    be and the others as near its width as can be; None when it does not fit."""
    m = _Measure(tokens(text), size, weight)
    if not m.toks:
        return [""]
    tight = m.tightest(lines, cap)
    if tight is None:
        return None
    return [m.text(i, j) for i, j in m.even(lines, tight)]


def wrap(
    text: str,
    width: float,
    size: float,
    weight: Weight = "regular",
    max_lines: int = 3,
) -> tuple[list[str], bool]:
    """Break ``text`` into the fewest lines no wider than ``width``, balanced, at most
    ``max_lines`` of them.

    Breaks at spaces and between CJK characters (a word longer than a line is cut). The lines
    are as even as can be (see :func:`balance`), so no word is left alone on a last line when
    a better break exists. Returns the lines and whether anything was shortened with an
    ellipsis, so callers can keep the full text in a tooltip.
    """
    toks = _cut_long(tokens(text), width, size, weight)
    m = _Measure(toks, size, weight)
    if not toks:
        return [""], False
    first_fit = m.greedy(width) or []
    if len(first_fit) <= max_lines:
        tight = m.tightest(len(first_fit), width) or width
        return [m.text(i, j) for i, j in m.even(len(first_fit), tight)], False
    kept = [m.text(i, j) for i, j in first_fit[: max_lines - 1]]
    rest = m.text(first_fit[max_lines - 1][0], len(toks))
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
