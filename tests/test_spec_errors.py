# ruff: noqa: E501  (the expected messages are kept whole, one per line, so they read as users see them)
"""Every spec rule, checked by its exact ``LINE:COL: severity: message`` on a corpus of bad specs.

Each file in ``tests/corpus/invalid/`` breaks one rule (or, for ``many-problems.yaml``, several at
once) of a small valid spec; ``EXPECTED`` lists what ``skillsmap validate`` must print for it,
after ``PATH:``. To add a rule: write the spec, run ``skillsmap validate`` on it, read the message
as a user would, then add the line here. Specs in ``tests/corpus/warnings/`` are valid but draw
warnings (``WARNINGS``): ``validate`` prints them and still exits 0.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from skillsmap.cli import main
from skillsmap.diagnostics import SpecError
from skillsmap.model import SkillsMap
from skillsmap.spec import check, loads
from skillsmap.yamlsource import MAX_BYTES

CORPUS = Path(__file__).parent / "corpus"
INVALID = CORPUS / "invalid"
WARNING_SPECS = CORPUS / "warnings"
FLAGSHIP = Path(__file__).parent.parent / "specs" / "senior-engineer.yaml"

EXPECTED: dict[str, list[str]] = {
    "alias-bomb.yaml": [
        "6:12: error: the document holds more than 200,000 values once aliases are expanded; refusing to read it",
    ],
    "anchors-outside-roles.yaml": [
        "6:1: error: unknown key 'defaults' (expected one of: version, title, subtitle, note, theme, axes, tracks, levels, roles, moves)",
    ],
    "at-sign.yaml": [
        "1:8: error: YAML syntax error: found character that cannot start any token (while scanning for the next token); put the text in quotes",
    ],
    "axis-min-max.yaml": [
        "3:38: error: axes.hard.max: max (0) must be greater than min (10)",
    ],
    "bad-indentation.yaml": [
        "9:11: error: YAML syntax error: mapping values are not allowed in this context; check the indentation of this line, and whether the line before lacks a ':'",
    ],
    "bad-move-kind.yaml": [
        "21:33: error: moves[0].kind: unknown move kind 'Lateral' (did you mean 'lateral'?); use promotion, lateral or downward",
    ],
    "binary-tag.yaml": [
        "1:8: error: unsupported YAML tag '!!binary'; remove it (a spec holds only text, numbers, true/false, lists and mappings)",
    ],
    "box-one-value.yaml": [
        "7:17: error: levels[0].box.soft: expected 2 numbers [low, high], got 1 value",
        "7:28: error: levels[0].box.hard: expected 2 numbers [low, high], got 3 values",
    ],
    "box-outside-axis.yaml": [
        "7:31: error: levels[0].box.hard: box hard range [0, 12] leaves the axis range [0, 10]",
    ],
    "box-overlap.yaml": [
        "9:10: error: levels[1].box: box of level 'L6' overlaps the box of level 'L5'",
    ],
    "box-overlap-three.yaml": [
        "8:10: error: levels[1].box: box of level 'L6' overlaps the box of level 'L5'",
        "10:10: error: levels[2].box: box of level 'L7' overlaps the box of level 'L5'",
        "10:10: error: levels[2].box: box of level 'L7' overlaps the box of level 'L6'",
        "11:9: error: levels[3].id: duplicate level id 'L6' (first used by levels[1])",
    ],
    "box-reversed.yaml": [
        "7:17: error: levels[0].box.soft: box soft range [4, 0] is empty or reversed",
    ],
    "colon-in-text.yaml": [
        "1:18: error: YAML syntax error: mapping values are not allowed in this context; put text that contains ': ' in quotes",
    ],
    "colour-comment-flow.yaml": [
        '3:33: error: YAML syntax error: #0072B2 starts a comment here, so the flow mapping that starts at 3:7 is never closed; write colours in quotes: "#0072B2"',
    ],
    "colour-comment.yaml": [
        '5:12: error: tracks.ic.color: #0072B2 is read as a comment, so no colour is set; write it in quotes: color: "#0072B2"',
    ],
    "colour-invalid.yaml": [
        "3:33: error: tracks.ic.color: invalid colour '#12345'; use #rgb, #rrggbb or a CSS colour name",
    ],
    "colour-typo.yaml": [
        "3:33: error: tracks.ic.color: invalid colour 'bleu' (did you mean 'blue'?); use #rgb, #rrggbb or a CSS colour name",
    ],
    "comments-only.yaml": [
        "1:1: error: the spec is empty; it must be a mapping with at least 'title', 'tracks', 'levels' and 'roles'",
    ],
    "control-character.yaml": [
        "1:11: error: YAML syntax error: character U+0007 is not allowed in YAML",
    ],
    "coordinate-boolean.yaml": [
        "12:11: error: roles[0].soft: expected a number, got boolean true (YAML reads unquoted yes as true)",
    ],
    "coordinate-comma.yaml": [
        "13:11: error: roles[0].hard: expected a number, got text '1,5'; use a decimal point, not a comma",
    ],
    "coordinate-exponent.yaml": [
        "12:11: error: roles[0].soft: expected a number, got text '1e0'; YAML reads 1e0 as text: write it with a decimal point, such as 1.0",
    ],
    "coordinate-inf.yaml": [
        "13:11: error: roles[0].hard: expected a finite number, got -.inf",
    ],
    "coordinate-nan.yaml": [
        "12:11: error: roles[0].soft: expected a finite number, got .nan",
    ],
    "coordinate-quoted.yaml": [
        "12:11: error: roles[0].soft: expected a number, got text '1'; remove the quotes",
    ],
    "crlf-line-endings.yaml": [
        "13:11: error: roles[0].hard: hard = -2 is outside the hard axis [0, 10]",
    ],
    "deep-nesting.yaml": [
        "2:70: error: the document nests deeper than 64 levels",
    ],
    "duplicate-key.yaml": [
        "14:1: error: duplicate key 'title' (first at line 1)",
    ],
    "duplicate-level-id.yaml": [
        "7:9: error: levels[1].id: duplicate level id 'L5' (first used by levels[0])",
    ],
    "duplicate-role-id.yaml": [
        "14:9: error: roles[1].id: duplicate role id 'dev' (first used by roles[0])",
        "21:21: error: moves[0].to: unknown role 'lead'",
    ],
    "duplicate-role-key.yaml": [
        "14:5: error: roles[0]: duplicate key 'soft' (first at line 12)",
    ],
    "duplicate-track-key.yaml": [
        "4:3: error: tracks: duplicate key 'ic' (first at line 3)",
    ],
    "empty-description.yaml": [
        "14:18: error: roles[0].description: must not be empty",
    ],
    "empty-tracks.yaml": [
        "2:9: error: tracks: needs at least one track",
    ],
    "empty.yaml": [
        "1:1: error: the spec is empty; it must be a mapping with at least 'title', 'tracks', 'levels' and 'roles'",
    ],
    "invalid-level-id.yaml": [
        "6:9: error: levels[0].id: invalid id 'L5/6': use only letters, digits, '-' and '_'",
        "11:12: error: roles[0].level: invalid id 'L5/6': use only letters, digits, '-' and '_'",
    ],
    "invalid-role-id.yaml": [
        "8:9: error: roles[0].id: invalid id 'senior dev': use only letters, digits, '-' and '_'",
    ],
    "invalid-track-id.yaml": [
        "4:3: error: tracks: invalid id 'on call': use only letters, digits, '-' and '_'",
    ],
    "many-problems.yaml": [
        "4:40: error: tracks.management.color: invalid colour 'purpel' (did you mean 'purple'?); use #rgb, #rrggbb or a CSS colour name",
        "14:5: error: roles[0]: unknown key 'colour' (expected one of: id, title, track, level, soft, hard, description, url, aliases)",
        "17:12: error: roles[1].track: unknown track 'mgmt' (did you mean 'management'?)",
        "19:11: error: roles[1].soft: expected a number, got text 'twelve'",
        "25:11: error: roles[2].hard: hard = 12 is outside the hard axis [0, 10]",
        "28:5: error: moves[1]: move 'dev' -> 'lead' is listed twice (first as moves[0])",
        "29:22: error: moves[2].to: unknown role 'bos' (did you mean 'boss'?)",
    ],
    "mapping-as-key.yaml": [
        "2:3: error: a key must be plain text",
    ],
    "merge-unknown-level.yaml": [
        "11:12: error: roles[0].level: unknown level 'L6'",
        "11:12: error: roles[1].level: unknown level 'L6'",
    ],
    "missing-colon.yaml": [
        "9:5: error: YAML syntax error: no ':' after 'title Developer'; each line of a mapping is 'key: value'",
    ],
    "missing-everything.yaml": [
        "1:1: error: missing required key 'levels'",
        "1:1: error: missing required key 'roles'",
        "1:1: error: missing required key 'title'",
        "1:1: error: missing required key 'tracks'",
    ],
    "missing-role-keys.yaml": [
        "8:5: error: roles[0]: missing required key 'hard'",
        "8:5: error: roles[0]: missing required key 'soft'",
        "8:5: error: roles[0]: missing required key 'title'",
    ],
    "missing-title.yaml": [
        "1:1: error: missing required key 'title'",
    ],
    "misspelt-key.yaml": [
        "1:1: error: unknown key 'titel' (did you mean 'title'?)",
    ],
    "move-missing-to.yaml": [
        "21:5: error: moves[0]: missing required key 'to'",
    ],
    "move-to-itself.yaml": [
        "21:21: error: moves[0].to: a move cannot go from 'dev' to itself",
    ],
    "move-twice.yaml": [
        "22:5: error: moves[1]: move 'dev' -> 'lead' is listed twice (first as moves[0])",
    ],
    "no-roles.yaml": [
        "5:8: error: roles: needs at least one role",
    ],
    "not-utf8.yaml": [
        "1:11: error: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
    ],
    "outside-axis.yaml": [
        "13:11: error: roles[0].hard: hard = 11 is outside the hard axis [0, 10]",
    ],
    "outside-box.yaml": [
        "13:11: error: roles[0].soft: soft = 1 is outside the box of level 'L5' (soft [2, 4])",
    ],
    "outside-custom-axis.yaml": [
        "14:11: error: roles[0].soft: soft = 7.5 is outside the soft axis [-5, 5]",
    ],
    "python-tag.yaml": [
        "1:8: error: unsupported YAML tag '!!python/object/apply:os.system'; remove it (a spec holds only text, numbers, true/false, lists and mappings)",
    ],
    "role-not-mapping.yaml": [
        "8:5: error: roles[0]: expected a mapping (key: value), got text 'dev'",
    ],
    "root-list.yaml": [
        "1:1: error: the spec is a list, not a mapping; it must be a mapping with at least 'title', 'tracks', 'levels' and 'roles'",
    ],
    "root-text.yaml": [
        "1:1: error: the spec is text, not a mapping; it must be a mapping with at least 'title', 'tracks', 'levels' and 'roles'",
    ],
    "second-document.yaml": [
        "14:1: error: a spec file holds one YAML document; remove the '---' and what follows, or split it into several files",
    ],
    "tab-indent.yaml": [
        "3:1: error: YAML syntax error: a tab cannot indent YAML; use spaces",
    ],
    "text-after-quote.yaml": [
        "1:17: error: YAML syntax error: did not find expected key (while parsing a block mapping that starts at 1:1); nothing may follow a closing quote: put the whole text in quotes",
    ],
    "theme-not-text.yaml": [
        "2:8: error: theme: expected a theme name (light, dark, print or high-contrast), got number 3",
    ],
    "theme-unknown.yaml": [
        "2:8: error: theme: unknown theme 'drak' (did you mean 'dark'?); use light, dark, print or high-contrast",
    ],
    "title-empty.yaml": [
        "1:8: error: title: must not be empty",
    ],
    "title-missing-value.yaml": [
        "1:7: error: title: must not be empty",
    ],
    "title-no.yaml": [
        '1:8: error: title: expected text, got boolean false; YAML reads unquoted no as boolean false: write "no" in quotes',
    ],
    "title-number.yaml": [
        '1:8: error: title: expected text, got number 2024; write "2024" in quotes to keep it as text',
    ],
    "track-missing-label.yaml": [
        "3:3: error: tracks.ic: missing required key 'label'",
        "8:5: error: levels[0].box: missing required key 'hard'",
    ],
    "tracks-as-list.yaml": [
        "2:9: error: tracks: expected a mapping (key: value), got a list",
    ],
    "unclosed-bracket.yaml": [
        "6:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at 5:9)",
    ],
    "unclosed-quote.yaml": [
        "1:8: error: YAML syntax error: this quoted text is never closed; add the closing quote",
    ],
    "unknown-alias.yaml": [
        "10:12: error: unknown alias '*engineers': no anchor '&engineers' is defined before it",
    ],
    "unknown-key-close.yaml": [
        "14:5: error: roles[0]: unknown key 'descripton' (did you mean 'description'?)",
    ],
    "unknown-key-far.yaml": [
        "14:5: error: roles[0]: unknown key 'salary' (expected one of: id, title, track, level, soft, hard, description, url, aliases)",
    ],
    "unknown-level-no-hint.yaml": [
        "11:12: error: roles[0].level: unknown level 'L9'",
    ],
    "unknown-level.yaml": [
        "11:12: error: roles[0].level: unknown level 'l5' (did you mean 'L5'?)",
    ],
    "unknown-move-role.yaml": [
        "21:21: error: moves[0].to: unknown role 'leed' (did you mean 'lead'?)",
    ],
    "unknown-track.yaml": [
        "10:12: error: roles[0].track: unknown track 'mgmt' (did you mean 'management'?)",
    ],
    "url-ftp.yaml": [
        "14:10: error: roles[0].url: must start with http:, https: or mailto:, got 'ftp://example.com/ladder'",
    ],
    "url-javascript.yaml": [
        "14:10: error: roles[0].url: must start with http:, https: or mailto:, got 'javascript:alert(1)'",
    ],
    "version-2.yaml": [
        "1:10: error: version: unsupported spec version 2; this skillsmap reads version 1",
    ],
    "version-quoted.yaml": [
        "1:10: error: version: expected the number 1, got text '1'; write version: 1 without quotes",
    ],
    "version-yes.yaml": [
        "1:10: error: version: expected version 1, got boolean true (YAML reads unquoted yes as true)",
    ],
}

WARNINGS: dict[str, list[str]] = {
    "downward-goes-up.yaml": [
        "21:33: warning: moves[0].kind: downward move goes up (hard 1 -> 2)",
    ],
    "lateral-across-levels.yaml": [
        "22:33: warning: moves[0].kind: lateral move between different levels ('L5' -> 'L6')",
    ],
}

# The rules of DESIGN.md "Spec format v1" (and the limits of the reader), each mapped to the
# corpus specs that break it; test_every_rule_has_a_spec keeps this honest.
RULES: dict[str, list[str]] = {
    "unknown key, with did-you-mean": ["misspelt-key.yaml", "unknown-key-close.yaml"],
    "unknown key, far from any": ["unknown-key-far.yaml", "anchors-outside-roles.yaml"],
    "wrong type": ["tracks-as-list.yaml", "role-not-mapping.yaml", "title-number.yaml"],
    "duplicate level id": ["duplicate-level-id.yaml"],
    "duplicate role id": ["duplicate-role-id.yaml"],
    "duplicate YAML key": [
        "duplicate-key.yaml",
        "duplicate-track-key.yaml",
        "duplicate-role-key.yaml",
    ],
    "unknown track": ["unknown-track.yaml"],
    "unknown level": [
        "unknown-level.yaml",
        "unknown-level-no-hint.yaml",
        "merge-unknown-level.yaml",
    ],
    "unknown role": ["unknown-move-role.yaml"],
    "coordinate outside the axis": [
        "outside-axis.yaml",
        "outside-custom-axis.yaml",
        "crlf-line-endings.yaml",
    ],
    "from == to": ["move-to-itself.yaml"],
    "the same move twice": ["move-twice.yaml"],
    "min >= max on an axis": ["axis-min-max.yaml"],
    "role outside its level's box": ["outside-box.yaml"],
    "explicit boxes overlap": ["box-overlap.yaml", "box-overlap-three.yaml"],
    "box range reversed or off the axis": [
        "box-reversed.yaml",
        "box-outside-axis.yaml",
        "box-one-value.yaml",
    ],
    "url with another scheme": ["url-javascript.yaml", "url-ftp.yaml"],
    "invalid colour": [
        "colour-invalid.yaml",
        "colour-typo.yaml",
        "colour-comment.yaml",
        "colour-comment-flow.yaml",
    ],
    "empty document": ["empty.yaml", "comments-only.yaml"],
    "non-mapping document": ["root-list.yaml", "root-text.yaml"],
    "YAML syntax error": [
        "missing-colon.yaml",
        "unclosed-bracket.yaml",
        "unclosed-quote.yaml",
        "colon-in-text.yaml",
        "bad-indentation.yaml",
        "at-sign.yaml",
        "text-after-quote.yaml",
        "control-character.yaml",
    ],
    "tabs": ["tab-indent.yaml"],
    "not UTF-8": ["not-utf8.yaml"],
    "alias bomb": ["alias-bomb.yaml"],
    "unknown alias": ["unknown-alias.yaml"],
    "too-deep nesting": ["deep-nesting.yaml"],
    "second YAML document": ["second-document.yaml"],
    "unsupported tag": ["python-tag.yaml", "binary-tag.yaml"],
    "key that is not text": ["mapping-as-key.yaml"],
    "version other than 1": ["version-2.yaml", "version-quoted.yaml", "version-yes.yaml"],
    "missing required keys": [
        "missing-title.yaml",
        "missing-everything.yaml",
        "missing-role-keys.yaml",
        "move-missing-to.yaml",
        "track-missing-label.yaml",
    ],
    "empty strings": [
        "title-empty.yaml",
        "title-missing-value.yaml",
        "empty-description.yaml",
        "empty-tracks.yaml",
        "no-roles.yaml",
    ],
    "invalid ids": ["invalid-role-id.yaml", "invalid-level-id.yaml", "invalid-track-id.yaml"],
    "non-finite numbers": ["coordinate-nan.yaml", "coordinate-inf.yaml"],
    "booleans where numbers are expected": ["coordinate-boolean.yaml", "version-yes.yaml"],
    "YAML 1.1 surprises": [
        "title-no.yaml",
        "coordinate-exponent.yaml",
        "coordinate-boolean.yaml",
        "colour-comment.yaml",
    ],
    "numbers written as text": ["coordinate-quoted.yaml", "coordinate-comma.yaml"],
    "unknown move kind": ["bad-move-kind.yaml"],
    "unknown theme, or not a name": ["theme-unknown.yaml", "theme-not-text.yaml"],
    "many problems at once, sorted": ["many-problems.yaml"],
}

LINE = re.compile(r"^(\d+):(\d+): (error|warning): .+$")


def strip_path(path: str, lines: list[str]) -> list[str]:
    """``PATH:rest`` lines -> ``rest``, failing if a line names another path."""
    prefix = f"{path}:"
    for line in lines:
        assert line.startswith(prefix), line
    return [line[len(prefix) :] for line in lines]


# -- the corpus, through the Python API ----------------------------------------------------


def test_corpus_and_table_list_the_same_files() -> None:
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(EXPECTED)
    assert sorted(p.name for p in WARNING_SPECS.glob("*.yaml")) == sorted(WARNINGS)
    assert len(EXPECTED) >= 35


def test_every_rule_has_a_spec() -> None:
    named = {name for names in RULES.values() for name in names}
    assert named <= set(EXPECTED), named - set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_spec_reports_exactly(name: str) -> None:
    path = str(INVALID / name)
    got = strip_path(path, [d.format() for d in check(path)])
    assert got == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_warning_spec_reports_exactly(name: str) -> None:
    path = str(WARNING_SPECS / name)
    got = strip_path(path, [d.format() for d in check(path)])
    assert got == WARNINGS[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_lines_are_well_formed_and_sorted(name: str) -> None:
    lines = EXPECTED[name]
    assert lines, "an invalid spec must report at least one problem"
    positions = []
    for line in lines:
        match = LINE.match(line)
        assert match, line
        positions.append((int(match[1]), int(match[2])))
    assert positions == sorted(positions)
    assert any(": error: " in line for line in lines)


def test_columns_counted_by_hand() -> None:
    """A few locations checked against the text itself, not against the reader's marks."""

    def at(name: str, line: int, col: int, length: int) -> str:
        text = (INVALID / name).read_bytes().decode("utf-8", "replace").splitlines()
        return text[line - 1][col - 1 : col - 1 + length]

    assert at("unknown-track.yaml", 10, 12, 4) == "mgmt"
    assert at("outside-axis.yaml", 13, 11, 2) == "11"
    assert at("move-to-itself.yaml", 21, 21, 3) == "dev"
    assert at("axis-min-max.yaml", 3, 38, 1) == "0"
    assert at("colon-in-text.yaml", 1, 18, 1) == ":"
    assert at("colour-comment.yaml", 5, 12, 7) == "#0072B2"
    assert at("colour-comment-flow.yaml", 3, 33, 7) == "#0072B2"
    assert at("box-one-value.yaml", 7, 28, 10) == "[0, 2, 4]}"
    assert at("unknown-key-close.yaml", 14, 5, 10) == "descripton"
    assert at("duplicate-role-key.yaml", 14, 5, 4) == "soft"
    assert at("crlf-line-endings.yaml", 13, 11, 2) == "-2"
    assert at("track-missing-label.yaml", 3, 3, 3) == "ic:"
    assert at("track-missing-label.yaml", 8, 5, 4) == "box:"
    assert at("not-utf8.yaml", 1, 8, 3) == "Caf"  # the bad byte is the 11th column


