"""Sequence-form solvers against the reduced normal form, on catalog, textbook and random trees.

The two methods list extreme points of different sets (mixed strategies of the reduced normal
form; realisation plans), so the lists differ in general. What must agree: the pure
equilibria (pure plans are extreme in both), each player's best and worst equilibrium payoff
(a linear function peaks at an extreme point of each convex piece, in either space), and the
number of connected components (the map from mixed strategies to realisation plans is linear
onto the plans' equilibrium set, with convex fibres). Every answer is also re-checked by the
exact regret check, independently of the solvers.
"""

import math
from fractions import Fraction
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from poker_trees import kuhn_poker
from test_sequence_form import realisation_plans
from test_verify import trees
from textbook_trees import centipede, entry_deterrence, entry_then_battle, ultimatum

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.io.catalog import names
from commit_calc.model import ExtensiveFormGame
from commit_calc.solvers import extensive_nash
from commit_calc.solvers.reduction import plan_count
from commit_calc.solvers.sequence_enum import sequence_enum
from commit_calc.solvers.sequence_form import sequence_form
from commit_calc.solvers.sequence_lcp import sequence_lcp
from commit_calc.solvers.sequence_lp import sequence_lp
from commit_calc.solvers.solve import solve
from commit_calc.solvers.verify import verify


def plan_pairs(game, result):
    form = sequence_form(game)
    pairs = []
    for equilibrium in result.equilibria:
        distributions = [tuple(Fraction(int(p.p), int(p.q)) for p in d)
                         for d in equilibrium.profile.probabilities]
        pairs.append(tuple(tuple(plan) for plan in realisation_plans(form, distributions)))
    return pairs


def is_pure(pair):
    return all(v in (0, 1) for plan in pair for v in plan)


def assert_agrees_with_reduced_normal_form(game):
    with patch.object(extensive_nash, "MAX_REDUCED_STRATEGIES", 10**9):
        reduced = extensive_nash.extensive_nash_equilibria(game)
    assert reduced.method.startswith("reduced-normal-form")
    ours = sequence_enum(game)
    for equilibrium in ours.equilibria:
        assert verify(game, equilibrium.profile).is_equilibrium
    theirs_pairs, our_pairs = plan_pairs(game, reduced), plan_pairs(game, ours)
    assert len(our_pairs) == len(set(our_pairs))
    assert {p for p in our_pairs if is_pure(p)} == {p for p in theirs_pairs if is_pure(p)}
    for player in (0, 1):
        theirs = [e.payoffs[player] for e in reduced.equilibria]
        mine = [e.payoffs[player] for e in ours.equilibria]
        assert (min(mine), max(mine)) == (min(theirs), max(theirs))
    assert len({e.component for e in ours.equilibria}) == len(
        {e.component for e in reduced.equilibria})
    one = sequence_lcp(game).equilibria[0]
    assert plan_pairs(game, sequence_lcp(game))[0] in set(our_pairs)
    assert verify(game, one.profile).is_equilibrium


TEXTBOOK = [entry_deterrence(), entry_then_battle(), centipede(4), centipede(5), ultimatum(2)]


@pytest.mark.parametrize("game", TEXTBOOK, ids=lambda g: g.nodes[0].name)
def test_textbook_trees_agree_with_the_reduced_normal_form(game):
    assert_agrees_with_reduced_normal_form(game)


def catalog_trees():
    """The catalog's two-player trees small enough for the reduced normal form to be quick
    (the catalog ultimatum game, 5 x 32, takes half a minute there)."""
    for name in names():
        game = load_game(name)
        if isinstance(game, ExtensiveFormGame) and game.num_players == 2 and math.prod(
                plan_count(game, player) for player in game.players) <= 64:
            yield pytest.param(name, id=name)


@pytest.mark.parametrize("name", list(catalog_trees()))
def test_catalog_trees_agree_with_the_reduced_normal_form(name):
    assert_agrees_with_reduced_normal_form(load_game(name).at())


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_random_trees_agree_with_the_reduced_normal_form(data):
    game = data.draw(trees())
    if not any(n.is_decision for n in game.nodes):
        return
    assert_agrees_with_reduced_normal_form(game)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_random_zero_sum_trees_lp_value(data):
    """The LP's equilibrium is verified and its payoff is the value: the same as every
    equilibrium's (minimax theorem), so as each one sequence_enum lists."""
    game = data.draw(trees())
    if not any(n.is_decision for n in game.nodes):
        return
    zero_sum = _zero_sum(game)
    found = sequence_lp(zero_sum).equilibria
    assert len(found) == 1 and verify(zero_sum, found[0].profile).is_equilibrium
    assert {e.payoffs for e in sequence_enum(zero_sum).equilibria} == {found[0].payoffs}


