"""Spec files in, validated :class:`SkillsMap` out, with every mistake located in the YAML.

This is the only module that knows about YAML documents. It reads bytes (bounded), parses them
with :mod:`skillsmap.yamlsource`, validates with pydantic, runs the map-wide rules, and turns
each problem into a ``PATH:LINE:COL`` diagnostic with a message written for people.
"""

from __future__ import annotations

import math
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from skillsmap.colors import CSS_COLORS, parse_color
from skillsmap.diagnostics import (
    Budget,
    Diagnostic,
    Mark,
    SpecError,
    Suggester,
    loc_text,
    sort_diagnostics,
)
from skillsmap.model import (
    MAX_LEVELS,
    MAX_MOVES,
    MAX_ROLES,
    MAX_TRACKS,
    MOVE_KINDS,
    THEMES,
    Axes,
    Box,
    HardAxis,
    Level,
    Loc,
    Move,
    Role,
    SkillsMap,
    SoftAxis,
    Track,
)
from skillsmap.rules import Issue, semantic_issues
from skillsmap.yamlsource import MAX_BYTES, Document, parse, type_name

YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a loaded map came from: lets later stages (layout) locate their warnings."""

    path: str
    document: Document
    warnings: tuple[Diagnostic, ...]

    def role_mark(self, role_id: str) -> Mark:
        data = self.document.data
        roles = data.get("roles") if isinstance(data, dict) else None
        for i, role in enumerate(roles if isinstance(roles, list) else []):
            if isinstance(role, dict) and role.get("id") == role_id:
                return self.document.mark(("roles", i))
        return Mark(1, 1)


def source_of(m: SkillsMap) -> Source | None:
    """The :class:`Source` of a map read from a file (None for maps built in Python)."""
    src = m._source
    return src if isinstance(src, Source) else None


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-`` is standard input), refusing files over the size limit."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            info = os.stat(path)
            if stat.S_ISDIR(info.st_mode):
                raise _file_error(path, "is a directory, not a spec file")
            if info.st_size > MAX_BYTES:
                raise _too_big(path, info.st_size, exact=True)
            with open(path, "rb") as f:
                data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _file_error(path, "no such file") from None
    except PermissionError:
        raise _file_error(path, "permission denied") from None
    except OSError as exc:
        raise _file_error(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _too_big(path, len(data), exact=False)
    return data


def _file_error(path: str, message: str) -> SpecError:
    return SpecError([Diagnostic(path, None, "error", message)])


def _too_big(path: str, size: int, *, exact: bool) -> SpecError:
    """``exact``: ``size`` is the file's size; otherwise reading stopped past the limit."""
    what = f"is {size:,} bytes" if exact else f"is larger than {MAX_BYTES:,} bytes"
    return SpecError(
        [
            Diagnostic(
                path,
                Mark(1, 1),
                "error",
                f"the file {what}; specs are limited to {MAX_BYTES:,} bytes "
                f"({MAX_BYTES // 2**20} MiB)",
            )
        ]
    )


def load(path: str | os.PathLike[str]) -> SkillsMap:
    """Read and validate a spec file; raise :class:`SpecError` listing every problem."""
    name = os.fspath(path)
    return loads(read_bytes(name), name)


def loads(text: str | bytes, path: str = "<string>") -> SkillsMap:
    """Validate a spec given as text; ``path`` is only used to label diagnostics."""
    # A lone surrogate cannot be UTF-8: kept as bytes, it is reported as invalid UTF-8, located.
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    doc = parse(path, data)
    model, diagnostics = _validate(path, doc)
    if model is None:
        raise SpecError(diagnostics)
    model._source = Source(path, doc, tuple(diagnostics))
    return model


def read(path: str | os.PathLike[str]) -> tuple[SkillsMap | None, list[Diagnostic]]:
    """The map (None if invalid) and every diagnostic for a spec file; never raises SpecError."""
    try:
        m = load(path)
    except SpecError as exc:
        return None, exc.diagnostics
    src = source_of(m)
    return m, list(src.warnings) if src else []


def check(path: str | os.PathLike[str]) -> list[Diagnostic]:
    """Every diagnostic for a spec file (errors and warnings), never raising for bad input."""
    return read(path)[1]


# -- validation -------------------------------------------------------------------------------


