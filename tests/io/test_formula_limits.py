"""The formula limits bound what a formula *is* after nesting and definitions (issue 16, item 2).

A tower of powers, through parentheses or through definitions that use each other, once built
``p**68719476736``: solving ran for minutes and died with a MemoryError. Each such file is now
refused while it is read, with one line naming the file, the line, and the node or definition.
"""

from __future__ import annotations

import json

import pytest
import sympy

from commit_calc.errors import FormulaError, GameDefinitionError, GameFileError
from commit_calc.formula import MAX_DEGREE, MAX_TERMS, check_expression, parse_formula
from commit_calc.formula_size import measure
from commit_calc.io import load_game
from commit_calc.io.game_file import parse_game_text
from commit_calc.model import Decision, ExtensiveFormGame, NormalFormGame, Parameter, Terminal

TOWER = "((((((p**64)**64)**64)**64)**64)**64)"
DEGREE = f"more than {MAX_DEGREE}"
FRACTIONAL = "is not supported (exponents are whole numbers"


def game_text(payoff: str, definitions: dict[str, str] | None = None) -> str:
    """A two-leaf tree whose leaf ``l`` pays ``payoff`` to A (line 12 holds that payoff)."""
    lines = ["players = [\"A\", \"B\"]", "[parameters]", "p = 2", "q = 3", "r = 5"]
    lines += ["[definitions]"] + [f"{k} = {json.dumps(v)}" for k, v in
                                  (definitions or {}).items()]
    lines += ["[nodes.a]", "player = \"A\"", "actions = { L = \"l\", R = \"r\" }", "[nodes.l]",
              f"payoffs = [{json.dumps(payoff)}, 0]", "[nodes.r]", "payoffs = [1, 1]"]
    return "\n".join(lines) + "\n"


def refusal(text: str) -> str:
    with pytest.raises(GameFileError) as info:
        parse_game_text(text, source="hostile.toml")
    message = str(info.value)
    assert "\n" not in message and "():" not in message
    return message


def payoff_line(text: str) -> int:
    return next(k for k, line in enumerate(text.splitlines(), 1) if line.startswith("payoffs"))


@pytest.mark.parametrize(("payoff", "reason"), [
    (TOWER, "degree 4096 in the parameters is " + DEGREE),
    ("(p**8)**9", "degree 72 in the parameters is " + DEGREE),
    ("((p*q)**8)**8", "degree 128"),
    ("*".join(["p"] * (MAX_DEGREE + 1)), f"degree {MAX_DEGREE + 1}"),
    ("*".join(["(p+q)"] * 65), "terms once multiplied out"),
    ("*".join(["(p+q-1)"] * 64), "terms once multiplied out"),
    ("p**40 * q**40", "degree 80"),
    ("1/(p**40 * q**40) + 1", "degree 80"),
    ("(p/q)**40", "degree 80"),
    ("max(p**60, (p**8)**9 + 1)", "degree 72"),
    ("-(-(-(p**64)**2))", "degree 128"),
    ("(p + q + r)**64", f"more than {MAX_TERMS} terms once multiplied out"),
    ("((p + q + r)**8)**8", "terms once multiplied out"),
    ("(2**64 * p)**64", "a number with more than 4096 bits"),
    ("p**(1/2)", "fractional power p**(1/2) " + FRACTIONAL),
    ("2**(1/2)", "fractional power 2**(1/2) " + FRACTIONAL),
    ("p**(3/2) + 1", "fractional power p**(3/2) " + FRACTIONAL),
    ("(p**64)**(1/64)", FRACTIONAL),
    ("4**(1/2)", "fractional power 4**(1/2) " + FRACTIONAL),
    ("p**0.5", FRACTIONAL),
])
def test_payoffs_beyond_the_limits_name_file_line_node_and_payoff(payoff, reason):
    text = game_text(payoff)
    message = refusal(text)
    assert message.startswith(f"hostile.toml:{payoff_line(text)}: node 'l', payoff of 'A': ")
    assert reason in message


