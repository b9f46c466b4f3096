"""SVG backend: a scene becomes a self-contained, scriptable SVG document.

The document structure is public API (see the "SVG output contract" in the design notes):
groups keep their ids and classes, rects carry absolute geometry with no transforms above
them, links are vetted, and the font travels inside the file as a subset so the map looks the
same everywhere, including through ``<img>``. svgwrite builds and escapes the elements; this
module adds what it does not do: dropping XML-illegal characters, vetting hrefs, fixed
attribute spelling and byte-stable output. With ``text_to_path`` every text is drawn as the
outlines of its glyphs instead (for renderers that ignore embedded fonts, such as librsvg).
"""

from __future__ import annotations

import base64
import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from os import PathLike
from typing import Any

import svgwrite
import svgwrite.base

from skillsmap import fonts
from skillsmap.backends.base import ID_PREFIX, draw, glyph_text, num, safe_href, xml_text
from skillsmap.fonts import using as _using_fonts
from skillsmap.scene import Circle, Group, Path, Polygon, Rect, Scene, Style, Text, Weight

FONT_FAMILY = "skillsmap-sans"
_CSS_WEIGHT: dict[Weight, int] = {"regular": 400, "bold": 700}
# Text the XML parser would otherwise collapse (runs of spaces, edge spaces, tabs, newlines);
# it would then no longer match the width the layout measured.
_NEEDS_PRESERVE = re.compile(r"^ | $|  |[\t\n\r]")


def render_svg(
    scene: Scene,
    *,
    id_prefix: str = "",
    text_to_path: bool = False,
    fonts: Sequence[str | PathLike[str]] = (),
) -> bytes:
    """The UTF-8 SVG document for ``scene``; the same scene always gives the same bytes.

    ``id_prefix`` is put in front of every id (and of same-document ``#`` links to them) so
    several maps can be inlined into one HTML page without clashing. ``text_to_path`` draws
    every text as a ``<path>`` of its glyph outlines carrying the string as ``aria-label``, so
    the map needs no font at all; no font is embedded then. ``fonts`` are font files tried
    after DejaVu Sans for characters it lacks (as the scene was laid out with).
    """
    with _using_fonts(fonts):
        return _render(scene, id_prefix, text_to_path)


def _render(scene: Scene, id_prefix: str, text_to_path: bool) -> bytes:
    if id_prefix and not ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(
            f"id_prefix {id_prefix!r} must start with a letter or '_' and contain only "
            "letters, digits, '_', '-' and '.'"
        )
    dwg = svgwrite.Drawing(size=(num(scene.width), num(scene.height)), debug=False, profile="full")
    dwg.attribs.update(
        {
            "viewBox": f"0 0 {num(scene.width)} {num(scene.height)}",
            "role": "img",
            "aria-labelledby": f"{id_prefix}title {id_prefix}desc",
        }
    )
    if not text_to_path:
        dwg["font-family"] = f"'{fonts.FAMILY}', sans-serif"
    title = svgwrite.base.Title(xml_text(scene.title))
    title.xml.set("id", f"{id_prefix}title")
    desc = svgwrite.base.Desc(xml_text(scene.description))
    desc.xml.set("id", f"{id_prefix}desc")
    if text_to_path:
        # Nothing refers to a font or a definition: no <defs>, no <style>.
        dwg.elements.remove(dwg.defs)
    else:
        dwg.defs.add(dwg.style(_stylesheet(scene)))
    # svgwrite makes <defs> the first child; the accessible name must come before it.
    dwg.elements[0:0] = [title, desc]
    dwg.add(
        dwg.rect(
            insert=(0, 0),
            size=(num(scene.width), num(scene.height)),
            fill=scene.background,
            class_="background",
        )
    )
    backend = _OutlineBackend if text_to_path else _SvgBackend
    draw(scene, backend(dwg, id_prefix, _ids(scene.root)))

    root = dwg.get_xml()
    for unused in ("xmlns:ev", "xmlns:xlink", "baseProfile"):
        root.attrib.pop(unused, None)
    ET.indent(root, space="")
    body = ET.tostring(root, encoding="unicode")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body.encode("utf-8") + b"\n"


