"""Reputation across T cohorts: the Kreps-Wilson priors against a hand derivation, the
profile checked on the T-cohort game (and shown to fail when it is wrong), the two-cohort
tree's pure perfect Bayesian equilibria, and ``repeated --cohorts``."""

from __future__ import annotations

import json

import jsonschema
import pytest
import sympy
from click.testing import CliRunner

import commit_calc.repeated.reputation as reputation
from commit_calc.cli.main import cli
from commit_calc.io import load_game
from commit_calc.render.schemas import load_schema
from commit_calc.repeated.reputation import ReputationModel, check_profile, reputation_report

GAME = load_game("reputation-two-cohorts")
MODEL = ReputationModel.of(GAME)


def test_stage_payoffs_and_thresholds_by_hand():
    values = MODEL.values()
    # U_H = 250 + 300 + 100, U_N = -(600 + 400), exile 0; R_HONOR = 1000 - 250,
    # R_RENEGE = 1000 + 400 - 200, R_REFUSE = 1000 - 600
    assert {k: v.xreplace(values) for k, v in MODEL.payoffs.items()} == {
        "U_H": 650, "U_N": -1000, "exile": 0, "R_HONOR": 750, "R_RENEGE": 1200,
        "R_REFUSE": 400}
    # a cohort joins iff q 650 - (1 - q) 1000 >= 0: q = 1000/1650
    assert MODEL.cohort_threshold.xreplace(values) == sympy.Rational(20, 33)
    # the regime one period earlier is indifferent: 1200 - 750 = 9/10 x (1200 - 400)
    assert MODEL.join_at_threshold.xreplace(values) == sympy.Rational(5, 8)
    q = sympy.Rational(20, 33)
    for cohorts in (1, 2, 5):
        assert [t.xreplace(values) for t in MODEL.priors_needed(cohorts)] == [
            q ** (cohorts - k + 1) for k in range(1, cohorts + 1)]


def test_the_kreps_wilson_formula_in_the_parameters():
    s = {p.name: p.symbol for p in MODEL.parameters}
    q = (s["conscription_cost"] + s["retribution_cost"] + s["exile_payoff"]) / (
        s["salary"] + s["amnesty"] + s["territorial"] + s["conscription_cost"]
        + s["retribution_cost"])
    assert sympy.simplify(MODEL.priors_needed(3)[0] - q ** 3) == 0


@pytest.mark.parametrize("prior", ["2/3", "20/33", "1/2", "400/1089", "3/10", "1/10"])
@pytest.mark.parametrize("cohorts", [1, 2, 3, 4])
def test_the_profile_is_an_equilibrium_of_the_t_cohort_game(prior, cohorts):
    assert check_profile(MODEL, cohorts, MODEL.values({"prior_committed": prior}))


def test_the_check_fails_where_reputation_is_not_worth_it():
    # discount 1/2: x = 450 / (400) > 1, the regime will not wait for the next cohort
    assert not check_profile(MODEL, 3, MODEL.values({"discount": "1/2"}))


def test_the_check_catches_a_wrong_threshold(monkeypatch):
    original = reputation.kreps_wilson_play

    def one_cohort_short(q, x, remaining, belief):  # cohorts believe one fewer is to come
        return original(q, x, max(remaining - 1, 1), belief)

    monkeypatch.setattr(reputation, "kreps_wilson_play", one_cohort_short)
    assert not check_profile(MODEL, 3, MODEL.values({"prior_committed": "3/10"}))


def test_two_cohorts_against_the_belief_machinery():
    # prior above q: pure play (everyone joins, the opportunistic regime honours cohort 1)
    assert reputation_report(GAME, 2).pbe_first_cohort == ("Join",)
    # q**2 < prior < q: the opportunistic regime must mix, no pure equilibrium
    assert reputation_report(GAME, 2, {"prior_committed": "1/2"}).pbe_first_cohort == ()


def run(*args: str):
    return CliRunner().invoke(cli, ["repeated", *args])


def test_cli_json_and_text():
    result = run("reputation-two-cohorts", "--cohorts", "3", "--set", "prior_committed=3/10",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("reputation-1"))
    assert [c["prior_needed"] for c in document["priors_needed"]] == [
        "8000/35937", "400/1089", "20/33"]
    assert [c["disarms_surely"] for c in document["priors_needed"]] == [True, False, False]
    assert document["checked"] is True and document["conditions_hold"] is True
    text = run("reputation-two-cohorts", "--cohorts", "2").stdout
    assert "cohort 1: q**2 = 400/1089" in text and "cohort 1 plays Join" in text


@pytest.mark.parametrize(("args", "code", "message"), [
    (("reputation-two-cohorts", "--cohorts", "3", "--payoff-set"), 2, "only --set"),
    (("prisoners-dilemma", "--cohorts", "3"), 2, "built like reputation-two-cohorts"),
    (("kreps-trust", "--cohorts", "3"), 1, "built like reputation-two-cohorts"),
    (("reputation-two-cohorts", "--cohorts", "0"), 2, "--cohorts"),
    (("reputation-two-cohorts", "--cohorts", "2", "--set", "discount=0"), 1, "'discount'"),
])
def test_cli_refusals(args, code, message):
    result = run(*args)
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output
