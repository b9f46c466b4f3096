"""Whatever a spec contains, the SVG written for it is inert, self-contained and well-formed.

The "SVG output contract" (DESIGN.md) promises: text escaped, XML-illegal characters removed,
user text never in ``<style>``, only ``http:``, ``https:``, ``mailto:`` and ``#`` links, no
scripts, no event attributes, no external resources, XML-safe unique ids (prefixable, so several
maps can share one HTML page). Every output here is parsed with defusedxml (no DTD, no entities)
and walked by :func:`problems`, over a corpus of hand-written attacks in every user-text field
and over generated hostile specs, with text written as ``<text>`` and drawn as outlines.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as StdET
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as ET
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import skillsmap
from skillsmap.backends.base import glyph_text, xml_text
from skillsmap.backends.outline import text_outline
from skillsmap.backends.svg import render_svg
from skillsmap.cli import main
from skillsmap.examples import flagship
from skillsmap.layout import layout
from skillsmap.outputs.images import draw
from skillsmap.scene import Group, Rect, Scene, Style, Text

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Everything the SVG backend may write, text drawn as outlines included (plain <path>s, no
# <use>); anything else (script, foreignObject, image, use, animate, set, iframe...) fails.
ALLOWED_ELEMENTS = frozenset(
    {"svg", "title", "desc", "defs", "style", "rect", "circle", "polygon", "path", "text", "g", "a"}
)
FORBIDDEN_ELEMENTS = frozenset(
    {
        "script",
        "foreignObject",
        "iframe",
        "object",
        "embed",
        "image",
        "use",
        "feImage",
        "animate",
        "set",
        "animateMotion",
        "animateTransform",
        "handler",
        "listener",
        "audio",
        "video",
    }
)
SAFE_LINK = re.compile(r"(?i)(https?|mailto):\S")
# An XML name that can also be a URL fragment and a CSS identifier without escaping.
XML_SAFE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
FONT_DATA = re.compile(r'url\("data:;base64,[A-Za-z0-9+/]*={0,2}"\)')
DIAGNOSTIC_LINE = re.compile(r"^[^\n]+?:(\d+:\d+:)? (error|warning): [^\n]+$")


def local(name: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        ns, _, rest = name[1:].partition("}")
        return ns, rest
    return "", name


def parse(data: bytes) -> StdET.Element:
    """The document, refusing any DTD, entity declaration or external reference."""
    root: StdET.Element = ET.fromstring(
        data, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    return root


def stylesheet(root: StdET.Element) -> str:
    styles = [el for el in root.iter() if local(el.tag)[1] == "style"]
    assert len(styles) == 1
    return styles[0].text or ""


# Fonts found for characters DejaVu Sans lacks get generated family names, and the text rule
# lists them; nothing else may differ from a plain map's stylesheet.
FALLBACK_RULE = re.compile(
    r"@font-face\{font-family:skillsmap-sans-\d+;font-weight:400 700;"
    r'src:url\("data:;base64,FONT"\);\}'
    r'|text\{font-family:skillsmap-sans(,skillsmap-sans-\d+)+,"DejaVu Sans",sans-serif;\}'
)


def css_skeleton(css: str) -> str:
    """The stylesheet with the embedded font data blanked out (it depends on the glyphs used)."""
    return FONT_DATA.sub('url("data:;base64,FONT")', css)


def problems(data: bytes, markers: tuple[str, ...] = ()) -> list[str]:
    """Every way ``data`` breaks the SVG safety contract (empty when it keeps it).

    ``markers`` are strings planted in the spec's text: they may appear as text content, never
    in an attribute (except an ``<a href>``, which is vetted separately) nor in ``<style>``.
    """
    out = _raw_problems(data)
    root = parse(data)
    ids = [el.get("id") for el in root.iter() if el.get("id") is not None]
    id_set = set(ids)
    if len(ids) != len(id_set):
        out.append(f"duplicate ids: {sorted(i for i in id_set if ids.count(i) > 1)}")
    out += [f"id not XML-safe: {i!r}" for i in ids if i is None or not XML_SAFE_ID.fullmatch(i)]
    for el in root.iter():
        out += _element_problems(el, id_set, markers)
    for ref in (root.get("aria-labelledby") or "").split():
        if ref not in id_set:
            out.append(f"aria-labelledby names a missing id: {ref!r}")
    return out


def _raw_problems(data: bytes) -> list[str]:
    """What the bytes show before parsing: declarations, scripts, stray CDATA ends."""
    lowered = data.lower()
    out = [
        f"raw output contains {needle!r}"
        for needle in (b"<!doctype", b"<!entity", b"<script", b"<?xml-stylesheet", b"<foreign")
        if needle in lowered
    ]
    if data.count(b"]]>") != data.count(b"<![CDATA["):
        out.append("a ']]>' outside our own CDATA section")
    return out


def _element_problems(
    el: StdET.Element, id_set: set[str | None], markers: tuple[str, ...]
) -> list[str]:
    """One element's breaches: its name, each attribute, and a stylesheet's rules."""
    out: list[str] = []
    ns, name = local(el.tag)
    if ns != SVG_NS:
        out.append(f"element outside the SVG namespace: {el.tag}")
    if name in FORBIDDEN_ELEMENTS or name not in ALLOWED_ELEMENTS:
        out.append(f"forbidden element <{name}>")
    for key, value in el.attrib.items():
        out += _attribute_problems(name, key, value, id_set, markers)
    if name == "style":
        css = el.text or ""
        rules = [r for r in css_skeleton(css).split("\n") if r]
        ours = all(r in PLAIN_CSS or FALLBACK_RULE.fullmatch(r) for r in rules)
        if not ours or len(rules) != len(set(rules)) or not rules:
            out.append(f"stylesheet differs from ours: {css_skeleton(css)[:200]!r}")
        out += [f"marker {m!r} in <style>" for m in markers if m in css]
    return out


def _attribute_problems(
    name: str, key: str, value: str, id_set: set[str | None], markers: tuple[str, ...]
) -> list[str]:
    """One attribute's breaches: events, styles, links, labels, urls and planted markers."""
    attr_ns, attr = local(key)
    out: list[str] = []
    if attr.lower().startswith("on"):
        out.append(f"event attribute {attr}={value!r} on <{name}>")
    if attr == "style":
        out.append(f"style attribute on <{name}>: {value!r}")
    if attr == "href":
        if name != "a" or attr_ns not in ("", XLINK_NS):
            out.append(f"href on <{name}>: {value!r}")
        elif value.startswith("#"):
            if value[1:] not in id_set:
                out.append(f"link to a missing id: {value!r}")
        elif not SAFE_LINK.match(value):
            out.append(f"unsafe link {value!r}")
        return out
    if attr == "aria-label":
        # The string an outlined text shows: escaped plain text, read by no parser.
        return out if name == "path" else [*out, f"aria-label on <{name}>: {value!r}"]
    if "url(" in value.lower():
        out.append(f"url() in {attr} of <{name}>: {value!r}")
    return out + [f"marker {m!r} in {attr} of <{name}>" for m in markers if m in value]


