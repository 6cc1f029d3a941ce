"""Explanations are derived from the game and its equilibria: backward induction node by node,
ties named, chance nodes averaged, indifference conditions of mixed equilibria solved."""

from __future__ import annotations

import pytest

from commit_calc.explain import explain, explanation_records, explanation_text
from commit_calc.io import load_game
from commit_calc.model import Decision, ExtensiveFormGame, NormalFormGame, Terminal
from commit_calc.solvers.solve import solve


def steps_of(kind, steps):
    return [s for s in steps if s.kind == kind]


def test_kreps_trust_game_backward_induction():
    """Kreps (1990), 'Corporate Culture and Economic Theory': the trustee abuses, so the
    trustor does not trust; payoffs (0, 0)."""
    steps = explain(solve(load_game("kreps-trust")))
    trustee, trustor = steps_of("decision", steps)
    assert trustee.node == "trustee" and trustee.player == "Trustee"
    assert dict(trustee.values) == {"Honor": "1", "Abuse": "2"}
    assert trustee.chosen == ("Abuse",) and not trustee.tie
    assert trustor.node == "trustor"
    assert dict(trustor.values) == {"Trust": "-1", "No trust": "0"}
    assert trustor.chosen == ("No trust",)
    assert "one subgame-perfect equilibrium" in steps[-1].text


def test_enforcer_at_knife_edge_reliability_names_the_rebels_tie():
    """At reliability 20/33 disarming is worth 20/33 * 650 + 13/33 * (-1000) = 0 to the rebels,
    exactly their payoff from staying armed (650 and -1000 from the catalog's defaults:
    250 + 300 + 100 and -(600 + 400)), so both choices are subgame perfect."""
    result = solve(load_game("enforcer-reliability"), {"reliability": "20/33"})
    steps = explain(result)
    order = [s.node for s in steps if s.node]
    assert order == ["regime_reliable", "regime_unreliable", "enforcer", "rebels"]
    reliable, unreliable, root = steps_of("decision", steps)
    assert reliable.chosen == ("Honor",) and unreliable.chosen == ("Renege",)
    assert root.tie and root.chosen == ("Disarm", "Stay armed")
    assert dict(root.values) == {"Disarm": "0", "Stay armed": "0"}
    assert "indifferent between Disarm and Stay armed" in root.text
    assert "several subgame-perfect equilibria" in root.text
    (chance,) = steps_of("chance", steps)
    assert "Rebels 20/33 × 650 + 13/33 × (-1000) = 0" in chance.equation
    assert dict(chance.values)["Rebels"] == "0"
    assert "2 subgame-perfect equilibria" in steps[-1].text


def test_enforcer_below_the_threshold_rebels_stay_armed():
    """At reliability 1/2 disarming is worth 650/2 - 1000/2 = -175 < 0."""
    steps = explain(solve(load_game("enforcer-reliability"), {"reliability": "1/2"}))
    root = steps_of("decision", steps)[-1]
    assert dict(root.values) == {"Disarm": "-175", "Stay armed": "0"}
    assert root.chosen == ("Stay armed",) and not root.tie


def test_battle_of_the_sexes_mixed_indifference():
    """Osborne (2004), An Introduction to Game Theory, 4.1: in BoS with payoffs 2, 1, 0 each
    player goes to their favourite concert with probability 2/3."""
    steps = explain(solve(load_game("battle-of-the-sexes")))
    mixed = steps_of("indifference", steps)
    assert len(mixed) == 2
    row, column = mixed
    assert row.player == "Row"
    assert row.equation.startswith("2q + 0(1 - q) = 0q + 1(1 - q) -> q = 1/3")
    assert column.equation.startswith("1p + 0(1 - p) = 0p + 2(1 - p) -> p = 2/3")
    assert "Column mixes so that Row is indifferent between Bach and Stravinsky" in row.text
    assert len(steps_of("best-response", steps)) == 4  # the two pure equilibria


def test_indifference_follows_the_payoffs():
    """Changing a payoff changes the condition: with 3 instead of 2, 3q = 1 - q gives 1/4."""
    game = NormalFormGame.from_matrices([[3, 0], [0, 1]], [[1, 0], [0, 2]],
                                        strategies=(("B", "S"), ("B", "S")))
    (row, _) = steps_of("indifference", explain(solve(game)))
    assert row.equation.startswith("3q + 0(1 - q) = 0q + 1(1 - q) -> q = 1/4")


