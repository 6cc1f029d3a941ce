"""The probability of an outcome at each value of a lever, with the work shared between values.

A lever search asks for the probability at some forty values of the lever. Recomputing
:func:`.analysis.uncertainty` at each one redoes what the lever does not change: the symbolic
regions (most of the time) and the samples. :func:`lever_curve` does that once:

* the exact regions are computed once with the lever symbolic too, and at each value
  restricted to it (each comparison with the lever's value put in; exact, no new case
  split): exact probabilities come from the restricted regions as before, and samples are
  classified by the full regions with the lever as one more column;
* the samples are drawn once (common random numbers: every value sees the same samples, as
  the seed already ensured, so differences between values are not sampling noise);
* without exact regions, the samples are solved point by point with the lever as one more
  free parameter of the prepared game (:mod:`.points`).

Where the regions with the lever symbolic cannot be had (too large, or incomplete where the
regions at a fixed value are complete), each value gets :func:`.analysis.uncertainty` as
before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from commit_calc.analysis.atoms import sign_of
from commit_calc.analysis.regions import Region, RegionAnalysis
from commit_calc.errors import UnsupportedGameError
from commit_calc.uncertainty.analysis import Game, uncertainty
from commit_calc.uncertainty.distributions import Distribution
from commit_calc.uncertainty.sampling import Samples, draw, estimate


@dataclass(frozen=True)
class LeverPoint:
    """The probability of the outcome at one value of the lever (exact where known)."""

    value: sympy.Rational
    probability: sympy.Expr | None
    estimate: float
    low: float


Curve = Callable[[sympy.Rational], LeverPoint]


def lever_curve(game: Game, beliefs: Sequence[Distribution], values: Mapping[str, object],
                parameter: str, outcome: str, *, samples: int, seed: int, method: str
                ) -> Curve:
    """A function giving the probability that some equilibrium's outcome starts with
    ``outcome`` at a value of ``parameter`` (the others as in :func:`.uncertainty`)."""
    names = [b.parameter for b in beliefs]
    fixed = game.parameters.without([*names, parameter]).values(values)
    analysis = _full_regions(game, fixed, method)
    if analysis is None and method != "points":
        return _per_value(game, beliefs, values, parameter, outcome, samples, seed, method)
    drawn = draw(beliefs, samples, seed, "qmc" if method == "qmc" else "mc")
    if analysis is None:
        return _points(game, fixed, drawn, parameter, outcome)
    exact = method in ("auto", "exact") and (
        len(beliefs) == 1 or all(b.kind == "uniform" for b in beliefs) and len(beliefs) == 2)
    classify = _classified(analysis, beliefs, drawn, parameter, outcome)

    def at(value: sympy.Rational) -> LeverPoint:
        if exact:
            found = _exact_at(game, beliefs, restricted(analysis, parameter, value), outcome)
            if found is not None:
                return LeverPoint(value, found, float(found), float(found))
        if method == "exact":
            raise UnsupportedGameError("--method exact: exact probabilities need exact "
                                       "regions and one uncertain parameter, or two uniform "
                                       "ones whose boundaries are linear in the second; use "
                                       "mc or qmc")
        return classify(value)
    return at


def _full_regions(game: Game, fixed: Mapping[str, sympy.Rational], method: str
                  ) -> RegionAnalysis | None:
    """The complete exact regions with the lever and the uncertain parameters symbolic."""
    if method == "points":
        return None
    from commit_calc.analysis.region_grid import regions_of

    try:
        analysis = regions_of(game, dict(fixed), "auto")
    except UnsupportedGameError:
        return None
    return analysis if analysis.complete else None


def restricted(analysis: RegionAnalysis, name: str, value: sympy.Rational) -> RegionAnalysis:
    """``analysis`` on the slice where parameter ``name`` is ``value``: each comparison with
    the value put in, those that become numbers decided at once (exact)."""
    symbol = analysis.symbols[name]
    regions = []
    for region in analysis.regions:
        terms = []
        for term in region.terms:
            kept: dict[sympy.Expr, frozenset[int]] | None = {}
            for key, allowed in term.items():
                put = sympy.expand(key.xreplace({symbol: value}))
                if put.is_number:
                    if sign_of(put) not in allowed:
                        kept = None
                        break
                elif kept is not None:
                    kept[put] = kept.get(put, allowed) & allowed
            if kept is not None:
                terms.append(kept)
        if terms:
            regions.append(Region(tuple(terms), region.equilibria, region.resolved))
    return dataclasses.replace(analysis, fixed={**analysis.fixed, name: value},
                               regions=tuple(regions))


def _holds(labels: str, outcome: str) -> bool:
    return any(label.startswith(outcome) for label in labels.split(" / "))


def _exact_at(game: Game, beliefs: Sequence[Distribution], analysis: RegionAnalysis,
              outcome: str) -> sympy.Expr | None:
    """The exact probability over the restricted regions, or None where it has no closed
    form here (two uniform parameters whose boundaries are not linear in the second)."""
    from commit_calc.uncertainty.exact import exact_probabilities
    from commit_calc.uncertainty.exact_plane import exact_two_uniform

    if len(beliefs) == 1:
        found = exact_probabilities(game, beliefs[0], analysis=analysis)
    else:
        try:
            found = exact_two_uniform(game, beliefs, analysis=analysis)
        except UnsupportedGameError:
            return None
    total = sympy.Add(*(p for k, p in found.sets.items() if p != 0 and _holds(k, outcome)))
    return total if total.is_Rational else sympy.nsimplify(total)


class _Repeated(Sequence[object]):
    """One exact value standing for every sample (the lever's column)."""

    def __init__(self, value: object, count: int) -> None:
        self.value, self.size = value, count

    def __getitem__(self, index: Any) -> Any:
        return self.value

    def __len__(self) -> int:
        return self.size


def _classified(analysis: RegionAnalysis, beliefs: Sequence[Distribution], drawn: Samples,
                parameter: str, outcome: str) -> Curve:
    """Estimates from the samples, classified by the full regions at each lever value."""
    from commit_calc.analysis.region_grid import point_codes

    wanted = [k for k, r in enumerate(analysis.regions)
              if _holds(" / ".join(e.outcome for e in r.equilibria), outcome)]
    atoms: list[Sequence[object] | None] = [
        None if a is None else [b.values[i] for i in a] for b, a in zip(beliefs, drawn.atoms)]
    names = [*drawn.names, parameter]

    def at(value: sympy.Rational) -> LeverPoint:
        column = np.full(drawn.count, float(value))
        codes = point_codes(analysis, names, [*drawn.columns, column],
                            [*atoms, _Repeated(value, drawn.count)])
        found = estimate(np.isin(codes, wanted), drawn.stream)
        return LeverPoint(value, None, found.estimate, found.interval[0])
    return at


def _points(game: Game, fixed: Mapping[str, sympy.Rational], drawn: Samples, parameter: str,
            outcome: str) -> Curve:
    """Estimates from the samples solved point by point, the lever one more column."""
    from commit_calc.uncertainty.analysis import sample_rows
    from commit_calc.uncertainty.points import solved_samples

    rows = sample_rows(drawn)
    names = (*drawn.names, parameter)

    def at(value: sympy.Rational) -> LeverPoint:
        column = np.full((drawn.count, 1), float(value))
        if sympy.Rational(column[0, 0]) != value:  # not a float: solved at the exact value
            codes, labels, _ = solved_samples(game, {**fixed, parameter: value}, drawn.names,
                                              rows)
        else:
            codes, labels, _ = solved_samples(game, dict(fixed), names,
                                              np.hstack([rows, column]))
        wanted = [k for k, label in enumerate(labels) if _holds(label, outcome)]
        found = estimate(np.isin(codes, wanted), drawn.stream)
        return LeverPoint(value, None, found.estimate, found.interval[0])
    return at


def _per_value(game: Game, beliefs: Sequence[Distribution], values: Mapping[str, object],
               parameter: str, outcome: str, samples: int, seed: int, method: str) -> Curve:
    """The whole analysis at each value (where the lever cannot stay symbolic)."""
    def at(value: sympy.Rational) -> LeverPoint:
        found = uncertainty(game, beliefs, {**values, parameter: value}, samples=samples,
                            seed=seed, method=method)
        if found.method == "exact":
            total = sympy.nsimplify(sympy.Add(*(
                p.probability for p in found.sets
                if p.probability is not None and _holds(p.outcome, outcome))))
            return LeverPoint(value, total, float(total), float(total))
        assert found.codes is not None and found.drawn is not None
        wanted = [k for k, label in enumerate(found.labels) if _holds(label, outcome)]
        result = estimate(np.isin(found.codes, wanted), found.drawn.stream)
        return LeverPoint(value, None, result.estimate, result.interval[0])
    return at
