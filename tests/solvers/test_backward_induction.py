"""Backward induction: known subgame-perfect equilibria, ties, chance, deep trees, properties."""

from __future__ import annotations

import itertools

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textbook_trees import (
    centipede,
    enforcer_game,
    entry_deterrence,
    selten_horse,
    trust_game,
    ultimatum,
)

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.solvers.backward_induction import backward_induction
from commit_calc.solvers.reduction import reduced_normal_form
from commit_calc.solvers.verify import verify, verify_subgame_perfect


def choices(game, result):
    """Each equilibrium as {infoset: action} (pure)."""
    found = []
    for eq in result.equilibria:
        labelled = eq.profile.labelled(game)
        found.append({
            label: next(iter(dist)) for player in labelled.values()
            for label, dist in player.items()
        })
    return found


def test_trust_game():
    """Kreps (1990): the trustee would abuse, so the trustor does not trust; payoffs (0, 0)."""
    game = trust_game()
    result = backward_induction(game)
    assert (result.concept, result.method) == ("spe", "backward-induction")
    assert choices(game, result) == [{"trustor": "No trust", "trustee": "Abuse"}]
    (eq,) = result.equilibria
    assert eq.payoffs == (0, 0)
    assert [(o.path, o.probability) for o in eq.outcomes] == [(("No trust",), 1)]
    assert result.warnings == ()


def test_entry_deterrence_spe_is_in_accommodate_and_fight_threat_is_not():
    """Selten (1978): the only SPE is (In, Accommodate); (Out, Fight) is a Nash equilibrium
    (regret 0 in the whole game) but not subgame perfect."""
    game = entry_deterrence()
    result = backward_induction(game)
    assert choices(game, result) == [{"entrant": "In", "incumbent": "Accommodate"}]
    assert result.equilibria[0].payoffs == (1, 1)
    threat = BehaviourProfile.from_labels(game, {"entrant": "Out", "incumbent": "Fight"})
    assert verify(game, threat).is_equilibrium
    assert not verify_subgame_perfect(game, threat).is_equilibrium


def test_centipede_four_moves_everyone_takes():
    """Rosenthal (1981): backward induction takes at every move, off the path too."""
    game = centipede(4)
    result = backward_induction(game)
    assert choices(game, result) == [{f"move{k}": "Take" for k in range(1, 5)}]
    assert result.equilibria[0].payoffs == (2, 0)


def test_centipede_ten_thousand_moves_no_recursion_limit():
    """A 10^4-move centipede: iterative kernel and checks, the first mover takes at once."""
    game = centipede(10_000)
    (eq,) = backward_induction(game).equilibria
    assert eq.outcomes[0].path == ("Take",)
    assert eq.payoffs == (2, 0)
    assert all(d == (1, 0) for d in eq.profile.probabilities)


def test_indifferent_trustee_gives_two_equilibria_with_different_outcomes():
    """A tie below changes the choice above: an indifferent trustee (Honor pays 2 like Abuse)
    supports both (Trust, Honor) and (No trust, Abuse)."""
    game = trust_game(honor_to_trustee=2)
    result = backward_induction(game)
    found = choices(game, result)
    assert sorted(map(sorted, (d.items() for d in found))) == sorted([
        sorted({"trustor": "Trust", "trustee": "Honor"}.items()),
        sorted({"trustor": "No trust", "trustee": "Abuse"}.items()),
    ])
    assert {eq.payoffs for eq in result.equilibria} == {(1, 2), (0, 0)}
    assert any("'trustee'" in w for w in result.warnings)


def test_ultimatum_with_whole_units_has_two_equilibria():
    """Osborne (2004), section 6.1.1: with discrete amounts the responder is indifferent at
    offer 0, so there are two SPE: offer 0 accepted, or offer 1 with 0 rejected."""
    game = ultimatum(2)
    result = backward_induction(game)
    found = choices(game, result)
    assert len(found) == 2
    assert {f["propose"] for f in found} == {"offer 0", "offer 1"}
    for f in found:
        assert f["respond 1"] == f["respond 2"] == "Accept"
        assert f["respond 0"] == ("Accept" if f["propose"] == "offer 0" else "Reject")
    assert {eq.payoffs for eq in result.equilibria} == {(2, 0), (1, 1)}
    assert any("'respond 0'" in w for w in result.warnings)


def test_chance_node_expected_payoffs_are_exact():
    """Reliability 1/2: Disarm gives the rebels 3/2 > 1 and the regime 3/2 + 2 = 7/2."""
    game = enforcer_game("1/2")
    (eq,) = backward_induction(game).equilibria
    assert eq.payoffs == (sympy.Rational(3, 2), sympy.Rational(7, 2))
    assert {o.path: o.probability for o in eq.outcomes} == {
        ("Disarm", "Reliable"): sympy.Rational(1, 2),
        ("Disarm", "Unreliable", "Renege"): sympy.Rational(1, 2),
    }


def test_chance_node_tie_at_one_third():
    """Reliability 1/3 makes Disarm worth exactly 3 * 1/3 = 1 = Stay armed: two SPE, the
    regime's expected payoff after Disarm is 1/3 * 3 + 2/3 * 4 = 11/3."""
    result = backward_induction(enforcer_game("1/3"))
    assert {eq.payoffs for eq in result.equilibria} == {
        (1, sympy.Rational(11, 3)), (1, 1)
    }


