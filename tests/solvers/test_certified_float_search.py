"""The floating-point vertex search and the partner search against the exact search.

Their answers are the exact search's by construction (every floating-point decision is proved
by an error bound, the others are taken exactly); these tests hold them to it on small games,
where ties (degenerate vertices, dependent constraints) are the rule rather than the exception.
"""

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.model import NormalFormGame
from commit_calc.solvers import _certified_float_search as float_search
from commit_calc.solvers._vertex_enumeration import (
    completely_labelled_pairs,
    vertex_bases,
    vertex_point,
)
from commit_calc.solvers.mixed_nash import extreme_equilibria


def point(matrix, basis):
    numerators, denominator = vertex_point(matrix, basis)
    return tuple(Fraction(value, denominator) for value in numerators)


@st.composite
def matrices(draw, max_size=6):
    rows, columns = draw(st.integers(1, max_size)), draw(st.integers(1, max_size))
    high = draw(st.sampled_from([1, 2, 3, 9, 99]))
    entry = st.integers(1, high)
    return draw(st.lists(st.lists(entry, min_size=columns, max_size=columns),
                         min_size=rows, max_size=rows))


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_float_search_finds_the_exact_vertices(matrix):
    """Same vertices (label sets), same points, whatever basis each search keeps."""
    bits = [1 << v for v in range(len(matrix) + len(matrix[0]))]
    search = float_search._Search(matrix, bits)
    start = float_search.np.arange(len(matrix[0]), len(bits), dtype=float_search.np.int64)
    search.seen.add(int((float_search.np.int64(1) << start).sum()))
    frontier = start[None, :]
    while len(frontier):  # the whole search, never giving up on degenerate polytopes
        frontier = search.expand(frontier)
    exact = vertex_bases(matrix, bits)
    assert search.vertices.keys() == exact.keys()
    for labels, basis in exact.items():
        assert point(matrix, search.vertices[labels]) == point(matrix, basis)


def pair_set(pairs):
    return {(x, y, x_mask, y_mask) for x, y, x_mask, y_mask in pairs}


@settings(max_examples=80, deadline=None)
@given(matrices(max_size=5), st.data())
def test_float_pairs_are_the_exact_pairs(a, data):
    """Degenerate games included: payoffs from tiny ranges tie all the time."""
    m, n = len(a), len(a[0])
    b = data.draw(st.lists(st.lists(st.integers(0, 3), min_size=n, max_size=n),
                           min_size=m, max_size=m))
    assert pair_set(completely_labelled_pairs(a, b, search="float")) == pair_set(
        completely_labelled_pairs(a, b, search="exact"))


def test_dependent_missing_labels():
    """Two equal rows of A: at a vertex of P the missing labels can be dependent constraints
    of Q (the partner search's second pass)."""
    a = [[2, 2, 1], [2, 2, 1], [1, 3, 2]]
    b = [[1, 0, 2], [0, 2, 1], [2, 1, 0]]
    assert pair_set(completely_labelled_pairs(a, b, search="float")) == pair_set(
        completely_labelled_pairs(a, b, search="exact"))


def test_larger_random_games_agree_and_verify():
    """6x6 to 9x9 games (the float search is the default from 12 strategies in all)."""
    rng = random.Random(15)
    for _ in range(6):
        size = rng.randint(6, 9)
        high = rng.choice([3, 9, 99])
        a = [[rng.randint(0, high) for _ in range(size)] for _ in range(size)]
        b = [[rng.randint(0, high) for _ in range(size)] for _ in range(size)]
        assert pair_set(completely_labelled_pairs(a, b, search="float")) == pair_set(
            completely_labelled_pairs(a, b, search="exact"))
        result = extreme_equilibria(NormalFormGame.from_matrices(a, b))  # certified
        assert result.equilibria


def test_out_of_range_polytopes_are_left_to_the_exact_search():
    assert float_search.vertex_bases([[2**41, 1]], [1, 2, 4]) is None
    huge = [[2**50, 1], [1, 2**50]]
    assert pair_set(completely_labelled_pairs(huge, huge, search="float")) == pair_set(
        completely_labelled_pairs(huge, huge, search="exact"))
