"""Pictures of sweeps: files produced and well formed, exact thresholds on them, and a clear
error without matplotlib.

Thresholds are derived by hand from the catalog games' payoffs: in ``enforcer-reliability``
the rebels disarm iff ``reliability * (U_H - U_N) >= exile_payoff - U_N`` (Walter 1997, "The
critical barrier to civil war settlement"), and a reliable enforcer keeps the regime honest
iff ``salary <= patrol_cost - crowding_out + sanction - renege_gain``; in
``reconciliation-2x2`` reneging pays the regime against Disarm iff
``patrol_cost < salary + renege_gain`` (Fearon 1995, "Rationalist explanations for war").
"""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ElementTree
from fractions import Fraction

import numpy as np
import pytest

from commit_calc.analysis import outcome_map, plot
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.draw.render import DrawingUnavailable
from commit_calc.errors import CommitCalcError
from commit_calc.io import load_game

needs_matplotlib = pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None,
                                      reason="matplotlib is not installed")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def defaults(game):
    return {p.name: Fraction(int(p.default.p), int(p.default.q)) for p in game.parameters}


def svg_texts(path):
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg")
    return [t.strip() for t in root.itertext() if t.strip()]


@pytest.fixture(scope="module")
def enforcer():
    return load_game("enforcer-reliability")


@pytest.fixture(scope="module")
def enforcer_map(enforcer):
    return sweep(enforcer, [Axis.parse("salary", 0, 600, 61), Axis.parse("reliability", 0, 1, 51)])


@needs_matplotlib
def test_outcome_map_png(enforcer_map, tmp_path):
    path = plot.plot_outcome_map(enforcer_map, tmp_path / "map.png")
    assert path.read_bytes().startswith(PNG_MAGIC)


@needs_matplotlib
def test_outcome_map_svg_names_axes_units_outcomes_and_thresholds(enforcer, enforcer_map,
                                                                   tmp_path):
    d = defaults(enforcer)
    loss = d["conscription_cost"] + d["retribution_cost"] + d["exile_payoff"]
    rest = d["amnesty"] + d["territorial"] + d["conscription_cost"] + d["retribution_cost"]
    ceiling = d["patrol_cost"] - d["crowding_out"] + d["sanction"] - d["renege_gain"]
    texts = svg_texts(plot.plot_outcome_map(enforcer_map, tmp_path / "map.svg"))
    assert "salary (USD/month)" in texts and "reliability (probability)" in texts
    assert f"threshold: reliability = {loss}/(salary + {rest})" in texts
    assert f"threshold: salary = {ceiling}" in texts
    outcomes = [t for t in texts if "Stay armed" in t or "Disarm" in t]
    # one legend entry per outcome: the two 'Stay armed' regions (the regime's plan off the
    # path differs) share a colour; ties are drawn as threshold lines, not legend entries
    assert sorted(outcomes) == ["Disarm > Reliable: Honor | Unreliable: Renege", "Stay armed"]


@needs_matplotlib
def test_threshold_drawn_only_where_the_outcome_changes(enforcer, enforcer_map):
    d = defaults(enforcer)
    ceiling = d["patrol_cost"] - d["crowding_out"] + d["sanction"] - d["renege_gain"]
    loss = d["conscription_cost"] + d["retribution_cost"] + d["exile_payoff"]
    corner = loss / (ceiling + d["amnesty"] + d["territorial"] + d["conscription_cost"]
                     + d["retribution_cost"])
    codes = enforcer_map.codes
    names = [" / ".join(enforcer_map.outcomes(c)) for c in range(len(enforcer_map.classes))]
    grid = np.vectorize(lambda c: sorted(set(names)).index(names[c]))(codes)
    xs, ys = (a.floats() for a in enforcer_map.axes)
    curves = dict(outcome_map._threshold_curves(enforcer_map, (0.0, 600.0), (0.0, 1.0)))
    cx, cy = curves[f"salary = {ceiling}"]
    drawn = cy[outcome_map._separates(cx, cy, xs, ys, grid)]
    # the vertical line salary = 400 separates outcomes only above the reliability curve
    step = float(ys[1] - ys[0])
    assert abs(drawn.min() - float(corner)) <= 2 * step
    assert drawn.max() == pytest.approx(1.0)