def plain_css() -> frozenset[str]:
    """The rules (font faces, text rule) of our stylesheet, for a map with plain text only.

    One rule per line: user text would have to hold a line break to pass as one of them.
    """
    m = skillsmap.loads(
        "title: Plain\ntracks: {ic: {label: IC}}\nlevels: []\n"
        "roles: [{id: a, title: A, track: ic, soft: 1, hard: 1}]\n"
    )
    css = css_skeleton(stylesheet(parse(draw(layout(m).scene, "svg"))))
    rules = frozenset(css.split("\n")) - {""}
    assert len(rules) == 3  # regular and bold font faces, and the rule for <text>
    return rules


PLAIN_CSS = plain_css()


def normalised(text: str) -> str:
    """``text`` as an XML parser gives it back: illegal characters gone, line ends as \\n."""
    return xml_text(text).replace("\r\n", "\n").replace("\r", "\n")


# --- the hand-written corpus -----------------------------------------------------------------

HOSTILE = [
    "<script>alert('MARK-a')</script>",
    "<SCRIPT SRC=//evil.example/MARK-b.js></SCRIPT>",
    "]]><script>MARK-c</script><![CDATA[",
    "</style><script>MARK-d</script><style>",
    "</title></g></svg><svg onload=alert('MARK-e')>",
    "\"'><img src=x onerror=alert('MARK-f')>",
    "' onmouseover='MARK-g' x='",
    '" onclick="MARK-h',
    "&lt;script&gt;MARK-i&lt;/script&gt;",
    "&#x3C;script&#x3E;MARK-j &#60;/script&#62;",
    "&amp;lt; &unknown; &#0; &#xD800; MARK-k",
    '<!DOCTYPE l [<!ENTITY a "MARK-l"><!ENTITY b "&a;&a;&a;&a;">]>&b;&b;&b;',
    "<?xml-stylesheet href='http://evil.example/MARK-m.css'?>",
    "@import url(http://evil.example/MARK-n.css); } text { fill: url(#x) }",
    "url(http://evil.example/MARK-o.png) expression(alert(1))",
    "<foreignObject><iframe src='javascript:MARK-p'></iframe></foreignObject>",
    "<image href='http://evil.example/MARK-q.png'/><use xlink:href='http://evil.example/x#y'/>",
    "javascript:alert('MARK-r')",
    "data:text/html;base64,PHNjcmlwdD4=MARK-s",
    "controls \x01\x02\x08\x0b\x0c\x0e\x1b\x1f MARK-t \x7f\x85\x9f\ufffe\uffff end",
    "nul \x00 MARK-u",
    "\u202eMARK-v reversed \u202c and \u200b zero width \ufeff bom",
    "tab\tnew\nline\r\ncr MARK-w\u2028\u2029",
    "<![CDATA[ MARK-x ]]> <!-- comment --> <?pi MARK-x?>",
    "{{MARK-y}} ${MARK-y} %(MARK-y)s \\x3cscript\\x3e",
    "<a href='javascript:MARK-z'>click</a><animate attributeName=href to=javascript:1 />",
]
MARKERS = tuple(sorted({m for s in HOSTILE for m in re.findall(r"MARK-[a-z]", s)}))
HOSTILE_URLS = [
    "https://example.com/?q=\"><script>alert('MARK-a')</script>",
    "http://example.com/path'onmouseover='MARK-g",
    "mailto:lead@example.com?subject=<script>MARK-a</script>&body=]]>",
    "HTTPS://EXAMPLE.COM/a b&c=<d>",
]


