"""The ``render`` command and ``skillsmap.render``: where files go, which formats, sizes.

Every test runs in its own ``tmp_path`` (also the working directory), so default outputs such as
``./output/`` never touch the checkout.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as StdET
from pathlib import Path

import click
import defusedxml.ElementTree as ET
import pytest
from click.testing import CliRunner, Result
from imagecompare import rgb

import skillsmap
from skillsmap import render
from skillsmap.cli import _batch, main
from skillsmap.examples import bundled, flagship

SVG_NS = "{http://www.w3.org/2000/svg}"
WHITE = (255, 255, 255)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"
DIAGNOSTIC = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error: \S.*$")

INVALID_SPEC = """\
title: Broken map
tracks:
  ic: {label: Individual contributor}
levels:
  - id: L1
roles:
  - id: a
    title: A role
    track: mgmt
    soft: 1
    hard: 1
"""


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["render", *args], catch_exceptions=False)


def files_under(root: Path) -> set[str]:
    """Every file below ``root`` (hidden temporaries included), as POSIX relative paths."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def svg_root(path: Path) -> StdET.Element:
    root = ET.fromstring(path.read_bytes())
    assert root.tag == f"{SVG_NS}svg"
    return root


def svg_size(path: Path) -> tuple[float, float]:
    root = svg_root(path)
    return float(root.attrib["width"]), float(root.attrib["height"])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC)
    return rgb(data).size


def card_rects(path: Path) -> dict[str, tuple[float, float, float, float]]:
    """role id -> (x, y, width, height) of its card, read from an SVG file."""
    out: dict[str, tuple[float, float, float, float]] = {}
    for g in svg_root(path).iter(f"{SVG_NS}g"):
        ident = g.get("id", "")
        if ident.startswith("role-"):
            rect = g.find(f"{SVG_NS}rect")
            assert rect is not None
            x, y, w, h = (float(rect.attrib[k]) for k in ("x", "y", "width", "height"))
            out[ident.removeprefix("role-")] = (x, y, w, h)
    return out


# --- where files go ---------------------------------------------------------------------------


def test_no_spec_renders_the_flagship_into_output(cwd: Path) -> None:
    result = run()
    assert result.exit_code == 0, result.output
    assert files_under(cwd) == {"output/senior-engineer.svg", "output/senior-engineer.png"}
    svg_root(cwd / "output" / "senior-engineer.svg")
    assert (cwd / "output" / "senior-engineer.png").read_bytes().startswith(PNG_MAGIC)
    assert "wrote output/senior-engineer.svg" in result.stdout
    assert "wrote output/senior-engineer.png" in result.stdout


def test_output_folder_gets_one_file_per_spec_and_format(cwd: Path) -> None:
    specs = [str(p) for p in bundled()]
    assert len(specs) >= 2
    # --dpi 24 keeps the PNGs tiny: only their names and formats matter here.
    result = run(*specs, "-o", "maps", "-f", "svg", "-f", "png", "--dpi", "24")
    assert result.exit_code == 0, result.output
    expected = {f"maps/{Path(s).stem}.{ext}" for s in specs for ext in ("svg", "png")}
    assert files_under(cwd) == expected
    for spec in specs:
        svg_root(cwd / "maps" / f"{Path(spec).stem}.svg")
        assert (cwd / "maps" / f"{Path(spec).stem}.png").read_bytes().startswith(PNG_MAGIC)


@pytest.mark.parametrize(
    ("name", "magic"),
    [("map.svg", b"<?xml"), ("deep/dir/map.PNG", PNG_MAGIC), ("map.pdf", PDF_MAGIC)],
)
def test_output_file_writes_exactly_that_file_in_its_format(
    cwd: Path, name: str, magic: bytes
) -> None:
    # The extension decides the format.
    result = run(str(flagship()), "-o", name, "--dpi", "24")
    assert result.exit_code == 0, result.output
    assert files_under(cwd) == {name}
    data = (cwd / name).read_bytes()
    assert data.startswith(magic)
    if name.endswith(".svg"):
        svg_root(cwd / name)
    elif name.lower().endswith(".png"):
        assert rgb(data).size[0] > 0


def test_output_file_with_two_specs_is_a_usage_error(cwd: Path) -> None:
    result = run(*(str(p) for p in bundled()[:2]), "-o", "map.svg")
    assert result.exit_code == 2
    assert "-o FILE takes one spec" in result.stderr
    assert files_under(cwd) == set()


