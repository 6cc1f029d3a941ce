"""Extreme equilibria of bimatrix games in which one player has at most two pure strategies.

The same answer as :func:`~commit_calc.solvers._vertex_enumeration.completely_labelled_pairs`
(every pair of vertices of the best-response polytopes whose labels cover all strategies,
with the same label bitmasks), found without pivoting: with two rows the polytopes' vertices
are known in closed form, so a table of the prepared per-point solver
(:mod:`commit_calc.analysis.prepared_blocks`) is solved in a few dozen exact operations.

Labels are as in :mod:`._vertex_enumeration`: row ``i`` is label ``i``, column ``j`` label
``m + j``. The row player's strategy is ``x = (1 - p, p)`` (or ``x = (1,)`` with one row):

* the nonzero vertices of ``P = {x >= 0 : B^T x <= 1}`` are ``p = 0``, ``p = 1`` and the
  kinks of the upper envelope of the column player's payoff lines ``p -> B[0][j] + p (B[1][j]
  - B[0][j])``; a vertex carries the labels of the rows it does not play and of the columns
  on the envelope there (every tight constraint);
* the nonzero vertices of ``Q = {y >= 0 : A y <= 1}`` are the pure columns (labels: the other
  columns and the rows that are best responses) and, with two rows, each pair of columns
  ``j, k`` whose row differences ``d = A[0] - A[1]`` have opposite signs, mixed so that both
  rows pay the same (labels: both rows and the other columns);
* a pair ``(x, y)`` is an equilibrium when their labels cover everything: ``y`` plays only
  columns on the envelope at ``x``, and the rows ``x`` plays are best responses to ``y``.

Numbers are any exact type (``int``, ``mpq``, ``Fraction``): only comparisons, products and
quotients are taken. Payoffs need not be shifted or scaled: best responses do not change.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from commit_calc.model.values import kernel_fraction

#: ``(x, y, labels of x, labels of y)``: probability vectors and label bitmasks.
Pair = tuple[tuple[Any, ...], tuple[Any, ...], int, int]


def two_strategy_pairs(row_payoffs: Sequence[Sequence[Any]],
                       column_payoffs: Sequence[Sequence[Any]]) -> list[Pair]:
    """Every extreme equilibrium of ``(A, B)`` where ``A`` or ``B`` has at most two rows or
    columns, as ``completely_labelled_pairs`` lists them (in another order).

    >>> pairs = two_strategy_pairs([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [(tuple(map(str, x)), tuple(map(str, y))) for x, y, _, _ in pairs]
    [(('1/2', '1/2'), ('1/2', '1/2'))]
    """
    m, n = len(row_payoffs), len(row_payoffs[0])
    if m <= 2:
        return _pairs(row_payoffs, column_payoffs)
    if n > 2:
        raise ValueError("two_strategy_pairs(): a player needs at most two strategies")
    # the column player has two strategies: solve the transposed game and swap back
    transposed = _pairs([list(column) for column in zip(*column_payoffs)],
                        [list(column) for column in zip(*row_payoffs)])
    return [(x, y, _swap(x_labels, n, m), _swap(y_labels, n, m))
            for y, x, y_labels, x_labels in transposed]


def _swap(labels: int, rows: int, columns: int) -> int:
    """Labels of the transposed game (``rows`` rows first) as labels of the original."""
    own = labels & ((1 << rows) - 1)
    return (labels >> rows) | (own << columns)


def _pairs(a: Sequence[Sequence[Any]], b: Sequence[Sequence[Any]]) -> list[Pair]:
    """The pairs of ``(A, B)`` with ``A`` of one or two rows: each vertex ``x`` of ``P`` with
    the vertices of ``Q`` that carry every label ``x`` lacks. Such a ``y`` plays only best
    responses to ``x`` (a column it plays lacks its label), so only those are tried."""
    m, n = len(a), len(a[0])
    everything = (1 << (m + n)) - 1
    columns = ((1 << n) - 1) << m
    if m == 2:
        d = [a[0][j] - a[1][j] for j in range(n)]
        # the rows that are best responses to column j
        rows = [1 if dj > 0 else 2 if dj < 0 else 3 for dj in d]
    else:
        rows = [1] * n
    found: list[Pair] = []
    for x, x_labels in _row_vertices(b, m, n):
        best = _members(x_labels >> m)
        for j in best:
            y_labels = rows[j] | columns ^ (1 << (m + j))
            if x_labels | y_labels == everything:
                found.append((x, unit_vector(n, j), x_labels, y_labels))
        if m == 2:  # both rows best responses to a mix of two columns with opposite d
            for position, j in enumerate(best):
                for k in best[position + 1:]:
                    if rows[j] + rows[k] == 3:  # d_j and d_k of opposite signs (1 + 2)
                        weight = d[j] - d[k]  # |d_j| + |d_k|, with d_j's sign
                        y: list[Any] = [0] * n
                        y[j], y[k] = kernel_fraction(-d[k], weight), kernel_fraction(d[j], weight)
                        found.append((x, tuple(y), x_labels,
                                      3 | columns ^ (1 << (m + j)) ^ (1 << (m + k))))
    return found


@functools.lru_cache(maxsize=4096)
def _members(bits: int) -> list[int]:
    """The positions of the bits set in ``bits`` (not to be modified: shared)."""
    return [j for j in range(bits.bit_length()) if bits >> j & 1]


@functools.cache
def unit_vector(n: int, j: int) -> tuple[int, ...]:
    """The pure strategy ``j`` of ``n``."""
    return tuple(int(k == j) for k in range(n))


def _labels_of(values: Sequence[Any], first: int) -> int:
    """Labels ``first + j`` of the largest of ``values``."""
    top = max(values)
    labels = 0
    for j, value in enumerate(values):
        if value == top:
            labels |= 1 << (first + j)
    return labels


def _row_vertices(b: Sequence[Sequence[Any]], m: int, n: int) -> list[tuple[tuple[Any, ...], int]]:
    """Nonzero vertices of ``P``, normalised, with their labels."""
    if m == 1:
        return [((1,), _labels_of(b[0], m))]
    low, high = b
    slopes = [h - v for h, v in zip(high, low)]
    # walk the upper envelope from p = 0: the lines on top just after p are the steepest of
    # those on top at p (equal there with equal slopes: identical lines); the next kink is
    # their first crossing with a steeper line
    top = max(low)
    on_top = [j for j in range(n) if low[j] == top]
    labels = 2
    for j in on_top:
        labels |= 1 << (m + j)
    found: list[tuple[tuple[Any, ...], int]] = [((1, 0), labels)]
    while True:
        slope = max(slopes[j] for j in on_top)
        current = [j for j in on_top if slopes[j] == slope]
        start = low[current[0]]
        kink, crossing = None, on_top
        for j in range(n):
            if slopes[j] > slope:
                p = kernel_fraction(start - low[j], slopes[j] - slope)
                if kink is None or p < kink:
                    kink, crossing = p, [j]
                elif p == kink:
                    crossing.append(j)
        if kink is None or kink >= 1:
            break
        # on top at the kink: the lines before it, and those that cross them there (a
        # flatter line through the kink would have been above them before it)
        labels = 0
        for j in current + crossing:
            labels |= 1 << (m + j)
        found.append(((1 - kink, kink), labels))
        on_top = crossing
    found.append(((0, 1), 1 | _labels_of(high, m)))
    return found


__all__ = ["two_strategy_pairs", "unit_vector"]