def spec_everywhere(text: str, url: str | None = None) -> dict[str, Any]:
    """A valid spec with ``text`` in every user-text field, and ``url`` on a role."""
    role_a: dict[str, Any] = {
        "id": "a",
        "title": text,
        "track": "ic",
        "level": "L5",
        "soft": 1,
        "hard": 1,
        "description": text,
        "aliases": {text: text, "acme": text},
    }
    if url is not None:
        role_a["url"] = url
    return {
        "title": text,
        "subtitle": text,
        "note": text,
        "axes": {"soft": {"label": text}, "hard": {"label": text}},
        "tracks": {"ic": {"label": text}, "mgmt": {"label": text, "color": "#D55E00"}},
        "levels": [{"id": "L5", "label": text}, {"id": "L6"}],
        "roles": [
            role_a,
            {"id": "b", "title": text, "track": "mgmt", "level": "L5", "soft": 4, "hard": 2},
            {"id": "c", "title": "C", "track": "ic", "level": "L6", "soft": 2, "hard": 7},
            {"id": "d", "title": text, "track": "mgmt", "level": "L6", "soft": 8, "hard": 8},
        ],
        "moves": [
            {"from": "a", "to": "b", "kind": "lateral", "label": text},  # on the arrow
            {"from": "a", "to": "c", "label": text},  # shared by both promotions:
            {"from": "b", "to": "d", "label": text},  # said once, in the legend
        ],
    }