def test_format_is_repeatable_and_pdf_alone_writes_only_pdf(cwd: Path) -> None:
    result = run("-f", "pdf")
    assert result.exit_code == 0, result.output
    assert files_under(cwd) == {"output/senior-engineer.pdf"}
    assert (cwd / "output" / "senior-engineer.pdf").read_bytes().startswith(PDF_MAGIC)

    result = run("-f", "png", "-f", "svg", "-f", "png", "-o", "both", "--dpi", "24")
    assert result.exit_code == 0, result.output
    assert files_under(cwd / "both") == {"senior-engineer.svg", "senior-engineer.png"}
    assert result.stdout.count("wrote ") == 2  # a repeated format is written once


def test_unknown_format_is_a_usage_error(cwd: Path) -> None:
    result = run("-f", "jpeg")
    assert result.exit_code == 2
    assert "jpeg" in result.stderr
    assert files_under(cwd) == set()


# --- sizes ----------------------------------------------------------------------------------


def test_png_pixels_follow_dpi(cwd: Path) -> None:
    assert run("-o", "x1", "--dpi", "96").exit_code == 0
    assert run("-o", "x2").exit_code == 0
    width, height = svg_size(cwd / "x1" / "senior-engineer.svg")
    assert svg_size(cwd / "x2" / "senior-engineer.svg") == (width, height)
    assert png_size(cwd / "x1" / "senior-engineer.png") == (round(width), round(height))
    assert png_size(cwd / "x2" / "senior-engineer.png") == (round(2 * width), round(2 * height))


SLIDE_FILL_W, SLIDE_FILL_H = 0.75, 0.65  # share of a 1920x1080 slide the map must cover
SLIDE_TEXT_MIN = 12.0  # px: card text on a 1920x1080 slide
SLIDE_GROWTH_MAX = 1.05  # the most a map laid out for the slide is scaled up to meet it


def box_rects(path: Path) -> list[tuple[float, float, float, float]]:
    """(x, y, width, height) of every card and level box in an SVG file."""
    out = list(card_rects(path).values())
    for g in svg_root(path).iter(f"{SVG_NS}g"):
        if g.get("id", "").startswith("level-"):
            rect = g.find(f"{SVG_NS}rect")
            assert rect is not None
            out.append(tuple(float(rect.attrib[k]) for k in ("x", "y", "width", "height")))
    return out


def card_text_sizes(path: Path) -> list[float]:
    sizes = []
    for g in svg_root(path).iter(f"{SVG_NS}g"):
        if g.get("id", "").startswith("role-"):
            sizes += [float(t.attrib["font-size"]) for t in g.iter(f"{SVG_NS}text")]
    return sizes


def test_size_lays_the_map_out_for_the_slide(cwd: Path) -> None:
    assert run("-o", "natural", "-f", "svg").exit_code == 0
    result = run("-o", "slide", "--size", "1920x1080")
    assert result.exit_code == 0, result.output

    root = svg_root(cwd / "slide" / "senior-engineer.svg")
    assert (root.attrib["width"], root.attrib["height"]) == ("1920", "1080")
    assert root.attrib["viewBox"] == "0 0 1920 1080"
    assert png_size(cwd / "slide" / "senior-engineer.png") == (1920, 1080)  # exact, not 2x

    # Laid out for the slide, not shrunk: cards keep their natural size, up to the one small
    # factor that makes the laid-out canvas meet the slide exactly, while the axes stretch,
    # so the map covers most of the slide.
    natural = card_rects(cwd / "natural" / "senior-engineer.svg")
    slide = card_rects(cwd / "slide" / "senior-engineer.svg")
    assert natural.keys() == slide.keys()
    assert len(natural) == len(skillsmap.load(flagship()).roles)
    tol = 0.02  # both scenes are rounded to 2 decimals
    factor = slide["senior-engineer"][2] / natural["senior-engineer"][2]
    assert 1.0 <= factor <= SLIDE_GROWTH_MAX
    for role, (_, _, w, h) in natural.items():
        assert slide[role][2:] == pytest.approx((w * factor, h * factor), abs=2 * tol), role
    rects = box_rects(cwd / "slide" / "senior-engineer.svg")
    width = max(x + w for x, _, w, _ in rects) - min(x for x, _, _, _ in rects)
    height = max(y + h for _, y, _, h in rects) - min(y for _, y, _, _ in rects)
    assert width >= SLIDE_FILL_W * 1920
    assert height >= SLIDE_FILL_H * 1080
    assert min(card_text_sizes(cwd / "slide" / "senior-engineer.svg")) >= SLIDE_TEXT_MIN


