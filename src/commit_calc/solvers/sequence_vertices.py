"""The vertices of a player's sequence-form best-response polyhedron, exactly.

For player 1 the polyhedron is ``{(x, q): x >= 0, E x = e, F'q - B'x >= 0}`` (``q`` free):
realisation plans ``x`` together with upper bounds ``q`` on player 2's payoff at each of their
information sets (von Stengel 1996, section 5). A vertex's *labels* are the sequences its plan
plays (``x_s > 0``) and the opponent's sequences whose slack is zero (best responses to
``x`` under the bounds ``q``). Player 2's polyhedron is the same with the roles swapped.

The free ``q`` are solved for first (one row each; ``F'`` has full column rank), leaving a
system ``G z = g, z >= 0`` in the plan and the slacks. A feasible basis comes from phase one of
the simplex method; from there the walk of :func:`_visit` pivots through the bases of a
symbolically perturbed (simple) polyhedron, and each distinct basic solution is a vertex.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.values import kernel_fraction
from commit_calc.solvers.sequence_tableau import MAX_PIVOTS, Row, lexicographic_leaving, pivot

#: The most bases visited in one polyhedron (bounded work), and the most tableau entries the
#: bases waiting to be visited may keep in memory.
MAX_BASES = 20_000
MAX_ENTRIES = 20_000_000
#: The most tableau entries updated by the pivots of all the walks of one enumeration (the
#: whole polyhedron of one player and a face of the other's for each of its vertices):
#: about a minute of exact arithmetic.
MAX_WORK = 100_000_000


class WorkBudget:
    """The tableau entries the walks of one enumeration may still update (shared by them)."""

    def __init__(self, limit: int = MAX_WORK) -> None:
        self.limit = self.left = limit

    def spend(self, entries: int) -> None:
        """Count one pivot's ``entries``; refuse once the budget is spent."""
        self.left -= entries
        if self.left < 0:
            raise UnsupportedGameError(
                "the sequence-form enumeration needs more than the "
                f"{self.limit:,} tableau updates that method 'sequence-enum' makes (its "
                "polyhedra have too many degenerate vertices); use method 'sequence-lcp' for "
                "one equilibrium")


@dataclass(frozen=True)
class Vertex:
    """A vertex: the plan, the sequences it plays and the opponent's tight sequences, as bit
    masks (bit ``k`` for sequence ``k``)."""

    plan: tuple[Fraction, ...]
    support: int
    tight: int


@dataclass(frozen=True)
class Polyhedron:
    """``{(s, r): s >= 0, K s = k, L'r - P's >= 0}`` with ``r`` solved for: the system
    ``rows z = rhs, z >= 0`` in ``z = (s, slacks)``; ``n_own`` plan columns come first."""

    rows: tuple[tuple[Fraction, ...], ...]
    rhs: tuple[Fraction, ...]
    n_own: int

    def vertices(self, fixed: int = 0, budget: WorkBudget | None = None) -> list[Vertex]:
        """Every vertex of the face where the columns in the bit mask ``fixed`` are 0 (the
        whole polyhedron by default); empty if that face is. The walk's pivots are counted
        against ``budget`` (a budget of its own by default)."""
        rows = [list(row) for row in self.rows]
        rhs = list(self.rhs)
        allowed = [not fixed >> j & 1 for j in range(len(rows[0]))]
        basis = _phase_one(rows, rhs, allowed)
        if basis is None:
            return []
        return _visit(rows, rhs, basis, self.n_own, allowed, budget or WorkBudget())


def polyhedron(
    own: Sequence[Mapping[int, int]],
    other: Sequence[Mapping[int, int]],
    payoff: Mapping[tuple[int, int], Fraction],
    sizes: tuple[int, int],
) -> Polyhedron:
    """A player's polyhedron ``{(s, r): s >= 0, K s = k, L'r - P's >= 0}``.

    ``own`` are the rows of ``K`` (row 0 has right-hand side 1, the others 0), ``other`` the
    rows of ``L`` (the opponent's constraints) and ``payoff[(own sequence, other sequence)]``
    the opponent's payoff ``P``; ``sizes`` are the numbers of own and other sequences.
    """
    n_own, n_other = sizes
    zero, one = kernel_fraction(0), kernel_fraction(1)
    m_other = len(other)
    # columns: s (n_own), slack (n_other), r (m_other)
    width = n_own + n_other + m_other
    rows: list[Row] = []
    rhs: list[Fraction] = []
    for h, row in enumerate(own):
        full = [zero] * width
        for k, coefficient in row.items():
            full[k] = kernel_fraction(coefficient)
        rows.append(full)
        rhs.append(one if h == 0 else zero)
    for t in range(n_other):
        full = [zero] * width
        full[n_own + t] = -one
        rows.append(full)
        rhs.append(zero)
    for (s, t), value in payoff.items():
        rows[len(own) + t][s] -= value
    for h, row in enumerate(other):
        for t, coefficient in row.items():
            rows[len(own) + t][n_own + n_other + h] += coefficient
    basis = [-1] * len(rows)
    for h in range(m_other):  # solve for the free bounds, then drop their rows
        column = n_own + n_other + h
        r = next(i for i, row in enumerate(rows) if basis[i] == -1 and row[column] != 0)
        pivot(rows, rhs, basis, r, column)
    keep = [i for i, b in enumerate(basis) if b == -1]
    return Polyhedron(tuple(tuple(rows[i][:n_own + n_other]) for i in keep),
                      tuple(rhs[i] for i in keep), n_own)


