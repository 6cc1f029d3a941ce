"""Exact real solutions of square polynomial systems over the rationals.

A zero-dimensional system is brought to *shape position* by a lex Groebner basis: every unknown
``x_k`` is a polynomial ``g_k(t)`` in one real algebraic number ``t``, a root of an irreducible
polynomial ``f`` (when the last unknown does not separate the solutions, a random-free linear
form ``t = x_1 + 2 x_2 + 3 x_3 + ...`` is added). Each real root of ``f`` is kept with an
isolating interval with rational endpoints, so the sign of any polynomial expression at the
solution is decided exactly: zero when its remainder modulo ``f`` is zero, otherwise the sign
at a point of an interval refined until the remainder has no root in it (Sturm counts).

Notes
-----
Shape lemma and FGLM: D. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*,
4th ed., Springer 2015, chapters 2-3; J.-C. Faugere et al., "Efficient computation of
zero-dimensional Groebner bases by change of ordering", J. Symbolic Comput. 16 (1993) 329-344.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import sympy
from sympy import QQ, Poly

#: The variable of the univariate minimal polynomials.
T = sympy.Symbol("t")
_Y = sympy.Symbol("y")

Status = Literal["finite", "empty", "positive-dimensional", "degree-limit", "unsolved"]


@dataclass(frozen=True)
class AlgebraicPoint:
    """A real solution: coordinate ``k`` is ``coordinates[k](alpha)``, where ``alpha`` is the
    ``index``-th real root (ascending) of the irreducible ``minimal`` polynomial in ``t``, the
    only root in the closed interval ``interval``."""

    minimal: Poly
    index: int
    interval: tuple[Fraction, Fraction]
    coordinates: tuple[Poly, ...]

    def reduce(self, value: Poly) -> Poly:
        """``value`` (a polynomial in ``t``) modulo the minimal polynomial."""
        return value.rem(self.minimal)

    def at(self, polynomial: Poly) -> Poly:
        """A polynomial in the system's unknowns at this point, as a polynomial in ``t``."""
        total = Poly(0, T, domain=QQ)
        for monomial, coefficient in polynomial.terms():
            term = Poly(coefficient, T, domain=QQ)
            for coordinate, power in zip(self.coordinates, monomial):
                for _ in range(power):
                    term = self.reduce(term * coordinate)
            total += term
        return self.reduce(total)

    def sign(self, value: Poly) -> int:
        """The exact sign (-1, 0, 1) of ``value(alpha)``."""
        remainder = self.reduce(value)
        if remainder.is_zero:
            return 0
        low, high = self.interval
        while low != high and remainder.count_roots(low, high) > 0:
            low, high = _refine(self.minimal, low, high)
        middle = (low + high) / 2
        number = remainder.eval(QQ(middle.numerator, middle.denominator))
        return 1 if number > 0 else -1

    def expression(self, value: Poly) -> sympy.Expr:
        """``value(alpha)`` as an exact sympy number: a rational, a quadratic surd such as
        ``1/2 + sqrt(5)/10``, or a polynomial in one ``CRootOf``."""
        remainder = self.reduce(value)
        if remainder.degree() <= 0:
            return sympy.Rational(remainder.LC()) if not remainder.is_zero else sympy.S.Zero
        if self.minimal.degree() == 2:
            return self._quadratic(remainder)
        minimal = _minimal_polynomial(self.minimal, remainder)
        if minimal.degree() == 2:
            return self._surd(remainder)
        return sympy.CRootOf(minimal.as_expr().subs(_Y, sympy.Symbol("x")),
                             self._root_index(remainder, minimal))

    def _root_index(self, remainder: Poly, minimal: Poly) -> int:
        """Which real root of ``minimal`` (from the smallest) ``remainder(alpha)`` is: its
        enclosure over ever smaller intervals around ``alpha`` meets one isolating interval."""
        intervals = [(Fraction(a), Fraction(b)) for (a, b), _ in minimal.intervals()]
        low, high = self.interval
        while True:
            enclosure = _enclose(remainder, low, high)
            meets = [k for k, (a, b) in enumerate(intervals)
                     if a <= enclosure[1] and enclosure[0] <= b]
            if len(meets) == 1:
                return meets[0]
            low, high = _refine(self.minimal, low, high)

    def _quadratic(self, remainder: Poly) -> sympy.Expr:
        """``h0 + h1 * alpha`` with ``alpha`` the smaller (index 0) or larger root of the monic
        quadratic minimal polynomial, written with a square root."""
        _, b, c = (sympy.Rational(v) for v in self.minimal.monic().all_coeffs())
        side = 1 if self.index == 1 else -1
        alpha = (-b + side * sympy.sqrt(b * b - 4 * c)) / 2
        h1, h0 = (sympy.Rational(v) for v in remainder.all_coeffs())
        return sympy.expand(h0 + h1 * alpha)

    def _surd(self, remainder: Poly) -> sympy.Expr:
        """A value of degree 2 over the rationals, as ``c + s * e * sqrt(d)``."""
        quadratic = _minimal_polynomial(self.minimal, remainder)
        a, b, c = (sympy.Rational(v) for v in quadratic.all_coeffs())
        centre = -b / (2 * a)
        spread = sympy.sqrt(b * b - 4 * a * c) / abs(2 * a)
        side = self.sign(remainder - Poly(centre, T, domain=QQ))
        return sympy.expand(centre + side * spread)


