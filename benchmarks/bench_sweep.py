"""Benchmark: sweeps over exact regions against the bare numpy formula and per-point solving.

Run on demand from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_sweep.py [--size 1000] [--points 300] [--point-by-point]

Measured in one run, on ``enforcer-reliability`` over (salary, reliability):

* the library sweep (``commit_calc.analysis.sweep.sweep``) on a ``size x size`` grid, repeated
  on the same game (its symbolic analysis remembered) and as the first sweep of the game
  (symbolic analysis included), against the bare numpy formula for the same outcome (the
  limit): disarm iff salary <= 400 and reliability * (salary + 1400) >= 1000; best of
  ``--repeat``, in wall-clock and in CPU time (the machine may be shared), all interleaved
  (``--only-numpy``: this table alone); also the classification of the points alone, and by
  the previous classifier (kept in ``tests/analysis/test_vector_classifier.py``);
* per-point exact solving with ``commit_calc.solvers.solve.solve`` and per-point nashpy
  support enumeration on the reduced normal form (its float matrices compiled once with
  lambdify), each on ``--points`` points, extrapolated to points per second;
* from the command line: the ``size x size`` sweep written as CSV to a file against one
  ``commit-calc solve`` (subprocesses, process start included, best of 3);
* one parameter against two: a sweep over salary with ``size**2`` points against the
  ``size x size`` sweep, each as text and as CSV, in the library (sweep and rendering) and
  from the command line (output to a file), best of 3; the ratio per point should be
  at most about 1;
* point by point (``--point-by-point`` runs this table alone): ``bagwell-commitment`` (two
  players, imperfect information), Selten's horse with a parameter (three players) and
  ``enforcer-reliability`` (perfect information), each swept over one parameter in [0, 1], in
  points per second of CPU time, before (every point through ``solve``: sympy substitution,
  sympy reduced normal form; ``--points`` points) and after (the game prepared once,
  :class:`commit_calc.analysis.pointwise.PreparedGame`; ten times as many points), best of 3,
  interleaved, in one run; and ``commit-calc sweep bagwell-commitment`` over ``30 * --points``
  values to a file (CPU time of the process, its start included: wall time on a shared
  machine says more about the other processes);
* thresholds (the symbolic regions and comparative statics, every parameter symbolic) for
  every catalog game, in the library (no process start), and for ``enforcer-reliability``
  also with the text report, and from the command line against one ``commit-calc solve``.

Prints a markdown table with the ratios.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import sympy

from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.analysis.thresholds import comparative_statics
from commit_calc.io import load_game
from commit_calc.io.catalog import list_games
from commit_calc.solvers.reduction import reduced_normal_form
from commit_calc.solvers.solve import solve

GAME = "enforcer-reliability"
CLI = [sys.executable, "-c", "from commit_calc.cli.main import cli; cli()"]


def best(function, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def library_against_numpy(size: int, repeat: int) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) seconds of the repeated library sweep, the first sweep of the game,
    the classification of the grid's points alone (and by the previous classifier, kept in
    the tests as the reference) and the bare numpy formula, measured in turns so a busy
    moment hits all of them."""
    from commit_calc.analysis import region_grid

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "analysis"))
    from test_vector_classifier import _reference_codes

    game = load_game(GAME)
    axes = [Axis.parse("salary", 0, 1000, size), Axis.parse("reliability", 0, 1, size)]
    salary = np.linspace(0, 1000, size)[:, None]
    reliability = np.linspace(0, 1, size)[None, :]
    constants = game.parameters.without(["salary", "reliability"]).values({})
    analysis = region_grid.regions_of(game, constants, "auto")

    def first() -> None:
        region_grid._regions.cache_clear()  # the game's analysis forgotten, as for a new game
        sweep(game, axes)

    runs = {"repeated": lambda: sweep(game, axes), "first": first,
            "codes": lambda: region_grid.region_codes(analysis, axes, None),
            "reference": lambda: _reference_codes(analysis, axes, None),
            "numpy": lambda: (salary <= 400) & (reliability * (salary + 1400) >= 1000)}
    found = {what: (float("inf"), float("inf")) for what in runs}
    sweep(game, axes)
    for _ in range(repeat):
        for what, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            found[what] = (min(found[what][0], wall), min(found[what][1], cpu))
    return found