# -- the corpus, through the command line ----------------------------------------------------


def run(*args: str, stdin: bytes | str | None = None) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    exception = result.exception
    if isinstance(exception, SystemExit):
        exception = None
    return result.exit_code, result.stdout, result.stderr, exception


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_validate_prints_the_table(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)
    typed = f"./invalid//{name}"  # odd but valid: it must come back exactly as typed
    code, out, err, exc = run("validate", typed)
    assert exc is None
    assert code == 1
    assert out == ""
    assert strip_path(typed, err.splitlines()) == EXPECTED[name]
    assert "Traceback" not in err


def test_cli_validate_relative_path_as_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    code, _, err, _ = run("validate", "unknown-track.yaml")
    assert code == 1
    assert err == f"unknown-track.yaml:{EXPECTED['unknown-track.yaml'][0]}\n"


def test_cli_validate_several_files_reports_all(tmp_path: Path) -> None:
    bad = str(INVALID / "many-problems.yaml")
    bad2 = str(INVALID / "unknown-track.yaml")
    code, out, err, exc = run("validate", str(FLAGSHIP), bad, bad2)
    assert exc is None
    assert code == 1
    assert out == f"{FLAGSHIP}: ok (16 roles, 15 moves)\n"
    lines = err.splitlines()
    assert lines == [f"{bad}:{line}" for line in EXPECTED["many-problems.yaml"]] + [
        f"{bad2}:{line}" for line in EXPECTED["unknown-track.yaml"]
    ]