class _SvgBackend:
    """Appends one svgwrite element per primitive to the innermost open group."""

    def __init__(self, dwg: svgwrite.Drawing, id_prefix: str, ids: frozenset[str]) -> None:
        self._dwg = dwg
        self._prefix = id_prefix
        self._ids = ids
        self._stack: list[Any] = [dwg]

    def _add(self, element: Any) -> None:
        self._stack[-1].add(element)

    def _begin_group(self, group: Group) -> None:
        g = self._dwg.g()
        if group.id is not None:
            g["id"] = self._prefix + xml_text(group.id)
        if group.classes:
            g["class"] = xml_text(" ".join(group.classes))
        if group.title:
            g.add(svgwrite.base.Title(xml_text(group.title)))
        href = self._href(group.href)
        if href is None:
            self._add(g)
        else:
            # svgwrite spells the link xlink:href (SVG 1.1) and adds target="_blank".
            link = self._dwg.a(href, target=None)
            link["href"] = link.attribs.pop("xlink:href")
            link.add(g)
            self._add(link)
        self._stack.append(g)

    def _end_group(self, group: Group) -> None:
        self._stack.pop()

    def _href(self, raw: str | None) -> str | None:
        href = safe_href(raw)
        if href is not None and href.startswith("#") and href[1:] in self._ids:
            return f"#{self._prefix}{href[1:]}"
        return href

    def _draw_rect(self, rect: Rect) -> None:
        el = self._dwg.rect(
            insert=(num(rect.x), num(rect.y)), size=(num(rect.width), num(rect.height))
        )
        if rect.rx > 0:
            el["rx"] = num(rect.rx)
        if rect.css_class:
            el["class"] = xml_text(rect.css_class)
        el.update(_paint(rect.style))
        self._add(el)

    def _draw_circle(self, circle: Circle) -> None:
        el = self._dwg.circle(center=(num(circle.cx), num(circle.cy)), r=num(circle.r))
        el.update(_paint(circle.style))
        self._add(el)

    def _draw_polygon(self, polygon: Polygon) -> None:
        el = self._dwg.polygon(points=[(num(x), num(y)) for x, y in polygon.points])
        el.update(_paint(polygon.style))
        self._add(el)

    def _draw_path(self, path: Path) -> None:
        parts: list[str] = []
        for op in path.ops:
            if op[0] == "Q":
                (cx, cy), (x, y) = op[1], op[2]
                parts.append(f"Q{num(cx)} {num(cy)} {num(x)} {num(y)}")
            else:
                x, y = op[1]
                parts.append(f"{op[0]}{num(x)} {num(y)}")
        el = self._dwg.path(d=" ".join(parts))
        el.update(_paint(path.style))
        self._add(el)

    def _draw_text(self, text: Text) -> None:
        content = xml_text(text.text)
        if not content:
            return
        el = self._dwg.text(content, insert=(num(text.x), num(text.y)))
        attrs: dict[str, str] = {"font-size": num(text.size), "fill": text.fill}
        if text.length > 0:
            attrs["textLength"] = num(text.length)
        if text.anchor != "start":
            attrs["text-anchor"] = text.anchor
        if text.weight == "bold":
            attrs["font-weight"] = "bold"
        if text.letter_spacing:
            attrs["letter-spacing"] = num(text.letter_spacing)
        if text.rotate:
            # Scene angles turn counter-clockwise on screen; SVG's turn clockwise (y down).
            attrs["transform"] = f"rotate({num(-text.rotate)} {num(text.x)} {num(text.y)})"
        if _NEEDS_PRESERVE.search(content):
            attrs["xml:space"] = "preserve"
        el.update(attrs)
        self._add(el)


