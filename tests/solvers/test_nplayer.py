"""Exact equilibria of n-player games (solvers.nplayer_supports): games solved by hand,
properties, degenerate games, limits, trees and the output."""

from __future__ import annotations

import json
import math

import jsonschema
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.errors import UnsupportedGameError
from commit_calc.model import Decision, ExtensiveFormGame, NormalFormGame, Terminal
from commit_calc.render.schemas import load_schema
from commit_calc.render.solve import solve_document, solve_text
from commit_calc.solvers.nplayer_supports import limits_exceeded, nplayer_equilibria
from commit_calc.solvers.pure_nash import pure_nash_equilibria
from commit_calc.solvers.solve import solve
from commit_calc.solvers.verify import verify
from commit_calc.solvers.verify_algebraic import verify_algebraic

SQRT7 = sympy.sqrt(7)


def root_seven_game() -> NormalFormGame:
    """A 2x2x2 game built by hand so that its totally mixed equilibrium is irrational.

    With p, q, r the probabilities of each player's first strategy, the payoff advantage of
    the first strategy is, for player 1, ``D1 = 4q - 4r + 2`` (bilinear: its values at the
    four corners (q, r) = (1, 1), (1, 0), (0, 1), (0, 0) are 2, 6, -2, 2, the first strategy's
    payoffs; the second strategy pays 0); for player 2 ``D2 = 4r - 4p - 2`` (corners (p, r):
    -2, -6, 2, -2); for player 3 ``D3 = 4pq + 4p + 4q - 3`` (corners (p, q): 9, 1, 1, -3).
    Totally mixed: D1 = D2 = 0 give q = r - 1/2 = p, then D3 = 0 gives 4p^2 + 8p - 3 = 0,
    p = (-2 + sqrt(7))/2 = 0.3229 and r = (-1 + sqrt(7))/2 = 0.8229. With player 3 pure: r = 1
    needs D3 >= 0 and p = q = 1/2 (D3 = 2: an equilibrium); r = 0 needs p = -1/2 (none). With
    player 3 mixed and player 2 pure on b2 (q = 0), D1 = 0 gives r = 1/2, D3 = 0 gives
    p = 3/4, and D2 = 2 - 3 - 2 < 0 confirms b2: the equilibrium (3/4, 0, 1/2). No pure equilibrium
    (each corner has a profitable deviation). Three equilibria in all, as pygambit's
    ``enumpoly_solve`` finds (McKelvey and McLennan 1997 bound the totally mixed ones of a
    2x2x2 game by 2).
    """
    return NormalFormGame.from_arrays([
        [[[2, 6], [-2, 2]], [[0, 0], [0, 0]]],
        [[[-2, -6], [0, 0]], [[2, -2], [0, 0]]],
        [[[9, 0], [1, 0]], [[1, 0], [-3, 0]]],
    ], players=("A", "B", "C"), strategies=(("a1", "a2"), ("b1", "b2"), ("c1", "c2")))


def test_root_seven_game_solved_by_hand():
    found = nplayer_equilibria(root_seven_game())
    p, r = (SQRT7 - 2) / 2, (SQRT7 - 1) / 2
    half = sympy.Rational(1, 2)
    expected = [
        ((half, half), (half, half), (1, 0)),
        ((sympy.Rational(3, 4), sympy.Rational(1, 4)), (0, 1), (half, half)),
        ((p, 1 - p), (p, 1 - p), (r, 1 - r)),
    ]
    assert len(found.equilibria) == 3 and not found.warnings
    for equilibrium, profile in zip(found.equilibria, expected):
        for got, want in zip(equilibrium.profile.probabilities, profile):
            assert all(sympy.simplify(a - b) == 0 for a, b in zip(got, want))
        assert equilibrium.regrets == (0, 0, 0)
    assert [e.component for e in found.equilibria] == [1, 2, 3]
    irrational = found.equilibria[2]
    assert str(irrational.profile.probabilities[0][0]) == "-1 + sqrt(7)/2"
    assert irrational.payoffs == (0, 0, 0)
    assert sum(o.probability for o in irrational.outcomes).equals(1)


def test_json_has_exact_strings_sympy_reads_and_decimals():
    result = solve(root_seven_game())
    assert result.method == "polynomial-support-enumeration"
    document = json.loads(json.dumps(solve_document(result)))
    jsonschema.validate(document, load_schema("solve-1"))
    irrational = document["equilibria"][2]
    text = irrational["strategies"]["C"]["c1"]
    assert sympy.sympify(text) == (SQRT7 - 1) / 2
    assert math.isclose(irrational["decimals"]["strategies"]["C"]["c1"], (7**0.5 - 1) / 2)
    assert "decimals" not in document["equilibria"][0]
    assert "(0.822876)" in solve_text(result)


