"""Sweeps: the vectorised region path agrees with exact per-point solving on every grid
point, knife-edge points included (exact rational grids hit the thresholds 20/33, 100, 400)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.errors import ParameterError
from commit_calc.io import load_game
from commit_calc.model import Decision, ExtensiveFormGame, Parameter, Terminal


def _rows(result):
    return [
        ({k: v for k, v in row.items() if k != "equilibria"},
         sorted((e.outcome, e.payoffs) for e in row["equilibria"]))
        for row in result.rows()
    ]


@pytest.mark.parametrize("name, axes, values", [
    ("enforcer-reliability", [("salary", 0, 500, 11), ("reliability", 0, 1, 34)], {}),
    ("enforcer-reliability", [("reliability", 0, 1, 34)], {"salary": 100}),
    ("disarm-trust", [("salary", 0, 400, 9), ("renege_gain", 0, 400, 5)], {}),
    ("reconciliation-2x2", [("salary", 0, 1000, 9), ("patrol_cost", 0, 800, 9)], {}),
    ("strategic-enforcer", [("salary", 0, 800, 9)], {}),
])
def test_region_path_matches_per_point_solving(name, axes, values):
    game = load_game(name)
    grid = [Axis.parse(*axis) for axis in axes]
    fast = sweep(game, grid, values, method="regions")
    slow = sweep(game, grid, values, method="points")
    assert fast.method == "regions" and slow.method == "points"
    assert _rows(fast) == _rows(slow)
    assert _lines(fast) == _lines(slow)


def _lines(result):
    return sorted(line for chunk in result.csv_lines() for line in chunk.split("\n"))


def test_knife_edge_point_is_a_tie():
    game = load_game("enforcer-reliability")
    result = sweep(game, [Axis.parse("reliability", 0, 1, 34)])
    row = list(result.rows())[20]
    assert row["reliability"] == sympy.Rational(20, 33)
    assert len(row["equilibria"]) == 2


def test_one_million_points_shape_and_classes():
    game = load_game("enforcer-reliability")
    result = sweep(game, [Axis.parse("salary", 0, 1000, 1000),
                          Axis.parse("reliability", 0, 1, 1000)])
    assert result.codes.shape == (1000, 1000)
    disarm = np.array([["Disarm" in " ".join(result.outcomes(c)) for c in row]
                       for row in result.codes[:, ::111]])
    salary = np.array(result.axes[0].floats())[:, None]
    reliability = np.array(result.axes[1].floats())[None, ::111]
    # the closed form: honour when reliable iff salary <= 400; disarm iff r*(salary+1400) >= 1000
    expected = (salary <= 400) & (reliability * (salary + 1400) >= 1000)
    assert (disarm == expected).all()


def test_imperfect_information_has_regions_with_the_labels_of_points():
    """Matching pennies as a tree (the second mover does not see the first move), with a
    stake ``c``: no pure equilibrium, each player mixes 1/2 (von Neumann and Morgenstern);
    the regions and the per-point path name it alike."""
    move = {"H": ("c", "-c"), "T": ("-c", "c")}
    game = ExtensiveFormGame.build(
        players=("Even", "Odd"), parameters=[Parameter("c", 1, lower=1)],
        root=Decision("Even", {
            first: Decision("Odd", {
                second: Terminal(move["H"] if first == second else move["T"])
                for second in ("H", "T")}, infoset="odd")
            for first in ("H", "T")}))
    expected = [["mix(H > mix(H | T) | T > mix(H | T))"]] * 3
    for method in ("regions", "points"):
        result = sweep(game, [Axis.parse("c", 1, 3, 3)], method=method)
        assert result.method == method
        assert [[e.outcome for e in row["equilibria"]] for row in result.rows()] == expected


@pytest.mark.parametrize("axes, values, message", [
    ([("salary", 0, 1, 0)], {}, "COUNT must be at least 1"),
    ([("wage", 0, 1, 3)], {}, "unknown parameter 'wage'"),
    ([("reliability", 0, 2, 3)], {}, "above its upper bound 1"),
    ([("salary", 0, 1, 3)], {"salary": 2}, "both varied and set"),
    ([("salary", 0, 1, 3), ("salary", 0, 1, 3)], {}, "varied twice"),
])
def test_bad_sweeps_name_the_culprit(axes, values, message):
    game = load_game("enforcer-reliability")
    with pytest.raises(ParameterError, match=message):
        sweep(game, [Axis.parse(*a) for a in axes], values)


def test_count_one_is_the_start():
    assert Axis.parse("salary", 5, 9, 1).values == (5,)
