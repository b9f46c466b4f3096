"""The SVG backend against the public SVG output contract, plus the shared scene walk."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as StdET

import defusedxml.ElementTree as ET
import pytest
import uharfbuzz as hb
from hypothesis import given
from hypothesis import strategies as st
from scenes import DASH, INK, card, label, sample_scene

from skillsmap.backends import base
from skillsmap.backends.svg import FONT_FAMILY, render_svg
from skillsmap.scene import (
    Circle,
    Group,
    Node,
    Path,
    Polygon,
    Rect,
    Scene,
    Style,
    Text,
)

SVG = "{http://www.w3.org/2000/svg}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def parse(data: bytes) -> StdET.Element:
    return ET.fromstring(data)


def tag(el: StdET.Element) -> str:
    return el.tag.removeprefix(SVG)


def parents(root: StdET.Element) -> dict[StdET.Element, StdET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def ancestors(el: StdET.Element, up: dict[StdET.Element, StdET.Element]) -> list[StdET.Element]:
    out = []
    while el in up:
        el = up[el]
        out.append(el)
    return out


def by_id(root: StdET.Element, ident: str) -> StdET.Element:
    found = [el for el in root.iter() if el.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


def scene_with(*children: Node, title: str = "t", description: str = "d") -> Scene:
    return Scene(
        width=200,
        height=100,
        title=title,
        description=description,
        background="#FFFFFF",
        root=Group(children=children, id="map"),
    )


def linked(href: str) -> Scene:
    return scene_with(card("x", "X", 10, 10, "#0072B2", href=href), card("y", "Y", 80, 10, INK))


# --- document shape -------------------------------------------------------------------


def test_root_attributes_and_accessible_name() -> None:
    scene = sample_scene()
    root = parse(render_svg(scene))
    assert tag(root) == "svg"
    assert root.get("width") == "480"
    assert root.get("height") == "320"
    assert root.get("viewBox") == "0 0 480 320"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "title desc"
    first, second = list(root)[:2]
    assert (tag(first), first.get("id"), first.text) == ("title", "title", "Sample & <map>")
    assert (tag(second), second.get("id"), second.text) == ("desc", "desc", scene.description)


def test_background_rect_fills_the_canvas() -> None:
    root = parse(render_svg(sample_scene()))
    bg = root.find(f"{SVG}rect")
    assert bg is not None
    assert {k: bg.get(k) for k in ("x", "y", "width", "height", "fill")} == {
        "x": "0",
        "y": "0",
        "width": "480",
        "height": "320",
        "fill": "#FFFFFF",
    }


def test_xml_declaration_utf8_and_determinism() -> None:
    a = render_svg(sample_scene())
    assert a.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<svg ')
    assert DASH.encode() in a  # non-ASCII text is written as UTF-8, not as references
    assert a == render_svg(sample_scene())
    assert a == render_svg(sample_scene(), id_prefix="")


def test_groups_keep_ids_and_classes() -> None:
    scene = sample_scene()
    root = parse(render_svg(scene))
    groups = [n for n, _ in scene.walk() if isinstance(n, Group) and n.id]
    assert len(groups) >= 6
    for group in groups:
        el = by_id(root, group.id or "")
        assert tag(el) == "g"
        assert (el.get("class") or "").split() == list(group.classes)


def test_tooltip_is_first_child_of_its_group() -> None:
    root = parse(render_svg(sample_scene()))
    senior = by_id(root, "role-senior")
    first = senior[0]
    assert tag(first) == "title"
    assert first.text == f"Senior Engineer\nL5 {DASH} owns significant systems"
    assert [tag(c) for c in by_id(root, "role-staff")] == ["rect", "text"]


def test_linked_group_is_wrapped_in_a_link() -> None:
    root = parse(render_svg(sample_scene()))
    up = parents(root)
    senior = by_id(root, "role-senior")
    link = up[senior]
    assert tag(link) == "a"
    assert link.attrib == {"href": "https://example.com/ladder#senior"}
    assert [tag(el) for el in root.iter() if tag(el) == "a"] == ["a"]


def test_rects_have_absolute_geometry_and_no_transforms_above() -> None:
    scene = sample_scene()
    svg = render_svg(scene)
    root = parse(svg)
    up = parents(root)
    rects = [el for el in root.iter() if tag(el) == "rect"]
    assert len(rects) == 5
    for rect in rects:
        for el in [rect, *ancestors(rect, up)]:
            assert "transform" not in el.attrib, tag(el)
    card_rect = next(r for r in by_id(root, "role-senior") if tag(r) == "rect")
    scene_rect = next(
        c
        for n, _ in scene.walk()
        if isinstance(n, Group) and n.id == "role-senior"
        for c in n.children
        if isinstance(c, Rect)
    )
    assert float(card_rect.get("x") or "") == scene_rect.x
    assert float(card_rect.get("width") or "") == round(scene_rect.width, 2)
    assert card_rect.get("rx") == "6"
    assert card_rect.get("class") == "card"
    assert not any("transform" in el.attrib for el in root.iter() if tag(el) == "g")


def test_shapes_carry_their_paint() -> None:
    root = parse(render_svg(sample_scene()))
    lateral = by_id(root, "move-senior--manager")
    path, head = list(lateral)
    assert path.get("d") == "M180 178 Q240 110 296 92"
    assert (path.get("fill"), path.get("stroke"), path.get("stroke-width")) == (
        "none",
        "#4A4F57",
        "1.6",
    )
    assert tag(head) == "polygon"
    assert re.fullmatch(r"(-?[\d.]+,-?[\d.]+ ){2}-?[\d.]+,-?[\d.]+", head.get("points") or "")
    dashed = by_id(root, "move-senior--staff")[0]
    assert dashed.get("stroke-dasharray") == "6 4"
    circle = next(el for el in root.iter() if tag(el) == "circle")
    assert circle.attrib == {
        "cx": "440",
        "cy": "160",
        "r": "7",
        "fill": "#0072B2",
        "stroke": "#1F2328",
        "stroke-width": "1",
    }
    translucent = [el for el in root.iter() if el.get("opacity")]
    assert [(tag(el), el.get("opacity")) for el in translucent] == [("polygon", "0.5")]


def test_texts() -> None:
    root = parse(render_svg(sample_scene()))
    texts = {el.text: el for el in root.iter() if tag(el) == "text"}
    title = texts["A skills map"]
    assert title.get("font-weight") == "bold"
    assert title.get("font-size") == "22"
    assert "text-anchor" not in title.attrib
    assert "transform" not in title.attrib
    name = texts["Senior Engineer"]
    assert name.get("text-anchor") == "middle"
    assert float(name.get("textLength") or "") > 90
    assert "font-weight" not in name.attrib
    assert texts["Hard skills"].get("transform") == "rotate(-90 22 180)"
    assert texts[f"6 months {DASH} 2 years"].get("transform") == "rotate(20 330 140)"
    assert texts["Soft skills →"].get("text-anchor") == "end"
    assert texts["L5"].get("letter-spacing") == "0.6"
    assert texts[f"Pay: $10k{DASH}$20k & <more>"] is not None
    spaced = texts[" spaces  kept "]
    assert spaced.get(XML_SPACE) == "preserve"
    assert all(el.get(XML_SPACE) is None for t, el in texts.items() if t != " spaces  kept ")


def test_embedded_font_and_nothing_else_in_style() -> None:
    evil = "</style><script>alert(1)</script>]]>{}@import url(x);"
    scene = sample_scene()._replace(title=evil, description=evil)
    root = parse(render_svg(scene))
    styles = [el for el in root.iter() if tag(el) == "style"]
    assert len(styles) == 1
    up = parents(root)
    assert tag(up[styles[0]]) == "defs"
    css = (styles[0].text or "").strip()
    face = (
        r"@font-face\{font-family:skillsmap-sans;font-weight:(400|700);"
        r'src:url\("data:;base64,([A-Za-z0-9+/=]+)"\) format\("truetype"\);\}'
    )
    rule = r'text\{font-family:skillsmap-sans,"DejaVu Sans",sans-serif;\}'
    match = re.fullmatch(f"{face}\n{face}\n{rule}", css)
    assert match, css[:300]
    assert (match.group(1), match.group(3)) == ("400", "700")
    used = {
        "400": {
            ch
            for n, _ in scene.walk()
            if isinstance(n, Text) and n.weight == "regular"
            for ch in n.text
        },
        "700": {
            ch
            for n, _ in scene.walk()
            if isinstance(n, Text) and n.weight == "bold"
            for ch in n.text
        },
    }
    for weight, data in ((match.group(1), match.group(2)), (match.group(3), match.group(4))):
        font = base64.b64decode(data)
        assert font[:4] == b"\x00\x01\x00\x00"  # TrueType outlines
        covered = {chr(u) for u in hb.Face(hb.Blob(font)).unicodes}
        assert used[weight] <= covered
        assert len(covered) < 80  # a subset, not the whole font
    assert FONT_FAMILY == "skillsmap-sans"


# MediaWiki's upload filter: a url( in CSS passes only as this font-face source.
MEDIAWIKI_FONT_SRC = re.compile(r'(@font-face\s*\{[^}]*src:)url\(("data:;base64,[^"]+")\)')


def test_font_source_is_the_one_spelling_mediawiki_accepts() -> None:
    css = next(el for el in parse(render_svg(sample_scene())).iter() if tag(el) == "style").text
    assert css is not None
    assert css.count('src:url("data:;base64,') == 2
    assert "url(" not in MEDIAWIKI_FONT_SRC.sub(r"\1\2", css)


def test_no_font_face_without_text() -> None:
    root = parse(render_svg(scene_with(Rect(0, 0, 10, 10, Style(fill="#000000")))))
    css = next(el for el in root.iter() if tag(el) == "style").text or ""
    assert "@font-face" not in css
    assert "text{font-family:" in css


def test_xml_illegal_characters_are_removed_everywhere() -> None:
    bad = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff\ud800\udfff"
    scene = scene_with(
        Group(
            children=(label(10, 20, f"a{bad}b\tc"),),
            id="g",
            title=f"tip{bad}\nline",
            href=f"https://example.com/{bad}x",
        ),
        title=f"T{bad}",
        description=f"D{bad}",
    )
    data = render_svg(scene)
    text = data.decode("utf-8")  # lone surrogates would not even encode
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)
    root = parse(data)
    assert [root[0].text, root[1].text] == ["T", "D"]
    group = by_id(root, "g")
    assert group[0].text == "tip\nline"
    assert group[1].text == "ab\tc"
    assert group[1].get(XML_SPACE) == "preserve"
    link = next(el for el in root.iter() if tag(el) == "a")
    assert link.get("href") == "https://example.com/x"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "\x01\x02 \tjavascript:alert(1)",
        "java\tscript:alert(1)",
        "jav\nascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "DATA:image/svg+xml,<svg/>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "relative/page.html",
        "//evil.example/x",
        "ftp://example.com/",
        "http:",
        "",
        "   ",
        "\u00a0https://example.com/",
    ],
)
def test_unsafe_links_are_not_written(href: str) -> None:
    data = render_svg(linked(href))
    root = parse(data)
    assert not any(tag(el) == "a" for el in root.iter())
    assert not any("href" in key for el in root.iter() for key in el.attrib)
    lowered = data.lower()
    for word in (b"javascript", b"vbscript", b"data:text", b"file:", b"evil"):
        assert word not in lowered


@pytest.mark.parametrize(
    ("href", "written"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
        ("  https://example.com/  ", "https://example.com/"),
        ("\x00https://example.com/", "https://example.com/"),
        ("mailto:lead@example.com", "mailto:lead@example.com"),
        ("#role-y", "#role-y"),
        ("#elsewhere", "#elsewhere"),
    ],
)
def test_safe_links_are_written(href: str, written: str) -> None:
    root = parse(render_svg(linked(href)))
    links = [el for el in root.iter() if tag(el) == "a"]
    assert [el.attrib for el in links] == [{"href": written}]


def test_id_prefix_applies_to_every_id_and_internal_link() -> None:
    base_scene = sample_scene(href="#role-staff")
    extra = card("z", "Z", 0, 0, INK, href="#top")
    scene = base_scene._replace(
        root=base_scene.root._replace(children=(*base_scene.root.children, extra))
    )
    plain = parse(render_svg(scene))
    root = parse(render_svg(scene, id_prefix="m2-"))
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len([el for el in plain.iter() if el.get("id")]) > 8
    assert all(i and i.startswith("m2-") for i in ids)
    assert root.get("aria-labelledby") == "m2-title m2-desc"
    for ref in (root.get("aria-labelledby") or "").split():
        by_id(root, ref)
    hrefs = [el.get("href") for el in root.iter() if tag(el) == "a"]
    # a link to one of the map's own ids follows the rename; any other fragment is left alone
    assert hrefs == ["#m2-role-staff", "#top"]


@pytest.mark.parametrize("prefix", ["1a", "a b", 'a"b', "<x>", "é"])
def test_invalid_id_prefix_is_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        render_svg(sample_scene(), id_prefix=prefix)


def test_nothing_active_or_external() -> None:
    root = parse(render_svg(sample_scene()))
    allowed = {
        "svg",
        "title",
        "desc",
        "defs",
        "style",
        "rect",
        "g",
        "a",
        "text",
        "path",
        "polygon",
        "circle",
    }
    for el in root.iter():
        assert tag(el) in allowed
        for key, value in el.attrib.items():
            assert not key.lower().startswith("on")
            assert "url(" not in value
            assert "xlink" not in key
    assert "xmlns:xlink" not in render_svg(sample_scene()).decode()


def test_numbers_are_rounded_and_stable() -> None:
    scene = scene_with(
        Rect(
            1.23456,
            -0.001,
            10.1,
            9.999,
            Style(fill="#000000", stroke="#000000", stroke_width=0.3333, dash=(1.005, 2.0)),
        ),
        Circle(-0.004, 5.5, 2.0, Style(fill="#000000")),
    )
    root = parse(render_svg(scene))
    rect = [el for el in root.iter() if tag(el) == "rect"][1]
    assert [rect.get(k) for k in ("x", "y", "width", "height", "stroke-width")] == [
        "1.23",
        "0",
        "10.1",
        "10",
        "0.33",
    ]
    circle = next(el for el in root.iter() if tag(el) == "circle")
    assert (circle.get("cx"), circle.get("cy")) == ("0", "5.5")
    for el in root.iter():
        for key in ("x", "y", "width", "height", "cx", "cy", "r", "textLength"):
            value = el.get(key)
            if value is not None:
                assert re.fullmatch(r"-?(0|[1-9]\d*)(\.\d?[1-9])?", value), (key, value)


def test_empty_and_odd_primitives_do_not_break_the_document() -> None:
    scene = scene_with(
        Text(0, 0, "", 12, 0, INK),
        Polygon((), Style(fill="#000000")),
        Path((), Style(stroke="#000000", stroke_width=1)),
        Rect(0, 0, 10, 10, Style(stroke="#000000", stroke_width=0)),
        Group(children=()),
    )
    root = parse(render_svg(scene))
    assert not any(tag(el) == "text" for el in root.iter())
    rect = [el for el in root.iter() if tag(el) == "rect"][1]
    assert rect.get("fill") == "none"
    assert rect.get("stroke") is None


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="non-finite"):
        render_svg(scene_with(Rect(float("nan"), 0, 1, 1, Style())))


def test_forty_groups_render_in_milliseconds() -> None:
    cards = tuple(
        card(
            f"r{i}",
            f"Role number {i}",
            i * 3,
            i * 5,
            "#0072B2",
            tooltip=f"t{i}",
            href=f"https://example.com/{i}",
        )
        for i in range(40)
    )
    arrows = tuple(
        Path(
            (("M", (i, i)), ("Q", (i + 5, i), (i + 9, i + 9))),
            Style(stroke=INK, stroke_width=1.6, dash=(6, 4)),
        )
        for i in range(40)
    )
    heads = tuple(Polygon(((i, 0), (i + 4, 8), (i - 4, 8)), Style(fill=INK)) for i in range(40))
    scene = scene_with(*cards, *arrows, *heads)
    render_svg(scene)
    start = time.perf_counter()
    for _ in range(5):
        render_svg(scene)
    assert (time.perf_counter() - start) / 5 < 0.05


def test_svg_output_does_not_import_matplotlib() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from scenes import sample_scene\n"
        "from skillsmap.backends import render_svg\n"
        "render_svg(sample_scene())\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- helpers shared by both backends ----------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def _begin_group(self, group: Group) -> None:
        self.calls.append(f"<{group.id}>")

    def _end_group(self, group: Group) -> None:
        self.calls.append(f"</{group.id}>")

    def _draw_rect(self, rect: Rect) -> None:
        self.calls.append("rect")

    def _draw_circle(self, circle: Circle) -> None:
        self.calls.append("circle")

    def _draw_polygon(self, polygon: Polygon) -> None:
        self.calls.append("polygon")

    def _draw_path(self, path: Path) -> None:
        self.calls.append("path")

    def _draw_text(self, text: Text) -> None:
        self.calls.append(text.text)


def test_draw_walks_in_painter_order() -> None:
    style = Style(fill="#000000")
    scene = scene_with(
        Rect(0, 0, 1, 1, style),
        Group(
            children=(Circle(0, 0, 1, style), Group(children=(label(0, 0, "x"),), id="b")), id="a"
        ),
        Polygon(((0, 0), (1, 1), (1, 0)), style),
        Path((("M", (0, 0)), ("L", (1, 1))), style),
    )
    recorder = Recorder()
    base.draw(scene, recorder)
    assert recorder.calls == [
        "<map>",
        "rect",
        "<a>",
        "circle",
        "<b>",
        "x",
        "</b>",
        "</a>",
        "polygon",
        "path",
        "</map>",
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (-0.0, "0"),
        (-0.004, "0"),
        (1.0, "1"),
        (1.5, "1.5"),
        (1.25, "1.25"),
        (1.256, "1.26"),
        (-3.1, "-3.1"),
        (100, "100"),
        (1e-9, "0"),
        (123456.789, "123456.79"),
    ],
)
def test_num(value: float, text: str) -> None:
    assert base.num(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_num_round_trips_to_two_decimals(value: float) -> None:
    text = base.num(value)
    assert abs(float(text) - value) <= 0.005 + 1e-6
    assert text != "-0"
    assert not (("." in text) and text.endswith(("0", ".")))


@given(st.text())
def test_safe_href_only_lets_known_schemes_through(href: str) -> None:
    result = base.safe_href(href)
    if result is not None:
        assert result.startswith("#") or result.lower().startswith(base.SAFE_SCHEMES)
        assert not re.search("[\x00-\x20]", result[:1] + result[-1:])
        assert not re.search("[\t\n\r]", result)


@given(st.text(max_size=40))
def test_any_user_text_yields_well_formed_svg(s: str) -> None:
    scene = scene_with(
        Group(children=(label(5, 20, s or "x"),), id="g", title=s, href=s), title=s, description=s
    )
    root = parse(render_svg(scene))
    assert (root[0].text or "") == base.xml_text(s).replace("\r\n", "\n").replace("\r", "\n")