def test_cli_validate_good_then_bad_still_fails() -> None:
    bad = str(INVALID / "outside-axis.yaml")
    code, _, err, _ = run("validate", bad, str(FLAGSHIP))
    assert code == 1
    assert err == f"{bad}:{EXPECTED['outside-axis.yaml'][0]}\n"


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_cli_warnings_only_exit_0(name: str) -> None:
    path = str(WARNING_SPECS / name)
    code, out, err, exc = run("validate", path)
    assert exc is None
    assert code == 0
    assert strip_path(path, err.splitlines()) == WARNINGS[name]
    assert out.startswith(f"{path}: ok (2 roles, 1 move)")


def test_cli_quiet_prints_problems_only() -> None:
    path = str(WARNING_SPECS / "downward-goes-up.yaml")
    code, out, err, _ = run("validate", "-q", path, str(FLAGSHIP))
    assert code == 0
    assert out == ""
    assert len(err.splitlines()) == 1


def test_cli_stdin_dash() -> None:
    bad = (INVALID / "unknown-track.yaml").read_bytes()
    code, out, err, exc = run("validate", "-", stdin=bad)
    assert exc is None
    assert code == 1
    assert err == f"-:{EXPECTED['unknown-track.yaml'][0]}\n"
    code, out, err, _ = run("validate", "-", stdin=FLAGSHIP.read_bytes())
    assert (code, err) == (0, "")
    assert out == "-: ok (16 roles, 15 moves)\n"


