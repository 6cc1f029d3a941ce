"""Comparisons of formulas whose denominators keep one sign only within a case.

The payoffs of a mixed equilibrium are fractions such as ``-t**2/(2*t - 1)``: the sign of
the denominator is unknown in general (:func:`.atoms.requirement` refuses such a comparison)
but fixed within the conditions under which the equilibrium exists. :func:`requirement_within`
decides that sign within a case, and compares the numerator instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from commit_calc.analysis.atoms import Requirement, Signs, conjunction, requirement
from commit_calc.errors import UnsupportedGameError

Term = dict[sympy.Expr, Signs]
_FLIPPED = {">": "<", ">=": "<=", "==": "==", "<": ">", "<=": ">="}


def requirement_within(expression: sympy.Expr, relation: str, term: Mapping[sympy.Expr, Signs],
                       feasible: Callable[[Term], bool | None]) -> Requirement | bool:
    """``expression RELATION 0`` within ``term`` (a conjunction), as :func:`.atoms.requirement`.

    Where the denominator may have either sign in general, its sign within ``term`` is decided
    by ``feasible``; refused (:class:`UnsupportedGameError`) if it may be zero or change sign
    there.

    >>> t = sympy.Symbol("t")
    >>> unknown = lambda term: None  # no satisfiability check: only contradictions count
    >>> requirement_within(t / (1 - t) + 2, ">", {t - 1: frozenset({1})}, unknown)
    (t - 2, frozenset({1}))
    >>> requirement_within(t / (1 - t) + 2, ">", {t - 1: frozenset({-1})}, unknown)
    (t - 2, frozenset({-1}))
    """
    try:
        return requirement(expression, relation)
    except UnsupportedGameError:
        pass
    numerator, denominator = sympy.fraction(sympy.cancel(expression))
    signs = [s for s in (1, -1) if _possible(denominator, s, term, feasible)]
    if len(signs) != 1 or _possible(denominator, 0, term, feasible):
        raise UnsupportedGameError(
            f"symbolic analysis: cannot tell the sign of the denominator {denominator} in "
            f"{expression} within this case")
    return requirement(numerator, relation if signs[0] > 0 else _FLIPPED[relation])


def _possible(polynomial: sympy.Expr, sign: int, term: Mapping[sympy.Expr, Signs],
              feasible: Callable[[Term], bool | None]) -> bool:
    relation = {1: ">", 0: "==", -1: "<"}[sign]
    joined = conjunction([*term.items(), requirement(polynomial, relation)])
    return joined is not None and feasible(joined) is not False
