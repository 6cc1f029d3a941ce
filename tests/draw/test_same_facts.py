"""The matplotlib picture (no Graphviz) shows what the Graphviz one shows, and nothing in it
overlaps: probabilities, payoff order, key, information sets, labels apart."""

import html
import re

import pytest

from commit_calc.draw import tree_to_dot
from commit_calc.draw.facts import tree_facts
from commit_calc.io import load_game
from commit_calc.io.catalog import list_games
from commit_calc.model import Decision, ExtensiveFormGame, Terminal
from commit_calc.solvers.solve import solve

pytest.importorskip("matplotlib")

from commit_calc.draw.matplotlib_tree import tree_figure  # noqa: E402


def catalog_trees():
    trees = []
    for name, _, _ in list_games():
        game = load_game(name)
        if isinstance(game, ExtensiveFormGame):
            trees.append(name)
    return trees


def leaf_between_infoset():
    """B's two nodes form one information set and a leaf lies between them on their level."""
    return ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
        "L": Decision("B", {"l": Terminal((1, 0)), "r": Terminal((0, 1))}, infoset="I"),
        "M": Terminal((2, 2)),
        "R": Decision("B", {"l": Terminal((0, 1)), "r": Terminal((1, 0))}, infoset="I"),
    }))


def drawn(name_or_game, number=1):
    if isinstance(name_or_game, str):
        result = solve(load_game(name_or_game), {})
    else:
        result = solve(name_or_game, {})
    profile = result.equilibria[number - 1].profile if result.equilibria else None
    return result.game, profile


def dot_texts(source):
    """Every line of text a DOT source shows: node and edge labels, the caption's lines
    (without the samples of line styles)."""
    texts = []
    for label in re.findall(r'label="((?:[^"\\]|\\.)*)"', source):
        label = label.replace('\\"', '"').replace("\\l", "\n").replace("\\n", "\n")
        texts += [line.strip() for line in label.replace("\\\\", "\\").split("\n") if line]
    caption = re.search(r"label=<(.*)>; labelloc", source).group(1)
    for line in caption.split("<BR/>"):
        line = html.unescape(re.sub(r"<[^>]*>", "", line))
        texts.append(line.lstrip("\u2014\u00b7- ").strip())
    return [t for t in texts if t]


def figure_texts(figure):
    axes = figure.axes[0]
    texts = [t.get_text() for t in axes.texts]
    legend = axes.get_legend()
    if legend is not None:
        texts += [t.get_text() for t in legend.get_texts()]
    return [line.strip() for text in texts for line in text.split("\n") if line.strip()]


CASES = ["bagwell-commitment", "selten-horse", "ultimatum", "enforcer-reliability",
         "strategic-enforcer", "centipede"]


@pytest.mark.parametrize("name", CASES)
def test_both_back_ends_draw_the_same_facts(name):
    game, profile = drawn(name)
    facts = tree_facts(game, profile)
    expected = sorted(line.strip() for text in facts.texts() for line in text.split("\n"))
    in_dot = sorted(dot_texts(tree_to_dot(game, profile)))
    in_figure = sorted(figure_texts(tree_figure(game, profile)))
    assert in_dot == expected
    assert in_figure == expected


def test_mixed_choices_key_and_information_sets_are_in_the_matplotlib_picture():
    """Bagwell (1995): with noise, the follower mixes after the unexpected signal."""
    game, profile = drawn("bagwell-commitment")
    texts = figure_texts(tree_figure(game, profile))
    assert any(re.search(r"\[\d+/\d+\]$", t) for t in texts)  # a mixed choice's probability
    assert "Payoffs: (Leader, Follower)" in texts
    assert {"path played", "not chosen", "information set saw S",
            "information set saw C"} <= set(texts)
    assert "[p] = probability of a mixed choice" in texts


def _boxes(figure):
    """Display extents of every text (with its background box) on the tree."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = []
    for text in figure.axes[0].texts:
        patch = text.get_bbox_patch()
        box = patch.get_window_extent(renderer) if patch else text.get_window_extent(renderer)
        boxes.append((text.get_text(), box))
    return boxes


@pytest.mark.parametrize("name", catalog_trees() + ["leaf-between"])
def test_no_labels_overlap_and_no_information_set_line_crosses_a_label(name):
    game, profile = drawn(leaf_between_infoset() if name == "leaf-between" else name)
    figure = tree_figure(game, profile)
    boxes = _boxes(figure)
    for k, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[k + 1:]:
            overlap = (min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0))
            assert min(overlap) < 1, (text_a, text_b)
    axes = figure.axes[0]
    dotted = [line for line in axes.lines if line.get_linestyle() == ":"]
    assert len(dotted) >= sum(len(i.members) - 1 for i in game.infosets)
    for line in dotted:
        points = axes.transData.transform(line.get_xydata())
        # The line leaves the boxes of the two nodes it joins; it must cross no other.
        others = [(text, box) for text, box in boxes
                  if not box.contains(*points[0]) and not box.contains(*points[-1])]
        for start, end in zip(points, points[1:]):
            for step in range(1, 40):
                x, y = start + (end - start) * step / 40
                for text, box in others:
                    assert not box.contains(x, y), (text, line.get_color())