@dataclass(frozen=True)
class Solutions:
    """The real solutions of a system, or why they were not computed.

    ``status`` is ``"finite"`` (``points`` holds every real solution), ``"empty"`` (no complex
    solution), ``"positive-dimensional"`` (infinitely many complex solutions), ``"degree-limit"``
    (the univariate polynomial has degree above the limit, ``degree``) or ``"unsolved"`` (no
    shape position was found, e.g. at multiple roots)."""

    status: Status
    points: tuple[AlgebraicPoint, ...] = ()
    degree: int = 0


def real_solutions(
    equations: Sequence[Poly], unknowns: Sequence[sympy.Symbol], *, max_degree: int = 64
) -> Solutions:
    """Every real solution of ``equations`` (polynomials over QQ in ``unknowns``), exactly.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> found = real_solutions([Poly(x * y - 1, x, y), Poly(x - y + 1, x, y)], (x, y))
    >>> found.status, [[str(p.expression(c)) for c in p.coordinates] for p in found.points]
    ('finite', [['-sqrt(5)/2 - 1/2', '1/2 - sqrt(5)/2'], ['-1/2 + sqrt(5)/2', '1/2 + sqrt(5)/2']])
    """
    if not unknowns:
        if any(not e.is_zero for e in equations):
            return Solutions("empty")
        return Solutions("finite", (AlgebraicPoint(Poly(T, T, domain=QQ), 0, (Fraction(0),
                                                   Fraction(0)), ()),))
    polynomials = [e.as_expr() for e in equations if not e.is_zero]
    basis = sympy.groebner(polynomials, *unknowns, order="grevlex", domain=QQ)
    if basis.exprs == [1]:
        return Solutions("empty")
    if not basis.is_zero_dimensional:
        return Solutions("positive-dimensional")
    for weights in _separating_forms(len(unknowns)):
        shape = _shape(polynomials, unknowns, weights, basis)
        if shape is None:
            continue
        minimal_polynomial, coordinates = shape
        if minimal_polynomial.degree() > max_degree:
            return Solutions("degree-limit", degree=minimal_polynomial.degree())
        return Solutions("finite", tuple(_points(minimal_polynomial, coordinates)),
                         degree=minimal_polynomial.degree())
    return Solutions("unsolved")


