"""Where rational functions of one variable are all ``<= 0``, exactly, on an interval.

The numerators and denominators are split into a coprime basis and their real roots isolated
with the sign machinery of :mod:`commit_calc.analysis.univariate`; between consecutive roots
every sign is constant, so the set is decided at one rational point in each gap and at each
root (an irrational root is an exact ``CRootOf``). No ``solveset``: it gives up (a
``ConditionSet``) on polynomials of degree 5 and more, which automata with many states give.

>>> d = sympy.Symbol("d")
>>> nonpositive_set([2 - 4*d, d**2 + d - 1], d, sympy.Integer(0), sympy.Integer(1),
...                 open_ends=(True, True))
Interval(1/2, CRootOf(d**2 + d - 1, 1))
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from commit_calc.analysis.univariate import coprime_basis, disjoint_intervals, isolate_roots


def nonpositive_set(functions: Sequence[sympy.Expr], symbol: sympy.Symbol,
                    lower: sympy.Expr, upper: sympy.Expr,
                    open_ends: tuple[bool, bool] = (False, False)) -> sympy.Set:
    """The ``x`` in the interval from ``lower`` to ``upper`` (numbers or infinities; ends
    excluded where ``open_ends`` says) at which every function of ``symbol`` is defined and
    ``<= 0``."""
    pairs = []
    for function in functions:
        numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(function)))
        pairs.append((sympy.Poly(numerator, symbol, domain=sympy.QQ),
                      sympy.Poly(denominator, symbol, domain=sympy.QQ)))
    polys = [p for pair in pairs for p in pair]
    points: set[sympy.Rational] = set()
    intervals = []
    for base in coprime_basis(polys):
        roots, isolated = isolate_roots(base)
        points |= roots
        intervals += isolated
    finite = [b for b in (lower, upper) if b.is_finite]
    intervals, found = disjoint_intervals(intervals, points | set(finite))
    points |= found

    def holds(point: sympy.Rational, vanishing: sympy.Poly | None = None) -> bool:
        for numerator, denominator in pairs:
            top = 0 if vanishing is not None and numerator.rem(vanishing).is_zero \
                else sympy.sign(numerator.eval(point))
            if vanishing is not None and denominator.rem(vanishing).is_zero:
                return False
            bottom = sympy.sign(denominator.eval(point))
            if bottom == 0 or top * bottom > 0:
                return False
        return True

    # the elements in order: roots (rational points, or intervals around irrational roots)
    elements: list[tuple[sympy.Expr, sympy.Rational, sympy.Rational, sympy.Poly | None]] = []
    for q in points | set(finite):
        elements.append((q, q, q, None))
    for base, a, b, _ in intervals:
        index = base.count_roots(None, a)
        elements.append((sympy.CRootOf(base.as_expr(), index), a, b, base))
    elements.sort(key=lambda e: (e[1], e[2]))
    edges: list[sympy.Expr] = [lower, *(e[0] for e in elements), upper]
    inside = [e for e in elements if _between(e[0], lower, upper)]
    found_set: sympy.Set = sympy.S.EmptySet
    for value, a, _, base in inside:
        if (value != lower or not open_ends[0]) and (value != upper or not open_ends[1]) \
                and holds(a, base):
            found_set = found_set | sympy.FiniteSet(value)
    ordered = [(lower, lower)] + [(e[1], e[2]) for e in elements] + [(upper, upper)]
    for k in range(len(edges) - 1):
        left, right = edges[k], edges[k + 1]
        if not (_between(left, lower, upper) or left == lower) or \
                not (_between(right, lower, upper) or right == upper) or left == right:
            continue
        sample = _sample(ordered[k][1], ordered[k + 1][0])
        if holds(sample):
            found_set = found_set | sympy.Interval.open(left, right)
    if lower.is_finite and not open_ends[0] and holds(lower):
        found_set = found_set | sympy.FiniteSet(lower)
    if upper.is_finite and not open_ends[1] and holds(upper):
        found_set = found_set | sympy.FiniteSet(upper)
    return found_set


def _between(value: sympy.Expr, lower: sympy.Expr, upper: sympy.Expr) -> bool:
    return bool(lower < value < upper)


def _sample(left: sympy.Expr, right: sympy.Expr) -> sympy.Rational:
    """A rational point strictly between two ends (infinite ends allowed)."""
    if left == -sympy.oo:
        return sympy.Rational(right) - 1 if right != sympy.oo else sympy.Integer(0)
    if right == sympy.oo:
        return sympy.Rational(left) + 1
    return (sympy.Rational(left) + sympy.Rational(right)) / 2
