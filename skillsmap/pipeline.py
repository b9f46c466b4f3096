"""Build a map once, encode it to any registered format: the in-memory half of rendering.

:func:`build` reads a spec (or takes a :class:`SkillsMap`), resolves the theme, lays the map
out and collects every warning worth showing; :func:`encode` turns the result into the bytes
of one format. Nothing here touches a file. Sizes are CSS px (96 dpi is 1x).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from skillsmap.conflicts import order_conflicts
from skillsmap.diagnostics import Diagnostic, Mark, SpecError, sort_diagnostics
from skillsmap.fonts import FontError, missing_glyphs, using
from skillsmap.layout import Layout, layout
from skillsmap.model import Loc, SkillsMap
from skillsmap.outputs import Options, get
from skillsmap.outputs.images import PX_PER_INCH
from skillsmap.scene import Scene, fit
from skillsmap.spec import load, source_of
from skillsmap.theme import THEMES, Theme
from skillsmap.words import box_grown, label_in_legend_warning, moved_far

DEFAULT_THEME = "light"

MapSource = SkillsMap | str | os.PathLike[str]


class BuildError(ValueError):
    """A map that cannot be built or encoded as asked (unknown theme, conflicting options)."""


@dataclass(frozen=True, slots=True)
class Built:
    """A laid-out map: the model, its layout, the scene to draw and the warnings to show.

    ``scene`` is the layout's scene, fitted to ``size`` (W x H px) when one was asked for;
    ``fonts`` are the font files it was measured with after DejaVu Sans (encoded with them too).
    """

    model: SkillsMap
    layout: Layout
    theme: Theme
    scene: Scene
    size: tuple[int, int] | None
    warnings: tuple[Diagnostic, ...]
    fonts: tuple[str, ...] = ()


def load_source(source: MapSource) -> SkillsMap:
    """The map behind ``source``: a path (``-`` is standard input) is read and validated."""
    return source if isinstance(source, SkillsMap) else load(source)


def resolve_theme(theme: str | Theme | None, m: SkillsMap) -> Theme:
    """``theme`` (a name or a :class:`Theme`), else the spec's own theme, else light.

    An unknown ``theme`` argument is a :class:`BuildError`; an unknown theme named by the spec
    is a :class:`SpecError` located at its ``theme`` key.
    """
    if isinstance(theme, Theme):
        return theme
    name = theme or m.theme or DEFAULT_THEME
    found = THEMES.get(name)
    if found is not None:
        return found
    message = f"unknown theme '{name}' (available: {', '.join(sorted(THEMES))})"
    src = source_of(m)
    if theme or src is None:
        raise BuildError(message)
    raise SpecError(
        [Diagnostic(src.path, src.document.mark(("theme",)), "error", f"theme: {message}")]
    )


def build(
    source: MapSource,
    *,
    theme: str | Theme | None = None,
    size: tuple[int, int] | None = None,
    fonts: Sequence[str | os.PathLike[str]] = (),
) -> Built:
    """Load and lay out ``source`` once; :func:`encode` the result to as many formats as needed.

    ``fonts`` are font files tried, in order, for characters DejaVu Sans lacks (before the
    fonts fontconfig finds). Raises :class:`~skillsmap.SpecError` for an invalid spec (or one
    naming a theme this version lacks), :class:`BuildError` for an unknown ``theme`` argument
    or a file in ``fonts`` that is not a font.
    """
    m = load_source(source)
    chosen = resolve_theme(theme, m)
    try:
        with using(fonts) as chain:
            # laid out for the canvas, then fitted exactly (a map too big for it is letterboxed)
            laid = layout(m, chosen) if size is None else layout(m, chosen, size=size)
            found = tuple(warnings_of(m, laid))
    except FontError as exc:
        raise BuildError(str(exc)) from None
    scene = laid.scene if size is None else fit(laid.scene, *size)
    return Built(m, laid, chosen, scene, size, found, tuple(f.path for f in chain))


def encode(
    built: Built,
    fmt: str,
    *,
    dpi: float | None = None,
    id_prefix: str = "",
    text_to_path: bool = False,
) -> bytes:
    """The bytes of ``built`` in the registered format ``fmt``.

    ``dpi`` is the PNG density (default 192, 2x); a map built with a ``size`` is drawn at
    exactly that many pixels, so giving both is a :class:`BuildError`.
    """
    output = get(fmt)
    if built.size is not None and dpi is not None:
        raise BuildError("size and dpi both set the PNG's pixels; give one or the other")
    density = PX_PER_INCH if built.size is not None else dpi
    subject = {"model": built.model, "scene": built.scene, "built": built}[output.needs]
    with using(built.fonts):
        return output.encode(subject, Options(density, id_prefix, text_to_path))


def warnings_of(m: SkillsMap, laid: Layout) -> list[Diagnostic]:
    """Every warning a render shows: the spec's own, then the layout's, sorted by place."""
    src = source_of(m)
    spec_warnings = list(src.warnings) if src else []
    return sort_diagnostics([*spec_warnings, *map_warnings(m, laid)])


def _drawn_texts(m: SkillsMap) -> Iterator[tuple[Loc, str, str]]:
    """Every user text the map draws: (path in the spec, what to call it, the text)."""
    yield ("title",), "title", m.title
    if m.subtitle:
        yield ("subtitle",), "subtitle", m.subtitle
    for name, axis in (("soft", m.axes.soft), ("hard", m.axes.hard)):
        yield ("axes", name, "label"), f"axes.{name}.label", axis.label
    for tid, track in m.tracks.items():
        yield ("tracks", tid, "label"), f"track '{tid}'", track.label
    for i, level in enumerate(m.levels):
        yield ("levels", i, "label"), f"level '{level.id}'", level.text
    for i, role in enumerate(m.roles):
        yield ("roles", i, "title"), f"role '{role.id}'", role.title
    for i, mv in enumerate(m.moves):
        if mv.label:
            yield ("moves", i, "label"), f"move '{mv.from_}' -> '{mv.to}'", mv.label
    if m.note:
        yield ("note",), "note", m.note


def _char_name(ch: str) -> str:
    """``'x' (U+0078)``, or only the code point for a character that would not print."""
    return f"'{ch}' (U+{ord(ch):04X})" if ch.isprintable() else f"U+{ord(ch):04X}"


def map_warnings(m: SkillsMap, laid: Layout) -> list[Diagnostic]:
    """Layout warnings (cards moved far, orders the levels break, labels moved to the legend,
    glyphs no font has), located in the spec.

    A missing glyph is reported for every drawn text (title, subtitle, note, axis, track,
    level and move labels, role titles) at that text's place in the spec; tooltip-only text
    (descriptions, aliases) is shown by the viewer with its own fonts and is not checked.
    """
    return sort_diagnostics(
        [
            *_displacement_warnings(m, laid),
            *_order_warnings(m, laid),
            *_label_warnings(m, laid),
            *_glyph_warnings(m),
        ]
    )


def _displacement_warnings(m: SkillsMap, laid: Layout) -> Iterator[Diagnostic]:
    src = source_of(m)
    path = src.path if src else "<map>"
    for d in laid.displaced:
        mark: Mark | None = src.role_mark(d.role_id) if src else None
        message = moved_far(d.role_id, d.distance, d.direction, d.avoided)
        yield Diagnostic(path, mark, "warning", message)
    index = {lv.id: i for i, lv in enumerate(m.levels)}
    for g in laid.grown:
        mark = src.document.mark(("levels", index[g.level_id], "box")) if src else None
        yield Diagnostic(path, mark, "warning", box_grown(g.level_id, g.wider, g.taller))


def _order_warnings(m: SkillsMap, laid: Layout) -> Iterator[Diagnostic]:
    src = source_of(m)
    path = src.path if src else "<map>"
    for role_id, message in order_conflicts(m, laid.plan):
        yield Diagnostic(path, src.role_mark(role_id) if src else None, "warning", message)


def _label_warnings(m: SkillsMap, laid: Layout) -> Iterator[Diagnostic]:
    """A label with no room beside its arrow is listed in the legend: said at its ``label:``."""
    src = source_of(m)
    path = src.path if src else "<map>"
    for ll in laid.labels_in_legend:
        mark = src.document.mark(("moves", ll.move, "label")) if src else None
        yield Diagnostic(path, mark, "warning", label_in_legend_warning(ll.from_, ll.to))


def _glyph_warnings(m: SkillsMap) -> Iterator[Diagnostic]:
    from skillsmap.backends.base import xml_text  # the backends package loads svgwrite

    src = source_of(m)
    path = src.path if src else "<map>"
    for loc, what, text in _drawn_texts(m):
        # XML-illegal characters are dropped by every backend: never drawn, nothing to warn.
        missing = missing_glyphs(xml_text(text))
        if not missing:
            continue
        shown = ", ".join(_char_name(c) for c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        yield Diagnostic(
            path,
            src.document.mark(loc) if src else None,
            "warning",
            f"{what}: no font has a glyph for {shown}{more}; PNG and PDF show a placeholder box "
            "(give a font that has it with --font)",
        )


__all__ = [
    "DEFAULT_THEME",
    "BuildError",
    "Built",
    "MapSource",
    "build",
    "encode",
    "load_source",
    "map_warnings",
    "resolve_theme",
    "warnings_of",
]
