"""Rational functions of the parameters in sympy's fraction field: ``sympy.cancel`` faster.

``sympy.cancel`` converts its expression to polynomials, cancels their gcd and converts back,
tidying the expression tree on the way (most of its time on large sums). Arithmetic in the
fraction field ``QQ(parameters)`` (:func:`sympy.polys.fields.field`) keeps every value as a
reduced numerator and denominator, and :func:`cancelled` gives back exactly the expression
``sympy.cancel`` gives: the field orders its generators as sympy orders them (so the sign of
each denominator is normalised alike).

>>> import sympy
>>> x, y = sympy.symbols("x y")
>>> field = fraction_field([(x - 1) / (1 - y)])
>>> cancelled((x - 1) / (1 - y), field) == sympy.cancel((x - 1) / (1 - y))
True
>>> cancelled(x / (2 * x + 2 * y) + y / (2 * x + 2 * y), field)
1/2
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sympy
from sympy.polys.fields import FracField, field

#: A value of the field (sympy's ``FracElement``, untyped).
Element = Any


def fraction_field(expressions: Iterable[sympy.Expr]) -> FracField | None:
    """The field of rational functions over QQ in the expressions' symbols (``None`` when
    they have none), generators in sympy's own order."""
    symbols: set[sympy.Symbol] = set()
    for expression in expressions:
        symbols |= expression.free_symbols
    if not symbols:
        return None
    gens = sympy.Poly(sympy.Add(*symbols)).gens  # sympy's default order of generators
    built: FracField = field(gens, sympy.QQ)[0]
    return built


def element(expression: sympy.Expr, within: FracField) -> Element:
    """``expression`` (a rational function of the field's symbols) in the field; raises
    ``ValueError`` for anything else."""
    return within.from_expr(expression)


def cancelled(expression: sympy.Expr, within: FracField | None) -> sympy.Expr:
    """``sympy.cancel(expression)`` computed in the field (plain ``cancel`` without one, or
    for an expression the field cannot hold, such as ``min``/``max``)."""
    if within is None:
        return sympy.cancel(expression)
    try:
        value = within.from_expr(expression)
    except ValueError:
        return sympy.cancel(expression)
    result: sympy.Expr = value.as_expr()
    return result
