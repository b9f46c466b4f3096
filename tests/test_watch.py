"""``render --watch``: render again on every save, keep the last good output, stop on Ctrl-C.

The end-to-end test runs the command in a subprocess and edits its spec the way editors save
(a new file renamed over the old one); waits poll with a deadline of DEADLINE_S seconds.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from minimal import one_role

from skillsmap.cli import main
from skillsmap.watch import affected, changes

DEADLINE_S = 10.0
BROKEN = "title: Broken\nroles: [\n"
RENDERED = re.compile(r"^rendered (?P<files>\S+(, \S+)*) \(\d+\.\d\d s\)$")


def save(path: Path, text: str) -> None:
    """Save as editors do: write a temporary file beside ``path``, then rename it over."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {DEADLINE_S} s")
        time.sleep(0.05)


# --- which specs a change concerns -------------------------------------------------------------


def test_a_changed_spec_is_rendered_again_by_any_name(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for spec in (a, b):
        spec.write_text("", encoding="utf-8")
    specs = [str(a), os.path.relpath(b)]
    assert affected([str(b)], specs, []) == [os.path.relpath(b)]
    assert affected([tmp_path / "sub" / ".." / "a.yaml"], specs, []) == [str(a)]
    assert affected([tmp_path / "c.yaml"], specs, []) == []


def test_a_changed_font_renders_every_spec_and_a_gone_spec_none(tmp_path: Path) -> None:
    a, b, font = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "extra.ttf"
    a.write_text("", encoding="utf-8")
    specs = [str(a), str(b)]  # b is being saved: renamed away, not back yet
    assert affected([font], specs, [str(font)]) == [str(a)]
    assert affected([b], specs, [str(font)]) == []


def test_changes_sees_a_save_by_rename(tmp_path: Path) -> None:
    spec = tmp_path / "map.yaml"
    spec.write_text(one_role("One"), encoding="utf-8")
    stop = threading.Event()

    def keep_saving() -> None:
        while not stop.wait(0.2):
            (tmp_path / "other.yaml").write_text("unrelated", encoding="utf-8")
            save(spec, one_role("Two"))

    saver = threading.Thread(target=keep_saving)
    saver.start()
    try:
        first = next(changes([str(spec)], stop=stop))
    finally:
        stop.set()
        saver.join()
    assert first == [str(spec)]


# --- what --watch refuses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-"], "--watch needs spec files; standard input (-) cannot be watched"),
        (["map.yaml", "-o", "-"], "--watch writes files; give a folder or a file, not -o -"),
        (
            ["map.yaml", "map.yaml"],
            "map.yaml and map.yaml would both write output/map.svg; "
            "rename one or render them into different folders",
        ),
    ],
)
def test_watch_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.yaml").write_text(one_role("One"), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "--watch", *args], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]


# --- the command, end to end -------------------------------------------------------------------


def test_watch_renders_each_save_keeps_the_last_good_output_and_stops_on_ctrl_c(
    tmp_path: Path,
) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(one_role("First title"), encoding="utf-8")
    b.write_text(one_role("Other map"), encoding="utf-8")
    out_svg = tmp_path / "out" / "a.svg"
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    command = [sys.executable, "-m", "skillsmap", "render", "a.yaml", "b.yaml"]
    with stdout.open("w") as out, stderr.open("w") as err:
        proc = subprocess.Popen(
            [*command, "-o", "out", "-f", "svg", "--watch"],
            cwd=tmp_path,
            stdout=out,
            stderr=err,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            preexec_fn=_default_sigint,  # noqa: PLW1509 (no other thread runs in this test)
        )
    try:
        _edit_break_and_fix(a, out_svg, stdout, stderr)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=DEADLINE_S) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    lines = stdout.read_text().splitlines()
    assert [RENDERED.match(line)["files"] for line in lines] == [  # type: ignore[index]
        "a.svg",
        "b.svg",
        "a.svg",
        "a.svg",
    ]
    assert stderr.read_text() == (
        "watching a.yaml, b.yaml; press Ctrl-C to stop\n"
        "a.yaml:3:1: error: YAML syntax error: did not find expected node content "
        "(while parsing a flow node)\n"
        "stopped watching\n"
    )


def _default_sigint() -> None:
    """A shell's background job may ignore SIGINT; the child gets it back, Ctrl-C being tested."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _edit_break_and_fix(spec: Path, svg: Path, stdout: Path, stderr: Path) -> None:
    wait_for(lambda: "watching" in stderr.read_text(), "start")
    assert "First title" in svg.read_text(encoding="utf-8")
    save(spec, one_role("Second title"))
    wait_for(lambda: "Second title" in svg.read_text(encoding="utf-8"), "second render")
    good = svg.read_bytes()
    save(spec, BROKEN)
    wait_for(lambda: "error:" in stderr.read_text(), "diagnostic")
    assert svg.read_bytes() == good
    save(spec, one_role("Third title"))
    wait_for(lambda: "Third title" in svg.read_text(encoding="utf-8"), "third render")
    wait_for(lambda: len(stdout.read_text().splitlines()) == 4, "fourth render line")
