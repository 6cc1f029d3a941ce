"""Values and formulas that would take unbounded time or print a traceback are refused fast."""

import time

import pytest

from commit_calc.errors import CommitCalcError, FormulaError, ParameterError
from commit_calc.formula import MAX_NODES, parse_formula
from commit_calc.model import Decision, ExtensiveFormGame, NormalFormGame, Parameter, Terminal
from commit_calc.model.values import exact_number


@pytest.mark.parametrize("text", ["1e100000000", "1e-5000", "1" * 5000, "2e301"])
def test_huge_decimal_values_are_refused_at_once(text):
    start = time.perf_counter()
    with pytest.raises(CommitCalcError) as error:
        exact_number(text)
    assert time.perf_counter() - start < 0.5
    assert len(str(error.value)) < 200  # the value is not echoed in full


def test_products_of_large_numbers_are_refused():
    with pytest.raises(FormulaError, match="more than 4096 bits"):
        parse_formula("*".join(["1e300"] * 39), {})


def test_definitions_that_double_in_size_are_refused():
    """Shorthands defined from each other can double a formula at each step."""
    import sympy

    symbols = {"p": sympy.Symbol("p"), "q": sympy.Symbol("q")}
    # min and max of the same two formulas: refused as soon as they split into too many pieces
    with pytest.raises(FormulaError, match=f"more than {MAX_NODES} parameters, numbers and "
                       "operations once its definitions are expanded|more than 64 pieces"):
        for k in range(1, 40):  # the degree stays 1: only the size of the formula doubles
            previous = "p" if k == 1 else f"X{k - 1}"
            symbols[f"X{k}"] = parse_formula(f"max({previous}, q) + min({previous}, q)", symbols)


def test_a_division_by_zero_at_the_given_values_names_node_and_values():
    game = ExtensiveFormGame.build(
        players=("A", "B"), parameters=[Parameter("p", 2)],
        root=Decision("A", {"L": Terminal(("1/(p-1)", 0), name="t"), "R": Terminal((0, 0))}))
    assert game.at().node("t").payoffs[0] == 1
    with pytest.raises(ParameterError, match="node 't' is undefined .* with p=1"):
        game.at({"p": 1})
    table = NormalFormGame.from_matrices([["1/p", 0]], [[0, 0]], parameters=[Parameter("p", 1)])
    with pytest.raises(ParameterError, match=r"payoff of 'Row' at \(1, 1\) is undefined"):
        table.at({"p": 0})


def test_long_flat_sums_are_one_level_deep():
    """A run of + - * / is folded in a loop: 900 terms parse, nesting is still limited."""
    import sympy

    a = sympy.Symbol("a")
    assert parse_formula("+".join(["a"] * 900), {"a": a}) == 900 * a
    assert parse_formula("a*2+3-a/4*5", {"a": a}) == sympy.Rational(3, 4) * a + 3
    with pytest.raises(FormulaError, match="nested deeper"):
        parse_formula("2*(" * 60 + "a" + ")" * 60, {"a": a})
