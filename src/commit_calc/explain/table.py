"""Why a profile of a normal-form game is an equilibrium: best responses and indifference.

For each equilibrium and each player, the expected payoff of every pure strategy against the
others' equilibrium strategies is computed exactly. A player who mixes must be indifferent
among the strategies it mixes; in a two-player game where the opponent mixes too, that
indifference is written as the equation the opponent's probabilities solve (``2q + 0(1 - q) =
0q + 1(1 - q) -> q = 1/3``), and the equation is solved again here, independently of the
solver.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import sympy

from commit_calc.explain.steps import Step
from commit_calc.explain.words import factor, listing, number, vector
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import MixedProfile
from commit_calc.model.values import to_fraction
from commit_calc.render.numbers import exact_text
from commit_calc.solvers.results import SolveResult


def explain_table(result: SolveResult) -> list[Step]:
    """For each equilibrium of a normal-form game, one step per player, then the result."""
    game = result.game
    if not isinstance(game, NormalFormGame):
        raise TypeError("explain_table(): the result is not that of a normal-form game")
    payoffs = game.numeric_payoffs()
    steps = []
    count = len(result.equilibria)
    for number_, equilibrium in enumerate(result.equilibria, start=1):
        profile = equilibrium.profile
        assert isinstance(profile, MixedProfile)
        label = f"Equilibrium {number_}: " if count > 1 else ""
        for player in range(game.num_players):
            steps.append(_player_step(game, payoffs, profile, player, label))
        steps.append(Step("result", (
            f"{label}No player gains by deviating, so this is a Nash equilibrium with payoffs "
            f"{vector(game.players, equilibrium.payoffs)}."
        )))
    if not count:
        steps.append(Step("result", f"No equilibrium was found ({result.method})."))
    return steps


def expected_payoffs(
    game: NormalFormGame, payoffs: Sequence[np.ndarray], profile: MixedProfile, player: int
) -> list[Fraction]:
    """``player``'s exact expected payoff from each of its pure strategies against the
    others' strategies in ``profile``.

    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> mix = MixedProfile(((1, 0), ("1/2", "1/2")))
    >>> [str(v) for v in expected_payoffs(pd, pd.numeric_payoffs(), mix, 0)]
    ['3/2', '3']
    """
    others = [k for k in range(game.num_players) if k != player]
    support = profile.support()
    result = []
    for own in range(game.shape[player]):
        total = Fraction(0)
        for combination in itertools.product(*(support[k] for k in others)):
            index = [0] * game.num_players
            index[player] = own
            weight = Fraction(1)
            for k, s in zip(others, combination, strict=True):
                index[k] = s
                weight *= to_fraction(profile.probabilities[k][s])
            total += weight * payoffs[player][tuple(index)]
        result.append(total)
    return result


def _others_text(game: NormalFormGame, profile: MixedProfile, player: int) -> str:
    parts = []
    for k, (name, labels) in enumerate(zip(game.players, game.strategies, strict=True)):
        if k == player:
            continue
        played = [(labels[s], profile.probabilities[k][s]) for s in profile.support()[k]]
        if len(played) == 1:
            parts.append(f"{name}'s {played[0][0]}")
        else:
            parts.append(f"{name}'s mix (" + ", ".join(f"{s} {exact_text(p)}" for s, p in played)
                         + ")")
    return listing(parts)


def _player_step(
    game: NormalFormGame, payoffs: Sequence[np.ndarray], profile: MixedProfile, player: int,
    label: str,
) -> Step:
    name = game.players[player]
    labels = game.strategies[player]
    expected = expected_payoffs(game, payoffs, profile, player)
    support = profile.support()[player]
    value = expected[support[0]]
    played = [labels[s] for s in support]
    against = _others_text(game, profile, player)
    rest = [s for s in range(len(labels)) if s not in support]
    others = ""
    if rest:
        others = " Its other strategies do no better: " + ", ".join(
            f"{labels[s]} gives {number(expected[s])}" for s in rest) + "."
    values = tuple((labels[s], exact_text(expected[s])) for s in range(len(labels)))
    if len(support) == 1:
        text = (f"{label}{name} plays {played[0]}: against {against} it gives "
                f"{number(value)}.{others or ' It has no other strategy.'} So {played[0]} is a "
                "best response.")
        return Step("best-response", text, player=name, values=values, chosen=tuple(played))
    equation = _indifference_equation(game, payoffs, profile, player)
    if equation is None:
        text = (f"{label}{name} mixes {listing(played)}: against {against} each gives "
                f"{number(value)}, so {name} is indifferent among them and any mix of them is "
                f"a best response.{others}")
    else:
        text = (f"{label}{game.players[1 - player]} mixes so that {name} is indifferent "
                f"between {listing(played)}: {equation}. Each then gives {name} "
                f"{number(value)}, so {name}'s mix is a best response.{others}")
    return Step("indifference", text, player=name, values=values, chosen=tuple(played),
                equation=equation)


def _indifference_equation(
    game: NormalFormGame, payoffs: Sequence[np.ndarray], profile: MixedProfile, player: int
) -> str | None:
    """``2q + 0(1 - q) = 0q + 1(1 - q) -> q = 1/3`` for two players when the opponent mixes
    (``None`` otherwise). The opponent's probabilities are unknowns named ``q`` (``p`` for the
    row player), ``q1, q2, ...`` over three or more strategies; the equations are solved
    exactly and the solution checked against the equilibrium."""
    if game.num_players != 2:
        return None
    opponent = 1 - player
    mixed = profile.support()[opponent]
    if len(mixed) < 2:
        return None
    letter = "p" if opponent == 0 else "q"
    names = [letter] if len(mixed) == 2 else [f"{letter}{k}" for k in range(1, len(mixed))]
    unknowns = sympy.symbols(names)
    last = 1 - sum(unknowns)
    weights = list(unknowns) + [last]
    texts = names + ["(1 - " + " - ".join(names) + ")"]
    sides_text = []
    sides = []
    for own in profile.support()[player]:
        coefficients = []
        for t in mixed:
            index = (own, t) if player == 0 else (t, own)
            coefficients.append(payoffs[player][index])
        sides_text.append(" + ".join(f"{factor(c)}{t}" for c, t in zip(coefficients, texts,
                                                                          strict=True)))
        sides.append(sum(sympy.Rational(int(c.numerator), int(c.denominator)) * w
                         for c, w in zip(coefficients, weights, strict=True)))
    equations = [sympy.Eq(side, sides[0]) for side in sides[1:]]
    solutions = sympy.solve(equations, unknowns, dict=True)
    actual = {u: profile.probabilities[opponent][t] for u, t in zip(unknowns, mixed)}
    opponent_labels = game.strategies[opponent]
    meaning = listing([f"{n} = P({opponent_labels[t]})" for n, t in zip(names, mixed)])
    text = " = ".join(sides_text)
    if len(solutions) == 1 and all(u in solutions[0] for u in unknowns):
        solved = ", ".join(f"{u} = {solutions[0][u]}" for u in unknowns)
        if all(solutions[0][u] == actual[u] for u in unknowns):
            return f"{text} -> {solved} (with {meaning})"
    chosen = ", ".join(f"{u} = {actual[u]}" for u in unknowns)
    return (f"{text}, which holds at this equilibrium's {chosen} (with {meaning}; the "
            "conditions alone do not fix the probabilities)")
