"""Orders the spec asks for that the drawing cannot keep, found in the plan and explained.

Level boxes are rectangles that never overlap and keep the vertical order of their roles (the
higher level, by its roles' mean ``hard``, on top). When two levels' roles overlap in height
and their boxes share some width, one box is stacked over the other, and a role of the lower
box that the spec puts higher than a role of the upper one comes out below it. A role without
a level that the spec puts among a level's roles is drawn inside that level's box, where its
coordinates are. Both are said plainly, at the role. Distances are in axis units; pairs less
than the layout's ``ORDER_GAP`` of the hard axis apart are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillsmap.layout.place import ORDER_GAP
from skillsmap.layout.plan import PlacedLevel, PlacedRole, Plan
from skillsmap.model import SkillsMap
from skillsmap.words import level_order_conflict, outside_role_in_box

INSIDE_TOL = 0.5  # px: how far a card may stick out of a box and still count as inside it


def order_conflicts(m: SkillsMap, plan: Plan) -> Iterator[tuple[str, str]]:
    """(role id, message) for every order the drawing breaks because the spec's levels do."""
    need = ORDER_GAP * (m.axes.hard.max - m.axes.hard.min)
    by_level: dict[str, list[PlacedRole]] = {}
    for r in plan.roles:
        if r.level is not None:
            by_level.setdefault(r.level, []).append(r)
    levels = [lv for lv in plan.levels if by_level.get(lv.id)]
    for n, a in enumerate(levels):
        for b in levels[n + 1 :]:
            if not _share_width(a, b):
                continue
            upper, lower = (a, b) if a.box.y < b.box.y else (b, a)
            high = max(by_level[lower.id], key=lambda r: (r.hard, r.id))
            low = min(by_level[upper.id], key=lambda r: (r.hard, r.id))
            if high.hard - low.hard >= need:
                yield (
                    high.id,
                    level_order_conflict(high.id, lower.id, low.id, upper.id, high.hard - low.hard),
                )
    known = {lv.id for lv in plan.levels}
    for r in plan.roles:
        if r.level in known:
            continue
        box = next((lv for lv in plan.levels if _inside(r, lv)), None)
        if box is not None:
            yield r.id, outside_role_in_box(r.id, box.id)


def _share_width(a: PlacedLevel, b: PlacedLevel) -> bool:
    return a.box.x < b.box.x + b.box.width and b.box.x < a.box.x + a.box.width


def _inside(r: PlacedRole, lv: PlacedLevel) -> bool:
    c, b = r.card, lv.box
    return (
        c.x >= b.x - INSIDE_TOL
        and c.y >= b.y - INSIDE_TOL
        and c.x + c.width <= b.x + b.width + INSIDE_TOL
        and c.y + c.height <= b.y + b.height + INSIDE_TOL
    )
