"""Which unknown matters most: Sobol sensitivity indices, computed with SALib.

For each outcome, the indicator "this outcome is an equilibrium outcome" is a function of the
uncertain parameters; its first-order Sobol index for a parameter is the share of its variance
that the parameter explains alone, the total index the share it explains with every
interaction (Sobol 2001; Saltelli et al. 2010). The parameters are sampled as uniform numbers
in [0, 1] by SALib's Sobol sequence and mapped through each distribution's inverse CDF, so any
distribution works. Each player's payoff gets its indices too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from commit_calc.errors import ParameterError
from commit_calc.uncertainty.distributions import Distribution

#: The base sample of the Sobol design (N (d + 2) evaluations for d parameters): enough for
#: indices to about 0.01, and SALib's bootstrap of the intervals stays under a second.
BASE = 2**13


def sobol_indices(game: Any, beliefs: Sequence[Distribution],
                  fixed: Mapping[str, sympy.Rational], analysis: Any, seed: int
                  ) -> dict[str, dict[str, dict[str, float]]]:
    """``{QUANTITY: {PARAMETER: {"first": S1, "total": ST}}}`` for each outcome's indicator
    (``"P(OUTCOME)"``) and each player's payoff (``"payoff of PLAYER"``)."""
    try:
        from SALib.analyze import sobol
        from SALib.sample import sobol as sobol_sample
    except ImportError:
        raise ParameterError("--sensitivity needs SALib: pip install \"commit-calc[uncertainty]\""
                             ) from None
    if analysis is None:
        raise ParameterError("--sensitivity needs the game's exact regions (this game is solved "
                             "point by point)")
    from commit_calc.analysis.region_grid import point_codes

    names = [b.parameter for b in beliefs]
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    uniforms = sobol_sample.sample(problem, BASE, calc_second_order=False, seed=seed)
    columns = [b.quantiles(np.clip(uniforms[:, k], 0.0, np.nextafter(1.0, 0)))
               for k, b in enumerate(beliefs)]
    codes = point_codes(analysis, names, columns)
    quantities: dict[str, np.ndarray] = {}
    for number, region in enumerate(analysis.regions):
        for outcome in dict.fromkeys(e.outcome for e in region.equilibria):
            key = f"P({outcome})"
            quantities[key] = quantities.get(key, np.zeros(codes.shape)) + (codes == number)
    from commit_calc.uncertainty.analysis import region_payoffs

    for player, values in zip(game.players, region_payoffs(analysis, names, columns, codes)):
        if not np.isnan(values).any():
            quantities[f"payoff of {player}"] = values
    found = {}
    for quantity, y in quantities.items():
        y = np.minimum(y, 1.0) if quantity.startswith("P(") else y
        if np.ptp(y) == 0:  # a constant: no parameter matters
            found[quantity] = {n: {"first": 0.0, "total": 0.0} for n in names}
            continue
        result = sobol.analyze(problem, y, calc_second_order=False, seed=seed)
        found[quantity] = {n: {"first": float(result["S1"][k]), "total": float(result["ST"][k])}
                           for k, n in enumerate(names)}
    return found
