"""Spec files in, validated :class:`SkillsMap` out, with every mistake located in the YAML.

This is the only module that knows about YAML documents. It reads bytes (bounded), parses them
with :mod:`skillsmap.yamlsource`, validates with pydantic, runs the map-wide rules, and turns
each problem into a ``PATH:LINE:COL`` diagnostic with a message written for people.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, ValidationError

from skillsmap.colors import parse_color
from skillsmap.diagnostics import Diagnostic, Mark, SpecError, loc_text, sort_diagnostics
from skillsmap.model import (
    MAX_LEVELS,
    MAX_MOVES,
    MAX_ROLES,
    Axes,
    Level,
    Loc,
    Move,
    Role,
    SkillsMap,
    Track,
)
from skillsmap.rules import Issue, semantic_issues
from skillsmap.yamlsource import MAX_BYTES, Document, parse, type_name

if TYPE_CHECKING:
    from skillsmap.hints import Hints


class Source(NamedTuple):
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
        # explaining errors needs the wording tables and hints: loaded only when there are some
        from skillsmap.hints import Hints, suggested_keys

        errors = exc.errors(include_url=False)
        hints = Hints()
        suggested = suggested_keys(errors, hints)
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


# -- pydantic errors, located ----------------------------------------------------------------


def _diagnostic(path: str, doc: Document, error: Any, hints: Hints) -> Diagnostic:
    from skillsmap.explain import explain

    return Diagnostic(path, _error_mark(doc, error), "error", explain(error, doc, hints))


def _error_mark(doc: Document, error: Any) -> Mark:
    """Where a pydantic error is shown: the value, or the key for key errors.

    A missing key is shown at the key of the mapping that lacks it (``ic:`` for
    ``tracks.ic``), or at the mapping itself when it has no key (a list item, the document).
    """
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    if kind == "missing":
        parent = loc[:-1]
        return doc.mark(parent) if isinstance(loc[-1], int) else doc.key_mark(parent)
    if kind == "extra_forbidden":
        return doc.key_mark(loc)
    if loc and loc[-1] == "[key]":
        return doc.key_mark(loc[:-1])
    return doc.mark(loc)
