"""The bundled examples work from a built wheel, outside the source tree (CLI contract)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel unpacked into a folder that shadows the editable install.

    The build backend (hatchling) is a test dependency, so no isolated build env is made.
    """
    out = tmp_path_factory.mktemp("wheel")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    build = subprocess.run(
        [*pip_wheel, "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0:
        pytest.fail(f"wheel build failed:\n{build.stderr}")
    (wheel,) = out.glob("skillsmap-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def _start(site: Path, cwd: Path, *args: str) -> subprocess.Popen[str]:
    """``python -m skillsmap ARGS`` importing skillsmap from ``site``, started, not awaited."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.Popen(
        [sys.executable, "-m", "skillsmap", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    stdout, stderr = proc.communicate(timeout=120)
    return proc.returncode, stdout, stderr


def test_wheel_holds_the_bundled_specs_and_starter(wheel_site: Path) -> None:
    names = {p.name for p in (wheel_site / "skillsmap" / "specs").glob("*.yaml")}
    assert names == {p.name for p in (ROOT / "specs").glob("*.yaml")}
    assert (wheel_site / "skillsmap" / "starter.yaml").is_file()


def test_installed_wheel_renders_the_flagship_outside_the_repo(
    wheel_site: Path, tmp_path: Path
) -> None:
    examples = _start(wheel_site, tmp_path, "examples")  # both at once: they share nothing
    render = _start(wheel_site, tmp_path, "render", "-f", "svg")
    code, stdout, stderr = _finish(examples)
    assert code == 0, stderr
    assert str(wheel_site) in stdout  # the packaged copies, not the checkout's
    code, stdout, stderr = _finish(render)
    assert code == 0, stderr
    assert stdout.splitlines() == ["wrote output/senior-engineer.svg"]
    assert (tmp_path / "output" / "senior-engineer.svg").stat().st_size > 10_000
