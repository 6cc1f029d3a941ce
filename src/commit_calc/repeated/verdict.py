"""The one-shot deviation check at given parameter values: yes or no, each state's values,
the most profitable deviation, and an exact Nash test.

Subgame perfection is decided by the one-shot conditions in every state. Nash equilibrium is
decided exactly by each long-lived player's best response to the others' automaton, a finite
Markov decision problem over the automaton's states solved by policy iteration in exact
arithmetic: the profile is a Nash equilibrium iff no long-lived player's best response does
better from the initial state and every short-lived cohort on the path best-responds.

>>> from commit_calc.io import load_game
>>> from commit_calc.repeated.deviation import one_shot_check
>>> from commit_calc.repeated.model import RepeatedGame
>>> from commit_calc.repeated.strategies import named_automaton
>>> game = RepeatedGame.over(load_game("prisoners-dilemma"))
>>> check = one_shot_check(game, named_automaton(game, "tit-for-tat"))
>>> result = verdict(check, game.check_values({"discount": "3/5"}))
>>> result.subgame_perfect, result.nash, result.best_gain
(False, False, 7/8)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from commit_calc.repeated.deviation import Incentive, OneShotCheck, state_values
from commit_calc.repeated.stage import Play, Stage

#: Policy iteration stops after this many rounds (it needs far fewer: each round improves).
MAX_ROUNDS = 1000


@dataclass(frozen=True)
class Verdict:
    """The check at ``values``: ``gains`` pairs every one-shot deviation with its exact gain;
    ``best`` is the most profitable one (``None`` if none gains); ``nash_gains`` is, for each
    long-lived player, what a best response gains over the profile from the initial state."""

    check: OneShotCheck
    values: Mapping[str, sympy.Rational]
    state_values: Mapping[str, Mapping[str, sympy.Rational]]
    gains: tuple[tuple[Incentive, sympy.Rational], ...]
    nash_gains: Mapping[str, sympy.Rational]

    @property
    def subgame_perfect(self) -> bool:
        return all(gain <= 0 for _, gain in self.gains)

    @property
    def nash(self) -> bool:
        short = all(gain <= 0 for incentive, gain in self.gains
                    if incentive.short_lived and incentive.on_path)
        return short and all(gain <= 0 for gain in self.nash_gains.values())

    @property
    def best(self) -> Incentive | None:
        found = max(self.gains, key=lambda pair: pair[1], default=None)
        return found[0] if found is not None and found[1] > 0 else None

    @property
    def best_gain(self) -> sympy.Rational:
        return max((gain for _, gain in self.gains), default=sympy.Integer(0))


def verdict(check: OneShotCheck, values: Mapping[str, sympy.Rational]) -> Verdict:
    """``check`` at the parameter values ``values`` (every parameter; see
    :meth:`RepeatedGame.check_values`)."""
    game = check.game
    mapping = {game.parameters[n].symbol: v for n, v in values.items()}
    exact = {s: {p: sympy.Rational(v.xreplace(mapping)) for p, v in by_player.items()}
             for s, by_player in check.values.items()}
    gains = tuple((i, sympy.Rational(sympy.cancel(i.gain.xreplace(mapping))))
                  for i in check.incentives)
    stage_values = {n: v for n, v in values.items() if n in game.stage_game.parameters}
    stage = Stage(game.stage_game.at(stage_values))
    delta = sympy.Rational(game.delta.xreplace(mapping))
    nash_gains = {player: _best_response_gain(check, stage, delta, player, exact)
                  for player in game.long_lived}
    return Verdict(check, dict(values), exact, gains, nash_gains)


def _best_response_gain(check: OneShotCheck, stage: Stage, delta: sympy.Rational, player: str,
                        profile: Mapping[str, Mapping[str, sympy.Rational]]) -> sympy.Rational:
    """What ``player``'s best response to the others' automaton gains from the initial
    state over the profile (policy iteration, exact)."""
    automaton, transitions = check.automaton, check.transitions
    states = automaton.states
    own = stage.points_of(player)
    policy = {s: automaton.stage_play(stage, s) for s in states}
    current = {s: profile[s][player] for s in states}
    for _ in range(MAX_ROUNDS):
        changed = False
        for state in states:
            better = _improved(stage, policy[state], own, player, transitions[state], current,
                               delta)
            if better is not None:
                policy[state], changed = better, True
        if not changed:
            break
        weights = {s: stage.probabilities(policy[s]) for s in states}
        solved = state_values(stage, states, transitions, weights, delta, (player,))
        current = {s: sympy.Rational(solved[s][player]) for s in states}
    return current[automaton.initial] - profile[automaton.initial][player]


def _improved(stage: Stage, play: Play, own: tuple[int, ...], player: str,
              following: tuple[str, ...], current: Mapping[str, sympy.Rational],
              delta: sympy.Rational) -> Play | None:
    """A pure play of ``player`` doing strictly better than ``play`` against ``current``
    continuation values (backward over the player's decision points), or ``None``."""
    i = stage.players.index(player)

    def value(z: int, j: int) -> sympy.Expr:
        return (1 - delta) * stage.outcomes[z].payoffs[j] + delta * current[following[z]]

    before = stage.value(play, value, i)
    trial = list(play)
    for k in reversed(own):
        worth = stage.action_values(tuple(trial), k, value)
        best = max(worth.values())
        kept = [a for a in trial[k] if worth[a] == best]
        trial[k] = {kept[0] if kept else max(worth, key=lambda a: worth[a]): sympy.Integer(1)}
    after = stage.value(tuple(trial), value, i)
    return tuple(trial) if after > before else None