def print_library_against_numpy(size: int, repeat: int) -> float:
    """The table of :func:`library_against_numpy`; returns the repeated sweep's points/s."""
    n = size * size
    found = library_against_numpy(size, repeat)
    print(f"## Sweep of {GAME} over (salary, reliability), {size} x {size}, best of {repeat}\n")
    print("| method | points/s | CPU: points/s | time / bare numpy's (wall, CPU) |")
    print("|---|---:|---:|---:|")
    numpy_wall, numpy_cpu = found["numpy"]
    for what, label in (
            ("numpy", "bare numpy formula (the limit)"),
            ("repeated", "library sweep, repeated (the game's analysis remembered)"),
            ("first", "library sweep, first of the game (symbolic analysis included)"),
            ("codes", "the points' regions alone (sign-pattern table)"),
            ("reference", "the points' regions alone, by the previous classifier")):
        wall, cpu = found[what]
        print(f"| {label} | {n / wall:,.0f} | {n / cpu:,.0f} | "
              f"{wall / numpy_wall:.1f}, {cpu / numpy_cpu:.1f} |")
    return n / found["repeated"][0]


def sample_points(count: int) -> list[dict[str, sympy.Rational]]:
    return [{"salary": sympy.Rational(1000 * k, count),
             "reliability": sympy.Rational((7 * k) % count, count)} for k in range(count)]


def exact_per_point(count: int) -> float:
    game = load_game(GAME)
    points = sample_points(count)
    return best(lambda: [solve(game, p) for p in points], repeat=1) / count


def nashpy_per_point(count: int) -> float:
    import nashpy

    game = load_game(GAME)
    free = {p.name: p.default for p in game.parameters if p.name not in ("salary", "reliability")}
    reduced = reduced_normal_form(game.substitute(free)).game
    symbols = [reduced.parameters["salary"].symbol, reduced.parameters["reliability"].symbol]
    matrices = [sympy.lambdify(symbols, sympy.Matrix(a.tolist()), "numpy")
                for a in reduced.payoffs]
    points = [(float(p["salary"]), float(p["reliability"])) for p in sample_points(count)]

    def run() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for point in points:
                a, b = (np.asarray(m(*point), dtype=float) for m in matrices)
                list(nashpy.Game(a, b).support_enumeration())

    return best(run, repeat=1) / count


def command_line(size: int) -> tuple[float, float]:
    def solve_once() -> None:
        subprocess.run([*CLI, "solve", GAME], check=True, capture_output=True)

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "sweep.csv"

        def sweep_once() -> None:
            with target.open("w") as handle:
                subprocess.run([*CLI, "sweep", GAME, "--vary", f"salary=0:1000:{size}",
                                "--vary", f"reliability=0:1:{size}", "--format", "csv"],
                               check=True, stdout=handle)

        return best(solve_once), best(sweep_once)


def one_against_two(size: int) -> list[tuple[str, float, float]]:
    """Seconds per point of a ``size**2``-point sweep over one parameter and of the
    ``size x size`` sweep over two, as (what, one, two)."""
    from commit_calc.analysis import report

    game = load_game(GAME)
    one = [Axis.parse("salary", 0, 1000, size * size)]
    two = [Axis.parse("salary", 0, 1000, size), Axis.parse("reliability", 0, 1, size)]
    n = size * size
    found = []
    for kind in ("text", "csv"):
        def library(axes: list[Axis], kind: str = kind) -> float:
            def run() -> None:
                result = sweep(game, axes)
                if kind == "text":
                    report.sweep_text(result, GAME)
                else:
                    "".join(report.sweep_csv(result))
            return best(run) / n
        found.append((f"library: sweep and {kind}", library(one), library(two)))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "sweep.out"
        for kind in ("text", "csv"):
            def command(axes: list[Axis], kind: str = kind) -> float:
                vary = [x for a in axes
                        for x in ("--vary", f"{a.name}={a.start}:{a.stop}:{a.count}")]

                def run() -> None:
                    with target.open("w") as handle:
                        subprocess.run([*CLI, "sweep", GAME, *vary, "--format", kind],
                                       check=True, stdout=handle)
                return best(run) / n
            found.append((f"command line: `--format {kind} > file`", command(one), command(two)))
    return found