def test_size_too_small_for_the_map_letterboxes_it(cwd: Path) -> None:
    result = run("-o", "small", "--size", "800x600")
    assert result.exit_code == 0, result.output
    root = svg_root(cwd / "small" / "senior-engineer.svg")
    assert (root.attrib["width"], root.attrib["height"]) == ("800", "600")
    assert png_size(cwd / "small" / "senior-engineer.png") == (800, 600)
    # Cards cannot shrink below their text: the map, laid out as small as it goes, is scaled
    # down uniformly (one factor for every card) and centred, bands in the background colour.
    assert run("-o", "natural", "-f", "svg").exit_code == 0
    natural = card_rects(cwd / "natural" / "senior-engineer.svg")
    small = card_rects(cwd / "small" / "senior-engineer.svg")
    factors = {round(small[r][2] / w, 2) for r, (_, _, w, _) in natural.items()}
    assert len(factors) == 1 and 0 < factors.pop() < 1
    xs = [x for x, _, _, _ in small.values()] + [x + w for x, _, w, _ in small.values()]
    ys = [y for _, y, _, _ in small.values()] + [y + h for _, y, _, h in small.values()]
    assert min(xs) >= 0 and max(xs) <= 800
    assert min(ys) >= 0 and max(ys) <= 600
    png = rgb((cwd / "small" / "senior-engineer.png").read_bytes())
    assert png.getpixel((0, 0)) == WHITE and png.getpixel((799, 599)) == WHITE


@pytest.mark.parametrize(
    "value", ["abc", "0x0", "800", "800x", "x600", "-5x10", "10x99999", "800.5x600", "15x600"]
)
def test_bad_size_is_a_usage_error(cwd: Path, value: str) -> None:
    result = run("--size", value, "-f", "svg")
    assert result.exit_code == 2
    assert "Error: Invalid value" in result.stderr
    assert "expected WIDTHxHEIGHT in whole px (16 to 20000)" in result.stderr
    assert f"got '{value}'" in result.stderr
    assert "Traceback" not in result.output
    assert files_under(cwd) == set()


def test_unknown_theme_is_a_usage_error(cwd: Path) -> None:
    result = run("--theme", "nope", "-f", "svg")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--theme': unknown theme 'nope' "
        "(available: dark, high-contrast, light, print)"
    )
    assert files_under(cwd) == set()


# --- several specs, some invalid -------------------------------------------------------------


def test_invalid_spec_does_not_stop_the_next_one(cwd: Path) -> None:
    (cwd / "broken.yaml").write_text(INVALID_SPEC, encoding="utf-8")
    good = bundled()[-1]
    result = run("broken.yaml", str(good), "-o", "out", "-f", "svg")
    assert result.exit_code == 1
    assert files_under(cwd) == {"broken.yaml", f"out/{good.stem}.svg"}
    svg_root(cwd / "out" / f"{good.stem}.svg")
    assert f"wrote out/{good.stem}.svg" in result.stdout

    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors, result.stderr
    for line in errors:
        match = DIAGNOSTIC.match(line)
        assert match, line
        assert match["path"] == "broken.yaml"  # as the user typed it
        assert int(match["line"]) >= 1
        assert int(match["col"]) >= 1
    assert any(line.startswith("broken.yaml:9:") and "mgmt" in line for line in errors), errors
    assert "Traceback" not in result.output


def test_missing_spec_file_is_reported_not_raised(cwd: Path) -> None:
    result = run("nowhere.yaml", "-f", "svg")
    assert result.exit_code == 1
    assert result.stderr.startswith("nowhere.yaml")
    assert "Traceback" not in result.output
    assert files_under(cwd) == set()


# --- Python API -------------------------------------------------------------------------------


def test_api_renders_a_map_object_named_after_its_title(tmp_path: Path) -> None:
    m = skillsmap.load(flagship())
    result = render(m, tmp_path, formats=["svg"])
    expected = tmp_path / "the-senior-engineer-skills-map.svg"
    assert result.files == [expected]
    assert files_under(tmp_path) == {expected.name}
    title = svg_root(expected).find(f"{SVG_NS}title")
    assert title is not None
    assert title.text == m.title


