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
  rows pay the same (labels: both rows and the other columns).

Numbers are any exact type (``int``, ``mpq``, ``Fraction``): only comparisons, products and
quotients are taken. Payoffs need not be shifted or scaled: best responses do not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from commit_calc.model.values import kernel_quotient

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
    m, n = len(a), len(a[0])
    everything = (1 << (m + n)) - 1
    x_vertices = _row_vertices(b, m, n)
    y_vertices = _column_vertices(a, m, n)
    return [(x, y, x_labels, y_labels)
            for x, x_labels in x_vertices
            for y, y_labels in y_vertices
            if x_labels | y_labels == everything]


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
    slopes = [high[j] - low[j] for j in range(n)]
    found = [((1, 0), 2 | _labels_of(low, m))]
    # walk the upper envelope from p = 0: the line on top just after p is the steepest of
    # those on top at p; the next kink is its first crossing with a steeper line
    top = max(low)
    current = max((j for j in range(n) if low[j] == top), key=slopes.__getitem__)
    while True:
        crossings = [(kernel_quotient(low[current] - low[j], slopes[j] - slopes[current]), j)
                     for j in range(n) if slopes[j] > slopes[current]]
        if not crossings:
            break
        p = min(crossings)[0]
        if p >= 1:
            break
        found.append(((1 - p, p), _labels_of([low[j] + p * slopes[j] for j in range(n)], m)))
        current = max((j for q, j in crossings if q == p), key=slopes.__getitem__)
    found.append(((0, 1), 1 | _labels_of(high, m)))
    return found


def _column_vertices(a: Sequence[Sequence[Any]], m: int,
                     n: int) -> list[tuple[tuple[Any, ...], int]]:
    """Nonzero vertices of ``Q``, normalised, with their labels."""
    columns = ((1 << n) - 1) << m
    found = []
    for j in range(n):
        top = max(row[j] for row in a)
        rows = 0
        for i in range(m):
            if a[i][j] == top:
                rows |= 1 << i
        found.append((tuple(int(k == j) for k in range(n)), rows | columns ^ (1 << (m + j))))
    if m == 2:
        d = [a[0][j] - a[1][j] for j in range(n)]
        for j in range(n):
            for k in range(j + 1, n):
                if (d[j] > 0 > d[k]) or (d[j] < 0 < d[k]):
                    weight = d[j] - d[k]  # |d_j| + |d_k|, with d_j's sign
                    y = [0] * n
                    y[j], y[k] = kernel_quotient(-d[k], weight), kernel_quotient(d[j], weight)
                    found.append((tuple(y), 3 | columns ^ (1 << (m + j)) ^ (1 << (m + k))))
    return found


__all__ = ["two_strategy_pairs"]
