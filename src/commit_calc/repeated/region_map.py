"""Where a strategy profile of a repeated game is subgame perfect, only Nash, or neither: exact
regions of parameter space, built with the region machinery of :mod:`commit_calc.analysis`,
so ``thresholds`` (``--for discount``: the critical discount factor as a formula) and
``sweep`` (maps over the discount factor and salary) work for repeated games.

* Subgame perfect: every one-shot condition ``gain <= 0``, in every automaton state (the
  one-shot deviation principle), freed of factors of fixed sign on the domain.
* Nash: for each long-lived player and every pure stationary plan over the automaton's states
  (a finite Markov decision problem: a best response to the others' automaton is one of them),
  the plan's value from the initial state is at most the profile's; and every short-lived
  cohort on the path best-responds. This is exactly what :func:`.verdict.verdict` decides at
  a point (by policy iteration).

A case split on the signs of these conditions' keys, only into satisfiable pieces
(:class:`commit_calc.analysis.candidates.Feasibility`), joined with
:func:`commit_calc.analysis.regions.union_of`, gives a
:class:`~commit_calc.analysis.regions.RegionAnalysis` (concept ``"repeated"``) whose domain
also has ``0 < discount < 1`` and a continuation probability in ``(0, 1]``.

>>> from commit_calc.io.repeated_file import load_repeated
>>> game = load_repeated("reconciliation-cohorts")
>>> values = {n: v for n, v in game.check_values().items() if n != "discount"}
>>> for region in repeated_regions(game, None, values).regions:
...     print(region.condition, "->", region.equilibria[0].outcome)
discount >= 9/16 -> grim-trigger is subgame perfect
discount < 9/16 -> grim-trigger is not an equilibrium
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import sympy

from commit_calc.analysis.atoms import Requirement, Signs, conjunction, requirement
from commit_calc.analysis.axis import Axis
from commit_calc.analysis.candidates import Feasibility
from commit_calc.analysis.case_split import split_on_signs
from commit_calc.analysis.domain import Domain, InvalidPoint, domain_of
from commit_calc.analysis.region_grid import key_signs, region_codes
from commit_calc.analysis.regions import Region, RegionAnalysis, RegionEquilibrium, union_of
from commit_calc.analysis.sweep import SweepResult
from commit_calc.analysis.thresholds import Sensitivity, Threshold
from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.repeated.critical import without_domain_factors
from commit_calc.repeated.deviation import OneShotCheck, one_shot_check, state_values
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.stage import Mixed
from commit_calc.repeated.strategies import named_automaton

Term = dict[sympy.Expr, Signs]

#: The largest automaton (states times stage outcomes) analysed with parameters other than
#: the discount factor symbolic, and with the discount factor alone symbolic.
MAX_SYMBOLIC_SIZE = 64
MAX_DISCOUNT_SIZE = 160
#: The most pure stationary plans per long-lived player (the Nash conditions).
MAX_PLANS = 256
#: Sign patterns the case split may try.
MAX_CASES = 2000

SPE, NASH, NEITHER = "spe", "nash", "neither"


@dataclass(frozen=True)
class RepeatedRegions(RegionAnalysis):
    """The regions of a strategy profile's verdict. ``game`` stands for the profile: a table
    with one strategy per player, carrying the symbolic parameters; ``limits`` are the
    repeated game's own conditions on them (the discount factor strictly between 0 and 1, a
    continuation probability in (0, 1], the stage game's chance probabilities in [0, 1])."""

    strategy: str = ""
    limits: tuple[tuple[sympy.Expr, Signs], ...] = ()

    @cached_property
    def domain(self) -> Domain:
        base = domain_of(self.game)
        return Domain(base.bounds, {**base.conditions, **dict(self.limits)}, base.probabilities)


