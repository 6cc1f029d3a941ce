"""Equilibria of the catalog games, derived by hand, including knife-edge cases where a player
is indifferent and every subgame perfect equilibrium must be reported.

Notation: U_H = salary + amnesty + territorial = 650 and U_N = -(conscription_cost +
retribution_cost) = -1000 at the defaults; payoffs are (Rebels, Regime[, Enforcer]).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from commit_calc.io import load_game
from commit_calc.solvers.backward_induction import backward_induction
from commit_calc.solvers.mixed_nash import extreme_equilibria
from commit_calc.solvers.pure_nash import pure_nash_equilibria
from commit_calc.solvers.reduction import reduced_normal_form

F = Fraction


def spe(name: str, values: dict | None = None) -> set[tuple[frozenset, tuple]]:
    """Every pure SPE as (frozenset of (infoset, action)), payoffs)."""
    game = load_game(name).at(values)
    result = backward_induction(game)
    found = set()
    for equilibrium in result.equilibria:
        plan = set()
        for infosets in equilibrium.profile.labelled(game).values():
            for infoset, distribution in infosets.items():
                [(action, probability)] = distribution.items()
                assert probability == 1
                plan.add((infoset, action))
        found.add((frozenset(plan), tuple(F(str(v)) for v in equilibrium.payoffs)))
    assert len(found) == len(result.equilibria)
    return found


def plan(**choices: str) -> frozenset:
    return frozenset(choices.items())


def pure_payoffs(name: str, values: dict | None = None) -> set[tuple]:
    """Payoffs of the pure Nash equilibria of the game's (reduced) normal form."""
    game = load_game(name).at(values)
    table = game if not hasattr(game, "nodes") else reduced_normal_form(game).game
    return {tuple(F(str(v)) for v in eq.payoffs) for eq in pure_nash_equilibria(table).equilibria}


def extreme(name: str, values: dict | None = None) -> set[tuple]:
    game = load_game(name).at(values)
    return {tuple(tuple(F(str(p)) for p in dist) for dist in eq.profile.probabilities)
            for eq in extreme_equilibria(game).equilibria}


# reconciliation-2x2 -------------------------------------------------------------------------


def test_reconciliation_2x2_defaults():
    """Renege strictly dominates Honor (1200 > 750, 400 > 300); against Renege the rebels stay
    armed (0 > -1000). Unique equilibrium (Stay armed, Renege) with payoffs (0, 400): the
    commitment problem (Fearon 1995)."""
    assert extreme("reconciliation-2x2") == {((0, 1), (0, 1))}


def test_reconciliation_2x2_rebels_indifferent():
    """exile_payoff = -1000 = U_N: against Renege (still dominant) the rebels are indifferent,
    so every rebel mix is an equilibrium: extreme points (Disarm, Renege), (Stay, Renege)."""
    values = {"exile_payoff": -1000}
    assert extreme("reconciliation-2x2", values) == {((1, 0), (0, 1)), ((0, 1), (0, 1))}
    assert pure_payoffs("reconciliation-2x2", values) == {(-1000, 1200), (-1000, 400)}


def test_reconciliation_2x2_regime_indifferent():
    """renege_gain = 0, patrol_cost = 250, restraint_cost = 0: the regime gets 750 either way
    after Disarm and 400 either way after Stay armed. Rebels disarm iff the regime honours with
    probability q with 650 q - 1000 (1 - q) >= 0, i.e. q >= 20/33. Extreme equilibria:
    (Disarm, Honor), (Disarm, q = 20/33), (Stay armed, q = 20/33), (Stay armed, Renege)."""
    values = {"renege_gain": 0, "patrol_cost": 250, "restraint_cost": 0}
    q = F(20, 33)
    assert extreme("reconciliation-2x2", values) == {
        ((1, 0), (1, 0)), ((1, 0), (q, 1 - q)), ((0, 1), (q, 1 - q)), ((0, 1), (0, 1))}


# disarm-trust -------------------------------------------------------------------------------


def test_disarm_trust_defaults():
    """Regime: Honor 1000 - 250 = 750 < Renege 1000 + 400 - 200 = 1200, so it reneges; the
    rebels compare -1000 with 0 and stay armed (Kreps 1990 trust game logic)."""
    assert spe("disarm-trust") == {
        (plan(rebels="Stay armed", regime="Renege"), (0, 400))}


