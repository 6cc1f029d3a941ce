"""Benchmark: the one-shot deviation check of repeated games (issue 11, "Speed").

Run on demand from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_repeated.py [--states 10] [--size 4] [--repeat 3]

* the exact one-shot check (state values, every condition, the verdict) of a random
  ``--states``-state pure automaton on a random ``--size`` x ``--size`` stage game with a
  numeric discount factor, and the same with the discount factor symbolic;
* the exact equilibrium payoff set (:mod:`commit_calc.repeated.payoff_set`, each vertex
  then checked) against QuantEcon's float ``RepeatedGame.equilibrium_payoffs`` (``u_init``
  the pure minmax) on the same random 2x2, 3x3 and 4x4 games at discount 9/10: the first
  call of the process on both sides (QuantEcon's includes numba's compilation), then the
  median over ``--games - 1`` more games of each size and the ratio of the medians; games
  whose set is refused or is a point or a segment (QuantEcon's hull fails there) are
  skipped, so both sides time the same games;
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


def _median(times: list[float]) -> float:
    return sorted(times)[len(times) // 2]


def payoff_set_rows(seed: int, games: int) -> list[tuple[str, float]]:
    """Exact payoff sets against QuantEcon's: (task, seconds) rows, and the ratios."""
    from fractions import Fraction

    import numpy as np
    import quantecon.game_theory as gt

    from commit_calc.errors import UnsupportedGameError
    from commit_calc.repeated.payoff_set import TwoPlayerStage, equilibrium_payoff_set
    from commit_calc.repeated.sustain import decompositions

    rng = random.Random(seed)
    delta = Fraction(9, 10)
    rows: list[tuple[str, float]] = []
    for size in (2, 3, 4):
        ours: list[float] = []
        theirs: list[float] = []
        while len(ours) < games:
            stage = NormalFormGame.from_matrices(
                [[rng.randint(-9, 9) for _ in range(size)] for _ in range(size)],
                [[rng.randint(-9, 9) for _ in range(size)] for _ in range(size)])
            start = time.perf_counter()
            try:
                found = equilibrium_payoff_set(stage, delta)
                decompositions(found.stage, delta, found.vertices)
            except UnsupportedGameError:
                continue
            mine = time.perf_counter() - start
            if len(found.vertices) < 3:
                continue
            exact = TwoPlayerStage.of(stage)
            table = [[tuple(float(v) for v in exact.payoffs[(i, j)]) for j in range(size)]
                     for i in range(size)]
            game = gt.RepeatedGame(gt.NormalFormGame(table), float(delta))
            start = time.perf_counter()
            game.equilibrium_payoffs(options={"u_init": np.array(
                [float(v) for v in exact.minmax])})
            theirs.append(time.perf_counter() - start)
            ours.append(mine)
        label = f"{size}x{size}, discount 9/10"
        if size == 2:  # the first call of the process: numba compiles QuantEcon's code here
            rows += [(f"payoff set {label}, exact, first call", ours[0]),
                     (f"payoff set {label}, QuantEcon, first call (compiles)", theirs[0]),
                     (f"payoff set {label}: ratio exact / QuantEcon, first call",
                      ours[0] / theirs[0])]
        mine, quantecon = _median(ours[1:]), _median(theirs[1:])
        rows += [(f"payoff set {label}, exact, median of {games - 1} games", mine),
                 (f"payoff set {label}, QuantEcon (compiled), median of {games - 1} games",
                  quantecon),
                 (f"payoff set {label}: ratio of the medians exact / QuantEcon",
                  mine / quantecon)]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=10)
    parser.add_argument("--size", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--games", type=int, default=5,
                        help="random games per size for the payoff-set comparison")
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
    rows += payoff_set_rows(seed=7, games=options.games)
    print("| task | time (s) or ratio |")
    print("| --- | ---: |")
    for task, seconds in rows:
        print(f"| {task} | {seconds:.3g} |")


if __name__ == "__main__":
    main()
