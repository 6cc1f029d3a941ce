"""What would make a promise credible under perfect Bayesian equilibrium: thresholds and the
region (``credibility --concept pbe``), against hand derivations on ``costly-implementation``
and against the verdict at single points."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import jsonschema
import pytest
import sympy
from click.testing import CliRunner

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.cli.main import cli
from commit_calc.credibility.pbe_levers import pbe_credible_region, pbe_levers
from commit_calc.credibility.perfect_bayesian import assess_pbe
from commit_calc.credibility.promise import parse_promises
from commit_calc.credibility.report import credibility_report
from commit_calc.errors import UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.render.schemas import load_schema

SEPARATING = ["committed=Implement", "opportunistic=No step"]


@pytest.fixture(scope="module")
def game():
    return load_game("costly-implementation")


def _hand_thresholds(game):
    """The separating equilibrium (committed: Implement, opportunistic: No step, the Rebels
    Disarm after Implement and Refuse after No step) exists where
    signal_cost_committed <= war_cost - salary (the committed regime implements rather than
    face war), signal_cost_opportunistic >= war_cost + renege_gain - patrol_cost (the
    opportunistic one does not mimic), U_H = salary + amnesty + territorial >= exile_payoff
    (disarm after Implement, believing Committed) and exile_payoff >= U_N =
    -(conscription_cost + retribution_cost) (refuse after No step, believing Opportunistic).
    Each solved for one parameter, the others at the defaults (salary 250, amnesty 300,
    territorial 100, conscription 600, retribution 400, exile 0, war 600, renege 400,
    patrol 200, costs 100 and 900)."""
    d = {p.name: p.default for p in game.parameters}
    return {
        "signal_cost_committed": (d["war_cost"] - d["salary"], "<="),
        "signal_cost_opportunistic": (d["war_cost"] + d["renege_gain"] - d["patrol_cost"],
                                      ">="),
        "renege_gain": (d["signal_cost_opportunistic"] - d["war_cost"] + d["patrol_cost"],
                        "<="),
        "patrol_cost": (d["war_cost"] + d["renege_gain"] - d["signal_cost_opportunistic"],
                        ">="),
        "amnesty": (d["exile_payoff"] - d["salary"] - d["territorial"], ">="),
        "conscription_cost": (-d["exile_payoff"] - d["retribution_cost"], ">="),
    }


def test_thresholds_of_the_separating_promise(game):
    found = {lever.parameter: lever
             for lever in pbe_levers(game, parse_promises(game, SEPARATING))}
    for name, (value, direction) in _hand_thresholds(game).items():
        assert (found[name].value, found[name].direction) == (value, direction), name
        assert found[name].within_bounds
    d = {p.name: p.default for p in game.parameters}
    # war_cost between both: salary + signal_cost_committed and the mimicking cost
    assert found["war_cost"].pieces == ((d["salary"] + d["signal_cost_committed"],
                                         d["signal_cost_opportunistic"] + d["patrol_cost"]
                                         - d["renege_gain"], True, True),)
    assert found["area_value"].text == "always" and found["prior_committed"].text == "always"


def test_a_threshold_outside_the_bounds(game):
    """With war_cost = 200 and signal_cost_committed = 400 the committed regime implements
    only if salary <= war_cost - 400 = -200 (and the Rebels disarm after Implement only if
    salary + amnesty + territorial >= 0, salary >= -400): outside salary's bounds
    (salary >= 0); or if signal_cost_committed <= war_cost - salary = -50, outside its own."""
    values = {"signal_cost_committed": 400, "war_cost": 200, "signal_cost_opportunistic": 1000}
    found = {lever.parameter: lever
             for lever in pbe_levers(game, parse_promises(game, SEPARATING), values)}
    assert found["salary"].pieces == ((-400, -200, True, True),)
    assert not found["salary"].within_bounds
    assert found["signal_cost_committed"].text == "signal_cost_committed <= -50"
    assert not found["signal_cost_committed"].within_bounds


def test_the_region_in_two_parameters(game):
    keep = ("signal_cost_committed", "signal_cost_opportunistic")
    fixed = {p.name: p.default for p in game.parameters if p.name not in keep}
    condition, resolved = pbe_credible_region(game, parse_promises(game, SEPARATING), fixed)
    s = {p.name: p.symbol for p in game.parameters}
    expected = sympy.And(s["signal_cost_committed"] <= 350, s["signal_cost_opportunistic"] >= 800)
    assert resolved and sympy.simplify_logic(sympy.Xor(condition, expected)) is sympy.false


def _random_point(rng, game):
    """A point near the separating conditions' boundaries, often exactly on one."""
    def q(low, high):
        return Fraction(rng.randint(low * 4, high * 4), 4)

    point = {"salary": q(0, 500), "war_cost": q(0, 1000), "renege_gain": q(0, 800),
             "patrol_cost": q(0, 600), "exile_payoff": q(-1200, 800),
             "prior_committed": rng.choice([Fraction(0), Fraction(1), Fraction(1, 2),
                                            Fraction(rng.randint(1, 9), 10)])}
    edge = point["war_cost"] - point["salary"]
    point["signal_cost_committed"] = max(Fraction(0), rng.choice([edge, edge + q(-200, 200)]))
    mimic = point["war_cost"] + point["renege_gain"] - point["patrol_cost"]
    point["signal_cost_opportunistic"] = max(Fraction(0),
                                             rng.choice([mimic, mimic + q(-300, 300)]))
    if rng.random() < 0.2:
        point["exile_payoff"] = rng.choice([point["salary"] + 400, Fraction(-1000)])
    return point


