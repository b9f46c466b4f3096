"""Shared pytest configuration: command-line options used by several test modules, and the
Hypothesis profiles.

The default profile has no per-example deadline (these machines are shared, and a test that
fails because the machine is busy tells nothing; the work each example does is bounded
instead) and is derandomized: every run tries the same examples, so the suite passes or fails
the same way on every machine. ``pytest --hypothesis-profile=explore`` draws new examples on
each run, to look for inputs that break an invariant; each one found goes into
``tests/regressions/``."""

from __future__ import annotations

import pytest
from hypothesis import settings

settings.register_profile("skillsmap", deadline=None, derandomize=True)
settings.register_profile("explore", deadline=None, database=None)
settings.load_profile("skillsmap")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-baselines",
        action="store_true",
        default=False,
        help="Rewrite tests/baseline/*.png from the current rendering instead of comparing.",
    )