def cpu_best(function, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


#: Point-by-point sweeps measured before (``solve`` at every point) and after (the prepared
#: game): (what, game, parameter swept, what kind of game).
POINTWISE = [
    ("bagwell-commitment", "noise", "imperfect information, one block, two players"),
    ("selten-horse, with `t`", "t", "imperfect information, three players"),
    ("enforcer-reliability", "reliability", "perfect information"),
]

#: Selten's horse has no parameter: player 3's payoff after D, R becomes ``3 * t``.
HORSE_PAYOFF = ("[nodes.DR]\npayoffs = [3, 2, 2]",
                '[nodes.DR]\npayoffs = [3, 2, "3 * t"]\n\n'
                '[parameters.t]\nvalue = "1/2"\nmin = 0\nmax = 1')


def pointwise_game(name: str):  # type: ignore[no-untyped-def]
    """A game of :data:`POINTWISE` (the parametric Selten's horse written to a file)."""
    if not name.startswith("selten-horse"):
        return load_game(name)
    from commit_calc.io import catalog

    text = catalog.path_of("selten-horse").read_text()
    assert HORSE_PAYOFF[0] in text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "horse.toml"
        path.write_text(text.replace(*HORSE_PAYOFF))
        return load_game(str(path))


def pointwise_rates(name: str, parameter: str, count: int,
                    repeat: int) -> tuple[float, float]:
    """Points per CPU second of a point-by-point sweep over ``parameter`` in [0, 1]: every
    point through ``solve`` (before, on ``count`` points) and the prepared game (after, on
    ``10 * count`` points); best of ``repeat``, the two interleaved so a busy moment of the
    machine hits both."""
    from commit_calc.analysis.sweep import _pointwise

    game = pointwise_game(name)
    few = (Axis.parse(parameter, 0, 1, count),)
    many = (Axis.parse(parameter, 0, 1, 10 * count),)
    before = after = float("inf")
    for _ in range(repeat):
        before = min(before, cpu_best(lambda: _pointwise(
            game, {}, few, "auto", None, None, prepared=False), repeat=1))
        after = min(after, cpu_best(lambda: sweep(game, many, method="points"), repeat=1))
    return count / before, 10 * count / after


def command_line_rate(count: int) -> float:
    """Points per CPU second of ``commit-calc sweep bagwell-commitment`` over ``count``
    values to a file (the child process's CPU time, its start included)."""
    import resource

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "sweep.txt"
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        with target.open("w") as handle:
            subprocess.run([*CLI, "sweep", "bagwell-commitment", "--vary",
                            f"noise=0:1:{count}"], check=True, stdout=handle)
        done = resource.getrusage(resource.RUSAGE_CHILDREN)
    return count / (done.ru_utime + done.ru_stime - used.ru_utime - used.ru_stime)


def thresholds_times() -> list[tuple[str, float | None]]:
    found = []
    for name, *_ in list_games():
        game = load_game(name)
        try:
            found.append((name, best(lambda g=game: comparative_statics(parameter_regions(g)),
                                      repeat=1)))
        except Exception:  # noqa: BLE001 - games outside the symbolic analysis
            found.append((name, None))
    return found


def thresholds_enforcer() -> tuple[float, float]:
    """``enforcer-reliability`` with every parameter symbolic: the library (regions,
    comparative statics and the text report, first call on a fresh game) and the command."""
    from commit_calc.analysis.feasibility import _to_poly
    from commit_calc.analysis.report import thresholds_text

    def library() -> None:
        _to_poly.cache_clear()  # as in a new process
        analysis = parameter_regions(load_game(GAME))
        thresholds_text(analysis, GAME, (), comparative_statics(analysis))

    def command() -> None:
        subprocess.run([*CLI, "thresholds", GAME], check=True, capture_output=True)

    return best(library), best(command)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--points", type=int, default=300,
                        help="points solved one by one (ten times as many by the prepared game)")
    parser.add_argument("--repeat", type=int, default=20,
                        help="best of how many runs, for the library against bare numpy")
    parser.add_argument("--only-numpy", action="store_true",
                        help="only the library sweep against the bare numpy formula")
    parser.add_argument("--point-by-point", action="store_true",
                        help="run only the point-by-point section")
    options = parser.parse_args()
    if options.point_by_point:
        point_by_point(options.points)
        return
    n = options.size * options.size
    rate = print_library_against_numpy(options.size, options.repeat)
    if options.only_numpy:
        return
    exact_time = exact_per_point(options.points)
    nashpy_time = nashpy_per_point(options.points)
    solve_cli, sweep_cli = command_line(options.size)
    print("\n| per point | points/s | the repeated library sweep is ... x faster |")
    print("|---|---:|---:|")
    print(f"| exact solver, point by point | {1 / exact_time:,.0f} | {rate * exact_time:,.0f} |")
    print(f"| nashpy on the reduced normal form, point by point | {1 / nashpy_time:,.0f} | "
          f"{rate * nashpy_time:,.0f} |")
    print("\n| command line | seconds | ratio to one solve |\n|---|---:|---:|")
    print(f"| `commit-calc solve {GAME}` | {solve_cli:.2f} | 1 |")
    print(f"| `commit-calc sweep ... --format csv > file` ({n:,} points) | {sweep_cli:.2f} | "
          f"{sweep_cli / solve_cli:.1f} |")
    library_time, command_time = thresholds_enforcer()
    print(f"\n| `thresholds {GAME}` (all symbolic) | seconds | ratio to one solve |")
    print("|---|---:|---:|")
    print(f"| library (regions, statics, text) | {library_time:.2f} | "
          f"{library_time / solve_cli:.1f} |")
    print(f"| command line | {command_time:.2f} | {command_time / solve_cli:.1f} |")
    print(f"\n## One parameter ({n:,} points) against two ({options.size} x {options.size})\n")
    print("| what | one: µs/point | two: µs/point | one / two per point |\n|---|---:|---:|---:|")
    for what, one, two in one_against_two(options.size):
        print(f"| {what} | {one * 1e6:.2f} | {two * 1e6:.2f} | {one / two:.2f} |")
    point_by_point(options.points)
    print("\n| game | regions + comparative statics (s) |\n|---|---:|")
    for name, seconds in thresholds_times():
        print(f"| {name} | {'not covered' if seconds is None else f'{seconds:.3f}'} |")


def point_by_point(points: int, repeat: int = 3) -> None:
    print(f"\n## Point by point: `solve` at every point (before) and the prepared game "
          f"(after), points per CPU second, best of {repeat}, in one run\n")
    print("| game (parameter in [0, 1]) | kind | before | after | after / before |")
    print("|---|---|---:|---:|---:|")
    first = 0.0
    for name, parameter, kind in POINTWISE:
        before, after = pointwise_rates(name, parameter, points, repeat)
        first = first or before
        print(f"| {name} ({parameter}) | {kind} | {before:,.0f} | {after:,.0f} | "
              f"{after / before:.1f} |")
    cli = command_line_rate(30 * points)
    print(f"| command line, bagwell-commitment, {30 * points:,} points, process start "
          f"included | | | {cli:,.0f} | {cli / first:.1f} |")


if __name__ == "__main__":
    main()
