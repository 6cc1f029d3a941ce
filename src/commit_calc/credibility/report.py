"""The whole credibility report: the verdict at the values, the levers and the region.

>>> from commit_calc.io import load_game
>>> game = load_game("disarm-trust")
>>> found = credibility_report(game, ["Regime=Honor"])
>>> found.verdict.credible, str(found.condition)
(False, 'patrol_cost >= renege_gain + salary')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.credibility.levers import Lever, credible_region, levers
from commit_calc.credibility.promise import Promise, parse_promises
from commit_calc.credibility.verdict import Credibility, assess
from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame


@dataclass(frozen=True)
class CredibilityReport:
    """``verdict`` at the values; ``levers`` one per parameter (empty where the game has no
    exact regions: ``warnings`` say why); ``condition`` where the promise is credible, the
    parameters not ``fixed`` symbolic (None without exact regions), ``resolved`` False where
    part of it could not be proved non-empty."""

    verdict: Credibility
    levers: tuple[Lever, ...]
    condition: sympy.Basic | None
    resolved: bool
    fixed: dict[str, sympy.Rational]

    @property
    def promises(self) -> tuple[Promise, ...]:
        return self.verdict.promises

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.verdict.warnings


def credibility_report(game: ExtensiveFormGame, promises: Sequence[str | Promise],
                       values: Mapping[str, object] | None = None, concept: str = "spe"
                       ) -> CredibilityReport:
    """Is the promise credible at ``values`` (defaults elsewhere), what would make it so, and
    what is it worth? The condition keeps symbolic every parameter not in ``values``.

    ``promises`` are :class:`Promise` objects or texts ``WHO=ACTION``
    (:func:`.promise.parse_promises`). ``concept`` is ``"spe"`` (subgame perfection) or
    ``"pbe"`` (pure perfect Bayesian equilibrium: the verdict, the temptation and the value
    of commitment from :mod:`.perfect_bayesian`, the thresholds and the region from
    :mod:`.pbe_levers`).
    """
    if concept not in ("spe", "pbe"):
        raise ParameterError(f"--concept {concept}: expected spe or pbe")
    if not isinstance(game, ExtensiveFormGame):
        raise UnsupportedGameError(
            "credibility: a promise is an action in a game tree; for commitment in a table "
            "use solve --concept stackelberg")
    texts = [p for p in promises if isinstance(p, str)]
    parsed = parse_promises(game, texts) + tuple(p for p in promises if isinstance(p, Promise))
    fixed = game.parameters.checked(values or {})
    if concept == "pbe":
        from commit_calc.credibility.pbe_levers import pbe_credible_region, pbe_levers
        from commit_calc.credibility.perfect_bayesian import assess_pbe

        verdict = assess_pbe(game, parsed, fixed)
        find_levers, find_region = pbe_levers, pbe_credible_region
    else:
        verdict = assess(game, parsed, fixed)
        find_levers, find_region = levers, credible_region
    notes = list(verdict.warnings)
    try:
        found = find_levers(game, parsed, fixed)
        condition, resolved = find_region(game, parsed, fixed)
    except UnsupportedGameError as error:
        found, condition, resolved = (), None, False
        notes.append(f"no thresholds: {error}")
    verdict = dataclasses.replace(verdict, warnings=tuple(dict.fromkeys(notes)))
    return CredibilityReport(verdict, found, condition, resolved, fixed)
