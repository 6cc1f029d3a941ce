"""Reduced normal form and Kuhn's map from mixed to behaviour strategies."""

from __future__ import annotations

import pytest
import sympy
from textbook_trees import centipede, enforcer_game, entry_deterrence, selten_horse

from commit_calc.errors import UnsupportedGameError
from commit_calc.model import Decision, ExtensiveFormGame, Terminal
from commit_calc.model.profiles import MixedProfile
from commit_calc.solvers.reduction import NO_MOVE, behaviour_profile, reduced_normal_form
from commit_calc.solvers.results import outcomes
from commit_calc.solvers.verify import verify


def test_centipede_strategies_are_reduced_like_gambit():
    """Rosenthal's centipede with 4 moves: each player has 3 reduced strategies (of 4), the
    labels mark with '*' a move the strategy's own Take rules out."""
    reduced = reduced_normal_form(centipede(4))
    assert reduced.game.strategies == (
        ("Take/*", "Pass/Take", "Pass/Pass"), ("Take/*", "Pass/Take", "Pass/Pass")
    )
    assert reduced.strategies[0][0] == {"move1": "Take"}
    assert reduced.strategies[0][2] == {"move1": "Pass", "move3": "Pass"}
    assert reduced.game.payoff(("Take/*", "Pass/Pass")) == (2, 0)
    assert reduced.game.payoff(("Pass/Take", "Pass/Take")) == (4, 2)
    assert reduced.game.payoff(("Pass/Pass", "Pass/Pass")) == (5, 4)


def test_entry_game_normal_form():
    """Mas-Colell, Whinston and Green (1995), Example 9.B.1 in normal form."""
    reduced = reduced_normal_form(entry_deterrence())
    assert reduced.game.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    assert reduced.game.payoff(("Out", "Fight")) == (0, 2)
    assert reduced.game.payoff(("In", "Accommodate")) == (1, 1)


def test_symbolic_chance_probabilities_multiply_into_payoffs():
    """With reliability r, Disarm against Renege pays the rebels 3r and the regime 3r+4(1-r)."""
    game = enforcer_game("1/2", symbolic=True)
    reduced = reduced_normal_form(game)
    r = game.parameters["r"].symbol
    rebels, regime = reduced.game.payoff(("Disarm", "Renege"))
    assert sympy.simplify(rebels - 3 * r) == 0
    assert sympy.simplify(regime - (3 * r + 4 * (1 - r))) == 0
    assert reduced.game.free_parameters == ("r",)


def test_player_without_moves_and_one_player_tree():
    game = ExtensiveFormGame.build(players=("A", "B"),
                                   root=Decision("A", {"x": Terminal((1, 0)),
                                                       "y": Terminal((0, 1))}))
    assert reduced_normal_form(game).game.strategies == (("x", "y"), (NO_MOVE,))
    alone = ExtensiveFormGame.build(players=("A",), root=Decision("A", {"x": Terminal((1,))}))
    with pytest.raises(UnsupportedGameError, match="one-player"):
        reduced_normal_form(alone)


def test_kuhn_behaviour_is_realisation_equivalent():
    """Kuhn (1953): a mixture of Take/* and Pass/Take (1/2 each) is Take at the first move with
    probability 1/2 and Take at the second for sure; the outcome distribution is the same."""
    game = centipede(4)
    reduced = reduced_normal_form(game)
    mixed = MixedProfile.from_labels(reduced.game, {
        "P1": {"Take/*": "1/2", "Pass/Take": "1/2"}, "P2": {"Pass/Take": "1/3", "Pass/Pass": "2/3"},
    })
    behaviour = behaviour_profile(game, reduced, mixed)
    assert behaviour.choice(game, "move1") == {"Take": sympy.Rational(1, 2),
                                               "Pass": sympy.Rational(1, 2)}
    assert behaviour.choice(game, "move3") == {"Take": 1, "Pass": 0}
    assert behaviour.choice(game, "move4") == {"Take": sympy.Rational(1, 3),
                                               "Pass": sympy.Rational(2, 3)}
    tree_payoffs = verify(game, behaviour).payoffs
    assert tree_payoffs == verify(reduced.game, mixed).payoffs
    by_path = {o.path: o.probability for o in outcomes(game, behaviour)}
    assert by_path == {
        ("Take",): sympy.Rational(1, 2),
        ("Pass", "Pass", "Take"): sympy.Rational(1, 2),
    }


@pytest.mark.parametrize(("second", "expected"), [("Pass/Take", "Take"), ("Pass/Pass", "Pass")])
def test_unreached_information_set_gets_a_best_response(second, expected):
    """Centipede: after Take/* the first mover's second move is ruled out by their own Take;
    it is set to the best response against the second mover's last move (Take 4 against
    their Take at move 4, Pass for 5 against their Pass), and the profile stays Nash."""
    game = centipede(4)
    reduced = reduced_normal_form(game)
    mixed = MixedProfile.from_labels(reduced.game, {"P1": "Take/*", "P2": second})
    behaviour = behaviour_profile(game, reduced, mixed)
    assert behaviour.choice(game, "move3")[expected] == 1
    assert verify(game, behaviour).is_equilibrium == verify(reduced.game, mixed).is_equilibrium


def test_selten_horse_nash_maps_to_a_nash_behaviour_profile():
    """Selten's horse (Fudenberg and Tirole 1991, figure 8.5): (D, a, L) is a Nash equilibrium
    of the reduced normal form and its behaviour profile is one of the tree."""
    game = selten_horse()
    reduced = reduced_normal_form(game)
    mixed = MixedProfile.from_labels(reduced.game, {"1": "D", "2": "a", "3": "L"})
    assert verify(reduced.game, mixed).is_equilibrium
    assert verify(game, behaviour_profile(game, reduced, mixed)).is_equilibrium
