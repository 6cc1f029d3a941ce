"""Benchmark: every perfect Bayesian equilibrium of random signalling games, pure and mixed.

Random two-player signalling games with T types, M messages and R responses (integer payoffs
0..5, random priors). We time ``perfect_bayesian_equilibria`` (exact: beliefs, off-path belief
sets, the independent assessment check, classification, Intuitive Criterion and D1), pure
only and, up to 3 x 3 x 3, with ``mixed=True`` (every equilibrium, mixed included, as extreme
points with components), against
pygambit's ``enumpure_agent_solve`` (pure agent-form equilibria, no beliefs) and, where it ends
within the time limit, ``enumpoly_solve`` (all agent-form equilibria, floating point), on the
same games in the same run: median of the games' times, in ms.

Run::

    PYTHONPATH=src python3 benchmarks/bench_beliefs.py [--games 3] [--enumpoly-limit 60]
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import random
import statistics
import sys
import time
from fractions import Fraction
from typing import Any

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.io.gambit import format_efg
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal

SIZES = ((2, 2, 2), (3, 3, 3), (4, 4, 4))


def random_game(types: int, messages: int, responses: int, seed: int) -> ExtensiveFormGame:
    rng = random.Random(seed)
    weights = [rng.randint(1, 4) for _ in range(types)]
    root = Chance({
        f"t{i}": (Fraction(w, sum(weights)), Decision("Sender", {
            f"m{j}": Decision("Receiver", {
                f"r{k}": Terminal((rng.randint(0, 5), rng.randint(0, 5)))
                for k in range(responses)}, infoset=f"after m{j}")
            for j in range(messages)}))
        for i, w in enumerate(weights)})
    return ExtensiveFormGame.build(players=("Sender", "Receiver"), root=root)


def _timed(function: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    answer = function(*args)
    return (time.perf_counter() - start) * 1000, answer


def _enumpoly(text: str, queue: Any) -> None:
    import pygambit as gbt

    game = gbt.read_efg(io.StringIO(text))
    start = time.perf_counter()
    result = gbt.nash.enumpoly_solve(game, use_strategic=False)
    queue.put(((time.perf_counter() - start) * 1000, len(result.equilibria)))


def enumpoly_time(text: str, limit: float) -> float | None:
    """enumpoly's time in ms in a child process, or None past ``limit`` seconds."""
    queue: Any = multiprocessing.Queue()
    child = multiprocessing.Process(target=_enumpoly, args=(text, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return float(queue.get()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--enumpoly-limit", type=float, default=60.0)
    options = parser.parse_args()
    try:
        import pygambit as gbt
    except ImportError:
        gbt = None
    print("T x M x R   profiles   ours pure (ms)   pure PBE   ours all (ms)   all PBE   "
          "enumpure_agent (ms)   enumpoly (ms)")
    for types, messages, responses in SIZES:
        ours, theirs, poly, found, everything, counted = [], [], [], [], [], []
        for seed in range(options.games):
            game = random_game(types, messages, responses, seed)
            elapsed, result = _timed(perfect_bayesian_equilibria, game)
            ours.append(elapsed)
            found.append(len(result.equilibria))
            if max(types, messages, responses) <= 3:
                elapsed, result = _timed(lambda g: perfect_bayesian_equilibria(g, mixed=True),
                                         game)
                everything.append(elapsed)
                counted.append(len(result.equilibria))
            if gbt is not None:
                text = format_efg(game)
                theirs_game = gbt.read_efg(io.StringIO(text))
                theirs.append(_timed(gbt.nash.enumpure_agent_solve, theirs_game)[0])
                poly.append(enumpoly_time(text, options.enumpoly_limit))
        profiles = messages ** types * responses ** messages
        agent = f"{statistics.median(theirs):.1f}" if theirs else "-"
        finished = [p for p in poly if p is not None]
        polytext = (f"{statistics.median(finished):.1f}" if len(finished) == len(poly) and poly
                    else f"> {options.enumpoly_limit:.0f} s" if poly else "-")
        alltext = f"{statistics.median(everything):.1f}" if everything else "-"
        allcount = f"{statistics.median(counted)}" if counted else "-"
        print(f"{types} x {messages} x {responses}   {profiles:>8}   "
              f"{statistics.median(ours):>14.1f}   {statistics.median(found):>8}   "
              f"{alltext:>13}   {allcount:>7}   {agent:>19}   {polytext:>13}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
