"""The HTML page (``-f html``): self-contained, escaped, unique ids, two themes, deterministic."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

import skillsmap
from skillsmap import outputs
from skillsmap.cli import main
from skillsmap.outputs.html import DATA_ID, Drawn, asset, json_block, share_fonts

ROOT = Path(__file__).parent.parent
FLAGSHIP = ROOT / "specs" / "senior-engineer.yaml"
HOSTILE_TEXT = '</script><script>alert(1)</script><!-- ]]> & "q" \u2028 end'
HOSTILE = f"""\
title: {json.dumps(HOSTILE_TEXT)}
tracks:
  ic: {{label: {json.dumps("</style><b>" + HOSTILE_TEXT)}}}
levels:
  - id: L1
    label: {json.dumps("</title>" + HOSTILE_TEXT)}
roles:
  - id: a
    title: {json.dumps("A " + HOSTILE_TEXT)}
    track: ic
    level: L1
    soft: 2
    hard: 2
    description: {json.dumps("D " + HOSTILE_TEXT)}
    aliases: {{{json.dumps("<x>")}: {json.dumps("</SCRIPT >" + HOSTILE_TEXT)}}}
  - id: b
    title: B
    track: ic
    soft: 6
    hard: 6
moves:
  - {{from: a, to: b, label: {json.dumps(HOSTILE_TEXT)}}}
"""


class Page(HTMLParser):
    """Every tag with its attributes, and the text of each ``<script>`` block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(page: bytes) -> Page:
    parser = Page()
    parser.feed(page.decode("utf-8"))
    parser.close()
    return parser


def flagship_page(**kwargs: object) -> bytes:
    return skillsmap.encode(skillsmap.build(FLAGSHIP, **kwargs), "html")  # type: ignore[arg-type]


def hostile_page(tmp_path: Path) -> bytes:
    spec = tmp_path / "hostile.yaml"
    spec.write_text(HOSTILE, encoding="utf-8")
    return skillsmap.encode(skillsmap.build(spec), "html")


def test_html_is_registered_as_built_from_the_whole_build() -> None:
    html = outputs.get("html")
    assert (html.extension, html.needs) == ("html", "built")
    assert outputs.by_extension(".HTML") is html


def test_page_loads_nothing_from_outside() -> None:
    page = flagship_page()
    text = page.decode("utf-8")
    parsed = parse(page)
    assert [t for t, _ in parsed.tags if t in ("link", "img", "iframe", "object", "embed")] == []
    assert [a for _, a in parsed.tags if "src" in a] == []
    assert "@import" not in text
    assert set(re.findall(r"url\(([^)]{0,14})", text)) == {'"data:;base64,'}
    # The only "http" left is the SVG namespace name, which is never fetched.
    assert set(re.findall(r"https?:[^\s\"']*", text)) == {"http://www.w3.org/2000/svg"}


