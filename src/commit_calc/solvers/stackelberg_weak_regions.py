"""The leader's weak Stackelberg commitment (ties broken against it) by region.

At a point the weak value is the largest, over the classes ``E`` of follower strategies
with identical payoffs whose *strict* region (``E`` beats every other strategy) is not empty,
of ``max min_{l in E} (x A)_l`` over the closed region of ``E`` (:mod:`.stackelberg`). By
region, as for the strong commitment (:mod:`.stackelberg_regions`: vertices by Cramer's rule,
a knock-out between them), in case splits each within the pieces of the one before:

1. which follower strategies pay it the same against every commitment (the classes);
2. which classes' strict regions are not empty: ``max s`` subject to
   ``(B_k - B_j) x + s <= 0`` (``j`` in the class, ``k`` outside), ``x`` in the simplex, is
   positive, that is some vertex of this program is feasible with ``s > 0``;
3. the knock-out among the vertices of those classes' programs (for a class of one, the
   vertices of its region; for a larger one, of ``max t`` with ``t <= (x A)_l`` for each
   member ``l``);
4. whether the value is attained: at an optimal vertex ``x*`` every best response ``k``
   outside the class (``(B_j - B_k) x* = 0``) must give the leader at least the value; and
   which optimal vertices are one point. An attaining commitment is an optimal point of one
   of these programs, so where each optimal class has one optimal point this decides it;
   where one has several and none attains, the region says that attainment is not decided
   (solve at a point).

Where the value is a supremum not attained, the commitment shown is its limit: the leader
approaches it from inside the strict region of the follower's response.

>>> from commit_calc.model import NormalFormGame, Parameter
>>> game = NormalFormGame.from_matrices(
...     [[2, 4], [1, "b"]], [[1, 0], [0, 1]], strategies=(("T", "B"), ("l", "r")),
...     parameters=[Parameter("b", 3, lower=0, upper=10)])
>>> for region in weak_stackelberg_regions(game, "Row").regions:
...     print(region.condition, [e.outcome for e in region.equilibria])
... # doctest: +NORMALIZE_WHITESPACE
b >= 4 ['Row commits to B; Column plays r']
(b > 0) & (b < 4) ['Row commits to T + B; Column plays r (the value is a supremum, not attained)']
Eq(b, 0) ['Row commits to T; Column plays l']
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence

import sympy

from commit_calc.analysis.atoms import Requirement, conjunction, requirement
from commit_calc.analysis.candidates import Candidate, Feasibility
from commit_calc.analysis.case_split import case_split
from commit_calc.analysis.clauses import Clauses, clause, clauses_of
from commit_calc.analysis.domain import Domain
from commit_calc.analysis.regions import Region, RegionAnalysis, RegionEquilibrium, union_of
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.solvers.stackelberg_regions import (
    MAX_CASES,
    MAX_REJOIN,
    Basis,
    Term,
    basis_commitment,
    commitment_problem,
    optimal_bases_split,
)

#: How the outcome of a region's commitment says that the weak value is not attained.
SUPREMUM = " (the value is a supremum, not attained)"
#: How it says that attainment is not decided by region.
UNDECIDED = " (whether the value is attained is not decided here: solve at a point)"


def weak_stackelberg_regions(game: NormalFormGame, leader: str | int,
                             values: Mapping[str, object] | None = None) -> RegionAnalysis:
    """The regions of parameter space with the leader's weak Stackelberg commitments.

    As :func:`.stackelberg_regions.stackelberg_regions` (concept ``"stackelberg-weak"``); an
    entry whose value is a supremum that no commitment reaches ends its outcome with
    :data:`SUPREMUM` and gives the limit commitment.

    Raises
    ------
    UnsupportedGameError
        Not two players, too many bases or cases, or payoffs that are not polynomials.
    GameDefinitionError, ParameterError
        An unknown leader, parameter or a value out of bounds.
    """
    reduced, fixed, index, a, b, bases, domain = commitment_problem(game, leader, values)
    n = len(b[0])
    pairs = list(itertools.combinations(range(n), 2))
    ties = [Candidate("", (), (), _tie(b, j, k)) for j, k in pairs]
    leaves: list[tuple[Term, tuple[Basis, ...], str, bool]] = []
    made: dict[tuple[int, ...], list[Basis]] = {}
    for tie_term, tied, ok in case_split(ties, Feasibility(domain)):
        classes = _classes(n, [pairs[i] for i in tied])
        strict = [Candidate("", (), (), _strict(b, members)) for members in classes]
        for outer, alive, ok_outer in case_split(strict, _within(domain, tie_term)):
            term = _and(tie_term, outer)
            if term is None:
                continue
            chosen = [basis for i in sorted(alive) for basis in (
                [c for c in bases if c.response == classes[i][0]] if len(classes[i]) == 1
                else made.setdefault(classes[i], _class_bases(a, b, classes[i])))]
            for (whole, shown, status), ok_piece in _optimal(a, b, chosen, classes,
                                                             _within(domain, term)):
                leaves.append((whole, shown, status, ok and ok_outer and ok_piece))
            if len(leaves) > MAX_CASES:  # bounded work: the splits nest
                raise UnsupportedGameError(
                    f"weak Stackelberg regions: more than {MAX_CASES:,} pieces; fix some "
                    "parameters (--set) or solve point by point (solve --concept stackelberg)")
    return _regions(reduced, index, fixed, leaves)


def _optimal(a: list[list[sympy.Expr]], b: list[list[sympy.Expr]], chosen: Sequence[Basis],
             classes: Sequence[tuple[int, ...]], feasible: Feasibility
             ) -> list[tuple[tuple[Term, tuple[Basis, ...], str], bool]]:
    """Within ``feasible``'s piece: the knock-out among ``chosen``, then for the optimal ones
    whether they attain the value and which of them are the same point."""
    found = []
    class_of = {j: members for members in classes for j in members}
    base = feasible.background
    for inner, optimal, ok in optimal_bases_split(chosen, feasible):
        term = _and(base, inner)
        if term is None:
            continue
        best = [chosen[c] for c in sorted(optimal)]
        same = [(c, d) for c, d in itertools.combinations(range(len(best)), 2)
                if class_of[best[c].response] == class_of[best[d].response]
                and best[c].strategy != best[d].strategy]
        checks = [Candidate("", (), (), _attains(a, b, basis, class_of[basis.response]))
                  for basis in best]
        checks += [Candidate("", (), (), _coincide(best[c], best[d])) for c, d in same]
        for last, true, ok_last in case_split(checks, Feasibility(Domain(feasible.bounds,
                                                                           term))):
            whole = _and(term, last)
            if whole is not None:
                attaining = [c for c in true if c < len(best)]
                joined = [same[c - len(best)] for c in true if c >= len(best)]
                shown, status = _shown(best, attaining, joined, class_of)
                found.append(((whole, shown, status), ok and ok_last))
    return found


def _regions(game: NormalFormGame, leader: int, fixed: dict[str, sympy.Rational],
             leaves: Sequence[tuple[Term, tuple[Basis, ...], str, bool]]) -> RegionAnalysis:
    """The leaves with the same commitments and attainment joined into regions."""
    provisional = RegionAnalysis(game, fixed, "stackelberg-weak", (), True)
    Key = tuple[int, tuple[sympy.Expr, ...], str]  # response, strategy, outcome's ending
    groups: dict[tuple[Key, ...], list[tuple[Term, bool]]] = {}
    made: dict[Key, RegionEquilibrium] = {}
    for term, shown, status, resolved in leaves:
        if not shown:
            if resolved:
                raise ArithmeticError("weak Stackelberg regions: no optimal commitment in a "
                                      "non-empty piece (a bug)")
            continue
        keys: list[Key] = []
        for basis in shown:
            key: Key = (basis.response, basis.strategy, status)
            if key not in made:
                entry = basis_commitment(game, leader, basis)
                made[key] = dataclasses.replace(entry, outcome=entry.outcome + status)
            keys.append(key)
        groups.setdefault(tuple(dict.fromkeys(keys)), []).append((term, resolved))
    regions = []
    for listed, members in groups.items():
        joined = union_of(provisional, [Region((term,), (), ok) for term, ok in members])
        if 1 < len(joined.terms) <= MAX_REJOIN:  # pruned pieces may join further
            joined = union_of(provisional, [union_of(provisional, [Region((t,), (), True)])
                                            for t in joined.terms])
        regions.append(Region(joined.terms, tuple(made[k] for k in listed),
                              all(ok for _, ok in members)))
    warnings = []
    if any(not r.resolved for r in regions):
        warnings.append("some regions could not be proved non-empty (marked unresolved)")
    if any(e.outcome.endswith(UNDECIDED) for r in regions for e in r.equilibria):
        warnings.append("in some regions the leader's optimal commitments form a segment and "
                        "whether the weak value is attained is not decided there; solve "
                        "--concept stackelberg at a point")
    return RegionAnalysis(game, fixed, "stackelberg-weak", tuple(regions), True,
                          tuple(warnings))


def _shown(best: Sequence[Basis], attaining: Sequence[int], same: Sequence[tuple[int, int]],
           class_of: Mapping[int, tuple[int, ...]]) -> tuple[tuple[Basis, ...], str]:
    """The commitments a region lists, once per point, and their outcome's ending: those
    that attain the value (ending empty), else every optimal vertex, limits of commitments
    (:data:`SUPREMUM`), or :data:`UNDECIDED` where one class has several points."""
    first = list(range(len(best)))

    def root(c: int) -> int:
        while first[c] != c:
            c = first[c]
        return c

    identical = [(c, d) for c, d in itertools.combinations(range(len(best)), 2)
                 if class_of[best[c].response] == class_of[best[d].response]
                 and best[c].strategy == best[d].strategy]
    for c, d in [*same, *identical]:  # one point: listed once, as the first of them
        low, high = sorted((root(c), root(d)))
        first[high] = low
    first = [root(c) for c in range(len(best))]
    points = sorted(set(first))
    if attaining:
        return tuple(best[c] for c in points if any(first[k] == c for k in attaining)), ""
    per_class: dict[tuple[int, ...], int] = {}
    for c in points:
        members = class_of[best[c].response]
        per_class[members] = per_class.get(members, 0) + 1
    status = UNDECIDED if any(k > 1 for k in per_class.values()) else SUPREMUM
    return tuple(best[c] for c in points), status


def _within(domain: Domain, term: Term) -> Feasibility:
    """Satisfiability within the domain and ``term``."""
    merged = _and(dict(domain.conditions), term)
    assert merged is not None, "the case split only gives satisfiable pieces"
    return Feasibility(Domain(domain.bounds, merged))


def _and(first: Term, second: Term) -> Term | None:
    return conjunction(itertools.chain(first.items(), second.items()))


def _dot(row: Sequence[sympy.Expr], point: Sequence[sympy.Expr]) -> sympy.Expr:
    return sympy.expand(sum((r * x for r, x in zip(row, point)), sympy.Integer(0)))


def _signed(determinant: sympy.Expr, strict: Sequence[sympy.Expr],
            weak: Sequence[sympy.Expr]) -> list[Term | None]:
    """``e / determinant > 0`` for each ``strict`` and ``>= 0`` for each ``weak``, as terms
    (one per sign of the determinant)."""
    found = []
    for sign, (gt, ge) in ((">", (">", ">=")), ("<", ("<", "<="))):
        items: list[Requirement | bool] = [requirement(determinant, sign)]
        items += [requirement(e, gt) for e in strict] + [requirement(e, ge) for e in weak]
        found.append(conjunction(items))
    return found


def _tie(b: list[list[sympy.Expr]], j: int, k: int) -> tuple[Term | Clauses, ...]:
    """Where the follower's ``j`` and ``k`` pay it the same against every commitment."""
    same = conjunction(requirement(row[j] - row[k], "==") for row in b)
    return () if same is None else (same,)