def repeated_regions(game: RepeatedGame, strategy: str | None = None,
                     values: Mapping[str, object] | None = None, *, k: int = 1
                     ) -> RepeatedRegions:
    """The regions where ``strategy`` (default: the game's) is subgame perfect, only Nash, or
    neither; parameters in ``values`` are fixed, the others stay symbolic.

    Raises
    ------
    ParameterError
        An unknown parameter, a value out of bounds, or no point in the domain.
    UnsupportedGameError
        An automaton too large for symbolic conditions, or too many cases.
    """
    fixed = game.parameters.checked(values or {})
    name = strategy or game.strategy
    automaton = named_automaton(game, name, k=k)
    size = len(automaton.states) * len(game.stage.outcomes)
    free = [p.name for p in game.parameters if p.name not in fixed]
    if size > MAX_DISCOUNT_SIZE or (size > MAX_SYMBOLIC_SIZE and free != [game.discount]):
        raise UnsupportedGameError(
            f"regions of '{name}': {len(automaton.states)} states and "
            f"{len(game.stage.outcomes)} outcomes are too many for symbolic conditions in "
            + ("the discount factor" if size > MAX_DISCOUNT_SIZE else
               f"more than '{game.discount}' (keep only it symbolic: --free {game.discount})"))
    check = one_shot_check(game, automaton, fixed)
    limits = _limits(game, check)
    spe = conjunction(_requirement(check, i.gain) for i in check.incentives)
    nash = conjunction(itertools.chain(
        (_requirement(check, i.gain) for i in check.incentives if i.short_lived and i.on_path),
        (_requirement(check, gain) for gain in _plan_gains(check))))
    stand_in = _stand_in(game, name, check.fixed)
    provisional = RepeatedRegions(stand_in, fixed, "repeated", (), True, (), name, limits)
    feasible = Feasibility(provisional.domain)
    if feasible({}) is False:
        raise ParameterError(f"no values of {', '.join(free) or 'the parameters'} within their "
                             "bounds meet 0 < discount < 1 and the other conditions")
    groups: dict[str, list[tuple[Term, bool]]] = {}
    for term, verdict, resolved in _split(spe, nash, feasible):
        groups.setdefault(verdict, []).append((term, resolved))
    payoffs = _payoffs(check)
    plays = {p: {s: _text(automaton.play[s].get(p, {})) for s in automaton.states}
             for p in game.players}
    regions = []
    for verdict in (SPE, NASH, NEITHER):
        if verdict not in groups:
            continue
        members = groups[verdict]
        joined = union_of(provisional, [Region((t,), (), ok) for t, ok in members])
        outcome = {SPE: f"{name} is subgame perfect",
                   NASH: f"{name} is a Nash equilibrium, not subgame perfect",
                   NEITHER: f"{name} is not an equilibrium"}[verdict]
        regions.append(Region(joined.terms, (RegionEquilibrium(
            outcome, {p: dict(s) for p, s in plays.items()}, payoffs, ()),),
            all(ok for _, ok in members)))
    warnings = ("some regions could not be proved non-empty (marked unresolved)",) if any(
        not r.resolved for r in regions) else ()
    return RepeatedRegions(stand_in, fixed, "repeated", tuple(regions), True, warnings, name,
                           limits)


def _requirement(check: OneShotCheck, gain: sympy.Expr) -> Requirement | bool:
    """``gain <= 0`` as a sign requirement, freed of factors of fixed sign on the domain."""
    if sympy.cancel(gain) == 0:
        return True
    return requirement(without_domain_factors(check, gain), "<=")


def _limits(game: RepeatedGame, check: OneShotCheck) -> tuple[tuple[sympy.Expr, Signs], ...]:
    """The discount factor in (0, 1), the continuation probability in (0, 1], and the stage
    game's chance probabilities in [0, 1], as sign conditions on the symbolic parameters."""
    mapping = {game.parameters[n].symbol: v for n, v in check.fixed.items()}
    discount = game.discount_symbol.xreplace(mapping)
    continuation = game.continuation.xreplace(mapping)
    if discount.is_number and not 0 < discount < 1:
        raise ParameterError(f"parameter '{game.discount}' = {discount}: a discount factor "
                             "must be strictly between 0 and 1")
    if continuation.is_number and not 0 < continuation <= 1:
        raise ParameterError(f"continuation probability {game.continuation} = {continuation}: "
                             "it must be above 0 and at most 1")
    needs: list[Requirement | bool] = [requirement(discount, ">"),
                                       requirement(1 - discount, ">"),
                                       requirement(continuation, ">"),
                                       requirement(1 - continuation, ">=")]
    stage_fixed = {n: v for n, v in check.fixed.items() if n in game.stage_game.parameters}
    stage_domain = domain_of(game.stage_game.substitute(stage_fixed))
    term = conjunction(itertools.chain(needs, stage_domain.conditions.items()))
    if term is None:
        raise ParameterError(f"no values of the parameters put the discount factor "
                             f"'{game.discount}' strictly between 0 and 1 and the continuation "
                             "probability above 0, at most 1")
    return tuple(term.items())


