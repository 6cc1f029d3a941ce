"""Exact outcome probabilities when one parameter is uncertain.

Along the uncertain parameter the regions change only at exact points
(:func:`commit_calc.analysis.along.stretches`), so the probability of each region is the
distribution's mass between them: ``F(b) - F(a)`` for an open stretch, the atom at a point
(zero for a continuous distribution). The probability of an outcome is the mass of the
regions where some equilibrium has it; that of an equilibrium set, the mass of the regions
with exactly that set.

>>> from commit_calc.io import load_game
>>> from commit_calc.uncertainty.distributions import parse_distribution
>>> game = load_game("enforcer-reliability")
>>> belief = parse_distribution("beta(3, 2)", "reliability", 0, 1)
>>> found = exact_probabilities(game, belief)
>>> found.outcomes["Disarm > Reliable: Honor | Unreliable: Renege"]
67769/131769
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from commit_calc.analysis.along import Stretch, stretches
from commit_calc.analysis.region_grid import regions_of
from commit_calc.analysis.regions import RegionAnalysis
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.uncertainty.distributions import Distribution


@dataclass(frozen=True)
class ExactProbabilities:
    """``outcomes``: outcome label -> exact probability; ``sets``: the outcome labels of an
    equilibrium set (joined by `` / ``) -> exact probability; ``invalid``: the mass where the
    game is undefined (a chance probability outside [0, 1]); ``complete`` as for regions."""

    outcomes: dict[str, sympy.Expr]
    sets: dict[str, sympy.Expr]
    invalid: sympy.Expr
    complete: bool


def exact_probabilities(game: ExtensiveFormGame | NormalFormGame, belief: Distribution,
                        values: Mapping[str, object] | None = None, *,
                        analysis: RegionAnalysis | None = None) -> ExactProbabilities:
    """The exact probability of every outcome when ``belief.parameter`` is uncertain and the
    other parameters take ``values`` (defaults elsewhere); or over ``analysis``, regions
    already computed with ``belief.parameter`` the only symbolic parameter in their keys.

    Raises :class:`UnsupportedGameError` where the game has no exact regions.
    """
    if analysis is None:
        others = {n: v for n, v in game.parameters.values(values).items()
                  if n != belief.parameter}
        analysis = regions_of(game, others, "auto")
    cuts = [*belief.values, *_support(belief)]
    outcomes: dict[str, sympy.Expr] = {}
    sets: dict[str, sympy.Expr] = {}
    invalid = sympy.Integer(0)
    for stretch in stretches(analysis, belief.parameter, cuts):
        mass = _mass(belief, stretch)
        if mass == 0:
            continue
        if stretch.region is None:
            invalid += mass
            continue
        labels = [e.outcome for e in stretch.region.equilibria]
        for label in dict.fromkeys(labels):
            outcomes[label] = outcomes.get(label, sympy.Integer(0)) + mass
        key = " / ".join(labels)
        sets[key] = sets.get(key, sympy.Integer(0)) + mass
    tidy = {k: _tidy(v) for k, v in outcomes.items()}
    return ExactProbabilities(tidy, {k: _tidy(v) for k, v in sets.items()}, _tidy(invalid),
                              analysis.complete)


def _support(belief: Distribution) -> list[sympy.Expr]:
    a = belief.arguments
    if belief.kind == "uniform":
        return [a[0], a[1]]
    if belief.kind == "triangular":
        return [a[0], a[1], a[2]]
    if belief.kind == "beta":
        return [a[2], a[3]] if len(a) == 4 else [sympy.Integer(0), sympy.Integer(1)]
    return [b for b in (belief.lower, belief.upper) if b is not None]


def _mass(belief: Distribution, stretch: Stretch) -> sympy.Expr:
    """The probability of the stretch: an open interval, or a single point (an atom)."""
    if stretch.is_point:
        assert stretch.low is not None
        return belief.cdf(stretch.low) - belief.below(stretch.low)
    high = sympy.Integer(1) if stretch.high is None else belief.below(stretch.high)
    low = sympy.Integer(0) if stretch.low is None else belief.cdf(stretch.low)
    return high - low


def _tidy(value: sympy.Expr) -> sympy.Expr:
    if value.is_Rational:  # nothing to tidy (and nsimplify would search for constants)
        return value
    simplified = sympy.nsimplify(sympy.simplify(value), rational=False)
    return simplified if simplified.is_Rational or not value.is_Rational else value
