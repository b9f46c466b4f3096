"""The command line outside validation: version, help, schema, init, examples, startup cost."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

import skillsmap
from skillsmap.cli import main
from skillsmap.examples import bundled
from skillsmap.schema import json_schema

ROOT = Path(__file__).parent.parent
FLAGSHIP = ROOT / "specs" / "senior-engineer.yaml"
STARTER = resources.files("skillsmap").joinpath("starter.yaml").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands) if isinstance(main, click.Group) else []


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), prog_name="skillsmap")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


# -- version and help ---------------------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"skillsmap, version {skillsmap.__version__}\n"


def test_python_dash_m_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "skillsmap", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"skillsmap, version {skillsmap.__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_main_help_lists_every_command(flag: str) -> None:
    result = invoke(flag)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: skillsmap [OPTIONS] COMMAND [ARGS]...")
    for name in COMMANDS:
        assert f"  {name} " in result.stdout


def test_the_contract_commands_exist() -> None:
    assert {"validate", "schema", "init", "examples"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: skillsmap {command} ")
    assert result.stderr == ""
    summary = result.stdout.split("\n\n")[1].strip()
    assert summary and summary[0].isupper(), "each command says what it does in one line"


def test_unknown_command_is_a_usage_error() -> None:
    result = invoke("draw")
    assert result.exit_code == 2
    assert "No such command 'draw'" in result.stderr


# -- schema ---------------------------------------------------------------------------------------


def test_schema_prints_the_json_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout == (ROOT / "schema" / "skillsmap.schema.json").read_text("utf-8")


# -- init -----------------------------------------------------------------------------------------


def test_init_writes_a_spec_that_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("init")
    assert result.exit_code == 0
    assert (
        result.stdout == "wrote skillsmap.yaml; render it with: skillsmap render skillsmap.yaml\n"
    )
    written = tmp_path / "skillsmap.yaml"
    assert written.read_text(encoding="utf-8") == STARTER
    checked = invoke("validate", "skillsmap.yaml")
    assert (checked.exit_code, checked.stderr) == (0, "")
    assert checked.stdout == "skillsmap.yaml: ok (3 roles, 2 moves)\n"


def test_init_to_a_path(tmp_path: Path) -> None:
    target = tmp_path / "ladder.yaml"
    result = invoke("init", str(target))
    assert result.exit_code == 0
    assert skillsmap.check(target) == []


def test_init_starter_is_commented_and_loads() -> None:
    assert STARTER.startswith("# yaml-language-server: $schema=")
    assert sum(line.lstrip().startswith("#") for line in STARTER.splitlines()) >= 10
    m = skillsmap.loads(STARTER)
    assert m.title


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("title: My precious map\n", encoding="utf-8")
    result = invoke("init", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{target}: error: already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "title: My precious map\n"


def test_init_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("title: My precious map\n", encoding="utf-8")
    result = invoke("init", "--force", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == STARTER


def test_init_into_a_missing_directory(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir.yaml"
    result = invoke("init", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{target}: error: cannot write: ")
    assert "Traceback" not in result.stderr


# -- examples -------------------------------------------------------------------------------------


def test_examples_lists_every_bundled_spec_with_its_title() -> None:
    result = invoke("examples")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    specs = bundled()
    assert len(lines) == 2 * len(specs)
    for i, spec in enumerate(specs):
        title = skillsmap.load(spec).title
        assert lines[2 * i].split(maxsplit=1) == [spec.stem, title]
        assert lines[2 * i + 1].strip() == str(spec)
    assert lines[0].startswith("senior-engineer ")


# -- startup: --help and validate never import matplotlib -----------------------------------------

PROBE = """
import sys
from skillsmap.cli import main
try:
    main({args!r}, standalone_mode=False)
except SystemExit:
    pass
print("matplotlib" in sys.modules)
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["validate", "specs/senior-engineer.yaml"], ["schema"], ["examples"]],
    ids=["help", "validate", "schema", "examples"],
)
def test_command_does_not_import_matplotlib(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False", f"{args} imported matplotlib"
