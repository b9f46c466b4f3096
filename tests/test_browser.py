"""The HTML page and the SVG in a real browser: Debian's headless Chromium.

Screenshots of the page (light and dark), of the SVG opened directly and of the SVG through an
``<img>`` match matplotlib's PNG at 96 dpi; the page's own scripted check (``#selftest:<role>``)
hovers a role, clicks a legend track and searches, and ``--dump-dom`` returns what it did. One
Chromium launch per picture plus one for the scripted check; none may log to the console.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from imagecompare import rms

import skillsmap

ROOT = Path(__file__).parent.parent
FLAGSHIP = ROOT / "specs" / "senior-engineer.yaml"
CHROMIUM = Path("/usr/bin/chromium")
# Largest RMS difference (0-255 over RGB) between Chromium's and matplotlib's pictures: the two
# rasterise glyphs and antialias edges differently (measured about 7.5 on the flagship).
BROWSER_RMS = 8.0
HOVERED = "staff-engineer"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once with a fresh profile; its console must stay silent."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    return done


@pytest.fixture(scope="module")
def pages() -> Iterator[Path]:
    """A folder with the flagship's page, SVG, an <img> page and the reference PNGs."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (bash .ci/run installs Debian's chromium as root)"
        print(reason)
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="skillsmap-browser-"))
    built = skillsmap.build(FLAGSHIP)
    (folder / "map.html").write_bytes(skillsmap.encode(built, "html"))
    (folder / "map.svg").write_bytes(skillsmap.encode(built, "svg"))
    (folder / "map.png").write_bytes(skillsmap.encode(built, "png", dpi=96))
    dark = skillsmap.build(FLAGSHIP, theme="dark")
    (folder / "dark.png").write_bytes(skillsmap.encode(dark, "png", dpi=96))
    (folder / "img.html").write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        '<img src="map.svg" alt="" style="display:block"></body></html>',
        encoding="utf-8",
    )
    yield folder
    shutil.rmtree(folder)


def screenshot(folder: Path, page: str, *extra: str) -> bytes:
    """Chromium's picture of ``page`` in a window exactly the map's size."""
    size = skillsmap.build(FLAGSHIP).scene
    shot = folder / f"{page}{''.join(extra)}.png"
    window = f"--window-size={round(size.width)},{round(size.height)}"
    chromium(*extra, f"--screenshot={shot}", window, (folder / page).as_uri())
    return shot.read_bytes()


@pytest.mark.parametrize(
    ("page", "extra", "reference"),
    [
        ("map.html", (), "map.png"),
        ("map.html", ("--force-dark-mode",), "dark.png"),
        ("map.svg", (), "map.png"),
        ("img.html", (), "map.png"),
    ],
    ids=["page-light", "page-dark", "svg", "svg-in-img"],
)
def test_browser_draws_what_matplotlib_draws(
    pages: Path, page: str, extra: tuple[str, ...], reference: str
) -> None:
    assert rms(screenshot(pages, page, *extra), (pages / reference).read_bytes()) <= BROWSER_RMS


def paths_through(role: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The roles and moves on a path through ``role``: reachable from it and leading to it."""
    moves = [(mv.from_, mv.to) for mv in skillsmap.build(FLAGSHIP).model.moves]
    roles, found = {role}, set()
    for forward in (True, False):
        todo = [role]
        seen = {role}
        while todo:
            at = todo.pop()
            for a, b in moves:
                source, target = (a, b) if forward else (b, a)
                if source == at:
                    found.add((a, b))
                    if target not in seen:
                        seen.add(target)
                        todo.append(target)
        roles |= seen
    return roles, found


@pytest.fixture(scope="module")
def selftest(pages: Path) -> dict[str, object]:
    url = (pages / "map.html").as_uri() + f"#selftest:{HOVERED}"
    dom = chromium("--virtual-time-budget=5000", "--dump-dom", url).stdout
    found = re.search(r'<pre id="selftest">([^<]*)</pre>', dom)
    assert found is not None, dom[-2000:]
    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return result


def test_hover_highlights_every_path_through_the_role(selftest: dict[str, object]) -> None:
    m = skillsmap.build(FLAGSHIP).model
    roles, moves = paths_through(HOVERED)
    expected = {
        f"role-{r.id}": f"role track-{r.track}" + (" on" if r.id in roles else "") for r in m.roles
    }
    expected |= {
        f"move-{mv.from_}--{mv.to}": f"move move-{mv.kind}"
        + (" on" if (mv.from_, mv.to) in moves else "")
        for mv in m.moves
    }
    assert selftest["hover"] == expected
    assert roles == {
        "senior-engineer",
        "staff-engineer",
        "principal-engineer",
        "distinguished-engineer",
    }
    assert selftest["panel"] == "Staff Engineer"


def test_legend_click_hides_the_track_and_its_moves(selftest: dict[str, object]) -> None:
    m = skillsmap.build(FLAGSHIP).model
    gone = {r.id for r in m.roles if r.track == "ic"}
    expected = {
        f"role-{r.id}": f"role track-{r.track}" + (" off" if r.id in gone else "") for r in m.roles
    }
    expected |= {
        f"move-{mv.from_}--{mv.to}": f"move move-{mv.kind}"
        + (" off" if {mv.from_, mv.to} & gone else "")
        for mv in m.moves
    }
    assert (selftest["clicked"], selftest["pressed"]) == ("ic", "false")
    assert selftest["click"] == expected


def test_search_by_alias_finds_and_focuses_the_role(selftest: dict[str, object]) -> None:
    assert selftest["search"] == "Found Staff Engineer"
    assert selftest["focused"] == "light-role-staff-engineer"
    assert selftest["errors"] == []
