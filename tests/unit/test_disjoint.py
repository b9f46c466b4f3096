"""Disjoint sets: groups named by their least member, whatever order the links come in."""

from __future__ import annotations

from skillsmap.layout.disjoint import DisjointSets


def test_groups_are_named_by_their_least_member() -> None:
    sets = DisjointSets(6)
    for a, b in [(4, 5), (5, 1), (2, 3)]:
        sets.join(a, b)
    assert [sets.root(i) for i in range(6)] == [0, 1, 2, 2, 1, 1]


def test_joining_twice_or_within_a_group_changes_nothing() -> None:
    sets = DisjointSets(3)
    sets.join(2, 1)
    sets.join(1, 2)
    sets.join(2, 2)
    assert [sets.root(i) for i in range(3)] == [0, 1, 1]
