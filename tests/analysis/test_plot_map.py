"""Outcome maps paint the exact regions inside the swept box, say when they are sampled, and
never give two different equilibrium sets the same name.

Thresholds of ``enforcer-reliability`` at the defaults (derived by hand from the payoffs, see
test_plot.py): the rebels disarm iff ``salary <= 400`` and
``salary >= 200 * (5 - 7 * reliability) / reliability`` (Walter 1997).
"""

from __future__ import annotations

import importlib.util
from fractions import Fraction

import numpy as np
import pytest

from commit_calc.analysis import outcome_map, plot
from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.report import outcome_names
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.io import load_game
from commit_calc.solvers.solve import solve

needs_matplotlib = pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None,
                                      reason="matplotlib is not installed")


@pytest.fixture(scope="module")
def coarse():
    game = load_game("enforcer-reliability")
    return sweep(game, [Axis.parse("reliability", "1/2", "7/10", 5),
                        Axis.parse("salary", 0, 500, 6)])


def drawn_figure(result, monkeypatch, tmp_path):
    """The figure plot_outcome_map draws (caught before it is saved and closed)."""
    kept = []
    monkeypatch.setattr(outcome_map, "save_figure",
                        lambda pyplot, figure, path, image: kept.append(figure))
    plot.plot_outcome_map(result, tmp_path / "map.png")
    return kept[0]


@needs_matplotlib
def test_exact_map_paints_the_regions_themselves_inside_the_box(coarse, monkeypatch, tmp_path):
    figure = drawn_figure(coarse, monkeypatch, tmp_path)
    axes = figure.axes[0]
    assert axes.get_xlim() == (0.5, 0.7) and axes.get_ylim() == (0.0, 500.0)
    colours = {h.get_label(): h.get_facecolor()[:3] for h in axes.get_figure().legends[0]
               .legend_handles if h.get_label() in ("Stay armed", "Disarm > Reliable: Honor |"
                                                     " Unreliable: Renege")}
    figure.canvas.draw()
    pixels = np.asarray(figure.canvas.buffer_rgba())[..., :3] / 255
    height = pixels.shape[0]
    game = load_game("enforcer-reliability")
    checked = 0
    for r in np.linspace(0.505, 0.695, 12):
        for s in np.linspace(5, 495, 12):
            lower = 200 * (5 - 7 * r) / r
            if min(abs(s - 400), abs(s - lower)) < 8:
                continue  # within a pixel or two of a threshold
            px, py = axes.transData.transform((r, s))
            painted = pixels[int(round(height - py)), int(round(px))]
            point = {"reliability": Fraction(r).limit_denominator(1000),
                     "salary": Fraction(s).limit_denominator(1000)}
            found = solve(game, point)
            outcomes = {profile_label(found.game, e.profile) for e in found.equilibria}
            expected = "Stay armed" if outcomes == {"Stay armed"} else (
                "Disarm > Reliable: Honor | Unreliable: Renege")
            assert np.allclose(painted, colours[expected], atol=0.02), (r, s, expected)
            checked += 1
    assert checked > 100


@needs_matplotlib
def test_sampled_map_says_so_and_stays_in_the_box(monkeypatch, tmp_path):
    game = load_game("enforcer-reliability")
    result = sweep(game, [Axis.parse("reliability", "1/2", "7/10", 5),
                          Axis.parse("salary", 0, 500, 6)], method="points")
    figure = drawn_figure(result, monkeypatch, tmp_path)
    axes = figure.axes[0]
    assert axes.get_xlim() == (0.5, 0.7) and axes.get_ylim() == (0.0, 500.0)
    title = figure.legends[0].get_title().get_text()
    assert "sampled" in title and "5 x 6 grid points" in title


def test_different_equilibrium_sets_have_different_names(coarse):
    names = outcome_names(coarse)
    assert len(set(names)) == len(names) == len(coarse.classes)
    assert "Stay armed (regime_reliable: Honor)" in names
    assert "Stay armed (regime_reliable: Renege)" in names
    # the map colours outcomes: both 'Stay armed' classes share one colour and one entry
    assert outcome_names(coarse, distinguish=False).count("Stay armed") == 2


BET = """\
name = "bet"
players = ["A", "B"]
[parameters]
p = "1/2"
win = 3
[nodes.a]
player = "A"
actions = { Bet = "c", Pass = "pass" }
[nodes.c]
chance = { Win = ["p", "w"], Lose = ["1 - p", "l"] }
[nodes.w]
payoffs = ["win", 0]
[nodes.l]
payoffs = [-1, 0]
[nodes.pass]
payoffs = [0, 0]
"""


@needs_matplotlib
@pytest.mark.parametrize("p_range", [("-1", "2", 4), ("-1", "2", 2)])
def test_exact_map_leaves_points_outside_the_domain_blank(p_range, monkeypatch, tmp_path):
    """A chance probability outside [0, 1] (issue 16, item 1) is painted as invalid, also
    where the coarse sweep grid itself has no invalid point between its two ends."""
    path = tmp_path / "bet.toml"
    path.write_text(BET)
    result = sweep(load_game(str(path)), [Axis.parse("p", *p_range), Axis.parse("win", 1, 5, 3)])
    figure = drawn_figure(result, monkeypatch, tmp_path)
    labels = [h.get_label() for h in figure.legends[0].legend_handles]
    assert any(label.startswith("invalid:") for label in labels)
    axes = figure.axes[0]
    figure.canvas.draw()
    pixels = np.asarray(figure.canvas.buffer_rgba())[..., :3] / 255
    height = pixels.shape[0]
    for p, expected_white in ((-0.5, True), (0.5, False), (1.5, True)):
        px, py = axes.transData.transform((p, 2.0))
        painted = pixels[int(round(height - py)), int(round(px))]
        assert np.allclose(painted, 1.0, atol=0.02) == expected_white, (p, painted)
