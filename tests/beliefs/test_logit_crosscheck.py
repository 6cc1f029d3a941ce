"""Gambit's agent logit quantal response equilibrium limit against our sequential equilibria.

``logit_solve`` (McKelvey and Palfrey 1998; Turocy 2005; Gambit 16.7) follows the agent
logit QRE path as the precision grows; its limit is a sequential equilibrium (indeed a
perfect one), so it must lie within 1e-3 of one of ours: of an extreme equilibrium, or of a
mixture of the extreme equilibria of one component (a continuum).
"""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from signalling_games import random_signalling_game

from commit_calc.beliefs.sequential import sequential_equilibria
from commit_calc.io.gambit import format_efg

gbt = pytest.importorskip("pygambit")
optimize = pytest.importorskip("scipy.optimize")

GAMES = 50
TOLERANCE = 1e-3


def _near_component(points: list[np.ndarray], target: np.ndarray) -> bool:
    """Whether some mixture of ``points`` is within TOLERANCE of ``target`` (max norm)."""
    if min(float(np.max(np.abs(p - target))) for p in points) <= TOLERANCE:
        return True
    matrix = np.array(points).T  # columns: extreme points
    count = matrix.shape[1]
    # |matrix @ w - target| <= tol, sum w = 1, w >= 0
    upper = np.vstack([matrix, -matrix])
    bound = np.concatenate([target + TOLERANCE, -(target - TOLERANCE)])
    found = optimize.linprog(np.zeros(count), A_ub=upper, b_ub=bound,
                             A_eq=np.ones((1, count)), b_eq=[1], bounds=[(0, None)] * count)
    return bool(found.status == 0)


def test_logit_limit_is_one_of_our_sequential_equilibria():
    rng = random.Random(2027)
    for _ in range(GAMES):
        game, _, _ = random_signalling_game(rng, 2, rng.randint(2, 3), rng.randint(2, 3))
        theirs_game = gbt.read_efg(io.StringIO(format_efg(game)))
        [limit] = gbt.nash.logit_solve(theirs_game, use_strategic=False).equilibria
        by_label = {i.label: [float(limit[a]) for a in i.actions] for i in theirs_game.infosets}
        target = np.array([p for i in game.infosets for p in by_label[i.label]])
        components: dict[int | None, list[np.ndarray]] = {}
        for e in sequential_equilibria(game, mixed=True).equilibria:
            point = np.array([float(p) for d in e.profile.probabilities for p in d])
            components.setdefault(e.component, []).append(point)
        assert any(_near_component(points, target) for points in components.values()), (
            format_efg(game), target)