def _validate(path: str, doc: Document) -> tuple[SkillsMap | None, list[Diagnostic]]:
    data = doc.data
    if not isinstance(data, dict):
        what = "empty" if data is None else f"{type_name(data)}, not a mapping"
        return None, [
            Diagnostic(
                path,
                doc.mark(()),
                "error",
                f"the spec is {what}; it must be a mapping with at least "
                "'title', 'tracks', 'levels' and 'roles'",
            )
        ]
    diagnostics: list[Diagnostic] = []
    model: SkillsMap | None = None
    try:
        model = SkillsMap.model_validate(data, context={"skip_semantics": True})
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        hints = _Hints()
        suggested = _suggested_keys(errors, hints)
        for error in errors:
            if _redundant(error, suggested):
                continue
            diagnostics.append(_diagnostic(path, doc, error, hints))
    diagnostics += _commented_colours(path, doc)
    issues = semantic_issues(model) if model is not None else _partial_issues(data)
    for issue in issues:
        mark = doc.mark(issue.loc)
        diagnostics.append(
            Diagnostic(path, mark, issue.severity, f"{loc_text(issue.loc)}: {issue.message}")
        )
    diagnostics = sort_diagnostics(diagnostics)
    if any(d.severity == "error" for d in diagnostics):
        return None, diagnostics
    return model, diagnostics


def _suggested_keys(errors: list[Any], hints: _Hints) -> set[Loc]:
    """Paths of missing keys that an unknown key nearby already names ("did you mean")."""
    out: set[Loc] = set()
    for error in errors:
        if error["type"] == "extra_forbidden" and error["loc"]:
            parent = tuple(error["loc"][:-1])
            cls = _model_at(parent)
            hint = hints.key(str(error["loc"][-1]), cls) if cls else ""
            if hint:
                out.add((*parent, hint.split("'")[1]))
    return out


def _redundant(error: Any, suggested: set[Loc]) -> bool:
    """True for errors that only echo another one.

    pydantic reports a list whose items all failed as too short ("at least 1 item after
    validation"), and a missing key that the user wrote misspelt is already reported as the
    unknown key with a "did you mean".
    """
    loc, value = tuple(error["loc"]), error.get("input")
    if error["type"] == "too_short" and isinstance(value, list | tuple | dict):
        return len(value) >= int((error.get("ctx") or {}).get("min_length", 0))
    return error["type"] == "missing" and loc in suggested


def _commented_colours(path: str, doc: Document) -> list[Diagnostic]:
    """``color: #D55E00`` unquoted is an empty value and a comment: say so, or it goes unseen."""
    tracks = doc.data.get("tracks") if isinstance(doc.data, dict) else None
    out: list[Diagnostic] = []
    for track_id, track in tracks.items() if isinstance(tracks, dict) else ():
        loc: Loc = ("tracks", track_id, "color")
        if not isinstance(track, dict) or track.get("color", 0) is not None:
            continue
        if doc.raw.get(loc) != "":
            continue
        mark = doc.mark(loc)
        rest = doc.line(mark.line)[mark.col - 1 :].strip()
        word = rest.split()[0].rstrip(",}") if rest.startswith("#") else ""
        if word and parse_color(word) is not None:
            out.append(
                Diagnostic(
                    path,
                    Mark(mark.line, mark.col + doc.line(mark.line)[mark.col - 1 :].index("#")),
                    "error",
                    f"{loc_text(loc)}: {word} is read as a comment, so no colour is set; "
                    f'write it in quotes: color: "{word}"',
                )
            )
    return out


def _partial_issues(data: dict[str, Any]) -> list[Issue]:
    """Map-wide rules over a broken spec, using every field that is valid on its own."""
    axes = _lenient(Axes, data.get("axes", {}))
    raw_tracks = data.get("tracks")
    tracks = (
        {str(k): Track.model_construct(label=str(k)) for k in raw_tracks}
        if isinstance(raw_tracks, dict) and raw_tracks
        else None
    )
    return semantic_issues(
        axes=axes if isinstance(axes, Axes) else None,
        tracks=tracks,
        levels=_lenient_items(data, "levels", Level),
        roles=_lenient_items(data, "roles", Role),
        moves=_lenient_items(data, "moves", Move),
    )


def _lenient(cls: type[BaseModel], value: Any) -> BaseModel | None:
    """``cls`` built from the fields of ``value`` that are valid, others left unset.

    Lets one wrong field (an unknown key, a bad number) leave the item's other fields checked
    against the rest of the map, so every problem is reported in one run. Returns None when
    nothing usable remains.
    """
    if not isinstance(value, dict):
        return None
    try:
        return cls.model_validate(value)
    except ValidationError as exc:
        broken = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
    keys = {(info.alias or name): name for name, info in cls.model_fields.items()}
    kept = {k: v for k, v in value.items() if k in keys and k not in broken}
    stand_ins = {
        key: _PLACEHOLDERS[name]
        for key, name in keys.items()
        if key not in kept and cls.model_fields[name].is_required() and name in _PLACEHOLDERS
    }
    try:
        whole = cls.model_validate({**kept, **stand_ins})
    except ValidationError:
        return None
    fields = {keys[k]: getattr(whole, keys[k]) for k in kept}
    if "id" in cls.model_fields and "id" not in fields:
        return None
    return cls.model_construct(**fields)


