"""The leader's optimal commitment as a piecewise formula: exact regions of parameter space.

At a point of parameter space the strong Stackelberg commitment is the best, over the
follower's strategies ``j``, of the linear program ``max (x A)_j`` over the region ``R_j``
where ``j`` is a best response (:mod:`.stackelberg`); an optimum lies at a vertex of ``R_j``.
With payoffs that are formulas, each vertex is given by a *basis*: ``m - 1`` constraints of
``R_j`` held with equality (``x_i = 0`` or ``(B_k - B_j) x = 0``) with ``sum(x) = 1``. Cramer's
rule gives it as ``x = N / D``, polynomials in the parameters, and

* the vertex exists where ``D != 0`` and every other constraint holds: ``x_i >= 0`` and
  ``(B_k - B_j) x <= 0``, that is ``sign(D) * sign(N_i) >= 0`` and so on;
* it is optimal where it exists and, for every other basis, that one does not exist or gives
  the leader no more: ``V_c / D_c >= V_d / D_d``.

Existence and each comparison are conjunctions of clauses on the signs of these polynomials
(:class:`commit_calc.analysis.clauses.Clauses`). A case split on one sign at a time, only
into satisfiable pieces (:class:`commit_calc.analysis.candidates.Feasibility`), decides first
which vertices exist, then runs a knock-out between them (each comparison rules one out), so
only the comparisons that decide the optimum are split on. Pieces with the same
optimal commitments are joined (:func:`commit_calc.analysis.regions.union_of`). The result is
a :class:`~commit_calc.analysis.regions.RegionAnalysis` (concept ``"stackelberg"``), so the
thresholds and comparative statics of :mod:`commit_calc.analysis.thresholds` apply as they are.

Von Stengel and Zamir's (2010) game with the leader's payoff at ``(B, r)`` a parameter ``b``:
committing to ``(1/2, 1/2)`` (the follower, indifferent, plays ``r``) gives ``b/2 + 2``, which
beats ``T`` (2) for ``b > 0`` and ``B`` (``b``) for ``b < 4``:

>>> from commit_calc.model import NormalFormGame, Parameter
>>> game = NormalFormGame.from_matrices(
...     [[2, 4], [1, "b"]], [[1, 0], [0, 1]], strategies=(("T", "B"), ("l", "r")),
...     parameters=[Parameter("b", 3, lower=0, upper=10)])
>>> for region in stackelberg_regions(game, "Row").regions:
...     print(region.condition, [(e.strategies["Row"], e.payoffs["Row"])
...                              for e in region.equilibria])
b > 4 [({'B': 1}, b)]
Eq(b, 4) [({'B': 1}, b), ({'T': 1/2, 'B': 1/2}, b/2 + 2)]
(b > 0) & (b < 4) [({'T': 1/2, 'B': 1/2}, b/2 + 2)]
Eq(b, 0) [({'T': 1}, 2), ({'T': 1/2, 'B': 1/2}, b/2 + 2)]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import sympy

from commit_calc.analysis.atoms import Signs, conjunction, requirement
from commit_calc.analysis.candidates import Feasibility
from commit_calc.analysis.case_split import split_on_signs
from commit_calc.analysis.clauses import Clause, Clauses, clause, clauses_of
from commit_calc.analysis.domain import Domain, domain_of
from commit_calc.analysis.regions import Region, RegionAnalysis, RegionEquilibrium, union_of
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame

Term = dict[sympy.Expr, Signs]
#: The most bases (candidate vertices) analysed: a 4 x 4 game has 4 * C(7, 3) = 140.
MAX_BASES = 400
#: Sign patterns the case split may try before giving up (bounded work for any input: each
#: is a satisfiability check, up to tens of milliseconds where the conditions are not linear).
MAX_CASES = 1000
#: A region's condition with at most this many alternatives gets each pruned and joined again
#: (``0 < b < 2 or 2 <= b < 4`` becomes ``0 < b < 4``); each costs satisfiability checks.
MAX_REJOIN = 6


@dataclass(frozen=True)
class Basis:
    """A candidate vertex of ``R_j``: ``x = numerators / determinant``, and the leader's and
    follower's payoffs there times the determinant."""

    response: int
    numerators: tuple[sympy.Expr, ...]
    determinant: sympy.Expr
    leader: sympy.Expr
    follower: sympy.Expr
    #: each constraint not held with equality, times the determinant: ``>= 0`` where valid
    slack: tuple[sympy.Expr, ...]

    @property
    def strategy(self) -> tuple[sympy.Expr, ...]:
        return tuple(sympy.cancel(n / self.determinant) for n in self.numerators)


