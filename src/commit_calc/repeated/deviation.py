"""The one-shot deviation check of an automaton, exactly and symbolically.

In every automaton state (reachable or not) and at every decision point of the stage game,
the action the automaton prescribes must be worth at least as much as every other action, the
rest of the period and the automaton's continuation kept. For a long-lived player an outcome
``z`` of state ``s`` is worth ``(1 - delta) u(z) + delta V(next(s, z))``, where the state
values ``V`` solve the linear system ``V = (1 - delta) r + delta T V``; for a short-lived
player it is worth the stage payoff ``u(z)`` (a stage best response). By the one-shot
deviation principle (discounting, bounded payoffs) these conditions in every state are
equivalent to subgame perfection; in the states reached from the initial state they are the
incentive conditions on the path of play, which a Nash equilibrium needs.

>>> from commit_calc.io import load_game
>>> from commit_calc.repeated.model import RepeatedGame
>>> from commit_calc.repeated.strategies import named_automaton
>>> game = RepeatedGame.over(load_game("prisoners-dilemma"))
>>> check = one_shot_check(game, named_automaton(game, "grim-trigger"))
>>> [str(i.gain) for i in check.incentives if i.state == "cooperate" and i.player == "Row"]
['-2*(2*discount - 1)']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import sympy

from commit_calc.errors import UnsupportedGameError
from commit_calc.repeated.automaton import Automaton
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.stage import OutcomeValue, Play, Stage

Values = Mapping[str, Mapping[str, sympy.Expr]]


@dataclass(frozen=True)
class Incentive:
    """One one-shot deviation: in ``state``, ``player`` plays ``deviation`` at ``where`` (a
    node, or the player for a table) instead of ``prescribed``. ``gain`` is the deviation's
    value minus the prescribed action's: the condition is ``gain <= 0``."""

    state: str
    player: str
    where: str
    prescribed: str
    deviation: str
    gain: sympy.Expr
    on_path: bool
    short_lived: bool


@dataclass(frozen=True)
class OneShotCheck:
    """The state values and every one-shot deviation's gain (formulas in the parameters not
    fixed in ``fixed``)."""

    game: RepeatedGame
    automaton: Automaton
    stage: Stage
    transitions: Mapping[str, tuple[str, ...]]
    values: Values
    incentives: tuple[Incentive, ...]
    on_path: tuple[str, ...]
    fixed: Mapping[str, sympy.Rational]

    @property
    def delta(self) -> sympy.Expr:
        return _substituted(self.game, self.game.delta, self.fixed)


def one_shot_check(game: RepeatedGame, automaton: Automaton,
                   fixed: Mapping[str, object] | None = None) -> OneShotCheck:
    """The one-shot deviation conditions of ``automaton`` in ``game``, with the parameters
    in ``fixed`` set to their values and the others symbolic (see the module docstring)."""
    checked = game.parameters.checked(fixed or {})
    stage_fixed = {n: v for n, v in checked.items() if n in game.stage_game.parameters}
    stage = Stage(game.stage_game.substitute(stage_fixed) if stage_fixed else game.stage_game)
    automaton.check(stage)
    transitions = automaton.transitions(stage)
    delta = _substituted(game, game.delta, checked)
    plays = {s: automaton.stage_play(stage, s) for s in automaton.states}
    weights = {s: stage.probabilities(plays[s]) for s in automaton.states}
    values = state_values(stage, automaton.states, transitions, weights, delta, game.long_lived)
    on_path = _reachable(automaton, transitions, weights)
    incentives = []
    for state in automaton.states:
        for k in range(len(stage.points)):
            incentives.extend(_point_incentives(game, stage, plays[state], k, state,
                                                _outcome_value(game, stage, values,
                                                               transitions[state], delta),
                                                state in on_path))
    return OneShotCheck(game, automaton, stage, transitions, values, tuple(incentives),
                        on_path, checked)