def _classes(n: int, tied: Sequence[tuple[int, int]]) -> list[tuple[int, ...]]:
    """The follower's strategies grouped by ``tied`` pairs, in order of first strategy."""
    group = list(range(n))
    for j, k in tied:
        old, new = group[k], group[j]
        group = [new if g == old else g for g in group]
    found: dict[int, list[int]] = {}
    for j, g in enumerate(group):
        found.setdefault(g, []).append(j)
    return [tuple(members) for members in found.values()]


def _vertex(rows: Sequence[Sequence[sympy.Expr]], tight: Sequence[int], m: int
            ) -> tuple[list[sympy.Expr], sympy.Expr, list[sympy.Expr]] | None:
    """The vertex of ``row . (x, t) >= 0`` (``rows``) with ``sum(x) = 1`` where ``tight``
    hold with equality, by Cramer's rule: ``(x, t)`` times the determinant, the determinant
    and the other rows' values times it; None where it is singular."""
    matrix = sympy.Matrix([list(rows[t]) for t in tight] + [[sympy.Integer(1)] * m
                                                            + [sympy.Integer(0)]])
    determinant = sympy.expand(matrix.det(method="bareiss"))
    if determinant == 0:
        return None
    adjugate = matrix.adjugate()
    point = [sympy.expand(adjugate[i, m]) for i in range(m + 1)]
    return point, determinant, [_dot(rows[t], point) for t in range(len(rows))
                                if t not in tight]


