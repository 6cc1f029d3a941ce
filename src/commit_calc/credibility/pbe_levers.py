"""What would make a promise credible under perfect Bayesian equilibrium: a threshold per
parameter, and the whole region.

The exact regions of the pure perfect Bayesian equilibria
(:func:`commit_calc.beliefs.regions.pbe_regions`: for each pure behaviour profile, a
disjunction of conjunctions of polynomial sign conditions) say where each profile is an
equilibrium. The promise is credible where some profile that keeps it is one, so the region
is the disjunction of the conditions of those profiles. Along one parameter (the others at
their values, its bounds lifted so that a threshold outside them is still found and reported
as such) the conditions change only at the real roots of their polynomials: each root is
decided exactly and one rational point between neighbouring roots decides the open stretch,
as for subgame perfection (:mod:`.levers`, whose thresholds and texts these are).

>>> from commit_calc.io import load_game
>>> from commit_calc.credibility.promise import parse_promises
>>> game = load_game("costly-implementation")
>>> promises = parse_promises(game, ["committed=Implement", "opportunistic=No step"])
>>> found = {lever.parameter: lever.text for lever in pbe_levers(game, promises)}
>>> found["signal_cost_committed"], found["signal_cost_opportunistic"]
('signal_cost_committed <= 350', 'signal_cost_opportunistic >= 800')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy

from commit_calc.analysis.along import Stretch, cut_line, exact_sign, point_between
from commit_calc.analysis.domain import domain_of
from commit_calc.analysis.feasibility import NONNEGATIVE
from commit_calc.beliefs.regions import BeliefRegion, BeliefRegions, Term, pbe_regions
from commit_calc.credibility.levers import Lever, lever_along, with_bounds_lifted
from commit_calc.credibility.promise import Promise
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.parameters import Parameter


def pbe_levers(game: ExtensiveFormGame, promises: Sequence[Promise],
               values: Mapping[str, object] | None = None) -> tuple[Lever, ...]:
    """One :class:`~.levers.Lever` per parameter of ``game``, the others at ``values`` (or
    their defaults): where along it some pure perfect Bayesian equilibrium keeps every
    promise.

    Raises :class:`UnsupportedGameError` where the game has no exact belief regions.
    """
    point = game.parameters.values(values)
    found = []
    for parameter in game.parameters:
        others = {n: v for n, v in point.items() if n != parameter.name}
        free = with_bounds_lifted(game, parameter.name)
        symbol = free.parameters[parameter.name].symbol
        regions = pbe_regions(free, others, refinements=False)
        found.append(_lever(regions, symbol, promises, parameter))
    return tuple(found)


def pbe_credible_region(game: ExtensiveFormGame, promises: Sequence[Promise],
                        fixed: Mapping[str, object] | None = None
                        ) -> tuple[sympy.Basic, bool]:
    """The exact condition under which some pure perfect Bayesian equilibrium keeps every
    promise, the parameters not ``fixed`` symbolic, and whether it is resolved (every part
    proved non-empty)."""
    analysis = pbe_regions(game, fixed or {}, refinements=False)
    kept = [r for r in analysis.regions if keeps_all(r, promises)]
    terms = _pruned([t for r in kept for t in r.terms])
    condition = sympy.Or(*(sympy.And(*(_relational(*c) for c in t)) for t in terms))
    return condition, all(r.resolved for r in kept)


def keeps_all(region: BeliefRegion, promises: Sequence[Promise]) -> bool:
    """Whether the region's profile plays every promised action."""
    return all(region.choices.get(label) == action
               for p in promises for label, action in p.choices)


def _relational(expression: sympy.Expr, sign: int) -> sympy.Basic:
    """``expression SIGN 0`` with its constant on the right and a positive first term:
    ``signal_cost_committed <= 350`` rather than ``350 - signal_cost_committed >= 0``."""
    constant = expression.as_coeff_Add()[0] if expression.is_Add else sympy.S.Zero
    left, right = expression - constant, -constant
    relation = {NONNEGATIVE: sympy.Ge, 1: sympy.Gt, 0: sympy.Eq, -1: sympy.Lt}[sign]
    if left.as_ordered_terms()[0].as_coeff_Mul()[0] < 0:
        left, right = -left, -right
        relation = {sympy.Ge: sympy.Le, sympy.Gt: sympy.Lt, sympy.Eq: sympy.Eq,
                    sympy.Lt: sympy.Gt}[relation]
    return relation(left, right)


def _pruned(terms: Sequence[Term]) -> list[Term]:
    """The conjunctions once each, those implied by another (a superset of its conditions)
    left out."""
    unique = list(dict.fromkeys(terms))
    return [t for t in unique if not any(set(o) < set(t) for o in unique)]


def _lever(analysis: BeliefRegions, symbol: sympy.Symbol, promises: Sequence[Promise],
           parameter: Parameter) -> Lever:
    terms = _pruned([t for r in analysis.regions if keeps_all(r, promises) for t in r.terms])
    domain = domain_of(analysis.game).conditions
    keys = {e for t in terms for e, _ in t} | set(domain)
    bounds = [b for b in (parameter.lower, parameter.upper) if b is not None]
    line = [Stretch(low, high, None) for low, high in cut_line(keys, symbol, bounds)]
    verdicts: list[bool | None] = []
    for stretch in line:
        at = stretch.low if stretch.is_point else point_between(stretch.low, stretch.high)
        inside = all(exact_sign(k.xreplace({symbol: at})) in allowed
                     for k, allowed in domain.items())
        verdicts.append(None if not inside else any(_holds(t, symbol, at) for t in terms))
    return lever_along(parameter, line, verdicts)


def _holds(term: Term, symbol: sympy.Symbol, at: sympy.Expr) -> bool:
    """Whether every sign condition of ``term`` holds at ``symbol = at`` (exactly)."""
    for expression, sign in term:
        found = exact_sign(sympy.expand(expression.xreplace({symbol: at})))
        if not (found >= 0 if sign == NONNEGATIVE else found == sign):
            return False
    return True


__all__ = ["keeps_all", "pbe_credible_region", "pbe_levers"]
