"""Benchmark: exact regions (``parameter_regions``) of random parametric tables, and
``thresholds`` of every catalog game.

Run on demand from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_regions.py [--games 5] [--sizes 3 4]

Random tables (fixed seeds): integer payoffs in -2..2, and one parameter ``p`` in [-3, 3]
added (times -1, 0 or 1) to every entry with probability 2/7 ("sparse"), so many games are
degenerate somewhere. For each size the table gives the median and the largest CPU time of
``parameter_regions`` (mixed equilibria included), the number of regions and candidates.
Then every catalog game's ``commit-calc thresholds`` (all parameters symbolic), which
issue 14 bounds by 2 s each, each in a process of its own stopped after ``--budget`` seconds,
and the same regions in the library alone with the number of leaves of their case split.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time

import sympy

from commit_calc.analysis.regions import parameter_regions
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
    print("| table | games | median CPU s | max CPU s | regions (median) | refused |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        times, regions, refused = [], [], 0
        for seed in range(games):
            game = random_table(size, seed)
            start = time.process_time()
            try:
                analysis = parameter_regions(game)
            except CommitCalcError:
                refused += 1
                continue
            times.append(time.process_time() - start)
            regions.append(len(analysis.regions))
        if times:
            print(f"| {size}x{size} | {games} | {statistics.median(times):.2f} | "
                  f"{max(times):.2f} | {statistics.median(regions)} | {refused} |")


#: Run in a child process: the regions of one catalog game, all parameters symbolic, with
#: the leaves of the case split counted; prints "regions leaves cpu-seconds" or the refusal.
_CHILD = """
import sys, time
from commit_calc.analysis import regions
from commit_calc.errors import CommitCalcError
from commit_calc.io import load_game
leaves = []
split = regions.case_split
regions.case_split = lambda *a, **k: leaves.extend(split(*a, **k)) or leaves
start = time.process_time()
try:
    analysis = regions.parameter_regions(load_game(sys.argv[1]))
except CommitCalcError as error:
    print("refused", round(time.process_time() - start, 2), str(error)[:60])
else:
    print(len(analysis.regions), len(leaves), round(time.process_time() - start, 2))
"""


def _child(command: list[str], budget: float) -> tuple[str | None, float, float]:
    """Run ``command``; (its stdout or None past ``budget`` s, CPU s, wall s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=budget,
                              check=False)
        output: str | None = done.stdout if done.returncode == 0 else done.stderr.strip()
    except subprocess.TimeoutExpired:
        output = None
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return output, cpu, wall


def bench_catalog(budget: float) -> None:
    """``commit-calc thresholds NAME`` (every parameter symbolic, comparative statics
    included, Python's start included) for each catalog game in a process of its own, timed
    in CPU seconds (the machine may be shared: wall seconds beside them), and the regions
    with the leaves (cases) of their case split in the library."""
    print("\n| catalog game | parameters | `thresholds` CPU s | wall s | library CPU s "
          "| regions | cases |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    _, cpu, wall = _child([sys.executable, "-m", "commit_calc", "solve", "stag-hunt"], budget)
    print(f"| (baseline: `commit-calc solve stag-hunt`) | | {cpu:.2f} | {wall:.1f} | | | |")
    for name, *_ in list_games():
        parameters = len(load_game(name).parameters)
        output, cpu, wall = _child(
            [sys.executable, "-m", "commit_calc", "thresholds", name], budget)
        if output is None:
            print(f"| {name} | {parameters} | stopped after {cpu:.1f} | {wall:.1f} | | | |")
            continue
        if output.startswith("Error"):
            print(f"| {name} | {parameters} | refused after {cpu:.1f} | {wall:.1f} | | | |")
            continue
        found, _, _ = _child([sys.executable, "-c", _CHILD, name], budget)
        regions, cases, library = (found or "? ? ?").split()[:3]
        print(f"| {name} | {parameters} | {cpu:.2f} | {wall:.1f} | {library} | {regions} | "
              f"{cases} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 4])
    parser.add_argument("--games", type=int, default=5)
    parser.add_argument("--budget", type=float, default=120,
                        help="seconds after which a catalog game's thresholds are stopped")
    parser.add_argument("--catalog-only", action="store_true")
    arguments = parser.parse_args()
    sympy.init_printing(use_unicode=False)
    if not arguments.catalog_only:
        bench_tables(arguments.sizes, arguments.games)
    bench_catalog(arguments.budget)


if __name__ == "__main__":
    main()