def stackelberg_regions(game: NormalFormGame, leader: str | int,
                        values: Mapping[str, object] | None = None) -> RegionAnalysis:
    """The regions of parameter space with the leader's strong Stackelberg commitments.

    Parameters ``values`` are fixed, the others stay symbolic. Each region lists every
    optimal commitment (several where the leader is indifferent): the leader's mixed
    strategy and the follower's response, the payoffs as formulas.

    Raises
    ------
    UnsupportedGameError
        Not two players, too many bases or cases, or payoffs that are not polynomials.
    GameDefinitionError, ParameterError
        An unknown leader, parameter or a value out of bounds.
    """
    reduced, fixed, index, _, _, bases, domain = commitment_problem(game, leader, values)
    feasible = Feasibility(domain)
    leaves = optimal_bases_split(bases, feasible)
    provisional = RegionAnalysis(reduced, fixed, "stackelberg", (), True)
    groups: dict[tuple[tuple[object, ...], ...], list[tuple[Term, bool]]] = {}
    made: dict[tuple[object, ...], RegionEquilibrium] = {}
    for term, true, resolved in leaves:
        if not true:  # every point has an optimal commitment: this piece is empty
            if resolved:
                raise ArithmeticError("Stackelberg regions: no optimal commitment in a "
                                      "non-empty piece (a bug)")
            continue
        found: dict[tuple[object, ...], int] = {}
        for c in sorted(true):
            found.setdefault((bases[c].response, bases[c].strategy), c)
        for key, c in found.items():
            made.setdefault(key, basis_commitment(reduced, index, bases[c]))
        groups.setdefault(tuple(found), []).append((term, resolved))
    regions = []
    for keys, members in groups.items():
        joined = union_of(provisional, [Region((term,), (), ok) for term, ok in members])
        if 1 < len(joined.terms) <= MAX_REJOIN:  # pruned pieces may join further
            joined = union_of(provisional, [union_of(provisional, [Region((t,), (), True)])
                                            for t in joined.terms])
        regions.append(Region(joined.terms, tuple(made[k] for k in keys),
                              all(ok for _, ok in members)))
    warnings = ("some regions could not be proved non-empty (marked unresolved)",) if any(
        not r.resolved for r in regions) else ()
    return RegionAnalysis(reduced, fixed, "stackelberg", tuple(regions), True, warnings)


class CommitmentProblem(NamedTuple):
    """What both Stackelberg region analyses start from: the game with ``values`` fixed, the
    values, the leader's index, the leader's and follower's payoffs as rows (``a``, ``b``),
    the candidate bases and the parameters' domain."""

    game: NormalFormGame
    fixed: dict[str, sympy.Rational]
    leader: int
    a: list[list[sympy.Expr]]
    b: list[list[sympy.Expr]]
    bases: list[Basis]
    domain: Domain


def commitment_problem(game: NormalFormGame, leader: str | int,
                       values: Mapping[str, object] | None) -> CommitmentProblem:
    """The :class:`CommitmentProblem` of ``game`` with ``leader`` committing; refuses a game
    that has not two players."""
    if game.num_players != 2:
        raise UnsupportedGameError(
            "Stackelberg regions: Stackelberg commitment needs a two-player game; "
            f"{game.name or 'this game'} has {game.num_players} players")
    index = game.player_index(leader)
    fixed = game.parameters.checked(values or {})
    reduced = game.substitute(fixed)
    a, b = _leader_rows(reduced, index)
    return CommitmentProblem(reduced, fixed, index, a, b, _candidate_bases(a, b),
                             domain_of(reduced))


