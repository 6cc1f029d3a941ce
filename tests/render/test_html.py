"""HTML for Jupyter: well-formed tables, inline SVG trees (or a text tree), escaped labels."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest

from commit_calc.io import load_game
from commit_calc.model import Decision, ExtensiveFormGame, NormalFormGame, Terminal
from commit_calc.render import html as html_module
from commit_calc.render.html import game_html, inline_svg, result_html
from commit_calc.solvers.solve import solve

VOID = {"br", "img", "hr", "meta", "input", "link"}


class Balanced(HTMLParser):
    """Checks that every element is closed in order; collects text and table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.cells: list[str] = []
        self.text: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
        self._in_cell = tag in ("td", "th")
        if self._in_cell:
            self.cells.append("")

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()
        self._in_cell = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_cell:
            self.cells[-1] += data


def parse(markup: str) -> Balanced:
    parser = Balanced()
    parser.feed(markup)
    parser.close()
    assert parser.stack == [], parser.stack
    return parser


def test_payoff_table_is_well_formed_html():
    """Battle of the Sexes (Osborne 2004): payoffs (2, 1), (0, 0), (0, 0), (1, 2)."""
    parsed = parse(game_html(load_game("battle-of-the-sexes")))
    assert parsed.cells[:3] == ["Row \\ Column", "Bach", "Stravinsky"]
    assert parsed.cells[3:6] == ["Bach", "2, 1", "0, 0"]


def test_three_player_table_lists_profiles():
    game = NormalFormGame.from_dict(
        {("x", "y", "z"): (1, 2, 3), ("x", "y", "w"): (0, 0, 0)},
        players=("A", "B", "C"), strategies=(("x",), ("y",), ("z", "w")))
    parsed = parse(game_html(game))
    assert parsed.cells[:4] == ["A", "B", "C", "payoffs"]
    assert parsed.cells[4:8] == ["x", "y", "z", "1, 2, 3"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_tree_is_inline_svg_that_parses_as_xml():
    markup = game_html(load_game("kreps-trust"))
    parse(markup)
    start = markup.index("<svg")
    end = markup.rindex("</svg>") + len("</svg>")
    root = ElementTree.fromstring(markup[start:end])
    assert root.tag.endswith("svg")
    assert "No trust" in "".join(root.itertext())


def test_tree_without_graphviz_is_a_text_tree(monkeypatch):
    from commit_calc.draw.render import DrawingUnavailable

    def unavailable(text, image_format):
        raise DrawingUnavailable("no dot")

    monkeypatch.setattr("commit_calc.draw.render_dot", unavailable)
    markup = html_module.tree_html(load_game("kreps-trust"))
    assert markup.startswith("<pre>") and "Trust -&gt; trustee: Trustee moves" in markup


def test_result_table_lists_every_equilibrium():
    """Enforcer at the knife-edge reliability 20/33: two SPE (Disarm, or Stay armed)."""
    result = solve(load_game("enforcer-reliability"), {"reliability": "20/33"})
    parsed = parse(result_html(result))
    text = "".join(parsed.text)
    assert "2 subgame-perfect equilibria" in text
    assert "reliability = 20/33" in text
    rows = [c for c in parsed.cells if c in ("1", "2")]
    assert rows == ["1", "2"]
    assert "Stay armed" in parsed.cells
    assert "ties: a mover is indifferent" in text


def test_labels_are_escaped():
    game = ExtensiveFormGame.build(players=("<b>A</b>", "B & C"), title="<script>x</script>",
                                   root=Decision("<b>A</b>", {"<i>": Terminal((1, 0)),
                                                              "Out": Terminal((0, 1))}))
    for markup in (game_html(game), result_html(solve(game))):
        assert "<script>" not in markup and "<b>A</b>" not in markup and "<i>" not in markup
        parse(markup)


def test_repr_html_delegates():
    game = load_game("prisoners-dilemma")
    assert game._repr_html_() == game_html(game)
    result = solve(game)
    assert result._repr_html_() == result_html(result)
    tree = load_game("kreps-trust")
    assert tree._repr_html_().startswith('<div class="commit-calc-game">')


def test_inline_svg_drops_the_prologue():
    assert inline_svg('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg><!-- c --><g/></svg>') == \
        "<svg><g/></svg>"
