"""Promises under perfect Bayesian equilibrium (``credibility --concept pbe``), against hand
derivations on the games with beliefs."""

from __future__ import annotations

import json

import jsonschema
import pytest
import sympy
from click.testing import CliRunner

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.cli.main import cli
from commit_calc.credibility.perfect_bayesian import assess_pbe
from commit_calc.credibility.promise import parse_promises
from commit_calc.credibility.report import credibility_report
from commit_calc.errors import ParameterError
from commit_calc.io import load_game
from commit_calc.render.schemas import load_schema


@pytest.fixture(scope="module")
def reputation():
    return load_game("reputation-two-cohorts")


def _symbols(game):
    return {p.name: p.symbol for p in game.parameters}


def test_honouring_the_first_cohort_is_credible_through_reputation(reputation):
    """Defaults (prior 2/3 committed, discount 9/10, U_H = 650, U_N = -1000, R_HONOR = 750,
    R_RENEGE = 1200, R_REFUSE = 400). If both types honour the first cohort, the second
    believes Committed with 2/3 and joins (2/3 * 650 - 1/3 * 1000 = 100 >= 0); the
    opportunistic regime then gets 750 + 9/10 * 1200 = 1830 by honouring against
    1200 + 9/10 * 400 = 1560 by reneging (the second cohort refuses after a renege): the
    promise is kept in equilibrium."""
    report = assess_pbe(reputation, parse_promises(reputation,
                                                   ["regime1_opportunistic=Honor"]))
    assert report.credible and report.concept == "pbe" and not report.violations
    assert report.payoffs == {"Cohort 1": 650, "Cohort 2": 100, "Regime": 1560}
    assert report.value_of_commitment == {"Cohort 1": 0, "Cohort 2": 0, "Regime": 0}


def test_the_last_cohort_cannot_be_promised_honour(reputation):
    """In the last period the opportunistic regime gains R_RENEGE - R_HONOR =
    renege_gain + salary - patrol_cost = 450, discounted: 405 at every second-period node.
    Binding honour everywhere makes the second cohort join for sure (650 instead of 100) and
    gives the regime (1 + 9/10) * 750 = 1425 instead of 2/3 * 1425 + 1/3 * 1830 = 1560."""
    report = assess_pbe(reputation, parse_promises(reputation, ["Regime=Honor"]))
    assert not report.credible
    assert {v.where for v in report.violations} == {
        "regime2_honored", "regime2_reneged", "regime2_refused"}
    s = _symbols(reputation)
    for violation in report.violations:
        assert violation.alternative == "Renege" and violation.temptation == 405
        assert sympy.expand(violation.formula - s["discount"] * (
            s["renege_gain"] + s["salary"] - s["patrol_cost"])) == 0
    assert report.value_of_commitment == {"Cohort 1": 0, "Cohort 2": 550, "Regime": -135}


def test_without_a_future_the_first_promise_is_not_credible(reputation):
    """discount = 0: no reputation to earn, so honouring the first cohort costs the
    opportunistic regime renege_gain + salary - patrol_cost = 450, as in disarm-trust."""
    report = assess_pbe(reputation, parse_promises(reputation, ["regime1_opportunistic=Honor"]),
                        {"discount": 0})
    (violation,) = report.violations
    s = _symbols(reputation)
    assert violation.temptation == 450 and violation.alternative == "Renege"
    assert sympy.expand(violation.formula - (s["renege_gain"] + s["salary"]
                                             - s["patrol_cost"])) == 0


def test_costly_implementation_promises():
    """Separating equilibrium at the defaults: after Implement the Rebels believe Committed
    and disarm. For the opportunistic regime Implement gives area_value + renege_gain -
    patrol_cost - signal_cost_opportunistic = 300 against area_value - war_cost = 400 for No
    step: the temptation to break a promise to implement is
    patrol_cost - renege_gain + signal_cost_opportunistic - war_cost = 100. The Rebels'
    promise to disarm after Implement is kept (they believe Committed there)."""
    game = load_game("costly-implementation")
    report = assess_pbe(game, parse_promises(game, ["opportunistic=Implement"]))
    (violation,) = report.violations
    s = _symbols(game)
    assert violation.temptation == 100 and violation.alternative == "No step"
    assert sympy.expand(violation.formula - (s["patrol_cost"] - s["renege_gain"]
                                             + s["signal_cost_opportunistic"]
                                             - s["war_cost"])) == 0
    assert assess_pbe(game, parse_promises(game, ["Implement=Disarm"])).credible


@pytest.mark.parametrize("discount", ["0", "1/4", "1/2", "9/10"])
def test_the_verdict_agrees_with_the_equilibria(reputation, discount):
    """Credible iff some perfect Bayesian equilibrium plays Honor at the first node."""
    report = assess_pbe(reputation, parse_promises(reputation, ["regime1_opportunistic=Honor"]),
                        {"discount": discount})
    numeric = reputation.at({"discount": discount})
    k = numeric.infoset_index("regime1_opportunistic")
    honour = numeric.infosets[k].actions.index("Honor")
    found = perfect_bayesian_equilibria(numeric).equilibria
    assert report.credible == any(e.profile.probabilities[k][honour] == 1 for e in found)


def test_report_and_cli():
    game = load_game("reputation-two-cohorts")
    report = credibility_report(game, ["Regime=Honor"], concept="pbe")
    assert report.condition is None and not report.levers
    assert any("no thresholds" in w for w in report.warnings)
    with pytest.raises(ParameterError, match="expected spe or pbe"):
        credibility_report(game, ["Regime=Honor"], concept="nash")
    result = CliRunner().invoke(cli, ["credibility", "reputation-two-cohorts", "--promise",
                                      "Regime=Honor", "--concept", "pbe", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_schema("credibility-1")).validate(document)
    assert document["concept"] == "pbe" and document["credible"] is False
    text = CliRunner().invoke(cli, ["credibility", "reputation-two-cohorts", "--promise",
                                    "Regime=Honor", "--concept", "pbe"])
    assert "(perfect Bayesian equilibria)" in text.stdout
    assert "405 more than Honor" in text.stdout
