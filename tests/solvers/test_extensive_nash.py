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


def test_three_players_mixed_search_with_continua_named():
    """Selten (1975); payoffs of Fudenberg and Tirole (1991), figure 8.5. The pure Nash
    equilibria are (A, a, R), (A, d, R) (outcome (1, 1, 1)) and (D, a, L) (outcome (3, 3, 2));
    player 2 may mix a and d in each (any mix beside A and R; up to 2/3 on d beside D and L),
    continua the exact n-player search names in its warnings."""
    game = selten_horse()
    result = extensive_nash_equilibria(game)
    assert not any("only pure equilibria" in w for w in result.warnings)
    assert sum("continuum" in w for w in result.warnings) == 2
    assert any("(0, 2/3]" in w for w in result.warnings)
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


def _three_in_the_dark() -> ExtensiveFormGame:
    """The three-player game of ``verify_algebraic``'s example (its only totally mixed
    equilibrium has every player on the first strategy with probability sqrt(2) - 1) as a
    tree in which each player moves without seeing the others' moves."""
    table = {(0, 0, 0): (0, 0, 2), (0, 0, 1): (1, -1, 0), (0, 1, 0): (-1, 0, 0),
             (1, 0, 0): (0, 1, 0), (1, 1, 0): (0, 0, -1)}

    def third(i: int, j: int) -> Decision:
        return Decision("3", {a: Terminal(table.get((i, j, k), (0, 0, 0)))
                              for k, a in enumerate("ab")}, infoset="I3")

    def second(i: int) -> Decision:
        return Decision("2", {"a": third(i, 0), "b": third(i, 1)}, infoset="I2")

    return ExtensiveFormGame.build(players=("1", "2", "3"),
                                   root=Decision("1", {"a": second(0), "b": second(1)}))


def test_three_player_tree_lists_its_irrational_equilibrium():
    game = _three_in_the_dark()
    result = extensive_nash_equilibria(game)
    p = sympy.sqrt(2) - 1
    irrational = [eq for eq in result.equilibria
                  if eq.profile.probabilities == ((p, 1 - p),) * 3]
    assert len(irrational) == 1
    assert irrational[0].regrets == (0, 0, 0)
    assert sum(o.probability for o in irrational[0].outcomes) == 1
    assert sympy.expand(irrational[0].outcomes[0].probability - p**3) == 0
    assert not any("irrational" in w for w in result.warnings)


def test_subgame_perfection_names_the_irrational_equilibria_it_cannot_carry():
    from commit_calc.solvers.subgame_perfect import subgame_perfect_equilibria

    result = subgame_perfect_equilibria(_three_in_the_dark())
    assert all(p.is_Rational for eq in result.equilibria
               for d in eq.profile.probabilities for p in d)
    assert any("1 of its equilibria have irrational probabilities" in w
               for w in result.warnings)


def test_three_player_tree_beyond_the_mixed_search_gets_pure_equilibria_and_a_warning():
    """Reduced strategies 4 x 3 x 3 (7 unknown probabilities, above the exact search's 6)."""
    def leaf(k: int) -> Terminal:
        return Terminal(((k * 7) % 5, (k * 3) % 4, (k * 5) % 3))

    count = iter(range(100))
    third = lambda: Decision("3", {a: leaf(next(count)) for a in "xyz"}, infoset="I3")  # noqa: E731
    second = lambda: Decision("2", {a: third() for a in "xyz"}, infoset="I2")  # noqa: E731
    game = ExtensiveFormGame.build(players=("1", "2", "3"),
                                   root=Decision("1", {a: second() for a in "pqrs"}))
    result = extensive_nash_equilibria(game)
    assert any("beyond the limits of the exact mixed search" in w for w in result.warnings)
    assert all(p in (0, 1) for eq in result.equilibria
               for d in eq.profile.probabilities for p in d)
