"""Continua of perfect Bayesian equilibria in small trees, by their extreme points.

When the equations of one choice of supports (:mod:`~commit_calc.beliefs.agent_supports`)
leave probabilities free, for instance when a player is indifferent and any mixture that
keeps the others' choices optimal will do, the solutions form a family: the probabilities are
formulas in the unknowns left free, valid where every condition (probabilities and beliefs
``>= 0``, no action better than the chosen ones) holds. Where those conditions and formulas
are linear in the free unknowns, the closed family is a polytope: its points are equilibria
(a limit of equilibria is one), its strategies the image of the polytope, so the family is
the convex hull of the images of its vertices. This module computes those vertices exactly
(every choice of as many binding conditions as there are free unknowns, solved by Gaussian
elimination over the rationals), maps them to strategies and keeps the extreme ones.

Bounded work: at most :data:`MAX_FREE` free unknowns and :data:`MAX_CONDITIONS` conditions
per family, and :data:`MAX_WORK` choices of binding conditions per game; a family beyond
them, or whose conditions are not linear, is not listed and the result says so.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction

import sympy

from commit_calc.analysis.simplex import strictly_feasible
from commit_calc.beliefs.agent_supports import Family

Strategy = tuple[tuple[Fraction, ...], ...]

#: Families with more free unknowns than this are not listed.
MAX_FREE = 4
#: Families with more conditions than this are not listed.
MAX_CONDITIONS = 40
#: At most this many choices of binding conditions are tried in one search, all families
#: together; the families beyond are not listed.
MAX_WORK = 200_000


class Work:
    """What is left of :data:`MAX_WORK` in one search."""

    def __init__(self, limit: int = MAX_WORK) -> None:
        self.left = limit

    def take(self, amount: int) -> bool:
        """Spend ``amount`` if that much is left."""
        if amount > self.left:
            return False
        self.left -= amount
        return True


def family_vertices(family: Family, work: Work) -> list[Strategy] | str:
    """The extreme strategies of a family, or why it cannot be listed (a phrase)."""
    if not family.exact:
        return "its solution holds only where the solver divided by a formula"
    free = sorted({s for e in (*family.conditions, *(p for row in family.strategy for p in row))
                   for s in e.free_symbols}, key=str)
    if len(free) > MAX_FREE or len(family.conditions) > MAX_CONDITIONS:
        return (f"it has {len(free)} free probabilities or beliefs and "
                f"{len(family.conditions)} conditions (at most {MAX_FREE} and "
                f"{MAX_CONDITIONS} are listed)")
    rows = _linear(family.conditions, free)
    images = _linear([p for row in family.strategy for p in row], free)
    if rows is None or images is None:
        return "its conditions are not linear in its free probabilities"
    if not work.take(math.comb(len(rows), len(free))):
        return f"the continua of this game need more than {MAX_WORK:,} steps to list"
    points = _vertices(rows, len(free))
    widths = [len(row) for row in family.strategy]
    strategies = list(dict.fromkeys(_image(images, widths, point) for point in points))
    return [s for s in strategies if _extreme(s, strategies)]


def _linear(expressions: Sequence[sympy.Expr], free: Sequence[sympy.Symbol]
            ) -> list[tuple[tuple[Fraction, ...], Fraction]] | None:
    """Each expression as ``(coefficients, constant)``, or None if one is not linear."""
    found = []
    for expression in expressions:
        expression = sympy.expand(expression)
        try:
            polynomial = sympy.Poly(expression, *free) if free else None
        except sympy.PolynomialError:
            return None
        if polynomial is not None and (polynomial.total_degree() > 1 or any(
                not c.is_Rational for c in polynomial.coeffs())):
            return None
        coefficients = tuple(_fraction(expression.coeff(s)) for s in free)
        constant = _fraction(expression.xreplace({s: 0 for s in free}))
        found.append((coefficients, constant))
    return found


def _fraction(value: sympy.Expr) -> Fraction:
    rational = sympy.Rational(value)
    return Fraction(int(rational.p), int(rational.q))


def _vertices(rows: Sequence[tuple[tuple[Fraction, ...], Fraction]], size: int
              ) -> list[tuple[Fraction, ...]]:
    """The vertices of ``{x : a . x + b >= 0 for (a, b) in rows}`` (bounded here)."""
    found: list[tuple[Fraction, ...]] = []
    for binding in itertools.combinations(range(len(rows)), size):
        point = _solve([list(rows[b][0]) + [-rows[b][1]] for b in binding], size)
        if point is None or point in found:
            continue
        if all(sum((c * x for c, x in zip(a, point)), b) >= 0 for a, b in rows):
            found.append(point)
    return found


def _solve(system: list[list[Fraction]], size: int) -> tuple[Fraction, ...] | None:
    """The unique solution of a square system (rows ``[a..., rhs]``), or None."""
    rows = [row[:] for row in system]
    for column in range(size):
        pivot = next((r for r in range(column, size) if rows[r][column] != 0), None)
        if pivot is None:
            return None
        rows[column], rows[pivot] = rows[pivot], rows[column]
        for r in range(size):
            if r != column and rows[r][column] != 0:
                factor = rows[r][column] / rows[column][column]
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[column])]
    return tuple(rows[r][size] / rows[r][r] for r in range(size))


def _image(images: Sequence[tuple[tuple[Fraction, ...], Fraction]], widths: Sequence[int],
           point: Sequence[Fraction]) -> Strategy:
    values = [sum((c * x for c, x in zip(a, point)), b) for a, b in images]
    starts = [0, *itertools.accumulate(widths)]
    return tuple(tuple(values[starts[k]:starts[k + 1]]) for k in range(len(widths)))


def _extreme(strategy: Strategy, strategies: Sequence[Strategy]) -> bool:
    """Whether ``strategy`` is not a mixture of the others (an exact linear program)."""
    others = [s for s in strategies if s != strategy]
    if not others:
        return True
    flat = [p for row in strategy for p in row]
    columns = [[p for row in s for p in row] for s in others]
    a_eq = [[c[i] for c in columns] for i in range(len(flat))] + [[Fraction(1)] * len(others)]
    return not strictly_feasible([], [], strict=[], a_eq=a_eq, b_eq=[*flat, Fraction(1)])


def joined_components(count: int, groups: Sequence[Sequence[int]]) -> list[int]:
    """Component numbers 1, 2, ... (in order of first appearance) for ``count`` equilibria,
    those in one group (the extreme points of one family) joined.

    >>> joined_components(4, [[1, 3], [3, 2]])
    [1, 2, 2, 2]
    """
    parent = list(range(count))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for group in groups:
        for a, b in itertools.pairwise(group):
            parent[root(b)] = root(a)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root(k), len(numbers) + 1) for k in range(count)]