def test_cap_lists_first_equilibria_and_counts_all():
    """12 independent indifferent movers behind a chance node: 2^12 SPE, counted exactly."""
    game = ExtensiveFormGame.build(players=("A", "B"), root=Chance({
        f"c{k}": ("1/12", Decision("A", {"x": Terminal((0, k)), "y": Terminal((0, -k))}))
        for k in range(12)
    }))
    result = backward_induction(game, max_equilibria=10)
    assert len(result.equilibria) == 10
    assert any("4096 subgame-perfect equilibria" in w for w in result.warnings)
    assert len({eq.profile for eq in result.equilibria}) == 10


def test_imperfect_information_is_refused_with_a_pointer():
    with pytest.raises(UnsupportedGameError, match="subgame_perfect_equilibria"):
        backward_induction(selten_horse())


def test_symbolic_game_is_refused_with_a_pointer():
    with pytest.raises(ParameterError, match=r"game\.at"):
        backward_induction(enforcer_game("1/2", symbolic=True))
    (eq,) = backward_induction(enforcer_game("1/2", symbolic=True).at()).equilibria
    assert eq.payoffs == (sympy.Rational(3, 2), sympy.Rational(7, 2))


# Properties on random small trees ---------------------------------------------------------------


@st.composite
def small_trees(draw, max_nodes=9):
    """Random perfect-information trees, 2 players, payoffs in 0..2 (so ties are common),
    chance nodes with probabilities 1/3, 2/3."""
    budget = [draw(st.integers(1, max_nodes))]

    def build(depth):
        if budget[0] <= 0 or depth > 3 or draw(st.integers(0, 3)) == 0:
            return Terminal((draw(st.integers(0, 2)), draw(st.integers(0, 2))))
        budget[0] -= 1
        if draw(st.integers(0, 4)) == 0:
            return Chance({"h": ("1/3", build(depth + 1)), "t": ("2/3", build(depth + 1))})
        player = draw(st.sampled_from(("A", "B")))
        width = draw(st.integers(2, 3))
        return Decision(player, {f"a{k}": build(depth + 1) for k in range(width)})

    return ExtensiveFormGame.build(players=("A", "B"), root=build(0))


def all_pure_profiles(game):
    for combination in itertools.product(*(range(len(i.actions)) for i in game.infosets)):
        yield BehaviourProfile.trusted(tuple(
            tuple(sympy.Integer(int(a == c)) for a in range(len(i.actions)))
            for c, i in zip(combination, game.infosets)
        ))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_trees())
def test_every_spe_is_found_exactly_once(game):
    """The listed SPE are exactly the pure profiles that pass the independent subgame-perfect
    check, found by brute force over all pure behaviour profiles."""
    result = backward_induction(game, max_equilibria=10**6)
    listed = [eq.profile.probabilities for eq in result.equilibria]
    assert len(listed) == len(set(listed))
    brute = {
        p.probabilities for p in all_pure_profiles(game)
        if verify_subgame_perfect(game, p).is_equilibrium
    }
    assert set(listed) == brute
    for eq in result.equilibria:
        assert verify_subgame_perfect(game, eq.profile).max_regret == 0


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_trees())
def test_every_spe_is_a_nash_equilibrium_of_the_reduced_normal_form(game):
    """Every SPE is a Nash equilibrium; mapped to reduced strategies it passes ``verify`` in
    the reduced normal form."""
    reduced = reduced_normal_form(game)
    for eq in backward_induction(game, max_equilibria=50).equilibria:
        plans = [{} for _ in game.players]
        for infoset, dist in zip(game.infosets, eq.profile.probabilities):
            plans[game.players.index(infoset.player)][infoset.label] = \
                infoset.actions[dist.index(1)]
        pure = [reduced.strategy_of(p, plan) for p, plan in enumerate(plans)]
        check = verify(reduced.game, MixedProfile.pure(reduced.game, pure))
        assert check.is_equilibrium
        assert check.payoffs == eq.payoffs


def test_ties_name_only_indifferent_movers():
    """Ultimatum in whole units (Osborne 2004, 5.5): only the responder offered 0 is
    indifferent; the proposer strictly prefers offer 0 or offer 1 depending on that choice,
    so it is not named, though its choice differs between the two equilibria."""
    from commit_calc.io import load_game

    result = backward_induction(load_game("ultimatum").at())
    assert len(result.equilibria) == 2
    (warning,) = [w for w in result.warnings if "indifferent" in w]
    assert "'offered0'" in warning and "'proposer'" not in warning


def test_listing_of_huge_tied_trees_is_bounded():
    """A 4,000-move chain where every mover is indifferent has 2**4000 equilibria of
    4,000 choices each; listing 1,000 of them took minutes (issue 16). The listing stops at
    LISTING_BUDGET choices in all, and the count is given rounded."""
    from commit_calc.solvers.listing import LISTING_BUDGET

    node = Terminal((0, 0))
    for k in range(4000):
        node = Decision("AB"[k % 2], {"Stop": Terminal((0, 0)), "Go": node})
    game = ExtensiveFormGame.build(players=("A", "B"), root=node)
    result = backward_induction(game)
    assert len(result.equilibria) == LISTING_BUDGET // 4000
    assert any("about 1.3 x 10^1204" in w for w in result.warnings)  # 2**4000