def _phase_one(rows: list[Row], rhs: list[Fraction], allowed: list[bool]) -> list[int] | None:
    """A feasible basis of ``rows z = rhs, z >= 0`` with the columns not ``allowed`` at 0
    (rows that turn out redundant are removed in place), by the simplex method on the sum of
    artificial variables; ``None`` if there is none."""
    zero, one = kernel_fraction(0), kernel_fraction(1)
    n, m = len(rows[0]), len(rows)
    for i in range(m):
        if rhs[i] < 0:
            rows[i] = [-v for v in rows[i]]
            rhs[i] = -rhs[i]
        rows[i] = rows[i] + [one if k == i else zero for k in range(m)]
    basis = list(range(n, n + m))
    for _ in range(MAX_PIVOTS):
        # reduced costs of minimising the artificials' sum; Bland's rule (first improving)
        entering = next((j for j in range(n) if allowed[j] and j not in basis
                         and sum(rows[i][j] for i in range(m) if basis[i] >= n) > 0), None)
        if entering is None:
            break
        ratios = [(rhs[i] / rows[i][entering], basis[i], i)
                  for i in range(m) if rows[i][entering] > 0]
        pivot(rows, rhs, basis, min(ratios)[2], entering)
    if any(rhs[i] != 0 for i in range(m) if basis[i] >= n):
        return None
    for i in range(m):  # drive the artificials out; a row with nothing else is redundant
        if basis[i] >= n:
            column = next((j for j in range(n) if allowed[j] and rows[i][j] != 0), None)
            if column is not None:
                pivot(rows, rhs, basis, i, column)
    redundant = [i for i in range(m) if basis[i] >= n]
    for i in reversed(redundant):
        del rows[i], rhs[i], basis[i]
    for i in range(len(rows)):
        rows[i] = rows[i][:n]
    return basis


def _visit(rows: list[Row], rhs: list[Fraction], basis: list[int], n_own: int,
           allowed: list[bool], budget: WorkBudget) -> list[Vertex]:
    """Every vertex, by a breadth-first walk over the lexicographically feasible bases.

    The right-hand side is perturbed symbolically by ``(eps, eps**2, ...)`` in the coordinates
    of the starting basis (identity columns appended to the tableau, which never enter): the
    perturbed polyhedron is simple, each of its vertices has one basis, the lexicographic
    ratio test gives each pivot a unique leaving row, and its vertex graph is connected. Every
    vertex of the original polyhedron is the limit of a perturbed one, so the walk meets each,
    while visiting far fewer bases than all the feasible bases of a degenerate vertex.
    """
    n, m = len(rows[0]), len(rows)
    zero, one = kernel_fraction(0), kernel_fraction(1)
    rows = [row + [one if k == i else zero for k in range(m)] for i, row in enumerate(rows)]
    lex = range(n, n + m)
    waiting = MAX_ENTRIES // ((n + m) * m)  # tableaux kept alive by the queue, at most
    seen = {frozenset(basis)}
    # a basis waits in the queue as its parent's tableau and the pivot that leads to it
    queue: deque[tuple[list[Row], list[Fraction], list[int], int, int]] = deque(
        [(rows, rhs, basis, -1, -1)])
    found: dict[tuple[Fraction, ...], Vertex] = {}
    while queue:
        rows, rhs, basis, i, j = queue.popleft()
        if i >= 0:
            rows, rhs, basis = [list(row) for row in rows], list(rhs), list(basis)
            budget.spend(len(rows) * len(rows[0]))
            pivot(rows, rhs, basis, i, j)
        point = [zero] * n
        for i, j in enumerate(basis):
            point[j] = rhs[i]
        key = tuple(point)
        if key not in found:
            found[key] = Vertex(
                tuple(point[:n_own]),
                sum(1 << k for k in range(n_own) if point[k] != 0),
                sum(1 << t for t in range(n - n_own) if point[n_own + t] == 0))
        members = set(basis)
        for j in range(n):
            if j in members or not allowed[j]:
                continue
            leaving = lexicographic_leaving(rows, rhs, j, lex)
            if leaving is None:
                continue  # an unbounded edge
            neighbour = frozenset(members - {basis[leaving]} | {j})
            if neighbour in seen:
                continue
            seen.add(neighbour)
            if len(seen) > MAX_BASES or len(queue) >= waiting:
                raise UnsupportedGameError(
                    "a player's sequence-form polyhedron has more (perturbed) vertices than "
                    "method 'sequence-enum' visits; use method 'sequence-lcp' for one "
                    "equilibrium")
            queue.append((rows, rhs, basis, leaving, j))
    return list(found.values())


__all__ = ["MAX_BASES", "MAX_WORK", "Polyhedron", "Vertex", "WorkBudget", "polyhedron"]
