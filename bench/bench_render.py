"""Time rendering: the flagship in-process, the ``render`` command end to end, and big maps.

Run it from the repository root::

    .venv/bin/python bench/bench_render.py                 # everything (about a minute)
    .venv/bin/python bench/bench_render.py --runs 30 --sizes 100 1000

It prints three small tables:

(a) the flagship map in-process: layout + SVG and layout + PNG (192 dpi), best and median of
    ``--runs`` timed runs after one warm-up; targets < 30 ms and < 300 ms (median);
(b) ``skillsmap render -f svg -o TMP`` as a subprocess against ``python -c "import click, yaml,
    pydantic, svgwrite"`` (the floor any such CLI pays), median of ``--cli-runs`` each, with
    compiled bytecode cached (as an installed package has it; the verdict) and without (as on a
    machine that sets ``PYTHONDONTWRITEBYTECODE``, where each run compiles skillsmap's modules);
    target ratio <= 2, and whether matplotlib was imported on the SVG path (it must not be);
(c) generated maps (``--sizes``, default 100, 200, 500 and 1,000 roles, 1.5 moves per role,
    deterministic) laid out and drawn as SVG in-process; target < 3 s for 1,000 roles and a
    growth exponent (least-squares slope of log time against log roles) of at most 1.3, about
    what n log n gives over this range (1.18); the placement stage alone is timed too;
(d) ``skillsmap render -f svg`` end to end on the flagship, a generated 100-role map and a
    generated 1,000-role map (1,500 moves), interleaved in one run, median of ``--cli-runs``:
    the ratios 1,000 roles / flagship (target <= 8) and 1,000 roles / 100 roles (target <= 15).

Every timing is shown as wall-clock time and as CPU time (user + system, of this process or of
the child). On a busy machine the wall time grows with the load while the CPU time barely
moves, so the verdicts use CPU time; the load average is printed first so readers can judge.

This is a script, not a test: it exits 0 whatever the timings (1 only if a map fails to render).
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import skillsmap
from skillsmap.backends.svg import render_svg
from skillsmap.examples import flagship
from skillsmap.layout import layout
from skillsmap.layout.cards import make_card
from skillsmap.layout.place import place
from skillsmap.model import SkillsMap
from skillsmap.theme import LIGHT

TARGET_SVG_MS = 30.0
TARGET_PNG_MS = 300.0
TARGET_CLI_RATIO = 2.0
TARGET_1000_S = 3.0
TARGET_EXPONENT = 1.3
TARGET_BIG_VS_FLAGSHIP = 8.0
TARGET_BIG_VS_100 = 15.0
MOVES_PER_ROLE = 1.5
ROLES_PER_LEVEL = 20
NEAREST = 4

TRACKS = (
    ("ic", "Individual contributor"),
    ("sre", "Site reliability"),
    ("management", "Engineering management"),
    ("product", "Product"),
    ("design", "Design"),
    ("data", "Data science"),
)
SENIORITY = ("Junior", "Senior", "Staff", "Principal", "Lead", "Head of", "Director of")
CRAFTS = ("Engineer", "Manager", "Analyst", "Designer", "Architect", "Scientist", "Product")
KINDS = ("promotion", "promotion", "promotion", "promotion", "lateral", "downward")


def generate(roles: int, seed: int = 7) -> str:
    """Spec text of a map with ``roles`` roles in levels of ``ROLES_PER_LEVEL``, 1.5 moves each.

    The levels tile the plot as a grid of cells, numbered in a snake so level k + 1 is next to
    level k, and each role sits at a random point of its level's cell: the density is even and
    an arrow's length in px does not depend on the map's size, as on real ladders. Each move
    goes to one of the ``NEAREST`` closest roles of the same level (lateral), the next one up
    (promotion) or the one below (downward).
    """
    rng = random.Random(seed)
    levels = max(1, math.ceil(roles / ROLES_PER_LEVEL))
    side = math.ceil(math.sqrt(levels))
    cell = 10.0 / side
    out = [
        f"title: Generated map with {roles} roles",
        "subtitle: Deterministic random roles for bench/bench_render.py",
        "tracks:",
        *(f"  {tid}: {{label: {label}}}" for tid, label in TRACKS),
        "levels:",
        *(f"  - {{id: L{k}, label: Level {k}}}" for k in range(levels)),
        "roles:",
    ]
    level_of: list[int] = []
    where: list[tuple[float, float]] = []
    for n in range(roles):
        k = n * levels // roles
        row, col = divmod(k, side)
        if row % 2:
            col = side - 1 - col
        soft = round(rng.uniform((col + 0.1) * cell, (col + 0.9) * cell), 2)
        hard = round(rng.uniform((row + 0.1) * cell, (row + 0.9) * cell), 2)
        level_of.append(k)
        where.append((soft, hard))
        out += [
            f"  - id: r{n}",
            f"    title: {rng.choice(SENIORITY)} {rng.choice(CRAFTS)} {n}",
            f"    track: {TRACKS[n % len(TRACKS)][0]}",
            f"    level: L{k}",
            f"    soft: {soft}",
            f"    hard: {hard}",
        ]
    by_level: dict[int, list[int]] = {}
    for n, k in enumerate(level_of):
        by_level.setdefault(k, []).append(n)
    out.append("moves:")
    wanted = round(roles * MOVES_PER_ROLE)
    seen: set[tuple[int, int]] = set()
    while len(seen) < wanted:
        src = rng.randrange(roles)
        kind = rng.choice(KINDS)
        step = {"promotion": 1, "lateral": 0, "downward": -1}[kind]
        target_level = min(max(level_of[src] + step, 0), levels - 1)
        # one of the NEAREST roles of that level, as on a real ladder (arrows stay short)
        near = sorted(
            (d for d in by_level[target_level] if d != src),
            key=lambda d: (math.dist(where[src], where[d]), d),
        )[:NEAREST]
        dst = rng.choice(near)
        if (src, dst) in seen:
            continue
        seen.add((src, dst))
        label = f", label: {rng.randint(1, 6)} years" if rng.random() < 0.3 else ""
        out.append(f"  - {{from: r{src}, to: r{dst}, kind: {kind}{label}}}")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # seconds of user + system time


def best(samples: Sequence[Sample]) -> Sample:
    return Sample(min(s.wall for s in samples), min(s.cpu for s in samples))


def median(samples: Sequence[Sample]) -> Sample:
    return Sample(
        statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples)
    )


def measure(fn: Callable[[], object]) -> Sample:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return Sample(time.perf_counter() - wall, time.process_time() - cpu)


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[Sample]:
    """Timings of ``runs`` calls of ``fn`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    return [measure(fn) for _ in range(runs)]


def ms(s: Sample) -> str:
    return f"{s.wall * 1000:.1f} / {s.cpu * 1000:.1f} ms"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    print(title)
    print("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    print("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    print()


def flagship_in_process(runs: int) -> None:
    from skillsmap.backends.mpl import render_png  # imported here, outside the timings

    m = skillsmap.load(flagship())
    lay = timed(lambda: layout(m), runs)
    svg = timed(lambda: render_svg(layout(m).scene), runs)
    png = timed(lambda: render_png(layout(m).scene, dpi=192), max(3, runs // 3))
    rows = []
    for name, times, target in (
        ("layout only", lay, None),
        ("layout + SVG", svg, TARGET_SVG_MS),
        ("layout + PNG 192 dpi", png, TARGET_PNG_MS),
    ):
        mid = median(times)
        rows.append(
            [
                name,
                str(len(times)),
                ms(best(times)),
                ms(mid),
                "" if target is None else f"< {target:.0f} ms  {verdict(mid.cpu * 1000 < target)}",
            ]
        )
    table(
        f"(a) flagship in-process ({len(m.roles)} roles, {len(m.moves)} moves), wall / CPU",
        ["what", "runs", "best", "median", "target (median CPU)"],
        rows,
    )


def command(*args: str) -> list[str]:
    """The ``skillsmap`` console script next to this Python, else ``python -m skillsmap``."""
    script = Path(sys.executable).with_name("skillsmap")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script), *args]
    return [sys.executable, "-m", "skillsmap", *args]


def run_child(argv: Sequence[str], cwd: str, env: dict[str, str] | None = None) -> Sample:
    """Wall time and the child's CPU time of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Sample(wall, cpu)


def end_to_end(runs: int) -> None:
    tmp = tempfile.mkdtemp(prefix="skillsmap-bench-")
    try:
        render_cmd = command("render", "-f", "svg", "-o", os.path.join(tmp, "out"))
        floor_cmd = [sys.executable, "-c", "import click, yaml, pydantic, svgwrite"]
        # Compiled bytecode is cached for both sides, in a folder of its own, as for an
        # installed package (pip compiles at install); also measured without it (every
        # skillsmap module compiled on each run, while the floor's packages keep theirs).
        conditions = {"cached": _cached_env(tmp), "uncached": _uncached_env()}
        times: dict[tuple[str, str], list[Sample]] = {}
        # interleaved, so a change in machine load hits both sides alike
        for i in range(runs + 1):
            for name, env in conditions.items():
                r, f = run_child(render_cmd, tmp, env), run_child(floor_cmd, tmp, env)
                if i:  # the first round warms the file and bytecode caches
                    times.setdefault((name, "render"), []).append(r)
                    times.setdefault((name, "floor"), []).append(f)
        probe = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "skillsmap", "render", "-f", "svg"],
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
        )
        mpl = any(
            line.rsplit("|", 1)[-1].strip().split(".")[0] == "matplotlib"
            for line in probe.stderr.splitlines()
            if line.startswith("import time:")
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = []
    for name in ("cached", "uncached"):
        r, f = median(times[(name, "render")]), median(times[(name, "floor")])
        ratio_wall, ratio_cpu = r.wall / f.wall, r.cpu / f.cpu
        judged = name == "cached"
        note = f"target <= {TARGET_CLI_RATIO:.0f} (CPU)  {verdict(ratio_cpu <= TARGET_CLI_RATIO)}"
        rows += [
            [f"skillsmap render -f svg -o TMP (flagship), bytecode {name}", ms(r), ""],
            ['python -c "import click, yaml, pydantic, svgwrite"', ms(f), "floor"],
            [
                f"ratio, bytecode {name}",
                f"{ratio_wall:.2f} / {ratio_cpu:.2f}",
                note if judged else "",
            ],
        ]
    rows.append(["matplotlib imported on the SVG path", "yes" if mpl else "no", verdict(not mpl)])
    table(
        f"(b) end to end, median of {runs} runs each after one warm-up, wall / CPU",
        ["what", "median", "note"],
        rows,
    )


def _cached_env(tmp: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "bytecode")
    return env


def _uncached_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of ys against xs."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def generated(sizes: Sequence[int]) -> bool:
    rows: list[list[str]] = []
    ns: list[float] = []
    totals: list[Sample] = []
    for n in sizes:
        m = skillsmap.loads(generate(n), f"<generated {n}>")
        runs = 3 if n <= 200 else 1
        lay_times: list[Sample] = []
        svg_times: list[Sample] = []
        place_times: list[Sample] = []
        try:
            laid = layout(m)  # warm-up (font caches)
            for _ in range(runs):
                lay_times.append(measure(functools.partial(layout, m)))
                svg_times.append(measure(functools.partial(render_svg, laid.scene)))
                place_times.append(measure(functools.partial(placement_only, m)))
        except Exception as exc:  # a benchmark reports, it does not crash
            print(f"{n} roles: render failed: {exc!r}", file=sys.stderr)
            return False
        lay, svg = best(lay_times), best(svg_times)
        total = Sample(lay.wall + svg.wall, lay.cpu + svg.cpu)
        ns.append(n)
        totals.append(total)
        rows.append(
            [
                f"{len(m.roles):,}",
                f"{len(m.moves):,}",
                f"{len(laid.displaced)}",
                ms(best(place_times)),
                ms(lay),
                ms(svg),
                ms(total),
            ]
        )
    table(
        "(c) generated maps in-process, layout + SVG, wall / CPU "
        "(best of 3 up to 200 roles, else 1 run)",
        ["roles", "moves", "displaced", "placement", "layout", "svg", "total"],
        rows,
    )
    if len(ns) >= 2:
        logs = [math.log(n) for n in ns]
        k_wall = slope(logs, [math.log(t.wall) for t in totals])
        k_cpu = slope(logs, [math.log(t.cpu) for t in totals])
        print(
            f"  growth exponent {min(ns):.0f} -> {max(ns):.0f} roles: {k_wall:.2f} wall / "
            f"{k_cpu:.2f} CPU (target <= {TARGET_EXPONENT}; n log n gives about 1.18)  "
            f"{verdict(k_cpu <= TARGET_EXPONENT)}"
        )
        big = dict(zip(ns, totals, strict=True)).get(1000)
        if big is not None:
            print(
                f"  1,000 roles: {big.wall:.2f} s wall / {big.cpu:.2f} s CPU "
                f"(target < {TARGET_1000_S:.0f} s CPU)  {verdict(big.cpu < TARGET_1000_S)}"
            )
        print()
    return True


def placement_only(m: SkillsMap) -> None:
    """The placement stage alone (cards sized first, untimed work included: it is small)."""
    mt = LIGHT.metrics
    cards = [make_card(r, mt) for r in m.roles]
    index = {r.id: i for i, r in enumerate(m.roles)}
    place(m, cards, [(index[mv.from_], index[mv.to]) for mv in m.moves], mt)


def big_end_to_end(runs: int) -> None:
    """(d): the CLI on the flagship, 100 roles and 1,000 roles, interleaved."""
    tmp = tempfile.mkdtemp(prefix="skillsmap-bench-")
    try:
        specs = {"flagship": None, "100 roles": 100, "1,000 roles": 1000}
        argv: dict[str, list[str]] = {}
        for name, n in specs.items():
            out = os.path.join(tmp, f"out-{n or 0}")
            if n is None:
                argv[name] = command("render", "-f", "svg", "-o", out)
            else:
                path = os.path.join(tmp, f"gen-{n}.yaml")
                Path(path).write_text(generate(n), encoding="utf-8")
                argv[name] = command("render", path, "-f", "svg", "-o", out)
        times: dict[str, list[Sample]] = {name: [] for name in specs}
        for i in range(runs + 1):
            for name in specs:
                sample = run_child(argv[name], tmp)
                if i:  # the first round warms the file cache
                    times[name].append(sample)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    mid = {name: median(t) for name, t in times.items()}
    big = mid["1,000 roles"]
    vs_flag = (big.wall / mid["flagship"].wall, big.cpu / mid["flagship"].cpu)
    vs_100 = (big.wall / mid["100 roles"].wall, big.cpu / mid["100 roles"].cpu)
    table(
        f"(d) skillsmap render -f svg end to end, median of {runs} runs each, wall / CPU",
        ["what", "median", "note"],
        [
            *([name, ms(mid[name]), ""] for name in specs),
            [
                "1,000 roles / flagship",
                f"{vs_flag[0]:.2f} / {vs_flag[1]:.2f}",
                f"target <= {TARGET_BIG_VS_FLAGSHIP:.0f} (CPU)  "
                f"{verdict(vs_flag[1] <= TARGET_BIG_VS_FLAGSHIP)}",
            ],
            [
                "1,000 roles / 100 roles",
                f"{vs_100[0]:.2f} / {vs_100[1]:.2f}",
                f"target <= {TARGET_BIG_VS_100:.0f} (CPU)  "
                f"{verdict(vs_100[1] <= TARGET_BIG_VS_100)}",
            ],
        ],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="timed in-process runs (a)")
    parser.add_argument("--cli-runs", type=int, default=7, help="timed subprocess runs (b)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 200, 500, 1000])
    parser.add_argument("--skip", choices=["a", "b", "c", "d"], nargs="*", default=[])
    args = parser.parse_args(argv)

    load1, load5, _ = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average {load1:.2f} (1 min), {load5:.2f} (5 min)")
    print()
    if "a" not in args.skip:
        flagship_in_process(args.runs)
    if "b" not in args.skip:
        end_to_end(args.cli_runs)
    if "c" not in args.skip and args.sizes and not generated(sorted(args.sizes)):
        return 1
    if "d" not in args.skip:
        big_end_to_end(args.cli_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
