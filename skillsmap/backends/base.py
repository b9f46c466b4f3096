"""The contract shared by the drawing backends, and the one walk over a scene.

Both backends implement the same private ``_draw_<primitive>`` methods (the schemdraw model), so
a new primitive is added in three obvious places and the scene is traversed by :func:`draw` only.
The helpers here are the few decisions both backends must make identically: which links are
safe to write, which characters XML can carry, how numbers are spelled, and where the glyphs of a
text stretched to its measured length go (px along the baseline).
"""

from __future__ import annotations

import math
import re
from typing import Protocol

from skillsmap import fonts
from skillsmap.scene import Anchor, Circle, Group, Path, Polygon, Rect, Scene, Text

SAFE_SCHEMES = ("http:", "https:", "mailto:")

# XML 1.0 forbids these code points anywhere in a document; a lone surrogate cannot even be
# encoded as UTF-8, so every user string loses them before it reaches a backend.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Browsers strip leading/trailing C0 controls and spaces from a URL and drop tabs and newlines
# anywhere in it ("java\tscript:" is still javascript:), so the scheme is judged after that.
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_REMOVED = re.compile("[\t\n\r]")
# What an id prefix may be: it starts every id, so it must itself start an XML name.
ID_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
# Tabs and line breaks are drawn as spaces; U+FEFF (zero width no-break space, invisible) is
# dropped: matplotlib 3.11's PDF backend fails on it (its shaped glyph maps to no character).
_AS_SPACE = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\ufeff": None})
# Below this mismatch (px) between the layout's length and the shaped width, a text is drawn
# as shaped; above it, the difference is spread between its characters (see spread_run).
LENGTH_TOLERANCE = 0.25
# The share of a run's extent that lies before its anchor point.
ANCHOR_SHARE: dict[Anchor, float] = {"start": 0.0, "middle": 0.5, "end": 1.0}


class Backend(Protocol):
    """What a backend draws: one method per scene primitive, plus group boundaries."""

    def _begin_group(self, group: Group) -> None: ...

    def _end_group(self, group: Group) -> None: ...

    def _draw_rect(self, rect: Rect) -> None: ...

    def _draw_circle(self, circle: Circle) -> None: ...

    def _draw_polygon(self, polygon: Polygon) -> None: ...

    def _draw_path(self, path: Path) -> None: ...

    def _draw_text(self, text: Text) -> None: ...


def draw(scene: Scene, backend: Backend) -> None:
    """Feed every node of ``scene`` to ``backend`` in drawing (painter's) order."""
    _visit(scene.root, backend)


def _visit(group: Group, backend: Backend) -> None:
    backend._begin_group(group)
    for child in group.children:
        if isinstance(child, Group):
            _visit(child, backend)
        elif isinstance(child, Rect):
            backend._draw_rect(child)
        elif isinstance(child, Circle):
            backend._draw_circle(child)
        elif isinstance(child, Polygon):
            backend._draw_polygon(child)
        elif isinstance(child, Path):
            backend._draw_path(child)
        else:
            backend._draw_text(child)
    backend._end_group(group)


def num(value: float) -> str:
    """``value`` rounded to 2 decimals, without trailing zeros or ``-0`` (stable output bytes)."""
    if not math.isfinite(value):
        raise ValueError(f"cannot draw a non-finite coordinate: {value!r}")
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot represent."""
    return _XML_ILLEGAL.sub("", value)


def safe_href(href: str | None) -> str | None:
    """The link to write for ``href``, or None when its scheme is not known to be harmless.

    Only ``http:``, ``https:``, ``mailto:`` and same-document ``#fragment`` links pass; anything
    else (``javascript:``, ``data:``, relative paths that a host page would resolve) is dropped.
    """
    if href is None:
        return None
    cleaned = _URL_REMOVED.sub("", xml_text(href)).strip(_URL_EDGES)
    lowered = cleaned.lower()
    if cleaned.startswith("#") or (
        lowered.startswith(SAFE_SCHEMES) and len(cleaned) > lowered.index(":") + 1
    ):
        return cleaned
    return None


def glyph_text(value: str) -> str:
    """The characters drawn for ``value`` by a backend that places glyphs itself.

    XML-illegal characters are gone (as in the SVG) and newlines are shown as spaces (a line of
    text never breaks).
    """
    return xml_text(value).translate(_AS_SPACE)


def spread_run(text: Text, content: str) -> tuple[float, float] | None:
    """Where the glyphs of ``content`` go when ``text.length`` differs from its shaped width.

    None when it does not (the run is drawn as shaped). Otherwise ``(start, extra)``: the
    distance in px from the anchor to the first glyph, and the space added after every
    character, as SVG's ``textLength`` does (lengthAdjust="spacing"); letter spacing arrives
    as part of that difference. SVG renderers anchor the run as if one more gap followed the
    last character.
    """
    natural = fonts.text_width(content, text.size, text.weight)
    length = text.length if text.length > 0 else natural
    if len(content) < 2 or abs(length - natural) <= LENGTH_TOLERANCE:
        return None
    extra = (length - natural) / (len(content) - 1)
    return -(length + extra) * ANCHOR_SHARE[text.anchor], extra
