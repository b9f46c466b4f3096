"""Input limits: oversized or hostile specs are refused fast, located, in bounded memory.

``tests/test_spec_errors.py`` checks these limits through ``skillsmap validate``; here each one
goes through ``skillsmap render`` as well (the command people run in CI), through standard input,
and in a real process (exit status, no traceback, peak memory). The list limits (roles, moves,
levels, tracks) are covered for both commands.

Times are measured in-process around the command (the interpreter's start-up is not the
spec's fault). ``LIMIT_SECONDS`` only guards against a hang: these refusals take a few
milliseconds, 0.1 s for the list limits, 0.2 s for an alias bomb (read up to the value limit)
and 0.5 s for a flat document of 200,000 values, on a loaded two-core machine.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from skillsmap.cli import main
from skillsmap.diagnostics import SpecError
from skillsmap.model import MAX_LEVELS, MAX_MOVES, MAX_ROLES, MAX_TEXT, MAX_TRACKS
from skillsmap.yamlsource import MAX_BYTES, MAX_DEPTH, MAX_NODES, parse

LIMIT_SECONDS = 1.0
PEAK_MEMORY_MB = 250  # the interpreter with skillsmap loaded is about 60 MB
TOO_MANY_VALUES = (
    rf"error: the document holds more than {MAX_NODES:,} values once aliases are expanded; "
    "refusing to read it"
)
TOO_DEEP = f"error: the document nests deeper than {MAX_DEPTH} levels"


def list_bomb() -> str:
    """The billion-laughs pattern in YAML: nine lists of nine aliases of the previous list."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join([*lines, "title: Bomb", ""])


def merge_bomb() -> str:
    """The same through mappings and merge keys."""
    lines = ["b0: &b0 {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol}"]
    for i in range(1, 10):
        refs = ", ".join(f"k{j}: *b{i - 1}" for j in range(8))
        lines.append(f"b{i}: &b{i} {{<<: *b0, {refs}}}")
    return "\n".join([*lines, "title: Bomb", ""])


HOSTILE: dict[str, tuple[str, str]] = {
    # name: (spec text, expected "LINE:COL: message" as a regular expression)
    "alias-bomb": (list_bomb(), rf"\d+:\d+: {TOO_MANY_VALUES}"),
    "merge-key-bomb": (merge_bomb(), rf"\d+:\d+: {TOO_MANY_VALUES}"),
    "deep-flow-lists": ("title: " + "[" * 10_000 + "]" * 10_000 + "\n", f"1:71: {TOO_DEEP}"),
    # brackets in quoted text, a block scalar and a comment open nothing
    "deep-flow-lists-after-bracket-text": (
        'note: "' + "[" * 2000 + '"\n'
        "also: '" + "{" * 2000 + "'  # " + "[" * 2000 + "\n"
        "text: |\n  " + "[" * 2000 + "\n"
        "title: " + "[" * 10_000 + "]" * 10_000 + "\n",
        f"5:71: {TOO_DEEP}",
    ),
    "deep-flow-maps": (
        "title: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
        f"1:260: {TOO_DEEP}",
    ),
    "deep-block-lists": ("roles:\n" + "- " * 10_000 + "x\n", f"2:127: {TOO_DEEP}"),
    "deep-flow-mixed": (
        "title: " + "[{a: " * 5_000 + "1" + "}]" * 5_000 + "\n",
        f"1:\\d+: {TOO_DEEP}",
    ),
}


def invoke(*args: str, stdin: bytes | None = None) -> tuple[Result, float]:
    start = time.perf_counter()
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result, time.perf_counter() - start


