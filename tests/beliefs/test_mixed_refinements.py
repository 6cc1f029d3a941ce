"""The Intuitive Criterion and D1 applied to mixed (semi-separating, hybrid) equilibria: each
type's equilibrium payoff is its expected payoff, and only unsent messages are tested."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from signalling_games import random_signalling_game, signalling_game

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria

F = Fraction
TWO_THIRDS = F(2, 3)


def beer_quiche(steak: int | None = None, weak: Fraction = TWO_THIRDS):
    """Cho and Kreps' (1987, section II) beer-quiche game (payoffs as in the catalog: 1 for
    the breakfast of one's type, 2 if there is no duel; the receiver gets 1 for dueling the
    Weak type or leaving the Strong one alone) with prior ``weak`` on the Weak type; with
    ``steak``, a third breakfast that the Strong type values at ``steak`` and the Weak type
    at -2."""
    messages = ["Beer", "Quiche"] + (["Steak"] if steak is not None else [])
    weak_payoff = [[(0, 1), (2, 0)], [(1, 1), (3, 0)]]
    strong_payoff = [[(1, 0), (3, 1)], [(0, 0), (2, 1)]]
    if steak is not None:
        weak_payoff.append([(-2, 1), (0, 0)])
        strong_payoff.append([(steak, 0), (steak + 2, 1)])
    return signalling_game(["Weak", "Strong"], messages, ["Duel", "Don't"],
                           [weak, 1 - weak], [weak_payoff, strong_payoff])


def strategies(game, equilibrium):
    """``{information set: {action: probability}}`` with the zeros dropped."""
    return {label: {a: F(str(p)) for a, p in d.items() if p != 0}
            for per in equilibrium.profile.labelled(game).values()
            for label, d in per.items()}


def hybrids(game):
    return [e for e in perfect_bayesian_equilibria(game, mixed=True).equilibria
            if e.classification == "semi-separating"]


def test_beer_quiche_hybrid_sends_every_message():
    """Beer-quiche with P(Weak) = 2/3 (Cho and Kreps 1987; the hybrid solved by hand): no
    pure equilibrium; the Strong type drinks beer, the Weak type mixes 1/2 so that
    P(Weak | Beer) = 1/2, the receiver duels after quiche and mixes 1/2 after beer (the Weak
    type's 1 from quiche and a duel equals 2 (1 - 1/2) from beer). Both messages are sent, so
    neither criterion has an unsent message to test: the equilibrium survives both."""
    game = beer_quiche()
    result = perfect_bayesian_equilibria(game, mixed=True)
    [e] = result.equilibria
    assert e.classification == "semi-separating"
    plan = strategies(game, e)
    assert plan["type Weak"] == {"Beer": F(1, 2), "Quiche": F(1, 2)}
    assert plan["after Beer"] == {"Duel": F(1, 2), "Don't": F(1, 2)}
    assert e.refinements == {"intuitive_criterion": True, "d1": True}


def test_hybrid_fails_both_at_the_unsent_steak():
    """The same with a third breakfast, Steak, unsent: worth 1 to the Strong type and -2 to
    the Weak one. The hybrid stands if the receiver duels after Steak with probability
    d >= 1/2 (Strong: 1 + 2 (1 - d) <= its expected 1 + 2 * 1/2 = 2). By hand: the Weak
    type's equilibrium payoff 1 beats its best at Steak (0), the Strong type's expected 2 is
    below 3, what it gets once the receiver, believing Strong, does not duel: the Intuitive
    Criterion fails; D1 rules the Weak type out, and no belief on the Strong type makes a
    duel a best response: D1 fails (both extreme points)."""
    found = hybrids(beer_quiche(steak=1))
    assert {strategies(beer_quiche(steak=1), e)["after Steak"]["Duel"] for e in found} == {
        F(1), F(1, 2)}
    for e in found:
        assert e.refinements == {"intuitive_criterion": False, "d1": False}
        reason = e.refinement_reasons["intuitive_criterion"]
        assert reason.startswith(
            "the Strong type gains by deviating to Steak whenever the reply is Don't")
        assert "the Weak type never gains by it" in reason
        assert reason.endswith("(equilibrium payoffs, expected over the mixing: Weak 1, "
                               "Strong 2)")
        assert e.refinement_reasons["d1"].startswith(
            "the Weak type is ruled out after Steak")


def test_the_expected_payoff_is_the_benchmark():
    """Steak worth 0 to the Strong type: at Steak without a duel it gets 0 + 2 = 2, exactly
    its expected equilibrium payoff (1/2 * 3 + 1/2 * 1), so it does not strictly gain and the
    hybrid survives the Intuitive Criterion (measured against the payoff of the on-path
    outcome with or without a duel, 1 or 3, the verdict would differ). D1 still rules the
    Weak type out (it never gains at Steak), and after Steak the only reply to a belief on
    the Strong type is Don't: the extreme point that duels there fails D1, the one that does
    not survives."""
    game = beer_quiche(steak=0)
    found = {strategies(game, e)["after Steak"].get("Duel", F(0)): e for e in hybrids(game)}
    assert set(found) == {F(1), F(0)}
    assert found[F(1)].refinements == {"intuitive_criterion": True, "d1": False}
    assert found[F(0)].refinements == {"intuitive_criterion": True, "d1": True}


def canonical(game, result):
    """Each equilibrium as its strategies by label with its classification and verdicts."""
    return {(frozenset((label, a, p) for label, d in strategies(game, e).items()
                       for a, p in d.items()),
             e.classification, tuple(sorted(e.refinements.items())))
            for e in result.equilibria}


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False))
def test_relabelling_keeps_mixed_verdicts(rng):
    """Relabelling types, messages and responses changes no equilibrium nor any verdict."""
    game, payoff, priors = random_signalling_game(rng, messages=3, responses=2)
    nt, nm, nr = len(payoff), len(payoff[0]), len(payoff[0][0])
    names = ([f"t{i}" for i in range(nt)], [f"m{j}" for j in range(nm)],
             [f"r{k}" for k in range(nr)])
    order_t, order_m, order_r = (rng.sample(range(n), n) for n in (nt, nm, nr))
    shuffled = [[[payoff[i][j][k] for k in order_r] for j in order_m] for i in order_t]
    again = signalling_game([names[0][i] for i in order_t], [names[1][j] for j in order_m],
                            [names[2][k] for k in order_r], [priors[i] for i in order_t],
                            shuffled)
    assert canonical(game, perfect_bayesian_equilibria(game, mixed=True)) == canonical(
        again, perfect_bayesian_equilibria(again, mixed=True))
