"""Symbolic equilibrium candidates: each a profile with formulas and the condition under which
it is an equilibrium.

* Trees: see :mod:`.tree_candidates`, which uses the normal-form candidates below for the
  parts of a tree with imperfect information.
* Normal-form games: every pure profile, an equilibrium iff no player gains by a unilateral
  deviation. Two-player games with at most two strategies each also get their mixed extreme
  equilibria from the indifference conditions (see :func:`_two_by_two`).

A candidate's condition is a disjunction of conjunctions ``{key: allowed signs}``
(see :mod:`.atoms`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import sympy

from commit_calc.analysis.atoms import Requirement, Signs, conjunction, evaluate_term, requirement
from commit_calc.analysis.domain import Domain, sign_conditions
from commit_calc.analysis.feasibility import satisfiable
from commit_calc.analysis.labels import normal_form_label
from commit_calc.analysis.pieces import has_kinks, pieces
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
    condition: tuple[Term, ...]


class Feasibility:
    """Cached satisfiability of conjunctions within a parameter domain.

    Every conjunction is checked together with the domain's conditions (chance probabilities
    in [0, 1]); ``Feasibility(domain, background=False)`` checks within the bounds alone.
    """

    def __init__(self, domain: Domain, *, background: bool = True):
        self.bounds = domain.bounds
        self.background: Term = dict(domain.conditions) if background else {}
        self._check = lru_cache(maxsize=None)(self._uncached)

    def __call__(self, term: Mapping[sympy.Expr, Signs]) -> bool | None:
        return self._check(frozenset(term.items()))

    def _uncached(self, items: frozenset[tuple[sympy.Expr, Signs]]) -> bool | None:
        merged = conjunction(itertools.chain(self.background.items(), items))
        if merged is None:
            return False
        return satisfiable(sign_conditions(merged), self.bounds)


def normal_form_candidates(game: NormalFormGame, feasible: Feasibility | None = None
                           ) -> tuple[list[Candidate], bool]:
    """Pure candidates (and mixed ones for games up to 2x2); the flag says whether they are
    every equilibrium that :func:`commit_calc.solvers.solve.solve` reports.

    A table with ``min``/``max`` is split into pieces (:mod:`.pieces`) where every payoff is a
    polynomial; each piece's candidates hold within its condition, and a candidate found in
    several pieces with the same payoffs is one candidate.
    """
    profiles = list(game.profiles())
    entries = [array[index] for array in game.payoffs for index in profiles]
    if not has_kinks(entries):
        return _table_candidates(game)
    merged: dict[tuple[object, ...], Candidate] = {}
    complete = True
    for cell, values in pieces(entries, feasible=feasible):
        arrays = tuple(
            sympy.ImmutableDenseNDimArray(values[k * len(profiles):(k + 1) * len(profiles)],
                                          game.shape)
            for k in range(game.num_players))
        found, complete = _table_candidates(replace(game, payoffs=arrays))
        for candidate in found:
            terms = tuple(t for t in (conjunction(itertools.chain(term.items(), cell.items()))
                                      for term in candidate.condition) if t is not None)
            key = (candidate.outcome, candidate.distributions, candidate.payoffs)
            if key in merged:
                terms = merged[key].condition + terms
            merged[key] = replace(candidate, condition=terms)
        if len(merged) > MAX_CANDIDATES:
            raise UnsupportedGameError(
                f"symbolic analysis: more than {MAX_CANDIDATES} candidates in the table")
    return [c for c in merged.values() if c.condition], complete


def _table_candidates(game: NormalFormGame) -> tuple[list[Candidate], bool]:
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
    if game.num_players != 2:
        return candidates, True
    if max(game.shape) <= 1 or min(game.shape) == 1:
        return candidates, True
    if game.shape != (2, 2):
        return candidates, False
    return candidates + _two_by_two(game), True


def _two_by_two(game: NormalFormGame) -> list[Candidate]:
    """Mixed extreme equilibria of a 2x2 game.

    With ``d1 = a11 - a21``, ``d2 = a12 - a22`` (row's gain from its first strategy against
    each column) and ``e1 = b11 - b12``, ``e2 = b21 - b22`` (column's gain from its first
    strategy against each row), the column mixes at ``q* = d2 / (d2 - d1)`` (probability of
    its first strategy) and the row at ``p* = e2 / (e2 - e1)``, each defined in (0, 1) iff the
    two gains have strictly opposite signs. The extreme equilibria are the pairs ``(p, q)``
    with ``p`` in {1, 0, p*}, ``q`` in {1, 0, q*} that are equilibria: a player who mixes must
    be indifferent against the other's strategy (von Stengel 2007, "Equilibrium computation
    for two-player games in strategic and extensive form", ch. 3 of Algorithmic Game Theory:
    extreme equilibria are completely labelled vertex pairs of the best-response polytopes,
    whose vertices here are exactly these mixtures). Pure pairs are the pure candidates.
    """
    a, b = game.payoffs
    d1, d2 = a[0, 0] - a[1, 0], a[0, 1] - a[1, 1]
    e1, e2 = b[0, 0] - b[0, 1], b[1, 0] - b[1, 1]

    def opposite(x: sympy.Expr, y: sympy.Expr) -> list[Term]:
        terms = []
        for sx, sy in (("<", ">"), (">", "<")):
            term = conjunction([requirement(x, sx), requirement(y, sy)])
            if term is not None:
                terms.append(term)
        return terms

    def indifferent(mixed: list[Term], gain: sympy.Expr) -> list[Term]:
        # the mixer's mixture is in (0, 1) (`mixed`) and it is indifferent (`gain` = 0)
        # against the other player's pure strategy
        needs = requirement(gain, "==")
        return [t for t in (conjunction([*x.items(), needs]) for x in mixed) if t is not None]

    p_star = sympy.cancel(e2 / (e2 - e1)) if sympy.simplify(e2 - e1) != 0 else None
    q_star = sympy.cancel(d2 / (d2 - d1)) if sympy.simplify(d2 - d1) != 0 else None
    candidates = []
    pure = ((0, sympy.Integer(1)), (1, sympy.Integer(0)))  # (strategy, probability of first)
    mixes: list[tuple[sympy.Expr, sympy.Expr, list[Term]]] = []
    if p_star is not None:
        mixes += [(p_star, q, indifferent(opposite(e1, e2), (d1, d2)[k])) for k, q in pure]
    if q_star is not None:
        mixes += [(p, q_star, indifferent(opposite(d1, d2), (e1, e2)[k])) for k, p in pure]
    if p_star is not None and q_star is not None:
        terms = [t for t in (conjunction(list(x.items()) + list(y.items()))
                             for x in opposite(e1, e2) for y in opposite(d1, d2)) if t is not None]
        mixes.append((p_star, q_star, terms))
    for p, q, terms in mixes:
        if not terms:
            continue
        row = (p, sympy.cancel(1 - p))
        column = (q, sympy.cancel(1 - q))
        payoffs = tuple(
            sympy.factor(sympy.cancel(sum(row[i] * column[j] * m[i, j]
                                          for i in range(2) for j in range(2))))
            for m in (a, b)
        )
        supports = [
            {label: x for label, x in zip(labels, dist) if x != 0}
            for labels, dist in zip(game.strategies, (row, column))
        ]
        candidates.append(Candidate(
            normal_form_label(supports), (row, column), payoffs, tuple(terms)))
    return candidates


def evaluate(candidate: Candidate, signs: Mapping[sympy.Expr, int]) -> bool | None:
    """True/False/None (open) for a candidate under a partial sign assignment."""
    open_ = False
    for term in candidate.condition:
        status = evaluate_term(term, signs)
        if status is True:
            return True
        if status is None:
            open_ = True
    return None if open_ else False

