"""One Nash equilibrium of any two-player tree: Lemke's algorithm on the sequence-form LCP
(Koller, Megiddo and von Stengel 1996), exact, with lexicographic pivoting."""

from __future__ import annotations

from fractions import Fraction

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.values import kernel_fraction
from commit_calc.solvers.results import SolveResult, certify
from commit_calc.solvers.sequence_form import (
    SequenceForm,
    behaviour_from_plans,
    check_two_player_tree,
    sequence_form,
)
from commit_calc.solvers.sequence_tableau import MAX_PIVOTS, Row, lexicographic_leaving, pivot

METHOD = "sequence-form+lemke"


def sequence_lcp(game: ExtensiveFormGame) -> SolveResult:
    """One Nash equilibrium of a numeric two-player tree, by Lemke's algorithm.

    Returns
    -------
    SolveResult
        Concept ``"nash"``, method ``"sequence-form+lemke"``: one equilibrium as a behaviour
        profile, certified by the independent exact check in the tree.

    Raises
    ------
    ParameterError
        If the tree still has parameters without values.
    UnsupportedGameError
        Unless the tree has exactly two players; or if it is too large.

    Notes
    -----
    With payoffs shifted to be negative (costs ``C = -A``, ``D = -B``, positive at every
    leaf), an equilibrium is a solution of the linear complementarity problem in
    ``z = (x, y, p, q) >= 0``::

        w = (C y - E'p,  D'x - F'q,  E x - e,  F y - f) >= 0,   z'w = 0,

    whose complementary pairs say that a sequence is played only if it is a best response and
    an information set's value is paid only where the plan's sums hold (von Stengel 1996,
    section 6; Gambit's ``lcp_solve`` uses the same system). Lemke's algorithm adds ``z0``
    times the all-ones vector, starts at the most violated row and follows the
    almost-complementary path until ``z0`` leaves; ties in the ratio test are broken
    lexicographically so that degenerate trees cannot make it cycle.

    References
    ----------
    D. Koller, N. Megiddo and B. von Stengel (1996), Efficient computation of equilibria for
    extensive two-person games, Games and Economic Behavior 14, 247-259.

    Examples
    --------
    >>> from commit_calc.io import load_game
    >>> game = load_game("entry-deterrence")
    >>> [e.profile.labelled(game) for e in sequence_lcp(game).equilibria]
    [{'Entrant': {'entrant': {'In': 1}}, 'Incumbent': {'incumbent': {'Accommodate': 1}}}]
    """
    check_two_player_tree(game, "sequence-lcp")
    form = sequence_form(game)
    x, y = _lemke(form)
    profile = behaviour_from_plans(form, (x, y))
    return SolveResult(game, "nash", METHOD, (certify(game, profile),))


def _lemke(form: SequenceForm) -> tuple[list[Fraction], list[Fraction]]:
    """Realisation plans ``x, y`` solving the LCP of :func:`sequence_lcp` (see its Notes)."""
    n1, n2 = form.sizes
    e_rows, f_rows = form.constraints
    m1, m2 = len(e_rows), len(f_rows)
    size = n1 + n2 + m1 + m2
    zero, one = kernel_fraction(0), kernel_fraction(1)
    high = form.payoff_range()[1]
    shift = high + 1
    costs = [form.shifted(0, shift), form.shifted(1, shift)]
    # rows: w - M z - d z0 = qv, columns w (size), z (size), z0
    width = 2 * size + 1
    rows: list[Row] = [[zero] * width for _ in range(size)]
    rhs: list[Fraction] = [zero] * size
    for i in range(size):
        rows[i][i] = one
        rows[i][2 * size] = -one  # -d, d = 1
    z = size  # offset of the z columns
    for (s, t), value in costs[0].items():  # x-rows: C y
        rows[s][z + n1 + t] += value
    for (s, t), value in costs[1].items():  # y-rows: D'x
        rows[n1 + t][z + s] += value
    for h, row in enumerate(e_rows):
        for s, coefficient in row.items():
            rows[s][z + n1 + n2 + h] += coefficient  # x-rows: -E'p
            rows[n1 + n2 + h][z + s] -= coefficient  # E x - e
        rhs[n1 + n2 + h] = -one if h == 0 else zero
    for h, row in enumerate(f_rows):
        for t, coefficient in row.items():
            rows[n1 + t][z + n1 + n2 + m1 + h] += coefficient
            rows[n1 + n2 + m1 + h][z + n1 + t] -= coefficient
        rhs[n1 + n2 + m1 + h] = -one if h == 0 else zero
    basis = list(range(size))
    # z0 enters where the right-hand side is most negative; ties go to the last such row,
    # which keeps every row lexicographically positive
    lowest = min(rhs)
    start = max(i for i in range(size) if rhs[i] == lowest)
    pivot(rows, rhs, basis, start, 2 * size)
    entering = z + start
    for _ in range(MAX_PIVOTS):
        leaving = lexicographic_leaving(rows, rhs, entering, range(size))
        if leaving is None:
            raise UnsupportedGameError(
                "Lemke's algorithm ended on a ray without an equilibrium (this should not "
                "happen in a sequence-form game; please report it)")
        left = basis[leaving]
        pivot(rows, rhs, basis, leaving, entering)
        if left == 2 * size:
            break
        entering = left + size if left < size else left - size
    else:
        raise UnsupportedGameError(
            f"Lemke's algorithm took more than {MAX_PIVOTS} pivots; the tree is too large for "
            "method 'sequence-lcp'")
    values = [zero] * size
    for i, variable in enumerate(basis):
        if size <= variable < 2 * size:
            values[variable - size] = rhs[i]
    return values[:n1], values[n1:n1 + n2]


__all__ = ["METHOD", "sequence_lcp"]
