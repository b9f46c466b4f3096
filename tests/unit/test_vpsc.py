"""The one-dimensional least-squares solver: exact optima on small cases, feasibility at scale."""

from __future__ import annotations

import random

import pytest

from skillsmap.layout.vpsc import Constraint, solve

TOL = 1e-9  # px: the solver's answers are exact up to float rounding
FEASIBLE = 1e-4  # px: the largest violation allowed after solving


def test_no_constraints_keeps_every_wish() -> None:
    assert solve([3.0, -1.0], [1.0, 1.0], []) == [3.0, -1.0]


def test_a_chain_at_one_point_spreads_evenly_about_it() -> None:
    got = solve([0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [Constraint(0, 1, 10), Constraint(1, 2, 10)])
    assert got == pytest.approx([-10.0, 0.0, 10.0], abs=TOL)


def test_the_heavier_variable_moves_less() -> None:
    # minimise 3 p^2 + (p + 8)^2: p = -2
    got = solve([0.0, 0.0], [3.0, 1.0], [Constraint(0, 1, 8)])
    assert got == pytest.approx([-2.0, 6.0], abs=TOL)


def test_a_satisfied_constraint_changes_nothing() -> None:
    assert solve([0.0, 50.0], [1.0, 1.0], [Constraint(0, 1, 10)]) == [0.0, 50.0]


def test_a_constraint_loose_at_the_optimum_stays_loose() -> None:
    # 0 and 1 share the push; 2 is far right and keeps its wish
    cons = [Constraint(0, 1, 10), Constraint(0, 2, 10)]
    got = solve([0.0, 0.0, 100.0], [1.0, 1.0, 1.0], cons)
    assert got == pytest.approx([-5.0, 5.0, 100.0], abs=TOL)


def test_random_problems_are_solved_feasibly() -> None:
    rng = random.Random(11)
    for _ in range(100):
        n = 40
        desired = [rng.uniform(0, 200) for _ in range(n)]
        rank = sorted(range(n), key=lambda i: desired[i])
        cons = []
        for a in range(n):
            for b in range(a + 1, min(n, a + 5)):
                if rng.random() < 0.6:
                    cons.append(Constraint(rank[a], rank[b], rng.uniform(0, 30)))
        x = solve(desired, [rng.uniform(0.5, 2) for _ in range(n)], cons)
        assert max(x[c.left] + c.gap - x[c.right] for c in cons) <= FEASIBLE
