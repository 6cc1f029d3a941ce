"""The independent assessment check catches each kind of failure, and passes what the
solvers report."""

from __future__ import annotations

import pytest

from commit_calc.beliefs.check import check_assessment
from commit_calc.io import load_game
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal
from commit_calc.model.profiles import BehaviourProfile


def beer_quiche(weak, strong, beer, quiche):
    game = load_game("beer-quiche").at()
    profile = BehaviourProfile.from_labels(
        game, {"weak": weak, "strong": strong, "Beer": beer, "Quiche": quiche})
    return game, profile


def test_pooling_on_beer_passes_with_supporting_beliefs():
    game, profile = beer_quiche("Beer", "Beer", "Don't", "Duel")
    assert check_assessment(game, profile, {"Beer": ["1/10", "9/10"],
                                            "Quiche": ["1/2", "1/2"]}).passes


def test_off_path_belief_that_does_not_support_the_reply_fails():
    """Duel after Quiche needs P(Weak | Quiche) >= 1/2."""
    game, profile = beer_quiche("Beer", "Beer", "Don't", "Duel")
    check = check_assessment(game, profile, {"Beer": ["1/10", "9/10"],
                                             "Quiche": ["1/3", "2/3"]})
    assert check.failures == (
        "sequential rationality fails at information set 'Quiche': Receiver gains 1/3 by "
        "deviating",)


def test_on_path_belief_must_follow_bayes_rule():
    game, profile = beer_quiche("Beer", "Beer", "Don't", "Duel")
    check = check_assessment(game, profile, {"Beer": ["1/2", "1/2"], "Quiche": ["1", "0"]})
    assert any(f.startswith("Bayes' rule fails at information set 'Beer': from the root the "
                            "belief must be (1/10, 9/10)") for f in check.failures)


def test_a_sender_that_is_not_optimal_fails():
    """Duel after Beer, none after Quiche: the Weak type gets 0 from Beer, 3 from Quiche."""
    game, profile = beer_quiche("Beer", "Beer", "Duel", "Don't")
    check = check_assessment(game, profile, {"Beer": ["1/10", "9/10"], "Quiche": ["0", "1"]})
    assert "sequential rationality fails at information set 'weak': Sender gains 3 by " \
        "deviating" in check.failures


def test_bayes_rule_after_a_deviation_at_the_root():
    """After the deviation In, chance picks A or B with 1/4, 3/4: the belief must be that."""
    inner = Chance({"A": ("1/4", Decision("P2", {"x": Terminal((2, 1)), "y": Terminal((0, 0))},
                                          infoset="P2")),
                    "B": ("3/4", Decision("P2", {"x": Terminal((2, 0)), "y": Terminal((0, 1))},
                                          infoset="P2"))})
    game = ExtensiveFormGame.build(players=("P1", "P2"), root=Decision(
        "P1", {"Out": Terminal((3, 0)), "In": inner}, name="p1"))
    profile = BehaviourProfile.from_labels(game, {"p1": "Out", "P2": "x"})
    # x is optimal only if P(A) >= 1/2, which Bayes' rule after In forbids
    check = check_assessment(game, profile, {"P2": ["1/2", "1/2"]})
    assert check.failures == ("Bayes' rule fails at information set 'P2': from the root the "
                              "belief must be (1/4, 3/4)",)
    assert check_assessment(game, profile, {"P2": ["1/4", "3/4"]}).failures == (
        "sequential rationality fails at information set 'P2': P2 gains 1/2 by deviating",)


def test_sequential_rationality_looks_at_whole_continuation_strategies():
    """Player 1 moves twice; a one-step check at the first node with the second choice fixed
    would miss that changing both choices pays."""
    game = ExtensiveFormGame.build(players=("P1", "P2"), root=Decision("P1", {
        "a": Terminal((1, 0)),
        "b": Decision("P1", {"c": Terminal((0, 0)), "d": Terminal((3, 0))}, name="second"),
    }, name="first"))
    profile = BehaviourProfile.from_labels(game, {"first": "a", "second": "c"})
    failures = check_assessment(game, profile, {}).failures
    assert "sequential rationality fails at information set 'first': P1 gains 2 by deviating" \
        in failures


@pytest.mark.parametrize("beliefs", [{}, {"Beer": ["1/10", "9/10"]},
                                     {"Beer": ["1/2"], "Quiche": ["1", "0"]},
                                     {"Beer": ["-1/10", "11/10"], "Quiche": ["1", "0"]}])
def test_missing_or_malformed_beliefs_are_failures(beliefs):
    game, profile = beer_quiche("Beer", "Beer", "Don't", "Duel")
    assert not check_assessment(game, profile, beliefs).passes
