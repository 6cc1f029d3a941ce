"""Sign conditions on polynomials in one variable, decided exactly.

The polynomials are split into a basis of square-free, pairwise coprime polynomials with
greatest common divisors only (no factorisation, which can take minutes at degree 60). The real
roots of each basis polynomial are isolated in intervals with rational ends
(``Poly.intervals``); rational roots found on the way become exact points, and the intervals
are bisected until no two of them and no point meet. Between consecutive roots every sign is
constant, so the candidates are the roots (where a polynomial that does not vanish has the
sign it has at its interval's ends) and one rational point in each gap: the conditions hold
somewhere iff they hold at one candidate.

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
from functools import lru_cache

import sympy

#: A polynomial and the signs (-1, 0, 1) it may take.
Condition = tuple[sympy.Poly, AbstractSet[int]]
_Interval = tuple[sympy.Poly, sympy.Rational, sympy.Rational, sympy.Poly]


def signs_possible(conditions: Sequence[Condition], lower: sympy.Rational | None,
                   upper: sympy.Rational | None) -> bool:
    """Is there an ``x`` in ``[lower, upper]`` (``None``: unbounded) where every polynomial
    takes one of its allowed signs?"""
    points: set[sympy.Rational] = {b for b in (lower, upper) if b is not None}
    intervals: list[_Interval] = []
    divides: dict[sympy.Poly, set[int]] = {}  # basis polynomial -> conditions it divides
    for base in coprime_basis([f for f, _ in conditions]):
        divides[base] = {k for k, (f, _) in enumerate(conditions) if _divides(base, f)}
        roots, isolated = isolate_roots(base)
        points |= roots
        intervals += isolated
    intervals, found = disjoint_intervals(intervals, points)
    points |= found

    def inside(point: sympy.Rational) -> bool:
        return bool((lower is None or point >= lower) and (upper is None or point <= upper))

    def holds_at(point: sympy.Rational, vanishing: AbstractSet[int] = frozenset()) -> bool:
        return all((0 if k in vanishing else int(sympy.sign(f.eval(point)))) in allowed
                   for k, (f, allowed) in enumerate(conditions))

    if any(inside(q) and holds_at(q) for q in points):
        return True
    # at an irrational root, a polynomial that the root's basis polynomial does not divide
    # has no root in the interval: it has the sign of the interval's ends
    if any(inside(a) and holds_at(a, divides[base]) for base, a, _, _ in intervals):
        return True
    spans = sorted([(q, q) for q in points] + [(a, b) for _, a, b, _ in intervals])
    gaps = [(right + left) / 2 for (_, right), (left, _) in zip(spans, spans[1:])]
    gaps += [spans[0][0] - 1, spans[-1][1] + 1] if spans else [sympy.Integer(0)]
    return any(inside(q) and holds_at(q) for q in gaps)


def coprime_basis(polys: Sequence[sympy.Poly]) -> list[sympy.Poly]:
    """Square-free, pairwise coprime, monic polynomials whose roots are the roots of
    ``polys``; each divides every one of ``polys`` that vanishes at its roots."""
    basis: list[sympy.Poly] = []
    pending = [_square_free(f) for f in polys if f.degree() > 0]
    while pending:
        g = pending.pop()
        if g.degree() < 1:
            continue
        for i, b in enumerate(basis):
            common = _gcd(g, b)
            if common.degree() > 0:
                basis.pop(i)
                pending += [b.quo(common).monic(), common.monic(), g.quo(common).monic()]
                break
        else:
            basis.append(g)
    return basis


# The same polynomials recur in every check of a case split: their square-free parts, common
# divisors and roots are computed once.
@lru_cache(maxsize=16384)
def _square_free(f: sympy.Poly) -> sympy.Poly:
    return f.sqf_part().monic()


@lru_cache(maxsize=65536)
def _gcd(f: sympy.Poly, g: sympy.Poly) -> sympy.Poly:
    return f.gcd(g)


@lru_cache(maxsize=65536)
def _divides(base: sympy.Poly, f: sympy.Poly) -> bool:
    return bool(f.rem(base).is_zero)


@lru_cache(maxsize=16384)
def isolate_roots(base: sympy.Poly) -> tuple[set[sympy.Rational], list[_Interval]]:
    """The rational roots of ``base``, and intervals with rational ends that are not roots,
    one around each other root: ``(base, a, b, rest)``, ``rest`` being ``base`` with the
    rational roots divided out.

    The rational roots are read from the linear factors over the rationals (the roots sympy's
    ``intervals`` isolates may have a rational root strictly inside an interval, which no
    bisection would then separate from a point equal to it).

    >>> x = sympy.Symbol("x")
    >>> roots, intervals = isolate_roots(sympy.Poly((3*x + 4) * (x**2 - 2), x))
    >>> roots, [(a, b) for _, a, b, _ in intervals]
    ({-4/3}, [(-2, -1), (1, 2)])
    """
    roots: set[sympy.Rational] = set()
    rest = sympy.Poly(1, base.gen, domain=sympy.QQ)
    for factor, _ in base.factor_list()[1]:
        if factor.degree() == 1:
            slope, constant = factor.all_coeffs()
            roots.add(sympy.Rational(-constant, slope))
        elif factor.degree() > 1:
            rest = rest * factor.set_domain(sympy.QQ)
    if rest.degree() <= 0:
        return roots, []
    return roots, [(base, sympy.Rational(a), sympy.Rational(b), rest)
                   for (a, b), _ in rest.intervals()]


def disjoint_intervals(intervals: list[_Interval], points: AbstractSet[sympy.Rational]
                       ) -> tuple[list[_Interval], set[sympy.Rational]]:
    """Bisect the intervals until none meets another or a point; a midpoint that is a root
    becomes a point of its own (returned). Each interval holds one root of its square-free
    ``rest``, which is not zero at the ends, so the half with a sign change holds it; roots of
    different basis polynomials differ, so this ends."""
    found: set[sympy.Rational] = set()
    while True:
        spans = sorted([(a, b, k) for k, (_, a, b, _) in enumerate(intervals)]
                       + [(q, q, -1) for q in points | found],
                       key=lambda span: (span[0], span[1]))
        clash = {k for (a1, b1, k1), (a2, b2, k2) in zip(spans, spans[1:]) if a2 <= b1
                 for k in (k1, k2) if k >= 0}
        if not clash:
            return intervals, found
        kept = []
        for k, (base, a, b, rest) in enumerate(intervals):
            if k in clash:
                middle = (a + b) / 2
                value = rest.eval(middle)
                if value == 0:
                    found.add(middle)
                    continue
                a, b = (a, middle) if sympy.sign(value) != sympy.sign(rest.eval(a)) else (middle, b)
            kept.append((base, a, b, rest))
        intervals = kept
