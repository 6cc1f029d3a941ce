"""Extreme equilibria against Gambit's exact ``enummixed`` on random, mostly degenerate games.

Gambit (McKelvey, McLennan and Turocy, Gambit: Software Tools for Game Theory, version 16.7)
enumerates extreme equilibria by the same theory, in its own C++ code, with rational
arithmetic. Small integer payoffs make degenerate games (ties) common, where equilibria form
continua and naive methods miss or duplicate some.
"""

import random
from fractions import Fraction

import numpy as np
import pytest

from commit_calc.model import NormalFormGame
from commit_calc.solvers.mixed_nash import extreme_equilibria

gbt = pytest.importorskip("pygambit")

GAMES = 240


def gambit_extreme_equilibria(a, b):
    game = gbt.Game.from_arrays(np.array(a, dtype=object), np.array(b, dtype=object))
    first, second = game.players
    return {
        (tuple(Fraction(eq[first][s]) for s in first.strategies),
         tuple(Fraction(eq[second][s]) for s in second.strategies))
        for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria
    }


def components_by_strategies(pairs):
    """Connected components of the graph joining each extreme strategy of one player to the
    other's in an extreme equilibrium, found by search over strategy vectors (not labels)."""
    neighbours = {}
    for x, y in pairs:
        neighbours.setdefault(("x", x), set()).add(("y", y))
        neighbours.setdefault(("y", y), set()).add(("x", x))
    component = {}
    for start in neighbours:
        if start in component:
            continue
        component[start] = start
        frontier = [start]
        while frontier:
            for other in neighbours[frontier.pop()]:
                if other not in component:
                    component[other] = start
                    frontier.append(other)
    return {frozenset(p for p in pairs if component[("x", p[0])] == root)
            for root in set(component.values())}


def test_same_extreme_equilibria_and_components_as_gambit():
    rng = random.Random(1605)
    degenerate = 0
    for number in range(GAMES):
        m, n = rng.randint(2, 5), rng.randint(2, 5)
        high = rng.choice([1, 2, 3, 3, 9])
        a = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
        b = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
        result = extreme_equilibria(NormalFormGame.from_matrices(a, b))
        ours = [tuple(tuple(Fraction(int(p.p), int(p.q)) for p in d)
                      for d in e.profile.probabilities) for e in result.equilibria]
        expected = gambit_extreme_equilibria(a, b)
        assert len(ours) == len(set(ours)), f"game {number}: {a}, {b}: duplicates"
        assert set(ours) == expected, f"game {number}: A={a}, B={b}"
        grouped = {}
        for pair, equilibrium in zip(ours, result.equilibria, strict=True):
            grouped.setdefault(equilibrium.component, set()).add(pair)
        assert {frozenset(g) for g in grouped.values()} == components_by_strategies(expected)
        assert sorted(grouped) == list(range(1, len(grouped) + 1))
        degenerate += any("degenerate" in w for w in result.warnings)
    assert degenerate >= GAMES // 4  # the sample really exercises degenerate games


def test_larger_games_by_the_floating_point_searches_agree_with_gambit():
    """6x6 to 7x7 games, solved by the certified floating-point searches (the default from 12
    strategies in all), ties common: the same extreme equilibria and components as Gambit."""
    rng = random.Random(1507)
    for number in range(8):
        m, n = rng.randint(6, 7), rng.randint(6, 7)
        high = rng.choice([2, 3, 9])
        a = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
        b = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
        result = extreme_equilibria(NormalFormGame.from_matrices(a, b))
        ours = [tuple(tuple(Fraction(int(p.p), int(p.q)) for p in d)
                      for d in e.profile.probabilities) for e in result.equilibria]
        expected = gambit_extreme_equilibria(a, b)
        assert len(ours) == len(set(ours)) and set(ours) == expected, f"game {number}"
        grouped = {}
        for pair, equilibrium in zip(ours, result.equilibria, strict=True):
            grouped.setdefault(equilibrium.component, set()).add(pair)
        assert {frozenset(g) for g in grouped.values()} == components_by_strategies(expected)
