"""Where a strategy profile is subgame perfect, as one condition on the parameters left free:
the one-shot conditions, the other parameters at their values, intersected with the sign
machinery of :mod:`commit_calc.analysis.atoms` (shared conditions merged, those always true
dropped, the discount factor solved for where a condition is linear in it).

>>> from commit_calc.io.repeated_file import load_repeated
>>> from commit_calc.render.conditions import condition_text
>>> from commit_calc.repeated.deviation import one_shot_check
>>> from commit_calc.repeated.strategies import named_automaton
>>> game = load_repeated("reconciliation-cohorts")
>>> check = one_shot_check(game, named_automaton(game, "grim-trigger"))
>>> found = free_region(check, game.check_values(), ["discount", "salary"])
>>> condition_text(found.subgame_perfect)
'discount >= (salary + 200)/800'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.analysis.atoms import Requirement, conjunction, relational, requirement
from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.repeated.critical import without_domain_factors
from commit_calc.repeated.deviation import OneShotCheck


@dataclass(frozen=True)
class FreeRegion:
    """The conditions, in the ``free`` parameters, for subgame perfection (every state) and
    for the incentive conditions on the path of play."""

    free: tuple[str, ...]
    subgame_perfect: sympy.Basic
    on_path: sympy.Basic


def free_region(check: OneShotCheck, values: Mapping[str, sympy.Rational],
                free: Sequence[str]) -> FreeRegion:
    """The region of the ``free`` parameters (the others at ``values``) where the one-shot
    conditions of ``check`` hold.

    Raises
    ------
    ParameterError
        A name is not a parameter, or was fixed in ``check``.
    """
    game = check.game
    for name in free:
        parameter = game.parameters[name]  # refuses unknown names
        if name in check.fixed:
            raise ParameterError(f"parameter '{parameter.name}' cannot be free here (the "
                                 "automaton is too large for symbolic conditions)")
    mapping = {game.parameters[n].symbol: v for n, v in values.items() if n not in free}
    everywhere: list[Requirement | bool | sympy.Basic] = []
    on_path: list[Requirement | bool | sympy.Basic] = []
    for incentive in check.incentives:
        gain = without_domain_factors(check, incentive.gain.xreplace(mapping))
        try:
            found: Requirement | bool | sympy.Basic = requirement(gain, "<=")
        except UnsupportedGameError:  # not a polynomial of known sign: kept as it is
            found = sympy.Le(gain, 0)
        everywhere.append(found)
        if incentive.on_path:
            on_path.append(found)
    return FreeRegion(tuple(free), _condition(everywhere, game.discount_symbol),
                      _condition(on_path, game.discount_symbol))


def _condition(found: list[Requirement | bool | sympy.Basic], discount: sympy.Symbol
               ) -> sympy.Basic:
    requirements = [item for item in found if isinstance(item, bool | tuple)]
    kept = [item for item in found if not isinstance(item, bool | tuple)]
    term = conjunction(requirements)
    if term is None:
        return sympy.false
    parts = [relational(key, signs, solve_for=discount) for key, signs in term.items()]
    return sympy.And(*parts, *kept)
