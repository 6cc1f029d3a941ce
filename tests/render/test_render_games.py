"""Games as text (``commit-calc show``) and exact numbers for people."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
import sympy

from commit_calc.model import Decision, ExtensiveFormGame, NormalFormGame, Terminal
from commit_calc.render.games import catalog_text, game_text
from commit_calc.render.numbers import decimal_text, exact_text, human_text


@pytest.mark.parametrize("value, expected", [
    (sympy.Rational(7, 2), "7/2 (3.5)"),
    (sympy.Rational(-7, 2), "-7/2 (-3.5)"),
    (sympy.Integer(250), "250"),
    (Fraction(2, 3), "2/3 (0.666667)"),
    (Fraction(4, 2), "2"),
    (3, "3"),
    (sympy.Symbol("salary") * 12, "12*salary"),
])
def test_human_text(value, expected):
    assert human_text(value) == expected


def test_exact_and_decimal_text():
    assert exact_text(Fraction(-6, 4)) == "-3/2"
    assert decimal_text(sympy.Rational(1, 7), digits=3) == "0.143"
    assert decimal_text(sympy.Rational(10**40 + 1, 3)) == "3.33333e+39"


def test_three_player_table_lists_profiles():
    """Three players cannot be a matrix: one line per profile, first player slowest."""
    game = NormalFormGame.from_arrays(
        [[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3, players=("A", "B", "C"),
        strategies=(("x", "y"),) * 3)
    lines = game_text(game).splitlines()
    assert lines[:3] == ["Untitled game", "", "Players: A, B, C"]
    assert "Parameters" not in lines
    assert "  A  B  C  payoffs" in lines
    assert "  x  x  x  1, 1, 1" in lines
    assert "  y  y  y  1, 1, 1" in lines


def test_shared_information_sets_are_named():
    """Matching pennies as a tree: the second mover cannot see the first move."""
    guess = {"H": None, "T": None}
    game = ExtensiveFormGame.build(
        players=("Hider", "Seeker"),
        root=Decision("Hider", {
            hidden: Decision("Seeker", {
                look: Terminal((-1, 1) if look == hidden else (1, -1)) for look in guess
            }, infoset="seek", name=f"after_{hidden}")
            for hidden in guess
        }, name="hide"),
        description="Hide and seek.")
    text = game_text(game)
    assert "Hide and seek." in text
    assert "  H -> after_H: Seeker moves (information set seek)" in text


def test_catalog_text_aligns_columns():
    text = catalog_text([("a", "Short", "one"), ("longer-name", "T", "two")])
    assert text == "a            Short  one\nlonger-name  T      two\n"


def test_show_help_says_truly_how_payoffs_are_printed(tmp_path):
    """``show --help`` promises formulas in the parameters with definitions expanded and terms
    reordered, with an example; ``show`` of a file that writes its payoff that way keeps it."""
    from click.testing import CliRunner

    from commit_calc.cli.main import cli

    help_text = " ".join(CliRunner().invoke(cli, ["show", "--help"]).stdout.split())
    assert "definitions are expanded" in help_text
    written, shown = re.search(r'\("([^"]+)" shows as "([^"]+)"\)', help_text).groups()
    assert written != shown
    path = tmp_path / "order.toml"
    path.write_text(f'''players = ["A", "B"]
[parameters]
salary = {{ value = 1 }}
amnesty = {{ value = 2 }}
[definitions]
deal = "{written}"
[nodes.a]
player = "A"
actions = {{ Take = "taken", Leave = "left" }}
[nodes.taken]
payoffs = ["deal", 0]
[nodes.left]
payoffs = [0, 0]
''', encoding="utf-8")
    result = CliRunner().invoke(cli, ["show", str(path)])
    assert result.exit_code == 0, result.output
    leaf = next(line for line in result.stdout.splitlines() if "taken:" in line)
    assert leaf.strip().endswith(f"taken: {shown}, 0")
