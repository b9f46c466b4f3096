"""A monotone, piecewise linear warp of one axis: room where cards crowd, taken where it is empty.

The axis span (px, from 0 to ``span``) is cut into ``BINS`` equal bins. A bin's *load* is the
room its cards need along the axis: for each cell of the other axis (one card deep), the sum
of the sizes (plus gap) of the cards centred in that bin and cell when there are several, the
bin's own width for a lone card; the bin's load is its worst cell (an empty bin's is 0).
Each bin gets a width between ``SHRINK`` and ``STRETCH`` times its own, as close to its load
as that allows, then every width is scaled so the axis keeps its span. The warp maps a
position linearly within its bin, so it is strictly increasing: no two cards can swap, and
equal positions stay equal.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

BINS = 24
SHRINK = 0.5  # an empty bin keeps at least half its width: the axis still reads as linear
STRETCH = 2.5  # a crowded bin grows at most this much before the whole axis is rescaled


class Warp(NamedTuple):
    """Knots (old px -> new px), increasing in both; positions between them are interpolated."""

    old: tuple[float, ...]
    new: tuple[float, ...]

    def __call__(self, p: float) -> float:
        old, new = self.old, self.new
        if len(old) < 2:
            return p
        k = min(max(bisect.bisect_right(old, p) - 1, 0), len(old) - 2)
        t = (p - old[k]) / (old[k + 1] - old[k])
        return new[k] + t * (new[k + 1] - new[k])

    def scale_at(self, p: float) -> float:
        """The warp's slope at ``p`` (new px per old px)."""
        old, new = self.old, self.new
        if len(old) < 2:
            return 1.0
        k = min(max(bisect.bisect_right(old, p) - 1, 0), len(old) - 2)
        return (new[k + 1] - new[k]) / (old[k + 1] - old[k])


IDENTITY = Warp((), ())


def fit_warp(
    span: float,
    along: Sequence[float],
    sizes: Sequence[float],
    across: Sequence[float],
    depth: float,
    gap: float,
) -> Warp:
    """The warp for cards at ``along`` (px on this axis) of ``sizes`` along it, ``across`` the
    other axis in cells ``depth`` px deep, needing ``gap`` px between them."""
    if span <= 0 or len(along) < 2 or depth <= 0:
        return IDENTITY
    width = span / BINS
    load: dict[tuple[int, int], list[float]] = defaultdict(list)
    for p, s, q in zip(along, sizes, across, strict=True):
        b = min(max(math.floor(p / width), 0), BINS - 1)
        load[(b, math.floor(q / depth))].append(s + gap)
    need = [0.0] * BINS
    for (b, _), v in load.items():
        # a lone card needs no more than its bin; several need their sizes side by side
        need[b] = max(need[b], sum(v) if len(v) > 1 else width)
    widths = [min(max(n, SHRINK * width), STRETCH * width) for n in need]
    k = span / sum(widths)
    knots_new = [0.0]
    for w in widths:
        knots_new.append(knots_new[-1] + w * k)
    knots_new[-1] = span
    return Warp(tuple(i * width for i in range(BINS + 1)), tuple(round(v, 6) for v in knots_new))