def test_tie_cells_take_a_neighbour():
    codes = np.array([[0, 0, 0], [2, 2, 2], [1, 1, 1]])
    filled = outcome_map._fill_ties(codes, {2})
    assert not (filled == 2).any()
    assert set(filled[1]) <= {0, 1}


@needs_matplotlib
def test_payoff_plot_marks_the_exact_threshold(enforcer, tmp_path):
    d = defaults(enforcer)
    honour = d["salary"] + d["amnesty"] + d["territorial"]
    broken = -(d["conscription_cost"] + d["retribution_cost"])
    needed = (d["exile_payoff"] - broken) / (honour - broken)
    result = sweep(enforcer, [Axis.parse("reliability", 0, 1, 34)])
    assert [t.value for t in plot.sweep_thresholds(result)] == [needed]
    texts = svg_texts(plot.plot_payoffs(result, tmp_path / "payoffs.svg"))
    assert str(needed) in texts
    assert "Rebels' payoff (USD/month)" in texts and "Regime's payoff (USD/month)" in texts
    assert "reliability (probability)" in texts
    png = plot.plot_payoffs(result, tmp_path / "payoffs.png")
    assert png.read_bytes().startswith(PNG_MAGIC)
    pdf = plot.plot_payoffs(result, tmp_path / "payoffs.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_thresholds_outside_the_range_are_left_out(enforcer):
    result = sweep(enforcer, [Axis.parse("reliability", 0, "1/2", 5)])
    assert plot.sweep_thresholds(result) == []


@needs_matplotlib
def test_point_by_point_sweeps_shade_the_changes(tmp_path):
    game = load_game("reconciliation-2x2")
    d = defaults(game)
    result = sweep(game, [Axis.parse("patrol_cost", 0, 1000, 21)], method="points")
    assert plot.sweep_thresholds(result) == []
    flip = d["salary"] + d["renege_gain"]
    # the outcome set changes once just below the threshold and once just above it (the tie)
    assert plot._changes(result) == [(float(flip) - 50, float(flip)), (float(flip),
                                                                       float(flip) + 50)]
    texts = svg_texts(plot.plot_payoffs(result, tmp_path / "points.svg"))
    assert any("change between these grid values" in t for t in texts)
    both = sweep(game, [Axis.parse("patrol_cost", 0, 1000, 5), Axis.parse("salary", 0, 500, 3)],
                 method="points")
    texts = svg_texts(plot.plot_outcome_map(both, tmp_path / "points-map.svg"))
    assert any("solved point by point" in t for t in texts)
    assert not any(t.startswith("threshold:") for t in texts)


def test_wrong_number_of_parameters(enforcer_map, tmp_path):
    with pytest.raises(CommitCalcError, match="payoff plot needs one varied parameter, got 2"):
        plot.plot_payoffs(enforcer_map, tmp_path / "x.png")
    one = sweep(load_game("disarm-trust"), [Axis.parse("salary", 0, 1, 2)])
    with pytest.raises(CommitCalcError, match="outcome map needs two varied parameters, got 1"):
        plot.plot_outcome_map(one, tmp_path / "x.png")


def test_file_name_must_name_a_format(enforcer_map, tmp_path):
    with pytest.raises(CommitCalcError, match=r"map\.gif.*\.png, \.svg or \.pdf"):
        plot.plot_outcome_map(enforcer_map, tmp_path / "map.gif")
    assert not (tmp_path / "map.gif").exists()


def test_missing_matplotlib_gives_the_install_hint(enforcer_map, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(DrawingUnavailable, match=r'pip install "commit-calc\[plot\]"'):
        plot.plot_outcome_map(enforcer_map, tmp_path / "map.png")
    assert issubclass(DrawingUnavailable, CommitCalcError)
    assert not (tmp_path / "map.png").exists()