def _leader_rows(game: NormalFormGame, leader: int
                 ) -> tuple[list[list[sympy.Expr]], list[list[sympy.Expr]]]:
    """The leader's and the follower's payoffs as formulas, the leader's strategies as rows."""
    first, second = ([[array[i, j] for j in range(game.shape[1])] for i in range(game.shape[0])]
                     for array in game.payoffs)
    if leader == 0:
        return first, second
    return ([list(column) for column in zip(*second, strict=True)],
            [list(column) for column in zip(*first, strict=True)])


def _candidate_bases(a: list[list[sympy.Expr]], b: list[list[sympy.Expr]]) -> list[Basis]:
    """Every basis of every region ``R_j`` whose determinant is not identically zero."""
    m, n = len(a), len(a[0])
    count = n * _choose(m + n - 1, m - 1)
    if count > MAX_BASES:
        raise UnsupportedGameError(
            f"Stackelberg regions: a {m} x {n} game has {count} candidate vertices, more than "
            f"the {MAX_BASES} analysed symbolically; fix some parameters (--set) or solve "
            "point by point (solve --concept stackelberg)")
    found = []
    for j in range(n):
        rows = [[sympy.Integer(int(i == k)) for k in range(m)] for i in range(m)]
        rows += [[b[i][k] - b[i][j] for i in range(m)] for k in range(n) if k != j]
        for tight in itertools.combinations(range(len(rows)), m - 1):
            matrix = sympy.Matrix([rows[t] for t in tight] + [[sympy.Integer(1)] * m])
            determinant = sympy.expand(matrix.det(method="bareiss"))
            if determinant == 0:
                continue
            adjugate = matrix.adjugate()
            numerators = tuple(sympy.expand(adjugate[i, m - 1]) for i in range(m))
            slack = tuple(sympy.expand(-sum((r * x for r, x in zip(rows[t], numerators)),
                                            sympy.Integer(0))) if t >= m else numerators[t]
                          for t in range(len(rows)) if t not in tight)
            found.append(Basis(
                j, numerators, determinant,
                sympy.expand(sum((a[i][j] * numerators[i] for i in range(m)), sympy.Integer(0))),
                sympy.expand(sum((b[i][j] * numerators[i] for i in range(m)), sympy.Integer(0))),
                slack))
    return found


def _choose(n: int, k: int) -> int:
    import math

    return math.comb(n, k)


def _times_sign(expression: sympy.Expr, determinant: sympy.Expr, relation: str
                ) -> list[Term | None]:
    """``expression / determinant RELATION 0`` as terms (one per sign of the determinant)."""
    flipped = {">=": "<=", ">": "<"}[relation]
    return [conjunction([requirement(determinant, ">"), requirement(expression, relation)]),
            conjunction([requirement(determinant, "<"), requirement(expression, flipped)])]


def _exists(basis: Basis) -> list[Clause | bool]:
    """Clauses: the vertex is defined and satisfies every constraint it does not hold tight."""
    return [clause(_times_sign(s, basis.determinant, ">=")) for s in basis.slack]


