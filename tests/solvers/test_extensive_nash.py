"""Nash equilibria of trees through the reduced normal form."""

from __future__ import annotations

import pytest
import sympy
from textbook_trees import enforcer_game, entry_deterrence, entry_then_battle, selten_horse

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model import Decision, ExtensiveFormGame, Terminal
from commit_calc.solvers.extensive_nash import extensive_nash_equilibria
from commit_calc.solvers.verify import verify

half = sympy.Rational(1, 2)


def test_entry_game_has_the_threat_equilibria_too():
    """Mas-Colell, Whinston and Green (1995), Example 9.B.1: besides (In, Accommodate), the
    entrant stays Out against Fight played with probability at least 1/2 (one component,
    extreme points Fight for sure and Fight with probability 1/2)."""
    game = entry_deterrence()
    result = extensive_nash_equilibria(game)
    assert result.concept == "nash"
    assert result.method == "reduced-normal-form+vertex-enumeration"
    found = {
        (eq.profile.choice(game, "entrant")["In"], eq.profile.choice(game, "incumbent")["Fight"])
        for eq in result.equilibria
    }
    assert found == {(0, 1), (0, half), (1, 0)}
    out = [eq for eq in result.equilibria if eq.profile.choice(game, "entrant")["Out"] == 1]
    assert len({eq.component for eq in out}) == 1


def test_battle_after_entry_behaviour_strategies():
    """Osborne (2004), example 4.1: the post-entry Bach-or-Stravinsky has a mixed equilibrium
    with the entrant on B with probability 2/3 and the incumbent with 1/3. Every Nash
    equilibrium reported verifies in the tree."""
    game = entry_then_battle()
    result = extensive_nash_equilibria(game)
    mixes = {
        (eq.profile.choice(game, "entrant plays")["B"], eq.profile.choice(game, "incumbent")["B"])
        for eq in result.equilibria if eq.profile.choice(game, "entrant enters")["In"] == 1
    }
    assert (1, 1) in mixes and (0, 0) in mixes
    for eq in result.equilibria:
        assert verify(game, eq.profile).is_equilibrium
    assert len({eq.profile for eq in result.equilibria}) == len(result.equilibria)


def test_three_players_pure_only_with_warning():
    """Selten (1975); payoffs of Fudenberg and Tirole (1991), figure 8.5. The pure Nash
    equilibria are (A, a, R), (A, d, R) (outcome (1, 1, 1)) and (D, a, L) (outcome (3, 3, 2))."""
    game = selten_horse()
    result = extensive_nash_equilibria(game)
    assert any("only pure equilibria" in w for w in result.warnings)
    found = {
        tuple(next(a for a, p in eq.profile.choice(game, label).items() if p == 1)
              for label in ("1", "2", "3"))
        for eq in result.equilibria
    }
    assert found == {("A", "a", "R"), ("A", "d", "R"), ("D", "a", "L")}
    assert {eq.payoffs for eq in result.equilibria} == {(1, 1, 1), (3, 3, 2)}


def test_preconditions():
    with pytest.raises(ParameterError, match=r"game\.at"):
        extensive_nash_equilibria(enforcer_game("1/2", symbolic=True))
    alone = ExtensiveFormGame.build(players=("A",), root=Decision("A", {"x": Terminal((1,))}))
    with pytest.raises(UnsupportedGameError, match="one-player"):
        extensive_nash_equilibria(alone)