def load_spec(data: dict[str, Any]) -> skillsmap.SkillsMap:
    return skillsmap.loads(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def roles_by_id(root: StdET.Element, prefix: str = "") -> dict[str, StdET.Element]:
    """Role groups by role id (``<g class="role ..." id="PREFIXrole-ID">``)."""
    head = f"{prefix}role-"
    out = {}
    for el in root.iter():
        if local(el.tag)[1] == "g" and "role" in (el.get("class") or "").split():
            ident = el.get("id", "")
            assert ident.startswith(head), ident
            out[ident[len(head) :]] = el
    return out


def tooltip(group: StdET.Element) -> str:
    first = group[0]
    assert local(first.tag)[1] == "title"
    return first.text or ""


def check_map(
    m: skillsmap.SkillsMap,
    markers: tuple[str, ...] = (),
    prefix: str = "",
    *,
    text_to_path: bool = False,
) -> bytes:
    """Render ``m`` as SVG, assert the contract, and that the user's text is kept, escaped."""
    scene = layout(m).scene
    if text_to_path:
        data = render_svg(scene, id_prefix=prefix, text_to_path=True)
    else:
        data = draw(scene, "svg", id_prefix=prefix)
    assert problems(data, markers) == []
    root = parse(data)
    if text_to_path:
        assert {local(el.tag)[1] for el in root.iter()}.isdisjoint({"text", "style"})
        labels = [el.get("aria-label") for el in root.iter() if el.get("aria-label") is not None]
        # Every text that inks something (not blank, not only invisible format characters).
        inked = [
            glyph_text(n.text)
            for n, _ in scene.walk()
            if isinstance(n, Text) and text_outline(n, glyph_text(n.text))
        ]
        assert labels == inked
    title = root.find(f"{{{SVG_NS}}}title")
    assert title is not None
    assert title.text == normalised(m.title)
    groups = roles_by_id(root, prefix)
    assert set(groups) == {r.id for r in m.roles}
    for role in m.roles:
        assert tooltip(groups[role.id]).startswith(normalised(role.title))
    return data


@pytest.mark.parametrize("text_to_path", [False, True], ids=["text", "outlines"])
@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_text_in_every_field_stays_text(text: str, text_to_path: bool) -> None:
    m = load_spec(spec_everywhere(text))
    data = check_map(m, MARKERS, text_to_path=text_to_path)
    root = parse(data)
    # Escaped, not dropped: the planted text reads back verbatim (bar XML-illegal characters).
    role_a = roles_by_id(root)["a"]
    assert normalised(text.strip()) in tooltip(role_a)
    labels = [el.get("aria-label", "") for el in root.iter()]
    everything = "".join(root.itertext()) + "".join(labels)
    for marker in MARKERS:
        if marker in text:
            assert marker in everything


@pytest.mark.parametrize("text_to_path", [False, True], ids=["text", "outlines"])
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_but_allowed_urls_are_escaped_in_the_link(url: str, text_to_path: bool) -> None:
    m = load_spec(spec_everywhere("Role", url=url))
    data = check_map(m, MARKERS, text_to_path=text_to_path)
    links = [el for el in parse(data).iter() if local(el.tag)[1] == "a"]
    assert [el.get("href") for el in links] == [url]
    assert [set(el.attrib) for el in links] == [{"href"}]  # no target, no event, no xlink


def test_hostile_corpus_in_png_and_pdf_draws_and_links_only_safe_urls() -> None:
    # One map holding the whole corpus, a different attack in each field.
    data = spec_everywhere("x", url=HOSTILE_URLS[0])
    fields = [
        ("title",),
        ("subtitle",),
        ("note",),
        ("axes", "soft", "label"),
        ("axes", "hard", "label"),
        ("tracks", "ic", "label"),
        ("tracks", "mgmt", "label"),
        ("levels", 0, "label"),
        ("roles", 0, "title"),
        ("roles", 0, "description"),
        ("roles", 1, "title"),
        ("roles", 3, "title"),
        ("moves", 0, "label"),
        ("moves", 1, "label"),
        ("moves", 2, "label"),
    ]
    for i, loc in enumerate(fields):
        parent: Any = data
        for part in loc[:-1]:
            parent = parent[part]
        parent[loc[-1]] = HOSTILE[i % len(HOSTILE)]
    m = load_spec(data)
    scene = layout(m).scene
    assert problems(draw(scene, "svg"), MARKERS) == []
    assert draw(scene, "png", dpi=48).startswith(b"\x89PNG")
    pdf = draw(scene, "pdf")
    uris = re.findall(rb"/URI \((.*?)\)\s*>>", pdf)
    assert uris, "the role's link should survive into the PDF"
    for uri in uris:
        assert re.match(rb"(?i)(https?|mailto):", uri), uri
    assert b"/JavaScript" not in pdf
    assert b"/JS " not in pdf
    assert b"/Launch" not in pdf


# --- links the model refuses, and the backend's own vetting -----------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "relative/page.html",
        "#role-b",
    ],
)
def test_model_refuses_other_url_schemes_with_a_located_error(url: str) -> None:
    text = yaml.safe_dump(spec_everywhere("Role", url=url), sort_keys=False)
    with pytest.raises(skillsmap.SpecError) as info:
        skillsmap.loads(text, "map.yaml")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.lstrip().startswith("url:"))
    errors = [d.format() for d in info.value.errors]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"map.yaml:{line}:")
    assert "roles[0].url: " in errors[0]
    assert "http:, https: or mailto:" in errors[0]
    assert "\n" not in errors[0] and "\t" not in errors[0]