def _separating_forms(count: int) -> list[tuple[int, ...] | None]:
    """``None`` (the last unknown itself), then fixed linear forms."""
    return [None, tuple(range(1, count + 1)), tuple((k * k) % 7 + 1 for k in range(count))]


def _shape(
    polynomials: list[sympy.Expr],
    unknowns: Sequence[sympy.Symbol],
    weights: tuple[int, ...] | None,
    basis: sympy.GroebnerBasis,
) -> tuple[Poly, tuple[Poly, ...]] | None:
    """The univariate polynomial of ``t`` and each unknown as a polynomial in ``t``, if the
    lex basis is in shape position."""
    if weights is None:
        gens = tuple(unknowns)
        lex = basis.fglm("lex")
    else:
        gens = (*unknowns, T)
        form = T - sum((w * u for w, u in zip(weights, unknowns)), sympy.S.Zero)
        lex = sympy.groebner([*polynomials, form], *gens, order="grevlex", domain=QQ).fglm("lex")
    last = gens[-1]
    exprs = list(lex.exprs)
    if len(exprs) != len(gens):
        return None
    univariate = Poly(exprs[-1], last, domain=QQ).as_expr().subs(last, T)
    coordinates = []
    for k, unknown in enumerate(unknowns):
        if unknown == last:
            coordinates.append(Poly(T, T, domain=QQ))
            continue
        poly = Poly(exprs[k], *gens, domain=QQ)
        linear = Poly(unknown, *gens, domain=QQ)
        rest = poly - linear * poly.coeff_monomial(unknown)
        if poly.coeff_monomial(unknown) == 0 or rest.free_symbols - {last}:
            return None
        solved = (-rest.as_expr() / poly.coeff_monomial(unknown)).subs(last, T)
        coordinates.append(Poly(solved, T, domain=QQ))
    return Poly(univariate, T, domain=QQ), tuple(coordinates)


def _points(minimal_polynomial: Poly, coordinates: tuple[Poly, ...]) -> list[AlgebraicPoint]:
    points = []
    for factor, _ in minimal_polynomial.factor_list()[1]:
        factor = factor.monic()
        reduced = tuple(c.rem(factor) for c in coordinates)
        intervals = factor.intervals()
        for index, ((low, high), _) in enumerate(intervals):
            points.append(AlgebraicPoint(
                factor, index, (Fraction(int(low.p), int(low.q)),
                                Fraction(int(high.p), int(high.q))), reduced))
    return points


def _refine(minimal: Poly, low: Fraction, high: Fraction) -> tuple[Fraction, Fraction]:
    a, b = minimal.refine_root(sympy.Rational(int(low.numerator), int(low.denominator)),
                               sympy.Rational(int(high.numerator), int(high.denominator)),
                               eps=sympy.Rational(high - low) / 8)
    return Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))


def _minimal_polynomial(minimal: Poly, value: Poly) -> Poly:
    """The minimal polynomial (in ``y``, integer coefficients) of ``value(alpha)``: the
    irreducible polynomial whose power is the characteristic polynomial
    ``res_t(f(t), y - value(t))``."""
    resultant = Poly(sympy.resultant(minimal.as_expr(), _Y - value.as_expr(), T), _Y)
    return Poly(resultant.sqf_part().as_expr(), _Y, domain="QQ").clear_denoms()[1].set_domain(
        "ZZ").primitive()[1]


def _enclose(value: Poly, low: Fraction, high: Fraction) -> tuple[Fraction, Fraction]:
    """An interval holding ``value(x)`` for every ``x`` in ``[low, high]`` (Horner's rule in
    exact interval arithmetic)."""
    result = (Fraction(0), Fraction(0))
    for coefficient in value.all_coeffs():
        products = [result[0] * low, result[0] * high, result[1] * low, result[1] * high]
        c = Fraction(int(coefficient.numerator), int(coefficient.denominator))
        result = (min(products) + c, max(products) + c)
    return result


__all__ = ["AlgebraicPoint", "Solutions", "real_solutions"]
