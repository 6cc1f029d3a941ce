"""Exact vertex enumeration of best-response polytopes and complementary vertex matching.

The kernel behind :func:`commit_calc.solvers.mixed_nash.extreme_equilibria`. With payoff
matrices ``A`` (row player, m x n) and ``B`` (column player), made positive, the best-response
polytopes are

    P = {x in R^m : x >= 0, B^T x <= 1}     Q = {y in R^n : A y <= 1, y >= 0}.

A point is labelled by the constraints it makes tight: ``x_i = 0`` and ``(A y)_i = 1`` carry
label ``i`` (a row strategy), ``(B^T x)_j = 1`` and ``y_j = 0`` carry label ``m + j``. The
extreme Nash equilibria are exactly the pairs of vertices ``(x, y) != (0, 0)`` whose labels
together cover all ``m + n`` labels, normalised to probability vectors (Avis, Rosenberg,
Savani and von Stengel 2010, section 3). This holds for degenerate games too, where a vertex
may carry more labels than the dimension.

Vertices are found by a depth-first search over the lexicographically feasible bases of the
simplex tableau (the feasible bases after a symbolic perturbation ``1 + (e, e^2, ...)`` of the
right-hand side), pivoting in exact integer arithmetic. The perturbed polytope is simple, so
its bases form a connected graph and each has a unique neighbour per entering variable; every
vertex of the unperturbed polytope is the image of at least one of them (take an objective
maximised only there). Label sets are bitmasks: bit ``k`` is label ``k``.

All numbers are Python ``int``: integer pivoting (Edmonds; Bareiss) keeps every tableau entry
the basis determinant times its true value, and each division is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

Vertex = tuple[list[int], int]  # numerators of the coordinates, common positive denominator


def polytope_vertices(
    matrix: Sequence[Sequence[int]], variable_labels: Sequence[int], slack_labels: Sequence[int]
) -> dict[int, Vertex]:
    """Every vertex of ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M``.

    Parameters
    ----------
    matrix : sequence of sequences of int
        ``M``, k rows of d positive integers (so the polytope is bounded).
    variable_labels, slack_labels : sequence of int
        The label of ``z_i = 0`` for each coordinate, and of ``(M z)_r = 1`` for each row.

    Returns
    -------
    dict
        Label bitmask of each vertex (every tight constraint) -> ``(numerators, denominator)``
        of its coordinates.

    Examples
    --------
    The triangle ``{z >= 0 : z_1 + z_2 <= 1}``, labels 0, 1 for the axes and 2 for the edge:

    >>> sorted(polytope_vertices([[1, 1]], [0, 1], [2]).items())
    [(3, ([0, 0], 1)), (5, ([0, 1], 1)), (6, ([1, 0], 1))]
    """
    label_bits = [1 << label for label in (*variable_labels, *slack_labels)]
    return {labels: vertex_point(matrix, basis)
            for labels, basis in vertex_bases(matrix, label_bits).items()}


def vertex_bases(
    matrix: Sequence[Sequence[int]], label_bits: Sequence[int]
) -> dict[int, tuple[int, ...]]:
    """Each vertex of ``{z >= 0 : M z <= 1}`` (label bitmask) with one basis that gives it.

    ``label_bits[v]`` is the label bit of variable ``v``: the ``d`` coordinates, then the ``k``
    slacks. A basis lists its basic variables, one per tableau row.

    Notes
    -----
    Tableau row ``r`` holds ``[rhs, z_1 .. z_d, s_1 .. s_k]`` times the current determinant.
    From each lexicographically feasible basis every nonbasic variable enters; the leaving row
    minimises ``(rhs_r, s-columns_r) / entry_r`` lexicographically, which is unique. A basis
    is expanded once (a set of basis bitmasks), so the search visits each basis of the
    perturbed polytope once and pivots once per basis.

    >>> vertex_bases([[1, 1]], [1, 2, 4])
    {3: (2,), 5: (1,), 6: (0,)}
    """
    k, d = len(matrix), len(matrix[0])
    all_labels = 0
    for bit in label_bits:
        all_labels |= bit
    rows = range(k)
    perturbation_columns = range(d + 1, d + k + 1)
    start_basis = list(range(d, d + k))
    start_mask = sum(1 << v for v in start_basis)
    seen = {start_mask}
    stack = [(_start_tableau(matrix), start_basis, start_mask, 1)]
    vertices: dict[int, tuple[int, ...]] = {}
    while stack:
        tableau, basis, basis_mask, determinant = stack.pop()
        labels = all_labels
        for r in rows:
            if tableau[r][0]:
                labels ^= label_bits[basis[r]]
        if labels not in vertices:
            vertices[labels] = tuple(basis)
        for entering in range(d + k):
            if basis_mask >> entering & 1:
                continue
            column = entering + 1
            leave = lexicographic_ratio_test(tableau, column, rows, perturbation_columns)
            new_mask = basis_mask ^ (1 << basis[leave]) ^ (1 << entering)
            if new_mask in seen:
                continue
            seen.add(new_mask)
            new_basis = basis.copy()
            new_basis[leave] = entering
            pivot = tableau[leave][column]
            stack.append(
                (_pivot(tableau, leave, column, determinant), new_basis, new_mask, pivot)
            )
    return vertices


def _start_tableau(matrix: Sequence[Sequence[int]]) -> list[list[int]]:
    """The tableau of the slack basis: row ``r`` is ``[1, M_r, e_r]``."""
    rows = range(len(matrix))
    return [[1, *matrix[r], *(int(r == s) for s in rows)] for r in rows]


def basis_tableau(
    matrix: Sequence[Sequence[int]], basis: Sequence[int]
) -> tuple[list[list[int]], list[int], int]:
    """The integer tableau of ``basis`` (any nonsingular one), computed from the start.

    Returns ``(tableau, order, determinant)``: row ``r`` is ``determinant > 0`` times the
    tableau row of basic variable ``order[r]``, as in :func:`vertex_bases`. Each variable of
    ``basis`` not yet basic enters by one integer pivot on a row whose variable leaves.
    Raises ``ValueError`` if the basis matrix is singular.

    >>> basis_tableau([[2, 1]], [0])
    ([[1, 2, 1, 1]], [0], 2)
    """
    d = len(matrix[0])
    tableau = _start_tableau(matrix)
    order = list(range(d, d + len(matrix)))
    wanted = set(basis)
    determinant = 1
    for entering in basis:
        if entering in order:
            continue
        column = entering + 1
        leave = next((r for r, variable in enumerate(order)
                      if variable not in wanted and tableau[r][column]), -1)
        if leave < 0:
            raise ValueError(f"basis_tableau(): the basis {list(basis)} is singular")
        pivot = tableau[leave][column]
        tableau = _pivot(tableau, leave, column, determinant)
        order[leave] = entering
        determinant = pivot
    if determinant < 0:
        tableau = [[-value for value in row] for row in tableau]
        determinant = -determinant
    return tableau, order, determinant


def vertex_point(matrix: Sequence[Sequence[int]], basis: Sequence[int]) -> Vertex:
    """The coordinates of the vertex of ``basis``: ``(numerators, denominator)``."""
    tableau, order, determinant = basis_tableau(matrix, basis)
    coordinates = [0] * len(matrix[0])
    for row, variable in zip(tableau, order, strict=True):
        if variable < len(coordinates):
            coordinates[variable] = row[0]
    return coordinates, determinant


def lexicographic_ratio_test(
    tableau: list[list[int]], column: int, rows: range, perturbation_columns: range
) -> int:
    """The row leaving the basis when ``column`` enters: the lexicographic minimum ratio."""
    best = -1
    best_row: list[int] = []
    best_entry = 0
    for r in rows:
        row = tableau[r]
        entry = row[column]
        if entry <= 0:
            continue
        if best < 0:
            best, best_row, best_entry = r, row, entry
            continue
        lower = row[0] * best_entry - best_row[0] * entry
        if lower == 0:
            for c in perturbation_columns:
                lower = row[c] * best_entry - best_row[c] * entry
                if lower:
                    break
        if lower < 0:
            best, best_row, best_entry = r, row, entry
    if best < 0:
        raise ArithmeticError("vertex enumeration: unbounded edge in a bounded polytope (a bug)")
    return best


def _pivot(
    tableau: list[list[int]], leave: int, column: int, determinant: int
) -> list[list[int]]:
    """A new integer tableau after pivoting on ``(leave, column)``; rows are shared if equal."""
    pivot_row = tableau[leave]
    pivot = pivot_row[column]
    result = []
    for r, row in enumerate(tableau):
        factor = row[column]
        if r == leave or (factor == 0 and pivot == determinant):
            result.append(row)
        elif factor == 0:
            result.append([value * pivot // determinant for value in row])
        else:
            result.append(
                [(value * pivot - other * factor) // determinant
                 for value, other in zip(row, pivot_row, strict=True)]
            )
    return result


def completely_labelled_pairs(
    row_payoffs: Sequence[Sequence[int]],
    column_payoffs: Sequence[Sequence[int]],
    *,
    search: str = "auto",
) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...], int, int]]:
    """Every extreme equilibrium of the bimatrix game ``(A, B)`` of integer payoffs.

    Returns ``(x, y, labels of x, labels of y)`` per equilibrium, ``x`` and ``y`` exact
    probability vectors, in no particular order. ``search`` picks the vertex search:
    ``"exact"`` (:func:`vertex_bases`), ``"float"`` (floating point where proved right,
    :mod:`._certified_float_search`, falling back to the exact one) or ``"auto"`` (the float
    search from :data:`FLOAT_SEARCH_FROM` strategies in all); the answer is the same.

    >>> pairs = completely_labelled_pairs([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [(tuple(map(str, x)), tuple(map(str, y))) for x, y, _, _ in pairs]
    [(('1/2', '1/2'), ('1/2', '1/2'))]
    """
    m, n = len(row_payoffs), len(row_payoffs[0])
    a_low = min(min(row) for row in row_payoffs)
    b_low = min(min(row) for row in column_payoffs)
    a_positive = [[value - a_low + 1 for value in row] for row in row_payoffs]
    b_transposed = [[column_payoffs[i][j] - b_low + 1 for i in range(m)] for j in range(n)]
    use_float = search == "float" or (search == "auto" and m + n >= FLOAT_SEARCH_FROM)
    p_bits = [1 << label for label in range(m + n)]
    q_bits = p_bits[m:] + p_bits[:m]
    p_zero, q_zero = (1 << m) - 1, ((1 << n) - 1) << m  # the labels of the origin
    if use_float:
        found = _float_pairs(b_transposed, p_bits, p_zero, a_positive, q_bits, q_zero)
        if found is not None:
            return [(_normalised(vertex_point(b_transposed, x_basis)[0]),
                     _normalised(vertex_point(a_positive, y_basis)[0]), x_mask, y_mask)
                    for x_mask, x_basis, y_mask, y_basis in found]
    p_vertices = vertex_bases(b_transposed, p_bits)
    q_vertices = vertex_bases(a_positive, q_bits)
    q_list = [(mask, basis) for mask, basis in q_vertices.items() if mask & q_zero != q_zero]
    having = [0] * (m + n)  # having[label]: bitset of the Q vertices with that label
    for index, (mask, _) in enumerate(q_list):
        for label in range(m + n):
            if mask >> label & 1:
                having[label] |= 1 << index
    everyone = (1 << len(q_list)) - 1
    all_labels = (1 << (m + n)) - 1
    pairs = []
    for x_mask, x_basis in p_vertices.items():
        if x_mask & p_zero == p_zero:
            continue
        candidates = everyone
        missing = all_labels ^ x_mask
        while missing and candidates:
            lowest = missing & -missing
            candidates &= having[lowest.bit_length() - 1]
            missing ^= lowest
        if not candidates:
            continue
        x = _normalised(vertex_point(b_transposed, x_basis)[0])
        while candidates:
            lowest = candidates & -candidates
            y_mask, y_basis = q_list[lowest.bit_length() - 1]
            pairs.append((x, _normalised(vertex_point(a_positive, y_basis)[0]), x_mask, y_mask))
            candidates ^= lowest
    return pairs


#: Strategies of both players together from which ``search="auto"`` uses floating point.
FLOAT_SEARCH_FROM = 12


def _float_pairs(
    p_matrix: list[list[int]], p_bits: list[int], p_zero: int,
    q_matrix: list[list[int]], q_bits: list[int], q_zero: int,
) -> list[tuple[int, tuple[int, ...], int, tuple[int, ...]]] | None:
    """The pairs by the floating-point searches, certified: the vertices of the polytope of
    lower dimension, then their partners in the other; ``None`` where they do not apply."""
    from commit_calc.solvers._certified_float_search import vertex_bases as float_bases
    from commit_calc.solvers._partner_search import partner_pairs

    if len(p_matrix[0]) > len(q_matrix[0]):
        swapped = _float_pairs(q_matrix, q_bits, q_zero, p_matrix, p_bits, p_zero)
        return None if swapped is None else [(x, xb, y, yb) for y, yb, x, xb in swapped]
    vertices = float_bases(p_matrix, p_bits)
    if vertices is None:
        return None
    return partner_pairs(vertices, p_zero, q_matrix, q_bits)


def _normalised(numerators: list[int]) -> tuple[Fraction, ...]:
    total = sum(numerators)
    return tuple(Fraction(value, total) for value in numerators)
