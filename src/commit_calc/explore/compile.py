"""The exact regions of a game as data a web page can evaluate exactly.

Every formula (a region's key polynomial, a payoff, a probability) becomes a rational function
``[numerator, denominator]``, each polynomial a list of monomials ``[numerator, denominator,
[exponent of each parameter]]`` with the coefficient's integers as decimal strings, so the
page's JavaScript evaluates it with BigInt fractions, exactly: a point exactly on a threshold
lands in the tie region, as ``commit-calc solve`` says. :func:`evaluate` does the same in Python
(the tests check the page's data with it). No formula is ever turned into program text.

>>> import sympy
>>> x, y = sympy.symbols("x y")
>>> data = rational_function(x / 2 - 3 * y, [x, y])
>>> data
[[['1', '1', [1, 0]], ['-6', '1', [0, 1]]], [['2', '1', [0, 0]]]]
>>> evaluate(data, [sympy.Rational(1), sympy.Rational(1, 6)])
0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from commit_calc.errors import UnsupportedGameError

#: The most monomials all compiled formulas of one page may hold together: past it the page
#: would grow past a megabyte and slow every slider move (the page refuses the game instead).
MAX_MONOMIALS = 20_000

Monomial = list[Any]
Polynomial = list[Monomial]
RationalFunction = list[Polynomial]


class Budget:
    """Counts the monomials compiled so far and refuses past :data:`MAX_MONOMIALS`."""

    def __init__(self) -> None:
        self.used = 0

    def spend(self, count: int) -> None:
        self.used += count
        if self.used > MAX_MONOMIALS:
            raise UnsupportedGameError(
                f"explore: the game's formulas are too large for a web page (more than "
                f"{MAX_MONOMIALS:,} terms in all); fix some parameters with --set")


def polynomial(expression: sympy.Expr, symbols: Sequence[sympy.Symbol],
               budget: Budget | None = None) -> Polynomial:
    """The monomials of a polynomial in ``symbols`` with rational coefficients."""
    expression = sympy.expand(expression)
    if not symbols:
        if not expression.is_Rational:
            raise UnsupportedGameError(f"explore: {expression} is not an exact rational number")
        number = sympy.Rational(expression)
        return [[str(number.p), str(number.q), []]] if number != 0 else []
    try:
        poly = sympy.Poly(expression, *symbols, domain="QQ")
    except (sympy.PolynomialError, sympy.polys.polyerrors.CoercionFailed):
        raise UnsupportedGameError(
            f"explore: the formula {expression} is not a polynomial with rational "
            "coefficients in the parameters") from None
    terms = poly.terms()
    if budget is not None:
        budget.spend(len(terms))
    return [[str(sympy.Rational(c).p), str(sympy.Rational(c).q), list(m)] for m, c in terms
            if c != 0]


def rational_function(expression: object, symbols: Sequence[sympy.Symbol],
                      budget: Budget | None = None) -> RationalFunction:
    """``[numerator, denominator]`` of a rational function of ``symbols``."""
    numerator, denominator = sympy.fraction(sympy.together(sympy.sympify(expression)))
    return [polynomial(numerator, symbols, budget), polynomial(denominator, symbols, budget)]


def evaluate_polynomial(data: Polynomial, point: Sequence[sympy.Rational]) -> sympy.Rational:
    """The exact value of compiled polynomial data at a point (as the page computes it)."""
    total = sympy.Integer(0)
    for numerator, denominator, exponents in data:
        term = sympy.Rational(int(numerator), int(denominator))
        for value, power in zip(point, exponents):
            term *= sympy.Rational(value) ** power
        total += term
    return total


def evaluate(data: RationalFunction, point: Sequence[sympy.Rational]) -> sympy.Rational:
    """The exact value of compiled rational-function data at a point."""
    return evaluate_polynomial(data[0], point) / evaluate_polynomial(data[1], point)


def sign(value: sympy.Rational) -> int:
    return 1 if value > 0 else (-1 if value < 0 else 0)


def region_index(data: Mapping[str, Any], point: Sequence[sympy.Rational]) -> int:
    """The index of the region holding ``point`` in compiled page data (exact mode), decided
    as the page decides it; -1 if none (outside the domain)."""
    signs = [sign(evaluate_polynomial(key, point)) for key in data["keys"]]
    for index, region in enumerate(data["regions"]):
        if any(all(signs[k] in allowed for k, allowed in term) for term in region["terms"]):
            return index
    return -1
