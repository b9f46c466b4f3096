"""The Python API: build once, encode to bytes, the output registry, render to files.

Bytes are compared exactly: encoding the same build twice, or through ``render``, gives the same
bytes. Messages of the API's errors are asserted word for word.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from minimal import one_role

import skillsmap
from skillsmap import outputs
from skillsmap.examples import bundled, flagship
from skillsmap.files import Target, plan, targets
from skillsmap.outputs import Options, Output
from skillsmap.pipeline import map_warnings
from skillsmap.theme import THEMES

GLYPH_SPEC = one_role("Map \U000f0000\U000f0001")


@pytest.fixture(scope="module")
def built() -> skillsmap.Built:
    return skillsmap.build(flagship())


# --- build and encode ---------------------------------------------------------------------------


def test_build_is_frozen_and_holds_model_layout_and_scene(built: skillsmap.Built) -> None:
    assert built.model.title == skillsmap.load(flagship()).title
    assert built.scene is built.layout.scene  # no size asked: the layout's own scene
    assert built.size is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.size = (1, 1)  # type: ignore[misc]


def test_encode_is_deterministic_and_matches_the_files_render_writes(
    built: skillsmap.Built, tmp_path: Path
) -> None:
    result = skillsmap.render(flagship(), tmp_path, formats=["svg", "pdf"])
    assert result.files == [tmp_path / "senior-engineer.svg", tmp_path / "senior-engineer.pdf"]
    for fmt in ("svg", "pdf"):
        data = skillsmap.encode(built, fmt)
        assert data == skillsmap.encode(built, fmt)
        assert data == (tmp_path / f"senior-engineer.{fmt}").read_bytes()


def test_encode_png_density(built: skillsmap.Built) -> None:
    from imagecompare import rgb

    width, height = built.scene.width, built.scene.height
    assert rgb(skillsmap.encode(built, "png", dpi=48)).size == (round(width / 2), round(height / 2))


def test_a_sized_build_is_exact_and_refuses_a_dpi() -> None:
    from imagecompare import rgb

    sized = skillsmap.build(flagship(), size=(300, 200))
    assert (sized.scene.width, sized.scene.height) == (300, 200)
    assert rgb(skillsmap.encode(sized, "png")).size == (300, 200)
    with pytest.raises(skillsmap.BuildError) as info:
        skillsmap.encode(sized, "png", dpi=96)
    assert str(info.value) == "size and dpi both set the PNG's pixels; give one or the other"


def test_encode_an_unknown_format(built: skillsmap.Built) -> None:
    with pytest.raises(outputs.UnknownFormat) as info:
        skillsmap.encode(built, "jpeg")
    assert str(info.value) == "unknown format 'jpeg' (use svg, png, pdf, json, md, html)"


def test_build_an_unknown_theme() -> None:
    with pytest.raises(skillsmap.BuildError) as info:
        skillsmap.build(flagship(), theme="sepia")
    available = ", ".join(sorted(THEMES))
    assert str(info.value) == f"unknown theme 'sepia' (available: {available})"


def test_build_takes_a_theme_object_or_the_spec_theme(tmp_path: Path) -> None:
    light = THEMES["light"]
    spec = tmp_path / "themed.yaml"
    spec.write_text("theme: light\n" + GLYPH_SPEC, encoding="utf-8")
    assert skillsmap.build(spec).theme is light
    assert skillsmap.build(skillsmap.load(flagship()), theme=light).theme is light


def test_build_warnings_include_the_layout_warnings(tmp_path: Path) -> None:
    spec = tmp_path / "glyph.yaml"
    spec.write_text(GLYPH_SPEC, encoding="utf-8")
    result = skillsmap.build(spec)
    assert [d.format() for d in result.warnings] == [
        f"{spec}:1:8: warning: title: no font has a glyph for U+F0000, U+F0001; "
        "PNG and PDF show a placeholder box (give a font that has it with --font)"
    ]
    assert list(result.warnings) == map_warnings(result.model, result.layout)


def test_build_raises_spec_error_for_an_invalid_spec(tmp_path: Path) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text("title: Broken\n", encoding="utf-8")
    with pytest.raises(skillsmap.SpecError):
        skillsmap.build(spec)


# --- the registry -----------------------------------------------------------------------------


def test_registry_lists_every_built_in_format() -> None:
    assert outputs.names() == ("svg", "png", "pdf", "json", "md", "html")
    assert outputs.extensions() == ("html", "json", "md", "pdf", "png", "svg")
    assert outputs.by_extension(".PNG") is outputs.get("png")
    assert outputs.by_extension("jpg") is None
    needs = {n: outputs.get(n).needs for n in outputs.names()}
    assert needs == {
        "svg": "scene",
        "png": "scene",
        "pdf": "scene",
        "json": "built",
        "md": "built",
        "html": "built",
    }


def test_a_registered_format_is_encoded_named_and_planned(
    built: skillsmap.Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outputs, "_REGISTRY", dict(outputs._REGISTRY))

    def title(m: skillsmap.SkillsMap, options: Options) -> bytes:
        return m.title.encode()

    outputs.register(Output("title", "txt", "model", title, "the title alone"))
    assert skillsmap.encode(built, "title") == built.model.title.encode()
    assert targets("out/map.txt", "x") == [Target(Path("out/map.txt"), "title")]
    assert targets("out", "x", ["title", "svg"]) == [
        Target(Path("out/x.txt"), "title"),
        Target(Path("out/x.svg"), "svg"),
    ]
    with pytest.raises(ValueError) as info:
        outputs.register(Output("text", "txt", "model", title, "a clash"))
    assert str(info.value) == "format 'text' clashes with registered 'title'"


# --- where files go -----------------------------------------------------------------------------


def test_targets_for_folders_files_and_bad_names(tmp_path: Path) -> None:
    assert targets(None, "map") == [
        Target(Path("output/map.svg"), "svg"),
        Target(Path("output/map.png"), "png"),
    ]
    assert targets("a.PDF", "map") == [Target(Path("a.PDF"), "pdf")]
    assert targets("a.svg/", "map", ["pdf"]) == [Target(Path("a.svg/map.pdf"), "pdf")]
    with pytest.raises(skillsmap.OutputError) as info:
        targets("a.gif", "map")
    assert str(info.value) == (
        "a.gif: unknown extension '.gif' (known: .html, .json, .md, .pdf, .png, .svg); "
        "end a folder name with /"
    )
    with pytest.raises(skillsmap.OutputError) as info:
        targets("-", "map", ["svg"])
    assert str(info.value) == "standard output is not a file; encode() gives the bytes"


def test_plan_refuses_two_specs_writing_one_file() -> None:
    assert plan(["a/x.yaml", "b/y.yaml"], "out", ["svg"]) == {
        "a/x.yaml": [Target(Path("out/x.svg"), "svg")],
        "b/y.yaml": [Target(Path("out/y.svg"), "svg")],
    }
    with pytest.raises(skillsmap.OutputError) as info:
        plan(["a/x.yaml", "b/x.yaml"], None, None)
    assert str(info.value) == (
        "a/x.yaml and b/x.yaml would both write output/x.svg; "
        "rename one or render them into different folders"
    )


def test_render_returns_files_and_warnings(tmp_path: Path) -> None:
    spec = tmp_path / "glyph.yaml"
    spec.write_text(GLYPH_SPEC, encoding="utf-8")
    result = skillsmap.render(spec, tmp_path / "maps/", formats=["svg"])
    assert isinstance(result, skillsmap.Rendered)
    assert result.files == [tmp_path / "maps" / "glyph.svg"]
    assert result.warnings == list(skillsmap.build(spec).warnings)


def test_render_a_contradicting_format_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(skillsmap.OutputError):
        skillsmap.render(bundled()[-1], tmp_path / "map.svg", formats=["png"])
    assert list(tmp_path.iterdir()) == []
