"""Any script, any length: text never breaks the layout, and shortened text keeps its full form.

Right-to-left scripts, CJK, combining marks and emoji are laid out without errors, every text
stays inside its card, box and canvas, and characters the bundled font lacks are reported once,
located at the text that holds them. Text too long for its place is wrapped or shortened with
an ellipsis, and the full text then survives as the tooltip (the ``<title>``) of its group.

Geometry is checked on the scene (``Text`` boxes from the font's ascent and descent, rotation
included), tooltips on the SVG.
"""

from __future__ import annotations

import math
import warnings
import xml.etree.ElementTree as StdET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as ET
import pytest
import yaml
from click.testing import CliRunner

import skillsmap
from skillsmap import fonts, render
from skillsmap.cli import main
from skillsmap.fonts import ascent, descent, missing_glyphs, text_width
from skillsmap.layout import layout
from skillsmap.layout.text import ELLIPSIS
from skillsmap.outputs.images import draw
from skillsmap.pipeline import map_warnings
from skillsmap.scene import Group, Rect, Scene, Text
from skillsmap.theme import LIGHT

SVG = "{http://www.w3.org/2000/svg}"
TOLERANCE = 0.5  # px: coordinates are rounded to 0.01, widths measured to ~0.01

SCRIPTS = {
    "arabic": "مهندس برمجيات أول",
    "hebrew": "מהנדסת תוכנה בכירה",
    "mixed-bidi": "Senior مهندس (L5) \u2013 מהנדס 2",
    "chinese": "高级软件工程师",
    "japanese": "シニアエンジニア",
    "korean": "선임 소프트웨어 엔지니어",
    "combining": "Ingénieur̃ Z̴̡͎a̷l̶g̸o̵ e\u0301\u0302\u0303\u0304",
    "emoji": "Engineer 👩\u200d💻 🦄 🇫🇷 👍🏽",
    "thai": "วิศวกรอาวุโส",
    "devanagari": "वरिष्ठ अभियंता",
    "zero-width": "Zero\u200bwidth\u200cjoin\u200dand\ufeffbom",
    "fullwidth": "\uff33\uff25\uff2e\uff29\uff2f\uff32\u3000\uff25\uff2e\uff27",
}


# --- helpers ----------------------------------------------------------------------------------


def text_corners(t: Text) -> list[tuple[float, float]]:
    """The corners of ``t``'s box: its advance (``length``) by the font's ascent and descent."""
    start = {"start": 0.0, "middle": -t.length / 2, "end": -t.length}[t.anchor]
    up, down = ascent(t.size, t.weight), descent(t.size, t.weight)
    angle = math.radians(t.rotate)  # counter-clockwise on screen, y grows downward
    ux, uy = math.cos(angle), -math.sin(angle)
    nx, ny = math.sin(angle), math.cos(angle)
    return [
        (t.x + ux * along + nx * across, t.y + uy * along + ny * across)
        for along in (start, start + t.length)
        for across in (-up, down)
    ]


def inside(t: Text, x0: float, y0: float, x1: float, y1: float) -> bool:
    return all(
        x0 - TOLERANCE <= x <= x1 + TOLERANCE and y0 - TOLERANCE <= y <= y1 + TOLERANCE
        for x, y in text_corners(t)
    )


def texts_of(group: Group) -> list[Text]:
    out: list[Text] = []
    for child in group.children:
        if isinstance(child, Text):
            out.append(child)
        elif isinstance(child, Group):
            out += texts_of(child)
    return out


def groups(scene: Scene, css_class: str) -> list[Group]:
    return [n for n, _ in scene.walk() if isinstance(n, Group) and css_class in n.classes]


