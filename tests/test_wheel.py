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
    """The project's wheel unpacked into a folder that shadows the editable install."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
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


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "skillsmap", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_wheel_holds_the_bundled_specs_and_starter(wheel_site: Path) -> None:
    names = {p.name for p in (wheel_site / "skillsmap" / "specs").glob("*.yaml")}
    assert names == {p.name for p in (ROOT / "specs").glob("*.yaml")}
    assert (wheel_site / "skillsmap" / "starter.yaml").is_file()


def test_installed_wheel_renders_the_flagship_outside_the_repo(
    wheel_site: Path, tmp_path: Path
) -> None:
    where = _run(wheel_site, tmp_path, "examples")
    assert where.returncode == 0, where.stderr
    assert str(wheel_site) in where.stdout  # the packaged copies, not the checkout's
    result = _run(wheel_site, tmp_path, "render", "-f", "svg")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["wrote output/senior-engineer.svg"]
    assert (tmp_path / "output" / "senior-engineer.svg").stat().st_size > 10_000