def _strict(b: list[list[sympy.Expr]], members: tuple[int, ...]
            ) -> tuple[Term | Clauses, ...]:
    """Where the class ``members`` strictly beats every other strategy somewhere: some
    vertex of ``max s`` over ``(B_k - B_j) x + s <= 0`` (``k`` outside, ``j`` its first),
    ``x >= 0``, ``sum(x) = 1`` has ``s > 0``."""
    m, n, j = len(b), len(b[0]), members[0]
    if len(members) == n:
        return ({},)
    rows = [[sympy.Integer(int(i == k)) for k in range(m)] + [sympy.Integer(0)]
            for i in range(m)]
    rows += [[b[i][j] - b[i][k] for i in range(m)] + [sympy.Integer(-1)]
             for k in range(n) if k not in members]
    terms: list[Term | None] = []
    for tight in itertools.combinations(range(len(rows)), m):
        found = _vertex(rows, tight, m)
        if found is not None:
            point, determinant, slack = found
            terms += _signed(determinant, [point[m]], slack)
    condition = clauses_of([clause(terms)])
    return () if condition is None else (condition,)


def _class_bases(a: list[list[sympy.Expr]], b: list[list[sympy.Expr]],
                 members: tuple[int, ...]) -> list[Basis]:
    """The vertices of ``max t`` over ``t <= (x A)_l`` (``l`` in the class), ``x`` in the
    class's region (first member ``j``): the leader's value where the follower breaks the
    tie within the class against it. Each is a basis of the first member whose ``t`` row is
    tight, ``leader`` being ``t`` times the determinant."""
    m, n, j = len(a), len(a[0]), members[0]
    rows = [[sympy.Integer(int(i == k)) for k in range(m)] + [sympy.Integer(0)]
            for i in range(m)]
    rows += [[b[i][j] - b[i][k] for i in range(m)] + [sympy.Integer(0)]
             for k in range(n) if k not in members]
    value_rows = len(rows)
    rows += [[a[i][member] for i in range(m)] + [sympy.Integer(-1)] for member in members]
    found = []
    for tight in itertools.combinations(range(len(rows)), m):
        vertex = _vertex(rows, tight, m)
        if vertex is None:
            continue
        point, determinant, slack = vertex
        worst = members[min(t for t in tight if t >= value_rows) - value_rows]
        found.append(Basis(worst, tuple(point[:m]), determinant, point[m],
                            _dot([b[i][j] for i in range(m)], point[:m]), tuple(slack)))
    return found