def layout_problems(scene: Scene) -> list[str]:
    """Texts that leave their card, level box or the canvas, or were not measured as drawn."""
    out: list[str] = []
    for node, _ in scene.walk():
        if not isinstance(node, Text):
            continue
        if not inside(node, 0, 0, scene.width, scene.height):
            out.append(f"text leaves the {scene.width}x{scene.height} canvas: {node.text[:40]!r}")
        measured = text_width(node.text, node.size, node.weight)
        if abs(node.length - measured) > 0.02:
            out.append(f"text drawn {node.length} wide but measures {measured}: {node.text[:40]!r}")
    for kind in ("role", "level"):
        for group in groups(scene, kind):
            box = next(c for c in group.children if isinstance(c, Rect))
            for t in texts_of(group):
                if not inside(t, box.x, box.y, box.x + box.width, box.y + box.height):
                    out.append(f"text leaves its {kind} box {group.id}: {t.text[:40]!r}")
    return out


def base_spec() -> dict[str, Any]:
    return {
        "title": "Robustness",
        "subtitle": "Every script",
        "note": "A note.",
        "axes": {"soft": {"label": "Soft skills"}, "hard": {"label": "Hard skills"}},
        "tracks": {"ic": {"label": "IC"}, "mgmt": {"label": "Management"}},
        "levels": [{"id": "L5", "label": "L5"}, {"id": "L6", "label": "L6"}],
        "roles": [
            {"id": "a", "title": "A", "track": "ic", "level": "L5", "soft": 1, "hard": 1},
            {"id": "b", "title": "B", "track": "mgmt", "level": "L5", "soft": 4, "hard": 2},
            {"id": "c", "title": "C", "track": "ic", "level": "L6", "soft": 3, "hard": 7},
            {"id": "d", "title": "D", "track": "mgmt", "soft": 8, "hard": 8},
        ],
        "moves": [
            {"from": "a", "to": "b", "kind": "lateral", "label": "1 year"},
            {"from": "a", "to": "c", "label": "2 to 3 years"},
            {"from": "c", "to": "d"},
        ],
    }


def spec_text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def load(data: dict[str, Any]) -> skillsmap.SkillsMap:
    return skillsmap.loads(spec_text(data), "map.yaml")


def svg_root(scene: Scene) -> StdET.Element:
    root: StdET.Element = ET.fromstring(draw(scene, "svg"), forbid_dtd=True)
    return root


