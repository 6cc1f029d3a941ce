"""Benchmark and cross-check: exact n-player equilibria against pygambit's ``enumpoly_solve``.

Part 1 (cross-check): on random integer games (payoffs in -5..5, seeded), every equilibrium
pygambit reports must be one of ours within 1e-6; counts where pygambit misses one of ours.
Part 2 (speed): 2x2x2, 3x3x2 and 3x3x3 games, both solvers timed in the same run on the same
games; the ratio (ours / pygambit) is what to read, the machine may be loaded.

Run::

    PYTHONPATH=src python3 benchmarks/bench_nplayer.py [--check 100 30] [--time 10 3 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import queue as queue_module
import time

import numpy as np
import pygambit as gbt

from commit_calc.model import NormalFormGame
from commit_calc.solvers.nplayer_supports import nplayer_equilibria


def random_arrays(shape: tuple[int, ...], seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.integers(-5, 6, size=shape) for _ in shape]


def ours(arrays: list[np.ndarray]) -> tuple[list[list[list[float]]], tuple[str, ...]]:
    found = nplayer_equilibria(NormalFormGame.from_arrays([a.tolist() for a in arrays]))
    return ([[[float(p) for p in d] for d in e.profile.probabilities] for e in found.equilibria],
            found.warnings)


def _gambit_child(arrays: list[np.ndarray], queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]  # noqa: E501
    start = time.perf_counter()
    game = gbt.Game.from_arrays(*[np.array(a, dtype=object) for a in arrays])
    found = gbt.nash.enumpoly_solve(game, use_strategic=True).equilibria
    queue.put(([[[float(eq[s]) for s in player.strategies] for player in game.players]
                for eq in found], time.perf_counter() - start))


Answer = tuple[list[list[list[float]]], float]


def gambit(arrays: list[np.ndarray], timeout: float) -> Answer | None:
    """pygambit's equilibria and its time (measured inside a child process, which is killed
    after ``timeout`` seconds: enumpoly hangs on some games, Gambit issues #474 and #1055)."""
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=_gambit_child, args=(arrays, queue))
    child.start()
    try:
        return queue.get(timeout=timeout)  # type: ignore[no-any-return]
    except queue_module.Empty:
        return None
    finally:
        child.kill()
        child.join()


def close(a: list[list[float]], b: list[list[float]]) -> bool:
    return all(abs(x - y) <= 1e-6 for da, db in zip(a, b) for x, y in zip(da, db))


def cross_check(shape: tuple[int, ...], games: int, timeout: float) -> None:
    lacking = missed = games_missed = degenerate = total = hung = 0
    for seed in range(games):
        arrays = random_arrays(shape, seed)
        mine, warnings = ours(arrays)
        answer = gambit(arrays, timeout)
        if answer is None:
            hung += 1
            continue
        theirs = answer[0]
        total += len(mine)
        degenerate += bool(warnings)
        lacking += sum(1 for t in theirs if not any(close(t, o) for o in mine))
        misses = sum(1 for o in mine if not any(close(o, t) for t in theirs))
        missed += misses
        games_missed += bool(misses)
    name = "x".join(map(str, shape))
    print(f"{name}: {games} games, {total} equilibria (ours); pygambit reports {lacking} we "
          f"lack; pygambit misses {missed} of ours in {games_missed} games; {degenerate} games "
          f"with continua or warnings; pygambit did not finish {hung} games in {timeout:g} s",
          flush=True)


def timing(shape: tuple[int, ...], games: int, timeout: float) -> None:
    """Mean times over the games both solvers finish (pygambit timed inside its process)."""
    t_ours = t_gambit = 0.0
    timed = 0
    for seed in range(1000, 1000 + games):
        arrays = random_arrays(shape, seed)
        start = time.perf_counter()
        ours(arrays)
        elapsed = time.perf_counter() - start
        answer = gambit(arrays, timeout)
        if answer is None:
            print(f"  seed {seed}: pygambit did not finish in {timeout:g} s (ours {elapsed:.2f} s)")
            continue
        t_ours += elapsed
        t_gambit += answer[1]
        timed += 1
    name = "x".join(map(str, shape))
    if timed:
        print(f"{name}: {timed} games, ours {t_ours / timed:.3f} s/game, pygambit "
              f"{t_gambit / timed:.3f} s/game, ratio {t_ours / t_gambit:.1f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=int, nargs=2, default=(100, 30),
                        metavar=("N_2x2x2", "N_3x2x2"))
    parser.add_argument("--time", type=int, nargs=3, default=(10, 3, 2),
                        metavar=("N_2x2x2", "N_3x3x2", "N_3x3x3"))
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="seconds before pygambit is stopped on one game")
    args = parser.parse_args()
    print(f"pygambit {gbt.__version__}")
    for shape, games in zip([(2, 2, 2), (3, 2, 2)], args.check):
        if games:
            cross_check(shape, games, args.timeout)
    for shape, games in zip([(2, 2, 2), (3, 3, 2), (3, 3, 3)], args.time):
        if games:
            timing(shape, games, args.timeout)


if __name__ == "__main__":
    main()