def hostile_link_scene(href: str, title: str = "t") -> Scene:
    card = Group(
        children=(
            Rect(10, 10, 80, 30, Style("#ffffff", "#0072B2", 1.5), 6),
            Text(20, 30, title, 13, 10, "#1f2328"),
        ),
        id="role-x",
        classes=("role", "track-ic"),
        title=title,
        href=href,
    )
    target = Group(children=(Rect(100, 10, 80, 30, Style("#ffffff")),), id="role-b")
    return Scene(200, 60, title, "d", "#ffffff", Group(children=(card, target)))


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "\x01javascript:alert(1)",
        "java\tscr\nipt:alert(1)",
        "javascript&colon;alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "relative/page.html",
        "https:",
        "\u00a0https://example.com",
    ],
)
def test_backend_drops_hostile_hrefs_that_bypass_the_model(href: str) -> None:
    # A scene built directly (a plugin, a future layout bug) still cannot smuggle a link out.
    data = render_svg(hostile_link_scene(href))
    assert problems(data) == []
    assert problems(render_svg(hostile_link_scene(href), text_to_path=True)) == []
    root = parse(data)
    assert not [el for el in root.iter() if local(el.tag)[1] == "a"]
    assert not [k for el in root.iter() for k in el.attrib if "href" in k]


@pytest.mark.parametrize(
    ("href", "written"),
    [
        ("#role-b", "#role-b"),
        (" https://example.com/x ", "https://example.com/x"),
        ("\ud800https://example.com/", "https://example.com/"),  # the surrogate is dropped
    ],
)
def test_backend_keeps_safe_hrefs(href: str, written: str) -> None:
    data = render_svg(hostile_link_scene(href))
    assert problems(data) == []
    links = [el for el in parse(data).iter() if local(el.tag)[1] == "a"]
    assert [el.get("href") for el in links] == [written]


@pytest.mark.parametrize(
    "role_id",
    ['a"b', "a b", "<x>", "a:b", "é", "a/b", "a#b", "-" * 65, ""],
)
def test_ids_that_could_break_the_svg_are_refused(role_id: str) -> None:
    data = spec_everywhere("Role")
    data["roles"][2]["id"] = role_id
    with pytest.raises(skillsmap.SpecError) as info:
        load_spec(data)
    assert info.value.errors
    assert all(DIAGNOSTIC_LINE.match(d.format()) for d in info.value.diagnostics)


# --- id prefixes: several maps in one page ---------------------------------------------------


def ids_and_refs(data: bytes) -> tuple[set[str], list[str]]:
    root = parse(data)
    ids = {el.get("id", "") for el in root.iter() if el.get("id") is not None}
    refs = (root.get("aria-labelledby") or "").split()
    refs += [el.get("href", "")[1:] for el in root.iter() if el.get("href", "").startswith("#")]
    return ids, refs


