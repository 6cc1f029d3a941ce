"""Promises in games with beliefs: credible under perfect Bayesian equilibrium.

With private information (a regime that is committed or opportunistic), a player who moves
at an information set of several nodes weighs them by its beliefs. The promise is
**credible** when some perfect Bayesian equilibrium (:mod:`commit_calc.beliefs.pbe`: pure
behaviour, beliefs by Bayes' rule where it applies and any supporting belief elsewhere) keeps
it at every information set where it applies. Where none does, the report takes the
equilibrium that breaks it at the fewest information sets; at each, the **temptation** is the
best alternative's value minus the promise's, the nodes weighted by the equilibrium's beliefs:
on the path these are Bayes' rule (chance and the others' moves), so the temptation is also a
formula in the parameters; off the path it is taken at the equilibrium's example belief. The
value of commitment compares the game with the promise binding, solved the same way.

>>> from commit_calc.io import load_game
>>> from commit_calc.credibility.promise import parse_promises
>>> game = load_game("reputation-two-cohorts")
>>> report = assess_pbe(game, parse_promises(game, ["regime1_opportunistic=Honor"]))
>>> report.credible, report.concept  # honouring the first cohort builds a reputation
(True, 'pbe')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import sympy

from commit_calc.analysis.continuation import continuation_value, moves_of
from commit_calc.credibility.binding import bound_by
from commit_calc.credibility.promise import Promise
from commit_calc.credibility.verdict import (
    Credibility,
    Violation,
    action_values,
    behaviour_payoffs,
    broken_promises,
    payoff_warnings,
)
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.solvers.results import Equilibrium, SolveResult


def assess_pbe(game: ExtensiveFormGame, promises: Sequence[Promise],
               values: Mapping[str, object] | None = None) -> Credibility:
    """The credibility report under perfect Bayesian equilibrium at ``values`` (defaults
    for parameters not given).

    Raises :class:`UnsupportedGameError` where the game (or the game with the promise
    binding) has no pure perfect Bayesian equilibrium, and what
    :func:`commit_calc.beliefs.pbe.perfect_bayesian_equilibria` raises.
    """
    point = game.parameters.values(values)
    numeric = game.at(point)
    promised = {label: action for p in promises for label, action in p.choices}
    result = _equilibria(numeric, "the game")
    broken = [broken_promises(numeric, e, promised) for e in result.equilibria]
    best = min(range(len(broken)), key=lambda k: len(broken[k]))
    chosen = result.equilibria[best]
    warnings = list(result.warnings)
    behaviour = _exact(chosen)
    violations = tuple(_violation(numeric, game, chosen, behaviour, label, promised[label])
                       for label in broken[best])
    bound = bound_by(numeric, promises)
    committed = _equilibria(bound, "the game with the promise binding")
    warnings.extend(payoff_warnings(result, committed))
    first = committed.equilibria[0]
    return Credibility(
        game, tuple(promises), point, "pbe", not broken[best], chosen, violations,
        dict(zip(game.players, map(sympy.Rational, chosen.payoffs))),
        dict(zip(game.players, map(sympy.Rational, first.payoffs))),
        behaviour_payoffs(game, behaviour),
        behaviour_payoffs(bound_by(game, promises), _exact(first)),
        tuple(dict.fromkeys(warnings)))


def _equilibria(game: ExtensiveFormGame, what: str) -> SolveResult:
    from commit_calc.beliefs.pbe import perfect_bayesian_equilibria

    result = perfect_bayesian_equilibria(game)
    if not result.equilibria:
        raise UnsupportedGameError(
            f"credibility --concept pbe: {what} has no perfect Bayesian equilibrium in pure "
            "behaviour (the only kind searched)")
    return result


def _exact(equilibrium: Equilibrium) -> tuple[tuple[sympy.Expr, ...], ...]:
    """A pure equilibrium's behaviour as sympy numbers: the same choices in the symbolic
    game, so its payoffs there are formulas valid wherever it stays an equilibrium."""
    return tuple(tuple(sympy.Rational(x) for x in d) for d in equilibrium.profile.probabilities)


def _violation(numeric: ExtensiveFormGame, game: ExtensiveFormGame, equilibrium: Equilibrium,
               behaviour: Sequence[Sequence[sympy.Expr]], label: str, promised: str
               ) -> Violation:
    """The best alternative to the promise at ``label`` given the beliefs, and the
    temptation: exact, and as a formula where the set is reached (Bayes' rule)."""
    infoset = numeric.infoset(label)
    where = label if len(infoset.members) > 1 else numeric.nodes[infoset.members[0]].name
    values = action_values(numeric, behaviour, label)
    formula = None
    if values is not None:
        symbolic = action_values(game, behaviour, label)
    else:  # off the path: the equilibrium's belief there
        values = _believed_values(numeric, behaviour, equilibrium, label)
        symbolic = None
    own = infoset.actions.index(promised)
    options = [k for k, a in enumerate(infoset.actions) if a != promised]
    alternative = max(options, key=lambda k: values[k])
    if symbolic is not None:
        formula = sympy.expand(sympy.cancel(symbolic[alternative] - symbolic[own]))
    return Violation(where, infoset.player, promised, infoset.actions[alternative],
                     sympy.Rational(values[alternative] - values[own]), formula)


def _believed_values(game: ExtensiveFormGame, behaviour: Sequence[Sequence[sympy.Expr]],
                     equilibrium: Equilibrium, label: str) -> list[sympy.Expr]:
    """The mover's value of each action at ``label``, its nodes weighted by the belief the
    equilibrium's assessment holds there."""
    infoset = game.infoset(label)
    player = game.players.index(infoset.player)
    assessment = getattr(equilibrium, "assessment", None)
    belief: Sequence[Fraction] = (assessment.beliefs[game.infoset_index(label)]
                                  if assessment is not None else
                                  [Fraction(1, len(infoset.members))] * len(infoset.members))
    moves = moves_of(game, behaviour)
    return [sympy.Add(*(sympy.Rational(int(b.numerator), int(b.denominator))
                        * continuation_value(game, moves, game.nodes[m].children[a], player)
                        for b, m in zip(belief, infoset.members)))
            for a in range(len(infoset.actions))]


__all__ = ["assess_pbe"]
