"""An exact linear-programming feasibility test in rational arithmetic.

Used to decide whether a region of parameter space given by linear inequalities (strict or not)
and equalities is empty. Floats would misjudge knife-edge regions, so the simplex method runs
in exact rationals (gmpy2's ``mpq`` where installed, about ten times faster than
:class:`fractions.Fraction`, which is the fallback) with Bland's rule (which cannot cycle).

>>> from fractions import Fraction as F
>>> # x > 0, y > 0, x + y < 1 (with x, y >= 0): non-empty
>>> strictly_feasible([[F(-1), F(0)], [F(0), F(-1)], [F(1), F(1)]], [F(0), F(0), F(1)],
...                   strict=[True, True, True])
True
>>> # x > 1 and x < 1: empty
>>> strictly_feasible([[F(-1)], [F(1)]], [F(-1), F(1)], strict=[True, True])
False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

Row = list[Fraction]

try:  # exact either way; mpq is typed as Fraction here, as in commit_calc.model.values
    from gmpy2 import mpq as _rational
except ImportError:  # pragma: no cover - depends on the installation
    _rational = Fraction
_ZERO: Fraction = _rational(0)
_ONE: Fraction = _rational(1)


def strictly_feasible(
    a_ub: Sequence[Sequence[Fraction]],
    b_ub: Sequence[Fraction],
    *,
    strict: Sequence[bool],
    a_eq: Sequence[Sequence[Fraction]] = (),
    b_eq: Sequence[Fraction] = (),
) -> bool:
    """Whether some ``z >= 0`` has ``a_ub z <= b_ub`` (``<`` where ``strict``), ``a_eq z = b_eq``.

    Strict rows are handled with a slack ``t``: maximise ``t`` subject to ``a z + t <= b`` on the
    strict rows and ``t <= 1``; the system is feasible iff the maximum is positive (or there
    is no strict row and phase 1 succeeds).
    """
    return strict_point(a_ub, b_ub, strict=strict, a_eq=a_eq, b_eq=b_eq) is not None


def strict_point(
    a_ub: Sequence[Sequence[Fraction]],
    b_ub: Sequence[Fraction],
    *,
    strict: Sequence[bool],
    a_eq: Sequence[Sequence[Fraction]] = (),
    b_eq: Sequence[Fraction] = (),
) -> tuple[Fraction, ...] | None:
    """A point ``z`` of :func:`strictly_feasible`'s system (``None`` if there is none).

    >>> from fractions import Fraction as F
    >>> [str(v) for v in strict_point([[F(1)], [F(-1)]], [F(2), F(-1)], strict=[True, True])]
    ['3/2']
    """
    n = len(a_ub[0]) if a_ub else (len(a_eq[0]) if a_eq else 0)
    rows_ub = [[_rational(v) for v in row] + [_ONE if s else _ZERO]
               for row, s in zip(a_ub, strict)]
    rhs_ub = [_rational(v) for v in b_ub]
    any_strict = any(strict)
    if any_strict:
        rows_ub.append([_ZERO] * n + [_ONE])
        rhs_ub.append(_ONE)
    rows_eq = [[_rational(v) for v in row] + [_ZERO] for row in a_eq]
    objective = [_ZERO] * n + [_ONE if any_strict else _ZERO]
    best = _maximise(rows_ub, rhs_ub, rows_eq, [_rational(v) for v in b_eq], objective)
    if isinstance(best, Infeasible) or (any_strict and not best.value > 0):
        return None
    return best.point[:n]


@dataclass(frozen=True)
class LinearOptimum:
    """The optimum of a linear program: its value, an optimal point and optimal duals.

    ``duals`` has one entry per row, inequality rows first: ``y_ub >= 0`` and ``y_eq`` with
    ``y_ub a_ub + y_eq a_eq >= c`` column by column and ``y b = value`` (a certificate of
    optimality that anyone can check by arithmetic alone).
    """

    value: Fraction
    point: tuple[Fraction, ...]
    duals: tuple[Fraction, ...]


@dataclass(frozen=True)
class Infeasible:
    """A Farkas certificate that a linear program has no feasible point.

    ``farkas`` has one entry per row, inequality rows first: ``y_ub >= 0``,
    ``y_ub a_ub + y_eq a_eq >= 0`` column by column and ``y b < 0``.
    """

    farkas: tuple[Fraction, ...]


def maximise(
    a_ub: Sequence[Sequence[Fraction]],
    b_ub: Sequence[Fraction],
    a_eq: Sequence[Sequence[Fraction]],
    b_eq: Sequence[Fraction],
    c: Sequence[Fraction],
) -> LinearOptimum | Infeasible:
    """Maximise ``c z`` over ``z >= 0``, ``a_ub z <= b_ub``, ``a_eq z = b_eq``, exactly.

    The objective must be bounded above on the feasible set. Returns the optimum with its
    certificate, or a certificate that the set is empty.

    >>> from fractions import Fraction as F
    >>> # max x + 2y with x + y <= 1: the vertex (0, 1), dual 2
    >>> best = maximise([[F(1), F(1)]], [F(1)], [], [], [F(1), F(2)])
    >>> str(best.value), [str(v) for v in best.point], [str(v) for v in best.duals]
    ('2', ['0', '1'], ['2'])
    >>> empty = maximise([[F(1)]], [F(-1)], [], [], [F(1)])  # x <= -1 with x >= 0
    >>> [str(v) for v in empty.farkas]
    ['1']
    """
    rows_ub = [[_rational(v) for v in row] for row in a_ub]
    rows_eq = [[_rational(v) for v in row] for row in a_eq]
    return _maximise(rows_ub, [_rational(v) for v in b_ub], rows_eq,
                     [_rational(v) for v in b_eq], [_rational(v) for v in c])


def _maximise(
    a_ub: list[Row], b_ub: list[Fraction], a_eq: list[Row], b_eq: list[Fraction], c: Row
) -> LinearOptimum | Infeasible:
    """Two-phase simplex for :func:`maximise` on rows already made exact."""
    n = len(c)
    m_ub, m = len(a_ub), len(a_ub) + len(a_eq)
    width = n + m_ub + m  # variables, slacks, artificials
    tableau: list[Row] = []
    rhs: list[Fraction] = []
    basis: list[int] = []
    signs: list[int] = []
    for i, (row, b) in enumerate(list(zip(a_ub, b_ub)) + list(zip(a_eq, b_eq))):
        full = list(row) + [_ZERO] * (m_ub + m)
        if i < m_ub:
            full[n + i] = _ONE
        signs.append(-1 if b < 0 else 1)
        if b < 0:
            full = [-v for v in full]
            b = -b
        if i < m_ub and full[n + i] == 1:
            basis.append(n + i)
        else:
            full[n + m_ub + i] = _ONE
            basis.append(n + m_ub + i)
        tableau.append(full)
        rhs.append(b)
    artificial = range(n + m_ub, width)
    phase_one = [_ZERO] * width
    for j in artificial:
        phase_one[j] = -_ONE
    value = _run(tableau, rhs, basis, phase_one, allowed=range(width))
    if value < 0:
        return Infeasible(_row_duals(tableau, basis, phase_one, n, m_ub, signs))
    allowed = range(n + m_ub)
    for i, j in enumerate(basis):
        if j >= n + m_ub:
            pivot = next((k for k in allowed if tableau[i][k] != 0), None)
            if pivot is not None:
                _pivot(tableau, rhs, basis, i, pivot)
    objective = list(c) + [_ZERO] * (m_ub + m)
    optimum = _run(tableau, rhs, basis, objective, allowed=allowed)
    point = [_ZERO] * n
    for i, j in enumerate(basis):
        if j < n:
            point[j] = rhs[i]
    return LinearOptimum(optimum, tuple(point),
                         _row_duals(tableau, basis, objective, n, m_ub, signs))


def _row_duals(tableau: list[Row], basis: list[int], c: Row, n: int, m_ub: int,
               signs: list[int]) -> tuple[Fraction, ...]:
    """``c_B B^-1`` for the original rows: read from the slack and artificial columns."""
    duals = []
    for i in range(len(tableau)):
        column = n + i if i < m_ub else n + m_ub + i
        value = sum((c[j] * tableau[r][column] for r, j in enumerate(basis) if c[j]), _ZERO)
        duals.append(value if i < m_ub else signs[i] * value)
    return tuple(duals)


def _run(
    tableau: list[Row], rhs: list[Fraction], basis: list[int], c: Row, *, allowed: range
) -> Fraction:
    """Primal simplex from a feasible basis, Bland's rule; returns the optimum of ``c z``."""
    while True:
        duals = [c[j] for j in basis]
        entering = None
        for j in allowed:
            if j in basis:
                continue
            reduced = c[j] - sum(d * row[j] for d, row in zip(duals, tableau) if d and row[j])
            if reduced > 0:
                entering = j
                break
        if entering is None:
            return sum((c[j] * rhs[i] for i, j in enumerate(basis)), _ZERO)
        leaving = None
        best: tuple[Fraction, int] | None = None
        for i, row in enumerate(tableau):
            if row[entering] > 0:
                key = (rhs[i] / row[entering], basis[i])
                if best is None or key < best:
                    best, leaving = key, i
        if leaving is None:
            raise ArithmeticError("simplex: objective unbounded (a bug: it is capped)")
        _pivot(tableau, rhs, basis, leaving, entering)


def _pivot(tableau: list[Row], rhs: list[Fraction], basis: list[int], i: int, j: int) -> None:
    row = tableau[i]
    factor = row[j]
    tableau[i] = row = [v / factor for v in row]
    rhs[i] = rhs[i] / factor
    for k, other in enumerate(tableau):
        if k != i and other[j] != 0:
            scale = other[j]
            tableau[k] = [v - scale * w if w else v for v, w in zip(other, row)]
            rhs[k] = rhs[k] - scale * rhs[i]
    basis[i] = j
