"""Shared pytest configuration: command-line options used by several test modules, and the
Hypothesis profile (no per-example deadline: these machines are shared, and a test that fails
because the machine is busy tells nothing; the work each example does is bounded instead)."""

from __future__ import annotations

import pytest
from hypothesis import settings

settings.register_profile("skillsmap", deadline=None)
settings.load_profile("skillsmap")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-baselines",
        action="store_true",
        default=False,
        help="Rewrite tests/baseline/*.png from the current rendering instead of comparing.",
    )