def test_cli_stdin_not_utf8() -> None:
    code, _, err, exc = run("validate", "-", stdin=(INVALID / "not-utf8.yaml").read_bytes())
    assert exc is None
    assert code == 1
    assert err == f"-:{EXPECTED['not-utf8.yaml'][0]}\n"


def test_cli_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.yaml")
    code, out, err, exc = run("validate", path)
    assert exc is None
    assert (code, out) == (1, "")
    assert err == f"{path}: error: no such file\n"


def test_cli_directory_as_spec(tmp_path: Path) -> None:
    code, out, err, exc = run("validate", str(tmp_path))
    assert exc is None
    assert (code, out) == (1, "")
    assert err == f"{tmp_path}: error: is a directory, not a spec file\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_cli_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("title: Map\n")
    path.chmod(0)
    code, _, err, _ = run("validate", str(path))
    assert code == 1
    assert err == f"{path}: error: permission denied\n"


def test_cli_no_spec_is_a_usage_error() -> None:
    code, _, err, _ = run("validate")
    assert code == 2
    assert "Missing argument" in err


# -- limits: refused fast, located, no traceback ---------------------------------------------

LIMIT_SECONDS = 2.0  # generous: only there so a hang fails; these take milliseconds


def timed_validate(*args: str, stdin: bytes | None = None) -> tuple[int, str, float]:
    start = time.perf_counter()
    code, _, err, exc = run("validate", *args, stdin=stdin)
    elapsed = time.perf_counter() - start
    assert exc is None
    assert "Traceback" not in err
    return code, err, elapsed


