"""Measure layout quality: audit every generated corpus map, the real ladders and the bundled specs.

Run it from the repository root::

    .venv/bin/python bench/bench_quality.py                       # the whole table
    .venv/bin/python bench/bench_quality.py --png /tmp/audit-png   # also PNGs to look at

Each map is laid out and drawn to SVG in-process (``layout(m).scene`` then ``render_svg``) and
read back by ``tests/audit.py``, which knows nothing of the layout's internals. The table gives,
per defect category, the total count and the number of maps affected, for three groups:
generated (``tests/corpus_maps.py``), ladders (``tests/ladders/*.yaml``) and bundled
(``specs/*.yaml``); then the wall-clock seconds spent drawing and auditing. With ``--png DIR``
it also writes ``DIR/<name>.png`` (96 dpi) for the first few corpus maps and every ladder.

This is a script, not a test: it exits 0 whatever the counts (1 only if a map fails to render).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import skillsmap  # noqa: E402
from skillsmap.backends.svg import render_svg  # noqa: E402
from skillsmap.layout import layout  # noqa: E402
from skillsmap.model import SkillsMap  # noqa: E402
from tests.audit import Audit, audit  # noqa: E402
from tests.corpus_maps import build_corpus, dump  # noqa: E402

GROUPS = ("generated", "ladders", "bundled")


@dataclass
class Tally:
    """Totals for one group of maps."""

    maps: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    affected: dict[str, int] = field(default_factory=dict)
    draw_s: float = 0.0
    audit_s: float = 0.0

    def add(self, result: Audit) -> None:
        self.maps += 1
        for name, n in result.counts().items():
            self.totals[name] = self.totals.get(name, 0) + n
            self.affected[name] = self.affected.get(name, 0) + (n > 0)


def named_maps(count: int) -> list[tuple[str, str, SkillsMap]]:
    """(group, name, map) for every map measured, in a fixed order."""
    out = [
        ("generated", f"corpus-{i:03d}", skillsmap.loads(dump(spec), f"corpus-{i:03d}.yaml"))
        for i, spec in enumerate(build_corpus(count))
    ]
    for group, folder in (("ladders", ROOT / "tests" / "ladders"), ("bundled", ROOT / "specs")):
        out.extend((group, p.stem, skillsmap.load(p)) for p in sorted(folder.glob("*.yaml")))
    return out


def measure(maps: list[tuple[str, str, SkillsMap]], verbose: bool) -> dict[str, Tally]:
    tallies = {g: Tally() for g in GROUPS}
    for group, name, m in maps:
        t0 = time.perf_counter()
        svg = render_svg(layout(m).scene)
        t1 = time.perf_counter()
        result = audit(svg, m)
        t2 = time.perf_counter()
        tally = tallies[group]
        tally.add(result)
        tally.draw_s += t1 - t0
        tally.audit_s += t2 - t1
        if verbose:
            print(f"{name}: {len(m.roles)} roles, {len(m.moves)} moves: {result.summary()}")
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    """The counts as a fixed-width table: total / maps affected, per group."""
    names = list(Audit().counts())
    head = f"{'category':<28}" + "".join(f"{f'{g} ({tallies[g].maps})':>22}" for g in GROUPS)
    lines = [head, "-" * len(head)]
    for name in names:
        cells = "".join(
            f"{f'{tallies[g].totals.get(name, 0)} / {tallies[g].affected.get(name, 0)}':>22}"
            for g in GROUPS
        )
        lines.append(f"{name:<28}{cells}")
    lines.append("-" * len(head))
    for label, attr in (("draw seconds", "draw_s"), ("audit seconds", "audit_s")):
        cells = "".join(f"{getattr(tallies[g], attr):>22.2f}" for g in GROUPS)
        lines.append(f"{label:<28}{cells}")
    return "\n".join(lines)


def write_pngs(maps: list[tuple[str, str, SkillsMap]], folder: Path, corpus_maps: int) -> None:
    from skillsmap.backends.mpl import render_png

    folder.mkdir(parents=True, exist_ok=True)
    chosen = [x for x in maps if x[0] == "generated"][:corpus_maps]
    chosen += [x for x in maps if x[0] == "ladders"]
    for _, name, m in chosen:
        (folder / f"{name}.png").write_bytes(render_png(layout(m).scene, dpi=96))
        print(f"wrote {folder / name}.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=120, help="generated maps (default 120)")
    parser.add_argument("--png", type=Path, help="also write PNGs to look at into this folder")
    parser.add_argument("--png-maps", type=int, default=6, help="corpus maps drawn as PNG")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per map")
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        maps = named_maps(args.count)
        tallies = measure(maps, args.verbose)
        if args.png:
            write_pngs(maps, args.png, args.png_maps)
    except Exception as exc:  # a map that fails to render is the one failure this reports
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("total / maps affected")
    print(table(tallies))
    print(f"wall time {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
