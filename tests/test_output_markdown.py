"""``-f md``: the text alternative names every role and move, escapes user text, is stable."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import skillsmap
from skillsmap.cli import main
from skillsmap.examples import bundled, flagship
from skillsmap.outputs.markdown import escape

ROOT = Path(__file__).parent.parent
SPECS = [*bundled(), *sorted((ROOT / "tests" / "ladders").glob("*.yaml"))]

FLAGSHIP_L5 = [
    "### L5",
    "",
    "| Role | Track | Aliases | Description |",
    "| --- | --- | --- | --- |",
    "| Senior Engineer | Individual contributor | google: L5 Senior SWE; meta: E5; amazon: L6 "
    "SDE III; microsoft: 63\u201364 Senior SDE | Owns major systems and leads the technical work "
    "of one team; where this map begins. |",
    "| Engineering Manager | Tech management | google: L5 EM I | Runs one team (hiring, "
    "one-to-ones, planning and delivery) while staying close to its technical work. |",
    "| Product Manager | Product |  | Decides what a team builds and why; its hard skills are "
    "product skills rather than programming. |",
    "",
    "### L6-7",
]
FLAGSHIP_HEAD = [
    "# The Senior Engineer Skills Map",
    "",
    "Paths from Senior Engineer (L5) into senior IC, management and product roles",
    "",
    "The horizontal axis is Soft skills (communication, relationships), growing to the right; "
    "the vertical axis is Hard skills, growing upwards.",
    "",
    "## Roles",
    "",
    "Levels from the bottom of the map to the top.",
    "",
]

ODD = """\
title: "A *bold* [map] | <b> & _x_"
subtitle: "1. not a list"
tracks:
  ic: {label: "# not a heading"}
levels:
  - {id: L1, label: "2) first"}
roles:
  - {id: a, title: "- not a bullet", track: ic, level: L1, soft: 2, hard: 2, aliases: {x: "C#"}}
  - id: b
    title: "Tab\\tand\\nbreak `code`"
    track: ic
    soft: 6
    hard: 7
    url: "https://example.com/a|b"
moves:
  - {from: a, to: b, kind: lateral, label: "~2~ years"}
"""


def markdown(spec: Path) -> list[str]:
    return skillsmap.encode(skillsmap.build(spec), "md").decode("utf-8").split("\n")


def test_flagship_opens_with_title_axes_and_its_first_level() -> None:
    lines = markdown(flagship())
    assert lines[: len(FLAGSHIP_HEAD)] == FLAGSHIP_HEAD
    start = len(FLAGSHIP_HEAD)
    assert lines[start : start + len(FLAGSHIP_L5)] == FLAGSHIP_L5


def test_flagship_lists_levels_bottom_to_top_then_moves_then_the_note() -> None:
    lines = markdown(flagship())
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# The Senior Engineer Skills Map",
        "## Roles",
        "### L5",
        "### L6-7",
        "### L7-8",
        "### L9-10",
        "### L11+",
        "## Moves",
        "## Note",
    ]
    assert "- Senior Engineer \u2192 Staff Engineer (promotion, 3\u20138 years)" in lines
    assert (
        "- Senior Engineer \u2192 Product Manager (lateral move, 6 months \u2013 2 years)" in lines
    )
    assert lines[-2].startswith("Based on Emmanuel Goossaert's article")
    assert lines[-1] == ""


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_role_and_move_is_named(spec: Path) -> None:
    m = skillsmap.load(spec)
    lines = markdown(spec)
    rows = [line for line in lines if line.startswith("| ") and line[2:6] not in ("Role", "--- ")]
    titles = [row.split(" | ")[0].removeprefix("| ") for row in rows]
    assert sorted(titles) == sorted(escape(r.title) for r in m.roles)
    arrows = [line for line in lines if line.startswith("- ")]
    assert len(arrows) == len(m.moves)
    for mv in m.moves:
        src, dst = escape(m.role(mv.from_).title), escape(m.role(mv.to).title)
        assert any(a.startswith(f"- {src} \u2192 {dst} (") for a in arrows), (src, dst)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_the_same_map_gives_the_same_bytes_in_every_theme(spec: Path) -> None:
    first = skillsmap.encode(skillsmap.build(spec), "md")
    assert skillsmap.encode(skillsmap.build(spec, theme="dark"), "md") == first


def test_user_text_is_escaped(tmp_path: Path) -> None:
    spec = tmp_path / "odd.yaml"
    spec.write_text(ODD, encoding="utf-8")
    assert markdown(spec) == [
        r"# A \*bold\* \[map\] \| \<b\> \& \_x\_",
        "",
        r"1\. not a list",
        "",
        "The horizontal axis is Soft skills, growing to the right; "
        "the vertical axis is Hard skills, growing upwards.",
        "",
        "## Roles",
        "",
        "Levels from the bottom of the map to the top.",
        "",
        r"### 2\) first",
        "",
        "| Role | Track | Aliases | Description |",
        "| --- | --- | --- | --- |",
        r"| \- not a bullet | \# not a heading | x: C\# |  |",
        "",
        "### Outside the levels",
        "",
        "| Role | Track | Aliases | Description |",
        "| --- | --- | --- | --- |",
        r"| [Tab and break \`code\`](<https://example.com/a\|b>) | \# not a heading |  |  |",
        "",
        "## Moves",
        "",
        "- \\- not a bullet \u2192 Tab and break \\`code\\` (lateral move, \\~2\\~ years)",
        "",
    ]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("a\\b", "a\\\\b"),
        ("+ one", "\\+ one"),
        ("= rule", "\\= rule"),
        ("> quote", "\\> quote"),
        ("2) second", "2\\) second"),
        ("  spaced   out  ", "spaced out"),
        ("bell\x07", "bell"),
        ("L6-7", "L6-7"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_cli_writes_markdown_to_stdout_to_a_file_and_beside_json(tmp_path: Path) -> None:
    expected = skillsmap.encode(skillsmap.build(flagship()), "md")
    runner = CliRunner()
    out = runner.invoke(main, ["render", "-f", "md", "-o", "-"], catch_exceptions=False)
    assert (out.exit_code, out.stdout_bytes) == (0, expected)
    target = tmp_path / "map.md"
    done = runner.invoke(main, ["render", "-o", str(target)], catch_exceptions=False)
    assert done.exit_code == 0
    assert target.read_bytes() == expected
    folder = tmp_path / "out"
    args = ["render", "-f", "md", "-f", "json", "-o", f"{folder}/"]
    assert runner.invoke(main, args, catch_exceptions=False).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "senior-engineer.json",
        "senior-engineer.md",
    ]
    assert (folder / "senior-engineer.md").read_bytes() == expected
