"""The vertices of a player's sequence-form best-response polyhedron, exactly.

For player 1 the polyhedron is ``{(x, q): x >= 0, E x = e, F'q - B'x >= 0}`` (``q`` free):
realisation plans ``x`` together with upper bounds ``q`` on player 2's payoff at each of their
information sets (von Stengel 1996, section 5). A vertex's *labels* are the sequences its plan
plays (``x_s > 0``) and the opponent's sequences whose slack is zero (best responses to
``x`` under the bounds ``q``). Player 2's polyhedron is the same with the roles swapped.

The free ``q`` are solved for first (one row each; ``F'`` has full column rank), leaving a
system ``G z = g, z >= 0`` in the plan and the slacks. A feasible basis comes from phase one of
the simplex method; then every feasible basis is visited by single pivots that keep
feasibility (the graph of feasible bases of a pointed polyhedron is connected), and each
distinct basic solution is a vertex. Degenerate vertices have several bases; all are visited,
so no vertex is missed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.values import kernel_fraction
from commit_calc.solvers.sequence_tableau import MAX_PIVOTS, Row, pivot

#: The most feasible bases visited in one polyhedron (bounded work).
MAX_BASES = 50_000


@dataclass(frozen=True)
class Vertex:
    """A vertex: the plan, the sequences it plays and the opponent's tight sequences, as bit
    masks (bit ``k`` for sequence ``k``)."""

    plan: tuple[Fraction, ...]
    support: int
    tight: int


def polyhedron_vertices(
    own: Sequence[Mapping[int, int]],
    other: Sequence[Mapping[int, int]],
    payoff: Mapping[tuple[int, int], Fraction],
    sizes: tuple[int, int],
) -> list[Vertex]:
    """Every vertex of ``{(s, r): s >= 0, K s = k, L'r - P's >= 0}`` with its labels.

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
    rows = [rows[i][:n_own + n_other] for i in keep]
    rhs = [rhs[i] for i in keep]
    basis = _phase_one(rows, rhs)
    return _visit(rows, rhs, basis, n_own)


def _phase_one(rows: list[Row], rhs: list[Fraction]) -> list[int]:
    """A feasible basis of ``rows z = rhs, z >= 0`` (rows that turn out redundant are
    removed in place), by the simplex method on the sum of artificial variables."""
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
        entering = next((j for j in range(n) if j not in basis
                         and sum(rows[i][j] for i in range(m) if basis[i] >= n) > 0), None)
        if entering is None:
            break
        ratios = [(rhs[i] / rows[i][entering], basis[i], i)
                  for i in range(m) if rows[i][entering] > 0]
        pivot(rows, rhs, basis, min(ratios)[2], entering)
    if any(rhs[i] != 0 for i in range(m) if basis[i] >= n):  # pragma: no cover
        raise ArithmeticError("the sequence-form polyhedron is empty (a bug)")
    for i in range(m):  # drive the artificials out; a row with nothing else is redundant
        if basis[i] >= n:
            column = next((j for j in range(n) if rows[i][j] != 0), None)
            if column is not None:
                pivot(rows, rhs, basis, i, column)
    redundant = [i for i in range(m) if basis[i] >= n]
    for i in reversed(redundant):
        del rows[i], rhs[i], basis[i]
    for i in range(len(rows)):
        rows[i] = rows[i][:n]
    return basis


def _visit(rows: list[Row], rhs: list[Fraction], basis: list[int],
           n_own: int) -> list[Vertex]:
    """Every vertex, by a breadth-first walk over the feasible bases."""
    n = len(rows[0])
    seen = {frozenset(basis)}
    queue = deque([(rows, rhs, basis)])
    found: dict[tuple[Fraction, ...], Vertex] = {}
    while queue:
        rows, rhs, basis = queue.popleft()
        point = [kernel_fraction(0)] * n
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
            if j in members:
                continue
            ratios = [(rhs[i] / rows[i][j], i) for i in range(len(rows)) if rows[i][j] > 0]
            if not ratios:
                continue  # an unbounded edge
            best = min(r for r, _ in ratios)
            for ratio, i in ratios:
                if ratio != best:
                    continue
                neighbour = frozenset(members - {basis[i]} | {j})
                if neighbour in seen:
                    continue
                seen.add(neighbour)
                if len(seen) > MAX_BASES:
                    raise UnsupportedGameError(
                        f"a player's sequence-form polyhedron has more than {MAX_BASES} "
                        "feasible bases, beyond what method 'sequence-enum' visits; use "
                        "method 'sequence-lcp' for one equilibrium")
                copy = [list(row) for row in rows]
                new_rhs, new_basis = list(rhs), list(basis)
                pivot(copy, new_rhs, new_basis, i, j)
                queue.append((copy, new_rhs, new_basis))
    return list(found.values())


__all__ = ["MAX_BASES", "Vertex", "polyhedron_vertices"]
