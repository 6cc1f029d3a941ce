"""``min``/``max`` in formulas: parsing, refusals, exact values, writing and reading back."""

from __future__ import annotations

import pytest
import sympy

from commit_calc.analysis.labels import profile_label
from commit_calc.errors import FormulaError, GameDefinitionError
from commit_calc.formula import MAX_PIECES, check_expression, format_formula, parse_formula
from commit_calc.formula_size import pieces
from commit_calc.io.gambit import format_efg, format_nfg, parse_efg, parse_nfg
from commit_calc.io.game_file import parse_game_text
from commit_calc.io.game_writer import game_to_json, game_to_toml
from commit_calc.model import Decision, ExtensiveFormGame, NormalFormGame, Parameter, Terminal
from commit_calc.solvers.solve import solve

NAMES = {n: sympy.Symbol(n) for n in ("a", "b", "c", "d", "e", "f", "g", "h", "salary")}
a, b, c, salary = (NAMES[n] for n in ("a", "b", "c", "salary"))


@pytest.mark.parametrize("text, expected", [
    ("max(salary - 100, 0)", sympy.Max(salary - 100, 0)),
    ("min(a, b, c)", sympy.Min(a, b, c)),
    ("max(min(a, b), c) * 2 + 1/2", 2 * sympy.Max(sympy.Min(a, b), c) + sympy.Rational(1, 2)),
    ("min(max(a, 0)**2, 3)", sympy.Min(sympy.Max(a, 0)**2, 3)),
])
def test_min_and_max_parse(text, expected):
    assert parse_formula(text, NAMES) == expected


@pytest.mark.parametrize("text, message", [
    ("max(a)", r"max\(\) takes two or more formulas, given 1"),
    ("min()", r"min\(\) takes two or more formulas, given 0"),
    ("max(a, b, key=c)", r"max\(\) takes formulas only, no named arguments"),
    ("abs(a)", "calls are limited to min and max"),
    ("max(a, 'b')", "'b' is not a number"),
    ("max(a, b**(1/2))", "fractional power"),
    ("max(a**40, b) * max(c**40, b)", "degree 80"),
    (" + ".join(f"max({x}, 0)" for x in "abcdefg"), f"more than {MAX_PIECES} pieces"),
    ("max(a, b, c, d) * max(e, f, g, h) * max(a, b, c, h) + max(a, c)",
     f"more than {MAX_PIECES} pieces"),
])
def test_refusals_name_the_formula_and_why(text, message):
    with pytest.raises(FormulaError, match=message) as error:
        parse_formula(text, NAMES)
    assert str(error.value).startswith("formula '") and "\n" not in str(error.value)


def test_nesting_counts_pieces_of_every_min_and_max():
    """max(max(max(a, b), c), ...) nests 6 deep into a single max of 7: 7 pieces, allowed;
    a product of distinct maxima multiplies: 2**6 = 64 allowed, 2**7 refused."""
    nested = "a"
    for x in "bcdefg":
        nested = f"max({nested}, {x})"
    assert pieces(parse_formula(nested, NAMES)) == 7
    six = "*".join(f"max({x}, 1)" for x in "abcdef")
    assert pieces(parse_formula(six, NAMES)) == 64
    with pytest.raises(FormulaError, match="more than 64 pieces"):
        parse_formula(six + " * max(g, 1)", NAMES)


def test_definitions_carry_their_pieces():
    """A definition reused is split once; new ones multiply."""
    symbols = dict(NAMES)
    symbols["U"] = parse_formula("max(a, b)", symbols)
    assert pieces(parse_formula("U * c + U * d + U", symbols)) == 2
    with pytest.raises(FormulaError, match="more than 64 pieces"):
        check_expression(sympy.Mul(*(sympy.Max(s, 1) for s in list(NAMES.values())[:7])))


