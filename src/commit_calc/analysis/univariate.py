"""Sign conditions on polynomials in one variable, decided exactly.

Each polynomial is factored over the rationals. Linear factors give rational roots exactly;
every other irreducible factor has irrational roots only, isolated in intervals with rational
ends (``Poly.intervals``), which are bisected until no two intervals and no rational root or
bound meet. Between consecutive roots every sign is constant, so the candidates are the roots
(where a polynomial that does not vanish has the sign it has at its interval's ends) and one
rational point in each gap: the conditions hold somewhere iff they hold at one candidate.

>>> x = sympy.Symbol("x")
>>> two = sympy.Poly(x**2 - 2, x, domain=sympy.QQ)
>>> signs_possible([(two, frozenset({0}))], sympy.Integer(0), None)   # x = sqrt(2)
True
>>> signs_possible([(two, frozenset({-1}))], sympy.Rational(3, 2), None)
False
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import sympy

#: A polynomial and the signs (-1, 0, 1) it may take.
Condition = tuple[sympy.Poly, AbstractSet[int]]
_Interval = tuple[sympy.Poly, sympy.Rational, sympy.Rational]


def signs_possible(conditions: Sequence[Condition], lower: sympy.Rational | None,
                   upper: sympy.Rational | None) -> bool:
    """Is there an ``x`` in ``[lower, upper]`` (``None``: unbounded) where every polynomial
    takes one of its allowed signs?"""
    points: set[sympy.Rational] = {b for b in (lower, upper) if b is not None}
    factors: dict[sympy.Poly, set[int]] = {}  # irrational factor -> conditions it divides
    for k, (f, _) in enumerate(conditions):
        for factor, _ in f.factor_list()[1]:
            if factor.degree() == 1:
                points.add(-factor.nth(0) / factor.nth(1))
            else:
                factors.setdefault(factor.monic(), set()).add(k)
    intervals = _disjoint([(factor, a, b) for factor in factors
                           for (a, b), _ in factor.intervals()], sorted(points))

    def inside(point: sympy.Rational) -> bool:
        return bool((lower is None or point >= lower) and (upper is None or point <= upper))

    def holds_at(point: sympy.Rational, vanishing: AbstractSet[int] = frozenset()) -> bool:
        return all((0 if k in vanishing else int(sympy.sign(f.eval(point)))) in allowed
                   for k, (f, allowed) in enumerate(conditions))

    if any(inside(q) and holds_at(q) for q in points):
        return True
    # at an irrational root, a polynomial it does not divide has the sign of the ends
    if any(inside(a) and holds_at(a, factors[factor]) for factor, a, _ in intervals):
        return True
    spans = sorted([(q, q) for q in points] + [(a, b) for _, a, b in intervals])
    gaps = [(right + left) / 2 for (_, right), (left, _) in zip(spans, spans[1:])]
    gaps += [spans[0][0] - 1, spans[-1][1] + 1] if spans else [sympy.Integer(0)]
    return any(inside(q) and holds_at(q) for q in gaps)


def _disjoint(intervals: list[_Interval],
              points: Sequence[sympy.Rational]
              ) -> list[_Interval]:
    """Bisect isolating intervals of irrational roots until none meets another or a point.

    Each ``(factor, a, b)`` holds one root of an irreducible ``factor`` of degree >= 2, which
    is never zero at a rational number, so the half with a sign change holds the root.
    Distinct irreducible factors share no root, so this ends.
    """
    while True:
        spans = sorted([(a, b, k) for k, (_, a, b) in enumerate(intervals)]
                       + [(q, q, -1) for q in points], key=lambda span: (span[0], span[1]))
        clash = {k for (a1, b1, k1), (a2, b2, k2) in zip(spans, spans[1:]) if a2 <= b1
                 for k in (k1, k2) if k >= 0}
        if not clash:
            return intervals
        for k in clash:
            factor, a, b = intervals[k]
            middle = (a + b) / 2
            low_sign = sympy.sign(factor.eval(a))
            intervals[k] = ((factor, a, middle) if sympy.sign(factor.eval(middle)) != low_sign
                            else (factor, middle, b))