def _plan_gains(check: OneShotCheck) -> list[sympy.Expr]:
    """For each long-lived player and pure stationary plan: its value from the initial state
    minus the profile's (the profile is a Nash equilibrium iff none is positive)."""
    stage, automaton, delta = check.stage, check.automaton, check.delta
    states = automaton.states
    gains = []
    for player in check.game.long_lived:
        own = stage.points_of(player)
        choices = [list(itertools.product(*(stage.points[k].actions for k in own)))
                   for _ in states]
        count = 1
        for options in choices:
            count *= len(options)
        if count > MAX_PLANS:
            raise UnsupportedGameError(
                f"Nash regions: {player} has {count:,} pure plans over the automaton's states "
                f"(more than {MAX_PLANS}); check points with `commit-calc repeated --set`")
        profile = check.values[automaton.initial][player]
        for plan in itertools.product(*choices):
            weights = {}
            for state, actions in zip(states, plan):
                play = list(automaton.stage_play(stage, state))
                for k, action in zip(own, actions):
                    play[k] = {action: sympy.Integer(1)}
                weights[state] = stage.probabilities(tuple(play))
            found = state_values(stage, states, check.transitions, weights, delta, (player,))
            gains.append(sympy.cancel(found[automaton.initial][player] - profile))
    return gains


def _split(spe: Term | None, nash: Term | None, feasible: Feasibility
           ) -> list[tuple[Term, str, bool]]:
    """Leaves of the case split: (conjunction, verdict, resolved)."""
    return split_on_signs(
        lambda signs, state: (_decide(spe, nash, signs), state), None, feasible,
        signs=(1, 0, -1), max_cases=MAX_CASES,
        too_many=f"repeated regions: the case split needs more than {MAX_CASES:,} cases; "
                 "fix some parameters (--set, --free)")


def _decide(spe: Term | None, nash: Term | None, signs: Mapping[sympy.Expr, int]
            ) -> str | sympy.Expr:
    """The verdict where ``signs`` hold, or the next key to split on."""
    def status(term: Term | None) -> bool | sympy.Expr:
        if term is None:
            return False
        for key, allowed in term.items():
            if key in signs and signs[key] not in allowed:
                return False
        return next((key for key in term if key not in signs), True)

    holds = status(spe)
    if holds is True:
        return SPE
    nash_holds = status(nash)
    if nash_holds is False:
        return NEITHER
    if holds is False and nash_holds is True:
        return NASH
    return nash_holds if holds is False else holds


def _stand_in(game: RepeatedGame, strategy: str, fixed: Collection[str] = ()
              ) -> NormalFormGame:
    """A one-strategy table per player with the parameters not ``fixed``: what the region
    machinery needs of a game (players, parameters and their bounds)."""
    players = game.players
    shape = (1,) * len(players)
    return NormalFormGame(
        players=players, strategies=tuple((strategy,) for _ in players),
        payoffs=tuple(sympy.ImmutableDenseNDimArray([0], shape) for _ in players),
        parameters=game.parameters.without(fixed), name=game.name, title=game.title)


def _payoffs(check: OneShotCheck) -> dict[str, sympy.Expr]:
    """Each player's value of the profile from the initial state: normalised (per-period
    average) for a long-lived player, the stage payoff for a short-lived cohort."""
    stage, initial = check.stage, check.automaton.initial
    play = check.automaton.stage_play(stage, initial)
    found = {}
    for i, player in enumerate(stage.players):
        if player in check.values[initial]:
            found[player] = sympy.factor(check.values[initial][player])
        else:
            found[player] = sympy.factor(stage.value(
                play, lambda z, j: stage.outcomes[z].payoffs[j], i))
    return found


def _text(mixed: Mixed) -> str:
    """A mixed action as text: ``Honor``, or ``Honor 1/2 + Renege 1/2``."""
    played = [(a, p) for a, p in mixed.items() if p != 0]
    if len(played) == 1:
        return played[0][0]
    return " + ".join(f"{a} {p}" for a, p in played)