def _credible_at(game, promises, values):
    """The report's verdict at a point; where the game with the promise binding has no pure
    equilibrium (the report then stops), whether some equilibrium plays every promise."""
    try:
        return assess_pbe(game, promises, values).credible
    except UnsupportedGameError:
        numeric = game.at(values)
        wanted = [(numeric.infoset_index(label), numeric.infoset(label).actions.index(action))
                  for p in promises for label, action in p.choices]
        return any(all(e.profile.probabilities[k][a] == 1 for k, a in wanted)
                   for e in perfect_bayesian_equilibria(numeric).equilibria)


@pytest.mark.parametrize("promise", [SEPARATING, ["committed=Implement"], ["Implement=Disarm"],
                                     ["opportunistic=Implement", "No step=Refuse"]])
def test_the_region_agrees_with_the_verdict_at_random_points(game, promise):
    """The region (amnesty, territorial, the conflict costs and area_value fixed) holds at
    a point exactly where the report at that point finds the promise credible."""
    promises = parse_promises(game, promise)
    varied = {"salary", "war_cost", "renege_gain", "patrol_cost", "exile_payoff",
              "prior_committed", "signal_cost_committed", "signal_cost_opportunistic"}
    fixed = {p.name: p.default for p in game.parameters if p.name not in varied}
    condition, _ = pbe_credible_region(game, promises, fixed)
    symbols = {p.name: p.symbol for p in game.parameters}
    rng = random.Random(f"pbe-region-{promise}")
    seen = set()
    for _ in range(20):
        point = _random_point(rng, game)
        holds = condition.xreplace({symbols[n]: sympy.Rational(v) for n, v in point.items()})
        assert holds in (sympy.true, sympy.false), point
        credible = _credible_at(game, promises, {**fixed, **point})
        assert bool(holds) == credible, point
        seen.add(credible)
    if promise == SEPARATING:
        assert seen == {True, False}


def test_the_thresholds_agree_with_the_verdict_on_both_sides(game):
    """Each threshold, checked at the value itself and a little either side."""
    promises = parse_promises(game, SEPARATING)
    for lever in pbe_levers(game, promises):
        if lever.value is None:
            continue
        bounds = game.parameters[lever.parameter]
        for step, side in ((0, True), (Fraction(1, 7), lever.direction[0] == ">"),
                           (Fraction(-1, 7), lever.direction[0] == "<")):
            at = lever.value + step
            if (bounds.lower is not None and at < bounds.lower) or (
                    bounds.upper is not None and at > bounds.upper):
                continue
            verdict = assess_pbe(game, promises, {lever.parameter: at}).credible
            assert verdict == side, (lever.parameter, at)


def test_report_json_and_text(game):
    report = credibility_report(game, SEPARATING, {"prior_committed": "1/2"}, concept="pbe")
    assert report.levers and report.condition is not None and report.resolved
    assert not any("no thresholds" in w for w in report.warnings)
    args = ["credibility", "costly-implementation", "--promise", "committed=Implement",
            "--promise", "opportunistic=No step", "--concept", "pbe",
            "--set", "prior_committed=1/2"]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_schema("credibility-1")).validate(document)
    assert document["thresholds"]["signal_cost_committed"] == {
        "value": "350", "direction": "<=", "within_bounds": True,
        "condition": "signal_cost_committed <= 350"}
    assert document["thresholds"]["signal_cost_opportunistic"]["value"] == "800"
    s = {p.name: p.symbol for p in game.parameters}
    region = sympy.sympify(document["condition"], locals=s)
    at = {s[p.name]: p.default for p in game.parameters if p.name != "prior_committed"}
    assert region.xreplace(at) is sympy.true
    assert region.xreplace({**at, s["signal_cost_opportunistic"]: 799}) is sympy.false
    text = CliRunner().invoke(cli, [*args, "--explain"]).stdout
    assert "signal_cost_opportunistic >= 800" in text
    assert "credible exactly where (given prior_committed = 1/2):" in text
    assert "perfect Bayesian" in text.split("How this is computed:")[1]
