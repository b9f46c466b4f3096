"""The MkDocs plugin and the superfences fence format, through real ``mkdocs build`` runs.

A ``skillsmap`` fence and a ``![alt](spec.yaml)`` reference become inline SVG (the role groups
are in the page); a bad spec is a warning at PAGE:LINE:COL or SPEC:LINE:COL and the build goes
on, unless ``--strict``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocs")
from integrations.specs import BAD, BAD_MESSAGE, GOOD

FRONT = "---\ntitle: Maps\n---\n# Maps\n\n"


def site(root: Path, page: str, spec: str = GOOD, config: str = "plugins: [skillsmap]\n") -> Path:
    (root / "docs" / "maps").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(f"site_name: Maps\n{config}", "utf-8")
    (root / "docs" / "index.md").write_text(page, "utf-8")
    (root / "docs" / "maps" / "team.yaml").write_text(spec, "utf-8")
    return root


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *extra],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def warnings_of(done: subprocess.CompletedProcess[str]) -> list[str]:
    """The build log's warnings (its INFO lines left out)."""
    return [line for line in done.stderr.splitlines() if not line.startswith("INFO")]


def test_a_fence_and_a_spec_reference_become_inline_maps(tmp_path: Path) -> None:
    fence = f"```skillsmap\n{GOOD}```\n"
    page = f"{FRONT}{fence}\n![Our team](maps/team.yaml)\n\n`![code](maps/team.yaml)`\n"
    done = mkdocs_build(site(tmp_path, page))
    assert done.returncode == 0, done.stderr
    assert warnings_of(done) == []
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert html.count('<div class="skillsmap"><svg class="skillsmap') == 2
    # the second map on the page has its ids prefixed, so each one's are unique
    assert html.count('id="role-dev"') == html.count('id="map2-role-dev"') == 1
    assert html.count('id="move-dev--lead"') == html.count('id="map2-move-dev--lead"') == 1
    maps = re.findall(r"<svg .*?>", html)
    assert [re.findall(r'aria-(?:labelledby|describedby)="([^"]*)"', m) for m in maps] == [
        ["title desc"],
        ["map2-desc"],
    ]
    assert 'aria-label="Our team"' in html
    assert "<code>![code](maps/team.yaml)</code>" in html


def test_a_bad_spec_is_a_located_warning_and_strict_fails(tmp_path: Path) -> None:
    fence = f"```skillsmap\n{BAD}```\n"
    page = f"{FRONT}{fence}\n![Our team](maps/team.yaml)\n\nAfter the maps.\n"
    root = site(tmp_path, page, BAD)
    fence_line = FRONT.count("\n") + 1 + 7  # the fence's own line, then BAD's line 7
    expected = [
        f"WARNING -  index.md:{fence_line}:40: error: {BAD_MESSAGE}",
        f"WARNING -  maps/team.yaml:7:40: error: {BAD_MESSAGE}",
    ]
    done = mkdocs_build(root)
    assert done.returncode == 0
    assert warnings_of(done) == expected
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "After the maps." in html
    assert '<code class="language-skillsmap">title: Team map' in html
    strict = mkdocs_build(root, "--strict")
    assert strict.returncode == 1
    assert warnings_of(strict)[:2] == expected


def test_the_superfences_format_draws_the_fence(tmp_path: Path) -> None:
    config = (
        "markdown_extensions:\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: skillsmap\n"
        "          class: skillsmap\n"
        "          format: !!python/name:skillsmap.integrations.mkdocs.fence_format\n"
    )
    page = f"{FRONT}```skillsmap\n{GOOD}```\n\n```skillsmap\n{BAD}```\n\n```skillsmap\n{GOOD}```\n"
    done = mkdocs_build(site(tmp_path, page, config=config))
    assert warnings_of(done) == [f"WARNING -  skillsmap fence:7:40: error: {BAD_MESSAGE}"]
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert html.count('id="role-dev"') == 1
    assert html.count('id="map3-role-dev"') == 1  # the third fence, after the bad one
    assert '<pre class="skillsmap-error"><code>title: Team map' in html


def test_the_plugin_and_superfences_on_one_page_number_their_maps_together(
    tmp_path: Path,
) -> None:
    config = (
        "plugins: [skillsmap]\n"
        "markdown_extensions:\n"
        "  - attr_list\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: skillsmap\n"
        "          class: skillsmap\n"
        "          format: !!python/name:skillsmap.integrations.mkdocs.fence_format\n"
    )
    # the plugin draws the reference; the fence with attributes is left to superfences
    page = f'{FRONT}![Our team](maps/team.yaml)\n\n```{{.skillsmap theme="dark"}}\n{GOOD}```\n'
    done = mkdocs_build(site(tmp_path, page, config=config))
    assert warnings_of(done) == []
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert [html.count(f'id="{i}"') for i in ("role-dev", "map2-role-dev")] == [1, 1]