def test_flagship_drawn_as_outlines_keeps_the_contract() -> None:
    m = skillsmap.load(flagship())
    data = check_map(m, prefix="map-", text_to_path=True)
    root = parse(data)
    assert not [el for el in root.iter() if local(el.tag)[1] in ("defs", "style", "use")]
    assert b"url(" not in data and b"@font-face" not in data


def test_two_prefixed_maps_have_disjoint_ids_and_resolvable_references() -> None:
    m = skillsmap.load(flagship())
    scene = layout(m).scene
    first, second = draw(scene, "svg", id_prefix="mapA-"), draw(scene, "svg", id_prefix="mapB_")
    ids_a, refs_a = ids_and_refs(first)
    ids_b, refs_b = ids_and_refs(second)
    assert len(ids_a) > 20
    assert ids_a.isdisjoint(ids_b)
    assert all(i.startswith("mapA-") for i in ids_a)
    assert all(i.startswith("mapB_") for i in ids_b)
    assert refs_a and set(refs_a) <= ids_a
    assert refs_b and set(refs_b) <= ids_b
    assert problems(first) == [] and problems(second) == []
    # Unprefixed, the same map shares every id with itself: that is what the prefix is for.
    plain_ids, _ = ids_and_refs(draw(scene, "svg"))
    assert {i.removeprefix("mapA-") for i in ids_a} == plain_ids


def test_prefixed_internal_links_follow_their_target() -> None:
    scene = hostile_link_scene("#role-b")
    for prefix in ("p1-", "p2-"):
        data = render_svg(scene, id_prefix=prefix)
        assert problems(data) == []
        ids, refs = ids_and_refs(data)
        assert f"{prefix}role-b" in refs
        assert set(refs) <= ids


def test_cli_id_prefix_option(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for prefix in ("one-", "two-"):
        out = tmp_path / f"{prefix}map.svg"
        result = runner.invoke(
            main, ["render", str(flagship()), "-o", str(out), "--id-prefix", prefix]
        )
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    (ids_a, refs_a), (ids_b, refs_b) = map(ids_and_refs, outputs)
    assert ids_a.isdisjoint(ids_b)
    assert set(refs_a) <= ids_a and set(refs_b) <= ids_b


@pytest.mark.parametrize("prefix", ["1x", "a b", "<x>", 'a"', "é-"])
def test_cli_refuses_a_prefix_that_is_not_an_xml_name(tmp_path: Path, prefix: str) -> None:
    result = CliRunner().invoke(
        main, ["render", str(flagship()), "-o", str(tmp_path), "--id-prefix", prefix]
    )
    assert result.exit_code == 2
    assert "--id-prefix" in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


# --- generated hostile specs -----------------------------------------------------------------

FRAGMENTS = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "]]>",
    "<![CDATA[",
    "</style>",
    "<script>",
    "</title>",
    "<!--",
    "-->",
    "&lt;",
    "&#x3C;",
    "&#0;",
    "&a;",
    "<!ENTITY a 'x'>",
    " onload=",
    "javascript:",
    "url(",
    "@import",
    "\x00",
    "\x01",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufffe",
    "\uffff",
    "\u202e",
    "\ud800",
    "\udfff",
    "\U0001f600",
    "e\u0301\u0302\u0303",
    "\u0645\u0647\u0646\u062f\u0633",
    "\u05de\u05d4\u05e0\u05d3\u05e1",
    "\u5de5\u7a0b\u5e08",
    "\t",
    "\r\n",
    "  ",
]
# Text of any code point (controls, surrogates, noncharacters...) or without the surrogates
# that no YAML file can carry, so that most generated specs load and are drawn.
SURROGATES = ("\ud800", "\udfff")


