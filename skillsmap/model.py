"""The typed, frozen model of a skills map (spec format v1) and the rules that tie it together.

Pydantic checks each value's shape; :func:`semantic_issues` checks what needs the whole map
(references, duplicates, ranges, boxes). The spec reader runs both and locates every issue in
the YAML; building a :class:`SkillsMap` in Python runs both too and raises on any error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic.functional_validators import AfterValidator

from skillsmap.colors import parse_color
from skillsmap.diagnostics import Budget, Severity, Suggester

MAX_ROLES = 2000
MAX_MOVES = 5000
# Far more than any career framework needs; they bound the map-wide checks, which compare
# levels (boxes) pairwise and every track with every role. A track per role at most.
MAX_LEVELS = 200
MAX_TRACKS = MAX_ROLES
MAX_TEXT = 1000
ID_PATTERN = r"^[A-Za-z0-9_-]+$"
URL_SCHEMES = ("http", "https", "mailto")
MOVE_KINDS = ("promotion", "lateral", "downward")
ThemeName = Literal["light", "dark", "print", "high-contrast"]
THEMES: tuple[str, ...] = get_args(ThemeName)

Loc = tuple[str | int, ...]


def _tupled(value: Any) -> Any:
    """YAML gives lists; the frozen model stores tuples."""
    return tuple(value) if isinstance(value, list) else value


def _color(value: str) -> str:
    parsed = parse_color(value)
    if parsed is None:
        raise ValueError(f"invalid colour '{value}' (use #rgb, #rrggbb or a CSS colour name)")
    return parsed


def _url(value: str) -> str:
    scheme, sep, _ = value.partition(":")
    if not sep or scheme.lower() not in URL_SCHEMES or not scheme.isalpha():
        raise ValueError(f"must start with http:, https: or mailto:, got '{value}'")
    return value


def _not_bool(value: Any) -> Any:
    """``version: yes`` is a boolean, which Python would take for the number 1."""
    if isinstance(value, bool):
        raise ValueError(f"expected version 1, got boolean {str(value).lower()}")
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64),
    Field(description="An identifier: letters, digits, '-' and '_'."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
Number = Annotated[float, AfterValidator(_finite)]
Color = Annotated[
    str,
    AfterValidator(_color),
    Field(
        description="A colour: #rgb, #rrggbb or a CSS colour name.",
        examples=["#0072B2", "teal"],
        json_schema_extra={"pattern": "^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[A-Za-z]+)$"},
    ),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000),
    AfterValidator(_url),
    Field(
        description="A link (http:, https: or mailto:).",
        json_schema_extra={"pattern": "^([hH][tT][tT][pP][sS]?|[mM][aA][iI][lL][tT][oO]):"},
    ),
]
Range = Annotated[tuple[Number, Number], BeforeValidator(_tupled)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)


class Axis(_Model):
    """One axis of the map: its label and the range coordinates live in."""

    label: Text = Field(description="Text drawn along the axis.")
    min: Number = Field(0.0, description="Smallest coordinate allowed on this axis.")
    max: Number = Field(10.0, description="Largest coordinate allowed on this axis.")


class SoftAxis(Axis):
    label: Text = Field("Soft skills", description="Text drawn along the horizontal axis.")


class HardAxis(Axis):
    label: Text = Field("Hard skills", description="Text drawn along the vertical axis.")


class Axes(_Model):
    """The two dimensions: soft skills left to right, hard skills bottom to top."""

    soft: SoftAxis = Field(default_factory=SoftAxis, description="The horizontal (x) axis.")
    hard: HardAxis = Field(default_factory=HardAxis, description="The vertical (y) axis.")


class Track(_Model):
    """A career track (individual contributor, management, product...)."""

    label: Text = Field(description="Name shown in the legend.")
    color: Color | None = Field(
        None, description="Card colour; default: the next colour of a colour-blind-safe palette."
    )


class Box(_Model):
    """An explicit level box, in axis coordinates."""

    soft: Range = Field(description="[left, right] on the soft-skills axis.")
    hard: Range = Field(description="[bottom, top] on the hard-skills axis.")


class Level(_Model):
    """A level box grouping roles of the same seniority (L5, L6-7...)."""

    id: Id
    label: Text | None = Field(None, description="Text in the box corner; default: the id.")
    box: Box | None = Field(None, description="Explicit box; default: fitted around its roles.")

    @property
    def text(self) -> str:
        return self.label if self.label is not None else self.id


class Role(_Model):
    """A job on the map, drawn as a card at (soft, hard)."""

    id: Id
    title: Text = Field(description="The text on the card.")
    track: Id = Field(description="A key of `tracks`.")
    level: Id | None = Field(None, description="An id of `levels`.")
    soft: Number = Field(description="Soft-skills coordinate (x).")
    hard: Number = Field(description="Hard-skills coordinate (y).")
    description: Text | None = Field(None, description="Shown as the card's tooltip.")
    url: Url | None = Field(None, description="The card links here.")
    aliases: dict[Text, Text] = Field(
        default_factory=dict,
        description="Titles of this role at companies, e.g. {google: L5 Senior SWE}.",
    )


class Move(_Model):
    """A progression arrow between two roles."""

    from_: Id = Field(alias="from", description="The role the arrow starts from.")
    to: Id = Field(description="The role the arrow points to.")
    kind: Literal["promotion", "lateral", "downward"] = Field(
        "promotion", description="promotion (solid), lateral (dashed) or downward (dotted)."
    )
    label: Text | None = Field(None, description="Text on the arrow, e.g. a typical duration.")


class SkillsMap(_Model):
    """A whole skills map: the root of a spec file."""

    model_config = ConfigDict(
        title="skillsmap spec v1",
        json_schema_extra={"$comment": "Spec format of skillsmap; see the README."},
    )

    version: Annotated[Literal[1], BeforeValidator(_not_bool)] = Field(
        1, description="Spec format version; only 1 exists."
    )
    title: Text = Field(description="The map's title.")
    subtitle: Text | None = Field(None, description="A line under the title.")
    note: Text | None = Field(None, description="A footnote: sources, credits.")
    theme: ThemeName | None = Field(
        None,
        description="Default theme: light, dark, print (greyscale-safe) or high-contrast; "
        "the command line's --theme overrides it. Default: light.",
    )
    axes: Axes = Field(default_factory=Axes, description="Axis labels and ranges.")
    tracks: dict[Id, Track] = Field(
        min_length=1,
        max_length=MAX_TRACKS,
        description="Tracks by id.",
        json_schema_extra={"additionalProperties": False},
    )
    levels: Annotated[tuple[Level, ...], BeforeValidator(_tupled)] = Field(
        max_length=MAX_LEVELS, description="Level boxes, drawn around their roles."
    )
    roles: Annotated[tuple[Role, ...], BeforeValidator(_tupled)] = Field(
        min_length=1, max_length=MAX_ROLES, description="The roles (cards)."
    )
    moves: Annotated[tuple[Move, ...], BeforeValidator(_tupled)] = Field(
        (), max_length=MAX_MOVES, description="Progression arrows."
    )

    _source: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check_semantics(self, info: ValidationInfo) -> SkillsMap:
        if info.context and info.context.get("skip_semantics"):
            return self
        errors = [i for i in semantic_issues(self) if i.severity == "error"]
        if errors:
            raise ValueError("; ".join(f"{loc_text(i.loc)}: {i.message}" for i in errors))
        return self

    def role(self, role_id: str) -> Role:
        for r in self.roles:
            if r.id == role_id:
                return r
        raise KeyError(role_id)


@dataclass(frozen=True, slots=True)
class Issue:
    """A rule broken somewhere in a map; ``loc`` is the path to the offending value."""

    severity: Severity
    loc: Loc
    message: str


def loc_text(loc: Loc) -> str:
    """``roles[3].track`` for ``("roles", 3, "track")``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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
    reference to them is not reported twice.
    """
    if m is not None:
        axes, tracks = m.axes, m.tracks
        levels = list(enumerate(m.levels))
        roles = list(enumerate(m.roles))
        moves = list(enumerate(m.moves))
    issues: list[Issue] = []

    def err(loc: Loc, message: str) -> None:
        issues.append(Issue("error", loc, message))

    def warn(loc: Loc, message: str) -> None:
        issues.append(Issue("warning", loc, message))

    if axes is not None:
        for name, axis in (("soft", axes.soft), ("hard", axes.hard)):
            if axis.min >= axis.max:
                err(
                    ("axes", name, "max"),
                    f"max ({axis.max:g}) must be greater than min ({axis.min:g})",
                )

    level_by_id: dict[str, tuple[int, Level]] = {}
    for i, level in levels:
        if level.id in level_by_id:
            first = level_by_id[level.id][0]
            err(
                ("levels", i, "id"),
                f"duplicate level id '{level.id}' (first used by levels[{first}])",
            )
        else:
            level_by_id[level.id] = (i, level)
    boxed = [(i, lv) for i, lv in level_by_id.values() if _field(lv, "box") is not None]
    for i, level in boxed:
        assert level.box is not None
        for name, (lo, hi) in (("soft", level.box.soft), ("hard", level.box.hard)):
            if lo >= hi:
                err(
                    ("levels", i, "box", name),
                    f"box {name} range [{lo:g}, {hi:g}] is empty or reversed",
                )
            elif axes is not None:
                axis = axes.soft if name == "soft" else axes.hard
                if lo < axis.min or hi > axis.max:
                    err(
                        ("levels", i, "box", name),
                        f"box {name} range [{lo:g}, {hi:g}] leaves the axis range "
                        f"[{axis.min:g}, {axis.max:g}]",
                    )
    for a, (_, earlier) in enumerate(boxed):
        for j, second in boxed[a + 1 :]:
            assert earlier.box is not None and second.box is not None
            if _ranges_overlap(earlier.box.soft, second.box.soft) and _ranges_overlap(
                earlier.box.hard, second.box.hard
            ):
                err(
                    ("levels", j, "box"),
                    f"box of level '{second.id}' overlaps the box of level '{earlier.id}'",
                )

    level_ids = set(level_by_id) | set(known_levels)
    budget = Budget()
    track_hint = Suggester(tracks or (), budget)
    level_hint = Suggester(level_ids, budget)
    role_by_id: dict[str, tuple[int, Role]] = {}
    for i, role in roles:
        if role.id in role_by_id:
            first = role_by_id[role.id][0]
            err(("roles", i, "id"), f"duplicate role id '{role.id}' (first used by roles[{first}])")
            continue
        role_by_id[role.id] = (i, role)
        track, level = _field(role, "track"), _field(role, "level")
        if tracks is not None and track is not None and track not in tracks:
            err(("roles", i, "track"), f"unknown track '{track}'" + track_hint(track))
        if level is not None and level not in level_ids:
            err(("roles", i, "level"), f"unknown level '{level}'" + level_hint(level))
        box = _field(level_by_id[level][1], "box") if level in level_by_id else None
        for name in ("soft", "hard"):
            value = _field(role, name)
            if value is None:
                continue
            on: Axis | None = None
            if axes is not None:
                on = axes.soft if name == "soft" else axes.hard
            if on is not None and on.min < on.max and not on.min <= value <= on.max:
                err(
                    ("roles", i, name),
                    f"{name} = {value:g} is outside the {name} axis [{on.min:g}, {on.max:g}]",
                )
            elif box is not None:
                lo, hi = box.soft if name == "soft" else box.hard
                if lo < hi and not lo <= value <= hi:
                    err(
                        ("roles", i, name),
                        f"{name} = {value:g} is outside the box of level '{level}' "
                        f"({name} [{lo:g}, {hi:g}])",
                    )

    role_ids = set(role_by_id) | set(known_roles)
    role_hint = Suggester(role_ids, budget)
    seen_moves: dict[tuple[str, str], int] = {}
    for i, move in moves:
        src_id, dst_id = _field(move, "from_"), _field(move, "to")
        for field_name, ref in (("from", src_id), ("to", dst_id)):
            if ref is not None and ref not in role_ids:
                err(("moves", i, field_name), f"unknown role '{ref}'" + role_hint(ref))
        if src_id is None or dst_id is None:
            continue
        if src_id == dst_id:
            err(("moves", i, "to"), f"a move cannot go from '{src_id}' to itself")
            continue
        if (src_id, dst_id) in seen_moves:
            first = seen_moves[(src_id, dst_id)]
            err(
                ("moves", i),
                f"move '{src_id}' -> '{dst_id}' is listed twice (first as moves[{first}])",
            )
            continue
        seen_moves[(src_id, dst_id)] = i
        if src_id not in role_by_id or dst_id not in role_by_id:
            continue
        src, dst = role_by_id[src_id][1], role_by_id[dst_id][1]
        kind = _field(move, "kind")
        src_level, dst_level = _field(src, "level"), _field(dst, "level")
        if kind == "lateral" and src_level != dst_level:
            warn(
                ("moves", i, "kind"),
                "lateral move between different levels "
                f"({_level_name(src_level)} -> {_level_name(dst_level)})",
            )
        src_hard, dst_hard = _field(src, "hard"), _field(dst, "hard")
        if (
            kind == "downward"
            and src_hard is not None
            and dst_hard is not None
            and dst_hard > src_hard
        ):
            warn(
                ("moves", i, "kind"),
                f"downward move goes up (hard {src_hard:g} -> {dst_hard:g})",
            )
    return issues


def _level_name(level: str | None) -> str:
    return f"'{level}'" if level is not None else "no level"


def _field(item: BaseModel, name: str) -> Any:
    """A field of a possibly partial item (built from only its valid fields), or None."""
    return getattr(item, name, None)


def _ranges_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
