"""The map-wide rules of spec v1: what needs more than one value to check.

Pydantic checks each value's shape; these rules check how the values fit together: ids are
unique, references name something, coordinates (in axis units) lie inside their axis and their
level's explicit box, boxes do not overlap, and moves make sense. Each rule group is a function
returning the :class:`Issue` list it finds; :func:`semantic_issues` runs them in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

from skillsmap.diagnostics import Budget, Severity, Suggester
from skillsmap.model import Axes, Axis, Level, Loc, Move, Role, SkillsMap, Track

_Item = TypeVar("_Item", Level, Role)


class Issue(NamedTuple):
    """A rule broken somewhere in a map; ``loc`` is the path to the offending value."""

    severity: Severity
    loc: Loc
    message: str


def _error(loc: Loc, message: str) -> Issue:
    return Issue("error", loc, message)


def _warning(loc: Loc, message: str) -> Issue:
    return Issue("warning", loc, message)


class _Parts:
    """The valid parts of a map, items with their index in the spec, and what they define."""

    __slots__ = (
        "axes",
        "budget",
        "first_move",
        "known_levels",
        "known_roles",
        "level_by_id",
        "levels",
        "moves",
        "role_by_id",
        "roles",
        "tracks",
    )

    def __init__(
        self,
        axes: Axes | None,
        tracks: dict[str, Track] | None,
        levels: Sequence[tuple[int, Level]],
        roles: Sequence[tuple[int, Role]],
        moves: Sequence[tuple[int, Move]],
        known_levels: Iterable[str],
        known_roles: Iterable[str],
    ) -> None:
        self.axes, self.tracks = axes, tracks
        self.levels, self.roles, self.moves = levels, roles, moves
        self.known_levels, self.known_roles = known_levels, known_roles
        self.budget = Budget()  # shared by every "did you mean"
        self.level_by_id = _first_by_id(levels)
        self.role_by_id = _first_by_id(roles)
        self.first_move: dict[tuple[str, str], int] = {}
        for i, move in moves:
            ends = _ends(move)
            if ends is not None and ends[0] != ends[1]:
                self.first_move.setdefault(ends, i)

    def axis(self, name: str) -> Axis | None:
        if self.axes is None:
            return None
        return self.axes.soft if name == "soft" else self.axes.hard

    def boxed(self) -> list[tuple[int, Level]]:
        """The levels (first of each id) that have an explicit box."""
        return [(i, lv) for i, lv in self.level_by_id.values() if _field(lv, "box") is not None]


def semantic_issues(
    m: SkillsMap | None = None,
    *,
    axes: Axes | None = None,
    tracks: dict[str, Track] | None = None,
    levels: Sequence[tuple[int, Level]] = (),
    roles: Sequence[tuple[int, Role]] = (),
    moves: Sequence[tuple[int, Move]] = (),
    known_levels: Iterable[str] = (),
    known_roles: Iterable[str] = (),
) -> list[Issue]:
    """Every cross-reference and geometry rule, over whatever parts of a map are valid.

    Parts are given with their index in the spec so a partly broken spec still gets every
    other rule checked. ``known_*`` name ids of items that failed validation elsewhere, so a
    reference to them is not reported twice. The issues of one role or move come together.
    """
    if m is not None:
        axes, tracks = m.axes, m.tracks
        levels, roles = list(enumerate(m.levels)), list(enumerate(m.roles))
        moves = list(enumerate(m.moves))
    p = _Parts(axes, tracks, levels, roles, moves, known_levels, known_roles)
    issues = [*_axis_ranges(p), *_unique_ids("level", p.levels)]
    issues += [*_box_ranges(p), *_box_overlaps(p)]
    issues += _by_item([*_unique_ids("role", p.roles), *_role_references(p), *_coordinates(p)])
    issues += _by_item([*_move_references(p), *_move_repeats(p), *_move_kinds(p)])
    return issues


def _by_item(issues: list[Issue]) -> list[Issue]:
    """Issues of a list regrouped by item index, keeping each item's issues in rule order."""
    return sorted(issues, key=lambda issue: issue.loc[1])


def _axis_ranges(p: _Parts) -> Iterator[Issue]:
    for name in ("soft", "hard"):
        axis = p.axis(name)
        if axis is not None and axis.min >= axis.max:
            yield _error(
                ("axes", name, "max"),
                f"max ({axis.max:g}) must be greater than min ({axis.min:g})",
            )


def _first_by_id(items: Sequence[tuple[int, _Item]]) -> dict[str, tuple[int, _Item]]:
    out: dict[str, tuple[int, _Item]] = {}
    for i, item in items:
        out.setdefault(item.id, (i, item))
    return out


def _unique_ids(kind: str, items: Sequence[tuple[int, Level | Role]]) -> Iterator[Issue]:
    section = f"{kind}s"
    first: dict[str, int] = {}
    for i, item in items:
        if item.id in first:
            yield _error(
                (section, i, "id"),
                f"duplicate {kind} id '{item.id}' (first used by {section}[{first[item.id]}])",
            )
        else:
            first[item.id] = i


