"""Exact regions of the mixed equilibria of two-player tables larger than 2x2
(:mod:`commit_calc.analysis.mixed_candidates`), against per-point exact solving.

At every point, the region holding it must list exactly the extreme equilibria that
:func:`commit_calc.solvers.solve.solve` reports there (same labels, probabilities and
payoffs; no duplicates, none missing): at random rational points, and exactly on every
boundary of the regions, where the games are degenerate.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.mixed_candidates import MAX_BASES
from commit_calc.analysis.regions import RegionAnalysis, parameter_regions
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.analysis.thresholds import thresholds
from commit_calc.errors import UnsupportedGameError
from commit_calc.model import NormalFormGame, Parameter
from commit_calc.solvers.solve import solve

Point = Mapping[str, sympy.Rational]


def solved(game: NormalFormGame, point: Point) -> list[tuple[object, ...]]:
    result = solve(game, point)
    return sorted((profile_label(result.game, e.profile), tuple(e.payoffs),
                   tuple(tuple(d) for d in e.profile.probabilities))
                  for e in result.equilibria)


def from_regions(analysis: RegionAnalysis, point: Point) -> list[tuple[object, ...]]:
    mapping = {analysis.symbols[k]: v for k, v in point.items()}
    return sorted(
        (e.outcome, tuple(sympy.cancel(v.xreplace(mapping)) for v in e.payoffs.values()),
         tuple(tuple(sympy.cancel(sympy.sympify(x).xreplace(mapping)) for x in d)
               for d in e.distributions))
        for e in analysis.region_at(point).equilibria)


def boundary_points(analysis: RegionAnalysis, name: str, others: Point,
                    low: int, high: int) -> list[dict[str, sympy.Rational]]:
    """The rational roots in [low, high] of every boundary of the regions, in ``name`` with
    the other parameters at ``others``, and the midpoints between them."""
    symbol = analysis.symbols[name]
    mapping = {analysis.symbols[k]: v for k, v in others.items()}
    roots: set[sympy.Rational] = set()
    for key in analysis.keys:
        restricted = sympy.expand(key.xreplace(mapping))
        if restricted.free_symbols == {symbol}:
            roots |= {r for r in sympy.Poly(restricted, symbol).ground_roots()
                      if r.is_Rational and low <= r <= high}
    ordered = sorted(roots)
    middles = [(a + b) / 2 for a, b in zip(ordered, ordered[1:])]
    return [{**others, name: value} for value in ordered + middles]


def check(game: NormalFormGame, points: Sequence[Point]) -> RegionAnalysis:
    analysis = parameter_regions(game)
    assert analysis.complete
    # with two parameters some regions may stay unresolved (perhaps empty), never wrong
    assert all("unresolved" in warning for warning in analysis.warnings)
    for point in points:
        assert from_regions(analysis, point) == solved(game, point), dict(point)
    return analysis


# Known answers -------------------------------------------------------------------------------


def rock_paper_scissors() -> NormalFormGame:
    """Rock, paper, scissors with a win worth ``a`` and a loss -1 (ties 0)."""
    beats = {("R", "S"), ("P", "R"), ("S", "P")}

    def payoff(mine: str, theirs: str) -> str:
        return "0" if mine == theirs else ("a" if (mine, theirs) in beats else "-1")

    moves = ("R", "P", "S")
    return NormalFormGame.from_matrices(
        [[payoff(r, c) for c in moves] for r in moves],
        [[payoff(c, r) for c in moves] for r in moves],
        strategies=(moves, moves), parameters=[Parameter("a", 1, lower=-3, upper=3)])


def test_rock_paper_scissors_with_a_parameter():
    """With a win worth a > 0 and a loss worth 1, the only equilibrium is uniform mixing
    (Sandholm 2010, "Population Games and Evolutionary Dynamics", the standard RPS game with
    w, l > 0). With a < 0 a win hurts and the game is one of coordination: hand-derived, every
    support of one, two or three strategies played by both with the mixture that makes the
    other indifferent is an equilibrium, e.g. (P, S) each with -1/(a - 1), a/(a - 1)."""
    game = rock_paper_scissors()
    analysis = check(game, [{"a": sympy.Rational(k, 4)} for k in range(-12, 13)])
    third = sympy.Rational(1, 3)
    uniform = {"R": third, "P": third, "S": third}
    for value in (sympy.Rational(1, 2), 1, 3):
        (only,) = analysis.region_at({"a": value}).equilibria
        assert only.strategies == {"Row": uniform, "Column": uniform}
    assert len(analysis.region_at({"a": -1}).equilibria) == 7
    a = analysis.symbols["a"]
    pair = next(e for e in analysis.region_at({"a": -2}).equilibria
                if e.outcome == "mix(P, S), mix(P, S)")
    assert sympy.simplify(pair.strategies["Row"]["P"] + 1 / (a - 1)) == 0
    assert [t.value for t in thresholds(analysis, "a")] == [0]


def test_von_stengel_three_by_two_example():
    """The 3x2 game of von Stengel (2007), "Equilibrium computation for two-player games in
    strategic and extensive form", Algorithmic Game Theory ch. 3, eq. (3.3): A = [[3, 3],
    [2, 5], [0, 6]], B = [[3, 2], [2, 6], [3, 1]] has exactly three equilibria, ((1, 0, 0),
    (1, 0)), ((4/5, 1/5, 0), (2/3, 1/3)) and ((0, 1/3, 2/3), (1/3, 2/3)). Here the row's
    payoff 3 at the top left is a parameter t."""
    game = NormalFormGame.from_matrices(
        [["t", 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]],
        parameters=[Parameter("t", 3, lower=-5, upper=10)])
    analysis = check(game, [{"t": sympy.Rational(k, 2)} for k in range(-10, 21)])
    found = {tuple(tuple(d) for d in e.distributions): e
             for e in analysis.region_at({"t": 3}).equilibria}
    q = sympy.Rational
    assert {tuple(tuple(x.xreplace({analysis.symbols["t"]: 3}) for x in d) for d in key)
            for key in found} == {
        ((1, 0, 0), (1, 0)), ((q(4, 5), q(1, 5), 0), (q(2, 3), q(1, 3))),
        ((0, q(1, 3), q(2, 3)), (q(1, 3), q(2, 3)))}
    for point in boundary_points(analysis, "t", {}, -5, 10):
        assert from_regions(analysis, point) == solved(game, point), point


def test_a_degenerate_table_lists_each_vertex_once():
    """Two identical rows and a column that ties with another: at every point each extreme
    equilibrium appears once, though several bases give it."""
    game = NormalFormGame.from_matrices(
        [[1, 0, "p"], [1, 0, "p"], [0, 1, 0]], [[1, 1, 0], [0, 0, "p"], [1, 1, 1]],
        parameters=[Parameter("p", 0, lower=-2, upper=2)])
    check(game, [{"p": sympy.Rational(k, 3)} for k in range(-6, 7)])


# Random parametric tables (hypothesis) -------------------------------------------------------

SMALL = st.integers(-2, 2)


@st.composite
def tables(draw: st.DrawFn, rows: int, columns: int, names: Sequence[str]) -> NormalFormGame:
    """Integer payoffs; each parameter is added (times -1, 0 or 1) to the row player's
    payoffs in one row and to the column player's in one column. Every comparison the
    analysis makes is then linear in each parameter, so the boundaries are rational."""
    a = [[sympy.Integer(draw(SMALL)) for _ in range(columns)] for _ in range(rows)]
    b = [[sympy.Integer(draw(SMALL)) for _ in range(columns)] for _ in range(rows)]
    parameters = []
    for name in names:
        parameter = Parameter(name, 0, lower=-3, upper=3)
        symbol = parameter.symbol
        parameters.append(parameter)
        row, column = draw(st.integers(0, rows - 1)), draw(st.integers(0, columns - 1))
        for j in range(columns):
            a[row][j] += draw(st.integers(-1, 1)) * symbol
        for i in range(rows):
            b[i][column] += draw(st.integers(-1, 1)) * symbol
    return NormalFormGame.from_matrices(a, b, parameters=parameters)


def random_points(draw: st.DrawFn, names: Sequence[str], count: int) -> list[Point]:
    values = st.fractions(-3, 3, max_denominator=6).map(sympy.Rational)
    return [{name: draw(values) for name in names} for _ in range(count)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_three_by_three_tables_in_one_parameter(data):
    game = data.draw(tables(3, 3, ["p"]))
    analysis = check(game, random_points(data.draw, ["p"], 6))
    for point in boundary_points(analysis, "p", {}, -3, 3):
        assert from_regions(analysis, point) == solved(game, point), point


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_three_by_three_tables_in_two_parameters(data):
    game = data.draw(tables(3, 3, ["p", "q"]))
    try:
        analysis = check(game, random_points(data.draw, ["p", "q"], 6))
    except UnsupportedGameError as error:  # refused within its bounds, never wrong
        assert "more than" in str(error)
        return
    q = data.draw(st.fractions(-3, 3, max_denominator=4).map(sympy.Rational))
    for point in boundary_points(analysis, "p", {"q": q}, -3, 3):
        assert from_regions(analysis, point) == solved(game, point), point


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_four_by_four_tables_in_one_parameter(data):
    game = data.draw(tables(4, 4, ["p"]))
    analysis = check(game, random_points(data.draw, ["p"], 4))
    for point in boundary_points(analysis, "p", {}, -3, 3):
        assert from_regions(analysis, point) == solved(game, point), point


def test_random_dense_tables_at_rational_points():
    """Every payoff linear in the parameter (comparisons of degree up to 3, boundaries
    irrational too): regions against solving at random points and at the rational roots."""
    rng = random.Random(14)
    p = Parameter("p", 0, lower=-3, upper=3)
    for _ in range(4):
        matrices = [[[rng.randint(-2, 2) + rng.choice((0, 0, 1, -1)) * p.symbol
                      for _ in range(3)] for _ in range(3)] for _ in range(2)]
        game = NormalFormGame.from_matrices(*matrices, parameters=[p])
        analysis = check(game, [{"p": sympy.Rational(rng.randint(-30, 30), 10)}
                                for _ in range(6)])
        for point in boundary_points(analysis, "p", {}, -3, 3):
            assert from_regions(analysis, point) == solved(game, point), point


# Limits ---------------------------------------------------------------------------------------


def test_tables_past_the_limit_list_pure_equilibria_with_a_warning():
    rows, columns = 4, 5
    assert len(list(itertools.combinations(range(rows + columns), rows))) > MAX_BASES
    game = NormalFormGame.from_matrices(
        [[f"{(i * j) % 3}*w" for j in range(columns)] for i in range(rows)],
        [[(i + j) % 4 for j in range(columns)] for i in range(rows)],
        parameters=[Parameter("w", 1)])
    analysis = parameter_regions(game)
    assert not analysis.complete
    assert any("larger than 4x4, 3x5 or 2x7" in w for w in analysis.warnings)


@pytest.mark.parametrize("shape", [(2, 3), (3, 2), (2, 5)])
def test_narrow_tables(shape):
    rows, columns = shape
    rng = random.Random(str(shape))
    p = Parameter("p", 0, lower=-2, upper=2)
    game = NormalFormGame.from_matrices(
        [[rng.randint(-2, 2) + rng.choice((0, 1, -1)) * p.symbol for _ in range(columns)]
         for _ in range(rows)],
        [[rng.randint(-2, 2) for _ in range(columns)] for _ in range(rows)], parameters=[p])
    analysis = check(game, [{"p": sympy.Rational(k, 4)} for k in range(-8, 9)])
    for point in boundary_points(analysis, "p", {}, -2, 2):
        assert from_regions(analysis, point) == solved(game, point), point


# Sweeps ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [rock_paper_scissors, lambda: NormalFormGame.from_matrices(
    [["t", 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]],
    parameters=[Parameter("t", 3, lower=-5, upper=10)])], ids=["rps", "von-stengel"])
def test_sweep_by_regions_agrees_with_points_on_an_exact_grid(make):
    """The vectorised sweep classifies each grid point by its region; the grid hits the
    boundaries (a = 0; t where the row player's comparisons tie) exactly."""
    game = make()
    name = next(iter(game.parameters)).name
    low, high = game.parameters[name].lower, game.parameters[name].upper
    axis = Axis.parse(name, low, high, 4 * int(high - low) + 1)
    by_regions, by_points = sweep(game, [axis], method="regions"), sweep(
        game, [axis], method="points")
    assert by_regions.method == "regions"
    for k in range(axis.count):
        assert sorted(map(repr, by_regions.equilibria_at([k]))) == sorted(
            map(repr, by_points.equilibria_at([k]))), k


def test_too_many_candidates_is_refused_and_a_sweep_solves_point_by_point(monkeypatch):
    import commit_calc.analysis.mixed_candidates as mixed
    from commit_calc.analysis.region_grid import _regions

    monkeypatch.setattr(mixed, "MAX_PAIRS", 1)
    _regions.cache_clear()
    game = rock_paper_scissors()
    with pytest.raises(UnsupportedGameError, match="more than 1 candidate mixed equilibria"):
        parameter_regions(game)
    assert sweep(game, [Axis.parse("a", -3, 3, 7)]).method == "points"
    _regions.cache_clear()
