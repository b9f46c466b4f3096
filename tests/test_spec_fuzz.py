"""No input makes ``skillsmap validate`` print a traceback: only diagnostics ever come out.

Two generated families, 1,300 documents in all, fed through the real command (``CliRunner``):

- random YAML: nested mappings, lists and tricky scalars dumped by PyYAML's safe dumper,
  spec-shaped mappings whose values are anything, and raw text and bytes;
- mutated valid specs: the flagship spec and the ``init`` starter with lines deleted,
  duplicated, swapped or re-indented, YAML punctuation inserted, and values replaced.

Every stderr line must be ``PATH:LINE:COL: error|warning: MESSAGE`` (or ``PATH: error: ...``
for problems with the file itself), the exit code 0 or 1, and errors must match the exit code.
The runs are derandomized, so a failure reproduces on every run.
"""

from __future__ import annotations

import re
import traceback
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from skillsmap.cli import main

FLAGSHIP = Path(__file__).parent.parent / "specs" / "senior-engineer.yaml"
SEEDS = [
    FLAGSHIP.read_text(encoding="utf-8"),
    resources.files("skillsmap").joinpath("starter.yaml").read_text(encoding="utf-8"),
]
# libyaml's emitter writes what the pure-Python one does, three times faster.
DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FUZZ = settings(
    max_examples=650,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- strategies -------------------------------------------------------------------------------

SPEC_KEYS = [
    "version", "title", "subtitle", "note", "axes", "tracks", "levels", "roles", "moves",
    "soft", "hard", "label", "min", "max", "color", "id", "box", "track", "level",
    "description", "url", "aliases", "from", "to", "kind", "<<", "titel", "colour",
]  # fmt: skip
TRICKY = [
    "", " ", "no", "yes", "on", "off", "y", "n", "~", "null", "true", "False", "1e3", "1.0e+400",
    "-.inf", ".nan", "0x1F", "0o17", "1:30", "1_000", "2001-01-01", "#D55E00", "#fff", "teal",
    "bleu", "a: b", "- x", "*a", "&a", "!!python/object", "{", "[", "]", "}", "'", '"', "\\",
    "\t", "\n", "\r\n", "\u2028", "\x85", "\x1b[31m", "\ufeff", "é", "日本", "🙂", "ic", "L5",
    "management", "senior-engineer", "promotion", "lateral", "downward", "javascript:alert(1)",
    "https://example.com", "mailto:a@b", "x" * 300, "L" * 70,
]  # fmt: skip
PUNCTUATION = [*":-[]{}#&*!|>'\"%@`,?\t ", ": ", "- ", " #", "---", "...", "<<: *a"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(TRICKY),
)
keys = st.one_of(st.sampled_from(SPEC_KEYS), st.text(max_size=8))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=25,
)


def plausible(*values: Any) -> st.SearchStrategy[Any]:
    """Mostly sensible values, sometimes anything at all."""
    return st.one_of(st.sampled_from(values), structures)


ids = plausible("ic", "management", "L5", "L6", "dev", "lead", "bad id", "", 5)
roles = st.fixed_dictionaries(
    {"id": ids, "title": plausible("Developer"), "track": ids, "soft": plausible(1, 2.5, 11)},
    optional={
        "hard": plausible(1, -1, 1e309),
        "level": ids,
        "url": plausible("https://x", "ftp://x"),
        "aliases": plausible({"google": "L5"}, {"": "x"}),
        "descripton": scalars,
    },
)
moves = st.fixed_dictionaries(
    {"from": ids, "to": ids},
    optional={"kind": plausible("lateral", "downward", "sideways"), "label": scalars},
)
levels = st.fixed_dictionaries(
    {"id": ids},
    optional={"box": plausible({"soft": [0, 4], "hard": [0, 4]}, {"soft": [3]}), "label": scalars},
)
spec_shaped = st.fixed_dictionaries(
    {
        "title": plausible("Map", "no"),
        "tracks": st.one_of(
            st.dictionaries(
                st.one_of(st.sampled_from(["ic", "management", "bad id", ""]), st.text(max_size=5)),
                st.one_of(st.just({"label": "T"}), structures),
                max_size=3,
            ),
            structures,
        ),
        "levels": st.one_of(st.lists(levels, max_size=3), structures),
        "roles": st.one_of(st.lists(roles, max_size=4), structures),
    },
    optional={
        "version": plausible(1, 2, "1", True),
        "axes": plausible({"soft": {"min": 5, "max": 1}}, {"hard": {"label": ""}}),
        "moves": st.one_of(st.lists(moves, max_size=4), structures),
        "extra": structures,
    },
)


@st.composite
def dumped(draw: st.DrawFn) -> bytes:
    doc = draw(st.one_of(structures, spec_shaped))
    text = yaml.dump(
        doc,
        Dumper=DUMPER,
        default_flow_style=draw(st.sampled_from([None, True, False])),
        allow_unicode=draw(st.booleans()),
        sort_keys=False,
        width=draw(st.sampled_from([40, 80, 10_000])),
    )
    return text.encode("utf-8")


