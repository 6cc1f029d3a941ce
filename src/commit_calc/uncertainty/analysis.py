"""How likely is each outcome, given what the analyst does not know?

:func:`uncertainty` puts distributions on some parameters (the others keep their values) and
reports the probability of each outcome and of each equilibrium set, and the distribution of
each player's equilibrium payoff:

* ``"exact"``: with exact regions and one uncertain parameter (:mod:`.exact`), or two
  uniform ones (:mod:`.exact_plane`), the probabilities are exact, and the payoffs are
  summarised from samples;
* ``"mc"`` / ``"qmc"``: samples (:mod:`.sampling`) classified by the exact regions,
  vectorised, with a standard error and a 95% interval for each probability;
* ``"points"``: where the game has no complete exact regions, each sample is solved
  (:mod:`.points`: the game prepared once per process, chunks sized to the workers), in
  this process, local processes or on Dask (:mod:`.executor`).

>>> from commit_calc.io import load_game
>>> from commit_calc.uncertainty.distributions import parse_distribution
>>> game = load_game("enforcer-reliability")
>>> found = uncertainty(game, [parse_distribution("beta(3, 2)", "reliability", 0, 1)],
...                     samples=1000)
>>> found.method, [(o.outcome, o.probability) for o in found.outcomes]  # doctest: +ELLIPSIS
('exact', [('Disarm > Reliable: Honor | Unreliable: Renege', 67769/131769), ('Stay armed', ...)])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.uncertainty.distributions import Distribution
from commit_calc.uncertainty.sampling import Samples, draw, estimate

Game = ExtensiveFormGame | NormalFormGame
#: Quantiles reported for each payoff.
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class Probability:
    """An outcome (or equilibrium set, labels joined by `` / ``) and its probability: exact
    where known (``probability``), else estimated with its standard error and 95% interval."""

    outcome: str
    probability: sympy.Expr | None
    estimate: float
    standard_error: float | None = None
    interval: tuple[float, float] | None = None


@dataclass(frozen=True)
class PayoffSummary:
    """One player's equilibrium payoff over the samples (the first equilibrium listed where
    there are several): mean and quantiles."""

    player: str
    mean: float
    quantiles: dict[float, float]


@dataclass(frozen=True)
class Uncertainty:
    """The result of :func:`uncertainty` (frozen, like every result of commit-calc)."""

    game: Game
    beliefs: tuple[Distribution, ...]
    values: dict[str, sympy.Rational]
    method: str
    samples: int
    seed: int
    outcomes: tuple[Probability, ...]
    sets: tuple[Probability, ...]
    payoffs: tuple[PayoffSummary, ...]
    invalid: Probability | None
    sensitivity: dict[str, dict[str, dict[str, float]]] | None = None
    warnings: tuple[str, ...] = ()
    drawn: Samples | None = field(default=None, repr=False)
    #: The equilibrium set of each sample: an index into ``labels`` (-1: undefined there).
    codes: np.ndarray | None = field(default=None, repr=False)
    labels: tuple[str, ...] = field(default=(), repr=False)

    def to_frame(self) -> Any:
        """The outcome probabilities as a pandas DataFrame (pandas must be installed)."""
        import pandas

        return pandas.DataFrame([{
            "outcome": p.outcome,
            "probability": None if p.probability is None else str(p.probability),
            "estimate": p.estimate, "standard_error": p.standard_error,
            "low": None if p.interval is None else p.interval[0],
            "high": None if p.interval is None else p.interval[1]} for p in self.outcomes])


def uncertainty(game: Game, beliefs: Sequence[Distribution],
                values: Mapping[str, object] | None = None, *, samples: int = 100_000,
                seed: int = 0, method: str = "auto", workers: int = 1, dask: str | None = None,
                sensitivity: bool = False,
                progress: Callable[[int, int], None] | None = None) -> Uncertainty:
    """Outcome probabilities and payoff distributions under ``beliefs``.

    ``method`` is ``"auto"`` (exact where possible, else ``"mc"``, else ``"points"``),
    ``"exact"``, ``"mc"``, ``"qmc"`` or ``"points"``. Raises :class:`ParameterError` for a
    belief about an unknown parameter, a parameter both given a value and a belief, or bad
    sample counts; :class:`UnsupportedGameError` for ``"exact"`` where it cannot be done.
    ``progress(done, total)`` is called as chunks of per-point work finish.
    """
    names = [b.parameter for b in beliefs]
    _check(game, names, values or {})
    fixed = game.parameters.without(names).values(values)
    if method not in ("auto", "exact", "mc", "qmc", "points"):
        raise ParameterError(f"--method {method}: expected auto, exact, mc, qmc or points")
    analysis, warnings = _regions(game, fixed, method)
    drawn = draw(beliefs, samples, seed, "qmc" if method == "qmc" else "mc")
    if analysis is None:
        from commit_calc.uncertainty.points import solved_samples

        codes, labels, payoffs = solved_samples(game, dict(fixed), drawn.names,
                                                sample_rows(drawn), workers=workers, dask=dask,
                                                progress=progress)
        used = "points"
    else:
        from commit_calc.analysis.region_grid import point_codes

        codes = point_codes(analysis, names, drawn.columns, _atoms(beliefs, drawn))
        labels = tuple(" / ".join(e.outcome for e in r.equilibria) for r in analysis.regions)
        payoffs = region_payoffs(analysis, names, drawn.columns, codes)
        used = "qmc" if method == "qmc" else "mc"
    outcomes, sets, invalid = _estimates(codes, labels, drawn)
    exact = _exact(game, beliefs, fixed) if analysis is not None and method in (
        "auto", "exact") else None
    if exact is not None:
        outcomes, sets, invalid = exact
        used = "exact"
    elif method == "exact":
        raise UnsupportedGameError("--method exact: exact probabilities need exact regions "
                                   "and one uncertain parameter, or two uniform ones whose "
                                   "boundaries are linear in the second; use mc or qmc")
    summaries = tuple(
        PayoffSummary(player, float(np.nanmean(column)),
                      {q: float(np.nanquantile(column, q)) for q in QUANTILES})
        for player, column in zip(game.players, payoffs) if np.any(~np.isnan(column)))
    indices = None
    if sensitivity:
        from commit_calc.uncertainty.sensitivity import sobol_indices

        indices = sobol_indices(game, beliefs, fixed, analysis, seed)
    return Uncertainty(game, tuple(beliefs), fixed, used, drawn.count, seed, outcomes, sets,
                       summaries, invalid, indices, tuple(warnings), drawn, codes, labels)


def _check(game: Game, names: Sequence[str], values: Mapping[str, object]) -> None:
    if not names:
        raise ParameterError("give at least one uncertain parameter (--dist NAME=SPEC)")
    for name in names:
        game.parameters[name]  # an unknown name raises, with a suggestion
        if names.count(name) > 1:
            raise ParameterError(f"--dist {name}: given twice")
        if name in values:
            raise ParameterError(f"parameter '{name}' has both a value (--set) and a "
                                 "distribution (--dist)")


def _regions(game: Game, fixed: Mapping[str, sympy.Rational], method: str
             ) -> tuple[Any, list[str]]:
    """The exact regions over the uncertain parameters, or None (with the reason)."""
    if method == "points":
        return None, []
    from commit_calc.analysis.region_grid import regions_of

    try:
        analysis = regions_of(game, dict(fixed), "auto")
    except UnsupportedGameError as error:
        if method != "auto":
            raise
        return None, [f"solved point by point: {error}"]
    if not analysis.complete:
        if method != "auto":
            raise UnsupportedGameError("the exact regions do not list every equilibrium of "
                                       "this game; use --method points")
        return None, ["solved point by point: the exact regions do not list every "
                      "equilibrium"]
    return analysis, list(analysis.warnings)


def _atoms(beliefs: Sequence[Distribution], drawn: Samples) -> list[Sequence[object] | None]:
    return [None if atoms is None else [b.values[i] for i in atoms]
            for b, atoms in zip(beliefs, drawn.atoms)]


def region_payoffs(analysis: Any, names: Sequence[str], columns: Sequence[np.ndarray],
                   codes: np.ndarray) -> list[np.ndarray]:
    """Each player's payoff at each sample (``columns``: the values of ``names``; ``codes``:
    each sample's region): the first equilibrium of its region, evaluated in floats (NaN
    outside every region)."""
    symbols = [analysis.symbols[n] for n in names]
    players = analysis.game.players
    result = [np.full(codes.shape, np.nan) for _ in players]
    for number, region in enumerate(analysis.regions):
        inside = codes == number
        if not region.equilibria or not np.any(inside):
            continue
        here = [c[inside] for c in columns]
        for k, player in enumerate(players):
            formula = sympy.lambdify(symbols, region.equilibria[0].payoffs[player], "numpy")
            result[k][inside] = np.broadcast_to(formula(*here), here[0].shape)
    return result


def _estimates(codes: np.ndarray, labels: Sequence[str], drawn: Samples
               ) -> tuple[tuple[Probability, ...], tuple[Probability, ...], Probability | None]:
    outcomes: dict[str, np.ndarray] = {}
    sets: dict[str, np.ndarray] = {}
    for number, label in enumerate(labels):
        inside = codes == number
        sets[label] = sets.get(label, np.zeros(codes.shape, bool)) | inside
        for outcome in label.split(" / ") if label else ():
            outcomes[outcome] = outcomes.get(outcome, np.zeros(codes.shape, bool)) | inside

    def summary(name: str, hits: np.ndarray) -> Probability:
        found = estimate(hits, drawn.stream)
        return Probability(name, None, found.estimate, found.standard_error, found.interval)
    invalid = codes < 0
    return (tuple(summary(k, v) for k, v in _ranked(outcomes)),
            tuple(summary(k or "(no equilibrium)", v) for k, v in _ranked(sets)),
            summary("invalid", invalid) if invalid.any() else None)


def _ranked(hits: Mapping[str, np.ndarray]) -> list[tuple[str, np.ndarray]]:
    return sorted(((k, v) for k, v in hits.items() if v.any()),
                  key=lambda kv: (-int(kv[1].sum()), kv[0]))


def _exact(game: Game, beliefs: Sequence[Distribution], fixed: Mapping[str, sympy.Rational]
           ) -> tuple[tuple[Probability, ...], tuple[Probability, ...], Probability | None] | None:
    """Exact probabilities where they can be had: one uncertain parameter (any distribution),
    or two uniform ones over boundaries linear in the second; else None."""
    from commit_calc.uncertainty.exact import exact_probabilities
    from commit_calc.uncertainty.exact_plane import exact_two_uniform

    if len(beliefs) == 1:
        found = exact_probabilities(game, beliefs[0], fixed)
    else:
        try:
            found = exact_two_uniform(game, beliefs, fixed)
        except UnsupportedGameError:
            return None

    def exact(table: Mapping[str, sympy.Expr]) -> tuple[Probability, ...]:
        ranked = sorted(table.items(), key=lambda kv: (-_float(kv[1]), kv[0]))
        return tuple(Probability(k, v, _float(v)) for k, v in ranked if v != 0)
    bad = Probability("invalid", found.invalid, _float(found.invalid)) if found.invalid else None
    return exact(found.outcomes), exact(found.sets), bad


def _float(value: sympy.Expr) -> float:
    """The number nearest an exact one: evaluated with 50 digits first, since a closed form
    such as a ratio of differences of ``erf`` loses every digit in plain floats."""
    return float(sympy.N(value, 50))


def sample_rows(drawn: Samples) -> np.ndarray:
    """The samples as rows (one column per uncertain parameter)."""
    return np.column_stack(drawn.columns) if drawn.columns else np.zeros((drawn.count, 0))
