"""Exact numbers as text: ``"7/2"`` for programs, ``"7/2 (3.5)"`` for people."""

from __future__ import annotations

from fractions import Fraction
from typing import TypeAlias

import sympy

from commit_calc.formula import format_formula

Number: TypeAlias = sympy.Rational | Fraction | int


def exact_text(value: Number | sympy.Expr) -> str:
    """The exact text of a number (``"7/2"``, ``"-3"``) or of a formula, written as in game
    files (``"12*salary + min(amnesty, 300)"``).

    >>> exact_text(sympy.Rational(7, 2)), exact_text(Fraction(-6, 2))
    ('7/2', '-3')
    >>> exact_text(sympy.Min(sympy.Symbol("a"), 3))
    'min(3, a)'
    """
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    if isinstance(value, sympy.Basic) and not value.is_number:
        return format_formula(value)
    return str(value)


def decimal_text(value: Number, digits: int = 6) -> str:
    """A decimal approximation with ``digits`` significant digits.

    >>> decimal_text(sympy.Rational(1, 3)), decimal_text(sympy.Rational(7, 2))
    ('0.333333', '3.5')
    """
    return f"{float(Fraction(str(value))):.{digits}g}"


def human_text(value: Number | sympy.Expr) -> str:
    """Exact text, with a decimal beside it where the number is not whole.

    Formulas (expressions with parameters) are shown as they are; irrational numbers (exact
    algebraic numbers of n-player equilibria) get their decimal too.

    >>> human_text(sympy.Rational(7, 2)), human_text(sympy.Integer(250)), human_text(Fraction(1, 3))
    ('7/2 (3.5)', '250', '1/3 (0.333333)')
    >>> human_text(sympy.sqrt(2) - 1)
    '-1 + sqrt(2) (0.414214)'
    """
    if isinstance(value, Fraction | int) or (
        isinstance(value, sympy.Basic) and isinstance(value, sympy.Rational)
    ):
        text = exact_text(value)
        return text if "/" not in text else f"{text} ({decimal_text(value)})"
    if isinstance(value, sympy.Basic) and value.is_number and value.is_algebraic:
        return f"{exact_text(value)} ({float(value):.6g})"
    return exact_text(value)
