"""Placing text labels next to arrows without covering cards, box labels or each other."""

from __future__ import annotations

import math

from skillsmap.layout.geometry import Box, Grid, Point

POSITIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)


class LabelPlacer:
    """A greedy, deterministic placer: the first free candidate wins, else the least covered."""

    def __init__(self, obstacles: list[Box], cell: float = 120.0) -> None:
        self.grid = Grid(cell)
        for b in obstacles:
            self.grid.add(b)

    def _cover(self, box: Box) -> float:
        area = 0.0
        for k in self.grid.near(box):
            o = self.grid.boxes[k]
            w = min(box.x1, o.x1) - max(box.x0, o.x0)
            h = min(box.y1, o.y1) - max(box.y0, o.y0)
            if w > 0 and h > 0:
                area += w * h
        return area

    def place(self, curve: list[Point], w: float, h: float, pad: float = 3.0) -> Box:
        """A box of w x h beside the polyline ``curve``; it becomes an obstacle for later labels."""
        best: tuple[float, int, Box] | None = None
        rank = 0
        for t in POSITIONS:
            i = min(int(t * (len(curve) - 1)), len(curve) - 2)
            (x0, y0), (x1, y1) = curve[i], curve[i + 1]
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            nx, ny = -(y1 - y0) / length, (x1 - x0) / length
            px, py = (x0 + x1) / 2, (y0 + y1) / 2
            offset = (abs(nx) * w + abs(ny) * h) / 2 + pad
            for side in (1.0, -1.0):
                box = Box.around(px + side * nx * offset, py + side * ny * offset, w, h)
                cover = self._cover(box.inflate(1.0))
                rank += 1
                if cover == 0.0:
                    self.grid.add(box.inflate(pad))
                    return box
                if best is None or (cover, rank) < (best[0], best[1]):
                    best = (cover, rank, box)
        assert best is not None
        self.grid.add(best[2].inflate(pad))
        return best[2]
