"""The sweep's vectorised classifier (:mod:`commit_calc.analysis.region_grid`): the same
region at every grid point as the classifier it replaced (kept here as the reference: every
key lambdified on the full grid, one boolean array per region), on random exact grids of the
catalog games, knife edges included; keys of one parameter cost one value per grid line; a
game's symbolic analysis is remembered for the next sweep."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from commit_calc.analysis import region_grid
from commit_calc.analysis.axis import Axis
from commit_calc.analysis.domain import valid_points
from commit_calc.analysis.exact_grid import exact_function
from commit_calc.analysis.region_grid import key_signs, region_codes, regions_of
from commit_calc.analysis.sweep import sweep
from commit_calc.errors import UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.model import Chance, ExtensiveFormGame, Parameter, Terminal

GAMES = ("enforcer-reliability", "disarm-trust", "reconciliation-2x2", "strategic-enforcer")


def _reference_codes(analysis, axes, valid):
    """The classifier before the table (commit 543b386), as it was."""
    symbols = [analysis.symbols[a.name] for a in axes]
    shape = tuple(a.count for a in axes)
    grids = [axis.floats().reshape([-1 if d == k else 1 for d in range(len(axes))])
             for k, axis in enumerate(axes)]
    signs = {key: _reference_signs(key, symbols, axes, grids, shape) for key in analysis.keys}
    codes = np.full(shape, -1, dtype=np.int32)
    for number, region in enumerate(analysis.regions):
        inside = np.zeros(shape, dtype=bool)
        for term in region.terms:
            part = np.ones(shape, dtype=bool)
            for key, allowed in term.items():
                sign = signs[key]
                if len(allowed) == 1:
                    part &= sign == next(iter(allowed))
                else:
                    part &= sign != next(iter({1, 0, -1} - allowed))
            inside |= part
        codes[inside] = number
    if ((codes if valid is None else codes[valid]) < 0).any():
        raise UnsupportedGameError("sweep: a grid point lies in no region (a bug)")
    return codes


def _reference_signs(key, symbols, axes, grids, shape):
    values = np.broadcast_to(sympy.lambdify(symbols, key, "numpy")(*grids), shape)
    largest = [max(abs(float(a.start)), abs(float(a.stop))) for a in axes]
    magnitude = sum(abs(float(c)) * float(np.prod([x ** e for x, e in zip(largest, m)]))
                    for m, c in sympy.Poly(key, *symbols).terms())
    tolerance = region_grid.TOLERANCE * magnitude
    sign = np.sign(values).astype(np.int8)
    close = np.abs(values) <= tolerance
    if close.any():
        exact = exact_function(key, symbols)
        for index in zip(*np.nonzero(close)):
            value = exact(*(a.fraction(int(k)) for a, k in zip(axes, index)))
            sign[index] = (value > 0) - (value < 0)
    return sign


@st.composite
def _grids(draw):
    """A catalog game, 1 to 3 of its parameters varied over exact rational grids (small
    denominators, so grid points land on thresholds such as 100, 400 and 20/33), and up to
    two others fixed at random whole numbers."""
    game = load_game(draw(st.sampled_from(GAMES)))
    parameters = list(game.parameters)
    varied = draw(st.lists(st.sampled_from(parameters), min_size=1, max_size=3,
                           unique_by=lambda p: p.name))
    axes = []
    for parameter in varied:
        # every value a multiple of 1/denominator: grid points land on thresholds often
        denominator = draw(st.sampled_from([1, 2, 3, 11, 33]))
        low = 0 if parameter.lower is None else int(parameter.lower * denominator)
        high = int(parameter.upper * denominator) if parameter.upper is not None \
            else 1200 * denominator
        start = draw(st.integers(low, high))
        step = draw(st.integers(1, max(1, (high - low) // 4)))
        count = min(draw(st.integers(1, 40 if len(varied) == 1 else 12)),
                    (high - start) // step + 1)
        axes.append(Axis.parse(parameter.name, str(Fraction(start, denominator)),
                               str(Fraction(start + step * (count - 1), denominator)), count))
    others = [p for p in parameters if p not in varied and p.upper is None]
    chosen = draw(st.lists(st.sampled_from(others), max_size=2, unique_by=lambda p: p.name))
    fixed = {p.name: draw(st.integers(0, 1000)) for p in chosen}
    return game, axes, fixed


def _analysis(game, axes, fixed):
    names = [a.name for a in axes]
    constants = dict(game.parameters.without(names).values(fixed))
    valid = valid_points(game.substitute(constants),
                         [game.parameters[n].symbol for n in names],
                         [(a.start, a.step, a.count) for a in axes])
    return regions_of(game, constants, "auto"), valid


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_grids())
@example((load_game("enforcer-reliability"),  # ties: reliability = 2/3 at salary = 100, ...
          [Axis.parse("salary", 0, 500, 11), Axis.parse("reliability", 0, 1, 34)], {}))
def test_table_classifier_equals_the_reference_on_random_grids(grid):
    game, axes, fixed = grid
    analysis, valid = _analysis(game, axes, fixed)
    assert np.array_equal(region_codes(analysis, axes, valid),
                          _reference_codes(analysis, axes, valid))


@pytest.mark.parametrize("count", [4, 7])
def test_both_paths_equal_the_reference_on_knife_edges(count):
    # 5 keys, 3**5 sign patterns: 4**3 points are classified on the grid itself, 7**3
    # through the table; both grids have points exactly on thresholds (a key's sign is 0)
    game = load_game("enforcer-reliability")
    axes = [Axis.parse("exile_payoff", -1000, 650, count),
            Axis.parse("patrol_cost", 0, 650, count), Axis.parse("sanction", 0, 650, count)]
    analysis, valid = _analysis(game, axes, {})
    assert len(analysis.keys) == 5 and (count ** 3 < 3 ** 5) == (count == 4)
    codes = region_codes(analysis, axes, valid)
    assert np.array_equal(codes, _reference_codes(analysis, axes, valid))
    assert len(np.unique(codes)) > 2
    symbols = [analysis.symbols[a.name] for a in axes]
    assert any((key_signs(key, symbols, axes) == 0).any() for key in analysis.keys)


def test_a_key_of_one_parameter_costs_one_value_per_grid_line():
    game = load_game("enforcer-reliability")
    axes = [Axis.parse("salary", 0, 1000, 1001), Axis.parse("reliability", 0, 1, 34)]
    analysis, _ = _analysis(game, axes, {})
    symbols = [analysis.symbols[a.name] for a in axes]
    salary, reliability = symbols
    assert key_signs(salary - 400, symbols, axes).shape == (1001, 1)
    signs = key_signs(33 * reliability - 20, symbols, axes)
    assert signs.shape == (1, 34)
    assert signs[0, 19:22].tolist() == [-1, 0, 1]  # 20/33 exactly: a tie
    assert key_signs(salary - salary + 5, symbols, axes).tolist() == [[1]]


def test_a_game_is_analysed_once_for_many_sweeps(monkeypatch):
    calls = []
    original = region_grid.parameter_regions

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(region_grid, "parameter_regions", counted)
    region_grid._regions.cache_clear()
    game = load_game("disarm-trust")
    first = sweep(game, [Axis.parse("salary", 0, 400, 5)])
    second = sweep(game, [Axis.parse("salary", 0, 1000, 7)])
    other = sweep(game, [Axis.parse("salary", 0, 400, 5)], {"amnesty": 10})
    assert len(calls) == 2  # the third sweep fixes another value: analysed anew
    assert first.analysis is second.analysis is not other.analysis


def test_points_outside_the_domain_on_a_grid_of_two_parameters():
    # p is a probability on one axis only; q (not a polynomial) on both: the answer is the
    # full grid, exact (p = 1 is valid, p = 9/8 is not), and writable (sweeps mark it)
    p, q = sympy.symbols("p q")
    game = ExtensiveFormGame.build(
        players=("A",), parameters=[Parameter("p", sympy.Rational(1, 2)),
                                    Parameter("q", 1, lower=0)],
        root=Chance({"Win": (p, Terminal((1,))),
                     "Lose": (1 - p, Chance({"x": (1 / (1 + q), Terminal((0,))),
                                             "y": (q / (1 + q), Terminal((2,)))}))}))
    axes = [(sympy.Integer(-1), sympy.Rational(1, 8), 18), (sympy.Integer(0), sympy.Integer(1), 3)]
    p, q = game.parameters["p"].symbol, game.parameters["q"].symbol
    valid = valid_points(game, [p, q], axes)
    assert valid is not None and valid.shape == (18, 3) and valid.flags.writeable
    expected = [[0 <= -1 + Fraction(k, 8) <= 1] * 3 for k in range(18)]
    assert valid.tolist() == expected
    simple = ExtensiveFormGame.build(
        players=("A",), parameters=[Parameter("p", sympy.Rational(1, 2))],
        root=Chance({"Win": (p, Terminal((1,))), "Lose": (1 - p, Terminal((0,)))}))
    only_p = valid_points(simple, [p, q], axes)
    assert only_p is not None and only_p.tolist() == expected and only_p.flags.writeable
    assert valid_points(simple, [p, q], [(sympy.Integer(0), sympy.Rational(1, 8), 9),
                                         axes[1]]) is None
