"""Benchmark: exact Stackelberg commitment of random n x n games against OpenSpiel.

Run on demand from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_stackelberg.py [--sizes 5 10 20] [--games 5]

For each size, random games with integer payoffs 0..99 (fixed seeds) are solved by

* commit-calc ``stackelberg`` (whole call: strong, weak and pure commitments, the exact check
  with its dual certificates; the Nash comparison is left out, as OpenSpiel has none), and
  its strong part alone (the n exact linear programs);
* OpenSpiel ``solve_stackelberg`` (one cvxpy LP per follower strategy, floating point, strong
  only), if ``open_spiel`` and ``cvxpy`` are installed; its value is compared with ours.

Times are the median over the games of each size (best of ``--repeat`` runs). A markdown table
with the ratio OpenSpiel / commit-calc (above 1: commit-calc is faster) is printed to stdout.

A second table times the parametric regions (``thresholds --concept stackelberg``) of random
m x n tables with one parameter in three payoffs (and a second in a fourth), in CPU seconds,
against one per-point ``stackelberg`` call.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from commit_calc.model import NormalFormGame
from commit_calc.solvers.stackelberg import _oriented, _region_programs, stackelberg


def random_game(size: int, seed: int) -> tuple[list[list[int]], list[list[int]]]:
    rng = random.Random(seed)
    return tuple(  # type: ignore[return-value]
        [[rng.randint(0, 99) for _ in range(size)] for _ in range(size)] for _ in range(2)
    )


def best_time(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value


def openspiel_solver() -> Callable[[list[list[int]], list[list[int]]], float] | None:
    try:
        import pyspiel
        from open_spiel.python.algorithms.stackelberg_lp import solve_stackelberg
    except ImportError:
        return None

    def solve(a: list[list[int]], b: list[list[int]]) -> float:
        return float(solve_stackelberg(pyspiel.create_matrix_game(a, b))[2])

    return solve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--games", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    theirs_solver = openspiel_solver()
    print("| n | commit-calc (all) | commit-calc (strong LPs) | OpenSpiel | OpenSpiel / "
          "commit-calc (all) | max value difference |")
    print("| --- | --- | --- | --- | --- | --- |")
    for size in options.sizes:
        ours, strong_only, theirs, difference = [], [], [], 0.0
        for seed in range(options.games):
            a, b = random_game(size, 1000 * size + seed)

            def whole(a=a, b=b) -> object:
                return stackelberg(NormalFormGame.from_matrices(a, b), 0, compare_nash=False)

            elapsed, result = best_time(whole, options.repeat)
            ours.append(elapsed)
            game = NormalFormGame.from_matrices(a, b)
            leader, follower = _oriented(game, 0)
            strong_only.append(best_time(
                lambda leader=leader, follower=follower: _region_programs(leader, follower),
                options.repeat)[0])
            if theirs_solver is not None:
                elapsed, value = best_time(lambda a=a, b=b: theirs_solver(a, b), options.repeat)
                theirs.append(elapsed)
                exact = float(result.strong.leader_payoff)  # type: ignore[attr-defined]
                difference = max(difference, abs(exact - float(value)))  # type: ignore[arg-type]
        mine = statistics.median(ours)
        if theirs:
            other = statistics.median(theirs)
            columns = [f"{other * 1000:.1f} ms", f"{other / mine:.2f}", f"{difference:.1e}"]
        else:
            columns = ["not installed", "-", "-"]
        print(f"| {size} | {mine * 1000:.1f} ms | {statistics.median(strong_only) * 1000:.1f} ms "
              f"| " + " | ".join(columns) + " |")

    regions_table()


def regions_table() -> None:
    """CPU seconds of the exact regions of random parametric tables."""
    from commit_calc.errors import UnsupportedGameError
    from commit_calc.model import Parameter
    from commit_calc.solvers.stackelberg_regions import stackelberg_regions

    print("\n| table | parameters | regions (CPU s) | regions | one point (CPU s) |")
    print("| --- | --- | --- | --- | --- |")
    for (rows, columns), names in (((2, 2), "pq"), ((3, 3), "p"), ((3, 3), "pq"),
                                   ((4, 4), "p")):
        rng = random.Random(rows * 10 + columns + len(names))
        a = [[str(rng.randint(-3, 6)) for _ in range(columns)] for _ in range(rows)]
        b = [[str(rng.randint(-3, 6)) for _ in range(columns)] for _ in range(rows)]
        a[0][0] += " + p"
        a[rows - 1][columns - 1] += " - p"
        b[rows - 1][0] += " + p"
        if "q" in names:
            b[0][columns - 1] += " - 2*q"
        parameters = [Parameter(n, 1, lower=0, upper=10) for n in names]
        game = NormalFormGame.from_matrices(a, b, parameters=parameters)
        start = time.process_time()
        try:
            found = str(len(stackelberg_regions(game, "Row").regions))
        except UnsupportedGameError as error:  # bounded work: refused with a message
            found = f"refused ({str(error).split(';')[0]})"
        regions = time.process_time() - start
        start = time.process_time()
        stackelberg(game, "Row", compare_nash=False)
        point = time.process_time() - start
        print(f"| {rows} x {columns} | {', '.join(names)} | {regions:.2f} | "
              f"{found} | {point:.3f} |")


if __name__ == "__main__":
    main()
