"""The HTML output: one self-contained, offline page showing the map with a little interaction.

The page inlines the map's SVG twice, drawn in the light and in the dark theme, and shows the one
``prefers-color-scheme`` asks for (a map built in another theme, such as print, is inlined once).
A small script (``assets/map.js``) highlights every path through the role under the pointer or
the keyboard focus, toggles a track from its legend entry, finds a role by title or alias and
shows its details in a panel. It reads the map's graph from a ``<script type="application/json">``
block, escaped so no user text can end the block; user text never reaches the script's code. A
Content-Security-Policy forbids every network load. Without JavaScript the page is the picture
with its tooltips. Sizes are the SVG's CSS px.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from skillsmap import ids
from skillsmap.outputs import Options, Output, register

if TYPE_CHECKING:
    from skillsmap.model import SkillsMap
    from skillsmap.pipeline import Built

# Themes drawn as a light/dark pair; any other theme is shown alone, in every colour scheme.
PAIR = ("light", "dark")
DATA_ID = "skillsmap-data"
_STYLE_BLOCK = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[A-Za-z]+")
# Characters a JSON string may hold that would end or confuse the HTML around the block.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


class Drawn(NamedTuple):
    """One inlined map: its colour-scheme slot (``light``, ``dark`` or ``only``) and its SVG."""

    slot: str
    prefix: str
    svg: str
    background: str


def asset(name: str) -> str:
    """The text of a packaged asset (``map.js`` or ``map.css``)."""
    return resources.files("skillsmap.outputs").joinpath("assets").joinpath(name).read_text("utf-8")


def json_block(data: Any) -> str:
    """``data`` as JSON safe inside a ``<script>`` block: no ``<``, ``>`` or ``&`` left raw."""
    import json  # the standard-library modules of this file load when a page is written

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


def _css_color(value: str) -> str:
    if not _COLOR.fullmatch(value):
        raise ValueError(f"not a CSS colour: {value!r}")
    return value


def _drawn(built: Built, options: Options) -> list[Drawn]:
    """The maps to inline: the build's own and, for light or dark, the other of the pair."""
    from skillsmap.pipeline import build, encode

    name = built.theme.name
    if name not in PAIR:
        builds = {"only": built}
    else:
        other = PAIR[1 - PAIR.index(name)]
        second = build(built.model, theme=other, size=built.size, fonts=built.fonts)
        builds = {name: built, other: second}
    drawn = []
    for slot in sorted(builds, key=lambda s: (s != "light", s)):
        b = builds[slot]
        prefix = f"{options.id_prefix}{slot}-"
        svg = encode(b, "svg", id_prefix=prefix, text_to_path=options.text_to_path)
        body = svg.decode("utf-8").split("\n", 1)[1]  # drop the XML declaration
        drawn.append(Drawn(slot, prefix, body.strip(), _css_color(b.scene.background)))
    return share_fonts(drawn)


def share_fonts(drawn: list[Drawn]) -> list[Drawn]:
    """Keep one copy of identical embedded fonts; scope differing ones to their own map.

    An SVG's ``<style>`` applies to the whole page once inlined, so two maps embedding
    different subsets under one family name would take each other's glyphs.
    """
    styles = [_STYLE_BLOCK.findall(d.svg) for d in drawn]
    if len(drawn) < 2 or styles[0] == styles[1]:
        first, *rest = drawn
        return [
            first,
            *(Drawn(d.slot, d.prefix, _STYLE_BLOCK.sub("", d.svg), d.background) for d in rest),
        ]
    return [Drawn(d.slot, d.prefix, _scope_style(d), d.background) for d in drawn]


def _scope_style(d: Drawn) -> str:
    def scoped(match: re.Match[str]) -> str:
        css = match.group(0).replace("skillsmap-sans", f"skillsmap-sans-{d.slot}")
        return css.replace("\ntext{", f"\n.map-{d.slot} text{{")

    return _STYLE_BLOCK.sub(scoped, d.svg)


def page_data(m: SkillsMap, drawn: list[Drawn]) -> dict[str, Any]:
    """What the script needs: the maps' id prefixes, every role's details, every move."""
    levels = {level.id: level.text for level in m.levels}
    return {
        "prefixes": [d.prefix for d in drawn],
        "roles": [
            {
                "id": r.id,
                "element": ids.role_id(r.id),
                "title": r.title,
                "description": r.description or "",
                "level": levels.get(r.level, "") if r.level else "",
                "track": r.track,
                "trackLabel": m.tracks[r.track].label,
                "aliases": [[company, title] for company, title in r.aliases.items()],
            }
            for r in m.roles
        ],
        "moves": [
            {
                "from": mv.from_,
                "to": mv.to,
                "element": ids.move_id(mv.from_, mv.to),
                "label": ids.label_id(mv.from_, mv.to),
            }
            for mv in m.moves
        ],
    }


def _csp(script: str) -> str:
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _theme_css(drawn: list[Drawn]) -> str:
    by_slot = {d.slot: d.background for d in drawn}
    if "only" in by_slot:
        return f"body{{background:{by_slot['only']}}}"
    return (
        f"body{{background:{by_slot['light']};color-scheme:light}}.map-dark{{display:none}}\n"
        "@media (prefers-color-scheme: dark){"
        f"body{{background:{by_slot['dark']};color-scheme:dark}}"
        ".map-light{display:none}.map-dark{display:block}}"
    )


PANEL = """<aside class="controls">
<form class="search" role="search" id="search-form">
<label for="search">Find a role</label>
<input type="search" id="search" autocomplete="off" placeholder="Title or alias">
<p class="search-status" id="search-status" aria-live="polite"></p>
</form>
<section class="panel" id="panel" aria-live="polite">
<h2 id="panel-title">Hover or focus a role</h2>
<p id="panel-description">Paths through it light up. Click a track in the legend to hide or \
show it.</p>
<dl>
<dt>Level</dt><dd id="panel-level">-</dd>
<dt>Track</dt><dd id="panel-track">-</dd>
<dt>Aliases</dt><dd id="panel-aliases">-</dd>
</dl>
</section>
</aside>"""


def render_page(built: Built, options: Options) -> str:
    """The whole page as text."""
    import html

    drawn = _drawn(built, options)
    script = asset("map.js")
    maps = "\n".join(f'<div class="map map-{d.slot}">\n{d.svg}\n</div>' for d in drawn)
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(script)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(built.model.title)}</title>\n"
        f"<style>\n{asset('map.css')}{_theme_css(drawn)}\n</style>\n</head>\n<body>\n<main>\n"
        f"{maps}\n{PANEL}\n</main>\n"
        f'<script type="application/json" id="{DATA_ID}">'
        f"{json_block(page_data(built.model, drawn))}</script>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def encode_html(built: Built, options: Options) -> bytes:
    return render_page(built, options).encode("utf-8")


HTML = register(
    Output("html", "html", "built", encode_html, "interactive offline page (light and dark)")
)

__all__ = [
    "DATA_ID",
    "HTML",
    "PAIR",
    "asset",
    "encode_html",
    "json_block",
    "page_data",
    "render_page",
    "share_fonts",
]
