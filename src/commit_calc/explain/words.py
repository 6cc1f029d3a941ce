"""Small pieces of wording shared by the explanations: numbers, lists, payoff vectors."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TypeAlias

import sympy

from commit_calc.render.numbers import exact_text, human_text

Number: TypeAlias = int | Fraction | sympy.Rational


def number(value: Number) -> str:
    """Exact, with a decimal beside it where not whole: ``7/2 (3.5)``, ``-3``.

    >>> number(Fraction(7, 2)), number(-3)
    ('7/2 (3.5)', '-3')
    """
    return human_text(value)


def factor(value: Number) -> str:
    """A number as a factor in a product: negatives and fractions in parentheses.

    >>> factor(3), factor(-1), factor(Fraction(3, 4))
    ('3', '(-1)', '(3/4)')
    """
    text = exact_text(value)
    return f"({text})" if text.startswith("-") or "/" in text else text


def listing(labels: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``.

    >>> listing(["Honor"]), listing(["Honor", "Renege"]), listing(["a", "b", "c"])
    ('Honor', 'Honor and Renege', 'a, b and c')
    """
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def vector(players: Sequence[str], values: Sequence[Number]) -> str:
    """Payoffs by player: ``Rebels 0, Regime 7/2 (3.5)``.

    >>> vector(["A", "B"], [0, Fraction(1, 2)])
    'A 0, B 1/2 (0.5)'
    """
    return ", ".join(f"{player} {number(v)}" for player, v in zip(players, values, strict=True))