def _zero_sum(game):
    from commit_calc.model.extensive_form import Node

    nodes = tuple(
        Node(n.index, n.name, n.kind, n.parent, n.player, n.infoset, n.actions, n.children,
             n.probabilities, (n.payoffs[0], -n.payoffs[0]) if n.is_terminal else ())
        for n in game.nodes)
    return ExtensiveFormGame(game.players, nodes)


def test_kuhn_poker_whole_equilibrium_set():
    """Kuhn (1950): player 2's strategy is unique, player 1's equilibria form one segment
    with a parameter alpha in [0, 1/3] (bet the Jack with alpha, the King with 3 alpha, call
    with the Queen with alpha + 1/3); its end points are the extreme equilibria, value -1/18."""
    game = kuhn_poker()
    result = sequence_enum(game)
    assert [e.payoffs for e in result.equilibria] == [(Fraction(-1, 18), Fraction(1, 18))] * 2
    assert {e.component for e in result.equilibria} == {1}
    bets = sorted((e.profile.choice(game, "1:J")["Bet"], e.profile.choice(game, "1:K")["Bet"],
                   e.profile.choice(game, "1:Q:cb")["Call"]) for e in result.equilibria)
    assert bets == [(0, 0, Fraction(1, 3)), (Fraction(1, 3), 1, Fraction(2, 3))]
    assert sequence_lp(game).equilibria[0].payoffs[0] == Fraction(-1, 18)
    assert sequence_lcp(game).equilibria[0].payoffs[0] == Fraction(-1, 18)


def test_default_switches_to_the_sequence_form_for_kuhn_poker():
    """The reduced normal form of Kuhn poker is 27 x 64: both --concept nash and the default
    subgame perfection now finish, saying which method was used."""
    nash = solve(kuhn_poker(), concept="nash")
    assert nash.method == "sequence-form+vertex-enumeration"
    assert any("sequence form" in w for w in nash.warnings)
    spe = solve(kuhn_poker())
    assert len(spe.equilibria) == 2 and any("sequence-enum" in w for w in spe.warnings)


@pytest.mark.parametrize("method", ["sequence-lp", "sequence-lcp", "sequence-enum"])
def test_solve_names_the_methods(method):
    result = solve(kuhn_poker(), concept="nash", method=method)
    assert result.method.startswith("sequence-form+")
    assert all(verify(result.game, e.profile).is_equilibrium for e in result.equilibria)


def test_lp_refuses_a_game_that_is_not_zero_sum():
    with pytest.raises(UnsupportedGameError, match="zero-sum"):
        sequence_lp(entry_deterrence())


def test_sequence_methods_refuse_what_they_do_not_solve():
    with pytest.raises(UnsupportedGameError, match="two-player trees"):
        solve(load_game("prisoners-dilemma"), method="sequence-enum")
    with pytest.raises(UnsupportedGameError, match="concept 'nash'"):
        solve(kuhn_poker(), concept="spe", method="sequence-lcp")
    enforcer = load_game("enforcer-reliability")
    with pytest.raises(ParameterError, match="without values"):
        sequence_enum(enforcer)
    auto = solve(entry_deterrence(), method="sequence-enum")
    assert any("subgame perfect" in w for w in auto.warnings)


def test_enumeration_stops_with_a_message_beyond_its_bound():
    from commit_calc.solvers import sequence_vertices

    with patch.object(sequence_vertices, "MAX_BASES", 5), pytest.raises(
            UnsupportedGameError, match="use method 'sequence-lcp'"):
        sequence_enum(kuhn_poker())


def test_the_enumeration_work_is_bounded_across_all_its_walks() -> None:
    """A hostile tree's walks (one polyhedron whole, a face of the other per vertex) together
    stop at a bound on the tableau updates with a one-line message; a stress run once spent
    more than 9 minutes in one enumeration. Kuhn poker needs about 217,000 updates."""
    from commit_calc.solvers import sequence_vertices

    with (patch.object(sequence_vertices.WorkBudget.__init__, "__defaults__", (100_000,)),
          pytest.raises(UnsupportedGameError, match="100,000 tableau updates") as error):
        sequence_enum(kuhn_poker())
    assert "\n" not in str(error.value) and "sequence-lcp" in str(error.value)
    assert len(sequence_enum(kuhn_poker()).equilibria) == 2