def test_disarm_trust_regime_indifferent():
    """renege_gain = 0, patrol_cost = 250: Renege gives 1000 + 0 - 250 = 750 = Honor. Two SPE:
    Honor (the rebels then disarm, 650 > 0) and Renege (they stay armed)."""
    assert spe("disarm-trust", {"renege_gain": 0, "patrol_cost": 250}) == {
        (plan(rebels="Disarm", regime="Honor"), (650, 750)),
        (plan(rebels="Stay armed", regime="Renege"), (0, 400)),
    }


def test_disarm_trust_rebels_indifferent():
    """exile_payoff = -1000 = U_N: the regime reneges and the rebels are indifferent."""
    assert spe("disarm-trust", {"exile_payoff": -1000}) == {
        (plan(rebels="Disarm", regime="Renege"), (-1000, 1200)),
        (plan(rebels="Stay armed", regime="Renege"), (-1000, 400)),
    }


def test_disarm_trust_both_indifferent():
    """Both ties at once: Honor -> Disarm (650 > -1000); Renege -> either. Three SPE."""
    values = {"renege_gain": 0, "patrol_cost": 250, "exile_payoff": -1000}
    assert spe("disarm-trust", values) == {
        (plan(rebels="Disarm", regime="Honor"), (650, 750)),
        (plan(rebels="Disarm", regime="Renege"), (-1000, 750)),
        (plan(rebels="Stay armed", regime="Renege"), (-1000, 400)),
    }


# enforcer-reliability -----------------------------------------------------------------------

HONEST_IF_RELIABLE = {"regime_reliable": "Honor", "regime_unreliable": "Renege"}


def test_enforcer_reliability_defaults():
    """Reliable: Honor 750 > Renege 1200 - 600 = 600; Unreliable: Renege 1200 > 750. Rebels:
    Disarm gives r 650 + (1 - r)(-1000) = 1650 r - 1000 = -175 < 0 at r = 1/2: stay armed."""
    assert spe("enforcer-reliability") == {
        (plan(rebels="Stay armed", **HONEST_IF_RELIABLE), (0, 400))}


def test_enforcer_reliability_threshold():
    """At r = 1000/1650 = 20/33 the rebels are indifferent: two SPE. The regime's expected
    payoff after Disarm is 20/33 * 750 + 13/33 * 1200 = 10200/11."""
    assert spe("enforcer-reliability", {"reliability": "20/33"}) == {
        (plan(rebels="Disarm", **HONEST_IF_RELIABLE), (0, F(10200, 11))),
        (plan(rebels="Stay armed", **HONEST_IF_RELIABLE), (0, 400)),
    }


@pytest.mark.parametrize(("r", "expected"), [
    ("0", {(plan(rebels="Stay armed", **HONEST_IF_RELIABLE), (0, 400))}),
    ("2/3", {(plan(rebels="Disarm", **HONEST_IF_RELIABLE), (100, 900))}),
    ("1", {(plan(rebels="Disarm", **HONEST_IF_RELIABLE), (650, 750))}),
])
def test_enforcer_reliability_either_side(r, expected):
    """Above 20/33 the rebels disarm: at r = 2/3, 1650 * 2/3 - 1000 = 100 and the regime gets
    2/3 * 750 + 1/3 * 1200 = 900."""
    assert spe("enforcer-reliability", {"reliability": r}) == expected


def test_enforcer_reliability_regime_indifferent_when_reliable():
    """sanction = 450: a renege under a reliable enforcer gives 1200 - 450 = 750 = Honor. Both
    regime plans are SPE; either way Disarm is worth at most -175 < 0, so the rebels stay."""
    assert spe("enforcer-reliability", {"sanction": 450}) == {
        (plan(rebels="Stay armed", **HONEST_IF_RELIABLE), (0, 400)),
        (plan(rebels="Stay armed", regime_reliable="Renege", regime_unreliable="Renege"),
         (0, 400)),
    }


# strategic-enforcer -------------------------------------------------------------------------


def test_strategic_enforcer_defaults():
    """Enforcer: Protect 500 - 100 = 400 > Acquiesce 500 + 200 - 600 = 100. Regime: Honor 750 >
    Renege-then-Protect 1000 - 250 - 600 = 150. Rebels: Disarm 650 > 0."""
    assert spe("strategic-enforcer") == {
        (plan(rebels="Disarm", regime="Honor", enforcer="Protect"), (650, 750, 500))}


