"""The fallback for games without complete exact regions: every equilibrium, solved exactly
at the points of a bounded grid over the sliders (by the prepared game of
:mod:`commit_calc.analysis.pointwise` where it applies, else by
:func:`commit_calc.solvers.solve.solve`: the same equilibria, in the same order).

One or two free parameters: the full grid (:data:`POINTS_PER_AXIS` points per axis). More:
the line of each parameter through the defaults (the others at their defaults). The page
shows the grid point the controls are on, and says when they are off the grid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import product
from typing import Any

import sympy

from commit_calc.analysis.pointwise import PreparedGame
from commit_calc.beliefs.assessment import BeliefEquilibrium, node_descriptions
from commit_calc.errors import CommitCalcError
from commit_calc.explore.compile import Budget
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.parameters import Parameter

#: Grid points per slider (both ends included).
POINTS_PER_AXIS = 21


def grid_data(game: ExtensiveFormGame | NormalFormGame, fixed: Mapping[str, sympy.Rational],
              free: Sequence[Parameter], params: Sequence[Mapping[str, Any]], concept: str
              ) -> dict[str, Any]:
    """``{"axes": [values per parameter], "points": [[point, [equilibrium indices]]],
    "equilibria": [...]}`` with exact values as ``"p/q"`` strings."""
    from commit_calc.solvers.solve import solve

    axes = [_axis(p) for p in params]
    defaults = [sympy.Rational(p["default"]) for p in params]
    if len(axes) <= 2:
        points = [list(point) for point in product(*axes)]
    else:
        points = [defaults]
        for k, axis in enumerate(axes):
            points.extend(defaults[:k] + [value] + defaults[k + 1:] for value in axis
                          if value != defaults[k])
    budget = Budget()
    equilibria: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    table = []
    first = solve(game, dict(fixed) | {p.name: v for p, v in zip(free, points[0])},
                  concept=concept)
    solved = {"concept": first.concept, "method": first.method}
    prepared = _prepared(game, fixed, free, concept)
    for point in points:
        found = []
        for made in _equilibria_at(game, fixed, free, point, concept, prepared, budget):
            signature = repr(made)
            if signature not in index:
                index[signature] = len(equilibria)
                equilibria.append(made)
            found.append(index[signature])
        table.append([[str(v) for v in point], found])
    return {"axes": [[str(v) for v in axis] for axis in axes], "points": table,
            "equilibria": equilibria} | solved


def _prepared(game: ExtensiveFormGame | NormalFormGame, fixed: Mapping[str, sympy.Rational],
              free: Sequence[Parameter], concept: str) -> PreparedGame | None:
    """The game prepared for fast exact solving at many points (the equilibria, their order
    and labels those of ``solve``), or None where it is not prepared (beliefs, or a game the
    preparation does not cover): then every point goes through ``solve``."""
    if concept in ("pbe", "sequential"):
        return None
    try:
        return PreparedGame(game.substitute(fixed), [p.name for p in free], concept)
    except CommitCalcError:
        return None


def _equilibria_at(game: ExtensiveFormGame | NormalFormGame,
                   fixed: Mapping[str, sympy.Rational], free: Sequence[Parameter],
                   point: Sequence[sympy.Rational], concept: str,
                   prepared: PreparedGame | None, budget: Budget) -> list[dict[str, Any]]:
    """The page data of every equilibrium at ``point``, as ``solve`` lists them."""
    from commit_calc.analysis.labels import profile_label
    from commit_calc.explore.data import equilibrium_data
    from commit_calc.solvers.solve import solve

    if prepared is not None:
        solutions = prepared.solve([Fraction(int(v.p), int(v.q)) for v in point])
        if solutions is not None:
            return [equilibrium_data(s.label, [_rational(v) for v in s.payoffs],
                                     [[_rational(p) for p in d] for d in s.probabilities],
                                     [], budget) for s in solutions]
    result = solve(game, dict(fixed) | {p.name: v for p, v in zip(free, point)},
                   concept=concept)
    made = []
    for equilibrium in result.equilibria:
        data = equilibrium_data(profile_label(result.game, equilibrium.profile),
                                list(equilibrium.payoffs), equilibrium.profile.probabilities,
                                [], budget)
        if isinstance(equilibrium, BeliefEquilibrium):
            data["beliefs"] = _beliefs(result.game, equilibrium)
        made.append(data)
    return made


def _rational(value: Any) -> sympy.Rational:
    """An exact number (int, Fraction or gmpy2's mpq) as a sympy Rational."""
    return sympy.Rational(int(value.numerator), int(value.denominator))


def _beliefs(game: ExtensiveFormGame | NormalFormGame, equilibrium: BeliefEquilibrium
             ) -> list[list[Any]]:
    """``[information set index, [probability of each member], condition, [member's
    description], [member's node index]]`` for each set of several nodes: the condition is ""
    where Bayes' rule gives the belief, else the condition (in words) that beliefs off the
    path must meet, the probabilities then one belief meeting it."""
    if not isinstance(game, ExtensiveFormGame):
        return []
    off = {o.infoset: o.condition for o in equilibrium.assessment.off_path}
    return [[k, [str(p) for p in belief], off.get(infoset.label, ""),
             list(node_descriptions(game, infoset.members)), list(infoset.members)]
            for k, (infoset, belief) in enumerate(zip(game.infosets,
                                                      equilibrium.assessment.beliefs))
            if len(infoset.members) > 1]


def _axis(param: Mapping[str, Any]) -> list[sympy.Rational]:
    """Evenly spaced exact values over the slider's span, with the default among them."""
    low, high = sympy.Rational(param["lo"]), sympy.Rational(param["hi"])
    values = {low + (high - low) * k / (POINTS_PER_AXIS - 1) for k in range(POINTS_PER_AXIS)}
    values.add(sympy.Rational(param["default"]))
    return sorted(values)