class _Tournament:
    """The optimal bases under a partial sign assignment, or the next key to split on.

    First every basis's existence is decided; then the existing ones meet in a knock-out: a
    champion is compared with each next basis and replaced when beaten strictly, so that each
    comparison rules one out (the losers are below the champion by transitivity and are not
    compared again); the bases tied with the final champion are optimal too. Comparisons are
    made only between the bases that meet, when they meet.
    """

    def __init__(self, bases: Sequence[Basis]) -> None:
        self.bases = bases
        self.exists = [clauses_of(_exists(b)) for b in bases]
        self._beats: dict[tuple[int, int], Clauses | None] = {}

    def beats(self, c: int, d: int) -> Clauses | None:
        """Where basis ``c`` gives the leader at least what ``d`` does (both existing)."""
        if (c, d) not in self._beats:
            mine, other = self.bases[c], self.bases[d]
            # V_c / D_c >= V_d / D_d, i.e. (V_c D_d - V_d D_c) / (D_c D_d) >= 0
            difference = sympy.expand(mine.leader * other.determinant
                                      - other.leader * mine.determinant)
            better = [conjunction([requirement(mine.determinant, s1),
                                   requirement(other.determinant, s2),
                                   requirement(difference, rel)])
                      for s1, s2, rel in ((">", ">", ">="), (">", "<", "<="),
                                          ("<", ">", "<="), ("<", "<", ">="))]
            self._beats[c, d] = clauses_of([clause(better)])
        return self._beats[c, d]

    def decide(self, signs: Mapping[sympy.Expr, int]) -> sympy.Expr | frozenset[int]:
        """The next key to split on, or the set of optimal bases."""
        alive = []
        for c, condition in enumerate(self.exists):
            status = False if condition is None else condition.evaluate(signs)
            if status is None:
                assert condition is not None
                key = condition.open_key(signs)
                assert key is not None
                return key
            if status:
                alive.append(c)
        if not alive:
            return frozenset()
        champion, level = alive[0], []
        for d in alive[1:]:
            verdict = self._status(champion, d, signs)
            if isinstance(verdict, sympy.Expr):
                return verdict
            if verdict:
                level.append(d)
            else:
                champion, level = d, []
        optimal = {champion}
        for d in level:
            verdict = self._status(d, champion, signs)
            if isinstance(verdict, sympy.Expr):
                return verdict
            if verdict:
                optimal.add(d)
        return frozenset(optimal)

    def _status(self, c: int, d: int, signs: Mapping[sympy.Expr, int]) -> bool | sympy.Expr:
        condition = self.beats(c, d)
        if condition is None:
            return False
        status = condition.evaluate(signs)
        if status is None:
            key = condition.open_key(signs)
            assert key is not None
            return key
        return status


def optimal_bases_split(bases: Sequence[Basis], feasible: Feasibility
                        ) -> list[tuple[Term, frozenset[int], bool]]:
    """Leaves of the case split: (conjunction, the bases optimal there, resolved)."""
    tournament = _Tournament(bases)
    return split_on_signs(
        lambda signs, state: (tournament.decide(signs), state), None, feasible,
        signs=(1, 0, -1), max_cases=MAX_CASES,
        too_many=f"Stackelberg regions: the case split needs more than {MAX_CASES:,} cases; "
                 "fix some parameters (--set) or solve point by point (solve --concept "
                 "stackelberg)")


def basis_commitment(game: NormalFormGame, leader: int, basis: Basis) -> RegionEquilibrium:
    """The commitment of a basis: the leader's mixture, the follower's response, payoffs."""
    follower = 1 - leader
    x = basis.strategy
    labels, responses = game.strategies[leader], game.strategies[follower]
    played = [s for s, p in zip(labels, x) if p != 0]
    response = responses[basis.response]
    outcome = (f"{game.players[leader]} commits to {' + '.join(played)}; "
               f"{game.players[follower]} plays {response}")
    strategies: dict[str, dict[str, object]] = {
        game.players[leader]: {s: p for s, p in zip(labels, x) if p != 0},
        game.players[follower]: {response: sympy.Integer(1)}}
    payoffs = {game.players[leader]: sympy.cancel(basis.leader / basis.determinant),
               game.players[follower]: sympy.cancel(basis.follower / basis.determinant)}
    unit = tuple(sympy.Integer(int(k == basis.response)) for k in range(len(responses)))
    distributions = (x, unit) if leader == 0 else (unit, x)
    return RegionEquilibrium(outcome, strategies, {p: payoffs[p] for p in game.players},
                             distributions)


__all__ = ["MAX_BASES", "MAX_CASES", "stackelberg_regions"]
