"""The fallback for games without complete exact regions: every equilibrium, solved exactly
(:func:`commit_calc.solvers.solve.solve`) at the points of a bounded grid over the sliders.

One or two free parameters: the full grid (:data:`POINTS_PER_AXIS` points per axis). More:
the line of each parameter through the defaults (the others at their defaults). The page
shows the grid point the controls are on, and says when they are off the grid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product
from typing import Any

import sympy

from commit_calc.beliefs.assessment import BeliefEquilibrium, node_descriptions
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
    from commit_calc.analysis.labels import profile_label
    from commit_calc.explore.data import equilibrium_data
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
    solved = {"concept": concept, "method": ""}
    for point in points:
        values = dict(fixed) | {p.name: v for p, v in zip(free, point)}
        result = solve(game, values, concept=concept)
        solved = {"concept": result.concept, "method": result.method}
        found = []
        for equilibrium in result.equilibria:
            outcome = profile_label(result.game, equilibrium.profile)
            made = equilibrium_data(outcome, list(equilibrium.payoffs),
                                    equilibrium.profile.probabilities, [], budget)
            if isinstance(equilibrium, BeliefEquilibrium):
                made["beliefs"] = _beliefs(result.game, equilibrium)
            signature = repr(made)
            if signature not in index:
                index[signature] = len(equilibria)
                equilibria.append(made)
            found.append(index[signature])
        table.append([[str(v) for v in point], found])
    return {"axes": [[str(v) for v in axis] for axis in axes], "points": table,
            "equilibria": equilibria} | solved


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