def _attains(a: list[list[sympy.Expr]], b: list[list[sympy.Expr]], basis: Basis,
             members: tuple[int, ...]) -> tuple[Term | Clauses, ...]:
    """Where every best response at the basis's vertex ``x*`` gives the leader at least the
    value: for each ``k`` outside the class, ``(B_j - B_k) x* != 0`` or
    ``(x* A)_k >= value``."""
    j, point, determinant = members[0], basis.numerators, basis.determinant
    m = len(a)
    items = []
    for k in range(len(b[0])):
        if k in members:
            continue
        apart = _dot([b[i][j] - b[i][k] for i in range(m)], point)
        better = sympy.expand(_dot([a[i][k] for i in range(m)], point) - basis.leader)
        items.append(clause([requirement(apart, ">"), requirement(apart, "<"),
                             *_signed(determinant, [], [better])]))
    found = clauses_of(items)
    return () if found is None else (found,)


def _coincide(first: Basis, second: Basis) -> tuple[Term | Clauses, ...]:
    """Where two vertices are the same point."""
    same = conjunction(requirement(sympy.expand(x * second.determinant
                                                - y * first.determinant), "==")
                       for x, y in zip(first.numerators, second.numerators))
    return () if same is None else (same,)


__all__ = ["SUPREMUM", "UNDECIDED", "weak_stackelberg_regions"]
