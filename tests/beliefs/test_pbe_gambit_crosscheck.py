"""Our pure PBE against Gambit's pure agent-form equilibria on random signalling games.

Every pure PBE is an equilibrium of the agent form (each information set's agent best
responds), so Gambit's ``enumpure_agent_solve`` (McKelvey, McLennan and Turocy, Gambit 16.7,
rational arithmetic in its own C++ code) must list every one of ours.
"""

from __future__ import annotations

import io
import random

import pytest
from signalling_games import random_signalling_game

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.io.gambit import format_efg

gbt = pytest.importorskip("pygambit")

GAMES = 60


def test_our_pure_pbe_are_gambit_agent_equilibria():
    rng = random.Random(2026)
    compared = 0
    for _ in range(GAMES):
        game, _, _ = random_signalling_game(rng)
        theirs_game = gbt.read_efg(io.StringIO(format_efg(game)))
        theirs = {
            frozenset((i.label, a.label) for i in theirs_game.infosets for a in i.actions
                      if eq[a] == 1)
            for eq in gbt.nash.enumpure_agent_solve(theirs_game).equilibria
        }
        for e in perfect_bayesian_equilibria(game).equilibria:
            ours = frozenset((label, next(iter(d)))
                             for per in e.profile.labelled(game).values()
                             for label, d in per.items())
            assert ours in theirs
            compared += 1
    assert compared >= GAMES  # most games have a pure PBE
