"""Extensive-form games: building, validation (recall, information sets, chance), substitution."""

import pytest
import sympy

from commit_calc.errors import GameDefinitionError, ParameterError
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Parameter, Terminal

RELIABILITY = Parameter("reliability", "1/2", lower=0, upper=1)


def enforcer_tree(probability="reliability"):
    regime = {"Honor": Terminal((2, 1)), "Renege": Terminal((-1, 3))}
    return Decision("Rebels", {
        "Disarm": Chance({
            "Reliable": (probability, Decision("Regime", regime, name="reliable")),
            "Unreliable": (f"1 - ({probability})", Decision("Regime", regime, name="unreliable")),
        }, name="draw"),
        "Stay armed": Terminal((0, 0), name="exile"),
    }, name="root")


def build(root, players=("Rebels", "Regime"), parameters=(RELIABILITY,)):
    return ExtensiveFormGame.build(players=players, root=root, parameters=parameters)


def test_nodes_are_stored_in_prefix_order_with_generated_names():
    game = build(enforcer_tree())
    assert [n.name for n in game.nodes] == [
        "root", "draw", "reliable", "t1", "t2", "unreliable", "t3", "t4", "exile"
    ]
    assert game.path(game.node("t4")) == ("Disarm", "Unreliable", "Renege")
    assert list(game.descendants(game.node("draw"))) == list(range(1, 8))
    assert game.properties.perfect_information and game.properties.has_chance
    assert game.subgame_roots == (0, 1, 2, 5)


def test_chance_probabilities_are_expressions_and_substitute_exactly():
    game = build(enforcer_tree())
    assert game.free_parameters == ("reliability",)
    numeric = game.at({"reliability": "0.3"})
    assert numeric.node("draw").probabilities == (sympy.Rational(3, 10), sympy.Rational(7, 10))
    assert numeric.is_numeric


def test_probabilities_must_sum_to_exactly_one():
    tree = Decision("Rebels", {"A": Chance({"x": ("1/3", Terminal((0, 0))),
                                             "y": ("0.6", Terminal((0, 0)))}, name="c"),
                               "B": Terminal((0, 0))})
    with pytest.raises(GameDefinitionError, match="chance node 'c': probabilities sum to 14/15"):
        build(tree)


def test_numeric_probabilities_must_lie_in_the_unit_interval():
    tree = Chance({"x": ("3/2", Terminal((0, 0))), "y": ("-1/2", Terminal((0, 0)))}, name="c")
    with pytest.raises(GameDefinitionError, match="'x' is 3/2, outside"):
        build(tree)


def test_a_substituted_probability_outside_the_unit_interval_is_a_parameter_error():
    game = build(enforcer_tree("2 * reliability"))
    with pytest.raises(ParameterError, match="outside \\[0, 1\\].*reliability=3/4"):
        game.at({"reliability": "3/4"})


def test_information_sets_must_not_mix_players():
    tree = Decision("Rebels", {
        "L": Decision("Regime", {"a": Terminal((0, 0)), "b": Terminal((0, 0))}, infoset="I",
                      name="x"),
        "R": Decision("Rebels", {"a": Terminal((0, 0)), "b": Terminal((0, 0))}, infoset="I",
                      name="y"),
    })
    with pytest.raises(GameDefinitionError, match="information set 'I' mixes players"):
        build(tree)


def test_information_sets_must_have_the_same_actions():
    tree = Decision("Rebels", {
        "L": Decision("Regime", {"a": Terminal((0, 0)), "b": Terminal((0, 0))}, infoset="I"),
        "R": Decision("Regime", {"a": Terminal((0, 0)), "c": Terminal((0, 0))}, infoset="I",
                      name="y"),
    })
    with pytest.raises(GameDefinitionError, match="information set 'I': node 'y' has actions"):
        build(tree)


def test_imperfect_recall_is_refused():
    """The absent-minded-style forgetting: Rebels cannot forget their own first move."""
    tree = Decision("Rebels", {
        "L": Decision("Rebels", {"a": Terminal((0, 0)), "b": Terminal((0, 0))}, infoset="I",
                      name="x"),
        "R": Decision("Rebels", {"a": Terminal((0, 0)), "b": Terminal((0, 0))}, infoset="I",
                      name="y"),
    })
    with pytest.raises(GameDefinitionError, match="'I' breaks perfect recall"):
        build(tree)


def test_forgetting_what_another_player_did_is_allowed():
    tree = Decision("Rebels", {
        "L": Decision("Regime", {"a": Terminal((1, 0)), "b": Terminal((0, 1))}, infoset="I"),
        "R": Decision("Regime", {"a": Terminal((0, 1)), "b": Terminal((1, 0))}, infoset="I"),
    })
    game = build(tree)
    assert not game.properties.perfect_information
    assert game.infoset("I").members == (1, 4)
    assert game.subgame_roots == (0,)


def test_wrong_payoff_counts_name_the_node():
    with pytest.raises(GameDefinitionError, match="node 'end': 3 payoffs for 2 players"):
        build(Decision("Rebels", {"a": Terminal((1, 2, 3), name="end")}))


def test_unknown_players_and_duplicate_names_are_refused():
    with pytest.raises(GameDefinitionError, match="player 'Enforcer' is not one of"):
        build(Decision("Enforcer", {"a": Terminal((0, 0))}))
    with pytest.raises(GameDefinitionError, match="two nodes share this name"):
        build(Decision("Rebels", {"a": Terminal((0, 0), name="x"),
                                  "b": Terminal((0, 0), name="x")}))


def test_unknown_parameters_in_payoffs_are_named():
    with pytest.raises(GameDefinitionError, match="node 'end', payoff of 'Regime'.*'bribe'"):
        build(Decision("Rebels", {"a": Terminal((0, "bribe"), name="end")}))


def test_a_ten_thousand_move_centipede_builds_without_recursion():
    """Rosenthal (1981): deep trees must not hit Python's recursion limit."""
    node = Terminal((10_000, 10_000))
    for move in range(10_000, 0, -1):
        mover = "A" if move % 2 else "B"
        node = Decision(mover, {"Take": Terminal((move, move - 1)), "Pass": node})
    game = ExtensiveFormGame.build(players=("A", "B"), root=node)
    assert len(game.nodes) == 20_001
    assert len(game.subgame_roots) == 10_000
    assert len(game.path(game.nodes[-1])) == 10_000