def test_limit_file_just_over_4_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"title: Map\n" + b"# padding\n" * ((MAX_BYTES - 10) // 10 + 1))
    size = path.stat().st_size
    assert size > MAX_BYTES
    code, err, elapsed = timed_validate(str(path))
    assert code == 1
    assert err == (
        f"{path}:1:1: error: the file is {size:,} bytes; specs are limited to 4,194,304 bytes (4 MiB)\n"
    )
    assert elapsed < LIMIT_SECONDS


def test_limit_file_of_20_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"title: Map\nnote: " + b"x" * (20 * 1024 * 1024) + b"\n")
    code, err, elapsed = timed_validate(str(path))
    assert code == 1
    assert re.fullmatch(
        rf"{re.escape(str(path))}:1:1: error: the file is 20,971,5\d\d bytes; specs are limited to 4,194,304 bytes \(4 MiB\)\n",
        err,
    )
    assert elapsed < LIMIT_SECONDS


def test_limit_over_4_mb_on_stdin() -> None:
    code, err, elapsed = timed_validate("-", stdin=b"title: Map\n" + b"#" * (5 * 1024 * 1024))
    assert code == 1
    assert err == (
        "-:1:1: error: the file is larger than 4,194,304 bytes; specs are limited to "
        "4,194,304 bytes (4 MiB)\n"
    )
    assert elapsed < LIMIT_SECONDS


