"""Least squared displacement under separation constraints, in one dimension (px).

The solver of VPSC (Dwyer, Marriott & Stuckey, *Fast node overlap removal*, 2005): variables
want positions (with weights), constraints ``x[right] >= x[left] + gap`` form an acyclic graph.
``satisfy`` visits variables in topological order and merges a variable's block with the block
behind its most violated incoming constraint until none is violated; ``refine`` then splits
blocks at active constraints whose Lagrange multiplier is negative (the two halves would rather
move apart) and satisfies again, a bounded number of rounds. A block moves as one: its position
is the weighted mean of its members' wishes, less their offsets. Merging relabels the smaller
block, so a pass costs about O(n log n) plus the constraints scanned.
"""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

EPS = 1e-7  # px: a violation or a multiplier smaller than this is none
REFINE_ROUNDS = 8  # split-and-satisfy rounds after the first satisfy
SLACK = 1e-4  # px: a constraint violated by more than this after refining is broken


class Constraint(NamedTuple):
    """``x[right] >= x[left] + gap``."""

    left: int
    right: int
    gap: float


class _Block:
    __slots__ = ("active", "incoming", "members", "wanted", "weight")

    def __init__(
        self,
        members: list[int],
        weight: float,
        wanted: float,  # sum of weight * (desired - offset) over members
        incoming: list[int],  # constraint indices, maybe internal
        active: list[int],  # constraints holding the block together
    ) -> None:
        self.members = members
        self.weight = weight
        self.wanted = wanted
        self.incoming = incoming
        self.active = active

    @property
    def position(self) -> float:
        return self.wanted / self.weight


