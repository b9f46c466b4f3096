"""Time the test suite once: its wall-clock time (seconds) and its 10 slowest tests.

Run it with the project's virtual environment, from anywhere::

    .venv/bin/python bench/bench_suite.py                       # the whole suite
    .venv/bin/python bench/bench_suite.py tests/test_limits.py  # or part of it

It runs pytest in this process with ``--durations=10`` (pytest's own table, one line per
setup, call and teardown), then prints the wall time, the load average when it started (the
figures mean little on a busy machine) and the 10 slowest tests with their setup, call and
teardown added up. It needs nothing beyond the repository and its virtual environment, and
exits with pytest's status, so a failing suite is not mistaken for a fast one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SLOWEST = 10


class Durations:
    """A pytest plugin adding up each test's setup, call and teardown time, in seconds."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.outcomes: defaultdict[str, int] = defaultdict(int)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[report.nodeid] += report.duration
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.outcomes[report.outcome] += 1

    def slowest(self, count: int) -> list[tuple[float, str]]:
        return sorted(((s, node) for node, s in self.seconds.items()), reverse=True)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", help="test files or node ids (default: the suite)")
    args = parser.parse_args()
    os.chdir(ROOT)
    durations = Durations()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    start = time.perf_counter()
    status = pytest.main(["-q", f"--durations={SLOWEST}", *args.paths], plugins=[durations])
    wall = time.perf_counter() - start
    counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(durations.outcomes.items()))
    print()
    print(f"skillsmap test suite: {counts or 'no tests'}")
    print(f"  wall      {wall:7.1f} s  (load average {load:.2f} at the start)")
    print(f"  slowest {SLOWEST} tests (setup + call + teardown):")
    for seconds, node in durations.slowest(SLOWEST):
        print(f"  {seconds:7.2f} s  {node}")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