TREE = """
players = ["Rebels", "Regime"]
[parameters.salary]
value = 250
min = 0
[nodes.rebels]
player = "Rebels"
actions = { "Disarm" = "regime", "Stay armed" = "armed" }
[nodes.regime]
player = "Regime"
actions = { Honor = "honored", Renege = "reneged" }
[nodes.armed]
payoffs = [50, 400]
[nodes.honored]
payoffs = ["max(salary - 100, 0)", "1000 - min(salary, 900, 2*salary)"]
[nodes.reneged]
payoffs = [-1000, 0]
"""


def _tree() -> ExtensiveFormGame:
    game = parse_game_text(TREE, source="t.toml")
    assert isinstance(game, ExtensiveFormGame)
    return game


@pytest.mark.parametrize("value, rebels, outcome", [
    (0, 50, "Stay armed"), (100, 50, "Stay armed"), (150, None, None),
    ("301/2", sympy.Rational(101, 2), "Disarm"), (950, 850, "Disarm"), (901, 801, "Disarm"),
])
def test_exact_solve_at_points(value, rebels, outcome):
    """Rebels disarm iff max(salary - 100, 0) >= 50, i.e. salary >= 150 (a tie at 150); the
    regime honours while 1000 - min(salary, 900) > 0, always here."""
    result = solve(_tree(), {"salary": value})
    found = sorted((e.payoffs[0], profile_label(result.game, e.profile))
                   for e in result.equilibria)
    if outcome is None:  # the tie: both
        assert [p for p, _ in found] == [50, 50]
        return
    assert len(found) == 1
    assert found[0][0] == rebels and found[0][0].is_Rational
    assert found[0][1].startswith(outcome)


def test_the_numeric_game_has_numbers_only():
    game = _tree().at({"salary": "301/2"})
    assert game.node("honored").payoffs == (sympy.Rational(101, 2), sympy.Rational(1699, 2))


def test_gambit_writer_writes_numbers():
    text = format_efg(_tree(), {"salary": 120})
    assert "max" not in text and "min" not in text.replace("commit", "")
    back = parse_efg(text)
    payoffs = sorted(tuple(n.payoffs) for n in back.nodes if n.is_terminal)
    assert (20, 880) in payoffs


def test_table_with_max_solves_and_writes():
    table = NormalFormGame.from_matrices(
        [["max(p, 1)", 0], [0, "min(p, 2)"]], [["min(p, 2)", 0], [0, "max(p, 1)"]],
        parameters=[Parameter("p", 3)])
    result = solve(table, {"p": "1/2"})
    assert sorted(e.payoffs for e in result.equilibria) == sorted(
        [(1, sympy.Rational(1, 2)), (sympy.Rational(1, 2), 1),
         (sympy.Rational(1, 3), sympy.Rational(1, 3))])
    text = format_nfg(table, {"p": 3})
    assert parse_nfg(text).payoffs[0][0, 0] == 3


@pytest.mark.parametrize("write", [game_to_toml, game_to_json])
def test_formula_text_round_trips(write):
    game = _tree()
    text = write(game)
    assert "max(0, salary - 100)" in text
    back = parse_game_text(text, syntax="json" if write is game_to_json else "toml")
    assert isinstance(back, ExtensiveFormGame)
    assert [n.payoffs for n in back.nodes] == [n.payoffs for n in game.nodes]


def test_format_formula_reads_back_nested():
    expression = sympy.Max(sympy.Min(a, b) * 2, c - 1) + sympy.Min(a, 3)**2
    assert parse_formula(format_formula(expression), NAMES) == expression


def test_python_built_games_go_through_the_same_limits():
    with pytest.raises(GameDefinitionError, match="node 't1', payoff of 'A': .* more than 64"):
        ExtensiveFormGame.build(
            players=("A",), parameters=[Parameter(n, 1) for n in "abcdefg"],
            root=Decision("A", {"x": Terminal(
                ("*".join(f"max({n}, 0)" for n in "abcdefg"),)), "y": Terminal((0,))}))
