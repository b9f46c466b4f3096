"""Pydantic validation errors, explained in plain words for the people who wrote the spec.

:func:`explain` turns one error into the message of a diagnostic, path first
(``roles[0].soft: expected a number, got text 'x'``). Each pydantic error type has a small
function in :data:`_EXPLAINERS`; the YAML document is consulted only for how a value was
written (``no``, ``1e3``, quotes), never for where: locating is the spec reader's job.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from skillsmap.diagnostics import loc_text
from skillsmap.hints import Hints, keys_of, model_at
from skillsmap.model import MAX_LEVELS, MAX_MOVES, MAX_ROLES, MAX_TRACKS, THEMES, Loc
from skillsmap.yamlsource import Document, type_name

YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}
ID_RULE = "use only letters, digits, '-' and '_'"
_THEME_LIST = f"{', '.join(THEMES[:-1])} or {THEMES[-1]}"
_LIST_LIMITS = {"roles": MAX_ROLES, "moves": MAX_MOVES, "levels": MAX_LEVELS, "tracks": MAX_TRACKS}


@dataclass(frozen=True, slots=True)
class _Problem:
    """One pydantic error with what its explanation may consult."""

    kind: str
    loc: Loc
    value: Any
    ctx: Mapping[str, Any]
    doc: Document
    hints: Hints

    @property
    def field(self) -> str:
        return str(self.loc[-1]) if self.loc else ""

    def got(self) -> str:
        return describe(self.value, self.doc, self.loc)


def explain(error: Mapping[str, Any], doc: Document, hints: Hints) -> str:
    """The plain message for one pydantic error (``include_url=False`` form), path first."""
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    p = _Problem(kind, loc, error.get("input"), error.get("ctx") or {}, doc, hints)
    if kind == "missing":
        return _missing(p)
    if kind == "extra_forbidden":
        return _unknown_key(p)
    if loc and loc[-1] == "[key]":
        return _bad_key(_Problem(kind, loc[:-1], p.value, p.ctx, doc, hints))
    return f"{loc_text(loc)}: {_message(p)}"


def _prefix(loc: Loc) -> str:
    return f"{loc_text(loc)}: " if loc else ""


def _missing(p: _Problem) -> str:
    parent, key = p.loc[:-1], p.loc[-1]
    if isinstance(key, int):  # a [low, high] pair given too few values
        given = len(p.value) if isinstance(p.value, list | tuple) else key
        return f"{loc_text(parent)}: {pair_message(given)}"
    return f"{_prefix(parent)}missing required key '{key}'"


def _unknown_key(p: _Problem) -> str:
    parent, key = p.loc[:-1], str(p.loc[-1])
    cls = model_at(parent)
    hint = p.hints.key(key, cls) if cls else ""
    if not hint and cls is not None:
        hint = f" (expected one of: {', '.join(keys_of(cls))})"
    return f"{_prefix(parent)}unknown key '{key}'{hint}"


def _bad_key(p: _Problem) -> str:
    """A mapping key that is not allowed; ``p.loc`` is the path of the key's value."""
    where, key = loc_text(p.loc[:-1]), str(p.loc[-1])
    if p.kind == "string_pattern_mismatch" or (key == "" and p.loc[0] == "tracks"):
        return f"{where}: invalid id '{key}': {ID_RULE}"
    if p.kind == "string_too_short":
        return f"{where}: a key must not be empty"
    return f"{where}: key {describe(key)}: {_message(p)}"


def _message(p: _Problem) -> str:
    explainer = _EXPLAINERS.get(p.kind)
    return explainer(p) if explainer else p.kind.replace("_", " ")


def _not_text(p: _Problem) -> str:
    if p.value is None and p.doc.raw.get(p.loc) == "":
        return "must not be empty"  # the words for "", so `key:` and `key: ""` read alike
    return f"expected text, got {p.got()}{_yaml11_hint(p.doc, p.loc, p.value)}"


def _not_number(p: _Problem) -> str:
    if isinstance(p.value, int) and not isinstance(p.value, bool):
        digits = str(abs(p.value))
        return f"the number {digits[:6]}... ({len(digits)} digits) is too large"
    return f"expected a number, got {p.got()}{_number_hint(p.doc, p.loc, p.value)}"


def _not_mapping(p: _Problem) -> str:
    return f"expected a mapping (key: value), got {p.got()}"


def _not_list(p: _Problem) -> str:
    return f"expected a list, got {p.got()}"


def _invalid_id(p: _Problem) -> str:
    return f"invalid id '{p.value}': {ID_RULE}"


def _empty(p: _Problem) -> str:
    return "must not be empty"


def _text_too_long(p: _Problem) -> str:
    return f"is longer than {p.ctx.get('max_length')} characters"