def svg_group(root: StdET.Element, ident: str) -> StdET.Element:
    found = [el for el in root.iter() if el.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


def tooltip(el: StdET.Element) -> str | None:
    first = el[0] if len(el) else None
    return first.text if first is not None and first.tag == f"{SVG}title" else None


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# --- scripts -----------------------------------------------------------------------------------


def every_field(data: dict[str, Any], text: str) -> dict[str, Any]:
    """``data`` with ``text`` in every drawn field, the roles' titles included."""
    data["title"] = data["subtitle"] = data["note"] = text
    data["axes"]["soft"]["label"] = data["axes"]["hard"]["label"] = text
    data["tracks"]["ic"]["label"] = text
    data["levels"][0]["label"] = text
    for role in data["roles"][:3]:
        role["title"] = text
    data["roles"][0]["description"] = text
    data["roles"][0]["aliases"] = {"acme": text}
    data["moves"][0]["label"] = text
    return data


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_script_in_every_field_lays_out_inside_its_boxes(script: str) -> None:
    text = SCRIPTS[script]
    m = load(every_field(base_spec(), text))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no font or shaping warning escapes either
        laid = layout(m)
        svg = draw(laid.scene, "svg")
    assert layout_problems(laid.scene) == []
    root = ET.fromstring(svg, forbid_dtd=True)
    # The card shows the title (it fits), the tooltip holds it whole.
    card = svg_group(root, "role-a")
    assert tooltip(card) is not None and tooltip(card).startswith(text)
    shown = " ".join(el.text or "" for el in card.iter(f"{SVG}text"))
    assert shown == " ".join(text.split())


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine where fontconfig finds no font: DejaVu Sans is the only one."""
    monkeypatch.setattr(fonts, "_fc_run", lambda args: "")
    fonts.forget_fontconfig()
    yield
    monkeypatch.undo()
    fonts.forget_fontconfig()


@pytest.mark.usefixtures("no_fallback")
def test_all_scripts_in_one_map_in_every_format(tmp_path: Path) -> None:
    data = base_spec()
    names = sorted(SCRIPTS)
    for i, role in enumerate(data["roles"]):
        role["title"] = SCRIPTS[names[i]]
    data["roles"] += [
        {"id": f"s{i}", "title": SCRIPTS[name], "track": "ic", "soft": i % 10, "hard": 5}
        for i, name in enumerate(names[4:])
    ]
    data["tracks"]["ic"]["label"] = SCRIPTS["arabic"]
    data["tracks"]["mgmt"]["label"] = SCRIPTS["hebrew"]
    data["levels"][0]["label"] = SCRIPTS["korean"]
    data["moves"][0]["label"] = SCRIPTS["mixed-bidi"]
    data["note"] = " · ".join(SCRIPTS.values())
    path = tmp_path / "scripts.yaml"
    path.write_text(spec_text(data), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's glyph warnings must not leak out
        result = render(path, tmp_path / "out", formats=["svg", "png", "pdf"], dpi=48)
    assert [p.suffix for p in result.files] == [".svg", ".png", ".pdf"]
    m = skillsmap.load(path)
    assert layout_problems(layout(m).scene) == []
    # DejaVu Sans lacks CJK, Thai, Devanagari and most emoji, and no other font is installed:
    # one warning per text that uses them.
    glyphs = [d for d in result.warnings if "has a glyph" in d.message]
    lacking = {f"role '{r.id}'" for r in m.roles if missing_glyphs(r.title)}
    assert lacking >= {"role 'b'", "role 's1'"}  # Chinese, Thai...
    assert {d.message.split(":")[0] for d in glyphs} == lacking | {"level 'L5'", "note"}
    assert all(d.mark is not None and d.severity == "warning" for d in glyphs)


# --- missing glyphs: the warning, its wording and its place ------------------------------------


@pytest.mark.usefixtures("no_fallback")
def test_missing_glyph_warning_names_the_role_and_points_at_its_title() -> None:
    data = base_spec()
    data["roles"][2]["title"] = "Lead 高级工程师 🦄"
    text = spec_text(data)
    m = skillsmap.loads(text, "map.yaml")
    found = [d for d in map_warnings(m, layout(m)) if "glyph" in d.message]
    assert [d.format() for d in found] == [
        f"map.yaml:{line_of(text, 'Lead')}:10: warning: role 'c': no font has a glyph for "
        "'高' (U+9AD8), '级' (U+7EA7), '工' (U+5DE5), '程' (U+7A0B), '师' (U+5E08) and 1 more; "
        "PNG and PDF show a placeholder box (give a font that has it with --font)"
    ]


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize(
    ("field", "where", "name"),
    [
        (("title",), "title", "title"),
        (("subtitle",), "subtitle", "subtitle"),
        (("note",), "note", "note"),
        (("axes", "soft", "label"), "label", "axes.soft.label"),
        (("tracks", "mgmt", "label"), "label", "track 'mgmt'"),
        (("levels", 1, "label"), "label", "level 'L6'"),
        (("moves", 1, "label"), "label", "move 'a' -> 'c'"),
    ],
)
def test_missing_glyph_warning_for_every_drawn_field(
    field: tuple[Any, ...], where: str, name: str
) -> None:
    data = base_spec()
    parent: Any = data
    for part in field[:-1]:
        parent = parent[part]
    parent[field[-1]] = "Paths 工程"
    text = spec_text(data)
    m = skillsmap.loads(text, "map.yaml")
    found = [d for d in map_warnings(m, layout(m)) if "glyph" in d.message]
    assert len(found) == 1
    d = found[0]
    assert d.message == (
        f"{name}: no font has a glyph for '工' (U+5DE5), '程' (U+7A0B); "
        "PNG and PDF show a placeholder box (give a font that has it with --font)"
    )
    line = line_of(text, "Paths 工程")
    assert d.mark is not None
    assert (d.mark.line, d.mark.col) == (line, text.splitlines()[line - 1].index("Paths") + 1)
    assert where in text.splitlines()[line - 1]


def test_tooltip_only_text_and_dropped_characters_give_no_glyph_warning() -> None:
    data = base_spec()
    data["roles"][0]["description"] = "高级工程师"  # shown by the viewer, in its own fonts
    data["roles"][0]["aliases"] = {"acme": "工程师"}
    data["roles"][1]["title"] = "Ctrl\x01\x02 chars"  # XML-illegal: removed, never drawn
    m = load(data)
    assert [d for d in map_warnings(m, layout(m)) if "glyph" in d.message] == []


@pytest.mark.usefixtures("no_fallback")
def test_unprintable_missing_character_is_named_by_code_point_only() -> None:
    data = base_spec()
    data["roles"][1]["title"] = "Del\x7f\x9b char"
    m = load(data)
    (d,) = [d for d in map_warnings(m, layout(m)) if "glyph" in d.message]
    assert d.message.startswith("role 'b': no font has a glyph for U+007F, U+009B;")
    assert d.format().isprintable()


@pytest.mark.usefixtures("no_fallback")
def test_cli_render_reports_glyph_warnings_as_diagnostics_and_succeeds(tmp_path: Path) -> None:
    data = base_spec()
    data["roles"][3]["title"] = "エンジニア"
    spec = tmp_path / "cjk.yaml"
    spec.write_text(spec_text(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(spec), "-o", str(tmp_path), "-f", "png"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines  # no Python warning from matplotlib next to ours
    assert lines[0].startswith(f"{spec}:")
    assert ": warning: role 'd': no font has a glyph for 'エ' (U+30A8)" in lines[0]


# --- very long text, field by field ----------------------------------------------------------

WORDS = ("Principal engineering manager for platform reliability " * 20)[:900].strip()
UNBROKEN = "X" * 900
LONG = pytest.mark.parametrize("long_text", [WORDS, UNBROKEN], ids=["words", "unbroken"])


def long_in(field: tuple[Any, ...], text: str) -> Scene:
    data = base_spec()
    parent: Any = data
    for part in field[:-1]:
        parent = parent[part]
    parent[field[-1]] = text
    return layout(load(data)).scene


def shortened(t: Text, full: str) -> bool:
    return t.text.endswith(ELLIPSIS) and len(t.text) < len(full)


@LONG
def test_long_role_title_wraps_to_three_lines_with_the_full_title_in_the_tooltip(
    long_text: str,
) -> None:
    scene = long_in(("roles", 0, "title"), long_text)
    assert layout_problems(scene) == []
    card = next(g for g in groups(scene, "role") if g.id == "role-a")
    lines = texts_of(card)
    assert len(lines) == 3
    assert shortened(lines[-1], long_text)
    assert all(t.length <= LIGHT.metrics.card_max_text + TOLERANCE for t in lines)
    svg = svg_group(svg_root(scene), "role-a")
    assert (tooltip(svg) or "").startswith(long_text)


@LONG
def test_long_description_and_alias_live_in_the_tooltip_only(long_text: str) -> None:
    data = base_spec()
    data["roles"][0]["description"] = long_text
    data["roles"][0]["aliases"] = {"acme": long_text}
    scene = layout(load(data)).scene
    assert layout_problems(scene) == []
    card = next(g for g in groups(scene, "role") if g.id == "role-a")
    assert [t.text for t in texts_of(card)] == ["A"]
    tip = tooltip(svg_group(svg_root(scene), "role-a")) or ""
    assert tip.count(long_text) == 2


@LONG
def test_long_title_wraps_to_two_lines_and_stays_whole_in_the_svg_title(long_text: str) -> None:
    scene = long_in(("title",), long_text)
    assert layout_problems(scene) == []
    header = texts_of(next(g for g in groups(scene, "header")))
    assert len(header) == 3  # two title lines and the subtitle
    assert shortened(header[1], long_text)
    title = svg_root(scene).find(f"{SVG}title")
    assert title is not None and title.text == long_text


@LONG
def test_long_move_label_on_an_arrow_is_shortened_with_the_full_label_in_the_tooltip(
    long_text: str,
) -> None:
    scene = long_in(("moves", 0, "label"), long_text)
    assert layout_problems(scene) == []
    label = next(g for g in groups(scene, "move-label") if g.id == "label-a--b")
    (t,) = texts_of(label)
    assert shortened(t, long_text)
    assert tooltip(svg_group(svg_root(scene), "label-a--b")) == long_text


@LONG
@pytest.mark.parametrize("axis", ["soft", "hard"])
def test_long_axis_label_is_shortened_inside_the_canvas(axis: str, long_text: str) -> None:
    scene = long_in(("axes", axis, "label"), long_text)
    assert layout_problems(scene) == []
    (axes,) = groups(scene, "axes")
    assert any(shortened(t, long_text) for t in texts_of(axes))


@LONG
@pytest.mark.parametrize("field", ["subtitle", "note"])
def test_long_subtitle_and_note_are_shortened_inside_the_canvas(field: str, long_text: str) -> None:
    scene = long_in((field,), long_text)
    assert layout_problems(scene) == []
    (group,) = groups(scene, "header" if field == "subtitle" else "note")
    assert any(shortened(t, long_text) for t in texts_of(group))


# Regression tests for defects found here in the layout (skillsmap/layout/) and fixed there:
# shortened text lost its full form, and long labels stretched boxes or left the canvas.


@LONG
@pytest.mark.parametrize("field", ["subtitle", "note"])
def test_long_subtitle_and_note_keep_the_full_text_in_a_tooltip(field: str, long_text: str) -> None:
    scene = long_in((field,), long_text)
    root = svg_root(scene)
    group = svg_group(root, "header" if field == "subtitle" else "note")
    tips = [el.text for el in group.iter(f"{SVG}title")]
    assert long_text in tips


@LONG
@pytest.mark.parametrize("axis", ["soft", "hard"])
def test_long_axis_label_keeps_the_full_text_in_a_tooltip(axis: str, long_text: str) -> None:
    scene = long_in(("axes", axis, "label"), long_text)
    tips = [el.text for el in svg_group(svg_root(scene), "axes").iter(f"{SVG}title")]
    assert long_text in tips


@LONG
def test_long_level_label_is_shortened_not_stretching_its_box(long_text: str) -> None:
    scene = long_in(("levels", 0, "label"), long_text)
    assert layout_problems(scene) == []
    level = next(g for g in groups(scene, "level") if g.id == "level-L5")
    (t,) = texts_of(level)
    assert shortened(t, long_text)
    assert scene.width < 2000
    assert tooltip(svg_group(svg_root(scene), "level-L5")) == long_text


@LONG
def test_long_track_label_stays_inside_the_canvas(long_text: str) -> None:
    scene = long_in(("tracks", "ic", "label"), long_text)
    assert layout_problems(scene) == []
    assert legend_tooltips(scene) == [long_text]


@LONG
def test_long_shared_move_label_stays_inside_the_canvas(long_text: str) -> None:
    data = base_spec()
    # the same label on both promotions is said once, in the legend
    data["moves"][1]["label"] = data["moves"][2]["label"] = long_text
    scene = layout(load(data)).scene
    assert layout_problems(scene) == []
    (tip,) = legend_tooltips(scene)
    assert long_text in tip


def legend_tooltips(scene: Scene) -> list[str]:
    """The tooltips of the legend's entries, in the SVG."""
    legend = svg_group(svg_root(scene), "legend")
    return [el.text or "" for el in legend.iter(f"{SVG}title")]


def test_long_texts_in_every_field_at_once_render_in_every_format() -> None:
    # All at once, nothing raises and every format is produced.
    data = every_field(base_spec(), WORDS)
    data["roles"][3]["title"] = UNBROKEN
    scene = layout(load(data)).scene
    assert draw(scene, "svg").startswith(b"<?xml")
    assert draw(scene, "png", dpi=24).startswith(b"\x89PNG")
    assert draw(scene, "pdf").startswith(b"%PDF-")
