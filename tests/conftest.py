"""Shared pytest configuration: command-line options used by several test modules."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-baselines",
        action="store_true",
        default=False,
        help="Rewrite tests/baseline/*.png from the current rendering instead of comparing.",
    )
