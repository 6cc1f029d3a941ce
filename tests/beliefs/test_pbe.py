"""Pure perfect Bayesian equilibria: textbook answers, hand-derived reconciliation games (ties
included), refusals, and every answer a Nash equilibrium of the reduced normal form."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.errors import UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal
from commit_calc.solvers.pure_nash import pure_nash_equilibria
from commit_calc.solvers.reduction import reduced_normal_form


def pbe(name, values=None):
    game = load_game(name).at(values)
    return game, perfect_bayesian_equilibria(game)


def plans(game, result):
    """Each equilibrium as {information set: action}."""
    return [{label: next(iter(d)) for per in e.profile.labelled(game).values()
             for label, d in per.items()} for e in result.equilibria]


def off_path(equilibrium):
    return {r.infoset: r.condition for r in equilibrium.assessment.off_path}


def test_selten_horse():
    """Selten (1975): (C, c, L) with P(d-node) >= 2/3 is the only pure PBE; (D, c, R) is a Nash
    equilibrium whose player 2 would play d (4 > 1) if reached."""
    game, result = pbe("selten-horse")
    assert plans(game, result) == [{"player1": "C", "player2": "c", "Player 3": "L"}]
    assert off_path(result.equilibria[0]) == {"Player 3": "P(C > d | Player 3) >= 2/3"}


def test_beer_quiche_textbook():
    """Cho and Kreps (1987): two pooling equilibria, no separating one. Pooling on Beer needs
    P(Weak | Quiche) >= 1/2 (duel iff 1 * P(Weak) >= 1 * P(Strong)); pooling on Quiche needs
    P(Weak | Beer) >= 1/2."""
    game, result = pbe("beer-quiche")
    found = {(p["weak"], p["strong"]): e for p, e in zip(plans(game, result), result.equilibria)}
    assert set(found) == {("Beer", "Beer"), ("Quiche", "Quiche")}
    beer, quiche = found[("Beer", "Beer")], found[("Quiche", "Quiche")]
    assert off_path(beer) == {"Quiche": "P(Weak | Quiche) >= 1/2"}
    assert off_path(quiche) == {"Beer": "P(Weak | Beer) >= 1/2"}
    assert beer.assessment.labelled(game)["Beer"] == {"weak_beer": F(1, 10),
                                                       "strong_beer": F(9, 10)}
    assert all(e.classification == "pooling" for e in result.equilibria)


COSTS = ("signal_cost_committed", "signal_cost_opportunistic")


def separating(values):
    game, result = pbe("costly-implementation", values)
    return [e for e in result.equilibria if e.classification == "separating"]


@pytest.mark.parametrize(("committed", "opportunistic", "expected"), [
    (100, 900, True),      # inside: 100 <= 600 - 250 = 350 and 900 >= 600 + 400 - 200 = 800
    (350, 800, True),      # on both boundaries (ties: each type indifferent)
    (351, 900, False),     # the committed type would rather take no step
    (100, 799, False),     # the opportunistic type would mimic
    (0, 800, True),
    (350, 10_000, True),
])
def test_costly_implementation_separating_iff(committed, opportunistic, expected):
    """Hand derivation (the issue's item 5): with beliefs Committed after Implement and
    Opportunistic after No step the rebels disarm after Implement (650 > 0) and refuse after
    No step (-1000 < 0); the committed type implements iff 1000 - 250 - c_C >= 1000 - 600, i.e.
    c_C <= war_cost - salary = 350; the opportunistic one takes no step iff 1000 - 600 >=
    1000 + 400 - 200 - c_O, i.e. c_O >= war_cost + renege_gain - patrol_cost = 800."""
    found = separating(dict(zip(COSTS, (committed, opportunistic))))
    assert bool(found) == expected
    if expected:
        [equilibrium] = found
        assert equilibrium.assessment.off_path == ()


def test_costly_implementation_pooling_on_no_step():
    """Pooling on No step with refusal: P(Committed) = 1/2 gives 1/2 * 650 - 1/2 * 1000 < 0, so
    the rebels refuse; after Implement they must refuse too, which needs
    650 P(C) - 1000 P(O) <= 0, i.e. P(Opportunistic | Implement) >= 650/1650 = 13/33."""
    game, result = pbe("costly-implementation")
    [pooling] = [e for e in result.equilibria if e.classification == "pooling"]
    assert off_path(pooling) == {"Implement": "P(Opportunistic | Implement) >= 13/33"}
    assert pooling.refinements == {"intuitive_criterion": False, "d1": False}


def test_costly_implementation_tie_when_exile_is_as_bad_as_a_renege():
    """exile_payoff = -1000 = U_N: Disarm gives 650 P(C) - 1000 P(O) >= -1000 = Refuse for every
    belief, with equality only at P(O) = 1. Three pure PBE: the separating one; pooling on No
    step with Disarm everywhere (any belief after Implement); pooling on No step with Refuse
    after Implement, which needs P(Opportunistic | Implement) = 1 exactly. (Disarm after No
    step in the separating profile would make the committed type skip the step: 750 > 650.)"""
    game, result = pbe("costly-implementation", {"exile_payoff": -1000})
    found = {(p["committed"], p["opportunistic"], p["Implement"], p["No step"]): e
             for p, e in zip(plans(game, result), result.equilibria)}
    assert set(found) == {("Implement", "No step", "Disarm", "Refuse"),
                          ("No step", "No step", "Disarm", "Disarm"),
                          ("No step", "No step", "Refuse", "Disarm")}
    assert off_path(found[("No step", "No step", "Disarm", "Disarm")]) == {
        "Implement": "any belief"}
    assert off_path(found[("No step", "No step", "Refuse", "Disarm")]) == {
        "Implement": "P(Opportunistic | Implement) = 1"}


def test_reputation_pure_when_prior_high():
    """prior 2/3 >= 20/33: cohort 2 joins after Honor (2/3 * 650 - 1/3 * 1000 = 100 > 0), so the
    opportunistic regime honours the first cohort (750 + 9/10 * 1200 = 1830 > 1200 + 9/10 * 400
    = 1560) and reneges on the second; beliefs after the unreached Refuse follow by Bayes'
    rule from the first cohort's set: the prior."""
    game, result = pbe("reputation-two-cohorts")
    [equilibrium] = result.equilibria
    plan = plans(game, result)[0]
    assert plan["Cohort 1"] == "Join" and plan["regime1_opportunistic"] == "Honor"
    assert plan["Cohort 2 after Refuse"] == "Join"
    assert off_path(equilibrium) == {
        "Cohort 2 after Refuse": "P(Committed | Cohort 2 after Refuse) = 2/3 (Bayes' rule)"}


def test_reputation_no_pure_equilibrium_when_prior_low():
    """prior 1/2 < 20/33: if the opportunistic regime honours, cohort 2 believes the prior after
    Honor and refuses, so honouring does not pay (750 + 360 < 1560); if it reneges, Bayes' rule
    after Join and Honor says Committed for sure, cohort 2 joins and honouring pays (1830 >
    1560). Only a mixed equilibrium exists."""
    _, result = pbe("reputation-two-cohorts", {"prior_committed": "1/2"})
    assert result.equilibria == ()
    assert result.warnings[-1].startswith("no pure-strategy perfect Bayesian equilibrium exists")


@pytest.mark.parametrize("name", ["selten-horse", "beer-quiche", "costly-implementation",
                                  "job-market-signalling", "reputation-two-cohorts",
                                  "entry-deterrence", "kreps-trust", "disarm-trust",
                                  "enforcer-reliability", "strategic-enforcer"])
def test_every_pbe_is_a_nash_equilibrium_of_the_reduced_normal_form(name):
    game, result = pbe(name)
    reduced = reduced_normal_form(game)
    nash_payoffs = {e.payoffs for e in pure_nash_equilibria(reduced.game).equilibria}
    for equilibrium in result.equilibria:
        assert equilibrium.payoffs in nash_payoffs


def test_perfect_information_pbe_are_the_subgame_perfect_equilibria():
    """With perfect information every set is a single node: PBE = SPE (ties included)."""
    from commit_calc.solvers.backward_induction import backward_induction

    for name, values in [("ultimatum", None), ("disarm-trust", {"renege_gain": 0,
                                                                "patrol_cost": 250})]:
        game = load_game(name).at(values)
        ours = {e.profile for e in perfect_bayesian_equilibria(game).equilibria}
        assert ours == {e.profile for e in backward_induction(game).equilibria}


def test_bayes_rule_after_a_deviation_followed_by_chance():
    """Player 1 stays Out; after In chance picks A or B with 1/4, 3/4 and player 2 cannot tell:
    Bayes' rule applies after the deviation, so player 2 believes (1/4, 3/4), not anything."""
    inner = Chance({"A": ("1/4", Decision("P2", {"x": Terminal((2, 1)), "y": Terminal((0, 0))},
                                          infoset="P2")),
                    "B": ("3/4", Decision("P2", {"x": Terminal((2, 0)), "y": Terminal((0, 1))},
                                          infoset="P2"))})
    game = ExtensiveFormGame.build(players=("P1", "P2"), root=Decision(
        "P1", {"Out": Terminal((1, 0)), "In": inner}, name="p1"))
    result = perfect_bayesian_equilibria(game)
    # P2 plays y (3/4 > 1/4), so In gives P1 0 < 1: Out.
    [equilibrium] = result.equilibria
    assert off_path(equilibrium) == {"P2": "P(A | P2) = 1/4 (Bayes' rule)"}


def test_refuses_too_many_profiles():
    node = Terminal((0, 0))
    for k in range(17):
        node = Decision("AB"[k % 2], {"Stop": Terminal((0, 0)), "Go": node})
    game = ExtensiveFormGame.build(players=("A", "B"), root=node)
    with pytest.raises(UnsupportedGameError, match="131072 pure behaviour profiles, more than "
                       "the 100,000"):
        perfect_bayesian_equilibria(game)


def test_refuses_beliefs_tied_to_free_beliefs():
    """Player 2's set after L or R is unreached and free; player 3's set after u follows it,
    so its beliefs would follow by Bayes' rule from player 2's: not decided."""
    def after(side):
        return Decision("P2", {
            "u": Decision("P3", {"a": Terminal((0, 0, 1)), "b": Terminal((0, 0, 0))},
                          infoset="P3"),
            "v": Terminal((0, 1, 0))}, infoset="P2")
    game = ExtensiveFormGame.build(players=("P1", "P2", "P3"), root=Decision(
        "P1", {"Out": Terminal((5, 0, 0)), "L": after("L"), "R": after("R")}, name="p1"))
    with pytest.raises(UnsupportedGameError, match="beliefs at information set 'P3' follow"):
        perfect_bayesian_equilibria(game)


def test_listing_is_capped_with_a_warning():
    """Every one of the 2^12 profiles of an all-zero game is an equilibrium: only the first
    ones are listed (the work is bounded), and a warning says there are more."""
    node = Terminal((0, 0))
    for k in range(12):
        node = Decision("AB"[k % 2], {"Stop": Terminal((0, 0)), "Go": node})
    game = ExtensiveFormGame.build(players=("A", "B"), root=node)
    result = perfect_bayesian_equilibria(game, max_equilibria=20)
    assert len(result.equilibria) == 20
    assert "more than 20 perfect Bayesian equilibria exist" in result.warnings[-1]


def test_refuses_a_tree_too_large_to_check():
    node = Terminal((0, 0))
    for k in range(300):
        node = Decision("AB"[k % 2], {"Go": node, "Stop": Terminal((0, 0))}, infoset=f"s{k}")
    game = ExtensiveFormGame.build(players=("A", "B"), root=node)
    with pytest.raises(UnsupportedGameError, match="the tree has 601 nodes, more than the 500"):
        perfect_bayesian_equilibria(game)
