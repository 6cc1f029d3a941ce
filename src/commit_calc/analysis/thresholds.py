"""Thresholds (a region boundary solved for one parameter) and comparative statics.

>>> from commit_calc.io import load_game
>>> from commit_calc.analysis.regions import parameter_regions
>>> game = load_game("enforcer-reliability")
>>> analysis = parameter_regions(game, {"salary": 250})
>>> found = thresholds(analysis, "reliability")
>>> print(found[0].formula)  # doctest: +NORMALIZE_WHITESPACE
(conscription_cost + exile_payoff + retribution_cost)/(amnesty + conscription_cost +
    retribution_cost + territorial + 250)
>>> found[0].value
20/33
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.analysis.atoms import canonical, sign_of
from commit_calc.analysis.candidates import Feasibility, Term
from commit_calc.analysis.regions import RegionAnalysis
from commit_calc.errors import ParameterError

_SIGN_TEXT = {
    frozenset({1}): "+", frozenset({-1}): "-", frozenset({0}): "0",
    frozenset({1, 0}): ">= 0", frozenset({-1, 0}): "<= 0",
}


@dataclass(frozen=True)
class Threshold:
    """A region boundary ``key = 0`` solved for ``parameter``: ``parameter = formula``.

    ``value`` is the formula at the other parameters' values (the defaults unless given), or
    ``None`` where it is undefined there. The formula holds where ``coefficient`` (the
    parameter's coefficient in the boundary) is non-zero; ``increasing`` tells whether the
    boundary polynomial grows with the parameter (``None`` if its sign is not determined),
    so the regions with the key positive lie above the threshold when it is True.
    ``regions`` are the indices of the regions whose conditions use this boundary.
    """

    parameter: str
    key: sympy.Expr
    formula: sympy.Expr
    coefficient: sympy.Expr
    value: sympy.Rational | None
    increasing: bool | None
    regions: tuple[int, ...]


@dataclass(frozen=True)
class Sensitivity:
    """The sign of ``d quantity / d parameter``: ``+``, ``-``, ``0``, ``>= 0``, ``<= 0`` or
    ``?`` (not determined: it changes sign, or could not be decided)."""

    quantity: str
    parameter: str
    sign: str


def thresholds(
    analysis: RegionAnalysis, parameter: str, values: Mapping[str, object] | None = None
) -> list[Threshold]:
    """Every boundary of the regions that involves ``parameter``, solved for it.

    Raises :class:`ParameterError` if ``parameter`` is not one of the symbolic parameters.
    """
    symbols = analysis.symbols
    if parameter not in symbols:
        fixed = f" (it is fixed at {analysis.fixed[parameter]})" if parameter in analysis.fixed \
            else ""
        known = ", ".join(symbols) or "none"
        raise ParameterError(
            f"--for: '{parameter}' is not a symbolic parameter{fixed}; symbolic: {known}"
        )
    symbol = symbols[parameter]
    given = analysis.game.parameters.checked(
        {k: v for k, v in (values or {}).items() if k in symbols})
    point = {p.symbol: given.get(p.name, p.default) for p in analysis.game.parameters}
    defined = all(v is not None for v in point.values())
    feasible = Feasibility(analysis.domain)
    found = []
    for key in analysis.keys:
        if symbol not in key.free_symbols or key in analysis.domain.conditions:
            continue
        regions = tuple(i for i, r in enumerate(analysis.regions)
                        if any(key in term for term in r.terms))
        poly = sympy.Poly(key, symbol)
        if poly.degree() == 1:
            coefficient = poly.coeffs()[0]
            rest = key - coefficient * symbol
            roots = [sympy.factor(-rest / coefficient)]
            signs = _possible(coefficient, {}, feasible)
            increasing = True if signs <= {1} else (False if signs <= {-1} else None)
        else:
            coefficient = sympy.diff(key, symbol)
            roots = [r for r in sympy.solve(key, symbol) if r.is_real is not False]
            increasing = None
        for root in roots:
            value = None
            if defined:
                at = root.xreplace({s: v for s, v in point.items() if s != symbol})
                at = sympy.simplify(at)
                value = at if at.is_Rational else None
            found.append(Threshold(parameter, key, root, coefficient, value, increasing,
                                   regions))
    return found


def comparative_statics(
    analysis: RegionAnalysis, found: Sequence[Threshold] = ()
) -> list[Sensitivity]:
    """Signs of the derivatives of each threshold and of each equilibrium payoff (within its
    region) with respect to each symbolic parameter it depends on.

    Payoffs are differentiated in the full-dimensional regions only: a tie region (an
    equality) is left by any small change of most parameters.
    """
    feasible = Feasibility(analysis.domain)
    symbols = analysis.symbols
    results = []
    for threshold in found:
        for name, symbol in symbols.items():
            if symbol in threshold.formula.free_symbols and name != threshold.parameter:
                derivative = sympy.diff(threshold.formula, symbol)
                results.append(Sensitivity(
                    f"threshold {threshold.parameter} = {threshold.formula}", name,
                    _text(_possible(derivative, {}, feasible)),
                ))
    for number, region in enumerate(analysis.regions):
        if all(frozenset({0}) in term.values() for term in region.terms):
            continue
        for equilibrium in region.equilibria:
            for player, payoff in equilibrium.payoffs.items():
                for name, symbol in symbols.items():
                    if symbol not in payoff.free_symbols:
                        continue
                    derivative = sympy.diff(payoff, symbol)
                    signs: set[int] = set()
                    for term in region.terms:
                        signs |= _possible(derivative, term, feasible)
                    results.append(Sensitivity(
                        f"payoff of {player} in region {number + 1} ({equilibrium.outcome})",
                        name, _text(signs),
                    ))
    return results


def _possible(expression: sympy.Expr, context: Term, feasible: Feasibility) -> set[int]:
    """The signs ``expression`` can take where ``context`` holds (all three if undecided)."""
    numerator, denominator = sympy.fraction(sympy.together(expression))
    # the derivative is undefined where the denominator vanishes: a sign known elsewhere
    # (a square, a sum of non-negative parameters) is enough
    if not denominator.free_symbols:
        outer = sign_of(denominator)
    elif denominator.is_nonnegative:
        outer = 1
    elif denominator.is_nonpositive:
        outer = -1
    else:
        return {1, 0, -1}
    found = canonical(sympy.expand(numerator))
    if isinstance(found, int):
        return {found * outer}
    key, sign = found
    possible = set()
    for s in (1, 0, -1):
        if key in context and s not in context[key]:
            continue
        if feasible({**context, key: frozenset({s})}) is not False:
            possible.add(s * sign * outer)
    return possible


def _text(signs: set[int]) -> str:
    return _SIGN_TEXT.get(frozenset(signs), "?")