def one_error(result: Result, path: str) -> str:
    """The single stderr line, checked for the ``PATH:`` prefix; returns what follows it."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:")
    return lines[0][len(path) + 1 :]


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- hostile documents: refused by the reader ---------------------------------------------


@pytest.mark.parametrize("command", ["render", "validate"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_document_is_refused_fast_and_located(cwd: Path, name: str, command: str) -> None:
    text, expected = HOSTILE[name]
    (cwd / f"{name}.yaml").write_text(text)
    result, elapsed = invoke(command, f"{name}.yaml")
    assert re.fullmatch(expected, one_error(result, f"{name}.yaml")), result.stderr
    assert elapsed < LIMIT_SECONDS
    assert not (cwd / "output").exists()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_document_on_stdin(cwd: Path, name: str) -> None:
    text, expected = HOSTILE[name]
    result, elapsed = invoke("render", "-", "-f", "svg", stdin=text.encode())
    assert re.fullmatch(expected, one_error(result, "-")), result.stderr
    assert elapsed < LIMIT_SECONDS


def test_nesting_of_exactly_the_limit_is_read() -> None:
    """The root mapping is level 1, so 63 lists under a key reach the limit; 64 pass it."""
    expected: list[object] = []
    for _ in range(MAX_DEPTH - 2):
        expected = [expected]
    inner = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert parse("deep.yaml", f"title: {inner}\n".encode()).data == {"title": expected}
    with pytest.raises(SpecError) as caught:
        parse("deep.yaml", f"title: [{inner}]\n".encode())
    assert str(caught.value) == f"deep.yaml:1:71: {TOO_DEEP}"


@pytest.mark.parametrize("command", ["render", "validate"])
def test_20_mb_spec_is_refused_before_reading(cwd: Path, command: str) -> None:
    path = cwd / "huge.yaml"
    path.write_bytes(b"title: Map\nnote: '" + b"x" * (20 * 1024 * 1024) + b"'\n")
    size = path.stat().st_size
    result, elapsed = invoke(command, "huge.yaml")
    assert one_error(result, "huge.yaml") == (
        f"1:1: error: the file is {size:,} bytes; specs are limited to {MAX_BYTES:,} bytes (4 MiB)"
    )
    assert elapsed < LIMIT_SECONDS


def test_20_mb_on_stdin_is_cut_off_after_the_limit(cwd: Path) -> None:
    data = b"title: Map\nnote: '" + b"x" * (20 * 1024 * 1024) + b"'\n"
    result, elapsed = invoke("render", "-", stdin=data)
    assert one_error(result, "-") == (
        f"1:1: error: the file is larger than {MAX_BYTES:,} bytes; specs are limited to "
        f"{MAX_BYTES:,} bytes (4 MiB)"
    )
    assert elapsed < LIMIT_SECONDS


def test_many_values_without_aliases_are_refused(cwd: Path) -> None:
    # Flow sequences of numbers: about 2 MB, well under the size limit, over the value limit.
    rows = (MAX_NODES // 100) + 10
    text = "title: Map\nnote: x\ndata:\n" + "".join(
        "  - [" + ",".join(["1"] * 100) + "]\n" for _ in range(rows)
    )
    assert len(text) < MAX_BYTES
    Path("values.yaml").write_text(text)
    result, elapsed = invoke("render", "values.yaml")
    assert re.fullmatch(rf"\d+:\d+: {TOO_MANY_VALUES}", one_error(result, "values.yaml"))
    assert elapsed < 2 * LIMIT_SECONDS  # read to the limit: the slowest refusal, ~0.5 s


# --- the same in a real process: exit status, one line, bounded memory -----------------------

# Peak memory from VmHWM: unlike getrusage's ru_maxrss, it belongs to the new process image
# and does not inherit the (large) pytest parent's peak across fork and exec.
MEASURE = """
import re, sys
from skillsmap.cli import main
from skillsmap.diagnostics import SpecError
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
with open("/proc/self/status") as status:
    print(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1))
