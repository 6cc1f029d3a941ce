"""The closed-form extreme equilibria of bimatrix games where a player has at most two
strategies (:mod:`commit_calc.solvers._two_strategy_pairs`) against exact vertex enumeration
(:func:`~commit_calc.solvers._vertex_enumeration.completely_labelled_pairs`): the same
vertices with the same labels, so the same equilibria, components and order, also in
degenerate games (payoffs from a few values: ties everywhere)."""

from fractions import Fraction

import gmpy2
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.solvers._two_strategy_pairs import two_strategy_pairs
from commit_calc.solvers._vertex_enumeration import completely_labelled_pairs


def _canonical(pairs):
    return sorted((tuple(map(Fraction, x)), tuple(map(Fraction, y)), xl, yl)
                  for x, y, xl, yl in pairs)


@st.composite
def small_games(draw):
    """Payoff matrices with two rows (or two columns, or one), entries from a small range."""
    short, long = draw(st.integers(1, 2)), draw(st.integers(1, 6))
    m, n = (short, long) if draw(st.booleans()) else (long, short)
    high = draw(st.sampled_from([1, 2, 3, 20]))
    entries = st.integers(-high, high)
    return [[[draw(entries) for _ in range(n)] for _ in range(m)] for _ in range(2)]


@settings(max_examples=600, deadline=None)
@given(small_games())
def test_same_vertices_and_labels_as_vertex_enumeration(matrices):
    assert _canonical(two_strategy_pairs(*matrices)) == _canonical(
        completely_labelled_pairs(*matrices))


@settings(max_examples=200, deadline=None)
@given(small_games(), st.integers(1, 7))
def test_rational_payoffs_in_any_exact_type(matrices, denominator):
    """Payoffs divided by a common denominator (equilibria unchanged) as ``mpq`` and as
    ``Fraction`` give the same exact answer."""
    expected = _canonical(completely_labelled_pairs(*matrices))
    for kind in (gmpy2.mpq, Fraction):
        scaled = [[[kind(v, denominator) for v in row] for row in matrix]
                  for matrix in matrices]
        assert _canonical(two_strategy_pairs(*scaled)) == expected


def test_matching_pennies():
    """Osborne (2004), section 4.1: the only equilibrium is (1/2, 1/2) for both."""
    [(x, y, _, _)] = two_strategy_pairs([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert x == y == (Fraction(1, 2), Fraction(1, 2))
