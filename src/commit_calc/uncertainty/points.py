"""Samples solved point by point, in large chunks, from a game prepared once per process.

The game (with the fixed parameters substituted) is sent once to each worker
(:func:`.executor.map_chunks`'s ``shared``), prepared there once
(:class:`~commit_calc.analysis.pointwise.PreparedGame`: no sympy per point), and each chunk
is a block of sample rows whose answer comes back as arrays: a few chunks per worker, so
neither the game nor the samples travel once per sample. Points the prepared game does not
cover are solved by :func:`commit_calc.solvers.solve.solve`, as before. The samples are drawn
before they are cut into chunks, so the numbers do not depend on the chunks or the workers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import sympy

from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.values import kernel_fraction

Game = ExtensiveFormGame | NormalFormGame
#: (game with the fixed parameters substituted, names of the sample columns)
Shared = tuple[Game, tuple[str, ...]]
#: A chunk's answer: its equilibrium-set labels, each row's index into them (-1: the game is
#: undefined there) and each row's payoffs of the first equilibrium (NaN where none).
ChunkResult = tuple[tuple[str, ...], np.ndarray, np.ndarray]

#: Chunks per worker (a few, so that a slow chunk does not hold the others up), chunks of a
#: run in this process (they cost nothing there: steps of the progress bar), and the fewest
#: rows in a chunk.
CHUNKS_PER_WORKER = 4
IN_PROCESS_CHUNKS = 20
MIN_CHUNK = 500

_prepared: list[tuple[Shared, Any]] = []  # this process's prepared game (one slot)


def solved_samples(game: Game, fixed: dict[str, sympy.Rational], names: Sequence[str],
                   rows: np.ndarray, *, workers: int = 1, dask: str | None = None,
                   progress: Callable[[int, int], None] | None = None
                   ) -> tuple[np.ndarray, tuple[str, ...], list[np.ndarray]]:
    """Each row of ``rows`` (values of ``names``, floats read as the rationals they are)
    solved exactly: the equilibrium set's code into the labels, the labels, and each player's
    payoff of the first equilibrium."""
    from commit_calc.uncertainty.executor import map_chunks

    count = rows.shape[0]
    parts = IN_PROCESS_CHUNKS if workers <= 1 and dask is None else max(
        workers, 1) * CHUNKS_PER_WORKER
    size = max(MIN_CHUNK, math.ceil(count / parts))
    chunks = [rows[k:k + size] for k in range(0, count, size)]
    report = None if progress is None else (lambda done: progress(done, len(chunks)))
    shared: Shared = (game.substitute(fixed), tuple(names))
    results = map_chunks(solve_chunk, chunks, workers=workers, dask=dask, progress=report,
                         shared=shared)
    labels: dict[str, int] = {}
    codes = np.empty(count, dtype=np.int32)
    payoffs = np.full((count, len(game.players)), np.nan)
    position = 0
    for chunk_labels, chunk_codes, chunk_payoffs in results:
        remap = np.array([labels.setdefault(label, len(labels)) for label in chunk_labels]
                         + [-1], dtype=np.int32)
        stop = position + chunk_codes.size
        codes[position:stop] = remap[chunk_codes]  # -1 indexes the last entry: -1
        payoffs[position:stop] = chunk_payoffs
        position = stop
    return codes, tuple(labels), [payoffs[:, k].copy() for k in range(len(game.players))]


def solve_chunk(rows: np.ndarray, shared: Shared) -> ChunkResult:
    """Solve each row of a chunk with the game prepared once in this process."""
    from commit_calc.analysis.labels import profile_label
    from commit_calc.errors import CommitCalcError
    from commit_calc.solvers.solve import solve

    game, names = shared
    prepared = _prepared_game(shared)
    labels: dict[str, int] = {}
    codes = np.full(rows.shape[0], -1, dtype=np.int32)
    payoffs = np.full((rows.shape[0], len(game.players)), np.nan)
    for i, row in enumerate(rows.tolist()):
        point = [kernel_fraction(x) for x in row]  # a float's exact value
        solutions = prepared.solve(point)
        if solutions is not None:
            label = " / ".join(sorted(s.label for s in solutions))
            first = solutions[0].payoffs if solutions else ()
        else:
            try:
                result = solve(game, {n: sympy.Rational(int(x.numerator), int(x.denominator))
                                      for n, x in zip(names, point)})
            except CommitCalcError:
                continue
            label = " / ".join(sorted(profile_label(result.game, e.profile)
                                      for e in result.equilibria))
            first = result.equilibria[0].payoffs if result.equilibria else ()
        codes[i] = labels.setdefault(label, len(labels))
        for k, value in enumerate(first):
            payoffs[i, k] = float(value)
    return tuple(labels), codes, payoffs


def _prepared_game(shared: Shared) -> Any:
    """The prepared game of ``shared``, made once per process (kept for the last one)."""
    if not _prepared or _prepared[0][0] is not shared:
        from commit_calc.analysis.pointwise import PreparedGame

        _prepared[:] = [(shared, PreparedGame(shared[0], shared[1]))]
    return _prepared[0][1]
