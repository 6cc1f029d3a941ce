"""Text shown on drawings: payoff vectors and probabilities, exact and short."""

from __future__ import annotations

from collections.abc import Sequence

import sympy


def number_text(value: sympy.Expr) -> str:
    """Exact and compact: ``3/4``, ``-1000``; a formula stays a formula.

    >>> number_text(sympy.Rational(3, 4)), number_text(sympy.Integer(-5))
    ('3/4', '-5')
    """
    return str(value).replace("**", "^")


def payoff_text(payoffs: Sequence[sympy.Expr]) -> str:
    """``(650, 750)``."""
    return "(" + ", ".join(number_text(p) for p in payoffs) + ")"
