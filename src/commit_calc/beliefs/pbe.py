"""Every pure-strategy perfect Bayesian equilibrium of a finite tree with perfect recall.

A perfect Bayesian equilibrium (Gibbons 1992, ch. 4; Fudenberg and Tirole 1991) is a profile
with beliefs at every information set such that every mover's strategy is optimal given their
beliefs (sequential rationality), and beliefs follow Bayes' rule on the path and, where
possible, off it: the rule that :mod:`~commit_calc.beliefs.check` states and checks.

The search (:mod:`~commit_calc.beliefs.search`) runs over pure behaviour profiles (at most
:data:`MAX_PROFILES`); this module lists and certifies what it finds.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from commit_calc.beliefs.assessment import BeliefEquilibrium
from commit_calc.beliefs.search import MAX_NODES, MAX_PROFILES, Context, Search, polytope_record
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.solvers.listing import listing_limit
from commit_calc.solvers.results import SolveResult

__all__ = ["CHECK_BUDGET", "MAX_NODES", "MAX_PROFILES", "Context", "Search",
           "perfect_bayesian_equilibria", "polytope_record", "solve_result"]

#: Equilibria listed times nodes squared stays below this (each is checked in full).
CHECK_BUDGET = 2_000_000

_NAMES = {"pbe": "perfect Bayesian equilibria", "sequential": "sequential equilibria"}
PURE_ONLY = "only pure behaviour profiles were searched: mixed equilibria may exist too"


def perfect_bayesian_equilibria(
    game: ExtensiveFormGame, *, max_profiles: int = MAX_PROFILES, max_equilibria: int = 1000,
    mixed: bool = False,
) -> SolveResult:
    """Every pure-strategy perfect Bayesian equilibrium of a numeric tree, with its beliefs;
    with ``mixed``, every one mixed included where this version can find them all
    (:func:`~commit_calc.beliefs.mixed.all_equilibria`).

    Returns a :class:`~commit_calc.solvers.results.SolveResult` with concept ``"pbe"`` whose
    equilibria are :class:`~commit_calc.beliefs.assessment.BeliefEquilibrium` records: beliefs
    by Bayes' rule where the equilibrium goes, and at each unreached set the exact condition on
    beliefs that supports it, with an example. For a sender-receiver signalling game each is
    classified and tested against the Intuitive Criterion and D1.

    At most ``max_equilibria`` equilibria are listed (fewer where each is large, as for
    subgame-perfect equilibria); a warning says when there are more.

    Raises
    ------
    UnsupportedGameError
        If the game has more than ``max_profiles`` pure behaviour profiles, or an unreached
        set's beliefs would follow by Bayes' rule from free beliefs at another unreached set
        with several nodes (not decided by this method).
    ParameterError
        If a number still depends on a parameter (solve ``game.at(values)``).

    Examples
    --------
    Selten's horse: player 3's L is optimal only if it believes player 2 played d with
    probability at least 2/3.

    >>> from commit_calc.io import load_game
    >>> result = perfect_bayesian_equilibria(load_game("selten-horse").at())
    >>> [(e.outcomes[0].path, e.assessment.off_path[0].condition) for e in result.equilibria]
    [(('C', 'c'), 'P(C > d | Player 3) >= 2/3')]
    """
    if mixed:
        from commit_calc.beliefs.mixed import all_equilibria

        found = all_equilibria(game, "pbe", max_equilibria)
        if found is not None:
            return found
    search = Search(game, max_profiles, "pbe")
    result = solve_result(search, "pbe", "pure-assessment enumeration", search.run(),
                          max_equilibria)
    return _with_limit(result) if mixed else result


def _with_limit(result: SolveResult) -> SolveResult:
    from commit_calc.beliefs.mixed import MIXED_LIMIT

    return SolveResult(result.game, result.concept, result.method, result.equilibria,
                       warnings=result.warnings + (MIXED_LIMIT,))


def solve_result(search: Search, concept: str, method: str,
                 equilibria: Iterator[BeliefEquilibrium], max_equilibria: int) -> SolveResult:
    """The listed, certified equilibria as a result, with the notes a reader needs."""
    from commit_calc.beliefs.signalling import annotate, signalling_structure

    limit = min(listing_limit(search.game, max_equilibria),
                max(1, CHECK_BUDGET // len(search.game.nodes) ** 2))
    found = list(itertools.islice(equilibria, limit + 1))
    notes = [PURE_ONLY]
    if len(found) > limit:
        found = found[:limit]
        notes.append(f"more than {limit} {_NAMES[concept]} exist; only the first {limit} "
                     "are listed (raise max_equilibria to list more)")
    if not found:
        notes.append(f"no pure-strategy {_NAMES[concept][:-1]}um exists here; every finite "
                     "game with perfect recall has one in behaviour strategies (Kreps and "
                     "Wilson 1982), so a mixed one exists, which this version does not search")
    found.sort(key=lambda e: [d.index(max(d)) for d in e.profile.probabilities])
    structure = signalling_structure(search.game)
    if structure is not None:
        found = [annotate(search.game, structure, e) for e in found]
    return SolveResult(search.game, concept, method, tuple(found),
                       warnings=tuple(notes + search.notes))