def state_values(stage: Stage, states: tuple[str, ...], transitions: Mapping[str, tuple[str, ...]],
                 weights: Mapping[str, tuple[sympy.Expr, ...]], delta: sympy.Expr,
                 players: tuple[str, ...]) -> dict[str, dict[str, sympy.Expr]]:
    """Each state's normalised value to each of ``players``: the solution of
    ``(I - delta T) V = (1 - delta) r``, exact (and symbolic in the free parameters)."""
    index = {state: k for k, state in enumerate(states)}
    n = len(states)
    move = sympy.zeros(n, n)
    for state in states:
        for z, weight in enumerate(weights[state]):
            if weight != 0:
                move[index[state], index[transitions[state][z]]] += weight
    system = sympy.eye(n) - delta * move
    values: dict[str, dict[str, sympy.Expr]] = {state: {} for state in states}
    for player in players:
        i = stage.players.index(player)
        rewards = sympy.Matrix([(1 - delta) * sympy.Add(*(
            w * stage.outcomes[z].payoffs[i] for z, w in enumerate(weights[s]) if w != 0))
            for s in states])
        if all(entry.is_Rational for entry in (*system, *rewards)):
            solution = _solve_rational(system, rewards)
        else:
            try:
                solution = list(system.LUsolve(rewards))
            except (ValueError, ZeroDivisionError):  # pragma: no cover - regular for delta < 1
                raise UnsupportedGameError("repeated game: the state values have no unique "
                                           "solution") from None
        for state in states:
            values[state][player] = sympy.factor(sympy.cancel(solution[index[state]]))
    return values


def _solve_rational(system: sympy.Matrix, rhs: sympy.Matrix) -> list[sympy.Expr]:
    """``system x = rhs`` for rational entries, by Gauss-Jordan elimination in Python's exact
    fractions (much faster than sympy's matrices). ``I - delta T`` with ``delta < 1`` and
    ``T`` stochastic is strictly diagonally dominant, so no pivot is zero."""
    n = system.rows
    rows = [[Fraction(int(system[r, c].p), int(system[r, c].q)) for c in range(n)]
            + [Fraction(int(rhs[r].p), int(rhs[r].q))] for r in range(n)]
    for column in range(n):
        pivot = rows[column][column]
        rows[column] = [entry / pivot for entry in rows[column]]
        for r in range(n):
            factor = rows[r][column]
            if r != column and factor:
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column])]
    return [sympy.Rational(int(row[n].numerator), int(row[n].denominator)) for row in rows]


def _outcome_value(game: RepeatedGame, stage: Stage, values: Values,
                   following: tuple[str, ...], delta: sympy.Expr) -> OutcomeValue:
    long_lived = set(game.long_lived)

    def value(z: int, i: int) -> sympy.Expr:
        player = stage.players[i]
        payoff = stage.outcomes[z].payoffs[i]
        if player not in long_lived:
            return payoff
        return (1 - delta) * payoff + delta * values[following[z]][player]

    return value


def _point_incentives(game: RepeatedGame, stage: Stage, play: Play, k: int, state: str,
                      value: OutcomeValue, on_path: bool) -> list[Incentive]:
    point = stage.points[k]
    worth = stage.action_values(play, k, value)
    reached = on_path and stage.reach(play, k) != 0
    short = game.lifetime(point.player) != "long"
    found = []
    for prescribed in play[k]:
        for action in point.actions:
            if action != prescribed:
                gain = sympy.factor(sympy.cancel(worth[action] - worth[prescribed]))
                found.append(Incentive(state, point.player, point.where, prescribed, action,
                                       gain, reached, short))
    return found


def _reachable(automaton: Automaton, transitions: Mapping[str, tuple[str, ...]],
               weights: Mapping[str, tuple[sympy.Expr, ...]]) -> tuple[str, ...]:
    seen = [automaton.initial]
    for state in seen:
        for z, weight in enumerate(weights[state]):
            following = transitions[state][z]
            if weight != 0 and following not in seen:
                seen.append(following)
    return tuple(s for s in automaton.states if s in seen)


def _substituted(game: RepeatedGame, expression: sympy.Expr,
                 fixed: Mapping[str, sympy.Rational]) -> sympy.Expr:
    mapping = {game.parameters[n].symbol: v for n, v in fixed.items()}
    return expression.xreplace(mapping) if mapping else expression


def written_out(check: OneShotCheck, incentive: Incentive) -> tuple[sympy.Expr, sympy.Expr]:
    """The values compared by ``incentive``, written with ``delta`` and the next states'
    values ``V(state)`` as symbols: ``(1 - delta)*(area_value - salary) + delta*V(cooperate)``
    for the prescribed action and for the deviation."""
    stage, automaton = check.stage, check.automaton
    delta = sympy.Symbol("delta")
    k = next(n for n, p in enumerate(stage.points)
             if p.player == incentive.player and p.where == incentive.where)
    following = check.transitions[incentive.state]
    long_lived = not incentive.short_lived

    def value(z: int, i: int) -> sympy.Expr:
        payoff = stage.outcomes[z].payoffs[i]
        if not long_lived:
            return payoff
        return (1 - delta) * payoff + delta * sympy.Symbol(f"V({following[z]})")

    play = automaton.stage_play(stage, incentive.state)
    worth = stage.action_values(play, k, value)
    return worth[incentive.prescribed], worth[incentive.deviation]
