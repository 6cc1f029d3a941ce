"""Exact tableau pivoting shared by the sequence-form solvers (rational arithmetic throughout).

A tableau is a list of rows (each a list of exact numbers, one per variable), a right-hand side
per row and the basic variable of each row. Pivoting divides the pivot row by the pivot entry
and clears the pivot column elsewhere (Gauss-Jordan), so a basic variable's value is its row's
right-hand side.
"""

from __future__ import annotations

from fractions import Fraction

Row = list[Fraction]

#: The most pivots one sequence-form computation makes before it gives up (bounded work).
MAX_PIVOTS = 200_000


def pivot(rows: list[Row], rhs: list[Fraction], basis: list[int], r: int, c: int) -> None:
    """Make variable ``c`` basic in row ``r`` (its entry there must be nonzero)."""
    row = rows[r]
    factor = row[c]
    if factor != 1:
        rows[r] = row = [v / factor if v else v for v in row]
        rhs[r] = rhs[r] / factor
    nonzero = [k for k, v in enumerate(row) if v]
    for i, other in enumerate(rows):
        scale = other[c]
        if i != r and scale:
            for k in nonzero:
                other[k] -= scale * row[k]
            rhs[i] -= scale * rhs[r]
    basis[r] = c


def lexicographic_leaving(rows: list[Row], rhs: list[Fraction], column: int,
                          order: range) -> int | None:
    """The row that leaves when ``column`` enters, by the lexicographic minimum ratio test.

    Ties in ``rhs[i] / rows[i][column]`` (degeneracy) are broken by the same ratios of the
    columns in ``order`` (those of the starting basis, i.e. of the basis inverse), which never
    tie for two rows: no basis repeats, so the path cannot cycle. ``None`` if the column has no
    positive entry (the ray is unbounded).
    """
    candidates = [i for i, row in enumerate(rows) if row[column] > 0]
    if not candidates:
        return None
    best = min(rhs[i] / rows[i][column] for i in candidates)
    candidates = [i for i in candidates if rhs[i] / rows[i][column] == best]
    for k in order:
        if len(candidates) == 1:
            break
        best = min(rows[i][k] / rows[i][column] for i in candidates)
        candidates = [i for i in candidates if rows[i][k] / rows[i][column] == best]
    return candidates[0]


__all__ = ["MAX_PIVOTS", "Row", "lexicographic_leaving", "pivot"]
