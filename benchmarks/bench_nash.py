"""Benchmark: exact extreme equilibria of random bimatrix games against other solvers.

Run on demand from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_nash.py [--sizes 7 9 11 13 15] [--games 3]

For each size, random games with integer payoffs 0..99 (fixed seeds) are solved by

* commit-calc ``extreme_equilibria`` (whole call: exact certification of every equilibrium
  included), and its kernel alone (``completely_labelled_pairs``), wall-clock and CPU time
  (``time.process_time``); the exact search alone (``search="exact"``, the kernel before the
  floating-point search) up to ``--exact-max``;
* pygambit ``enummixed_solve(rational=True)`` up to ``--gambit-max``;
* nashpy ``support_enumeration`` and ``vertex_enumeration`` (floating point; skipped above
  ``--nashpy-max``, 9 by default: at 11x11 they take minutes); the number of equilibria each
  reports is shown beside the exact count;
* ``lrsnash`` (lrslib, GMP arithmetic), timed as a subprocess including process start, with
  lrs's own reported CPU time in brackets.

Times are the median over the games of each size (best of ``--repeat`` runs for the fast
solvers). A markdown table with ratios is printed to stdout. On a loaded machine compare the
CPU columns (ours and lrs's own): they do not count time spent waiting for a core. BLAS runs
on one thread here (``OPENBLAS_NUM_THREADS=1`` unless set), as lrsnash does.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from commit_calc.model import NormalFormGame  # noqa: E402
from commit_calc.solvers._vertex_enumeration import completely_labelled_pairs  # noqa: E402
from commit_calc.solvers.mixed_nash import extreme_equilibria  # noqa: E402


def random_game(size: int, seed: int) -> tuple[list[list[int]], list[list[int]]]:
    rng = random.Random(seed)
    return tuple(  # type: ignore[return-value]
        [[rng.randint(0, 99) for _ in range(size)] for _ in range(size)] for _ in range(2)
    )


def best_time(function, repeat: int) -> tuple[float, float, object]:
    """Best wall-clock and best CPU time over ``repeat`` runs, and the last value."""
    best, best_cpu, value = float("inf"), float("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        value = function()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu, value


def time_ours(a, b, repeat, exact):
    # a fresh game each run: its cached exact payoff arrays are part of the work
    games = [NormalFormGame.from_matrices(a, b) for _ in range(repeat)]
    best, count = float("inf"), 0
    for game in games:
        start = time.perf_counter()
        count = len(extreme_equilibria(game).equilibria)
        best = min(best, time.perf_counter() - start)
    kernel, kernel_cpu, pairs = best_time(lambda: completely_labelled_pairs(a, b), repeat)
    assert len(pairs) == count  # type: ignore[arg-type]
    old = None
    if exact:
        old, _, old_pairs = best_time(
            lambda: completely_labelled_pairs(a, b, search="exact"), 1)
        assert sorted(old_pairs) == sorted(pairs)  # type: ignore[type-var]
    return best, kernel, kernel_cpu, old, count


def time_gambit(a, b):
    try:
        import pygambit as gbt
    except ImportError:
        return None, None
    game = gbt.Game.from_arrays(np.array(a, dtype=object), np.array(b, dtype=object))
    start = time.perf_counter()
    result = gbt.nash.enummixed_solve(game, rational=True)
    return time.perf_counter() - start, len(result.equilibria)


def time_nashpy(a, b, method="support_enumeration"):
    import nashpy

    game = nashpy.Game(np.array(a, dtype=float), np.array(b, dtype=float))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        count = sum(1 for _ in getattr(game, method)())
    return time.perf_counter() - start, count


def time_lrsnash(a, b, repeat):
    binary = shutil.which("lrsnash")
    if binary is None:
        return None, None, None
    text = f"{len(a)} {len(a[0])}\n\n" + "\n".join(" ".join(map(str, r)) for r in a)
    text += "\n\n" + "\n".join(" ".join(map(str, r)) for r in b) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game"
        path.write_text(text)
        best, _, output = best_time(
            lambda: subprocess.run([binary, str(path)], capture_output=True, text=True,
                                   check=True).stdout,
            repeat,
        )
    count = int(re.search(r"Number of equilibria found: (\d+)", output).group(1))
    own = re.search(r"\*([\d.]+)u ([\d.]+)s", output)
    cpu = float(own.group(1)) + float(own.group(2)) if own else None
    return best, cpu, count


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.1f}"


def ratio(x: float | None, y: float | None) -> str:
    return "—" if x is None or y is None or y == 0 else f"{x / y:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[7, 9, 11, 13, 15])
    parser.add_argument("--games", type=int, default=3, help="games per size")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the fast solvers")
    parser.add_argument("--nashpy-max", type=int, default=9, help="largest size for nashpy")
    parser.add_argument("--gambit-max", type=int, default=11, help="largest size for pygambit")
    parser.add_argument("--exact-max", type=int, default=13,
                        help="largest size for the exact search alone")
    options = parser.parse_args()

    rows = []
    for size in options.sizes:
        times: dict[str, list[float]] = {k: [] for k in
                                         ("ours", "kernel", "kernel_cpu", "exact", "gambit",
                                          "nashpy", "vertex", "lrs", "lrs_cpu")}
        counts, nashpy_counts, vertex_counts = [], [], []
        for k in range(options.games):
            a, b = random_game(size, seed=1000 * size + k)
            ours, kernel, kernel_cpu, exact, count = time_ours(
                a, b, options.repeat, size <= options.exact_max)
            times["ours"].append(ours)
            times["kernel"].append(kernel)
            times["kernel_cpu"].append(kernel_cpu)
            if exact is not None:
                times["exact"].append(exact)
            counts.append(count)
            if size <= options.gambit_max:
                gambit, gambit_count = time_gambit(a, b)
                if gambit is not None:
                    assert gambit_count == count, f"{size}x{size} game {k}: gambit {gambit_count}"
                    times["gambit"].append(gambit)
            if size <= options.nashpy_max:
                seconds, found = time_nashpy(a, b)
                times["nashpy"].append(seconds)
                nashpy_counts.append(found)
                seconds, found = time_nashpy(a, b, "vertex_enumeration")
                times["vertex"].append(seconds)
                vertex_counts.append(found)
            lrs, lrs_cpu, lrs_count = time_lrsnash(a, b, options.repeat)
            if lrs is not None:
                assert lrs_count == count, f"{size}x{size} game {k}: lrsnash {lrs_count}"
                times["lrs"].append(lrs)
                if lrs_cpu is not None:
                    times["lrs_cpu"].append(lrs_cpu)
        median = {k: statistics.median(v) if v else None for k, v in times.items()}
        rows.append((size, counts, nashpy_counts, vertex_counts, median))

    print("| size | equilibria (exact) | ours ms | kernel ms (cpu) | exact search ms "
          "| pygambit ms | gambit/ours | nashpy support enum. ms (found) "
          "| nashpy vertex enum. ms (found) | lrsnash ms (lrs cpu) | ours/lrsnash "
          "| kernel cpu/lrs cpu |")
    print("|---" * 12 + "|")
    for size, counts, nashpy_counts, vertex_counts, m in rows:
        nashpy = (f"{ms(m['nashpy'])} ({', '.join(map(str, nashpy_counts))})"
                  if nashpy_counts else "skipped")
        vertex = (f"{ms(m['vertex'])} ({', '.join(map(str, vertex_counts))})"
                  if vertex_counts else "skipped")
        print(
            f"| {size}x{size} | {', '.join(map(str, counts))} | {ms(m['ours'])} "
            f"| {ms(m['kernel'])} ({ms(m['kernel_cpu'])}) | {ms(m['exact'])} "
            f"| {ms(m['gambit'])} | {ratio(m['gambit'], m['ours'])} "
            f"| {nashpy} | {vertex} "
            f"| {ms(m['lrs'])} ({ms(m['lrs_cpu'])}) "
            f"| {ratio(m['ours'], m['lrs'])} | {ratio(m['kernel_cpu'], m['lrs_cpu'])} |"
        )


if __name__ == "__main__":
    main()