def test_content_security_policy_allows_only_the_page_script() -> None:
    parsed = parse(flagship_page())
    policy = next(
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    code = next(text for attrs, text in parsed.scripts if "type" not in attrs)
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    assert policy == (
        "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    assert code == asset("map.js")


def test_page_inlines_the_light_and_the_dark_map_with_prefixed_unique_ids() -> None:
    page = flagship_page()
    parsed = parse(page)
    ids = [a["id"] for _, a in parsed.tags if "id" in a]
    assert len(ids) == len(set(ids))
    maps = [a["class"] for t, a in parsed.tags if t == "div" and "map" in (a["class"] or "")]
    assert maps == ["map map-light", "map map-dark"]
    assert {"light-role-senior-engineer", "dark-role-senior-engineer"} <= set(ids)
    text = page.decode("utf-8")
    assert "@media (prefers-color-scheme: dark){body{background:#" in text
    # Both maps draw the same text, so the embedded font is written once.
    assert text.count("@font-face{font-family:skillsmap-sans;font-weight:400;") == 1


def test_dark_build_still_shows_light_first_and_print_is_shown_alone() -> None:
    assert parse(flagship_page(theme="dark")).tags == parse(flagship_page()).tags
    printed = parse(flagship_page(theme="print"))
    maps = [a["class"] for t, a in printed.tags if t == "div" and "map" in (a["class"] or "")]
    assert maps == ["map map-only"]
    assert b"prefers-color-scheme" not in flagship_page(theme="print")


def test_id_prefix_goes_in_front_of_each_theme_prefix() -> None:
    built = skillsmap.build(FLAGSHIP)
    ids = {a.get("id") for _, a in parse(skillsmap.encode(built, "html", id_prefix="m1-")).tags}
    assert {"m1-light-role-senior-engineer", "m1-dark-title"} <= ids


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    page = hostile_page(tmp_path)
    text = page.decode("utf-8")
    assert text.count("<script") == 2
    assert text.lower().count("</script") == 2
    assert "<!--" not in text
    assert "<b>" not in text and "<x>" not in text
    parsed = parse(page)
    data = json.loads(next(t for a, t in parsed.scripts if a.get("id") == DATA_ID))
    role = data["roles"][0]
    assert role["title"] == "A " + HOSTILE_TEXT
    assert role["description"] == "D " + HOSTILE_TEXT
    assert role["aliases"] == [["<x>", "</SCRIPT >" + HOSTILE_TEXT]]
    assert role["level"] == "</title>" + HOSTILE_TEXT
    assert role["trackLabel"] == "</style><b>" + HOSTILE_TEXT
    titles = [t for t, _ in parsed.tags if t == "title"]
    assert titles[0] == "title"  # the page's own <title> comes first, in <head>


def test_json_block_escapes_what_would_end_the_block() -> None:
    assert json_block({"t": "</script>&\u2028\u2029"}) == (
        '{"t":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}'
    )


def test_page_data_holds_the_graph_and_the_role_details() -> None:
    parsed = parse(flagship_page())
    data = json.loads(next(t for a, t in parsed.scripts if a.get("id") == DATA_ID))
    assert data["prefixes"] == ["light-", "dark-"]
    first = data["roles"][0]
    assert first == {
        "id": "senior-engineer",
        "element": "role-senior-engineer",
        "title": "Senior Engineer",
        "description": "Owns major systems and leads the technical work of one team; "
        "where this map begins.",
        "level": "L5",
        "track": "ic",
        "trackLabel": "Individual contributor",
        "aliases": [
            ["google", "L5 Senior SWE"],
            ["meta", "E5"],
            ["amazon", "L6 SDE III"],
            ["microsoft", "63\u201364 Senior SDE"],
        ],
    }
    assert data["moves"][0] == {
        "from": "senior-engineer",
        "to": "product-manager",
        "element": "move-senior-engineer--product-manager",
        "label": "label-senior-engineer--product-manager",
    }
    assert len(data["roles"]) == 16 and len(data["moves"]) == 15


def test_page_bytes_are_deterministic() -> None:
    assert flagship_page() == flagship_page()


def test_differing_fonts_are_scoped_to_their_own_map() -> None:
    style = (
        '<style type="text/css">@font-face{{font-family:skillsmap-sans;'
        'src:url("data:;base64,{}")}}\ntext{{font-family:skillsmap-sans}}</style>'
    )
    light = Drawn("light", "light-", f"<svg>{style.format('AA')}<text/></svg>", "#fff")
    dark = Drawn("dark", "dark-", f"<svg>{style.format('BB')}<text/></svg>", "#000")
    scoped = share_fonts([light, dark])
    assert scoped[1].svg == (
        '<svg><style type="text/css">@font-face{font-family:skillsmap-sans-dark;'
        'src:url("data:;base64,BB")}\n.map-dark text{font-family:skillsmap-sans-dark}'
        "</style><text/></svg>"
    )
    same = share_fonts([light, Drawn("dark", "dark-", light.svg, "#000")])
    assert same[1].svg == "<svg><text/></svg>"
    assert same[0] == light


def test_text_to_path_page_embeds_no_font() -> None:
    built = skillsmap.build(FLAGSHIP)
    assert b"@font-face" not in skillsmap.encode(built, "html", text_to_path=True)


def test_cli_writes_the_page(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(FLAGSHIP), "-f", "html", "-o", str(tmp_path)])
    assert (result.exit_code, result.output) == (0, f"wrote {tmp_path / 'senior-engineer.html'}\n")
    assert (tmp_path / "senior-engineer.html").read_bytes() == flagship_page()