_PLACEHOLDERS: dict[str, Any] = {
    "id": "x",
    "title": "x",
    "track": "x",
    "soft": 0.0,
    "hard": 0.0,
    "label": "x",
    "from_": "x",
    "to": "y",
}


_LIST_LIMITS = {"levels": MAX_LEVELS, "roles": MAX_ROLES, "moves": MAX_MOVES}


def _lenient_items(data: dict[str, Any], key: str, cls: type[BaseModel]) -> list[tuple[int, Any]]:
    """The usable items of list ``key``; past its limit (already an error) only the first ones,
    so that map-wide checks (levels' boxes are compared pairwise) stay fast."""
    raw = data.get(key)
    out: list[tuple[int, Any]] = []
    for i, item in enumerate(raw[: _LIST_LIMITS[key]] if isinstance(raw, list) else []):
        obj = _lenient(cls, item)
        if obj is not None:
            out.append((i, obj))
    return out


# -- pydantic errors, explained ---------------------------------------------------------------

_MODELS: dict[str, type[BaseModel]] = {
    "axes": Axes,
    "tracks": Track,
    "levels": Level,
    "roles": Role,
    "moves": Move,
}


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class whose fields live at ``loc`` in the document."""
    if not loc:
        return SkillsMap
    head = str(loc[0])
    if head == "axes":
        if len(loc) == 1:
            return Axes
        return SoftAxis if loc[1] == "soft" else HardAxis if loc[1] == "hard" else None
    if head in _MODELS and len(loc) == 2:
        return _MODELS[head]
    if head == "levels" and len(loc) == 3 and loc[2] == "box":
        return Box
    return None


def _keys_of(cls: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in cls.model_fields.items()]


class _Hints:
    """The "did you mean" suggesters of one validation run, sharing one work budget."""

    def __init__(self) -> None:
        self.budget = Budget()
        self.colour = Suggester(CSS_COLORS, self.budget)
        self.kind = Suggester(MOVE_KINDS, self.budget)
        self.theme = Suggester(THEMES, self.budget)
        self._keys: dict[type[BaseModel], Suggester] = {}

    def key(self, word: str, cls: type[BaseModel]) -> str:
        if cls not in self._keys:
            self._keys[cls] = Suggester(_keys_of(cls), self.budget)
        return self._keys[cls](word)


def _pair_message(given: int) -> str:
    return f"expected 2 numbers [low, high], got {given} value{'s' if given != 1 else ''}"


def _number_hint(doc: Document, loc: Loc, value: Any) -> str:
    """Why a value that looks like a number to people is not one to YAML."""
    raw = doc.raw.get(loc)
    if isinstance(value, bool) and raw is not None and raw.lower() not in ("true", "false"):
        return f" (YAML reads unquoted {raw} as {str(value).lower()})"
    if isinstance(value, str):
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            return ""
        if not math.isfinite(number):
            return ""
        mark = doc.mark(loc)
        quoted = doc.line(mark.line)[mark.col - 1 : mark.col] in ("'", '"')
        if quoted:
            return "; remove the quotes"
        if "," in value:
            return "; use a decimal point, not a comma"
        return f"; YAML reads {value} as text: write it with a decimal point, such as {number!r}"
    return ""


def _yaml11_hint(doc: Document, loc: Loc, value: Any) -> str:
    raw = doc.raw.get(loc)
    if raw is None:
        return ""
    if isinstance(value, bool) or (value is None and raw.lower() in YAML11_WORDS):
        return f'; YAML reads unquoted {raw} as {type_name(value)}: write "{raw}" in quotes'
    if isinstance(value, int | float):
        return f'; write "{raw}" in quotes to keep it as text'
    return ""


def _describe(value: Any, doc: Document | None = None, loc: Loc = ()) -> str:
    if value is None and doc is not None and doc.raw.get(loc) == "":
        return "an empty value"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text '{shown}'"
    return type_name(value)


_Explainer = Callable[[dict[str, Any], Document, Loc], str]


def _diagnostic(path: str, doc: Document, error: Any, hints: _Hints) -> Diagnostic:
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind == "missing":
        parent, key = loc[:-1], loc[-1]
        if isinstance(key, int):  # a [low, high] pair given too few values
            given = len(value) if isinstance(value, list | tuple) else key
            return Diagnostic(
                path, doc.mark(parent), "error", f"{loc_text(parent)}: {_pair_message(given)}"
            )
        where = f"{loc_text(parent)}: " if parent else ""
        return Diagnostic(path, doc.mark(parent), "error", f"{where}missing required key '{key}'")
    if kind == "extra_forbidden":
        parent, key = loc[:-1], str(loc[-1])
        cls = _model_at(parent)
        hint = hints.key(key, cls) if cls else ""
        if not hint and cls is not None:
            hint = f" (expected one of: {', '.join(_keys_of(cls))})"
        where = f"{loc_text(parent)}: " if parent else ""
        return Diagnostic(path, doc.key_mark(loc), "error", f"{where}unknown key '{key}'{hint}")
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        mark = doc.key_mark(loc)
        where, key = loc_text(loc[:-1]), str(loc[-1])
        if kind == "string_pattern_mismatch" or (key == "" and loc[0] == "tracks"):
            return Diagnostic(path, mark, "error", f"{where}: invalid id '{key}': {_ID_RULE}")
        if kind == "string_too_short":
            return Diagnostic(path, mark, "error", f"{where}: a key must not be empty")
        message = _message(kind, value, ctx, doc, loc, hints)
        return Diagnostic(path, mark, "error", f"{where}: key {_describe(key)}: {message}")
    message = _message(kind, value, ctx, doc, loc, hints)
    return Diagnostic(path, doc.mark(loc), "error", f"{loc_text(loc)}: {message}")


_ID_RULE = "use only letters, digits, '-' and '_'"
_THEME_LIST = f"{', '.join(THEMES[:-1])} or {THEMES[-1]}"


def _theme_message(value: Any, doc: Document, loc: Loc, hints: _Hints) -> str:
    if isinstance(value, str):
        return f"unknown theme '{value}'{hints.theme(value)}; use {_THEME_LIST}"
    return f"expected a theme name ({_THEME_LIST}), got {_describe(value, doc, loc)}"


def _message(
    kind: str, value: Any, ctx: dict[str, Any], doc: Document, loc: Loc, hints: _Hints
) -> str:
    field = str(loc[-1]) if loc else ""
    if kind == "string_type":
        return f"expected text, got {_describe(value, doc, loc)}{_yaml11_hint(doc, loc, value)}"
    if kind in ("float_type", "int_type", "float_parsing"):
        if isinstance(value, int) and not isinstance(value, bool):
            digits = str(abs(value))
            return f"the number {digits[:6]}... ({len(digits)} digits) is too large"
        return f"expected a number, got {_describe(value, doc, loc)}{_number_hint(doc, loc, value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value), got {_describe(value, doc, loc)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {_describe(value, doc, loc)}"
    if kind == "string_pattern_mismatch":
        return f"invalid id '{value}': {_ID_RULE}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    if kind == "too_short":
        if field == "tracks":
            return "needs at least one track"
        if field == "roles":
            return "needs at least one role"
        return f"expected {ctx.get('min_length')} values, got {ctx.get('actual_length')}"
    if kind == "too_long":
        if loc[-2:-1] == ("box",):
            return _pair_message(int(ctx.get("actual_length") or 0))
        limits = {
            "roles": MAX_ROLES,
            "moves": MAX_MOVES,
            "levels": MAX_LEVELS,
            "tracks": MAX_TRACKS,
        }
        if field in limits and len(loc) == 1:
            # pydantic gives no actual_length for a mapping (tracks)
            count = ctx.get("actual_length") or len(value)
            return f"{count:,} {field} is more than the limit of {limits[field]:,}"
        return f"expected {ctx.get('max_length')} values, got {ctx.get('actual_length')}"
    if kind == "literal_error":
        if field == "version":
            if isinstance(value, str) and value.strip() == "1":
                return f"expected the number 1, got text '{value}'; write version: 1 without quotes"
            if isinstance(value, int | float) and not isinstance(value, bool):
                return f"unsupported spec version {value:g}; this skillsmap reads version 1"
            return f"expected version 1, got {_describe(value, doc, loc)}"
        if field == "kind" and isinstance(value, str):
            return (
                f"unknown move kind '{value}'{hints.kind(value)}; "
                "use promotion, lateral or downward"
            )
        if field == "theme" and len(loc) == 1:
            return _theme_message(value, doc, loc, hints)
        return f"expected one of {ctx.get('expected')}, got {_describe(value, doc, loc)}"
    if kind == "value_error":
        if field == "version" and isinstance(value, bool):
            return f"expected version 1, got {_describe(value)}{_number_hint(doc, loc, value)}"
        if isinstance(value, float) and not math.isfinite(value):
            shown = doc.raw.get(loc, repr(value))
            return f"expected a finite number, got {shown}"
        if field == "color" and isinstance(value, str):
            return (
                f"invalid colour '{value}'{hints.colour(value)}; "
                "use #rgb, #rrggbb or a CSS colour name"
            )
        return str(ctx.get("error", "")) or "invalid value"
    return str(kind.replace("_", " "))
