"""Symbolic equilibrium candidates: each a profile with formulas and the condition under which
it is an equilibrium.

* Trees: see :mod:`.tree_candidates`, which uses the normal-form candidates below for the
  parts of a tree with imperfect information.
* Normal-form games: every pure profile, an equilibrium iff no player gains by a unilateral
  deviation. Two-player tables up to :data:`.mixed_candidates.MAX_BASES` bases per player
  (4x4, 3x5, 2x7) also get every other extreme equilibrium from pairs of bases of the
  best-response polyhedra (:mod:`.mixed_candidates`).

A candidate's condition is a disjunction of alternatives: conjunctions ``{key: allowed
signs}`` (see :mod:`.atoms`) or conjunctions of clauses (:class:`.clauses.Clauses`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import sympy

from commit_calc.analysis.atoms import Requirement, Signs, conjunction, requirement
from commit_calc.analysis.clauses import Clauses, alternative_status, alternative_within
from commit_calc.analysis.domain import Domain, domain_of, sign_conditions
from commit_calc.analysis.feasibility import satisfying_point
from commit_calc.analysis.labels import normal_form_label
from commit_calc.analysis.pieces import has_kinks, pieces
from commit_calc.analysis.witnesses import Witnesses
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame

Term = dict[sympy.Expr, Signs]

#: Give up on the symbolic analysis (callers fall back to solving point by point) beyond this.
MAX_CANDIDATES = 2000


@dataclass(frozen=True)
class Candidate:
    """A profile whose probabilities and payoffs are formulas, and when it is an equilibrium.

    ``distributions`` is aligned with ``game.infosets`` (trees) or ``game.players`` (normal
    form), like the numeric profiles of :mod:`commit_calc.model.profiles`.
    """

    outcome: str
    distributions: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    condition: tuple[Term | Clauses, ...]


class Feasibility:
    """Cached satisfiability of conjunctions within a parameter domain.

    Every conjunction is checked together with the domain's conditions (chance probabilities
    in [0, 1]); ``Feasibility(domain, background=False)`` checks within the bounds alone.
    A conjunction that a point found for an earlier one satisfies is satisfiable at once
    (:mod:`.witnesses`).
    """

    def __init__(self, domain: Domain, *, background: bool = True):
        self.bounds = domain.bounds
        self.background: Term = dict(domain.conditions) if background else {}
        self._check = lru_cache(maxsize=None)(self._uncached)
        self._witnesses = Witnesses(self.bounds)

    def __call__(self, term: Mapping[sympy.Expr, Signs]) -> bool | None:
        return self._check(frozenset(term.items()))

    def _uncached(self, items: frozenset[tuple[sympy.Expr, Signs]]) -> bool | None:
        merged = conjunction(itertools.chain(self.background.items(), items))
        if merged is None:
            return False
        if self._witnesses.holds(merged):
            return True
        verdict, point = satisfying_point(sign_conditions(merged), self.bounds)
        if point is not None:
            self._witnesses.add(point, merged)
        return verdict


def normal_form_candidates(game: NormalFormGame, feasible: Feasibility | None = None
                           ) -> tuple[list[Candidate], bool]:
    """Pure candidates (and the other extreme equilibria of two-player tables within
    :data:`.mixed_candidates.MAX_BASES`); the flag says whether they are every equilibrium
    that :func:`commit_calc.solvers.solve.solve` reports.

    A table with ``min``/``max`` is split into pieces (:mod:`.pieces`) where every payoff is a
    polynomial; each piece's candidates hold within its condition, and a candidate found in
    several pieces with the same payoffs is one candidate.
    """
    if feasible is None:
        feasible = Feasibility(domain_of(game))
    profiles = list(game.profiles())
    entries = [array[index] for array in game.payoffs for index in profiles]
    if not has_kinks(entries):
        return _table_candidates(game, feasible)
    merged: dict[tuple[object, ...], Candidate] = {}
    complete = True
    for cell, values in pieces(entries, feasible=feasible):
        arrays = tuple(
            sympy.ImmutableDenseNDimArray(values[k * len(profiles):(k + 1) * len(profiles)],
                                          game.shape)
            for k in range(game.num_players))
        found, complete = _table_candidates(replace(game, payoffs=arrays), feasible)
        for candidate in found:
            terms = tuple(t for t in (alternative_within(term, cell)
                                      for term in candidate.condition) if t is not None)
            key = (candidate.outcome, candidate.distributions, candidate.payoffs)
            if key in merged:
                terms = merged[key].condition + terms
            merged[key] = replace(candidate, condition=terms)
        if len(merged) > MAX_CANDIDATES:
            raise UnsupportedGameError(
                f"symbolic analysis: more than {MAX_CANDIDATES} candidates in the table")
    return [c for c in merged.values() if c.condition], complete


def _table_candidates(game: NormalFormGame, feasible: Feasibility
                      ) -> tuple[list[Candidate], bool]:
    """:func:`normal_form_candidates` of a table whose payoffs are polynomials."""
    candidates = []
    for profile in game.profiles():
        needs: list[Requirement | bool] = []
        for p in range(game.num_players):
            for other in range(game.shape[p]):
                if other != profile[p]:
                    deviation = profile[:p] + (other,) + profile[p + 1:]
                    needs.append(requirement(
                        game.payoffs[p][profile] - game.payoffs[p][deviation], ">="))
        term = conjunction(needs)
        if term is None:
            continue
        distributions = tuple(
            tuple(sympy.Integer(int(k == s)) for k in range(size))
            for s, size in zip(profile, game.shape)
        )
        candidates.append(Candidate(
            normal_form_label([{label: 1} for label in game.profile_labels(profile)]),
            distributions, tuple(game.payoffs[p][profile] for p in range(game.num_players)),
            (term,),
        ))
    if game.num_players != 2 or min(game.shape) == 1:
        return candidates, True
    from commit_calc.analysis.mixed_candidates import mixed_candidates, supports_mixed

    if not supports_mixed(game):
        return candidates, False
    return candidates + mixed_candidates(game, feasible), True


def evaluate(candidate: Candidate, signs: Mapping[sympy.Expr, int]) -> bool | None:
    """True/False/None (open) for a candidate under a partial sign assignment."""
    open_ = False
    for term in candidate.condition:
        status = alternative_status(term, signs)
        if status is True:
            return True
        if status is None:
            open_ = True
    return None if open_ else False

