"""Samples solved point by point, in chunks, from a game prepared once per process.

The game (with the fixed parameters substituted) travels as a :class:`PointGame`, once to
each worker (:func:`.executor.map_chunks`'s ``shared``), and is prepared
(:class:`~commit_calc.analysis.pointwise.PreparedGame`: no sympy per point) once per process:
here before the work starts, so that forked local workers inherit the prepared game; a worker
that receives it pickled (spawned processes, Dask) prepares it at its first chunk, since only
the game and the parameter names are pickled. Each chunk is a block of sample rows whose
answer comes back as arrays: several chunks per worker, so that the workers finish together,
and neither the game nor the samples travel once per sample. Points the prepared game does
not cover are solved by :func:`commit_calc.solvers.solve.solve`, as before. The samples are
drawn before they are cut into chunks, so the numbers do not depend on the chunks or the
workers.
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
#: A chunk's answer: its equilibrium-set labels, each row's index into them (-1: the game is
#: undefined there) and each row's payoffs of the first equilibrium (NaN where none).
ChunkResult = tuple[tuple[str, ...], np.ndarray, np.ndarray]

#: Chunks per local worker (enough that the workers finish within a small chunk of each
#: other: a chunk costs a tenth of a millisecond there) and per Dask worker (a chunk costs a
#: few milliseconds of the scheduler's, the client's and the worker's time), chunks of a run
#: in this process (they cost nothing there: steps of the progress bar), and the fewest rows
#: in a chunk.
CHUNKS_PER_WORKER = 16
CHUNKS_PER_DASK_WORKER = 4
IN_PROCESS_CHUNKS = 20
MIN_CHUNK = 100


class PointGame:
    """The game solved at each sample (fixed parameters substituted) and the names of the
    sample columns, with its prepared form made at most once per process. Pickled, it
    carries only the game and the names (the prepared form holds compiled code)."""

    def __init__(self, game: Game, names: tuple[str, ...]) -> None:
        self.game = game
        self.names = names
        self._prepared: Any = None

    def prepared(self) -> Any:
        """The :class:`~commit_calc.analysis.pointwise.PreparedGame`, made on first use."""
        if self._prepared is None:
            from commit_calc.analysis.pointwise import PreparedGame

            self._prepared = PreparedGame(self.game, self.names)
        return self._prepared

    def __reduce__(self) -> tuple[type[PointGame], tuple[Game, tuple[str, ...]]]:
        return PointGame, (self.game, self.names)


def solved_samples(game: Game, fixed: dict[str, sympy.Rational], names: Sequence[str],
                   rows: np.ndarray, *, workers: int = 1, dask: str | None = None,
                   progress: Callable[[int, int], None] | None = None
                   ) -> tuple[np.ndarray, tuple[str, ...], list[np.ndarray]]:
    """Each row of ``rows`` (values of ``names``, floats read as the rationals they are)
    solved exactly: the equilibrium set's code into the labels, the labels, and each player's
    payoff of the first equilibrium."""
    from commit_calc.uncertainty.executor import map_chunks

    count = rows.shape[0]
    if dask is not None:
        parts = max(workers, 1) * CHUNKS_PER_DASK_WORKER
    else:
        parts = IN_PROCESS_CHUNKS if workers <= 1 else workers * CHUNKS_PER_WORKER
    size = max(MIN_CHUNK, math.ceil(count / parts))
    chunks = [rows[k:k + size] for k in range(0, count, size)]
    report = None if progress is None else (lambda done: progress(done, len(chunks)))
    shared = PointGame(game.substitute(fixed), tuple(names))
    if dask is None:
        shared.prepared()  # here, and inherited by local workers where they are forked
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


def solve_chunk(rows: np.ndarray, shared: PointGame) -> ChunkResult:
    """Solve each row of a chunk with the game prepared once in this process."""
    from commit_calc.analysis.labels import profile_label
    from commit_calc.errors import CommitCalcError
    from commit_calc.solvers.solve import solve

    game, names = shared.game, shared.names
    prepared = shared.prepared()
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