yaml_ish = st.lists(st.sampled_from([*PUNCTUATION, *"abc01\n "]), max_size=120).map("".join)
random_documents = st.one_of(
    dumped(),
    yaml_ish.map(lambda t: t.encode("utf-8")),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.binary(max_size=200),
)


@st.composite
def mutated_specs(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(SEEDS)).splitlines(keepends=True)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "value"]))
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        line = lines[i]
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            at = draw(st.integers(min_value=0, max_value=len(line)))
            bit = draw(st.one_of(st.sampled_from(PUNCTUATION), st.text(max_size=3)))
            lines[i] = line[:at] + bit + line[at:]
        elif op == "indent":
            change = draw(st.sampled_from(["  ", " ", "\t", "", "-"]))
            stripped = line.lstrip(" ")
            keep = draw(st.integers(min_value=0, max_value=len(line) - len(stripped)))
            lines[i] = " " * keep + change + stripped
        elif op == "value" and ": " in line:
            head = line.split(": ", 1)[0]
            value = draw(st.one_of(st.sampled_from(TRICKY), scalars.map(yaml_scalar)))
            lines[i] = f"{head}: {value}\n"
    text = "".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


def yaml_scalar(value: Any) -> str:
    """``value`` written as one line of YAML."""
    return yaml.dump(value, Dumper=DUMPER, default_flow_style=True, width=10_000).splitlines()[0]


# -- the check ----------------------------------------------------------------------------------

LINE = r"^{path}:(?:\d+:\d+:)? (error|warning): \S.*$"
OK = r"^{path}: ok \(\d+ roles, \d+ moves\)$"


def assert_only_diagnostics(path: str, stdin: bytes | None = None) -> None:
    result = CliRunner().invoke(main, ["validate", path], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        trace = "".join(traceback.format_exception(*result.exc_info))
        pytest.fail(f"validate raised for input {stdin!r}:\n{trace}")
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr
    line = re.compile(LINE.format(path=re.escape(path)))
    severities = []
    for text in result.stderr.splitlines():
        match = line.match(text)
        assert match, f"not a diagnostic: {text!r}"
        severities.append(match[1])
    event(f"exit {result.exit_code}, {_kind(result.stderr)}")
    if result.exit_code == 0:
        assert "error" not in severities
        assert re.fullmatch(OK.format(path=re.escape(path)), result.stdout.rstrip("\n"))
    else:
        assert "error" in severities
        assert result.stdout == ""


def _kind(stderr: str) -> str:
    """What stopped the spec, for ``pytest --hypothesis-show-statistics``."""
    for needle, kind in [
        ("YAML syntax error", "YAML syntax"),
        ("UTF-8", "encoding"),
        ("the spec is", "not a mapping"),
        ("unknown key", "unknown key"),
        ("expected", "wrong type"),
        ("unknown ", "bad reference"),
        ("error:", "other error"),
        ("warning:", "warnings only"),
    ]:
        if needle in stderr:
            return kind
    return "clean"


_ROLE = "title: Map\ntracks: {ic: {label: IC}}\nlevels: []\nroles:\n  - {id: dev, title: Dev, "


@FUZZ
@given(document=random_documents)
# inputs that once escaped as tracebacks or broke a diagnostic across lines
@example(document=(_ROLE + "track: ic, soft: 1, hard: " + "9" * 5000 + "}\n").encode())
@example(document=(_ROLE + "track: ic, soft: 1, hard: " + "9" * 400 + "}\n").encode())
@example(document=(_ROLE + 'track: ic, soft: 1, hard: 1, "ha\\nrd": 1}\n').encode())
@example(document=(_ROLE + 'track: ic, soft: 1, hard: "a\\u2028b"}\n').encode())
@example(document=(_ROLE + 'track: ic, soft: 1, hard: 1, aliases: {"": x}}\n').encode())
@example(document=b"a: &a [*a]\n*a : 1\n")
@example(document=b"\xef\xbb\xbf" + b"[" * 10_000)
def test_random_documents_give_only_diagnostics(document: bytes) -> None:
    assert_only_diagnostics("-", stdin=document)


@pytest.fixture(scope="module")
def spec_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "my spec.yaml"


@FUZZ
@given(document=mutated_specs())
def test_mutated_specs_give_only_diagnostics(document: bytes, spec_path: Path) -> None:
    spec_path.write_bytes(document)
    assert_only_diagnostics(str(spec_path))


def test_the_seeds_are_valid() -> None:
    """The mutations start from valid specs, so any error comes from a mutation."""
    for seed in SEEDS:
        result = CliRunner().invoke(main, ["validate", "-"], input=seed.encode("utf-8"))
        assert (result.exit_code, result.stderr) == (0, "")
