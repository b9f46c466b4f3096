"""Maps inside documentation tools: one rendering path shared by Sphinx, MkDocs and pre-commit.

:func:`draw` turns a spec's bytes into SVG markup ready to sit inline in an HTML page (no XML
prolog, font family and text style scoped to this one map, an optional alternative text as its
aria label); :func:`cache_key` names a rendering after everything that decides its bytes.
:func:`located` gives a diagnostic's place as ``(line, col)`` shifted by where an inline spec
starts in its page. Sizes are the SVG's own CSS px.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from skillsmap import __version__
from skillsmap.diagnostics import Diagnostic

PROLOG = re.compile(rb"\A<\?xml[^>]*\?>\s*")
LABELLED_BY = re.compile(r'aria-labelledby="[^"]*?(\S*desc)"')
FAMILY = "skillsmap-sans"


@dataclass(frozen=True, slots=True)
class Drawn:
    """One map drawn for a page: its inline SVG markup and the warnings worth showing."""

    svg: str
    warnings: tuple[Diagnostic, ...]


def page_prefix(n: int) -> str:
    """The id prefix of the ``n``-th map on a page (from 1): none for the first, ``mapN-`` for
    the others, so the maps of one page never share an id."""
    return "" if n == 1 else f"map{n}-"


def cache_key(data: bytes, options: Mapping[str, str | None]) -> str:
    """A short hex name covering the spec's bytes, every option and skillsmap's version."""
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    for name in sorted(options):
        digest.update(f"\0{name}={options[name] or ''}".encode())
    digest.update(b"\0\0")
    digest.update(data)
    return digest.hexdigest()[:16]


def draw(
    data: bytes, path: str, *, theme: str | None = None, id_prefix: str = "", alt: str = ""
) -> Drawn:
    """Render a spec's bytes (labelled ``path`` in diagnostics) to inline SVG markup.

    Raises :class:`~skillsmap.SpecError` for an invalid spec and
    :class:`~skillsmap.BuildError` (or ``ValueError`` for a bad ``id_prefix``) for options
    that cannot be honoured.
    """
    from skillsmap.pipeline import build, encode
    from skillsmap.spec import loads

    built = build(loads(data, path), theme=theme)
    svg = encode(built, "svg", id_prefix=id_prefix)
    return Drawn(
        inline(svg, cache_key(data, {"theme": theme, "id_prefix": id_prefix}), alt), built.warnings
    )


def inline(svg: bytes, key: str, alt: str = "") -> str:
    """SVG bytes as markup for an HTML page: no prolog; the embedded font family and the text
    rule renamed and scoped to this map (class ``skillsmap-<key>``), so several maps with
    different font subsets share a page; scaled down to the page's width (never up);
    ``alt``, when given, becomes the aria label."""
    text = PROLOG.sub(b"", svg).decode("utf-8")
    scope = f"skillsmap-{key}"
    text = text.replace(f"font-family:{FAMILY};", f"font-family:{scope};")
    text = text.replace(f"text{{font-family:{FAMILY},", f"svg.{scope} text{{font-family:{scope},")
    text = text.replace(
        "<svg ", f'<svg class="skillsmap {scope}" style="max-width: 100%; height: auto" ', 1
    )
    if alt:
        label = f'aria-label="{html.escape(alt, quote=True)}" aria-describedby="\\1"'
        text = LABELLED_BY.sub(label, text, count=1)
    return text


def located(d: Diagnostic, first_line: int = 1) -> tuple[int, int]:
    """A diagnostic's ``(line, col)`` in the page, for a spec whose line 1 is ``first_line``;
    ``(first_line, 1)`` for a diagnostic about the whole spec."""
    if d.mark is None:
        return first_line, 1
    return first_line + d.mark.line - 1, d.mark.col


__all__ = ["Drawn", "cache_key", "draw", "inline", "located"]