def _box_ranges(p: _Parts) -> Iterator[Issue]:
    """Each explicit box is a non-empty range on each axis, inside that axis."""
    for i, level in p.boxed():
        assert level.box is not None
        for name, (lo, hi) in (("soft", level.box.soft), ("hard", level.box.hard)):
            axis = p.axis(name)
            if lo >= hi:
                yield _error(
                    ("levels", i, "box", name),
                    f"box {name} range [{lo:g}, {hi:g}] is empty or reversed",
                )
            elif axis is not None and (lo < axis.min or hi > axis.max):
                yield _error(
                    ("levels", i, "box", name),
                    f"box {name} range [{lo:g}, {hi:g}] leaves the axis range "
                    f"[{axis.min:g}, {axis.max:g}]",
                )


def _box_overlaps(p: _Parts) -> Iterator[Issue]:
    """One error per overlapping pair of explicit boxes, on the later level of the pair."""
    boxed = p.boxed()
    for a, (_, earlier) in enumerate(boxed):
        for j, later in boxed[a + 1 :]:
            assert earlier.box is not None and later.box is not None
            if _ranges_overlap(earlier.box.soft, later.box.soft) and _ranges_overlap(
                earlier.box.hard, later.box.hard
            ):
                yield _error(
                    ("levels", j, "box"),
                    f"box of level '{later.id}' overlaps the box of level '{earlier.id}'",
                )


def _role_references(p: _Parts) -> Iterator[Issue]:
    """A role's track is a key of ``tracks`` and its level an id of ``levels``."""
    level_ids = set(p.level_by_id) | set(p.known_levels)
    track_hint = Suggester(p.tracks or (), p.budget)
    level_hint = Suggester(level_ids, p.budget)
    for i, role in p.role_by_id.values():
        track, level = _field(role, "track"), _field(role, "level")
        if p.tracks is not None and track is not None and track not in p.tracks:
            yield _error(("roles", i, "track"), f"unknown track '{track}'" + track_hint(track))
        if level is not None and level not in level_ids:
            yield _error(("roles", i, "level"), f"unknown level '{level}'" + level_hint(level))


def _coordinates(p: _Parts) -> Iterator[Issue]:
    """A role lies inside each axis and, when its level has an explicit box, inside the box."""
    for i, role in p.role_by_id.values():
        level = _field(role, "level")
        box = _field(p.level_by_id[level][1], "box") if level in p.level_by_id else None
        for name in ("soft", "hard"):
            value, on = _field(role, name), p.axis(name)
            if value is None:
                continue
            if on is not None and on.min < on.max and not on.min <= value <= on.max:
                yield _error(
                    ("roles", i, name),
                    f"{name} = {value:g} is outside the {name} axis [{on.min:g}, {on.max:g}]",
                )
            elif box is not None:
                lo, hi = box.soft if name == "soft" else box.hard
                if lo < hi and not lo <= value <= hi:
                    yield _error(
                        ("roles", i, name),
                        f"{name} = {value:g} is outside the box of level '{level}' "
                        f"({name} [{lo:g}, {hi:g}])",
                    )


def _move_references(p: _Parts) -> Iterator[Issue]:
    """Both ends of a move are role ids."""
    role_ids = set(p.role_by_id) | set(p.known_roles)
    role_hint = Suggester(role_ids, p.budget)
    for i, move in p.moves:
        for field_name, ref in (("from", _field(move, "from_")), ("to", _field(move, "to"))):
            if ref is not None and ref not in role_ids:
                yield _error(("moves", i, field_name), f"unknown role '{ref}'" + role_hint(ref))


def _move_repeats(p: _Parts) -> Iterator[Issue]:
    """No move goes from a role to itself, and no move is listed twice."""
    for i, move in p.moves:
        ends = _ends(move)
        if ends is None:
            continue
        src, dst = ends
        if src == dst:
            yield _error(("moves", i, "to"), f"a move cannot go from '{src}' to itself")
        elif p.first_move[ends] != i:
            yield _error(
                ("moves", i),
                f"move '{src}' -> '{dst}' is listed twice (first as moves[{p.first_move[ends]}])",
            )


def _move_kinds(p: _Parts) -> Iterator[Issue]:
    """Warnings: a lateral move that changes level, a downward move that goes up."""
    for i, move in p.moves:
        ends = _ends(move)
        if ends is None or p.first_move.get(ends) != i:
            continue
        if ends[0] not in p.role_by_id or ends[1] not in p.role_by_id:
            continue
        src, dst = p.role_by_id[ends[0]][1], p.role_by_id[ends[1]][1]
        kind = _field(move, "kind")
        src_level, dst_level = _field(src, "level"), _field(dst, "level")
        if kind == "lateral" and src_level != dst_level:
            yield _warning(
                ("moves", i, "kind"),
                "lateral move between different levels "
                f"({_level_name(src_level)} -> {_level_name(dst_level)})",
            )
        src_hard, dst_hard = _field(src, "hard"), _field(dst, "hard")
        if kind == "downward" and None not in (src_hard, dst_hard) and dst_hard > src_hard:
            yield _warning(
                ("moves", i, "kind"),
                f"downward move goes up (hard {src_hard:g} -> {dst_hard:g})",
            )


def _ends(move: Move) -> tuple[str, str] | None:
    """``(from, to)`` of a move whose two ends are both set."""
    src, dst = _field(move, "from_"), _field(move, "to")
    return None if src is None or dst is None else (src, dst)


def _level_name(level: str | None) -> str:
    return f"'{level}'" if level is not None else "no level"


def _field(item: BaseModel, name: str) -> Any:
    """A field of a possibly partial item (built from only its valid fields), or None."""
    return getattr(item, name, None)


def _ranges_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
