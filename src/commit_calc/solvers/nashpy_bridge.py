"""nashpy's algorithms, with every answer rationalised and re-verified exactly.

nashpy (Knight and Campbell 2018) works in floating point: its support enumeration warns that
it may miss equilibria of degenerate games, and its output is approximate. Here each profile it
returns is turned into exact fractions, kept only if the independent exact regret check gives
zero, and deduplicated; nashpy's warnings and anything dropped are reported in
``SolveResult.warnings``. The default solver
(:func:`~commit_calc.solvers.mixed_nash.extreme_equilibria`) is exact and complete; this bridge
is for cross-checking and for users who want nashpy's method.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from fractions import Fraction

import numpy as np

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import MixedProfile
from commit_calc.solvers.results import Equilibrium, SolveResult, certify
from commit_calc.solvers.verify import verify

ALGORITHMS = ("support_enumeration", "vertex_enumeration", "lemke_howson")


def nashpy_equilibria(
    game: NormalFormGame,
    algorithm: str = "support_enumeration",
    *,
    max_denominator: int = 10**6,
) -> SolveResult:
    """Nash equilibria of a numeric two-player game found by nashpy, each verified exactly.

    Parameters
    ----------
    game
        Two players, numeric payoffs.
    algorithm
        ``"support_enumeration"``, ``"vertex_enumeration"`` or ``"lemke_howson"`` (run from
        every starting label).
    max_denominator
        Floats are rationalised with ``Fraction.limit_denominator(max_denominator)``.

    Examples
    --------
    >>> from commit_calc.model import NormalFormGame
    >>> bos = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> result = nashpy_equilibria(bos)
    >>> [e.profile.probabilities for e in result.equilibria]
    [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((2/3, 1/3), (1/3, 2/3))]
    """
    if algorithm not in ALGORITHMS:
        raise UnsupportedGameError(
            f"nashpy_equilibria(): algorithm {algorithm!r} is not one of {', '.join(ALGORITHMS)}"
        )
    if game.num_players != 2:
        raise UnsupportedGameError(
            f"nashpy_equilibria(): nashpy solves two-player games; this game has "
            f"{game.num_players} players"
        )
    row, column = (np.array(a, dtype=float) for a in game.numeric_payoffs())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = list(_run(row, column, algorithm))
    notes = [f"nashpy: {' '.join(str(w.message).split())}" for w in caught]  # one line each
    equilibria: list[Equilibrium] = []
    seen: set[tuple[tuple[Fraction, ...], ...]] = set()
    rejected = 0
    for strategies in found:
        exact = _rationalised(strategies, game.shape, max_denominator)
        if exact is None or exact in seen:
            rejected += exact is None
            continue
        profile = MixedProfile(exact)
        if not verify(game, profile).is_equilibrium:
            rejected += 1
            continue
        seen.add(exact)
        equilibria.append(certify(game, profile))
    if rejected:
        notes.append(
            f"{rejected} profile(s) returned by nashpy failed the exact check and were dropped"
        )
    notes.append(
        "nashpy works in floating point and may miss equilibria of degenerate games; the "
        "default method finds every extreme equilibrium exactly"
    )
    return SolveResult(
        game=game, concept="nash", method=f"nashpy-{algorithm.replace('_', '-')}",
        equilibria=tuple(equilibria), warnings=tuple(notes),
    )


def _run(row: np.ndarray, column: np.ndarray, algorithm: str) -> Iterable[object]:
    import nashpy

    bimatrix = nashpy.Game(row, column)
    runs = {
        "support_enumeration": bimatrix.support_enumeration,
        "vertex_enumeration": bimatrix.vertex_enumeration,
        "lemke_howson": bimatrix.lemke_howson_enumeration,
    }
    found: Iterable[object] = runs[algorithm]()
    return found


def _rationalised(
    strategies: object, shape: tuple[int, ...], max_denominator: int
) -> tuple[tuple[Fraction, ...], ...] | None:
    """Exact probability vectors near nashpy's floats, or ``None`` if they are not a profile."""
    try:
        vectors = [np.asarray(s, dtype=float) for s in strategies]  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return None
    if len(vectors) != 2 or any(v.shape != (size,) for v, size in zip(vectors, shape)):
        return None
    exact = []
    for vector in vectors:
        if not np.all(np.isfinite(vector)) or np.any(vector < -1e-9):
            return None
        fractions = [Fraction(float(max(p, 0.0))).limit_denominator(max_denominator)
                     for p in vector]
        total = sum(fractions)
        if total <= 0:
            return None
        exact.append(tuple(p / total for p in fractions))
    return tuple(exact)
