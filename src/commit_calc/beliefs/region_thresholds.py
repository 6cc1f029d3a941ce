"""``thresholds --concept pbe --for NAME``: the boundaries of the regions where each pure
perfect Bayesian equilibrium exists (or survives a refinement), solved for one parameter,
and the conditions written with it isolated.

The boundaries are the keys of the regions' sign conditions (:mod:`commit_calc.analysis.atoms`)
that involve the parameter, other than the bounds of the parameters' domain; each is solved as
:func:`commit_calc.analysis.thresholds.thresholds` solves the boundaries of Nash regions, and
the results are the same records.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import sympy

from commit_calc.analysis.atoms import canonical, relational, requirement
from commit_calc.analysis.domain import domain_of
from commit_calc.analysis.feasibility import NONNEGATIVE
from commit_calc.analysis.thresholds import Threshold
from commit_calc.beliefs.regions import BeliefRegion, BeliefRegions, Condition, Term
from commit_calc.errors import ParameterError

_RELATION = {1: ">", 0: "==", -1: "<", NONNEGATIVE: ">="}


def symbolic_parameter(found: BeliefRegions, parameter: str) -> sympy.Symbol:
    """The symbol of ``parameter`` if it is kept symbolic; else a ParameterError naming
    ``--for`` and the symbolic parameters."""
    symbols = {str(s): s for p in found.game.parameters for s in [p.symbol]}
    if parameter not in symbols:
        fixed = f" (it is fixed at {found.fixed[parameter]})" if parameter in found.fixed else ""
        known = ", ".join(symbols) or "none"
        raise ParameterError(
            f"--for: '{parameter}' is not a symbolic parameter{fixed}; symbolic: {known}")
    return symbols[parameter]


def solved(condition: Condition, symbol: sympy.Symbol | None) -> sympy.Basic:
    """One condition as a sympy relation, solved for ``symbol`` where it is linear in it."""
    expression, sign = condition
    found = requirement(sympy.expand(expression), _RELATION[sign])
    if isinstance(found, bool):
        return sympy.true if found else sympy.false
    return relational(*found, solve_for=symbol)


def solved_condition(terms: tuple[Term, ...], symbol: sympy.Symbol | None) -> sympy.Basic:
    """A disjunction of conjunctions as one sympy expression, solved for ``symbol``."""
    return sympy.Or(*(sympy.And(*(solved(c, symbol) for c in term)) for term in terms))


def _terms(region: BeliefRegion) -> Iterator[Term]:
    yield from region.terms
    for terms in (region.refinements or {}).values():
        yield from terms


def region_thresholds(found: BeliefRegions, parameter: str,
                      values: Mapping[str, object] | None = None) -> list[Threshold]:
    """Every boundary of the regions (where an equilibrium exists or survives a refinement)
    that involves ``parameter``, solved for it; ``regions`` are the indices of the
    equilibria whose conditions use it. ``value`` is at the other symbolic parameters'
    ``values`` (their defaults unless given)."""
    symbol = symbolic_parameter(found, parameter)
    bounds = set(domain_of(found.game).conditions)
    given = found.game.parameters.checked(
        {k: v for k, v in (values or {}).items() if k not in found.fixed})
    point = {p.symbol: given.get(p.name, p.default) for p in found.game.parameters}
    keys: dict[sympy.Expr, list[int]] = {}
    for index, region in enumerate(found.regions):
        for term in _terms(region):
            for expression, _ in term:
                key = canonical(sympy.expand(expression))
                if isinstance(key, tuple) and symbol in key[0].free_symbols \
                        and key[0] not in bounds:
                    users = keys.setdefault(key[0], [])
                    if index not in users:
                        users.append(index)
    thresholds = []
    for key, users in keys.items():
        poly = sympy.Poly(key, symbol)
        if poly.degree() == 1:
            coefficient = poly.coeffs()[0]
            roots = [sympy.factor(-(key - coefficient * symbol) / coefficient)]
            increasing = (True if coefficient.is_positive else
                          False if coefficient.is_negative else None)
        else:
            coefficient = sympy.diff(key, symbol)
            roots = [r for r in sympy.solve(key, symbol) if r.is_real is not False]
            increasing = None
        for root in roots:
            at = sympy.simplify(root.xreplace({s: v for s, v in point.items() if s != symbol}))
            thresholds.append(Threshold(parameter, key, root, coefficient,
                                        at if at.is_Rational else None, increasing,
                                        tuple(users)))
    return thresholds