def has_repeated_section(spec: str) -> bool:
    """Whether the game file or catalog game ``spec`` has a ``[repeated]`` section (standard
    input and other formats: no)."""
    from pathlib import Path

    from commit_calc.io import catalog
    from commit_calc.io.game_document import GameDocument
    from commit_calc.io.game_file import read_text

    if spec == "-":
        return False
    if catalog.has_game(spec) and not spec.lower().endswith((".toml", ".json")):
        path = catalog.path_of(spec)
    elif spec.lower().endswith((".toml", ".json")) and Path(spec).is_file():
        path = Path(spec)
    else:
        return False
    document = GameDocument.parse(read_text(path), path.suffix.lower()[1:], str(spec))
    return "repeated" in document.data


def repeated_sweep(game: RepeatedGame, axes: Sequence[Axis], values: Mapping[str, object],
                   strategy: str | None = None) -> SweepResult:
    """The verdict of ``strategy`` at every point of the grid spanned by ``axes`` (the other
    parameters at ``values``, else their defaults), exactly, from :func:`repeated_regions`.
    Points outside the domain (a discount factor of 0 or 1) are marked invalid.

    Raises
    ------
    ParameterError
        An unknown, repeated or set-and-varied parameter, or a value out of bounds.
    """
    names = [axis.name for axis in axes]
    for axis in axes:
        parameter = game.parameters[axis.name]
        if names.count(axis.name) > 1 or axis.name in values:
            raise ParameterError(f"sweep: parameter '{axis.name}' is varied twice, or both "
                                 "varied and set")
        for end in (axis.start, axis.stop):
            try:
                parameter.check(end)
            except ParameterError as error:
                raise ParameterError(f"sweep of '{axis.name}': {error}") from None
    constants = game.parameters.without(names).values(values)
    analysis = repeated_regions(game, strategy, constants)
    symbols = [analysis.symbols[name] for name in names]
    shape = tuple(axis.count for axis in axes)
    valid = np.ones(shape, dtype=bool)
    for key, allowed in analysis.limits:
        valid &= np.isin(key_signs(key, symbols, axes), list(allowed))
    codes = region_codes(analysis, axes, valid).copy()
    regions: tuple[object, ...] = analysis.regions
    if not valid.all():
        codes[~valid] = len(regions)
        continuation = game.continuation.xreplace(
            {game.parameters[n].symbol: v for n, v in constants.items()})
        parts = [f"0 < {game.discount} < 1"] if game.discount in names else []
        parts += [] if continuation.is_number else [f"0 < {continuation} <= 1"]
        regions = (*regions, InvalidPoint("outside the domain: "
                                          + (", ".join(parts) or "a chance probability")))
    return SweepResult(_stand_in(game, analysis.strategy), constants, tuple(axes), "regions",
                       codes, regions,
                       analysis, kinds=tuple(range(len(regions))))


def _retitled(text: str, analysis: RepeatedRegions, name: str) -> str:
    """The thresholds report's first line for a strategy profile of a repeated game."""
    _, _, rest = text.partition("\n")
    return (f"{name}: where {analysis.strategy} is subgame perfect, a Nash equilibrium only, "
            f"or neither, by region of parameter space\n(the stage game alone: commit-calc "
            f"thresholds {name} --stage)\n{rest}")


def repeated_thresholds(output_format: str, analysis: RegionAnalysis, name: str,
                        found: Sequence[Threshold] = (), statics: Sequence[Sensitivity] = (),
                        solve_for: str | None = None) -> str:
    """The thresholds report (``text``, ``json`` or ``latex``) of :func:`repeated_regions`:
    the JSON document gains ``strategy`` (the profile checked)."""
    from commit_calc.analysis import report

    assert isinstance(analysis, RepeatedRegions), "the regions of repeated_regions"
    if output_format == "json":
        document = report.thresholds_document(analysis, name, found, statics, solve_for)
        document["strategy"] = analysis.strategy
        return json.dumps(document, indent=2, sort_keys=True) + "\n"
    if output_format == "latex":
        return report.thresholds_latex(analysis, name, found, statics, solve_for)
    return _retitled(report.thresholds_text(analysis, name, found, statics, solve_for),
                     analysis, name)
