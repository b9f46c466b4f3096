"""Layout: a validated map and a theme in, a frozen :class:`Layout` out (plan, scene, warnings).

Pure and deterministic: no file or backend is touched, the same input gives the same result.
The plan and the scene are in final canvas px (origin top-left, y down).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from typing import NamedTuple

from skillsmap.fonts import using
from skillsmap.layout.arrows import arrows
from skillsmap.layout.canvas import to_canvas
from skillsmap.layout.cards import make_cards
from skillsmap.layout.compose import compose
from skillsmap.layout.frame import frame, header, map_left, title_room
from skillsmap.layout.labels import LegendLabel, legend_labels, plan_labels
from skillsmap.layout.place import place
from skillsmap.layout.plan import (
    Area,
    Canvas,
    Displacement,
    GrownBox,
    PlacedLevel,
    PlacedMove,
    PlacedRole,
    Plan,
)
from skillsmap.layout.tracks import track_styles
from skillsmap.model import SkillsMap
from skillsmap.scene import Scene
from skillsmap.theme import LIGHT, Theme, tight


class Layout(NamedTuple):
    """A laid-out map: where everything is, the scene to draw, cards moved far, explicit boxes
    grown, and the arrow labels shown in the legend for want of room beside their arrows."""

    plan: Plan
    scene: Scene
    displaced: tuple[Displacement, ...]
    labels_in_legend: tuple[LegendLabel, ...] = ()
    grown: tuple[GrownBox, ...] = ()


FILL = (0.76, 0.66)  # share of a target canvas's width and height the content aims to span
READABLE = 12.0  # px: the least card text a map laid out for a target size aims at
FIT_ROUNDS = 5  # layouts tried for a target size, each scaled from the last one's misfit
# Stretches tried on an axis a map fills short of FILL, as multiples of the one that should just
# fill it: the map's extent jumps as levels go side by side or rows merge.
FILL_STRETCHES = (0.98, 1.02, 1.07, 1.13, 1.2, 1.3, 1.45, 1.65, 2.0)
REFINE_STEPS = ((0.85, 1.0), (1.15, 1.0), (1.0, 0.8), (1.0, 1.25))  # x and y span ratios tried
REFINE_ROUNDS = 6  # rounds of REFINE_STEPS around the best layout of a map short of its aims
REFINE_WORK = 1000  # roles laid out by the search at most: six rounds for 40, none above 250 roles
FILL_COST = 0.03  # share of its scale a map may lose to meet FILL


def _layout(m: SkillsMap, theme: Theme, plot: tuple[float, float] | None = None) -> Layout:
    mt = theme.metrics
    cards = make_cards(m, mt)
    index = {r.id: i for i, r in enumerate(m.roles)}
    pairs = [(index[mv.from_], index[mv.to]) for mv in m.moves]
    placement = place(m, cards, pairs, mt, plot)
    label_plan = plan_labels(m.moves)
    drawn = arrows(
        [c.box for c in cards],
        [(lv.box, lv.label_box) for lv in placement.levels],
        pairs,
        label_plan.on_arrow,
        mt,
    )
    routes, labels = drawn.routes, drawn.labels.placed
    moved = legend_labels(m, drawn.labels.to_legend)
    left = map_left(theme)
    across = to_canvas(m, placement, routes, labels, left, 0.0, mt.arrow_width).plot
    head = header(m, theme, title_room(across, theme))
    placed = to_canvas(m, placement, routes, labels, left, head.bottom, mt.arrow_width)
    styles = track_styles(m, theme.palette)
    around = frame(m, head, placed.plot, styles, label_plan.in_legend, theme, moved)
    plan = Plan(
        around.canvas,
        placed.roles,
        placed.levels,
        placed.moves,
        around.legend_area,
        placement.scale,
    )
    scene = compose(m, plan, around, styles, theme)
    return Layout(plan, scene, placement.displaced, moved, placement.grown)


def _boxes(plan: Plan) -> list[Area]:
    """Every card and level box of ``plan``."""
    return [r.card for r in plan.roles] + [lv.box for lv in plan.levels]


def _content(plan: Plan) -> tuple[float, float]:
    """Width and height of what the map covers: cards, boxes, arrow ends and arrow labels."""
    xs: list[float] = []
    ys: list[float] = []
    areas = _boxes(plan) + [mv.label_box for mv in plan.moves if mv.label_box is not None]
    for a in areas:
        xs += (a.x, a.x + a.width)
        ys += (a.y, a.y + a.height)
    for mv in plan.moves:  # arrow ends and heads (a curve's control point lies off it)
        for p in (mv.start, *mv.head):
            xs.append(p[0])
            ys.append(p[1])
    if not xs:
        return 0.0, 0.0
    return max(xs) - min(xs), max(ys) - min(ys)


def _fitted(m: SkillsMap, theme: Theme, size: tuple[float, float]) -> Layout:
    """The layout for a ``size`` canvas: axes stretched so the map fills it at scale 1.

    The frame (title, axes, legend, note) takes what it takes; each round scales the px the
    axes span by how much the map's extent should change to fill the rest, which converges
    (the map's extent grows with the span, less than in proportion). The layout needing the
    least shrinking to fit wins, then the one covering more of the canvas. A map that must
    still shrink is laid out again with tighter gaps (:func:`~skillsmap.theme.tight`), then also
    with its legend beside it; the first that meets its aims (``FILL``, ``READABLE``), else the
    one shrinking least, wins. The winner is refined by a short search around it
    (:func:`_refined`); if it then fills less than ``FILL`` of one side, that axis is stretched
    (:func:`_filled`), else the unrefined winner's is, if that costs at most ``FILL_COST`` of
    the refined layout's scale.
    """
    best: tuple[Layout, tuple[float, float], Theme] | None = None
    for variant in (theme, tight(theme), tight(theme, beside=True)):
        laid, plot = _fit_rounds(m, variant, size)
        if _aims_met(laid, size, theme):
            return laid
        if best is None or _shrink(laid, size) > _shrink(best[0], size):
            best = (laid, plot, variant)
    assert best is not None
    refined = _refined(m, *best, size)
    least = _shrink(refined[0], size) * (1 - FILL_COST)
    for near in (refined,) if refined[0] is best[0] else (refined, best):
        filled = _filled(m, *near, size, least)
        if filled is not None:
            return filled
    return refined[0]


def _refined(
    m: SkillsMap, laid: Layout, plot: tuple[float, float], theme: Theme, size: tuple[float, float]
) -> tuple[Layout, tuple[float, float], Theme]:
    """``laid``, or a layout near it that shrinks less (up to readable card text), else fills
    more of ``size``: a pattern search over the axes' px spans.

    A map's extent jumps with its axes (levels go side by side, rows merge), so the rounds of
    :func:`_fit_rounds` can stop short of a better layout close by. Each round tries each of
    ``REFINE_STEPS`` from the best layout so far and moves to the best of them; a round without
    gain halves the steps (in ratio). ``REFINE_ROUNDS`` rounds at most, fewer on a large map
    (``REFINE_WORK``), so the search costs a bounded share of the layout's time.
    """
    readable = READABLE / theme.metrics.card_text_size

    def key(tried: Layout) -> tuple[float, float, int, float]:
        shrink, fill = _shrink(tried, size), _fill(tried, size)
        filled = min(fill[0] / FILL[0], fill[1] / FILL[1], 1.0)
        return min(shrink, readable), filled, -len(tried.displaced), shrink

    best, power = (key(laid), laid, plot), 1.0
    rounds = min(REFINE_ROUNDS, REFINE_WORK // (max(len(m.roles), 1) * len(REFINE_STEPS)))
    for _ in range(rounds):
        found = best
        for gx, gy in REFINE_STEPS:
            tried = (best[2][0] * gx**power, best[2][1] * gy**power)
            again = _layout(m, theme, tried)
            score = key(again)
            if score > found[0]:
                found = (score, again, tried)
        if found is best:
            power /= 2
        best = found
    return best[1], best[2], theme


def _fill(laid: Layout, size: tuple[float, float]) -> tuple[float, float]:
    """The share of ``size``'s width and height its cards and level boxes span once ``laid`` is
    fitted to it: the fill a slide is judged by (``_aims_met`` counts arrows and labels too,
    which only makes it reach ``FILL`` sooner)."""
    plan = laid.plan
    s = min(size[0] / plan.canvas.width, size[1] / plan.canvas.height)
    areas = _boxes(plan)
    if not areas:
        return 0.0, 0.0
    w = max(a.x + a.width for a in areas) - min(a.x for a in areas)
    h = max(a.y + a.height for a in areas) - min(a.y for a in areas)
    return s * w / size[0], s * h / size[1]


def _filled(
    m: SkillsMap,
    laid: Layout,
    plot: tuple[float, float],
    theme: Theme,
    size: tuple[float, float],
    least: float,
) -> Layout | None:
    """``laid`` if it fills ``FILL`` of ``size``, else the map laid out again with the axis it
    fills short stretched, its scale still at least ``least``; None if no such stretch fills it.

    The map is bound by its other axis, so stretching the short one (the soft axis is relative,
    and a crowded level takes fewer rows when wider) costs little or no text size. A map's
    extent does not grow smoothly with its axes (levels go side by side, rows merge), so
    ``FILL_STRETCHES`` of the stretch that should just fill are tried; of those that fill the
    canvas, the one shrinking least wins.
    """
    fill = _fill(laid, size)
    short = [f < aim for f, aim in zip(fill, FILL, strict=True)]
    if not any(short):
        return laid
    best: tuple[float, float, Layout] | None = None
    just = [a / max(f, 0.01) for f, a in zip(fill, FILL, strict=True)]
    for k in FILL_STRETCHES:
        grow = [k * g if s else 1.0 for g, s in zip(just, short, strict=True)]
        again = _layout(m, theme, (plot[0] * grow[0], plot[1] * grow[1]))
        shrink, now = _shrink(again, size), _fill(again, size)
        spare = min(n / aim for n, aim in zip(now, FILL, strict=True))
        if shrink < least or spare < 1.0:
            continue
        key = (shrink, spare)
        if best is None or key > best[:2]:
            best = (*key, again)
    return None if best is None else best[2]


def _aims_met(laid: Layout, size: tuple[float, float], theme: Theme) -> bool:
    """True if, shrunk to fit ``size``, the map's content spans ``FILL`` of it and its card
    text is at least ``READABLE`` px."""
    shrink = _shrink(laid, size)
    w, h = _content(laid.plan)
    return (
        shrink * theme.metrics.card_text_size >= READABLE
        and shrink * w >= FILL[0] * size[0]
        and shrink * h >= FILL[1] * size[1]
    )


def _shrink(laid: Layout, size: tuple[float, float]) -> float:
    """The factor a layout is scaled by to fit ``size`` (at most 1), to 0.01."""
    canvas = laid.plan.canvas
    return round(min(size[0] / canvas.width, size[1] / canvas.height, 1.0), 2)


def _fit_rounds(
    m: SkillsMap, theme: Theme, size: tuple[float, float]
) -> tuple[Layout, tuple[float, float]]:
    laid = _layout(m, theme)
    ux, uy = laid.plan.scale
    plot = (ux * (m.axes.soft.max - m.axes.soft.min), uy * (m.axes.hard.max - m.axes.hard.min))
    best: tuple[float, int, float, Layout, tuple[float, float]] | None = None
    for _ in range(FIT_ROUNDS):
        canvas = laid.plan.canvas
        w, h = _content(laid.plan)
        room = (size[0] - (canvas.width - w), size[1] - (canvas.height - h))
        step = (max(room[0], 1.0) / max(w, 1.0), max(room[1], 1.0) / max(h, 1.0))
        tried = (plot[0] * step[0], plot[1] * step[1])
        laid = _layout(m, theme, tried)
        nw, nh = _content(laid.plan)
        key = (_shrink(laid, size), -len(laid.displaced), nw * nh)
        if best is None or key >= best[:3]:
            best = (*key, laid, tried)
        plot = tried
    assert best is not None
    return best[3], best[4]


def layout(
    m: SkillsMap,
    theme: Theme = LIGHT,
    fonts: Sequence[str | os.PathLike[str]] = (),
    size: tuple[float, float] | None = None,
) -> Layout:
    """Lay out ``m`` with ``theme``, measuring text with ``fonts`` after DejaVu Sans; for a
    target canvas ``size`` (W, H px), laid out for it."""
    with using(fonts):
        return _paused(m, theme, size)


def _paused(m: SkillsMap, theme: Theme, size: tuple[float, float] | None) -> Layout:
    # Layout makes a great many small, short-lived objects without reference cycles; pausing
    # the cyclic collector meanwhile saves 10-20% on large maps and changes no result.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _layout(m, theme) if size is None else _fitted(m, theme, size)
    finally:
        if collecting:
            gc.enable()


__all__ = [
    "Area",
    "Canvas",
    "Displacement",
    "GrownBox",
    "Layout",
    "LegendLabel",
    "PlacedLevel",
    "PlacedMove",
    "PlacedRole",
    "Plan",
    "layout",
]
