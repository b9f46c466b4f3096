"""Arrows and their labels as one problem: route, find label room, route around that room,
then settle every label beside its final arrow (or in the legend). Map px, y down.

The first routes only avoid cards and level labels; labels placed beside them reserve their
room; the final routes keep clear of every other move's reserved room. A reserved plate that is
still free beside its (final) arrow stays; the others are placed again among the final arrows,
so no arrow changes after a label is checked against it.
"""

from __future__ import annotations

from typing import NamedTuple

from skillsmap.layout.geometry import Box
from skillsmap.layout.labels import Labels, place_labels
from skillsmap.layout.route import CROSSING_AWARE_MOVES, Reserved, Route, route_moves
from skillsmap.theme import Metrics


class Arrows(NamedTuple):
    """One route per move and where each label went."""

    routes: list[Route]
    labels: Labels


def arrows(
    cards: list[Box],
    levels: list[tuple[Box, Box]],
    pairs: list[tuple[int, int]],
    on_arrow: dict[int, str],
    metrics: Metrics,
) -> Arrows:
    """Routes for ``pairs`` of card indices and the ``on_arrow`` labels (by move index) among
    ``cards`` and ``levels`` (box, label box)."""
    level_labels = [label for _, label in levels]
    first = route_moves(cards, level_labels, pairs, metrics)
    if not on_arrow:
        return Arrows(first, Labels({}, ()))
    trial = place_labels(on_arrow, first, cards, levels, metrics)
    if len(pairs) > CROSSING_AWARE_MOVES:  # no second pass on maps far too dense to read
        return Arrows(first, trial)
    reserved = [Reserved(i, label.box) for i, label in trial.placed.items()]
    routes = route_moves(cards, level_labels, pairs, metrics, reserved, first)
    return Arrows(routes, place_labels(on_arrow, routes, cards, levels, metrics, trial.placed))
