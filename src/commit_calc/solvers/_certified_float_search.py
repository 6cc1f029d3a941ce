"""The vertex search of :mod:`._vertex_enumeration`, in floating point where that is proved right.

The search over lexicographically feasible bases of ``{z >= 0 : M z <= 1}`` takes three kinds
of decisions at each basis: which basic variables are zero (the vertex's labels), and for each
entering variable the leaving row (the lexicographic minimum ratio test). Here each decision is
taken from floating-point tableaux whenever a rigorous error bound proves it is the decision of
exact arithmetic; otherwise the basis's tableau is computed exactly in integers
(:func:`._vertex_enumeration.basis_tableau`) and the decision is taken there. So the bases
visited, and each vertex's labels, are exactly those of the exact search; only the vertices
that end up in an equilibrium get exact coordinates, computed in integers afterwards.

Bases are expanded breadth first, a batch at a time, with numpy: for a basis matrix ``B``
(columns of ``[M | I]``), ``X`` is a computed inverse and the floating-point tableau is
``fl(X [1 | M | I])``. The residual ``R = I - X B`` bounds the error (Higham, *Accuracy and
Stability of Numerical Algorithms*, 2002, section 3.5 and theorem 14.1; Rump's verification
method): with ``g = 4 (k + 2) u`` (``u = 2^-53``, a factor 4 above the textbook ``gamma_{k+2}``)
and ``rho = || |fl(R)| + g (|X| |B| + I) ||_inf < 1/2``,

    ||B^-1 - X||_inf <= delta = rho / (1 - rho) ||X||_inf (1 + g),

so an entry ``(r, c)`` of the exact tableau lies within
``2 (delta max_i |N_ic| + g (|X| |N|)_rc)`` of the computed one (``N = [1 | M | I]``). A
basis whose bound fails (``rho >= 1/2``, non-finite numbers) is handled exactly.

A game whose polytopes are degenerate has exact ties at many bases, each of which needs the
exact tableau. Near the origin of a game with tied payoffs most bases do, further out few;
when more than 85% of 200 or more bases have, :func:`vertex_bases` gives up and
returns ``None``, and the caller runs the exact search instead (which is faster there).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from commit_calc.solvers._vertex_enumeration import basis_tableau, lexicographic_ratio_test

#: Largest payoff (after scaling to positive integers) taken in floating point: products and
#: sums of such numbers stay far from overflow, and each is exactly representable.
MAX_ENTRY = 2**40
#: Most variables (rows plus columns) handled: a basis is an ``int64`` bitmask.
MAX_VARIABLES = 62
_BATCH = 256
_UNIT = 2.0**-53


def vertex_bases(
    matrix: Sequence[Sequence[int]], label_bits: Sequence[int]
) -> dict[int, tuple[int, ...]] | None:
    """Each vertex of ``{z >= 0 : M z <= 1}`` (label bitmask) with one basis that gives it.

    ``label_bits[v]`` is the label bit of variable ``v`` (``z_0 .. z_{d-1}``, then the ``k``
    slacks). The answer is exactly that of the exact search; ``None`` if the polytope is out of
    the floating-point range (:data:`MAX_ENTRY`, :data:`MAX_VARIABLES`) or too degenerate.

    >>> vertex_bases([[1, 1]], [1, 2, 4])
    {3: (2,), 6: (0,), 5: (1,)}
    """
    k, d = len(matrix), len(matrix[0])
    if d + k > MAX_VARIABLES or max(max(row) for row in matrix) > MAX_ENTRY:
        return None
    search = _Search(matrix, label_bits)
    start = np.arange(d, d + k, dtype=np.int64)[None, :]
    search.seen.add(int((np.int64(1) << start).sum()))
    frontier = [start]
    while frontier:
        bases = np.concatenate(frontier)
        frontier = []
        for first in range(0, len(bases), _BATCH):
            frontier.append(search.expand(bases[first:first + _BATCH]))
            if search.exact_bases > 200 and 20 * search.exact_bases > 17 * search.bases:
                return None
        frontier = [batch for batch in frontier if len(batch)]
    return search.vertices


class _Search:
    """State of one breadth-first search: the data in floating point and what was found."""

    def __init__(self, matrix: Sequence[Sequence[int]], label_bits: Sequence[int]) -> None:
        self.matrix = matrix
        k, d = len(matrix), len(matrix[0])
        self.k, self.d = k, d
        self.full = np.hstack([np.ones((k, 1)), np.array(matrix, dtype=float), np.eye(k)])
        self.variable_columns = np.ascontiguousarray(self.full[:, 1:])
        self.column_max = self.full.max(axis=0)
        self.label_bits = np.array(label_bits, dtype=np.int64)
        self.all_labels = int(np.bitwise_or.reduce(self.label_bits))
        self.seen: set[int] = set()
        self.vertices: dict[int, tuple[int, ...]] = {}
        self.bases = 0
        self.exact_bases = 0

    def expand(self, bases: np.ndarray) -> np.ndarray:
        """Record the vertices of ``bases`` (one basis a row) and return their new neighbours."""
        count, k, d = len(bases), self.k, self.d
        self.bases += count
        nonbasic_mask = np.ones((count, d + k), dtype=bool)
        np.put_along_axis(nonbasic_mask, bases, False, axis=1)
        nonbasic = np.nonzero(nonbasic_mask)[1].reshape(count, d)
        rhs, columns, row_error, sound = self._tableaux(bases)
        rhs_low = rhs - row_error
        sound &= (rhs_low > 0).all(axis=1)
        entries = np.take_along_axis(columns, nonbasic[:, None, :], axis=2)
        errors = row_error[:, :, None] * self.column_max[nonbasic + 1][:, None, :]
        leaving, decided = self._ratio_tests(entries, errors, rhs, rhs_low, rhs + row_error)
        sound &= decided.all(axis=1)
        labels = self.all_labels ^ self.label_bits[bases].sum(axis=1)
        for index in np.flatnonzero(~sound).tolist():
            labels[index] = self._exact(bases[index], nonbasic[index], leaving[index])
        self.exact_bases += count - int(sound.sum())
        vertices = self.vertices
        for index, label in enumerate(labels.tolist()):
            if label not in vertices:
                vertices[label] = tuple(bases[index].tolist())
        return self._new_bases(bases, leaving, nonbasic)

    def _tableaux(
        self, bases: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Floating-point tableaux (right-hand sides, and the columns of the variables), a
        bound on each row's errors per unit of column size, and where the bounds hold
        (``fl(X B)`` is read off the basic columns)."""
        inverse = inverses(self.full, bases)
        with np.errstate(all="ignore"):
            rhs = inverse.sum(axis=2)
            columns = np.matmul(inverse, self.variable_columns)
            product = np.take_along_axis(columns, bases[:, None, :], axis=2)
        row_error, sound = error_bounds(inverse, product, self.column_max[bases + 1])
        return rhs, columns, row_error, sound

    def _ratio_tests(
        self, entries: np.ndarray, errors: np.ndarray, rhs: np.ndarray, rhs_low: np.ndarray,
        rhs_high: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Leaving row for every basis and nonbasic variable, and whether it is proved.

        The row ``w`` of least floating-point ratio wins for sure if its entry is surely
        positive and every other row ``r`` whose entry may be positive has
        ``rhs_low_r > U_w * entry_high_r``, where ``U_w = rhs_high_w / entry_low_w`` bounds
        the winner's ratio from above.
        """
        margin = 8 * _UNIT
        with np.errstate(all="ignore"):
            positive = entries > 0
            ratio = np.divide(rhs[:, :, None], entries, out=np.full(entries.shape, np.inf),
                              where=positive)
            leaving = ratio.argmin(axis=1)[:, None, :]
            winner = np.take_along_axis(entries, leaving, axis=1)[:, 0, :]
            winner -= np.take_along_axis(errors, leaving, axis=1)[:, 0, :]
            upper = np.take_along_axis(rhs_high, leaving[:, 0, :], axis=1) / winner
            high = entries + errors
            blocking = (high > 0) & (
                rhs_low[:, :, None] * (1 - margin) <= (upper * (1 + margin))[:, None, :] * high)
            np.put_along_axis(blocking, leaving, False, axis=1)
            decided = (winner > 0) & ~blocking.any(axis=1)
        return leaving[:, 0, :], decided

    def _exact(self, basis: np.ndarray, nonbasic: np.ndarray, leaving: np.ndarray) -> int:
        """Labels of ``basis``, and its leaving rows written into ``leaving``, exactly."""
        tableau, order, _ = basis_tableau(self.matrix, basis.tolist())
        position = {variable: row for row, variable in enumerate(basis.tolist())}
        labels = self.all_labels
        for r in range(self.k):
            if tableau[r][0]:
                labels ^= int(self.label_bits[order[r]])
        slack_columns = range(self.d + 1, self.d + self.k + 1)
        for index, entering in enumerate(nonbasic.tolist()):
            row = lexicographic_ratio_test(tableau, entering + 1, range(self.k), slack_columns)
            leaving[index] = position[order[row]]
        return labels

    def _new_bases(
        self, bases: np.ndarray, leaving: np.ndarray, nonbasic: np.ndarray
    ) -> np.ndarray:
        """The neighbours of ``bases`` not seen before, each once."""
        masks = (np.int64(1) << bases).sum(axis=1)[:, None]
        masks = masks ^ (np.int64(1) << np.take_along_axis(bases, leaving, axis=1))
        masks ^= np.int64(1) << nonbasic
        keep = []
        seen = self.seen
        for index, mask in enumerate(masks.ravel().tolist()):
            if mask not in seen:
                seen.add(mask)
                keep.append(index)
        which, position = np.divmod(np.array(keep, dtype=np.int64), self.d)
        new = bases[which]
        new[np.arange(len(which)), leaving[which, position]] = nonbasic[which, position]
        return new


def inverses(full: np.ndarray, bases: np.ndarray) -> np.ndarray:
    """Computed inverses of the basis matrices (columns ``bases + 1`` of ``full``); zero for
    a matrix that is numerically singular (then its bound fails, and it is handled exactly)."""
    return _inverses(full[:, bases + 1].transpose(1, 0, 2))


def _inverses(matrices: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.inv(matrices)
    except np.linalg.LinAlgError:
        if len(matrices) == 1:
            return np.zeros_like(matrices)
    half = len(matrices) // 2  # bisect: the singular matrices are few
    return np.concatenate([_inverses(matrices[:half]), _inverses(matrices[half:])])


def error_bounds(
    inverse: np.ndarray, product: np.ndarray, basis_column_max: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per basis, a bound on each tableau row's error per unit of column size, and whether it
    holds (``rho < 1/2``, finite numbers); ``product`` is the computed ``fl(X B)``.

    ``(|X| |B|)_rc <= (sum_j |X_rj|) max_i |B_ic|`` bounds the rounding terms.
    """
    k = inverse.shape[1]
    g = 4 * (k + 2) * _UNIT
    with np.errstate(all="ignore"):
        row_size = np.abs(inverse).sum(axis=2)
        residual = np.abs(np.eye(k) - product).sum(axis=2)
        residual += g * (row_size * basis_column_max.sum(axis=1)[:, None] + 1)
        rho = residual.max(axis=1)
        delta = rho / (1 - rho) * row_size.max(axis=1) * (1 + g)
        row_error = 2 * (delta[:, None] + g * row_size)
        sound = (rho < 0.5) & np.isfinite(row_size).all(axis=1)  # X finite: so is the rest
    return row_error, sound


__all__ = ["MAX_ENTRY", "MAX_VARIABLES", "error_bounds", "inverses", "vertex_bases"]