def text_strategy(surrogates: bool) -> st.SearchStrategy[str]:
    chars = st.characters(exclude_categories=() if surrogates else ("Cs",))
    pieces = FRAGMENTS if surrogates else [f for f in FRAGMENTS if f not in SURROGATES]
    return st.tuples(
        st.text(chars, max_size=12),
        st.lists(st.sampled_from(pieces), min_size=1, max_size=4),
        st.text(chars, max_size=12),
        st.booleans(),
    ).map(lambda t: (t[0] + "".join(t[1]) + t[2]) if t[3] else ("".join(t[1]) + t[0] + t[2]))


@st.composite
def hostile_specs(draw_: st.DrawFn) -> tuple[str, str, bool]:
    """A small valid spec with hostile text in every text field, dumped as YAML; a prefix; and
    whether its text is drawn as outlines."""
    hostile_text = text_strategy(surrogates=draw_(st.integers(0, 9)) == 0)
    t = lambda: draw_(hostile_text)  # noqa: E731
    shared = t()
    url = draw_(st.one_of(st.none(), hostile_text.map(lambda s: "https://example.com/" + s)))
    role_a: dict[str, Any] = {
        "id": "a",
        "title": t(),
        "track": "ic",
        "level": "L5",
        "soft": 1,
        "hard": 1,
        "description": t(),
        "aliases": {t(): t()},
    }
    if url is not None:
        role_a["url"] = url
    data = {
        "title": t(),
        "subtitle": t(),
        "note": t(),
        "axes": {"soft": {"label": t()}, "hard": {"label": t()}},
        "tracks": {"ic": {"label": t()}, "mgmt": {"label": t()}},
        "levels": [{"id": "L5", "label": t()}],
        "roles": [
            role_a,
            {"id": "b", "title": t(), "track": "mgmt", "level": "L5", "soft": 5, "hard": 3},
            {"id": "c", "title": t(), "track": "ic", "soft": 8, "hard": 8},
        ],
        "moves": [
            {"from": "a", "to": "b", "kind": "lateral", "label": t()},
            {"from": "a", "to": "c", "label": shared},
            {"from": "b", "to": "c", "label": shared},
        ],
    }
    text = yaml.safe_dump(data, allow_unicode=draw_(st.booleans()), sort_keys=False)
    return text, draw_(st.sampled_from(["", "m1-", "x_"])), draw_(st.booleans())


def test_a_label_that_draws_nothing_is_outlined_safely() -> None:
    """A label of only U+0000 (dropped from XML) once broke the outline writer; found by
    the generated test below."""
    labels = "".join(
        f"- from: {a}\n  to: {b}\n  label: {label}\n"
        for a, b, label in (("a", "b", '"\\0"'), ("a", "c", "<"), ("b", "c", "<"))
    )
    text = (
        "title: <\nsubtitle: <\nnote: <\naxes:\n  soft:\n    label: <\n  hard:\n    label: <\n"
        "tracks:\n  ic:\n    label: <\n  mgmt:\n    label: <\nlevels:\n- id: L5\n  label: <\n"
        "roles:\n- {id: a, title: <, track: ic, level: L5, soft: 1, hard: 1, description: <,"
        " aliases: {<: <}}\n- {id: b, title: <, track: mgmt, level: L5, soft: 5, hard: 3}\n"
        "- {id: c, title: <, track: ic, soft: 8, hard: 8}\nmoves:\n" + labels
    )
    check_map(skillsmap.loads(text, "gen.yaml"), prefix="", text_to_path=True)


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hostile_specs())
def test_generated_hostile_specs_render_safe_svg(case: tuple[str, str, bool]) -> None:
    text, prefix, text_to_path = case
    try:
        m = skillsmap.loads(text, "gen.yaml")
    except skillsmap.SpecError as exc:
        event(f"refused by the loader: {exc.errors[0].message.split(':')[-1][:30]}")
        # Refused (a lone surrogate, a blank value...): then cleanly, one line per problem.
        assert exc.errors
        for d in exc.diagnostics:
            assert d.path == "gen.yaml"
            assert DIAGNOSTIC_LINE.match(d.format()), d.format()
        return
    event("rendered as outlines" if text_to_path else "rendered")
    check_map(m, prefix=prefix, text_to_path=text_to_path)
