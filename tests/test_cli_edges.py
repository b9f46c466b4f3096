"""The edges of ``skillsmap render`` and ``validate``: exact messages, exit codes, no stray files.

Every usage error exits 2 with one ``Error: ...`` line and writes nothing; every test runs in
its own ``tmp_path`` (also the working directory) and checks which files exist afterwards.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest
from click.testing import CliRunner, Result
from imagecompare import rgb
from minimal import one_role

import skillsmap
from skillsmap import pipeline
from skillsmap.cli import main
from skillsmap.examples import bundled, flagship
from skillsmap.outputs import images
from skillsmap.theme import THEMES

GLYPH_SPEC = one_role("Map \U000f0000\U000f0001")
GLYPH_WARNING = (
    "glyph.yaml:1:8: warning: title: no font has a glyph for U+F0000, U+F0001; "
    "PNG and PDF show a placeholder box (give a font that has it with --font)"
)
INVALID_SPEC = "title: Broken\n"
MEDIABOX = re.compile(rb"/MediaBox \[ *0 0 ([\d.]+) ([\d.]+) *\]")


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def files_under(root: Path) -> set[str]:
    """Every file below ``root`` (hidden temporaries included), as POSIX relative paths."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def usage_error(result: Result) -> str:
    """The one ``Error:`` line of a usage error (exit 2, no traceback), without its prefix."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr.splitlines()[-1].removeprefix("Error: ")


# --- -o - : standard output ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_stdout_bytes_are_the_file_bytes(cwd: Path, fmt: str) -> None:
    dpi = ["--dpi", "24"] if fmt == "png" else []
    piped = run("render", str(flagship()), "-o", "-", "-f", fmt, *dpi)
    assert piped.exit_code == 0, piped.stderr
    assert piped.stderr == ""
    assert run("render", str(flagship()), "-o", f"x.{fmt}", *dpi).exit_code == 0
    assert piped.stdout_bytes == (cwd / f"x.{fmt}").read_bytes()
    assert files_under(cwd) == {f"x.{fmt}"}


def test_stdout_defaults_to_svg_and_keeps_warnings_on_stderr(cwd: Path) -> None:
    (cwd / "glyph.yaml").write_text(GLYPH_SPEC, encoding="utf-8")
    result = run("render", "glyph.yaml", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"<?xml")
    assert result.stdout_bytes.rstrip().endswith(b"</svg>")
    assert result.stderr == GLYPH_WARNING + "\n"
    assert files_under(cwd) == {"glyph.yaml"}


def test_stdout_takes_one_spec(cwd: Path) -> None:
    specs = [str(p) for p in bundled()[:2]]
    result = run("render", *specs, "-o", "-", "-f", "svg")
    assert usage_error(result) == "-o - writes one spec to standard output, got 2"
    assert files_under(cwd) == set()


def test_stdout_takes_one_format(cwd: Path) -> None:
    result = run("render", "-o", "-", "-f", "svg", "-f", "png", "-f", "svg")
    assert usage_error(result) == "-o - writes one format to standard output, got -f svg -f png"
    assert files_under(cwd) == set()


def test_stdout_with_an_invalid_spec_writes_nothing_to_stdout(cwd: Path) -> None:
    (cwd / "broken.yaml").write_text(INVALID_SPEC, encoding="utf-8")
    result = run("render", "broken.yaml", "-o", "-")
    assert result.exit_code == 1
    assert result.stdout_bytes == b""
    assert result.stderr.startswith("broken.yaml:")


# --- -o FILE and folders --------------------------------------------------------------------


def test_extension_contradicting_format_is_a_usage_error(cwd: Path) -> None:
    assert usage_error(run("render", "-o", "x.svg", "-f", "png")) == (
        "x.svg: the extension '.svg' writes svg, not png"
    )
    assert usage_error(run("render", "-o", "x.svg", "-f", "svg", "-f", "pdf")) == (
        "x.svg: the extension '.svg' writes svg, not pdf"
    )
    assert files_under(cwd) == set()


def test_extension_agreeing_with_format_writes_that_file(cwd: Path) -> None:
    result = run("render", "-o", "x.svg", "-f", "svg")
    assert result.exit_code == 0, result.output
    assert files_under(cwd) == {"x.svg"}


def test_unknown_extension_is_a_usage_error_naming_the_known_ones(cwd: Path) -> None:
    assert usage_error(run("render", "-o", "out.jpg")) == (
        "out.jpg: unknown extension '.jpg' (known: .html, .json, .md, .pdf, .png, .svg); "
        "end a folder name with /"
    )
    assert files_under(cwd) == set()


def test_trailing_slash_or_existing_folder_means_a_folder(cwd: Path) -> None:
    (cwd / "maps.v2").mkdir()
    assert run("render", "-o", "out.jpg/", "-f", "svg").exit_code == 0
    assert run("render", "-o", "maps.v2", "-f", "svg").exit_code == 0
    assert run("render", "-o", "new.svg/", "-f", "svg").exit_code == 0
    assert files_under(cwd) == {
        "out.jpg/senior-engineer.svg",
        "maps.v2/senior-engineer.svg",
        "new.svg/senior-engineer.svg",
    }


def test_two_specs_writing_the_same_file_is_a_usage_error_before_any_write(cwd: Path) -> None:
    for folder in ("a", "b"):
        (cwd / folder).mkdir()
        (cwd / folder / "ladder.yaml").write_bytes(bundled()[-1].read_bytes())
    result = run("render", "a/ladder.yaml", "b/ladder.yaml", "-o", "maps", "-f", "svg")
    assert usage_error(result) == (
        "a/ladder.yaml and b/ladder.yaml would both write maps/ladder.svg; "
        "rename one or render them into different folders"
    )
    assert files_under(cwd) == {"a/ladder.yaml", "b/ladder.yaml"}


# --- --size, --dpi and the pixel budget ---------------------------------------------------------


def test_size_is_exact_in_every_format(cwd: Path) -> None:
    result = run("render", "-o", "s", "-f", "svg", "-f", "png", "-f", "pdf", "--size", "321x203")
    assert result.exit_code == 0, result.output
    root = ET.fromstring((cwd / "s" / "senior-engineer.svg").read_bytes())
    assert [root.get(k) for k in ("width", "height", "viewBox")] == ["321", "203", "0 0 321 203"]
    assert rgb((cwd / "s" / "senior-engineer.png").read_bytes()).size == (321, 203)
    box = MEDIABOX.search((cwd / "s" / "senior-engineer.pdf").read_bytes())
    assert box is not None
    assert (float(box[1]), float(box[2])) == (321 * 0.75, 203 * 0.75)


def test_size_1920x1080_png_is_1920x1080_pixels(cwd: Path) -> None:
    assert run("render", "-o", "slide.png", "--size", "1920x1080").exit_code == 0
    assert rgb((cwd / "slide.png").read_bytes()).size == (1920, 1080)


def test_dpi_with_size_is_a_usage_error(cwd: Path) -> None:
    assert usage_error(run("render", "--size", "800x600", "--dpi", "96")) == (
        "--dpi and --size both set the PNG's pixels; --size is exact, give one or the other"
    )
    assert usage_error(run("render", "--size", "20000x20000", "--dpi", "1200")) == (
        "--dpi and --size both set the PNG's pixels; --size is exact, give one or the other"
    )
    assert files_under(cwd) == set()


def test_png_size_over_the_pixel_budget_is_refused_up_front(cwd: Path) -> None:
    assert usage_error(run("render", "--size", "20000x20000")) == (
        "--size 20000x20000: a 20000x20000 px PNG (400 megapixels) is over the "
        "250-megapixel limit; lower the dpi or the size"
    )
    assert files_under(cwd) == set()
    # Without a PNG the same size is only a big vector picture.
    assert run("render", "--size", "20000x20000", "-f", "svg").exit_code == 0
    assert files_under(cwd) == {"output/senior-engineer.svg"}


def test_png_density_over_the_pixel_budget_is_one_line_before_drawing(
    cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(images, "MAX_PNG_PIXELS", 1_000_000)
    scene = skillsmap.build(flagship()).scene
    w, h = images.png_pixels(scene.width, scene.height, 192)
    result = run("render", str(flagship()), "-o", "out", "--dpi", "192")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{flagship()}: error: a {w}x{h} px PNG ({w * h / 1e6:,.0f} megapixels) is over the "
        "1-megapixel limit; lower the dpi or the size\n"
    )
    assert files_under(cwd) == set()  # the SVG was encoded, but nothing is written


# --- validate sees what render sees -----------------------------------------------------------


def test_validate_prints_the_layout_warnings_render_prints(cwd: Path) -> None:
    (cwd / "glyph.yaml").write_text(GLYPH_SPEC, encoding="utf-8")
    checked = run("validate", "glyph.yaml")
    rendered = run("render", "glyph.yaml", "-f", "svg")
    assert (checked.exit_code, rendered.exit_code) == (0, 0)
    assert checked.stderr == rendered.stderr == GLYPH_WARNING + "\n"
    assert checked.stdout == "glyph.yaml: ok (1 role, 0 moves)\n"


# --- several specs: the summary ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "summary"),
    [(0, "rendered 2 maps"), (1, "rendered 1 map, 1 failed"), (2, "rendered 0 maps, 2 failed")],
)
def test_several_specs_end_with_a_summary(cwd: Path, broken: int, summary: str) -> None:
    specs = [str(p) for p in bundled()[:2]]
    for i in range(broken):
        (cwd / f"broken{i}.yaml").write_text(INVALID_SPEC, encoding="utf-8")
        specs[i] = f"broken{i}.yaml"
    result = run("render", *specs, "-o", "out", "-f", "svg")
    assert result.exit_code == (1 if broken else 0)
    assert result.stderr.splitlines()[-1] == summary
    assert result.stdout.count("wrote ") == 2 - broken


def test_one_spec_has_no_summary(cwd: Path) -> None:
    result = run("render", "-f", "svg")
    assert (result.exit_code, result.stderr) == (0, "")


# --- --theme and --text-to-path ---------------------------------------------------------------


def test_theme_help_lists_the_themes() -> None:
    result = run("render", "--help")
    words = " ".join(result.stdout.split())
    assert f"--theme NAME[,NAME...] Colour theme: {', '.join(sorted(THEMES))} (default:" in words
    assert "A comma list (light,dark) writes one file per theme, <stem>.<theme>.<ext>." in words


def test_theme_defaults_to_the_spec_theme(cwd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dark = copy.copy(THEMES["light"])
    monkeypatch.setitem(THEMES, "dark", dark)
    used: list[object] = []
    real_layout = pipeline.layout

    def spy(m: skillsmap.SkillsMap, theme: object) -> object:
        used.append(theme)
        return real_layout(m, theme)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "layout", spy)
    (cwd / "dark.yaml").write_text("theme: dark\ntitle: Dark map\n" + GLYPH_SPEC.split("\n", 1)[1])
    assert run("render", "dark.yaml", "-f", "svg").exit_code == 0
    assert run("render", "dark.yaml", "-f", "svg", "--theme", "light").exit_code == 0
    assert used[0] is dark
    assert used[1] is THEMES["light"]


def test_text_to_path_reaches_the_svg_encoder(cwd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import skillsmap.backends.svg as svg_backend

    calls: list[dict[str, object]] = []

    def spy(scene: object, **kwargs: object) -> bytes:
        calls.append(kwargs)
        return b"<svg/>"

    monkeypatch.setattr(svg_backend, "render_svg", spy)
    assert run("render", "-f", "svg", "--text-to-path", "--id-prefix", "m1").exit_code == 0
    assert run("render", "-f", "svg").exit_code == 0
    assert calls == [{"id_prefix": "m1", "text_to_path": True}, {"id_prefix": ""}]
    assert (cwd / "output" / "senior-engineer.svg").read_bytes() == b"<svg/>"


@pytest.mark.parametrize("command", ["validate", "render"])
def test_spec_theme_this_version_lacks_is_located(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.delitem(THEMES, "print", raising=False)
    (cwd / "print.yaml").write_text("title: Printed\ntheme: print\n" + GLYPH_SPEC.split("\n", 1)[1])
    result = run(command, "print.yaml")
    assert result.exit_code == 1
    available = ", ".join(sorted(THEMES))
    assert result.stderr == (
        f"print.yaml:2:8: error: theme: unknown theme 'print' (available: {available})\n"
    )
    assert result.stdout == ""
    assert files_under(cwd) == {"print.yaml"}
