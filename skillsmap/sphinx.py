"""The Sphinx extension under its short name: ``extensions = ["skillsmap.sphinx"]``.

The directive lives in :mod:`skillsmap.integrations.sphinx`; see there.
"""

from __future__ import annotations

from skillsmap.integrations.sphinx import SkillsmapDirective, setup, skillsmap_map

__all__ = ["SkillsmapDirective", "setup", "skillsmap_map"]
