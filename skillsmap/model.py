"""The typed, frozen model of a skills map (spec format v1) and its vocabulary.

Pydantic checks each value's shape here; :mod:`skillsmap.rules` checks what needs the whole map
(references, duplicates, ranges, boxes). The spec reader runs both and locates every issue in
the YAML; building a :class:`SkillsMap` in Python runs both too and raises on any error.
Coordinates are in axis units.
"""

from __future__ import annotations

import math
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
from skillsmap.diagnostics import loc_text

MAX_ROLES = 2000
MAX_MOVES = 5000
# Far more than any career framework needs; they bound the map-wide checks, which compare
# levels (boxes) pairwise and every track with every role. A track per role at most.
MAX_LEVELS = 200
MAX_TRACKS = MAX_ROLES
MAX_TEXT = 1000
ID_PATTERN = r"^[A-Za-z0-9_-]+$"
URL_SCHEMES = ("http", "https", "mailto")
MoveKind = Literal["promotion", "lateral", "downward"]
MOVE_KINDS: tuple[str, ...] = get_args(MoveKind)
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
    kind: MoveKind = Field(
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
        from skillsmap.rules import semantic_issues  # the rules read these models

        errors = [i for i in semantic_issues(self) if i.severity == "error"]
        if errors:
            raise ValueError("; ".join(f"{loc_text(i.loc)}: {i.message}" for i in errors))
        return self

    def role(self, role_id: str) -> Role:
        for r in self.roles:
            if r.id == role_id:
                return r
        raise KeyError(role_id)
