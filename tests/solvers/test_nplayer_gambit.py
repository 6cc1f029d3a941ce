"""n-player equilibria against pygambit's ``enumpoly_solve`` on random small integer games.

Gambit 16.7 (McKelvey, McLennan and Turocy) enumerates supports too, but solves each system
in floating point; every equilibrium it reports must be one of ours within 1e-6. Where it
misses one of ours (it does, on some totally mixed irrational equilibria), the test counts
it; ``benchmarks/bench_nplayer.py`` runs the same comparison on 100+ games and reports it.
"""

from __future__ import annotations

import numpy as np
import pytest

from commit_calc.model import NormalFormGame
from commit_calc.solvers.nplayer_supports import nplayer_equilibria

gbt = pytest.importorskip("pygambit")


def gambit_equilibria(arrays: list[np.ndarray]) -> list[list[list[float]]]:
    game = gbt.Game.from_arrays(*[np.array(a, dtype=object) for a in arrays])
    found = gbt.nash.enumpoly_solve(game, use_strategic=True).equilibria
    return [[[float(eq[s]) for s in player.strategies] for player in game.players]
            for eq in found]


def close(a: list[list[float]], b: list[list[float]], tol: float = 1e-6) -> bool:
    return all(abs(x - y) <= tol for da, db in zip(a, b) for x, y in zip(da, db))


def compare(shape: tuple[int, ...], seed: int) -> tuple[int, int]:
    """(equilibria pygambit reports that we lack, ours that pygambit lacks)."""
    rng = np.random.default_rng(seed)
    arrays = [rng.integers(-5, 6, size=shape) for _ in shape]
    found = nplayer_equilibria(NormalFormGame.from_arrays([a.tolist() for a in arrays]))
    ours = [[[float(p) for p in d] for d in e.profile.probabilities] for e in found.equilibria]
    theirs = gambit_equilibria(arrays)
    lacking = sum(1 for t in theirs if not any(close(t, o) for o in ours))
    missed = sum(1 for o in ours if not any(close(o, t) for t in theirs))
    return lacking, missed


@pytest.mark.parametrize("shape,seeds", [((2, 2, 2), range(12)), ((3, 2, 2), range(3))],
                         ids=["2x2x2", "3x2x2"])
def test_every_pygambit_equilibrium_is_ours(shape, seeds):
    results = [compare(shape, seed) for seed in seeds]
    assert all(lacking == 0 for lacking, _ in results), results