def test_a_cubic_equilibrium_is_a_crootof_and_checks():
    """A value of degree 3 is written with CRootOf; the independent check accepts the exact
    profile and rejects it when one probability is moved by 10^-12."""
    x = sympy.Symbol("x")
    root = sympy.CRootOf(x**3 - 3 * x - 1, 2) / 2  # 0.9397...
    game = NormalFormGame.from_arrays([np.zeros((2, 2, 2), dtype=int).tolist()] * 3)
    _, regrets = verify_algebraic(game, [(root, 1 - root)] * 3)
    assert regrets == (0, 0, 0)
    with pytest.raises(Exception, match="probability distribution"):
        verify_algebraic(game, [(root, 1 - root + sympy.Rational(1, 10**12))] * 3)


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=24, max_size=24))
def test_every_answer_is_an_equilibrium_and_pure_ones_all_there(payoffs):
    """Property: every listed profile has zero regret by the independent checks, and the pure
    equilibria are exactly those of the pure enumeration."""
    arrays = np.array(payoffs).reshape(3, 2, 2, 2).tolist()
    game = NormalFormGame.from_arrays(arrays)
    found = nplayer_equilibria(game)
    for equilibrium in found.equilibria:
        probabilities = equilibrium.profile.probabilities
        if all(p.is_Rational for d in probabilities for p in d):
            assert verify(game, equilibrium.profile).is_equilibrium
        else:
            assert verify_algebraic(game, probabilities)[1] == (0, 0, 0)
    pure = {e.profile for e in found.equilibria
            if all(p in (0, 1) for d in e.profile.probabilities for p in d)}
    assert pure == {e.profile for e in pure_nash_equilibria(game).equilibria}
    mixed = [e for e in found.equilibria
             if all(0 < p < 1 for d in e.profile.probabilities for p in d)]
    assert len(mixed) <= 2 or found.warnings  # McKelvey and McLennan (1997)


def test_a_tie_gives_an_exact_continuum():
    """Three players who all get 1 whatever happens, except that player 1 gets 0 when player 2
    plays b: with the others pure on (b, c), player 1's mixture is free: a continuum."""
    arrays = np.ones((3, 2, 2, 2), dtype=int)
    arrays[0, :, 1, :] = 0
    found = nplayer_equilibria(NormalFormGame.from_arrays(arrays.tolist()))
    assert any("any probability in (0, 1)" in w for w in found.warnings)
    assert all(e.component is None for e in found.equilibria)


def test_continua_that_cannot_be_described_are_named():
    """Every payoff 0: every profile is an equilibrium; supports where two or more
    probabilities are free are named as not analysed."""
    found = nplayer_equilibria(NormalFormGame.from_arrays(np.zeros((3, 2, 2, 2)).tolist()))
    assert len(found.equilibria) == 8
    assert any("are not isolated" in w for w in found.warnings)


def test_limits_refuse_or_fall_back_with_the_warning():
    game = NormalFormGame.from_arrays(np.zeros((3, 4, 4, 4), dtype=int).tolist())
    assert limits_exceeded(game) == (
        "a 4x4x4 game has 9 unknown probabilities, above the limit of 6")
    with pytest.raises(UnsupportedGameError, match="above the limit of 6"):
        nplayer_equilibria(game)
    result = solve(game)
    assert result.method == "pure-enumeration"
    assert any("only pure equilibria were searched (a 4x4x4 game" in w
               for w in result.warnings)


def test_time_limit_stops_with_a_warning():
    found = nplayer_equilibria(root_seven_game(), time_limit=0)
    assert not found.equilibria
    assert any("stopped at the time limit" in w for w in found.warnings)


def selten_horse() -> ExtensiveFormGame:
    """Selten (1975); payoffs of Fudenberg and Tirole (1991), figure 8.5."""
    def three(a: tuple[int, ...], b: tuple[int, ...]) -> Decision:
        return Decision("3", {"L": Terminal(a), "R": Terminal(b)}, infoset="I3")

    return ExtensiveFormGame.build(players=("1", "2", "3"), root=Decision("1", {
        "D": three((3, 3, 2), (0, 0, 0)),
        "A": Decision("2", {"d": three((4, 4, 0), (1, 1, 1)), "a": Terminal((1, 1, 1))},
                      name="n2")}, name="n1"))


def test_three_player_tree_through_its_reduced_normal_form():
    """Selten's horse: (D, a, L) holds while player 2 plays a with probability >= 1/3
    (player 1: 3 >= 4(1 - y) + y), a continuum the warnings give exactly."""
    result = solve(selten_horse(), concept="nash")
    assert result.method == "reduced-normal-form+polynomial-support-enumeration"
    assert len(result.equilibria) == 3
    assert any("2 plays a with any probability in [1/3, 1)" in w for w in result.warnings)
