"""Whether a promise is credible at given values, the temptation to break it, and what binding
it would be worth to each player.

A promise is **credible** when some subgame-perfect equilibrium keeps it at every information
set where it applies, on the path of play and off it (Fearon 1995; Walter 1997). Where none
does, the report takes the equilibrium that breaks it at the fewest information sets and says,
at each of them, the player's best alternative and the **temptation**: how much more the
alternative pays than the promised action, given how everyone plays afterwards. The **value of
commitment** is each player's payoff in the game where the promise binds (its other actions
removed, :mod:`.binding`) minus its equilibrium payoff now.

>>> from commit_calc.io import load_game
>>> from commit_calc.credibility.promise import parse_promises
>>> game = load_game("disarm-trust")
>>> report = assess(game, parse_promises(game, ["Regime=Honor"]))
>>> report.credible, report.violations[0].temptation, report.violations[0].formula
(False, 450, -patrol_cost + renege_gain + salary)
>>> report.value_of_commitment
{'Rebels': 650, 'Regime': 350}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.analysis.continuation import continuation_value, moves_of, others_reach
from commit_calc.credibility.binding import bound_by
from commit_calc.credibility.promise import Promise
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.solvers.results import Equilibrium, SolveResult


@dataclass(frozen=True)
class Violation:
    """Where the equilibrium breaks a promise: the information set (a node's name when it has
    one node), the mover, the promised action, the best alternative, and the temptation (exact
    at the values; ``formula`` in the parameters, where the regions give one). ``temptation``
    is None where the equilibrium never reaches the information set, whose value then depends
    on beliefs."""

    where: str
    player: str
    promised: str
    alternative: str
    temptation: sympy.Rational | None
    formula: sympy.Expr | None


@dataclass(frozen=True)
class Credibility:
    """The credibility report of ``promises`` in ``game`` at ``values`` (every parameter)."""

    game: ExtensiveFormGame
    promises: tuple[Promise, ...]
    values: dict[str, sympy.Rational]
    concept: str
    credible: bool
    equilibrium: Equilibrium
    violations: tuple[Violation, ...]
    payoffs: dict[str, sympy.Rational]
    committed: dict[str, sympy.Rational]
    payoff_formulas: dict[str, sympy.Expr] | None
    committed_formulas: dict[str, sympy.Expr] | None
    warnings: tuple[str, ...] = ()

    @property
    def value_of_commitment(self) -> dict[str, sympy.Rational]:
        """Each player's payoff with the promise binding minus its equilibrium payoff now."""
        return {p: self.committed[p] - self.payoffs[p] for p in self.game.players}

    @property
    def value_formulas(self) -> dict[str, sympy.Expr] | None:
        """The value of commitment as formulas (valid in the regions holding the point)."""
        if self.payoff_formulas is None or self.committed_formulas is None:
            return None
        return {p: sympy.expand(self.committed_formulas[p] - self.payoff_formulas[p])
                for p in self.game.players}


def assess(game: ExtensiveFormGame, promises: Sequence[Promise],
           values: Mapping[str, object] | None = None) -> Credibility:
    """The credibility report at ``values`` (defaults for parameters not given).

    Raises :class:`UnsupportedGameError` for a normal-form game (a promise is a move in a
    tree; see ``solve --concept stackelberg`` for commitment in a table), and what
    :func:`commit_calc.solvers.solve.solve` raises.
    """
    from commit_calc.solvers.solve import solve

    if not isinstance(game, ExtensiveFormGame):
        raise UnsupportedGameError(
            "credibility: a promise is an action in a game tree; for commitment in a table "
            "use solve --concept stackelberg")
    point = game.parameters.values(values)
    numeric = game.at(point)
    promised = {label: action for p in promises for label, action in p.choices}
    result = solve(numeric, concept="spe")
    broken = [broken_promises(numeric, e, promised) for e in result.equilibria]
    best = min(range(len(broken)), key=lambda k: len(broken[k]))
    chosen = result.equilibria[best]
    warnings = list(result.warnings)
    formulas = _formulas(game, point, chosen, warnings)
    violations = tuple(
        _violation(numeric, game, chosen, formulas, label, promised[label])
        for label in broken[best])
    bound = bound_by(numeric, promises)
    committed = solve(bound, concept="spe")
    warnings.extend(payoff_warnings(result, committed))
    committed_formulas = _formulas(bound_by(game, promises), point, committed.equilibria[0],
                                   warnings)
    return Credibility(
        game, tuple(promises), point, "spe", not broken[best], chosen, violations,
        dict(zip(game.players, map(sympy.Rational, chosen.payoffs))),
        dict(zip(game.players, map(sympy.Rational, committed.equilibria[0].payoffs))),
        None if formulas is None else behaviour_payoffs(game, formulas),
        None if committed_formulas is None else behaviour_payoffs(bound_by(game, promises),
                                                                 committed_formulas),
        tuple(dict.fromkeys(warnings)))


