"""The smallest valid spec, one role in one level, for tests that need a map but not its shape."""

from __future__ import annotations

_ONE_ROLE = """\
title: {title}
tracks:
  ic: {{label: Individual contributor}}
levels:
  - id: L1
roles:
  - id: a
    title: A role
    track: ic
    level: L1
    soft: 1
    hard: 1
"""


def one_role(title: str) -> str:
    """A spec titled ``title`` (on line 1, from column 8) with role ``a`` in level ``L1``."""
    return _ONE_ROLE.format(title=title)
