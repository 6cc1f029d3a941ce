"""Benchmark: per-point solving scaled out, and the fixed costs that decide small runs.

Run on demand from the repository root, on a machine doing nothing else::

    PYTHONPATH=src python3 benchmarks/bench_scale_out.py [--points 1000,10000,100000]
        [--repeat 3] [--no-dask]

Per-point solving (``uncertainty --method points``) of ``bagwell-commitment`` with ``noise``
uniform on [0, 1] (mixed equilibria of a table block at each sample, no closed-form
regions), in this process, with 2 local processes and on a Dask ``LocalCluster`` with 2
workers. Issue 12's targets at 10^4 points, on 2 cores: 2 processes at least 1.7 times faster
than 1, Dask within 1.5 times the processes. Each row gives the best wall time of
``--repeat`` runs and the least CPU time (this process and its children: the pool's workers
and the cluster's, counted once they have exited). Wall-time ratios mean something only on an
idle machine; the load average is printed before and after. The imports of commit-calc and of
Dask are paid once per process and are outside the timings (the second table gives them); the
last column adds the import of Dask to the Dask time, as a ``--dask local`` command pays it.

The second table measures the fixed costs directly: importing the libraries in a fresh
process (what a spawned worker would pay; forked workers inherit them), preparing the game
(once per process), the pickled game and chunk result, starting and stopping the pool or the
cluster (no work), and each further chunk (no-op chunks).
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from commit_calc.io import load_game
from commit_calc.uncertainty.analysis import uncertainty
from commit_calc.uncertainty.distributions import parse_distribution
from commit_calc.uncertainty.executor import map_chunks
from commit_calc.uncertainty.points import solve_chunk

GAME, PARAMETER, SPEC = "bagwell-commitment", "noise", "uniform(0, 1)"
DASK_IMPORT = "import distributed, after commit-calc (once per process)"
IMPORTS = ("import commit_calc.uncertainty.points, commit_calc.analysis.pointwise, "
           "commit_calc.solvers.solve")


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its exited children."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _best(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The least wall and the least CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), _cpu()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def _noop(chunk: object, shared: object) -> object:
    return chunk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-dask", action="store_true")
    options = parser.parse_args()
    sizes = [int(n) for n in options.points.split(",")]
    dask = not options.no_dask and _has_dask()
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores: 0 is idle)\n")
    # Everything local first: a Dask client leaves a thread behind, and local workers are
    # forked only from a process with one thread.
    local: list[tuple[str, dict[str, Any]]] = [("1 process", {}), ("2 processes", {"workers": 2})]
    remote = [("Dask, 2 workers", {"dask": "local", "workers": 2})] if dask else []
    found = {label: _scaling(sizes, options.repeat, kwargs) for label, kwargs in local}
    costs = _fixed_costs(options.repeat, {"workers": 2}, "process pool, 2 workers")
    for label, kwargs in remote:
        found[label] = _scaling(sizes, options.repeat, kwargs)
        costs += _fixed_costs(options.repeat, kwargs, "Dask LocalCluster, 2 workers")
    costs = _imports_and_game(options.repeat, dask) + costs
    imported = dict(costs)[DASK_IMPORT][0] if dask else 0.0
    print("\n| points | " + " | ".join(f"{label}: wall s (CPU s)" for label in found)
          + " | 2 processes vs 1 (target >= 1.7) |"
          + (" Dask / 2 processes (target <= 1.5) | the same, import of Dask included |"
             if dask else ""))
    print("|---" * (len(found) + 2 + 2 * dask) + "|")
    for k, size in enumerate(sizes):
        cells = [f"{times[k][0]:.3f} ({times[k][1]:.3f})" for times in found.values()]
        pool = found["2 processes"][k][0]
        cells.append(f"{found['1 process'][k][0] / pool:.2f}x")
        if dask:
            on_dask = found["Dask, 2 workers"][k][0]
            cells += [f"{on_dask / pool:.2f}x", f"{(on_dask + imported) / pool:.2f}x"]
        print(f"| {size:,} | " + " | ".join(cells) + " |")
    print("\n| fixed cost | wall s | CPU s |\n|---|---|---|")
    for label, (wall, cpu) in costs:
        print(f"| {label} | {wall:.4f} | {cpu:.4f} |")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


def _has_dask() -> bool:
    try:
        import distributed  # noqa: F401  (imported once, outside the timings)
    except ImportError:
        print("Dask is not installed (pip install \"commit-calc[distributed]\"): no Dask rows")
        return False
    return True


def _scaling(sizes: list[int], repeat: int, kwargs: dict[str, Any]
             ) -> list[tuple[float, float]]:
    """Best wall and CPU seconds of per-point solving of each number of samples."""
    game = load_game(GAME)
    beliefs = [parse_distribution(SPEC, PARAMETER, 0, 1)]
    uncertainty(game, beliefs, samples=50, method="points")  # warm: first calls, caches
    return [_best(partial(uncertainty, game, beliefs, samples=size, seed=1, method="points",
                          **kwargs), repeat) for size in sizes]


Row = tuple[str, tuple[float, float]]


def _imports_and_game(repeat: int, dask: bool) -> list[Row]:
    """What a spawned worker would pay for its imports, and what each process pays once."""
    prepare = (f"from commit_calc.io import load_game\ngame = load_game({GAME!r})."
               f"substitute({{}})\nfrom commit_calc.analysis.pointwise import PreparedGame")
    rows = [("import commit-calc, sympy, numpy, scipy in a fresh process (a spawned worker)",
             _fresh(IMPORTS, "", repeat)),
            ("prepare the game, first time in a process (once per process)",
             _fresh(f"PreparedGame(game, ({PARAMETER!r},))", prepare, repeat))]
    if dask:
        rows.append((DASK_IMPORT, _fresh("import distributed", IMPORTS, repeat)))
    game = load_game(GAME).substitute({})
    names = (PARAMETER,)
    chunk = np.random.default_rng(0).random((625, 1))
    sent, result = (len(pickle.dumps(x)) for x in (
        (game, names), solve_chunk(chunk, _shared(game, names))))
    print(f"(the game pickled: {sent:,} bytes; a chunk of 625 samples: {chunk.nbytes:,} "
          f"bytes, its result: {result:,} bytes)")
    return rows


def _fixed_costs(repeat: int, kwargs: dict[str, Any], label: str) -> list[Row]:
    """Starting and stopping the executor with no work, and each further (no-op) chunk."""
    game, many = load_game(GAME).substitute({}), 200
    two = _best(partial(map_chunks, _noop, [0, 1], shared=game, **kwargs), repeat)
    lots = _best(partial(map_chunks, _noop, list(range(many)), shared=game, **kwargs), repeat)
    return [(f"{label}: start, send the game, stop (2 no-op chunks)", two),
            (f"{label}: each further chunk ({many} no-op chunks)",
             ((lots[0] - two[0]) / (many - 2), (lots[1] - two[1]) / (many - 2)))]


def _shared(game: Any, names: tuple[str, ...]) -> Any:
    """What :func:`solve_chunk` takes (a ``PointGame`` where it exists: older versions
    took the pair), so that this benchmark also measures the code before the change."""
    try:
        from commit_calc.uncertainty.points import PointGame
    except ImportError:
        return (game, names)
    return PointGame(game, names)


def _fresh(statement: str, before: str, repeat: int) -> tuple[float, float]:
    """Least wall and CPU seconds of ``statement`` in a fresh Python (after ``before``)."""
    code = (f"{before}\nimport time\nw, c = time.perf_counter(), time.process_time()\n"
            f"{statement}\nprint(time.perf_counter() - w, time.process_time() - c)")
    found = [subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True).stdout.split() for _ in range(repeat)]
    return min(float(f[0]) for f in found), min(float(f[1]) for f in found)


if __name__ == "__main__":
    main()