def test_strategic_enforcer_indifferent_enforcer():
    """reputation_cost = 300: Acquiesce gives 400 = Protect. With Acquiesce the regime reneges
    (1200 > 750) and the rebels stay armed: two SPE."""
    assert spe("strategic-enforcer", {"reputation_cost": 300}) == {
        (plan(rebels="Disarm", regime="Honor", enforcer="Protect"), (650, 750, 500)),
        (plan(rebels="Stay armed", regime="Renege", enforcer="Acquiesce"), (0, 400, -300)),
    }


def test_strategic_enforcer_without_reputation():
    """reputation_cost = 0: Acquiesce gives 700 > 400, the guarantee is empty."""
    assert spe("strategic-enforcer", {"reputation_cost": 0}) == {
        (plan(rebels="Stay armed", regime="Renege", enforcer="Acquiesce"), (0, 400, -300))}


# Classic games ------------------------------------------------------------------------------


def test_prisoners_dilemma():
    """Defect strictly dominates (Axelrod 1984 payoffs): unique equilibrium, payoffs (1, 1)."""
    assert extreme("prisoners-dilemma") == {((0, 1), (0, 1))}


def test_matching_pennies():
    """No pure equilibrium; unique mixed equilibrium (1/2, 1/2) (von Neumann-Morgenstern)."""
    half = (F(1, 2), F(1, 2))
    assert extreme("matching-pennies") == {(half, half)}
    assert pure_payoffs("matching-pennies") == set()


def test_battle_of_the_sexes():
    """Two pure equilibria and the mixed one, Row on Bach 2/3, Column on Bach 1/3 (Osborne
    2004, Bach or Stravinsky)."""
    assert extreme("battle-of-the-sexes") == {
        ((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}


def test_stag_hunt():
    """(Stag, Stag), (Hare, Hare), and the mixed equilibrium with Stag at 3/4: 4 q = 3."""
    three_quarters = (F(3, 4), F(1, 4))
    assert extreme("stag-hunt") == {
        ((1, 0), (1, 0)), ((0, 1), (0, 1)), (three_quarters, three_quarters)}


def test_entry_deterrence():
    """Selten (1978): the only SPE is (In, Accommodate); (Out, Fight) is a Nash equilibrium
    resting on an incredible threat."""
    assert spe("entry-deterrence") == {(plan(entrant="In", incumbent="Accommodate"), (1, 1))}
    assert pure_payoffs("entry-deterrence") == {(1, 1), (0, 2)}


def test_kreps_trust():
    """Kreps (1990): the trustee abuses (2 > 1), so the trustor does not trust (0 > -1)."""
    assert spe("kreps-trust") == {(plan(trustor="No trust", trustee="Abuse"), (0, 0))}
    assert pure_payoffs("kreps-trust") == {(0, 0)}


def test_centipede():
    """Rosenthal (1981); McKelvey and Palfrey (1992) payoffs: each mover takes (3.20 > 1.60,
    1.60 > 0.80, 0.80 > 0.40, 0.40 > 0.20), so Red takes at once: (0.40, 0.10)."""
    assert spe("centipede") == {
        (plan(move1="Take", move2="Take", move3="Take", move4="Take"), (F(2, 5), F(1, 10)))}


def test_ultimatum():
    """Offered 0 the responder is indifferent: two SPE, offer 0 accepted (4, 0) and offer 1
    (3, 1) with 0 rejected; every positive offer is accepted (Güth et al. 1982)."""
    accept_positive = {f"offered{k}": "Accept" for k in range(1, 5)}
    assert spe("ultimatum") == {
        (plan(proposer="Offer 0", offered0="Accept", **accept_positive), (4, 0)),
        (plan(proposer="Offer 1", offered0="Reject", **accept_positive), (3, 1)),
    }


def test_selten_horse():
    """Selten (1975): pure equilibria (C, c, L) with (1, 1, 1), player 3 unreached, and
    (D, c, R) with (3, 2, 2): player 3's R is optimal at D, player 2 unreached."""
    assert pure_payoffs("selten-horse") == {(1, 1, 1), (3, 2, 2)}


def test_bagwell_commitment():
    """Bagwell (1995): with noise 1/100 the only pure equilibrium is the Cournot outcome (4, 4);
    with a perfectly observed commitment (noise 0) the Stackelberg outcome (5, 2) is one too."""
    assert pure_payoffs("bagwell-commitment") == {(4, 4)}
    assert pure_payoffs("bagwell-commitment", {"noise": 0}) == {(5, 2), (4, 4)}
