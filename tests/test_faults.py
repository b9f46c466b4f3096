"""Faults: a failed or interrupted run never leaves a truncated file nor loses the previous one.

Outputs are written to a temporary file in the target's folder and renamed over it; every
format is drawn before any file is written. Each failure a user can cause (a missing spec, a
folder given as spec, an output path blocked by a file or a folder, a spec on standard input)
is one ``PATH: error: ...`` or ``PATH:LINE:COL: error: ...`` line with exit status 1 (2 for
usage errors), never a traceback, and rendering several specs goes on past a bad one.

Tests run as root here, which ignores permission bits, so "cannot write" is provoked with paths
the kernel refuses to anyone: a folder path running through a regular file (ENOTDIR) and an
output file name that is an existing folder (EISDIR). A crash is simulated by making
``os.replace`` (the rename) or ``os.fsync`` fail, and a hard kill by ``os._exit`` in the rename.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import skillsmap
import skillsmap.files as files_module
import skillsmap.pipeline as pipeline_module
from skillsmap import render
from skillsmap.cli import main
from skillsmap.examples import bundled, flagship

ERROR_LINE = re.compile(r"^(?P<path>.+?):(?:(?P<line>\d+):(?P<col>\d+):)? error: \S.*$")
SVG_MAGIC = b"<?xml"
SUMMARY = re.compile(r"^rendered \d+ maps?(, \d+ failed)?$")  # after several specs


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below ``root``, hidden temporaries included, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def assert_clean_failure(result: Result, code: int = 1) -> list[str]:
    """Exit ``code``, no traceback, and every stderr line a located one-line diagnostic."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if not SUMMARY.match(line)]
    assert lines
    for line in lines:
        assert ERROR_LINE.match(line) or ": warning: " in line, line
    return lines


def changed_spec(tmp_path: Path) -> Path:
    """The flagship with another title, so a successful render would change every file."""
    text = flagship().read_text(encoding="utf-8")
    spec = tmp_path / "senior-engineer.yaml"
    spec.write_text(text.replace("title: ", "title: Changed ", 1), encoding="utf-8")
    return spec


