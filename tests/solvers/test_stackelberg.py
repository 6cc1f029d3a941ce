"""Stackelberg commitment: textbook games, a brute force over the vertices of the follower's
best-response regions, and OpenSpiel's floating-point ``solve_stackelberg``."""

import itertools
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from commit_calc.errors import GameDefinitionError, UnsupportedGameError
from commit_calc.model import NormalFormGame
from commit_calc.solvers.results import VerificationFailure
from commit_calc.solvers.stackelberg import Commitment, stackelberg
from commit_calc.solvers.verify_stackelberg import check_stackelberg


def fractions(values):
    return [str(v) for v in values]


def test_conitzer_sandholm_mixed_commitment_beats_pure_and_nash():
    """Conitzer and Sandholm (2006), the game of their introduction (also OpenSpiel's
    stackelberg_lp_test game0): committing to (1/2, 1/2) gives 7/2, the dominated pure
    commitment to D gives 3, the only Nash equilibrium (U, L) gives 2. This is the phenomenon
    von Stengel and Zamir (2010) prove in general: the commitment value is at least every Nash
    payoff. Against a follower who breaks ties against the leader, 7/2 is a supremum reached
    only in the limit, playing U with probability just below 1/2."""
    game = NormalFormGame.from_matrices([[2, 4], [1, 3]], [[1, 0], [0, 1]],
                                        strategies=(("U", "D"), ("L", "R")))
    result = stackelberg(game, "Row")
    assert fractions(result.strong.strategy) == ["1/2", "1/2"]
    assert result.strong.response == 1 and result.strong.leader_payoff == Fraction(7, 2)
    assert result.pure_strong.strategy == (0, 1) and result.pure_strong.leader_payoff == 3
    assert result.nash_payoffs == (2,)
    weak = result.weak
    assert weak.leader_payoff == Fraction(7, 2) and weak.attained is False
    assert fractions(weak.strategy) == ["1/2", "1/2"] and weak.approach[0] < Fraction(1, 2)


def test_conitzer_sandholm_three_follower_strategies():
    """Conitzer and Sandholm (2006) as in OpenSpiel's stackelberg_lp_test game1: commit to
    (1/3, 2/3) for 4/3."""
    game = NormalFormGame.from_matrices([[2, 0, 0], [1, 0, 0]], [[0, 2, 5], [0, -1, -4]])
    result = stackelberg(game, "Row")
    assert fractions(result.strong.strategy) == ["1/3", "2/3"]
    assert result.strong.leader_payoff == Fraction(4, 3)


def test_degenerate_game_strong_and_weak_differ_and_weak_is_not_attained():
    """Hand-derived. With x the probability of T, the follower gets 2 - 2x from l, 2x from c
    and 1 from r: r is a best response only at x = 1/2, where all three tie. Leader payoffs:
    l gives 4x, c gives 0, r gives 10. Strong: x = 1/2 with r, 10. Weak: for x < 1/2 the
    follower plays l and the leader gets 4x < 2; at x = 1/2 it gets min(2, 0, 10) = 0; for
    x > 1/2, 0. So the weak value is 2, a supremum not attained."""
    game = NormalFormGame.from_matrices([[4, 0, 10], [0, 0, 10]], [[0, 2, 1], [2, 0, 1]],
                                        strategies=(("T", "B"), ("l", "c", "r")))
    result = stackelberg(game, "Row")
    assert result.strong.leader_payoff == 10 and result.strong.response == 2
    assert result.weak.leader_payoff == 2 and result.weak.attained is False
    assert fractions(result.weak.strategy) == ["1/2", "1/2"] and result.weak.response == 0
    assert result.weak.approach[0] < Fraction(1, 2)
    assert result.pure_strong.leader_payoff == 0 == result.pure_weak.leader_payoff


def test_weak_value_attained_at_a_tie_where_every_best_response_is_good():
    """Hand-derived: the follower ties l and r at x = 1/2 (x the probability of T), and both
    give the leader 3 there, the most it can get: attained, at x = 1/2."""
    game = NormalFormGame.from_matrices([[6, 0], [0, 6]], [[1, 0], [0, 1]])
    result = stackelberg(game, "Row")
    assert result.weak.attained is True and result.weak.leader_payoff == 6
    game = NormalFormGame.from_matrices([[4, 2], [2, 4]], [[1, 0], [0, 1]])
    result = stackelberg(game, "Row")
    assert result.weak.attained is True and result.weak.leader_payoff == 4


