"""Small specs shared by the documentation-tool tests: a valid two-role map and a broken one."""

from __future__ import annotations

GOOD = """\
title: Team map
tracks:
  ic: {label: Individual contributor}
levels:
  - id: L1
roles:
  - {id: dev, title: Developer, track: ic, level: L1, soft: 2, hard: 2}
  - {id: lead, title: Lead, track: ic, level: L1, soft: 6, hard: 6}
moves:
  - {from: dev, to: lead}
"""

# The unknown track is at line 7, column 40.
BAD = GOOD.replace("title: Developer, track: ic,", "title: Developer, track: icc,")
BAD_MESSAGE = "roles[0].track: unknown track 'icc' (did you mean 'ic'?)"
