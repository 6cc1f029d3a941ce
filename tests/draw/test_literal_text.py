"""Names with ``$`` are drawn as written by matplotlib (issue 16's review: a player named
``$B^$`` raised matplotlib's mathtext ValueError, and ``$x$`` came out in italics)."""

from __future__ import annotations

import importlib.util

import pytest

from commit_calc.analysis import Axis, sweep
from commit_calc.analysis.plot import plot_payoffs
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Parameter, Terminal

pytestmark = pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None,
                                reason="matplotlib is not installed")


def hostile() -> ExtensiveFormGame:
    return ExtensiveFormGame.build(
        players=("$B^$", "$x$ and $y$"),
        parameters=[Parameter("x_1", "1/2", lower=0, upper=1)],
        root=Decision("$B^$", {
            "L & R $": Chance({"Win$": ("x_1", Terminal((5, 1))),
                               "Lose{": ("1 - x_1", Terminal((-2, 1)))}),
            "$\\alpha$": Terminal((1, 0))}))


def test_a_tree_with_dollars_is_drawn_literally():
    from commit_calc.draw.matplotlib_tree import tree_figure, tree_to_image

    game = hostile().at({})
    assert tree_to_image(game, None, "png").startswith(b"\x89PNG")
    figure = tree_figure(game, None)
    texts = [t for a in figure.axes for t in a.texts]
    assert any(t.get_text() == "$B^$" for t in texts)
    assert not any(t.get_parse_math() for t in texts)


def test_a_payoff_plot_with_dollars_is_drawn(tmp_path):
    result = sweep(hostile(), [Axis.parse("x_1", 0, 1, 5)])
    path = plot_payoffs(result, tmp_path / "pay.png")
    assert path.read_bytes().startswith(b"\x89PNG")
