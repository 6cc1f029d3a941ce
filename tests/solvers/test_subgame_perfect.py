"""Subgame-perfect equilibria by decomposition into proper subgames."""

from __future__ import annotations

import itertools

import pytest
import sympy
from textbook_trees import entry_then_battle, selten_horse, trust_game

from commit_calc.errors import ParameterError
from commit_calc.model import Decision, ExtensiveFormGame, Parameter, Terminal
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers.subgame_perfect import subgame_perfect_equilibria
from commit_calc.solvers.verify import verify_subgame_perfect


def test_perfect_information_is_backward_induction():
    """Kreps (1990) trust game: delegated to backward induction."""
    result = subgame_perfect_equilibria(trust_game())
    assert result.method == "backward-induction"
    assert [eq.payoffs for eq in result.equilibria] == [(0, 0)]


def test_entry_then_battle_of_the_sexes():
    """Entry followed by Bach or Stravinsky (Osborne 2004, section 2.7 and example 4.1). Each
    of the three equilibria of the post-entry game gives one SPE: after (B, B) the entrant gets
    2 > 3/4 and enters, after (S, S) 1 > 3/4 and enters, after the mixed equilibrium only 2/3
    < 3/4 and stays out."""
    game = entry_then_battle("3/4")
    result = subgame_perfect_equilibria(game)
    assert result.method == "subgame-decomposition"
    summary = {
        (eq.profile.choice(game, "entrant enters")["In"],
         eq.profile.choice(game, "entrant plays")["B"],
         eq.profile.choice(game, "incumbent")["B"], eq.payoffs)
        for eq in result.equilibria
    }
    third, two_thirds = sympy.Rational(1, 3), sympy.Rational(2, 3)
    assert summary == {
        (1, 1, 1, (2, 1)),
        (1, 0, 0, (1, 2)),
        (0, two_thirds, third, (sympy.Rational(3, 4), 3)),
    }
    for eq in result.equilibria:
        assert verify_subgame_perfect(game, eq.profile).is_equilibrium


def _simultaneous_with_tied_subgame():
    """A moves x or y while B, unaware, moves l or r (l strictly dominant for B). After (x, l)
    B moves again, indifferent between paying A 3 or 0; A prefers x exactly when it gets 3."""
    after_xl = Decision("B", {"give": Terminal((3, 1)), "keep": Terminal((0, 1))}, name="B2")
    return ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
        "x": Decision("B", {"l": after_xl, "r": Terminal((1, 0))}, infoset="B1"),
        "y": Decision("B", {"l": Terminal((2, 1)), "r": Terminal((0, 0))}, infoset="B1"),
    }, name="A"))


def test_tied_subgame_inside_imperfect_block_gives_one_spe_per_value():
    """Folding both equilibrium values of the tied subgame back into the simultaneous block
    gives (x, l, give) and (y, l, keep); a brute-force search over all pure behaviour profiles
    with the independent subgame-perfect check finds the same two."""
    game = _simultaneous_with_tied_subgame()
    result = subgame_perfect_equilibria(game)
    listed = {eq.profile.probabilities for eq in result.equilibria}
    brute = set()
    for combination in itertools.product(*(range(len(i.actions)) for i in game.infosets)):
        profile = BehaviourProfile.trusted(tuple(
            tuple(sympy.Integer(int(a == c)) for a in range(len(i.actions)))
            for c, i in zip(combination, game.infosets)
        ))
        if verify_subgame_perfect(game, profile).is_equilibrium:
            brute.add(profile.probabilities)
    assert listed == brute
    assert {eq.payoffs for eq in result.equilibria} == {(3, 1), (2, 1)}
    assert any("'B2'" in w for w in result.warnings)


def test_three_players_with_two_moving_in_the_imperfect_block():
    """A third player who moves first and then watches: the simultaneous block between the
    other two is solved as a two-player game (mixed equilibria included); C enters only if
    that block pays it more than 1."""
    block = Decision("A", {
        "x": Decision("B", {"l": Terminal((1, 1, 2)), "r": Terminal((0, 0, 0))}, infoset="B"),
        "y": Decision("B", {"l": Terminal((0, 0, 0)), "r": Terminal((1, 1, 0))}, infoset="B"),
    }, name="A")
    game = ExtensiveFormGame.build(players=("A", "B", "C"), root=Decision(
        "C", {"stay": Terminal((0, 0, 1)), "go": block}, name="C"))
    result = subgame_perfect_equilibria(game)
    assert not any("only pure" in w for w in result.warnings)
    outcomes = {(eq.profile.choice(game, "C")["go"], eq.payoffs) for eq in result.equilibria}
    half = sympy.Rational(1, 2)
    # Coordination on (x, l) pays C 2: go. On (y, r) C gets 0, on the mixed (1/2, 1/2) C gets
    # 2 * 1/4 = 1/2: stay.
    assert outcomes == {(1, (1, 1, 2)), (0, (0, 0, 1))}
    mixed = [eq for eq in result.equilibria if eq.profile.choice(game, "A")["x"] == half]
    assert len(mixed) == 1 and mixed[0].profile.choice(game, "B")["l"] == half


def test_selten_horse_spe_are_its_pure_nash_equilibria():
    """Selten (1975): no proper subgame but the whole game, so SPE = NE. Payoffs of Fudenberg
    and Tirole (1991), figure 8.5: pure NE (A, a, R), (A, d, R) and (D, a, L);
    the continua where player 2 mixes are named in warnings by the exact n-player search."""
    game = selten_horse()
    result = subgame_perfect_equilibria(game)
    assert len(result.equilibria) == 3
    assert {eq.payoffs for eq in result.equilibria} == {(1, 1, 1), (3, 3, 2)}
    assert sum("continuum" in w for w in result.warnings) == 2


def test_symbolic_game_is_refused():
    game = ExtensiveFormGame.build(
        players=("A", "B"),
        root=Decision("A", {
            "x": Decision("B", {"l": Terminal(("c", 0)), "r": Terminal((0, 1))}, infoset="I"),
            "y": Decision("B", {"l": Terminal((0, 1)), "r": Terminal((1, 0))}, infoset="I"),
        }),
        parameters=[Parameter("c", default=1)],
    )
    with pytest.raises(ParameterError, match=r"game\.at"):
        subgame_perfect_equilibria(game)
    assert subgame_perfect_equilibria(game.at()).equilibria


def test_a_one_player_tree_with_imperfect_information_is_refused_clearly():
    """Found in review: it used to fail with advice pointing to backward_induction()."""
    from commit_calc.errors import UnsupportedGameError
    from commit_calc.model import Chance

    game = ExtensiveFormGame.build(players=("P",), root=Chance({
        "h": ("1/2", Decision("P", {"a": Terminal((1,)), "b": Terminal((0,))}, infoset="I")),
        "t": ("1/2", Decision("P", {"a": Terminal((0,)), "b": Terminal((2,))}, infoset="I"))}))
    with pytest.raises(UnsupportedGameError, match="decision problem under uncertainty"):
        subgame_perfect_equilibria(game)
