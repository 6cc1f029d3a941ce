"""Symbolic extreme equilibria of a two-player table of any size (within a limit).

With row payoffs ``A`` and column payoffs ``B`` (m x n, formulas), the row's mixed strategies
with the column's best payoff form the polyhedron

    P = {(x, v) : x >= 0, sum(x) = 1, (B^T x)_j <= v}

and the column's strategies with the row's best payoff ``Q = {(y, u) : y >= 0, sum(y) = 1,
(A y)_i <= u}``. Labels name the constraints: ``x_i = 0`` and ``(A y)_i = u`` carry label ``i``
(row strategy ``i`` unused, or a best response), ``(B^T x)_j = v`` and ``y_j = 0`` carry label
``m + j``. The extreme Nash equilibria are the pairs of vertices of P and Q that together
have every label (von Stengel 2007, "Equilibrium computation for two-player games in
strategic and extensive form", Algorithmic Game Theory ch. 3; Avis, Rosenberg, Savani and von
Stengel 2010), as :func:`commit_calc.solvers.mixed_nash.extreme_equilibria` finds them.

Symbolically, a vertex comes from a *basis*: ``m`` labels whose constraints, with
``sum(x) = 1``, have a non-zero determinant ``D``; by Cramer's rule the vertex's coordinates
and every constraint's slack are polynomials over ``D``. A candidate is a pair of bases
``(K, L)``, true where

* both determinants are non-zero and every slack is >= 0 (the sign of the slack's numerator
  times the sign of ``D``): the two points are vertices of P and Q;
* every label outside ``K`` and ``L`` is tight in one of them (complementarity);
* each basis is the *canonical* one of its vertex: every basis before it (in the order of
  :func:`itertools.combinations`) is singular or has a label that is not tight there.

In a degenerate game a vertex has more tight labels than its dimension and several bases;
the last condition keeps exactly one, so every extreme equilibrium is one true candidate at
every point, and no point has two. The canonical basis is the greedy (Gale-minimal) basis of
the tight labels, so it holds every tight ``x_i = 0``: the strategies outside the basis are
exactly the support, as in the solvers' labels. Pure pairs are left to the pure candidates.
Candidates with the same formulas are one candidate (their conditions joined by "or").

Conditions are :class:`.clauses.Clauses`, decided lazily by the case split of :mod:`.regions`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import comb

import sympy
from sympy.polys.matrices import DomainMatrix

from commit_calc.analysis.atoms import Requirement, conjunction, requirement
from commit_calc.analysis.candidates import Candidate, Feasibility, Term
from commit_calc.analysis.clauses import Clause, Clauses, clause, clauses_of
from commit_calc.analysis.labels import normal_form_label
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame

#: Bases per polytope (``C(m + n, m)``) beyond which mixed equilibria are not analysed
#: symbolically: 70 allows 4x4, 3x5, 2x7 (and smaller); 4x5 has 126.
MAX_BASES = 70
#: Candidate pairs of bases kept after the first checks, beyond which the analysis gives up.
MAX_PAIRS = 2000


@dataclass(frozen=True)
class _Vertex:
    """A basis of P or Q: its labels, the point as formulas, and when it is the canonical
    basis of a vertex (``clauses``; ``terms``: "non-singular and feasible", by sign of D)."""

    basis: tuple[int, ...]
    point: tuple[sympy.Expr, ...]
    value: sympy.Expr
    slacks: dict[int, sympy.Expr]
    clauses: tuple[Clause | bool, ...]
    terms: tuple[Term, ...]
    pure: bool


#: Parameters in a table larger than 2x2 beyond which its mixed equilibria are not analysed
#: symbolically: the determinants and their sign conditions grow with every parameter (the
#: 4x4 reduced normal form of costly-implementation, 13 parameters: 155 s before the split).
MAX_SYMBOLS = 4


def supports_mixed(game: NormalFormGame) -> bool:
    """Whether the table is small enough for :func:`mixed_candidates`."""
    m, n = game.shape
    if comb(m + n, m) > MAX_BASES:
        return False
    symbols = set().union(*(e.free_symbols for array in game.payoffs for e in array))
    return (m, n) == (2, 2) or len(symbols) <= MAX_SYMBOLS


def mixed_candidates(game: NormalFormGame, feasible: Feasibility) -> list[Candidate]:
    """Every extreme equilibrium of a two-player table that is not pure, as candidates.

    Raises :class:`UnsupportedGameError` beyond :data:`MAX_BASES` bases per polytope or
    :data:`MAX_PAIRS` candidate pairs, or for payoffs that are not polynomials over
    denominators of known sign.
    """
    m, n = game.shape
    if not supports_mixed(game):
        raise UnsupportedGameError(
            f"symbolic analysis: a {m}x{n} table has {comb(m + n, m)} bases per player, more "
            f"than the {MAX_BASES} analysed for mixed equilibria (4x4, 3x5, 2x7 at most)")
    a, b = game.payoffs
    rows = _vertices(m, n, [[b[i, j] for i in range(m)] for j in range(n)],
                     range(m), range(m, m + n), feasible)
    columns = _vertices(n, m, [[a[i, j] for j in range(n)] for i in range(m)],
                        range(m, m + n), range(m), feasible)
    merged: dict[tuple[object, ...], tuple[list[Clauses], Candidate]] = {}
    pairs = 0
    for x, y in itertools.product(rows, columns):
        if x.pure and y.pure:
            continue
        condition = _pair_condition(x, y, m + n, feasible)
        if condition is None:
            continue
        pairs += 1
        if pairs > MAX_PAIRS:
            raise UnsupportedGameError(
                f"symbolic analysis: more than {MAX_PAIRS} candidate mixed equilibria in the "
                f"{m}x{n} table; fix some parameters (--set) or solve point by point")
        candidate = _candidate(game, x, y)
        key = (candidate.distributions, candidate.payoffs)
        merged.setdefault(key, ([], candidate))[0].append(condition)
    return [Candidate(c.outcome, c.distributions, c.payoffs, tuple(alternatives))
            for alternatives, c in merged.values()]


def _vertices(size: int, others: int, responses: Sequence[Sequence[sympy.Expr]],
              own_labels: range, response_labels: range, feasible: Feasibility
              ) -> list[_Vertex]:
    """The bases of one polytope (``size`` coordinates labelled ``own_labels``; response
    ``r`` pays ``responses[r] . point`` and is labelled ``response_labels[r]``) that can be
    the canonical basis of a vertex somewhere."""
    labels = size + others
    solved: dict[tuple[int, ...], tuple[sympy.Expr, list[sympy.Expr]]] = {}
    # own labels first: the canonical (greedy) basis then holds every tight x_i = 0
    for basis in itertools.combinations([*own_labels, *response_labels], size):
        one, zero = sympy.Integer(1), sympy.Integer(0)
        matrix = [[one] * size + [zero]]
        for label in basis:
            if label in own_labels:
                c = label - own_labels.start
                matrix.append([one if k == c else zero for k in range(size)] + [zero])
            else:
                matrix.append([*responses[label - response_labels.start], -one])
        determinant, column = _cramer(matrix)
        if determinant == 0:
            continue
        solved[basis] = (determinant, column)
    found = []
    order = list(solved)
    for position, basis in enumerate(order):
        determinant, column = solved[basis]
        slacks: dict[int, sympy.Expr] = {}
        for label in range(labels):
            if label in basis:
                continue
            if label in own_labels:
                slacks[label] = column[label - own_labels.start]
            else:
                row = responses[label - response_labels.start]
                slacks[label] = sympy.expand(column[size] - sum(
                    r * x for r, x in zip(row, column[:size])))
        terms = tuple(t for t in (
            conjunction([requirement(determinant, sign),
                         *(requirement(s, sign + "=") for s in slacks.values())])
            for sign in (">", "<")) if t is not None and feasible(t) is not False)
        if not terms:
            continue
        canonical = tuple(
            clause([requirement(solved[other][0], "=="),
                    *(_nonzero(slacks[label]) for label in other if label not in basis)])
            for other in order[:position])
        if clauses_of(canonical) is None:
            continue
        point = tuple(sympy.Integer(0) if own_labels.start + c in basis
                      else sympy.cancel(column[c] / determinant) for c in range(size))
        pure = sum(label in own_labels for label in basis) == size - 1
        found.append(_Vertex(basis, point, sympy.cancel(column[size] / determinant), slacks,
                             (clause(terms), *canonical), terms, pure))
    return found


def _cramer(matrix: list[list[sympy.Expr]]) -> tuple[sympy.Expr, list[sympy.Expr]]:
    """``(det M, numerators)`` of the solution of ``M z = e_1`` by Cramer's rule: each
    numerator is the determinant of ``M`` with that column replaced by ``e_1``."""
    size = len(matrix)
    domain, entries = sympy.construct_domain([e for row in matrix for e in row])
    rows = [entries[r * size:(r + 1) * size] for r in range(size)]

    def det(columns: list[list[object]]) -> sympy.Expr:
        value = DomainMatrix(columns, (size, size), domain).to_dense().det()
        return domain.to_sympy(value)

    unit = [domain.one if r == 0 else domain.zero for r in range(size)]
    numerators = [det([[unit[r] if k == c else rows[r][k] for k in range(size)]
                       for r in range(size)]) for c in range(size)]
    return det(rows), numerators


def _nonzero(expression: sympy.Expr) -> Requirement | bool:
    """The requirement ``expression != 0``."""
    zero = requirement(expression, "==")
    if isinstance(zero, bool):
        return not zero
    return zero[0], frozenset({1, -1})


def _pair_condition(x: _Vertex, y: _Vertex, labels: int, feasible: Feasibility
                    ) -> Clauses | None:
    """When the pair of bases is an extreme equilibrium (None if never, as far as the
    first checks tell)."""
    complementary = [clause([requirement(x.slacks[label], "=="),
                             requirement(y.slacks[label], "==")])
                     for label in range(labels) if label not in x.basis + y.basis]
    # feasibility and complementarity first: they decide most pairs; canonicity last
    condition = clauses_of([x.clauses[0], y.clauses[0], *complementary,
                            *x.clauses[1:], *y.clauses[1:]])
    if condition is None:
        return None
    first = condition.clauses[0] if condition.clauses else ()
    head = first[0] if len(first) == 1 else {}
    for term_x, term_y in itertools.product(x.terms, y.terms):
        joined = conjunction(itertools.chain(head.items(), term_x.items(), term_y.items()))
        if joined is not None and feasible(joined) is not False:
            return condition
    return None


def _candidate(game: NormalFormGame, x: _Vertex, y: _Vertex) -> Candidate:
    """The candidate of a pair of bases: the vertices as distributions, and the payoffs
    (the row's is the value of Q, the column's that of P); the condition is set later."""
    distributions = (x.point, y.point)
    supports = [{label: p for label, p in zip(labels, dist) if p != 0}
                for labels, dist in zip(game.strategies, distributions)]
    payoffs = (_factored(y.value), _factored(x.value))
    return Candidate(normal_form_label(supports), distributions, payoffs, ())


@lru_cache(maxsize=1024)
def _factored(value: sympy.Expr) -> sympy.Expr:
    """``sympy.factor(value)``, once per vertex (a vertex is in many pairs)."""
    factored: sympy.Expr = sympy.factor(value)
    return factored
