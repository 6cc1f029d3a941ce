"""Extreme Nash equilibria of two-player games: literature answers, theorems and properties."""

import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model import NormalFormGame, Parameter
from commit_calc.solvers._vertex_enumeration import polytope_vertices
from commit_calc.solvers.mixed_nash import extreme_equilibria
from commit_calc.solvers.verify import verify

R = sympy.Rational


def described(result):
    """Each equilibrium as (component, row mixture, column mixture), mixtures by label."""
    return [
        (e.component, *e.profile.labelled(result.game).values()) for e in result.equilibria
    ]


def test_prisoners_dilemma(prisoners_dilemma):
    """Osborne (2004), section 2.2: Fink is strictly dominant, so (Fink, Fink) is the only
    equilibrium, mixed ones included."""
    result = extreme_equilibria(prisoners_dilemma)
    assert described(result) == [(1, {"Fink": 1}, {"Fink": 1})]
    assert (result.concept, result.method, result.warnings) == ("nash", "vertex-enumeration", ())


def test_matching_pennies(matching_pennies):
    """Osborne (2004), section 4.1: the unique equilibrium mixes (1/2, 1/2) for both."""
    result = extreme_equilibria(matching_pennies)
    half = {"Head": R(1, 2), "Tail": R(1, 2)}
    assert described(result) == [(1, half, half)]
    assert result.equilibria[0].payoffs == (0, 0)


def test_battle_of_the_sexes(battle_of_the_sexes):
    """Osborne (2004), example 4.1: two pure equilibria and the mixed one where Person 1 plays
    Bach with probability 2/3 and Person 2 with 1/3, each expecting 2/3."""
    result = extreme_equilibria(battle_of_the_sexes)
    assert described(result) == [
        (1, {"Bach": 1}, {"Bach": 1}),
        (2, {"Bach": R(2, 3), "Stravinsky": R(1, 3)}, {"Bach": R(1, 3), "Stravinsky": R(2, 3)}),
        (3, {"Stravinsky": 1}, {"Stravinsky": 1}),
    ]
    assert result.equilibria[1].payoffs == (R(2, 3), R(2, 3))
    assert result.warnings == ()


def test_entry_deterrence_continuum(entry_deterrence):
    """Mas-Colell, Whinston and Green (1995), section 9.B: besides (In, Accommodate), every
    profile where the entrant stays Out and the incumbent Fights with probability >= 1/2 is an
    equilibrium. That segment's endpoints are the extreme equilibria of one component."""
    result = extreme_equilibria(entry_deterrence)
    assert described(result) == [
        (1, {"Out": 1}, {"Fight": 1}),
        (1, {"Out": 1}, {"Fight": R(1, 2), "Accommodate": R(1, 2)}),
        (2, {"In": 1}, {"Accommodate": 1}),
    ]
    assert len(result.warnings) == 2
    assert "degenerate" in result.warnings[0]
    assert "component 1 is a continuum" in result.warnings[1]


def test_rescaling_payoffs_keeps_the_equilibria(battle_of_the_sexes):
    """Equilibria are invariant to positive affine changes of one player's payoffs."""
    scaled = NormalFormGame.from_matrices(
        [["5/3", "-5"], ["-5", "-5/3"]], [[1, 0], [0, 2]],  # 10/3 * A - 5 for Person 1
        strategies=battle_of_the_sexes.strategies,
    )
    assert [e.profile for e in extreme_equilibria(scaled).equilibria] == [
        e.profile for e in extreme_equilibria(battle_of_the_sexes).equilibria
    ]


def test_refuses_other_games():
    three = NormalFormGame.from_arrays([[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]] * 3)
    with pytest.raises(UnsupportedGameError, match="two-player game.*3 players"):
        extreme_equilibria(three)
    symbolic = NormalFormGame.from_matrices(
        [["r", 0], [1, 1]], [[1, 0], [0, 1]], parameters=[Parameter("r", default="1/2")]
    )
    with pytest.raises(ParameterError, match=r"extreme_equilibria\(\).*\br\b.*game\.at"):
        extreme_equilibria(symbolic)


def test_one_strategy_each():
    """A 1x1 game: the only profile is the equilibrium."""
    result = extreme_equilibria(NormalFormGame.from_matrices([[5]], [[-5]]))
    assert described(result) == [(1, {"1": 1}, {"1": 1})]


# Properties ------------------------------------------------------------------------------------


@st.composite
def bimatrices(draw, max_size=4, payoffs=None):
    payoffs = st.integers(0, 3) if payoffs is None else payoffs
    m, n = draw(st.integers(1, max_size)), draw(st.integers(1, max_size))
    matrix = st.lists(st.lists(payoffs, min_size=n, max_size=n), min_size=m, max_size=m)
    return draw(matrix), draw(matrix)