sys.exit(code)
"""


@pytest.mark.parametrize("name", ["alias-bomb", "merge-key-bomb", "deep-flow-maps", "huge"])
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_real_process_refuses_with_one_line_in_bounded_memory(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    if name == "huge":
        path.write_bytes(b"title: " + b"x" * (20 * 1024 * 1024) + b"\n")
    else:
        path.write_text(HOSTILE[name][0])
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, "render", str(path), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,  # a hang guard only
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:"), proc.stderr
    assert " error: " in lines[0] and "Traceback" not in proc.stderr
    peak_mb = int(proc.stdout.strip()) / 1024
    assert peak_mb < PEAK_MEMORY_MB
    assert not (tmp_path / "out").exists()


# --- list and text limits of the model --------------------------------------------------------


@functools.cache  # the render and validate cases share a text; libyaml's emitter writes it fast
def spec_with(roles: int = 2, moves: int = 0, levels: int = 0, tracks: int = 1) -> str:
    data = {
        "title": "Limits",
        "tracks": {f"t{i}": {"label": f"Track {i}"} for i in range(tracks)},
        "levels": [{"id": f"L{i}"} for i in range(levels)],
        "roles": [
            {"id": f"r{i}", "title": f"R{i}", "track": "t0", "soft": i % 10, "hard": i // 10 % 10}
            for i in range(roles)
        ],
        "moves": [{"from": f"r{i % roles}", "to": f"r{(i + 1) % roles}"} for i in range(moves)],
    }
    if moves > roles:  # distinct pairs: every role points to several others
        data["moves"] = [
            {"from": f"r{i % roles}", "to": f"r{(i % roles + 1 + i // roles) % roles}"}
            for i in range(moves)
        ]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, default_flow_style=None, width=1000)


def line_after(text: str, key: str) -> int:
    """The line of the first item of block list ``key`` (where its value starts)."""
    lines = text.splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:")) + 1


@pytest.mark.parametrize("command", ["render", "validate"])
@pytest.mark.parametrize(
    ("field", "limit", "kwargs"),
    [
        ("roles", MAX_ROLES, {"roles": MAX_ROLES + 1}),
        ("moves", MAX_MOVES, {"roles": 100, "moves": MAX_MOVES + 1}),
        ("levels", MAX_LEVELS, {"levels": MAX_LEVELS + 1}),
        ("tracks", MAX_TRACKS, {"tracks": MAX_TRACKS + 1}),
    ],
)
def test_too_many_items_are_refused_fast_and_located(
    cwd: Path, command: str, field: str, limit: int, kwargs: dict[str, int]
) -> None:
    text = spec_with(**kwargs)
    Path("many.yaml").write_text(text)
    result, elapsed = invoke(command, "many.yaml")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = result.stderr.splitlines()
    line = line_after(text, field)
    expected = f"many.yaml:{line}:"
    message = f"error: {field}: {limit + 1:,} {field} is more than the limit of {limit:,}"
    assert any(e.startswith(expected) and e.endswith(message) for e in errors), errors[:5]
    assert elapsed < LIMIT_SECONDS
    assert not Path("output").exists()


def test_many_overlapping_boxes_over_the_limit_stay_fast(cwd: Path) -> None:
    """Level boxes are compared pairwise: past the limit only the first ones are checked."""
    lines = ["title: Boxes", "tracks: {ic: {label: IC}}", "levels:"]
    lines += [f"  - {{id: l{i}, box: {{soft: [1, 2], hard: [1, 2]}}}}" for i in range(5000)]
    lines += ["roles: [{id: a, title: A, track: ic, soft: 5, hard: 5}]"]
    Path("boxes.yaml").write_text("\n".join(lines) + "\n")
    result, elapsed = invoke("validate", "boxes.yaml")
    errors = result.stderr.splitlines()
    assert errors[0] == "boxes.yaml:4:3: error: levels: 5,000 levels is more than the limit of 200"
    # every pair of the first 200 boxes overlaps: reported, but nothing beyond them
    assert len(errors) == 1 + MAX_LEVELS * (MAX_LEVELS - 1) // 2
    assert elapsed < 3 * LIMIT_SECONDS  # ~0.5 s, mostly printing 19,901 lines; 15 s unbounded


def test_text_over_the_length_limit(cwd: Path) -> None:
    Path("long.yaml").write_text(spec_with().replace("title: Limits", "title: " + "x" * 1001))
    result, elapsed = invoke("render", "long.yaml")
    assert one_error(result, "long.yaml") == (
        f"1:8: error: title: is longer than {MAX_TEXT} characters"
    )
    assert elapsed < LIMIT_SECONDS


def test_items_at_the_limits_are_accepted(cwd: Path) -> None:
    Path("full.yaml").write_text(
        spec_with(roles=MAX_ROLES, levels=MAX_LEVELS, tracks=MAX_TRACKS, moves=MAX_MOVES)
    )
    result, _ = invoke("validate", "full.yaml")
    assert result.exit_code == 0, result.stderr[:500]


@pytest.mark.slow
def test_a_map_at_the_role_and_move_limits_renders_in_bounded_time(tmp_path: Path) -> None:
    """The largest map the limits allow lays out and draws (SVG) in a bounded time.

    2,000 roles and 5,000 moves took about 25 s on a loaded two-core machine; the timeout
    is there to turn a regression into a failure rather than a stuck run.
    """
    spec = tmp_path / "full.yaml"
    spec.write_text(spec_with(roles=MAX_ROLES, moves=MAX_MOVES))
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "skillsmap", "render", str(spec), "-f", "svg", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "full.svg").stat().st_size > 0
    print(json.dumps({"seconds": round(elapsed, 1)}))
