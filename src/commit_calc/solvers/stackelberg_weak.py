"""The weak Stackelberg value: the follower breaks its ties against the leader.

Split from :mod:`commit_calc.solvers.stackelberg` (see its docstring for the theory): the
supremum over classes of identical follower columns whose strict region is not empty, and
whether some commitment attains it.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from commit_calc.analysis.simplex import Infeasible, LinearOptimum, maximise
from commit_calc.solvers.stackelberg import (
    Commitment,
    Matrix,
    Point,
    exact_point,
    matrix_columns,
    plain_fraction,
    region_rows,
    row_value,
    solved_region,
)


def _classes(b_columns: list[list[Fraction]]) -> list[list[int]]:
    """Follower strategies grouped by identical payoff columns, in order of first strategy."""
    groups: dict[tuple[Fraction, ...], list[int]] = {}
    for j, column in enumerate(b_columns):
        groups.setdefault(tuple(column), []).append(j)
    return list(groups.values())


def _strict_rows(b_columns: list[list[Fraction]], j: int, others: Sequence[int]
                 ) -> list[list[Fraction]]:
    """Rows ``(B_k - B_j) x + s <= 0``: with ``s > 0``, ``j`` strictly beats each ``k``."""
    rows = region_rows(b_columns, j, others, extra=1)
    for row in rows:
        row[-1] = Fraction(1)
    return rows


def weak_commitment(a: Matrix, b: Matrix, solutions: list[LinearOptimum | Infeasible | None]
                    ) -> Commitment:
    """The weak Stackelberg value with a commitment reaching it, or its limit and approach.

    Classes are tried by an upper bound (the least over members of the region LP value, or
    of the column maximum where the LP was not solved), best first, until no untried class
    can beat the best value found.
    """
    m = len(a)
    a_columns, b_columns = matrix_columns(a), matrix_columns(b)
    classes = _classes(b_columns)
    low = min(min(row) for row in a)
    bounded = []
    for members in classes:
        bounds = []
        for k in members:
            solution = solutions[k]
            if isinstance(solution, Infeasible):
                break
            bounds.append(max(a_columns[k]) if solution is None
                          else plain_fraction(solution.value))
        else:
            bounded.append((min(bounds), members))
    bounded.sort(key=lambda pair: -pair[0])
    candidates: list[tuple[Fraction, list[int], Point, Point]] = []
    for upper, members in bounded:
        if candidates and upper < candidates[0][0]:
            break
        j = members[0]
        others = [k for c in classes if c is not members for k in c]
        rows = _strict_rows(b_columns, j, others) + [[Fraction(0)] * m + [Fraction(1)]]
        interior = maximise(rows, [Fraction(0)] * len(rows[:-1]) + [Fraction(1)],
                            [[Fraction(1)] * m + [Fraction(0)]], [Fraction(1)],
                            [Fraction(0)] * m + [Fraction(1)])
        if not isinstance(interior, LinearOptimum) or interior.value <= 0:
            continue
        solution = solved_region(a, b, solutions, j)
        if len(members) > 1:  # max t' = t - low with t <= (x A)_k for k in E, over R_E
            rows = region_rows(b_columns, j, others, extra=1)
            rows += [[low - entry for entry in a_columns[k]] + [Fraction(1)] for k in members]
            solution = maximise(rows, [Fraction(0)] * len(rows),
                                [[Fraction(1)] * m + [Fraction(0)]], [Fraction(1)],
                                [Fraction(0)] * m + [Fraction(1)])
        assert isinstance(solution, LinearOptimum)  # the region has an interior point
        value = plain_fraction(solution.value) + (low if len(members) > 1 else 0)
        if not candidates or value >= candidates[0][0]:
            if candidates and value > candidates[0][0]:
                candidates.clear()
            candidates.append((value, members, exact_point(solution.point[:m]),
                               exact_point(interior.point[:m])))
    value = candidates[0][0]
    for _, members, _, _ in candidates:
        witness = _attaining(a_columns, b_columns, classes, members, value)
        if witness is not None:
            return _response(witness, a_columns, b_columns, value)
    _, members, limit, approach = candidates[0]
    worst = min(members, key=lambda k: (row_value(a_columns[k], limit), k))
    return Commitment(limit, worst, value, row_value(b_columns[worst], limit),
                      attained=False, approach=approach)


def _response(x: Point, a_columns: list[list[Fraction]], b_columns: list[list[Fraction]],
              value: Fraction) -> Commitment:
    """The commitment ``x`` with the follower's best response worst for the leader."""
    payoffs = [row_value(column, x) for column in b_columns]
    top = max(payoffs)
    worst = min((k for k, p in enumerate(payoffs) if p == top),
                key=lambda k: (row_value(a_columns[k], x), k))
    return Commitment(x, worst, value, top)


def _attaining(a_columns: list[list[Fraction]], b_columns: list[list[Fraction]],
               classes: list[list[int]], start: list[int], value: Fraction) -> Point | None:
    """A commitment whose every best response gives the leader at least ``value`` and whose
    best responses include the class ``start``, or None if there is none.

    ``G_S`` is the closed set where the classes in ``S`` tie for best and each gives at least
    ``value``; an answer is a point of ``G_S`` where the other classes are strictly worse.
    Maximising the margin ``s`` by which they are worse, an optimal dual that is positive on
    a class proves (complementary slackness) that it ties at *every* point of ``G_S``, so it
    belongs to ``S`` at any answer: add every such class and repeat. Each round adds a class,
    so at most one linear program per class is solved.
    """
    m = len(a_columns[0])
    j = start[0]
    tied = [start]
    while True:
        inside = [k for members in tied for k in members]
        outside = [c for c in classes if all(c is not t for t in tied)]
        strict = _strict_rows(b_columns, j, [c[0] for c in outside])
        rows = strict + [[-entry for entry in a_columns[k]] + [Fraction(0)] for k in inside]
        rows.append([Fraction(0)] * m + [Fraction(1)])
        equal = region_rows(b_columns, j, [c[0] for c in tied[1:]], extra=1)
        solution = maximise(rows, [Fraction(0)] * len(strict) + [-value] * len(inside)
                            + [Fraction(1)], equal + [[Fraction(1)] * m + [Fraction(0)]],
                            [Fraction(0)] * len(equal) + [Fraction(1)],
                            [Fraction(0)] * m + [Fraction(1)])
        if isinstance(solution, Infeasible):
            return None
        if solution.value > 0:
            return exact_point(solution.point[:m])
        forced = [c for c, dual in zip(outside, solution.duals, strict=False) if dual > 0]
        if not forced:
            raise ArithmeticError("weak Stackelberg: no forced tie at a zero margin (a bug)")
        tied += forced


__all__ = ["weak_commitment"]