@settings(max_examples=80, deadline=None)
@given(bimatrices(), st.randoms(use_true_random=False))
def test_relabelling_strategies_permutes_the_answer(matrices, rnd):
    """Reordering each player's strategies reorders the equilibria's probabilities and
    changes nothing else; every returned profile has zero regret."""
    a, b = matrices
    m, n = len(a), len(a[0])
    rows, columns = rnd.sample(range(m), m), rnd.sample(range(n), n)
    game = NormalFormGame.from_matrices(a, b)
    shuffled = NormalFormGame.from_matrices(
        [[a[i][j] for j in columns] for i in rows], [[b[i][j] for j in columns] for i in rows]
    )

    def answer(g, row_order, column_order):
        found = set()
        for e in extreme_equilibria(g).equilibria:
            assert verify(g, e.profile).is_equilibrium
            x, y = e.profile.probabilities
            back_x = [None] * m
            back_y = [None] * n
            for position, i in enumerate(row_order):
                back_x[i] = x[position]
            for position, j in enumerate(column_order):
                back_y[j] = y[position]
            found.add((tuple(back_x), tuple(back_y)))
        return found

    assert answer(shuffled, rows, columns) == answer(game, range(m), range(n))


@settings(max_examples=60, deadline=None)
@given(bimatrices())
def test_swapping_the_players_swaps_the_answer(matrices):
    a, b = matrices
    transpose = [list(column) for column in zip(*b, strict=True)], [
        list(column) for column in zip(*a, strict=True)]
    found = {e.profile.probabilities for e in
             extreme_equilibria(NormalFormGame.from_matrices(*matrices)).equilibria}
    swapped = {e.profile.probabilities[::-1] for e in
               extreme_equilibria(NormalFormGame.from_matrices(*transpose)).equilibria}
    assert found == swapped


@settings(max_examples=60, deadline=None)
@given(bimatrices(max_size=5, payoffs=st.integers(-10**6, 10**6)))
def test_nondegenerate_games_have_an_odd_number_of_equilibria(matrices):
    """Lemke and Howson (1964); Shapley (1974): a nondegenerate bimatrix game has an odd
    number of equilibria. Nondegeneracy is checked exactly: both best-response polytopes are
    simple (every vertex has exactly as many labels as the dimension)."""
    a, b = matrices
    m, n = len(a), len(a[0])
    low = min(min(row) for row in a + b)
    p = polytope_vertices([[b[i][j] - low + 1 for i in range(m)] for j in range(n)],
                          range(m), range(m, m + n))
    q = polytope_vertices([[v - low + 1 for v in row] for row in a], range(m, m + n), range(m))
    simple = all(mask.bit_count() == m for mask in p) and all(
        mask.bit_count() == n for mask in q)
    count = len(extreme_equilibria(NormalFormGame.from_matrices(a, b)).equilibria)
    if simple:
        assert count % 2 == 1
    assert count >= 1  # Nash (1951)


def test_all_equal_payoffs_make_every_vertex_an_equilibrium():
    """When a player is indifferent everywhere and so is the other, every profile is an
    equilibrium: the extreme ones are the m * n pure profiles, all in one component."""
    result = extreme_equilibria(NormalFormGame.from_matrices([[1] * 3] * 2, [[0] * 3] * 2))
    assert len(result.equilibria) == 6
    assert {e.component for e in result.equilibria} == {1}


def test_vertex_enumeration_agrees_with_cddlib():
    """The hand-written enumeration finds the same vertices as cddlib's exact (GMP) double
    description method (Fukuda), on random polytopes with many degenerate vertices."""
    cdd = pytest.importorskip("cdd.gmp")
    rng = random.Random(20240611)
    for _ in range(60):
        k, d = rng.randint(1, 6), rng.randint(1, 6)
        matrix = [[rng.randint(1, 3) for _ in range(d)] for _ in range(k)]
        ours = polytope_vertices(matrix, range(d), range(d, d + k))
        rows = [[0] + [int(i == j) for j in range(d)] for i in range(d)]
        rows += [[1] + [-v for v in row] for row in matrix]
        polyhedron = cdd.polyhedron_from_matrix(
            cdd.matrix_from_array(rows, rep_type=cdd.RepType.INEQUALITY))
        generators = cdd.copy_generators(polyhedron).array
        theirs = {}
        for incidence, point in zip(cdd.copy_incidence(polyhedron), generators, strict=True):
            assert point[0] == 1  # a vertex, not a ray
            theirs[sum(1 << label for label in incidence)] = tuple(point[1:])
        assert {mask: tuple(Fraction(v, q) for v in z) for mask, (z, q) in ours.items()} == theirs


def test_degenerate_three_by_two_game():
    """The 3x2 running example of von Stengel (2007), 'Equilibrium computation for two-player
    games in strategic and extensive form' (Algorithmic Game Theory, ch. 3), made degenerate by
    raising B[0][1] from 2 to 3, so that the top row has two pure best responses. By hand:
    against (1, 0, 0) every column mixture is a best response, and the top row stays a best
    response while the left column has probability >= 2/3; (0, 1/3, 2/3) against (1/3, 2/3)
    leaves both players indifferent on their supports. So the extreme equilibria are
    ((1,0,0), (1,0)), ((1,0,0), (2/3,1/3)) in one component and ((0,1/3,2/3), (1/3,2/3))."""
    game = NormalFormGame.from_matrices([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    result = extreme_equilibria(game)
    third = R(1, 3)
    assert [(e.component, e.profile.probabilities) for e in result.equilibria] == [
        (1, ((1, 0, 0), (1, 0))),
        (1, ((1, 0, 0), (2 * third, third))),
        (2, ((0, third, 2 * third), (third, 2 * third))),
    ]