def payoff_warnings(result: SolveResult, committed: SolveResult) -> list[str]:
    """What the report says when the game, or the game with the promise binding, has
    equilibria with different payoffs (it takes one of them)."""
    warnings = []
    if len({e.payoffs for e in committed.equilibria}) > 1:
        warnings.append("the game with the promise binding has equilibria with different "
                        "payoffs; the value of commitment is taken against the first")
    if len({e.payoffs for e in result.equilibria}) > 1:
        warnings.append("the game has equilibria with different payoffs; the report takes the "
                        "one that keeps the promise at the most information sets")
    return warnings


def broken_promises(game: ExtensiveFormGame, equilibrium: Equilibrium, promised: Mapping[str, str]
                    ) -> list[str]:
    """The promised information sets where the equilibrium does not play the promise."""
    found = []
    for infoset, distribution in zip(game.infosets, equilibrium.profile.probabilities):
        if infoset.label in promised and distribution[
                infoset.actions.index(promised[infoset.label])] != 1:
            found.append(infoset.label)
    return found


def _formulas(game: ExtensiveFormGame, point: Mapping[str, sympy.Rational],
              equilibrium: Equilibrium, warnings: list[str]
              ) -> tuple[tuple[sympy.Expr, ...], ...] | None:
    """The equilibrium's behaviour as formulas in every parameter: its own numbers where it
    is pure (its choices do not move with the parameters), else from the exact region holding
    the point (None, with a warning, where the game has no exact regions)."""
    from commit_calc.analysis.region_grid import regions_of

    pure = all(x in (0, 1) for d in equilibrium.profile.probabilities for x in d)
    if pure or not game.parameters.items:  # the same choices wherever it stays an equilibrium
        return tuple(tuple(sympy.Rational(x) for x in d)
                     for d in equilibrium.profile.probabilities)
    try:
        region = regions_of(game, {}, "auto").region_at(point)
    except UnsupportedGameError as error:
        warnings.append(f"no formulas: {error}")
        return None
    mapping = {game.parameters[n].symbol: v for n, v in point.items()}
    numbers = tuple(tuple(d) for d in equilibrium.profile.probabilities)
    for candidate in region.equilibria:
        evaluated = tuple(tuple(sympy.sympify(x).xreplace(mapping) for x in d)
                          for d in candidate.distributions)
        if evaluated == numbers:
            return candidate.distributions
    warnings.append("no formulas: the equilibrium is not among its region's (a bug)")
    return None


def behaviour_payoffs(game: ExtensiveFormGame, behaviour: Sequence[Sequence[sympy.Expr]]
                      ) -> dict[str, sympy.Expr]:
    """Each player's expected payoff from the root under ``behaviour``, as a formula."""
    moves = moves_of(game, behaviour)
    return {p: sympy.expand(continuation_value(game, moves, 0, k))
            for k, p in enumerate(game.players)}


def _violation(numeric: ExtensiveFormGame, game: ExtensiveFormGame, equilibrium: Equilibrium,
               formulas: Sequence[Sequence[sympy.Expr]] | None, label: str, promised: str
               ) -> Violation:
    """The best alternative to the promise at ``label`` and the temptation, exact and as a
    formula."""
    infoset = numeric.infoset(label)
    values = action_values(numeric, equilibrium.profile.probabilities, label)
    options = [k for k, a in enumerate(infoset.actions) if a != promised]
    where = label if len(infoset.members) > 1 else numeric.nodes[infoset.members[0]].name
    if values is None:
        chosen = max(options, key=lambda k: equilibrium.profile.probabilities[
            numeric.infoset_index(label)][k])
        return Violation(where, infoset.player, promised, infoset.actions[chosen], None, None)
    alternative = max(options, key=lambda k: values[k])  # the first best on ties
    own = infoset.actions.index(promised)
    formula = None
    if formulas is not None:
        symbolic = action_values(game, formulas, label)
        if symbolic is not None:
            formula = sympy.expand(sympy.cancel(symbolic[alternative] - symbolic[own]))
    return Violation(where, infoset.player, promised, infoset.actions[alternative],
                     sympy.Rational(values[alternative] - values[own]), formula)


def action_values(game: ExtensiveFormGame, behaviour: Sequence[Sequence[sympy.Expr]],
                  label: str) -> list[sympy.Expr] | None:
    """The mover's value of each action at information set ``label``: at a single node, given
    the play below it (reached or not, as subgame perfection asks); at several, the nodes
    weighted by how likely chance and the others make them, None where they make every node
    impossible (the value then depends on beliefs)."""
    infoset = game.infoset(label)
    player = game.players.index(infoset.player)
    moves = moves_of(game, behaviour)
    weights = [others_reach(game, moves, m, infoset.player) for m in infoset.members]
    if len(weights) == 1:
        weights = [sympy.S.One]
    total = sympy.cancel(sum(weights, sympy.S.Zero))
    if total == 0:
        return None
    return [sympy.cancel(sum((w * continuation_value(game, moves, game.nodes[m].children[a],
                                                     player)
                              for w, m in zip(weights, infoset.members)), sympy.S.Zero) / total)
            for a in range(len(infoset.actions))]
