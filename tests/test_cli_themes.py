"""``--theme light,dark``: one file per theme, ``<stem>.<theme>.<ext>``, from the CLI and the API.

Every test runs in its own ``tmp_path`` (also the working directory).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from minimal import one_role

import skillsmap
from skillsmap.cli import main
from skillsmap.files import Target, plan, targets
from skillsmap.theme import THEMES

SPEC = one_role("Two themes")
AVAILABLE = "(available: dark, high-contrast, light, print)"


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.yaml").write_text(SPEC, encoding="utf-8")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["render", *args], catch_exceptions=False)


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_two_themes_write_one_file_per_theme_and_format(cwd: Path) -> None:
    result = run("map.yaml", "-o", "out", "--theme", "light,dark")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "wrote out/map.light.svg\nwrote out/map.light.png\n"
        "wrote out/map.dark.svg\nwrote out/map.dark.png\n"
    )
    assert files_under(cwd) == {
        "map.yaml",
        "out/map.light.svg",
        "out/map.light.png",
        "out/map.dark.svg",
        "out/map.dark.png",
    }


def test_each_themed_file_is_what_that_theme_alone_writes(cwd: Path) -> None:
    assert run("map.yaml", "-o", "both", "-f", "svg", "--theme", "dark,light").exit_code == 0
    for theme in ("light", "dark"):
        assert run("map.yaml", "-o", theme, "-f", "svg", "--theme", theme).exit_code == 0
        alone = (cwd / theme / "map.svg").read_bytes()
        assert (cwd / "both" / f"map.{theme}.svg").read_bytes() == alone
    assert (cwd / "light" / "map.svg").read_bytes() != (cwd / "dark" / "map.svg").read_bytes()


@pytest.mark.parametrize("value", ["dark", "dark,dark", " dark "])
def test_one_theme_keeps_the_plain_names(cwd: Path, value: str) -> None:
    result = run("map.yaml", "-o", "out", "-f", "svg", "--theme", value)
    assert (result.exit_code, result.stdout) == (0, "wrote out/map.svg\n")


def test_a_file_name_gets_the_theme_before_its_extension(cwd: Path) -> None:
    result = run("map.yaml", "-o", "docs/map.svg", "--theme", "light,dark")
    assert result.exit_code == 0
    assert result.stdout == "wrote docs/map.light.svg\nwrote docs/map.dark.svg\n"


def test_standard_output_takes_one_theme(cwd: Path) -> None:
    result = run("map.yaml", "-o", "-", "--theme", "light,dark")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: -o - writes one theme to standard output, got --theme light,dark"
    )
    assert result.stdout == ""
    assert files_under(cwd) == {"map.yaml"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("light,nope", f"unknown theme 'nope' {AVAILABLE}"),
        ("light,", f"empty theme name in 'light,' {AVAILABLE}"),
    ],
)
def test_a_bad_theme_in_the_list_is_a_usage_error(cwd: Path, value: str, message: str) -> None:
    result = run("map.yaml", "--theme", value)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--theme': {message}"
    assert files_under(cwd) == {"map.yaml"}


def test_specs_that_would_write_the_same_themed_file_are_refused(cwd: Path) -> None:
    for folder in ("x", "y"):
        (cwd / folder).mkdir()
        (cwd / folder / "map.yaml").write_text(SPEC, encoding="utf-8")
    result = run("x/map.yaml", "y/map.yaml", "-o", "out", "--theme", "light,dark")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: x/map.yaml and y/map.yaml would both write out/map.light.svg; "
        "rename one or render them into different folders"
    )
    assert not (cwd / "out").exists()


def test_targets_go_theme_by_theme() -> None:
    assert targets("out", "m", ["svg", "png"], ["light", "dark"]) == [
        Target(Path("out/m.light.svg"), "svg", "light"),
        Target(Path("out/m.light.png"), "png", "light"),
        Target(Path("out/m.dark.svg"), "svg", "dark"),
        Target(Path("out/m.dark.png"), "png", "dark"),
    ]
    assert plan(["a.yaml"], "m.pdf", None, ["print"]) == {"a.yaml": [Target(Path("m.pdf"), "pdf")]}


def test_the_api_takes_a_list_of_theme_names_or_objects(cwd: Path) -> None:
    by_name = skillsmap.render("map.yaml", "names", formats=["svg"], theme=["light", "dark"])
    by_object = skillsmap.render(
        "map.yaml", "objects", formats=["svg"], theme=[THEMES["light"], THEMES["dark"]]
    )
    assert by_name.files == [Path("names/map.light.svg"), Path("names/map.dark.svg")]
    assert by_object.files == [Path("objects/map.light.svg"), Path("objects/map.dark.svg")]
    for theme in ("light", "dark"):
        name = f"map.{theme}.svg"
        assert (cwd / "names" / name).read_bytes() == (cwd / "objects" / name).read_bytes()
