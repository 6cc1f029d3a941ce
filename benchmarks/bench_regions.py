"""Benchmark: exact regions (``parameter_regions``) of random parametric tables, and
``thresholds`` of every catalog game.

Run on demand from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_regions.py [--games 5] [--sizes 3 4]

Random tables (fixed seeds): integer payoffs in -2..2, and one parameter ``p`` in [-3, 3]
added (times -1, 0 or 1) to every entry with probability 2/7 ("sparse"), so many games are
degenerate somewhere. For each size the table gives the median and the largest time of
``parameter_regions`` (mixed equilibria included), the number of regions and candidates.
Then every catalog game's ``commit-calc thresholds`` (all parameters symbolic), which
issue 14 bounds by 2 s each, and the same regions and thresholds in the library alone.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import sympy
from click.testing import CliRunner

from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.thresholds import thresholds
from commit_calc.cli.main import cli
from commit_calc.errors import CommitCalcError
from commit_calc.io import load_game
from commit_calc.io.catalog import list_games
from commit_calc.model import NormalFormGame, Parameter


def random_table(size: int, seed: int) -> NormalFormGame:
    rng = random.Random(seed)
    p = Parameter("p", 0, lower=-3, upper=3)
    matrices = [[[rng.randint(-2, 2) + rng.choice((0, 0, 0, 0, 0, 1, -1)) * p.symbol
                  for _ in range(size)] for _ in range(size)] for _ in range(2)]
    return NormalFormGame.from_matrices(*matrices, parameters=[p])


def bench_tables(sizes: list[int], games: int) -> None:
    print("| table | games | median s | max s | regions (median) | refused |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        times, regions, refused = [], [], 0
        for seed in range(games):
            game = random_table(size, seed)
            start = time.perf_counter()
            try:
                analysis = parameter_regions(game)
            except CommitCalcError:
                refused += 1
                continue
            times.append(time.perf_counter() - start)
            regions.append(len(analysis.regions))
        if times:
            print(f"| {size}x{size} | {games} | {statistics.median(times):.2f} | "
                  f"{max(times):.2f} | {statistics.median(regions)} | {refused} |")


def bench_catalog() -> None:
    """``commit-calc thresholds NAME --format json`` (every parameter symbolic, comparative
    statics included) for each catalog game, and the regions and thresholds in the library."""
    print("\n| catalog game | table | `thresholds` CLI s | library s | regions |")
    print("|---|---|---|---|---|")
    runner = CliRunner()
    for name, *_ in list_games():
        game = load_game(name)
        start = time.perf_counter()
        result = runner.invoke(cli, ["thresholds", name, "--format", "json"])
        command = time.perf_counter() - start
        if result.exit_code:
            print(f"| {name} | | refused (exit {result.exit_code}) | | |")
            continue
        start = time.perf_counter()
        analysis = parameter_regions(game)
        for parameter in game.parameters:
            thresholds(analysis, parameter.name)
        library = time.perf_counter() - start
        shape = "x".join(map(str, game.shape)) if isinstance(game, NormalFormGame) else "tree"
        print(f"| {name} | {shape} | {command:.2f} | {library:.2f} | "
              f"{len(analysis.regions)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 4])
    parser.add_argument("--games", type=int, default=5)
    arguments = parser.parse_args()
    sympy.init_printing(use_unicode=False)
    bench_tables(arguments.sizes, arguments.games)
    bench_catalog()


if __name__ == "__main__":
    main()