def test_identical_follower_columns_are_always_tied():
    """The follower's two strategies pay it the same everywhere, so the weak leader gets the
    minimum of the two columns, maximised at x = 1/2 where both give 2; the strong leader
    gets the maximum, 4."""
    game = NormalFormGame.from_matrices([[4, 0], [0, 4]], [[1, 1], [1, 1]])
    result = stackelberg(game, "Row")
    assert result.weak.leader_payoff == 2 and result.weak.attained is True
    assert fractions(result.weak.strategy) == ["1/2", "1/2"]
    assert result.strong.leader_payoff == 4


def test_column_leader_is_the_transposed_game():
    game = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[2, 1], [4, 3]],
                                        strategies=(("L", "R"), ("U", "D")))
    result = stackelberg(game, "Column")
    assert result.leader == 1 and result.strong.leader_payoff == Fraction(7, 2)
    assert result.strong.follower_payoff == Fraction(1, 2)


def test_bad_input():
    game = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameDefinitionError, match="unknown player 'Nobody'"):
        stackelberg(game, "Nobody")


def test_games_beyond_the_size_bound_are_refused_at_once():
    game = NormalFormGame.from_matrices([[0] * 51] * 50, [[0] * 51] * 50)
    with pytest.raises(UnsupportedGameError, match="50 x 51"):
        stackelberg(game, "Row")


def test_the_check_rejects_a_wrong_commitment():
    """The independent check is not a rubber stamp: a commitment moved off the optimum, or a
    certificate bound lowered, is refused."""
    import dataclasses

    game = NormalFormGame.from_matrices([[2, 4], [1, 3]], [[1, 0], [0, 1]])
    result = stackelberg(game, "Row")
    moved = Commitment((Fraction(1, 3), Fraction(2, 3)), 1, Fraction(10, 3), Fraction(2, 3))
    with pytest.raises(VerificationFailure):
        check_stackelberg(dataclasses.replace(result, strong=moved))
    lowered = [dataclasses.replace(b, bound=b.bound - 1) for b in result.bounds]
    with pytest.raises(VerificationFailure):
        check_stackelberg(dataclasses.replace(result, bounds=tuple(lowered)))


# Brute force --------------------------------------------------------------------------------


def _solve(rows, rhs):
    """The unique solution of a square system, or None (Gauss-Jordan in Fractions)."""
    size = len(rows)
    matrix = [list(row) + [r] for row, r in zip(rows, rhs)]
    for column in range(size):
        pivot = next((r for r in range(column, size) if matrix[r][column] != 0), None)
        if pivot is None:
            return None
        matrix[column], matrix[pivot] = matrix[pivot], matrix[column]
        for r in range(size):
            if r != column and matrix[r][column]:
                factor = matrix[r][column] / matrix[column][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[column])]
    return [matrix[r][size] / matrix[r][r] for r in range(size)]


def region_vertices(b, j):
    """Every vertex of {x in the simplex : (xB)_j >= (xB)_k}: m - 1 tight constraints."""
    m, n = len(b), len(b[0])
    constraints = [[Fraction(int(i == r)) for i in range(m)] for r in range(m)]
    constraints += [[b[i][k] - b[i][j] for i in range(m)] for k in range(n) if k != j]
    vertices = set()
    for chosen in itertools.combinations(constraints, m - 1):
        x = _solve([*chosen, [Fraction(1)] * m], [Fraction(0)] * (m - 1) + [Fraction(1)])
        if x is None or any(p < 0 for p in x):
            continue
        values = [sum(x[i] * b[i][k] for i in range(m)) for k in range(n)]
        if values[j] == max(values):
            vertices.add(tuple(x))
    return vertices


def brute_force(a, b):
    """Strong value: the best vertex of every region. Weak value: over the classes of
    identical follower columns whose strict region is not empty (its vertices' centroid has
    exactly the class as best responses), the best vertex; games here have classes of one."""
    m, n = len(a), len(a[0])
    strong = max(sum(x[i] * a[i][j] for i in range(m))
                 for j in range(n) for x in region_vertices(b, j))
    weak = None
    for j in range(n):
        vertices = region_vertices(b, j)
        if not vertices:
            continue
        centre = [sum(v[i] for v in vertices) / len(vertices) for i in range(m)]
        values = [sum(centre[i] * b[i][k] for i in range(m)) for k in range(n)]
        if [k for k in range(n) if values[k] == max(values)] != [j]:
            continue
        best = max(sum(x[i] * a[i][j] for i in range(m)) for x in vertices)
        weak = best if weak is None else max(weak, best)
    return strong, weak


