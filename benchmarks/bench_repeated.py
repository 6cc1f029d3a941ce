"""Benchmark: the one-shot deviation check of repeated games (issue 11, "Speed").

Run on demand from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_repeated.py [--states 10] [--size 4] [--repeat 3]

* the exact one-shot check (state values, every condition, the verdict) of a random
  ``--states``-state pure automaton on a random ``--size`` x ``--size`` stage game with a
  numeric discount factor, and the same with the discount factor symbolic;
* the whole ``repeated`` analysis (symbolic conditions, verdict, critical discount factor as a
  number and as a formula, critical values of every parameter) of every catalog repeated
  game with its default strategy, against the target of 1 s each.

Times are the best of ``--repeat`` runs; a markdown table is printed to stdout.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from collections.abc import Callable

from commit_calc.io.repeated_file import load_repeated
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.repeated import analyse_repeated
from commit_calc.repeated.automaton import Automaton
from commit_calc.repeated.deviation import one_shot_check
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.verdict import verdict

CATALOG = ("reconciliation-cohorts", "repeated-prisoners-dilemma", "chain-store")


def best_time(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def random_case(states: int, size: int, seed: int) -> tuple[RepeatedGame, Automaton]:
    rng = random.Random(seed)
    labels = tuple(f"a{k}" for k in range(size))
    stage = NormalFormGame.from_matrices(
        [[rng.randint(-9, 9) for _ in range(size)] for _ in range(size)],
        [[rng.randint(-9, 9) for _ in range(size)] for _ in range(size)],
        players=("Row", "Column"), strategies=(labels, labels))
    names = [f"s{k}" for k in range(states)]
    play = {s: {"Row": rng.choice(labels), "Column": rng.choice(labels)} for s in names}
    rules = {s: [({"Row": x, "Column": y}, rng.choice(names))
                 for x, y in itertools.product(labels, labels)] for s in names}
    automaton = Automaton.build("random", play, rules)
    game = RepeatedGame.over(stage, discount="9/10", automata={"random": automaton},
                             strategy="random")
    return game, automaton


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=10)
    parser.add_argument("--size", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    game, automaton = random_case(options.states, options.size, seed=1)
    values = game.check_values()
    rows = [
        (f"one-shot check, {options.states} states, {options.size}x{options.size}, "
         "discount 9/10", best_time(lambda: verdict(one_shot_check(game, automaton, values),
                                                   values), options.repeat)),
        (f"one-shot check, {options.states} states, {options.size}x{options.size}, "
         "discount symbolic", best_time(lambda: one_shot_check(game, automaton),
                                        options.repeat)),
    ]
    for name in CATALOG:
        repeated = load_repeated(name)
        rows.append((f"analysis of {name} ({repeated.strategy})",
                     best_time(lambda r=repeated: analyse_repeated(r), options.repeat)))
    print("| task | time (s) |")
    print("| --- | ---: |")
    for task, seconds in rows:
        print(f"| {task} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
