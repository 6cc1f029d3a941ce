"""Trees built with plain Python numbers (``int``, ``Fraction``) are the same games as trees
built with sympy numbers: equal nodes, the same exact numbers of the same types, the same
equilibria; plain numbers only skip the sympy objects until something asks for them."""

from __future__ import annotations

import pickle
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.errors import GameDefinitionError
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Node, Parameter, Terminal
from commit_calc.model.tree_nodes import TERMINAL, plain_numbers
from commit_calc.solvers.backward_induction import backward_induction
from commit_calc.solvers.subgame_perfect import subgame_perfect_equilibria

numbers = st.one_of(st.integers(-20, 20),
                    st.fractions(min_value=-5, max_value=5, max_denominator=6))
laws = st.sampled_from(((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(2, 3)),
                        (1, 0), (Fraction(1, 4), Fraction(1, 4), Fraction(1, 2))))


def trees(players: int) -> st.SearchStrategy[object]:
    """Nested specs with plain numbers: decisions, chance moves and terminal payoffs."""
    leaf = st.tuples(*[numbers] * players).map(Terminal)
    return st.recursive(leaf, lambda below: st.one_of(
        st.tuples(st.integers(0, players - 1), st.lists(below, min_size=1, max_size=3)).map(
            lambda t: Decision(f"P{t[0]}", {f"a{k}": child for k, child in enumerate(t[1])})),
        st.tuples(laws, st.lists(below, min_size=4, max_size=4)).map(
            lambda t: Chance({f"c{k}": (p, t[1][k]) for k, p in enumerate(t[0])})),
    ), max_leaves=12)


def as_sympy(spec: object) -> object:
    """The same tree with every number a sympy number (the old way of building)."""
    if isinstance(spec, Terminal):
        return Terminal(tuple(sympy.Rational(x.numerator, x.denominator) for x in spec.payoffs))
    if isinstance(spec, Decision):
        return Decision(spec.player, {a: as_sympy(c) for a, c in spec.moves.items()})
    assert isinstance(spec, Chance)
    return Chance({a: (sympy.Rational(p.numerator, p.denominator), as_sympy(c))
                   for a, (p, c) in spec.moves.items()})


def _typed(game: ExtensiveFormGame) -> tuple[object, ...]:
    return tuple(tuple((type(x), x) for x in row) for row in game.exact_numbers)


@settings(max_examples=40, deadline=None)
@given(tree=trees(2))
def test_plain_and_sympy_trees_are_the_same_game(tree):
    players = ("P0", "P1")
    plain = ExtensiveFormGame.build(players=players, root=tree)
    symbolic = ExtensiveFormGame.build(players=players, root=as_sympy(tree))
    assert all(plain_numbers(node) is not None for node in plain.nodes)
    assert all(plain_numbers(node) is None or not (node.payoffs or node.probabilities)
               for node in symbolic.nodes)
    assert _typed(plain) == _typed(symbolic)
    assert plain.nodes == symbolic.nodes and plain.infosets == symbolic.infosets
    ours = backward_induction(plain, max_equilibria=20)
    theirs = backward_induction(symbolic, max_equilibria=20)
    assert [eq.payoffs for eq in ours.equilibria] == [eq.payoffs for eq in theirs.equilibria]
    assert [eq.profile for eq in ours.equilibria] == [eq.profile for eq in theirs.equilibria]
    assert ours.warnings == theirs.warnings
    assert pickle.loads(pickle.dumps(plain)).nodes == plain.nodes


def test_plain_payoffs_read_as_sympy_and_stay_plain():
    node = Node(0, "t", TERMINAL, None, payoffs=(3, Fraction(1, 3)))
    assert node.payoffs == (sympy.Integer(3), sympy.Rational(1, 3))
    assert all(isinstance(x, sympy.Rational) for x in node.payoffs)
    assert plain_numbers(node) == (3, Fraction(1, 3)) and type(plain_numbers(node)[0]) is int
    assert plain_numbers(pickle.loads(pickle.dumps(node))) == (3, Fraction(1, 3))


def test_mixed_formulas_and_numbers_substitute_as_before():
    game = ExtensiveFormGame.build(
        players=("A", "B"), parameters=[Parameter("c", 2)],
        root=Decision("A", {"L": Terminal((1, Fraction(1, 2))), "R": Terminal(("c", 0))}))
    assert game.free_parameters == ("c",)
    fixed = game.at({"c": 5})
    assert fixed.exact_numbers[1:] == ((1, Fraction(1, 2)), (5, 0))
    assert subgame_perfect_equilibria(fixed).equilibria[0].payoffs == (5, 0)


def test_plain_numbers_keep_the_formula_size_limit():
    """A payoff of more than 4096 bits is refused however it is given."""
    with pytest.raises(GameDefinitionError, match="payoff of 'A'"):
        ExtensiveFormGame.build(players=("A", "B"), root=Terminal((2**5000, 0)))


def test_bad_plain_probabilities_are_refused_as_before():
    with pytest.raises(GameDefinitionError, match="probabilities sum to 3/2, not exactly 1"):
        ExtensiveFormGame.build(players=("A",), root=Chance({
            "h": (Fraction(1, 2), Terminal((0,))), "t": (1, Terminal((1,)))}))
    with pytest.raises(GameDefinitionError, match="outside"):
        ExtensiveFormGame.build(players=("A",), root=Chance({
            "h": (-1, Terminal((0,))), "t": (2, Terminal((1,)))}))