def small_games(max_size=4, low=-3, high=3):
    def build(shape):
        m, n = shape
        matrix = st.lists(st.lists(st.integers(low, high), min_size=n, max_size=n),
                          min_size=m, max_size=m)
        return st.tuples(matrix, matrix)
    return st.tuples(st.integers(1, max_size), st.integers(1, max_size)).flatmap(build)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_games())
@example(([[0, 0, -1], [0, -1, 1]], [[0, 0, 0], [0, 0, 0]]))  # follower indifferent everywhere
def test_random_games_against_the_brute_force(matrices):
    """Small integer payoffs make follower ties, empty and lower-dimensional regions common."""
    a, b = ([[Fraction(v) for v in row] for row in matrix] for matrix in matrices)
    columns = [tuple(row[k] for row in b) for k in range(len(b[0]))]
    game = NormalFormGame.from_matrices(a, b)
    result = stackelberg(game, "Row", compare_nash=True)
    strong, weak = brute_force(a, b)
    assert result.strong.leader_payoff == strong
    if len(set(columns)) == len(columns):
        assert result.weak.leader_payoff == weak
    assert all(p <= strong for p in result.nash_payoffs)
    assert result.pure_strong.leader_payoff <= strong
    assert result.pure_weak.leader_payoff <= result.weak.leader_payoff
    if len(a) == 2:
        assert result.weak.attained == weak_attained_on_a_line(a, b, result.weak.leader_payoff)


def weak_attained_on_a_line(a, b, value):
    """With two leader strategies, x = P(first) in [0, 1]: the follower's best responses are
    constant between the breakpoints where two of its strategies tie, and the least of the
    leader's payoffs over several tied best responses changes formula only where two of them
    cross, so between all those breakpoints the weak payoff is linear and reaches ``value``
    inside an interval only if it is constant (check the midpoint); else only at a
    breakpoint or an end. (A follower indifferent over an interval found the second kind.)"""
    n = len(b[0])
    points = {Fraction(0), Fraction(1)}
    for matrix in (a, b):
        for j, k in itertools.combinations(range(n), 2):
            slope = (matrix[0][j] - matrix[1][j]) - (matrix[0][k] - matrix[1][k])
            if slope:
                x = Fraction(matrix[1][k] - matrix[1][j]) / slope
                if 0 <= x <= 1:
                    points.add(x)
    ordered = sorted(points)
    points.update((p + q) / 2 for p, q in zip(ordered, ordered[1:]))

    def weak_payoff(x):
        follower = [x * b[0][k] + (1 - x) * b[1][k] for k in range(n)]
        return min(x * a[0][k] + (1 - x) * a[1][k] for k in range(n)
                   if follower[k] == max(follower))

    return any(weak_payoff(x) == value for x in points)


# OpenSpiel ----------------------------------------------------------------------------------


def test_random_games_against_openspiel():
    """OpenSpiel's solve_stackelberg (cvxpy, floating point) on random 2..6-strategy games
    with distinct payoffs in -1000..999: the values agree to a relative 1e-6 (cvxpy's own
    accuracy)."""
    pytest.importorskip("cvxpy", reason="OpenSpiel's Stackelberg solver needs cvxpy")
    pyspiel = pytest.importorskip("pyspiel", reason="open_spiel is not installed")
    stackelberg_lp = pytest.importorskip("open_spiel.python.algorithms.stackelberg_lp")
    import random

    chooser = random.Random(10)
    for _ in range(30):
        m, n = chooser.randint(2, 6), chooser.randint(2, 6)
        entries = chooser.sample(range(-1000, 1000), 2 * m * n)
        a = [entries[i * n:(i + 1) * n] for i in range(m)]
        b = [entries[m * n + i * n:m * n + (i + 1) * n] for i in range(m)]
        ours = stackelberg(NormalFormGame.from_matrices(a, b), "Row", compare_nash=False)
        theirs = stackelberg_lp.solve_stackelberg(pyspiel.create_matrix_game(a, b))
        assert float(ours.strong.leader_payoff) == pytest.approx(theirs[2], rel=1e-6, abs=1e-6)


def test_more_than_two_players_is_refused():
    game = NormalFormGame.from_dict({("x", "y", "z"): (0, 0, 0)}, players=("A", "B", "C"),
                                    strategies=(("x",), ("y",), ("z",)))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        stackelberg(game, "A")