def test_api_renders_a_path_named_after_its_stem(tmp_path: Path) -> None:
    spec = bundled()[-1]
    result = render(spec, tmp_path / "maps", formats=["svg"])
    assert result.files == [tmp_path / "maps" / f"{spec.stem}.svg"]
    assert files_under(tmp_path) == {f"maps/{spec.stem}.svg"}
    result = render(str(spec), tmp_path / "one.svg")
    assert result.files == [tmp_path / "one.svg"]
    svg_root(tmp_path / "one.svg")
    with pytest.raises(skillsmap.OutputError) as info:
        render(str(spec), tmp_path / "two.svg", formats=["png"])
    assert str(info.value) == f"{tmp_path / 'two.svg'}: the extension '.svg' writes svg, not png"
    assert files_under(tmp_path) == {f"maps/{spec.stem}.svg", "one.svg"}


def test_api_raises_spec_error_for_an_invalid_spec(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(INVALID_SPEC, encoding="utf-8")
    with pytest.raises(skillsmap.SpecError) as info:
        render(tmp_path / "broken.yaml", tmp_path / "out", formats=["svg"])
    assert any("mgmt" in d.format() for d in info.value.diagnostics)
    assert not (tmp_path / "out").exists()


# --- start-up cost -----------------------------------------------------------------------------


def test_svg_path_never_imports_matplotlib(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "skillsmap", "render", "-f", "svg", "-o", "m"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "m" / "senior-engineer.svg").is_file()
    imported = {
        line.split("|")[-1].strip()
        for line in io.StringIO(proc.stderr)
        if line.startswith("import time:")
    }
    assert "skillsmap.files" in imported  # the check itself works
    assert not {name for name in imported if name.split(".")[0] == "matplotlib"}


# --- many specs: a progress bar on a terminal only -------------------------------------------


class FakeTerminal(io.StringIO):
    """A text stream that says it is a terminal, so click draws its progress bar into it."""

    def isatty(self) -> bool:
        return True


def five_specs(root: Path) -> list[str]:
    text = flagship().read_text(encoding="utf-8")
    names = [f"map{i}.yaml" for i in range(5)]
    for name in names:
        (root / name).write_text(text, encoding="utf-8")
    return names


def test_many_specs_piped_print_no_bar(cwd: Path) -> None:
    result = run(*five_specs(cwd), "-o", "out", "-f", "svg")
    assert result.exit_code == 0
    assert result.stderr == "rendered 5 maps\n"
    assert result.stdout == "".join(f"wrote out/map{i}.svg\n" for i in range(5))


def test_the_bar_goes_to_a_terminal_with_each_spec_s_messages_above_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def job(spec: str) -> bool:
        click.echo(f"wrote {spec}.svg")
        return spec != "c"

    terminal = FakeTerminal()
    assert _batch(["a", "b", "c", "d", "e"], job, terminal) == 4
    drawn = terminal.getvalue()
    assert "rendering  [##################################" in drawn
    assert drawn.endswith("]  100%\x1b[?25h\n")
    assert drawn.count("\r\x1b[K") == 5  # the bar line is cleared before each spec's messages
    assert capsys.readouterr().out == "".join(f"wrote {s}.svg\n" for s in "abcde")


def test_no_terminal_no_bar() -> None:
    assert _batch(["a", "b"], lambda spec: spec == "a", None) == 1


def read_all(screen: io.RawIOBase) -> bytes:
    """Everything a pseudo-terminal showed; reading past the end is EIO on Linux."""
    chunks = []
    while True:
        try:
            chunk = screen.read(65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_real_terminal_shows_the_bar(cwd: Path) -> None:
    import pty

    specs = five_specs(cwd)
    controller, terminal = pty.openpty()
    with os.fdopen(controller, "rb", buffering=0) as screen:
        done = subprocess.run(
            [sys.executable, "-m", "skillsmap", "render", *specs, "-o", "out", "-f", "svg"],
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
            check=False,
        )
        os.close(terminal)
        shown = read_all(screen).decode()
    assert done.returncode == 0
    assert "rendering  [" in shown
    assert shown.endswith("100%\x1b[?25h\r\nrendered 5 maps\r\n")
    assert done.stdout.decode() == "".join(f"wrote out/map{i}.svg\n" for i in range(5))