@pytest.fixture(scope="module")
def good_render(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good") / "out"
    render(flagship(), out, formats=["svg", "png", "pdf"], dpi=24)
    return out


@pytest.fixture
def previous(tmp_path: Path, good_render: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder holding a good earlier render (SVG, PNG, PDF), and its bytes."""
    out = tmp_path / "out"
    shutil.copytree(good_render, out)
    return out, snapshot(out)


# --- the rename fails, or the run dies before it --------------------------------------------


def test_failed_rename_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous

    def crash(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError) as info:
        render(changed_spec(tmp_path), out, formats=["svg", "png", "pdf"], dpi=24)
    assert info.value.filename == str(out / "senior-engineer.svg")  # never the temporary
    assert snapshot(out) == before


def test_failed_rename_through_the_cli_is_one_line(
    tmp_path: Path, previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous
    spec = changed_spec(tmp_path)

    def crash(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    result = cli("render", str(spec), "-o", str(out), "-f", "svg")
    lines = assert_clean_failure(result)
    assert lines == [f"{out / 'senior-engineer.svg'}: error: cannot write: Input/output error"]
    assert snapshot(out) == before


def test_interrupt_before_the_rename_keeps_the_old_file(
    tmp_path: Path, previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render(changed_spec(tmp_path), out, formats=["pdf"])
    assert snapshot(out) == before


def test_disk_full_while_writing_keeps_the_old_file(
    tmp_path: Path, previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = cli("render", str(changed_spec(tmp_path)), "-o", str(out), "-f", "png")
    lines = assert_clean_failure(result)
    assert lines == [f"{out / 'senior-engineer.png'}: error: cannot write: No space left on device"]
    assert snapshot(out) == before


def test_hard_kill_between_write_and_rename_never_touches_the_target(
    tmp_path: Path, previous: tuple[Path, dict[str, bytes]]
) -> None:
    out, before = previous
    spec = changed_spec(tmp_path)
    code = (
        "import os, sys\n"
        "from skillsmap import render\n"
        "os.replace = lambda src, dst: os._exit(9)  # killed after the write, before the rename\n"
        f"render({str(spec)!r}, {str(out)!r}, formats=['svg'])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=120, check=False
    )
    assert proc.returncode == 9, proc.stderr
    after = snapshot(out)
    assert {k: v for k, v in after.items() if k in before} == before
    # A process killed outright cannot clean up: at most its hidden temporary file remains,
    # complete, beside the untouched target.
    leftovers = set(after) - set(before)
    assert all(re.fullmatch(r"\.senior-engineer\.svg\.\w+\.tmp", name) for name in leftovers)
    for name in leftovers:
        assert after[name].startswith(SVG_MAGIC) and after[name].rstrip().endswith(b"</svg>")


# --- drawing fails ----------------------------------------------------------------------------


def test_failure_while_drawing_writes_no_file_at_all(
    tmp_path: Path, previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous
    real_encode = files_module.encode

    def flaky(built: object, fmt: str, **kwargs: object) -> bytes:
        if fmt == "png":
            raise RuntimeError("the rasteriser broke")
        return real_encode(built, fmt, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files_module, "encode", flaky)
    with pytest.raises(RuntimeError):
        render(changed_spec(tmp_path), out, formats=["svg", "png", "pdf"])
    # The SVG was drawn before the failure, but nothing is written until every format is.
    assert snapshot(out) == before


def test_failure_while_drawing_through_the_cli_is_one_line_and_the_next_spec_renders(
    tmp_path: Path, previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous
    real_layout = pipeline_module.layout

    def flaky(m: skillsmap.SkillsMap, theme: object) -> object:
        if m.title.startswith("Changed"):
            raise ValueError("layout failed\non two lines")
        return real_layout(m, theme)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline_module, "layout", flaky)
    other = bundled()[-1]
    result = cli("render", str(changed_spec(tmp_path)), str(other), "-o", str(out), "-f", "svg")
    lines = assert_clean_failure(result)
    assert lines == [
        f"{tmp_path / 'senior-engineer.yaml'}: error: internal error (ValueError: layout failed "
        "on two lines); please report it at the skillsmap issue tracker"
    ]
    assert result.stderr.endswith("\nrendered 1 map, 1 failed\n")
    assert result.stdout == f"wrote {out / other.stem}.svg\n"
    after = snapshot(out)
    assert {k: after[k] for k in before} == before


# --- output paths that cannot be written ------------------------------------------------------


def test_output_folder_below_a_regular_file(cwd: Path) -> None:
    (cwd / "notes.txt").write_text("keep me\n")
    result = cli("render", str(flagship()), "-o", "notes.txt/out/", "-f", "svg")
    assert assert_clean_failure(result) == [
        "notes.txt/out: error: cannot write: notes.txt is a file, not a folder"
    ]
    result = cli("render", str(flagship()), "-o", "notes.txt/deeper/map.svg")
    assert assert_clean_failure(result) == [
        "notes.txt/deeper: error: cannot write: notes.txt is a file, not a folder"
    ]
    assert snapshot(cwd) == {"notes.txt": b"keep me\n"}


def test_output_file_that_is_a_folder(cwd: Path) -> None:
    (cwd / "map.svg").mkdir()
    (cwd / "map.svg" / "inside.txt").write_text("x")
    result = cli("render", str(flagship()), "-o", "map.svg")
    assert assert_clean_failure(result) == ["map.svg: error: cannot write: Is a directory"]
    assert snapshot(cwd) == {"map.svg/inside.txt": b"x"}  # no temporary file left beside it


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder(cwd: Path) -> None:
    (cwd / "locked").mkdir(mode=0o500)
    try:
        result = cli("render", str(flagship()), "-o", "locked", "-f", "svg")
        lines = assert_clean_failure(result)
        assert lines == ["locked/senior-engineer.svg: error: cannot write: Permission denied"]
    finally:
        (cwd / "locked").chmod(0o700)


def test_api_raises_an_oserror_naming_the_output(cwd: Path) -> None:
    (cwd / "notes.txt").write_text("x")
    with pytest.raises(NotADirectoryError) as info:
        render(flagship(), cwd / "notes.txt" / "out", formats=["svg"])
    assert info.value.filename == str(cwd / "notes.txt" / "out")
    assert info.value.strerror == f"{cwd / 'notes.txt'} is a file, not a folder"


# --- specs that cannot be read ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["render", "validate"])
def test_missing_spec(cwd: Path, command: str) -> None:
    result = cli(command, "nowhere.yaml")
    assert assert_clean_failure(result) == ["nowhere.yaml: error: no such file"]
    assert snapshot(cwd) == {}


@pytest.mark.parametrize("command", ["render", "validate"])
def test_folder_given_as_spec(cwd: Path, command: str) -> None:
    (cwd / "specs").mkdir()
    result = cli(command, "specs")
    assert assert_clean_failure(result) == ["specs: error: is a directory, not a spec file"]
    assert snapshot(cwd) == {}


def test_spec_on_stdin_is_written_as_stdin(cwd: Path) -> None:
    result = cli("render", "-", "-f", "svg", "-f", "pdf", stdin=flagship().read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote output/stdin.svg\nwrote output/stdin.pdf\n"
    assert set(snapshot(cwd)) == {"output/stdin.svg", "output/stdin.pdf"}
    result = cli("render", "-", "-o", "named.svg", stdin=flagship().read_bytes())
    assert result.exit_code == 0, result.output
    assert (cwd / "named.svg").read_bytes() == (cwd / "output" / "stdin.svg").read_bytes()


def test_render_help_says_where_stdin_goes() -> None:
    result = cli("render", "--help")
    assert "OUT/stdin.<format>" in " ".join(result.stdout.split())


def test_invalid_spec_on_stdin_is_located_at_dash(cwd: Path) -> None:
    bad = (
        b"title: Map\ntracks: {ic: {label: IC}}\nlevels: []\nroles:\n"
        b"  - {id: a, title: A, track: mgmt, soft: 1, hard: 1}\n"
    )
    for command in ("render", "validate"):
        result = cli(command, "-", stdin=bad)
        lines = assert_clean_failure(result)
        assert lines == ["-:5:30: error: roles[0].track: unknown track 'mgmt'"]
    result = cli("render", "-", stdin=b"")
    (line,) = assert_clean_failure(result)
    assert line.startswith("-:1:1: error: the spec is empty")
    assert snapshot(cwd) == {}


def test_stdin_through_a_real_pipe(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "skillsmap", "render", "-", "-f", "svg"],
        input=flagship().read_bytes(),
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"wrote output/stdin.svg\n"
    assert (tmp_path / "output" / "stdin.svg").read_bytes().startswith(SVG_MAGIC)


# --- several specs in one run -------------------------------------------------------------


def test_several_specs_go_on_past_each_bad_one(cwd: Path) -> None:
    (cwd / "broken.yaml").write_text("title: Broken\ntracks: {}\nlevels: []\nroles: []\n")
    (cwd / "folder").mkdir()
    first, last = bundled()[0], bundled()[-1]
    args = [str(first), "missing.yaml", "broken.yaml", "folder", str(last)]
    result = cli("render", *args, "-o", "out", "-f", "svg")
    lines = assert_clean_failure(result)
    paths = [ERROR_LINE.match(line)["path"] for line in lines]  # type: ignore[index]
    assert paths[0] == "missing.yaml"
    assert set(paths[1:-1]) == {"broken.yaml"}
    assert paths[-1] == "folder"
    assert result.stdout == f"wrote out/{first.stem}.svg\nwrote out/{last.stem}.svg\n"
    assert set(snapshot(cwd / "out")) == {f"{first.stem}.svg", f"{last.stem}.svg"}

    result = cli("validate", *args)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{first}: ok")
    assert result.stdout.splitlines()[-1].startswith(f"{last}: ok")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["render", "--dpi", "5"],
        ["render", "--size", "big"],
        ["render", "--bogus"],
        ["render", "a.yaml", "b.yaml", "-o", "one.svg"],
        ["render", "--id-prefix", "9lives"],
        ["validate"],
    ],
)
def test_usage_errors_exit_2_without_traceback(cwd: Path, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1].startswith("Error: ")
    assert snapshot(cwd) == {}
