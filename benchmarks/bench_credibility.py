"""Benchmark: a credibility report against one ``commit-calc solve`` of the same game.

Run on demand from the repository root::

    python3 benchmarks/bench_credibility.py [--repeat 3]

For every reconciliation game of the catalog, the command ``commit-calc credibility GAME
--promise ...`` (the verdict, the temptations, a threshold per parameter, the exact region and
the value of commitment) against ``commit-calc solve GAME``, each a new process (its start
included), best of ``--repeat`` in CPU time of the process and in wall-clock time, interleaved.
Issue 10's target: the report within 2 times one solve. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

PROMISES = {
    "disarm-trust": "Regime=Honor",
    "enforcer-reliability": "Regime=Honor",
    "strategic-enforcer": "Enforcer=Protect",
}


def _run(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one command."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "commit_calc", *args], check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user
                  + after.children_system - before.children_system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    print("| game | solve CPU s | credibility CPU s | ratio (CPU) | ratio (wall) |")
    print("|---|---|---|---|---|")
    for game, promise in PROMISES.items():
        solves, reports = [], []
        for _ in range(repeat):
            solves.append(_run(["solve", game]))
            reports.append(_run(["credibility", game, "--promise", promise]))
        solve_wall, solve_cpu = min(w for w, _ in solves), min(c for _, c in solves)
        report_wall, report_cpu = min(w for w, _ in reports), min(c for _, c in reports)
        print(f"| {game} | {solve_cpu:.2f} | {report_cpu:.2f} | {report_cpu / solve_cpu:.2f} | "
              f"{report_wall / solve_wall:.2f} |")


if __name__ == "__main__":
    main()