def test_limit_alias_bomb() -> None:
    path = str(INVALID / "alias-bomb.yaml")
    code, err, elapsed = timed_validate(path)
    assert code == 1
    assert strip_path(path, err.splitlines()) == EXPECTED["alias-bomb.yaml"]
    assert elapsed < LIMIT_SECONDS


def test_limit_alias_bomb_of_mappings(tmp_path: Path) -> None:
    """The same attack through merge keys and mappings instead of lists."""
    lines = ["a0: &a0 {k: lol, l: lol, m: lol, n: lol, o: lol, p: lol, q: lol, r: lol, s: lol}"]
    for i in range(1, 9):
        refs = ", ".join(f"k{j}: *a{i - 1}" for j in range(9))
        lines.append(f"a{i}: &a{i} {{{refs}}}")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    code, err, elapsed = timed_validate(str(path))
    assert code == 1
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+:\d+: error: the document holds more than 200,000 values "
        r"once aliases are expanded; refusing to read it\n",
        err,
    )
    assert elapsed < LIMIT_SECONDS


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: " + "[" * 10_000 + "]" * 10_000 + "\n", "1:71"),
        ("title: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "1:260"),
        ("roles:\n" + "- " * 10_000 + "x\n", "2:127"),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_limit_10000_deep_nesting(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    code, err, elapsed = timed_validate(str(path))
    assert code == 1
    assert err == f"{path}:{where}: error: the document nests deeper than 64 levels\n"
    assert elapsed < LIMIT_SECONDS


def test_many_misspelt_references_stay_fast(tmp_path: Path) -> None:
    """Suggestions are bounded: 8,000 unknown references among 1,500 ids once took minutes."""
    lines = ["title: Map", "tracks:"]
    lines += [f"  track-{i}: {{label: T}}" for i in range(1500)]
    lines += ["levels: []", "roles:"]
    lines += [
        f"  - {{id: r{i}, title: R, track: trak-{i}, level: lvl-{i}, soft: 1, hard: 1}}"
        for i in range(1500)
    ]
    lines += ["moves:"] + [f"  - {{from: r{i}, to: rr{i}}}" for i in range(5000)]
    path = tmp_path / "typos.yaml"
    path.write_text("\n".join(lines) + "\n")
    code, err, elapsed = timed_validate(str(path))
    assert code == 1
    got = err.splitlines()
    assert len(got) == 2 * 1500 + 5000 + 3500  # tracks, levels, every "to", "from" past r1499
    assert got[0] == (
        f"{path}:1505:31: error: roles[0].track: unknown track 'trak-0' (did you mean 'track-0'?)"
    )
    assert got[-1] == f"{path}:8005:23: error: moves[4999].to: unknown role 'rr4999'"
    assert elapsed < 5 * LIMIT_SECONDS  # typically about 1 s


# -- the theme key ---------------------------------------------------------------------------

THEMED = (INVALID / "theme-unknown.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("theme", ["light", "dark", "print", "high-contrast"])
def test_theme_known_names_load(theme: str) -> None:
    m = loads(THEMED.replace("theme: drak", f"theme: {theme}"))
    assert m.theme == theme


def test_theme_is_optional_and_none_by_default() -> None:
    m = loads(THEMED.replace("theme: drak\n", ""))
    assert m.theme is None


def test_theme_unknown_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "themed.yaml"
    path.write_text(THEMED.replace("theme: drak", "theme: sepia"))
    code, out, err, exc = run("validate", str(path))
    assert (code, out, exc) == (1, "", None)
    assert err == (
        f"{path}:2:8: error: theme: unknown theme 'sepia'; use light, dark, print or high-contrast\n"
    )


@pytest.mark.parametrize(
    ("value", "got"), [("[dark]", "a list"), ("{name: dark}", "a mapping"), ("yes", "boolean true")]
)
def test_theme_wrong_type(value: str, got: str) -> None:
    with pytest.raises(SpecError) as info:
        loads(THEMED.replace("theme: drak", f"theme: {value}"), "t.yaml")
    assert [d.format() for d in info.value.diagnostics] == [
        f"t.yaml:2:8: error: theme: expected a theme name (light, dark, print or high-contrast), got {got}"
    ]


# -- wording fixed in one place ----------------------------------------------------------------


def test_missing_key_points_at_the_key_of_the_mapping_that_lacks_it() -> None:
    """The choice: a missing key is shown where the user sees the mapping named, its key
    (``ic:``); a mapping with no key (a list item, the document) is shown where it starts."""
    text = "title: Map\ntracks:\n  ic:\n    color: teal\nlevels: []\nroles:\n  - id: a\n"
    with pytest.raises(SpecError) as info:
        loads(text, "m.yaml")
    assert [d.format() for d in info.value.diagnostics] == [
        "m.yaml:3:3: error: tracks.ic: missing required key 'label'",
        "m.yaml:7:5: error: roles[0]: missing required key 'hard'",
        "m.yaml:7:5: error: roles[0]: missing required key 'soft'",
        "m.yaml:7:5: error: roles[0]: missing required key 'title'",
        "m.yaml:7:5: error: roles[0]: missing required key 'track'",
    ]


@pytest.mark.parametrize(
    ("written", "col"), [("title:", 7), ('title: ""', 8), ("title: ''", 8), ("title: '  '", 8)]
)
def test_empty_title_has_one_wording(written: str, col: int) -> None:
    text = (INVALID / "title-empty.yaml").read_text(encoding="utf-8").splitlines()
    with pytest.raises(SpecError) as info:
        loads("\n".join([written, *text[1:]]) + "\n", "e.yaml")
    assert [d.format() for d in info.value.diagnostics] == [
        f"e.yaml:1:{col}: error: title: must not be empty"
    ]


def test_overlapping_boxes_each_pair_once_from_python() -> None:
    """Building a map in Python reports each overlapping pair once, like the spec reader."""
    box = {"soft": [0, 4], "hard": [0, 4]}
    with pytest.raises(ValidationError) as info:
        SkillsMap.model_validate(
            {
                "title": "Map",
                "tracks": {"ic": {"label": "E"}},
                "levels": [{"id": name, "box": box} for name in ("A", "B", "C")],
                "roles": [{"id": "r", "title": "R", "track": "ic", "soft": 1, "hard": 1}],
            }
        )
    [error] = info.value.errors()
    assert str(error["ctx"]["error"]).split("; ") == [
        "levels[1].box: box of level 'B' overlaps the box of level 'A'",
        "levels[2].box: box of level 'C' overlaps the box of level 'A'",
        "levels[2].box: box of level 'C' overlaps the box of level 'B'",
    ]