@pytest.mark.parametrize(("definitions", "culprit", "reason"), [
    ({f"d{k}": "p**64" if k == 1 else f"d{k - 1}**64" for k in range(1, 7)}, "d2",
     "degree 4096"),
    ({"d1": "p**8", "d2": "d1*d1*d1*d1*d1*d1*d1*d1", "d3": "d2*p"}, "d3", "degree 65"),
    ({"d1": "p*q", "d2": "d1**8", "d3": "d2**4"}, "d3", "degree 64" + "0"[:0] + ""),
    ({"d1": "p + q + r", "d2": "d1**16", "d3": "d2**4"}, "d3", "terms once multiplied out"),
    ({"d1": "p", "d2": "d1**(1/2)"}, "d2", FRACTIONAL),
    ({"d1": "(p + 1)/(q + 1)", "d2": "d1**33"}, "d2", "degree 66"),
])
def test_definitions_that_build_on_each_other_are_refused_where_they_cross(
        definitions, culprit, reason):
    if culprit == "d3" and reason.startswith("degree 64"):
        # (p*q)**32 is exactly at the limit: accepted; one more factor is not.
        definitions = {**definitions, "d4": "d3*p"}
        culprit, reason = "d4", "degree 65"
    text = game_text("d1", definitions)
    message = refusal(text)
    line = next(k for k, row in enumerate(text.splitlines(), 1) if row.startswith(culprit))
    assert message.startswith(f"hostile.toml:{line}: definition '{culprit}': formula ")
    assert reason in message


def test_a_hostile_file_is_refused_through_load_game(tmp_path):
    path = tmp_path / "tower.toml"
    path.write_text(game_text(TOWER), encoding="utf-8")
    with pytest.raises(GameFileError, match=r"tower\.toml:\d+: node 'l', payoff of 'A': .*"
                       "degree 4096"):
        load_game(str(path))


@pytest.mark.parametrize("payoff", [
    "p**64", "(p**8)**8", "(p*q)**32", "p**32 * q**32 - 1/(p**2 + 1)", "(p + q)**64",
    "(p + q + r)**20", "max(p**64, q**64)", "(2**64)**63 * p**64", "p**-64",
    "*".join(["(1 - p)"] * 64), "*".join(["(p + q)"] * 50), "1/p**40 + 1/q**40",
])
def test_formulas_at_the_limits_are_accepted(payoff):
    game = parse_game_text(game_text(payoff), source="fine.toml")
    assert game.node("l").payoffs[0] == parse_formula(payoff, dict(game.parameters.symbols))


def test_the_python_api_holds_strings_and_sympy_expressions_to_the_same_limits():
    p = sympy.Symbol("p")
    for payoff, reason in [(TOWER, "degree 4096"), (p**4096, "degree 4096"),
                           (sympy.sqrt(p), "fractional power p**(1/2)"),
                           (p * sympy.pi, "pi is not an exact rational number"),
                           (p**p, "an exponent must be a number")]:
        with pytest.raises(GameDefinitionError, match=r"node 't', payoff of 'A': .*"
                           + reason.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
            ExtensiveFormGame.build(
                players=("A", "B"), parameters=[Parameter("p", 2)],
                root=Decision("A", {"L": Terminal((payoff, 0), name="t"),
                                    "R": Terminal((0, 0))}))
    with pytest.raises(GameDefinitionError, match="degree 4096"):
        NormalFormGame.from_matrices([[TOWER, 0]], [[0, 0]], parameters=[Parameter("p", 2)])


def test_sizes_follow_the_rules_of_degree_and_terms():
    """Sums take the larger degree, products and quotients add, powers multiply; terms count
    as when multiplied out over a common denominator."""
    p, q = sympy.symbols("p q")

    def size(expression: sympy.Expr) -> tuple[int, int, int]:
        found = measure(expression)
        return found.degree, found.numerator, found.denominator

    assert size(p + q**3) == (3, 2, 1)
    assert size(p * q**3) == (4, 1, 1)
    assert size(p / q) == (2, 1, 1)
    assert size((p + q)**4) == (4, 5, 1)
    assert size(1 / (p + 1)**2) == (2, 1, 3)
    assert size(sympy.Max(p**2, q)) == (2, 1, 1)
    assert size(sympy.Mul(*[p - 1] * 20, evaluate=False)) == (20, 21, 1)  # not 2**20 terms
    check_expression((p + q)**64)
    with pytest.raises(FormulaError, match="degree 65"):
        check_expression((p + q)**64 * p)