def _too_few(p: _Problem) -> str:
    if p.field == "tracks":
        return "needs at least one track"
    if p.field == "roles":
        return "needs at least one role"
    return f"expected {p.ctx.get('min_length')} values, got {p.ctx.get('actual_length')}"


def _too_many(p: _Problem) -> str:
    if p.loc[-2:-1] == ("box",):
        return pair_message(int(p.ctx.get("actual_length") or 0))
    if p.field in _LIST_LIMITS and len(p.loc) == 1:
        # pydantic gives no actual_length for a mapping (tracks)
        count = p.ctx.get("actual_length") or len(p.value)
        return f"{count:,} {p.field} is more than the limit of {_LIST_LIMITS[p.field]:,}"
    return f"expected {p.ctx.get('max_length')} values, got {p.ctx.get('actual_length')}"


def _not_allowed(p: _Problem) -> str:
    """A value outside a fixed vocabulary (``Literal``): version, move kind, theme."""
    if p.field == "version":
        return _bad_version(p)
    if p.field == "kind" and isinstance(p.value, str):
        hint = p.hints.kind(p.value)
        return f"unknown move kind '{p.value}'{hint}; use promotion, lateral or downward"
    if p.field == "theme" and len(p.loc) == 1:
        if isinstance(p.value, str):
            return f"unknown theme '{p.value}'{p.hints.theme(p.value)}; use {_THEME_LIST}"
        return f"expected a theme name ({_THEME_LIST}), got {p.got()}"
    return f"expected one of {p.ctx.get('expected')}, got {p.got()}"


def _bad_version(p: _Problem) -> str:
    value = p.value
    if isinstance(value, str) and value.strip() == "1":
        return f"expected the number 1, got text '{value}'; write version: 1 without quotes"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"unsupported spec version {value:g}; this skillsmap reads version 1"
    return f"expected version 1, got {p.got()}"


def _invalid_value(p: _Problem) -> str:
    """A value our own validators refused (booleans for version, non-finite numbers, colours)."""
    value = p.value
    if p.field == "version" and isinstance(value, bool):
        return f"expected version 1, got {describe(value)}{_number_hint(p.doc, p.loc, value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number, got {p.doc.raw.get(p.loc, repr(value))}"
    if p.field == "color" and isinstance(value, str):
        hint = p.hints.colour(value)
        return f"invalid colour '{value}'{hint}; use #rgb, #rrggbb or a CSS colour name"
    return str(p.ctx.get("error", "")) or "invalid value"


_EXPLAINERS: dict[str, Callable[[_Problem], str]] = {
    "string_type": _not_text,
    "float_type": _not_number,
    "int_type": _not_number,
    "float_parsing": _not_number,
    "dict_type": _not_mapping,
    "model_type": _not_mapping,
    "model_attributes_type": _not_mapping,
    "tuple_type": _not_list,
    "list_type": _not_list,
    "string_pattern_mismatch": _invalid_id,
    "string_too_short": _empty,
    "string_too_long": _text_too_long,
    "too_short": _too_few,
    "too_long": _too_many,
    "literal_error": _not_allowed,
    "value_error": _invalid_value,
}


def pair_message(given: int) -> str:
    """Why a ``[low, high]`` range with ``given`` values is refused."""
    return f"expected 2 numbers [low, high], got {given} value{'s' if given != 1 else ''}"


def describe(value: Any, doc: Document | None = None, loc: Loc = ()) -> str:
    """How a message names a value it refused: ``text 'abc'``, ``number 3``, ``an empty value``."""
    if value is None and doc is not None and doc.raw.get(loc) == "":
        return "an empty value"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text '{shown}'"
    return type_name(value)


def _number_hint(doc: Document, loc: Loc, value: Any) -> str:
    """Why a value that looks like a number to people is not one to YAML."""
    raw = doc.raw.get(loc)
    if isinstance(value, bool) and raw is not None and raw.lower() not in ("true", "false"):
        return f" (YAML reads unquoted {raw} as {str(value).lower()})"
    if not isinstance(value, str):
        return ""
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return ""
    if not math.isfinite(number):
        return ""
    mark = doc.mark(loc)
    if doc.line(mark.line)[mark.col - 1 : mark.col] in ("'", '"'):
        return "; remove the quotes"
    if "," in value:
        return "; use a decimal point, not a comma"
    return f"; YAML reads {value} as text: write it with a decimal point, such as {number!r}"


def _yaml11_hint(doc: Document, loc: Loc, value: Any) -> str:
    """Why a value people meant as text is not text to YAML 1.1 (``no``, ``1e3``)."""
    raw = doc.raw.get(loc)
    if raw is None:
        return ""
    if isinstance(value, bool) or (value is None and raw.lower() in YAML11_WORDS):
        return f'; YAML reads unquoted {raw} as {type_name(value)}: write "{raw}" in quotes'
    if isinstance(value, int | float):
        return f'; write "{raw}" in quotes to keep it as text'
    return ""
