"""Exact values of formulas on arithmetic grids, vectorised.

A grid axis takes the values ``start + k*step`` (``k = 0 .. count-1``) with exact rational
``start`` and ``step``, so a polynomial in the axes is a polynomial with rational coefficients
in the integer indices ``k``. Multiplying by the common denominator ``L`` gives an integer
polynomial, evaluated with numpy in ``int64`` when a bound on its terms shows it cannot
overflow (else with Python integers); the value is ``numerator / L`` reduced by the gcd.
Formulas that are not polynomials are evaluated point by point in ``Fraction``.

>>> import numpy as np, sympy
>>> r = sympy.Symbol("r")
>>> axis = (sympy.Integer(0), sympy.Rational(1, 3))  # start, step
>>> numerators, denominators = exact_on_grid(33*r - 20, [r], [axis], [np.arange(4)])
>>> [f"{n}/{d}" for n, d in zip(numerators, denominators)]
['-20/1', '-9/1', '2/1', '13/1']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy.printing.pycode import PythonCodePrinter

_LIMIT = 2**62


class _FractionPrinter(PythonCodePrinter):  # type: ignore[misc]  # sympy has no type hints
    """Prints rationals as ``Fraction(p, q)`` so a lambdified formula computes exactly."""

    def _print_Rational(self, expr: sympy.Rational) -> str:  # noqa: N802 (sympy's naming)
        return f"Fraction({expr.p}, {expr.q})"

    def _print_Integer(self, expr: sympy.Integer) -> str:  # noqa: N802
        return str(expr.p)

    def _print_Half(self, expr: sympy.Rational) -> str:  # noqa: N802
        return "Fraction(1, 2)"


def exact_function(
    expression: sympy.Expr, symbols: Sequence[sympy.Symbol], rational: type = Fraction
) -> Callable[..., Any]:
    """``expression`` compiled once to a Python function computing in ``Fraction`` (or in
    ``rational``, another exact type built as ``rational(p, q)``, such as gmpy2's ``mpq``).

    >>> import sympy
    >>> r = sympy.Symbol("r")
    >>> exact_function(r / 3 + sympy.Rational(1, 2), [r])(Fraction(1, 2))
    Fraction(2, 3)
    """
    function: Callable[..., Any] = sympy.lambdify(
        list(symbols), expression, modules=[{"Fraction": rational}, "math"],
        printer=_FractionPrinter)
    return function


def exact_on_grid(
    expression: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    axes: Sequence[tuple[sympy.Rational, sympy.Rational]],
    indices: Sequence[np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Exact ``expression`` at the points with axis indices ``indices`` (one array per axis).

    ``axes`` gives ``(start, step)`` per symbol. Returns reduced numerators and positive
    denominators (numpy arrays of equal shape).
    """
    ks = sympy.symbols(f"k0:{len(symbols)}", integer=True, nonnegative=True)
    shifted = sympy.expand(expression.xreplace({
        s: start + k * step for s, k, (start, step) in zip(symbols, ks, axes)
    }))
    if not shifted.is_polynomial(*ks):
        return _pointwise(expression, symbols, axes, indices)
    poly = sympy.Poly(shifted, *ks, domain="QQ")
    common = int(sympy.ilcm(1, *[c.q for c in poly.coeffs()]))
    terms = [(m, int(c * common)) for m, c in poly.terms()]
    largest = [int(np.max(ix)) if np.size(ix) else 0 for ix in indices]
    bound = sum(abs(c) * math.prod(max(x, 1) ** e for x, e in zip(largest, m)) for m, c in terms)
    dtype = np.int64 if bound < _LIMIT else object
    shape = np.broadcast_shapes(*(np.shape(ix) for ix in indices)) if indices else ()
    numerators = np.zeros(shape, dtype=dtype)
    columns = [np.asarray(ix, dtype=dtype) for ix in indices]
    for monomial, coefficient in terms:
        term = np.full(shape, coefficient, dtype=dtype)
        for column, power in zip(columns, monomial):
            if power:
                term = term * column ** power
        numerators = numerators + term
    if dtype is object:
        divisor = np.frompyfunc(math.gcd, 2, 1)(numerators, common)
    else:
        divisor = np.gcd(numerators, common)
    return numerators // divisor, np.floor_divide(common, divisor)


def _pointwise(
    expression: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    axes: Sequence[tuple[sympy.Rational, sympy.Rational]],
    indices: Sequence[np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`exact_on_grid` for formulas that are not polynomials: point by point."""
    function = exact_function(expression, symbols)
    starts = [Fraction(int(a.p), int(a.q)) for a, _ in axes]
    steps = [Fraction(int(b.p), int(b.q)) for _, b in axes]
    shape = np.broadcast_shapes(*(np.shape(ix) for ix in indices))
    flat = [np.broadcast_to(ix, shape).ravel().tolist() for ix in indices]
    values = [function(*(s + k * d for s, k, d in zip(starts, point, steps)))
              for point in zip(*flat)]
    values = [Fraction(v) for v in values]
    numerators = np.array([v.numerator for v in values], dtype=object).reshape(shape)
    denominators = np.array([v.denominator for v in values], dtype=object).reshape(shape)
    return numerators, denominators