def test_three_strategy_mix_solves_two_unknowns():
    """Rock-paper-scissors: the unique equilibrium mixes uniformly (von Neumann and
    Morgenstern 1944; any textbook)."""
    a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    game = NormalFormGame.from_matrices(a, [[-x for x in row] for row in a],
                                        strategies=(("R", "P", "S"),) * 2)
    row = steps_of("indifference", explain(solve(game)))[0]
    assert "-> q1 = 1/3, q2 = 1/3" in row.equation
    assert "(1 - q1 - q2)" in row.equation


def test_pure_equilibrium_best_responses_list_the_alternatives():
    """Prisoner's dilemma: Defect against Defect gives 1, Cooperate 0."""
    steps = explain(solve(load_game("prisoners-dilemma")))
    row = steps[0]
    assert row.kind == "best-response" and row.chosen == ("Defect",)
    assert dict(row.values) == {"Cooperate": "0", "Defect": "1"}


def test_subgame_with_imperfect_information_is_described():
    """Entry followed by a simultaneous price game (after Mas-Colell, Whinston and Green 1995,
    9.B.3): the price subgame is solved as a game of its own, then the entrant enters."""
    after = Decision("Incumbent", {
        "High": Decision("Entrant", {"High": Terminal((3, 3)), "Low": Terminal((1, 0))},
                         infoset="E2"),
        "Low": Decision("Entrant", {"High": Terminal((0, 1)), "Low": Terminal((-1, -1))},
                        infoset="E2")}, name="I")
    game = ExtensiveFormGame.build(players=("Entrant", "Incumbent"), root=Decision(
        "Entrant", {"Out": Terminal((0, 2)), "In": after}, name="E1"))
    steps = explain(solve(game))
    assert [s.kind for s in steps] == ["subgame", "decision", "result"]
    assert steps[0].node == "I" and "information set 'E2'" in steps[0].text
    assert dict(steps[1].values) == {"Out": "0", "In": "3"}
    assert steps[1].chosen == ("In",)


def test_selten_horse_whole_game_is_one_subgame():
    """Selten (1975), Figure 1: no proper subgame, both equilibria (C, c, L) and (D, c, R)
    come from the whole game."""
    steps = explain(solve(load_game("selten-horse")))
    assert steps[0].kind == "subgame" and steps[0].text.startswith("The whole game")
    assert len(steps[0].values) == 2


@pytest.mark.parametrize("name", ["centipede", "ultimatum", "strategic-enforcer",
                                  "disarm-trust", "entry-deterrence"])
def test_every_equilibrium_choice_is_among_the_explained_choices(name):
    """Property: at each node, what each subgame-perfect equilibrium plays there is an
    action the explanation says is optimal, in the steps that concern that equilibrium."""
    result = solve(load_game(name))
    game = result.game
    steps = steps_of("decision", explain(result))
    for equilibrium in result.equilibria:
        for step in steps:
            node = game.node(step.node)
            distribution = equilibrium.profile.probabilities[game.infoset_of_node[node.index]]
            played = {a for a, p in zip(node.actions, distribution) if p != 0}
            matching = [s for s in steps if s.node == step.node]
            assert any(played <= set(s.chosen) for s in matching)


def test_ultimatum_tie_below_splits_the_proposer_step():
    """Ultimatum game with whole units: a responder offered 0 is indifferent, so there are
    two SPE (offer 0 accepted, offer 1 accepted), and the proposer's comparison differs."""
    steps = explain(solve(load_game("ultimatum")))
    proposer = [s for s in steps if s.node == "proposer"]
    assert len(proposer) == 2
    assert {s.chosen for s in proposer} == {("Offer 0",), ("Offer 1",)}
    assert all(s.text.startswith("In equilibrium") for s in proposer)


def test_nash_equilibria_of_a_tree_are_not_narrated_as_backward_induction():
    steps = explain(solve(load_game("kreps-trust"), concept="nash"))
    assert steps[0].kind == "result" and "need not be subgame perfect" in steps[0].text
    assert not steps_of("decision", steps)


def test_text_and_records():
    steps = explain(solve(load_game("kreps-trust")))
    text = explanation_text(steps)
    assert text.startswith("Explanation\n  1. At 'trustee'")
    records = explanation_records(steps)
    assert records[0]["kind"] == "decision" and records[0]["chosen"] == ["Abuse"]
    assert "tie" not in records[0] and records[-1] == {"kind": "result", "text": steps[-1].text}
