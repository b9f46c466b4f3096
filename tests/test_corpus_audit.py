"""Every generated corpus map, real ladder and bundled spec, drawn and read back by the audit.

What a good map is (DESIGN.md) holds on all of them: no arrow through a card, a level label or
a move label; no label on a card or a label; every label beside its own arrow; no two roles
``ORDER_GAP`` of an axis apart swapped, unless no drawing could keep them (``forced_swaps``:
two stacked levels whose roles overlap in height and interleave in width), and then the
render says so in a warning at the role; no level box out of order; every card inside its box,
none overlapping, every text inside its card. Arrow crossings are measured by the benchmark,
not bounded here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from audit import Audit, audit
from corpus_maps import build_corpus, dump

import skillsmap
from skillsmap.backends.svg import render_svg

ROOT = Path(__file__).resolve().parents[1]
CHUNKS = 6  # the corpus is checked in this many tests, so a failure names a small range
MAPS = 120
ZERO = [name for name in Audit().counts() if name not in ("arrow_crossings", "forced_swaps")]


def _sources() -> list[tuple[str, str]]:
    out = [(f"corpus-{i:03d}.yaml", dump(spec)) for i, spec in enumerate(build_corpus(MAPS))]
    for folder in (ROOT / "tests" / "ladders", ROOT / "specs"):
        out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]
    return out


SOURCES = _sources()
STEP = -(-len(SOURCES) // CHUNKS)


def _check(name: str, text: str) -> list[str]:
    """What is wrong with one map's drawing, one readable line per kind (empty when clean)."""
    built = skillsmap.build(skillsmap.loads(text, name))
    result = audit(render_svg(built.scene), built.model)
    counts = result.counts()
    problems = [f"{k} {[tuple(x) for x in getattr(result, k)[:3]]}" for k in ZERO if counts[k]]
    m = built.model
    for s in result.forced_swaps:
        levels = (f"(level '{m.role(s.low).level}')", f"(level '{m.role(s.high).level}')")
        if not any(all(lv in w.message for lv in levels) for w in built.warnings):
            problems.append(f"forced swap {tuple(s)} has no warning naming its levels")
    return problems


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_drawings_keep_every_invariant(chunk: int) -> None:
    maps = SOURCES[chunk * STEP : (chunk + 1) * STEP]
    found = {name: _check(name, text) for name, text in maps}
    assert {k: v for k, v in found.items() if v} == {}