class _OutlineBackend(_SvgBackend):
    """Draws each text as one path of glyph outlines, labelled with the string it shows."""

    def __init__(self, dwg: svgwrite.Drawing, id_prefix: str, ids: frozenset[str]) -> None:
        super().__init__(dwg, id_prefix, ids)
        # Imported here: plain SVG output does not need it.
        from skillsmap.backends.outline import text_outline

        self._outline = text_outline

    def _draw_text(self, text: Text) -> None:
        content = glyph_text(text.text)
        outline = self._outline(text, content) if content.strip() else ""
        if not outline:
            return
        el = self._dwg.path(d=outline, fill=text.fill)
        el["aria-label"] = content
        if text.rotate:
            el["transform"] = f"rotate({num(-text.rotate)} {num(text.x)} {num(text.y)})"
        self._add(el)


def _paint(style: Style) -> dict[str, str]:
    """Presentation attributes (not inline CSS) so a user's stylesheet can still override them."""
    attrs = {"fill": style.fill or "none"}
    if style.stroke is not None and style.stroke_width > 0:
        attrs["stroke"] = style.stroke
        attrs["stroke-width"] = num(style.stroke_width)
        if style.dash and sum(style.dash) > 0:
            attrs["stroke-dasharray"] = " ".join(num(d) for d in style.dash)
    if style.opacity < 1:
        attrs["opacity"] = num(style.opacity)
    return attrs


def _ids(root: Group) -> frozenset[str]:
    found: set[str] = set()
    pending = [root]
    while pending:
        group = pending.pop()
        if group.id is not None:
            found.add(group.id)
        pending.extend(c for c in group.children if isinstance(c, Group))
    return frozenset(found)


def _stylesheet(scene: Scene) -> str:
    """Our own CSS only: the embedded font faces and the rule that selects them.

    DejaVu Sans is one family in two weights; every other font drawing some characters is a
    family of its own holding just those characters, so a viewer falls back to it for exactly
    the characters the layout measured with it.
    """
    used: dict[Weight, set[str]] = {"regular": set(), "bold": set()}
    others: dict[fonts.FontFile, set[str]] = {}
    for node, _ in scene.walk():
        if isinstance(node, Text):
            content = xml_text(node.text)
            for run in fonts.runs(content, node.weight):
                chars = set(content[run.start : run.end])
                if run.font == fonts.default_font(node.weight):
                    used[node.weight].update(chars)
                else:
                    others.setdefault(run.font, set()).update(chars)
    rules = [
        f"@font-face{{font-family:{FONT_FAMILY};font-weight:{_CSS_WEIGHT[weight]};"
        f'src:url("data:;base64,{_font_base64(frozenset(chars), weight)}") '
        'format("truetype");}'
        for weight, chars in used.items()
        if chars
    ]
    families = [FONT_FAMILY]
    for n, font in enumerate(sorted(others, key=_chain_order), start=2):
        family = f"{FONT_FAMILY}-{n}"
        families.append(family)
        data = _subset_base64(font, frozenset(others[font]))
        rules.append(
            f"@font-face{{font-family:{family};font-weight:400 700;"
            f'src:url("data:;base64,{data}");}}'
        )
    rules.append(f'text{{font-family:{",".join(families)},"{fonts.FAMILY}",sans-serif;}}')
    return "\n".join(rules)


def _chain_order(font: fonts.FontFile) -> tuple[int, fonts.FontFile]:
    """Fonts given by the caller first, in their order, then the ones fontconfig found."""
    extras = fonts.extra_fonts()
    return (extras.index(font) if font in extras else len(extras), font)


@functools.lru_cache(maxsize=64)
def _font_base64(chars: frozenset[str], weight: Weight) -> str:
    return base64.b64encode(fonts.subset_font(chars, weight)).decode("ascii")


@functools.lru_cache(maxsize=64)
def _subset_base64(font: fonts.FontFile, chars: frozenset[str]) -> str:
    return base64.b64encode(fonts.subset(font, chars)).decode("ascii")