class _Solver:
    def __init__(self, desired: list[float], weights: list[float], cons: list[Constraint]) -> None:
        self.desired, self.weights, self.cons = desired, weights, cons
        n = len(desired)
        self.offset = [0.0] * n
        self.block_of = list(range(n))
        self.blocks: dict[int, _Block] = {
            i: _Block([i], weights[i], weights[i] * desired[i], [], []) for i in range(n)
        }
        self.into: list[list[int]] = [[] for _ in range(n)]
        self.out: list[list[int]] = [[] for _ in range(n)]
        for k, c in enumerate(cons):
            self.into[c.right].append(k)
            self.out[c.left].append(k)
        for i in range(n):
            self.blocks[i].incoming = list(self.into[i])
        self.order = _topological(n, cons, self.out)
        self.rank = [0] * n
        for r, v in enumerate(self.order):
            self.rank[v] = r

    def pos(self, v: int) -> float:
        return self.blocks[self.block_of[v]].position + self.offset[v]

    def violation(self, k: int) -> float:
        c = self.cons[k]
        return self.pos(c.left) + c.gap - self.pos(c.right)

    def worst_incoming(self, bid: int) -> int | None:
        """The most violated constraint into block ``bid`` from another block (pruning)."""
        b = self.blocks[bid]
        kept: list[int] = []
        worst, worst_v = None, EPS
        for k in b.incoming:
            if self.block_of[self.cons[k].left] == bid:
                continue
            kept.append(k)
            v = self.violation(k)
            if v > worst_v:
                worst, worst_v = k, v
        b.incoming = kept
        return worst

    def merge(self, k: int) -> int:
        """Merge the blocks joined by constraint ``k``, made tight; the merged block's id."""
        c = self.cons[k]
        left, right = self.block_of[c.left], self.block_of[c.right]
        d = self.offset[c.left] + c.gap - self.offset[c.right]  # shift of right into left's frame
        keep, gone, shift = (
            (left, right, d)
            if len(self.blocks[left].members) >= len(self.blocks[right].members)
            else (right, left, -d)
        )
        kb, gb = self.blocks[keep], self.blocks.pop(gone)
        for v in gb.members:
            self.offset[v] += shift
            self.block_of[v] = keep
        kb.members.extend(gb.members)
        kb.weight += gb.weight
        kb.wanted += gb.wanted - shift * gb.weight
        kb.incoming.extend(gb.incoming)
        kb.active.extend(gb.active)
        kb.active.append(k)
        return keep

    def satisfy(self) -> None:
        seen: set[int] = set()
        for v in self.order:
            bid = self.block_of[v]
            if bid in seen:
                continue
            seen.add(bid)
            while (k := self.worst_incoming(bid)) is not None:
                seen.discard(bid)
                bid = self.merge(k)
                seen.add(bid)

    def refine(self) -> bool:
        """Split every block at its most negative multiplier; True if any split."""
        split = False
        for bid in sorted(self.blocks):
            k = self.negative_multiplier(bid)
            if k is not None:
                self.split(bid, k)
                split = True
        return split

    def negative_multiplier(self, bid: int) -> int | None:
        """The active constraint of ``bid`` with the most negative Lagrange multiplier."""
        b = self.blocks[bid]
        if not b.active:
            return None
        adj: dict[int, list[int]] = {}
        for k in b.active:
            c = self.cons[k]
            adj.setdefault(c.left, []).append(k)
            adj.setdefault(c.right, []).append(k)
        root = min(b.members, key=lambda v: self.rank[v])
        pos0 = b.position
        # depth-first from root: each constraint's multiplier is the gradient of the side
        # away from the root (sign by whether that side is the constraint's right end)
        parent_edge: dict[int, int] = {root: -1}
        stack, seq = [root], []
        while stack:
            v = stack.pop()
            seq.append(v)
            for k in adj.get(v, []):
                c = self.cons[k]
                u = c.right if c.left == v else c.left
                if u not in parent_edge:
                    parent_edge[u] = k
                    stack.append(u)
        grad = {v: self.weights[v] * (pos0 + self.offset[v] - self.desired[v]) for v in seq}
        best, best_lm = None, -EPS
        for v in reversed(seq):
            k = parent_edge[v]
            if k < 0:
                continue
            c = self.cons[k]
            lm = grad[v] if c.right == v else -grad[v]
            if lm < best_lm or (lm == best_lm and best is not None and k < best):
                best, best_lm = k, lm
            u = c.left if c.right == v else c.right
            grad[u] += grad[v]
        return best

    def split(self, bid: int, k: int) -> None:
        """Cut block ``bid`` at active constraint ``k`` into two blocks."""
        b = self.blocks.pop(bid)
        c = self.cons[k]
        active = [a for a in b.active if a != k]
        adj: dict[int, list[int]] = {}
        for a in active:
            ca = self.cons[a]
            adj.setdefault(ca.left, []).append(ca.right)
            adj.setdefault(ca.right, []).append(ca.left)
        side = {c.right}
        stack = [c.right]
        while stack:
            v = stack.pop()
            for u in adj.get(v, []):
                if u not in side:
                    side.add(u)
                    stack.append(u)
        for part in (
            [v for v in b.members if v not in side],
            [v for v in b.members if v in side],
        ):
            inside = set(part)
            nid = min(part)
            self.blocks[nid] = _Block(
                part,
                sum(self.weights[v] for v in part),
                sum(self.weights[v] * (self.desired[v] - self.offset[v]) for v in part),
                [q for v in part for q in self.into[v]],
                [a for a in active if self.cons[a].left in inside],
            )
            for v in part:
                self.block_of[v] = nid


def _topological(n: int, cons: list[Constraint], out: list[list[int]]) -> list[int]:
    """Variables in an order where every constraint goes forwards (index order breaks ties)."""
    indeg = [0] * n
    for c in cons:
        indeg[c.right] += 1
    queue = deque(i for i in range(n) if indeg[i] == 0)
    order: list[int] = []
    while queue:
        v = queue.popleft()
        order.append(v)
        for k in out[v]:
            r = cons[k].right
            indeg[r] -= 1
            if indeg[r] == 0:
                queue.append(r)
    if len(order) < n:  # a cycle: keep the rest in index order (the caller's bug, not fatal)
        placed = set(order)
        order += [i for i in range(n) if i not in placed]
    return order


def solve(desired: list[float], weights: list[float], cons: list[Constraint]) -> list[float]:
    """Positions closest to ``desired`` (weighted least squares) that satisfy ``cons``."""
    if not cons:
        return list(desired)
    s = _Solver(desired, weights, cons)
    s.satisfy()
    for _ in range(REFINE_ROUNDS):
        if not s.refine():
            break
        s.satisfy()
    if any(s.violation(k) > SLACK for k in range(len(cons))):
        # refining left a block order satisfy cannot repair: the first feasible answer
        s = _Solver(desired, weights, cons)
        s.satisfy()
    return [s.pos(v) for v in range(len(desired))]
