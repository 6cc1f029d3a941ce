"""Sequential equilibria: they coincide with PBE in signalling games and the output says so;
consistency fixes ratios where one deviation reaches several nodes; refusals elsewhere."""

from __future__ import annotations

import pytest

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.beliefs.sequential import sequential_equilibria
from commit_calc.errors import UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal


def summary(result):
    return [(e.profile, [(r.infoset, r.condition) for r in e.assessment.off_path])
            for e in result.equilibria]


@pytest.mark.parametrize("name", ["beer-quiche", "job-market-signalling",
                                  "costly-implementation"])
def test_signalling_games_pbe_and_sequential_coincide(name):
    game = load_game(name).at()
    sequential = sequential_equilibria(game)
    assert summary(sequential) == summary(perfect_bayesian_equilibria(game))
    assert sequential.concept == "sequential"
    assert any("perfect Bayesian and sequential equilibria coincide" in w
               for w in sequential.warnings)


def test_reputation_game_sequential():
    """Beliefs after the unreached Refuse are reached by one deviation of cohort 1 from both
    types' nodes: consistency keeps the prior ratio 2/3 : 1/3."""
    game = load_game("reputation-two-cohorts").at()
    [equilibrium] = sequential_equilibria(game).equilibria
    assert [(r.infoset, r.condition) for r in equilibrium.assessment.off_path] == [
        ("Cohort 2 after Refuse", "P(Committed | Cohort 2 after Refuse) = 2/3")]


def test_selten_horse_sequential():
    """Player 3's two nodes are reached by different players' deviations: any ratio is
    consistent, so the condition is the PBE's."""
    game = load_game("selten-horse").at()
    assert summary(sequential_equilibria(game)) == summary(perfect_bayesian_equilibria(game))


def test_refuses_nodes_reached_by_incomparable_deviations():
    """Player 3's nodes are reached by L then d (two deviations) and by R (one): the limit
    ratio of the trembles is not decided here."""
    game = ExtensiveFormGame.build(players=("P1", "P2", "P3"), root=Decision("P1", {
        "Out": Terminal((5, 0, 0)),
        "L": Decision("P2", {"c": Terminal((0, 1, 0)), "d": Decision(
            "P3", {"a": Terminal((0, 0, 1)), "b": Terminal((0, 0, 0))}, infoset="P3")},
            name="p2"),
        "R": Decision("P3", {"a": Terminal((0, 0, 0)), "b": Terminal((0, 0, 1))},
                      infoset="P3"),
    }, name="p1"))
    with pytest.raises(UnsupportedGameError, match="consistency of beliefs at information "
                       "set 'P3' is not decided"):
        sequential_equilibria(game)
    assert perfect_bayesian_equilibria(game).equilibria


def test_chance_after_one_deviation_fixes_the_ratio():
    """One deviation (In) then chance 1/4, 3/4: consistency fixes the belief at (1/4, 3/4)."""
    inner = Chance({"A": ("1/4", Decision("P2", {"x": Terminal((2, 1)), "y": Terminal((0, 0))},
                                          infoset="P2")),
                    "B": ("3/4", Decision("P2", {"x": Terminal((2, 0)), "y": Terminal((0, 1))},
                                          infoset="P2"))})
    game = ExtensiveFormGame.build(players=("P1", "P2"), root=Decision(
        "P1", {"Out": Terminal((1, 0)), "In": inner}, name="p1"))
    [equilibrium] = sequential_equilibria(game).equilibria
    assert [r.condition for r in equilibrium.assessment.off_path] == ["P(A | P2) = 1/4"]


def test_refuses_sets_tied_by_the_same_deviations():
    """Player 2's set (one move) and player 3's set after it are both reached by L or R: the
    same ratio of trembles fixes both beliefs, which this method does not decide."""
    def after(side):
        return Decision("P2", {
            "v": Decision("P3", {"a": Terminal((0, 0, 1)), "b": Terminal((0, 0, 0))},
                          infoset="P3")}, infoset="P2")
    game = ExtensiveFormGame.build(players=("P1", "P2", "P3"), root=Decision(
        "P1", {"Out": Terminal((5, 0, 0)), "L": after("L"), "R": after("R")}, name="p1"))
    with pytest.raises(UnsupportedGameError, match="'P3' is tied to beliefs at another"):
        sequential_equilibria(game)
