"""One call for the ``repeated`` command: the one-shot check of a strategy profile of a
repeated game, symbolic and at given values, with its critical discount factor.

>>> from commit_calc.io.repeated_file import load_repeated
>>> result = analyse_repeated(load_repeated("reconciliation-cohorts"))
>>> result.verdict.subgame_perfect, result.critical_discount
(True, 9/16)
>>> print(result.formula.text)
(-patrol_cost + renege_gain + salary)/(continuation*(-patrol_cost + renege_gain + war_cost))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.repeated.critical import (
    CriticalFormula,
    condition,
    critical_discount,
    critical_discount_formula,
    critical_values,
)
from commit_calc.repeated.deviation import OneShotCheck, one_shot_check
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.regions import FreeRegion, free_region
from commit_calc.repeated.strategies import named_automaton
from commit_calc.repeated.verdict import Verdict, verdict

#: Conditions are formulas in every parameter up to this many states times stage outcomes;
#: above, in the discount factor only (the other parameters at their values).
MAX_SYMBOLIC_SIZE = 64

#: The critical discount factor is computed up to this many states times stage outcomes.
MAX_CRITICAL_SIZE = 160


@dataclass(frozen=True)
class RepeatedAnalysis:
    """The symbolic check, the verdict at the values, and the critical values."""

    check: OneShotCheck
    verdict: Verdict
    conditions: tuple[sympy.Basic, ...]
    critical_discount: sympy.Expr | None
    formula: CriticalFormula
    critical_values: Mapping[str, sympy.Basic]
    warnings: tuple[str, ...] = ()
    region: FreeRegion | None = None

    @property
    def proved(self) -> str:
        """What the check proved at the values, in words."""
        if self.verdict.subgame_perfect:
            return "subgame-perfect equilibrium"
        if self.verdict.nash:
            return "Nash equilibrium, not subgame perfect"
        return "not an equilibrium"


def analyse_repeated(game: RepeatedGame, strategy: str | None = None,
                     values: Mapping[str, object] | None = None, *, k: int = 1,
                     free: Sequence[str] = ()) -> RepeatedAnalysis:
    """Check ``strategy`` (default: the game's) in ``game`` at ``values`` (others: defaults).

    The conditions are formulas in every parameter (for large automata: in the discount factor
    only, a warning says so); the verdict, the critical discount factor and the critical values
    of the other parameters are at the values. With ``free`` parameters, also the region of
    them (the others at the values) where the profile is subgame perfect.
    """
    exact = game.check_values(values)
    automaton = named_automaton(game, strategy or game.strategy, k=k)
    size = len(automaton.states) * len(game.stage.outcomes)
    warnings: list[str] = []
    if size <= MAX_SYMBOLIC_SIZE:
        check = one_shot_check(game, automaton)
    else:
        others = {n: v for n, v in exact.items() if n != game.discount}
        if size <= MAX_CRITICAL_SIZE:
            check = one_shot_check(game, automaton, others)
            warnings.append(f"{len(automaton.states)} states and {len(game.stage.outcomes)} "
                            f"outcomes (over {MAX_SYMBOLIC_SIZE}): the conditions are in "
                            f"'{game.discount}' only, the other parameters at their values")
        else:
            check = one_shot_check(game, automaton, exact)
            warnings.append(f"{len(automaton.states)} states and {len(game.stage.outcomes)} "
                            f"outcomes (over {MAX_CRITICAL_SIZE}): the conditions are at the "
                            "values only, and no critical discount factor is computed")
    found = verdict(check, exact)
    symbolic = game.discount not in check.fixed
    return RepeatedAnalysis(
        check=check,
        verdict=found,
        conditions=tuple(condition(check, incentive) for incentive in check.incentives),
        critical_discount=critical_discount(check, exact) if symbolic else None,
        formula=critical_discount_formula(check, exact) if symbolic
        else CriticalFormula(None, ()),
        critical_values=critical_values(check, exact) if not check.fixed else {},
        warnings=tuple(warnings),
        region=free_region(check, exact, free) if free else None,
    )
