"""All Nash equilibria of small n-player normal-form games, exactly, by support enumeration.

For every profile of supports (one nonempty set of strategies per player) the equilibria with
exactly those supports solve a square polynomial system: each player is indifferent among the
strategies in their support. The system is solved exactly
(:mod:`~commit_calc.solvers.polynomial_systems`), and a real solution is an equilibrium when its
probabilities are positive and no strategy outside a support pays more, both decided exactly.
Irrational equilibria come out as exact algebraic numbers (``1/2 + sqrt(5)/10``, or polynomials
in one ``CRootOf`` where the degree is 3 or more); each is re-checked by the independent
:func:`~commit_calc.solvers.verify_algebraic.verify_algebraic` (rational ones by
:func:`~commit_calc.solvers.results.certify`).

A support whose system has infinitely many solutions may hold a continuum of equilibria: it is
named in the warnings and its equilibria are not listed, never silently dropped.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy
from sympy import QQ, Poly

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import MixedProfile
from commit_calc.solvers.nplayer_continua import continuum, interval_text
from commit_calc.solvers.polynomial_systems import AlgebraicPoint, real_solutions
from commit_calc.solvers.results import (
    Equilibrium,
    Outcome,
    SolveResult,
    certify,
    require_no_regret,
)
from commit_calc.solvers.verify_algebraic import verify_algebraic

METHOD = "polynomial-support-enumeration"

#: Limits beyond which :func:`nplayer_equilibria` refuses: unknown probabilities in the largest
#: system (the sum over players of strategies - 1), support profiles, and the degree of the
#: univariate polynomial of one system. ``TIME_LIMIT`` (seconds) stops the search between
#: supports; what was found is returned with a warning.
MAX_UNKNOWNS = 6
MAX_SUPPORT_PROFILES = 4096
MAX_DEGREE = 64
TIME_LIMIT = 300.0

Support = tuple[tuple[int, ...], ...]


def limits_exceeded(game: NormalFormGame) -> str | None:
    """Why ``game`` is beyond the exact n-player search's limits, or ``None`` if it is not.

    >>> limits_exceeded(NormalFormGame.from_arrays([np.zeros((4, 4, 4))] * 3))
    'a 4x4x4 game has 9 unknown probabilities, above the limit of 6'
    """
    shape = "x".join(str(m) for m in game.shape)
    unknowns = sum(m - 1 for m in game.shape)
    if unknowns > MAX_UNKNOWNS:
        return (f"a {shape} game has {unknowns} unknown probabilities, above the limit of "
                f"{MAX_UNKNOWNS}")
    profiles = int(np.prod([2**m - 1 for m in game.shape]))
    if profiles > MAX_SUPPORT_PROFILES:
        return (f"a {shape} game has {profiles} support profiles, above the limit of "
                f"{MAX_SUPPORT_PROFILES}")
    return None


def nplayer_equilibria(game: NormalFormGame, *, time_limit: float = TIME_LIMIT) -> SolveResult:
    """Every Nash equilibrium of a small numeric normal-form game, exactly.

    Parameters
    ----------
    game : NormalFormGame
        Numeric payoffs, any number of players, within the limits of :func:`limits_exceeded`
        (at most ``MAX_UNKNOWNS`` unknown probabilities: 2x2x2, 3x2x2, 3x3x2, 3x3x3, 2x2x2x2).
    time_limit : float
        Seconds after which no further support is tried (a warning says so).

    Returns
    -------
    SolveResult
        Concept ``"nash"``, method ``"polynomial-support-enumeration"``; the equilibria by
        support size. Where every support's system has finitely many solutions the game has
        finitely many equilibria, all listed, each its own component (numbered 1, 2, ...);
        otherwise ``component`` is ``None`` and ``warnings`` names the supports whose
        equilibria, if any, form continua and are not listed.

    Raises
    ------
    UnsupportedGameError
        If the game is beyond the limits.
    ParameterError
        If a payoff still depends on a parameter without a value.

    Examples
    --------
    The third player of this game plays their first strategy with probability
    ``(sqrt(7) - 1)/2`` in its only totally mixed equilibrium (derived by hand in
    ``tests/solvers/test_nplayer.py``); the game has three equilibria, all isolated:

    >>> game = NormalFormGame.from_arrays([
    ...     [[[2, 6], [-2, 2]], [[0, 0], [0, 0]]],
    ...     [[[-2, -6], [0, 0]], [[2, -2], [0, 0]]],
    ...     [[[9, 0], [1, 0]], [[1, 0], [-3, 0]]]])
    >>> for e in nplayer_equilibria(game).equilibria:
    ...     print(e.component, e.profile.probabilities[2])
    1 (1, 0)
    2 (1/2, 1/2)
    3 (-1/2 + sqrt(7)/2, 3/2 - sqrt(7)/2)
    """
    if not game.is_numeric:
        raise ParameterError(
            "nplayer_equilibria(): the game has parameters without values ("
            + ", ".join(game.free_parameters) + "); solve game.at({...}) instead"
        )
    reason = limits_exceeded(game)
    if reason is not None:
        raise UnsupportedGameError(f"nplayer_equilibria(): {reason}")
    return _search(game, time.monotonic() + time_limit, time_limit)


@dataclass
class _Report:
    """What the search met besides equilibria."""

    continua: list[Support]
    unsolved: list[tuple[Support, str]]
    described: list[str]
    tried: int = 0
    stopped: bool = False


def _search(game: NormalFormGame, deadline: float, time_limit: float) -> SolveResult:
    arrays = game.numeric_payoffs()
    report = _Report([], [], [])
    found: list[Equilibrium] = []
    supports = _support_profiles(game.shape)
    for support in supports:
        if time.monotonic() > deadline:
            report.stopped = True
            break
        report.tried += 1
        if _conditionally_dominated(arrays, support):
            continue
        found.extend(_equilibria_with_support(game, arrays, support, report))
    finite = not (report.continua or report.unsolved or report.described or report.stopped)
    if finite:
        found = [_numbered(e, k) for k, e in enumerate(found, start=1)]
    return SolveResult(game, "nash", METHOD, tuple(found),
                       warnings=_warnings(game, report, len(supports), time_limit))


def _support_profiles(shape: Sequence[int]) -> list[Support]:
    per_player = [
        [s for size in range(1, m + 1) for s in itertools.combinations(range(m), size)]
        for m in shape
    ]
    return sorted(itertools.product(*per_player), key=lambda p: (sum(map(len, p)), p))


def _conditionally_dominated(arrays: Sequence[np.ndarray], support: Support) -> bool:
    """Whether a strategy in some support is strictly dominated, against the others' supports,
    by another strategy: then no equilibrium has these supports (Porter, Nudelman and Shoham,
    "Simple search methods for finding a Nash equilibrium", GEB 63 (2008))."""
    for player, array in enumerate(arrays):
        index = [list(s) for s in support]
        index[player] = list(range(array.shape[player]))
        block = np.moveaxis(array[np.ix_(*index)], player, 0).reshape(array.shape[player], -1)
        for own in support[player]:
            if any(all(b > a for a, b in zip(block[own], block[other]))
                   for other in range(len(block)) if other != own):
                return True
    return False


def _equilibria_with_support(
    game: NormalFormGame, arrays: Sequence[np.ndarray], support: Support, report: _Report
) -> Iterator[Equilibrium]:
    unknowns, probabilities = _probability_polynomials(game.shape, support)
    values = [
        [_strategy_value(array, probabilities, player, own, unknowns)
         for own in range(game.shape[player])]
        for player, array in enumerate(arrays)
    ]
    equations = [
        values[player][own] - values[player][s[0]]
        for player, s in enumerate(support) for own in s[1:]
    ]
    solutions = real_solutions(equations, unknowns, max_degree=MAX_DEGREE)
    if solutions.status == "positive-dimensional":
        _positive_dimensional(game, support, unknowns, equations, probabilities, values, report)
    elif solutions.status in ("degree-limit", "unsolved"):
        why = (f"a polynomial of degree {solutions.degree}, above the limit of {MAX_DEGREE}"
               if solutions.status == "degree-limit" else "equations with a multiple root")
        report.unsolved.append((support, why))
    for point in solutions.points:
        if _is_equilibrium(point, support, probabilities, values):
            yield _certified(game, point, support, probabilities, values)


def _positive_dimensional(
    game: NormalFormGame, support: Support, unknowns: list[sympy.Symbol], equations: list[Poly],
    probabilities: list[list[Poly]], values: list[list[Poly]], report: _Report,
) -> None:
    """Describe the continuum of equilibria on ``support`` exactly where it lies on a line,
    else record the support as not analysed."""
    positive = [probabilities[player][k] for player, s in enumerate(support) for k in s]
    nonpositive = [values[player][own] - values[player][s[0]]
                   for player, s in enumerate(support)
                   for own in range(game.shape[player]) if own not in s]
    found = continuum(equations, unknowns, positive, nonpositive)
    if found is None:
        report.continua.append(support)
    elif found[1] is not sympy.S.EmptySet:
        variable, values_set = found
        player, strategy = (int(k) for k in variable.name[1:].split("_"))
        report.described.append(
            f"a continuum of equilibria with supports {_support_text(game, support)}: "
            f"{game.players[player]} plays {game.strategies[player][strategy]} with any "
            f"probability in {interval_text(values_set)} (the other probabilities follow from it); "
            "its points are not listed one by one"
        )


def _probability_polynomials(
    shape: Sequence[int], support: Support
) -> tuple[list[sympy.Symbol], list[list[Poly]]]:
    """One unknown per supported strategy but the first of each player (whose probability is
    1 minus the others'); the probability of every strategy as a polynomial in them."""
    unknowns = [sympy.Symbol(f"p{player}_{k}")
                for player, s in enumerate(support) for k in s[1:]]
    gens = unknowns or [sympy.Symbol("p")]
    probabilities = []
    for player, (m, s) in enumerate(zip(shape, support)):
        own = {k: Poly(sympy.Symbol(f"p{player}_{k}"), *gens, domain=QQ) for k in s[1:]}
        first = Poly(1, *gens, domain=QQ) - sum(own.values(), Poly(0, *gens, domain=QQ))
        probabilities.append([
            first if k == s[0] else own.get(k, Poly(0, *gens, domain=QQ)) for k in range(m)
        ])
    return unknowns, probabilities


def _strategy_value(array: np.ndarray, probabilities: list[list[Poly]], player: int, own: int,
                    unknowns: list[sympy.Symbol]) -> Poly:
    """The player's expected payoff from ``own`` against the others' supported strategies."""
    others = [[k for k, p in enumerate(d) if not p.is_zero]
              for q, d in enumerate(probabilities) if q != player]
    gens = unknowns or [sympy.Symbol("p")]
    total = Poly(0, *gens, domain=QQ)
    for combination in itertools.product(*others):
        index = list(combination)
        index.insert(player, own)
        payoff: Fraction = array[tuple(index)]
        if payoff == 0:
            continue
        term = Poly(QQ(payoff.numerator, payoff.denominator), *gens, domain=QQ)
        for q, k in enumerate(index):
            if q != player:
                term = term * probabilities[q][k]
        total += term
    return total


def _is_equilibrium(point: AlgebraicPoint, support: Support,
                    probabilities: list[list[Poly]], values: list[list[Poly]]) -> bool:
    """Positive probabilities on the supports, no better strategy outside (exact signs)."""
    for player, s in enumerate(support):
        if any(point.sign(point.at(probabilities[player][k])) <= 0 for k in s):
            return False
        payoff = values[player][s[0]]
        for own in range(len(values[player])):
            if own not in s and point.sign(point.at(values[player][own] - payoff)) > 0:
                return False
    return True


def _certified(game: NormalFormGame, point: AlgebraicPoint, support: Support,
               probabilities: list[list[Poly]], values: list[list[Poly]]) -> Equilibrium:
    at = [[point.at(p) for p in d] for d in probabilities]
    exact = tuple(tuple(point.expression(p) for p in d) for d in at)
    profile = MixedProfile.trusted(exact)
    if all(p.is_Rational for d in exact for p in d):
        return certify(game, profile)
    payoffs = tuple(point.expression(point.at(values[player][s[0]]))
                    for player, s in enumerate(support))
    _, regrets = verify_algebraic(game, exact, payoffs)
    require_no_regret(game, regrets)
    outcomes = []
    for index in itertools.product(*support):
        weight = Poly(1, sympy.Symbol("t"), domain=QQ)
        for player, k in enumerate(index):
            weight = point.reduce(weight * at[player][k])
        outcomes.append(Outcome(game.profile_labels(index), point.expression(weight)))
    return Equilibrium(profile, payoffs, tuple(outcomes), regrets)


def _numbered(equilibrium: Equilibrium, number: int) -> Equilibrium:
    return Equilibrium(equilibrium.profile, equilibrium.payoffs, equilibrium.outcomes,
                       equilibrium.regrets, number)


def _warnings(game: NormalFormGame, report: _Report, total: int,
              time_limit: float) -> tuple[str, ...]:
    notes = []
    notes.extend(report.described)
    if report.continua:
        named = "; ".join(_support_text(game, s) for s in report.continua[:3])
        more = len(report.continua) - 3
        notes.append(
            f"the equilibria with supports {named}"
            + (f" and {more} more support profiles" if more > 0 else "")
            + ", if any, are not isolated (their indifference equations have infinitely many "
            "solutions) and are not listed: the game is degenerate and may have continua of "
            "equilibria"
        )
    for support, why in report.unsolved:
        notes.append(f"the equilibria with supports {_support_text(game, support)}, if any, "
                     f"were not computed: {why}")
    if report.stopped:
        notes.append(
            f"the search stopped at the time limit of {time_limit:g} s after {report.tried} of "
            f"{total} support profiles: equilibria with larger supports may be missing"
        )
    return tuple(notes)


def _support_text(game: NormalFormGame, support: Support) -> str:
    return "(" + ", ".join(
        "{" + ", ".join(labels[k] for k in s) + "}"
        for labels, s in zip(game.strategies, support)
    ) + ")"


__all__ = ["MAX_DEGREE", "MAX_SUPPORT_PROFILES", "MAX_UNKNOWNS", "TIME_LIMIT",
           "limits_exceeded", "nplayer_equilibria"]
