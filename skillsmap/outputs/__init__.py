"""The output registry: every format a map can be encoded to, looked up by name or extension.

An :class:`Output` names its format, the file extension it writes, what it is encoded from (the
validated model, the drawn scene, or the whole build with its plan) and the function that turns
that into bytes. Formats register themselves on import; the built-in modules are imported on
first lookup, and they import their drawing libraries only when they encode, so consulting the
registry is cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Literal, NamedTuple

Needs = Literal["model", "scene", "built"]  # "built": the whole build (model, plan, scene)

# Modules that register the built-in formats, imported on first lookup.
BUILTIN_MODULES = (
    "skillsmap.outputs.images",
    "skillsmap.outputs.json",
    "skillsmap.outputs.markdown",
    "skillsmap.outputs.html",
)


class Options(NamedTuple):
    """How to encode: PNG density in dpi (None: the format's default), SVG id prefix, outlines."""

    dpi: float | None = None
    id_prefix: str = ""
    text_to_path: bool = False


class Output(NamedTuple):
    """One format: ``encode`` turns the thing named by ``needs`` into the file's bytes."""

    name: str
    extension: str
    needs: Needs
    encode: Callable[[Any, Options], bytes]
    description: str


class UnknownFormat(ValueError):
    """A format name or file extension no output is registered for."""


class EncodeError(ValueError):
    """A map that cannot be encoded as asked (a picture too large to hold in memory)."""


_REGISTRY: dict[str, Output] = {}
_loaded = False


def register(output: Output) -> Output:
    """Add ``output`` to the registry; a name or extension already taken is a ``ValueError``."""
    for other in _REGISTRY.values():
        if output.name in (other.name, other.extension) or output.extension == other.extension:
            raise ValueError(f"format '{output.name}' clashes with registered '{other.name}'")
    _REGISTRY[output.name] = output
    return output


def _registry() -> dict[str, Output]:
    global _loaded  # noqa: PLW0603 - the built-in modules are imported once, on first use
    if not _loaded:
        _loaded = True
        for module in BUILTIN_MODULES:
            importlib.import_module(module)
    return _REGISTRY


def names() -> tuple[str, ...]:
    """Every registered format name, in registration order."""
    return tuple(_registry())


def extensions() -> tuple[str, ...]:
    """Every registered file extension (without the dot), sorted."""
    return tuple(sorted(o.extension for o in _registry().values()))


def get(name: str) -> Output:
    """The output called ``name``; :class:`UnknownFormat` lists the known ones."""
    found = _registry().get(name)
    if found is None:
        raise UnknownFormat(f"unknown format '{name}' (use {', '.join(names())})")
    return found


def by_extension(extension: str) -> Output | None:
    """The output writing ``extension`` (case-insensitive, with or without its dot), if any."""
    wanted = extension.lower().removeprefix(".")
    return next((o for o in _registry().values() if o.extension == wanted), None)


__all__ = [
    "BUILTIN_MODULES",
    "EncodeError",
    "Needs",
    "Options",
    "Output",
    "UnknownFormat",
    "by_extension",
    "extensions",
    "get",
    "names",
    "register",
]
