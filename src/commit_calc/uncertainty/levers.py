"""Levers against uncertainties: the smallest value of a parameter the user controls at which
an outcome holds with at least a target probability.

The probability is computed along the lever's range (exactly where one parameter is uncertain
and the regions are exact, else estimated from the same samples at every value, so the
comparison between values is not blurred by fresh sampling error; the regions and samples are
made once, :mod:`.lever_curve`), first on a grid, then by
bisection between the last value that fails and the first that meets the target. With an
estimate, a value meets the target only if the whole 95% interval does. The probability need
not grow with the lever: the answer is the smallest value found on the grid and refined, and
the curve is returned so that it can be plotted and checked.

>>> from commit_calc.io import load_game
>>> from commit_calc.uncertainty.distributions import parse_distribution
>>> game = load_game("disarm-trust")
>>> belief = parse_distribution("uniform(200, 300)", "salary", 0)
>>> found = smallest_lever(game, [belief], {}, "patrol_cost", 0, 1000, "1/2", "Disarm")
>>> found.value, found.probability  # disarm iff patrol_cost >= renege_gain + salary
(650, 1/2)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.errors import ParameterError
from commit_calc.uncertainty.analysis import Game
from commit_calc.uncertainty.distributions import Distribution
from commit_calc.uncertainty.lever_curve import LeverPoint, lever_curve

#: Values of the lever on the first grid, and bisection steps after it.
GRID = 21
STEPS = 20


@dataclass(frozen=True)
class LeverResult:
    """The smallest ``value`` of ``parameter`` in range at which ``outcome`` holds with
    probability at least ``target`` (None if none is found), and the curve computed."""

    parameter: str
    outcome: str
    target: sympy.Rational
    value: sympy.Rational | None
    probability: sympy.Expr | None
    estimate: float | None
    method: str
    curve: tuple[LeverPoint, ...]


def smallest_lever(game: Game, beliefs: Sequence[Distribution], values: Mapping[str, object],
                   parameter: str, low: object, high: object, target: object, outcome: str,
                   *, samples: int = 20_000, seed: int = 0, method: str = "auto"
                   ) -> LeverResult:
    """Search ``[low, high]`` for the smallest value of ``parameter`` at which an outcome
    whose label starts with ``outcome`` holds with probability at least ``target``."""
    lever = game.parameters[parameter]
    if parameter in {b.parameter for b in beliefs}:
        raise ParameterError(f"--lever {parameter}: the lever is also uncertain (--dist); a "
                             "lever is a value you choose")
    if parameter in values:
        raise ParameterError(f"--lever {parameter}: the lever is also given a value (--set)")
    start, stop = lever.check(low), lever.check(high)
    goal = sympy.Rational(str(target))
    if not (start < stop and 0 < goal <= 1):
        raise ParameterError(f"--lever {parameter}={low}:{high} --target {target}: needs low < "
                             "high and a target in (0, 1]")
    points: dict[sympy.Rational, LeverPoint] = {}
    probability_at = lever_curve(game, beliefs, values, parameter, outcome, samples=samples,
                                 seed=seed, method=method)

    def at(value: sympy.Rational) -> LeverPoint:
        if value not in points:
            points[value] = probability_at(value)
        return points[value]

    def meets(point: LeverPoint) -> bool:
        if point.probability is not None:
            return bool(point.probability >= goal)
        return point.low >= float(goal)
    grid = [start + (stop - start) * sympy.Rational(k, GRID - 1) for k in range(GRID)]
    verdicts = [meets(at(v)) for v in grid]  # the whole curve, for the picture
    first = verdicts.index(True) if True in verdicts else None
    used = "exact" if at(grid[0]).probability is not None else "estimate"
    if first is None or first == 0:
        value = None if first is None else grid[0]
    else:
        failing, passing = grid[first - 1], grid[first]
        for _ in range(STEPS):
            middle = (failing + passing) / 2
            failing, passing = (failing, middle) if meets(at(middle)) else (middle, passing)
        value = passing
    chosen = None if value is None else points[value]
    curve = tuple(points[v] for v in sorted(points))
    return LeverResult(parameter, outcome, goal, value,
                       None if chosen is None else chosen.probability,
                       None if chosen is None else chosen.estimate, used, curve)
