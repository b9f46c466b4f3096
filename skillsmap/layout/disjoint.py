"""Disjoint sets over the integers 0..n-1 (union-find with path halving): the groups a chain of
links joins, each named by its least member so that groups come out in a stable order."""

from __future__ import annotations


class DisjointSets:
    """Items ``0..n-1``, each first alone; :meth:`join` merges two items' groups."""

    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def root(self, i: int) -> int:
        """The least member of ``i``'s group."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        self.parent[max(ra, rb)] = min(ra, rb)
