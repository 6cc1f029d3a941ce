"""Pure Nash equilibria: known games from the literature and a brute-force property check."""

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.errors import ParameterError
from commit_calc.model import NormalFormGame, Parameter
from commit_calc.solvers.mixed_nash import extreme_equilibria
from commit_calc.solvers.pure_nash import pure_nash_equilibria
from commit_calc.solvers.verify import verify


def profiles(result):
    return [e.profile.labelled(result.game) for e in result.equilibria]


def pure_labels(result):
    return [
        tuple(next(iter(choice)) for choice in e.profile.labelled(result.game).values())
        for e in result.equilibria
    ]


def test_prisoners_dilemma_has_only_mutual_finking(prisoners_dilemma):
    """Osborne (2004), section 2.2: (Fink, Fink) is the unique Nash equilibrium."""
    result = pure_nash_equilibria(prisoners_dilemma)
    assert pure_labels(result) == [("Fink", "Fink")]
    assert result.equilibria[0].payoffs == (1, 1)
    assert (result.concept, result.method, result.exact) == ("nash", "pure-enumeration", True)


def test_matching_pennies_has_no_pure_equilibrium(matching_pennies):
    """Osborne (2004), section 2.7: no pure-strategy equilibrium."""
    assert pure_nash_equilibria(matching_pennies).equilibria == ()


def test_battle_of_the_sexes_has_two_pure_equilibria(battle_of_the_sexes):
    """Osborne (2004), section 2.7: (Bach, Bach) and (Stravinsky, Stravinsky)."""
    result = pure_nash_equilibria(battle_of_the_sexes)
    assert pure_labels(result) == [("Bach", "Bach"), ("Stravinsky", "Stravinsky")]


def test_entry_deterrence_pure_equilibria(entry_deterrence):
    """Mas-Colell, Whinston and Green (1995), section 9.B: (Out, Fight) and (In, Accommodate);
    only the second is subgame perfect, but both are Nash equilibria."""
    result = pure_nash_equilibria(entry_deterrence)
    assert pure_labels(result) == [("Out", "Fight"), ("In", "Accommodate")]


def test_three_player_coordination():
    """Pure coordination among three players (Schelling 1960, ch. 3): everyone gets 1 when
    all choose alike, else 0; the equilibria are exactly the two unanimous profiles."""
    def payoff(a, b, c):
        return int(a == b == c)

    arrays = [[[[payoff(a, b, c) for c in range(2)] for b in range(2)] for a in range(2)]] * 3
    game = NormalFormGame.from_arrays(arrays, strategies=(("A", "B"),) * 3)
    assert pure_labels(pure_nash_equilibria(game)) == [("A", "A", "A"), ("B", "B", "B")]


def test_seltens_horse_in_strategic_form():
    """Selten's horse (Selten 1975, Int. J. Game Theory 4, fig. 1; payoffs as in Fudenberg and
    Tirole 1991, ch. 8). Player 1 plays C or D, player 2 (after C) c or d, player 3 (not
    knowing whether D or C-then-d was played) L or R. Outcomes: C,c -> (1,1,1); C,d,L ->
    (4,4,0); C,d,R -> (1,1,1); D,L -> (3,3,2); D,R -> (0,0,0). The pure equilibria are
    (C, c, R), (C, d, R) and (D, c, L); only the first is (trembling-hand) perfect."""
    def outcome(one, two, three):
        if one == "D":
            return (3, 3, 2) if three == "L" else (0, 0, 0)
        if two == "c":
            return (1, 1, 1)
        return (4, 4, 0) if three == "L" else (1, 1, 1)

    labels = (("C", "D"), ("c", "d"), ("L", "R"))
    table = {p: outcome(*p) for p in itertools.product(*labels)}
    game = NormalFormGame.from_dict(table, players=("1", "2", "3"), strategies=labels)
    result = pure_nash_equilibria(game)
    assert pure_labels(result) == [("C", "c", "R"), ("C", "d", "R"), ("D", "c", "L")]
    assert [e.payoffs for e in result.equilibria] == [(1, 1, 1), (1, 1, 1), (3, 3, 2)]


def test_fractional_and_huge_payoffs_are_exact():
    """Payoffs that differ by less than float precision, and beyond int64, still decide."""
    tiny = Fraction(1, 10**30)
    game = NormalFormGame.from_matrices(
        [[1 + tiny, 1], [1, 1 + tiny]], [[2**70, 2**70 + 1], [2**70 + 1, 2**70]]
    )
    assert pure_nash_equilibria(game).equilibria == ()
    game = NormalFormGame.from_matrices([["1/3", 0], [0, "1/3"]], [[2**70, 0], [0, 2**70]])
    assert [e.payoffs for e in pure_nash_equilibria(game).equilibria] == [
        (Fraction(1, 3), 2**70)
    ] * 2


def test_refuses_a_game_with_unset_parameters():
    game = NormalFormGame.from_matrices(
        [["cost", 0], [1, 1]], [[1, 0], [0, 1]], parameters=[Parameter("cost", default=2)]
    )
    with pytest.raises(ParameterError, match=r"pure_nash_equilibria\(\).*cost.*game\.at"):
        pure_nash_equilibria(game)
    assert len(pure_nash_equilibria(game.at()).equilibria) == 2


def brute_force_pure_equilibria(arrays, shape):
    """Profiles where no player gains by any unilateral pure deviation, by definition."""
    found = []
    for profile in itertools.product(*(range(size) for size in shape)):
        stable = all(
            arrays[p][profile] >= arrays[p][profile[:p] + (k,) + profile[p + 1:]]
            for p in range(len(shape))
            for k in range(shape[p])
        )
        if stable:
            found.append(profile)
    return found


@st.composite
def games(draw, min_players=2, max_players=3):
    players = draw(st.integers(min_players, max_players))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(players))
    size = 1
    for s in shape:
        size *= s
    arrays = []
    for _ in range(players):
        flat = draw(st.lists(st.integers(-2, 2), min_size=size, max_size=size))
        arrays.append(_nest(flat, shape))
    return NormalFormGame.from_arrays(arrays)


def _nest(flat, shape):
    if len(shape) == 1:
        return list(flat)
    step = len(flat) // shape[0]
    return [_nest(flat[k * step:(k + 1) * step], shape[1:]) for k in range(shape[0])]


@settings(max_examples=60, deadline=None)
@given(games())
def test_matches_brute_force_and_verifies(game):
    """The vectorised check finds exactly the profiles the definition gives, each with zero
    regret under the independent exact check."""
    result = pure_nash_equilibria(game)
    arrays = game.numeric_payoffs()
    expected = brute_force_pure_equilibria(arrays, game.shape)
    assert [e.profile.support() for e in result.equilibria] == [
        tuple((k,) for k in profile) for profile in expected
    ]
    for equilibrium in result.equilibria:
        assert verify(game, equilibrium.profile).is_equilibrium


@settings(max_examples=40, deadline=None)
@given(games(max_players=2))
def test_pure_equilibria_are_among_extreme_equilibria(game):
    """Every pure equilibrium is a vertex of the equilibrium set, so extreme."""
    extreme = {e.profile for e in extreme_equilibria(game).equilibria}
    assert {e.profile for e in pure_nash_equilibria(game).equilibria} <= extreme
