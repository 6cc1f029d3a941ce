"""For each vertex of one best-response polytope, its complementary vertices in the other.

With the vertices of one polytope (``U``) known, as ``lrsnash`` does, the other (``V``) need
not be enumerated: a vertex ``y`` of ``V`` completes a vertex ``x`` of ``U`` with labels ``L``
exactly when ``y`` carries every label of ``K``, the labels ``x`` lacks. If the constraints of
``K`` are linearly independent, every such ``y`` is the basic solution of a basis of ``V``
whose nonbasic variables contain those of ``K`` and are independent (extend ``K`` inside the
tight constraints of ``y``, which lie in ``K`` and ``L``): the bases to try are the subsets of
``L``'s variables of the right size, one subset when ``x`` is a nondegenerate vertex. Each is
solved in floating point with the bound of :func:`._certified_float_search.error_bounds`, and
exactly (:func:`._vertex_enumeration.basis_tableau`) when the bound does not settle whether it
is feasible or which of its variables are zero.

Some basis of a vertex is nonsingular exactly when ``K`` is independent (the constraints of
``K`` and ``L`` together span the space); when no basis of a vertex is, or a degenerate game
makes the subsets too many, :func:`partner_pairs` returns ``None`` and the caller enumerates
``V`` too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import combinations

import numpy as np

from commit_calc.solvers._certified_float_search import error_bounds, inverses
from commit_calc.solvers._vertex_enumeration import basis_tableau

Basis = tuple[int, ...]
_BATCH = 1024


def partner_pairs(
    first_vertices: Mapping[int, Basis],
    first_origin: int,
    second: Sequence[Sequence[int]],
    second_bits: Sequence[int],
) -> list[tuple[int, Basis, int, Basis]] | None:
    """Every completely labelled pair ``(x mask, x basis, y mask, y basis)``, ``x, y != 0``.

    ``first_vertices`` maps the label mask of each vertex of ``U`` to a basis;
    ``first_origin`` is the label mask of ``U``'s origin. ``second`` and ``second_bits`` are
    ``V``'s matrix and its variables' label bits, as for
    :func:`._vertex_enumeration.vertex_bases`.

    Matching pennies with payoffs shifted to 1 and 3: the vertex of ``P`` with labels 2, 3
    (mask 12) is completed by the vertex of ``Q`` with labels 0, 1 (mask 3), both
    ``(1/4, 1/4)``:

    >>> from commit_calc.solvers._vertex_enumeration import vertex_bases
    >>> p = vertex_bases([[1, 3], [3, 1]], [1, 2, 4, 8])
    >>> partner_pairs(p, 3, [[3, 1], [1, 3]], [4, 8, 1, 2])
    [(12, (1, 0), 3, (0, 1))]
    """
    k, d = len(second), len(second[0])
    all_labels = (1 << (k + d)) - 1
    second_origin = 0
    for bit in second_bits[:d]:
        second_origin |= bit
    variable_of = {bit.bit_length() - 1: v for v, bit in enumerate(second_bits)}
    limit = 16 * len(first_vertices) + 4096
    vertices = [x for x in first_vertices if x & first_origin != first_origin]
    solver = _Solver(second, second_bits)
    found: dict[tuple[int, int], Basis] = {}
    dependent: list[int] = []
    for attempt in range(2):
        owners: list[int] = []
        candidates: list[Basis] = []
        rest = dependent
        if attempt == 0:  # a nondegenerate vertex has one candidate: its labels' variables
            owners, candidates, rest = _simple_candidates(vertices, k, d, second_bits)
        for x_mask in rest:
            own = [variable_of[label] for label in range(k + d) if x_mask >> label & 1]
            fixed: list[int] = []
            if attempt:
                missing = [variable_of[label] for label in range(k + d)
                           if not x_mask >> label & 1]
                fixed = _dependent_constraints(second, missing)
            for chosen in combinations(own, k - len(fixed)):
                owners.append(x_mask)
                candidates.append(tuple(sorted((*fixed, *chosen))))
            if len(candidates) > limit:
                return None
        independent: set[int] = set()
        for first in range(0, len(candidates), _BATCH):
            chunk = candidates[first:first + _BATCH]
            for index, (y_mask, nonsingular) in enumerate(solver.solve(chunk)):
                x_mask = owners[first + index]
                if nonsingular:
                    independent.add(x_mask)
                if (y_mask is not None and y_mask & second_origin != second_origin
                        and x_mask | y_mask == all_labels):
                    found.setdefault((x_mask, y_mask), chunk[index])
        dependent = [x for x in dict.fromkeys(owners) if x not in independent]
        if not dependent:
            return [(x_mask, first_vertices[x_mask], y_mask, basis)
                    for (x_mask, y_mask), basis in found.items()]
    return None


def _simple_candidates(
    vertices: list[int], k: int, d: int, label_bits: Sequence[int]
) -> tuple[list[int], list[Basis], list[int]]:
    """The candidates of the vertices with exactly ``k`` labels, and the other vertices."""
    masks = np.array(vertices, dtype=np.int64)
    has = (masks[:, None] >> np.arange(k + d)) & 1
    simple = has.sum(axis=1) == k
    variable_of = np.empty(k + d, dtype=np.int64)
    variable_of[[bit.bit_length() - 1 for bit in label_bits]] = np.arange(k + d)
    labels = np.nonzero(has[simple])[1].reshape(-1, k)
    bases = np.sort(variable_of[labels], axis=1)
    return (masks[simple].tolist(), [tuple(row) for row in bases.tolist()],
            masks[~simple].tolist())


def _dependent_constraints(matrix: Sequence[Sequence[int]], missing: list[int]) -> list[int]:
    """The variables of ``missing`` whose constraints depend on the others' (they stay basic).

    Variable ``j < d`` is the constraint ``z_j = 0``, slack ``d + r`` is ``M_r z = 1``; the
    rows ``M_r`` are reduced greedily, exactly, on the coordinates not fixed to zero.
    """
    d = len(matrix[0])
    free = [j for j in range(d) if j not in missing]
    kept: list[list[Fraction]] = []  # reduced rows, each with a leading coordinate
    leads: list[int] = []
    dependent = []
    for variable in missing:
        if variable < d:
            continue
        row = [Fraction(matrix[variable - d][j]) for j in free]
        for lead, basis_row in zip(leads, kept, strict=True):
            if row[lead]:
                factor = row[lead] / basis_row[lead]
                row = [a - factor * b for a, b in zip(row, basis_row, strict=True)]
        lead = next((j for j, value in enumerate(row) if value), -1)
        if lead < 0:
            dependent.append(variable)
        else:
            kept.append(row)
            leads.append(lead)
    return dependent


class _Solver:
    """Basic solutions of bases of ``{z >= 0 : M z <= 1}``, certified or exact."""

    def __init__(self, matrix: Sequence[Sequence[int]], label_bits: Sequence[int]) -> None:
        k = len(matrix)
        self.matrix = matrix
        self.full = np.hstack([np.ones((k, 1)), np.array(matrix, dtype=float), np.eye(k)])
        self.column_max = self.full.max(axis=0)
        self.label_bits = np.array(label_bits, dtype=np.int64)
        self.all_labels = int(np.bitwise_or.reduce(self.label_bits))

    def solve(self, chunk: list[Basis]) -> list[tuple[int | None, bool]]:
        """Per basis: the label mask of its vertex (``None`` if singular or infeasible), and
        whether the basis is nonsingular."""
        bases = np.array(chunk, dtype=np.int64)
        inverse = inverses(self.full, bases)
        with np.errstate(all="ignore"):
            product = np.matmul(inverse, self.full[:, bases + 1].transpose(1, 0, 2))
            rhs = inverse.sum(axis=2)
        row_error, sound = error_bounds(inverse, product, self.column_max[bases + 1])
        positive = sound & (rhs - row_error > 0).all(axis=1)
        negative = sound & (rhs + row_error < 0).any(axis=1)
        masks = self.all_labels ^ self.label_bits[bases].sum(axis=1)
        answers: list[tuple[int | None, bool]] = []
        for index, mask in enumerate(masks.tolist()):
            if positive[index]:
                answers.append((mask, True))
            elif negative[index]:
                answers.append((None, True))
            else:
                answers.append(self._exact(chunk[index]))
        return answers

    def _exact(self, basis: Basis) -> tuple[int | None, bool]:
        try:
            tableau, order, _ = basis_tableau(self.matrix, basis)
        except ValueError:
            return None, False
        if any(row[0] < 0 for row in tableau):
            return None, True
        labels = self.all_labels
        for row, variable in zip(tableau, order, strict=True):
            if row[0]:
                labels ^= int(self.label_bits[variable])
        return labels, True


__all__ = ["partner_pairs"]
