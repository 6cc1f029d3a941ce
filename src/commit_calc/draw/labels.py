"""Text shown on drawings: payoff vectors and probabilities, exact and short.

A short payoff vector is one line, ``(650, 750)``. A long one (formulas of the parameters,
long fractions, many players) is stacked one player a line, ``Rebels: salary + amnesty``, and
each line is broken after a ``+`` or ``-`` so that no label grows wider than
:data:`MAX_LINE` characters: the drawings of the catalog games keep their leaves apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from commit_calc.render.numbers import exact_text

#: A payoff vector longer than this is stacked one player a line.
MAX_SINGLE_LINE = 24
#: Longer lines are broken at a ``+`` or ``-`` between terms.
MAX_LINE = 30


def number_text(value: sympy.Expr) -> str:
    """Exact and compact: ``3/4``, ``-1000``; a formula stays a formula (game-file syntax).

    >>> number_text(sympy.Rational(3, 4)), number_text(sympy.Integer(-5))
    ('3/4', '-5')
    >>> number_text(sympy.Symbol("salary") * 12)
    '12*salary'
    """
    return exact_text(value)


def payoff_text(payoffs: Sequence[sympy.Expr]) -> str:
    """``(650, 750)``."""
    return "(" + ", ".join(number_text(p) for p in payoffs) + ")"


def payoff_lines(payoffs: Sequence[sympy.Expr], players: Sequence[str]) -> list[str]:
    """The payoff label as lines: one line when short, else one player a line, wrapped.

    >>> payoff_lines([sympy.Integer(650), sympy.Integer(750)], ["Rebels", "Regime"])
    ['(650, 750)']
    >>> a, b, c = sympy.symbols("amnesty salary territorial")
    >>> payoff_lines([a + b + c, 1000 - b], ["Rebels", "Regime"])
    ['Rebels: amnesty + salary', '  + territorial', 'Regime: 1000 - salary']
    """
    single = payoff_text(payoffs)
    if len(single) <= MAX_SINGLE_LINE:
        return [single]
    lines: list[str] = []
    for player, value in zip(players, payoffs, strict=True):
        lines += _wrapped(f"{player}: {number_text(value)}")
    return lines


def _wrapped(text: str) -> list[str]:
    """Break ``text`` before `` + `` / `` - `` so lines stay within :data:`MAX_LINE`."""
    lines: list[str] = []
    current = ""
    for piece in _terms(text):
        if current and len(current) + len(piece) > MAX_LINE:
            lines.append(current)
            current = "  " + piece.lstrip()
        else:
            current += piece
    lines.append(current)
    return lines


def _terms(text: str) -> list[str]:
    """``"a + b - c"`` -> ``["a", " + b", " - c"]`` (only at the top level of parentheses)."""
    pieces: list[str] = []
    depth = 0
    start = 0
    for position, character in enumerate(text):
        depth += character == "("
        depth -= character == ")"
        spaced = text[position - 1: position] == " " == text[position + 1: position + 2]
        if depth == 0 and position > start and character in "+-" and spaced:
            pieces.append(text[start: position - 1])
            start = position - 1
    pieces.append(text[start:])
    return pieces


def probability_text(value: sympy.Expr) -> str:
    """A behaviour probability on an edge: empty for 0 and 1, else ``[1/3]``.

    >>> probability_text(sympy.Rational(1, 3)), probability_text(sympy.Integer(1))
    ('[1/3]', '')
    """
    if value == 0 or value == 1:
        return ""
    return f"[{number_text(value)}]"
