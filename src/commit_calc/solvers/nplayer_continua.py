"""Continua of equilibria on one support, where they can be described exactly.

When a support's indifference equations have infinitely many solutions (ties in the payoffs),
the solutions that are equilibria may form a continuum or be empty. Where the solutions form a
line (the equations are linear, one unknown is free), the equilibrium conditions become
univariate polynomial inequalities in that unknown, solved exactly by sympy: the continuum is
then reported as the exact set of values of one probability, or found empty. Other cases are
left to the caller, which warns that they were not analysed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Poly

Verdict = tuple[sympy.Symbol, sympy.Set] | None


def continuum(
    equations: Sequence[Poly],
    unknowns: Sequence[sympy.Symbol],
    positive: Sequence[Poly],
    nonpositive: Sequence[Poly],
) -> Verdict:
    """The free unknown and the set of its values at which all of ``positive`` are > 0 and all of
    ``nonpositive`` are <= 0 on the solution line of ``equations``; ``None`` when the solutions
    are not a line.

    Examples
    --------
    No equation on ``x``: equilibria for ``0 < x < 1`` with ``2x - 1 <= 0``:

    >>> x = sympy.Symbol("x")
    >>> continuum([], [x], [Poly(x, x), Poly(1 - x, x)], [Poly(2 * x - 1, x)])
    (x, Interval.Lopen(0, 1/2))
    """
    nonzero = [e.as_expr() for e in equations if not e.is_zero]
    if any(Poly(e, *unknowns).total_degree() > 1 for e in nonzero):
        return None
    if nonzero:
        solved = sympy.linsolve(nonzero, *unknowns)
        if not isinstance(solved, sympy.FiniteSet) or len(solved) != 1:
            return None
        (point,) = solved.args
    else:
        point = tuple(unknowns)
    free = sorted(set().union(*(sympy.sympify(c).free_symbols for c in point)),
                  key=sympy.default_sort_key)
    if len(free) != 1:
        return None
    (variable,) = free
    substitution = dict(zip(unknowns, point))
    feasible: sympy.Set = sympy.S.Reals
    for polynomial, relation in [(p, "pos") for p in positive] + [(p, "nonpos")
                                                                  for p in nonpositive]:
        value = sympy.expand(polynomial.as_expr().subs(substitution))
        condition = value > 0 if relation == "pos" else value <= 0
        if condition is sympy.true:
            continue
        if condition is sympy.false:
            return variable, sympy.S.EmptySet
        feasible = feasible.intersect(_solution_set(value, relation == "pos", variable))
        if feasible is sympy.S.EmptySet:
            break
    return variable, feasible


def _solution_set(value: sympy.Expr, strict: bool, variable: sympy.Symbol) -> sympy.Set:
    """Where ``value > 0`` (``strict``) or ``value <= 0``: by hand when ``value`` is linear,
    else by sympy's univariate inequality solver."""
    polynomial = Poly(value, variable)
    if polynomial.degree() == 1:
        slope, constant = polynomial.all_coeffs()
        root = -constant / slope
        if (slope > 0) == strict:  # value > 0 right of the root, or value <= 0 left of it
            return sympy.Interval(root, sympy.oo, left_open=strict)
        return sympy.Interval(-sympy.oo, root, right_open=strict)
    condition = value > 0 if strict else value <= 0
    return sympy.solve_univariate_inequality(condition, variable, relational=False)


def interval_text(values: sympy.Set) -> str:
    """``(0, 1/2]``-style text of a set of reals.

    >>> interval_text(sympy.Interval.Lopen(0, sympy.Rational(1, 2)))
    '(0, 1/2]'
    """
    if isinstance(values, sympy.Union):
        return " or ".join(interval_text(part) for part in values.args)
    if isinstance(values, sympy.Interval):
        left = "(" if values.left_open else "["
        right = ")" if values.right_open else "]"
        return f"{left}{values.start}, {values.end}{right}"
    return str(values)


__all__ = ["continuum", "interval_text"]
