"""The pre-commit hooks, run by ``pre-commit try-repo`` on a temporary git repository.

pre-commit installs a copy of this working tree (committed in a temporary clone) into its own
environment once for the module; two runs then cover a bad spec and a stale output (both hooks
fail) and the fixed repository (both pass). The render module is also tested in-process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("pre_commit")
from integrations.specs import BAD, BAD_MESSAGE, GOOD

from skillsmap.integrations import precommit

ROOT = Path(__file__).parent.parent
Run = subprocess.CompletedProcess[str]
GIT = [
    "git",
    "-c",
    "user.name=skillsmap tests",
    "-c",
    "user.email=tests@example.invalid",
    "-c",
    "commit.gpgsign=false",
]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def committed_copy(dest: Path) -> Path:
    """This working tree as it is (uncommitted changes too), committed in a fresh repository."""
    names = git(ROOT, "ls-files", "-co", "--exclude-standard", "-z").split("\0")
    for name in filter(None, names):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return dest


@pytest.fixture(scope="module")
def try_repo(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Run]:
    """Runs every hook of this tree on all files of a repository; installs once."""
    hooks = committed_copy(tmp_path_factory.mktemp("hooks"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}

    def run(repo: Path) -> Run:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(hooks),
                "--all-files",
                "--color",
                "never",
            ],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    return run


def test_bad_specs_and_stale_outputs_fail_and_fixed_ones_pass(
    try_repo: Callable[[Path], Run], tmp_path: Path
) -> None:
    run = try_repo
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "team.yaml").write_text(GOOD, "utf-8")
    (tmp_path / "maps" / "team.svg").write_text("<svg/>", "utf-8")
    (tmp_path / "maps" / "broken.yaml").write_text(BAD, "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    failed = run(tmp_path)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    lines = failed.stdout.splitlines()
    assert f"maps/broken.yaml:7:40: error: {BAD_MESSAGE}" in lines
    assert "maps/team.yaml: rewrote maps/team.svg" in lines
    assert lines.count("- hook id: skillsmap-validate") == 1
    assert lines.count("- hook id: skillsmap-render") == 1
    assert (tmp_path / "maps" / "team.svg").read_text("utf-8").count('id="role-dev"') == 1
    (tmp_path / "maps" / "broken.yaml").unlink()
    git(tmp_path, "add", "-A")
    passed = run(tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "- hook id:" not in passed.stdout


def test_render_writes_only_changed_outputs_where_and_as_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "team.yaml"
    spec.write_text(GOOD, "utf-8")
    out = tmp_path / "img"
    args = [str(spec), "-o", str(out), "-f", "svg", "-f", "png", "--theme", "dark"]
    assert precommit.main(args) == 1
    assert sorted(p.name for p in out.iterdir()) == ["team.png", "team.svg"]
    assert capsys.readouterr().out.splitlines() == [
        f"{spec}: rewrote {out / 'team.svg'}",
        f"{spec}: rewrote {out / 'team.png'}",
    ]
    assert precommit.main(args) == 0
    assert capsys.readouterr().out == ""


def test_render_reports_a_bad_spec_and_a_bad_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text(BAD, "utf-8")
    assert precommit.main([str(spec)]) == 1
    assert capsys.readouterr().err == f"{spec}:7:40: error: {BAD_MESSAGE}\n"
    spec.write_text(GOOD, "utf-8")
    assert precommit.main([str(spec), "-f", "gif"]) == 2
    assert capsys.readouterr().err.startswith("skillsmap-render: error: unknown format 'gif'")
    assert not (tmp_path / "broken.svg").exists()
