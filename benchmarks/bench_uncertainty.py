"""Benchmark: outcome probabilities under uncertainty, against the peers' way.

Run on demand from the repository root::

    python3 benchmarks/bench_uncertainty.py [--samples 1000000] [--points 2000]

Measured in one run:

* 10^6 Monte Carlo samples of ``enforcer-reliability`` with reliability, salary and sanction
  uncertain, in the library (samples per second; the symbolic regions computed once before),
  and the whole command ``commit-calc uncertainty`` against one ``commit-calc solve``
  (processes, start included, CPU time; issue 12's target: within 3 times);
* per-point solving scaled out (1 and 2 local processes, a Dask ``LocalCluster``): see
  ``benchmarks/bench_scale_out.py`` (the scaling table and the fixed costs);
* the peers' way: the same probability estimated by a loop of per-point solves, with
  commit-calc's exact solver and with nashpy's support enumeration on the reduced normal form
  (floats), over ``--points`` samples, extrapolated to the library's 10^6 samples;
* the lever search (``--lever salary=0:800``, reliability and sanction uncertain, and
  ``disarm-trust``'s exact curve): regions and samples made once (common random numbers)
  against the whole analysis redone at each lever value, as before.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import warnings

import numpy as np

from commit_calc.io import load_game
from commit_calc.uncertainty.analysis import uncertainty
from commit_calc.uncertainty.distributions import parse_distribution

GAME = "enforcer-reliability"
SPECS = [("reliability", "beta(3, 2)", 0, 1), ("salary", "uniform(200, 300)", 0, None),
         ("sanction", "uniform(0, 1000)", 0, None)]


def _cpu(args: list[str]) -> float:
    before = os.times()
    subprocess.run([sys.executable, "-m", "commit_calc", *args], check=True,
                   stdout=subprocess.DEVNULL)
    after = os.times()
    return (after.children_user - before.children_user
            + after.children_system - before.children_system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10**6)
    parser.add_argument("--points", type=int, default=10_000)
    options = parser.parse_args()
    game = load_game(GAME)
    beliefs = [parse_distribution(spec, name, low, high) for name, spec, low, high in SPECS]
    uncertainty(game, beliefs, samples=100)  # the regions, once
    start = time.process_time()
    uncertainty(game, beliefs, samples=options.samples)
    library = time.process_time() - start
    print("| measurement | value |\n|---|---|")
    print(f"| library, {options.samples:,} samples (CPU s) | {library:.2f} "
          f"({options.samples / library:,.0f} samples/s) |")
    dists = [arg for name, spec, _, _ in SPECS for arg in ("--dist", f"{name}={spec}")]
    command = min(_cpu(["uncertainty", GAME, *dists, "--samples", str(options.samples)])
                  for _ in range(3))
    solve = min(_cpu(["solve", GAME]) for _ in range(3))
    print(f"| command / one solve (CPU, best of 3) | {command:.2f} s / {solve:.2f} s = "
          f"{command / solve:.2f} |")
    start = time.perf_counter()
    uncertainty(game, beliefs, samples=options.points // 10, method="points")
    each = (time.perf_counter() - start) / (options.points // 10)
    print(f"| a loop of exact per-point solves of {GAME} (prepared), extrapolated to "
          f"{options.samples:,} | {each * options.samples:,.0f} s "
          f"({each * options.samples / library:,.0f} x the library) |")
    nashpy_rate = _nashpy_rate(game, beliefs, options.points)
    print(f"| peers' way (nashpy support enumeration, floats), extrapolated | "
          f"{options.samples / nashpy_rate:,.0f} s "
          f"({options.samples / nashpy_rate / library:,.0f} x the library) |")
    _levers(game, beliefs)


def _lever_time(game: object, beliefs: list[object], name: str, high: int, target: str
                ) -> float:
    """CPU seconds of one lever search, the symbolic regions computed afresh."""
    from commit_calc.analysis import region_grid
    from commit_calc.uncertainty import levers

    region_grid._regions.cache_clear()
    start = time.process_time()
    levers.smallest_lever(game, beliefs, {}, name, 0, high, target,  # type: ignore[arg-type]
                          "Disarm")
    return time.process_time() - start


def _levers(game: object, beliefs: list[object]) -> None:
    """The lever search with the curve's work shared, against each value analysed anew."""
    from unittest import mock

    from commit_calc.uncertainty import lever_curve, levers

    cases = [("enforcer-reliability, salary=0:800, 2 uncertain (mc)", game, beliefs[::2],
              "salary", 800, "0.9"),
             ("disarm-trust, patrol_cost=0:1000, salary uncertain (exact)",
              load_game("disarm-trust"), [parse_distribution("uniform(200, 300)", "salary",
                                                             0)], "patrol_cost", 1000, "1/2")]
    for label, *case in cases:
        shared = min(_lever_time(*case) for _ in range(2))
        with mock.patch.object(levers, "lever_curve",
                               lambda g, b, v, p, o, **k: lever_curve._per_value(
                                   g, b, v, p, o, k["samples"], k["seed"], k["method"])):
            anew = min(_lever_time(*case) for _ in range(2))
        print(f"| lever search, {label} (CPU s) | {shared:.2f} shared vs {anew:.2f} anew: "
              f"{anew / shared:.1f}x |")


def _nashpy_rate(game: object, beliefs: list[object], count: int) -> float:
    """Samples per second of a loop that builds each sample's reduced normal form in floats
    (compiled once with lambdify) and runs nashpy's support enumeration on it."""
    import nashpy
    import sympy

    from commit_calc.solvers.reduction import reduced_normal_form
    from commit_calc.uncertainty.sampling import draw

    values = {p.name: p.default for p in game.parameters  # type: ignore[attr-defined]
              if p.name not in ("reliability", "salary", "sanction")}
    table = reduced_normal_form(game.substitute(values)).game  # type: ignore[attr-defined]
    symbols = [table.parameters[n].symbol for n in ("reliability", "salary", "sanction")]
    a, b = (sympy.lambdify(symbols, sympy.Matrix(m.tolist()), "numpy") for m in table.payoffs)
    drawn = draw(beliefs, count, 0)  # type: ignore[arg-type]
    start = time.perf_counter()
    with warnings.catch_warnings():  # nashpy warns about every degenerate sample
        warnings.simplefilter("ignore", RuntimeWarning)
        for row in np.column_stack(drawn.columns):
            list(nashpy.Game(np.array(a(*row), float),
                             np.array(b(*row), float)).support_enumeration())
    return count / (time.perf_counter() - start)


if __name__ == "__main__":
    main()
