"""Exact polytopes inside a probability simplex: beliefs (or mixtures) that satisfy linear
conditions.

A condition is a row of coefficients ``c`` with a relation: ``sum(c[k] * x[k]) >= 0`` or
``== 0``. Since ``x`` sums to 1, any linear inequality ``a . x >= b`` can be written this way
(``(a - b) . x >= 0``), so every condition on beliefs that support an equilibrium is one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from fractions import Fraction

Row = tuple[tuple[Fraction, ...], str]
Point = tuple[Fraction, ...]

GE = ">="
EQ = "=="


def satisfies(point: Sequence[Fraction], rows: Sequence[Row]) -> bool:
    """Whether ``point`` meets every condition (exactly)."""
    for coefficients, relation in rows:
        total = sum((c * x for c, x in zip(coefficients, point)), Fraction(0))
        if total < 0 or (relation == EQ and total != 0):
            return False
    return True


def vertices(size: int, rows: Sequence[Row]) -> list[Point]:
    """The extreme points of ``{x in the simplex of dimension size : rows}``, exactly.

    A vertex has at most ``m + 1`` positive coordinates when ``m`` conditions bind (an
    equality counts twice), so supports and binding sets are enumerated up to that size.

    >>> half = Fraction(1, 2)
    >>> vertices(2, [((Fraction(1), Fraction(-1)), GE)])   # x0 >= x1
    [(Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(1, 2))]
    >>> vertices(2, [((Fraction(1), Fraction(1)), GE), ((Fraction(-1), Fraction(-1)), GE)])
    []
    """
    return list(_vertices(size, rows))


def feasible(size: int, rows: Sequence[Row]) -> bool:
    """Whether some point of the simplex meets every condition.

    >>> feasible(2, [((Fraction(1), Fraction(-1)), GE)])
    True
    """
    return next(_vertices(size, rows), None) is not None


def _vertices(size: int, rows: Sequence[Row]) -> Iterator[Point]:
    inequalities = [tuple(c) for c, relation in rows]
    inequalities += [tuple(-x for x in c) for c, relation in rows if relation == EQ]
    seen: set[Point] = set()
    largest = min(size, len(inequalities) + 1)
    for support_size in range(1, largest + 1):
        for support in itertools.combinations(range(size), support_size):
            for binding in itertools.combinations(range(len(inequalities)), support_size - 1):
                system = [[Fraction(1)] * support_size + [Fraction(1)]]
                system += [[inequalities[b][k] for k in support] + [Fraction(0)]
                           for b in binding]
                solution = _solve(system, support_size)
                if solution is None or any(x <= 0 for x in solution):
                    continue
                point = [Fraction(0)] * size
                for k, x in zip(support, solution):
                    point[k] = x
                candidate = tuple(point)
                if candidate not in seen and satisfies(candidate, rows):
                    seen.add(candidate)
                    yield candidate


def centre(points: Sequence[Point]) -> Point:
    """The average of ``points``: inside their convex hull, exactly."""
    count = len(points)
    return tuple(sum(column, Fraction(0)) / count for column in zip(*points))


def _solve(system: list[list[Fraction]], unknowns: int) -> list[Fraction] | None:
    """The unique solution of a square system (augmented rows), or ``None`` if singular."""
    rows = [row[:] for row in system]
    for column in range(unknowns):
        pivot = next((r for r in range(column, unknowns) if rows[r][column] != 0), None)
        if pivot is None:
            return None
        rows[column], rows[pivot] = rows[pivot], rows[column]
        lead = rows[column][column]
        rows[column] = [x / lead for x in rows[column]]
        for r in range(unknowns):
            if r != column and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[column])]
    return [rows[r][unknowns] for r in range(unknowns)]
